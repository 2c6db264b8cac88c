// Frontend scripts get diagnostics from us and no other feature.

import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { minimatch } from 'minimatch';

import { FEATURES_OFF_SCRIPTS, SCRIPT_EXTENSIONS, SCRIPT_PATTERN, isFrontendScript, scriptMiddleware } from '../../src/scriptDocuments';

const repoRoot = path.resolve(__dirname, '..', '..', '..', '..');
const clientTypes = path.resolve(__dirname, '..', '..', '..', 'node_modules', 'vscode-languageclient', 'lib', 'common');

describe('scripts', () => {
  it('are the files the server scans', () => {
    const source = fs.readFileSync(path.join(repoRoot, 'server/src/workspace/frontend/source_files.rs'), 'utf8');
    const list = /EXTENSIONS: &\[&str\] = &\[([^\]]*)\]/.exec(source)?.[1];
    assert.ok(list !== undefined);
    assert.deepEqual([...list.matchAll(/"([^"]+)"/g)].map((match) => match[1]), [...SCRIPT_EXTENSIONS]);
  });

  it('the selector glob and isFrontendScript agree', () => {
    const cases: [string, boolean][] = [
      ['/p/src/main.ts', true],
      ['/p/src/App.vue', true],
      ['/p/src/lib/Panel.svelte', true],
      ['/p/src/pages/index.astro', true],
      ['/p/src/view.tsx', true],
      ['/p/vite.config.mts', true],
      ['/p/src/types.d.ts', true],
      ['/p/src-tauri/capabilities/default.json', false],
      ['/p/src/main.rs', false],
      ['/p/src/style.css', false],
      ['/p/src/main.ts.orig', false],
    ];
    for (const [file, wanted] of cases) {
      assert.equal(minimatch(file, SCRIPT_PATTERN, { dot: true }), wanted, `glob: ${file}`);
      assert.equal(isFrontendScript(file), wanted, `isFrontendScript: ${file}`);
    }
  });
});

describe('scriptMiddleware', () => {
  const script = { uri: { scheme: 'file', path: '/p/src/main.ts' } };
  const capability = { uri: { scheme: 'file', path: '/p/src-tauri/capabilities/default.json' } };

  it('answers nothing on a script and passes everything else on', () => {
    const middleware = scriptMiddleware();
    for (const name of FEATURES_OFF_SCRIPTS) {
      const calls: unknown[][] = [];
      const next = (...args: unknown[]) => {
        calls.push(args);
        return 'from the server';
      };
      assert.equal(middleware[name](script, 'position', 'token', next), undefined, name);
      assert.equal(calls.length, 0, name);
      assert.equal(middleware[name](capability, 'position', 'token', next), 'from the server', name);
      assert.deepEqual(calls, [[capability, 'position', 'token']], name);
    }
  });

  it('names hooks vscode-languageclient has', () => {
    const declarations = fs
      .readdirSync(clientTypes)
      .filter((file) => file.endsWith('.d.ts'))
      .map((file) => fs.readFileSync(path.join(clientTypes, file), 'utf8'))
      .join('\n');
    for (const name of FEATURES_OFF_SCRIPTS) {
      assert.match(declarations, new RegExp(`\\b${name}\\?: \\(this: void`), name);
    }
  });

  it('covers every feature the server declares but code actions and diagnostics', () => {
    const handlers = fs.readFileSync(path.join(repoRoot, 'server/src/lsp/handlers/mod.rs'), 'utf8');
    const providers = [...handlers.matchAll(/^\s+(\w+)_provider: /gm)].map((match) => match[1]).sort();
    assert.deepEqual(providers, [
      'code_action',
      'code_lens',
      'completion',
      'definition',
      'document_link',
      'document_symbol',
      // Commands run on request, on no document.
      'execute_command',
      'hover',
      'inlay_hint',
      'references',
      'rename',
      'semantic_tokens',
      'workspace_symbol',
    ], 'a new feature: add its hooks to FEATURES_OFF_SCRIPTS (or say here why a script may have it)');
  });
});
