export * from './recommender.ts';
