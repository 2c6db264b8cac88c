//! The usage report behind `tauri-acl usage`: per app, every command the frontend
//! calls with its call sites and what grants it, the capability entries nobody uses,
//! the calls nobody grants, and the calls the scan could not pin to commands.
//!
//! Plain data from [`resolver::usage`]; locations are `path:line:column` strings made
//! with the caller's path display.

use std::path::Path;

use schemars::JsonSchema;
use serde::Serialize;

use super::World;
use crate::resolver::usage::{AppUsage, CallSite, EntryRef, app_usage};
use crate::resolver::{self, CapabilityRef};
use crate::text::TextRange;
use crate::workspace::{App, FileId, Workspace};

#[derive(Debug, Serialize, JsonSchema)]
pub struct UsageReport {
    pub apps: Vec<AppUsageReport>,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct AppUsageReport {
    pub name: String,
    pub root: String,
    /// The frontend package's folder; `None` when the app has none (nothing is claimed).
    pub frontend: Option<String>,
    /// How many of its files use Tauri's JavaScript API.
    pub frontend_files: usize,
    /// Whether any call was found in the frontend; when none was, the frontend lives
    /// elsewhere and nothing is claimed unused.
    pub frontend_seen: bool,
    /// Where the commands of each Tauri JavaScript package the frontend depends on
    /// come from (`2.6.0 from node_modules`), by package name.
    pub js_api: Vec<(String, String)>,
    /// Whether every call could be pinned to commands; when not, unused claims are
    /// uncertain.
    pub complete: bool,
    /// Every command called, sorted by Tauri's name.
    pub commands: Vec<CommandReport>,
    /// Per capability: how many of the commands it allows are called.
    pub capabilities: Vec<CapabilityReport>,
    /// Entries none of whose commands is called.
    pub unused: Vec<UnusedEntry>,
    /// Commands called that Tauri refuses on every platform of the app (what
    /// `ungranted-call` reports); partly granted ones show in `commands`.
    pub ungranted: Vec<UngrantedCommand>,
    /// Calls that may reach commands the scan cannot name.
    pub unknown_calls: Vec<UnknownCallReport>,
    /// `convertFileSrc` calls.
    pub convert_file_src: Vec<String>,
    /// Commands the app's `generate_handler!`s register, with whether that list is
    /// complete.
    pub registered: Vec<String>,
    pub registered_is_complete: bool,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct CommandReport {
    /// Tauri's name: `plugin:fs|read_text_file`, `greet`.
    pub command: String,
    /// The manifest key its permissions belong to (`fs`, `core:window`, `__app__`).
    pub key: String,
    pub calls: Vec<CallReport>,
    /// False for the app's own commands when the app defines no permissions: Tauri
    /// lets its local pages call them without any capability.
    pub checked: bool,
    pub allowed_by: Vec<GrantReport>,
    pub denied_by: Vec<GrantReport>,
    pub ungranted_on: Vec<&'static str>,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct CallReport {
    pub location: String,
    pub certain: bool,
    /// The wrapper calls it goes through, outermost first.
    pub via: Vec<String>,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct GrantReport {
    pub capability: String,
    /// The entry as written in the capability.
    pub entry: String,
    /// The permission it reaches that names the command.
    pub permission: String,
    pub platforms: Vec<&'static str>,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct CapabilityReport {
    pub identifier: String,
    pub file: String,
    /// Commands some call reaches among those its entries allow.
    pub used: usize,
    pub granted: usize,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct UnusedEntry {
    pub capability: String,
    pub entry: String,
    pub location: String,
    pub granted_commands: Vec<String>,
    pub certain: bool,
    /// Why it may be used after all, when not certain.
    pub uncertain_because: Option<String>,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct UngrantedCommand {
    pub command: String,
    pub platforms: Vec<&'static str>,
    pub calls: Vec<String>,
    /// The permission that would allow it alone (`fs:allow-remove`), when there is one.
    pub permission: Option<String>,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct UnknownCallReport {
    pub location: String,
    pub what: String,
}

/// The usage report of every app of the world.
pub fn usage(world: &World, display_path: &dyn Fn(&Path) -> String) -> UsageReport {
    let workspace = world.workspace.as_ref();
    UsageReport {
        apps: workspace
            .apps
            .iter()
            .map(|app| {
                let usage = app_usage(workspace, app, &world.resolutions);
                app_report(workspace, app, &usage, display_path)
            })
            .collect(),
    }
}

fn app_report(
    workspace: &Workspace,
    app: &App,
    usage: &AppUsage,
    display_path: &dyn Fn(&Path) -> String,
) -> AppUsageReport {
    let location = |file: FileId, range: TextRange| {
        let source = workspace.file(file);
        let position = source.line_index.line_col(range.start());
        format!(
            "{}:{}:{}",
            display_path(&source.path),
            position.line + 1,
            position.col + 1
        )
    };
    let call = |site: &CallSite| CallReport {
        location: location(site.file, site.range),
        certain: site.certain,
        via: site
            .via
            .iter()
            .map(|(file, range)| location(*file, *range))
            .collect(),
    };
    let entry_text = |capability: CapabilityRef, entry: usize| {
        resolver::capability(workspace, capability)
            .and_then(|it| it.entries().get(entry))
            .map_or_else(String::new, |it| it.identifier.value.clone())
    };
    let grant = |it: &EntryRef| GrantReport {
        capability: capability_name(workspace, it.capability),
        entry: entry_text(it.capability, it.entry),
        permission: it.permission.clone(),
        platforms: it
            .platforms
            .iter()
            .map(|platform| platform.name())
            .collect(),
    };
    let commands: Vec<CommandReport> = usage
        .commands
        .iter()
        .map(|command| CommandReport {
            command: command.target.command.clone(),
            key: command.target.key.clone(),
            calls: command.sites.iter().map(call).collect(),
            checked: command.is_checked,
            allowed_by: command.allowed_by.iter().map(grant).collect(),
            denied_by: command.denied_by.iter().map(grant).collect(),
            ungranted_on: command.ungranted_on.iter().map(|it| it.name()).collect(),
        })
        .collect();
    let mut capabilities: Vec<CapabilityReport> = Vec::new();
    for reference in resolver::all_capabilities(workspace, app) {
        let mut granted = std::collections::BTreeSet::new();
        let mut used = std::collections::BTreeSet::new();
        for entry in usage.capability_entries(reference) {
            granted.extend(entry.granted_commands.iter());
            used.extend(entry.used_commands.iter());
        }
        capabilities.push(CapabilityReport {
            identifier: capability_name(workspace, reference),
            file: display_path(&workspace.file(reference.file).path),
            used: used.len(),
            granted: granted.len(),
        });
    }
    let unused = if usage.is_frontend_seen() {
        usage
            .entries
            .iter()
            .filter(|entry| entry.is_unused())
            .filter_map(|entry| {
                let capability = resolver::capability(workspace, entry.capability)?;
                let written = capability.entries().get(entry.entry)?;
                let because = entry.unknown_use.clone();
                Some(UnusedEntry {
                    capability: capability.identifier().unwrap_or("?").to_owned(),
                    entry: written.identifier.value.clone(),
                    location: location(entry.capability.file, written.range),
                    granted_commands: entry.granted_commands.clone(),
                    certain: because.is_none(),
                    uncertain_because: because,
                })
            })
            .collect()
    } else {
        Vec::new()
    };
    let ungranted = usage
        .commands
        .iter()
        .filter(|command| command.is_ungranted_everywhere(app))
        .map(|command| UngrantedCommand {
            command: command.target.command.clone(),
            platforms: command.ungranted_on.iter().map(|it| it.name()).collect(),
            calls: command
                .sites
                .iter()
                .map(|site| location(site.file, site.range))
                .collect(),
            permission: resolver::usage::single_permission(app, &command.target),
        })
        .collect();
    AppUsageReport {
        name: app.name(),
        root: display_path(&app.root),
        frontend: app.frontend_package.as_deref().map(display_path),
        frontend_files: app.frontend_files.len(),
        frontend_seen: usage.is_frontend_seen(),
        js_api: app
            .js_api()
            .packages()
            .map(|(name, source)| (name.to_owned(), source.to_string()))
            .collect(),
        complete: usage.unknown_calls.is_empty(),
        commands,
        capabilities,
        unused,
        ungranted,
        unknown_calls: usage
            .unknown_calls
            .iter()
            .map(|call| UnknownCallReport {
                location: location(call.site.file, call.site.range),
                what: call.what.clone(),
            })
            .collect(),
        convert_file_src: usage
            .convert_file_src
            .iter()
            .map(|site| location(site.file, site.range))
            .collect(),
        registered: usage
            .registered
            .iter()
            .map(|command| command.name.clone())
            .collect(),
        registered_is_complete: usage.registered_is_complete,
    }
}

fn capability_name(workspace: &Workspace, reference: CapabilityRef) -> String {
    resolver::capability(workspace, reference)
        .and_then(crate::model::Capability::identifier)
        .unwrap_or("?")
        .to_owned()
}
