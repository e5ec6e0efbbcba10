import type { WecomEmulatorState } from './wecom-emulator.state.js';

/** What a handler knows about the call it answers. */
export interface WecomCallContext {
  readonly state: WecomEmulatorState;
  /** The app whose access_token made the call. */
  readonly app: string;
  /** The emulator clock, unix seconds. */
  readonly nowSeconds: number;
}
