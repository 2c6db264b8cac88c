// The real `tauri-acl lsp` binary driven the way VS Code drives it: stdio, the client
// capabilities vscode-languageclient computes (UTF-16 positions only, pulled
// diagnostics, our experimental flags), settings from the extension's own mapping.
// Checks diagnostics, completion, hover, definition, code actions (a quick fix applied
// to the text, a snippet fix as the `tauri-acl.insertSnippet` command), code lenses, the
// status notification, the explain report through the view model, and that "Check
// workspace" (the CLI's JSON through checkModel) reports what the server reports.

import * as assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import {
  CodeActionRequest,
  CodeLensRequest,
  CompletionRequest,
  DefinitionRequest,
  DidOpenTextDocumentNotification,
  DocumentDiagnosticRequest,
  ExecuteCommandRequest,
  ExitNotification,
  HoverRequest,
  InitializedNotification,
  InitializeRequest,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  createProtocolConnection,
  type CodeAction,
  type Command,
  type CompletionItem,
  type CompletionList,
  type Diagnostic,
  type InitializeResult,
  type Location,
  type LocationLink,
  type MarkupContent,
  type Position,
  type ProtocolConnection,
  type TextEdit,
} from 'vscode-languageserver-protocol/node';

import { fromCheckReport, type CheckReport } from '../../src/checkModel';
import { COMMANDS, PROTOCOL } from '../../src/commandIds';
import { childrenOf, present, rootNodes, windowsOfCapability, type ExplainReport } from '../../src/explainModel';
import { parseSnippetArgument } from '../../src/snippetArgument';
import { describeWhy, parseTestScopeArgument, scopeQuery, type WhyReport } from '../../src/whyModel';
import { toCheckArguments, toServerSettings } from '../../src/settings';
import type { StatusParams } from '../../src/statusModel';
import { vscodeClientCapabilities } from './vscodeClient';

const repoRoot = path.resolve(__dirname, '..', '..', '..', '..');
const TIMEOUT_MS = 20_000;

/** The binary under test: $TAURI_ACL_BIN, else the debug build `cargo test` made, else release. */
function serverBinary(): string {
  const exe = process.platform === 'win32' ? '.exe' : '';
  const candidates = [
    process.env.TAURI_ACL_BIN,
    path.join(repoRoot, 'target', 'debug', `tauri-acl${exe}`),
    path.join(repoRoot, 'target', 'release', `tauri-acl${exe}`),
  ].filter((candidate): candidate is string => candidate !== undefined && candidate !== '');
  const found = candidates.find((candidate) => fs.existsSync(candidate));
  if (found === undefined) {
    throw new Error(`no tauri-acl binary (looked at ${candidates.join(', ')}): run \`cargo build\` first or set TAURI_ACL_BIN`);
  }
  return found;
}

/** A copy of the demo app and the fixture cargo home it points at. */
function copyFixture(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tauri-acl-protocol-'));
  for (const name of ['demo-app', 'cargo-home']) {
    fs.cpSync(path.join(repoRoot, 'fixtures', name), path.join(dir, name), { recursive: true });
  }
  return dir;
}

/** Environment with no cargo home but the fixture's own. */
function serverEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, TAURI_ACL_LOG: 'warn', HOME: '/nonexistent-home-for-tests' };
  delete env.CARGO_HOME;
  delete env.TAURI_ACL_CARGO_HOME;
  return env;
}

/** The UTF-16 position of `needle` (plus `offset` units) in `text`. JS strings are UTF-16. */
function position(text: string, needle: string, offset = 0): Position {
  const index = text.indexOf(needle);
  assert.ok(index >= 0, `\`${needle}\` not in the text`);
  const at = index + offset;
  const lineStart = text.lastIndexOf('\n', at - 1) + 1;
  return { line: text.slice(0, at).split('\n').length - 1, character: at - lineStart };
}

function offsetOf(text: string, at: Position): number {
  const lines = text.split('\n');
  return lines.slice(0, at.line).reduce((sum, line) => sum + line.length + 1, 0) + at.character;
}

/** Applies LSP edits (UTF-16 ranges) the way an editor does. */
function applyEdits(text: string, edits: TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => offsetOf(text, b.range.start) - offsetOf(text, a.range.start));
  let result = text;
  for (const edit of sorted) {
    result = result.slice(0, offsetOf(result, edit.range.start)) + edit.newText + result.slice(offsetOf(result, edit.range.end));
  }
  return result;
}

function within<T>(promise: Promise<T>, what: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), TIMEOUT_MS);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}

describe('tauri-acl lsp as VS Code drives it', { timeout: 120_000 }, () => {
  const binary = serverBinary();
  const workspace = copyFixture();
  const appRoot = path.join(workspace, 'demo-app', 'src-tauri');
  const settingsFile = path.join(appRoot, 'capabilities', 'settings.json5');
  const original = fs.readFileSync(settingsFile, 'utf8');
  // A typo after an emoji on the same line: UTF-16, UTF-8 and code points all differ there.
  const text = original.replace('"os:allow-hostname",', '/* ✓😀 */ "os:allow-hostnme",');
  const uri = pathToFileURL(settingsFile).href;
  // What the user typed in VS Code's settings; the extension maps it before sending.
  const mapped = toServerSettings({ rules: { 'unknown-permission': 'Warning' }, platforms: ['linux', 'macos', 'windows'] }, {
    home: os.homedir(),
    workspaceFolder: workspace,
  });
  const statuses: StatusParams[] = [];
  const configurationRequests: unknown[] = [];
  let child: ChildProcess;
  let connection: ProtocolConnection;
  let initializeResult: InitializeResult;
  let indexed: Promise<StatusParams>;

  before(async () => {
    assert.notEqual(text, original, 'the fixture lists os:allow-hostname');
    assert.deepEqual(mapped.problems, []);
    child = spawn(binary, ['lsp'], { env: serverEnv(), stdio: ['pipe', 'pipe', 'inherit'] });
    connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    connection.onRequest('workspace/configuration', (params: { items: { section?: string }[] }) => {
      configurationRequests.push(params);
      return params.items.map((item) => (item.section === 'tauriAcl' ? mapped.settings : null));
    });
    connection.onRequest('client/registerCapability', () => null);
    connection.onRequest('workspace/diagnostic/refresh', () => null);
    connection.onRequest('workspace/codeLens/refresh', () => null);
    connection.onRequest('workspace/inlayHint/refresh', () => null);
    connection.onRequest('workspace/semanticTokens/refresh', () => null);
    let resolveIndexed: (status: StatusParams) => void = () => undefined;
    indexed = new Promise((resolve) => (resolveIndexed = resolve));
    connection.onNotification(PROTOCOL.status, (status: StatusParams) => {
      statuses.push(status);
      if (!status.busy) {
        resolveIndexed(status);
      }
    });
    connection.listen();

    const workspaceUri = pathToFileURL(workspace).href;
    initializeResult = await within(
      connection.sendRequest(InitializeRequest.type, {
        processId: process.pid,
        clientInfo: { name: 'Visual Studio Code', version: '1.91.0' },
        locale: 'en',
        rootPath: workspace,
        rootUri: workspaceUri,
        capabilities: vscodeClientCapabilities(),
        initializationOptions: { tauriAcl: mapped.settings },
        trace: 'off',
        workspaceFolders: [{ uri: workspaceUri, name: 'workspace' }],
      }),
      'initialize',
    );
    await connection.sendNotification(InitializedNotification.type, {});
    await connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId: 'json5', version: 1, text },
    });
  });

  after(async () => {
    if (connection !== undefined) {
      await within(connection.sendRequest(ShutdownRequest.type), 'shutdown');
      await connection.sendNotification(ExitNotification.type);
      const code = await within(new Promise<number | null>((resolve) => child.once('exit', resolve)), 'the server to exit');
      assert.equal(code, 0);
      connection.dispose();
    }
    fs.rmSync(workspace, { recursive: true, force: true });
  });

  it('negotiates UTF-16 and pulled diagnostics, as VS Code offers', () => {
    const capabilities = vscodeClientCapabilities();
    assert.deepEqual(capabilities.general?.positionEncodings, ['utf-16']);
    assert.ok(capabilities.textDocument?.diagnostic, 'VS Code pulls diagnostics');
    assert.deepEqual(capabilities.experimental, { [PROTOCOL.snippetsFlag]: true, [PROTOCOL.statusFlag]: true });
    assert.equal(initializeResult.capabilities.positionEncoding, 'utf-16');
    assert.ok(initializeResult.capabilities.diagnosticProvider, 'the server offers pull diagnostics');
  });

  it('reports the catalogue in a status notification', async () => {
    const status = await within(indexed, 'a tauri-acl/status notification');
    assert.equal(status.apps.length, 1);
    const [demo] = status.apps;
    assert.equal(demo.name, 'demo-app');
    assert.deepEqual(demo.platforms, ['linux', 'macOS', 'windows']);
    assert.ok((demo.sources.registry ?? 0) > 0 && (demo.sources['core-table'] ?? 0) > 0, JSON.stringify(demo.sources));
    assert.deepEqual(demo.missingPlugins, []);
  });

  it('pulls diagnostics with UTF-16 ranges and the mapped rule level', async () => {
    const report = await within(connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri } }), 'diagnostics');
    assert.equal(report.kind, 'full');
    const items = report.kind === 'full' ? report.items : [];
    const typo = items.find((diagnostic) => diagnostic.code === 'unknown-permission');
    assert.ok(typo, JSON.stringify(items));
    assert.deepEqual(typo.range.start, position(text, '"os:allow-hostnme"'));
    assert.deepEqual(typo.range.end, position(text, '"os:allow-hostnme"', '"os:allow-hostnme"'.length));
    // `tauriAcl.rules` said "Warning"; the mapping sent "warning"; the server applied it.
    assert.equal(typo.severity, 2);
    assert.match(typeof typo.message === 'string' ? typo.message : typo.message.value, /did you mean `os:allow-hostname`/);
    assert.match(String(typo.codeDescription?.href), /docs\/rules\/unknown-permission\.md$/);
    assert.ok(configurationRequests.length > 0, 'the server asked for the tauriAcl section');
  });

  it('completes permissions of the plugin being typed', async () => {
    const at = position(text, '"os:allow-hostnme"', '"os:'.length);
    const completion = await within(
      connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position: at, context: { triggerKind: 1 } }),
      'completion',
    );
    const items: CompletionItem[] = Array.isArray(completion) ? completion : ((completion as CompletionList | null)?.items ?? []);
    const labels = items.map((item) => item.label);
    assert.ok(labels.includes('os:allow-hostname'), labels.join(', '));
    assert.ok(labels.includes('os:default'), labels.join(', '));
    // Each edit replaces the token being typed, in UTF-16 columns after the emoji.
    const hostname = items.find((item) => item.label === 'os:allow-hostname');
    const edit = hostname?.textEdit;
    assert.ok(edit !== undefined, JSON.stringify(hostname));
    const range = 'range' in edit ? edit.range : edit.replace;
    assert.equal(range.start.line, at.line);
    assert.ok(range.start.character >= position(text, '"os:allow-hostnme"').character, JSON.stringify(range));
    assert.ok(range.start.character <= at.character, JSON.stringify(range));
  });

  it('hovers a permission with what it grants', async () => {
    const hover = await within(
      connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: position(text, '"core:window:allow-close"', 3) }),
      'hover',
    );
    const contents = hover?.contents as MarkupContent | undefined;
    assert.equal(contents?.kind, 'markdown');
    assert.match(typeof contents === 'object' ? contents.value : '', /plugin:window\|close/);
  });

  it("goes to a path plugin's permission definition", async () => {
    const definition = await within(
      connection.sendRequest(DefinitionRequest.type, { textDocument: { uri }, position: position(text, '"greeter:manage"', 10) }),
      'definition',
    );
    const first = (Array.isArray(definition) ? definition[0] : definition) as Location | LocationLink | null;
    assert.ok(first, 'a definition');
    const targetUri = 'targetUri' in first ? first.targetUri : first.uri;
    const targetRange = 'targetUri' in first ? first.targetSelectionRange : first.range;
    const target = new URL(targetUri);
    assert.ok(target.pathname.startsWith(pathToFileURL(path.join(workspace, 'demo-app', 'plugins', 'greeter', 'permissions')).pathname), targetUri);
    const line = fs.readFileSync(target, 'utf8').split('\n')[targetRange.start.line];
    assert.match(line, /manage/);
  });

  it('offers the did-you-mean fix as an edit that restores the original text', async () => {
    const report = await connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri } });
    const typo = (report.kind === 'full' ? report.items : []).find((item: Diagnostic) => item.code === 'unknown-permission');
    assert.ok(typo);
    const actions = (await within(
      connection.sendRequest(CodeActionRequest.type, {
        textDocument: { uri },
        range: typo.range,
        context: { diagnostics: [typo], only: ['quickfix'], triggerKind: 1 },
      }),
      'code actions',
    )) as (CodeAction | Command)[];
    const fix = actions.find((action): action is CodeAction => action.title === 'Replace with `os:allow-hostname`');
    assert.ok(fix, JSON.stringify(actions.map((action) => action.title)));
    assert.equal(fix.isPreferred, true);
    const edits = fix.edit?.changes?.[uri] ?? [];
    assert.equal(edits.length, 1);
    assert.equal(applyEdits(text, edits), original.replace('"os:allow-hostname",', '/* ✓😀 */ "os:allow-hostname",'));
  });

  it('sends snippet fixes as the tauri-acl.insertSnippet command the extension implements', async () => {
    const entry = '"fs:allow-appdata-read-recursive"';
    const range = { start: position(text, entry), end: position(text, entry, entry.length) };
    const actions = (await within(
      connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range, context: { diagnostics: [], triggerKind: 1 } }),
      'code actions',
    )) as (CodeAction | Command)[];
    const snippetActions = actions.filter(
      (action): action is CodeAction => 'kind' in action && typeof action.command === 'object' && action.command.command === COMMANDS.insertSnippet,
    );
    assert.ok(snippetActions.length > 0, JSON.stringify(actions, null, 1));
    for (const action of snippetActions) {
      assert.equal(action.edit, undefined, 'the command replaces the edit');
      const argument = parseSnippetArgument(action.command?.arguments?.[0]);
      assert.ok(argument, JSON.stringify(action.command));
      assert.equal(argument.uri, uri);
      assert.deepEqual(argument.range, range);
      assert.match(argument.snippet, /\$\{?\d/, 'the snippet has placeholders');
      assert.match(argument.snippet, /fs:allow-appdata-read-recursive/);
    }
  });

  it('puts the show-effective-permissions command on capability code lenses', async () => {
    const lenses = await within(connection.sendRequest(CodeLensRequest.type, { textDocument: { uri } }), 'code lenses');
    assert.ok(lenses && lenses.length > 0);
    assert.equal(lenses[0].command?.command, COMMANDS.showEffectivePermissions);
    assert.deepEqual(lenses[0].command?.arguments, ['settings']);
  });

  it('puts a scope test on scoped entries, which the why command answers', async () => {
    const defaultUri = pathToFileURL(path.join(appRoot, 'capabilities', 'default.json')).href;
    const lenses = await within(connection.sendRequest(CodeLensRequest.type, { textDocument: { uri: defaultUri } }), 'code lenses');
    const tests = (lenses ?? []).filter((lens) => lens.command?.command === COMMANDS.testScope);
    const write = tests.map((lens) => parseTestScopeArgument(lens.command?.arguments?.[0])).find((argument) => argument?.permission === 'fs:allow-write-text-file');
    assert.ok(write, JSON.stringify(tests));
    assert.equal(write.kind, 'path');
    assert.deepEqual(write.windows, ['main']);
    // What the input box would send after the user types a path.
    const ask = async (value: string) => {
      const query = { ...scopeQuery(write, write.windows[0], value), platforms: ['linux'] };
      const report = await within(
        connection.sendRequest(ExecuteCommandRequest.type, { command: PROTOCOL.why, arguments: [query] }),
        'tauri-acl.why',
      );
      return describeWhy(report as WhyReport);
    };
    const inside = await ask('$APPDATA/notes/todo.md');
    assert.equal(inside.allowed, true, inside.headline);
    const trash = await ask('$APPDATA/notes/.trash/old.md');
    assert.equal(trash.allowed, false);
    assert.match(trash.headline, /matches a deny entry/);
    assert.match(trash.markdown, /deny `\{"path":"\$APPDATA\/notes\/\.trash\/\*\*"\}`/);
  });

  it('explains effective permissions in the shape the view reads', async () => {
    const report = await within(connection.sendRequest<ExplainReport>(PROTOCOL.explain, {}), 'tauri-acl/explain');
    assert.deepEqual(windowsOfCapability(report, 'settings', 'linux'), ['settings']);
    assert.deepEqual(windowsOfCapability(report, 'default', 'linux'), ['main']);
    // What a click on the `settings` code lens shows.
    const roots = rootNodes(report, { platform: 'linux', capability: 'settings' });
    assert.deepEqual(roots.map((node) => present(node).label), ['settings']);
    const [allowed] = childrenOf(roots[0]);
    const close = childrenOf(allowed).find((node) => present(node).label === 'plugin:window|close');
    assert.ok(close, 'the settings window may close itself');
    const grants = childrenOf(close);
    assert.deepEqual(grants.map((node) => present(node).label), ['settings']);
    const opened = present(grants[0]).open;
    assert.ok(opened !== undefined && fs.existsSync(opened.file), JSON.stringify(opened));
    // `mobile` is for android and iOS, which the settings leave out: the view says so.
    assert.deepEqual(
      rootNodes(report, { platform: 'linux', capability: 'mobile' }).map((node) => present(node).label),
      ['No capability `mobile` is active on the platforms checked (linux, macOS, windows)'],
    );
  });

  it('"Check workspace" reports what the server reports, at the same UTF-16 ranges', async () => {
    const onDisk = path.join(workspace, 'check-copy');
    fs.cpSync(path.join(workspace, 'demo-app'), path.join(onDisk, 'demo-app'), { recursive: true });
    fs.cpSync(path.join(workspace, 'cargo-home'), path.join(onDisk, 'cargo-home'), { recursive: true });
    const file = path.join(onDisk, 'demo-app', 'src-tauri', 'capabilities', 'settings.json5');
    fs.writeFileSync(file, text);
    const run = spawnSync(binary, ['check', onDisk, '--format', 'json', ...toCheckArguments(mapped.settings)], {
      cwd: onDisk,
      env: serverEnv(),
      encoding: 'utf8',
    });
    assert.ok(run.status === 0 || run.status === 1, run.stderr);
    const result = fromCheckReport(JSON.parse(run.stdout) as CheckReport, onDisk, (name) => fs.readFileSync(name, 'utf8'));
    const fromCli = (result.files.get(file) ?? []).map((diagnostic) => ({ code: diagnostic.code, range: diagnostic.range, message: diagnostic.message }));

    const report = await connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri } });
    const fromServer = (report.kind === 'full' ? report.items : []).map((diagnostic) => ({
      code: diagnostic.code,
      range: diagnostic.range,
      message: diagnostic.message,
    }));
    assert.ok(fromServer.length > 0);
    assert.deepEqual(fromCli, fromServer);
    assert.equal(result.summary.warnings, fromServer.length, 'the rule level reached the CLI too');
  });
});
