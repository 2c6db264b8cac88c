// The client capabilities beyond LSP that this extension implements, announced under
// `capabilities.experimental` in `initialize`: the server then sends snippet fixes as the
// `tauri-acl.insertSnippet` command and `tauri-acl/status` notifications.
//
// Imports only types from the language client, so the protocol test can add it to the
// capabilities of a client built outside VS Code.

import type { ClientCapabilities } from 'vscode-languageserver-protocol';
import type { FeatureState, StaticFeature } from 'vscode-languageclient';

import { PROTOCOL } from './commandIds';

export class ExperimentalFeature implements StaticFeature {
  fillClientCapabilities(capabilities: ClientCapabilities): void {
    capabilities.experimental = {
      ...(capabilities.experimental as Record<string, unknown> | undefined),
      [PROTOCOL.snippetsFlag]: true,
      [PROTOCOL.statusFlag]: true,
    };
  }

  initialize(): void {}

  getState(): FeatureState {
    return { kind: 'static' };
  }

  clear(): void {}
}
