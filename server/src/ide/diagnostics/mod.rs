//! Every check, run over every app, as plain [`Diagnostic`] values.
//!
//! Each check lives in its own file and pushes into an accumulator; this file is the
//! registry. Checks see an [`AppContext`]: the app, its capabilities and their
//! resolutions on each platform they are checked for. A finding that depends on the
//! platform (a desktop-only plugin used on Android) is reported once and says on which
//! platforms it holds. Rule levels from `tauri-acl.toml` and from the caller are applied
//! last. Only files the user owns are reported on: the app's capabilities, configs and
//! permission files, and the permission files of path-dependency plugins, never the
//! crates in a cargo home.

mod capability_list;
mod config_security;
mod conflicts;
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

#[cfg(test)]
mod focused;

use std::collections::{BTreeSet, HashMap};
use std::sync::Arc;

use super::{FileRange, World};
use crate::diagnostic::{Code, Severity};
use crate::model::Platform;
use crate::resolver::cache::ResolutionCache;
use crate::resolver::{self, CapabilityRef, Resolution};
use crate::text::TextRange;
use crate::workspace::{App, FileId, PluginSource, Workspace};

/// A problem at a place in a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub file: FileId,
    pub range: TextRange,
    pub code: Code,
    pub severity: Severity,
    pub message: String,
    /// Other places that explain the problem.
    pub related: Vec<Related>,
    /// Short lines printed after the snippet (`help: ...`).
    pub notes: Vec<String>,
    pub fixes: Vec<Fix>,
    /// The text is redundant (a duplicate entry), which editors show faded.
    pub is_unnecessary: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Related {
    pub location: FileRange,
    pub message: String,
}

/// A set of edits that fixes a problem.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Fix {
    pub label: String,
    pub edits: Vec<TextEdit>,
    /// Files to create, with their text.
    pub creates: Vec<(std::path::PathBuf, String)>,
    /// The same change as a snippet with placeholders (`${1:\$APPDATA/**}`), replacing
    /// `edits[0]`'s range, for clients that can insert snippets.
    pub snippet: Option<String>,
    /// Safe to apply without looking: `source.fixAll` and `check --fix` apply only these.
    pub is_preferred: bool,
}

impl Fix {
    /// A fix made of edits in one file.
    pub fn in_file(
        label: impl Into<String>,
        file: FileId,
        edits: Vec<crate::ide::edit::Edit>,
    ) -> Fix {
        Fix {
            label: label.into(),
            edits: edits
                .into_iter()
                .map(|edit| TextEdit {
                    location: FileRange {
                        file,
                        range: edit.range,
                    },
                    new_text: edit.new_text,
                })
                .collect(),
            ..Fix::default()
        }
    }
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

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextEdit {
    pub location: FileRange,
    pub new_text: String,
}

impl Diagnostic {
    pub fn new(
        code: Code,
        file: FileId,
        range: TextRange,
        message: impl Into<String>,
    ) -> Diagnostic {
        Diagnostic {
            file,
            range,
            code,
            severity: code.default_severity(),
            message: message.into(),
            related: Vec::new(),
            notes: Vec::new(),
            fixes: Vec::new(),
            is_unnecessary: false,
        }
    }

    pub fn related(
        mut self,
        file: FileId,
        range: TextRange,
        message: impl Into<String>,
    ) -> Diagnostic {
        self.related.push(Related {
            location: FileRange { file, range },
            message: message.into(),
        });
        self
    }

    pub fn note(mut self, note: impl Into<String>) -> Diagnostic {
        self.notes.push(note.into());
        self
    }

    /// Adds a fix that replaces this diagnostic's range with `new_text`.
    pub fn replace_with(
        mut self,
        label: impl Into<String>,
        new_text: impl Into<String>,
    ) -> Diagnostic {
        let range = self.range;
        self.fixes.push(Fix {
            label: label.into(),
            edits: vec![TextEdit {
                location: FileRange {
                    file: self.file,
                    range,
                },
                new_text: new_text.into(),
            }],
            ..Fix::default()
        });
        self
    }

    /// Adds a fix when there is one.
    pub fn fixes_with(mut self, fix: Option<Fix>) -> Diagnostic {
        self.fixes.extend(fix);
        self
    }

    /// Adds a fix made of edits in this diagnostic's file.
    pub fn fix(
        mut self,
        label: impl Into<String>,
        edits: Vec<crate::ide::edit::Edit>,
    ) -> Diagnostic {
        self.fixes.push(Fix::in_file(label, self.file, edits));
        self
    }
}

/// What the checks of one app share.
pub(crate) struct AppContext<'w> {
    pub workspace: &'w Workspace,
    pub app: &'w App,
    /// Every capability the app defines.
    pub capabilities: Vec<CapabilityRef>,
    /// Each capability's resolution on each platform it is checked for.
    pub resolutions: HashMap<CapabilityRef, Vec<Arc<Resolution>>>,
    /// Permission files the user owns (the app's and path plugins').
    pub owned_manifests: BTreeSet<FileId>,
    /// The files whose findings the caller wants, sorted; `None` for every file.
    focus: Option<Vec<FileId>>,
}

impl<'w> AppContext<'w> {
    /// The context for checking `app`; with a `focus`, checks may leave out findings in
    /// other files (see [`AppContext::wants`]).
    pub fn new(
        workspace: &'w Workspace,
        app: &'w App,
        cache: &ResolutionCache,
        focus: Option<&[FileId]>,
    ) -> AppContext<'w> {
        let capabilities = resolver::all_capabilities(workspace, app);
        let mut resolutions = HashMap::new();
        for reference in &capabilities {
            let Some(capability) = resolver::capability(workspace, *reference) else {
                continue;
            };
            let platforms = platforms_for(app, capability);
            let list = platforms
                .into_iter()
                .filter_map(|platform| cache.resolve(workspace, app, *reference, platform))
                .collect();
            resolutions.insert(*reference, list);
        }
        let mut owned_manifests: BTreeSet<FileId> =
            app.app_permission_files.iter().copied().collect();
        for plugin in app.catalogue.plugins.values() {
            if matches!(plugin.source, PluginSource::Path { .. }) {
                owned_manifests.extend(plugin.files.iter().copied());
            }
        }
        AppContext {
            workspace,
            app,
            capabilities,
            resolutions,
            owned_manifests,
            focus: focus.map(|files| {
                let mut files = files.to_vec();
                files.sort();
                files.dedup();
                files
            }),
        }
    }

    /// Whether findings in `file` are wanted. A check whose findings about one
    /// capability (or one scope value) all lie in that capability's own file may skip
    /// the ones in files nobody asked for: an editor asks for its open documents after
    /// each keystroke, and most of an app's files are not open. Checks that relate
    /// several files, or report in a file other than the one they read, run whole.
    pub fn wants(&self, file: FileId) -> bool {
        self.focus
            .as_ref()
            .is_none_or(|focus| focus.binary_search(&file).is_ok())
    }

    /// The capabilities whose own file is wanted, in order.
    pub fn wanted_capabilities(&self) -> impl Iterator<Item = &CapabilityRef> + '_ {
        self.capabilities
            .iter()
            .filter(|reference| self.wants(reference.file))
    }

    pub fn capability(&self, reference: CapabilityRef) -> Option<&'w crate::model::Capability> {
        resolver::capability(self.workspace, reference)
    }

    /// Each wanted capability with its resolution on the first platform it is checked
    /// for, for checks whose answer does not depend on the platform and whose findings
    /// lie in the capability's own file.
    pub fn first_resolutions(
        &self,
    ) -> impl Iterator<Item = (CapabilityRef, &'w crate::model::Capability, &Resolution)> + '_ {
        self.wanted_capabilities().filter_map(|reference| {
            let capability = self.capability(*reference)?;
            let resolution = self.resolutions.get(reference)?.first()?;
            Some((*reference, capability, resolution.as_ref()))
        })
    }

    /// Files whose text the user edits: capabilities, configs and owned manifests.
    pub fn user_files(&self) -> Vec<FileId> {
        let mut files: Vec<FileId> = self.app.capability_files.clone();
        files.extend(self.app.config);
        files.extend(self.app.overlays.iter().map(|(_, file)| *file));
        files.extend(self.owned_manifests.iter().copied());
        files.sort();
        files.dedup();
        files
    }
}

/// The platforms a capability is checked for: its own `platforms` within the app's, or
/// its own when they share none (the author named them, so they are checked).
pub fn platforms_for(app: &App, capability: &crate::model::Capability) -> Vec<Platform> {
    let Some(own) = &capability.platforms else {
        return app.platforms.clone();
    };
    let own: Vec<Platform> = own.value.iter().map(|item| item.value).collect();
    let shared: Vec<Platform> = app
        .platforms
        .iter()
        .copied()
        .filter(|platform| own.contains(platform))
        .collect();
    if shared.is_empty() { own } else { shared }
}

/// "on android and iOS" for a subset of the checked platforms; empty when it is all.
pub fn platform_note(on: &[Platform], checked: &[Platform]) -> String {
    if on.is_empty() || checked.iter().all(|platform| on.contains(platform)) {
        return String::new();
    }
    let names: Vec<&str> = on.iter().map(|platform| platform.name()).collect();
    let list = match names.as_slice() {
        [one] => (*one).to_owned(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
        [] => String::new(),
    };
    format!(" on {list}")
}

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
    mark_preferred(&mut acc);
    apply_levels(world, app, &mut acc);
    acc
}

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

/// A finding about the app's environment rather than a place in a file (a plugin whose
/// sources are not unpacked, a malformed `tauri-acl.toml`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    pub code: Code,
    pub severity: Severity,
    pub message: String,
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

/// The source text of a range, for quoting in messages and fixes.
pub(crate) fn source(workspace: &Workspace, file: FileId, range: TextRange) -> &str {
    crate::text::slice(&workspace.file(file).text, range)
}

/// `replacement` wrapped in the same quotes as the literal at `range`.
pub(crate) fn requote(
    workspace: &Workspace,
    file: FileId,
    range: TextRange,
    replacement: &str,
) -> String {
    match source(workspace, file, range).chars().next() {
        Some(quote @ ('"' | '\'')) => format!("{quote}{replacement}{quote}"),
        _ => replacement.to_owned(),
    }
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

/// Edits that remove a capability entry from its `permissions` array, keeping layout.
pub(crate) fn remove_entry(
    workspace: &Workspace,
    file: FileId,
    capability: &crate::model::Capability,
    entry: &crate::model::PermissionEntry,
) -> Vec<crate::ide::edit::Edit> {
    let source = workspace.file(file);
    let Some(parse) = &source.parse else {
        return Vec::new();
    };
    let tree = &parse.tree;
    let Some(array) = tree.get(capability.node, "permissions") else {
        return Vec::new();
    };
    // Items are in source order: find the entry by its start rather than by a walk, which
    // made removing each of many duplicates quadratic.
    let Some(index) = tree.array(array).and_then(|items| {
        items
            .binary_search_by_key(&entry.range.start(), |item| tree.range(*item).start())
            .ok()
            .filter(|index| items[*index] == entry.node)
            .or_else(|| items.iter().position(|item| *item == entry.node))
    }) else {
        return Vec::new();
    };
    crate::ide::edit::remove_array_item(tree, &source.text, array, index)
}

/// An edit that appends `identifier` to a capability's `permissions`.
pub(crate) fn append_entry(
    workspace: &Workspace,
    file: FileId,
    capability: &crate::model::Capability,
    identifier: &str,
) -> Option<crate::ide::edit::Edit> {
    let source = workspace.file(file);
    let parse = source.parse.as_ref()?;
    let array = parse.tree.get(capability.node, "permissions")?;
    let format = source.format?;
    let literal = crate::ide::edit::string_literal(format, identifier);
    crate::ide::edit::append_array_item(&parse.tree, &source.text, array, &literal)
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
