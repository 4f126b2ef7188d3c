import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseFlags } from './flags.ts';

test('flags are read in both --name value and --name=value forms', () => {
  assert.deepEqual(parseFlags(['--port', '8080', '--host=0.0.0.0'], ['port', 'host', 'db']), { port: '8080', host: '0.0.0.0' });
});

test('an unknown flag is an error that lists the known ones', () => {
  assert.throws(() => parseFlags(['--prot', '8080'], ['port', 'host']), /unknown option --prot \(known: --port, --host\)/);
});

test('a flag without its value is an error, also when the next flag would be taken as the value', () => {
  assert.throws(() => parseFlags(['--port'], ['port']), /--port needs a value/);
  assert.throws(() => parseFlags(['--port', '--host', 'h'], ['port', 'host']), /--port needs a value/);
});

test('a stray argument is an error', () => {
  assert.throws(() => parseFlags(['8080'], ['port']), /unexpected argument '8080'/);
});
