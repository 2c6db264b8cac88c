import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { presentStatus, type AppStatus } from '../../src/statusModel';

const demo: AppStatus = {
  name: 'demo-app',
  root: '/repo/src-tauri',
  plugins: 16,
  permissions: 420,
  capabilities: 4,
  sources: { registry: 6, 'core-table': 10 },
  missingPlugins: [],
  issues: 0,
  platforms: ['linux', 'macOS', 'windows'],
};

describe('presentStatus', () => {
  it('shows sources and counts, and opens the permissions view on click', () => {
    const shown = presentStatus({ kind: 'running', status: { busy: false, apps: [demo] } });
    assert.equal(shown.text, '$(shield) Tauri ACL: 16 plugins · core-table, registry');
    assert.equal(shown.level, 'normal');
    assert.equal(shown.click, 'permissions');
    assert.match(shown.tooltip, /demo-app: 16 plugins \(10 from tauri's command table, 6 from registry crates\), 420 permissions, 4 capabilities; platforms linux, macOS, windows/);
  });

  it('spins while indexing', () => {
    assert.match(presentStatus({ kind: 'running', status: { busy: true, apps: [] } }).text, /sync~spin.*indexing/);
    assert.match(presentStatus({ kind: 'starting' }).text, /sync~spin/);
  });

  it('sends errors and missing sources to the output channel', () => {
    const failed = presentStatus({ kind: 'failed', message: 'The tauri-acl server stopped.' });
    assert.equal(failed.level, 'error');
    assert.equal(failed.click, 'output');
    assert.match(failed.tooltip, /stopped/);

    const errored = presentStatus({ kind: 'running', status: { busy: false, error: 'reloading the workspace failed', apps: [demo] } });
    assert.equal(errored.level, 'error');
    assert.equal(errored.click, 'output');

    const missing = presentStatus({ kind: 'running', status: { busy: false, apps: [{ ...demo, missingPlugins: ['fs', 'shell'] }] } });
    assert.equal(missing.text, '$(warning) Tauri ACL: 16 plugins · core-table, registry · 2 missing');
    assert.equal(missing.level, 'warning');
    assert.equal(missing.click, 'output');
    assert.match(missing.tooltip, /not found for fs, shell \(run `cargo fetch`\)/);
  });

  it('adds up several apps', () => {
    const other: AppStatus = { ...demo, name: 'other', plugins: 3, sources: { 'acl-manifests': 3 } };
    assert.equal(
      presentStatus({ kind: 'running', status: { busy: false, apps: [demo, other] } }).text,
      '$(shield) Tauri ACL: 19 plugins · acl-manifests, core-table, registry',
    );
    assert.match(presentStatus({ kind: 'running', status: { busy: false, apps: [] } }).text, /no app/);
  });
});
