import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  choiceProbabilities, driftTastes, itemCost, leaveProbability, match, openProbability, portionRead, postRate, returnProbability,
  sigmoid, updateSatisfaction, utility, MATCH, type TasteState,
} from './user-model.ts';

const close = (a: number, b: number, eps = 1e-9) => assert.ok(Math.abs(a - b) < eps, `${a} ≉ ${b}`);

test('choice among a page: a logit over the items and the outside option, summing to one', () => {
  // exp(0) = 1, exp(ln 3) = 3, outside exp(0) = 1: probabilities 1/5, 3/5, 1/5.
  const p = choiceProbabilities([0, Math.log(3)], 0);
  close(p[0]!, 0.2);
  close(p[1]!, 0.6);
  close(p[2]!, 0.2);
  // Large utilities do not overflow.
  const q = choiceProbabilities([1000, 1000], 1000);
  for (const x of q) close(x, 1 / 3);
});

test('an item fits through category taste, tags, kind and language', () => {
  const u: TasteState = {
    tastes: Float64Array.from([1, 0]),
    tags: new Map([['skincare', 1]]),
    kinds: { image: 1, video: 0 },
    languages: new Map([['zh', 1], ['en', 0.5]]),
  };
  const item = { top: 0, kind: 'image' as const, language: 'zh', tags: ['skincare'], quality: 0 };
  // taste 2.5 + tag 0.5 + kind 1.2 + language 0 - centre 2 = 2.2
  close(utility(u, item), MATCH.taste + MATCH.tag + MATCH.kind - MATCH.center);
  close(match(u, item), sigmoid(2.2));
  // Another category, a video (disliked), in a half-readable language: 0 + 0 - 1.2 - 1 - 2 = -4.2.
  close(utility(u, { top: 1, kind: 'video', language: 'en', tags: [], quality: 0 }), -4.2);
});

test('the return probability rises with satisfaction and falls with the outside option\'s pull', () => {
  const p = { returnBase: 0, returnSatisfaction: 4, leave: 0.2 };
  close(returnProbability(p, 0.5, 2), 0.5); // sigmoid(0 + 2 - 2)
  close(returnProbability(p, 1, 2), sigmoid(2)); // 0.8808
  close(returnProbability(p, 0.5, 0), sigmoid(2));
  assert.ok(returnProbability(p, 0.9, 1) > returnProbability(p, 0.1, 1));
  // Leaving for good: leave × P(staying away) = 0.2 × 0.5.
  close(leaveProbability(p, 0.5, 2), 0.1);
  assert.ok(leaveProbability(p, 0.1, 2) > leaveProbability(p, 0.9, 2));
});

test('satisfaction is an exponential average of sessions', () => {
  close(updateSatisfaction(0.5, 1, 0.25), 0.625);
  close(updateSatisfaction(0.8, 0, 1), 0);
});

test('reading, opening and the session budget follow fit', () => {
  close(openProbability(0.3, 0.5), 0.3);
  close(openProbability(0.9, 1), 0.95);
  close(portionRead(1, 0.5, 0), 0.9);
  close(portionRead(1, 1, 0), 1);
  close(portionRead(0.5, 0, -10), 0.02);
  close(itemCost(0.2), 1);
  close(itemCost(1), 0.25);
  assert.ok(itemCost(0.9) < itemCost(0.1));
});

test('tastes drift towards the category consumed', () => {
  const t = Float64Array.from([0.5, 1]);
  driftTastes(t, 0, 0.5, 1, 1); // gain 0.5: 0.5 + 0.5 × 0.5 = 0.75; the other loses 5%.
  close(t[0]!, 0.75);
  close(t[1]!, 0.95);
  driftTastes(t, 0, 0.5, 0, 1); // nothing read, nothing changes
  close(t[0]!, 0.75);
});

test('creators post more when their notes are seen and engaged with', () => {
  close(postRate(1, 0, 0), 0.5);
  close(postRate(1, 10, 1), 1.25); // 0.5 + 0.25 × log2(2) + 0.5 × log2(2)
  close(postRate(1, 1e9, 1e9), 3);
  assert.ok(postRate(2, 100, 5) > postRate(2, 10, 0));
});
