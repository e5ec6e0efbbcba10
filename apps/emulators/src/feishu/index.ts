// The Feishu attendance (and contact) emulator: an express app faithful to Feishu's paths, envelopes, codes and limits.
export { FeishuEmulator, type FeishuEmulatorCall, type FeishuEmulatorOptions } from './feishu-emulator.js';
export { SAMPLE_GROUP_NAMES, SAMPLE_SHIFT_NAMES } from './feishu-sample-company.js';
export type { StoredDailyShift } from './feishu-tenant.state.js';
export {
  CONTACT_ROUTES,
  type ContactScope,
  MAX_EMAILS_PER_BATCH_GET_ID,
  MAX_MOBILES_PER_BATCH_GET_ID,
  openIdOf,
  unionIdOf,
} from './feishu-contact.handlers.js';
export {
  type DirectoryDepartment,
  type DirectoryUser,
  employeeNoOf,
  SAMPLE_MAIL_DOMAIN,
  sampleContactOf,
} from './feishu-directory.js';
