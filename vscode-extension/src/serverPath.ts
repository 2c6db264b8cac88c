// Finding the `tauri-acl` binary: the `tauriAcl.server.path` setting, then the binary
// shipped inside a platform-specific .vsix (`server/tauri-acl[.exe]`), then `PATH`.
//
// Pure apart from the injected `isExecutable`, so `node --test` covers every branch.
// A setting that points nowhere is an error, not a reason to fall back silently: the
// user asked for that binary.

import * as path from 'node:path';
import * as fs from 'node:fs';

import { expandPath, type PathContext } from './settings';

export type ServerSource = 'setting' | 'bundled' | 'PATH';

export interface ServerLocation {
  path: string;
  source: ServerSource;
}

export interface LocateInput {
  /** `tauriAcl.server.path`, as typed. */
  configured: string | undefined;
  extensionPath: string;
  platform: NodeJS.Platform;
  env: Record<string, string | undefined>;
  context: PathContext;
  isExecutable: (file: string) => boolean;
}

export type LocateResult = { ok: true; location: ServerLocation } | { ok: false; message: string };

export const BINARY_NAME = 'tauri-acl';

export function locateServer(input: LocateInput): LocateResult {
  const paths = input.platform === 'win32' ? path.win32 : path.posix;
  const configured = input.configured?.trim();
  if (configured) {
    const file = expandPath(configured, input.context);
    if (input.isExecutable(file)) {
      return { ok: true, location: { path: file, source: 'setting' } };
    }
    return {
      ok: false,
      message: `tauriAcl.server.path is set to ${file}, which is not an executable file.`,
    };
  }

  const bundled = bundledServerPath(input.extensionPath, input.platform);
  if (input.isExecutable(bundled)) {
    return { ok: true, location: { path: bundled, source: 'bundled' } };
  }

  const searchPath = pathVariable(input.env, input.platform);
  const delimiter = input.platform === 'win32' ? ';' : ':';
  // The server is a native binary, so on Windows only `.exe` can be spawned directly.
  const name = BINARY_NAME + (input.platform === 'win32' ? '.exe' : '');
  for (const dir of (searchPath ?? '').split(delimiter)) {
    if (dir.trim() === '') {
      continue;
    }
    const file = paths.join(unquote(dir), name);
    if (input.isExecutable(file)) {
      return { ok: true, location: { path: file, source: 'PATH' } };
    }
  }

  return {
    ok: false,
    message:
      'The tauri-acl language server was not found: this extension has no server built in for this platform and `tauri-acl` is not on PATH. ' +
      'Install it (`cargo install --path server` in a tauri-acl checkout) or set tauriAcl.server.path.',
  };
}

/** Where a platform-specific .vsix carries the server. */
export function bundledServerPath(extensionPath: string, platform: NodeJS.Platform): string {
  const paths = platform === 'win32' ? path.win32 : path.posix;
  return paths.join(extensionPath, 'server', BINARY_NAME + (platform === 'win32' ? '.exe' : ''));
}

/** A regular file that this process may execute (on Windows: any regular file). */
export function isExecutableFile(file: string): boolean {
  try {
    if (!fs.statSync(file).isFile()) {
      return false;
    }
    if (process.platform !== 'win32') {
      fs.accessSync(file, fs.constants.X_OK);
    }
    return true;
  } catch {
    return false;
  }
}

/** Windows spells the variable `Path`; environment names are case-insensitive there. */
function pathVariable(env: Record<string, string | undefined>, platform: NodeJS.Platform): string | undefined {
  if (platform !== 'win32') {
    return env.PATH;
  }
  const key = Object.keys(env).find((name) => name.toUpperCase() === 'PATH');
  return key === undefined ? undefined : env[key];
}

function unquote(dir: string): string {
  return dir.length >= 2 && dir.startsWith('"') && dir.endsWith('"') ? dir.slice(1, -1) : dir;
}
