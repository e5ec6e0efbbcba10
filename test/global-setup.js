// The process-level tests start the real dist/ entry point: build it first if it is stale.
export { default } from '../scripts/ensure-build.js';
