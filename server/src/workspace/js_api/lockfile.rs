//! The version a lockfile pins each `@tauri-apps/*` package to, read as data (no package
//! manager runs): npm's `package-lock.json` (lockfile versions 1, 2 and 3), pnpm's
//! `pnpm-lock.yaml`, Yarn's `yarn.lock` (classic and Berry) and Bun's text `bun.lock`
//! (JSON with trailing commas, read with our JSON5 parser).
//!
//! The lockfile is the nearest one at or above the frontend package (a monorepo locks
//! its packages at its root); for pnpm the importer of the frontend package is used,
//! for Yarn the entry whose range is the one `package.json` asks for. YAML is read with
//! a small line reader that knows only block mappings, which is all these lockfiles
//! use for the fields read here.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::syntax::{SourceFormat, parse};
use crate::workspace::fs::Fs;

/// How far above the frontend package a lockfile is looked for.
const MAX_ANCESTORS: usize = 4;

/// Lockfile names, in the order a folder's lockfiles are preferred.
const LOCKFILES: &[&str] = &[
    "package-lock.json",
    "pnpm-lock.yaml",
    "yarn.lock",
    "bun.lock",
];

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Locked {
    pub lockfile: PathBuf,
    /// Package name → pinned version.
    pub versions: BTreeMap<String, String>,
}

/// The versions the lockfile nearest `package_dir` pins for `wanted` (name → the range
/// `package.json` asks for).
pub fn locked_versions(
    fs: &dyn Fs,
    package_dir: &Path,
    wanted: &BTreeMap<String, String>,
) -> Option<Locked> {
    for dir in package_dir.ancestors().take(MAX_ANCESTORS + 1) {
        for name in LOCKFILES {
            let path = dir.join(name);
            let Ok(bytes) = fs.read(&path) else {
                continue;
            };
            let text = String::from_utf8_lossy(&bytes);
            let importer = relative(dir, package_dir);
            let versions = match *name {
                "package-lock.json" => package_lock(&text, &importer, wanted),
                "pnpm-lock.yaml" => pnpm_lock(&text, &importer, wanted),
                "yarn.lock" => yarn_lock(&text, wanted),
                _ => bun_lock(&text, &importer, wanted),
            };
            return Some(Locked {
                lockfile: path,
                versions,
            });
        }
        if fs.is_dir(&dir.join(".git")) {
            break;
        }
    }
    None
}

/// `package_dir` relative to `root`, `/`-separated; empty when they are the same.
fn relative(root: &Path, package_dir: &Path) -> String {
    package_dir
        .strip_prefix(root)
        .map(|rest| {
            rest.components()
                .map(|part| part.as_os_str().to_string_lossy().into_owned())
                .collect::<Vec<_>>()
                .join("/")
        })
        .unwrap_or_default()
}

/// npm: `packages["node_modules/<name>"]` (v2, v3; a workspace package's own
/// `<dir>/node_modules/<name>` first), or `dependencies[<name>]` (v1).
pub fn package_lock(
    text: &str,
    importer: &str,
    wanted: &BTreeMap<String, String>,
) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    let Ok(root) = serde_json::from_str::<Value>(text) else {
        return out;
    };
    let version = |entry: Option<&Value>| -> Option<String> {
        Some(entry?.get("version")?.as_str()?.to_owned())
    };
    for name in wanted.keys() {
        let mut keys = Vec::new();
        if !importer.is_empty() {
            keys.push(format!("{importer}/node_modules/{name}"));
        }
        keys.push(format!("node_modules/{name}"));
        let found = keys
            .iter()
            .find_map(|key| version(root.get("packages").and_then(|packages| packages.get(key))))
            .or_else(|| version(root.get("dependencies").and_then(|deps| deps.get(name))));
        if let Some(found) = found {
            out.insert(name.clone(), found);
        }
    }
    out
}

/// pnpm: `importers.<dir>.(dev|optional)?dependencies.<name>.version` (lockfile 6 and
/// 9; a peer suffix `(…)` is dropped), or the top-level `dependencies` of lockfile 5;
/// else the one version of the name under `packages`.
pub fn pnpm_lock(
    text: &str,
    importer: &str,
    wanted: &BTreeMap<String, String>,
) -> BTreeMap<String, String> {
    let importer = if importer.is_empty() { "." } else { importer };
    let mut out = BTreeMap::new();
    let mut in_packages: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (path, value) in yaml_entries(text) {
        let path: Vec<&str> = path.iter().map(String::as_str).collect();
        let dependency = match path.as_slice() {
            ["importers", dir, kind, name, "version"]
                if *dir == importer && is_dependency_kind(kind) =>
            {
                Some(*name)
            }
            ["importers", dir, kind, name] if *dir == importer && is_dependency_kind(kind) => {
                Some(*name)
            }
            [kind, name] if is_dependency_kind(kind) => Some(*name),
            ["packages", key] => {
                // `/@tauri-apps/api@2.1.1` (6), `@tauri-apps/api@2.1.1` (9),
                // `/@tauri-apps/api/2.1.1` (5).
                let key = key.trim_start_matches('/');
                if let Some((name, version)) = split_spec(key).or_else(|| key.rsplit_once('/'))
                    && wanted.contains_key(name)
                {
                    in_packages
                        .entry(name.to_owned())
                        .or_default()
                        .push(strip_peers(version).to_owned());
                }
                None
            }
            _ => None,
        };
        if let (Some(name), Some(value)) = (dependency, value)
            && wanted.contains_key(name)
        {
            out.insert(name.to_owned(), strip_peers(&value).to_owned());
        }
    }
    for (name, mut versions) in in_packages {
        versions.sort();
        versions.dedup();
        if let [version] = versions.as_slice() {
            out.entry(name).or_insert_with(|| version.clone());
        }
    }
    out.retain(|_, version| semver::Version::parse(version).is_ok());
    out
}

fn is_dependency_kind(kind: &str) -> bool {
    matches!(
        kind,
        "dependencies" | "devDependencies" | "optionalDependencies"
    )
}

fn strip_peers(version: &str) -> &str {
    version.split('(').next().unwrap_or(version).trim()
}

/// `@scope/name@range` → (`@scope/name`, `range`).
fn split_spec(spec: &str) -> Option<(&str, &str)> {
    let at = spec.get(1..)?.find('@')? + 1;
    Some((&spec[..at], &spec[at + 1..]))
}

/// Yarn classic (`"@tauri-apps/api@^2.0.0", …:` then `  version "2.1.1"`) and Berry
/// (`"@tauri-apps/api@npm:^2.0.0":` then `  version: 2.1.1`): the entry whose specs
/// include the range `package.json` asks for, else the newest entry of the name.
pub fn yarn_lock(text: &str, wanted: &BTreeMap<String, String>) -> BTreeMap<String, String> {
    let mut exact = BTreeMap::new();
    let mut any: BTreeMap<String, semver::Version> = BTreeMap::new();
    let mut specs: Vec<(String, String)> = Vec::new();
    for line in text.lines() {
        if line.trim().is_empty() || line.trim_start().starts_with('#') {
            continue;
        }
        if !line.starts_with(' ') {
            specs = line
                .trim_end()
                .trim_end_matches(':')
                .split(',')
                .filter_map(|spec| {
                    let spec = spec.trim().trim_matches('"');
                    let (name, range) = split_spec(spec)?;
                    let range = range.strip_prefix("npm:").unwrap_or(range);
                    wanted
                        .contains_key(name)
                        .then(|| (name.to_owned(), range.to_owned()))
                })
                .collect();
            continue;
        }
        let Some(rest) = line.trim_start().strip_prefix("version") else {
            continue;
        };
        if specs.is_empty() || !(rest.starts_with(' ') || rest.starts_with(':')) {
            continue;
        }
        let version = rest.trim_start_matches(':').trim().trim_matches('"');
        let Ok(parsed) = semver::Version::parse(version) else {
            continue;
        };
        for (name, range) in &specs {
            if wanted.get(name) == Some(range) {
                exact.insert(name.clone(), version.to_owned());
            }
            let newest = any.entry(name.clone()).or_insert_with(|| parsed.clone());
            if parsed > *newest {
                *newest = parsed.clone();
            }
        }
        specs.clear();
    }
    for (name, version) in any {
        exact.entry(name).or_insert_with(|| version.to_string());
    }
    exact
}

/// Bun's `bun.lock`: `packages["<name>"] = ["<name>@<version>", …]`; a workspace
/// package's own copy (`"<dir>/<name>"`) first.
pub fn bun_lock(
    text: &str,
    importer: &str,
    wanted: &BTreeMap<String, String>,
) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    let parsed = parse(text, SourceFormat::Json5);
    let Some(root) = parsed.tree.root() else {
        return out;
    };
    let root = parsed.tree.to_json(root);
    let Some(packages) = root.get("packages") else {
        return out;
    };
    for name in wanted.keys() {
        let mut keys = Vec::new();
        if !importer.is_empty() {
            keys.push(format!("{importer}/{name}"));
        }
        keys.push(name.clone());
        let found = keys.iter().find_map(|key| {
            let spec = packages.get(key)?.get(0)?.as_str()?;
            let (spec_name, version) = split_spec(spec)?;
            (spec_name == name).then(|| version.to_owned())
        });
        if let Some(found) = found {
            out.insert(name.clone(), found);
        }
    }
    out
}

/// The `key: value` lines of a YAML document's block mappings, each with the path of
/// keys that leads to it (quotes removed); `value` is `None` for a key that opens a
/// nested mapping. Sequences, flow collections and multi-line scalars are skipped.
fn yaml_entries(text: &str) -> Vec<(Vec<String>, Option<String>)> {
    let mut out = Vec::new();
    let mut stack: Vec<(usize, String)> = Vec::new();
    for line in text.lines() {
        let content = line.trim_start();
        if content.is_empty() || content.starts_with('#') || content.starts_with('-') {
            continue;
        }
        let indent = line.len() - content.len();
        let Some((key, value)) = yaml_key_value(content) else {
            continue;
        };
        while stack.last().is_some_and(|(depth, _)| *depth >= indent) {
            stack.pop();
        }
        let mut path: Vec<String> = stack.iter().map(|(_, key)| key.clone()).collect();
        path.push(key.clone());
        if value.is_none() {
            stack.push((indent, key));
        }
        out.push((path, value));
    }
    out
}

/// `key: value`, `'quoted key': value`, `key:`.
fn yaml_key_value(content: &str) -> Option<(String, Option<String>)> {
    let (key, rest) = if let Some(quote @ ('\'' | '"')) = content.chars().next() {
        let end = content[1..].find(quote)? + 1;
        (&content[1..end], content[end + 1..].strip_prefix(':')?)
    } else {
        let colon = content
            .find(": ")
            .or_else(|| content.strip_suffix(':').map(|key| key.len()))?;
        (&content[..colon], &content[colon + 1..])
    };
    let value = rest.trim();
    let value =
        (!value.is_empty()).then(|| value.trim_matches(|c| c == '\'' || c == '"').to_owned());
    Some((key.to_owned(), value))
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;

    fn wanted(names: &[(&str, &str)]) -> BTreeMap<String, String> {
        names
            .iter()
            .map(|(name, range)| ((*name).to_owned(), (*range).to_owned()))
            .collect()
    }

    fn pinned(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        wanted(pairs)
    }

    #[test]
    fn npm_lockfile_v3_and_v1() {
        // fixtures/usage-app/package-lock.json (v3).
        let v3 = include_str!("../../../../fixtures/usage-app/package-lock.json");
        let want = wanted(&[
            ("@tauri-apps/api", "2.12.5"),
            ("@tauri-apps/plugin-fs", "2.6.0"),
        ]);
        assert_eq!(
            package_lock(v3, "", &want),
            pinned(&[
                ("@tauri-apps/api", "2.12.5"),
                ("@tauri-apps/plugin-fs", "2.6.0")
            ])
        );
        let v1 = r#"{"lockfileVersion": 1, "dependencies": {
            "@tauri-apps/api": {"version": "2.0.1", "resolved": "https://registry.npmjs.org/@tauri-apps/api/-/api-2.0.1.tgz"}}}"#;
        assert_eq!(
            package_lock(v1, "", &want),
            pinned(&[("@tauri-apps/api", "2.0.1")])
        );
    }

    #[test]
    fn pnpm_lockfile_9_importer_and_packages() {
        // From EcoPasteHub/EcoPaste's pnpm-lock.yaml (lockfile 9.0), shortened.
        let text = "lockfileVersion: '9.0'

importers:

  .:
    dependencies:
      '@tauri-apps/api':
        specifier: ^2.11.1
        version: 2.11.1
      '@tauri-apps/plugin-log':
        specifier: ^2.9.0
        version: 2.9.0(@types/node@22.0.0)
  packages/web:
    dependencies:
      '@tauri-apps/api':
        specifier: ^2.10.0
        version: 2.10.1

packages:

  '@tauri-apps/api@2.11.1':
    resolution: {integrity: sha512-x}

  '@tauri-apps/plugin-os@2.3.2':
    resolution: {integrity: sha512-y}
";
        let want = wanted(&[
            ("@tauri-apps/api", ""),
            ("@tauri-apps/plugin-log", ""),
            ("@tauri-apps/plugin-os", ""),
        ]);
        assert_eq!(
            pnpm_lock(text, "", &want),
            pinned(&[
                ("@tauri-apps/api", "2.11.1"),
                ("@tauri-apps/plugin-log", "2.9.0"),
                ("@tauri-apps/plugin-os", "2.3.2"),
            ])
        );
        assert_eq!(
            pnpm_lock(text, "packages/web", &want)["@tauri-apps/api"],
            "2.10.1"
        );
    }

    #[test]
    fn pnpm_lockfile_5() {
        let text = "lockfileVersion: 5.4

specifiers:
  '@tauri-apps/api': ^2.0.0

dependencies:
  '@tauri-apps/api': 2.0.2

packages:

  /@tauri-apps/api/2.0.2:
    resolution: {integrity: sha512-x}
";
        assert_eq!(
            pnpm_lock(text, "", &wanted(&[("@tauri-apps/api", "^2.0.0")])),
            pinned(&[("@tauri-apps/api", "2.0.2")])
        );
    }

    #[test]
    fn yarn_classic_and_berry() {
        let classic = r#"# THIS IS AN AUTOGENERATED FILE. DO NOT EDIT THIS FILE DIRECTLY.
# yarn lockfile v1


"@tauri-apps/api@^2.0.0", "@tauri-apps/api@^2.1.0":
  version "2.1.1"
  resolved "https://registry.yarnpkg.com/@tauri-apps/api/-/api-2.1.1.tgz"

"@tauri-apps/api@2.0.0":
  version "2.0.0"
"#;
        assert_eq!(
            yarn_lock(classic, &wanted(&[("@tauri-apps/api", "^2.1.0")])),
            pinned(&[("@tauri-apps/api", "2.1.1")])
        );
        // From MantasMikal/tiny-vid's yarn.lock (Berry, `__metadata` version 8).
        let berry = r#"__metadata:
  version: 8
  cacheKey: 10c0

"@tauri-apps/api@npm:^2.10.1":
  version: 2.10.1
  resolution: "@tauri-apps/api@npm:2.10.1"
  languageName: node
  linkType: hard

"@tauri-apps/api@npm:^2.8.0":
  version: 2.9.0
  resolution: "@tauri-apps/api@npm:2.9.0"
"#;
        assert_eq!(
            yarn_lock(berry, &wanted(&[("@tauri-apps/api", "^2.8.0")])),
            pinned(&[("@tauri-apps/api", "2.9.0")])
        );
        assert_eq!(
            yarn_lock(berry, &wanted(&[("@tauri-apps/api", "latest")])),
            pinned(&[("@tauri-apps/api", "2.10.1")])
        );
    }

    #[test]
    fn bun_text_lockfile() {
        // From memospot/memospot's bun.lock, shortened.
        let text = r#"{
  "lockfileVersion": 1,
  "workspaces": {
    "": {
      "dependencies": {
        "@tauri-apps/api": "2.11.1",
      },
    },
  },
  "packages": {
    "@tauri-apps/api": ["@tauri-apps/api@2.11.1", "", {}, "sha512-M2FP"],
    "@tauri-apps/plugin-shell": ["@tauri-apps/plugin-shell@2.3.5", "", { "dependencies": { "@tauri-apps/api": "^2.10.1" } }, "sha512-jewt"],
    "@tauri-apps/plugin-shell/@tauri-apps/api": ["@tauri-apps/api@2.10.1", "", {}, "sha512-hKL"],
  }
}
"#;
        assert_eq!(
            bun_lock(
                text,
                "",
                &wanted(&[("@tauri-apps/api", ""), ("@tauri-apps/plugin-shell", "")])
            ),
            pinned(&[
                ("@tauri-apps/api", "2.11.1"),
                ("@tauri-apps/plugin-shell", "2.3.5")
            ])
        );
    }
}
