// The effective-permissions view as plain data: the `tauri-acl/explain` report (the same
// JSON as `tauri-acl explain --format json`) turned into tree nodes, window → allowed or
// denied commands → the capability that grants each one.
//
// Pure, so `node --test` covers it with the real server's report; `permissionsView.ts`
// only turns these nodes into VS Code tree items.

export interface ExplainReport {
  apps: AppExplanation[];
}

export interface AppExplanation {
  name: string;
  root: string;
  plugins: { key: string; source: string; source_kind: string }[];
  platforms: PlatformExplanation[];
}

export interface PlatformExplanation {
  platform: string;
  capabilities: CapabilitySummary[];
  windows: WindowExplanation[];
  /** The app defines no permissions, so Tauri lets local pages call its commands unchecked. */
  app_commands_unchecked?: boolean;
}

export interface CapabilitySummary {
  identifier: string;
  file: string;
  windows: string[];
  webviews: string[];
  local: boolean;
  remote: string[];
  platforms: string[] | null;
  errors: number;
}

export interface WindowExplanation {
  label: string;
  webview: string;
  capabilities: string[];
  allowed: CommandExplanation[];
  denied: CommandExplanation[];
}

export interface CommandExplanation {
  command: string;
  by: GrantExplanation[];
}

export interface GrantExplanation {
  capability: string;
  entry: string;
  permission: string;
  via: string[];
  scope: { allow: unknown[]; deny: unknown[] } | null;
  defined_at: string;
}

export interface ViewOptions {
  /** The platform to show; the first one the app targets when it does not target it. */
  platform: string | undefined;
  /** Only the windows this capability applies to. */
  capability?: string;
}

export type Node =
  | { kind: 'message'; text: string; parent?: undefined }
  | { kind: 'app'; app: AppExplanation; platform: PlatformExplanation; windows: WindowExplanation[]; parent?: undefined }
  | { kind: 'window'; app: AppExplanation; platform: PlatformExplanation; window: WindowExplanation; parent?: Node }
  | { kind: 'group'; which: 'allowed' | 'denied'; window: WindowExplanation; platform: PlatformExplanation; parent: Node }
  | { kind: 'command'; which: 'allowed' | 'denied'; command: CommandExplanation; platform: PlatformExplanation; parent: Node }
  | { kind: 'grant'; grant: GrantExplanation; platform: PlatformExplanation; parent: Node };

/** A location to open: a file and a 1-based line. */
export interface Target {
  file: string;
  line: number;
}

export interface Presentation {
  id: string;
  label: string;
  description?: string;
  tooltip?: string;
  expanded: boolean | undefined;
  /** What a click opens. */
  open?: Target;
  /** A codicon name. */
  icon?: string;
}

/** Every platform some app targets, in the report's order. */
export function platformsOf(report: ExplainReport): string[] {
  const platforms: string[] = [];
  for (const app of report.apps) {
    for (const platform of app.platforms) {
      if (!platforms.includes(platform.platform)) {
        platforms.push(platform.platform);
      }
    }
  }
  return platforms;
}

export function rootNodes(report: ExplainReport, options: ViewOptions): Node[] {
  if (report.apps.length === 0) {
    return [{ kind: 'message', text: 'No Tauri app in this workspace' }];
  }
  const roots: Node[] = [];
  const messages: Node[] = [];
  for (const app of report.apps) {
    const platform = app.platforms.find((candidate) => candidate.platform === options.platform) ?? app.platforms[0];
    if (platform === undefined) {
      messages.push({ kind: 'message', text: `${app.name}: no platform to show` });
      continue;
    }
    let windows = platform.windows;
    if (options.capability !== undefined) {
      const capability = platform.capabilities.find((candidate) => candidate.identifier === options.capability);
      if (capability === undefined) {
        const elsewhere = app.platforms.filter((other) =>
          other.capabilities.some((candidate) => candidate.identifier === options.capability),
        );
        if (elsewhere.length > 0) {
          messages.push({
            kind: 'message',
            text: `${app.name}: capability \`${options.capability}\` is not active on ${platform.platform} (only on ${elsewhere.map((other) => other.platform).join(', ')})`,
          });
        }
        continue;
      }
      windows = windows.filter((window) => window.capabilities.includes(capability.identifier));
      if (windows.length === 0) {
        messages.push({
          kind: 'message',
          text: `${app.name}: capability \`${capability.identifier}\` applies to no known window on ${platform.platform}`,
        });
        continue;
      }
    }
    roots.push({ kind: 'app', app, platform, windows });
  }
  if (options.capability !== undefined && roots.length === 0 && messages.length === 0) {
    const platforms = platformsOf(report).join(', ');
    messages.push({ kind: 'message', text: `No capability \`${options.capability}\` is active on the platforms checked (${platforms})` });
  }
  // With one app its windows are the roots; the app level only separates several apps.
  if (roots.length === 1 && messages.length === 0) {
    return childrenOf(roots[0]).map((child) => ({ ...child, parent: undefined }) as Node);
  }
  return [...messages, ...roots];
}

export function childrenOf(node: Node): Node[] {
  switch (node.kind) {
    case 'app':
      return node.windows.map((window) => ({ kind: 'window', app: node.app, platform: node.platform, window, parent: node }));
    case 'window': {
      const groups: Node[] = [
        { kind: 'group', which: 'allowed', window: node.window, platform: node.platform, parent: node },
      ];
      if (node.window.denied.length > 0) {
        groups.push({ kind: 'group', which: 'denied', window: node.window, platform: node.platform, parent: node });
      }
      return groups;
    }
    case 'group':
      return node.window[node.which].map((command) => ({
        kind: 'command',
        which: node.which,
        command,
        platform: node.platform,
        parent: node,
      }));
    case 'command':
      return node.command.by.map((grant) => ({ kind: 'grant', grant, platform: node.platform, parent: node }));
    default:
      return [];
  }
}

export function present(node: Node): Presentation {
  switch (node.kind) {
    case 'message':
      return { id: `message:${node.text}`, label: node.text, expanded: undefined, icon: 'info' };
    case 'app':
      return {
        id: `app:${node.app.root}`,
        label: node.app.name,
        description: node.platform.platform,
        tooltip: node.app.root,
        expanded: true,
        icon: 'package',
      };
    case 'window': {
      const { window } = node;
      const counts = [`${window.allowed.length} allowed`];
      if (window.denied.length > 0) {
        counts.push(`${window.denied.length} denied`);
      }
      // The server's one judgement (resolver `acl_checks`): without app permissions
      // Tauri does not check the app's own commands for local pages.
      const unchecked = node.platform.app_commands_unchecked === true;
      if (unchecked) {
        counts.push('app commands unchecked');
      }
      const appCommands = unchecked
        ? "\nThe app defines no permissions of its own, so Tauri lets this window's pages call every app command."
        : '';
      return {
        id: `window:${node.app.root}:${node.platform.platform}:${window.label}`,
        label: window.label,
        description: `${window.capabilities.join(', ') || 'no capability'} · ${counts.join(' · ')}`,
        tooltip: `Window \`${window.label}\` on ${node.platform.platform}: what a local page in it may call.\nCapabilities: ${window.capabilities.join(', ') || 'none'}${appCommands}`,
        expanded: false,
        icon: 'window',
      };
    }
    case 'group': {
      const commands = node.window[node.which];
      return {
        id: `${idOf(node.parent)}/${node.which}`,
        label: node.which === 'allowed' ? 'Allowed' : 'Denied',
        description: String(commands.length),
        expanded: node.which === 'allowed' ? false : true,
        icon: node.which === 'allowed' ? 'pass' : 'circle-slash',
      };
    }
    case 'command': {
      const first = node.command.by[0];
      const others = node.command.by.length - 1;
      return {
        id: `${idOf(node.parent)}/${node.command.command}`,
        label: node.command.command,
        description:
          first === undefined
            ? undefined
            : `← ${first.permission} (${first.capability})${others > 0 ? ` +${others}` : ''}`,
        expanded: false,
        icon: node.which === 'allowed' ? 'symbol-method' : 'error',
      };
    }
    case 'grant': {
      const { grant } = node;
      const capability = node.platform.capabilities.find((candidate) => candidate.identifier === grant.capability);
      const chain = [grant.entry, ...grant.via.filter((step) => step !== grant.entry), grant.permission].filter(
        (step, index, all) => all.indexOf(step) === index,
      );
      const scope = grant.scope === null ? '' : `\nScope: ${JSON.stringify(grant.scope)}`;
      return {
        id: `${idOf(node.parent)}/${grant.capability}/${grant.entry}/${grant.permission}`,
        label: grant.capability,
        description: chain.join(' → '),
        tooltip: `Capability \`${grant.capability}\`${capability ? ` (${capability.file})` : ''}\n${chain.join(' → ')}\nDefined at ${grant.defined_at}${scope}`,
        expanded: undefined,
        open: parseDefinedAt(grant.defined_at),
        icon: grant.scope === null ? 'shield' : 'filter',
      };
    }
  }
}

/** `path/to/file.toml:12` → the file and line; `undefined` when there is no line. */
export function parseDefinedAt(definedAt: string): Target | undefined {
  const match = /^(.*):(\d+)$/.exec(definedAt);
  if (match === null || match[1] === '') {
    return undefined;
  }
  return { file: match[1], line: Number(match[2]) };
}

/** The labels of the windows `capability` applies to on `platform` in any app. */
export function windowsOfCapability(report: ExplainReport, capability: string, platform: string | undefined): string[] {
  const labels: string[] = [];
  for (const app of report.apps) {
    const explanation = app.platforms.find((candidate) => candidate.platform === platform) ?? app.platforms[0];
    for (const window of explanation?.windows ?? []) {
      if (window.capabilities.includes(capability) && !labels.includes(window.label)) {
        labels.push(window.label);
      }
    }
  }
  return labels;
}

function idOf(node: Node): string {
  return present(node).id;
}
