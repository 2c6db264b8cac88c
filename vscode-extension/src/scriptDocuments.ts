// Frontend scripts (`.ts`, `.vue`, `.svelte`…): the server reads them for the findings
// that sit at a call (`ungranted-call`) and answers nothing else there, because they
// belong to the TypeScript language service and the frameworks' own extensions.
//
// Pure. `SCRIPT_PATTERN` joins the document selector so scripts are synced and get
// diagnostics; `scriptMiddleware` keeps every other feature of the client off them
// (the server declines too: this spares the requests, and keeps our completion trigger
// characters, semantic tokens and code lenses from competing with theirs).

/** The extensions of the files the server scans for IPC calls (its
 * `frontend::source_files::EXTENSIONS`). */
export const SCRIPT_EXTENSIONS = ['ts', 'tsx', 'js', 'jsx', 'mjs', 'cjs', 'mts', 'cts', 'vue', 'svelte', 'astro'] as const;

/** One glob for the document selector. */
export const SCRIPT_PATTERN = `**/*.{${SCRIPT_EXTENSIONS.join(',')}}`;

const SCRIPT = new RegExp(`\\.(${SCRIPT_EXTENSIONS.join('|')})$`);

/** Whether `file` (a path with `/` or `\` separators) is a frontend script. */
export function isFrontendScript(file: string): boolean {
  return SCRIPT.test(file);
}

/** The client middleware hooks of every feature that must not answer on a script:
 * everything the server offers but diagnostics and code actions (the server sends only
 * the quick fixes of its diagnostics there). */
export const FEATURES_OFF_SCRIPTS = [
  'provideCompletionItem',
  'resolveCompletionItem',
  'provideHover',
  'provideDefinition',
  'provideReferences',
  'prepareRename',
  'provideRenameEdits',
  'provideDocumentSymbols',
  'provideDocumentLinks',
  'resolveDocumentLink',
  'provideCodeLenses',
  'resolveCodeLens',
  'provideDocumentSemanticTokens',
  'provideDocumentSemanticTokensEdits',
  'provideDocumentRangeSemanticTokens',
  'provideInlayHints',
  'resolveInlayHint',
] as const;

// Each hook has its own signature in vscode-languageclient; all take the document first
// and `next` last, which is all this code relies on.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Hook = (...args: any[]) => any;

/** The middleware for `FEATURES_OFF_SCRIPTS`: each hook answers `undefined` (no result
 * from us) for a script and passes anything else on to the server. Hooks whose first
 * argument is not a document (the `resolve*` ones) are only ever called with what an
 * earlier answer gave, which a script never gets, so they pass everything on. */
export function scriptMiddleware(): Record<(typeof FEATURES_OFF_SCRIPTS)[number], Hook> {
  const hook: Hook = (...args: unknown[]) => {
    const next = args[args.length - 1] as Hook;
    const rest = args.slice(0, -1);
    return onScript(rest[0]) ? undefined : next(...rest);
  };
  return Object.fromEntries(FEATURES_OFF_SCRIPTS.map((name) => [name, hook])) as Record<
    (typeof FEATURES_OFF_SCRIPTS)[number],
    Hook
  >;
}

/** Whether a hook's first argument is a text document of a script. */
function onScript(first: unknown): boolean {
  const uri = (first as { uri?: { scheme?: unknown; path?: unknown } } | undefined)?.uri;
  return typeof uri?.path === 'string' && isFrontendScript(uri.path);
}
