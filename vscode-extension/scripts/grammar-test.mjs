// Runs the grammar tests in ../grammars/tests with vscode-tmgrammar-test: our JSON5 and
// injection grammars, contributed exactly as package.json declares them (injectTo
// included), over VS Code's JSON and JSONC grammars and the TextMate TOML grammar from
// tm-grammars; then once more over a stand-in with Even Better TOML's scope names.

import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const extension = path.resolve(here, '..');
const grammars = path.resolve(extension, '..', 'grammars');
const tests = path.join(grammars, 'tests');
const bundled = path.join(extension, 'node_modules', 'tm-grammars', 'grammars');
const runner = path.join(extension, 'node_modules', 'vscode-tmgrammar-test', 'dist', 'unit.js');

// The package.json contributions, pointed at ../grammars instead of the copies `npm run
// build` makes inside the extension.
const manifest = JSON.parse(fs.readFileSync(path.join(extension, 'package.json'), 'utf8'));
// The runner resolves them against the config's folder.
const configDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tauri-acl-grammar-'));
const config = path.join(configDir, 'package.json');
const contributed = manifest.contributes.grammars.map((grammar) => ({
  ...grammar,
  path: path.relative(configDir, path.join(grammars, path.basename(grammar.path))),
}));
fs.writeFileSync(config, JSON.stringify({ contributes: { grammars: contributed, languages: manifest.contributes.languages } }));

function run(baseGrammars, cases) {
  const args = [runner, '--config', config];
  for (const grammar of baseGrammars) {
    args.push('-g', grammar);
  }
  args.push(...cases);
  const result = spawnSync(process.execPath, args, { stdio: 'inherit', cwd: extension });
  return result.status === 0;
}

const results = [
  run(
    ['json.json', 'jsonc.json', 'toml.json'].map((name) => path.join(bundled, name)),
    [path.join(tests, '*.json'), path.join(tests, '*.jsonc'), path.join(tests, '*.json5'), path.join(tests, '*.toml')],
  ),
  run([path.join(tests, 'even-better-toml', 'toml.tmLanguage.json')], [path.join(tests, 'even-better-toml', '*.toml')]),
];
fs.rmSync(configDir, { recursive: true, force: true });
if (results.some((ok) => !ok)) {
  console.error('grammar tests failed');
  process.exit(1);
}
