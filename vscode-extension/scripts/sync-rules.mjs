// `npm run sync-rules`: rewrites the `tauriAcl.rules` setting in package.json from the
// rules in ../schemas/tauri-acl.toml.schema.json (which `tauri-acl schema settings`
// generates from the server's list of codes), so the setting offers a level for exactly
// those rules, each described as the schema describes it and linked to its docs page.
// A unit test fails until this has been run after a rule is added.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const extension = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const manifestPath = path.join(extension, 'package.json');
const manifest = JSON.parse(fs.readFileSync(manifestPath, 'utf8'));
const schema = JSON.parse(
  fs.readFileSync(path.join(extension, '..', 'schemas', 'tauri-acl.toml.schema.json'), 'utf8'),
);
const rules = schema.$defs.Rules.properties;
const setting = manifest.contributes.configuration.properties['tauriAcl.rules'];
setting.properties = Object.fromEntries(
  Object.keys(rules)
    .sort()
    .map((code) => [
      code,
      {
        ...setting.additionalProperties,
        markdownDescription: `${rules[code].description} [\`${code}\`](${manifest.repository.url}/blob/main/docs/rules/${code}.md)`,
      },
    ]),
);
fs.writeFileSync(manifestPath, JSON.stringify(manifest, null, 2) + '\n');
console.log(`tauriAcl.rules lists ${Object.keys(rules).length} rules`);
