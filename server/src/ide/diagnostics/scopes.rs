// Diagnostic: unscoped-permission, broad-fs-scope, shell-unvalidated-args.
//
//! Scoped commands check every call against the scope that comes with them: the entry's
//! `allow`/`deny`, the permission's own scope, and the plugin's global scope (fed by
//! scope-only permissions in any capability, for every window). A scoped command granted
//! with no scope at all refuses every call; one granted with a scope that reaches the
//! whole disk or a user's home is a hole in the app's sandbox.

use std::collections::{BTreeSet, HashMap};

use super::{AppContext, Diagnostic};
use crate::diagnostic::{Code, Severity};
use crate::ide::scope_paths;
use crate::model::Capability;
use crate::resolver::{self, CapabilityRef, Resolution};

/// Commands that check their plugin's scope, per plugin key. For `fs` it is every
/// command that takes a path, that is all but the ones working on an open file handle.
pub(crate) fn is_scoped_command(key: &str, command: &str) -> bool {
    match key {
        "fs" => !matches!(
            command,
            "read"
                | "write"
                | "seek"
                | "fstat"
                | "ftruncate"
                | "read_text_file_lines_next"
                | "unwatch"
        ),
        "shell" => matches!(command, "execute" | "spawn"),
        "http" => matches!(command, "fetch"),
        "opener" => matches!(command, "open_url" | "open_path"),
        _ => false,
    }
}

fn what_is_scoped(key: &str) -> &'static str {
    match key {
        "fs" => "a path scope (`{ \"path\": \"$APPDATA/notes/**\" }`)",
        "shell" => "the programs it may run (`{ \"name\": \"...\", \"cmd\": \"...\" }`)",
        "http" => "the URLs it may fetch (`{ \"url\": \"https://api.example.com/*\" }`)",
        _ => "a scope",
    }
}

pub(super) fn check(context: &AppContext<'_>, acc: &mut Vec<Diagnostic>) {
    for (reference, capability, resolution) in context.first_resolutions() {
        unscoped(context, reference, capability, resolution, acc);
        broad_fs(context, reference, capability, resolution, acc);
        shell_args(reference, capability, resolution, acc);
    }
}

fn unscoped(
    context: &AppContext<'_>,
    reference: CapabilityRef,
    capability: &Capability,
    resolution: &Resolution,
    acc: &mut Vec<Diagnostic>,
) {
    // Each entry's unscoped grants of scoped commands, in one pass over the grants:
    // scanning every grant for every entry was quadratic in a large capability.
    let mut by_entry: Vec<Vec<&resolver::Grant>> = vec![Vec::new(); capability.entries().len()];
    for grant in resolution.grants() {
        if !grant.is_deny
            && grant.scope.is_none()
            && is_scoped_command(&grant.key, grant.command_name())
            && let Some(list) = by_entry.get_mut(grant.entry)
        {
            list.push(grant.item);
        }
    }
    // What the checks below find depends on the command or the plugin, not on the
    // entry, so each is asked once: a capability naming `fs:default` thousands of times
    // asked each for every entry, and each answer scans the capability's grants.
    let mut merged: HashMap<&str, MergedScope> = HashMap::new();
    let mut by_key: HashMap<String, (bool, Vec<(CapabilityRef, String)>)> = HashMap::new();
    let mut anywhere: HashMap<String, bool> = HashMap::new();
    for (index, entry) in capability.entries().iter().enumerate() {
        if entry.scope.is_some() {
            continue;
        }
        let unscoped = &by_entry[index];
        let Some(first) = unscoped.first() else {
            continue;
        };
        let key = first.key.clone();
        // Tauri merges the scopes of every grant of a command that reaches a call, so a
        // sibling entry (or another capability for the same windows) that scopes the
        // command scopes this one too.
        let mut elsewhere: Option<CapabilityRef> = None;
        let mut uncovered: BTreeSet<String> = BTreeSet::new();
        let commands: BTreeSet<&str> = unscoped
            .iter()
            .filter(|grant| {
                let source = merged
                    .entry(grant.command.as_str())
                    .or_insert_with(|| {
                        merged_scope_source(context, reference, capability, resolution, grant)
                    })
                    .clone();
                match source {
                    MergedScope::None(windows) => {
                        uncovered.extend(windows);
                        true
                    }
                    MergedScope::Here => false,
                    MergedScope::Elsewhere(source) => {
                        elsewhere.get_or_insert(source);
                        false
                    }
                }
            })
            .map(|grant| grant.command_name())
            .collect();
        if commands.is_empty() {
            if let Some(source) = elsewhere {
                let name = context
                    .capability(source)
                    .and_then(Capability::identifier)
                    .unwrap_or("another capability");
                let mut diagnostic = Diagnostic::new(
                    Code::UnscopedPermission,
                    reference.file,
                    entry.identifier.range,
                    format!(
                        "`{}` has no scope of its own: in every window it applies to, it takes the scope that capability `{name}` gives the same commands",
                        entry.identifier.value
                    ),
                );
                diagnostic.severity = Severity::Info;
                let range = context
                    .capability(source)
                    .map(Capability::focus_range)
                    .unwrap_or_default();
                acc.push(diagnostic.related(source.file, range, format!("capability `{name}`")));
            }
            continue;
        }
        let pronoun = if commands.len() == 1 { "it" } else { "them" };
        let commands = commands
            .iter()
            .map(|command| format!("`{command}`"))
            .collect::<Vec<_>>()
            .join(", ");
        // A global scope from this very capability is deliberate, whether or not the
        // capability is enabled.
        let (here, sources) = by_key.entry(key.clone()).or_insert_with(|| {
            (
                resolution
                    .global_scopes()
                    .any(|scope| scope.key == key && !scope.scope.allow.is_empty()),
                global_scope_sources(context, resolution.platform, &key),
            )
        });
        if *here {
            continue;
        }
        let identifier = &entry.identifier.value;
        let diagnostic = match sources.first() {
            None => Diagnostic::new(
                Code::UnscopedPermission,
                reference.file,
                entry.identifier.range,
                format!(
                    "`{identifier}` allows {commands} with no scope, and {}, so every call {}is refused{}",
                    if !uncovered.is_empty() {
                        format!("no scope for {pronoun} reaches {}", crate::ide::wording::windows(&uncovered))
                    } else if *anywhere
                        .entry(key.clone())
                        .or_insert_with(|| scoped_anywhere(context, &key))
                    {
                        format!("no scope for {pronoun} reaches the windows the capability applies to")
                    } else {
                        format!("no `{key}` scope is defined anywhere in the app")
                    },
                    if uncovered.is_empty() { "" } else { "from there " },
                    if key == "fs" {
                        " (unless the app's Rust code or a file dialog adds paths at run time)"
                    } else {
                        ""
                    }
                ),
            )
            .note(format!(
                "help: give the entry {}: write it as an object with `identifier` and `allow`",
                what_is_scoped(&key)
            ))
            .fixes_with(scoped_entry_fix(context.workspace, context.app, reference, entry, &key)),
            Some((source, permission)) => {
                let name = context
                    .capability(*source)
                    .and_then(Capability::identifier)
                    .unwrap_or("another capability");
                let mut diagnostic = Diagnostic::new(
                    Code::UnscopedPermission,
                    reference.file,
                    entry.identifier.range,
                    format!(
                        "`{identifier}` has no scope of its own: it relies on the global `{key}` scope that `{permission}` adds in capability `{name}`, which applies to every window"
                    ),
                );
                diagnostic.severity = Severity::Info;
                let range = context
                    .capability(*source)
                    .map(Capability::focus_range)
                    .unwrap_or_default();
                diagnostic.related(source.file, range, format!("capability `{name}`"))
            }
        };
        acc.push(diagnostic);
    }
}

/// Where the merged scope of an unscoped grant's command comes from.
#[derive(Clone)]
enum MergedScope {
    /// Nowhere in the known windows listed (all of them when the list is empty).
    None(Vec<String>),
    /// Another entry of the same capability: Tauri merges them for every call.
    Here,
    /// Another capability that reaches every known window this one applies to.
    Elsewhere(CapabilityRef),
}

/// Whether any capability scopes a command of plugin `key`.
fn scoped_anywhere(context: &AppContext<'_>, key: &str) -> bool {
    context.resolutions.values().flatten().any(|resolution| {
        resolution
            .grants()
            .any(|grant| grant.key == key && !grant.is_deny && allows_something(&grant))
    })
}

fn allows_something(grant: &resolver::Grant) -> bool {
    grant
        .scope
        .as_ref()
        .is_some_and(|scope| !scope.allow.is_empty())
}

/// Whether the scope Tauri merges for `grant`'s command, in the windows its capability
/// applies to, has an allow entry from another grant: one of the same capability
/// (merged for every call it serves), or, for each known window it applies to, one of
/// an enabled capability that applies there too.
fn merged_scope_source(
    context: &AppContext<'_>,
    reference: CapabilityRef,
    capability: &Capability,
    resolution: &Resolution,
    grant: &resolver::Grant,
) -> MergedScope {
    let scoped = |other: &resolver::Grant| {
        !other.is_deny && other.command == grant.command && allows_something(other)
    };
    if resolution.grants().any(|other| scoped(&other)) {
        return MergedScope::Here;
    }
    let platform = resolution.platform;
    let origin = resolver::Origin::Local;
    let labels: BTreeSet<&str> = context
        .app
        .window_labels(Some(platform))
        .map(|label| label.label.as_str())
        .filter(|label| resolver::capability_applies(capability, label, label, &origin))
        .collect();
    if labels.is_empty() {
        return MergedScope::None(Vec::new());
    }
    let mut source = None;
    let mut missing = Vec::new();
    for label in labels {
        let found = resolver::enabled_capabilities(context.workspace, context.app, platform)
            .into_iter()
            .filter(|other| *other != reference)
            .find(|other| {
                let Some(other_capability) = context.capability(*other) else {
                    return false;
                };
                other_capability.is_active(platform)
                    && resolver::capability_applies(other_capability, label, label, &origin)
                    && context.resolutions.get(other).is_some_and(|list| {
                        list.iter().any(|resolution| {
                            resolution.platform == platform
                                && resolution.grants().any(|other| scoped(&other))
                        })
                    })
            });
        match found {
            Some(found) => {
                source.get_or_insert(found);
            }
            None => missing.push(label.to_owned()),
        }
    }
    match source {
        Some(source) if missing.is_empty() => MergedScope::Elsewhere(source),
        // Only when some window has a scope is naming the others worth it.
        Some(_) => MergedScope::None(missing),
        None => MergedScope::None(Vec::new()),
    }
}

/// A fix turning a bare entry into `{ identifier, allow: [skeleton] }`, with a snippet
/// whose placeholders are the skeleton's values.
pub(crate) fn scoped_entry_fix(
    workspace: &crate::workspace::Workspace,
    app: &crate::workspace::App,
    reference: CapabilityRef,
    entry: &crate::model::PermissionEntry,
    key: &str,
) -> Option<super::Fix> {
    let source = workspace.file(reference.file);
    let format = source.format?;
    let plugin = app.catalogue.get(key)?;
    let skeleton = crate::ide::scope_shapes::skeleton(plugin);
    if skeleton.is_empty() {
        return None;
    }
    // Rendered member by member to keep the skeleton's order (name, cmd, args).
    let plain_members: Vec<(&str, String)> = skeleton
        .iter()
        .map(|(name, value)| {
            (
                name.as_str(),
                crate::ide::edit::value_literal(format, value),
            )
        })
        .collect();
    let render = |scope_text: String| {
        crate::ide::edit::inline_object(
            format,
            &[
                (
                    "identifier",
                    crate::ide::edit::string_literal(format, &entry.identifier.value),
                ),
                ("allow", format!("[{scope_text}]")),
            ],
        )
    };
    let plain = render(crate::ide::edit::inline_object(format, &plain_members));
    // The snippet: each placeholder value becomes a tab stop; `$` and `}` are escaped.
    let mut index = 0;
    let members: Vec<(&str, String)> = skeleton
        .iter()
        .map(|(name, value)| {
            index += 1;
            let text = match value {
                serde_json::Value::String(text) => {
                    let escaped = text
                        .replace('\\', "\\\\")
                        .replace('$', "\\$")
                        .replace('}', "\\}");
                    format!("\"${{{index}:{escaped}}}\"")
                }
                other => format!(
                    "${{{index}:{}}}",
                    crate::ide::edit::value_literal(format, other)
                ),
            };
            (name.as_str(), text)
        })
        .collect();
    let snippet = render(crate::ide::edit::inline_object(format, &members));
    Some(super::Fix {
        label: format!("Give `{}` a scope", entry.identifier.value),
        edits: vec![super::TextEdit {
            location: crate::ide::FileRange {
                file: reference.file,
                range: entry.range,
            },
            new_text: plain,
        }],
        snippet: Some(snippet),
        ..super::Fix::default()
    })
}

/// Capabilities (enabled and active on `platform`) that add to `key`'s global scope,
/// with the permission that does.
fn global_scope_sources(
    context: &AppContext<'_>,
    platform: crate::model::Platform,
    key: &str,
) -> Vec<(CapabilityRef, String)> {
    let enabled = resolver::enabled_capabilities(context.workspace, context.app, platform);
    let mut sources = Vec::new();
    for reference in enabled {
        let Some(resolution) = context.resolutions.get(&reference).and_then(|list| {
            list.iter()
                .find(|resolution| resolution.platform == platform)
        }) else {
            continue;
        };
        for scope in resolution.global_scopes() {
            if scope.key == key && !scope.scope.allow.is_empty() {
                sources.push((reference, scope.permission.qualified()));
            }
        }
    }
    sources
}

fn broad_fs(
    context: &AppContext<'_>,
    reference: CapabilityRef,
    capability: &Capability,
    resolution: &Resolution,
    acc: &mut Vec<Diagnostic>,
) {
    // Every fs path this capability allows, by entry, from command and global scopes.
    let mut reported = BTreeSet::new();
    let mut app_data_grant: Option<(usize, String)> = None;
    let mut denies_webview_data = false;
    let scopes = resolution
        .grants()
        .filter(|grant| grant.key == "fs")
        .filter_map(|grant| {
            Some((
                grant.entry,
                grant.permission.qualified(),
                grant.item.scope.as_deref()?,
            ))
        })
        .chain(
            resolution
                .global_scopes()
                .filter(|scope| scope.key == "fs")
                .map(|scope| (scope.entry, scope.permission.qualified(), &scope.item.scope)),
        );
    for (index, permission, scope) in scopes {
        for value in &scope.deny {
            if scope_paths::scope_path(value).is_some_and(|path| path.starts_with("$APPLOCALDATA"))
            {
                denies_webview_data = true;
            }
        }
        let Some(entry) = capability.entries().get(index) else {
            continue;
        };
        for value in &scope.allow {
            let Some(path) = scope_paths::scope_path(value) else {
                continue;
            };
            if let Some(base) = scope_paths::app_data_tree(path) {
                app_data_grant.get_or_insert((index, base.to_owned()));
            }
            let Some(why) = scope_paths::broadness(path) else {
                continue;
            };
            if !reported.insert((index, path.to_owned())) {
                continue;
            }
            // Point at the entry's own scope value when the path is written there.
            let own = entry
                .scope
                .as_ref()
                .and_then(|scope| scope.allow.as_ref())
                .and_then(|list| list.value.iter().find(|own| own.value == *value));
            let (range, how) = match own {
                Some(own) => (own.range, String::new()),
                None => (entry.identifier.range, format!(" through `{permission}`")),
            };
            acc.push(
                Diagnostic::new(
                    Code::BroadFsScope,
                    reference.file,
                    range,
                    format!("`{path}`{how} lets the page reach {why}"),
                )
                .note("help: allow only the folders the app needs, such as a named subfolder of `$APPDATA`"),
            );
        }
    }
    if let (Some((index, base)), false) = (app_data_grant, denies_webview_data) {
        let global_deny = context.resolutions.values().flatten().any(|other| {
            other.platform == resolution.platform
                && other.global_scopes().any(|scope| {
                    scope.key == "fs"
                        && scope.scope.deny.iter().any(|value| {
                            scope_paths::scope_path(value)
                                .is_some_and(|path| path.starts_with("$APPLOCALDATA"))
                        })
                })
        });
        if let (Some(entry), false) = (capability.entries().get(index), global_deny) {
            acc.push(
                Diagnostic::new(
                    Code::BroadFsScope,
                    reference.file,
                    entry.identifier.range,
                    format!(
                        "`{}` reaches all of `{base}`, {}, and nothing denies those folders",
                        entry.identifier.value,
                        if base == "$APPLOCALDATA" {
                            "where the webview keeps its cookies, caches and storage on Linux and Windows"
                        } else {
                            "which on Linux is where the webview keeps its cookies, caches and storage"
                        }
                    ),
                )
                .note("help: add `fs:deny-default` (it denies the webview's data folders on each platform)")
                .fix(
                    "Add `fs:deny-default`",
                    super::append_entry(context.workspace, reference.file, capability, "fs:deny-default")
                        .into_iter()
                        .collect(),
                ),
            );
        }
    }
}

fn shell_args(
    reference: CapabilityRef,
    capability: &Capability,
    resolution: &Resolution,
    acc: &mut Vec<Diagnostic>,
) {
    let mut reported = BTreeSet::new();
    for grant in resolution
        .grants()
        .filter(|grant| grant.key == "shell" && !grant.is_deny)
    {
        let Some(scope) = &grant.scope else { continue };
        let Some(entry) = capability.entries().get(grant.entry) else {
            continue;
        };
        for value in &scope.allow {
            let program = value
                .get("name")
                .or_else(|| value.get("cmd"))
                .and_then(serde_json::Value::as_str)
                .unwrap_or("a program");
            let problem = match value.get("args") {
                Some(serde_json::Value::Bool(true)) => {
                    Some("passes any arguments (`\"args\": true`)".to_owned())
                }
                Some(serde_json::Value::Array(args)) => args
                    .iter()
                    .any(|arg| arg.is_object() && arg.get("validator").is_none())
                    .then(|| "has an argument object without `validator`, which the shell plugin cannot read, so every call fails".to_owned()),
                _ => None,
            };
            let Some(problem) = problem else { continue };
            if !reported.insert((grant.entry, value.to_string())) {
                continue;
            }
            let own = entry
                .scope
                .as_ref()
                .and_then(|scope| scope.allow.as_ref())
                .and_then(|list| list.value.iter().find(|own| own.value == *value));
            let range = own.map_or(entry.identifier.range, |own| own.range);
            acc.push(
                Diagnostic::new(
                    Code::ShellUnvalidatedArgs,
                    reference.file,
                    range,
                    if problem.contains("every call fails") {
                        format!("`{program}` {problem}")
                    } else {
                        format!("`{program}` {problem}: the page can make it do anything its options allow")
                    },
                )
                .note("help: list the fixed arguments, and give each variable one a `validator` regex: `\"args\": [\"run\", { \"validator\": \"^[a-z0-9-]+$\" }]`"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::ide::diagnostics::render_fixture;

    const FS: &str = r#"
//- /plugins/fs/permissions/fs.toml plugin:fs
[[permission]]
identifier = "allow-read-text-file"
commands.allow = ["read_text_file"]

[[permission]]
identifier = "allow-write-text-file"
commands.allow = ["write_text_file"]

[[permission]]
identifier = "scope-home-recursive"
[[permission.scope.allow]]
path = "$HOME/**"

[[permission]]
identifier = "scope-appdata"
[[permission.scope.allow]]
path = "$APPDATA/notes/*"

[[permission]]
identifier = "deny-webview-data"
[[permission.scope.deny]]
path = "$APPLOCALDATA/EBWebView/**"
//- /plugins/shell/permissions/shell.toml plugin:shell
[[permission]]
identifier = "allow-execute"
commands.allow = ["execute"]
"#;

    #[test]
    fn unscoped_commands_with_and_without_a_global_scope() {
        insta::assert_snapshot!(render_fixture(&format!(r#"
//- /src-tauri/tauri.conf.json
{{ "app": {{ "windows": [{{ "label": "main" }}, {{ "label": "other" }}], "security": {{ "csp": "default-src 'self'" }} }} }}
//- /src-tauri/capabilities/main.json
{{ "identifier": "main", "windows": ["main"], "permissions": ["fs:allow-read-text-file", "shell:allow-execute"] }}
//- /src-tauri/capabilities/other.json
{{ "identifier": "other", "windows": ["other"], "permissions": ["fs:scope-appdata"] }}
{FS}"#)), @r#"
        info[unscoped-permission]: `fs:allow-read-text-file` has no scope of its own: it relies on the global `fs` scope that `fs:scope-appdata` adds in capability `other`, which applies to every window
         --> /src-tauri/capabilities/main.json:1:62
          |
        1 | { "identifier": "main", "windows": ["main"], "permissions": ["fs:allow-read-text-file", "shell:allow-execute"] }
          |                                                              ^^^^^^^^^^^^^^^^^^^^^^^^^
          |
         ::: /src-tauri/capabilities/other.json:1:17
          |
        1 | { "identifier": "other", "windows": ["other"], "permissions": ["fs:scope-appdata"] }
          |                 ------- capability `other`
        warning[unscoped-permission]: `shell:allow-execute` allows `execute` with no scope, and no `shell` scope is defined anywhere in the app, so every call is refused
         --> /src-tauri/capabilities/main.json:1:89
          |
        1 | { "identifier": "main", "windows": ["main"], "permissions": ["fs:allow-read-text-file", "shell:allow-execute"] }
          |                                                                                         ^^^^^^^^^^^^^^^^^^^^^
          |
          = help: give the entry the programs it may run (`{ "name": "...", "cmd": "..." }`): write it as an object with `identifier` and `allow`
          = help: Give `shell:allow-execute` a scope
        "#);
    }

    /// Tauri merges the scopes of every grant of a command that reaches a call: a bare
    /// entry beside a scoped one of the same command is scoped, in the same capability
    /// always, from another capability only in the windows both apply to.
    #[test]
    fn scopes_merge_per_command_across_entries_and_capabilities() {
        let http = r#"
//- /plugins/http/permissions/http.toml plugin:http
[default]
permissions = ["allow-fetch"]
[[permission]]
identifier = "allow-fetch"
commands.allow = ["fetch"]
"#;
        insta::assert_snapshot!(render_fixture(&format!(r#"
//- /src-tauri/tauri.conf.json
{{ "app": {{ "windows": [{{ "label": "main" }}, {{ "label": "other" }}], "security": {{ "csp": "default-src 'self'" }} }} }}
//- /src-tauri/capabilities/main.json
{{ "identifier": "main", "windows": ["main"],
  "permissions": ["http:default", {{ "identifier": "http:default", "allow": [{{ "url": "https://api.example.com/*" }}] }}] }}
//- /src-tauri/capabilities/also-main.json
{{ "identifier": "also-main", "windows": ["main"], "permissions": ["http:allow-fetch"] }}
//- /src-tauri/capabilities/both.json
{{ "identifier": "both", "windows": ["main", "other"], "permissions": ["http:allow-fetch"] }}
{http}"#)), @r#"
        info[unscoped-permission]: `http:allow-fetch` has no scope of its own: in every window it applies to, it takes the scope that capability `main` gives the same commands
         --> /src-tauri/capabilities/also-main.json:1:67
          |
        1 | { "identifier": "also-main", "windows": ["main"], "permissions": ["http:allow-fetch"] }
          |                                                                   ^^^^^^^^^^^^^^^^^^
          |
         ::: /src-tauri/capabilities/main.json:1:17
          |
        1 | { "identifier": "main", "windows": ["main"],
          |                 ------ capability `main`
        warning[unscoped-permission]: `http:allow-fetch` allows `fetch` with no scope, and no scope for it reaches window `other`, so every call from there is refused
         --> /src-tauri/capabilities/both.json:1:71
          |
        1 | { "identifier": "both", "windows": ["main", "other"], "permissions": ["http:allow-fetch"] }
          |                                                                       ^^^^^^^^^^^^^^^^^^
          |
          = help: give the entry the URLs it may fetch (`{ "url": "https://api.example.com/*" }`): write it as an object with `identifier` and `allow`
          = help: Give `http:allow-fetch` a scope
        "#);
    }

    #[test]
    fn broad_paths_webview_data_and_shell_arguments() {
        insta::assert_snapshot!(render_fixture(&format!(r#"
//- /src-tauri/capabilities/main.json
{{ "identifier": "main", "windows": ["main"], "permissions": [
  {{ "identifier": "fs:allow-read-text-file", "allow": [{{ "path": "**" }}, {{ "path": "$APPLOCALDATA/**" }}] }},
  "fs:scope-home-recursive",
  {{ "identifier": "shell:allow-execute", "allow": [{{ "name": "node", "cmd": "node", "args": true }}, {{ "name": "git", "cmd": "git", "args": ["status", {{ "validator": "^[a-z]+$" }}] }}] }}
] }}
{FS}"#)), @r#"
        warning[broad-fs-scope]: `fs:allow-read-text-file` reaches all of `$APPLOCALDATA`, where the webview keeps its cookies, caches and storage on Linux and Windows, and nothing denies those folders
         --> /src-tauri/capabilities/main.json:2:19
          |
        2 |   { "identifier": "fs:allow-read-text-file", "allow": [{ "path": "**" }, { "path": "$APPLOCALDATA/**" }] },
          |                   ^^^^^^^^^^^^^^^^^^^^^^^^^
          |
          = help: add `fs:deny-default` (it denies the webview's data folders on each platform)
          = help: Add `fs:deny-default`
        warning[broad-fs-scope]: `**` lets the page reach every file the process can reach
         --> /src-tauri/capabilities/main.json:2:56
          |
        2 |   { "identifier": "fs:allow-read-text-file", "allow": [{ "path": "**" }, { "path": "$APPLOCALDATA/**" }] },
          |                                                        ^^^^^^^^^^^^^^^^
          |
          = help: allow only the folders the app needs, such as a named subfolder of `$APPDATA`
        warning[broad-fs-scope]: `$HOME/**` through `fs:scope-home-recursive` lets the page reach all of `$HOME`
         --> /src-tauri/capabilities/main.json:3:3
          |
        3 |   "fs:scope-home-recursive",
          |   ^^^^^^^^^^^^^^^^^^^^^^^^^
          |
          = help: allow only the folders the app needs, such as a named subfolder of `$APPDATA`
        warning[shell-unvalidated-args]: `node` passes any arguments (`"args": true`): the page can make it do anything its options allow
         --> /src-tauri/capabilities/main.json:4:52
          |
        4 |   { "identifier": "shell:allow-execute", "allow": [{ "name": "node", "cmd": "node", "args": true }, { "name": "git", "cmd": "git", "a...
          |                                                    ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
          |
          = help: list the fixed arguments, and give each variable one a `validator` regex: `"args": ["run", { "validator": "^[a-z0-9-]+$" }]`
        "#);
    }

    #[test]
    fn a_deny_for_webview_data_silences_the_app_data_warning() {
        insta::assert_snapshot!(render_fixture(&format!(r#"
//- /src-tauri/capabilities/main.json
{{ "identifier": "main", "windows": ["main"], "permissions": [
  {{ "identifier": "fs:allow-read-text-file", "allow": [{{ "path": "$APPLOCALDATA/**" }}] }},
  "fs:deny-webview-data"
] }}
{FS}"#)), @"no diagnostics");
    }
}
