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

pub mod expand;
pub mod pattern;

use crate::model::capability::Capability;
use crate::model::tauri_conf::{CapabilityEntry, TauriConfig};
use crate::model::Platform;
use crate::text::TextRange;
use crate::workspace::catalogue::APP_KEY;
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
    match file.config()?.capabilities.as_ref()?.value.get(reference.index)? {
        CapabilityEntry::Inline(capability) => Some(capability),
        CapabilityEntry::Reference(_) => None,
    }
}

/// Every capability the app defines, in files (in load order) and inline in its configs.
pub fn all_capabilities(workspace: &Workspace, app: &App) -> Vec<CapabilityRef> {
    let mut refs = Vec::new();
    for file in &app.capability_files {
        if let Some(capabilities) = workspace.file(*file).capability_file() {
            refs.extend((0..capabilities.capabilities.len()).map(|index| CapabilityRef {
                file: *file,
                index,
            }));
        }
    }
    for config in app.config.iter().chain(app.overlays.iter().map(|(_, file)| file)) {
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
pub fn enabled_capabilities(workspace: &Workspace, app: &App, platform: Platform) -> Vec<CapabilityRef> {
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
    let Some(list) = config.capabilities.as_ref().filter(|list| !list.value.is_empty()) else {
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

/// One command allowed or denied by one permission reached from one entry.
#[derive(Debug, Clone, PartialEq)]
pub struct Grant {
    /// Tauri's resolved command name, as the frontend invokes it.
    pub command: String,
    pub key: String,
    /// The command as written in the permission.
    pub command_name: String,
    pub is_deny: bool,
    /// The entry's index in the capability's `permissions`.
    pub entry: usize,
    pub permission: PermissionId,
    pub chain: Vec<Step>,
    pub scope: Option<Scope>,
}

/// A scope-only permission's contribution to its plugin's global scope.
#[derive(Debug, Clone, PartialEq)]
pub struct GlobalScopeGrant {
    pub key: String,
    pub entry: usize,
    pub permission: PermissionId,
    pub chain: Vec<Step>,
    pub scope: Scope,
}

/// A permission an entry reaches that is not active on the platform.
#[derive(Debug, Clone, PartialEq)]
pub struct InactiveLeaf {
    pub entry: usize,
    pub permission: PermissionId,
    pub platforms: Vec<Platform>,
}

/// What one capability grants on one platform.
#[derive(Debug, Clone, PartialEq)]
pub struct Resolution {
    pub capability: CapabilityRef,
    pub platform: Platform,
    pub grants: Vec<Grant>,
    pub global_scopes: Vec<GlobalScopeGrant>,
    pub inactive: Vec<InactiveLeaf>,
    /// Entries whose expansion failed, with why.
    pub errors: Vec<(usize, ExpandError)>,
    /// Entries naming `plugin:default` for a plugin without a default.
    pub empty_defaults: Vec<usize>,
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
    let mut resolution = Resolution {
        capability: reference,
        platform,
        grants: Vec::new(),
        global_scopes: Vec::new(),
        inactive: Vec::new(),
        errors: Vec::new(),
        empty_defaults: Vec::new(),
    };
    for (entry_index, entry) in capability.entries().iter().enumerate() {
        let Ok(identifier) = &entry.parsed else {
            continue;
        };
        let expansion = expand(&app.catalogue, identifier, Some(platform));
        if expansion.is_empty_default {
            resolution.empty_defaults.push(entry_index);
        }
        resolution
            .errors
            .extend(expansion.errors.into_iter().map(|error| (entry_index, error)));
        let entry_scope = entry.scope.as_ref();
        for leaf in expansion.leaves {
            let permission = &leaf.permission.value;
            let id = PermissionId {
                key: leaf.key.clone(),
                identifier: permission.identifier.value.clone(),
                file: leaf.permission.file,
                range: permission.identifier.range,
            };
            if !permission.is_active(platform) {
                resolution.inactive.push(InactiveLeaf {
                    entry: entry_index,
                    permission: id,
                    platforms: permission
                        .platforms
                        .as_ref()
                        .map(|list| list.value.iter().map(|item| item.value).collect())
                        .unwrap_or_default(),
                });
                continue;
            }
            let mut allow: Option<Vec<serde_json::Value>> = None;
            let mut deny: Option<Vec<serde_json::Value>> = None;
            let scope_lists = [
                (
                    entry_scope.and_then(|scope| scope.allow.as_ref()),
                    entry_scope.and_then(|scope| scope.deny.as_ref()),
                ),
                (permission.scope_allow.as_ref(), permission.scope_deny.as_ref()),
            ];
            for (extra_allow, extra_deny) in scope_lists {
                if let Some(list) = extra_allow {
                    allow
                        .get_or_insert_with(Vec::new)
                        .extend(list.value.iter().map(|value| value.value.clone()));
                }
                if let Some(list) = extra_deny {
                    deny.get_or_insert_with(Vec::new)
                        .extend(list.value.iter().map(|value| value.value.clone()));
                }
            }
            let has_scope = allow.is_some() || deny.is_some();
            let scope = Scope {
                allow: allow.unwrap_or_default(),
                deny: deny.unwrap_or_default(),
            };
            if permission.is_scope_only() {
                resolution.global_scopes.push(GlobalScopeGrant {
                    key: leaf.key.clone(),
                    entry: entry_index,
                    permission: id,
                    chain: leaf.chain,
                    scope,
                });
                continue;
            }
            let commands = permission
                .commands_allow
                .iter()
                .map(|command| (command, false))
                .chain(permission.commands_deny.iter().map(|command| (command, true)));
            for (command, is_deny) in commands {
                resolution.grants.push(Grant {
                    command: command_name(&leaf.key, &command.value),
                    key: leaf.key.clone(),
                    command_name: command.value.clone(),
                    is_deny,
                    entry: entry_index,
                    permission: id.clone(),
                    chain: leaf.chain.clone(),
                    scope: has_scope.then(|| scope.clone()),
                });
            }
        }
    }
    Some(resolution)
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
pub fn capability_applies(capability: &Capability, window: &str, webview: &str, origin: &Origin) -> bool {
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
