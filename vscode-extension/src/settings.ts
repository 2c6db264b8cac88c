// The extension's `tauriAcl.*` settings mapped to what the server reads (its
// `initializationOptions` and the `tauriAcl` section of `workspace/configuration`) and
// to the arguments of `tauri-acl check`.
//
// Pure: no `vscode` import, so `node --test` covers it. Bad values are dropped with a
// message for the output channel rather than sent on, so the server only ever sees
// values it understands.

import * as path from 'node:path';

/** Platform names exactly as Tauri spells them. */
export const PLATFORMS = ['linux', 'macOS', 'windows', 'android', 'iOS'] as const;
export type Platform = (typeof PLATFORMS)[number];

export const RULE_LEVELS = ['off', 'hint', 'info', 'warning', 'error'] as const;
export type RuleLevel = (typeof RULE_LEVELS)[number];

/** The settings as VS Code returns them: anything the user typed. */
export interface RawSettings {
  platforms?: unknown;
  rules?: unknown;
  cargoHome?: unknown;
}

/** What the server accepts under `tauriAcl` (see the README's "Settings"). */
export interface ServerSettings {
  platforms?: Platform[];
  rules?: Record<string, RuleLevel>;
  cargoHome?: string[];
}

/** What relative paths and `~` are resolved against. */
export interface PathContext {
  home: string;
  workspaceFolder?: string;
}

export interface Mapped {
  settings: ServerSettings;
  /** One sentence per ignored value. */
  problems: string[];
}

export function toServerSettings(raw: RawSettings, context: PathContext): Mapped {
  const settings: ServerSettings = {};
  const problems: string[] = [];

  if (Array.isArray(raw.platforms)) {
    const platforms: Platform[] = [];
    for (const value of raw.platforms) {
      const platform = parsePlatform(value);
      if (platform === undefined) {
        problems.push(`tauriAcl.platforms: ignoring ${JSON.stringify(value)}, which is not one of ${PLATFORMS.join(', ')}`);
      } else if (!platforms.includes(platform)) {
        platforms.push(platform);
      }
    }
    if (platforms.length > 0) {
      settings.platforms = platforms;
    }
  } else if (raw.platforms !== undefined && raw.platforms !== null) {
    problems.push('tauriAcl.platforms: expected a list of platform names');
  }

  if (isPlainObject(raw.rules)) {
    const rules: Record<string, RuleLevel> = {};
    for (const [code, level] of Object.entries(raw.rules)) {
      const parsed = typeof level === 'string' ? level.toLowerCase() : level;
      if (typeof parsed === 'string' && (RULE_LEVELS as readonly string[]).includes(parsed)) {
        rules[code] = parsed as RuleLevel;
      } else {
        problems.push(`tauriAcl.rules: ignoring ${code} = ${JSON.stringify(level)}; a level is one of ${RULE_LEVELS.join(', ')}`);
      }
    }
    if (Object.keys(rules).length > 0) {
      settings.rules = rules;
    }
  } else if (raw.rules !== undefined && raw.rules !== null) {
    problems.push('tauriAcl.rules: expected an object of rule code → level');
  }

  const homes = typeof raw.cargoHome === 'string' ? [raw.cargoHome] : Array.isArray(raw.cargoHome) ? raw.cargoHome : [];
  if (raw.cargoHome !== undefined && raw.cargoHome !== null && typeof raw.cargoHome !== 'string' && !Array.isArray(raw.cargoHome)) {
    problems.push('tauriAcl.cargoHome: expected a path or a list of paths');
  }
  const cargoHome: string[] = [];
  for (const home of homes) {
    if (typeof home !== 'string') {
      problems.push(`tauriAcl.cargoHome: ignoring ${JSON.stringify(home)}, which is not a path`);
    } else if (home.trim() !== '') {
      cargoHome.push(expandPath(home.trim(), context));
    }
  }
  if (cargoHome.length > 0) {
    settings.cargoHome = cargoHome;
  }

  return { settings, problems };
}

/** `macos`, `MacOS` and `macOS` all mean `macOS`, as the server also accepts. */
export function parsePlatform(value: unknown): Platform | undefined {
  if (typeof value !== 'string') {
    return undefined;
  }
  return PLATFORMS.find((platform) => platform.toLowerCase() === value.trim().toLowerCase());
}

/**
 * Expands `~`, `${userHome}` and `${workspaceFolder}`, and resolves a relative path
 * against the workspace folder (left as is when there is none).
 */
export function expandPath(value: string, context: PathContext): string {
  let expanded = value.replace(/\$\{userHome\}/g, context.home);
  if (context.workspaceFolder !== undefined) {
    expanded = expanded.replace(/\$\{workspaceFolder\}/g, context.workspaceFolder);
  }
  if (expanded === '~') {
    expanded = context.home;
  } else if (expanded.startsWith('~/') || expanded.startsWith('~\\')) {
    expanded = path.join(context.home, expanded.slice(2));
  }
  if (!isAbsolute(expanded) && context.workspaceFolder !== undefined) {
    expanded = path.resolve(context.workspaceFolder, expanded);
  }
  return expanded;
}

/** The same settings as `tauri-acl check` flags. */
export function toCheckArguments(settings: ServerSettings): string[] {
  const args: string[] = [];
  for (const platform of settings.platforms ?? []) {
    args.push('--platform', platform);
  }
  for (const [code, level] of Object.entries(settings.rules ?? {})) {
    args.push('--rule', `${code}=${level}`);
  }
  for (const home of settings.cargoHome ?? []) {
    args.push('--cargo-home', home);
  }
  return args;
}

function isAbsolute(value: string): boolean {
  return path.posix.isAbsolute(value) || path.win32.isAbsolute(value);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
