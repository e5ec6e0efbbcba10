export * from './clock.js';
export * from './rate-limiter.js';
export * from './retry.js';
export * from './token-cache.js';
export * from './vendor-transport.js';
export * from './vendor-http-observer.js';
export * from './record-reader.js';
