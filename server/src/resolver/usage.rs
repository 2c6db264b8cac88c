//! What an app's frontend calls, set against what its capabilities grant: each command
//! called, with its call sites and the entries that allow it; each capability entry,
//! with the commands it allows and which of them some call reaches; the calls that
//! cannot be pinned to commands; and the commands the Rust side registers.
//!
//! A command is judged as Tauri's runtime authority judges a call from the app's own
//! pages ([`super::authority`]): on each of the app's platforms, the capabilities
//! compiled in whose origin is local allow it unless one denies it, and the app's own
//! commands are not checked at all when the app defines no permissions
//! ([`authority::acl_checks`]). Which window a frontend file runs in is not known, so a
//! command counts as granted when some local capability allows it to some window.
//!
//! A call the scan cannot pin to commands (an `invoke` of a computed name, a call of
//! Tauri's JavaScript API whose commands are not mapped) may reach others, so every
//! "unused" claim it could touch is uncertain, and says why.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::Arc;

use super::authority::{self, CommandTarget};
use super::cache::ResolutionCache;
use super::{CapabilityRef, Origin, Resolution, capability, enabled_capabilities, origin_matches};
use crate::model::Platform;
use crate::text::TextRange;
use crate::workspace::frontend::app_calls::GapKind;
use crate::workspace::frontend::ipc::CallTarget;
use crate::workspace::{App, FileId, FileKind, FileModel, Workspace};

/// Commands Tauri's and its plugins' injected scripts call, which no frontend source
/// shows, with what makes them call: tauri's drag-region script (`src/window/scripts/
/// drag.js`), and the `init` scripts of the dialog, notification and shell plugins
/// (`guest-js/init.ts`), which answer `window.alert`, `window.confirm`,
/// `new Notification(…)` and clicks on links.
pub const INJECTED_COMMANDS: &[(&str, &str)] = &[
    (
        "plugin:window|start_dragging",
        "Tauri's drag-region script calls it for elements with a `data-tauri-drag-region` attribute",
    ),
    (
        "plugin:window|internal_toggle_maximize",
        "Tauri's drag-region script calls it for elements with a `data-tauri-drag-region` attribute",
    ),
    (
        "plugin:dialog|message",
        "the dialog plugin's injected script calls it for `window.alert(…)`",
    ),
    (
        "plugin:dialog|confirm",
        "the dialog plugin's injected script calls it for `window.confirm(…)`",
    ),
    (
        "plugin:notification|notify",
        "the notification plugin's injected script calls it for `new Notification(…)`",
    ),
    (
        "plugin:notification|is_permission_granted",
        "the notification plugin's injected script calls it for `Notification.permission`",
    ),
    (
        "plugin:notification|request_permission",
        "the notification plugin's injected script calls it for `Notification.requestPermission()`",
    ),
    (
        "plugin:shell|open",
        "the shell plugin's injected script calls it for clicks on `<a target=\"_blank\">` links to web and mail addresses",
    ),
];

/// A place in a frontend file that makes a call.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CallSite {
    pub file: FileId,
    /// The call expression.
    pub range: TextRange,
    /// False when the scan had to guess (see [`crate::workspace::frontend::ipc`]).
    pub certain: bool,
    /// The wrapper chain of the app's own modules the call goes through, outermost
    /// first (see [`crate::workspace::frontend::app_calls::AppCall`]); empty for a direct call.
    pub via: Vec<(FileId, TextRange)>,
}

/// A capability entry that reaches a permission allowing (or denying) a command.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntryRef {
    pub capability: CapabilityRef,
    /// The entry's index in the capability's `permissions`.
    pub entry: usize,
    /// The permission the entry reaches, as a capability would name it
    /// (`fs:allow-read-text-file`).
    pub permission: String,
    /// The app platforms on which it does.
    pub platforms: Vec<Platform>,
}

/// One command the frontend calls.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CommandUsage {
    /// Tauri's name and the manifest key and command it belongs to.
    pub target: CommandTarget,
    /// Every call that reaches it, in file order.
    pub sites: Vec<CallSite>,
    /// Whether Tauri consults the ACL for it from the app's own pages (not for the
    /// app's own commands when the app defines no permissions).
    pub is_checked: bool,
    /// Entries of local capabilities that allow it.
    pub allowed_by: Vec<EntryRef>,
    /// Entries of local capabilities that deny it (a deny wins over every allow).
    pub denied_by: Vec<EntryRef>,
    /// The app platforms on which no local capability allows it, or one denies it;
    /// empty when it is granted everywhere or not checked.
    pub ungranted_on: Vec<Platform>,
}

impl CommandUsage {
    /// Whether Tauri refuses every call of it on every platform of the app, as far as
    /// can be known: the command is checked, no local capability grants it anywhere,
    /// and its plugin's permissions are known in full (else "no grant" may only mean
    /// the catalogue is incomplete).
    pub fn is_ungranted_everywhere(&self, app: &App) -> bool {
        let key = &self.target.key;
        self.is_checked
            && !app.platforms.is_empty()
            && self.ungranted_on.len() >= app.platforms.len()
            && !app.missing_plugins.contains_key(key)
            && (key == crate::workspace::catalogue::APP_KEY || app.catalogue.get(key).is_some())
    }

    /// Whether every call site is certain.
    pub fn is_certain(&self) -> bool {
        self.sites.iter().all(|site| site.certain)
    }
}

/// What a capability entry allows, and which of it the frontend calls.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntryUsage {
    pub capability: CapabilityRef,
    pub entry: usize,
    /// The commands its permissions allow on any of the capability's platforms, by
    /// Tauri's name, sorted.
    pub granted_commands: Vec<String>,
    /// Those some found call reaches.
    pub used_commands: Vec<String>,
    /// The manifest keys of the permissions behind `granted_commands`.
    pub keys: Vec<String>,
    /// When the entry allows commands and no found call reaches them, why it may still
    /// be used: a call the scan could not pin to commands, Tauri's own scripts, a
    /// remote page. `None` when the claim is certain, or when the entry is used.
    pub unknown_use: Option<String>,
    /// Whether a claim about its use can be made at all: false for capabilities only
    /// remote pages get (their code is not in the repository) and for entries whose
    /// expansion failed (reported elsewhere).
    pub is_checkable: bool,
}

impl EntryUsage {
    /// Whether no found call reaches any command the entry allows.
    pub fn is_unused(&self) -> bool {
        self.is_checkable && !self.granted_commands.is_empty() && self.used_commands.is_empty()
    }
}

/// A call that may reach commands the scan cannot name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownCall {
    pub site: CallSite,
    /// The manifest keys it may reach: `None` for any (a dynamic `invoke`), else keys
    /// where `core:*` stands for every core module.
    pub keys: Option<Vec<String>>,
    /// What the call is, for messages: "`invoke` of a computed command name".
    pub what: String,
}

impl UnknownCall {
    pub fn may_reach(&self, key: &str) -> bool {
        self.keys.as_ref().is_none_or(|keys| {
            keys.iter().any(|candidate| {
                candidate == key || (candidate == "core:*" && key.starts_with("core:"))
            })
        })
    }
}

/// A command a `generate_handler!` registers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegisteredCommand {
    pub name: String,
    pub file: FileId,
    pub range: TextRange,
    /// The handler sits in a file that builds a plugin, so the command may be that
    /// plugin's rather than the app's.
    pub maybe_plugin: bool,
}

/// The usage analysis of one app.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct AppUsage {
    /// Whether the app has a frontend package to read; without one nothing is known
    /// about its calls and no claim is made.
    pub has_frontend: bool,
    /// Every command some call reaches, sorted by Tauri's name.
    pub commands: Vec<CommandUsage>,
    /// Every entry of every capability the app defines, in capability and entry order.
    pub entries: Vec<EntryUsage>,
    /// Calls that may reach commands the scan cannot name.
    pub unknown_calls: Vec<UnknownCall>,
    /// `convertFileSrc` calls (the asset protocol).
    pub convert_file_src: Vec<CallSite>,
    /// Commands every `generate_handler!` of the app's Rust sources registers.
    pub registered: Vec<RegisteredCommand>,
    /// Whether `registered` is every command the app registers: some handler was found
    /// and no `invoke_handler` takes something the scan cannot list.
    pub registered_is_complete: bool,
    /// Packages of the repository the frontend package depends on (`workspace:`,
    /// `file:`, `link:`), whose calls are not read: unused claims are uncertain.
    pub local_packages: Vec<String>,
}

impl AppUsage {
    /// Whether claims about what the frontend does not call can be made: it has a
    /// frontend package and some call was found in it. A frontend where no call at all
    /// is found lives elsewhere (another package of the repository, a remote site), so
    /// its silence says nothing.
    pub fn is_frontend_seen(&self) -> bool {
        self.has_frontend
            && (!self.commands.is_empty()
                || !self.unknown_calls.is_empty()
                || !self.convert_file_src.is_empty())
    }

    /// The usage of the command Tauri names `command`.
    pub fn command(&self, command: &str) -> Option<&CommandUsage> {
        self.commands
            .binary_search_by(|usage| usage.target.command.as_str().cmp(command))
            .ok()
            .map(|index| &self.commands[index])
    }

    /// The usage of one capability entry.
    pub fn entry(&self, capability: CapabilityRef, entry: usize) -> Option<&EntryUsage> {
        self.entries
            .iter()
            .find(|usage| usage.capability == capability && usage.entry == entry)
    }

    /// The entries of one capability.
    pub fn capability_entries(
        &self,
        capability: CapabilityRef,
    ) -> impl Iterator<Item = &EntryUsage> + '_ {
        self.entries
            .iter()
            .filter(move |usage| usage.capability == capability)
    }

    /// The first unknown call that may reach plugin `key`.
    pub fn unknown_call_reaching(&self, key: &str) -> Option<&UnknownCall> {
        self.unknown_calls.iter().find(|call| call.may_reach(key))
    }
}

/// The usage analysis of `app`, with resolutions from `cache` (the language server's,
/// or a fresh one for the CLI).
pub fn app_usage(workspace: &Workspace, app: &App, cache: &ResolutionCache) -> AppUsage {
    let mut resolved = HashMap::new();
    for reference in super::all_capabilities(workspace, app) {
        let Some(capability) = capability(workspace, reference) else {
            continue;
        };
        let list = super::platforms_for(app, capability)
            .into_iter()
            .filter_map(|platform| cache.resolve(workspace, app, reference, platform))
            .collect();
        resolved.insert(reference, list);
    }
    app_usage_with(workspace, app, &resolved)
}

/// [`app_usage`] with each capability's resolutions on the platforms it is checked for
/// already made (the checks' `AppContext` holds them).
pub fn app_usage_with(
    workspace: &Workspace,
    app: &App,
    resolutions: &HashMap<CapabilityRef, Vec<Arc<Resolution>>>,
) -> AppUsage {
    let mut usage = AppUsage {
        has_frontend: app.frontend_package.is_some(),
        local_packages: app.frontend_local_packages.clone(),
        ..AppUsage::default()
    };
    let mut called: BTreeMap<String, (CommandTarget, Vec<CallSite>)> = BTreeMap::new();
    let frontend = app.frontend_calls(workspace);
    for call in frontend.calls {
        let site = CallSite {
            file: call.file,
            range: call.range,
            certain: call.certain,
            via: call.via,
        };
        match call.target {
            CallTarget::Invoke(command) => {
                let target = authority::command_target(app, &command);
                called
                    .entry(target.command.clone())
                    .or_insert_with(|| (target, Vec::new()))
                    .1
                    .push(site);
            }
            CallTarget::DynamicInvoke => usage.unknown_calls.push(UnknownCall {
                site,
                keys: None,
                what: "an `invoke` of a computed command name".to_owned(),
            }),
            CallTarget::Api { module, path } => {
                let keys = api_keys(&module);
                let js_api = app.js_api();
                // `fetch(…).text()`: members after a known call that the package's facts
                // do not name act on the data it returned, and reach no command.
                let reached = js_api.commands(&module, &path).or_else(|| {
                    (1..path.len())
                        .rev()
                        .find_map(|end| js_api.commands(&module, &path[..end]))
                        .map(|mut prefix| {
                            prefix.commands.clear();
                            prefix.dynamic = false;
                            prefix
                        })
                });
                match reached {
                    Some(reached) => {
                        if reached.dynamic {
                            usage.unknown_calls.push(UnknownCall {
                                site: site.clone(),
                                keys: keys.clone(),
                                what: format!(
                                    "a call of `{}` from `{module}`, which also invokes a command it computes",
                                    path.join(".")
                                ),
                            });
                        }
                        for command in reached.commands {
                            let target = authority::command_target(app, &command);
                            let mut site = site.clone();
                            site.certain &= !reached.guessed;
                            called
                                .entry(target.command.clone())
                                .or_insert_with(|| (target, Vec::new()))
                                .1
                                .push(site);
                        }
                    }
                    None => {
                        let why = match module
                            .strip_prefix("@tauri-apps/")
                            .and_then(|rest| rest.split('/').next())
                            .and_then(|package| js_api.source(&format!("@tauri-apps/{package}")))
                        {
                            Some(source) => {
                                format!("which the facts of its package ({source}) do not name")
                            }
                            None => "whose package is neither installed nor in the bundled map"
                                .to_owned(),
                        };
                        usage.unknown_calls.push(UnknownCall {
                            site,
                            keys,
                            what: format!("a call of `{}` from `{module}`, {why}", path.join(".")),
                        });
                    }
                }
            }
            CallTarget::ConvertFileSrc => usage.convert_file_src.push(site),
        }
    }
    for gap in frontend.gaps {
        usage.unknown_calls.push(UnknownCall {
            site: CallSite {
                file: gap.file,
                range: gap.range,
                certain: false,
                via: Vec::new(),
            },
            keys: None,
            what: match gap.kind {
                GapKind::ParseErrors => "a script that does not parse in full",
                GapKind::NotParsed => "a script too deeply nested to read",
                GapKind::UnfollowedWrapper => "a call through a wrapper the scan does not follow",
            }
            .to_owned(),
        });
    }
    registered_commands(workspace, app, &mut usage);

    let resolved: Vec<(CapabilityRef, &Vec<Arc<Resolution>>)> =
        super::all_capabilities(workspace, app)
            .into_iter()
            .filter_map(|reference| Some((reference, resolutions.get(&reference)?)))
            .collect();

    // Commands: granted or not on each of the app's platforms.
    for (command, (target, mut sites)) in called {
        sites.sort_by_key(|site| (site.file, site.range.start(), site.range.end()));
        let is_checked = authority::acl_checks(app, &command, &Origin::Local);
        let mut allowed_by: Vec<EntryRef> = Vec::new();
        let mut denied_by: Vec<EntryRef> = Vec::new();
        let mut ungranted_on = Vec::new();
        for platform in &app.platforms {
            let enabled = enabled_capabilities(workspace, app, *platform);
            let (mut allowed, mut denied) = (false, false);
            for &(ref reference, resolutions) in &resolved {
                let Some(capability) = capability(workspace, *reference) else {
                    continue;
                };
                if !enabled.contains(reference)
                    || !capability.is_active(*platform)
                    || !origin_matches(capability, &Origin::Local)
                {
                    continue;
                }
                let Some(resolution) = resolutions.iter().find(|it| it.platform == *platform)
                else {
                    continue;
                };
                for grant in resolution.grants().filter(|grant| grant.command == command) {
                    let into = if grant.is_deny {
                        denied = true;
                        &mut denied_by
                    } else {
                        // A capability for no window applies to none.
                        if capability.window_patterns().is_empty()
                            && capability.webview_patterns().is_empty()
                        {
                            continue;
                        }
                        allowed = true;
                        &mut allowed_by
                    };
                    add_entry_ref(
                        into,
                        *reference,
                        grant.entry,
                        grant.permission.qualified(),
                        *platform,
                    );
                }
            }
            if is_checked && (denied || !allowed) {
                ungranted_on.push(*platform);
            }
        }
        usage.commands.push(CommandUsage {
            target,
            sites,
            is_checked,
            allowed_by,
            denied_by,
            ungranted_on,
        });
    }

    // Entries: what each allows, and whether a call reaches it.
    for &(ref reference, resolutions) in &resolved {
        let Some(capability) = capability(workspace, *reference) else {
            continue;
        };
        let is_local = capability.is_local();
        for entry in 0..capability.entries().len() {
            let mut granted: BTreeSet<&str> = BTreeSet::new();
            let mut keys: BTreeSet<&str> = BTreeSet::new();
            let mut failed = false;
            for resolution in resolutions {
                failed |= resolution.errors().any(|(index, _)| index == entry);
                for grant in resolution.grants().filter(|grant| grant.entry == entry) {
                    if !grant.is_deny {
                        granted.insert(&grant.item.command);
                        keys.insert(&grant.item.key);
                    }
                }
            }
            let used: Vec<String> = granted
                .iter()
                .filter(|command| usage.command(command).is_some())
                .map(|command| (*command).to_owned())
                .collect();
            let is_checkable = is_local && !failed;
            let unknown_use = if used.is_empty() && !granted.is_empty() && is_checkable {
                unknown_use(&usage, &granted, &keys, capability)
            } else {
                None
            };
            usage.entries.push(EntryUsage {
                capability: *reference,
                entry,
                granted_commands: granted.into_iter().map(str::to_owned).collect(),
                used_commands: used,
                keys: keys.into_iter().map(str::to_owned).collect(),
                unknown_use,
                is_checkable,
            });
        }
    }
    usage
}

/// Why an entry that allows `granted` (of plugins `keys`), reached by no found call, may
/// still be used; `None` when nothing could.
fn unknown_use(
    usage: &AppUsage,
    granted: &BTreeSet<&str>,
    keys: &BTreeSet<&str>,
    capability: &crate::model::Capability,
) -> Option<String> {
    if let Some(call) = keys.iter().find_map(|key| usage.unknown_call_reaching(key)) {
        return Some(format!(
            "the frontend makes {}, which may reach it",
            call.what
        ));
    }
    if let Some((command, why)) = INJECTED_COMMANDS
        .iter()
        .find(|(command, _)| granted.contains(*command))
    {
        return Some(format!(
            "{why} (`{command}`), which the scan does not look for"
        ));
    }
    if !usage.local_packages.is_empty() {
        return Some(format!(
            "the frontend depends on packages of the repository that are not read ({})",
            usage
                .local_packages
                .iter()
                .map(|name| format!("`{name}`"))
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    if !capability.remote_urls().is_empty() {
        return Some(
            "the capability also serves remote pages, whose code is not in the repository"
                .to_owned(),
        );
    }
    None
}

fn add_entry_ref(
    into: &mut Vec<EntryRef>,
    capability: CapabilityRef,
    entry: usize,
    permission: String,
    platform: Platform,
) {
    match into
        .iter_mut()
        .find(|it| it.capability == capability && it.entry == entry && it.permission == permission)
    {
        Some(found) => {
            if !found.platforms.contains(&platform) {
                found.platforms.push(platform);
            }
        }
        None => into.push(EntryRef {
            capability,
            entry,
            permission,
            platforms: vec![platform],
        }),
    }
}

/// The manifest keys a call of something imported from `module` may reach while its
/// commands are not mapped: a plugin package its plugin's (and core's, whose resources
/// and events plugin packages use), `@tauri-apps/api/core` any plugin's (its
/// `addPluginListener` and permission helpers take a plugin name), and the rest of
/// `@tauri-apps/api` the core modules.
fn api_keys(module: &str) -> Option<Vec<String>> {
    if let Some(plugin) = module.strip_prefix("@tauri-apps/plugin-") {
        let plugin = plugin.split('/').next().unwrap_or(plugin);
        return Some(vec![plugin.to_owned(), "core:*".to_owned()]);
    }
    match module {
        "@tauri-apps/api" | "@tauri-apps/api/core" => None,
        _ if module.starts_with("@tauri-apps/api/") => Some(vec!["core:*".to_owned()]),
        _ => None,
    }
}

/// The permission that allows exactly this command, as a capability names it: the
/// generated `allow-<command>` when the plugin has it, else any permission allowing
/// only this command.
pub fn single_permission(app: &App, target: &CommandTarget) -> Option<String> {
    let plugin = app.catalogue.get(&target.key)?;
    let generated = format!("allow-{}", target.name.replace('_', "-"));
    let alone = |identifier: &str| {
        plugin
            .permissions
            .get(identifier)
            .is_some_and(|permission| {
                let permission = &permission.value;
                permission.commands_allow.len() == 1
                    && permission.commands_allow[0].value == target.name
                    && permission.commands_deny.is_empty()
            })
    };
    let identifier = if alone(&generated) {
        generated
    } else {
        plugin
            .permissions
            .keys()
            .find(|identifier| alone(identifier))?
            .clone()
    };
    Some(if target.key == crate::workspace::catalogue::APP_KEY {
        identifier
    } else {
        format!("{}:{identifier}", target.key)
    })
}

/// The capability a fix adds a permission to: the first enabled capability file for
/// local pages that names a known window of the app.
pub fn home_capability(workspace: &Workspace, app: &App) -> Option<CapabilityRef> {
    let platform = app.platforms.first().copied().unwrap_or(Platform::Linux);
    enabled_capabilities(workspace, app, platform)
        .into_iter()
        .filter(|reference| workspace.file(reference.file).kind == FileKind::Capability)
        .find(|reference| {
            capability(workspace, *reference).is_some_and(|capability| {
                origin_matches(capability, &Origin::Local)
                    && app.window_labels(Some(platform)).any(|label| {
                        capability.window_patterns().iter().any(|pattern| {
                            super::pattern::label_matches(&pattern.value, &label.label)
                        })
                    })
            })
        })
}

/// The commands the app's `generate_handler!`s register.
fn registered_commands(workspace: &Workspace, app: &App, usage: &mut AppUsage) {
    let mut found_handler = false;
    let mut opaque = false;
    for file in &app.rust_files {
        let FileModel::Rust(scan) = &workspace.file(*file).model else {
            continue;
        };
        opaque |= scan.has_opaque_handler;
        for handler in &scan.handlers {
            found_handler = true;
            usage
                .registered
                .extend(handler.commands.iter().map(|command| RegisteredCommand {
                    name: command.name.clone(),
                    file: *file,
                    range: command.range,
                    maybe_plugin: handler.in_plugin_file,
                }));
        }
    }
    usage.registered_is_complete = found_handler && !opaque;
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ide::fixture;

    /// One line per command and per entry, as a reader checks them.
    fn summary(fixture_text: &str) -> String {
        let world = fixture::world(fixture_text);
        let workspace = world.workspace.as_ref();
        let app = &workspace.apps[0];
        let usage = app_usage(workspace, app, &world.resolutions);
        let mut lines = Vec::new();
        for command in &usage.commands {
            let allowed: Vec<&str> = command
                .allowed_by
                .iter()
                .map(|it| it.permission.as_str())
                .collect();
            lines.push(format!(
                "call {} ({} sites{}) allowed by [{}]{}",
                command.target.command,
                command.sites.len(),
                if command.is_checked {
                    ""
                } else {
                    ", unchecked"
                },
                allowed.join(", "),
                if command.ungranted_on.is_empty() {
                    String::new()
                } else {
                    format!(
                        " ungranted on {}",
                        command
                            .ungranted_on
                            .iter()
                            .map(|platform| platform.name())
                            .collect::<Vec<_>>()
                            .join(",")
                    )
                }
            ));
        }
        for entry in &usage.entries {
            let capability = capability(workspace, entry.capability).unwrap();
            let name = &capability.entries()[entry.entry].identifier.value;
            lines.push(format!(
                "entry {name}: uses {} of {}{}{}",
                entry.used_commands.len(),
                entry.granted_commands.len(),
                if entry.is_unused() { " UNUSED" } else { "" },
                entry
                    .unknown_use
                    .as_ref()
                    .map(|why| format!(" (maybe: {why})"))
                    .unwrap_or_default()
            ));
        }
        for call in &usage.unknown_calls {
            lines.push(format!("unknown: {}", call.what));
        }
        for command in &usage.registered {
            lines.push(format!("registered {}", command.name));
        }
        lines.push(format!(
            "registered complete: {}",
            usage.registered_is_complete
        ));
        lines.join("\n")
    }

    const APP: &str = r#"
//- /package.json
{ "name": "x" }
//- /src/main.ts
import { invoke } from "@tauri-apps/api/core";
await invoke("greet");
await invoke("plugin:fs|read_file");
await invoke("plugin:window|close");
await invoke("greet");
//- /src-tauri/tauri.conf.json
{ "app": { "windows": [{ "label": "main" }] } }
//- /src-tauri/src/lib.rs
fn run() { builder.invoke_handler(tauri::generate_handler![greet, commands::other]); }
//- /src-tauri/permissions/app.toml
[[permission]]
identifier = "allow-greet"
commands.allow = ["greet"]
[[permission]]
identifier = "allow-other"
commands.allow = ["other"]
//- /src-tauri/capabilities/default.json
{ "identifier": "default", "windows": ["main"],
  "permissions": ["allow-greet", "allow-other", "fs:allow-read-file", "fs:allow-write-file"] }
//- /plugins/fs/permissions/fs.toml plugin:fs
[[permission]]
identifier = "allow-read-file"
commands.allow = ["read_file"]
[[permission]]
identifier = "allow-write-file"
commands.allow = ["write_file"]
"#;

    #[test]
    fn calls_grants_and_unused_entries() {
        insta::assert_snapshot!(summary(APP), @r"
call greet (2 sites) allowed by [allow-greet]
call plugin:fs|read_file (1 sites) allowed by [fs:allow-read-file]
call plugin:window|close (1 sites) allowed by [] ungranted on linux,macOS,windows
entry allow-greet: uses 1 of 1
entry allow-other: uses 0 of 1 UNUSED
entry fs:allow-read-file: uses 1 of 1
entry fs:allow-write-file: uses 0 of 1 UNUSED
registered greet
registered other
registered complete: true
");
    }

    #[test]
    fn a_dynamic_invoke_makes_unused_claims_uncertain() {
        let app = APP.replace(
            "await invoke(\"greet\");\n//-",
            "await invoke(\"greet\");\nawait invoke(name);\n//-",
        );
        insta::assert_snapshot!(summary(&app), @r"
call greet (2 sites) allowed by [allow-greet]
call plugin:fs|read_file (1 sites) allowed by [fs:allow-read-file]
call plugin:window|close (1 sites) allowed by [] ungranted on linux,macOS,windows
entry allow-greet: uses 1 of 1
entry allow-other: uses 0 of 1 UNUSED (maybe: the frontend makes an `invoke` of a computed command name, which may reach it)
entry fs:allow-read-file: uses 1 of 1
entry fs:allow-write-file: uses 0 of 1 UNUSED (maybe: the frontend makes an `invoke` of a computed command name, which may reach it)
unknown: an `invoke` of a computed command name
registered greet
registered other
registered complete: true
");
    }
}
