//! The effective permissions of each window, per platform, as plain data.
//!
//! For each platform: the capabilities Tauri compiles in (enabled by the config and
//! active on the platform), Tauri's resolved ACL (`allowed_commands`, `denied_commands`
//! with their contexts, window and webview patterns and scopes, and the global scopes,
//! the same shape as tauri-utils' `Resolved`), and per known window what the runtime
//! authority allows a local page in it to call, with the capability → entry → set →
//! permission chain behind each command. A command denied for an origin is denied in
//! every window of that origin, as in Tauri's `RuntimeAuthority::resolve_access`.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use schemars::JsonSchema;
use serde::Serialize;

use super::World;
use crate::model::Platform;
use crate::resolver::authority;
use crate::resolver::{self, AtEntry, CapabilityRef, Grant, Origin, Resolution};
use crate::workspace::catalogue::APP_KEY;
use crate::workspace::{App, Workspace};

pub struct ExplainOptions<'a> {
    /// Only these platforms; `None` for each app's own.
    pub platforms: Option<Vec<Platform>>,
    /// Only this window (which need not be a known label).
    pub window: Option<String>,
    pub display_path: &'a dyn Fn(&Path) -> String,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct Explanation {
    pub apps: Vec<AppExplanation>,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct AppExplanation {
    pub name: String,
    pub root: String,
    pub plugins: Vec<PluginSummary>,
    pub platforms: Vec<PlatformExplanation>,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct PluginSummary {
    pub key: String,
    pub source: String,
    pub source_kind: &'static str,
    pub has_default: bool,
    pub sets: usize,
    pub permissions: usize,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct PlatformExplanation {
    pub platform: &'static str,
    pub capabilities: Vec<CapabilitySummary>,
    /// Whether the app has its own permissions, which makes Tauri check app commands too.
    pub has_app_acl: bool,
    /// Whether a local page in any window may call every app command without a
    /// permission ([`authority::app_commands_unchecked`]).
    pub app_commands_unchecked: bool,
    pub windows: Vec<WindowExplanation>,
    pub resolved: ResolvedAcl,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct CapabilitySummary {
    pub identifier: String,
    pub file: String,
    pub windows: Vec<String>,
    pub webviews: Vec<String>,
    pub local: bool,
    pub remote: Vec<String>,
    pub platforms: Option<Vec<&'static str>>,
    /// Entries that could not be resolved; Tauri's build fails on any.
    pub errors: usize,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct WindowExplanation {
    pub label: String,
    /// The webview label checked with the window (a webview window shares its label).
    pub webview: String,
    pub capabilities: Vec<String>,
    pub allowed: Vec<CommandExplanation>,
    pub denied: Vec<CommandExplanation>,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct CommandExplanation {
    pub command: String,
    pub by: Vec<GrantExplanation>,
}

#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct GrantExplanation {
    pub capability: String,
    /// The capability entry, as written.
    pub entry: String,
    pub permission: String,
    /// Sets and defaults between the entry and the permission.
    pub via: Vec<String>,
    pub scope: Option<ScopeJson>,
    pub defined_at: String,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, JsonSchema)]
pub struct ScopeJson {
    pub allow: Vec<serde_json::Value>,
    pub deny: Vec<serde_json::Value>,
}

/// Tauri's `Resolved`, with the referencing capability and permission of each command.
#[derive(Debug, Default, Serialize, JsonSchema)]
pub struct ResolvedAcl {
    pub allowed_commands: BTreeMap<String, Vec<ResolvedCommand>>,
    pub denied_commands: BTreeMap<String, Vec<ResolvedCommand>>,
    pub global_scope: BTreeMap<String, ScopeJson>,
}

#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct ResolvedCommand {
    /// `local`, or the remote URL pattern.
    pub context: String,
    pub windows: Vec<String>,
    pub webviews: Vec<String>,
    pub capability: String,
    pub permission: String,
    pub scope: Option<ScopeJson>,
}

pub fn explain(world: &World, options: &ExplainOptions<'_>) -> Explanation {
    let workspace = world.workspace.as_ref();
    let apps = workspace
        .apps
        .iter()
        .map(|app| explain_app(workspace, app, options))
        .collect();
    Explanation { apps }
}

fn explain_app(workspace: &Workspace, app: &App, options: &ExplainOptions<'_>) -> AppExplanation {
    let platforms = options
        .platforms
        .clone()
        .unwrap_or_else(|| app.platforms.clone());
    let plugins = app
        .catalogue
        .plugins
        .values()
        .map(|plugin| PluginSummary {
            key: plugin.key.clone(),
            source: plugin.source.describe(),
            source_kind: plugin.source.kind(),
            has_default: plugin.default.is_some(),
            sets: plugin.sets.len(),
            permissions: plugin.permissions.len(),
        })
        .collect();
    AppExplanation {
        name: app.name(),
        root: (options.display_path)(&app.root),
        plugins,
        platforms: platforms
            .into_iter()
            .map(|platform| explain_platform(workspace, app, platform, options))
            .collect(),
    }
}

fn explain_platform(
    workspace: &Workspace,
    app: &App,
    platform: Platform,
    options: &ExplainOptions<'_>,
) -> PlatformExplanation {
    let active = resolver::authority::active(workspace, app, platform);
    let mut summaries = Vec::new();
    let mut resolved = ResolvedAcl::default();
    for (reference, resolution) in &active {
        let Some(capability) = resolver::capability(workspace, *reference) else {
            continue;
        };
        let name = capability.identifier().unwrap_or_default().to_owned();
        let strings = |list: &[crate::model::Spanned<String>]| {
            list.iter()
                .map(|item| item.value.clone())
                .collect::<Vec<_>>()
        };
        summaries.push(CapabilitySummary {
            identifier: name.clone(),
            file: (options.display_path)(&workspace.file(reference.file).path),
            windows: strings(capability.window_patterns()),
            webviews: strings(capability.webview_patterns()),
            local: capability.is_local(),
            remote: strings(capability.remote_urls()),
            platforms: capability
                .platforms
                .as_ref()
                .map(|list| list.value.iter().map(|item| item.value.name()).collect()),
            errors: resolution.errors().count(),
        });
        let mut contexts = Vec::new();
        if capability.is_local() {
            contexts.push("local".to_owned());
        }
        contexts.extend(capability.remote_urls().iter().map(|url| url.value.clone()));
        let mut windows = strings(capability.window_patterns());
        windows.sort();
        let mut webviews = strings(capability.webview_patterns());
        webviews.sort();
        for grant in resolution.grants() {
            let target = if grant.is_deny {
                &mut resolved.denied_commands
            } else {
                &mut resolved.allowed_commands
            };
            for context in &contexts {
                target
                    .entry(grant.command.clone())
                    .or_default()
                    .push(ResolvedCommand {
                        context: context.clone(),
                        windows: windows.clone(),
                        webviews: webviews.clone(),
                        capability: name.clone(),
                        permission: grant.permission.identifier.clone(),
                        scope: grant.scope.as_deref().map(scope_json),
                    });
            }
        }
        for scope in resolution.global_scopes() {
            let global = resolved.global_scope.entry(scope.key.clone()).or_default();
            global.allow.extend(scope.scope.allow.iter().cloned());
            global.deny.extend(scope.scope.deny.iter().cloned());
        }
    }
    let labels: Vec<String> = match &options.window {
        Some(window) => vec![window.clone()],
        None => {
            let mut labels: Vec<String> = app
                .window_labels(Some(platform))
                .map(|label| label.label.clone())
                .collect::<BTreeSet<_>>()
                .into_iter()
                .collect();
            labels.sort();
            labels
        }
    };
    let windows = labels
        .into_iter()
        .map(|label| explain_window(workspace, &active, &label, options))
        .collect();
    PlatformExplanation {
        platform: platform.name(),
        capabilities: summaries,
        has_app_acl: app.catalogue.has_app_manifest(),
        app_commands_unchecked: authority::app_commands_unchecked(app, &Origin::Local),
        windows,
        resolved,
    }
}

fn explain_window(
    workspace: &Workspace,
    active: &[(CapabilityRef, Resolution)],
    label: &str,
    options: &ExplainOptions<'_>,
) -> WindowExplanation {
    let origin = Origin::Local;
    let mut capabilities = Vec::new();
    let mut allowed: BTreeMap<String, Vec<GrantExplanation>> = BTreeMap::new();
    let mut denied: BTreeMap<String, Vec<GrantExplanation>> = BTreeMap::new();
    for (reference, resolution) in active {
        let Some(capability) = resolver::capability(workspace, *reference) else {
            continue;
        };
        let applies = resolver::capability_applies(capability, label, label, &origin);
        let origin_matches = resolver::origin_matches(capability, &origin);
        if applies {
            capabilities.push(capability.identifier().unwrap_or_default().to_owned());
        }
        for grant in resolution.grants() {
            let explanation =
                || grant_explanation(workspace, capability, &grant, options.display_path);
            if grant.is_deny && origin_matches {
                denied
                    .entry(grant.command.clone())
                    .or_default()
                    .push(explanation());
            } else if !grant.is_deny && applies {
                allowed
                    .entry(grant.command.clone())
                    .or_default()
                    .push(explanation());
            }
        }
    }
    let allowed = allowed
        .into_iter()
        .filter(|(command, _)| !denied.contains_key(command))
        .map(|(command, by)| CommandExplanation { command, by })
        .collect();
    let denied = denied
        .into_iter()
        .map(|(command, by)| CommandExplanation { command, by })
        .collect();
    WindowExplanation {
        label: label.to_owned(),
        webview: label.to_owned(),
        capabilities,
        allowed,
        denied,
    }
}

/// How one grant reaches a capability, with paths shown by `display_path`.
pub(crate) fn grant_explanation(
    workspace: &Workspace,
    capability: &crate::model::Capability,
    grant: &AtEntry<'_, Grant>,
    display_path: &dyn Fn(&Path) -> String,
) -> GrantExplanation {
    let entry = capability
        .entries()
        .get(grant.entry)
        .map(|entry| entry.identifier.value.clone())
        .unwrap_or_default();
    let definition = workspace.file(grant.permission.file);
    let line = definition
        .line_index
        .line_col(grant.permission.range.start())
        .line
        + 1;
    GrantExplanation {
        capability: capability.identifier().unwrap_or_default().to_owned(),
        entry,
        permission: grant.permission.qualified(),
        via: grant
            .chain
            .iter()
            .map(|step| {
                if step.key == APP_KEY {
                    step.name.clone()
                } else {
                    format!("{}:{}", step.key, step.name)
                }
            })
            .collect(),
        scope: grant.scope.as_deref().map(scope_json),
        defined_at: format!("{}:{line}", display_path(&definition.path)),
    }
}

pub(crate) fn scope_json(scope: &resolver::Scope) -> ScopeJson {
    ScopeJson {
        allow: scope.allow.clone(),
        deny: scope.deny.clone(),
    }
}
