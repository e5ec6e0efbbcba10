// @app/feishu: the Feishu attendance client, its Nest module, and (re-exported) the wire model.
export * from './client/feishu.client.js';
export * from './client/feishu-client.options.js';
export * from './client/feishu-endpoints.js';
export * from './client/feishu-partial-failure.util.js';
export * from './client/parse-feishu-error.util.js';
export * from './feishu.module.js';
export * from './model/index.js';
