//! Least-privilege capabilities from usage, behind `tauri-acl usage --suggest`: each
//! capability file rewritten with the same identifier, windows, webviews, platforms and
//! scopes, but only the permissions the frontend's calls need.
//!
//! Per entry ([`resolver::usage::EntryUsage`]): an entry none of whose commands is
//! called is dropped; one whose commands are all called is kept as written; a set or
//! default only partly called is replaced by the single-command permissions of the
//! commands called (`allow-*`), each keeping the entry's scope, or kept whole when some
//! called command has no such permission. Entries that allow nothing (deny-only,
//! scope-only) and entries no claim can be made about are kept. A called command no
//! capability grants gets its `allow-*` permission in the capability for the app's
//! windows. Nothing is written: the caller prints the text.

use std::collections::BTreeSet;
use std::path::Path;

use schemars::JsonSchema;
use serde::Serialize;

use super::World;
use crate::model::{Capability, PermissionEntry};
use crate::resolver::authority::command_target;
use crate::resolver::usage::{AppUsage, app_usage, home_capability, single_permission};
use crate::resolver::{self, CapabilityRef};
use crate::syntax::SourceFormat;
use crate::text::slice;
use crate::workspace::{App, FileKind, Workspace};

#[derive(Debug, Serialize, JsonSchema)]
pub struct Suggestion {
    pub apps: Vec<AppSuggestion>,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct AppSuggestion {
    pub name: String,
    pub root: String,
    /// Why nothing is suggested (no frontend package), when so.
    pub skipped: Option<String>,
    pub capabilities: Vec<SuggestedCapability>,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct SuggestedCapability {
    pub identifier: String,
    /// The capability file it replaces.
    pub file: String,
    /// The capability as JSON, ready to replace the original (a file holding several
    /// capabilities gets one object per capability).
    pub text: String,
    /// Entries left out: none of their commands is called.
    pub dropped: Vec<String>,
    /// Sets and defaults replaced by the permissions of the commands called.
    pub narrowed: Vec<Narrowed>,
    /// Permissions added for calls no capability granted.
    pub added: Vec<String>,
    /// Entries only partly called, kept whole, with why.
    pub kept_whole: Vec<KeptWhole>,
    /// Whether every claim behind it is certain (no call the scan could not pin down).
    pub certain: bool,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct Narrowed {
    pub entry: String,
    pub into: Vec<String>,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct KeptWhole {
    pub entry: String,
    pub reason: String,
}

/// The least-privilege capabilities of every app of the world.
pub fn suggest(world: &World, display_path: &dyn Fn(&Path) -> String) -> Suggestion {
    let workspace = world.workspace.as_ref();
    Suggestion {
        apps: workspace
            .apps
            .iter()
            .map(|app| {
                let usage = app_usage(workspace, app, &world.resolutions);
                let mut suggestion = AppSuggestion {
                    name: app.name(),
                    root: display_path(&app.root),
                    skipped: None,
                    capabilities: Vec::new(),
                };
                if !usage.is_frontend_seen() {
                    suggestion.skipped = Some(if usage.has_frontend {
                        "no call of Tauri's API was found in the frontend package, so the frontend lives elsewhere and its calls are unknown".to_owned()
                    } else {
                        "the app has no frontend package beside it, so its calls are unknown"
                            .to_owned()
                    });
                    return suggestion;
                }
                let home = home_capability(workspace, app);
                for reference in resolver::all_capabilities(workspace, app) {
                    if workspace.file(reference.file).kind != FileKind::Capability {
                        continue;
                    }
                    if let Some(capability) = suggest_capability(
                        workspace,
                        app,
                        &usage,
                        reference,
                        home == Some(reference),
                        display_path,
                    ) {
                        suggestion.capabilities.push(capability);
                    }
                }
                suggestion
            })
            .collect(),
    }
}

fn suggest_capability(
    workspace: &Workspace,
    app: &App,
    usage: &AppUsage,
    reference: CapabilityRef,
    is_home: bool,
    display_path: &dyn Fn(&Path) -> String,
) -> Option<SuggestedCapability> {
    let capability = resolver::capability(workspace, reference)?;
    let source = workspace.file(reference.file);
    let mut suggested = SuggestedCapability {
        identifier: capability.identifier().unwrap_or("?").to_owned(),
        file: display_path(&source.path),
        text: String::new(),
        dropped: Vec::new(),
        narrowed: Vec::new(),
        added: Vec::new(),
        kept_whole: Vec::new(),
        certain: usage.unknown_calls.is_empty(),
    };
    let mut entries: Vec<String> = Vec::new();
    let mut named: BTreeSet<String> = BTreeSet::new();
    for (index, entry) in capability.entries().iter().enumerate() {
        let written = entry.identifier.value.clone();
        let Some(entry_usage) = usage.entry(reference, index) else {
            entries.push(entry_text(workspace, reference, entry));
            named.insert(written);
            continue;
        };
        if !entry_usage.is_checkable || entry_usage.granted_commands.is_empty() {
            entries.push(entry_text(workspace, reference, entry));
            named.insert(written);
            continue;
        }
        if entry_usage.used_commands.is_empty() {
            // A call of this plugin's JavaScript package whose commands are not mapped
            // surely needs some of them: keep the entry rather than break the call.
            let package_call = usage.unknown_calls.iter().find(|call| {
                call.keys.is_some() && entry_usage.keys.iter().any(|key| call.may_reach(key))
            });
            if let Some(call) = package_call {
                suggested.kept_whole.push(KeptWhole {
                    entry: written.clone(),
                    reason: format!("the frontend makes {}", call.what),
                });
                entries.push(entry_text(workspace, reference, entry));
                named.insert(written);
            } else {
                suggested.dropped.push(written);
            }
            continue;
        }
        if entry_usage.used_commands.len() == entry_usage.granted_commands.len() {
            entries.push(entry_text(workspace, reference, entry));
            named.insert(written);
            continue;
        }
        // Partly called: the single-command permissions of what is called, when each
        // command has one and the entry is more than one permission.
        let singles: Option<Vec<String>> = entry_usage
            .used_commands
            .iter()
            .map(|command| single_permission(app, &command_target(app, command)))
            .collect();
        match singles {
            Some(singles) if !singles.contains(&written) => {
                let mut into = Vec::new();
                for single in singles {
                    if named.insert(single.clone()) {
                        entries.push(scoped_text(workspace, reference, entry, &single));
                        into.push(single);
                    }
                }
                suggested.narrowed.push(Narrowed {
                    entry: written,
                    into,
                });
            }
            Some(_) => {
                entries.push(entry_text(workspace, reference, entry));
                named.insert(written);
            }
            None => {
                suggested.kept_whole.push(KeptWhole {
                    entry: written.clone(),
                    reason: "a command it allows that is called has no permission of its own"
                        .to_owned(),
                });
                entries.push(entry_text(workspace, reference, entry));
                named.insert(written);
            }
        }
    }
    if is_home {
        for command in usage
            .commands
            .iter()
            .filter(|it| !it.ungranted_on.is_empty())
        {
            if let Some(permission) = single_permission(app, &command.target)
                && named.insert(permission.clone())
            {
                entries.push(json_string(&permission));
                suggested.added.push(permission);
            }
        }
    }
    suggested.text = capability_text(workspace, reference, capability, &entries);
    Some(suggested)
}

/// The entry as written (JSON and JSON5), or as JSON (TOML).
fn entry_text(workspace: &Workspace, reference: CapabilityRef, entry: &PermissionEntry) -> String {
    let source = workspace.file(reference.file);
    match (source.format, &source.parse) {
        (Some(SourceFormat::Toml), Some(parse)) | (None, Some(parse)) => {
            serde_json::to_string(&parse.tree.to_json(entry.node)).unwrap_or_default()
        }
        (_, Some(parse)) => match slice(&source.text, parse.tree.range(entry.node)) {
            "" => json_string(&entry.identifier.value),
            text => text.to_owned(),
        },
        (_, None) => json_string(&entry.identifier.value),
    }
}

/// `identifier` with the scope `entry` has, if any.
fn scoped_text(
    workspace: &Workspace,
    reference: CapabilityRef,
    entry: &PermissionEntry,
    identifier: &str,
) -> String {
    let source = workspace.file(reference.file);
    let Some(parse) = &source.parse else {
        return json_string(identifier);
    };
    let tree = &parse.tree;
    let mut parts = vec![format!("\"identifier\": {}", json_string(identifier))];
    for key in ["allow", "deny"] {
        if let Some(node) = tree.get(entry.node, key) {
            let value = serde_json::to_string(&tree.to_json(node)).unwrap_or_default();
            parts.push(format!("\"{key}\": {value}"));
        }
    }
    if parts.len() == 1 {
        json_string(identifier)
    } else {
        format!("{{ {} }}", parts.join(", "))
    }
}

/// The capability object with its members in their order, `permissions` replaced.
fn capability_text(
    workspace: &Workspace,
    reference: CapabilityRef,
    capability: &Capability,
    entries: &[String],
) -> String {
    let source = workspace.file(reference.file);
    let permissions = if entries.is_empty() {
        "[]".to_owned()
    } else {
        format!("[\n    {}\n  ]", entries.join(",\n    "))
    };
    let Some(parse) = &source.parse else {
        return String::new();
    };
    let tree = &parse.tree;
    let is_toml = source.format == Some(SourceFormat::Toml);
    let mut members = Vec::new();
    let mut has_permissions = false;
    for member in tree.object(capability.node).unwrap_or_default() {
        let value = if member.key == "permissions" {
            has_permissions = true;
            permissions.clone()
        } else if is_toml {
            serde_json::to_string(&tree.to_json(member.value)).unwrap_or_default()
        } else {
            slice(&source.text, tree.range(member.value)).to_owned()
        };
        members.push(format!("  {}: {value}", json_string(&member.key)));
    }
    if !has_permissions {
        members.push(format!("  \"permissions\": {permissions}"));
    }
    format!("{{\n{}\n}}\n", members.join(",\n"))
}

fn json_string(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_default()
}
