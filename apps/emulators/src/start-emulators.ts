import type { RunningServer } from './common/emulator-server.js';
import { FeishuEmulator, type FeishuEmulatorOptions } from './feishu/index.js';
import type { GeneratedCompany } from './sample-company/generated-company.js';
import { WecomEmulator, type WecomEmulatorOptions } from './wecom/index.js';

export interface StartEmulatorsOptions {
  readonly host?: string;
  readonly feishuPort?: number;
  readonly wecomPort?: number;
  readonly feishu?: FeishuEmulatorOptions;
  readonly wecom?: WecomEmulatorOptions;
  /**
   * A generated company (generateCompany) as both directories, in place of the sample company's; the WeCom
   * seat limit behind the lookups' day budget is the company's unless `wecom.contact.seatLimit` says otherwise.
   */
  readonly company?: GeneratedCompany;
}

export interface RunningEmulators {
  readonly feishu: { readonly emulator: FeishuEmulator; readonly server: RunningServer };
  readonly wecom: { readonly emulator: WecomEmulator; readonly server: RunningServer };
  close(): Promise<void>;
}

/** Both vendor emulators, listening (port 0: any free port), for the CLI, the demo and tests. */
export async function startEmulators(options: StartEmulatorsOptions = {}): Promise<RunningEmulators> {
  const company = options.company;
  const feishu = new FeishuEmulator(company ? { ...options.feishu, directory: company.feishu } : options.feishu);
  const wecom = new WecomEmulator(
    company
      ? {
          ...options.wecom,
          directory: company.wecom,
          contact: { seatLimit: company.wecom.seatLimit, ...options.wecom?.contact },
        }
      : options.wecom,
  );
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
