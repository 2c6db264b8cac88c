//! Every fix, applied to capabilities written in JSON, JSON5 and TOML: the edited file
//! is snapshot-checked, still parses with the reader Tauri uses for its format
//! (`serde_json`, `json5`, `toml`), and no longer has the problem that was fixed.

mod common;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use tauri_acl::ide::diagnostics::{Diagnostic, diagnostics};
use tauri_acl::ide::edit::apply_to_texts;
use tauri_acl::ide::fix_all::{FixAll, fix_all};
use tauri_acl::ide::{IdeConfig, World};
use tauri_acl::workspace::crate_source::cargo_homes_from_env;
use tauri_acl::workspace::fs::RealFs;
use tauri_acl::workspace::{LoadOptions, Workspace};

fn app_root() -> PathBuf {
    common::repo_root().join("fixtures/fixes-app/src-tauri")
}

fn load(overlays: HashMap<PathBuf, String>) -> World {
    let options = LoadOptions {
        overlays,
        env_cargo_homes: cargo_homes_from_env(|name| std::env::var_os(name)),
        ..LoadOptions::default()
    };
    World::new(
        Workspace::load(&RealFs, &[app_root()], &options),
        IdeConfig::default(),
    )
}

/// Parses `text` with the reader Tauri uses for `path`'s extension.
fn tauri_parses(path: &Path, text: &str) -> Result<(), String> {
    match path.extension().and_then(|ext| ext.to_str()) {
        Some("json") => serde_json::from_str::<serde_json::Value>(text)
            .map(|_| ())
            .map_err(|e| e.to_string()),
        Some("json5") => json5::from_str::<serde_json::Value>(text)
            .map(|_| ())
            .map_err(|e| e.to_string()),
        Some("toml") => toml::from_str::<toml::Table>(text)
            .map(|_| ())
            .map_err(|e| e.to_string()),
        _ => Err("unexpected extension".to_owned()),
    }
}

fn still_reported(world: &World, path: &Path, fixed: &Diagnostic, line: u32) -> bool {
    let workspace = world.workspace.as_ref();
    diagnostics(world).iter().any(|diagnostic| {
        let file = workspace.file(diagnostic.file);
        file.path == path
            && diagnostic.code == fixed.code
            && file.line_index.line_col(diagnostic.range.start()).line == line
            && diagnostic.message == fixed.message
    })
}

#[test]
fn every_fix_in_every_format() {
    let world = load(HashMap::new());
    let workspace = world.workspace.clone();
    let mut report = String::new();
    let mut count = 0;
    for diagnostic in diagnostics(&world) {
        let source = workspace.file(diagnostic.file);
        let relative = source
            .path
            .strip_prefix(app_root())
            .unwrap()
            .display()
            .to_string();
        let line = source.line_index.line_col(diagnostic.range.start()).line;
        for fix in &diagnostic.fixes {
            if !fix.creates.is_empty() {
                // A new file: it must parse too.
                for (path, text) in &fix.creates {
                    tauri_parses(path, text)
                        .unwrap_or_else(|error| panic!("{}: {error}", path.display()));
                    report.push_str(&format!(
                        "== {relative}: {} ({})\nnew file {}\n{text}\n",
                        fix.label,
                        diagnostic.code,
                        path.strip_prefix(app_root()).unwrap().display()
                    ));
                }
                count += 1;
                continue;
            }
            let edited = apply_to_texts(&workspace, fix);
            let mut overlays = HashMap::new();
            for (file, text) in &edited {
                let path = workspace.file(*file).path.clone();
                tauri_parses(&path, text).unwrap_or_else(|error| {
                    panic!(
                        "`{}` on {relative} breaks the file: {error}\n{text}",
                        fix.label
                    )
                });
                report.push_str(&format!(
                    "== {relative}: {} ({})\n{text}\n",
                    fix.label, diagnostic.code
                ));
                overlays.insert(path, text.clone());
            }
            let after = load(overlays);
            assert!(
                !still_reported(&after, &source.path, &diagnostic, line),
                "`{}` did not fix {} in {relative}: {}",
                fix.label,
                diagnostic.code,
                diagnostic.message
            );
            count += 1;
        }
    }
    assert!(count >= 15, "only {count} fixes were exercised");
    insta::assert_snapshot!("every_fix", report);
}

/// Fix-all on each file applies every safe fix at once; what is left has no safe fix.
#[test]
fn fix_all_leaves_no_safe_fix_behind() {
    let world = load(HashMap::new());
    let workspace = world.workspace.clone();
    let mut overlays = HashMap::new();
    for app in &workspace.apps {
        for file in &app.capability_files {
            match fix_all(&world, *file) {
                FixAll::Fixed { text, .. } => {
                    let path = workspace.file(*file).path.clone();
                    tauri_parses(&path, &text).unwrap();
                    overlays.insert(path, text);
                }
                FixAll::WouldNotParse => {
                    panic!("fix-all breaks {}", workspace.file(*file).path.display())
                }
                FixAll::Nothing => {}
            }
        }
    }
    assert_eq!(overlays.len(), 3, "each capability file had safe fixes");
    let after = load(overlays);
    let left: Vec<String> = diagnostics(&after)
        .iter()
        .filter(|diagnostic| diagnostic.fixes.iter().any(|fix| fix.is_preferred))
        .map(|diagnostic| format!("{}: {}", diagnostic.code, diagnostic.message))
        .collect();
    assert_eq!(left, Vec::<String>::new());
}
