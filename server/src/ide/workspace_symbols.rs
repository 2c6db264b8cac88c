//! Workspace symbols: every capability of every app, and every default, set and
//! permission of every plugin in the apps' catalogues, found by name.
//!
//! Catalogue entries are named as a capability would write them (`fs:allow-read-file`,
//! `core:window:default`, app permissions without a prefix), so a search finds the
//! identifier to paste. Only the definitions Tauri uses are listed, not those a later
//! manifest shadows. A query matches a name when its characters appear in order, ignoring
//! case; exact, prefix and substring matches rank first, then names sort
//! alphabetically. Results are capped at
//! [`MAX_RESULTS`]. Invariant: no LSP types; the handler maps kinds and locations.

use std::collections::HashSet;

use super::SymbolKind;
use super::{FileRange, World};
use crate::resolver;
use crate::text::TextRange;
use crate::workspace::catalogue::APP_KEY;
use crate::workspace::{App, FileId, Workspace};

/// The most symbols one query returns.
pub const MAX_RESULTS: usize = 300;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WorkspaceSymbol {
    pub name: String,
    pub kind: SymbolKind,
    /// The app of a capability, or where a plugin's manifests were read from.
    pub container: Option<String>,
    pub location: FileRange,
}

/// The symbols whose names match `query`, best matches first.
pub fn workspace_symbols(world: &World, query: &str) -> Vec<WorkspaceSymbol> {
    let workspace = world.workspace.as_ref();
    let query = query.trim().to_lowercase();
    let mut seen: HashSet<(String, FileId, TextRange)> = HashSet::new();
    let mut ranked: Vec<(u8, WorkspaceSymbol)> = Vec::new();
    for app in &workspace.apps {
        for symbol in app_symbols(workspace, app) {
            let Some(score) = match_score(&query, &symbol.name) else {
                continue;
            };
            let key = (
                symbol.name.clone(),
                symbol.location.file,
                symbol.location.range,
            );
            if seen.insert(key) {
                ranked.push((score, symbol));
            }
        }
    }
    ranked.sort_by(|(score_a, a), (score_b, b)| {
        (*score_a, &a.name, a.location.file, a.location.range.start()).cmp(&(
            *score_b,
            &b.name,
            b.location.file,
            b.location.range.start(),
        ))
    });
    ranked.truncate(MAX_RESULTS);
    ranked.into_iter().map(|(_, symbol)| symbol).collect()
}

/// Every capability and catalogue definition of one app, unfiltered.
fn app_symbols(workspace: &Workspace, app: &App) -> Vec<WorkspaceSymbol> {
    let mut symbols = Vec::new();
    let app_name = app.name();
    let app_container = (!app_name.is_empty()).then_some(app_name);
    for reference in resolver::all_capabilities(workspace, app) {
        let Some(capability) = resolver::capability(workspace, reference) else {
            continue;
        };
        let Some(identifier) = capability.identifier().filter(|name| !name.is_empty()) else {
            continue;
        };
        symbols.push(WorkspaceSymbol {
            name: identifier.to_owned(),
            kind: SymbolKind::Capability,
            container: app_container.clone(),
            location: FileRange {
                file: reference.file,
                range: capability.focus_range(),
            },
        });
    }
    for plugin in app.catalogue.plugins.values() {
        let prefix = if plugin.key == APP_KEY {
            String::new()
        } else {
            format!("{}:", plugin.key)
        };
        let container = Some(plugin.source.describe());
        let mut push = |name: String, kind: SymbolKind, file: FileId, range: TextRange| {
            symbols.push(WorkspaceSymbol {
                name,
                kind,
                container: container.clone(),
                location: FileRange { file, range },
            });
        };
        if let Some(default) = &plugin.default {
            push(
                format!("{prefix}default"),
                SymbolKind::DefaultPermission,
                default.file,
                default.value.key_range,
            );
        }
        for (identifier, set) in &plugin.sets {
            push(
                format!("{prefix}{identifier}"),
                SymbolKind::PermissionSet,
                set.file,
                set.value.identifier.range,
            );
        }
        for (identifier, permission) in &plugin.permissions {
            push(
                format!("{prefix}{identifier}"),
                SymbolKind::Permission,
                permission.file,
                permission.value.identifier.range,
            );
        }
    }
    symbols
}

/// How well `name` matches a lower-cased query: 0 exact, 1 prefix, 2 substring,
/// 3 subsequence, `None` for no match. An empty query matches everything.
fn match_score(query: &str, name: &str) -> Option<u8> {
    let name = name.to_lowercase();
    if query.is_empty() {
        return Some(3);
    }
    if name == query {
        return Some(0);
    }
    if name.starts_with(query) {
        return Some(1);
    }
    if name.contains(query) {
        return Some(2);
    }
    let mut characters = name.chars();
    query
        .chars()
        .all(|wanted| characters.any(|candidate| candidate == wanted))
        .then_some(3)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ide::fixture;

    /// Lists the matches as `kind name (container) path:line:column`.
    #[track_caller]
    fn check(fixture_text: &str, query: &str) -> String {
        let world = fixture::world(fixture_text);
        let workspace = &world.workspace;
        workspace_symbols(&world, query)
            .iter()
            .map(|symbol| {
                let source = workspace.file(symbol.location.file);
                let position = source.line_index.line_col(symbol.location.range.start());
                format!(
                    "{:?} {} ({}) {}:{}:{}\n",
                    symbol.kind,
                    symbol.name,
                    symbol.container.as_deref().unwrap_or("-"),
                    fixture::display_path(&source.path),
                    position.line + 1,
                    position.col + 1
                )
            })
            .collect()
    }

    const APP: &str = r#"
//- /src-tauri/capabilities/default.json
{ "identifier": "main-window", "windows": ["main"], "permissions": [] }
//- /src-tauri/capabilities/extra.toml
[[capabilities]]
identifier = "settings"
permissions = []
//- /src-tauri/capabilities/five.json5
{ identifier: 'skipped-unless-json5-is-enabled', permissions: [] }
//- /src-tauri/tauri.conf.json
{ "app": { "windows": [{ "label": "main" }], "security": { "capabilities": ["main-window", "settings", { "identifier": "inline-one", "windows": ["main"], "permissions": [] }] } } }
//- /src-tauri/permissions/greet.toml
[[permission]]
identifier = "allow-greet"
commands.allow = ["greet"]
//- /plugins/fs/permissions/default.toml plugin:fs
[default]
permissions = ["read-all"]

[[set]]
identifier = "read-all"
description = "reads"
permissions = ["allow-read-file"]

[[permission]]
identifier = "allow-read-file"
commands.allow = ["read_file"]
//- /plugins/tauri/build.rs core
const PLUGINS: &[(&str, &[(&str, bool)])] = &[
  ("core:window", &[("close", false)]),
];
"#;

    #[test]
    fn capabilities_and_catalogue_by_subsequence() {
        insta::assert_snapshot!(check(APP, "rdfl"), @"
        DefaultPermission core:default (tauri 2.12.5 (build.rs command table)) /plugins/tauri/build.rs:1:7
        DefaultPermission core:window:default (tauri 2.12.5 (build.rs command table)) /plugins/tauri/build.rs:2:4
        Permission fs:allow-read-file (tauri-plugin-fs (path: /plugins/fs)) /plugins/fs/permissions/default.toml:10:14
        ");
        insta::assert_snapshot!(check(APP, "DEFAULT"), @"
        DefaultPermission core:default (tauri 2.12.5 (build.rs command table)) /plugins/tauri/build.rs:1:7
        DefaultPermission core:window:default (tauri 2.12.5 (build.rs command table)) /plugins/tauri/build.rs:2:4
        DefaultPermission fs:default (tauri-plugin-fs (path: /plugins/fs)) /plugins/fs/permissions/default.toml:1:2
        ");
        insta::assert_snapshot!(check(APP, "in"), @"
        Capability inline-one (-) /src-tauri/tauri.conf.json:1:120
        Permission core:window:allow-close (tauri 2.12.5 (build.rs command table)) /plugins/tauri/build.rs:2:22
        DefaultPermission core:window:default (tauri 2.12.5 (build.rs command table)) /plugins/tauri/build.rs:2:4
        Permission core:window:deny-close (tauri 2.12.5 (build.rs command table)) /plugins/tauri/build.rs:2:22
        Capability main-window (-) /src-tauri/capabilities/default.json:1:17
        Capability settings (-) /src-tauri/capabilities/extra.toml:2:14
        ");
    }

    #[test]
    fn an_empty_query_lists_everything() {
        insta::assert_snapshot!(check(APP, ""), @"
        Permission allow-greet (the app's permissions/ directory) /src-tauri/permissions/greet.toml:2:14
        DefaultPermission core:default (tauri 2.12.5 (build.rs command table)) /plugins/tauri/build.rs:1:7
        Permission core:window:allow-close (tauri 2.12.5 (build.rs command table)) /plugins/tauri/build.rs:2:22
        DefaultPermission core:window:default (tauri 2.12.5 (build.rs command table)) /plugins/tauri/build.rs:2:4
        Permission core:window:deny-close (tauri 2.12.5 (build.rs command table)) /plugins/tauri/build.rs:2:22
        Permission fs:allow-read-file (tauri-plugin-fs (path: /plugins/fs)) /plugins/fs/permissions/default.toml:10:14
        DefaultPermission fs:default (tauri-plugin-fs (path: /plugins/fs)) /plugins/fs/permissions/default.toml:1:2
        PermissionSet fs:read-all (tauri-plugin-fs (path: /plugins/fs)) /plugins/fs/permissions/default.toml:5:14
        Capability inline-one (-) /src-tauri/tauri.conf.json:1:120
        Capability main-window (-) /src-tauri/capabilities/default.json:1:17
        Capability settings (-) /src-tauri/capabilities/extra.toml:2:14
        ");
    }

    #[test]
    fn results_are_capped() {
        let mut fixture_text = "//- /src-tauri/permissions/many.toml\n".to_owned();
        for index in 0..MAX_RESULTS + 50 {
            fixture_text.push_str(&format!(
                "[[permission]]\nidentifier = \"allow-{index}\"\ncommands.allow = [\"c{index}\"]\n"
            ));
        }
        let listed = check(&fixture_text, "allow");
        insta::assert_snapshot!(listed.lines().count(), @"300");
        insta::assert_snapshot!(listed.lines().next().unwrap_or(""), @"Permission allow-0 (the app's permissions/ directory) /src-tauri/permissions/many.toml:2:14");
    }
}
