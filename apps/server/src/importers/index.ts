export { parseCsv, parseCsvRecords, readCsvRecords } from './csv.ts';
export { readQilinNotes, parseQilinNotes, qilinRecordToNote, QILIN_NOTES_FILE, type QilinNote } from './qilin.ts';
export { readKuairecNotes, parseKuairecNotes, kuairecRecordToNote, KUAIREC_CAPTIONS_FILE, KUAIREC_CATEGORY_MAP } from './kuairec.ts';
export { CATEGORY_KEYWORDS, guessCategory } from './category-keywords.ts';
export { type ImportOptions, IMPORT_DEFAULTS } from './synth.ts';
