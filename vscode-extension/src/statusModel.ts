// What the status bar item says: the server's state and, from the `tauri-acl/status`
// notification, where each app's permissions were read from and how many there are.
//
// Pure; `statusBar.ts` applies the result to a VS Code status bar item.

export interface AppStatus {
  name: string;
  root: string;
  plugins: number;
  permissions: number;
  capabilities: number;
  /** Source kind (`registry`, `core-table`, `acl-manifests`…) → plugin count. */
  sources: Record<string, number>;
  missingPlugins: string[];
  issues: number;
  platforms: string[];
}

/** The params of `tauri-acl/status`. */
export interface StatusParams {
  busy: boolean;
  error?: string;
  apps: AppStatus[];
}

export type ServerState =
  | { kind: 'starting' }
  | { kind: 'running'; status: StatusParams | undefined }
  | { kind: 'stopped' }
  | { kind: 'failed'; message: string };

export interface StatusPresentation {
  text: string;
  tooltip: string;
  level: 'normal' | 'warning' | 'error';
  /** What a click does: show the output channel (for errors) or the permissions view. */
  click: 'output' | 'permissions';
}

const SOURCE_NAMES: Record<string, string> = {
  registry: 'registry crates',
  git: 'git checkouts',
  path: 'path dependencies',
  'core-table': "tauri's command table",
  'acl-manifests': 'acl-manifests.json',
  app: "the app's permissions/",
  bundled: 'the bundled catalogue',
  'bundled-nearest': "the bundled catalogue's nearest older release",
};

export function presentStatus(state: ServerState): StatusPresentation {
  switch (state.kind) {
    case 'starting':
      return { text: '$(sync~spin) Tauri ACL', tooltip: 'Starting the tauri-acl server…', level: 'normal', click: 'output' };
    case 'stopped':
      return { text: '$(circle-slash) Tauri ACL', tooltip: 'The tauri-acl server is stopped. Click for its output.', level: 'warning', click: 'output' };
    case 'failed':
      return { text: '$(error) Tauri ACL', tooltip: `${state.message}\nClick for the output.`, level: 'error', click: 'output' };
    case 'running':
      return presentRunning(state.status);
  }
}

function presentRunning(status: StatusParams | undefined): StatusPresentation {
  if (status === undefined) {
    return { text: '$(shield) Tauri ACL', tooltip: 'tauri-acl is running', level: 'normal', click: 'permissions' };
  }
  if (status.busy) {
    return { text: '$(sync~spin) Tauri ACL: indexing', tooltip: 'Reading capabilities and permission manifests…', level: 'normal', click: 'output' };
  }
  const lines = status.apps.map(describeApp);
  if (status.error !== undefined) {
    return {
      text: '$(error) Tauri ACL',
      tooltip: [`Error: ${status.error}`, ...lines, 'Click for the output.'].join('\n'),
      level: 'error',
      click: 'output',
    };
  }
  if (status.apps.length === 0) {
    return { text: '$(shield) Tauri ACL: no app', tooltip: 'No Tauri app (tauri.conf.json, tauri.conf.json5 or Tauri.toml) in this workspace.', level: 'normal', click: 'output' };
  }
  const plugins = status.apps.reduce((sum, app) => sum + app.plugins, 0);
  const sources = sortedSources(status.apps);
  const missing = status.apps.reduce((sum, app) => sum + app.missingPlugins.length, 0);
  const issues = status.apps.reduce((sum, app) => sum + app.issues, 0);
  const warning = missing > 0 || issues > 0;
  const parts = [`${plugins} plugin${plugins === 1 ? '' : 's'}`, sources.join(', ')];
  if (missing > 0) {
    parts.push(`${missing} missing`);
  }
  return {
    text: `${warning ? '$(warning)' : '$(shield)'} Tauri ACL: ${parts.filter((part) => part !== '').join(' · ')}`,
    tooltip: [...lines, warning ? 'Click for the output.' : 'Click for the effective permissions.'].join('\n'),
    level: warning ? 'warning' : 'normal',
    click: warning ? 'output' : 'permissions',
  };
}

function describeApp(app: AppStatus): string {
  const sources = Object.entries(app.sources)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([kind, count]) => `${count} from ${SOURCE_NAMES[kind] ?? kind}`)
    .join(', ');
  let line = `${app.name}: ${app.plugins} plugins (${sources || 'none found'}), ${app.permissions} permissions, ${app.capabilities} capabilities; platforms ${app.platforms.join(', ')}`;
  if (app.missingPlugins.length > 0) {
    line += `; permissions not found for ${app.missingPlugins.join(', ')} (run \`cargo fetch\`)`;
  }
  if (app.issues > 0) {
    line += `; ${app.issues} problem${app.issues === 1 ? '' : 's'} reading the workspace`;
  }
  return line;
}

function sortedSources(apps: AppStatus[]): string[] {
  const kinds = new Set<string>();
  for (const app of apps) {
    for (const kind of Object.keys(app.sources)) {
      kinds.add(kind);
    }
  }
  return [...kinds].sort();
}
