//! The runtime authority's answer for one IPC call.
//!
//! Mirrors tauri 2.12.5 `src/ipc/authority.rs` (`RuntimeAuthority::resolve_access`): a
//! command is refused when any compiled-in capability denies it for the call's origin,
//! whatever its windows; otherwise it is allowed by the capabilities whose origin
//! matches and whose webview or window patterns match the caller. The command's scope
//! is the scopes of exactly those allowing grants, plus the plugin's global scope, which
//! every capability active on the platform feeds regardless of windows.

use super::{
    AtEntry, CapabilityRef, GlobalScopeGrant, Grant, Origin, Resolution, capability,
    capability_applies, enabled_capabilities, origin_matches, resolve,
};
use crate::model::Platform;
use crate::workspace::catalogue::APP_KEY;
use crate::workspace::{App, Workspace};

/// Every capability Tauri compiles in for `platform` (enabled by the config and active
/// on the platform), resolved.
pub fn active(
    workspace: &Workspace,
    app: &App,
    platform: Platform,
) -> Vec<(CapabilityRef, Resolution)> {
    enabled_capabilities(workspace, app, platform)
        .into_iter()
        .filter(|reference| {
            capability(workspace, *reference)
                .is_some_and(|capability| capability.is_active(platform))
        })
        .filter_map(|reference| Some((reference, resolve(workspace, app, reference, platform)?)))
        .collect()
}

/// Tauri's channel data command, which its runtime never checks against the ACL.
pub const FETCH_CHANNEL_DATA_COMMAND: &str = "plugin:__TAURI_CHANNEL__|fetch";

/// Whether Tauri consults the ACL for a call at all, as tauri 2.12.5
/// `webview/mod.rs` (`on_message`) decides before invoking: plugin commands always;
/// the app's own commands only when the app has an ACL manifest (tauri-build adds one
/// when the app defines any permission, set or default of its own) or the page is
/// remote. Without that manifest a local page of every window may call every app
/// command, whatever the capabilities say. The one judgement `why`, `explain`, hover
/// and the permissions view share.
pub fn acl_checks(app: &App, command: &str, origin: &Origin) -> bool {
    if command == FETCH_CHANNEL_DATA_COMMAND {
        return false;
    }
    command.starts_with("plugin:") || !app_commands_unchecked(app, origin)
}

/// Whether a page at `origin` may call the app's own commands without any permission:
/// [`acl_checks`] for an app command.
pub fn app_commands_unchecked(app: &App, origin: &Origin) -> bool {
    !app.catalogue.has_app_manifest() && *origin == Origin::Local
}

/// A command in Tauri's form and the manifest key it belongs to.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CommandTarget {
    /// Tauri's resolved name: `plugin:fs|read_file`, `plugin:window|close`, `greet`.
    pub command: String,
    /// The manifest key: `fs`, `core:window`, or the app's.
    pub key: String,
    /// The command as a permission names it: `read_file`, `close`, `greet`.
    pub name: String,
}

/// Reads a command the way users and frontends write it: Tauri's own name
/// (`plugin:window|minimize`, as `invoke` takes it), the `plugin.command` form of its
/// error messages, or `plugin|command`. A plugin name the app's catalogue lacks but
/// whose `core:` module it has is a core module (Tauri names core commands
/// `plugin:window|…` and their permissions `core:window:…`).
pub fn command_target(app: &App, text: &str) -> CommandTarget {
    let text = text.trim();
    let split = text
        .strip_prefix("plugin:")
        .and_then(|rest| rest.split_once('|'))
        .or_else(|| text.split_once('|'))
        .or_else(|| text.split_once('.'));
    match split {
        Some((plugin, name)) => {
            let plugin = plugin.strip_prefix("core:").unwrap_or(plugin);
            let core = format!("core:{plugin}");
            let key = if app.catalogue.get(plugin).is_none() && app.catalogue.get(&core).is_some() {
                core
            } else {
                plugin.to_owned()
            };
            CommandTarget {
                command: super::command_name(&key, name),
                key,
                name: name.to_owned(),
            }
        }
        None => CommandTarget {
            command: text.to_owned(),
            key: APP_KEY.to_owned(),
            name: text.to_owned(),
        },
    }
}

/// Who calls what.
#[derive(Debug, Clone)]
pub struct Call<'a> {
    /// Tauri's resolved command name (`plugin:fs|read_file`, `greet`).
    pub command: &'a str,
    pub window: &'a str,
    pub webview: &'a str,
    pub origin: &'a Origin,
}

/// A grant and the capability it comes from.
#[derive(Debug, Clone, Copy)]
pub struct GrantRef<'r> {
    pub capability: CapabilityRef,
    pub grant: AtEntry<'r, Grant>,
}

/// Why an allowing grant does not reach the call.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mismatch {
    /// The capability is for other origins (local vs remote, or other URLs).
    Origin,
    /// No window or webview pattern of the capability matches the caller.
    Labels,
}

#[derive(Debug, Clone, Default)]
pub struct Access<'r> {
    /// Deny grants for the command whose capability covers the call's origin.
    pub denied_by: Vec<GrantRef<'r>>,
    /// Allow grants that reach the call.
    pub allowed_by: Vec<GrantRef<'r>>,
    /// Allow grants for the command that do not reach the call, with why.
    pub elsewhere: Vec<(GrantRef<'r>, Mismatch)>,
}

impl Access<'_> {
    pub fn is_allowed(&self) -> bool {
        self.denied_by.is_empty() && !self.allowed_by.is_empty()
    }
}

pub fn access<'r>(
    workspace: &Workspace,
    active: &'r [(CapabilityRef, Resolution)],
    call: &Call<'_>,
) -> Access<'r> {
    let mut access = Access::default();
    for (reference, resolution) in active {
        let Some(capability) = capability(workspace, *reference) else {
            continue;
        };
        let covers_origin = origin_matches(capability, call.origin);
        let applies = capability_applies(capability, call.window, call.webview, call.origin);
        for grant in resolution
            .grants()
            .filter(|grant| grant.command == call.command)
        {
            let found = GrantRef {
                capability: *reference,
                grant,
            };
            if grant.is_deny {
                if covers_origin {
                    access.denied_by.push(found);
                }
            } else if applies {
                access.allowed_by.push(found);
            } else {
                let mismatch = if covers_origin {
                    Mismatch::Labels
                } else {
                    Mismatch::Origin
                };
                access.elsewhere.push((found, mismatch));
            }
        }
    }
    access
}

/// The contributions to plugin `key`'s global scope, in Tauri's order.
pub fn global_scopes<'r>(
    active: &'r [(CapabilityRef, Resolution)],
    key: &str,
) -> Vec<(CapabilityRef, AtEntry<'r, GlobalScopeGrant>)> {
    active
        .iter()
        .flat_map(|(reference, resolution)| {
            resolution
                .global_scopes()
                .filter(move |scope| scope.key == key)
                .map(move |scope| (*reference, scope))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ide::fixture;

    const APP: &str = r#"
//- /app/src-tauri/tauri.conf.json
{ "app": { "windows": [{ "label": "main" }, { "label": "settings" }] } }
//- /app/src-tauri/permissions/greet.toml
[[permission]]
identifier = "allow-greet"
commands.allow = ["greet"]
[[permission]]
identifier = "deny-greet"
commands.deny = ["greet"]
//- /app/src-tauri/capabilities/main.json
{ "identifier": "main", "windows": ["main"], "permissions": ["allow-greet"] }
//- /app/src-tauri/capabilities/remote.json
{ "identifier": "remote", "windows": ["settings"], "local": false,
  "remote": { "urls": ["https://*.tauri.app"] }, "permissions": ["deny-greet"] }
"#;

    fn verdict(window: &str, origin: &Origin) -> (bool, usize, usize, usize) {
        let world = fixture::world(APP);
        let workspace = world.workspace.as_ref();
        let app = &workspace.apps[0];
        let active = active(workspace, app, Platform::Linux);
        let call = Call {
            command: "greet",
            window,
            webview: window,
            origin,
        };
        let access = access(workspace, &active, &call);
        (
            access.is_allowed(),
            access.allowed_by.len(),
            access.denied_by.len(),
            access.elsewhere.len(),
        )
    }

    #[test]
    fn a_deny_for_an_origin_reaches_every_window_of_that_origin() {
        assert_eq!(verdict("main", &Origin::Local), (true, 1, 0, 0));
        assert_eq!(verdict("settings", &Origin::Local), (false, 0, 0, 1));
        let remote = Origin::Remote("https://docs.tauri.app/".parse().unwrap());
        // The remote capability denies `greet` for its origin, in any window.
        assert_eq!(verdict("main", &remote), (false, 0, 1, 1));
    }
}
