// `npm run package`: a platform-specific .vsix for this machine's platform, with the
// release server binary inside (server/tauri-acl[.exe]). Offline: the extension is
// bundled, so vsce is told not to look at dependencies.
//
// The binary is ../target/release/tauri-acl (run `cargo build --release` first) or the
// file named by TAURI_ACL_SERVER_BIN.

import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const extension = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const manifest = JSON.parse(fs.readFileSync(path.join(extension, 'package.json'), 'utf8'));

const TARGETS = {
  'linux-x64': 'linux-x64',
  'linux-arm64': 'linux-arm64',
  'darwin-x64': 'darwin-x64',
  'darwin-arm64': 'darwin-arm64',
  'win32-x64': 'win32-x64',
  'win32-arm64': 'win32-arm64',
};
const target = TARGETS[`${process.platform}-${process.arch}`];
if (target === undefined) {
  fail(`no VS Code target for ${process.platform}-${process.arch}`);
}

const exe = process.platform === 'win32' ? '.exe' : '';
const binary = process.env.TAURI_ACL_SERVER_BIN || path.join(extension, '..', 'target', 'release', `tauri-acl${exe}`);
if (!fs.existsSync(binary)) {
  fail(`no server binary at ${binary}: run \`cargo build --release --locked\` first, or set TAURI_ACL_SERVER_BIN`);
}
const serverDir = path.join(extension, 'server');
fs.rmSync(serverDir, { recursive: true, force: true });
fs.mkdirSync(serverDir);
const shipped = path.join(serverDir, `tauri-acl${exe}`);
fs.copyFileSync(binary, shipped);
fs.chmodSync(shipped, 0o755);
// The release profile keeps line tables for profiling (Cargo.toml); users need none of
// them, and they are most of the binary. `strip -S` (debug sections only: symbols stay,
// so a panic still names its function) works with GNU and Apple strip alike.
if (process.platform !== 'win32') {
  const before = fs.statSync(shipped).size;
  const stripped = spawnSync('strip', ['-S', shipped], { stdio: 'inherit' });
  if (stripped.error !== undefined || stripped.status !== 0) {
    console.warn('npm run package: `strip` failed or is missing; the binary keeps its line tables');
  } else {
    console.log(`stripped the server's line tables: ${mb(before)} → ${mb(fs.statSync(shipped).size)}`);
  }
}

run(process.execPath, [path.join(extension, 'scripts', 'build.mjs')]);

const out = `${manifest.name}-${target}-${manifest.version}.vsix`;
run(process.execPath, [
  path.join(extension, 'node_modules', '@vscode', 'vsce', 'vsce'),
  'package',
  '--target',
  target,
  '--no-dependencies',
  '--skip-license',
  // The extension lives in a folder of the repository: relative README links point there.
  '--baseContentUrl',
  `${repositoryUrl()}/blob/HEAD/vscode-extension`,
  '--baseImagesUrl',
  `${repositoryUrl()}/raw/HEAD/vscode-extension`,
  '--out',
  out,
]);
console.log(`packaged ${path.join(extension, out)}`);

function run(command, args) {
  const result = spawnSync(command, args, { cwd: extension, stdio: ['ignore', 'inherit', 'inherit'] });
  if (result.status !== 0) {
    fail(`${path.basename(args[0] ?? command)} failed`);
  }
}

function repositoryUrl() {
  return manifest.repository.url.replace(/\.git$/, '');
}

function mb(bytes) {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

function fail(message) {
  console.error(`npm run package: ${message}`);
  process.exit(1);
}
