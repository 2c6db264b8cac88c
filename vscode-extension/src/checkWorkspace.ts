// "Tauri ACL: Check Workspace": runs `tauri-acl check --format json` over the workspace
// folders with the same settings the server gets, and puts every finding in the Problems
// panel, including files that are not open. Files open in an editor are left to the
// language server, which keeps their diagnostics live, so nothing is listed twice.

import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as vscode from 'vscode';

import { fromCheckReport, ruleDocsUrl, type CheckDiagnostic, type CheckReport } from './checkModel';
import { DOCUMENT_SELECTOR, type Controller } from './controller';
import { toCheckArguments } from './settings';

const SEVERITY: Record<CheckDiagnostic['severity'], vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
  hint: vscode.DiagnosticSeverity.Hint,
};

export class WorkspaceCheck implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('tauri-acl check');
  private readonly disposables: vscode.Disposable[] = [this.collection];

  constructor(private readonly controller: Controller) {
    // Once a file is open the server reports on it; drop the snapshot from the last check.
    this.disposables.push(
      vscode.workspace.onDidOpenTextDocument((document) => {
        if (isServed(document)) {
          this.collection.delete(document.uri);
        }
      }),
    );
  }

  async run(): Promise<void> {
    const folders = (vscode.workspace.workspaceFolders ?? []).filter((folder) => folder.uri.scheme === 'file');
    if (folders.length === 0) {
      void vscode.window.showInformationMessage('Tauri ACL: open a folder to check it.');
      return;
    }
    const server = this.controller.server ?? this.controller.locate();
    if (server === undefined) {
      return;
    }
    const cwd = folders[0].uri.fsPath;
    const args = [
      'check',
      ...folders.map((folder) => folder.uri.fsPath),
      '--format',
      'json',
      '--color',
      'never',
      ...toCheckArguments(this.controller.settings().settings),
    ];
    this.controller.output.info(`running ${server.path} ${args.join(' ')}`);
    const outcome = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Window, title: 'Tauri ACL: checking the workspace' },
      () => runCheck(server.path, args, cwd),
    );
    if (outcome.kind === 'failed') {
      this.controller.output.error(outcome.message);
      const choice = await vscode.window.showErrorMessage(`Tauri ACL: the check could not run. ${outcome.message}`, 'Show Output');
      if (choice === 'Show Output') {
        this.controller.output.show(true);
      }
      return;
    }
    const result = fromCheckReport(outcome.report, cwd, (file) => {
      try {
        return fs.readFileSync(file, 'utf8');
      } catch {
        return undefined;
      }
    });
    for (const note of result.notes) {
      this.controller.output.warn(note);
    }
    const open = new Set(vscode.workspace.textDocuments.filter(isServed).map((document) => document.uri.fsPath));
    this.collection.clear();
    for (const [file, diagnostics] of result.files) {
      if (!open.has(file)) {
        this.collection.set(vscode.Uri.file(file), diagnostics.map(toVscode));
      }
    }
    const { errors, warnings } = result.summary;
    vscode.window.setStatusBarMessage(`Tauri ACL: ${errors} errors, ${warnings} warnings`, 10000);
    await vscode.commands.executeCommand('workbench.actions.view.problems');
  }

  dispose(): void {
    for (const disposable of this.disposables) {
      disposable.dispose();
    }
  }
}

type Outcome = { kind: 'report'; report: CheckReport } | { kind: 'failed'; message: string };

/** Exit codes 0 and 1 carry a report; 2 means the check could not run. */
function runCheck(command: string, args: string[], cwd: string): Promise<Outcome> {
  return new Promise((resolve) => {
    execFile(command, args, { cwd, maxBuffer: 256 * 1024 * 1024, timeout: 5 * 60 * 1000 }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === 'number' ? error.code : undefined;
      if (code !== 0 && code !== 1) {
        resolve({ kind: 'failed', message: (stderr.trim() || error?.message) ?? 'unknown error' });
        return;
      }
      try {
        resolve({ kind: 'report', report: JSON.parse(stdout) as CheckReport });
      } catch (parseError) {
        resolve({ kind: 'failed', message: `unreadable output: ${String(parseError)}` });
      }
    });
  });
}

function toVscode(diagnostic: CheckDiagnostic): vscode.Diagnostic {
  const result = new vscode.Diagnostic(toRange(diagnostic.range), diagnostic.message, SEVERITY[diagnostic.severity]);
  result.source = 'tauri-acl';
  result.code = { value: diagnostic.code, target: vscode.Uri.parse(ruleDocsUrl(diagnostic.code)) };
  result.relatedInformation = diagnostic.related.map(
    (related) => new vscode.DiagnosticRelatedInformation(new vscode.Location(vscode.Uri.file(related.file), toRange(related.range)), related.message),
  );
  if (diagnostic.unnecessary) {
    result.tags = [vscode.DiagnosticTag.Unnecessary];
  }
  return result;
}

function toRange(range: CheckDiagnostic['range']): vscode.Range {
  return new vscode.Range(range.start.line, range.start.character, range.end.line, range.end.character);
}

function isServed(document: vscode.TextDocument): boolean {
  return vscode.languages.match(DOCUMENT_SELECTOR, document) > 0;
}
