//! Code lenses: above each capability, whom it applies to and how much it allows; above
//! each scoped fs or http entry, an offer to test a path or URL against its scope.
//!
//! The title reads `main, settings · 41 commands`: the windows and webviews the
//! capability targets, each pattern expanded to the known labels it matches on the
//! capability's platforms (or shown as written when it matches none), then the number of
//! distinct commands it allows on the platforms it is checked for, not counting those it
//! denies itself. Denied commands and a capability Tauri will not compile in (the config
//! lists other capabilities, or the file is skipped) are noted after. Capabilities
//! without an identifier get no lens: there is nothing to explain them by.
//!
//! When the app has a frontend package, a second lens says how much of what the
//! capability grants the frontend calls: `uses 3 of 41 granted commands`, from the
//! usage analysis ([`resolver::usage`]). Calls the scan cannot pin to commands (a
//! computed `invoke`, an unmapped package) that may reach a granted command make it
//! `uses at least 3 of… (2 calls not pinned to commands may reach others)`; unused
//! entries that may be used in ways the scan cannot see (a plugin's injected script, a
//! remote page) make it `at least` too. Capabilities only remote pages get, whose code is not in the
//! repository, get no usage lens.
//! Invariant: no LSP types and no command names; the handler attaches the command.

use std::collections::BTreeSet;

use super::World;
use super::diagnostics::platforms_for;
use super::wording::plural;
use crate::model::Capability;
use crate::model::tauri_conf::CapabilityEntry;
use crate::resolver::usage::{AppUsage, app_usage};
use crate::resolver::{self, CapabilityRef, authority, pattern};
use crate::text::TextRange;
use crate::workspace::{App, FileId, FileKind, Workspace};

/// How many labels the title names before it says `+N more`.
const MAX_LABELS: usize = 3;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodeLens {
    /// The capability's object (or the entry's); editors show the lens above its first
    /// line.
    pub range: TextRange,
    pub title: String,
    pub capability: CapabilityRef,
    /// The capability's identifier, which the lens's command explains.
    pub identifier: String,
    pub action: LensAction,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LensAction {
    /// Show what the capability lets each window call.
    ShowCapability,
    /// Ask for a path or URL and judge a call of `command` from `window` with it.
    TestScope(ScopeTest),
}

/// What a client needs to ask "is this value in the scope?" with `tauri-acl.why`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScopeTest {
    /// `path` (fs) or `url` (http).
    pub kind: &'static str,
    /// The entry's identifier (`fs:allow-read-text-file`).
    pub permission: String,
    /// A command the entry allows, in Tauri's form (`plugin:fs|read_text_file`).
    pub command: String,
    /// Known window labels the capability applies to; the first is the default caller.
    pub windows: Vec<String>,
}

/// One lens per capability in `file` (a capability file or a config's inline ones).
pub fn code_lens(world: &World, file: FileId) -> Vec<CodeLens> {
    let workspace = world.workspace.as_ref();
    let Some(app) = workspace.app_of(file) else {
        return Vec::new();
    };
    let source = workspace.file(file);
    let count = match source.kind {
        FileKind::Capability => source
            .capability_file()
            .map_or(0, |capabilities| capabilities.capabilities.len()),
        FileKind::TauriConfig { .. } => source
            .config()
            .and_then(|config| config.capabilities.as_ref())
            .map_or(0, |list| {
                // Inline capabilities keep their index in the list, references included.
                list.value
                    .iter()
                    .rposition(|entry| matches!(entry, CapabilityEntry::Inline(_)))
                    .map_or(0, |last| last + 1)
            }),
        _ => 0,
    };
    let usage = (count > 0 && app.frontend_package.is_some())
        .then(|| app_usage(workspace, app, &world.resolutions));
    let mut lenses = Vec::new();
    for index in 0..count {
        let reference = CapabilityRef { file, index };
        let Some(capability) = resolver::capability(workspace, reference) else {
            continue;
        };
        let Some(identifier) = capability.identifier() else {
            continue;
        };
        lenses.push(CodeLens {
            range: capability.range,
            title: title(workspace, app, reference, capability),
            capability: reference,
            identifier: identifier.to_owned(),
            action: LensAction::ShowCapability,
        });
        if let Some(title) = usage
            .as_ref()
            .and_then(|usage| usage_title(app, usage, reference))
        {
            lenses.push(CodeLens {
                range: capability.range,
                title,
                capability: reference,
                identifier: identifier.to_owned(),
                action: LensAction::ShowCapability,
            });
        }
        lenses.extend(scope_tests(
            workspace, app, reference, capability, identifier,
        ));
    }
    lenses
}

/// One lens per scoped entry of a plugin whose scope `tauri-acl why` can evaluate.
fn scope_tests(
    workspace: &Workspace,
    app: &App,
    reference: CapabilityRef,
    capability: &Capability,
    identifier: &str,
) -> Vec<CodeLens> {
    let platforms = platforms_for(app, capability);
    let Some(resolution) = platforms
        .first()
        .and_then(|platform| resolver::resolve(workspace, app, reference, *platform))
    else {
        return Vec::new();
    };
    let windows: Vec<String> = {
        let mut labels: Vec<String> = platforms
            .iter()
            .flat_map(|platform| app.window_labels(Some(*platform)))
            .map(|label| label.label.clone())
            .filter(|label| {
                capability
                    .window_patterns()
                    .iter()
                    .any(|pattern| pattern::label_matches(&pattern.value, label))
            })
            .collect();
        let mut seen = BTreeSet::new();
        labels.retain(|label| seen.insert(label.clone()));
        labels
    };
    capability
        .entries()
        .iter()
        .enumerate()
        .filter(|(_, entry)| entry.scope.is_some())
        .filter_map(|(index, entry)| {
            let parsed = entry.parsed.as_ref().ok()?;
            let kind = match parsed.prefix()? {
                "fs" => "path",
                "http" => "url",
                _ => return None,
            };
            let command = resolution
                .of_entry(index)?
                .grants
                .iter()
                .find(|grant| !grant.is_deny)?
                .command
                .clone();
            Some(CodeLens {
                range: entry.range,
                title: format!("Test a {kind} against this scope"),
                capability: reference,
                identifier: identifier.to_owned(),
                action: LensAction::TestScope(ScopeTest {
                    kind,
                    permission: entry.identifier.value.clone(),
                    command,
                    windows: windows.clone(),
                }),
            })
        })
        .collect()
}

fn title(
    workspace: &Workspace,
    app: &App,
    reference: CapabilityRef,
    capability: &Capability,
) -> String {
    let platforms = platforms_for(app, capability);
    let mut allowed: BTreeSet<String> = BTreeSet::new();
    let mut denied: BTreeSet<String> = BTreeSet::new();
    let mut is_enabled = false;
    for platform in &platforms {
        is_enabled |=
            resolver::enabled_capabilities(workspace, app, *platform).contains(&reference);
        let Some(resolution) = resolver::resolve(workspace, app, reference, *platform) else {
            continue;
        };
        for grant in resolution.grants() {
            if grant.is_deny {
                denied.insert(grant.command.clone());
            } else {
                allowed.insert(grant.command.clone());
            }
        }
    }
    let commands = allowed.difference(&denied).count();
    let mut parts = vec![
        targets(app, capability, &platforms),
        plural(commands, "command", "commands"),
    ];
    if !denied.is_empty() {
        parts.push(format!("{} denied", denied.len()));
    }
    if !is_enabled {
        parts.push("not enabled".to_owned());
    }
    parts.join(" · ")
}

/// `uses 3 of 41 granted commands`: of the commands the capability's entries allow, how
/// many some frontend call reaches; `None` when no claim can be made (no entry a local
/// page gets, or nothing granted).
fn usage_title(app: &App, usage: &AppUsage, reference: CapabilityRef) -> Option<String> {
    let entries: Vec<_> = usage
        .capability_entries(reference)
        .filter(|entry| entry.is_checkable)
        .collect();
    let granted: BTreeSet<&str> = entries
        .iter()
        .flat_map(|entry| entry.granted_commands.iter().map(String::as_str))
        .collect();
    if granted.is_empty() {
        return None;
    }
    let used: BTreeSet<&str> = entries
        .iter()
        .flat_map(|entry| entry.used_commands.iter().map(String::as_str))
        .collect();
    let counted = format!(
        "{} of {}",
        used.len(),
        plural(granted.len(), "granted command", "granted commands")
    );
    // The calls the scan could not pin to commands that may reach a granted command no
    // found call reaches; the hover and `unused-permission` say what each one is.
    let unused_keys: BTreeSet<String> = granted
        .iter()
        .filter(|command| !used.contains(*command))
        .map(|command| authority::command_target(app, command).key)
        .collect();
    let unknown = usage
        .unknown_calls
        .iter()
        .filter(|call| unused_keys.iter().any(|key| call.may_reach(key)))
        .count();
    // Entries no found call reaches that may still be used another way (Tauri's or a
    // plugin's injected scripts, remote pages).
    let hedged = entries
        .iter()
        .filter(|entry| entry.unknown_use.is_some())
        .count();
    Some(if unknown > 0 {
        format!(
            "uses at least {counted} ({} not pinned to commands may reach others)",
            plural(unknown, "call", "calls")
        )
    } else if hedged > 0 {
        format!(
            "uses at least {counted} ({} may be used in ways the scan cannot see)",
            plural(hedged, "unused entry", "unused entries")
        )
    } else {
        format!("uses {counted}")
    })
}

/// The labels the capability's window and webview patterns match, in pattern order.
fn targets(app: &App, capability: &Capability, platforms: &[crate::model::Platform]) -> String {
    let mut names: Vec<String> = Vec::new();
    let patterns = capability
        .window_patterns()
        .iter()
        .map(|pattern| (pattern, true))
        .chain(
            capability
                .webview_patterns()
                .iter()
                .map(|pattern| (pattern, false)),
        );
    for (item, is_window) in patterns {
        let known: BTreeSet<&str> = platforms
            .iter()
            .flat_map(|platform| {
                let labels: Vec<_> = if is_window {
                    app.window_labels(Some(*platform)).collect()
                } else {
                    app.webview_labels(Some(*platform)).collect()
                };
                labels
            })
            .map(|label| label.label.as_str())
            .filter(|label| pattern::label_matches(&item.value, label))
            .collect();
        if known.is_empty() {
            names.push(item.value.clone());
        }
        names.extend(known.into_iter().map(str::to_owned));
    }
    let mut seen = BTreeSet::new();
    names.retain(|name| seen.insert(name.clone()));
    match names.len() {
        0 => "no windows".to_owned(),
        count if count > MAX_LABELS + 1 => format!(
            "{} +{} more",
            names[..MAX_LABELS].join(", "),
            count - MAX_LABELS
        ),
        _ => names.join(", "),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ide::fixture;

    /// Lists each lens as `line: identifier: title`.
    #[track_caller]
    fn check(fixture_text: &str, path: &str) -> String {
        let (world, file) = fixture::file(fixture_text, path);
        let source = world.workspace.file(file);
        code_lens(&world, file)
            .iter()
            .map(|lens| {
                let line = source.line_index.line_col(lens.range.start()).line + 1;
                match &lens.action {
                    LensAction::ShowCapability => {
                        format!("{line}: {}: {}\n", lens.identifier, lens.title)
                    }
                    LensAction::TestScope(test) => format!(
                        "{line}: {}: {} ({} from {:?})\n",
                        test.permission, lens.title, test.command, test.windows
                    ),
                }
            })
            .collect()
    }

    const PLUGINS: &str = r#"
//- /plugins/fs/permissions/default.toml plugin:fs
[default]
permissions = ["allow-read", "allow-exists", "allow-mobile"]

[[permission]]
identifier = "allow-read"
commands.allow = ["read"]

[[permission]]
identifier = "allow-exists"
commands.allow = ["exists"]

[[permission]]
identifier = "allow-mobile"
commands.allow = ["mobile"]
platforms = ["android"]

[[permission]]
identifier = "deny-read"
commands.deny = ["read"]
//- /plugins/tauri/build.rs core
const PLUGINS: &[(&str, &[(&str, bool)])] = &[
  ("core:window", &[("close", false), ("title", true)]),
  ("core:app", &[("version", true)]),
];
//- /src-tauri/src/lib.rs
fn run() { WebviewWindowBuilder::new(app, "settings-1", url); WebviewWindowBuilder::new(app, "settings-2", url); }
"#;

    #[test]
    fn json_capability_lists_windows_and_counts_commands() {
        let fixture_text = [
            r#"//- /src-tauri/capabilities/default.json
{
  "identifier": "main-capability",
  "windows": ["main", "settings-*", "popup"],
  "permissions": ["core:default", "fs:default"]
}
"#,
            PLUGINS,
        ]
        .concat();
        insta::assert_snapshot!(check(&fixture_text, "/src-tauri/capabilities/default.json"), @"1: main-capability: main, settings-1, settings-2, popup · 4 commands");
        let many = [
            r#"//- /src-tauri/capabilities/default.json
{ "identifier": "many", "windows": ["main", "settings-*", "a", "b"], "permissions": [] }
"#,
            PLUGINS,
        ]
        .concat();
        insta::assert_snapshot!(check(&many, "/src-tauri/capabilities/default.json"), @"1: many: main, settings-1, settings-2 +2 more · 0 commands");
    }

    #[test]
    fn json5_and_toml_lists_with_denials_and_platforms() {
        let json5 = [
            r#"//- /src-tauri/Cargo.toml
[package]
name = "app"
version = "0.1.0"

[dependencies]
tauri-plugin-fs = { path = "../plugins/fs" }
tauri = { path = "../plugins/tauri" }

[build-dependencies]
tauri-build = { version = "2", features = ["config-json5"] }
//- /src-tauri/capabilities/list.json5
[
  { identifier: 'reader', windows: ['*'], permissions: ['fs:default', 'fs:deny-read'] },
  { identifier: 'mobile', webviews: ['preview'], platforms: ['android'], permissions: ['fs:default'] },
  { windows: ['main'], permissions: [] },
]
"#,
            PLUGINS,
        ]
        .concat();
        insta::assert_snapshot!(check(&json5, "/src-tauri/capabilities/list.json5"), @"
        2: reader: main, settings-1, settings-2 · 1 command · 1 denied
        3: mobile: preview · 3 commands
        ");
        let toml = [
            r#"//- /src-tauri/capabilities/default.toml
[[capabilities]]
identifier = "first"
windows = ["main"]
permissions = ["core:window:allow-close"]

[[capabilities]]
identifier = "second"
permissions = ["fs:allow-read"]
"#,
            PLUGINS,
        ]
        .concat();
        insta::assert_snapshot!(check(&toml, "/src-tauri/capabilities/default.toml"), @"
        1: first: main · 1 command
        6: second: no windows · 1 command
        ");
    }

    #[test]
    fn config_inline_capability_and_capabilities_left_out() {
        let fixture_text = [
            r#"//- /src-tauri/tauri.conf.json
{ "app": { "windows": [{ "label": "main" }], "security": { "capabilities": [
  "listed",
  { "identifier": "inline", "windows": ["main"], "permissions": ["fs:allow-read"] }
] } } }
//- /src-tauri/capabilities/listed.json
{ "identifier": "listed", "windows": ["main"], "permissions": ["fs:allow-exists"] }
//- /src-tauri/capabilities/unlisted.json
{ "identifier": "unlisted", "windows": ["main"], "permissions": ["fs:allow-exists"] }
"#,
            PLUGINS,
        ]
        .concat();
        insta::assert_snapshot!(check(&fixture_text, "/src-tauri/tauri.conf.json"), @"3: inline: main · 1 command");
        insta::assert_snapshot!(check(&fixture_text, "/src-tauri/capabilities/unlisted.json"), @"1: unlisted: main · 1 command · not enabled");
    }

    #[test]
    fn scoped_fs_entries_offer_a_path_test() {
        let fixture_text = [
            r#"//- /src-tauri/capabilities/default.json
{
  "identifier": "files",
  "windows": ["settings-*"],
  "permissions": [
    "fs:allow-exists",
    { "identifier": "fs:allow-read", "allow": [{ "path": "$APPDATA/**" }] },
    { "identifier": "core:window:allow-close", "allow": [] }
  ]
}
"#,
            PLUGINS,
        ]
        .concat();
        insta::assert_snapshot!(check(&fixture_text, "/src-tauri/capabilities/default.json"), @r#"
        1: files: settings-1, settings-2 · 3 commands
        6: fs:allow-read: Test a path against this scope (plugin:fs|read from ["settings-1", "settings-2"])
        "#);
    }

    #[test]
    fn with_a_frontend_a_second_lens_counts_the_commands_it_calls() {
        let frontend = r#"
//- /package.json
{ "name": "app" }
//- /src/main.ts
import { invoke } from "@tauri-apps/api/core";
await invoke("plugin:fs|read");
"#;
        let fixture_text = [
            r#"//- /src-tauri/capabilities/default.json
{ "identifier": "main", "windows": ["main"], "permissions": ["fs:default", "core:app:default"] }
"#,
            PLUGINS,
            frontend,
        ]
        .concat();
        insta::assert_snapshot!(check(&fixture_text, "/src-tauri/capabilities/default.json"), @r"
        1: main: main · 3 commands
        1: main: uses 1 of 3 granted commands
        ");
        // A computed command name may reach every command: the count is a floor.
        let dynamic = [
            fixture_text.as_str(),
            "//- /src/api.ts\nimport { invoke } from \"@tauri-apps/api/core\";\nexport const call = (name: string) => invoke(name);\n",
        ]
        .concat();
        insta::assert_snapshot!(check(&dynamic, "/src-tauri/capabilities/default.json"), @r"
        1: main: main · 3 commands
        1: main: uses at least 1 of 3 granted commands (1 call not pinned to commands may reach others)
        ");
        // A capability only remote pages get: their code is not here, no claim is made.
        let remote = fixture_text.replace(
            r#""windows": ["main"],"#,
            r#""windows": ["main"], "remote": { "urls": ["https://example.com/*"] }, "local": false,"#,
        );
        insta::assert_snapshot!(check(&remote, "/src-tauri/capabilities/default.json"), @"1: main: main · 3 commands");
    }
}
