// Which files the extension hands to the server: capability files, permission manifests
// and Tauri configs, by path, so unrelated JSON and TOML never reach it.
//
// Pure. The globs go to VS Code's document selector; `isTauriAclFile` answers the same
// question for a path, for deciding what refreshes the permissions view.

export const DOCUMENT_PATTERNS = [
  '**/capabilities/**/*.{json,json5,toml}',
  '**/permissions/**/*.{json,toml}',
  '**/tauri.conf.json',
  '**/tauri.conf.json5',
  '**/tauri.*.conf.json',
  '**/tauri.*.conf.json5',
  '**/Tauri.toml',
  '**/Tauri.*.toml',
] as const;

/** The files whose folder is a Tauri app's root (as the server finds apps). */
export const CONFIG_FILE_NAMES = ['tauri.conf.json', 'tauri.conf.json5', 'Tauri.toml'] as const;

const MATCHERS: RegExp[] = [
  /(^|\/)capabilities\/(.+\/)?[^/]+\.(json|json5|toml)$/,
  /(^|\/)permissions\/(.+\/)?[^/]+\.(json|toml)$/,
  /(^|\/)tauri\.conf\.json5?$/,
  /(^|\/)tauri\.[^/]+\.conf\.json5?$/,
  /(^|\/)Tauri(\.[^/]+)?\.toml$/,
];

/** Whether the server wants `file` (a path with `/` or `\` separators). */
export function isTauriAclFile(file: string): boolean {
  const normalized = file.replace(/\\/g, '/');
  return MATCHERS.some((matcher) => matcher.test(normalized));
}
