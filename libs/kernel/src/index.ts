export * from './vendor.js';
export * from './sync-vocabulary.js';
export * from './assert-unreachable.js';
export * from './vendor-error.js';
export * from './unreadable-record.js';
export * from './china-day.js';
export * from './identity-vocabulary.js';
