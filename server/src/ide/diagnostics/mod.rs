//! Every check, run over every app, as plain [`Diagnostic`] values.
//!
//! Each check lives in its own file and pushes into an accumulator; this file is the
//! registry (the check list), `types.rs` holds what checks produce and `context.rs` what
//! they share. Checks see an [`AppContext`]: the app, its capabilities and their
//! resolutions on each platform they are checked for. A finding that depends on the
//! platform (a desktop-only plugin used on Android) is reported once and says on which
//! platforms it holds. Rule levels from `tauri-acl.toml` and from the caller are applied
//! last. Only files the user owns are reported on: the app's capabilities, configs and
//! permission files, and the permission files of path-dependency plugins, never the
//! crates in a cargo home.

mod capability_list;
mod config_security;
mod conflicts;
mod context;
mod duplicates;
mod entries;
mod exposure;
mod files;
mod labels;
mod platform_mismatch;
mod remote;
mod scope_values;
mod scopes;
pub(crate) use scopes::is_scoped_command;

pub(crate) use scopes::scoped_entry_fix;
mod set_errors;
mod types;
mod usage;

#[cfg(test)]
mod focused;

pub use crate::ide::edit::{Fix, TextEdit};
pub(crate) use crate::ide::edit::{append_entry, remove_entry, requote};
pub use crate::ide::wording::platform_note;
pub use crate::resolver::platforms_for;
pub(crate) use context::AppContext;
pub use types::{Diagnostic, Note, Related};

use super::World;
use crate::diagnostic::{Code, Severity};
use crate::workspace::{App, FileId};

/// All diagnostics of every app, sorted by file, position and code.
pub fn diagnostics(world: &World) -> Vec<Diagnostic> {
    let mut all: Vec<Diagnostic> = world
        .workspace
        .apps
        .iter()
        .flat_map(|app| app_diagnostics(world, app, None))
        .collect();
    sort_and_dedup(&mut all);
    all
}

/// Diagnostics of one file: only its app is checked.
pub fn file_diagnostics(world: &World, file: FileId) -> Vec<Diagnostic> {
    files_diagnostics(world, &[file]).pop().unwrap_or_default()
}

/// Diagnostics of each of `files`, in the same order, each app checked once however
/// many of its files are asked for: an editor asks for every open document after one
/// change, and checking the app is most of the cost.
pub fn files_diagnostics(world: &World, files: &[FileId]) -> Vec<Vec<Diagnostic>> {
    let mut found = vec![Vec::new(); files.len()];
    let apps: Vec<Option<&App>> = files
        .iter()
        .map(|file| world.workspace.app_of(*file))
        .collect();
    let mut done: Vec<&App> = Vec::new();
    for app in apps.iter().flatten() {
        if done.iter().any(|seen| std::ptr::eq(*seen, *app)) {
            continue;
        }
        done.push(app);
        let focus: Vec<FileId> = files
            .iter()
            .zip(&apps)
            .filter(|(_, owner)| owner.is_some_and(|owner| std::ptr::eq(owner, *app)))
            .map(|(file, _)| *file)
            .collect();
        for diagnostic in app_diagnostics(world, app, Some(&focus)) {
            let mut asked = files.iter().enumerate().filter(|(index, file)| {
                **file == diagnostic.file
                    && apps[*index].is_some_and(|owner| std::ptr::eq(owner, *app))
            });
            let Some((first, _)) = asked.next() else {
                continue;
            };
            for (again, _) in asked {
                found[again].push(diagnostic.clone());
            }
            found[first].push(diagnostic);
        }
    }
    for list in &mut found {
        sort_and_dedup(list);
    }
    found
}

/// The app's diagnostics; with a `focus`, at least every one in those files (and
/// maybe others, which the caller drops).
fn app_diagnostics(world: &World, app: &App, focus: Option<&[FileId]>) -> Vec<Diagnostic> {
    let context = AppContext::new(&world.workspace, app, &world.resolutions, focus);
    let mut acc = Vec::new();
    files::check(&context, &mut acc);
    entries::check(&context, &mut acc);
    set_errors::check(&context, &mut acc);
    duplicates::check(&context, &mut acc);
    labels::check(&context, &mut acc);
    remote::check(&context, &mut acc);
    capability_list::check(&context, &mut acc);
    platform_mismatch::check(&context, &mut acc);
    scopes::check(&context, &mut acc);
    scope_values::check(&context, &mut acc);
    exposure::check(&context, &mut acc);
    conflicts::check(&context, &mut acc);
    config_security::check(&context, &mut acc);
    usage::check(&context, &mut acc);
    mark_preferred(&mut acc);
    apply_levels(world, app, &mut acc);
    acc
}

/// Codes whose only fix, when there is exactly one, is safe to apply unattended: it
/// corrects a spelling or removes a repetition and never widens or narrows what is
/// granted.
const SAFE_FIX_CODES: &[Code] = &[
    Code::UnknownPermission,
    Code::UnknownKey,
    Code::UnknownPlatform,
    Code::InvalidIdentifier,
    Code::DuplicateEntry,
    Code::RedundantEntry,
    Code::UnknownCapabilityReference,
];

fn mark_preferred(acc: &mut [Diagnostic]) {
    for diagnostic in acc {
        if diagnostic.fixes.len() == 1 && SAFE_FIX_CODES.contains(&diagnostic.code) {
            diagnostic.fixes[0].is_preferred = true;
        }
    }
}

fn sort_and_dedup(all: &mut Vec<Diagnostic>) {
    all.sort_by(|a, b| {
        (a.file, a.range.start(), a.range.end(), a.code, &a.message).cmp(&(
            b.file,
            b.range.start(),
            b.range.end(),
            b.code,
            &b.message,
        ))
    });
    all.dedup_by(|a, b| {
        a.file == b.file && a.range == b.range && a.code == b.code && a.message == b.message
    });
}

/// The app's environment findings, with rule levels applied.
pub fn app_notes(world: &World, app: &App) -> Vec<Note> {
    app.issues
        .iter()
        .filter(|issue| issue.file.is_none())
        .filter_map(|issue| {
            let severity =
                level(world, app, issue.code).unwrap_or(Some(issue.code.default_severity()))?;
            Some(Note {
                code: issue.code,
                severity,
                message: issue.message.clone(),
            })
        })
        .collect()
}

/// The level the caller or `tauri-acl.toml` sets for `code`: `Some(None)` for off.
fn level(world: &World, app: &App, code: Code) -> Option<Option<Severity>> {
    world
        .config
        .rules
        .get(&code)
        .or_else(|| app.settings.rules.get(&code))
        .copied()
}

fn apply_levels(world: &World, app: &App, acc: &mut Vec<Diagnostic>) {
    acc.retain_mut(|diagnostic| match level(world, app, diagnostic.code) {
        Some(None) => false,
        Some(Some(severity)) => {
            diagnostic.severity = severity;
            true
        }
        None => true,
    });
}

/// Renders a fixture's diagnostics as `tauri-acl check` prints them, for snapshots.
#[cfg(test)]
pub(crate) fn render_fixture(fixture: &str) -> String {
    let world = super::fixture::world(fixture);
    let options = super::render::RenderOptions {
        color: false,
        display_path: &super::fixture::display_path,
    };
    let found = diagnostics(&world);
    if found.is_empty() {
        return "no diagnostics\n".to_owned();
    }
    found
        .iter()
        .map(|diagnostic| super::render::render_diagnostic(&world.workspace, diagnostic, &options))
        .collect()
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;

    #[test]
    fn several_files_at_once_get_what_each_gets_alone() {
        let world = crate::ide::fixture::world(
            r#"
//- /src-tauri/capabilities/main.json
{ "identifier": "main", "windows": ["main"], "permissions": ["dialog:allow-opne", "dialog:allow-open"] }
//- /src-tauri/capabilities/viewer.json
{ "identifier": "viewer", "windows": ["nowhere"], "permissions": ["dialog:allow-save", "dialog:allow-save"] }
//- /plugins/dialog/permissions/dialog.toml plugin:dialog
[[permission]]
identifier = "allow-open"
commands.allow = ["open"]

[[permission]]
identifier = "allow-save"
commands.allow = ["save"]
"#,
        );
        let file = |path: &str| world.workspace.file_id(Path::new(path)).unwrap();
        let main = file("/src-tauri/capabilities/main.json");
        let viewer = file("/src-tauri/capabilities/viewer.json");
        let manifest = file("/plugins/dialog/permissions/dialog.toml");
        let together = files_diagnostics(&world, &[viewer, main, manifest, viewer]);
        let alone = [viewer, main, manifest, viewer].map(|file| file_diagnostics(&world, file));
        assert_eq!(together, alone);
        assert!(alone[0].iter().any(|d| d.code == Code::DuplicateEntry));
        assert!(alone[1].iter().any(|d| d.code == Code::UnknownPermission));
        for (file, found) in [viewer, main].into_iter().zip(&alone) {
            assert!(found.iter().all(|diagnostic| diagnostic.file == file));
        }
        let codes: Vec<Code> = diagnostics(&world).iter().map(|d| d.code).collect();
        let mut split: Vec<Code> = together[..3].iter().flatten().map(|d| d.code).collect();
        split.sort();
        let mut codes = codes;
        codes.sort();
        assert_eq!(
            split, codes,
            "every diagnostic lands in exactly one of the files"
        );
    }
}
