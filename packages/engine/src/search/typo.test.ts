import { test } from 'node:test';
import assert from 'node:assert/strict';
import { editDistance } from './typo.ts';

test('edit distance counts insertions, deletions, substitutions and adjacent swaps, capped', () => {
  assert.equal(editDistance('cofee', 'coffee', 2), 1);
  assert.equal(editDistance('restuarant', 'restaurant', 2), 1);
  assert.equal(editDistance('latte', 'lattes', 1), 1);
  assert.equal(editDistance('kitten', 'sitting', 3), 3);
  assert.equal(editDistance('kitten', 'sitting', 1), 2, 'capped at max + 1');
  assert.equal(editDistance('same', 'same', 1), 0);
});
