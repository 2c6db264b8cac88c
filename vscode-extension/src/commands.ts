// The extension's commands, one handler each. `Record<CommandId, …>` makes the compiler
// insist that every id in `commandIds.ts` has a handler here; adding a command (such as
// a future "why is this call allowed" input box) is one entry there, one here and one in
// package.json.

import * as vscode from 'vscode';
import {
  ExecuteCommandRequest,
  SymbolKind,
  WorkspaceSymbolRequest,
  type SymbolInformation,
} from 'vscode-languageclient/node';

import type { WorkspaceCheck } from './checkWorkspace';
import { COMMANDS, PERMISSIONS_VIEW, PROTOCOL, type CommandId } from './commandIds';
import { DOCUMENT_SELECTOR, type Controller } from './controller';
import type { PermissionsView } from './permissionsView';
import { forInsertion, parseSnippetArgument } from './snippetArgument';
import {
  describeWhy,
  parseTestScopeArgument,
  placeholderFor,
  scopeQuery,
  type WhyQuery,
  type WhyReport,
} from './whyModel';

export interface CommandDeps {
  controller: Controller;
  view: PermissionsView;
  check: WorkspaceCheck;
}

type Handler = (...args: unknown[]) => unknown;

export function registerCommands(deps: CommandDeps): vscode.Disposable[] {
  const { controller, view, check } = deps;
  const handlers: Record<CommandId, Handler> = {
    [COMMANDS.restartServer]: () => controller.restart(),
    [COMMANDS.checkWorkspace]: () => check.run(),
    [COMMANDS.showEffectivePermissions]: async (capability) => {
      await vscode.commands.executeCommand(`${PERMISSIONS_VIEW}.focus`);
      await view.show(typeof capability === 'string' ? capability : undefined);
    },
    [COMMANDS.openPermissionDefinition]: () => openPermissionDefinition(controller),
    [COMMANDS.showOutput]: () => controller.output.show(true),
    [COMMANDS.insertSnippet]: (argument) => insertSnippet(controller, argument),
    [COMMANDS.testScope]: (argument) => testScope(controller, argument),
    [COMMANDS.askWhy]: () => askWhy(controller),
    [COMMANDS.refreshPermissions]: () => view.refresh(),
    [COMMANDS.choosePlatform]: () => view.choosePlatform(),
    [COMMANDS.showAllWindows]: () => view.show(undefined),
  };
  return Object.entries(handlers).map(([id, handler]) => vscode.commands.registerCommand(id, handler));
}

/** Replaces a range with a snippet, so the user tabs through the placeholders. */
async function insertSnippet(controller: Controller, argument: unknown): Promise<void> {
  const parsed = parseSnippetArgument(argument);
  if (parsed === undefined) {
    controller.output.error(`${COMMANDS.insertSnippet}: unexpected argument ${JSON.stringify(argument)}`);
    return;
  }
  const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(parsed.uri, true));
  const editor = await vscode.window.showTextDocument(document);
  const { start, end } = parsed.range;
  const range = document.validateRange(new vscode.Range(start.line, start.character, end.line, end.character));
  const snippet = forInsertion(parsed.snippet, document.lineAt(range.start.line).text);
  await editor.insertSnippet(new vscode.SnippetString(snippet), range);
}

/** Asks for a path or URL and whether the lens's entry lets a window use it. */
async function testScope(controller: Controller, argument: unknown): Promise<void> {
  const parsed = parseTestScopeArgument(argument);
  if (parsed === undefined) {
    controller.output.error(`${COMMANDS.testScope}: unexpected argument ${JSON.stringify(argument)}`);
    return;
  }
  let window: string | undefined = parsed.windows[0];
  if (parsed.windows.length > 1) {
    window = await vscode.window.showQuickPick(parsed.windows, { placeHolder: 'The window making the call' });
  } else if (window === undefined) {
    window = await vscode.window.showInputBox({ prompt: 'The label of the window making the call', value: 'main' });
  }
  if (window === undefined) {
    return;
  }
  const value = await vscode.window.showInputBox({
    prompt: `A ${parsed.kind} to test against the scope of ${parsed.permission} (${parsed.command} from \`${window}\`)`,
    placeHolder: placeholderFor(parsed.kind),
  });
  if (value === undefined || value.trim() === '') {
    return;
  }
  await answer(controller, scopeQuery(parsed, window, value.trim()));
}

/** "Is this call allowed?" from the command palette. */
async function askWhy(controller: Controller): Promise<void> {
  const command = await vscode.window.showInputBox({
    prompt: 'The command, as the frontend invokes it',
    placeHolder: 'plugin:fs|read_text_file, fs.read_text_file or an app command',
  });
  if (command === undefined || command.trim() === '') {
    return;
  }
  const window = await vscode.window.showInputBox({ prompt: 'The label of the window making the call', value: 'main' });
  if (window === undefined || window.trim() === '') {
    return;
  }
  const value = await vscode.window.showInputBox({
    prompt: 'Optionally, a path or URL to test against the command\'s scope',
    placeHolder: '$APPDATA/notes/todo.md or https://api.example.com/users',
  });
  if (value === undefined) {
    return;
  }
  const query: WhyQuery = { command: command.trim(), window: window.trim() };
  const tested = value.trim();
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(tested)) {
    query.scopeUrl = tested;
  } else if (tested !== '') {
    query.path = tested;
  }
  await answer(controller, query);
}

/** Runs the server's `tauri-acl.why` and shows the answer, with details on request. */
async function answer(controller: Controller, query: WhyQuery): Promise<void> {
  const client = controller.languageClient;
  if (client === undefined) {
    void vscode.window.showWarningMessage('Tauri ACL: the server is not running.');
    return;
  }
  const report = (await client.sendRequest(ExecuteCommandRequest.type, {
    command: PROTOCOL.why,
    arguments: [query],
  })) as WhyReport | null;
  if (report === null) {
    return;
  }
  const described = describeWhy(report);
  const show = described.allowed ? vscode.window.showInformationMessage : vscode.window.showWarningMessage;
  const choice = await show(`Tauri ACL: ${described.headline}`, 'Show Details');
  if (choice === 'Show Details') {
    const document = await vscode.workspace.openTextDocument({ language: 'markdown', content: described.markdown });
    await vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.Beside, preview: true });
  }
}

/**
 * Jumps to where the permission under the cursor is defined; elsewhere (or when the
 * cursor is on nothing the server knows), offers the whole catalogue to search.
 */
async function openPermissionDefinition(controller: Controller): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  let query = '';
  if (editor !== undefined && vscode.languages.match(DOCUMENT_SELECTOR, editor.document) > 0) {
    const position = editor.selection.active;
    const locations = await vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[] | undefined>(
      'vscode.executeDefinitionProvider',
      editor.document.uri,
      position,
    );
    const first = locations?.[0];
    if (first !== undefined) {
      const uri = 'targetUri' in first ? first.targetUri : first.uri;
      const range = 'targetUri' in first ? (first.targetSelectionRange ?? first.targetRange) : first.range;
      await vscode.window.showTextDocument(uri, { selection: range });
      return;
    }
    const word = editor.document.getWordRangeAtPosition(position, /[A-Za-z0-9_:-]+/);
    query = word === undefined ? '' : editor.document.getText(word);
  }
  const client = controller.languageClient;
  if (client === undefined) {
    void vscode.window.showWarningMessage('Tauri ACL: the server is not running.');
    return;
  }

  type Item = vscode.QuickPickItem & { symbol: SymbolInformation };
  const picker = vscode.window.createQuickPick<Item>();
  picker.placeholder = 'Permission, set, default or capability';
  picker.matchOnDescription = true;
  picker.value = query;
  let request = 0;
  const search = async (value: string) => {
    const id = ++request;
    picker.busy = true;
    const symbols = (await client.sendRequest(WorkspaceSymbolRequest.type, { query: value })) as SymbolInformation[] | null;
    if (id !== request) {
      return;
    }
    picker.busy = false;
    picker.items = (symbols ?? []).map((symbol) => ({
      label: symbol.name,
      description: symbol.containerName,
      iconPath: new vscode.ThemeIcon(symbol.kind === SymbolKind.Module ? 'symbol-module' : 'symbol-constant'),
      symbol,
    }));
  };
  picker.onDidChangeValue((value) => void search(value));
  picker.onDidAccept(async () => {
    const chosen = picker.selectedItems[0];
    picker.hide();
    if (chosen !== undefined) {
      const location = client.protocol2CodeConverter.asLocation(chosen.symbol.location);
      await vscode.window.showTextDocument(location.uri, { selection: location.range });
    }
  });
  picker.onDidHide(() => picker.dispose());
  picker.show();
  await search(query);
}
