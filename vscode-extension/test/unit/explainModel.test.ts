import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import {
  childrenOf,
  parseDefinedAt,
  platformsOf,
  present,
  rootNodes,
  windowsOfCapability,
  type AppExplanation,
  type ExplainReport,
  type Node,
} from '../../src/explainModel';

function app(name: string, platforms: AppExplanation['platforms']): AppExplanation {
  return { name, root: `/repo/${name}/src-tauri`, plugins: [], platforms };
}

const grant = (capability: string, permission: string, via: string[] = []) => ({
  capability,
  entry: via[0] ?? permission,
  permission,
  via,
  scope: null,
  defined_at: `/registry/${permission}.toml:7`,
});

const desktop = {
  platform: 'linux',
  capabilities: [
    { identifier: 'default', file: 'capabilities/default.json', windows: ['main'], webviews: [], local: true, remote: [], platforms: null, errors: 0 },
    { identifier: 'shared', file: 'capabilities/shared.json', windows: ['*'], webviews: [], local: true, remote: [], platforms: null, errors: 0 },
  ],
  windows: [
    {
      label: 'main',
      webview: 'main',
      capabilities: ['default', 'shared'],
      allowed: [{ command: 'plugin:fs|read_file', by: [grant('default', 'fs:allow-read-file', ['fs:default']), grant('shared', 'fs:allow-read-file')] }],
      denied: [{ command: 'plugin:fs|remove', by: [grant('shared', 'fs:deny-remove')] }],
    },
    { label: 'about', webview: 'about', capabilities: ['shared'], allowed: [], denied: [] },
  ],
};
const mobile = {
  platform: 'android',
  capabilities: [{ identifier: 'mobile', file: 'capabilities/mobile.toml', windows: ['main'], webviews: [], local: true, remote: [], platforms: ['android'], errors: 0 }],
  windows: [{ label: 'main', webview: 'main', capabilities: ['mobile'], allowed: [], denied: [] }],
};
const report: ExplainReport = { apps: [app('demo', [desktop, mobile])] };

const labels = (nodes: Node[]) => nodes.map((node) => present(node).label);

describe('rootNodes', () => {
  it('shows one app as its windows on the chosen platform', () => {
    assert.deepEqual(labels(rootNodes(report, { platform: 'linux' })), ['main', 'about']);
    assert.deepEqual(labels(rootNodes(report, { platform: 'android' })), ['main']);
    // A platform the app does not target falls back to its first one.
    assert.deepEqual(labels(rootNodes(report, { platform: 'windows' })), ['main', 'about']);
    assert.equal(rootNodes(report, { platform: 'linux' })[0].parent, undefined);
  });

  it('narrows to the windows of one capability, and says why when there are none', () => {
    assert.deepEqual(labels(rootNodes(report, { platform: 'linux', capability: 'default' })), ['main']);
    assert.deepEqual(labels(rootNodes(report, { platform: 'linux', capability: 'mobile' })), [
      'demo: capability `mobile` is not active on linux (only on android)',
    ]);
    assert.deepEqual(labels(rootNodes(report, { platform: 'linux', capability: 'ghost' })), ['No capability `ghost` is active on the platforms checked (linux, android)']);
    assert.deepEqual(labels(rootNodes({ apps: [] }, { platform: 'linux' })), ['No Tauri app in this workspace']);
  });

  it('puts an app level above the windows when there are several apps', () => {
    const two: ExplainReport = { apps: [app('one', [desktop]), app('two', [mobile])] };
    const roots = rootNodes(two, { platform: 'linux' });
    assert.deepEqual(labels(roots), ['one', 'two']);
    assert.deepEqual(present(roots[1]).description, 'android');
    const windows = childrenOf(roots[0]);
    assert.deepEqual(labels(windows), ['main', 'about']);
    assert.equal(windows[0].parent, roots[0]);
  });
});

describe('an app without permissions of its own', () => {
  it("says the app's own commands are unchecked in every window", () => {
    const open: ExplainReport = { apps: [app('template', [{ ...desktop, app_commands_unchecked: true }])] };
    const [main, about] = rootNodes(open, { platform: 'linux' });
    assert.equal(present(main).description, 'default, shared · 1 allowed · 1 denied · app commands unchecked');
    assert.equal(present(about).description, 'shared · 0 allowed · app commands unchecked');
    assert.match(present(main).tooltip ?? '', /call every app command/);
    // Apps with permissions of their own say nothing of the kind.
    assert.doesNotMatch(present(rootNodes(report, { platform: 'linux' })[0]).tooltip ?? '', /app command/);
  });
});

describe('a window down to the capability behind each command', () => {
  const [main] = rootNodes(report, { platform: 'linux' });
  const groups = childrenOf(main);

  it('shows allowed and denied commands with the granting capability', () => {
    assert.equal(present(main).description, 'default, shared · 1 allowed · 1 denied');
    assert.deepEqual(labels(groups), ['Allowed', 'Denied']);
    const [read] = childrenOf(groups[0]);
    assert.equal(present(read).label, 'plugin:fs|read_file');
    assert.equal(present(read).description, '← fs:allow-read-file (default) +1');
    const grants = childrenOf(read);
    assert.deepEqual(labels(grants), ['default', 'shared']);
    assert.equal(present(grants[0]).description, 'fs:default → fs:allow-read-file');
    assert.deepEqual(present(grants[0]).open, { file: '/registry/fs:allow-read-file.toml', line: 7 });
    assert.equal(grants[0].parent, read);
    assert.deepEqual(labels(childrenOf(childrenOf(groups[1])[0])), ['shared']);
  });

  it('leaves out the denied group when nothing is denied, and gives every node a distinct id', () => {
    const about = rootNodes(report, { platform: 'linux' })[1];
    assert.deepEqual(labels(childrenOf(about)), ['Allowed']);
    const ids = new Set<string>();
    const walk = (nodes: Node[]) => {
      for (const node of nodes) {
        const { id } = present(node);
        assert.ok(!ids.has(id), `duplicate id ${id}`);
        ids.add(id);
        walk(childrenOf(node));
      }
    };
    walk(rootNodes(report, { platform: 'linux' }));
    assert.equal(ids.size, 2 + 3 + 1 + 3 + 1);
  });
});

describe('helpers', () => {
  it('lists platforms, windows of a capability and definition sites', () => {
    assert.deepEqual(platformsOf(report), ['linux', 'android']);
    assert.deepEqual(windowsOfCapability(report, 'shared', 'linux'), ['main', 'about']);
    assert.deepEqual(windowsOfCapability(report, 'mobile', 'android'), ['main']);
    assert.deepEqual(parseDefinedAt('C:\\reg\\fs\\read.toml:12'), { file: 'C:\\reg\\fs\\read.toml', line: 12 });
    assert.equal(parseDefinedAt('build.rs'), undefined);
  });
});
