// The argument of `tauri-acl.insertSnippet`, which the server puts in code actions whose
// fix is a snippet: `{ uri, range, snippet }` with an LSP range in UTF-16 (the only
// encoding VS Code offers).
//
// Pure: validates what arrived over the wire before anything touches an editor.

export interface SnippetArgument {
  uri: string;
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  snippet: string;
}

export function parseSnippetArgument(value: unknown): SnippetArgument | undefined {
  if (typeof value !== 'object' || value === null) {
    return undefined;
  }
  const { uri, range, snippet } = value as Record<string, unknown>;
  if (typeof uri !== 'string' || typeof snippet !== 'string' || !isRange(range)) {
    return undefined;
  }
  return { uri, range, snippet };
}

function isRange(value: unknown): value is SnippetArgument['range'] {
  if (typeof value !== 'object' || value === null) {
    return false;
  }
  const { start, end } = value as Record<string, unknown>;
  return isPosition(start) && isPosition(end);
}

function isPosition(value: unknown): value is { line: number; character: number } {
  if (typeof value !== 'object' || value === null) {
    return false;
  }
  const { line, character } = value as Record<string, unknown>;
  return Number.isInteger(line) && Number.isInteger(character) && (line as number) >= 0 && (character as number) >= 0;
}

/**
 * Undoes the re-indentation VS Code applies when inserting a snippet: it prefixes every
 * line after the first with the indentation of the line the snippet starts on, while the
 * server's snippet is already indented for its place. So that prefix is removed from
 * those lines first (lines that lack it are left alone).
 */
export function forInsertion(snippet: string, startLine: string): string {
  const indent = /^[ \t]*/.exec(startLine)?.[0] ?? '';
  if (indent === '') {
    return snippet;
  }
  return snippet
    .split('\n')
    .map((line, index) => (index > 0 && line.startsWith(indent) ? line.slice(indent.length) : line))
    .join('\n');
}
