// The platforms with a binary package, `@tauri-acl/<platform>-<arch>`, each listed in
// package.json's optionalDependencies: npm installs the one whose `os` and `cpu` match.
'use strict';

const PLATFORMS = ['linux-x64', 'linux-arm64', 'darwin-x64', 'darwin-arm64', 'win32-x64', 'win32-arm64'];

function packageFor(platform, arch) {
  const key = `${platform}-${arch}`;
  return PLATFORMS.includes(key) ? `@tauri-acl/${key}` : undefined;
}

function binaryName(platform) {
  return platform === 'win32' ? 'tauri-acl.exe' : 'tauri-acl';
}

module.exports = { PLATFORMS, packageFor, binaryName };
