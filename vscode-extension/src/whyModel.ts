// "Is this call allowed?" in the editor: the argument of the `tauri-acl.testScope` code
// lens the server puts on scoped fs and http entries, the `tauri-acl.why` request built
// from it and the user's answer, and the report turned into a headline and markdown.
//
// Pure: no VS Code types, so the unit and protocol tests exercise it directly.

/** What a scope lens carries (server `lsp/handlers/code_lens.rs`). */
export interface TestScopeArgument {
  uri: string;
  capability: string;
  permission: string;
  /** `path` (fs) or `url` (http). */
  kind: 'path' | 'url';
  /** The command to ask about, in Tauri's form (`plugin:fs|read_text_file`). */
  command: string;
  /** Known windows the capability applies to; the first is the default caller. */
  windows: string[];
}

export function parseTestScopeArgument(value: unknown): TestScopeArgument | undefined {
  if (typeof value !== 'object' || value === null) {
    return undefined;
  }
  const { uri, capability, permission, kind, command, windows } = value as Record<string, unknown>;
  if (
    typeof uri !== 'string' ||
    typeof capability !== 'string' ||
    typeof permission !== 'string' ||
    (kind !== 'path' && kind !== 'url') ||
    typeof command !== 'string' ||
    !Array.isArray(windows) ||
    !windows.every((window) => typeof window === 'string')
  ) {
    return undefined;
  }
  return { uri, capability, permission, kind, command, windows: windows as string[] };
}

/** The arguments of the server's `tauri-acl.why` command. */
export interface WhyQuery {
  command: string;
  window: string;
  webview?: string;
  url?: string;
  path?: string;
  scopeUrl?: string;
  platforms?: string[];
}

/** A why query for a value typed against a scope lens. */
export function scopeQuery(argument: TestScopeArgument, window: string, value: string): WhyQuery {
  const query: WhyQuery = { command: argument.command, window };
  if (argument.kind === 'path') {
    query.path = value;
  } else {
    query.scopeUrl = value;
  }
  return query;
}

/** What the input box suggests for each kind of scope. */
export function placeholderFor(kind: TestScopeArgument['kind']): string {
  return kind === 'path' ? '$APPDATA/notes/todo.md' : 'https://api.example.com/users';
}

// The parts of `tauri-acl why --format json` read here (schemas/why.schema.json).
export interface WhyReport {
  apps: { name: string; platforms: PlatformWhy[] }[];
}

export interface PlatformWhy {
  platform: string;
  command: string;
  window: string;
  allowed: boolean;
  summary: string;
  scope?: {
    verdict: string;
    input: string;
    resolved: string;
    entries: { list: string; value: unknown; matches: boolean; note?: string | null; capability: string; permission: string }[];
    layout: [string, string][];
  } | null;
  notes: string[];
}

export interface WhyAnswer {
  /** Allowed on every platform judged. */
  allowed: boolean;
  /** One line for a notification. */
  headline: string;
  /** The whole answer, for a document beside the editor. */
  markdown: string;
}

/** Groups platforms that got the same answer, so a notification stays one line. */
export function describeWhy(report: WhyReport): WhyAnswer {
  const platforms = report.apps.flatMap((app) => app.platforms);
  if (platforms.length === 0) {
    return { allowed: false, headline: 'No Tauri app answered.', markdown: 'No Tauri app answered.\n' };
  }
  const groups = new Map<string, string[]>();
  for (const platform of platforms) {
    const names = groups.get(platform.summary) ?? [];
    names.push(platform.platform);
    groups.set(platform.summary, names);
  }
  const headline = [...groups.entries()]
    .map(([summary, names]) => (groups.size === 1 ? summary : `on ${names.join(', ')}: ${summary}`))
    .join(' · ');
  const lines: string[] = [];
  for (const app of report.apps) {
    for (const platform of app.platforms) {
      lines.push(`## ${app.name} on ${platform.platform}: ${platform.allowed ? 'allowed' : 'denied'}`, '');
      lines.push(`\`${platform.command}\` from window \`${platform.window}\``, '', platform.summary, '');
      if (platform.scope) {
        lines.push(`Scope: \`${platform.scope.input}\` → \`${platform.scope.resolved}\` (${platform.scope.verdict})`, '');
        for (const entry of platform.scope.entries.filter((entry) => entry.matches || entry.note)) {
          const note = entry.note ? `: ${entry.note}` : '';
          lines.push(
            `- ${entry.list} \`${JSON.stringify(entry.value)}\` from \`${entry.permission}\` in \`${entry.capability}\`: ${entry.matches ? 'matches' : 'no match'}${note}`,
          );
        }
        if (platform.scope.layout.length > 0) {
          lines.push('', `Assumed layout: ${platform.scope.layout.map(([name, dir]) => `\`${name}\` = \`${dir}\``).join(', ')}`);
        }
        lines.push('');
      }
      for (const note of platform.notes) {
        lines.push(`> ${note}`, '');
      }
    }
  }
  return { allowed: platforms.every((platform) => platform.allowed), headline, markdown: lines.join('\n') };
}
