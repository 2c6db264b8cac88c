//! Go to definition, and the lookups hover, references and rename share: what a name under
//! the cursor denotes ([`Symbol`]), where it is defined ([`definitions`],
//! [`declarations`]) and where it is used ([`usages`]).
//!
//! Names resolve as Tauri resolves them (tauri-utils `acl/resolved.rs`): a capability
//! entry looks up the manifest's default, then a set, then a permission; a set or default
//! member looks up default, permission, then set, and switches manifest when its prefix
//! names one. So the uses of a permission are the places Tauri would resolve to it, not
//! every equal string. Window labels are defined by the config and by builder calls in
//! the app's Rust sources (`App::labels`); a capability's `windows` item names one, or
//! matches several when it is a glob pattern.
//!
//! Invariant: no protocol types and no IO; every range is a byte range of the file it
//! names.

use super::cursor::{CapabilitySlot, CursorKind, ManifestSlot, cursor};
use super::{FilePosition, FileRange, World};
use crate::model::capability::{Capability, PermissionEntry};
use crate::model::identifier::Identifier;
use crate::model::tauri_conf::CapabilityEntry;
use crate::resolver::{self, CapabilityRef, pattern};
use crate::text::{TextRange, TextSize, slice};
use crate::workspace::catalogue::{APP_KEY, Catalogue, Plugin};
use crate::workspace::rust_scan::LabelKind;
use crate::workspace::{App, FileId, FileKind, LabelSource, Workspace};

/// A place to jump to: the whole item and the name inside it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NavigationTarget {
    pub file: FileId,
    /// The whole definition (a `[[permission]]` table, a capability object).
    pub full_range: TextRange,
    /// The name itself, where the cursor lands.
    pub focus_range: TextRange,
    pub name: String,
}

/// Where the name under the cursor is defined: a permission, set or default in its
/// manifest (a plugin's crate, the app's `permissions/`, `acl-manifests.json`, or the
/// command in tauri's `build.rs` for core permissions), a capability's `identifier`, or a
/// window label in the config or a Rust builder call. A label pattern leads to every
/// label it matches. Empty when the name is unknown.
pub fn goto_definition(world: &World, position: FilePosition) -> Vec<NavigationTarget> {
    let Some(name) = name_at(world, position) else {
        return Vec::new();
    };
    // The bundled catalogue's files exist only in memory: nothing to open.
    definitions(&world.workspace, name.app, &name.symbol)
        .into_iter()
        .filter(|target| world.workspace.file(target.file).kind != FileKind::Bundled)
        .collect()
}

/// How a manifest defines a name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) enum DefinitionKind {
    Default,
    Set,
    Permission,
}

/// A permission, set or default of one manifest, as Tauri resolved a name to it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) struct PermissionSymbol {
    /// The manifest key (`fs`, `core:window`, [`APP_KEY`]).
    pub key: String,
    /// The set or permission identifier, or `default`.
    pub name: String,
    pub kind: DefinitionKind,
}

impl PermissionSymbol {
    /// The name as a capability writes it (`fs:allow-read`, `allow-greet`).
    pub fn qualified(&self) -> String {
        qualified(&self.key, &self.name)
    }
}

/// Which labels a label name is looked up among.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum LabelScope {
    Windows,
    Webviews,
    Any,
}

/// What a name denotes, wherever it is written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Symbol {
    Permission(PermissionSymbol),
    /// A capability, by identifier.
    Capability(String),
    /// A window or webview label, or a glob pattern over labels.
    Label {
        label: String,
        is_pattern: bool,
        scope: LabelScope,
    },
}

/// The kind of place a name was found at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Place {
    /// An entry of a capability's `permissions`.
    CapabilityEntry {
        capability: CapabilityRef,
        entry: usize,
    },
    /// A member of a `[[set]]` or `[default]`.
    SetMember,
    /// The `identifier` of a `[[permission]]` or `[[set]]`.
    ManifestDefinition,
    /// A capability's own `identifier`.
    CapabilityIdentifier { capability: CapabilityRef },
    /// An identifier in the config's `app.security.capabilities`.
    CapabilityReference,
    /// An item of a capability's `windows` or `webviews`.
    CapabilityLabel { capability: CapabilityRef },
    /// A window `label` in the config.
    ConfigLabel,
    /// A label literal in a Rust builder call or lookup.
    RustLabel,
}

/// A name under the cursor, resolved.
#[derive(Debug, Clone)]
pub(crate) struct NameAt<'w> {
    pub app: &'w App,
    pub symbol: Symbol,
    pub place: Place,
    pub file: FileId,
    /// The literal, quotes included.
    pub range: TextRange,
    /// The text between the quotes, which a rename replaces.
    pub content_range: TextRange,
}

/// Resolves the name under the cursor. `None` on anything that is not a name, and on a
/// permission identifier Tauri could not resolve (the diagnostics say why).
pub(crate) fn name_at(world: &World, position: FilePosition) -> Option<NameAt<'_>> {
    let workspace = world.workspace.as_ref();
    let app = workspace.app_of(position.file)?;
    let source = workspace.file(position.file);
    if source.kind == FileKind::Rust {
        return rust_label_at(workspace, app, position);
    }
    let cursor = cursor(workspace, position.file, position.offset)?;
    let token = cursor.token.as_ref()?;
    let (symbol, place) = match &cursor.kind {
        CursorKind::Capability { capability, slot } => match slot {
            CapabilitySlot::Permission { entry } => {
                let found = resolver::capability(workspace, *capability)?;
                let (index, entry) = entry_at(found, token.range, *entry)?;
                let identifier = entry.parsed.as_ref().ok()?;
                let symbol = resolve_entry(&app.catalogue, identifier)?;
                (
                    Symbol::Permission(symbol),
                    Place::CapabilityEntry {
                        capability: *capability,
                        entry: index,
                    },
                )
            }
            CapabilitySlot::Identifier => (
                Symbol::Capability(token.value.clone()),
                Place::CapabilityIdentifier {
                    capability: *capability,
                },
            ),
            CapabilitySlot::Window | CapabilitySlot::Webview => {
                let scope = if *slot == CapabilitySlot::Window {
                    LabelScope::Windows
                } else {
                    LabelScope::Webviews
                };
                (
                    Symbol::Label {
                        label: token.value.clone(),
                        is_pattern: is_pattern(&token.value),
                        scope,
                    },
                    Place::CapabilityLabel {
                        capability: *capability,
                    },
                )
            }
            _ => return None,
        },
        CursorKind::Manifest(ManifestSlot::SetMember) => {
            let key = manifest_key(app, position.file)?;
            let symbol = resolve_member(&app.catalogue, key, &token.value)?;
            (Symbol::Permission(symbol), Place::SetMember)
        }
        CursorKind::Manifest(ManifestSlot::DefinitionIdentifier) => {
            let key = manifest_key(app, position.file)?;
            let file = source.permission_file()?;
            let kind = if file
                .sets
                .iter()
                .any(|set| set.identifier.range == token.range)
            {
                DefinitionKind::Set
            } else if file
                .permissions
                .iter()
                .any(|permission| permission.identifier.range == token.range)
            {
                DefinitionKind::Permission
            } else {
                return None;
            };
            let symbol = PermissionSymbol {
                key: key.to_owned(),
                name: token.value.clone(),
                kind,
            };
            (Symbol::Permission(symbol), Place::ManifestDefinition)
        }
        CursorKind::Manifest(ManifestSlot::Command) => return None,
        CursorKind::CapabilityReference => (
            Symbol::Capability(token.value.clone()),
            Place::CapabilityReference,
        ),
        CursorKind::ConfigWindowLabel => (
            Symbol::Label {
                label: token.value.clone(),
                is_pattern: false,
                scope: LabelScope::Any,
            },
            Place::ConfigLabel,
        ),
    };
    Some(NameAt {
        app,
        symbol,
        place,
        file: position.file,
        range: token.range,
        content_range: token.content_range,
    })
}

/// A label literal of a builder call or lookup in a Rust file.
fn rust_label_at<'w>(
    workspace: &Workspace,
    app: &'w App,
    position: FilePosition,
) -> Option<NameAt<'w>> {
    let label = app.labels.iter().find(|label| {
        label.file == position.file && label.range.contains_inclusive(position.offset)
    })?;
    let text = &workspace.file(position.file).text;
    Some(NameAt {
        app,
        symbol: Symbol::Label {
            label: label.label.clone(),
            is_pattern: false,
            scope: LabelScope::Any,
        },
        place: Place::RustLabel,
        file: position.file,
        range: label.range,
        content_range: content_range(text, label.range),
    })
}

/// The entry whose identifier literal is `literal`; the cursor's index is a fallback, as
/// it counts array items while the model skips items that are not entries.
fn entry_at(
    capability: &Capability,
    literal: TextRange,
    index: Option<usize>,
) -> Option<(usize, &PermissionEntry)> {
    capability
        .entries()
        .iter()
        .enumerate()
        .find(|(_, entry)| entry.identifier.range == literal)
        .or_else(|| {
            let index = index?;
            Some((index, capability.entries().get(index)?))
        })
}

/// What a capability entry names, if anything (Tauri's top-level order).
pub(crate) fn resolve_entry(
    catalogue: &Catalogue,
    identifier: &Identifier,
) -> Option<PermissionSymbol> {
    let named =
        crate::resolver::lookup::lookup(catalogue, identifier).filter(|named| named.is_defined)?;
    Some(PermissionSymbol::from(named))
}

/// What a member of a set or default of manifest `key` names (Tauri's in-set order).
pub(crate) fn resolve_member(
    catalogue: &Catalogue,
    key: &str,
    member: &str,
) -> Option<PermissionSymbol> {
    let named = crate::resolver::lookup::lookup_member(catalogue, key, member)
        .filter(|named| named.is_defined)?;
    Some(PermissionSymbol::from(named))
}

impl From<crate::resolver::lookup::Named> for PermissionSymbol {
    fn from(named: crate::resolver::lookup::Named) -> PermissionSymbol {
        use crate::resolver::lookup::NameKind;
        PermissionSymbol {
            key: named.key,
            name: named.name,
            kind: match named.kind {
                NameKind::Default => DefinitionKind::Default,
                NameKind::Set => DefinitionKind::Set,
                NameKind::Permission => DefinitionKind::Permission,
            },
        }
    }
}

/// The key of the manifest a permission file belongs to.
pub(crate) fn manifest_key(app: &App, file: FileId) -> Option<&str> {
    app.catalogue
        .plugins
        .values()
        .find(|plugin| plugin.files.contains(&file))
        .map(|plugin| plugin.key.as_str())
}

/// The definitions Tauri uses for `symbol` (for a permission, the one that won the
/// merge; for a capability, every capability with that identifier; for a label, every
/// config window and builder call that creates it, or that a pattern matches).
pub(crate) fn definitions(
    workspace: &Workspace,
    app: &App,
    symbol: &Symbol,
) -> Vec<NavigationTarget> {
    match symbol {
        Symbol::Permission(permission) => {
            permission_definition(app, permission).into_iter().collect()
        }
        Symbol::Capability(identifier) => capability_definitions(workspace, app, identifier),
        Symbol::Label {
            label,
            is_pattern,
            scope,
        } => {
            let mut targets: Vec<NavigationTarget> = app
                .labels
                .iter()
                .filter(|source| !source.is_lookup && is_in_scope(source, *scope))
                .filter(|source| {
                    if *is_pattern {
                        pattern::label_matches(label, &source.label)
                    } else {
                        source.label == *label
                    }
                })
                .map(|source| NavigationTarget {
                    file: source.file,
                    full_range: source.range,
                    focus_range: source.range,
                    name: source.label.clone(),
                })
                .collect();
            targets.dedup();
            targets
        }
    }
}

/// Every definition of `symbol`, including permissions and sets a later file replaced:
/// what a rename must change along with the uses.
pub(crate) fn declarations(
    workspace: &Workspace,
    app: &App,
    symbol: &Symbol,
) -> Vec<NavigationTarget> {
    let mut targets = definitions(workspace, app, symbol);
    if let Symbol::Permission(permission) = symbol {
        if let Some(plugin) = app.catalogue.get(&permission.key) {
            for file in &plugin.files {
                let Some(manifest) = workspace.file(*file).permission_file() else {
                    continue;
                };
                let name = permission.qualified();
                let found: Vec<(TextRange, TextRange)> = match permission.kind {
                    DefinitionKind::Default => manifest
                        .default
                        .iter()
                        .map(|default| (default.key_range, default.key_range))
                        .collect(),
                    DefinitionKind::Set => manifest
                        .sets
                        .iter()
                        .filter(|set| set.identifier.value == permission.name)
                        .map(|set| (set.range, set.identifier.range))
                        .collect(),
                    DefinitionKind::Permission => manifest
                        .permissions
                        .iter()
                        .filter(|item| item.identifier.value == permission.name)
                        .map(|item| (item.range, item.identifier.range))
                        .collect(),
                };
                for (full_range, focus_range) in found {
                    let target = NavigationTarget {
                        file: *file,
                        full_range,
                        focus_range,
                        name: name.clone(),
                    };
                    if !targets.contains(&target) {
                        targets.push(target);
                    }
                }
            }
        }
    }
    targets
}

/// Every place in the app's own text that names `symbol`, as the range between the
/// quotes: capability entries and set members Tauri resolves to a permission; config
/// references to a capability; capability `windows`/`webviews` items equal to a label and
/// Rust lookups of it. A pattern has no uses (it is not a name).
pub(crate) fn usages(workspace: &Workspace, app: &App, symbol: &Symbol) -> Vec<FileRange> {
    let mut acc = Vec::new();
    match symbol {
        Symbol::Permission(permission) => {
            for reference in resolver::all_capabilities(workspace, app) {
                let Some(capability) = resolver::capability(workspace, reference) else {
                    continue;
                };
                for entry in capability.entries() {
                    let Ok(identifier) = &entry.parsed else {
                        continue;
                    };
                    if resolve_entry(&app.catalogue, identifier).as_ref() == Some(permission) {
                        acc.push(quoted(workspace, reference.file, entry.identifier.range));
                    }
                }
            }
            for plugin in app.catalogue.plugins.values() {
                for file in &plugin.files {
                    let Some(manifest) = workspace.file(*file).permission_file() else {
                        continue;
                    };
                    let members = manifest
                        .default
                        .iter()
                        .flat_map(|default| &default.permissions)
                        .chain(manifest.sets.iter().flat_map(|set| &set.permissions));
                    for member in members {
                        if resolve_member(&app.catalogue, &plugin.key, &member.value).as_ref()
                            == Some(permission)
                        {
                            acc.push(quoted(workspace, *file, member.range));
                        }
                    }
                }
            }
        }
        Symbol::Capability(identifier) => {
            let configs = app
                .config
                .iter()
                .chain(app.overlays.iter().map(|(_, file)| file));
            for file in configs {
                let Some(list) = workspace
                    .file(*file)
                    .config()
                    .and_then(|config| config.capabilities.as_ref())
                else {
                    continue;
                };
                for entry in &list.value {
                    if let CapabilityEntry::Reference(reference) = entry {
                        if reference.value == *identifier {
                            acc.push(quoted(workspace, *file, reference.range));
                        }
                    }
                }
            }
        }
        Symbol::Label {
            is_pattern: true, ..
        } => {}
        Symbol::Label {
            label,
            is_pattern: false,
            ..
        } => {
            for reference in resolver::all_capabilities(workspace, app) {
                let Some(capability) = resolver::capability(workspace, reference) else {
                    continue;
                };
                let items = capability
                    .window_patterns()
                    .iter()
                    .chain(capability.webview_patterns());
                for item in items {
                    if item.value == *label {
                        acc.push(quoted(workspace, reference.file, item.range));
                    }
                }
            }
            for source in &app.labels {
                if source.is_lookup && source.label == *label {
                    acc.push(quoted(workspace, source.file, source.range));
                }
            }
        }
    }
    sort_ranges(&mut acc);
    acc
}

fn permission_definition(app: &App, symbol: &PermissionSymbol) -> Option<NavigationTarget> {
    let plugin: &Plugin = app.catalogue.get(&symbol.key)?;
    let (file, full_range, focus_range) = match symbol.kind {
        DefinitionKind::Default => {
            let default = plugin.default.as_ref()?;
            (
                default.file,
                default.value.key_range,
                default.value.key_range,
            )
        }
        DefinitionKind::Set => {
            let set = plugin.sets.get(&symbol.name)?;
            (set.file, set.value.range, set.value.identifier.range)
        }
        DefinitionKind::Permission => {
            let permission = plugin.permissions.get(&symbol.name)?;
            (
                permission.file,
                permission.value.range,
                permission.value.identifier.range,
            )
        }
    };
    Some(NavigationTarget {
        file,
        full_range,
        focus_range,
        name: symbol.qualified(),
    })
}

fn capability_definitions(
    workspace: &Workspace,
    app: &App,
    identifier: &str,
) -> Vec<NavigationTarget> {
    resolver::all_capabilities(workspace, app)
        .into_iter()
        .filter_map(|reference| {
            let capability = resolver::capability(workspace, reference)?;
            let name = capability.identifier.as_ref()?;
            (name.value == identifier).then(|| NavigationTarget {
                file: reference.file,
                full_range: capability.range,
                focus_range: name.range,
                name: name.value.clone(),
            })
        })
        .collect()
}

fn is_in_scope(source: &LabelSource, scope: LabelScope) -> bool {
    match scope {
        LabelScope::Windows => source.kind != LabelKind::Webview,
        LabelScope::Webviews => source.kind != LabelKind::Window,
        LabelScope::Any => true,
    }
}

/// Whether a `windows`/`webviews` item is a glob pattern rather than a label: labels
/// cannot hold glob's special characters.
pub(crate) fn is_pattern(text: &str) -> bool {
    text.contains(['*', '?', '['])
}

/// The identifier as a capability writes it: no prefix for the app's own.
pub(crate) fn qualified(key: &str, name: &str) -> String {
    if key == APP_KEY {
        name.to_owned()
    } else {
        format!("{key}:{name}")
    }
}

/// The range between the quotes of a string literal (the whole range for a bare word or
/// a literal whose quotes do not match).
pub(crate) fn content_range(text: &str, range: TextRange) -> TextRange {
    let raw = slice(text, range);
    for quote in ["\"\"\"", "'''", "\"", "'"] {
        if raw.len() >= 2 * quote.len() && raw.starts_with(quote) && raw.ends_with(quote) {
            let width = TextSize::from(quote.len() as u32);
            return TextRange::new(range.start() + width, range.end() - width);
        }
    }
    range
}

fn quoted(workspace: &Workspace, file: FileId, range: TextRange) -> FileRange {
    FileRange {
        file,
        range: content_range(&workspace.file(file).text, range),
    }
}

/// Sorts by file and start, dropping repeats.
pub(crate) fn sort_ranges(ranges: &mut Vec<FileRange>) {
    ranges.sort_by_key(|range| (range.file, range.range.start(), range.range.end()));
    ranges.dedup();
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::ide::fixture;
    use crate::ide::fixture::display_path;

    /// Renders each target as `path:line:col name` and the target line with carets under
    /// the focus range.
    #[track_caller]
    fn check(fixture_text: &str, expect: impl FnOnce(String)) {
        let (world, marker) = fixture::world_and_cursor(fixture_text);
        let (file, offsets) = marker.expect("a $0 marker");
        let position = FilePosition {
            file,
            offset: offsets[0],
        };
        let mut targets = goto_definition(&world, position);
        targets.sort_by_key(|target| (target.file, target.focus_range.start()));
        let rendered: Vec<String> = targets
            .iter()
            .map(|target| render_target(&world.workspace, target))
            .collect();
        expect(if rendered.is_empty() {
            "no definition".to_owned()
        } else {
            rendered.join("\n")
        });
    }

    pub(crate) fn render_target(workspace: &Workspace, target: &NavigationTarget) -> String {
        let source = workspace.file(target.file);
        let mut out = format!(
            "{} {}\n",
            super::tests::render_location(workspace, target.file, target.focus_range),
            target.name
        );
        out.push_str(&render_line(
            &source.text,
            &source.line_index,
            target.focus_range,
        ));
        out
    }

    /// `path:line:col` of a range's start, one-based.
    pub(crate) fn render_location(workspace: &Workspace, file: FileId, range: TextRange) -> String {
        let source = workspace.file(file);
        let start = source.line_index.line_col(range.start());
        format!(
            "{}:{}:{}",
            display_path(&source.path),
            start.line + 1,
            start.col + 1
        )
    }

    /// The first line of `range` with carets under it.
    pub(crate) fn render_line(
        text: &str,
        line_index: &crate::text::LineIndex,
        range: TextRange,
    ) -> String {
        let start = line_index.line_col(range.start());
        let line_start = line_index.line_start(start.line);
        let line_text = text[usize::from(line_start)..]
            .lines()
            .next()
            .unwrap_or_default();
        let line_end = line_start + TextSize::from(line_text.len() as u32);
        let width = usize::from(range.end().min(line_end)) - usize::from(range.start());
        format!(
            "  {line_text}\n  {}{}",
            " ".repeat(start.col as usize),
            "^".repeat(width.max(1))
        )
    }

    /// A plugin crate with a default, a set and permissions; a second plugin whose default
    /// includes the first one's; tauri's core table; the app's own set and permission.
    pub(crate) const PLUGINS_AND_APP: &str = r#"
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
permissions = ["allow-greet", "fs:allow-exists"]

[[permission]]
identifier = "allow-greet"
description = "Allows **greet**."
commands.allow = ["greet"]
"#;

    #[test]
    fn entry_in_json_capability_goes_to_plugin_permission() {
        check(
            &format!(
                r#"//- /src-tauri/capabilities/default.json
{{ "identifier": "default", "windows": ["main"], "permissions": ["fs:allow-re$0ad-file"] }}
{PLUGINS_AND_APP}"#
            ),
            |actual| {
                insta::assert_snapshot!(actual, @r#"
                /plugins/fs/permissions/default.toml:11:14 fs:allow-read-file
                  identifier = "allow-read-file"
                               ^^^^^^^^^^^^^^^^^
                "#);
            },
        );
    }

    #[test]
    fn scoped_entry_goes_to_plugin_set_and_default_to_its_key() {
        check(
            &format!(
                r#"//- /src-tauri/capabilities/default.json
{{ "identifier": "default", "windows": ["main"], "permissions": [{{ "identifier": "fs:read-$0all", "allow": [] }}] }}
{PLUGINS_AND_APP}"#
            ),
            |actual| {
                insta::assert_snapshot!(actual, @r#"
                /plugins/fs/permissions/default.toml:6:14 fs:read-all
                  identifier = "read-all"
                               ^^^^^^^^^^
                "#);
            },
        );
        check(
            &format!(
                r#"//- /src-tauri/capabilities/default.json
{{ "identifier": "default", "windows": ["main"], "permissions": ["fs:def$0ault"] }}
{PLUGINS_AND_APP}"#
            ),
            |actual| {
                insta::assert_snapshot!(actual, @"
                /plugins/fs/permissions/default.toml:1:2 fs:default
                  [default]
                   ^^^^^^^
                ");
            },
        );
    }

    #[test]
    fn entry_in_toml_capability_goes_to_app_set() {
        check(
            &format!(
                r#"//- /src-tauri/capabilities/admin.toml
identifier = "admin"
windows = ["main"]
permissions = ["to$0ols"]
{PLUGINS_AND_APP}"#
            ),
            |actual| {
                insta::assert_snapshot!(actual, @r#"
                /src-tauri/permissions/app.toml:2:14 tools
                  identifier = "tools"
                               ^^^^^^^
                "#);
            },
        );
    }

    #[test]
    fn core_permission_goes_to_the_command_in_build_rs() {
        check(
            &format!(
                r#"//- /src-tauri/capabilities/default.json
{{ "identifier": "default", "windows": ["main"], "permissions": ["core:window:allow-cl$0ose", "core:window:default"] }}
{PLUGINS_AND_APP}"#
            ),
            |actual| {
                insta::assert_snapshot!(actual, @r#"
                /plugins/tauri/build.rs:2:22 core:window:allow-close
                    ("core:window", &[("close", false), ("title", true)]),
                                       ^^^^^^^
                "#);
            },
        );
    }

    #[test]
    fn set_members_resolve_inside_their_plugin_and_across_plugins() {
        // Inside a set, `allow-exists` is looked up in the set's own plugin.
        check(
            &PLUGINS_AND_APP.replace(
                r#"permissions = ["allow-read-file", "allow-exists"]"#,
                r#"permissions = ["allow-read-file", "allow-ex$0ists"]"#,
            ),
            |actual| {
                insta::assert_snapshot!(actual, @r#"
                /plugins/fs/permissions/default.toml:16:14 fs:allow-exists
                  identifier = "allow-exists"
                               ^^^^^^^^^^^^^^
                "#);
            },
        );
        // A prefixed member of dialog's default switches to the `fs` manifest.
        check(
            &PLUGINS_AND_APP.replace(r#""fs:default""#, r#""fs:def$0ault""#),
            |actual| {
                insta::assert_snapshot!(actual, @"
                /plugins/fs/permissions/default.toml:1:2 fs:default
                  [default]
                   ^^^^^^^
                ");
            },
        );
        // The app's set names a plugin permission.
        check(
            &PLUGINS_AND_APP.replace(r#""fs:allow-exists"]"#, r#""fs:allow-exi$0sts"]"#),
            |actual| {
                insta::assert_snapshot!(actual, @r#"
                /plugins/fs/permissions/default.toml:16:14 fs:allow-exists
                  identifier = "allow-exists"
                               ^^^^^^^^^^^^^^
                "#);
            },
        );
    }

    #[test]
    fn acl_manifests_entry_when_it_is_the_only_source() {
        check(
            r#"
//- /src-tauri/gen/schemas/acl-manifests.json
{
  "shell": {
    "default_permission": { "identifier": "default", "permissions": ["allow-open"] },
    "permissions": {
      "allow-open": { "identifier": "allow-open", "commands": { "allow": ["open"], "deny": [] } }
    },
    "permission_sets": {}
  }
}
//- /src-tauri/capabilities/default.json
{ "identifier": "default", "windows": ["main"], "permissions": ["shell:allow-o$0pen"] }
"#,
            |actual| {
                insta::assert_snapshot!(actual, @r#"
                /src-tauri/gen/schemas/acl-manifests.json:5:37 shell:allow-open
                        "allow-open": { "identifier": "allow-open", "commands": { "allow": ["open"], "deny": [] } }
                                                      ^^^^^^^^^^^^
                "#);
            },
        );
    }

    #[test]
    fn capability_reference_in_json5_config_goes_to_toml_capability() {
        check(
            r#"
//- /src-tauri/tauri.conf.json5
{ app: { windows: [{ label: 'main' }], security: { capabilities: ['adm$0in'] } } }
//- /src-tauri/capabilities/admin.toml
identifier = "admin"
windows = ["main"]
permissions = []
"#,
            |actual| {
                insta::assert_snapshot!(actual, @r#"
                /src-tauri/capabilities/admin.toml:1:14 admin
                  identifier = "admin"
                               ^^^^^^^
                "#);
            },
        );
    }

    #[test]
    fn window_labels_go_to_config_and_rust_and_patterns_to_every_match() {
        let app = r#"
//- /src-tauri/tauri.conf.json
{ "app": { "windows": [{ "label": "main" }, { "label": "popup-b" }] } }
//- /src-tauri/src/lib.rs
fn setup(app: &App) {
    WebviewWindowBuilder::new(app, "popup-a", url).build();
    app.get_webview_window("main");
}
"#;
        check(
            &format!(
                r#"//- /src-tauri/capabilities/default.json
{{ "identifier": "default", "windows": ["ma$0in"], "permissions": [] }}
{app}"#
            ),
            |actual| {
                insta::assert_snapshot!(actual, @r#"
                /src-tauri/tauri.conf.json:1:35 main
                  { "app": { "windows": [{ "label": "main" }, { "label": "popup-b" }] } }
                                                    ^^^^^^
                "#);
            },
        );
        check(
            &format!(
                r#"//- /src-tauri/capabilities/default.toml
identifier = "default"
windows = ["popup-$0*"]
permissions = []
{app}"#
            ),
            |actual| {
                insta::assert_snapshot!(actual, @r#"
                /src-tauri/tauri.conf.json:1:56 popup-b
                  { "app": { "windows": [{ "label": "main" }, { "label": "popup-b" }] } }
                                                                         ^^^^^^^^^
                /src-tauri/src/lib.rs:2:36 popup-a
                      WebviewWindowBuilder::new(app, "popup-a", url).build();
                                                     ^^^^^^^^^
                "#);
            },
        );
        check(
            &format!(
                r#"//- /src-tauri/capabilities/default.json
{{ "identifier": "default", "windows": ["nowh$0ere"], "permissions": [] }}
{app}"#
            ),
            |actual| {
                insta::assert_snapshot!(actual, @"no definition");
            },
        );
    }

    #[test]
    fn rust_lookup_and_config_label_go_to_the_config_window() {
        check(
            r#"
//- /src-tauri/tauri.conf.json
{ "app": { "windows": [{ "label": "main" }] } }
//- /src-tauri/src/lib.rs
fn setup(app: &App) {
    app.get_webview_window("ma$0in");
}
"#,
            |actual| {
                insta::assert_snapshot!(actual, @r#"
                /src-tauri/tauri.conf.json:1:35 main
                  { "app": { "windows": [{ "label": "main" }] } }
                                                    ^^^^^^
                "#);
            },
        );
        check(
            r#"
//- /src-tauri/tauri.conf.json
{ "app": { "windows": [{ "label": "ma$0in" }] } }
"#,
            |actual| {
                insta::assert_snapshot!(actual, @r#"
                /src-tauri/tauri.conf.json:1:35 main
                  { "app": { "windows": [{ "label": "main" }] } }
                                                    ^^^^^^
                "#);
            },
        );
    }

    #[test]
    fn entry_of_an_inline_capability_in_tauri_toml() {
        check(
            &format!(
                r#"//- /src-tauri/Tauri.toml
[[app.windows]]
label = "main"

[[app.security.capabilities]]
identifier = "inline"
windows = ["main"]
permissions = ["fs:read-all", "allow-gr$0eet"]
{PLUGINS_AND_APP}"#
            ),
            |actual| {
                insta::assert_snapshot!(actual, @r#"
                /src-tauri/permissions/app.toml:7:14 allow-greet
                  identifier = "allow-greet"
                               ^^^^^^^^^^^^^
                "#);
            },
        );
    }

    #[test]
    fn unknown_identifiers_and_other_positions_have_no_definition() {
        check(
            &format!(
                r#"//- /src-tauri/capabilities/default.json
{{ "identifier": "default", "windows": ["main"], "permissions": ["fs:allow-wr$0ite", "nope:x"] }}
{PLUGINS_AND_APP}"#
            ),
            |actual| {
                insta::assert_snapshot!(actual, @"no definition");
            },
        );
        check(
            &format!(
                r#"//- /src-tauri/capabilities/default.json
{{ "identifier": "default", "windows": ["main"], "permissions": ["nope:x$0"] }}
{PLUGINS_AND_APP}"#
            ),
            |actual| {
                insta::assert_snapshot!(actual, @"no definition");
            },
        );
        check(
            &format!(
                r#"//- /src-tauri/capabilities/default.json
{{ "identifier": "default", "windows": ["main"], "platforms": ["lin$0ux"], "permissions": [] }}
{PLUGINS_AND_APP}"#
            ),
            |actual| {
                insta::assert_snapshot!(actual, @"no definition");
            },
        );
    }
}
