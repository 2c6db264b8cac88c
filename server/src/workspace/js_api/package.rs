//! An installed Tauri JavaScript package, read as files: its name and version from its
//! `package.json`, its ES module files, and the modules a frontend imports from it.
//!
//! Two layouts are published: the official plugins put their code in `dist-js/`
//! (`@tauri-apps/plugin-fs` is `dist-js/index.js`), and `@tauri-apps/api` puts one file
//! per module at its root (`@tauri-apps/api/window` is `window.js`, the package itself
//! `index.js`, which re-exports each module as a namespace). Only `.js` files are read
//! (the ES builds; `.cjs` files hold the same code), never a nested `node_modules`.

use std::collections::BTreeMap;
use std::path::Path;

use serde_json::Value;

use crate::workspace::fs::Fs;

/// The most files and bytes read from one package: the largest official package has
/// about thirty modules of a few hundred kilobytes in all.
const MAX_FILES: usize = 400;
const MAX_FILE_BYTES: usize = 4 << 20;
const MAX_DEPTH: usize = 4;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PackageFiles {
    pub name: String,
    pub version: String,
    /// Path inside the package (`/`-separated) → text.
    pub files: BTreeMap<String, String>,
    /// Import specifier → module path: `@tauri-apps/api/window` → `window.js`.
    pub entries: BTreeMap<String, String>,
}

impl PackageFiles {
    /// A package from its `package.json` text and its files (path → text); the entries
    /// follow from the layout.
    pub fn new(package_json: &str, files: BTreeMap<String, String>) -> Option<PackageFiles> {
        let manifest: Value = serde_json::from_str(package_json).ok()?;
        let name = manifest.get("name")?.as_str()?.to_owned();
        let version = manifest.get("version")?.as_str()?.to_owned();
        let mut entries = BTreeMap::new();
        if files.contains_key("dist-js/index.js") {
            entries.insert(name.clone(), "dist-js/index.js".to_owned());
        } else {
            for path in files.keys() {
                let Some(stem) = path.strip_suffix(".js") else {
                    continue;
                };
                if stem.contains('/') {
                    continue;
                }
                let specifier = if stem == "index" {
                    name.clone()
                } else {
                    format!("{name}/{stem}")
                };
                entries.insert(specifier, path.clone());
            }
        }
        Some(PackageFiles {
            name,
            version,
            files,
            entries,
        })
    }

    /// Reads the package installed in `dir` (`node_modules/@tauri-apps/plugin-fs`).
    pub fn read(fs: &dyn Fs, dir: &Path) -> Option<PackageFiles> {
        let package_json = String::from_utf8(fs.read(&dir.join("package.json")).ok()?).ok()?;
        let mut files = BTreeMap::new();
        collect(fs, dir, "", 0, &mut files);
        PackageFiles::new(&package_json, files)
    }
}

fn collect(
    fs: &dyn Fs,
    dir: &Path,
    prefix: &str,
    depth: usize,
    files: &mut BTreeMap<String, String>,
) {
    let Ok(entries) = fs.read_dir(dir) else {
        return;
    };
    for entry in entries {
        if files.len() >= MAX_FILES {
            return;
        }
        let path = format!("{prefix}{}", entry.name);
        if entry.is_dir {
            if depth < MAX_DEPTH && entry.name != "node_modules" && !entry.name.starts_with('.') {
                collect(fs, &entry.path, &format!("{path}/"), depth + 1, files);
            }
        } else if entry.name.ends_with(".js")
            && let Ok(bytes) = fs.read(&entry.path)
            && bytes.len() <= MAX_FILE_BYTES
            && let Ok(text) = String::from_utf8(bytes)
        {
            files.insert(path, text);
        }
    }
}
