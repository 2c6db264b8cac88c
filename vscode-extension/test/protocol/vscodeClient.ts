// The client capabilities VS Code sends with this extension: computed by the pinned
// vscode-languageclient itself (its `computeClientCapabilities`, every built-in feature
// plus our `ExperimentalFeature`), with a stand-in for the `vscode` module so that it
// loads outside the editor. Nothing here is written by hand, so the test follows the
// library when its version changes.

import Module = require('node:module');
import type { ClientCapabilities } from 'vscode-languageserver-protocol';

import { ExperimentalFeature } from '../../src/experimentalFeature';
import { DOCUMENT_PATTERNS } from '../../src/patterns';

/** Any property of any depth, callable and constructible; `vscode.version` is real. */
function standIn(name: string): unknown {
  const target = function () {};
  return new Proxy(target, {
    get(_, property) {
      if (property === 'then' || property === Symbol.iterator) {
        return undefined;
      }
      if (property === Symbol.toPrimitive) {
        return () => name;
      }
      return standIn(`${name}.${String(property)}`);
    },
    apply: () => standIn(`${name}()`),
    construct: () => standIn(`new ${name}`) as object,
  });
}

export function vscodeClientCapabilities(): ClientCapabilities {
  const loader = Module as unknown as { _load: (request: string, ...rest: unknown[]) => unknown };
  const original = loader._load;
  const vscode = standIn('vscode') as Record<string | symbol, unknown>;
  loader._load = function (request: string, ...rest: unknown[]) {
    if (request === 'vscode') {
      return new Proxy({}, { get: (_, property) => (property === 'version' ? '1.91.0' : vscode[property]) });
    }
    return original.call(this, request, ...rest);
  };
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { LanguageClient } = require('vscode-languageclient/node') as typeof import('vscode-languageclient/node');
    const client = new LanguageClient('tauriAcl', 'Tauri ACL', { command: 'tauri-acl' }, {
      documentSelector: DOCUMENT_PATTERNS.map((pattern) => ({ scheme: 'file', pattern })),
    });
    client.registerFeature(new ExperimentalFeature());
    const compute = (client as unknown as { computeClientCapabilities(): ClientCapabilities }).computeClientCapabilities;
    return JSON.parse(JSON.stringify(compute.call(client))) as ClientCapabilities;
  } finally {
    loader._load = original;
  }
}
