/**
 * Sub-topic terms from a title, without a segmenter: Latin words of 3+ letters and Han runs of 2–8
 * characters. Xiaohongshu titles tend to put the sub-topic as a phrase beside the topic word
 * ("DeepSeek 保姆级攻略"), so whole runs are better sub-topic keys than single words would be; long
 * Han sentences are skipped rather than guessed at.
 */
const STOP = new Set(['the', 'and', 'for', 'with', 'you', 'your', 'this', 'that', 'how', 'what', 'are', 'from', 'into', 'just', 'all']);

export function titleTerms(title: string, max = 6): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  const add = (t: string) => {
    if (out.length < max && !seen.has(t)) {
      seen.add(t);
      out.push(t);
    }
  };
  for (const m of title.normalize('NFKC').toLowerCase().matchAll(/[a-z0-9][a-z0-9-]*|[\u4e00-\u9fff]+/g)) {
    const t = m[0];
    const han = /[\u4e00-\u9fff]/.test(t);
    if (han ? t.length >= 2 && t.length <= 8 : t.length >= 3 && !STOP.has(t) && !/^\d+$/.test(t)) add(t);
  }
  return out;
}
