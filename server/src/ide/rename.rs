//! Rename: the app's own permission and set identifiers, and capability identifiers.
//!
//! An app permission or set is renamed in its definitions (every file of the app's
//! `permissions/` that defines it, a replaced duplicate included) and in every use Tauri
//! resolves to it: capability entries, where app identifiers carry no prefix, and members
//! of the app's sets and default. A capability is renamed in its `identifier` and in the
//! config's `app.security.capabilities`. Identifiers owned by a plugin are refused with a
//! message naming the plugin: their definitions are in a crate the app does not own.
//! Edits replace the text between the quotes, so the quoting style is kept.
//!
//! Invariant: no protocol types; edits are byte ranges.

use super::diagnostics::TextEdit;
use super::symbol::{NameAt, Symbol, content_range, declarations, name_at, usages};
use super::{FilePosition, FileRange, World};
use crate::model::capability::Capability;
use crate::model::identifier::Identifier;
use crate::resolver;
use crate::resolver::lookup::NameKind;
use crate::text::TextRange;
use crate::workspace::catalogue::{APP_KEY, PluginSource};
use crate::workspace::{FileId, Workspace};

/// The range a rename at `position` would replace (the identifier between its quotes),
/// or why the name there cannot be renamed.
pub fn prepare_rename(world: &World, position: FilePosition) -> Result<FileRange, String> {
    let name = renamable(world, position)?;
    Ok(FileRange {
        file: name.file,
        range: name.content_range,
    })
}

/// The edits that rename the name at `position` to `new_name` everywhere it is defined
/// and used, or why they cannot be made. `new_name` must be a valid identifier as
/// Tauri's `Identifier` parses it, without a `:` for app permissions, and must not name
/// something the app already defines.
pub fn rename(
    world: &World,
    position: FilePosition,
    new_name: &str,
) -> Result<Vec<TextEdit>, String> {
    let workspace = world.workspace.as_ref();
    let name = renamable(world, position)?;
    if let Err(error) = Identifier::parse(new_name) {
        return Err(format!("`{new_name}` is not a valid identifier: {error}"));
    }
    match &name.symbol {
        Symbol::Permission(symbol) => {
            if symbol.name == new_name {
                return Ok(Vec::new());
            }
            if new_name.contains(':') {
                return Err(format!(
                    "the app's own permissions are written without a prefix, so `{new_name}` cannot hold a `:`"
                ));
            }
            if new_name == "default" {
                return Err(
                    "`default` names the app's `[default]`, so no set or permission can take it"
                        .to_owned(),
                );
            }
            if let Some(plugin) = name.app.catalogue.get(APP_KEY) {
                let existing = plugin
                    .sets
                    .get(new_name)
                    .map(|set| (set.file, set.value.identifier.range))
                    .or_else(|| {
                        plugin
                            .permissions
                            .get(new_name)
                            .map(|permission| (permission.file, permission.value.identifier.range))
                    });
                if let Some((file, range)) = existing {
                    return Err(format!(
                        "`{new_name}` is already defined at {}",
                        location(workspace, file, range)
                    ));
                }
            }
        }
        Symbol::Capability(identifier) => {
            if identifier == new_name {
                return Ok(Vec::new());
            }
            let existing = resolver::all_capabilities(workspace, name.app)
                .into_iter()
                .find_map(|reference| {
                    let capability = resolver::capability(workspace, reference)?;
                    let found = capability.identifier.as_ref()?;
                    (found.value == new_name).then_some((reference.file, found.range))
                });
            if let Some((file, range)) = existing {
                return Err(format!(
                    "a capability `{new_name}` is already defined at {}",
                    location(workspace, file, range)
                ));
            }
        }
        Symbol::Label { .. } => return Err(NOT_RENAMABLE.to_owned()),
    }
    let mut ranges: Vec<FileRange> = usages(workspace, name.app, &name.symbol);
    ranges.extend(
        declarations(workspace, name.app, &name.symbol)
            .into_iter()
            .map(|target| FileRange {
                file: target.file,
                range: content_range(&workspace.file(target.file).text, target.focus_range),
            }),
    );
    super::symbol::sort_ranges(&mut ranges);
    Ok(ranges
        .into_iter()
        .map(|location| TextEdit {
            location,
            new_text: new_name.to_owned(),
        })
        .collect())
}

const NOT_RENAMABLE: &str =
    "only the app's own permissions and sets, and capability identifiers, can be renamed";

/// The name at `position` when it is one rename handles.
fn renamable(world: &World, position: FilePosition) -> Result<NameAt<'_>, String> {
    let Some(name) = name_at(world, position) else {
        return Err(NOT_RENAMABLE.to_owned());
    };
    match &name.symbol {
        Symbol::Permission(symbol) => {
            if symbol.key != APP_KEY {
                let source = name
                    .app
                    .catalogue
                    .get(&symbol.key)
                    .map(|plugin| format!(" ({})", owner(&plugin.source)))
                    .unwrap_or_default();
                return Err(format!(
                    "`{}` belongs to plugin `{}`{source}; only the app's own permissions can be renamed",
                    symbol.qualified(),
                    symbol.key
                ));
            }
            if symbol.kind == NameKind::Default {
                return Err(
                    "`default` is the name Tauri gives the app's `[default]`; it cannot be renamed"
                        .to_owned(),
                );
            }
        }
        Symbol::Capability(identifier) => {
            let is_defined = resolver::all_capabilities(&world.workspace, name.app)
                .into_iter()
                .filter_map(|reference| resolver::capability(&world.workspace, reference))
                .filter_map(Capability::identifier)
                .any(|found| found == identifier);
            if !is_defined {
                return Err(format!("no capability `{identifier}` is defined"));
            }
        }
        Symbol::Label { .. } => return Err(NOT_RENAMABLE.to_owned()),
    }
    Ok(name)
}

/// The crate that owns a plugin's permissions, as a user would name it.
fn owner(source: &PluginSource) -> String {
    match source {
        PluginSource::Registry { name, version, .. } | PluginSource::Git { name, version, .. } => {
            format!("{name} {version}")
        }
        PluginSource::Path { name, .. } => format!("{name}, a path dependency"),
        PluginSource::CoreTable { version, .. } => format!("tauri {version}"),
        PluginSource::AclManifests { .. } => "read from gen/schemas/acl-manifests.json".to_owned(),
        PluginSource::App { .. } => "the app".to_owned(),
        PluginSource::Bundled { name, locked, .. } => {
            format!("{name} {locked}, read from the bundled catalogue")
        }
        PluginSource::Inline { name, .. } => format!("the app's inlined plugin `{name}`"),
    }
}

fn location(workspace: &Workspace, file: FileId, range: TextRange) -> String {
    let source = workspace.file(file);
    let line = source.line_index.line_col(range.start()).line + 1;
    format!("{}:{line}", source.path.display())
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;
    use crate::ide::fixture;
    use crate::ide::fixture::PLUGINS_AND_APP;
    use crate::ide::fixture::display_path;
    use crate::text::slice;

    /// Renders what `prepareRename` would select, then every file the rename changes, as
    /// it reads after the edits (or the refusal).
    #[track_caller]
    fn check(fixture_text: &str, new_name: &str, expect: impl FnOnce(String)) {
        let (world, position) = fixture::position(fixture_text);
        let workspace = world.workspace.as_ref();
        let mut out = match prepare_rename(&world, position) {
            Ok(range) => format!(
                "prepare: `{}`\n",
                slice(&workspace.file(range.file).text, range.range)
            ),
            Err(message) => format!("prepare refused: {message}\n"),
        };
        match rename(&world, position, new_name) {
            Ok(edits) => {
                let mut by_file: BTreeMap<FileId, Vec<TextEdit>> = BTreeMap::new();
                for edit in edits {
                    by_file.entry(edit.location.file).or_default().push(edit);
                }
                for (file, mut edits) in by_file {
                    let source = workspace.file(file);
                    let mut text = source.text.clone();
                    edits.sort_by_key(|edit| std::cmp::Reverse(edit.location.range.start()));
                    for edit in edits {
                        let range = edit.location.range;
                        text.replace_range(
                            usize::from(range.start())..usize::from(range.end()),
                            &edit.new_text,
                        );
                    }
                    out.push_str(&format!(
                        "--- {}\n{}\n",
                        display_path(&source.path),
                        text.trim_end()
                    ));
                }
            }
            Err(message) => out.push_str(&format!("rename refused: {message}\n")),
        }
        expect(out.trim_end().to_owned());
    }

    const CAPABILITIES: &str = r#"
//- /src-tauri/capabilities/default.json
{ "identifier": "default", "windows": ["main"], "permissions": ["allow-greet", { "identifier": "tools" }, "fs:allow-exists"] }
//- /src-tauri/capabilities/admin.toml
identifier = "admin"
windows = ["main"]
permissions = ['allow-greet']
"#;

    #[test]
    fn app_permission_renames_definition_sets_and_capabilities() {
        check(
            &[
                CAPABILITIES,
                r#"
//- /plugins/fs/permissions/default.toml plugin:fs
[default]
description = "Default **fs** access."
permissions = ["read-all", "scope-app"]

[[set]]
identifier = "read-all"
description = "Reads files."
permissions = ["allow-read-file", "allow-exists"]

[[permission]]
identifier = "allow-read-file"
description = "Enables the `read_file` command."
commands.allow = ["read_file"]

[[permission]]
identifier = "allow-exists"
commands.allow = ["exists"]

[[permission]]
identifier = "scope-app"
[[permission.scope.allow]]
path = "$APPDATA/**"

[[permission]]
identifier = "allow-mobile"
commands.allow = ["mobile_only"]
platforms = ["android"]
//- /plugins/dialog/permissions/default.json plugin:dialog
{ "default": { "permissions": ["allow-open", "fs:default"] }, "permission": [{ "identifier": "allow-open", "commands": { "allow": ["open"] } }] }
//- /plugins/tauri/build.rs core
const PLUGINS: &[(&str, &[(&str, bool)])] = &[
  ("core:window", &[("close", false), ("title", true)]),
];
//- /src-tauri/permissions/app.toml
[[set]]
identifier = "tools"
description = "App tools."
permissions = ["allow-gr$0eet", "fs:allow-exists"]

[[permission]]
identifier = "allow-greet"
description = "Allows **greet**."
commands.allow = ["greet"]
"#,
            ]
            .concat(),
            "allow-hello",
            |actual| {
                insta::assert_snapshot!(actual, @r#"
                prepare: `allow-greet`
                --- /src-tauri/capabilities/admin.toml
                identifier = "admin"
                windows = ["main"]
                permissions = ['allow-hello']
                --- /src-tauri/capabilities/default.json
                { "identifier": "default", "windows": ["main"], "permissions": ["allow-hello", { "identifier": "tools" }, "fs:allow-exists"] }
                --- /src-tauri/permissions/app.toml
                [[set]]
                identifier = "tools"
                description = "App tools."
                permissions = ["allow-hello", "fs:allow-exists"]

                [[permission]]
                identifier = "allow-hello"
                description = "Allows **greet**."
                commands.allow = ["greet"]
                "#);
            },
        );
    }

    #[test]
    fn app_set_renames_from_a_scoped_entry() {
        check(
            &[
                r#"
//- /src-tauri/capabilities/default.json
{ "identifier": "default", "windows": ["main"], "permissions": ["allow-greet", { "identifier": "too$0ls" }, "fs:allow-exists"] }
//- /src-tauri/capabilities/admin.toml
identifier = "admin"
windows = ["main"]
permissions = ['allow-greet']
"#,
                PLUGINS_AND_APP,
            ]
            .concat(),
            "toolbox",
            |actual| {
                insta::assert_snapshot!(actual, @r#"
                prepare: `tools`
                --- /src-tauri/capabilities/default.json
                { "identifier": "default", "windows": ["main"], "permissions": ["allow-greet", { "identifier": "toolbox" }, "fs:allow-exists"] }
                --- /src-tauri/permissions/app.toml
                [[set]]
                identifier = "toolbox"
                description = "App tools."
                permissions = ["allow-greet", "fs:allow-exists"]

                [[permission]]
                identifier = "allow-greet"
                description = "Allows **greet**."
                commands.allow = ["greet"]
                "#);
            },
        );
    }

    #[test]
    fn a_replaced_duplicate_definition_is_renamed_too() {
        // Tauri keeps the later file's definition; renaming only that one would let the
        // earlier one take the old name back.
        check(
            r#"
//- /src-tauri/capabilities/default.json
{ "identifier": "default", "windows": ["main"], "permissions": ["allow-gr$0eet"] }
//- /src-tauri/permissions/a.toml
[[permission]]
identifier = "allow-greet"
commands.allow = ["greet"]
//- /src-tauri/permissions/b.toml
[[permission]]
identifier = "allow-greet"
commands.allow = ["greet", "wave"]
"#,
            "allow-hello",
            |actual| {
                insta::assert_snapshot!(actual, @r#"
                prepare: `allow-greet`
                --- /src-tauri/capabilities/default.json
                { "identifier": "default", "windows": ["main"], "permissions": ["allow-hello"] }
                --- /src-tauri/permissions/a.toml
                [[permission]]
                identifier = "allow-hello"
                commands.allow = ["greet"]
                --- /src-tauri/permissions/b.toml
                [[permission]]
                identifier = "allow-hello"
                commands.allow = ["greet", "wave"]
                "#);
            },
        );
    }

    #[test]
    fn capability_renames_definition_and_config_references() {
        check(
            r#"
//- /src-tauri/tauri.conf.json5
{ app: { windows: [{ label: 'main' }], security: { capabilities: ['admin'] } } }
//- /src-tauri/capabilities/admin.toml
identifier = "adm$0in"
windows = ["main"]
permissions = []
//- /src-tauri/capabilities/default.json
{ "identifier": "default", "windows": ["main"], "permissions": [] }
"#,
            "settings-access",
            |actual| {
                insta::assert_snapshot!(actual, @r#"
                prepare: `admin`
                --- /src-tauri/tauri.conf.json5
                { app: { windows: [{ label: 'main' }], security: { capabilities: ['settings-access'] } } }
                --- /src-tauri/capabilities/admin.toml
                identifier = "settings-access"
                windows = ["main"]
                permissions = []
                "#);
            },
        );
    }

    #[test]
    fn plugin_permissions_and_labels_are_refused() {
        check(
            &[
                r#"
//- /src-tauri/capabilities/default.json
{ "identifier": "default", "windows": ["main"], "permissions": ["allow-greet", { "identifier": "tools" }, "fs:allow-ex$0ists"] }
//- /src-tauri/capabilities/admin.toml
identifier = "admin"
windows = ["main"]
permissions = ['allow-greet']
"#,
                PLUGINS_AND_APP,
            ]
            .concat(),
            "x",
            |actual| {
                insta::assert_snapshot!(actual, @"
                prepare refused: `fs:allow-exists` belongs to plugin `fs` (tauri-plugin-fs, a path dependency); only the app's own permissions can be renamed
                rename refused: `fs:allow-exists` belongs to plugin `fs` (tauri-plugin-fs, a path dependency); only the app's own permissions can be renamed
                ");
            },
        );
        check(
            &[
                r#"
//- /src-tauri/capabilities/default.json
{ "identifier": "default", "windows": ["ma$0in"], "permissions": ["allow-greet", { "identifier": "tools" }, "fs:allow-exists"] }
//- /src-tauri/capabilities/admin.toml
identifier = "admin"
windows = ["main"]
permissions = ['allow-greet']
"#,
                PLUGINS_AND_APP,
            ]
            .concat(),
            "x",
            |actual| {
                insta::assert_snapshot!(actual, @"
                prepare refused: only the app's own permissions and sets, and capability identifiers, can be renamed
                rename refused: only the app's own permissions and sets, and capability identifiers, can be renamed
                ");
            },
        );
    }

    #[test]
    fn invalid_and_taken_names_are_refused() {
        let fixture_text = [
            r#"
//- /src-tauri/capabilities/default.json
{ "identifier": "default", "windows": ["main"], "permissions": ["allow-gr$0eet", { "identifier": "tools" }, "fs:allow-exists"] }
//- /src-tauri/capabilities/admin.toml
identifier = "admin"
windows = ["main"]
permissions = ['allow-greet']
"#,
            PLUGINS_AND_APP,
        ]
        .concat();
        check(&fixture_text, "fs:allow-hello", |actual| {
            insta::assert_snapshot!(actual, @"
            prepare: `allow-greet`
            rename refused: the app's own permissions are written without a prefix, so `fs:allow-hello` cannot hold a `:`
            ");
        });
        check(&fixture_text, "Allow Hello", |actual| {
            insta::assert_snapshot!(actual, @"
            prepare: `allow-greet`
            rename refused: `Allow Hello` is not a valid identifier: identifiers can only hold ASCII letters, digits and hyphens, with no hyphen at either end of a part, and one colon after the plugin name
            ");
        });
        check(&fixture_text, "tools", |actual| {
            insta::assert_snapshot!(actual, @"
            prepare: `allow-greet`
            rename refused: `tools` is already defined at /src-tauri/permissions/app.toml:2
            ");
        });
        check(
            r#"
//- /src-tauri/capabilities/default.json
{ "identifier": "default", "windows": ["main"], "permissions": ["allow-greet", { "identifier": "tools" }, "fs:allow-exists"] }
//- /src-tauri/capabilities/admin.toml
identifier = "adm$0in"
windows = ["main"]
permissions = ['allow-greet']
"#,
            "default",
            |actual| {
                insta::assert_snapshot!(actual, @"
                prepare: `admin`
                rename refused: a capability `default` is already defined at /src-tauri/capabilities/default.json:1
                ");
            },
        );
    }
}
