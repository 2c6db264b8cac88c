import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { byteOffsetToPosition, fromCheckReport, type CheckReport } from '../../src/checkModel';

describe('byteOffsetToPosition', () => {
  const text = 'ab\n"dé😀", "x"\r\nz';
  const byteOf = (needle: string) => Buffer.byteLength(text.slice(0, text.indexOf(needle)), 'utf8');

  it('counts UTF-16 code units after multi-byte characters', () => {
    assert.deepEqual(byteOffsetToPosition(text, 0), { line: 0, character: 0 });
    assert.deepEqual(byteOffsetToPosition(text, byteOf('"dé')), { line: 1, character: 0 });
    // `é` is 2 bytes and 1 unit, `😀` 4 bytes and 2 units.
    assert.deepEqual(byteOffsetToPosition(text, byteOf('"x"')), { line: 1, character: '"dé😀", '.length });
    assert.equal('"dé😀", '.length, 8);
    assert.deepEqual(byteOffsetToPosition(text, byteOf('z')), { line: 2, character: 0 });
  });

  it('clamps past the end and inside a character', () => {
    assert.deepEqual(byteOffsetToPosition(text, 10_000), { line: 2, character: 1 });
    // One byte into the emoji is still the emoji's start.
    assert.deepEqual(byteOffsetToPosition(text, byteOf('😀') + 1), { line: 1, character: 3 });
  });
});

describe('fromCheckReport', () => {
  const capability = '{ "permissions": ["😀", "fs:allow-raed"] }';
  const start = Buffer.byteLength(capability.slice(0, capability.indexOf('"fs:')), 'utf8');
  const end = start + Buffer.byteLength('"fs:allow-raed"');
  const report: CheckReport = {
    diagnostics: [
      {
        code: 'unknown-permission',
        severity: 'error',
        message: '`fs:allow-raed` is not a permission',
        notes: ['note: plugin `fs` is read from tauri-plugin-fs 2.7.1 (registry)'],
        location: { file: 'app/caps/a.json', byte_range: [start, end], start: { line: 1, column: start + 1 }, end: { line: 1, column: end + 1 } },
        related: [{ message: 'plugin defined here', location: { file: '/abs/gone.toml', byte_range: [4, 9], start: { line: 3, column: 5 }, end: { line: 3, column: 10 } } }],
      },
      {
        code: 'duplicate-entry',
        severity: 'warning',
        message: 'twice',
        location: { file: 'app/caps/a.json', byte_range: [0, 1], start: { line: 1, column: 1 }, end: { line: 1, column: 2 } },
        unnecessary: true,
      },
    ],
    apps: [{ name: 'app', notes: [{ code: 'missing-plugin-source', severity: 'warning', message: 'no fs sources' }] }],
    summary: { errors: 1, warnings: 1, infos: 0, hints: 0 },
  };

  it('resolves paths against where the check ran and converts byte ranges with the text', () => {
    const result = fromCheckReport(report, '/work', (file) => (file === '/work/app/caps/a.json' ? capability : undefined));
    assert.deepEqual([...result.files.keys()], ['/work/app/caps/a.json']);
    const [unknown, duplicate] = result.files.get('/work/app/caps/a.json') ?? [];
    const column = capability.indexOf('"fs:');
    assert.deepEqual(unknown.range, { start: { line: 0, character: column }, end: { line: 0, character: column + '"fs:allow-raed"'.length } });
    assert.ok(column < start, 'the emoji makes bytes and UTF-16 units differ');
    assert.equal(unknown.severity, 'error');
    assert.equal(unknown.message, '`fs:allow-raed` is not a permission\nnote: plugin `fs` is read from tauri-plugin-fs 2.7.1 (registry)');
    // A related file that cannot be read keeps the CLI's 1-based line and column.
    assert.deepEqual(unknown.related, [
      { file: '/abs/gone.toml', range: { start: { line: 2, character: 4 }, end: { line: 2, character: 9 } }, message: 'plugin defined here' },
    ]);
    assert.equal(duplicate.unnecessary, true);
    assert.equal(duplicate.severity, 'warning');
    assert.deepEqual(result.notes, ['app: warning[missing-plugin-source]: no fs sources']);
  });
});
