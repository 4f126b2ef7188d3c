import { pinyin } from 'pinyin-pro';
import type { Romanizer } from '@notewave/engine';

const HAN = /\p{Script=Han}/u;

/**
 * Pinyin readings from pinyin-pro (its dictionaries ship in the package; nothing is fetched), the romanizer the
 * server hands its engine so typed pinyin completes and finds Chinese tags (`ly`, `lying` → 露营). Words are read
 * whole, so a character with several readings gets the one its word uses (重庆 → chong qing).
 */
export class PinyinRomanizer implements Romanizer {
  readonly name = 'pinyin-pro';

  syllables(text: string): string[] {
    const han = [...text].filter((c) => HAN.test(c)).join('');
    if (!han) return [];
    // ü is typed as v (绿 → lv), as every pinyin keyboard does.
    return pinyin(han, { toneType: 'none', type: 'array', v: true }).map((s) => s.toLowerCase());
  }
}
