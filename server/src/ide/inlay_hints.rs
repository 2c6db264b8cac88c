//! Inlay hints: how many permissions a set or a default stands for, where it is named.
//!
//! After the identifier of each capability entry that names a set or a default (in
//! capability files and inline capabilities of the config), and after each member of a
//! `[default]` or `[[set]]` that is itself a set or a default, a hint such as
//! `12 permissions`: the distinct permissions it expands to on the platforms its
//! capability is checked for (a manifest's members: on the app's platforms), counting
//! only permissions active there. A default the plugin does not define reads
//! `grants nothing`. Plain permissions and unknown identifiers get no hint; their
//! diagnostics say enough. Invariant: no LSP types; the handler converts offsets.

use std::collections::BTreeSet;

use super::World;
use super::diagnostics::platforms_for;
use super::symbol::{classify_entry, classify_set_member};
use crate::model::tauri_conf::CapabilityEntry;
use crate::model::{Capability, Identifier, Platform};
use crate::resolver::expand::expand;
use crate::resolver::lookup::NameKind;
use crate::resolver::{self, CapabilityRef};
use crate::text::{TextRange, TextSize};
use crate::workspace::catalogue::{APP_KEY, Catalogue};
use crate::workspace::{App, FileId, FileKind};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InlayHint {
    /// Where the hint is shown: right after the identifier's literal.
    pub offset: TextSize,
    pub label: String,
}

/// The hints of `file` whose offsets lie in `range`, in document order.
pub fn inlay_hints(world: &World, file: FileId, range: TextRange) -> Vec<InlayHint> {
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
                if let Some(capability) =
                    resolver::capability(workspace, CapabilityRef { file, index })
                {
                    capability_hints(app, capability, range, &mut acc);
                }
            }
        }
        FileKind::TauriConfig { .. } => {
            let entries = source
                .config()
                .and_then(|config| config.capabilities.as_ref())
                .map_or(&[][..], |list| &list.value[..]);
            for entry in entries {
                if let CapabilityEntry::Inline(capability) = entry {
                    capability_hints(app, capability, range, &mut acc);
                }
            }
        }
        FileKind::Permission => manifest_hints(app, file, source, range, &mut acc),
        _ => {}
    }
    acc.sort_by_key(|hint| hint.offset);
    acc
}

fn capability_hints(
    app: &App,
    capability: &Capability,
    range: TextRange,
    acc: &mut Vec<InlayHint>,
) {
    let platforms = platforms_for(app, capability);
    for entry in capability.entries() {
        let offset = entry.identifier.range.end();
        if !range.contains_inclusive(offset) {
            continue;
        }
        let Ok(identifier) = &entry.parsed else {
            continue;
        };
        let class = classify_entry(app, identifier, &platforms);
        if matches!(class.target, Some(NameKind::Set | NameKind::Default)) {
            acc.push(InlayHint {
                offset,
                label: describe_expansion(&app.catalogue, identifier, &platforms),
            });
        }
    }
}

fn manifest_hints(
    app: &App,
    file: FileId,
    source: &crate::workspace::SourceFile,
    range: TextRange,
    acc: &mut Vec<InlayHint>,
) {
    let (Some(manifest), Some(plugin)) =
        (source.permission_file(), app.catalogue.plugin_of_file(file))
    else {
        return;
    };
    let members = manifest
        .default
        .iter()
        .flat_map(|default| &default.permissions)
        .chain(manifest.sets.iter().flat_map(|set| &set.permissions));
    for member in members {
        let offset = member.range.end();
        if !range.contains_inclusive(offset) {
            continue;
        }
        let Some(class) = classify_set_member(&app.catalogue, plugin, &member.value) else {
            continue;
        };
        if !matches!(class.entry.target, Some(NameKind::Set | NameKind::Default)) {
            continue;
        }
        // At the top level a set or default is found under the same name, since the
        // member is no permission (inside a set, permissions are looked up first).
        let written = if class.entry.key == APP_KEY {
            class.name.clone()
        } else {
            format!("{}:{}", class.entry.key, class.name)
        };
        let Ok(identifier) = Identifier::parse(&written) else {
            continue;
        };
        acc.push(InlayHint {
            offset,
            label: describe_expansion(&app.catalogue, &identifier, &app.platforms),
        });
    }
}

/// `12 permissions`, or `grants nothing` for a default the plugin does not define.
fn describe_expansion(
    catalogue: &Catalogue,
    identifier: &Identifier,
    platforms: &[Platform],
) -> String {
    let mut permissions: BTreeSet<(String, &str)> = BTreeSet::new();
    let mut is_empty_default = !platforms.is_empty();
    for platform in platforms {
        let expansion = expand(catalogue, identifier, Some(*platform));
        is_empty_default &= expansion.is_empty_default;
        for leaf in &expansion.leaves {
            if leaf.permission.value.is_active(*platform) {
                permissions.insert((
                    leaf.key.clone(),
                    leaf.permission.value.identifier.value.as_str(),
                ));
            }
        }
    }
    match permissions.len() {
        _ if is_empty_default => "grants nothing".to_owned(),
        0 => "no permissions".to_owned(),
        1 => "1 permission".to_owned(),
        count => format!("{count} permissions"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ide::fixture;

    /// Shows the file with each hint inserted as `⟨label⟩`; a fixture with two `$0`
    /// markers asks only for the hints between them.
    #[track_caller]
    fn check(fixture_text: &str, path: &str) -> String {
        let (world, markers) = fixture::world_and_cursor(fixture_text);
        let file = world
            .workspace
            .file_id(std::path::Path::new(path))
            .expect("the fixture has the file");
        let text = world.workspace.file(file).text.clone();
        let range = match markers {
            Some((marked, offsets)) if marked == file && offsets.len() == 2 => {
                TextRange::new(offsets[0], offsets[1])
            }
            _ => TextRange::up_to(crate::text::to_size(text.len())),
        };
        let mut out = text;
        for hint in inlay_hints(&world, file, range).iter().rev() {
            out.insert_str(usize::from(hint.offset), &format!("⟨{}⟩", hint.label));
        }
        out
    }

    const PLUGINS: &str = r#"
//- /plugins/fs/permissions/default.toml plugin:fs
[default]
permissions = ["read-all", "allow-write", "dialog:default", "haptics:default"]

[[set]]
identifier = "read-all"
description = "reads"
permissions = ["allow-read", "allow-exists", "allow-mobile", "nothing"]

[[set]]
identifier = "mobile-only"
description = "only on mobile"
permissions = ["allow-mobile"]

[[permission]]
identifier = "allow-read"
commands.allow = ["read"]

[[permission]]
identifier = "allow-exists"
commands.allow = ["exists"]

[[permission]]
identifier = "allow-write"
commands.allow = ["write"]

[[permission]]
identifier = "allow-mobile"
commands.allow = ["mobile"]
platforms = ["android", "iOS"]
//- /plugins/dialog/permissions/default.toml plugin:dialog
[default]
permissions = ["allow-open"]

[[permission]]
identifier = "allow-open"
commands.allow = ["open"]
//- /plugins/haptics/permissions/default.toml plugin:haptics
[[permission]]
identifier = "allow-vibrate"
commands.allow = ["vibrate"]
"#;

    #[test]
    fn json_entries_naming_sets_and_defaults() {
        let fixture_text = [
            r#"//- /src-tauri/capabilities/default.json
{ "identifier": "a", "windows": ["main"], "permissions": [
  "fs:default", "fs:read-all", "fs:allow-read", "haptics:default", "fs:mobile-only",
  { "identifier": "dialog:default", "allow": [] }, "sql:default"
] }
"#,
            PLUGINS,
        ]
        .concat();
        insta::assert_snapshot!(check(&fixture_text, "/src-tauri/capabilities/default.json"), @r#"
        { "identifier": "a", "windows": ["main"], "permissions": [
          "fs:default"⟨4 permissions⟩, "fs:read-all"⟨2 permissions⟩, "fs:allow-read", "haptics:default"⟨grants nothing⟩, "fs:mobile-only"⟨no permissions⟩,
          { "identifier": "dialog:default"⟨1 permission⟩, "allow": [] }, "sql:default"
        ] }
        "#);
    }

    #[test]
    fn platforms_of_the_capability_decide_the_count() {
        let fixture_text = [
            r#"//- /src-tauri/capabilities/mobile.toml
identifier = "mobile"
windows = ["main"]
platforms = ["android"]
permissions = ["fs:read-all", 'fs:mobile-only']
"#,
            PLUGINS,
        ]
        .concat();
        insta::assert_snapshot!(check(&fixture_text, "/src-tauri/capabilities/mobile.toml"), @r#"
        identifier = "mobile"
        windows = ["main"]
        platforms = ["android"]
        permissions = ["fs:read-all"⟨3 permissions⟩, 'fs:mobile-only'⟨1 permission⟩]
        "#);
    }

    #[test]
    fn only_hints_in_the_requested_range() {
        let fixture_text = [
            r#"//- /src-tauri/Cargo.toml
[package]
name = "app"
version = "0.1.0"

[dependencies]
tauri-plugin-fs = { path = "../plugins/fs" }
tauri-plugin-dialog = { path = "../plugins/dialog" }
tauri-plugin-haptics = { path = "../plugins/haptics" }

[build-dependencies]
tauri-build = { version = "2", features = ["config-json5"] }
//- /src-tauri/capabilities/default.json5
{ identifier: 'a', windows: ['main'], permissions: [
  'fs:default',
  $0'fs:read-all',
  'dialog:default',$0
  'fs:read-all',
] }
"#,
            PLUGINS,
        ]
        .concat();
        insta::assert_snapshot!(check(&fixture_text, "/src-tauri/capabilities/default.json5"), @"
        { identifier: 'a', windows: ['main'], permissions: [
          'fs:default',
          'fs:read-all'⟨2 permissions⟩,
          'dialog:default'⟨1 permission⟩,
          'fs:read-all',
        ] }
        ");
    }

    #[test]
    fn manifest_members_that_are_sets() {
        insta::assert_snapshot!(check(PLUGINS, "/plugins/fs/permissions/default.toml"), @r#"
        [default]
        permissions = ["read-all"⟨2 permissions⟩, "allow-write", "dialog:default"⟨1 permission⟩, "haptics:default"⟨grants nothing⟩]

        [[set]]
        identifier = "read-all"
        description = "reads"
        permissions = ["allow-read", "allow-exists", "allow-mobile", "nothing"]

        [[set]]
        identifier = "mobile-only"
        description = "only on mobile"
        permissions = ["allow-mobile"]

        [[permission]]
        identifier = "allow-read"
        commands.allow = ["read"]

        [[permission]]
        identifier = "allow-exists"
        commands.allow = ["exists"]

        [[permission]]
        identifier = "allow-write"
        commands.allow = ["write"]

        [[permission]]
        identifier = "allow-mobile"
        commands.allow = ["mobile"]
        platforms = ["android", "iOS"]
        "#);
    }

    #[test]
    fn config_inline_capability() {
        let fixture_text = [
            r#"//- /src-tauri/tauri.conf.json
{ "app": { "windows": [{ "label": "main" }], "security": { "capabilities": [
  { "identifier": "inline", "windows": ["main"], "permissions": ["dialog:default", "dialog:allow-open"] }
] } } }
"#,
            PLUGINS,
        ]
        .concat();
        insta::assert_snapshot!(check(&fixture_text, "/src-tauri/tauri.conf.json"), @r#"
        { "app": { "windows": [{ "label": "main" }], "security": { "capabilities": [
          { "identifier": "inline", "windows": ["main"], "permissions": ["dialog:default"⟨1 permission⟩, "dialog:allow-open"] }
        ] } } }
        "#);
    }
}
