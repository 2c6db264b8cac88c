//! Regenerates the bundled map of Tauri's JavaScript API (`server/data/js-api.json`)
//! from the packages `generate.sh` downloaded and unpacked: `<scratch>/npm/<package,
//! with / as +>/<version>/package/` and `versions.json` (every published version, as
//! `npm view <package> versions --json` lists them).
//!
//! Each released 2.x version is read with tauri-acl's own reader (the code that reads
//! an installed package in `node_modules`); a plugin's imports of `@tauri-apps/api` are
//! read from the newest released `@tauri-apps/api`, as a fresh install resolves them.
//! Versions with equal facts share one entry. Nothing downloaded is run.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde_json::Value;
use tauri_acl::workspace::fs::RealFs;
use tauri_acl::workspace::js_api::analyze::{API_PACKAGE, GLOBALS, analyze};
use tauri_acl::workspace::js_api::bundled::{self, PackageRecord};
use tauri_acl::workspace::js_api::facts::PackageFacts;
use tauri_acl::workspace::js_api::package::PackageFiles;

fn main() {
    let mut args = std::env::args().skip(1);
    let mut scratch = None;
    let mut out = None;
    let mut cargo_home = None;
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--scratch" => scratch = args.next().map(PathBuf::from),
            "--out" => out = args.next().map(PathBuf::from),
            "--cargo-home" => cargo_home = args.next().map(PathBuf::from),
            other => panic!("unknown argument {other}"),
        }
    }
    let scratch = scratch.expect("--scratch DIR");
    let cargo_home = cargo_home.unwrap_or_else(|| scratch.join("cargo-home"));
    let scratch = scratch.join("npm");
    let out = out.expect("--out FILE");

    let mut dirs: Vec<PathBuf> = std::fs::read_dir(&scratch)
        .expect("the scratch folder")
        .filter_map(|entry| Some(entry.ok()?.path()))
        .filter(|path| path.is_dir())
        .collect();
    dirs.sort();

    let api_dir = scratch.join(API_PACKAGE.replace('/', "+"));
    let newest_api = released(&api_dir)
        .last()
        .and_then(|(_, dir)| PackageFiles::read(&RealFs, &dir.join("package")))
        .expect("@tauri-apps/api is downloaded");
    eprintln!("plugins read with {API_PACKAGE} {}", newest_api.version);

    let mut records = BTreeMap::new();
    let mut entries: BTreeMap<String, PackageFacts> = BTreeMap::new();
    for dir in dirs {
        let name = dir
            .file_name()
            .and_then(|name| name.to_str())
            .unwrap_or_default()
            .replace('+', "/");
        let mut record = PackageRecord {
            prereleases_skipped: prereleases(&dir),
            ..PackageRecord::default()
        };
        let mut previous: Option<(String, PackageFacts)> = None;
        for (version, version_dir) in released(&dir) {
            let Some(package) = PackageFiles::read(&RealFs, &version_dir.join("package")) else {
                record.skipped.push((
                    version.to_string(),
                    "not downloaded or no package.json".into(),
                ));
                continue;
            };
            if package.entries.is_empty() {
                record
                    .skipped
                    .push((version.to_string(), "no ES module to read".into()));
                continue;
            }
            let mut packages = vec![package];
            if name != API_PACKAGE {
                packages.push(newest_api.clone());
                match injected_scripts(&cargo_home, &name, &version) {
                    Some(scripts) => packages.extend(scripts),
                    None => record.notes.push((
                        version.to_string(),
                        "read without injected globals: no crate of this version".into(),
                    )),
                }
            }
            let Some(facts) = analyze(&packages, 0, &BTreeMap::new(), &BTreeMap::new()) else {
                record
                    .skipped
                    .push((version.to_string(), "the reader's budget ran out".into()));
                continue;
            };
            let entry = match &previous {
                Some((entry, known)) if *known == facts => entry.clone(),
                _ => {
                    let entry = format!("{name}@{version}");
                    entries.insert(entry.clone(), facts.clone());
                    previous = Some((entry.clone(), facts));
                    entry
                }
            };
            record.versions.insert(version, entry);
        }
        eprintln!(
            "{name}: {} versions, {} entries, {} pre-releases skipped, {} skipped, {} notes",
            record.versions.len(),
            record
                .versions
                .values()
                .collect::<std::collections::BTreeSet<_>>()
                .len(),
            record.prereleases_skipped,
            record.skipped.len(),
            record.notes.len()
        );
        if !record.versions.is_empty() || !record.skipped.is_empty() {
            records.insert(name, record);
        }
    }
    let text = bundled::write(&records, &entries);
    std::fs::write(&out, &text).expect("cannot write the map");
    eprintln!("wrote {} ({} bytes)", out.display(), text.len());
}

/// The scripts the plugin's crate of the same version injects into every webview
/// (`Builder::js_init_script(include_str!("init-iife.js"))`), as a package named
/// [`GLOBALS`]; empty when it injects none, `None` when the crate is not unpacked.
fn injected_scripts(
    cargo_home: &Path,
    package: &str,
    version: &semver::Version,
) -> Option<Vec<PackageFiles>> {
    let plugin = package.strip_prefix("@tauri-apps/plugin-")?;
    let crate_dir = std::fs::read_dir(cargo_home.join("registry/src"))
        .ok()?
        .filter_map(|index| {
            Some(
                index
                    .ok()?
                    .path()
                    .join(format!("tauri-plugin-{plugin}-{version}")),
            )
        })
        .find(|dir| dir.join("src/lib.rs").is_file())?;
    let lib = std::fs::read_to_string(crate_dir.join("src/lib.rs")).ok()?;
    if !lib.contains("js_init_script") {
        return Some(Vec::new());
    }
    let mut files = BTreeMap::new();
    for piece in lib.split("include_str!(\"").skip(1) {
        let Some((file, _)) = piece.split_once('"') else {
            continue;
        };
        if file.ends_with(".js")
            && let Ok(text) = std::fs::read_to_string(crate_dir.join("src").join(file))
        {
            files.insert(file.to_owned(), text);
        }
    }
    if files.is_empty() {
        return Some(Vec::new());
    }
    let mut script = PackageFiles::new(
        &format!("{{\"name\":\"{GLOBALS}\",\"version\":\"{version}\"}}"),
        BTreeMap::new(),
    )?;
    script.entries = files
        .keys()
        .map(|file| (file.clone(), file.clone()))
        .collect();
    script.files = files;
    Some(vec![script])
}

/// The released 2.x versions downloaded into `dir`, oldest first.
fn released(dir: &Path) -> Vec<(semver::Version, PathBuf)> {
    let mut out: Vec<(semver::Version, PathBuf)> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .filter_map(|entry| {
            let entry = entry.ok()?;
            let version = semver::Version::parse(entry.file_name().to_str()?).ok()?;
            (version.major == 2 && version.pre.is_empty()).then(|| (version, entry.path()))
        })
        .collect();
    out.sort();
    out
}

/// How many 2.x pre-releases the registry lists.
fn prereleases(dir: &Path) -> usize {
    let Ok(text) = std::fs::read_to_string(dir.join("versions.json")) else {
        return 0;
    };
    let versions = match serde_json::from_str::<Value>(&text) {
        Ok(Value::Array(versions)) => versions,
        Ok(Value::String(version)) => vec![Value::String(version)],
        _ => Vec::new(),
    };
    versions
        .iter()
        .filter_map(|version| semver::Version::parse(version.as_str()?).ok())
        .filter(|version| version.major == 2 && !version.pre.is_empty())
        .count()
}
