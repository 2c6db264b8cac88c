// The "Tauri Permissions" view: each window → allowed and denied commands → the
// capability, entry and permission behind each, from `tauri-acl/explain`. It refreshes
// when the server re-indexes and when a capability, permission or config file changes,
// and can be narrowed to the windows of one capability (what the code lenses open).

import * as vscode from 'vscode';

import { PERMISSIONS_VIEW } from './commandIds';
import type { Controller } from './controller';
import { childrenOf, platformsOf, present, rootNodes, type ExplainReport, type Node, type ViewOptions } from './explainModel';
import { isTauriAclFile } from './patterns';

const REFRESH_DELAY_MS = 400;

export class PermissionsView implements vscode.TreeDataProvider<Node>, vscode.Disposable {
  private report: ExplainReport | undefined;
  private readonly options: ViewOptions = { platform: hostPlatform() };
  private readonly changed = new vscode.EventEmitter<Node | undefined>();
  private readonly view: vscode.TreeView<Node>;
  private readonly disposables: vscode.Disposable[] = [];
  private stale = true;
  private timer: NodeJS.Timeout | undefined;

  readonly onDidChangeTreeData = this.changed.event;

  constructor(private readonly controller: Controller) {
    this.view = vscode.window.createTreeView(PERMISSIONS_VIEW, { treeDataProvider: this, showCollapseAll: true });
    this.disposables.push(
      this.view,
      this.changed,
      this.view.onDidChangeVisibility((event) => {
        if (event.visible && this.stale) {
          void this.refresh();
        }
      }),
      controller.onDidIndex(() => this.scheduleRefresh()),
      vscode.workspace.onDidChangeTextDocument((event) => {
        if (event.document.uri.scheme === 'file' && isTauriAclFile(event.document.uri.fsPath)) {
          this.scheduleRefresh();
        }
      }),
    );
    this.updateDescription();
  }

  getTreeItem(node: Node): vscode.TreeItem {
    const presentation = present(node);
    const state =
      presentation.expanded === undefined
        ? vscode.TreeItemCollapsibleState.None
        : presentation.expanded
          ? vscode.TreeItemCollapsibleState.Expanded
          : vscode.TreeItemCollapsibleState.Collapsed;
    const item = new vscode.TreeItem(presentation.label, state);
    item.id = presentation.id;
    item.description = presentation.description;
    item.tooltip = presentation.tooltip;
    item.contextValue = node.kind;
    if (presentation.icon !== undefined) {
      item.iconPath = new vscode.ThemeIcon(presentation.icon);
    }
    if (presentation.open !== undefined) {
      const line = Math.max(presentation.open.line - 1, 0);
      item.command = {
        command: 'vscode.open',
        title: 'Open Definition',
        arguments: [vscode.Uri.file(presentation.open.file), { selection: new vscode.Range(line, 0, line, 0) }],
      };
    }
    return item;
  }

  async getChildren(node?: Node): Promise<Node[]> {
    if (node !== undefined) {
      return childrenOf(node);
    }
    if (this.report === undefined || this.stale) {
      await this.load();
    }
    if (this.report === undefined) {
      return [{ kind: 'message', text: this.controller.isRunning ? 'Loading…' : 'The tauri-acl server is not running' }];
    }
    return rootNodes(this.report, this.options);
  }

  getParent(node: Node): Node | undefined {
    return node.parent;
  }

  /** Re-reads the report and redraws. */
  async refresh(): Promise<void> {
    await this.load();
    this.changed.fire(undefined);
  }

  /** Shows every window, or only those of `capability`, and reveals them. */
  async show(capability?: string): Promise<void> {
    this.options.capability = capability;
    await vscode.commands.executeCommand('setContext', 'tauriAcl.permissionsFiltered', capability !== undefined);
    this.updateDescription();
    await this.refresh();
    if (capability !== undefined && this.report !== undefined) {
      for (const node of rootNodes(this.report, this.options)) {
        if (node.kind === 'window') {
          // Revealing is a convenience: a tree redrawn meanwhile may no longer hold the node.
          await Promise.resolve(this.view.reveal(node, { expand: 1, focus: false, select: false })).catch(() => undefined);
        }
      }
    }
  }

  async choosePlatform(): Promise<void> {
    if (this.report === undefined) {
      await this.load();
    }
    const platforms = this.report === undefined ? [] : platformsOf(this.report);
    if (platforms.length === 0) {
      void vscode.window.showInformationMessage('Tauri ACL: no platform to choose from yet.');
      return;
    }
    const picked = await vscode.window.showQuickPick(
      platforms.map((platform) => ({ label: platform, description: platform === this.options.platform ? 'shown' : undefined })),
      { placeHolder: 'Show the effective permissions on…' },
    );
    if (picked !== undefined) {
      this.options.platform = picked.label;
      this.updateDescription();
      this.changed.fire(undefined);
    }
  }

  dispose(): void {
    clearTimeout(this.timer);
    for (const disposable of this.disposables) {
      disposable.dispose();
    }
  }

  private scheduleRefresh(): void {
    this.stale = true;
    if (!this.view.visible) {
      return;
    }
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.refresh(), REFRESH_DELAY_MS);
  }

  private async load(): Promise<void> {
    const report = await this.controller.explain();
    if (report !== undefined) {
      this.report = report;
      this.stale = false;
    }
  }

  private updateDescription(): void {
    const parts = [this.options.platform ?? ''];
    if (this.options.capability !== undefined) {
      parts.push(`capability ${this.options.capability}`);
    }
    this.view.description = parts.filter((part) => part !== '').join(' · ');
  }
}

/** The platform VS Code runs on, in Tauri's spelling. */
function hostPlatform(): string | undefined {
  switch (process.platform) {
    case 'linux':
      return 'linux';
    case 'darwin':
      return 'macOS';
    case 'win32':
      return 'windows';
    default:
      return undefined;
  }
}
