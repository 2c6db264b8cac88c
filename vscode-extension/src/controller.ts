// The language client's lifecycle: finding the server, starting, restarting and stopping
// it, feeding it settings, and relaying its extras (`tauri-acl/status`,
// `tauri-acl/explain`) to the status bar and the permissions view.

import * as os from 'node:os';
import * as readline from 'node:readline';
import type { Readable } from 'node:stream';
import * as vscode from 'vscode';
import {
  CloseAction,
  ErrorAction,
  LanguageClient,
  RevealOutputChannelOn,
  State,
  type ErrorHandler,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';

import { PROTOCOL } from './commandIds';
import { ExperimentalFeature } from './experimentalFeature';
import type { ExplainReport } from './explainModel';
import { DOCUMENT_PATTERNS } from './patterns';
import { SCRIPT_PATTERN, scriptMiddleware } from './scriptDocuments';
import { describeExit, RestartPolicy, StderrReader, type LogLevel } from './serverHealth';
import { isExecutableFile, locateServer, type ServerLocation } from './serverPath';
import { toServerSettings, type Mapped, type PathContext } from './settings';
import type { ServerState, StatusParams } from './statusModel';

export const SECTION = 'tauriAcl';

/** The document selector: our files by path, whatever language VS Code gave them, and
 * frontend scripts, for their diagnostics only (see `scriptMiddleware`). */
export const DOCUMENT_SELECTOR = [...DOCUMENT_PATTERNS, SCRIPT_PATTERN].map((pattern) => ({ scheme: 'file', pattern }));

export class Controller implements vscode.Disposable {
  private client: LanguageClient | undefined;
  private location: ServerLocation | undefined;
  private current: ServerState = { kind: 'stopped' };
  private stopping = false;
  private readonly restarts = new RestartPolicy();
  /** How the last server process ended, for the message when the connection closes. */
  private lastExit: string | undefined;
  /** Connection errors since the server last started: only the first is logged. */
  private connectionErrors = 0;
  private readonly stateEmitter = new vscode.EventEmitter<ServerState>();
  private readonly indexedEmitter = new vscode.EventEmitter<void>();

  /** Fires on every change of the server's state or status. */
  readonly onDidChangeState = this.stateEmitter.event;
  /** Fires when the server finished (re-)indexing the workspace. */
  readonly onDidIndex = this.indexedEmitter.event;

  constructor(
    private readonly extensionPath: string,
    readonly output: vscode.LogOutputChannel,
  ) {}

  get state(): ServerState {
    return this.current;
  }

  /** The server binary in use, once found. */
  get server(): ServerLocation | undefined {
    return this.location;
  }

  get isRunning(): boolean {
    return this.client?.state === State.Running;
  }

  /** The mapped settings; problems with them are logged. */
  settings(): Mapped {
    const config = vscode.workspace.getConfiguration(SECTION);
    const mapped = toServerSettings(
      { platforms: config.get('platforms'), rules: config.get('rules'), cargoHome: config.get('cargoHome') },
      pathContext(),
    );
    for (const problem of mapped.problems) {
      this.output.warn(problem);
    }
    return mapped;
  }

  /** Finds the server; on failure says so, with a way to the setting. */
  locate(): ServerLocation | undefined {
    const result = locateServer({
      configured: vscode.workspace.getConfiguration(SECTION).get<string>('server.path'),
      extensionPath: this.extensionPath,
      platform: process.platform,
      env: process.env,
      context: pathContext(),
      isExecutable: isExecutableFile,
    });
    if (result.ok) {
      this.output.info(`using ${result.location.path} (from ${result.location.source})`);
      return result.location;
    }
    this.output.error(result.message);
    this.setState({ kind: 'failed', message: result.message });
    void vscode.window.showErrorMessage(result.message, 'Open Settings').then((choice) => {
      if (choice === 'Open Settings') {
        void vscode.commands.executeCommand('workbench.action.openSettings', `${SECTION}.server.path`);
      }
    });
    return undefined;
  }

  async start(): Promise<void> {
    if (this.client !== undefined) {
      return;
    }
    const location = this.locate();
    if (location === undefined) {
      return;
    }
    this.location = location;
    const level = vscode.workspace.getConfiguration(SECTION).get<string>('server.logLevel') ?? 'info';
    const serverOptions: ServerOptions = {
      command: location.path,
      args: ['lsp'],
      options: { env: { ...process.env, TAURI_ACL_LOG: level } },
    };
    const clientOptions: LanguageClientOptions = {
      documentSelector: DOCUMENT_SELECTOR,
      outputChannel: this.output,
      // Problems reach the user through the status bar item and, when the server will
      // not come back, one notification: not through the client's own pop-ups.
      revealOutputChannelOn: RevealOutputChannelOn.Never,
      stdioOptions: {
        stdout: (input, channel) => forwardLines(input, (line) => channel.info(line)),
        stderr: (input, channel) => {
          const reader = new StderrReader();
          forwardLines(input, (line) => {
            const { level, text } = reader.read(line);
            log(channel, level, text);
          });
        },
      },
      errorHandler: this.errorHandler(),
      initializationOptions: () => ({ [SECTION]: this.settings().settings }),
      markdown: { isTrusted: false, supportHtml: false },
      middleware: {
        // Scripts are the TypeScript language service's: on them we publish diagnostics
        // and offer their quick fixes, nothing else.
        ...scriptMiddleware(),
        workspace: {
          // The server asks for the `tauriAcl` section; answer with the mapped settings
          // rather than the raw ones, so both paths carry the same values.
          configuration: (params, token, next) => {
            const mapped = this.settings().settings;
            const answers = params.items.map((item) => (item.section === SECTION ? mapped : undefined));
            if (answers.every((answer) => answer !== undefined)) {
              return answers;
            }
            return Promise.resolve(next(params, token)).then((raw) =>
              Array.isArray(raw) ? raw.map((value, index) => answers[index] ?? value) : raw,
            );
          },
        },
      },
    };
    const client = new LanguageClient(SECTION, 'Tauri ACL', serverOptions, clientOptions);
    client.registerFeature(new ExperimentalFeature());
    client.onDidChangeState((event) => {
      if (event.newState === State.Starting) {
        this.setState({ kind: 'starting' });
      } else if (event.newState === State.Running) {
        this.connectionErrors = 0;
        this.lastExit = undefined;
        client.serverProcess?.once('exit', (code, signal) => {
          this.lastExit = describeExit(code, signal);
        });
        this.setState({ kind: 'running', status: undefined });
      } else if (this.stopping) {
        this.setState({ kind: 'stopped' });
      } else if (this.current.kind !== 'failed') {
        this.setState({ kind: 'failed', message: 'The tauri-acl server stopped.' });
      }
    });
    client.onNotification(PROTOCOL.status, (status: StatusParams) => {
      this.setState({ kind: 'running', status });
      if (!status.busy) {
        this.indexedEmitter.fire();
      }
    });
    this.client = client;
    try {
      await client.start();
    } catch (error) {
      const message = `The tauri-acl server (${location.path}) could not start: ${describe(error)}`;
      this.output.error(message);
      this.setState({ kind: 'failed', message });
      this.client = undefined;
      void client.dispose().catch(() => undefined);
    }
  }

  async stop(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    if (client === undefined) {
      return;
    }
    this.stopping = true;
    try {
      if (client.needsStop()) {
        await client.stop(5000);
      }
    } catch (error) {
      this.output.warn(`stopping the server: ${describe(error)}`);
    } finally {
      this.stopping = false;
      this.setState({ kind: 'stopped' });
      await client.dispose().catch(() => undefined);
    }
  }

  async restart(): Promise<void> {
    this.restarts.reset();
    await this.stop();
    await this.start();
  }

  /** Tells the server the settings changed; it asks for them again. */
  async sendConfiguration(): Promise<void> {
    if (this.client?.state !== State.Running) {
      return;
    }
    await this.client.sendNotification('workspace/didChangeConfiguration', { settings: { [SECTION]: this.settings().settings } });
  }

  /** The server's `tauri-acl/explain` report, or `undefined` when it is not running. */
  async explain(params: { window?: string; platforms?: string[] } = {}): Promise<ExplainReport | undefined> {
    if (this.client?.state !== State.Running) {
      return undefined;
    }
    try {
      return await this.client.sendRequest<ExplainReport>(PROTOCOL.explain, params);
    } catch (error) {
      this.output.error(`${PROTOCOL.explain} failed: ${describe(error)}`);
      return undefined;
    }
  }

  /** The running client, for requests the extension makes itself. */
  get languageClient(): LanguageClient | undefined {
    return this.client?.state === State.Running ? this.client : undefined;
  }

  dispose(): void {
    void this.stop();
    this.stateEmitter.dispose();
    this.indexedEmitter.dispose();
  }

  /** Restarts after a crash as rust-analyzer does; says so once per crash, in the
   * output and the status bar, instead of a notification per failed write. */
  private errorHandler(): ErrorHandler {
    return {
      error: (error, _message, count) => {
        this.connectionErrors += 1;
        if (this.connectionErrors === 1) {
          this.output.warn(`the connection to the server failed: ${error.message}`);
        }
        return { action: count !== undefined && count > 3 ? ErrorAction.Shutdown : ErrorAction.Continue, handled: true };
      },
      closed: async () => {
        // The process's exit event may come just after the stream closed.
        await new Promise((resolve) => setTimeout(resolve, 100));
        const verdict = this.restarts.closed(Date.now(), this.lastExit ?? 'the connection closed');
        if (verdict.restart) {
          this.output.warn(verdict.message);
          return { action: CloseAction.Restart, handled: true };
        }
        this.output.error(verdict.message);
        this.setState({ kind: 'failed', message: verdict.message });
        void vscode.window.showErrorMessage(verdict.message, 'Show Output', 'Restart Server').then((choice) => {
          if (choice === 'Show Output') {
            this.output.show(true);
          } else if (choice === 'Restart Server') {
            void this.restart();
          }
        });
        return { action: CloseAction.DoNotRestart, handled: true };
      },
    };
  }

  private setState(state: ServerState): void {
    this.current = state;
    this.stateEmitter.fire(state);
  }
}

export function pathContext(): PathContext {
  return { home: os.homedir(), workspaceFolder: vscode.workspace.workspaceFolders?.[0]?.uri.fsPath };
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function forwardLines(input: Readable, each: (line: string) => void): void {
  readline.createInterface({ input, crlfDelay: Infinity, terminal: false, historySize: 0 }).on('line', each);
}

function log(channel: vscode.LogOutputChannel, level: LogLevel, text: string): void {
  switch (level) {
    case 'error':
      channel.error(text);
      break;
    case 'warn':
      channel.warn(text);
      break;
    case 'info':
      channel.info(text);
      break;
    case 'debug':
      channel.debug(text);
      break;
    case 'trace':
      channel.trace(text);
      break;
  }
}
