// What `npm run package` produced: a .vsix for this machine's platform holding the
// manifest, the bundled extension, the grammars and a server binary that runs.
// Run after packaging (`npm run test:vsix`); a missing .vsix fails the test.

import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import * as yauzl from 'yauzl';

const extensionRoot = path.resolve(__dirname, '..', '..', '..');
const repoRoot = path.resolve(extensionRoot, '..');
const target = `${process.platform}-${process.arch}`;
const exe = process.platform === 'win32' ? '.exe' : '';

interface Entry {
  name: string;
  data: Buffer;
  /** Unix mode bits, from the entry's external attributes. */
  mode: number;
}

function readZip(file: string): Promise<Map<string, Entry>> {
  return new Promise((resolve, reject) => {
    yauzl.open(file, { lazyEntries: true }, (error, zip) => {
      if (error || zip === undefined) {
        reject(error ?? new Error('cannot open'));
        return;
      }
      const entries = new Map<string, Entry>();
      zip.on('entry', (entry: yauzl.Entry) => {
        zip.openReadStream(entry, (streamError, stream) => {
          if (streamError || stream === undefined) {
            reject(streamError ?? new Error(`cannot read ${entry.fileName}`));
            return;
          }
          const chunks: Buffer[] = [];
          stream.on('data', (chunk: Buffer) => chunks.push(chunk));
          stream.on('end', () => {
            entries.set(entry.fileName, { name: entry.fileName, data: Buffer.concat(chunks), mode: (entry.externalFileAttributes >>> 16) & 0o777 });
            zip.readEntry();
          });
        });
      });
      zip.on('end', () => resolve(entries));
      zip.on('error', reject);
      zip.readEntry();
    });
  });
}

describe(`the ${target} .vsix`, () => {
  const manifest = JSON.parse(fs.readFileSync(path.join(extensionRoot, 'package.json'), 'utf8'));
  const vsix = process.env.TAURI_ACL_VSIX || path.join(extensionRoot, `${manifest.name}-${target}-${manifest.version}.vsix`);
  let entries: Map<string, Entry>;
  const text = (name: string) => {
    const entry = entries.get(name);
    assert.ok(entry, `${name} is missing; the .vsix holds ${[...entries.keys()].join(', ')}`);
    return entry.data.toString('utf8');
  };

  before(async () => {
    assert.ok(fs.existsSync(vsix), `no ${vsix}: run \`npm run package\` first`);
    entries = await readZip(vsix);
  });

  it('targets this platform', () => {
    assert.match(text('extension.vsixmanifest'), new RegExp(`TargetPlatform="${target}"`));
    assert.match(text('extension.vsixmanifest'), /Microsoft\.VisualStudio\.Code\.Engine" Value="\^1\.91\.0"/);
  });

  it('carries the manifest, and every file it names', () => {
    const packaged = JSON.parse(text('extension/package.json'));
    assert.deepEqual(packaged.contributes, manifest.contributes);
    assert.deepEqual(packaged.engines, { vscode: '^1.91.0' });
    const named = [
      packaged.main,
      ...packaged.contributes.grammars.map((grammar: { path: string }) => grammar.path),
      ...packaged.contributes.languages.map((language: { configuration: string }) => language.configuration),
    ];
    for (const file of named) {
      text(`extension/${path.posix.normalize(file)}`);
    }
  });

  it('bundles the extension with its dependencies but not vscode', () => {
    const bundle = text('extension/dist/extension.js');
    assert.ok(bundle.length > 100_000, 'vscode-languageclient is inlined');
    assert.match(bundle, /require\("vscode"\)/);
    assert.doesNotMatch(bundle, /require\("vscode-languageclient/);
    assert.match(bundle, /tauri-acl\/explain/);
    assert.ok(![...entries.keys()].some((name) => /node_modules|\/src\/|\/test\/|\.ts$|\.map$/.test(name)), [...entries.keys()].join('\n'));
  });

  it('carries the grammars from grammars/', () => {
    for (const name of ['tauri-acl.injection.tmLanguage.json', 'json5.tmLanguage.json']) {
      assert.equal(text(`extension/grammars/${name}`), fs.readFileSync(path.join(repoRoot, 'grammars', name), 'utf8'));
    }
  });

  it('carries the tauri-acl.toml schema from schemas/', () => {
    const packaged = JSON.parse(text('extension/package.json'));
    assert.deepEqual(packaged.contributes.tomlValidation, [
      { fileMatch: 'tauri-acl.toml', url: './schemas/tauri-acl.toml.schema.json' },
    ]);
    assert.equal(
      text('extension/schemas/tauri-acl.toml.schema.json'),
      fs.readFileSync(path.join(repoRoot, 'schemas', 'tauri-acl.toml.schema.json'), 'utf8'),
    );
  });

  it('carries what the Marketplace shows: icon, banner, changelog, README', () => {
    const packaged = JSON.parse(text('extension/package.json'));
    assert.equal(packaged.icon, 'images/icon.png');
    const icon = entries.get('extension/images/icon.png');
    assert.ok(icon, 'the icon is packaged');
    // PNG, 128×128 as the Marketplace asks.
    assert.equal(icon.data.subarray(1, 4).toString('latin1'), 'PNG');
    assert.deepEqual([icon.data.readUInt32BE(16), icon.data.readUInt32BE(20)], [128, 128]);
    assert.match(packaged.galleryBanner.color, /^#[0-9a-f]{6}$/i);
    assert.match(text('extension/changelog.md'), /^# Changelog/);
    // vsce makes the README's relative image links absolute, into the repository.
    const readme = text('extension/readme.md');
    for (const match of readme.matchAll(/!\[[^\]]*\]\(([^)]+)\)/g)) {
      assert.match(match[1], /^https:\/\/github\.com\/tauri-acl\/tauri-acl\/raw\/HEAD\/vscode-extension\/images\//);
      const local = path.join(extensionRoot, match[1].replace(/^.*\/vscode-extension\//, ''));
      assert.ok(fs.existsSync(local), `${local} exists`);
    }
  });

  it('stays small: under 12 MB', () => {
    const size = fs.statSync(vsix).size;
    assert.ok(size < 12 * 1024 * 1024, `${(size / 1024 / 1024).toFixed(1)} MB`);
  });

  it('carries a server binary that runs', () => {
    const name = `extension/server/tauri-acl${exe}`;
    const binary = entries.get(name);
    assert.ok(binary, `${name} is missing`);
    if (process.platform !== 'win32') {
      assert.equal(binary.mode & 0o111, 0o111, `mode ${binary.mode.toString(8)}`);
    }
    if (target === 'linux-x64') {
      // ELF, 64-bit, x86-64.
      assert.deepEqual([...binary.data.subarray(0, 5)], [0x7f, 0x45, 0x4c, 0x46, 2]);
      assert.equal(binary.data.readUInt16LE(18), 0x3e);
    }
    const release = path.join(repoRoot, 'target', 'release', `tauri-acl${exe}`);
    if (!process.env.TAURI_ACL_SERVER_BIN && fs.existsSync(release) && process.platform === 'linux') {
      // The release build, without the line tables the release profile keeps.
      const built = fs.readFileSync(release);
      assert.ok(elfSections(built).includes('.debug_line'), 'the release build has line tables');
      // DWARF only: `.debug_gdb_scripts` is loaded data, which `strip -S` keeps.
      const dwarf = elfSections(binary.data).filter((name) => name.startsWith('.debug_') && name !== '.debug_gdb_scripts');
      assert.deepEqual(dwarf, [], 'the packaged binary has no DWARF sections');
      assert.ok(binary.data.length < built.length, `${binary.data.length} bytes packaged, ${built.length} built`);
    }
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tauri-acl-vsix-'));
    const extracted = path.join(dir, `tauri-acl${exe}`);
    fs.writeFileSync(extracted, binary.data, { mode: 0o755 });
    // The fixture names its own cargo home; nothing else may leak in.
    const env: NodeJS.ProcessEnv = { ...process.env, HOME: '/nonexistent-home-for-tests' };
    delete env.CARGO_HOME;
    delete env.TAURI_ACL_CARGO_HOME;
    const run = spawnSync(extracted, ['check', path.join(repoRoot, 'fixtures', 'demo-app')], { encoding: 'utf8', env });
    fs.rmSync(dir, { recursive: true, force: true });
    assert.equal(run.status, 0, run.stdout + run.stderr);
    assert.match(run.stdout, /demo-app: 0 errors, 0 warnings/);
  });
});

/** The section names of a 64-bit little-endian ELF file. */
function elfSections(elf: Buffer): string[] {
  const offset = Number(elf.readBigUInt64LE(0x28));
  const size = elf.readUInt16LE(0x3a);
  const count = elf.readUInt16LE(0x3c);
  const header = (index: number) => offset + index * size;
  const names = Number(elf.readBigUInt64LE(header(elf.readUInt16LE(0x3e)) + 0x18));
  const sections: string[] = [];
  for (let index = 0; index < count; index += 1) {
    const start = names + elf.readUInt32LE(header(index));
    sections.push(elf.subarray(start, elf.indexOf(0, start)).toString('latin1'));
  }
  return sections;
}
