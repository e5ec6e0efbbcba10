export { WecomEmulator, WECOM_DEFAULT_RATE_LIMITS } from './wecom-emulator.js';
export type {
  ScriptedResponse,
  WecomCallView,
  WecomEmulatorOptions,
  WecomRuleView,
  WecomScheduleView,
} from './wecom-emulator.js';
export type { StoredPunch as WecomStoredPunch } from './wecom-emulator.state.js';
export { mergeCheckinOptionUpdate } from './checkin-option.handler.js';
export {
  SAMPLE_FIXED_RULE_NAME,
  SAMPLE_PUNCH_DAYS,
  SAMPLE_ROOT_DEPARTMENT,
  SAMPLE_SCHEDULE_IDS,
  SAMPLE_SHIFT_RULE_NAME,
} from './wecom-sample-company.js';
export { DEFAULT_CONTACT_ACCESS } from './contact.handler.js';
export type { WecomContactAccess } from './contact.handler.js';
export type {
  DirectoryDepartment as WecomDirectoryDepartment,
  DirectoryUser as WecomDirectoryMember,
} from './wecom-emulator.state.js';
