//! Hover: what a name means to Tauri, as markdown.
//!
//! - A permission identifier (a capability entry, a set member, a `[[permission]]` or
//!   `[[set]]` identifier): its description as written, the commands it allows and
//!   denies under Tauri's resolved names (`plugin:fs|read_file`), its scope (the entry's
//!   first, then the permission's, as Tauri merges them), the platforms it is limited to,
//!   and for a set or default every permission it expands to with the chain of sets in
//!   between; then where it is defined and where the plugin's catalogue came from.
//! - A window label: the capabilities that apply to that window and how many commands it
//!   may call, per platform when platforms differ. A label pattern: the labels it matches.
//! - A capability identifier (its own, or a reference in the config): its windows,
//!   webviews, platforms, origins, entries, and the commands it grants per platform.
//! - A command in a manifest: the name the frontend invokes it by.
//! - A capability entry, when the app has a frontend: after what it means, the frontend
//!   calls that need it (per command it allows, their call sites), or that no call found
//!   reaches it and what may still (a computed `invoke`, a remote page).
//!
//! An identifier Tauri cannot resolve hovers with nothing: the diagnostics say why.
//! Locations are rendered by a caller-supplied link target (the language server makes
//! `file://` URIs), or as plain `path:line` text.
//!
//! Invariant: no protocol types, no URIs, no IO.

use std::collections::BTreeSet;
use std::fmt::Write;
use std::path::Path;

use super::cursor::{CursorKind, ManifestSlot, cursor};
use super::explain::{ExplainOptions, explain};
use super::symbol::{
    NameAt, PermissionSymbol, Place, Symbol, definitions, manifest_key, name_at, qualified,
};
use super::wording::plural;
use super::{FilePosition, World};
use crate::model::Spanned;
use crate::model::capability::{Capability, EntryScope};
use crate::model::identifier::Identifier;
use crate::model::manifest::Permission;
use crate::resolver::expand::{ExpandError, Step, expand};
use crate::resolver::lookup::NameKind;
use crate::resolver::usage::app_usage;
use crate::resolver::{self, CapabilityRef, command_name};
use crate::text::{TextRange, TextSize};
use crate::workspace::catalogue::{APP_KEY, PluginSource};
use crate::workspace::rust_scan::LabelKind;
use crate::workspace::{App, FileId, FileModel, Workspace};

/// The markdown shown for the name at a position, and the range it describes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HoverResult {
    /// The literal hovered, quotes included.
    pub range: TextRange,
    pub markdown: String,
}

/// The hover at `position`, with locations written as plain `path:line`.
pub fn hover(world: &World, position: FilePosition) -> Option<HoverResult> {
    hover_with_links(world, position, &|_, _| None)
}

/// The hover at `position`. `link_target(path, line)` gives the target of a link to a
/// one-based line of a file; where it gives `None`, the location is plain text.
pub fn hover_with_links(
    world: &World,
    position: FilePosition,
    link_target: &dyn Fn(&Path, u32) -> Option<String>,
) -> Option<HoverResult> {
    let workspace = world.workspace.as_ref();
    let Some(name) = name_at(world, position) else {
        return command_hover(workspace, position, link_target);
    };
    let writer = Writer {
        workspace,
        app: name.app,
        link_target,
    };
    let markdown = match &name.symbol {
        Symbol::Permission(symbol) => writer.permission(world, &name, symbol)?,
        Symbol::Capability(identifier) => writer.capability(&name, identifier)?,
        Symbol::Label {
            label, is_pattern, ..
        } => {
            if *is_pattern {
                writer.label_pattern(&name, label)
            } else {
                writer.label(world, &name, label)?
            }
        }
    };
    Some(HoverResult {
        range: name.range,
        markdown: markdown.trim_end().to_owned(),
    })
}

/// How many permissions of an expansion are listed before the rest are counted.
const MAX_LISTED: usize = 20;

/// How many call sites of one command an entry's hover lists before it counts the rest.
const MAX_SITES: usize = 5;

struct Writer<'a> {
    workspace: &'a Workspace,
    app: &'a App,
    link_target: &'a dyn Fn(&Path, u32) -> Option<String>,
}

impl Writer<'_> {
    fn permission(
        &self,
        world: &World,
        name: &NameAt<'_>,
        symbol: &PermissionSymbol,
    ) -> Option<String> {
        let plugin = self.app.catalogue.get(&symbol.key)?;
        let mut out = String::new();
        let owner = if symbol.key == APP_KEY {
            "the app".to_owned()
        } else {
            format!("plugin `{}`", symbol.key)
        };
        let what = match symbol.kind {
            NameKind::Default => "default set",
            NameKind::Set => "set",
            NameKind::Permission => "permission",
        };
        let _ = writeln!(out, "**`{}`** · {what} of {owner}\n", symbol.qualified());
        let description = match symbol.kind {
            NameKind::Default => plugin
                .default
                .as_ref()
                .and_then(|default| default.value.description.as_ref()),
            NameKind::Set => plugin
                .sets
                .get(&symbol.name)
                .and_then(|set| set.value.description.as_ref()),
            NameKind::Permission => plugin
                .permissions
                .get(&symbol.name)
                .and_then(|permission| permission.value.description.as_ref()),
        };
        if let Some(description) = description.filter(|text| !text.value.trim().is_empty()) {
            let _ = writeln!(out, "{}\n", description.value.trim());
        }
        let entry_scope = self.entry_scope(name.place);
        match symbol.kind {
            NameKind::Permission => {
                let permission = &plugin.permissions.get(&symbol.name)?.value;
                self.permission_details(&symbol.key, permission, entry_scope, &mut out);
            }
            NameKind::Default | NameKind::Set => {
                self.expansion(symbol, entry_scope, &mut out);
            }
        }
        self.entry_usage(world, name.place, &mut out);
        let definition = definitions(
            self.workspace,
            self.app,
            &Symbol::Permission(symbol.clone()),
        );
        if let PluginSource::Bundled { name, .. } = &plugin.source {
            // The bundled catalogue holds facts only; the prose lives in the crate.
            let _ = writeln!(
                out,
                "From {} · the description can be read once `{name}` is unpacked (`cargo fetch`)",
                plugin.source.describe()
            );
        } else if let Some(target) = definition.first() {
            let _ = writeln!(
                out,
                "Defined at {} · from {}",
                self.location(
                    target.file,
                    target.focus_range.start(),
                    Some(&plugin.source)
                ),
                plugin.source.describe()
            );
        }
        if let Some(platforms) = &plugin.platforms {
            let names: Vec<&str> = platforms.iter().map(|platform| platform.name()).collect();
            let _ = writeln!(
                out,
                "\nThe app depends on `{}` only on {}.",
                symbol.key,
                code_list(&names)
            );
        }
        Some(out)
    }

    /// For a capability entry, when the app has a frontend: the calls that need it, per
    /// command it allows, or that none does (and why that may not be the whole story).
    fn entry_usage(&self, world: &World, place: Place, out: &mut String) {
        let Place::CapabilityEntry { capability, entry } = place else {
            return;
        };
        if self.app.frontend_package.is_none() {
            return;
        }
        let usage = app_usage(self.workspace, self.app, &world.resolutions);
        let Some(entry) = usage.entry(capability, entry) else {
            return;
        };
        let granted = entry.granted_commands.len();
        if !entry.is_checkable || granted == 0 {
            return;
        }
        if entry.used_commands.is_empty() {
            let allows = match granted {
                1 => "the command it allows".to_owned(),
                _ => format!("any of the {granted} commands it allows"),
            };
            let _ = write!(out, "No frontend call found reaches {allows}");
            match &entry.unknown_use {
                Some(why) => {
                    let _ = writeln!(out, "; it may still be used: {why}.\n");
                }
                None => out.push_str(".\n\n"),
            }
            return;
        }
        let used = entry.used_commands.len();
        if used == granted {
            out.push_str("Frontend calls that need it:\n");
        } else {
            let _ = writeln!(
                out,
                "Frontend calls that need it ({used} of the {granted} commands it allows are called):"
            );
        }
        for command in &entry.used_commands {
            let Some(called) = usage.command(command) else {
                continue;
            };
            let mut sites: Vec<String> = called
                .sites
                .iter()
                .take(MAX_SITES)
                .map(|site| {
                    let place = self.location(site.file, site.range.start(), None);
                    if site.certain {
                        place
                    } else {
                        format!("{place} (uncertain)")
                    }
                })
                .collect();
            if called.sites.len() > MAX_SITES {
                sites.push(format!("and {} more", called.sites.len() - MAX_SITES));
            }
            let _ = writeln!(out, "- `{command}`: {}", sites.join(", "));
        }
        out.push('\n');
    }

    /// The entry's own scope, when the name is an entry of the object form.
    fn entry_scope(&self, place: Place) -> Option<&EntryScope> {
        let Place::CapabilityEntry { capability, entry } = place else {
            return None;
        };
        resolver::capability(self.workspace, capability)?
            .entries()
            .get(entry)?
            .scope
            .as_ref()
    }

    fn permission_details(
        &self,
        key: &str,
        permission: &Permission,
        entry_scope: Option<&EntryScope>,
        out: &mut String,
    ) {
        let commands = |list: &[Spanned<String>]| -> Vec<String> {
            list.iter()
                .map(|command| command_name(key, &command.value))
                .collect()
        };
        let allowed = commands(&permission.commands_allow);
        let denied = commands(&permission.commands_deny);
        if !allowed.is_empty() {
            let _ = writeln!(out, "Allows {}\n", code_list(&allowed));
        }
        if !denied.is_empty() {
            let _ = writeln!(out, "Denies {}\n", code_list(&denied));
        }
        if permission.is_scope_only() {
            let owner = if key == APP_KEY { "the app" } else { key };
            let _ = writeln!(
                out,
                "No commands: its scope joins the global scope of `{owner}`.\n"
            );
        }
        if let Some(scope) = merged_scope(entry_scope, permission) {
            let heading = if entry_scope.is_some_and(has_scope) {
                "Scope (the entry's first, then the permission's):"
            } else {
                "Scope:"
            };
            let _ = writeln!(out, "{heading}\n```json\n{scope}\n```\n");
        }
        if let Some(platforms) = &permission.platforms {
            let names: Vec<&str> = platforms
                .value
                .iter()
                .map(|platform| platform.value.name())
                .collect();
            let _ = writeln!(out, "Only on {}\n", code_list(&names));
        }
    }

    fn expansion(
        &self,
        symbol: &PermissionSymbol,
        entry_scope: Option<&EntryScope>,
        out: &mut String,
    ) {
        let Ok(identifier) = Identifier::parse(&symbol.qualified()) else {
            return;
        };
        let expansion = expand(&self.app.catalogue, &identifier, None);
        let count = expansion.leaves.len();
        match count {
            0 => out.push_str("Expands to no permission.\n\n"),
            1 => out.push_str("Expands to 1 permission:\n"),
            _ => {
                let _ = writeln!(out, "Expands to {count} permissions:");
            }
        }
        for leaf in expansion.leaves.iter().take(MAX_LISTED) {
            let permission = &leaf.permission.value;
            let mut path: Vec<String> = leaf.chain.iter().map(step_name).collect();
            path.push(qualified(&leaf.key, &permission.identifier.value));
            let mut parts = Vec::new();
            let allowed: Vec<String> = permission
                .commands_allow
                .iter()
                .map(|command| command_name(&leaf.key, &command.value))
                .collect();
            let denied: Vec<String> = permission
                .commands_deny
                .iter()
                .map(|command| command_name(&leaf.key, &command.value))
                .collect();
            if !allowed.is_empty() {
                parts.push(format!("allows {}", code_list(&allowed)));
            }
            if !denied.is_empty() {
                parts.push(format!("denies {}", code_list(&denied)));
            }
            if let Some(scope) = merged_scope(entry_scope, permission) {
                let what = if permission.is_scope_only() {
                    "global scope"
                } else {
                    "scope"
                };
                parts.push(format!("{what} `{scope}`"));
            }
            if let Some(platforms) = &permission.platforms {
                let names: Vec<&str> = platforms
                    .value
                    .iter()
                    .map(|platform| platform.value.name())
                    .collect();
                parts.push(format!("only on {}", code_list(&names)));
            }
            let path: Vec<String> = path.iter().map(|step| format!("`{step}`")).collect();
            let _ = writeln!(out, "- {}: {}", path.join(" › "), parts.join("; "));
        }
        if count > MAX_LISTED {
            let _ = writeln!(out, "- … and {} more", count - MAX_LISTED);
        }
        if count > 0 {
            out.push('\n');
        }
        if !expansion.errors.is_empty() {
            out.push_str("Problems:\n");
            for error in &expansion.errors {
                let _ = writeln!(out, "- {}", describe_error(error));
            }
            out.push('\n');
        }
    }

    fn capability(&self, name: &NameAt<'_>, identifier: &str) -> Option<String> {
        let reference = match name.place {
            Place::CapabilityIdentifier { capability } => capability,
            _ => resolver::all_capabilities(self.workspace, self.app)
                .into_iter()
                .find(|reference| {
                    resolver::capability(self.workspace, *reference)
                        .and_then(Capability::identifier)
                        .is_some_and(|found| found == identifier)
                })?,
        };
        let capability = resolver::capability(self.workspace, reference)?;
        let mut out = format!("**`{identifier}`** · capability\n\n");
        if let Some(description) = capability
            .description
            .as_ref()
            .filter(|text| !text.value.trim().is_empty())
        {
            let _ = writeln!(out, "{}\n", description.value.trim());
        }
        let strings = |list: &[Spanned<String>]| -> Vec<String> {
            list.iter().map(|item| item.value.clone()).collect()
        };
        let windows = strings(capability.window_patterns());
        let webviews = strings(capability.webview_patterns());
        let mut targets = Vec::new();
        if !windows.is_empty() {
            targets.push(format!("windows {}", code_list(&windows)));
        }
        if !webviews.is_empty() {
            targets.push(format!("webviews {}", code_list(&webviews)));
        }
        if targets.is_empty() {
            out.push_str("Applies to no window or webview.\n\n");
        } else {
            let _ = writeln!(out, "Applies to {}.\n", targets.join(" and "));
        }
        let platforms = match &capability.platforms {
            Some(list) => {
                let names: Vec<&str> = list.value.iter().map(|item| item.value.name()).collect();
                code_list(&names)
            }
            None => "every platform".to_owned(),
        };
        let remote = strings(capability.remote_urls());
        let origin = match (capability.is_local(), remote.is_empty()) {
            (true, true) => "local pages".to_owned(),
            (true, false) => format!("local pages and {}", code_list(&remote)),
            (false, true) => "no origin (`local` is false and there is no `remote`)".to_owned(),
            (false, false) => code_list(&remote),
        };
        let _ = writeln!(out, "Platforms: {platforms} · origins: {origin}\n");
        let entries = capability.entries().len();
        let _ = writeln!(
            out,
            "{entries} {}",
            if entries == 1 { "entry" } else { "entries" }
        );
        let summaries: Vec<(&'static str, String)> = self
            .app
            .platforms
            .iter()
            .map(|platform| {
                let summary = if !capability.is_active(*platform) {
                    "not active".to_owned()
                } else if !resolver::enabled_capabilities(self.workspace, self.app, *platform)
                    .contains(&reference)
                {
                    "not enabled: `app.security.capabilities` leaves it out".to_owned()
                } else {
                    self.command_counts(reference, *platform)
                };
                (platform.name(), summary)
            })
            .collect();
        write_per_platform(&summaries, &mut out);
        let _ = writeln!(
            out,
            "\nDefined at {}",
            self.location(reference.file, capability.focus_range().start(), None)
        );
        Some(out)
    }

    fn command_counts(&self, reference: CapabilityRef, platform: crate::model::Platform) -> String {
        let Some(resolution) = resolver::resolve(self.workspace, self.app, reference, platform)
        else {
            return "grants nothing".to_owned();
        };
        let allowed: BTreeSet<&str> = resolution
            .grants()
            .filter(|grant| !grant.is_deny)
            .map(|grant| grant.item.command.as_str())
            .collect();
        let denied: BTreeSet<&str> = resolution
            .grants()
            .filter(|grant| grant.is_deny)
            .map(|grant| grant.item.command.as_str())
            .collect();
        let mut text = format!("grants {}", plural(allowed.len(), "command", "commands"));
        if !denied.is_empty() {
            let _ = write!(text, ", denies {}", denied.len());
        }
        text
    }

    fn label(&self, world: &World, name: &NameAt<'_>, label: &str) -> Option<String> {
        let what = match name.symbol {
            Symbol::Label {
                scope: super::symbol::LabelScope::Webviews,
                ..
            } => "webview",
            _ => "window",
        };
        let mut out = format!("**`{label}`** · {what}\n\n");
        let sources = definitions(self.workspace, self.app, &name.symbol);
        if sources.is_empty() {
            out.push_str("No config window or builder call creates this label.\n\n");
        } else {
            let places: Vec<String> = sources
                .iter()
                .map(|target| {
                    let how = self
                        .app
                        .labels
                        .iter()
                        .find(|source| {
                            source.file == target.file && source.range == target.full_range
                        })
                        .map_or("", |source| {
                            if source.from_config {
                                " (config)"
                            } else {
                                match source.kind {
                                    LabelKind::WebviewWindow => " (webview window)",
                                    LabelKind::Window => " (window)",
                                    LabelKind::Webview => " (webview)",
                                }
                            }
                        });
                    format!(
                        "{}{how}",
                        self.location(target.file, target.focus_range.start(), None)
                    )
                })
                .collect();
            let _ = writeln!(out, "Created at {}\n", places.join(", "));
        }
        let display = |path: &Path| path.display().to_string();
        let options = ExplainOptions {
            platforms: None,
            window: Some(label.to_owned()),
            display_path: &display,
        };
        let index = self
            .workspace
            .apps
            .iter()
            .position(|app| std::ptr::eq(app.as_ref(), self.app))?;
        let explanation = explain(world, &options);
        let app_explanation = explanation.apps.get(index)?;
        let summaries: Vec<(&'static str, String)> = app_explanation
            .platforms
            .iter()
            .filter_map(|platform| {
                let window = platform.windows.first()?;
                let summary = if window.capabilities.is_empty() && platform.app_commands_unchecked {
                    "no capability applies, so it may call only the app's own commands (the app defines no permissions, so Tauri does not check them)".to_owned()
                } else if window.capabilities.is_empty() {
                    "no capability applies, so it may call no plugin command".to_owned()
                } else {
                    let mut text = format!(
                        "{} {}; may call {}",
                        if window.capabilities.len() == 1 {
                            "capability"
                        } else {
                            "capabilities"
                        },
                        code_list(&window.capabilities),
                        plural(window.allowed.len(), "command", "commands")
                    );
                    if !window.denied.is_empty() {
                        let _ = write!(text, ", {} denied", window.denied.len());
                    }
                    if platform.app_commands_unchecked {
                        text.push_str(
                            " and all of the app's own (the app defines no permissions, so Tauri does not check them)",
                        );
                    }
                    text
                };
                Some((platform.platform, summary))
            })
            .collect();
        write_per_platform(&summaries, &mut out);
        Some(out)
    }

    fn label_pattern(&self, name: &NameAt<'_>, pattern: &str) -> String {
        let mut out = format!("**`{pattern}`** · label pattern\n\n");
        let matches = definitions(self.workspace, self.app, &name.symbol);
        if matches.is_empty() {
            out.push_str("Matches no known label.");
        } else {
            let labels: Vec<String> = matches
                .iter()
                .map(|target| {
                    format!(
                        "- `{}` at {}",
                        target.name,
                        self.location(target.file, target.focus_range.start(), None)
                    )
                })
                .collect();
            let _ = write!(out, "Matches:\n{}", labels.join("\n"));
        }
        out
    }

    /// `path:line`, as a link when the caller can make one. Paths are shown relative to
    /// the folder holding the app (or, for a crate in a cargo home, to the registry
    /// folder, so the crate's name and version lead).
    fn location(&self, file: FileId, offset: TextSize, source: Option<&PluginSource>) -> String {
        let path = &self.workspace.file(file).path;
        let line = self.workspace.file(file).line_index.line_col(offset).line + 1;
        let crate_parent = match source {
            Some(PluginSource::Registry { dir, .. } | PluginSource::Git { dir, .. }) => {
                dir.parent()
            }
            _ => None,
        };
        // Tauri's build script sits at the root of the `tauri` crate, wherever that is.
        let core_crate_parent = match source {
            Some(PluginSource::CoreTable { .. }) => path.parent().and_then(Path::parent),
            _ => None,
        };
        let shown = [crate_parent, self.app.root.parent(), core_crate_parent]
            .into_iter()
            .flatten()
            .find_map(|base| path.strip_prefix(base).ok())
            .unwrap_or(path);
        let text = format!("{}:{line}", shown.display());
        match (self.link_target)(path, line) {
            Some(target) => format!("[{text}]({target})"),
            None => format!("`{text}`"),
        }
    }
}

/// A command in a manifest's `commands.allow`/`deny`: the name the frontend invokes.
fn command_hover(
    workspace: &Workspace,
    position: FilePosition,
    link_target: &dyn Fn(&Path, u32) -> Option<String>,
) -> Option<HoverResult> {
    let cursor = cursor(workspace, position.file, position.offset)?;
    if cursor.kind != CursorKind::Manifest(ManifestSlot::Command) {
        return None;
    }
    let token = cursor.token?;
    let app = workspace.app_of(position.file)?;
    let key = manifest_key(app, position.file)?;
    let owner = if key == APP_KEY {
        "the app".to_owned()
    } else {
        format!("plugin `{key}`")
    };
    let mut markdown = format!(
        "**`{}`** · command of {owner}\n\nInvoked as `{}`",
        token.value,
        command_name(key, &token.value)
    );
    if key == APP_KEY {
        let writer = Writer {
            workspace,
            app,
            link_target,
        };
        let found = app.rust_files.iter().find_map(|file| {
            let FileModel::Rust(scan) = &workspace.file(*file).model else {
                return None;
            };
            let command = scan
                .commands
                .iter()
                .find(|command| command.name == token.value)?;
            Some((*file, command.range))
        });
        match found {
            Some((file, range)) => {
                let _ = write!(
                    markdown,
                    "\n\nDefined at {}",
                    writer.location(file, range.start(), None)
                );
            }
            None => {
                markdown.push_str("\n\nNo `#[tauri::command]` of this name was found in `src/`.")
            }
        }
    }
    Some(HoverResult {
        range: token.range,
        markdown,
    })
}

/// One line when every platform says the same, else one line per group of platforms.
fn write_per_platform(summaries: &[(&'static str, String)], out: &mut String) {
    let mut groups: Vec<(Vec<&'static str>, &str)> = Vec::new();
    for (platform, summary) in summaries {
        match groups.iter_mut().find(|(_, existing)| *existing == summary) {
            Some((platforms, _)) => platforms.push(platform),
            None => groups.push((vec![platform], summary)),
        }
    }
    match groups.as_slice() {
        [] => {}
        [(_, summary)] => {
            let _ = writeln!(out, "On every checked platform: {summary}.");
        }
        _ => {
            for (platforms, summary) in groups {
                let _ = writeln!(out, "- {}: {summary}", platforms.join(", "));
            }
        }
    }
}

fn has_scope(scope: &EntryScope) -> bool {
    scope.allow.is_some() || scope.deny.is_some()
}

/// The scope Tauri gives a permission reached from an entry, as compact JSON.
fn merged_scope(entry_scope: Option<&EntryScope>, permission: &Permission) -> Option<String> {
    let scope = resolver::Scope::merged(entry_scope, permission)?;
    let mut object = serde_json::Map::new();
    if !scope.allow.is_empty() || scope.deny.is_empty() {
        object.insert("allow".to_owned(), serde_json::Value::Array(scope.allow));
    }
    if !scope.deny.is_empty() {
        object.insert("deny".to_owned(), serde_json::Value::Array(scope.deny));
    }
    Some(serde_json::Value::Object(object).to_string())
}

fn step_name(step: &Step) -> String {
    qualified(&step.key, &step.name)
}

fn describe_error(error: &ExpandError) -> String {
    match error {
        ExpandError::UnknownPlugin { key } => format!("no plugin `{key}` is known"),
        ExpandError::UnknownPermission { key, name } => {
            format!("`{}` is not defined", qualified(key, name))
        }
        ExpandError::UnknownSetMember { set, member, .. } => {
            format!("`{member}` in `{}` names nothing", step_name(set))
        }
        ExpandError::InvalidSetMember { set, member, .. } => {
            format!(
                "`{member}` in `{}` is not a valid identifier",
                step_name(set)
            )
        }
        ExpandError::SetCycle { cycle, .. } => {
            let names: Vec<String> = cycle
                .iter()
                .map(|step| format!("`{}`", step_name(step)))
                .collect();
            format!("sets include each other: {}", names.join(" › "))
        }
        ExpandError::TooLarge => "the expansion is too large to follow".to_owned(),
    }
}

fn code_list<S: AsRef<str>>(items: &[S]) -> String {
    items
        .iter()
        .map(|item| format!("`{}`", item.as_ref()))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests;
