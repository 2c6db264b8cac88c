// Diagnostic: unused-permission, ungranted-call, unregistered-command, asset-protocol-unused
//! What the app calls against what it grants ([`resolver::usage`]): capability entries
//! none of whose commands the frontend calls (hints, hedged when a call the scan cannot
//! pin down may reach them), frontend calls of commands no capability grants (reported
//! in the JavaScript or TypeScript file), commands the app's permissions and its
//! `generate_handler!`s disagree on, and an asset protocol nothing loads through.
//!
//! Nothing here is an error: Tauri builds all of it; it refuses an ungranted call only
//! at run time, and an unused grant is a risk, not a failure.

use super::{AppContext, Diagnostic};
use crate::diagnostic::Code;
use crate::ide::edit::{Fix, append_entry, remove_entry};
use crate::model::Capability;
use crate::resolver::usage::{AppUsage, app_usage_with, home_capability, single_permission};
use crate::resolver::{self, CapabilityRef};
use crate::syntax::NodeKind;
use crate::workspace::catalogue::APP_KEY;
use crate::workspace::{FileModel, Workspace};

pub(super) fn check(context: &AppContext<'_>, acc: &mut Vec<Diagnostic>) {
    let usage = app_usage_with(context.workspace, context.app, &context.resolutions);
    unregistered_commands(context, &usage, acc);
    ungranted_calls(context, &usage, acc);
    if !usage.is_frontend_seen() {
        return;
    }
    unused_permissions(context, &usage, acc);
    asset_protocol(context, &usage, acc);
}

fn unused_permissions(context: &AppContext<'_>, usage: &AppUsage, acc: &mut Vec<Diagnostic>) {
    for entry in usage.entries.iter().filter(|entry| entry.is_unused()) {
        let Some(capability) = context.capability(entry.capability) else {
            continue;
        };
        let Some(permission) = capability.entries().get(entry.entry) else {
            continue;
        };
        let count = entry.granted_commands.len();
        let (what, them) = if count == 1 {
            (format!("`{}`", entry.granted_commands[0]), "it")
        } else {
            (format!("{count} commands"), "them")
        };
        let uncertain = entry.unknown_use.as_ref();
        let identifier = &permission.identifier.value;
        let message = match uncertain {
            None if count == 1 => {
                format!("`{identifier}` allows {what}, and the frontend never calls it")
            }
            None => format!("`{identifier}` allows {what}, and the frontend calls none of them"),
            Some(_) => format!(
                "`{identifier}` allows {what}, and no call found in the frontend reaches {them} (uncertain)"
            ),
        };
        let mut diagnostic = Diagnostic::new(
            Code::UnusedPermission,
            entry.capability.file,
            permission.range,
            message,
        );
        if let Some(why) = uncertain {
            diagnostic = diagnostic.note(format!("note: {why}"));
        }
        // Removing the only entry would leave a capability that grants nothing: that is
        // the capability's removal, which the user decides.
        if capability.entries().len() > 1 {
            diagnostic = diagnostic.fix(
                format!("Remove `{identifier}`"),
                remove_entry(
                    context.workspace,
                    entry.capability.file,
                    capability,
                    permission,
                ),
            );
        } else {
            diagnostic = diagnostic.note(
                "help: it is the capability's only entry; remove the capability if no window needs it",
            );
        }
        diagnostic.is_unnecessary = true;
        acc.push(diagnostic);
    }
}

fn ungranted_calls(context: &AppContext<'_>, usage: &AppUsage, acc: &mut Vec<Diagnostic>) {
    let app = context.app;
    for command in &usage.commands {
        if !command.is_ungranted_everywhere(app) {
            continue;
        }
        let target = &command.target;
        let workspace = context.workspace;
        let denied = command.denied_by.first();
        let message = match denied {
            Some(deny) => format!(
                "`{}` is denied by `{}` in capability `{}`, so Tauri refuses this call",
                target.command,
                deny.permission,
                capability_name(workspace, deny.capability)
            ),
            None => format!(
                "no capability grants `{}`, so Tauri refuses this call at run time",
                target.command
            ),
        };
        let home = home_capability(workspace, app)
            .and_then(|reference| Some((reference, resolver::capability(workspace, reference)?)));
        let permission = single_permission(app, &command.target);
        for site in &command.sites {
            let mut diagnostic =
                Diagnostic::new(Code::UngrantedCall, site.file, site.range, message.clone());
            if let Some(deny) = denied {
                if let Some(entry) = resolver::capability(workspace, deny.capability)
                    .and_then(|capability| capability.entries().get(deny.entry))
                {
                    diagnostic =
                        diagnostic.related(deny.capability.file, entry.range, "denied here");
                }
            } else if let Some((reference, capability)) = home {
                diagnostic = diagnostic.related(
                    reference.file,
                    capability.focus_range(),
                    format!(
                        "capability `{}` is for the app's windows",
                        capability.identifier().unwrap_or("?")
                    ),
                );
                match &permission {
                    Some(identifier) => {
                        let edit = append_entry(workspace, reference.file, capability, identifier);
                        diagnostic.fixes.extend(edit.map(|edit| {
                            Fix::in_file(
                                format!(
                                    "Add `{identifier}` to capability `{}`",
                                    capability.identifier().unwrap_or("?")
                                ),
                                reference.file,
                                vec![edit],
                            )
                        }));
                    }
                    None => {
                        diagnostic = diagnostic.note(format!(
                            "help: no permission of `{}` allows `{}` alone; define one that does",
                            target.key, target.name
                        ));
                    }
                }
            }
            acc.push(diagnostic);
        }
    }
}

fn capability_name(workspace: &Workspace, reference: CapabilityRef) -> String {
    resolver::capability(workspace, reference)
        .and_then(Capability::identifier)
        .unwrap_or("?")
        .to_owned()
}

fn unregistered_commands(context: &AppContext<'_>, usage: &AppUsage, acc: &mut Vec<Diagnostic>) {
    let app = context.app;
    let workspace = context.workspace;
    if usage.registered.is_empty() {
        return;
    }
    if usage.registered_is_complete {
        for file in &app.app_permission_files {
            let source = workspace.file(*file);
            // Generated files restate `AppManifest::commands`; they are not the user's.
            if source
                .path
                .components()
                .any(|part| part.as_os_str() == "autogenerated")
            {
                continue;
            }
            let Some(manifest) = source.permission_file() else {
                continue;
            };
            for permission in &manifest.permissions {
                for command in &permission.commands_allow {
                    if usage
                        .registered
                        .iter()
                        .any(|registered| registered.name == command.value)
                    {
                        continue;
                    }
                    acc.push(Diagnostic::new(
                        Code::UnregisteredCommand,
                        *file,
                        command.range,
                        format!(
                            "`{}` allows `{}`, but no `generate_handler!` of the app registers a command `{}`",
                            permission.identifier.value, command.value, command.value
                        ),
                    ));
                }
            }
        }
    }
    if usage.registered_is_complete
        && let Some(file) = app.build_script
        && let FileModel::BuildScript(script) = &workspace.file(file).model
        && let Some(manifest) = &script.app_manifest
    {
        for command in &manifest.commands {
            if usage
                .registered
                .iter()
                .any(|registered| registered.name == command.value)
            {
                continue;
            }
            acc.push(Diagnostic::new(
                Code::UnregisteredCommand,
                file,
                command.range,
                format!(
                    "`AppManifest::commands` lists `{}`, but no `generate_handler!` of the app registers it",
                    command.value
                ),
            ));
        }
    }
    if !app.catalogue.has_app_manifest() || app.missing_plugins.contains_key(APP_KEY) {
        return;
    }
    let Some(own) = app.catalogue.get(APP_KEY) else {
        return;
    };
    let mentioned = own.commands();
    for registered in usage.registered.iter().filter(|it| !it.maybe_plugin) {
        if mentioned.contains(registered.name.as_str()) {
            continue;
        }
        acc.push(
            Diagnostic::new(
                Code::UnregisteredCommand,
                registered.file,
                registered.range,
                format!(
                    "`{}` is registered, but no permission of the app mentions it: the app defines permissions, so Tauri checks its commands and refuses every call of `{}`",
                    registered.name, registered.name
                ),
            )
            .note(format!(
                "help: add `{}` to `AppManifest::commands` in build.rs, or define a permission that allows it",
                registered.name
            )),
        );
    }
}

fn asset_protocol(context: &AppContext<'_>, usage: &AppUsage, acc: &mut Vec<Diagnostic>) {
    let app = context.app;
    if !usage.convert_file_src.is_empty() || app.frontend_files.is_empty() {
        return;
    }
    for file in app.config.iter() {
        let source = context.workspace.file(*file);
        let (Some(config), Some(parse)) = (source.config(), source.parse.as_ref()) else {
            continue;
        };
        let Some(security) = config.security else {
            continue;
        };
        let tree = &parse.tree;
        for key in ["assetProtocol", "asset-protocol"] {
            let Some(enable) = tree
                .get(security, key)
                .and_then(|asset| tree.get(asset, "enable"))
            else {
                continue;
            };
            if !matches!(tree.kind(enable), NodeKind::Bool(true)) {
                continue;
            }
            acc.push(
                Diagnostic::new(
                    Code::AssetProtocolUnused,
                    *file,
                    tree.range(enable),
                    "the asset protocol is enabled, and no `convertFileSrc` call was found in the frontend",
                )
                .note("help: turn it off unless the frontend builds asset URLs some other way"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::diagnostic::Code;
    use crate::ide::diagnostics::diagnostics;
    use crate::ide::{fixture, render};

    const FS: &str = r#"
//- /plugins/fs/permissions/fs.toml plugin:fs
[[permission]]
identifier = "allow-read-file"
commands.allow = ["read_file"]
[[permission]]
identifier = "allow-write-file"
commands.allow = ["write_file"]
[[set]]
identifier = "read-write"
description = "Reads and writes."
permissions = ["allow-read-file", "allow-write-file"]
"#;

    /// This family's findings, rendered as `check` prints them.
    fn check(fixture_text: &str) -> String {
        let world = fixture::world(&format!("{fixture_text}{FS}"));
        let options = render::RenderOptions {
            color: false,
            display_path: &fixture::display_path,
        };
        diagnostics(&world)
            .iter()
            .filter(|diagnostic| {
                matches!(
                    diagnostic.code,
                    Code::UnusedPermission
                        | Code::UngrantedCall
                        | Code::UnregisteredCommand
                        | Code::AssetProtocolUnused
                )
            })
            .map(|diagnostic| render::render_diagnostic(&world.workspace, diagnostic, &options))
            .collect()
    }

    #[test]
    fn unused_entries_and_ungranted_calls() {
        insta::assert_snapshot!(check(r#"
//- /package.json
{ "name": "notes" }
//- /src/main.ts
import { invoke } from "@tauri-apps/api/core";
await invoke("plugin:fs|read_file", { path });
await invoke("greet");
await invoke("plugin:fs|remove");
//- /src-tauri/tauri.conf.json
{ "app": { "windows": [{ "label": "main" }],
  "security": { "assetProtocol": { "enable": true } } } }
//- /src-tauri/permissions/app.toml
[[permission]]
identifier = "allow-greet"
commands.allow = ["greet"]
//- /src-tauri/capabilities/default.json
{ "identifier": "default", "windows": ["main"],
  "permissions": ["fs:read-write", "fs:allow-write-file"] }
"#), @r#"
help[asset-protocol-unused]: the asset protocol is enabled, and no `convertFileSrc` call was found in the frontend
 --> /src-tauri/tauri.conf.json:2:46
  |
2 |   "security": { "assetProtocol": { "enable": true } } } }
  |                                              ^^^^
  |
  = help: turn it off unless the frontend builds asset URLs some other way
help[unused-permission]: `fs:allow-write-file` allows `plugin:fs|write_file`, and the frontend never calls it
 --> /src-tauri/capabilities/default.json:2:36
  |
2 |   "permissions": ["fs:read-write", "fs:allow-write-file"] }
  |                                    ^^^^^^^^^^^^^^^^^^^^^
  |
  = help: Remove `fs:allow-write-file`
warning[ungranted-call]: no capability grants `greet`, so Tauri refuses this call at run time
 --> /src/main.ts:3:7
  |
3 | await invoke("greet");
  |       ^^^^^^^^^^^^^^^
  |
 ::: /src-tauri/capabilities/default.json:1:17
  |
1 | { "identifier": "default", "windows": ["main"],
  |                 --------- capability `default` is for the app's windows
  |
  = help: Add `allow-greet` to capability `default`
warning[ungranted-call]: no capability grants `plugin:fs|remove`, so Tauri refuses this call at run time
 --> /src/main.ts:4:7
  |
4 | await invoke("plugin:fs|remove");
  |       ^^^^^^^^^^^^^^^^^^^^^^^^^^
  |
 ::: /src-tauri/capabilities/default.json:1:17
  |
1 | { "identifier": "default", "windows": ["main"],
  |                 --------- capability `default` is for the app's windows
  |
  = help: no permission of `fs` allows `remove` alone; define one that does
"#);
    }

    #[test]
    fn a_computed_command_name_makes_unused_claims_uncertain() {
        insta::assert_snapshot!(check(r#"
//- /package.json
{ "name": "notes" }
//- /src/main.ts
import { invoke } from "@tauri-apps/api/core";
export const call = (name: string) => invoke(name);
//- /src-tauri/tauri.conf.json
{ "app": { "windows": [{ "label": "main" }] } }
//- /src-tauri/capabilities/default.json
{ "identifier": "default", "windows": ["main"], "permissions": ["fs:allow-write-file"] }
"#), @r#"
help[unused-permission]: `fs:allow-write-file` allows `plugin:fs|write_file`, and no call found in the frontend reaches it (uncertain)
 --> /src-tauri/capabilities/default.json:1:65
  |
1 | { "identifier": "default", "windows": ["main"], "permissions": ["fs:allow-write-file"] }
  |                                                                 ^^^^^^^^^^^^^^^^^^^^^
  |
  = note: the frontend makes an `invoke` of a computed command name, which may reach it
  = help: it is the capability's only entry; remove the capability if no window needs it
"#);
    }

    #[test]
    fn app_commands_without_app_permissions_are_never_ungranted() {
        // Tauri lets local pages call the app's commands when it defines no permissions.
        insta::assert_snapshot!(check(r#"
//- /package.json
{ "name": "notes" }
//- /src/main.ts
import { invoke } from "@tauri-apps/api/core";
await invoke("greet");
await invoke("plugin:fs|read_file");
//- /src-tauri/tauri.conf.json
{ "app": { "windows": [{ "label": "main" }] } }
//- /src-tauri/capabilities/default.json
{ "identifier": "default", "windows": ["main"], "permissions": ["fs:allow-read-file"] }
"#), @"");
    }

    #[test]
    fn commands_the_permissions_and_handlers_disagree_on() {
        insta::assert_snapshot!(check(r#"
//- /src-tauri/tauri.conf.json
{ "app": { "windows": [{ "label": "main" }] } }
//- /src-tauri/src/lib.rs
pub fn run() {
    tauri::Builder::default()
        .invoke_handler(tauri::generate_handler![greet, commands::export_notes])
        .run(ctx);
}
//- /src-tauri/permissions/app.toml
[[permission]]
identifier = "allow-notes"
commands.allow = ["greet", "delete_notes"]
//- /src-tauri/capabilities/default.json
{ "identifier": "default", "windows": ["main"], "permissions": ["allow-notes"] }
"#), @r#"
warning[unregistered-command]: `allow-notes` allows `delete_notes`, but no `generate_handler!` of the app registers a command `delete_notes`
 --> /src-tauri/permissions/app.toml:3:28
  |
3 | commands.allow = ["greet", "delete_notes"]
  |                            ^^^^^^^^^^^^^^
warning[unregistered-command]: `export_notes` is registered, but no permission of the app mentions it: the app defines permissions, so Tauri checks its commands and refuses every call of `export_notes`
 --> /src-tauri/src/lib.rs:3:67
  |
3 |         .invoke_handler(tauri::generate_handler![greet, commands::export_notes])
  |                                                                   ^^^^^^^^^^^^
  |
  = help: add `export_notes` to `AppManifest::commands` in build.rs, or define a permission that allows it
"#);
    }
}
