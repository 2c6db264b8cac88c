//! Completion in capability files, permission manifests and the Tauri config: permission
//! identifiers, window and webview labels, platforms, capability keys, scope keys, path
//! variables, command names and capability references.
//!
//! [`crate::ide::cursor`] says where the cursor is; this module decides what may go there,
//! from the app's plugin catalogue, labels and Rust sources. Every item carries the edit
//! that replaces the whole token under the cursor (not only the typed prefix), keeping its
//! quote; between array items the edit inserts a new double-quoted string. Items are
//! plain data with byte ranges; the LSP handler converts them.
//!
//! Invariant: no protocol types and no IO. Base-directory variables are Tauri's
//! `BaseDirectory::from_variable` list (tauri 2.12.5 `src/path/mod.rs`).

mod commands;
mod identifiers;
mod keys;
mod labels;
mod scope_values;

use std::collections::{BTreeMap, BTreeSet, HashSet};

use crate::ide::cursor::{CapabilitySlot, Cursor, CursorKind, ManifestSlot, Token, cursor};
use crate::ide::diagnostics::platforms_for;
use crate::ide::scope_shapes;
use crate::ide::{FilePosition, World};
use crate::model::capability::CAPABILITY_KEYS;
use crate::model::manifest::Permission;
use crate::model::{Capability, Identifier, Platform};
use crate::resolver::expand::expand;
use crate::resolver::paths::{BASE_DIRECTORIES, BaseDirectory};
use crate::resolver::{self, CapabilityRef};
use crate::syntax::{NodeKind, SourceFormat, Tree};
use crate::text::{TextRange, slice};
use crate::workspace::rust_scan::LabelKind;
use crate::workspace::{APP_KEY, App, FileId, FileModel, Plugin, SourceFile, Workspace};

/// What the client can do with completion items.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CompletionConfig {
    /// Whether edits may be snippets (`$1` placeholders).
    pub snippets: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CompletionKind {
    /// A plugin prefix such as `fs:` or `core:window:`.
    Plugin,
    /// A plugin's (or the app's) default permission set.
    Default,
    Set,
    Permission,
    Window,
    Webview,
    Platform,
    /// A key of a capability or a scope object.
    Key,
    /// A capability identifier in the config's `app.security.capabilities`.
    Capability,
    /// A base-directory variable such as `$APPDATA`.
    Variable,
    /// A command name in a permission's `commands`.
    Command,
}

/// One completion: what to show and the edit to make.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CompletionItem {
    pub label: String,
    pub kind: CompletionKind,
    pub detail: Option<String>,
    /// Markdown.
    pub documentation: Option<String>,
    /// The text replaced: the whole token under the cursor, or an empty range where a
    /// new item is inserted.
    pub edit_range: TextRange,
    pub new_text: String,
    /// Whether `new_text` holds snippet placeholders (only with [`CompletionConfig::snippets`]).
    pub is_snippet: bool,
    pub sort_text: String,
    /// The text the client matches what was typed against (what the replaced range
    /// would read as, quote included when the range starts at one).
    pub filter_text: String,
    /// Whether the client should ask for completions again after inserting this item,
    /// as after a plugin prefix.
    pub trigger_completion: bool,
}

/// The completions at `position`; empty where there is nothing to offer.
pub fn completion(
    world: &World,
    position: FilePosition,
    config: &CompletionConfig,
) -> Vec<CompletionItem> {
    let workspace = &world.workspace;
    let Some(cursor) = cursor(workspace, position.file, position.offset) else {
        return Vec::new();
    };
    let Some(app) = workspace.app_of(position.file) else {
        return Vec::new();
    };
    // On a quote itself the cursor is outside the value: nothing to replace there.
    if let Some(token) = &cursor.token
        && token.quote.is_some()
        && !token.content_range.contains_inclusive(position.offset)
    {
        return Vec::new();
    }
    let source = workspace.file(position.file);
    let context = Context {
        workspace,
        app,
        source,
        cursor: &cursor,
        config,
    };
    let mut items = match &cursor.kind {
        CursorKind::Capability { capability, slot } => {
            let Some(model) = resolver::capability(workspace, *capability) else {
                return Vec::new();
            };
            match slot {
                CapabilitySlot::Permission { .. } => context.capability_permissions(model),
                CapabilitySlot::Window => context.labels(LabelList::Windows),
                CapabilitySlot::Webview => context.labels(LabelList::Webviews),
                CapabilitySlot::Platform => context.platforms(),
                CapabilitySlot::Key => context.capability_keys(),
                CapabilitySlot::ScopeKey { entry } => {
                    context.scope_keys(*capability, model, *entry)
                }
                CapabilitySlot::ScopeValue { entry, key } => {
                    context.scope_values(*capability, model, *entry, key)
                }
                CapabilitySlot::Identifier => Vec::new(),
            }
        }
        CursorKind::Manifest(ManifestSlot::SetMember) => context.set_members(),
        CursorKind::Manifest(ManifestSlot::Command) => context.commands(),
        CursorKind::Manifest(ManifestSlot::DefinitionIdentifier) => Vec::new(),
        CursorKind::CapabilityReference => context.capability_references(),
        CursorKind::ConfigWindowLabel => Vec::new(),
    };
    items.sort_by(|a, b| a.sort_text.cmp(&b.sort_text).then(a.label.cmp(&b.label)));
    items
}

struct Context<'a> {
    workspace: &'a Workspace,
    app: &'a App,
    source: &'a SourceFile,
    cursor: &'a Cursor,
    config: &'a CompletionConfig,
}

/// The most commands or permissions listed in a detail or a documentation.
const MAX_LISTED: usize = 12;

// ---------------------------------------------------------------------------------------
// Edits
// ---------------------------------------------------------------------------------------

/// How a value replaces the token under the cursor.
struct ValueEdit {
    range: TextRange,
    new_text: String,
    filter_text: String,
    is_snippet: bool,
}

impl Context<'_> {
    /// The edit that puts the string `value` where the cursor is: the content of the
    /// literal under the cursor (closing it when unterminated), or a new double-quoted
    /// string for a bare word or an insertion between items.
    fn value_edit(&self, value: &str) -> ValueEdit {
        match &self.cursor.token {
            Some(token) if token.quote.is_some() => ValueEdit {
                range: token.content_range,
                new_text: format!("{value}{}", closing_quote(token)),
                filter_text: value.to_owned(),
                is_snippet: false,
            },
            Some(token) => ValueEdit {
                range: token.range,
                new_text: format!("\"{value}\""),
                filter_text: value.to_owned(),
                is_snippet: false,
            },
            None => ValueEdit {
                range: TextRange::empty(self.cursor.offset),
                new_text: format!("\"{value}\""),
                filter_text: value.to_owned(),
                is_snippet: false,
            },
        }
    }

    /// The edit for a plugin prefix such as `fs:`: the string is left open for the
    /// permission name that follows.
    fn prefix_edit(&self, prefix: &str) -> ValueEdit {
        match &self.cursor.token {
            Some(token) if token.quote.is_some() => ValueEdit {
                range: token.content_range,
                new_text: prefix.to_owned(),
                filter_text: prefix.to_owned(),
                is_snippet: false,
            },
            token => {
                let range = token
                    .as_ref()
                    .map_or(TextRange::empty(self.cursor.offset), |token| token.range);
                let (new_text, is_snippet) = if self.config.snippets {
                    (format!("\"{prefix}$0\""), true)
                } else {
                    (format!("\"{prefix}"), false)
                };
                ValueEdit {
                    range,
                    new_text,
                    filter_text: prefix.to_owned(),
                    is_snippet,
                }
            }
        }
    }

    /// The edit for a key: only the name when the key already has its `:` or `=`,
    /// else the whole member with a placeholder for the value (`value_snippet`, in
    /// snippet syntax) or, without snippets, `value_plain`.
    fn key_edit(&self, name: &str, value_snippet: &str, value_plain: &str) -> ValueEdit {
        let format = self.source.format.unwrap_or(SourceFormat::Json);
        let token = self.cursor.token.as_ref();
        let has_separator = token.is_some_and(|token| {
            let rest = self.source.text.get(usize::from(token.range.end())..);
            rest.and_then(|rest| rest.trim_start_matches([' ', '\t']).chars().next())
                .is_some_and(|next| next == ':' || next == '=')
        });
        if let (Some(token), true) = (token, has_separator) {
            let range = if token.quote.is_some() {
                token.content_range
            } else {
                token.range
            };
            return ValueEdit {
                range,
                new_text: name.to_owned(),
                filter_text: name.to_owned(),
                is_snippet: false,
            };
        }
        let quote = match (token.and_then(|token| token.quote), format) {
            (Some(quote), _) => quote.to_string(),
            (None, SourceFormat::Toml) => String::new(),
            // A bare key being typed in JSON5 stays bare; strict JSON needs quotes.
            (None, SourceFormat::Json5) if token.is_some() => String::new(),
            (None, _) => "\"".to_owned(),
        };
        let separator = if format == SourceFormat::Toml {
            " = "
        } else {
            ": "
        };
        let value = if self.config.snippets {
            value_snippet
        } else {
            value_plain
        };
        let range = token.map_or(TextRange::empty(self.cursor.offset), |token| token.range);
        ValueEdit {
            range,
            new_text: format!("{quote}{name}{quote}{separator}{value}"),
            // The replaced range starts at the token's own quote, if it has one.
            filter_text: match token.and_then(|token| token.quote) {
                Some(quote) => format!("{quote}{name}"),
                None => name.to_owned(),
            },
            is_snippet: self.config.snippets,
        }
    }

    /// Values already in the array holding the cursor, except the one being edited.
    fn present_in_container(&self) -> HashSet<String> {
        let Some(tree) = self.tree() else {
            return HashSet::new();
        };
        let Some(container) = self.cursor.container else {
            return HashSet::new();
        };
        let editing = self.cursor.token.as_ref().map(|token| token.range);
        let mut present = HashSet::new();
        if let NodeKind::Array(items) = tree.kind(container) {
            for item in items {
                if Some(tree.range(*item)) == editing {
                    continue;
                }
                if let Some(value) = tree.string(*item) {
                    present.insert(value.to_owned());
                }
            }
        }
        present
    }

    /// Keys already in the object holding the cursor, except the one being edited.
    fn keys_in_container(&self) -> HashSet<String> {
        let Some(tree) = self.tree() else {
            return HashSet::new();
        };
        let Some(container) = self.cursor.container else {
            return HashSet::new();
        };
        let editing = self.cursor.token.as_ref().map(|token| token.range);
        match tree.kind(container) {
            NodeKind::Object(members) => members
                .iter()
                .filter(|member| Some(member.key_range) != editing)
                .map(|member| member.key.clone())
                .collect(),
            _ => HashSet::new(),
        }
    }

    fn tree(&self) -> Option<&Tree> {
        self.source.parse.as_ref().map(|parse| &parse.tree)
    }

    fn display_path(&self, file: FileId) -> String {
        let path = &self.workspace.file(file).path;
        path.strip_prefix(&self.app.root)
            .unwrap_or(path)
            .display()
            .to_string()
    }
}

fn closing_quote(token: &Token) -> String {
    match (token.is_terminated, token.quote) {
        (false, Some(quote)) => quote.to_string(),
        _ => String::new(),
    }
}

fn item(kind: CompletionKind, label: impl Into<String>, edit: ValueEdit) -> CompletionItem {
    let label = label.into();
    CompletionItem {
        sort_text: label.clone(),
        label,
        kind,
        detail: None,
        documentation: None,
        edit_range: edit.range,
        new_text: edit.new_text,
        is_snippet: edit.is_snippet,
        filter_text: edit.filter_text,
        trigger_completion: false,
    }
}

// The order of identifier completions: plugin prefixes while none is typed, then the
// default, sets, `allow-*`, `deny-*`, other permissions, and nested prefixes such as
// `core:window:` after `core:`.
const GROUP_PLUGIN: u8 = 0;
const GROUP_DEFAULT: u8 = 1;
const GROUP_SET: u8 = 2;
const GROUP_ALLOW: u8 = 3;
const GROUP_DENY: u8 = 4;
const GROUP_OTHER: u8 = 5;
const GROUP_NESTED_PLUGIN: u8 = 6;

/// Whether the app depends on `plugin` on none of `platforms` (none given: never).
fn is_plugin_demoted(plugin: &Plugin, platforms: &[Platform]) -> bool {
    !platforms.is_empty()
        && !platforms
            .iter()
            .any(|platform| plugin.is_available_on(*platform))
}

/// A sort text that puts demoted items last, then orders by group.
fn sort_text(is_demoted: bool, group: u8, label: &str) -> String {
    format!("{}{group}{label}", u8::from(is_demoted))
}

fn list_names(names: &[String], separator: &str) -> String {
    let shown: Vec<&str> = names.iter().take(MAX_LISTED).map(String::as_str).collect();
    let mut text = shown.join(separator);
    if names.len() > MAX_LISTED {
        text.push_str(&format!(" and {} more", names.len() - MAX_LISTED));
    }
    text
}

fn platform_names(platforms: &[Platform]) -> String {
    platforms
        .iter()
        .map(|platform| platform.name())
        .collect::<Vec<_>>()
        .join(", ")
}

use identifiers::*;
use labels::*;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ide::fixture;

    /// Renders the items at `$0` with and without snippet support: one line per item
    /// (`label  [kind] detail  → edit`, the plain edit added where snippets differ), for
    /// long lists the first ten and the last two, then the first item's documentation.
    pub(super) fn check(fixture_text: &str) -> String {
        let (world, position) = fixture::position(fixture_text);
        let file = position.file;
        let items = completion(&world, position, &CompletionConfig { snippets: true });
        let plain = completion(&world, position, &CompletionConfig { snippets: false });
        let text = &world.workspace.file(file).text;
        let mut out = String::new();
        // Long lists show their head and their tail, where demoted items go.
        let shown: Vec<usize> = if items.len() > 12 {
            (0..10).chain(items.len() - 2..items.len()).collect()
        } else {
            (0..items.len()).collect()
        };
        for index in shown {
            let completion = &items[index];
            if items.len() > 12 && index == items.len() - 2 {
                out.push_str(&format!("… {} more\n", items.len() - 12));
            }
            let replaced = slice(text, completion.edit_range);
            let edit = if replaced.is_empty() {
                format!("insert `{}`", completion.new_text)
            } else {
                format!("replace `{replaced}` with `{}`", completion.new_text)
            };
            let kind = format!("{:?}", completion.kind).to_lowercase();
            out.push_str(&format!(
                "{}  [{kind}] {}  → {edit}",
                completion.label,
                completion.detail.as_deref().unwrap_or("")
            ));
            if completion.is_snippet {
                out.push_str(" (snippet");
                if let Some(plain) = plain.get(index) {
                    out.push_str(&format!("; plain `{}`", plain.new_text));
                }
                out.push(')');
            }
            out.push('\n');
        }
        if let Some(documentation) = items.first().and_then(|item| item.documentation.as_ref()) {
            out.push_str("---\n");
            out.push_str(documentation);
            out.push('\n');
        }
        if items.is_empty() {
            out.push_str("no completions\n");
        }
        out.trim_end().to_owned()
    }

    pub(super) const PLUGINS: &str = r#"
//- /plugins/fs/permissions/default.toml plugin:fs
[default]
description = "Reads the app's data."
permissions = ["read-all", "scope-app"]

[[set]]
identifier = "read-all"
description = "Everything that reads."
permissions = ["allow-read-file", "allow-exists"]

[[permission]]
identifier = "allow-read-file"
description = "Allows reading files."
commands.allow = ["read_file"]

[[permission]]
identifier = "allow-exists"
commands.allow = ["exists"]

[[permission]]
identifier = "deny-read-file"
commands.deny = ["read_file"]

[[permission]]
identifier = "scope-app"
[[permission.scope.allow]]
path = "$APPDATA/**"

[[permission]]
identifier = "allow-mobile"
commands.allow = ["mobile_only"]
platforms = ["android", "iOS"]
//- /plugins/dialog/permissions/default.toml plugin:dialog
[default]
permissions = ["allow-open"]

[[permission]]
identifier = "allow-open"
commands.allow = ["open"]
//- /plugins/tauri/build.rs core
const PLUGINS: &[(&str, &[(&str, bool)])] = &[
  ("core:window", &[("close", false), ("title", true)]),
  ("core:app", &[("version", true)]),
];
//- /src-tauri/permissions/tools.toml
[[permission]]
identifier = "allow-greet"
commands.allow = ["greet"]
"#;

    /// The shared plugins after a capability file (or any other files).
    pub(super) fn with_plugins(files: &str) -> String {
        format!("{}\n{PLUGINS}", files.trim_end())
    }

    #[test]
    fn whole_token_is_replaced() {
        insta::assert_snapshot!(check(&with_plugins(r#"
//- /src-tauri/capabilities/default.json
{ "identifier": "default", "windows": ["main"], "permissions": ["fs:allow-re$0ad"] }
"#)), @"
        fs:default  [default] default · 3 permissions  → replace `fs:allow-read` with `fs:default`
        fs:read-all  [set] set · 2 permissions  → replace `fs:allow-read` with `fs:read-all`
        fs:allow-exists  [permission] allows exists  → replace `fs:allow-read` with `fs:allow-exists`
        fs:allow-read-file  [permission] allows read_file  → replace `fs:allow-read` with `fs:allow-read-file`
        fs:deny-read-file  [permission] denies read_file  → replace `fs:allow-read` with `fs:deny-read-file`
        fs:scope-app  [permission] scope only  → replace `fs:allow-read` with `fs:scope-app`
        fs:allow-mobile  [permission] allows mobile_only · only on android, iOS  → replace `fs:allow-read` with `fs:allow-mobile`
        ---
        Reads the app's data.

        Grants:
        - `fs:allow-read-file`: allows read_file
        - `fs:allow-exists`: allows exists
        - `fs:scope-app`: scope only
        ");
    }

    #[test]
    fn between_items_a_new_string_is_inserted() {
        insta::assert_snapshot!(check(&with_plugins(r#"
//- /src-tauri/capabilities/default.json
{ "identifier": "default", "windows": ["main"], "permissions": ["dialog:default", $0] }
"#)), @r#"
        core:  [plugin] plugin · 1 identifier  → insert `"core:$0"` (snippet; plain `"core:`)
        core:app:  [plugin] plugin · 3 identifiers  → insert `"core:app:$0"` (snippet; plain `"core:app:`)
        core:window:  [plugin] plugin · 5 identifiers  → insert `"core:window:$0"` (snippet; plain `"core:window:`)
        dialog:  [plugin] plugin · 2 identifiers  → insert `"dialog:$0"` (snippet; plain `"dialog:`)
        fs:  [plugin] plugin · 7 identifiers  → insert `"fs:$0"` (snippet; plain `"fs:`)
        allow-greet  [permission] allows greet  → insert `"allow-greet"`
        ---
        Permissions of `core`.

        Default: Default core plugins set.

        From tauri 2.12.5 (build.rs command table).
        "#);
    }

    #[test]
    fn unterminated_strings_are_closed() {
        insta::assert_snapshot!(check(&with_plugins(r#"
//- /src-tauri/capabilities/default.json
{ "identifier": "default", "windows": ["main"], "permissions": ["fs:allow-e$0] }
"#)), @r#"
        fs:default  [default] default · 3 permissions  → replace `fs:allow-e` with `fs:default"`
        fs:read-all  [set] set · 2 permissions  → replace `fs:allow-e` with `fs:read-all"`
        fs:allow-exists  [permission] allows exists  → replace `fs:allow-e` with `fs:allow-exists"`
        fs:allow-read-file  [permission] allows read_file  → replace `fs:allow-e` with `fs:allow-read-file"`
        fs:deny-read-file  [permission] denies read_file  → replace `fs:allow-e` with `fs:deny-read-file"`
        fs:scope-app  [permission] scope only  → replace `fs:allow-e` with `fs:scope-app"`
        fs:allow-mobile  [permission] allows mobile_only · only on android, iOS  → replace `fs:allow-e` with `fs:allow-mobile"`
        ---
        Reads the app's data.

        Grants:
        - `fs:allow-read-file`: allows read_file
        - `fs:allow-exists`: allows exists
        - `fs:scope-app`: scope only
        "#);
    }

    #[test]
    fn json5_capability_keeps_single_quotes() {
        insta::assert_snapshot!(check(&with_plugins(r#"
//- /src-tauri/capabilities/default.json5
{ identifier: 'default', windows: ['main'], permissions: ['dialog:$0'] }
"#)), @"
        dialog:default  [default] default · 1 permission  → replace `dialog:` with `dialog:default`
        dialog:allow-open  [permission] allows open  → replace `dialog:` with `dialog:allow-open`
        ---
        Grants:
        - `dialog:allow-open`: allows open
        ");
    }

    #[test]
    fn bare_word_is_quoted() {
        insta::assert_snapshot!(check(&with_plugins(r#"
//- /src-tauri/capabilities/default.json
{ "identifier": "default", "windows": ["main"], "permissions": [dialog:allow-o$0] }
"#)), @r#"
        dialog:default  [default] default · 1 permission  → replace `dialog:allow-o` with `"dialog:default"`
        dialog:allow-open  [permission] allows open  → replace `dialog:allow-o` with `"dialog:allow-open"`
        ---
        Grants:
        - `dialog:allow-open`: allows open
        "#);
    }

    #[test]
    fn nothing_where_nothing_fits() {
        // The capability's own identifier is the user's to choose.
        insta::assert_snapshot!(check(r#"{ "identifier": "def$0", "permissions": [] }"#), @"no completions");
        // Right after a closing quote, the value is done.
        insta::assert_snapshot!(check(&with_plugins(r#"
//- /src-tauri/capabilities/default.json
{ "identifier": "default", "permissions": ["fs:default"$0] }
"#)), @"no completions");
        // A `url` value has no variables.
        insta::assert_snapshot!(check(r#"
//- /src-tauri/capabilities/default.json
{ "identifier": "default", "permissions": [{ "identifier": "http:default", "allow": [{ "url": "$0" }] }] }
//- /plugins/http/permissions/default.toml plugin:http
[default]
permissions = []
"#), @"no completions");
        // A path that does not start with a variable.
        insta::assert_snapshot!(check(&with_plugins(r#"
//- /src-tauri/capabilities/default.json
{ "identifier": "default", "permissions": [{ "identifier": "fs:allow-read-file", "allow": [{ "path": "/tmp/$0" }] }] }
"#)), @"no completions");
    }
}
