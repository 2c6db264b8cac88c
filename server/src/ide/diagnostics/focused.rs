//! Checking only the files an editor asks for must not change what those files get.
//!
//! [`files_diagnostics`] lets checks skip capabilities and scope values in files nobody
//! asked for ([`AppContext::wants`]). That is only right while every such check reports
//! in the file it skipped, so this compares, file by file, the focused answer with the
//! whole app's diagnostics filtered to that file: on every bundled fixture app, and on
//! every app of the shared corpus when it is there.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use super::{Diagnostic, diagnostics, files_diagnostics};
use crate::ide::{IdeConfig, World};
use crate::workspace::crate_source::cargo_homes_from_env;
use crate::workspace::fs::RealFs;
use crate::workspace::{FileId, LoadOptions, Workspace};

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn app_folders(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut folders: Vec<PathBuf> = entries
        .flatten()
        .map(|entry| entry.path())
        .filter(|path| path.is_dir() && !path.ends_with("cargo-home"))
        .collect();
    folders.sort();
    folders
}

/// The files a user edits in each app, and every file a finding lands in.
fn files_to_ask(world: &World, all: &[Diagnostic]) -> Vec<FileId> {
    let mut files = BTreeSet::new();
    for app in &world.workspace.apps {
        files.extend(app.capability_files.iter().copied());
        files.extend(app.config);
        files.extend(app.overlays.iter().map(|(_, file)| *file));
        files.extend(app.app_permission_files.iter().copied());
    }
    files.extend(all.iter().map(|diagnostic| diagnostic.file));
    files.into_iter().collect()
}

fn only_in(all: &[Diagnostic], file: FileId) -> Vec<Diagnostic> {
    all.iter()
        .filter(|diagnostic| diagnostic.file == file)
        .cloned()
        .collect()
}

fn load(root: &Path) -> World {
    let workspace = Workspace::load(
        &RealFs,
        &[root.to_path_buf()],
        &LoadOptions {
            env_cargo_homes: cargo_homes_from_env(|name| std::env::var_os(name)),
            ..LoadOptions::default()
        },
    );
    World::new(workspace, IdeConfig::default())
}

/// Compares focused and whole answers in one world; returns how many files were asked.
fn compare(world: &World, root: &Path) -> usize {
    let all = diagnostics(world);
    let files = files_to_ask(world, &all);
    for file in &files {
        let focused = files_diagnostics(world, &[*file]).pop().unwrap_or_default();
        assert_eq!(
            focused,
            only_in(&all, *file),
            "{}: the findings in {} differ when only that file is asked for",
            root.display(),
            world.workspace.file(*file).path.display()
        );
    }
    // Several files at once, as after a keystroke with documents open: every other one.
    let some: Vec<FileId> = files.iter().copied().step_by(2).collect();
    for (file, focused) in some.iter().zip(files_diagnostics(world, &some)) {
        assert_eq!(
            focused,
            only_in(&all, *file),
            "{}: the findings in {} differ when it is asked for with others",
            root.display(),
            world.workspace.file(*file).path.display()
        );
    }
    files.len()
}

#[test]
fn focused_findings_equal_the_whole_apps_on_the_fixtures() {
    let folders = app_folders(&repo_root().join("fixtures"));
    assert!(folders.len() >= 4, "fixture apps not found: {folders:?}");
    let asked: usize = folders
        .iter()
        .map(|folder| compare(&load(folder), folder))
        .sum();
    assert!(asked > 20, "only {asked} files compared");
}

#[test]
fn focused_findings_equal_the_whole_apps_on_the_corpus() {
    let corpus = std::env::var_os("TAURI_ACL_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| repo_root().join("../shared/corpus"));
    let folders = app_folders(&corpus.join("apps"));
    if folders.is_empty() {
        eprintln!(
            "skipped: no corpus apps at {} (set TAURI_ACL_CORPUS to run this test)",
            corpus.display()
        );
        return;
    }
    let asked: usize = folders
        .iter()
        .map(|folder| compare(&load(folder), folder))
        .sum();
    eprintln!("compared {asked} files in {} corpus apps", folders.len());
}

/// Findings that relate files, which no bundled app has all of: a deny in one file
/// undoing an allow in another, one capability identifier in two files, a broken set
/// in a manifest the user owns reached from a capability, and a config listing a
/// capability that does not exist.
#[test]
fn focused_findings_equal_the_whole_apps_across_files() {
    let world = crate::ide::fixture::world(
        r#"
//- /src-tauri/tauri.conf.json
{ "app": { "windows": [{ "label": "main" }, { "label": "viewer" }], "security": { "capabilities": ["main", "viewer", "missing"] } } }
//- /src-tauri/capabilities/main.json
{ "identifier": "main", "windows": ["main"], "permissions": ["fs:allow-remove", "fs:broken"] }
//- /src-tauri/capabilities/viewer.json
{ "identifier": "viewer", "windows": ["viewer"], "permissions": ["fs:deny-remove"] }
//- /src-tauri/capabilities/spare.json
{ "identifier": "spare", "windows": ["viewer"], "permissions": [] }
//- /src-tauri/capabilities/spare-again.json
{ "identifier": "spare", "windows": ["viewer"], "permissions": [] }
//- /plugins/fs/permissions/fs.toml plugin:fs
[[permission]]
identifier = "allow-remove"
commands.allow = ["remove"]

[[permission]]
identifier = "deny-remove"
commands.deny = ["remove"]

[[set]]
identifier = "broken"
description = "A set with a member that does not exist."
permissions = ["allow-remove", "allow-nothing"]
"#,
    );
    let all = diagnostics(&world);
    let codes: BTreeSet<&str> = all.iter().map(|finding| finding.code.name()).collect();
    for code in [
        "allow-deny-conflict",
        "duplicate-capability-id",
        "unknown-set-member",
        "unknown-capability-reference",
    ] {
        assert!(codes.contains(code), "no {code} in {codes:?}");
    }
    compare(&world, Path::new("/src-tauri"));
}
