// Feishu attendance wire types, spelled as Feishu's JSON (@app/feishu/model). Pure: zod schemas, the types
// inferred from them, and small conversions between the read and the create shapes.
export * from './feishu-common.model.js';
export * from './feishu-token.model.js';
export * from './feishu-group.model.js';
export * from './feishu-shift.model.js';
export * from './feishu-user-flow.model.js';
export * from './feishu-user-daily-shift.model.js';
export * from './feishu-user-task.model.js';
export * from './feishu-contact.model.js';
