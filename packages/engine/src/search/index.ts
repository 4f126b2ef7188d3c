export * from './search-engine.ts';
export { Analyzer, textFingerprint, type NoteTerms, type NoteText } from './analyzer.ts';
export { IntlSegmenter, LIFESTYLE_WORDS, type Segmenter } from './segmenter.ts';
export { DEFAULT_BM25F, type Bm25fParams, type Field } from './inverted-index.ts';
export { foldText } from './normalize.ts';
export { spells, type Romanizer } from './romanizer.ts';
