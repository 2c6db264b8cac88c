// "Check workspace": the JSON of `tauri-acl check --format json` turned into diagnostics
// per file with VS Code positions (UTF-16 code units), for the Problems panel.
//
// Pure: files are read through the injected `readText`. The CLI reports byte ranges;
// they are converted against the file's text so a line with non-ASCII text before the
// problem still gets the right column. When the text cannot be read, the CLI's own
// 1-based line and byte column are used as they are.

import * as path from 'node:path';

export type Severity = 'error' | 'warning' | 'info' | 'hint';

export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

export interface RelatedLocation {
  file: string;
  range: Range;
  message: string;
}

export interface CheckDiagnostic {
  range: Range;
  severity: Severity;
  code: string;
  message: string;
  related: RelatedLocation[];
  unnecessary: boolean;
}

interface CheckLocation {
  file: string;
  byte_range: [number, number];
  start: { line: number; column: number };
  end: { line: number; column: number };
}

interface CheckReportDiagnostic {
  code: string;
  severity: string;
  message: string;
  location: CheckLocation;
  related?: { message: string; location: CheckLocation }[];
  /** Extra lines (`note: …`, `help: …`); the server appends them to the message. */
  notes?: string[];
  unnecessary?: boolean;
}

export interface CheckReport {
  diagnostics: CheckReportDiagnostic[];
  apps: { name: string; notes: { code?: string; severity?: string; message: string }[] }[];
  summary: { errors: number; warnings: number; infos: number; hints: number };
}

export interface CheckResult {
  /** Absolute file path → its diagnostics. */
  files: Map<string, CheckDiagnostic[]>;
  /** Findings without a location (per app), for the output channel. */
  notes: string[];
  summary: CheckReport['summary'];
}

/**
 * Converts a report. `cwd` is where the CLI ran: its paths are relative to it.
 * `readText` returns a file's current text on disk, or `undefined`.
 */
export function fromCheckReport(report: CheckReport, cwd: string, readText: (file: string) => string | undefined): CheckResult {
  const texts = new Map<string, string | undefined>();
  const textOf = (file: string) => {
    if (!texts.has(file)) {
      texts.set(file, readText(file));
    }
    return texts.get(file);
  };
  const convert = (location: CheckLocation): { file: string; range: Range } => {
    const file = path.resolve(cwd, location.file);
    const text = textOf(file);
    if (text === undefined) {
      return {
        file,
        range: {
          start: { line: location.start.line - 1, character: location.start.column - 1 },
          end: { line: location.end.line - 1, character: location.end.column - 1 },
        },
      };
    }
    return {
      file,
      range: {
        start: byteOffsetToPosition(text, location.byte_range[0]),
        end: byteOffsetToPosition(text, location.byte_range[1]),
      },
    };
  };

  const files = new Map<string, CheckDiagnostic[]>();
  for (const diagnostic of report.diagnostics) {
    const { file, range } = convert(diagnostic.location);
    const list = files.get(file) ?? [];
    list.push({
      range,
      severity: parseSeverity(diagnostic.severity),
      code: diagnostic.code,
      message: [diagnostic.message, ...(diagnostic.notes ?? [])].join('\n'),
      related: (diagnostic.related ?? []).map((related) => ({ ...convert(related.location), message: related.message })),
      unnecessary: diagnostic.unnecessary === true,
    });
    files.set(file, list);
  }
  const notes = report.apps.flatMap((app) =>
    app.notes.map((note) => `${app.name}: ${note.severity ?? 'note'}${note.code ? `[${note.code}]` : ''}: ${note.message}`),
  );
  return { files, notes, summary: report.summary };
}

/**
 * The line and UTF-16 column of a byte offset into the UTF-8 encoding of `text`.
 * Offsets past the end clamp to the end; an offset inside a character counts as its start.
 */
export function byteOffsetToPosition(text: string, byteOffset: number): Position {
  let line = 0;
  let character = 0;
  let bytes = 0;
  for (const char of text) {
    if (bytes >= byteOffset) {
      break;
    }
    const codePoint = char.codePointAt(0) ?? 0;
    const width = codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
    if (bytes + width > byteOffset) {
      break;
    }
    bytes += width;
    if (char === '\n') {
      line += 1;
      character = 0;
    } else {
      character += char.length;
    }
  }
  return { line, character };
}

function parseSeverity(value: string): Severity {
  switch (value) {
    case 'error':
    case 'warning':
    case 'info':
    case 'hint':
      return value;
    default:
      return 'error';
  }
}

/** The rule's documentation page, as the server links it. */
export function ruleDocsUrl(code: string): string {
  return `https://github.com/tauri-acl/tauri-acl/blob/main/docs/rules/${encodeURIComponent(code)}.md`;
}
