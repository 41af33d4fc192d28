export * from './lib/metrics/index.js';
export * from './lib/stats/index.js';
export * from './lib/privacy/index.js';
export * from './lib/calendar/index.js';
export * from './lib/reach/index.js';
export * from './lib/export/index.js';
