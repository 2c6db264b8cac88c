//! What a name is, where it is defined and where it is used: the one answer every
//! position feature (definition, hover, references, rename) and every structure feature
//! (semantic tokens, inlay hints, document symbols) asks, so none of them imports
//! another.
//!
//! [`name_at`] resolves the name under the cursor to a [`Symbol`]; [`definitions`],
//! [`declarations`] and [`usages`] find it across the app. [`classify_entry`] and
//! [`classify_set_member`] say what an identifier names the way `check` reports it,
//! for features that colour or label every identifier of a file.
//!
//! Names resolve as Tauri resolves them (tauri-utils `acl/resolved.rs`, through
//! [`crate::resolver::lookup`]): a capability entry looks up the manifest's default, then
//! a set, then a permission; a set or default member looks up default, permission, then
//! set, and switches manifest when its prefix names one. So the uses of a permission are
//! the places Tauri would resolve to it, not every equal string. Window labels are
//! defined by the config, by builder calls in the app's Rust sources and by the
//! frontend's `new WebviewWindow(…)` (`App::labels`; a label made at run time, such as
//! `format!("reader-{id}")`, is the pattern `reader-*` and defines what it can make);
//! a capability's `windows` item names one, or matches several when it is a glob pattern.
//!
//! Invariant: no protocol types and no IO; every range is a byte range of the file it
//! names.

use super::cursor::{CapabilitySlot, CursorKind, ManifestSlot, cursor};
use super::{FilePosition, FileRange, World};
use crate::model::Platform;
use crate::model::capability::{Capability, PermissionEntry};
use crate::model::identifier::Identifier;
use crate::model::tauri_conf::CapabilityEntry;
use crate::resolver::lookup::{self, NameKind};
use crate::resolver::{self, CapabilityRef, pattern};
pub(crate) use crate::syntax::literal::content_range;
use crate::text::TextRange;
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

/// A permission, set or default of one manifest, as Tauri resolved a name to it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) struct PermissionSymbol {
    /// The manifest key (`fs`, `core:window`, [`APP_KEY`]).
    pub key: String,
    /// The set or permission identifier, or `default`.
    pub name: String,
    pub kind: NameKind,
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
    if matches!(source.kind, FileKind::Rust | FileKind::Frontend) {
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
                NameKind::Set
            } else if file
                .permissions
                .iter()
                .any(|permission| permission.identifier.range == token.range)
            {
                NameKind::Permission
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

/// A label of a builder call or lookup in a Rust file, or of a `new WebviewWindow(…)`
/// or `getByLabel(…)` in a frontend file; a label made at run time (`reader-*`) is a
/// pattern.
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
            is_pattern: label.is_pattern,
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
    let named = lookup::lookup(catalogue, identifier).filter(|named| named.is_defined)?;
    Some(PermissionSymbol::from(named))
}

/// What a member of a set or default of manifest `key` names (Tauri's in-set order).
pub(crate) fn resolve_member(
    catalogue: &Catalogue,
    key: &str,
    member: &str,
) -> Option<PermissionSymbol> {
    let named = lookup::lookup_member(catalogue, key, member).filter(|named| named.is_defined)?;
    Some(PermissionSymbol::from(named))
}

impl From<lookup::Named> for PermissionSymbol {
    fn from(named: lookup::Named) -> PermissionSymbol {
        PermissionSymbol {
            key: named.key,
            name: named.name,
            kind: named.kind,
        }
    }
}

/// The key of the manifest a permission file belongs to.
pub(crate) fn manifest_key(app: &App, file: FileId) -> Option<&str> {
    app.catalogue
        .plugin_of_file(file)
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
                    // A label made at run time (`reader-*`) defines every label it can make.
                    if *is_pattern || source.is_pattern {
                        pattern::matches_known_label(label, &source.label, source.is_pattern)
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
    if let Symbol::Permission(permission) = symbol
        && let Some(plugin) = app.catalogue.get(&permission.key)
    {
        for file in &plugin.files {
            let Some(manifest) = workspace.file(*file).permission_file() else {
                continue;
            };
            let name = permission.qualified();
            let found: Vec<(TextRange, TextRange)> = match permission.kind {
                NameKind::Default => manifest
                    .default
                    .iter()
                    .map(|default| (default.key_range, default.key_range))
                    .collect(),
                NameKind::Set => manifest
                    .sets
                    .iter()
                    .filter(|set| set.identifier.value == permission.name)
                    .map(|set| (set.range, set.identifier.range))
                    .collect(),
                NameKind::Permission => manifest
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
                    if let CapabilityEntry::Reference(reference) = entry
                        && reference.value == *identifier
                    {
                        acc.push(quoted(workspace, *file, reference.range));
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
        NameKind::Default => {
            let default = plugin.default.as_ref()?;
            (
                default.file,
                default.value.key_range,
                default.value.key_range,
            )
        }
        NameKind::Set => {
            let set = plugin.sets.get(&symbol.name)?;
            (set.file, set.value.range, set.value.identifier.range)
        }
        NameKind::Permission => {
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

/// How a capability entry or set member resolves.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct EntryClass {
    /// The manifest key the name is looked up in.
    pub key: String,
    /// What the name names; `None` when it is unknown or cannot be looked up.
    pub target: Option<NameKind>,
    /// `check` reports `unknown-plugin` (or the app has no permissions of its own).
    pub is_unknown_plugin: bool,
    /// `check` reports the name as unknown.
    pub is_unknown_name: bool,
}

/// Classifies a capability entry the way `check` does (see `diagnostics/entries.rs`):
/// its plugin must exist on every platform in `platforms`, and at the top level a base of
/// `default` is the default, else a set, else a permission. A plugin whose sources could
/// not be found is neither known nor unknown.
pub(crate) fn classify_entry(
    app: &App,
    identifier: &Identifier,
    platforms: &[Platform],
) -> EntryClass {
    let catalogue = &app.catalogue;
    let key = identifier.prefix().unwrap_or(APP_KEY);
    let mut class = EntryClass {
        key: key.to_owned(),
        target: None,
        is_unknown_plugin: false,
        is_unknown_name: false,
    };
    // A plugin that cannot be checked (sources missing, a computed command list) is
    // neither known nor unknown.
    let asked: &[Platform] = if platforms.is_empty() {
        &Platform::ALL
    } else {
        platforms
    };
    if asked
        .iter()
        .any(|platform| app.cannot_check(key, *platform).is_some())
    {
        return class;
    }
    let missing_somewhere = if platforms.is_empty() {
        catalogue.get(key).is_none()
    } else {
        platforms
            .iter()
            .any(|platform| catalogue.get_on(key, *platform).is_none())
    };
    let plugin = catalogue.get(key);
    if missing_somewhere {
        if key == APP_KEY {
            // `check` calls an unprefixed identifier without app permissions unknown.
            class.is_unknown_name = true;
            return class;
        }
        class.is_unknown_plugin = true;
        // A plugin missing everywhere leaves the name unknown too.
        class.is_unknown_name = plugin.is_none();
    }
    if plugin.is_none() {
        return class;
    }
    class.target = lookup::lookup(catalogue, identifier).map(|named| named.kind);
    if class.target.is_none() && !class.is_unknown_plugin {
        class.is_unknown_name = true;
    }
    class
}

/// A set member, classified.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct MemberClass {
    /// The prefix to show as the plugin's, when the member has one.
    pub prefix: Option<String>,
    /// The name looked up (the base, or the whole member when it stays in its manifest).
    pub name: String,
    pub entry: EntryClass,
}

/// Classifies a member of `plugin`'s default or set with Tauri's lookups inside a set
/// (see `resolver/expand.rs`): a prefix naming a known manifest switches to it, anything
/// else is looked up whole in `plugin`, in the order default, permission, set. A member
/// that is not a valid identifier gives `None` (`check` reports it as invalid).
pub(crate) fn classify_set_member(
    catalogue: &Catalogue,
    plugin: &Plugin,
    member: &str,
) -> Option<MemberClass> {
    let parsed = Identifier::parse(member).ok()?;
    let switched = parsed
        .prefix()
        .filter(|prefix| catalogue.get(prefix).is_some());
    let (key, name) = match switched {
        Some(prefix) => (prefix, parsed.base()),
        None => (plugin.key.as_str(), member),
    };
    let target = lookup::lookup_member(catalogue, &plugin.key, member).map(|named| named.kind);
    // An unknown member with a prefix reads as an unknown plugin and name.
    let unknown_prefix = switched.is_none() && target.is_none() && parsed.prefix().is_some();
    Some(MemberClass {
        prefix: if switched.is_some() || unknown_prefix {
            parsed.prefix().map(str::to_owned)
        } else {
            None
        },
        name: name.to_owned(),
        entry: EntryClass {
            key: key.to_owned(),
            target,
            is_unknown_plugin: unknown_prefix,
            is_unknown_name: target.is_none(),
        },
    })
}
