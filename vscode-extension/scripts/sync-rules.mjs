// `npm run sync-rules`: rewrites the `tauriAcl.rules` setting in package.json so it
// offers a level for exactly the rules documented in ../docs/rules (one page per code,
// the server's list). A unit test fails until this has been run after a rule is added.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const extension = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const manifestPath = path.join(extension, 'package.json');
const manifest = JSON.parse(fs.readFileSync(manifestPath, 'utf8'));
const setting = manifest.contributes.configuration.properties['tauriAcl.rules'];
const codes = fs
  .readdirSync(path.join(extension, '..', 'docs', 'rules'))
  .filter((name) => name.endsWith('.md') && name !== 'README.md')
  .map((name) => name.slice(0, -'.md'.length))
  .sort();
setting.properties = Object.fromEntries(
  codes.map((code) => [
    code,
    {
      ...setting.additionalProperties,
      markdownDescription: `[\`${code}\`](${manifest.repository.url}/blob/main/docs/rules/${code}.md)`,
    },
  ]),
);
fs.writeFileSync(manifestPath, JSON.stringify(manifest, null, 2) + '\n');
console.log(`tauriAcl.rules lists ${codes.length} rules`);
