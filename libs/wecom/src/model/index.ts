// Wire types of WeCom's checkin and contact APIs, spelled exactly as WeCom's JSON, with the zod schemas that decode
// them. Pure: no framework, no HTTP, no clock. Importable on its own as `@app/wecom/model`.
export * from './wecom-envelope.model.js';
export * from './checkin-option.model.js';
export * from './checkin-data.model.js';
export * from './checkin-schedule.model.js';
export * from './checkin-day-data.model.js';
export * from './checkin-option-read-defaults.js';
export * from './legacy-units.util.js';
export * from './contact.model.js';
