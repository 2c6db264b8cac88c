//! The plugin catalogue of one app: every manifest a capability can refer to, by key.
//!
//! Merging mirrors `Manifest::new` in tauri-utils `acl/manifest.rs`: files are taken in
//! load order, a later `[default]` replaces an earlier one, and a later permission or set
//! with the same identifier replaces the earlier one (both are kept as a
//! `duplicate-permission-id` finding). Each plugin remembers where its manifests came
//! from, and on which platforms the app depends on it.

use std::collections::BTreeMap;
use std::path::PathBuf;

use super::FileId;
use crate::model::Platform;
use crate::model::manifest::{DefaultPermission, Permission, PermissionFile, PermissionSet};
use crate::text::TextRange;

/// The key Tauri uses for the app's own permissions (referenced without a prefix).
pub const APP_KEY: &str = "__app-acl__";

/// A value and the file it is defined in.
#[derive(Debug, Clone, PartialEq)]
pub struct InFile<T> {
    pub file: FileId,
    pub value: T,
}

/// Where a plugin's manifests were read from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PluginSource {
    /// `gen/schemas/acl-manifests.json`, written by `tauri-build` on the last build.
    AclManifests { file: FileId },
    /// A crate unpacked in a cargo home's registry.
    Registry {
        name: String,
        version: String,
        dir: PathBuf,
    },
    /// A git dependency checked out in a cargo home.
    Git {
        name: String,
        version: String,
        dir: PathBuf,
        url: String,
    },
    /// A path dependency.
    Path { name: String, dir: PathBuf },
    /// Core permissions rebuilt from the `tauri` crate's build script.
    CoreTable { version: String, file: FileId },
    /// The app's own `permissions/` directory.
    App { dir: PathBuf },
    /// The catalogue compiled into this binary (`workspace/bundled.rs`), used when the
    /// locked crate is not unpacked: `version` is the locked one, or the nearest older
    /// bundled release of the same minor when the locked one is newer than the data.
    Bundled {
        name: String,
        version: String,
        locked: String,
        file: FileId,
    },
    /// A plugin the app's `build.rs` inlines (`Attributes::plugin(name, InlinedPlugin)`).
    Inline { file: FileId, name: String },
}

impl PluginSource {
    /// A short human description, such as `tauri-plugin-fs 2.7.1 (registry)`.
    pub fn describe(&self) -> String {
        match self {
            PluginSource::AclManifests { .. } => "gen/schemas/acl-manifests.json".to_owned(),
            PluginSource::Registry { name, version, .. } => format!("{name} {version} (registry)"),
            PluginSource::Git {
                name, version, url, ..
            } => format!("{name} {version} (git: {url})"),
            PluginSource::Path { name, dir } => format!("{name} (path: {})", dir.display()),
            PluginSource::CoreTable { version, .. } => {
                format!("tauri {version} (build.rs command table)")
            }
            PluginSource::App { .. } => "the app's permissions/ directory".to_owned(),
            PluginSource::Bundled {
                name,
                version,
                locked,
                ..
            } if version == locked => format!("{name} {version} (bundled catalogue)"),
            PluginSource::Bundled {
                name,
                version,
                locked,
                ..
            } => format!(
                "{name} {version} (bundled catalogue; Cargo.lock has {locked}, which is newer than the bundled data, so {version} is the nearest release of its minor)"
            ),
            PluginSource::Inline { name, .. } => {
                format!("the app's build.rs (inlined plugin `{name}`)")
            }
        }
    }

    /// A stable one-word kind, for JSON output.
    pub fn kind(&self) -> &'static str {
        match self {
            PluginSource::AclManifests { .. } => "acl-manifests",
            PluginSource::Registry { .. } => "registry",
            PluginSource::Git { .. } => "git",
            PluginSource::Path { .. } => "path",
            PluginSource::CoreTable { .. } => "core-table",
            PluginSource::App { .. } => "app",
            PluginSource::Bundled {
                version, locked, ..
            } if version == locked => "bundled",
            PluginSource::Bundled { .. } => "bundled-nearest",
            PluginSource::Inline { .. } => "inline",
        }
    }
}

/// A definition replaced by a later one with the same identifier.
#[derive(Debug, Clone, PartialEq)]
pub struct Shadowed {
    pub identifier: String,
    pub earlier: (FileId, TextRange),
    pub later: (FileId, TextRange),
    pub kind: ShadowKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ShadowKind {
    Default,
    Permission,
    Set,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Plugin {
    pub key: String,
    pub source: PluginSource,
    /// The permission files, in the order Tauri merges them.
    pub files: Vec<FileId>,
    pub default: Option<InFile<DefaultPermission>>,
    pub permissions: BTreeMap<String, InFile<Permission>>,
    pub sets: BTreeMap<String, InFile<PermissionSet>>,
    pub shadowed: Vec<Shadowed>,
    pub global_scope_schema: Option<serde_json::Value>,
    /// The platforms on which the app depends on this plugin; `None` for all.
    pub platforms: Option<Vec<Platform>>,
}

impl Plugin {
    pub fn new(key: impl Into<String>, source: PluginSource) -> Plugin {
        Plugin {
            key: key.into(),
            source,
            files: Vec::new(),
            default: None,
            permissions: BTreeMap::new(),
            sets: BTreeMap::new(),
            shadowed: Vec::new(),
            global_scope_schema: None,
            platforms: None,
        }
    }

    /// Merges one permission file, later definitions winning as in Tauri.
    pub fn merge(&mut self, file: FileId, manifest: &PermissionFile) {
        if let Some(default) = &manifest.default {
            if let Some(previous) = &self.default {
                self.shadowed.push(Shadowed {
                    identifier: "default".to_owned(),
                    earlier: (previous.file, previous.value.key_range),
                    later: (file, default.key_range),
                    kind: ShadowKind::Default,
                });
            }
            self.default = Some(InFile {
                file,
                value: default.clone(),
            });
        }
        for permission in &manifest.permissions {
            let id = permission.identifier.value.clone();
            let new = InFile {
                file,
                value: permission.clone(),
            };
            if let Some(previous) = self.permissions.insert(id.clone(), new) {
                self.shadowed.push(Shadowed {
                    identifier: id,
                    earlier: (previous.file, previous.value.identifier.range),
                    later: (file, permission.identifier.range),
                    kind: ShadowKind::Permission,
                });
            }
        }
        for set in &manifest.sets {
            let id = set.identifier.value.clone();
            let new = InFile {
                file,
                value: set.clone(),
            };
            if let Some(previous) = self.sets.insert(id.clone(), new) {
                self.shadowed.push(Shadowed {
                    identifier: id,
                    earlier: (previous.file, previous.value.identifier.range),
                    later: (file, set.identifier.range),
                    kind: ShadowKind::Set,
                });
            }
        }
        self.files.push(file);
    }

    /// Tauri only registers an app manifest that defines something.
    pub fn is_empty(&self) -> bool {
        self.default.is_none() && self.permissions.is_empty() && self.sets.is_empty()
    }

    pub fn is_available_on(&self, platform: Platform) -> bool {
        self.platforms
            .as_ref()
            .is_none_or(|platforms| platforms.contains(&platform))
    }

    /// Every command a permission of this plugin allows or denies, sorted.
    pub fn commands(&self) -> std::collections::BTreeSet<&str> {
        self.permissions
            .values()
            .flat_map(|permission| {
                permission
                    .value
                    .commands_allow
                    .iter()
                    .chain(&permission.value.commands_deny)
            })
            .map(|command| command.value.as_str())
            .collect()
    }

    /// Every identifier a capability can use for this plugin, prefixed as written.
    pub fn identifiers(&self) -> Vec<String> {
        let prefix = if self.key == APP_KEY {
            String::new()
        } else {
            format!("{}:", self.key)
        };
        let mut out = Vec::new();
        if self.default.is_some() {
            out.push(format!("{prefix}default"));
        }
        out.extend(self.sets.keys().map(|id| format!("{prefix}{id}")));
        out.extend(self.permissions.keys().map(|id| format!("{prefix}{id}")));
        out
    }
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Catalogue {
    pub plugins: BTreeMap<String, Plugin>,
}

impl Catalogue {
    pub fn get(&self, key: &str) -> Option<&Plugin> {
        self.plugins.get(key)
    }

    /// The plugin for `key` if the app depends on it on `platform`.
    pub fn get_on(&self, key: &str, platform: Platform) -> Option<&Plugin> {
        self.plugins
            .get(key)
            .filter(|plugin| plugin.is_available_on(platform))
    }

    /// The plugin (or the app, under [`APP_KEY`]) whose manifests include `file`: the
    /// one place that answers which manifest a permission file belongs to.
    pub fn plugin_of_file(&self, file: crate::workspace::FileId) -> Option<&Plugin> {
        self.plugins
            .values()
            .find(|plugin| plugin.files.contains(&file))
    }

    pub fn has_app_manifest(&self) -> bool {
        self.plugins.contains_key(APP_KEY)
    }

    /// Every identifier a capability can use, across plugins.
    pub fn identifiers(&self) -> Vec<String> {
        self.plugins
            .values()
            .flat_map(Plugin::identifiers)
            .collect()
    }
}
