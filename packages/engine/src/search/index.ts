export * from './search-engine.ts';
