export * from './attendance-connector.js';
export * from './roster-days.js';
export * from './feishu/feishu-rules.connector.js';
export * from './feishu/feishu-rosters.connector.js';
export * from './wecom/wecom-rules.connector.js';
export * from './wecom/wecom-rosters.connector.js';
export * from './feishu/feishu-punches.connector.js';
export * from './wecom/wecom-punches.connector.js';
