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
fs.copyFileSync(binary, path.join(serverDir, `tauri-acl${exe}`));
fs.chmodSync(path.join(serverDir, `tauri-acl${exe}`), 0o755);

run(process.execPath, [path.join(extension, 'scripts', 'build.mjs')]);

const out = `${manifest.name}-${target}-${manifest.version}.vsix`;
run(process.execPath, [
  path.join(extension, 'node_modules', '@vscode', 'vsce', 'vsce'),
  'package',
  '--target',
  target,
  '--no-dependencies',
  '--skip-license',
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

function fail(message) {
  console.error(`npm run package: ${message}`);
  process.exit(1);
}
