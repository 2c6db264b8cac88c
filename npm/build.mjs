// Builds the npm packages: `tauri-acl` (the launcher in npm/tauri-acl/) and the binary
// package for one platform, `@tauri-acl/<platform>-<arch>`, then `npm pack`s both.
//
//   node npm/build.mjs --binary target/release/tauri-acl --out target/npm [--target linux-x64]
//
// The version is the server crate's (server/Cargo.toml), checked against the launcher's
// package.json and its optionalDependencies. A release runs this once per platform with
// that platform's binary and publishes every package; CI builds linux-x64.

import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const npmDir = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(npmDir, '..');
const { PLATFORMS, binaryName } = createRequire(import.meta.url)('./tauri-acl/platforms.js');

const args = parseArgs(process.argv.slice(2));
const target = args.target ?? `${process.platform}-${process.arch}`;
if (!PLATFORMS.includes(target)) {
  fail(`unknown target ${target}: one of ${PLATFORMS.join(', ')}`);
}
if (!args.binary || !fs.existsSync(args.binary)) {
  fail(`no binary at ${args.binary}: pass --binary (cargo build --release --locked makes target/release/tauri-acl)`);
}
const out = path.resolve(args.out ?? path.join(repo, 'target', 'npm'));

const crateVersion = /^version\s*=\s*"([^"]+)"/m.exec(fs.readFileSync(path.join(repo, 'server', 'Cargo.toml'), 'utf8'))?.[1];
const launcher = JSON.parse(fs.readFileSync(path.join(npmDir, 'tauri-acl', 'package.json'), 'utf8'));
if (launcher.version !== crateVersion) {
  fail(`npm/tauri-acl/package.json has version ${launcher.version}, the crate ${crateVersion}: keep them equal`);
}
for (const platform of PLATFORMS) {
  const wanted = launcher.optionalDependencies?.[`@tauri-acl/${platform}`];
  if (wanted !== crateVersion) {
    fail(`npm/tauri-acl/package.json: optionalDependencies["@tauri-acl/${platform}"] is ${wanted}, not ${crateVersion}`);
  }
}

fs.rmSync(out, { recursive: true, force: true });
fs.mkdirSync(out, { recursive: true });

// The launcher, as it is in the repository.
const launcherDir = path.join(out, 'tauri-acl');
fs.cpSync(path.join(npmDir, 'tauri-acl'), launcherDir, { recursive: true });

// The binary package.
const [os, cpu] = target.split('-');
const platformDir = path.join(out, `tauri-acl-${target}`);
fs.mkdirSync(path.join(platformDir, 'bin'), { recursive: true });
const exe = binaryName(os);
fs.copyFileSync(args.binary, path.join(platformDir, 'bin', exe));
fs.chmodSync(path.join(platformDir, 'bin', exe), 0o755);
// As for the .vsix: users need none of the line tables the release profile keeps.
if (os !== 'win32' && `${process.platform}-${process.arch}` === target) {
  const stripped = spawnSync('strip', ['-S', path.join(platformDir, 'bin', exe)], { stdio: 'inherit' });
  if (stripped.error !== undefined || stripped.status !== 0) {
    console.warn('npm/build.mjs: `strip` failed or is missing; the binary keeps its line tables');
  }
}
fs.writeFileSync(
  path.join(platformDir, 'package.json'),
  `${JSON.stringify(
    {
      name: `@tauri-acl/${target}`,
      version: crateVersion,
      description: `The tauri-acl binary for ${target}; install \`tauri-acl\`, which picks it`,
      license: launcher.license,
      repository: launcher.repository,
      os: [os],
      cpu: [cpu],
      files: [`bin/${exe}`, 'README.md'],
      preferUnplugged: true,
    },
    null,
    2,
  )}\n`,
);
fs.writeFileSync(path.join(platformDir, 'README.md'), `# @tauri-acl/${target}\n\nThe \`tauri-acl\` binary for ${target}. Install [\`tauri-acl\`](https://www.npmjs.com/package/tauri-acl) instead: it depends on this package on ${target}.\n`);

for (const dir of [launcherDir, platformDir]) {
  const tarball = execFileSync('npm', ['pack', '--silent', '--pack-destination', out], { cwd: dir, encoding: 'utf8' }).trim().split('\n').pop();
  console.log(path.join(out, tarball));
}

function parseArgs(list) {
  const parsed = {};
  for (let i = 0; i < list.length; i += 2) {
    const key = list[i]?.replace(/^--/, '');
    if (!['binary', 'out', 'target'].includes(key) || list[i + 1] === undefined) {
      fail(`unexpected argument ${list[i]}`);
    }
    parsed[key] = list[i + 1];
  }
  return parsed;
}

function fail(message) {
  console.error(`npm/build.mjs: ${message}`);
  process.exit(1);
}
