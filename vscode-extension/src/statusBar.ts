// The status bar item: catalogue sources and counts, a spinner while indexing, and a
// click through to the output channel when something is wrong.

import * as vscode from 'vscode';

import { COMMANDS } from './commandIds';
import { presentStatus, type ServerState } from './statusModel';

export class StatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('tauriAcl.status', vscode.StatusBarAlignment.Left, 10);

  constructor() {
    this.item.name = 'Tauri ACL';
  }

  update(state: ServerState): void {
    const presentation = presentStatus(state);
    this.item.text = presentation.text;
    this.item.tooltip = presentation.tooltip;
    this.item.backgroundColor =
      presentation.level === 'error'
        ? new vscode.ThemeColor('statusBarItem.errorBackground')
        : presentation.level === 'warning'
          ? new vscode.ThemeColor('statusBarItem.warningBackground')
          : undefined;
    this.item.command = presentation.click === 'output' ? COMMANDS.showOutput : COMMANDS.showEffectivePermissions;
    this.item.show();
  }

  dispose(): void {
    this.item.dispose();
  }
}
