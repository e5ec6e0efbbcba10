export * from './feishu-variance.arbitraries.js';
export * from './record-mangle.util.js';
export * from './variance-company.loader.js';
export * from './variance-fields.util.js';
export * from './wecom-variance.arbitraries.js';
