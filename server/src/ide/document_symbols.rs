//! Document symbols: the outline of a capability file, a permission manifest or a Tauri
//! config.
//!
//! - A capability file: each capability (named by its identifier, with its windows and
//!   webviews as detail), holding one group per plugin its entries name, holding the
//!   entries. Groups are keyed by the manifest Tauri looks the entry up in, so each core
//!   module is its own group (`core:window`, `core:app`), and `core:default` falls in the
//!   `core` group; unprefixed entries fall in the `app` group; an invalid identifier is
//!   grouped by the text before its last colon. A group's range runs from its first
//!   entry to its last, so the groups of interleaved entries overlap.
//! - A permission manifest: `[default]`, each `[[set]]` and each `[[permission]]`, with
//!   their descriptions as detail.
//! - A Tauri config (or platform overlay): each configured window and each inline
//!   capability (outlined as in a capability file), in document order.
//!
//! Names are never empty (LSP clients reject empty names) and every selection range lies
//! inside its symbol's range. Invariant: no LSP symbol kinds here; the handler maps
//! [`SymbolKind`].

use super::diagnostics::platforms_for;
use super::symbol::classify_entry;
use super::wording::plural;
use super::{SymbolKind, World};
use crate::model::Capability;
use crate::model::tauri_conf::CapabilityEntry;
use crate::resolver::lookup::NameKind;
use crate::resolver::{self, CapabilityRef};
use crate::text::TextRange;
use crate::workspace::catalogue::APP_KEY;
use crate::workspace::{App, FileId, FileKind, SourceFile};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Symbol {
    pub name: String,
    pub detail: Option<String>,
    pub kind: SymbolKind,
    /// The whole definition.
    pub range: TextRange,
    /// The part to select and reveal: an identifier or a key.
    pub selection_range: TextRange,
    pub children: Vec<Symbol>,
}

/// The outline of `file`, in document order.
pub fn document_symbols(world: &World, file: FileId) -> Vec<Symbol> {
    let workspace = world.workspace.as_ref();
    let source = workspace.file(file);
    let app = workspace.app_of(file);
    let mut symbols = match source.kind {
        FileKind::Capability => {
            let count = source
                .capability_file()
                .map_or(0, |capabilities| capabilities.capabilities.len());
            (0..count)
                .filter_map(|index| {
                    let capability =
                        resolver::capability(workspace, CapabilityRef { file, index })?;
                    Some(capability_symbol(app, capability))
                })
                .collect()
        }
        FileKind::TauriConfig { .. } => config_symbols(app, source),
        FileKind::Permission => manifest_symbols(source),
        _ => Vec::new(),
    };
    symbols.sort_by_key(|symbol| (symbol.range.start(), symbol.range.end()));
    symbols
}

fn capability_symbol(app: Option<&App>, capability: &Capability) -> Symbol {
    let platforms = app
        .map(|app| platforms_for(app, capability))
        .unwrap_or_default();
    // Groups in the order their first entry appears.
    let mut groups: Vec<(String, Vec<Symbol>)> = Vec::new();
    for entry in capability.entries() {
        let (group, kind, detail) = match &entry.parsed {
            Ok(parsed) => {
                let key = parsed.prefix().unwrap_or(APP_KEY).to_owned();
                let target = app.and_then(|app| classify_entry(app, parsed, &platforms).target);
                let (kind, detail) = match target {
                    Some(NameKind::Permission) => (SymbolKind::Permission, "permission"),
                    Some(NameKind::Set) => (SymbolKind::PermissionSet, "set"),
                    Some(NameKind::Default) => (SymbolKind::DefaultPermission, "default"),
                    None => (SymbolKind::UnknownPermission, "unknown"),
                };
                (key, kind, detail)
            }
            Err(_) => {
                let value = &entry.identifier.value;
                let key = value
                    .rsplit_once(':')
                    .map_or(APP_KEY, |(prefix, _)| prefix)
                    .to_owned();
                (key, SymbolKind::UnknownPermission, "invalid identifier")
            }
        };
        let symbol = leaf(
            non_empty(&entry.identifier.value),
            Some(detail.to_owned()),
            kind,
            entry.range,
            entry.identifier.range,
        );
        match groups.iter_mut().find(|(key, _)| *key == group) {
            Some((_, members)) => members.push(symbol),
            None => groups.push((group, vec![symbol])),
        }
    }
    let children = groups
        .into_iter()
        .filter_map(|(key, members)| {
            let first = members.first()?;
            let range = members
                .iter()
                .fold(first.range, |range, member| range.cover(member.range));
            let name = if key == APP_KEY {
                "app".to_owned()
            } else {
                non_empty(&key)
            };
            let count = members.len();
            Some(Symbol {
                name,
                detail: Some(plural(count, "entry", "entries")),
                kind: SymbolKind::Plugin,
                range,
                selection_range: first.selection_range,
                children: members,
            })
        })
        .collect();
    let mut labels: Vec<&str> = capability
        .window_patterns()
        .iter()
        .chain(capability.webview_patterns())
        .map(|pattern| pattern.value.as_str())
        .collect();
    let mut seen = std::collections::HashSet::new();
    labels.retain(|label| seen.insert(*label));
    let identifier_range = capability
        .identifier
        .as_ref()
        .map_or(capability.range, |identifier| identifier.range);
    let name = capability
        .identifier()
        .map_or_else(|| "(capability without identifier)".to_owned(), non_empty);
    Symbol {
        name,
        detail: (!labels.is_empty()).then(|| labels.join(", ")),
        kind: SymbolKind::Capability,
        range: capability.range.cover(identifier_range),
        selection_range: identifier_range,
        children,
    }
}

fn config_symbols(app: Option<&App>, source: &SourceFile) -> Vec<Symbol> {
    let Some(config) = source.config() else {
        return Vec::new();
    };
    let mut symbols = Vec::new();
    for window in config.windows.iter().flat_map(|windows| &windows.value) {
        let detail = (!window.is_explicit).then(|| "label `main` by default".to_owned());
        symbols.push(leaf(
            non_empty(&window.label.value),
            detail,
            SymbolKind::Window,
            window.range,
            window.label.range,
        ));
    }
    for entry in config
        .capabilities
        .iter()
        .flat_map(|capabilities| &capabilities.value)
    {
        if let CapabilityEntry::Inline(capability) = entry {
            symbols.push(capability_symbol(app, capability));
        }
    }
    symbols
}

fn manifest_symbols(source: &SourceFile) -> Vec<Symbol> {
    let Some(manifest) = source.permission_file() else {
        return Vec::new();
    };
    let mut symbols = Vec::new();
    if let Some(default) = &manifest.default {
        // The model keeps the key's range; the table's comes from the tree.
        let table = source
            .parse
            .as_ref()
            .and_then(|parse| {
                let tree = &parse.tree;
                let member = tree.member(tree.root()?, "default")?;
                Some(tree.range(member.value))
            })
            .unwrap_or(default.key_range);
        symbols.push(leaf(
            "default".to_owned(),
            Some(describe_members(
                default.permissions.len(),
                &default.description,
            )),
            SymbolKind::DefaultPermission,
            table,
            default.key_range,
        ));
    }
    for set in &manifest.sets {
        symbols.push(leaf(
            non_empty(&set.identifier.value),
            Some(describe_members(set.permissions.len(), &set.description)),
            SymbolKind::PermissionSet,
            set.range,
            set.identifier.range,
        ));
    }
    for permission in &manifest.permissions {
        let detail = permission
            .description
            .as_ref()
            .map(|description| first_line(&description.value));
        symbols.push(leaf(
            non_empty(&permission.identifier.value),
            detail,
            SymbolKind::Permission,
            permission.range,
            permission.identifier.range,
        ));
    }
    symbols
}

/// A symbol without children; its range is widened to hold its selection range.
fn leaf(
    name: String,
    detail: Option<String>,
    kind: SymbolKind,
    range: TextRange,
    selection_range: TextRange,
) -> Symbol {
    Symbol {
        name,
        detail,
        kind,
        range: range.cover(selection_range),
        selection_range,
        children: Vec::new(),
    }
}

fn describe_members(count: usize, description: &Option<crate::model::Spanned<String>>) -> String {
    let members = plural(count, "member", "members");
    match description {
        Some(description) if !description.value.trim().is_empty() => {
            format!("{members} · {}", first_line(&description.value))
        }
        _ => members,
    }
}

/// The first line of a description, cut to a length an outline can show.
fn first_line(text: &str) -> String {
    const MAX_CHARS: usize = 80;
    let line = text.trim().lines().next().unwrap_or("").trim();
    if line.chars().count() > MAX_CHARS {
        let cut: String = line.chars().take(MAX_CHARS - 1).collect();
        format!("{cut}…")
    } else {
        line.to_owned()
    }
}

/// `text`, or `""` written out, since editors reject symbols with empty names.
fn non_empty(text: &str) -> String {
    if text.trim().is_empty() {
        format!("{text:?}")
    } else {
        text.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ide::fixture;
    use crate::text::slice;

    /// Renders the outline of the file at `path`, one symbol per line, indented by
    /// depth: `kind name (detail) [selected text]`.
    #[track_caller]
    fn check(fixture_text: &str, path: &str) -> String {
        let (world, file) = fixture::file(fixture_text, path);
        let text = &world.workspace.file(file).text;
        let mut out = String::new();
        let symbols = document_symbols(&world, file);
        let mut stack: Vec<(&Symbol, usize)> = symbols.iter().rev().map(|it| (it, 0)).collect();
        while let Some((symbol, depth)) = stack.pop() {
            assert!(
                symbol.range.contains_range(symbol.selection_range),
                "the selection of {} lies inside its range",
                symbol.name
            );
            let detail = symbol
                .detail
                .as_ref()
                .map(|detail| format!(" ({detail})"))
                .unwrap_or_default();
            out.push_str(&format!(
                "{}{:?} {}{} [{}]\n",
                "  ".repeat(depth),
                symbol.kind,
                symbol.name,
                detail,
                slice(text, symbol.selection_range)
            ));
            stack.extend(symbol.children.iter().rev().map(|child| (child, depth + 1)));
        }
        out
    }

    const PLUGINS: &str = r#"
//- /plugins/fs/permissions/default.toml plugin:fs
[default]
description = "Reads the app's files.\nMore text."
permissions = ["read-all"]

[[set]]
identifier = "read-all"
description = "reads"
permissions = ["allow-read", "allow-exists"]

[[permission]]
identifier = "allow-read"
description = "Enables the read command."
commands.allow = ["read"]

[[permission]]
identifier = "allow-exists"
commands.allow = ["exists"]
//- /plugins/tauri/build.rs core
const PLUGINS: &[(&str, &[(&str, bool)])] = &[
  ("core:window", &[("close", false), ("title", true)]),
  ("core:app", &[("version", true)]),
];
"#;

    #[test]
    fn json_capability_groups_entries_by_plugin() {
        let fixture_text = format!(
            r#"//- /src-tauri/capabilities/default.json
{{
  "identifier": "main-capability",
  "windows": ["main", "settings-*"],
  "permissions": [
    "core:default",
    "fs:default",
    "core:window:allow-close",
    {{ "identifier": "fs:allow-read", "allow": [{{ "path": "$APPDATA" }}] }},
    "core:app:default",
    "fs:read-all",
    "fs:nope",
    "greet",
    "fs:Bad id"
  ]
}}
{PLUGINS}"#
        );
        insta::assert_snapshot!(check(&fixture_text, "/src-tauri/capabilities/default.json"), @r#"
        Capability main-capability (main, settings-*) ["main-capability"]
          Plugin core (1 entry) ["core:default"]
            DefaultPermission core:default (default) ["core:default"]
          Plugin fs (5 entries) ["fs:default"]
            DefaultPermission fs:default (default) ["fs:default"]
            Permission fs:allow-read (permission) ["fs:allow-read"]
            PermissionSet fs:read-all (set) ["fs:read-all"]
            UnknownPermission fs:nope (unknown) ["fs:nope"]
            UnknownPermission fs:Bad id (invalid identifier) ["fs:Bad id"]
          Plugin core:window (1 entry) ["core:window:allow-close"]
            Permission core:window:allow-close (permission) ["core:window:allow-close"]
          Plugin core:app (1 entry) ["core:app:default"]
            DefaultPermission core:app:default (default) ["core:app:default"]
          Plugin app (1 entry) ["greet"]
            UnknownPermission greet (unknown) ["greet"]
        "#);
    }

    #[test]
    fn json5_and_toml_capability_lists() {
        let json5 = format!(
            r#"//- /src-tauri/Cargo.toml
[package]
name = "app"
version = "0.1.0"

[dependencies]
tauri-plugin-fs = {{ path = "../plugins/fs" }}
tauri = {{ path = "../plugins/tauri" }}

[build-dependencies]
tauri-build = {{ version = "2", features = ["config-json5"] }}
//- /src-tauri/capabilities/list.json5
[
  {{ identifier: 'one', windows: ['main'], permissions: ['fs:default'] }},
  {{ permissions: [], webviews: ['preview'] }},
]
{PLUGINS}"#
        );
        insta::assert_snapshot!(check(&json5, "/src-tauri/capabilities/list.json5"), @"
        Capability one (main) ['one']
          Plugin fs (1 entry) ['fs:default']
            DefaultPermission fs:default (default) ['fs:default']
        Capability (capability without identifier) (preview) [{ permissions: [], webviews: ['preview'] }]
        ");
        let toml = format!(
            r#"//- /src-tauri/capabilities/default.toml
[[capabilities]]
identifier = "first"
windows = ["main"]
permissions = ["fs:default", "core:window:default"]

[[capabilities]]
identifier = "second"
permissions = [{{ identifier = "fs:allow-exists", allow = [{{ path = "$APPDATA" }}] }}]
{PLUGINS}"#
        );
        insta::assert_snapshot!(check(&toml, "/src-tauri/capabilities/default.toml"), @r#"
        Capability first (main) ["first"]
          Plugin fs (1 entry) ["fs:default"]
            DefaultPermission fs:default (default) ["fs:default"]
          Plugin core:window (1 entry) ["core:window:default"]
            DefaultPermission core:window:default (default) ["core:window:default"]
        Capability second ["second"]
          Plugin fs (1 entry) ["fs:allow-exists"]
            Permission fs:allow-exists (permission) ["fs:allow-exists"]
        "#);
    }

    #[test]
    fn manifest_outline() {
        insta::assert_snapshot!(check(PLUGINS, "/plugins/fs/permissions/default.toml"), @r#"
        DefaultPermission default (1 member · Reads the app's files.) [default]
        PermissionSet read-all (2 members · reads) ["read-all"]
        Permission allow-read (Enables the read command.) ["allow-read"]
        Permission allow-exists ["allow-exists"]
        "#);
    }

    #[test]
    fn config_windows_and_inline_capabilities() {
        let fixture_text = format!(
            r#"//- /src-tauri/tauri.conf.json
{{ "app": {{ "windows": [{{ "label": "main" }}, {{ "title": "unlabelled" }}],
  "security": {{ "capabilities": ["files", {{ "identifier": "inline", "windows": ["main"], "permissions": ["fs:default"] }}] }} }} }}
{PLUGINS}"#
        );
        insta::assert_snapshot!(check(&fixture_text, "/src-tauri/tauri.conf.json"), @r#"
        Window main ["main"]
        Window main (label `main` by default) [{ "title": "unlabelled" }]
        Capability inline (main) ["inline"]
          Plugin fs (1 entry) ["fs:default"]
            DefaultPermission fs:default (default) ["fs:default"]
        "#);
    }
}
