import type { RunningServer } from './common/emulator-server.js';
import { FeishuEmulator, type FeishuEmulatorOptions } from './feishu/index.js';
import { WecomEmulator, type WecomEmulatorOptions } from './wecom/index.js';

export interface StartEmulatorsOptions {
  readonly host?: string;
  readonly feishuPort?: number;
  readonly wecomPort?: number;
  readonly feishu?: FeishuEmulatorOptions;
  readonly wecom?: WecomEmulatorOptions;
}

export interface RunningEmulators {
  readonly feishu: { readonly emulator: FeishuEmulator; readonly server: RunningServer };
  readonly wecom: { readonly emulator: WecomEmulator; readonly server: RunningServer };
  close(): Promise<void>;
}

/** Both vendor emulators, listening (port 0: any free port), for the CLI, the demo and tests. */
export async function startEmulators(options: StartEmulatorsOptions = {}): Promise<RunningEmulators> {
  const feishu = new FeishuEmulator(options.feishu);
  const wecom = new WecomEmulator(options.wecom);
  const feishuServer = await feishu.listen(options.feishuPort ?? 0, options.host);
  let wecomServer: RunningServer;
  try {
    wecomServer = await wecom.listen(options.wecomPort ?? 0, options.host);
  } catch (error) {
    await feishuServer.close();
    throw error;
  }
  return {
    feishu: { emulator: feishu, server: feishuServer },
    wecom: { emulator: wecom, server: wecomServer },
    close: async () => {
      await Promise.all([feishuServer.close(), wecomServer.close()]);
    },
  };
}
