// Bundles the extension with esbuild into dist/extension.js (everything but `vscode`
// inlined, so the .vsix carries no node_modules), copies the grammars package.json
// contributes from ../grammars and the JSON Schemas it contributes from ../schemas.
// `--watch` rebuilds on change.

import * as esbuild from 'esbuild';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const extension = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const watch = process.argv.includes('--watch');

export function copyGrammars() {
  const manifest = JSON.parse(fs.readFileSync(path.join(extension, 'package.json'), 'utf8'));
  for (const grammar of manifest.contributes.grammars) {
    const target = path.join(extension, grammar.path);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.copyFileSync(path.join(extension, '..', 'grammars', path.basename(grammar.path)), target);
  }
}

export function copySchemas() {
  const manifest = JSON.parse(fs.readFileSync(path.join(extension, 'package.json'), 'utf8'));
  for (const validation of manifest.contributes.tomlValidation ?? []) {
    const target = path.join(extension, validation.url);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.copyFileSync(path.join(extension, '..', 'schemas', path.basename(validation.url)), target);
  }
}

const options = {
  absWorkingDir: extension,
  entryPoints: ['src/extension.ts'],
  outfile: 'dist/extension.js',
  bundle: true,
  external: ['vscode'],
  platform: 'node',
  format: 'cjs',
  // VS Code 1.91 runs extensions on Node 20.
  target: 'node20',
  sourcemap: watch,
  minify: !watch,
  logLevel: 'info',
};

copyGrammars();
copySchemas();
if (watch) {
  const context = await esbuild.context(options);
  await context.watch();
} else {
  await esbuild.build(options);
}
