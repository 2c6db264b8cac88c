import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';

import { expandPath, parsePlatform, toCheckArguments, toServerSettings } from '../../src/settings';

const context = { home: '/home/ada', workspaceFolder: '/work/app' };
const extensionRoot = path.resolve(__dirname, '..', '..', '..');

describe('toServerSettings', () => {
  it('keeps valid values and spells platforms and levels as the server does', () => {
    const { settings, problems } = toServerSettings(
      {
        platforms: ['linux', 'macos', 'IOS', 'linux'],
        rules: { 'unknown-window': 'off', 'duplicate-entry': 'Error' },
        cargoHome: '~/.cargo',
      },
      context,
    );
    assert.deepEqual(settings, {
      platforms: ['linux', 'macOS', 'iOS'],
      rules: { 'unknown-window': 'off', 'duplicate-entry': 'error' },
      cargoHome: ['/home/ada/.cargo'],
    });
    assert.deepEqual(problems, []);
  });

  it('drops bad values with one message each, and sends nothing for empty settings', () => {
    const { settings, problems } = toServerSettings(
      { platforms: ['linux', 'beos', 3], rules: { 'unknown-window': 'loud', 'set-cycle': 2 }, cargoHome: ['', 7, 'vendor/cargo'] },
      context,
    );
    assert.deepEqual(settings, { platforms: ['linux'], cargoHome: ['/work/app/vendor/cargo'] });
    assert.equal(problems.length, 5, problems.join('\n'));
    assert.match(problems[0], /beos/);
    assert.match(problems[2], /unknown-window = "loud"/);

    assert.deepEqual(toServerSettings({ platforms: [], rules: {}, cargoHome: '' }, context), { settings: {}, problems: [] });
    assert.deepEqual(toServerSettings({}, context), { settings: {}, problems: [] });
    assert.deepEqual(toServerSettings({ platforms: 'linux', rules: [], cargoHome: 5 }, context).problems.length, 3);
  });
});

describe('expandPath', () => {
  it('expands the home folder and VS Code variables, and resolves relative paths', () => {
    assert.equal(expandPath('~', context), '/home/ada');
    assert.equal(expandPath('~/bin/tauri-acl', context), '/home/ada/bin/tauri-acl');
    assert.equal(expandPath('${userHome}/x', context), '/home/ada/x');
    assert.equal(expandPath('${workspaceFolder}/target/release/tauri-acl', context), '/work/app/target/release/tauri-acl');
    assert.equal(expandPath('target/debug/tauri-acl', context), '/work/app/target/debug/tauri-acl');
    assert.equal(expandPath('/opt/tauri-acl', context), '/opt/tauri-acl');
    assert.equal(expandPath('C:\\tools\\tauri-acl.exe', context), 'C:\\tools\\tauri-acl.exe');
    assert.equal(expandPath('relative', { home: '/home/ada' }), 'relative');
  });
});

describe('parsePlatform', () => {
  it('accepts any case and nothing else', () => {
    assert.equal(parsePlatform('WINDOWS'), 'windows');
    assert.equal(parsePlatform(' android '), 'android');
    assert.equal(parsePlatform('mac'), undefined);
    assert.equal(parsePlatform(undefined), undefined);
  });
});

describe('toCheckArguments', () => {
  it('gives the same settings to `tauri-acl check`', () => {
    assert.deepEqual(toCheckArguments({ platforms: ['linux', 'iOS'], rules: { 'unknown-window': 'off' }, cargoHome: ['/a', '/b'] }), [
      '--platform',
      'linux',
      '--platform',
      'iOS',
      '--rule',
      'unknown-window=off',
      '--cargo-home',
      '/a',
      '--cargo-home',
      '/b',
    ]);
    assert.deepEqual(toCheckArguments({}), []);
  });
});

describe('package.json settings', () => {
  it('offers a level for every rule of the settings schema, described as the schema describes it', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(extensionRoot, 'package.json'), 'utf8'));
    const offered = manifest.contributes.configuration.properties['tauriAcl.rules'].properties;
    const schema = JSON.parse(
      fs.readFileSync(path.join(extensionRoot, '..', 'schemas', 'tauri-acl.toml.schema.json'), 'utf8'),
    );
    const rules = schema.$defs.Rules.properties;
    assert.deepEqual(Object.keys(offered).sort(), Object.keys(rules).sort(), 'run `npm run sync-rules` in vscode-extension/');
    for (const [code, rule] of Object.entries(rules) as [string, { description: string; enum: string[] }][]) {
      assert.ok(offered[code].markdownDescription.startsWith(rule.description), `${code}: run \`npm run sync-rules\``);
      assert.deepEqual(offered[code].enum, rule.enum, code);
    }
    const documented = fs
      .readdirSync(path.join(extensionRoot, '..', 'docs', 'rules'))
      .filter((name) => name.endsWith('.md') && name !== 'README.md')
      .map((name) => name.slice(0, -'.md'.length))
      .sort();
    assert.deepEqual(Object.keys(rules).sort(), documented, 'every rule has a docs page');
  });

  it('lists the platforms and levels the mapping accepts', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(extensionRoot, 'package.json'), 'utf8'));
    const properties = manifest.contributes.configuration.properties;
    for (const platform of properties['tauriAcl.platforms'].items.enum) {
      assert.equal(parsePlatform(platform), platform);
    }
    const { settings } = toServerSettings({ rules: Object.fromEntries(properties['tauriAcl.rules'].additionalProperties.enum.map((level: string) => [level, level])) }, context);
    assert.deepEqual(Object.keys(settings.rules ?? {}), properties['tauriAcl.rules'].additionalProperties.enum);
  });
});
