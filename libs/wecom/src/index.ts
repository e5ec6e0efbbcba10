export * from './client/wecom.client.js';
export * from './client/parse-wecom-error.util.js';
export * from './client/wecom-apis.constants.js';
export * from './wecom.module.js';
export * from './wecom.options.js';
export * from './model/index.js';
