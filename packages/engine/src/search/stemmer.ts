/**
 * Light English stemmer: Porter's step 1a (plurals) and a conservative step 1b (-ed, -ing), which is
 * where most recall is won for short lifestyle notes. Later Porter steps conflate too eagerly
 * ("organization" → "organ") for a product search box.
 */
const VOWEL = /[aeiouy]/;

export function stem(word: string): string {
  if (word.length <= 3 || !/^[a-z]+$/.test(word)) return word;
  let w = word;
  if (w.endsWith('sses')) w = w.slice(0, -2);
  else if (w.endsWith('ies')) w = w.length > 4 ? w.slice(0, -2) : w.slice(0, -1);
  else if (w.endsWith('ss') || w.endsWith('us') || w.endsWith('is')) {
    // "glass", "bonus", "analysis" are not plurals
  } else if (w.endsWith('s')) w = w.slice(0, -1);

  if (!w.endsWith('eed')) {
    for (const suffix of ['ing', 'ed']) {
      if (!w.endsWith(suffix)) continue;
      const base = w.slice(0, -suffix.length);
      if (base.length >= 3 && VOWEL.test(base)) w = restore(base);
      break;
    }
  }
  // A final silent e is dropped everywhere, so "style", "styled" and "styling" meet at "styl".
  return w.length > 3 && w.endsWith('e') && !w.endsWith('ee') ? w.slice(0, -1) : w;
}

// Porter's step-1b clean-up: "hoping" → "hope", "running" → "run", "sized" → "size".
function restore(base: string): string {
  if (base.endsWith('at') || base.endsWith('bl') || base.endsWith('iz')) return base + 'e';
  const a = base[base.length - 1] as string;
  const b = base[base.length - 2] as string;
  if (a === b && !'lsz'.includes(a)) return base.slice(0, -1);
  if (base.length === 3 && !VOWEL.test(a) && VOWEL.test(b) && !VOWEL.test(base[0] as string) && !'wxy'.includes(a)) return base + 'e';
  return base;
}
