/**
 * Readings of Chinese text in Latin letters (pinyin), which people type for Chinese words (`luying`, `ly` for 露营).
 * The engine ships no reading dictionary: the composition root passes one (pinyin-pro on the server), as it passes
 * the segmenter.
 */
export interface Romanizer {
  readonly name: string;
  /** Toneless lower-case syllables of the Han characters of `text`, one per character: 露营 → lu, ying. */
  syllables(text: string): string[];
}

/**
 * Whether typed letters spell a word's syllables, each in full or by its initial (zh, ch, sh or the first letter):
 * `luying`, `lying`, `luy` and `ly` all spell lu-ying. With `prefix`, typing may stop anywhere (suggestions);
 * otherwise every syllable must be typed, the last one possibly cut short.
 */
export function spells(typed: string, syllables: readonly string[], prefix: boolean): boolean {
  return syllables.length > 0 && spellsFrom(typed, syllables, prefix, 0, 0);
}

// Syllables' initials (zh, ch, sh or the first letter), read once: suggestions and pinyin queries test thousands.
const initials = new Map<string, string>();
function initialOf(s: string): string {
  let initial = initials.get(s);
  if (initial === undefined) {
    initial = /^[zcs]h/.test(s) ? s.slice(0, 2) : s.slice(0, 1);
    if (initials.size < 10_000) initials.set(s, initial);
  }
  return initial;
}

function spellsFrom(typed: string, syllables: readonly string[], prefix: boolean, pos: number, i: number): boolean {
  if (pos === typed.length) return i === syllables.length || (prefix && i > 0);
  if (i === syllables.length) return false;
  const s = syllables[i] as string;
  if (typed.startsWith(s, pos) && spellsFrom(typed, syllables, prefix, pos + s.length, i + 1)) return true;
  const initial = initialOf(s);
  if (typed.startsWith(initial, pos) && spellsFrom(typed, syllables, prefix, pos + initial.length, i + 1)) return true;
  if (initial.length === 2 && typed[pos] === s[0] && spellsFrom(typed, syllables, prefix, pos + 1, i + 1)) return true;
  // The syllable being typed: a longer stub of it than the initial.
  const rest = typed.length - pos;
  return (prefix || i === syllables.length - 1) && rest > initial.length && rest < s.length && s.startsWith(typed.slice(pos));
}
