import { parseHashtags } from '../domain/hashtags.ts';
import { EngineError } from '../errors.ts';
import { foldText, stripControl } from './normalize.ts';

export const MAX_QUERY_LENGTH = 200;

/** A parsed query, still in words: the analyzer turns it into index terms. */
export interface ParsedQuery {
  /** Cleaned query text (control characters removed, trimmed). */
  text: string;
  /** Free text outside quotes and hashtags. */
  words: string;
  /** Quoted phrases, folded, whitespace collapsed. */
  phrases: string[];
  /** Hashtags, normalised like note tags. */
  tags: string[];
  /** True when the query ends inside a word, so the last word is matched as a prefix (search as you type). */
  prefixLast: boolean;
}

// HTML and XML tags (<script>, </b>, <img src=…>): pasted or hostile markup, never words anyone searches for.
const MARKUP = /<\/?[a-z][^<>]{0,200}>/gi;
const QUOTED = /"([^"]*)"|“([^”]*)”|「([^」]*)」|『([^』]*)』/g;
// Same shapes parseHashtags understands; blanked from the free text once collected.
const HASHTAGS = /#[^#\s[\]]{1,40}(?:\[[^\]#]{1,10}\])?#|#[\p{L}\p{N}_][\p{L}\p{N}_-]{0,39}/gu;

/** Validates and splits a raw query. Throws EngineError('validation_failed') for empty or oversized input. */
export function parseQuery(raw: unknown): ParsedQuery {
  if (typeof raw !== 'string') throw new EngineError('validation_failed', 'The query must be a string.');
  const text = stripControl(raw).replace(/\s+/g, ' ').trim();
  if (text.length === 0) throw new EngineError('validation_failed', 'The query is empty.');
  if (text.length > MAX_QUERY_LENGTH) {
    throw new EngineError('validation_failed', `The query is longer than ${MAX_QUERY_LENGTH} characters.`);
  }
  const phrases: string[] = [];
  let rest = text.replace(MARKUP, ' ').replace(QUOTED, (_m, ...groups: (string | undefined)[]) => {
    const inner = groups.slice(0, 4).find((g) => g !== undefined) ?? '';
    const p = foldText(inner).replace(/\s+/g, ' ').trim();
    if (p) phrases.push(p);
    return ' ';
  });
  const tags = parseHashtags(rest);
  rest = rest.replace(HASHTAGS, ' ');
  const words = rest.replace(/\s+/g, ' ').trim();
  const prefixLast = words.length > 0 && rest.trimStart().length > 0 && /[\p{L}\p{N}]$/u.test(rest);
  return { text, words, phrases, tags, prefixLast };
}
