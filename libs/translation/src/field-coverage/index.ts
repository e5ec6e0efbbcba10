// Field coverage (issue #17): the declarations' types, the one renderer, and the translation library's tables.
export * from './field-fate.js';
export * from './render-field-coverage.js';
export { FEISHU_COVERAGE_TABLES } from '../feishu/feishu.coverage.js';
export { WECOM_COVERAGE_TABLES } from '../wecom/wecom.coverage.js';
export { PUNCH_COVERAGE_TABLES } from '../punch/punch.coverage.js';
