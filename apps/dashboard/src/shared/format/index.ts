/** The dashboard's one format module: numbers, dates and labels for people. */
export * from './numbers';
export * from './dates';
export * from './labels';
