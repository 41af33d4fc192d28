export * from './lib/domain.js';
export * from './lib/health.js';
