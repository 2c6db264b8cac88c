//! What each capability grants, with Tauri's exact semantics.
//!
//! Mirrors tauri-utils `acl/mod.rs` (`get_capabilities`) and `acl/resolved.rs`
//! (`Resolved::resolve`): which capabilities are enabled (all capability files, unless the
//! config lists capabilities explicitly), which are active on a platform, and for each
//! entry the permissions it expands to, the commands they allow or deny under Tauri's
//! resolved names (`plugin:fs|read_file`, `plugin:window|close` for core, bare for the
//! app), the merged scopes (the entry's first, then the permission's), and the global
//! scopes fed by permissions without commands. Nothing here reports diagnostics; errors
//! are returned as data for the `ide` layer to place.

pub mod authority;
pub mod cache;
pub mod expand;
pub mod fs_scope;
pub mod lookup;
pub mod paths;
pub mod pattern;
pub mod scope_verdict;
pub mod url_scope;
pub mod usage;

use std::collections::HashMap;
use std::rc::Rc;
use std::sync::Arc;

use crate::model::Platform;
use crate::model::capability::{Capability, EntryScope};
use crate::model::identifier::Identifier;
use crate::model::manifest::Permission;
use crate::model::tauri_conf::{CapabilityEntry, TauriConfig};
use crate::text::TextRange;
use crate::workspace::catalogue::{APP_KEY, InFile};
use crate::workspace::{App, FileId, Workspace};
use expand::{ExpandError, Step, expand};

/// Where a capability is defined: a capability file and its position in the file, or a
/// config file and the position of the inline capability in `app.security.capabilities`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CapabilityRef {
    pub file: FileId,
    pub index: usize,
}

/// Looks up a capability by reference.
pub fn capability(workspace: &Workspace, reference: CapabilityRef) -> Option<&Capability> {
    let file = workspace.file(reference.file);
    if let Some(capabilities) = file.capability_file() {
        return capabilities.capabilities.get(reference.index);
    }
    match file
        .config()?
        .capabilities
        .as_ref()?
        .value
        .get(reference.index)?
    {
        CapabilityEntry::Inline(capability) => Some(capability),
        CapabilityEntry::Reference(_) => None,
    }
}

/// The platforms a capability is checked for: its own `platforms` within the app's, or
/// its own when they share none (the author named them, so they are checked).
pub fn platforms_for(app: &App, capability: &Capability) -> Vec<Platform> {
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

/// Every capability the app defines, in files (in load order) and inline in its configs.
pub fn all_capabilities(workspace: &Workspace, app: &App) -> Vec<CapabilityRef> {
    let mut refs = Vec::new();
    for file in &app.capability_files {
        if let Some(capabilities) = workspace.file(*file).capability_file() {
            refs.extend(
                (0..capabilities.capabilities.len())
                    .map(|index| CapabilityRef { file: *file, index }),
            );
        }
    }
    for config in app
        .config
        .iter()
        .chain(app.overlays.iter().map(|(_, file)| file))
    {
        refs.extend(inline_capabilities(workspace, *config));
    }
    refs
}

fn inline_capabilities(workspace: &Workspace, config: FileId) -> Vec<CapabilityRef> {
    let Some(list) = workspace
        .file(config)
        .config()
        .and_then(|config| config.capabilities.as_ref())
    else {
        return Vec::new();
    };
    list.value
        .iter()
        .enumerate()
        .filter(|(_, entry)| matches!(entry, CapabilityEntry::Inline(_)))
        .map(|(index, _)| CapabilityRef {
            file: config,
            index,
        })
        .collect()
}

/// The config that decides `app.security.capabilities` on `platform`: the platform
/// overlay when it sets the list (JSON merge patch replaces arrays), else the base config.
pub fn capability_list_config<'w>(
    workspace: &'w Workspace,
    app: &App,
    platform: Platform,
) -> Option<(FileId, &'w TauriConfig)> {
    let overlay = app.overlay(platform).and_then(|file| {
        let config = workspace.file(file).config()?;
        config.capabilities.is_some().then_some((file, config))
    });
    overlay.or_else(|| {
        let file = app.config?;
        Some((file, workspace.file(file).config()?))
    })
}

/// Capabilities Tauri compiles into the app on `platform`, as `get_capabilities` picks
/// them: all capability files when the config lists none, else exactly the listed ones
/// (references that match no file are left out here; the `ide` layer reports them).
pub fn enabled_capabilities(
    workspace: &Workspace,
    app: &App,
    platform: Platform,
) -> Vec<CapabilityRef> {
    let file_capabilities: Vec<CapabilityRef> = app
        .capability_files
        .iter()
        .flat_map(|file| {
            let count = workspace
                .file(*file)
                .capability_file()
                .map_or(0, |capabilities| capabilities.capabilities.len());
            (0..count).map(|index| CapabilityRef { file: *file, index })
        })
        .collect();
    let Some((config_file, config)) = capability_list_config(workspace, app, platform) else {
        return file_capabilities;
    };
    let Some(list) = config
        .capabilities
        .as_ref()
        .filter(|list| !list.value.is_empty())
    else {
        return file_capabilities;
    };
    let mut enabled = Vec::new();
    for (index, entry) in list.value.iter().enumerate() {
        match entry {
            CapabilityEntry::Inline(_) => enabled.push(CapabilityRef {
                file: config_file,
                index,
            }),
            CapabilityEntry::Reference(id) => {
                let found = file_capabilities.iter().find(|reference| {
                    capability(workspace, **reference)
                        .and_then(Capability::identifier)
                        .is_some_and(|identifier| identifier == id.value)
                });
                enabled.extend(found.copied());
            }
        }
    }
    enabled
}

/// A permission as named in a resolution: its manifest key, identifier and definition.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PermissionId {
    pub key: String,
    pub identifier: String,
    pub file: FileId,
    pub range: TextRange,
}

impl PermissionId {
    /// The identifier as a capability would write it (`fs:allow-read`, `allow-greet`).
    pub fn qualified(&self) -> String {
        if self.key == APP_KEY {
            self.identifier.clone()
        } else {
            format!("{}:{}", self.key, self.identifier)
        }
    }
}

/// The scope that comes with a command.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Scope {
    pub allow: Vec<serde_json::Value>,
    pub deny: Vec<serde_json::Value>,
}

impl Scope {
    /// The scope a permission reached from an entry carries, as tauri-utils' resolver
    /// builds it: the entry's values first, then the permission's own. `None` when
    /// neither says `allow` or `deny` (an empty list still counts as a scope).
    pub fn merged(entry: Option<&EntryScope>, permission: &Permission) -> Option<Scope> {
        let lists = [
            (
                entry.and_then(|scope| scope.allow.as_ref()),
                entry.and_then(|scope| scope.deny.as_ref()),
            ),
            (
                permission.scope_allow.as_ref(),
                permission.scope_deny.as_ref(),
            ),
        ];
        let mut present = false;
        let mut scope = Scope::default();
        for (allow, deny) in lists {
            for (list, into) in [(allow, &mut scope.allow), (deny, &mut scope.deny)] {
                if let Some(list) = list {
                    present = true;
                    into.extend(list.value.iter().map(|value| value.value.clone()));
                }
            }
        }
        present.then_some(scope)
    }
}

/// One command allowed or denied by one permission reached from an entry.
///
/// An app's resolutions are kept for every capability and platform (the language
/// server's cache), tens of thousands of grants, so what all the commands of one
/// permission share (the permission, the set chain, the scope) is shared, not copied.
/// Which entry reached it is not part of the grant: entries naming one identifier share
/// one list of grants ([`EntryGrants`]), and [`Granted::grants`] pairs each with its
/// entry.
#[derive(Debug, Clone, PartialEq)]
pub struct Grant {
    /// Tauri's resolved command name, as the frontend invokes it.
    pub command: String,
    pub key: String,
    pub is_deny: bool,
    pub permission: Arc<PermissionId>,
    pub chain: Arc<[Step]>,
    pub scope: Option<Arc<Scope>>,
}

impl Grant {
    /// The command as written in the permission (`read_file` of `plugin:fs|read_file`).
    pub fn command_name(&self) -> &str {
        if self.key == APP_KEY {
            return &self.command;
        }
        // The inverse of [`command_name`]: `plugin:<key or core module>|<name>`.
        let module = self.key.strip_prefix("core:").unwrap_or(&self.key);
        self.command
            .strip_prefix("plugin:")
            .and_then(|rest| rest.strip_prefix(module))
            .and_then(|rest| rest.strip_prefix('|'))
            .unwrap_or(&self.command)
    }
}

/// A scope-only permission's contribution to its plugin's global scope.
#[derive(Debug, Clone, PartialEq)]
pub struct GlobalScopeGrant {
    pub key: String,
    pub permission: PermissionId,
    pub chain: Vec<Step>,
    pub scope: Scope,
}

/// A permission an entry reaches that is not active on the platform.
#[derive(Debug, Clone, PartialEq)]
pub struct InactiveLeaf {
    pub permission: PermissionId,
    pub platforms: Vec<Platform>,
    /// The permission's `platforms` list.
    pub platforms_range: TextRange,
}

/// A grant, global scope or inactive permission, with the index of the entry (in the
/// capability's `permissions`) that reaches it. Reads as the item it wraps.
#[derive(Debug)]
pub struct AtEntry<'g, T> {
    pub entry: usize,
    pub item: &'g T,
}

impl<T> Clone for AtEntry<'_, T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T> Copy for AtEntry<'_, T> {}

impl<T> std::ops::Deref for AtEntry<'_, T> {
    type Target = T;

    fn deref(&self) -> &T {
        self.item
    }
}

/// What one entry reaches on one platform. Entries naming the same identifier with no
/// scope of their own reach the same, and share one `Arc` of it: a flood of 1.5 million
/// `core:default` entries keeps one list of grants, not 1.5 million.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct EntryGrants {
    pub grants: Vec<Grant>,
    pub global_scopes: Vec<GlobalScopeGrant>,
    pub inactive: Vec<InactiveLeaf>,
    /// Why the expansion failed, when it did.
    pub errors: Vec<ExpandError>,
    /// The entry names `plugin:default` for a plugin without a default.
    pub is_empty_default: bool,
}

/// What one capability grants on one platform.
#[derive(Debug, Clone, PartialEq)]
pub struct Resolution {
    pub capability: CapabilityRef,
    pub platform: Platform,
    /// What is granted, shared with the capability's resolution on another platform
    /// when it is the same there (usually it is on every desktop platform), which the
    /// [`cache`] arranges: kept for every capability and platform, the copies were most
    /// of the language server's memory after the index.
    pub granted: Arc<Granted>,
}

impl std::ops::Deref for Resolution {
    type Target = Granted;

    fn deref(&self) -> &Granted {
        &self.granted
    }
}

/// The grants, scopes and failures of a [`Resolution`], apart from its platform: what
/// each entry with a valid identifier reaches, in entry order.
#[derive(Debug, Clone, Default)]
pub struct Granted {
    pub entries: Vec<(usize, Arc<EntryGrants>)>,
}

impl Granted {
    /// What entry `index` reaches; `None` for an entry whose identifier is invalid.
    pub fn of_entry(&self, index: usize) -> Option<&EntryGrants> {
        // `entries` is in entry order.
        let found = self
            .entries
            .binary_search_by_key(&index, |(entry, _)| *entry)
            .ok()?;
        Some(&self.entries[found].1)
    }

    /// Every grant, entry by entry, each entry's in expansion order.
    pub fn grants(&self) -> impl Iterator<Item = AtEntry<'_, Grant>> + Clone {
        self.entries.iter().flat_map(|(entry, reached)| {
            reached.grants.iter().map(|item| AtEntry {
                entry: *entry,
                item,
            })
        })
    }

    /// Every contribution to a global scope, in Tauri's order.
    pub fn global_scopes(&self) -> impl Iterator<Item = AtEntry<'_, GlobalScopeGrant>> + Clone {
        self.entries.iter().flat_map(|(entry, reached)| {
            reached.global_scopes.iter().map(|item| AtEntry {
                entry: *entry,
                item,
            })
        })
    }

    /// Every permission an entry reaches that is not active on the platform.
    pub fn inactive(&self) -> impl Iterator<Item = AtEntry<'_, InactiveLeaf>> + Clone {
        self.entries.iter().flat_map(|(entry, reached)| {
            reached.inactive.iter().map(|item| AtEntry {
                entry: *entry,
                item,
            })
        })
    }

    /// Entries whose expansion failed, with why.
    pub fn errors(&self) -> impl Iterator<Item = (usize, &ExpandError)> + Clone {
        self.entries
            .iter()
            .flat_map(|(entry, reached)| reached.errors.iter().map(|error| (*entry, error)))
    }

    /// Entries naming `plugin:default` for a plugin without a default.
    pub fn empty_defaults(&self) -> impl Iterator<Item = usize> + Clone {
        self.entries
            .iter()
            .filter(|(_, reached)| reached.is_empty_default)
            .map(|(entry, _)| *entry)
    }
}

impl PartialEq for Granted {
    /// Equal when every entry reaches the same. Entries sharing one `Arc` on both sides
    /// are compared once, so comparing two resolutions of a flood costs its entries,
    /// not its entries times their grants.
    fn eq(&self, other: &Granted) -> bool {
        if self.entries.len() != other.entries.len() {
            return false;
        }
        let mut equal: HashMap<(*const EntryGrants, *const EntryGrants), bool> = HashMap::new();
        self.entries.iter().zip(&other.entries).all(
            |((entry, reached), (other_entry, other_reached))| {
                entry == other_entry
                    && (Arc::ptr_eq(reached, other_reached)
                        || *equal
                            .entry((Arc::as_ptr(reached), Arc::as_ptr(other_reached)))
                            .or_insert_with(|| reached == other_reached))
            },
        )
    }
}

/// Resolves one capability for one platform. Entries with an invalid identifier are
/// skipped (their identifier error is a model-level finding).
pub fn resolve(
    workspace: &Workspace,
    app: &App,
    reference: CapabilityRef,
    platform: Platform,
) -> Option<Resolution> {
    let capability = capability(workspace, reference)?;
    let mut resolution = Granted::default();
    // A capability may name one identifier many times (a flood of `core:default` is
    // 1.5 million entries): each distinct identifier is expanded once, and the entries
    // naming it without a scope of their own share one list of what it reaches.
    let mut expanded: HashMap<&Identifier, Rc<Expanded<'_>>> = HashMap::new();
    let mut shared: HashMap<&Identifier, Arc<EntryGrants>> = HashMap::new();
    for (entry_index, entry) in capability.entries().iter().enumerate() {
        let Ok(identifier) = &entry.parsed else {
            continue;
        };
        if entry.scope.is_none()
            && let Some(reached) = shared.get(identifier)
        {
            resolution.entries.push((entry_index, reached.clone()));
            continue;
        }
        let expansion = expanded
            .entry(identifier)
            .or_insert_with(|| {
                Rc::new(Expanded::new(expand(
                    &app.catalogue,
                    identifier,
                    Some(platform),
                )))
            })
            .clone();
        let reached = Arc::new(expansion.reached(entry.scope.as_ref(), platform));
        if entry.scope.is_none() {
            shared.insert(identifier, reached.clone());
        }
        resolution.entries.push((entry_index, reached));
    }
    Some(Resolution {
        capability: reference,
        platform,
        granted: Arc::new(resolution),
    })
}

/// One identifier's expansion, with what its grants share already built.
struct Expanded<'c> {
    leaves: Vec<SharedLeaf<'c>>,
    errors: Vec<ExpandError>,
    is_empty_default: bool,
}

struct SharedLeaf<'c> {
    key: String,
    permission: &'c InFile<Permission>,
    id: Arc<PermissionId>,
    chain: Arc<[Step]>,
    /// The merged scope of an entry without a scope of its own.
    scope: Option<Arc<Scope>>,
}

impl<'c> Expanded<'c> {
    /// What an entry naming this identifier reaches on `platform`, with its own scope
    /// `entry_scope` merged into each permission's.
    fn reached(&self, entry_scope: Option<&EntryScope>, platform: Platform) -> EntryGrants {
        let mut reached = EntryGrants {
            errors: self.errors.clone(),
            is_empty_default: self.is_empty_default,
            ..EntryGrants::default()
        };
        for leaf in &self.leaves {
            let permission = &leaf.permission.value;
            if !permission.is_active(platform) {
                reached.inactive.push(InactiveLeaf {
                    permission: (*leaf.id).clone(),
                    platforms: permission
                        .platforms
                        .as_ref()
                        .map(|list| list.value.iter().map(|item| item.value).collect())
                        .unwrap_or_default(),
                    platforms_range: permission
                        .platforms
                        .as_ref()
                        .map_or(permission.identifier.range, |list| list.range),
                });
                continue;
            }
            // Without an entry scope the merged scope is the permission's alone, built
            // once per leaf.
            let merged = match entry_scope {
                None => leaf.scope.clone(),
                Some(scope) => Scope::merged(Some(scope), permission).map(Arc::new),
            };
            if permission.is_scope_only() {
                reached.global_scopes.push(GlobalScopeGrant {
                    key: leaf.key.clone(),
                    permission: (*leaf.id).clone(),
                    chain: leaf.chain.to_vec(),
                    scope: merged.map(|scope| (*scope).clone()).unwrap_or_default(),
                });
                continue;
            }
            let commands = permission
                .commands_allow
                .iter()
                .map(|command| (command, false))
                .chain(
                    permission
                        .commands_deny
                        .iter()
                        .map(|command| (command, true)),
                );
            for (command, is_deny) in commands {
                reached.grants.push(Grant {
                    command: command_name(&leaf.key, &command.value),
                    key: leaf.key.clone(),
                    is_deny,
                    permission: leaf.id.clone(),
                    chain: leaf.chain.clone(),
                    scope: merged.clone(),
                });
            }
        }
        reached
    }

    fn new(expansion: expand::Expansion<'c>) -> Self {
        let leaves = expansion
            .leaves
            .into_iter()
            .map(|leaf| {
                let permission = &leaf.permission.value;
                SharedLeaf {
                    id: Arc::new(PermissionId {
                        key: leaf.key.clone(),
                        identifier: permission.identifier.value.clone(),
                        file: leaf.permission.file,
                        range: permission.identifier.range,
                    }),
                    chain: leaf.chain.into(),
                    scope: Scope::merged(None, permission).map(Arc::new),
                    key: leaf.key,
                    permission: leaf.permission,
                }
            })
            .collect();
        Expanded {
            leaves,
            errors: expansion.errors,
            is_empty_default: expansion.is_empty_default,
        }
    }
}

/// A config value as Tauri sees it on `platform`: the platform's overlay wins over the
/// base config (overlays are merge patches).
pub fn config_value<T>(
    workspace: &Workspace,
    app: &App,
    platform: Platform,
    read: impl Fn(&TauriConfig) -> Option<T>,
) -> Option<T> {
    app.overlay(platform)
        .into_iter()
        .chain(app.config)
        .filter_map(|file| workspace.file(file).config())
        .find_map(read)
}

/// Tauri's resolved command name for `command` of manifest `key`.
pub fn command_name(key: &str, command: &str) -> String {
    if key == APP_KEY {
        command.to_owned()
    } else if let Some(core) = key.strip_prefix("core:") {
        format!("plugin:{core}|{command}")
    } else {
        format!("plugin:{key}|{command}")
    }
}

/// Where an IPC call comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    Local,
    Remote(url::Url),
}

/// Whether a capability applies to a call from `window`/`webview` at `origin`, as the
/// runtime authority decides: the origin must match the capability's context (local, or
/// one of its remote URL patterns), and either a webview pattern must match the webview
/// label or a window pattern the window label.
pub fn capability_applies(
    capability: &Capability,
    window: &str,
    webview: &str,
    origin: &Origin,
) -> bool {
    origin_matches(capability, origin)
        && (capability
            .webview_patterns()
            .iter()
            .any(|pattern| pattern::label_matches(&pattern.value, webview))
            || capability
                .window_patterns()
                .iter()
                .any(|pattern| pattern::label_matches(&pattern.value, window)))
}

/// Whether the capability's execution context covers `origin`. Denials follow the origin
/// alone: a command denied for an origin is denied in every window.
pub fn origin_matches(capability: &Capability, origin: &Origin) -> bool {
    match origin {
        Origin::Local => capability.is_local(),
        Origin::Remote(url) => capability.remote_urls().iter().any(|pattern| {
            pattern::RemoteUrlPattern::parse(&pattern.value).is_ok_and(|pattern| pattern.test(url))
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ide::fixture;

    /// Resolves every enabled capability on `platform` and lists grants and scopes.
    fn check(fixture_text: &str, platform: Platform) -> String {
        let world = fixture::world(fixture_text);
        let workspace = world.workspace.as_ref();
        let app = &workspace.apps[0];
        let mut out = String::new();
        for reference in enabled_capabilities(workspace, app, platform) {
            let capability = capability(workspace, reference).unwrap();
            if !capability.is_active(platform) {
                out.push_str(&format!(
                    "{}: inactive\n",
                    capability.identifier().unwrap_or("?")
                ));
                continue;
            }
            let resolution = resolve(workspace, app, reference, platform).unwrap();
            out.push_str(&format!("{}:\n", capability.identifier().unwrap_or("?")));
            for grant in resolution.grants() {
                let via: Vec<String> = grant
                    .chain
                    .iter()
                    .map(|step| format!("{}:{}", step.key, step.name))
                    .collect();
                out.push_str(&format!(
                    "  {} {} <- {}{}{}\n",
                    if grant.is_deny { "deny " } else { "allow" },
                    grant.command,
                    grant.permission.qualified(),
                    if via.is_empty() {
                        String::new()
                    } else {
                        format!(" via {}", via.join(" > "))
                    },
                    grant.scope.as_ref().map_or(String::new(), |scope| format!(
                        " scope allow={} deny={}",
                        serde_json::Value::from(scope.allow.clone()),
                        serde_json::Value::from(scope.deny.clone())
                    )),
                ));
            }
            for scope in resolution.global_scopes() {
                out.push_str(&format!(
                    "  global {} <- {} allow={} deny={}\n",
                    scope.key,
                    scope.permission.qualified(),
                    serde_json::Value::from(scope.scope.allow.clone()),
                    serde_json::Value::from(scope.scope.deny.clone())
                ));
            }
            for (entry, error) in resolution.errors() {
                out.push_str(&format!("  error in entry {entry}: {error:?}\n"));
            }
        }
        out
    }

    const PLUGINS: &str = r#"
//- /plugins/fs/permissions/default.toml plugin:fs
[default]
permissions = ["read-all", "scope-app"]

[[set]]
identifier = "read-all"
description = "reads"
permissions = ["allow-read", "allow-exists"]

[[set]]
identifier = "allow-read"
description = "a set named like a permission"
permissions = ["allow-exists"]

[[permission]]
identifier = "allow-read"
commands.allow = ["read"]

[[permission]]
identifier = "allow-exists"
commands.allow = ["exists"]

[[permission]]
identifier = "scope-app"
[[permission.scope.allow]]
path = "$APPDATA/**"

[[permission]]
identifier = "deny-secret"
commands.deny = ["read"]
[[permission.scope.deny]]
path = "$HOME/.ssh/**"

[[permission]]
identifier = "allow-mobile"
commands.allow = ["mobile_only"]
platforms = ["android"]
//- /plugins/dialog/permissions/default.toml plugin:dialog
[default]
permissions = ["allow-open", "fs:read-all", "default"]

[[permission]]
identifier = "allow-open"
commands.allow = ["open"]
//- /plugins/tauri/build.rs core
const PLUGINS: &[(&str, &[(&str, bool)])] = &[
  ("core:window", &[("close", false), ("title", true)]),
  ("core:app", &[("version", true)]),
];
"#;

    #[test]
    fn top_level_prefers_sets_and_sets_prefer_permissions() {
        // At the top level `allow-read` is the set; inside `read-all` it is the permission.
        let fixture_text = format!(
            r#"//- /src-tauri/capabilities/default.json
{{ "identifier": "default", "windows": ["main"], "permissions": ["fs:allow-read", "fs:read-all"] }}
{PLUGINS}"#
        );
        insta::assert_snapshot!(check(&fixture_text, Platform::Linux), @"
        default:
          allow plugin:fs|exists <- fs:allow-exists via fs:allow-read
          allow plugin:fs|read <- fs:allow-read via fs:read-all
          allow plugin:fs|exists <- fs:allow-exists via fs:read-all
        ");
    }

    #[test]
    fn cross_plugin_members_core_names_scopes_and_platforms() {
        let fixture_text = format!(
            r#"//- /src-tauri/capabilities/default.json
{{ "identifier": "default", "windows": ["main"], "permissions": [
  "dialog:default",
  "core:default",
  {{ "identifier": "fs:allow-exists", "allow": [{{ "path": "$DOCUMENT/*" }}] }},
  {{ "identifier": "fs:scope-app", "deny": [{{ "path": "$APPDATA/secret" }}] }},
  "fs:deny-secret",
  "fs:allow-mobile"
] }}
{PLUGINS}"#
        );
        insta::assert_snapshot!(check(&fixture_text, Platform::Linux), @r#"
        default:
          allow plugin:dialog|open <- dialog:allow-open via dialog:default
          allow plugin:fs|read <- fs:allow-read via dialog:default > fs:read-all
          allow plugin:fs|exists <- fs:allow-exists via dialog:default > fs:read-all
          allow plugin:window|title <- core:window:allow-title via core:default > core:window:default
          allow plugin:app|version <- core:app:allow-version via core:default > core:app:default
          allow plugin:fs|exists <- fs:allow-exists scope allow=[{"path":"$DOCUMENT/*"}] deny=[]
          deny  plugin:fs|read <- fs:deny-secret scope allow=[] deny=[{"path":"$HOME/.ssh/**"}]
          global fs <- fs:scope-app allow=[{"path":"$APPDATA/**"}] deny=[{"path":"$APPDATA/secret"}]
          error in entry 0: SetCycle { cycle: [Step { key: "dialog", name: "default", file: FileId(2), range: 1..8 }, Step { key: "dialog", name: "default", file: FileId(2), range: 1..8 }], at: (FileId(2), 54..63) }
        "#);
        insta::assert_snapshot!(check(&fixture_text, Platform::Android), @r#"
        default:
          allow plugin:dialog|open <- dialog:allow-open via dialog:default
          allow plugin:fs|read <- fs:allow-read via dialog:default > fs:read-all
          allow plugin:fs|exists <- fs:allow-exists via dialog:default > fs:read-all
          allow plugin:window|title <- core:window:allow-title via core:default > core:window:default
          allow plugin:app|version <- core:app:allow-version via core:default > core:app:default
          allow plugin:fs|exists <- fs:allow-exists scope allow=[{"path":"$DOCUMENT/*"}] deny=[]
          deny  plugin:fs|read <- fs:deny-secret scope allow=[] deny=[{"path":"$HOME/.ssh/**"}]
          allow plugin:fs|mobile_only <- fs:allow-mobile
          global fs <- fs:scope-app allow=[{"path":"$APPDATA/**"}] deny=[{"path":"$APPDATA/secret"}]
          error in entry 0: SetCycle { cycle: [Step { key: "dialog", name: "default", file: FileId(2), range: 1..8 }, Step { key: "dialog", name: "default", file: FileId(2), range: 1..8 }], at: (FileId(2), 54..63) }
        "#);
    }

    #[test]
    fn equal_entries_share_their_expansion() {
        let fixture_text = format!(
            r#"//- /src-tauri/capabilities/default.json
{{ "identifier": "default", "windows": ["main"], "permissions": [
  "fs:read-all",
  "fs:read-all",
  {{ "identifier": "fs:read-all", "allow": [{{ "path": "$DOCUMENT/*" }}] }}
] }}
{PLUGINS}"#
        );
        let world = fixture::world(&fixture_text);
        let workspace = world.workspace.as_ref();
        let app = &workspace.apps[0];
        let reference = all_capabilities(workspace, app)[0];
        let resolution = resolve(workspace, app, reference, Platform::Linux).unwrap();
        let of = |entry: usize| -> &Arc<EntryGrants> {
            &resolution
                .entries
                .iter()
                .find(|(index, _)| *index == entry)
                .unwrap()
                .1
        };
        let (first, second, scoped) = (of(0), of(1), of(2));
        // Equal bare entries share one list of grants; the entry with its own scope has
        // its own list, which shares the expansion but not the scope.
        assert!(Arc::ptr_eq(first, second));
        assert!(!Arc::ptr_eq(first, scoped));
        assert_eq!(first.grants.len(), 2);
        assert_eq!(scoped.grants.len(), 2);
        for (a, c) in first.grants.iter().zip(&scoped.grants) {
            assert_eq!(a.command, c.command);
            assert!(Arc::ptr_eq(&a.permission, &c.permission));
            assert!(Arc::ptr_eq(&a.chain, &c.chain));
            assert!(a.scope.is_none());
            assert_eq!(c.scope.as_deref().map(|scope| scope.allow.len()), Some(1));
        }
        assert!(std::ptr::eq(resolution.of_entry(1).unwrap(), &**second));
        assert!(std::ptr::eq(resolution.of_entry(2).unwrap(), &**scoped));
        assert!(resolution.of_entry(3).is_none());
        // Every grant is still read with the entry that reaches it.
        let entries: Vec<usize> = resolution.grants().map(|grant| grant.entry).collect();
        assert_eq!(entries, [0, 0, 1, 1, 2, 2]);
    }

    #[test]
    fn explicit_capability_list_and_overlay() {
        let fixture_text = r#"
//- /src-tauri/tauri.conf.json
{ "app": { "windows": [{}], "security": { "capabilities": ["one", { "identifier": "inline", "windows": ["main"], "permissions": [] }] } } }
//- /src-tauri/tauri.android.conf.json
{ "app": { "security": { "capabilities": ["two"] } } }
//- /src-tauri/capabilities/one.json
{ "identifier": "one", "windows": ["main"], "permissions": [] }
//- /src-tauri/capabilities/two.json
{ "identifier": "two", "windows": ["main"], "permissions": [], "platforms": ["android"] }
"#;
        insta::assert_snapshot!(check(fixture_text, Platform::Linux), @"
        one:
        inline:
        ");
        insta::assert_snapshot!(check(fixture_text, Platform::Android), @"two:");
    }
}
