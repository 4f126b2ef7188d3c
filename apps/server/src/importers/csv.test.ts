import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseCsv, parseCsvRecords } from './csv.ts';

test('parses quoted fields with commas, doubled quotes and embedded newlines', () => {
  assert.deepEqual(parseCsv('a,b,c\n1,"x, y","he said ""hi"""\n2,"line1\nline2",z\n'), [
    ['a', 'b', 'c'],
    ['1', 'x, y', 'he said "hi"'],
    ['2', 'line1\nline2', 'z'],
  ]);
});

test('strips a BOM, accepts CRLF and a missing final newline, keeps empty fields', () => {
  assert.deepEqual(parseCsv('\ufeffid,name\r\n1,\r\n2,"b"'), [['id', 'name'], ['1', ''], ['2', 'b']]);
});

test('stray quotes inside unquoted fields are text, and an unterminated quote does not throw', () => {
  assert.deepEqual(parseCsv('1,say "cheese" now,x\n'), [['1', 'say "cheese" now', 'x']]);
  const rows = parseCsv('1,"open\n2,b\n');
  assert.equal(rows.length, 1);
  assert.equal(rows[0]?.[1], 'open\n2,b\n');
});

test('records are keyed by header and padded', () => {
  assert.deepEqual(parseCsvRecords('a,b\n1\n'), [{ a: '1', b: '' }]);
});
