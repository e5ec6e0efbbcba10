// The Feishu attendance emulator: an express app faithful to Feishu's paths, envelopes, codes and limits.
export { FeishuEmulator, type FeishuEmulatorCall, type FeishuEmulatorOptions } from './feishu-emulator.js';
export { SAMPLE_GROUP_NAMES, SAMPLE_SHIFT_NAMES } from './feishu-sample-company.js';
export type { StoredDailyShift } from './feishu-tenant.state.js';
