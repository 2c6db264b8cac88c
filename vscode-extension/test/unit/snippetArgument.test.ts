import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { forInsertion, parseSnippetArgument } from '../../src/snippetArgument';

describe('parseSnippetArgument', () => {
  const range = { start: { line: 3, character: 4 }, end: { line: 3, character: 20 } };

  it('accepts what the server sends', () => {
    const argument = { uri: 'file:///a/b.json', range, snippet: '{ "identifier": "x", "allow": [${1}] }' };
    assert.deepEqual(parseSnippetArgument(argument), argument);
  });

  it('refuses anything else', () => {
    for (const bad of [
      undefined,
      null,
      'text',
      { uri: 'file:///a', range },
      { uri: 1, range, snippet: '' },
      { uri: 'file:///a', range: { start: { line: -1, character: 0 }, end: range.end }, snippet: '' },
      { uri: 'file:///a', range: { start: { line: 0.5, character: 0 }, end: range.end }, snippet: '' },
      { uri: 'file:///a', range: { start: range.start }, snippet: '' },
    ]) {
      assert.equal(parseSnippetArgument(bad), undefined, JSON.stringify(bad));
    }
  });
});

describe('forInsertion', () => {
  it("removes the start line's indentation that VS Code adds back", () => {
    const snippet = '{\n      "identifier": "fs:allow-read",\n      "allow": [${1}]\n    }';
    assert.equal(forInsertion(snippet, '    "fs:allow-read",'), '{\n  "identifier": "fs:allow-read",\n  "allow": [${1}]\n}');
    assert.equal(forInsertion(snippet, '"fs:allow-read"'), snippet);
    assert.equal(forInsertion('a\nb', '\tx'), 'a\nb');
  });
});
