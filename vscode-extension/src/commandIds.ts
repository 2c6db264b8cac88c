// Every command the extension registers, in one place. The server names three of them
// (`tauri-acl.showEffectivePermissions` and `tauri-acl.testScope` in code lenses,
// `tauri-acl.insertSnippet` in code actions); a unit test checks these against the server's source and against
// package.json. Adding a command: one entry here, one in package.json, one handler in
// `commands.ts`.

export const COMMANDS = {
  restartServer: 'tauri-acl.restartServer',
  checkWorkspace: 'tauri-acl.checkWorkspace',
  showEffectivePermissions: 'tauri-acl.showEffectivePermissions',
  openPermissionDefinition: 'tauri-acl.openPermissionDefinition',
  showOutput: 'tauri-acl.showOutput',
  insertSnippet: 'tauri-acl.insertSnippet',
  testScope: 'tauri-acl.testScope',
  askWhy: 'tauri-acl.askWhy',
  refreshPermissions: 'tauri-acl.effectivePermissions.refresh',
  choosePlatform: 'tauri-acl.effectivePermissions.choosePlatform',
  showAllWindows: 'tauri-acl.effectivePermissions.showAll',
} as const;

export type CommandId = (typeof COMMANDS)[keyof typeof COMMANDS];

/** The permissions view's id in package.json. */
export const PERMISSIONS_VIEW = 'tauriAcl.effectivePermissions';

/** The custom protocol the server speaks besides LSP. */
export const PROTOCOL = {
  explain: 'tauri-acl/explain',
  status: 'tauri-acl/status',
  /** Answered through `workspace/executeCommand`. */
  why: 'tauri-acl.why',
  /** Client capabilities under `experimental` that turn the extras on. */
  snippetsFlag: 'tauriAclSnippets',
  statusFlag: 'tauriAclStatus',
} as const;
