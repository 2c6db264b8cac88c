#!/usr/bin/env node
// `npx tauri-acl …`: runs the binary from the platform package npm installed beside
// this one (or the file TAURI_ACL_BINARY names), with the same arguments, and exits
// with its exit code.
'use strict';

const { spawnSync } = require('node:child_process');
const path = require('node:path');
const { packageFor, binaryName } = require('../platforms.js');

function locate() {
  if (process.env.TAURI_ACL_BINARY) {
    return process.env.TAURI_ACL_BINARY;
  }
  const name = packageFor(process.platform, process.arch);
  if (name === undefined) {
    fail(`there is no tauri-acl binary package for ${process.platform}-${process.arch}; install it with \`cargo install tauri-acl\` and set TAURI_ACL_BINARY`);
  }
  try {
    return path.join(path.dirname(require.resolve(`${name}/package.json`)), 'bin', binaryName(process.platform));
  } catch {
    fail(`the package ${name} is not installed: npm skips optional dependencies with --omit=optional or --no-optional; reinstall without it`);
  }
}

function fail(message) {
  process.stderr.write(`tauri-acl: ${message}\n`);
  process.exit(2);
}

const binary = locate();
const result = spawnSync(binary, process.argv.slice(2), { stdio: 'inherit' });
if (result.error) {
  fail(`cannot run ${binary}: ${result.error.message}`);
}
if (result.signal) {
  process.kill(process.pid, result.signal);
}
process.exit(result.status ?? 1);
