export * from './lib/domain.js';
export * from './lib/health.js';
export * from './lib/auth.js';
export * from './lib/analytics.js';
export * from './lib/planning.js';
export * from './lib/campaigns.js';
export * from './lib/imports.js';
export * from './lib/reports.js';
