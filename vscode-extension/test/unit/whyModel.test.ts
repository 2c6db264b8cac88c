import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { describeWhy, parseTestScopeArgument, scopeQuery, type WhyReport } from '../../src/whyModel';

const lens = {
  uri: 'file:///p/src-tauri/capabilities/default.json',
  capability: 'default',
  permission: 'fs:allow-write-text-file',
  kind: 'path',
  command: 'plugin:fs|write_text_file',
  windows: ['main'],
};

describe('scope lens argument', () => {
  it('accepts what the server sends and refuses anything else', () => {
    assert.deepEqual(parseTestScopeArgument(lens), lens);
    assert.equal(parseTestScopeArgument({ ...lens, kind: 'glob' }), undefined);
    assert.equal(parseTestScopeArgument({ ...lens, windows: [1] }), undefined);
    assert.equal(parseTestScopeArgument('default'), undefined);
  });

  it('builds a why query for the value typed', () => {
    const argument = parseTestScopeArgument(lens)!;
    assert.deepEqual(scopeQuery(argument, 'main', '$APPDATA/x'), {
      command: 'plugin:fs|write_text_file',
      window: 'main',
      path: '$APPDATA/x',
    });
    assert.deepEqual(scopeQuery({ ...argument, kind: 'url' }, 'main', 'https://x'), {
      command: 'plugin:fs|write_text_file',
      window: 'main',
      scopeUrl: 'https://x',
    });
  });
});

describe('why answers', () => {
  const platform = (name: string, allowed: boolean, summary: string) => ({
    platform: name,
    command: 'greet',
    window: 'main',
    allowed,
    summary,
    scope: null,
    notes: [],
  });

  it('says one thing when every platform agrees', () => {
    const report: WhyReport = {
      apps: [{ name: 'app', platforms: [platform('linux', true, 'allowed: x'), platform('macOS', true, 'allowed: x')] }],
    };
    const answer = describeWhy(report);
    assert.equal(answer.allowed, true);
    assert.equal(answer.headline, 'allowed: x');
    assert.match(answer.markdown, /## app on macOS: allowed/);
  });

  it('names the platforms when they differ', () => {
    const report: WhyReport = {
      apps: [{ name: 'app', platforms: [platform('linux', true, 'allowed: x'), platform('android', false, 'denied: y')] }],
    };
    const answer = describeWhy(report);
    assert.equal(answer.allowed, false);
    assert.equal(answer.headline, 'on linux: allowed: x · on android: denied: y');
  });
});
