export * from './top-k.ts';
export * from './metrics.ts';
export * from './evaluate.ts';
