// Times vscode-json-languageservice (the engine of VS Code's JSON support) answering
// completion and hover on capability files, with the schema each file names in its
// `$schema` (the capability JSON Schema tauri-build writes into gen/schemas/).
//
// Usage: node bench.mjs INPUT.json
// INPUT: { "rounds": N, "requests": [{ "kind": "completion"|"hover", "path": "/abs/file.json",
//          "line": L, "character": C }] }
// Output (stdout, one JSON object): per kind the samples in milliseconds, plus the
// average number of completion items and the number of hovers that found something.
//
// Each file is parsed once, as an editor does for an unchanged document; every request is
// made once before timing, so the schema is loaded and compiled before the clock runs.

import { readFileSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";
import { getLanguageService } from "vscode-json-languageservice";
import { TextDocument } from "vscode-languageserver-textdocument";

const input = JSON.parse(readFileSync(process.argv[2], "utf8"));

const service = getLanguageService({
  schemaRequestService: async (uri) => readFileSync(fileURLToPath(uri), "utf8"),
  workspaceContext: {
    resolveRelativePath: (relative, resource) => new URL(relative, resource).toString(),
  },
});
service.configure({ validate: false, allowComments: false });

const documents = new Map();
function documentFor(path) {
  let entry = documents.get(path);
  if (!entry) {
    const text = readFileSync(path, "utf8");
    const document = TextDocument.create(pathToFileURL(path).toString(), "json", 1, text);
    entry = { document, json: service.parseJSONDocument(document) };
    documents.set(path, entry);
  }
  return entry;
}

async function run(request) {
  const { document, json } = documentFor(request.path);
  const position = { line: request.line, character: request.character };
  if (request.kind === "completion") {
    const list = await service.doComplete(document, position, json);
    return list ? list.items.length : 0;
  }
  const hover = await service.doHover(document, position, json);
  return hover ? 1 : 0;
}

for (const request of input.requests) {
  await run(request);
}

const result = {
  completion: { samples: [], items: 0 },
  hover: { samples: [], found: 0 },
};
for (let round = 0; round < input.rounds; round++) {
  for (const request of input.requests) {
    const start = process.hrtime.bigint();
    const answer = await run(request);
    const elapsed = Number(process.hrtime.bigint() - start) / 1e6;
    const slot = result[request.kind];
    slot.samples.push(elapsed);
    if (round === 0) {
      if (request.kind === "completion") slot.items += answer;
      else slot.found += answer;
    }
  }
}
const completions = input.requests.filter((request) => request.kind === "completion").length;
result.completion.items = completions ? result.completion.items / completions : 0;
process.stdout.write(JSON.stringify(result) + "\n");
