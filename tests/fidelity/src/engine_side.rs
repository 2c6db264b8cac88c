//! The same questions asked of `tauri-acl`: what a capability grants on a platform, which
//! of its entries fail, and which files and capabilities it reports errors on.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use tauri_acl::diagnostic::{Code, Severity};
use tauri_acl::ide::diagnostics::Diagnostic;
use tauri_acl::ide::{IdeConfig, World};
use tauri_acl::model::{Capability, Platform};
use tauri_acl::resolver::{self, CapabilityRef};
use tauri_acl::workspace::crate_source::cargo_homes_from_env;
use tauri_acl::workspace::fs::RealFs;
use tauri_acl::workspace::{App, FileId, LoadOptions, Workspace};

use crate::normal::{Acl, CommandRow, canonical_list};

/// Codes that say Tauri cannot read a capability file at all. (An entry whose
/// identifier is invalid does too; `invalid-identifier` also flags entries whose sets
/// hold an invalid member, so entries are checked on the model instead.)
pub const FILE_ERROR_CODES: &[Code] = &[
    Code::ParseError,
    Code::StrictJson,
    Code::WrongType,
    Code::MissingField,
    Code::UnknownPlatform,
];

/// Codes that say Tauri's resolver fails on a capability as a whole (its window or
/// webview patterns, or its remote URLs, once a command needs them).
pub const CAPABILITY_ERROR_CODES: &[Code] = &[Code::InvalidGlob, Code::InvalidRemoteUrl];

/// Loads the apps at or below `root`, with every diagnostic computed once.
pub struct Engine {
    pub world: World,
    pub diagnostics: Vec<Diagnostic>,
}

impl Engine {
    pub fn load(root: &Path, cargo_homes: Vec<PathBuf>) -> Engine {
        let options = LoadOptions {
            cargo_homes,
            env_cargo_homes: cargo_homes_from_env(|name| std::env::var_os(name)),
            platforms: Some(Platform::ALL.to_vec()),
            overlays: Default::default(),
        };
        let workspace = Workspace::load(&RealFs, &[root.to_path_buf()], &options);
        let world = World::new(workspace, IdeConfig::default());
        let diagnostics = tauri_acl::ide::diagnostics::diagnostics(&world);
        Engine { world, diagnostics }
    }

    pub fn workspace(&self) -> &Workspace {
        &self.world.workspace
    }

    /// Error diagnostics with one of `codes` in `file` (within `range` when given).
    pub fn errors_in(
        &self,
        file: FileId,
        range: Option<tauri_acl::text::TextRange>,
        codes: &[Code],
    ) -> Vec<&Diagnostic> {
        self.diagnostics
            .iter()
            .filter(|diagnostic| {
                diagnostic.file == file
                    && diagnostic.severity == Severity::Error
                    && codes.contains(&diagnostic.code)
                    && range.is_none_or(|range| range.contains_range(diagnostic.range))
            })
            .collect()
    }
}

impl Engine {
    /// Why `tauri-acl` says Tauri cannot read `file` (within `range` when given): file-level
    /// errors, and capability entries whose identifier is invalid.
    pub fn read_errors(
        &self,
        file: FileId,
        range: Option<tauri_acl::text::TextRange>,
    ) -> Vec<String> {
        let mut errors: Vec<String> = self
            .errors_in(file, range, FILE_ERROR_CODES)
            .into_iter()
            .map(|diagnostic| format!("{}: {}", diagnostic.code.name(), diagnostic.message))
            .collect();
        let source = self.workspace().file(file);
        let capabilities: Vec<&Capability> = match (source.capability_file(), source.config()) {
            (Some(list), _) => list.capabilities.iter().collect(),
            (None, Some(config)) => config
                .capabilities
                .iter()
                .flat_map(|list| &list.value)
                .filter_map(|entry| match entry {
                    tauri_acl::model::tauri_conf::CapabilityEntry::Inline(capability) => {
                        Some(capability.as_ref())
                    }
                    tauri_acl::model::tauri_conf::CapabilityEntry::Reference(_) => None,
                })
                .collect(),
            _ => Vec::new(),
        };
        for capability in capabilities {
            for entry in capability.entries() {
                if let Err(error) = &entry.parsed {
                    errors.push(format!(
                        "invalid identifier `{}`: {error}",
                        entry.identifier.value
                    ));
                }
            }
        }
        errors
    }
}

/// What `tauri-acl` resolves for one capability on one platform.
pub struct EngineResolution {
    /// Entries that fail, with why.
    pub failing: BTreeMap<usize, String>,
    /// What the entries outside `skip` grant.
    pub acl: Acl,
}

/// Resolves `reference` on `platform`, leaving the entries in `skip` out of the ACL.
pub fn resolve(
    workspace: &Workspace,
    app: &App,
    reference: CapabilityRef,
    platform: Platform,
    skip: &BTreeSet<usize>,
) -> EngineResolution {
    let mut result = EngineResolution {
        failing: BTreeMap::new(),
        acl: Acl::default(),
    };
    let Some(capability) = resolver::capability(workspace, reference) else {
        return result;
    };
    // Tauri skips a capability that is not for this platform, errors and all.
    if !capability.is_active(platform) {
        return result;
    }
    for (index, entry) in capability.entries().iter().enumerate() {
        if let Err(error) = &entry.parsed {
            result
                .failing
                .insert(index, format!("invalid identifier: {error}"));
        }
    }
    let Some(resolution) = resolver::resolve(workspace, app, reference, platform) else {
        return result;
    };
    for (index, error) in resolution.errors() {
        result
            .failing
            .entry(index)
            .or_insert_with(|| format!("{error:?}"));
    }
    let contexts = contexts(capability);
    let mut windows: Vec<String> = strings(capability.window_patterns());
    windows.sort();
    let mut webviews: Vec<String> = strings(capability.webview_patterns());
    webviews.sort();
    for grant in resolution.grants() {
        if skip.contains(&grant.entry) {
            continue;
        }
        let scope = grant
            .scope
            .as_ref()
            .map(|scope| (canonical_list(&scope.allow), canonical_list(&scope.deny)));
        for context in &contexts {
            result.acl.commands.push(CommandRow {
                command: grant.command.clone(),
                deny: grant.is_deny,
                context: context.clone(),
                windows: windows.clone(),
                webviews: webviews.clone(),
                scope: scope.clone(),
            });
        }
    }
    let mut global: BTreeMap<String, (Vec<serde_json::Value>, Vec<serde_json::Value>)> =
        BTreeMap::new();
    for scope in resolution.global_scopes() {
        if skip.contains(&scope.entry) {
            continue;
        }
        let merged = global.entry(scope.key.clone()).or_default();
        merged.0.extend(scope.scope.allow.iter().cloned());
        merged.1.extend(scope.scope.deny.iter().cloned());
    }
    result.acl.global_scope = global
        .into_iter()
        .map(|(key, (allow, deny))| (key, (canonical_list(&allow), canonical_list(&deny))))
        .collect();
    result.acl.sort();
    result
}

fn strings(list: &[tauri_acl::model::Spanned<String>]) -> Vec<String> {
    list.iter().map(|item| item.value.clone()).collect()
}

/// The execution contexts a capability's commands are resolved for: `local` when it
/// applies to local pages, and each remote URL pattern.
fn contexts(capability: &Capability) -> Vec<String> {
    let mut contexts = Vec::new();
    if capability.is_local() {
        contexts.push("local".to_owned());
    }
    contexts.extend(strings(capability.remote_urls()));
    contexts
}
