export * from './attendance-connector.js';
export * from './feishu/feishu-rules.connector.js';
export * from './wecom/wecom-rules.connector.js';
