//! Semantic tokens: the parts of every permission identifier an editor can colour.
//!
//! In capability entries (in capability files and inline in the Tauri config), in the
//! members of `[default]` and `[[set]]`, and in the config's capability references, an
//! identifier is split into its plugin prefix (`fs`, `core:window`) and its name, and the
//! name is classified as a permission, a set or a default by the same lookups Tauri does.
//! Identifiers `check` reports as unknown (`unknown-plugin`, `unknown-permission`,
//! `unknown-set-member`, `unknown-capability-reference`) carry the `unknown` modifier.
//! The identifiers that define capabilities, sets and permissions are tokens too, with
//! the `declaration` modifier.
//!
//! The classification itself is [`super::symbol::classify_entry`] and
//! [`super::symbol::classify_set_member`], shared with the other structure features.
//!
//! Tokens are byte ranges inside string literals, sorted and never overlapping, each on
//! one line: a literal whose source text differs from its value (escapes) or spans lines
//! (a TOML multi-line string) gives no token. Invariant: no LSP legend or delta encoding
//! here; the handler owns both.

use super::World;
use super::diagnostics::platforms_for;
use super::symbol::{EntryClass, classify_entry, classify_set_member};
use crate::model::Spanned;
use crate::model::capability::Capability;
use crate::model::tauri_conf::CapabilityEntry;
use crate::resolver::lookup::NameKind;
use crate::resolver::{self, CapabilityRef};
use crate::syntax::literal::exact_content as literal_content;
use crate::text::{TextRange, TextSize, slice, to_size};
use crate::workspace::{App, FileId, FileKind, SourceFile, Workspace};

/// What a piece of an identifier names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum SemanticTokenKind {
    /// The plugin prefix: `fs` in `fs:allow-read`, `core:window` in `core:window:default`.
    PluginPrefix,
    Permission,
    PermissionSet,
    DefaultPermission,
    /// A capability identifier: its definition or a reference in the config.
    Capability,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct SemanticTokenModifiers {
    /// The identifier defines the capability, set or permission.
    pub is_declaration: bool,
    /// `check` reports this part as unknown.
    pub is_unknown: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SemanticToken {
    pub range: TextRange,
    pub kind: SemanticTokenKind,
    pub modifiers: SemanticTokenModifiers,
}

/// The semantic tokens of `file`, sorted by start, never overlapping, each on one line.
pub fn semantic_tokens(world: &World, file: FileId) -> Vec<SemanticToken> {
    let workspace = world.workspace.as_ref();
    let Some(app) = workspace.app_of(file) else {
        return Vec::new();
    };
    let source = workspace.file(file);
    let mut acc = Vec::new();
    match source.kind {
        FileKind::Capability => {
            let count = source
                .capability_file()
                .map_or(0, |capabilities| capabilities.capabilities.len());
            for index in 0..count {
                let reference = CapabilityRef { file, index };
                if let Some(capability) = resolver::capability(workspace, reference) {
                    capability_tokens(app, source, capability, &mut acc);
                }
            }
        }
        FileKind::TauriConfig { .. } => {
            let entries = source
                .config()
                .and_then(|config| config.capabilities.as_ref())
                .map_or(&[][..], |list| &list.value[..]);
            for entry in entries {
                match entry {
                    CapabilityEntry::Inline(capability) => {
                        capability_tokens(app, source, capability, &mut acc)
                    }
                    CapabilityEntry::Reference(identifier) => {
                        let is_unknown = !has_capability_file(workspace, app, &identifier.value);
                        push_whole(
                            source,
                            identifier,
                            SemanticTokenKind::Capability,
                            SemanticTokenModifiers {
                                is_declaration: false,
                                is_unknown,
                            },
                            &mut acc,
                        );
                    }
                }
            }
        }
        FileKind::Permission => manifest_tokens(app, source, file, &mut acc),
        _ => {}
    }
    acc.sort_by_key(|token| (token.range.start(), token.range.end()));
    let mut end = TextSize::from(0);
    acc.retain(|token| {
        let keep = token.range.start() >= end && !token.range.is_empty();
        if keep {
            end = token.range.end();
        }
        keep
    });
    acc
}

fn capability_tokens(
    app: &App,
    source: &SourceFile,
    capability: &Capability,
    acc: &mut Vec<SemanticToken>,
) {
    if let Some(identifier) = &capability.identifier {
        push_whole(
            source,
            identifier,
            SemanticTokenKind::Capability,
            SemanticTokenModifiers {
                is_declaration: true,
                is_unknown: false,
            },
            acc,
        );
    }
    let platforms = platforms_for(app, capability);
    for entry in capability.entries() {
        let Ok(parsed) = &entry.parsed else {
            continue;
        };
        let class = classify_entry(app, parsed, &platforms);
        push_split(source, &entry.identifier, parsed.prefix(), &class, acc);
    }
}

fn manifest_tokens(app: &App, source: &SourceFile, file: FileId, acc: &mut Vec<SemanticToken>) {
    let Some(manifest) = source.permission_file() else {
        return;
    };
    let plugin = app.catalogue.plugin_of_file(file);
    let declaration = SemanticTokenModifiers {
        is_declaration: true,
        is_unknown: false,
    };
    let mut members: Vec<&Spanned<String>> = Vec::new();
    if let Some(default) = &manifest.default {
        members.extend(&default.permissions);
    }
    for set in &manifest.sets {
        push_whole(
            source,
            &set.identifier,
            SemanticTokenKind::PermissionSet,
            declaration,
            acc,
        );
        members.extend(&set.permissions);
    }
    for permission in &manifest.permissions {
        push_whole(
            source,
            &permission.identifier,
            SemanticTokenKind::Permission,
            declaration,
            acc,
        );
    }
    // Members can only be classified against the plugin that merged this file.
    let Some(plugin) = plugin else {
        return;
    };
    for member in members {
        if let Some(class) = classify_set_member(&app.catalogue, plugin, &member.value) {
            push_split(source, member, class.prefix.as_deref(), &class.entry, acc);
        }
    }
}

/// Pushes the prefix and the name of an identifier as two tokens.
fn push_split(
    source: &SourceFile,
    identifier: &Spanned<String>,
    prefix: Option<&str>,
    class: &EntryClass,
    acc: &mut Vec<SemanticToken>,
) {
    let Some(content) = literal_content(&source.text, identifier.range, &identifier.value) else {
        return;
    };
    let name_start = match prefix {
        Some(prefix) if identifier.value.starts_with(prefix) => {
            let prefix_end = content.start() + to_size(prefix.len());
            acc.push(SemanticToken {
                range: TextRange::new(content.start(), prefix_end),
                kind: SemanticTokenKind::PluginPrefix,
                modifiers: SemanticTokenModifiers {
                    is_declaration: false,
                    is_unknown: class.is_unknown_plugin,
                },
            });
            // Skip the colon between prefix and name.
            prefix_end + TextSize::from(1)
        }
        _ => content.start(),
    };
    if name_start >= content.end() {
        return;
    }
    let name_range = TextRange::new(name_start, content.end());
    acc.push(SemanticToken {
        range: name_range,
        kind: token_kind(class, slice(&source.text, name_range)),
        modifiers: SemanticTokenModifiers {
            is_declaration: false,
            is_unknown: class.is_unknown_name,
        },
    });
}

fn push_whole(
    source: &SourceFile,
    identifier: &Spanned<String>,
    kind: SemanticTokenKind,
    modifiers: SemanticTokenModifiers,
    acc: &mut Vec<SemanticToken>,
) {
    if let Some(range) = literal_content(&source.text, identifier.range, &identifier.value) {
        acc.push(SemanticToken {
            range,
            kind,
            modifiers,
        });
    }
}

/// The token kind of a classified name; an unresolved `default` still reads as a default.
fn token_kind(class: &EntryClass, name: &str) -> SemanticTokenKind {
    match class.target {
        Some(NameKind::Set) => SemanticTokenKind::PermissionSet,
        Some(NameKind::Default) => SemanticTokenKind::DefaultPermission,
        None if name == "default" => SemanticTokenKind::DefaultPermission,
        Some(NameKind::Permission) | None => SemanticTokenKind::Permission,
    }
}

/// Whether a capability file Tauri loads defines `identifier`.
fn has_capability_file(workspace: &Workspace, app: &App, identifier: &str) -> bool {
    app.capability_files.iter().any(|file| {
        workspace.file(*file).capability_file().is_some_and(|list| {
            list.capabilities
                .iter()
                .any(|capability| capability.identifier() == Some(identifier))
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ide::fixture;

    /// Renders each token as its quoted text, its kind and its modifiers, per file.
    #[track_caller]
    fn check(fixture_text: &str, path: &str) -> String {
        let (world, file) = fixture::file(fixture_text, path);
        let text = &world.workspace.file(file).text;
        let mut out = String::new();
        for token in semantic_tokens(&world, file) {
            let mut line = format!("{:?} {:?}", slice(text, token.range), token.kind);
            if token.modifiers.is_declaration {
                line.push_str(" declaration");
            }
            if token.modifiers.is_unknown {
                line.push_str(" unknown");
            }
            out.push_str(&line);
            out.push('\n');
        }
        out
    }

    const PLUGINS: &str = r#"
//- /plugins/fs/permissions/default.toml plugin:fs
[default]
permissions = ["read-all", "allow-exists", "dialog:allow-open", "sql:default", "nothing"]

[[set]]
identifier = "read-all"
description = "reads"
permissions = ["allow-read", "default"]

[[permission]]
identifier = "allow-read"
commands.allow = ["read"]

[[permission]]
identifier = "allow-exists"
commands.allow = ["exists"]
//- /plugins/dialog/permissions/default.toml plugin:dialog
[[permission]]
identifier = "allow-open"
commands.allow = ["open"]
//- /plugins/tauri/build.rs core
const PLUGINS: &[(&str, &[(&str, bool)])] = &[
  ("core:window", &[("close", false), ("title", true)]),
];
"#;

    #[test]
    fn json_capability_entries_split_into_prefix_and_name() {
        let fixture_text = [
            r#"//- /src-tauri/capabilities/default.json
{ "identifier": "main", "windows": ["main"], "permissions": [
  "fs:default", "fs:read-all", { "identifier": "fs:allow-read", "allow": [] },
  "core:window:allow-close", "fs:nope", "sql:default", "greet", "fs:Bad id"
] }
"#,
            PLUGINS,
        ]
        .concat();
        insta::assert_snapshot!(check(&fixture_text, "/src-tauri/capabilities/default.json"), @r#"
        "main" Capability declaration
        "fs" PluginPrefix
        "default" DefaultPermission
        "fs" PluginPrefix
        "read-all" PermissionSet
        "fs" PluginPrefix
        "allow-read" Permission
        "core:window" PluginPrefix
        "allow-close" Permission
        "fs" PluginPrefix
        "nope" Permission unknown
        "sql" PluginPrefix unknown
        "default" DefaultPermission unknown
        "greet" Permission unknown
        "#);
    }

    #[test]
    fn json5_and_toml_capabilities() {
        let json5 = [
            r#"//- /src-tauri/Cargo.toml
[package]
name = "app"
version = "0.1.0"

[dependencies]
tauri-plugin-fs = { path = "../plugins/fs" }
tauri-plugin-dialog = { path = "../plugins/dialog" }
tauri = { path = "../plugins/tauri" }

[build-dependencies]
tauri-build = { version = "2", features = ["config-json5"] }
//- /src-tauri/capabilities/default.json5
// A comment.
{ identifier: 'five', windows: ['main'], permissions: ['fs:read-all', "dialog:allow-open", 'fs:allow-\u0072ead'] }
"#,
            PLUGINS,
        ]
        .concat();
        insta::assert_snapshot!(check(&json5, "/src-tauri/capabilities/default.json5"), @r#"
        "five" Capability declaration
        "fs" PluginPrefix
        "read-all" PermissionSet
        "dialog" PluginPrefix
        "allow-open" Permission
        "#);
        let toml = [
            r#"//- /src-tauri/capabilities/default.toml
identifier = "toml"
windows = ["main"]
permissions = ["fs:default", 'core:window:default', { identifier = "fs:allow-exists", allow = [{ path = "$APPDATA" }] }]
"#,
            PLUGINS,
        ]
        .concat();
        insta::assert_snapshot!(check(&toml, "/src-tauri/capabilities/default.toml"), @r#"
        "toml" Capability declaration
        "fs" PluginPrefix
        "default" DefaultPermission
        "core:window" PluginPrefix
        "default" DefaultPermission
        "fs" PluginPrefix
        "allow-exists" Permission
        "#);
    }

    #[test]
    fn manifest_members_and_definitions() {
        insta::assert_snapshot!(check(PLUGINS, "/plugins/fs/permissions/default.toml"), @r#"
        "read-all" PermissionSet
        "allow-exists" Permission
        "dialog" PluginPrefix
        "allow-open" Permission
        "sql" PluginPrefix unknown
        "default" DefaultPermission unknown
        "nothing" Permission unknown
        "read-all" PermissionSet declaration
        "allow-read" Permission
        "default" DefaultPermission
        "allow-read" Permission declaration
        "allow-exists" Permission declaration
        "#);
    }

    #[test]
    fn config_references_and_inline_capabilities() {
        let fixture_text = [
            r#"//- /src-tauri/tauri.conf.json
{ "app": { "windows": [{ "label": "main" }], "security": { "capabilities": [
  "files", "missing",
  { "identifier": "inline", "windows": ["main"], "permissions": ["fs:allow-read", "dialog:nope"] }
] } } }
//- /src-tauri/capabilities/files.json
{ "identifier": "files", "windows": ["main"], "permissions": [] }
"#,
            PLUGINS,
        ]
        .concat();
        insta::assert_snapshot!(check(&fixture_text, "/src-tauri/tauri.conf.json"), @r#"
        "files" Capability
        "missing" Capability unknown
        "inline" Capability declaration
        "fs" PluginPrefix
        "allow-read" Permission
        "dialog" PluginPrefix
        "nope" Permission unknown
        "#);
    }
}
