// Entry point: wires the language client, the status bar, the permissions view, the
// workspace check and the commands together. Activated when the workspace holds a Tauri
// config (see `activationEvents` in package.json).

import * as vscode from 'vscode';

import { WorkspaceCheck } from './checkWorkspace';
import { registerCommands } from './commands';
import { Controller, SECTION } from './controller';
import { PermissionsView } from './permissionsView';
import { StatusBar } from './statusBar';

let controller: Controller | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const output = vscode.window.createOutputChannel('Tauri ACL', { log: true });
  controller = new Controller(context.extensionPath, output);
  const statusBar = new StatusBar();
  const view = new PermissionsView(controller);
  const check = new WorkspaceCheck(controller);
  context.subscriptions.push(
    output,
    controller,
    statusBar,
    view,
    check,
    controller.onDidChangeState((state) => statusBar.update(state)),
    ...registerCommands({ controller, view, check }),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration(`${SECTION}.server`)) {
        void controller?.restart();
      } else if (event.affectsConfiguration(SECTION)) {
        void controller?.sendConfiguration();
      }
    }),
  );
  statusBar.update(controller.state);
  await vscode.commands.executeCommand('setContext', 'tauriAcl.active', true);
  await controller.start();
}

export async function deactivate(): Promise<void> {
  await controller?.stop();
  controller = undefined;
}
