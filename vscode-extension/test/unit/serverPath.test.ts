import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';

import { bundledServerPath, isExecutableFile, locateServer, type LocateInput } from '../../src/serverPath';

/** A temporary folder with `files` (path → executable?). */
function tree(files: Record<string, boolean>): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'tauri-acl-locate-'));
  for (const [file, executable] of Object.entries(files)) {
    const full = path.join(root, file);
    fs.mkdirSync(path.dirname(full), { recursive: true });
    fs.writeFileSync(full, '#!/bin/sh\n');
    fs.chmodSync(full, executable ? 0o755 : 0o644);
  }
  return root;
}

function input(root: string, overrides: Partial<LocateInput>): LocateInput {
  return {
    configured: '',
    extensionPath: path.join(root, 'extension'),
    platform: 'linux',
    env: { PATH: [path.join(root, 'empty'), path.join(root, 'bin')].join(':') },
    context: { home: path.join(root, 'home'), workspaceFolder: path.join(root, 'workspace') },
    isExecutable: isExecutableFile,
    ...overrides,
  };
}

describe('locateServer on real files', { skip: process.platform === 'win32' ? 'POSIX permissions' : false }, () => {
  const root = tree({
    'extension/server/tauri-acl': true,
    'bin/tauri-acl': true,
    'home/.local/bin/tauri-acl': true,
    'workspace/target/debug/tauri-acl': true,
    'home/not-executable': false,
  });

  it('prefers the setting, with ~ and relative paths expanded', () => {
    assert.deepEqual(locateServer(input(root, { configured: '~/.local/bin/tauri-acl' })), {
      ok: true,
      location: { path: path.join(root, 'home/.local/bin/tauri-acl'), source: 'setting' },
    });
    assert.deepEqual(locateServer(input(root, { configured: ' target/debug/tauri-acl ' })), {
      ok: true,
      location: { path: path.join(root, 'workspace/target/debug/tauri-acl'), source: 'setting' },
    });
  });

  it('reports a setting that names no executable instead of falling back', () => {
    for (const configured of ['~/not-executable', '~/missing', '~']) {
      const result = locateServer(input(root, { configured }));
      assert.equal(result.ok, false);
      assert.match(!result.ok ? result.message : '', /tauriAcl\.server\.path is set to .* not an executable file/);
    }
  });

  it('then takes the binary shipped in the extension, then PATH', () => {
    assert.deepEqual(locateServer(input(root, {})), {
      ok: true,
      location: { path: path.join(root, 'extension/server/tauri-acl'), source: 'bundled' },
    });
    assert.deepEqual(locateServer(input(root, { extensionPath: path.join(root, 'elsewhere') })), {
      ok: true,
      location: { path: path.join(root, 'bin/tauri-acl'), source: 'PATH' },
    });
  });

  it('says what to do when there is none', () => {
    const result = locateServer(input(root, { extensionPath: path.join(root, 'elsewhere'), env: { PATH: path.join(root, 'home') } }));
    assert.equal(result.ok, false);
    assert.match(!result.ok ? result.message : '', /not found.*tauriAcl\.server\.path/);
    assert.equal(locateServer(input(root, { extensionPath: path.join(root, 'elsewhere'), env: {} })).ok, false);
  });
});

describe('locateServer on Windows', () => {
  it('looks for tauri-acl.exe in the extension and on Path, split at semicolons', () => {
    const present = new Set(['C:\\ext\\server\\tauri-acl.exe', 'D:\\Tools\\tauri-acl.exe', 'D:\\Tools\\tauri-acl']);
    const windows = (overrides: Partial<LocateInput>): LocateInput => ({
      configured: undefined,
      extensionPath: 'C:\\ext',
      platform: 'win32',
      env: { Path: 'C:\\Windows;"D:\\Tools"' },
      context: { home: 'C:\\Users\\ada' },
      isExecutable: (file) => present.has(file),
      ...overrides,
    });
    assert.equal(bundledServerPath('C:\\ext', 'win32'), 'C:\\ext\\server\\tauri-acl.exe');
    assert.deepEqual(locateServer(windows({})), { ok: true, location: { path: 'C:\\ext\\server\\tauri-acl.exe', source: 'bundled' } });
    assert.deepEqual(locateServer(windows({ extensionPath: 'C:\\other' })), {
      ok: true,
      location: { path: 'D:\\Tools\\tauri-acl.exe', source: 'PATH' },
    });
  });
});

describe('isExecutableFile', { skip: process.platform === 'win32' ? 'POSIX permissions' : false }, () => {
  it('wants a regular file with the execute bit', () => {
    const root = tree({ 'yes': true, 'no': false });
    assert.equal(isExecutableFile(path.join(root, 'yes')), true);
    assert.equal(isExecutableFile(path.join(root, 'no')), false);
    assert.equal(isExecutableFile(root), false);
    assert.equal(isExecutableFile(path.join(root, 'missing')), false);
  });
});
