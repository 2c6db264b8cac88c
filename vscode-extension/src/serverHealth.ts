// How the server's stderr and its deaths reach the user. Pure; `controller.ts` wires it
// to the language client.
//
// The server writes `tracing` lines to stderr (`2026-12-06T16:05:52.123Z  INFO
// tauri_acl::lsp: …`). The language client would log every stderr line as an error;
// here each line keeps its own level, so only real errors are shown as errors.

export type LogLevel = 'error' | 'warn' | 'info' | 'debug' | 'trace';

export interface LogLine {
  level: LogLevel;
  /** The line without the timestamp the output channel adds itself. */
  text: string;
}

const TRACING_LINE = /^\d{4}-\d{2}-\d{2}T[\d:.]+Z?\s+(ERROR|WARN|INFO|DEBUG|TRACE)\s+(.*)$/;

/** Reads stderr line by line; a line that is not a `tracing` record continues the
 * previous record (a multi-line message) or, with none before it, is an error (a panic
 * or a message printed before logging started). */
export class StderrReader {
  private previous: LogLevel | undefined;

  read(line: string): LogLine {
    const match = TRACING_LINE.exec(line);
    if (match !== null) {
      const level = match[1].toLowerCase() as LogLevel;
      this.previous = level;
      return { level, text: match[2] };
    }
    if (/^thread '.*' panicked at /.test(line)) {
      this.previous = 'error';
    }
    return { level: this.previous ?? 'error', text: line };
  }
}

/** What to do when the server's process ended without being asked to. */
export type CloseVerdict =
  | { restart: true; message: string }
  | { restart: false; message: string };

/** rust-analyzer's policy (the language client's default): restart after a crash, but
 * not after five crashes within three minutes. */
export class RestartPolicy {
  private readonly crashes: number[] = [];

  constructor(
    private readonly maxRestarts = 4,
    private readonly windowMs = 3 * 60 * 1000,
  ) {}

  closed(now: number, exit: string): CloseVerdict {
    this.crashes.push(now);
    while (this.crashes.length > 0 && now - this.crashes[0] > this.windowMs) {
      this.crashes.shift();
    }
    const count = this.crashes.length;
    if (count <= this.maxRestarts) {
      return { restart: true, message: `The tauri-acl server stopped (${exit}); restarting it (${count} of ${this.maxRestarts} restarts within 3 minutes).` };
    }
    return {
      restart: false,
      message: `The tauri-acl server stopped ${count} times within 3 minutes (last: ${exit}) and will not be restarted. Its output may say why; run "Tauri ACL: Restart Server" to try again.`,
    };
  }

  /** After a manual restart the count starts again. */
  reset(): void {
    this.crashes.length = 0;
  }
}

/** How a process ended, in words. */
export function describeExit(code: number | null | undefined, signal: string | null | undefined): string {
  if (signal !== null && signal !== undefined) {
    return `killed by ${signal}`;
  }
  if (code !== null && code !== undefined) {
    return `exit code ${code}`;
  }
  return 'the connection closed';
}
