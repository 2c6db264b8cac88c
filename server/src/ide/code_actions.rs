//! Code actions: the fixes of the diagnostics under a range and refactors at the cursor;
//! "fix all" is [`super::fix_all`].
//!
//! Refactors on a capability entry: turn a bare identifier into a scoped object with a
//! skeleton for the plugin's scope; expand a set or default into its members; collapse
//! entries that together make a set back into the set; on a `"*"` window pattern, list
//! the known windows instead. All edits are minimal and keep the file's layout.

use super::diagnostics::{Diagnostic, Fix, file_diagnostics};
use super::edit::{self, Edit};
use super::{FileRange, World, cursor};
use crate::model::{Capability, PermissionEntry};
use crate::resolver::{self, CapabilityRef};
use crate::text::TextRange;
use crate::workspace::catalogue::APP_KEY;
use crate::workspace::{App, Workspace};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ActionKind {
    QuickFix,
    Refactor,
    FixAll,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodeAction {
    pub kind: ActionKind,
    pub fix: Fix,
    /// The diagnostic the action fixes, for quick fixes.
    pub diagnostic: Option<Diagnostic>,
}

/// Every action available for `range`: quick fixes of the diagnostics it touches, then
/// refactors at its start.
pub fn code_actions(world: &World, range: FileRange) -> Vec<CodeAction> {
    let mut actions = Vec::new();
    for diagnostic in file_diagnostics(world, range.file) {
        let touches = diagnostic.range.start() <= range.range.end()
            && range.range.start() <= diagnostic.range.end();
        if !touches {
            continue;
        }
        for fix in &diagnostic.fixes {
            actions.push(CodeAction {
                kind: ActionKind::QuickFix,
                fix: fix.clone(),
                diagnostic: Some(diagnostic.clone()),
            });
        }
    }
    // A refactor that a quick fix here already offers would show twice.
    for refactor in refactors(world, range) {
        if !actions
            .iter()
            .any(|action| action.fix.label == refactor.fix.label)
        {
            actions.push(refactor);
        }
    }
    actions
}

fn refactors(world: &World, range: FileRange) -> Vec<CodeAction> {
    let workspace = world.workspace.as_ref();
    let Some(app) = workspace.app_of(range.file) else {
        return Vec::new();
    };
    let Some(cursor) = cursor::cursor(workspace, range.file, range.range.start()) else {
        return Vec::new();
    };
    let cursor::CursorKind::Capability {
        capability: reference,
        slot,
    } = &cursor.kind
    else {
        return Vec::new();
    };
    let Some(capability) = resolver::capability(workspace, *reference) else {
        return Vec::new();
    };
    let mut fixes = Vec::new();
    match slot {
        cursor::CapabilitySlot::Permission { entry: Some(_) } => {
            let Some(entry) = entry_at(capability, range.range.start()) else {
                return Vec::new();
            };
            if let Ok(identifier) = &entry.parsed {
                if entry.scope.is_none() {
                    let key = identifier.prefix().unwrap_or(APP_KEY);
                    fixes.extend(super::diagnostics::scoped_entry_fix(
                        workspace, app, *reference, entry, key,
                    ));
                    fixes.extend(expand_entry(workspace, app, *reference, capability, entry));
                }
                fixes.extend(collapse_entries(
                    workspace, app, *reference, capability, entry,
                ));
                fixes.extend(narrow_to_used(world, app, *reference, capability, entry));
            }
        }
        cursor::CapabilitySlot::Window | cursor::CapabilitySlot::Webview => {
            if let Some(token) = &cursor.token
                && token.value == "*"
            {
                fixes.extend(narrow_wildcard(workspace, app, *reference, token.range));
            }
        }
        _ => {}
    }
    fixes
        .into_iter()
        .map(|fix| CodeAction {
            kind: ActionKind::Refactor,
            fix,
            diagnostic: None,
        })
        .collect()
}

fn entry_at(capability: &Capability, offset: crate::text::TextSize) -> Option<&PermissionEntry> {
    capability
        .entries()
        .iter()
        .find(|entry| entry.range.contains_inclusive(offset))
}

/// The direct members of the set or default an entry names, as a capability writes them.
fn members_of(app: &App, identifier: &crate::model::Identifier) -> Option<Vec<String>> {
    let key = identifier.prefix().unwrap_or(APP_KEY);
    let plugin = app.catalogue.get(key)?;
    let members = if identifier.base() == "default" {
        &plugin.default.as_ref()?.value.permissions
    } else {
        &plugin.sets.get(identifier.base())?.value.permissions
    };
    Some(
        members
            .iter()
            .map(|member| {
                let has_known_prefix = crate::model::Identifier::parse(&member.value)
                    .ok()
                    .and_then(|parsed| {
                        parsed
                            .prefix()
                            .map(|prefix| app.catalogue.get(prefix).is_some())
                    })
                    .unwrap_or(false);
                if has_known_prefix || key == APP_KEY {
                    member.value.clone()
                } else {
                    format!("{key}:{}", member.value)
                }
            })
            .collect(),
    )
}

fn expand_entry(
    workspace: &Workspace,
    app: &App,
    reference: CapabilityRef,
    capability: &Capability,
    entry: &PermissionEntry,
) -> Option<Fix> {
    let identifier = entry.parsed.as_ref().ok()?;
    let members = members_of(app, identifier)?;
    if members.is_empty() {
        return None;
    }
    let source = workspace.file(reference.file);
    let format = source.format?;
    let present: Vec<&str> = capability
        .entries()
        .iter()
        .map(|other| other.identifier.value.as_str())
        .collect();
    let new: Vec<String> = members
        .iter()
        .filter(|member| !present.contains(&member.as_str()))
        .map(|member| edit::string_literal(format, member))
        .collect();
    // Keep one item per line when the array is written that way.
    let array_text = capability
        .permissions
        .as_ref()
        .map_or("", |list| crate::text::slice(&source.text, list.range));
    let separator = if array_text.contains('\n') {
        format!(
            ",\n{}",
            edit::indentation_of(&source.text, entry.range.start())
        )
    } else {
        ", ".to_owned()
    };
    let edits = if new.is_empty() {
        super::diagnostics::remove_entry(workspace, reference.file, capability, entry)
    } else {
        vec![Edit {
            range: entry.range,
            new_text: new.join(&separator),
        }]
    };
    Some(Fix::in_file(
        format!(
            "Expand `{}` into its {} entries",
            entry.identifier.value,
            members.len()
        ),
        reference.file,
        edits,
    ))
}

/// Replaces a set or default the frontend calls only part of with the single-command
/// permissions (`allow-*`) of the commands called, each keeping the entry's scope (the
/// entry's text with its identifier replaced). Offered only when every called command
/// has such a permission ([`resolver::usage`] says which are called).
fn narrow_to_used(
    world: &World,
    app: &App,
    reference: CapabilityRef,
    capability: &Capability,
    entry: &PermissionEntry,
) -> Option<Fix> {
    let workspace = world.workspace.as_ref();
    let index = capability
        .entries()
        .iter()
        .position(|other| std::ptr::eq(other, entry))?;
    let usage = resolver::usage::app_usage(workspace, app, &world.resolutions);
    let entry_usage = usage.entry(reference, index)?;
    if !usage.is_frontend_seen()
        || !entry_usage.is_checkable
        || entry_usage.used_commands.is_empty()
        || entry_usage.used_commands.len() == entry_usage.granted_commands.len()
    {
        return None;
    }
    let mut singles: Vec<String> = Vec::new();
    for command in &entry_usage.used_commands {
        let target = resolver::authority::command_target(app, command);
        let single = resolver::usage::single_permission(app, &target)?;
        if !singles.contains(&single) {
            singles.push(single);
        }
    }
    if singles.contains(&entry.identifier.value) {
        return None;
    }
    let source = workspace.file(reference.file);
    let format = source.format?;
    if !entry.range.contains_range(entry.identifier.range) {
        return None;
    }
    let entry_text = crate::text::slice(&source.text, entry.range);
    let literal = entry.identifier.range - entry.range.start();
    let items: Vec<String> = singles
        .iter()
        .map(|single| {
            let mut text = entry_text.to_owned();
            text.replace_range(
                usize::from(literal.start())..usize::from(literal.end()),
                &edit::string_literal(format, single),
            );
            text
        })
        .collect();
    let array_text = capability
        .permissions
        .as_ref()
        .map_or("", |list| crate::text::slice(&source.text, list.range));
    let separator = if array_text.contains('\n') {
        format!(
            ",\n{}",
            edit::indentation_of(&source.text, entry.range.start())
        )
    } else {
        ", ".to_owned()
    };
    let count = singles.len();
    Some(Fix::in_file(
        format!(
            "Narrow `{}` to the {count} permission{} the frontend calls",
            entry.identifier.value,
            if count == 1 { "" } else { "s" }
        ),
        reference.file,
        vec![Edit {
            range: entry.range,
            new_text: items.join(&separator),
        }],
    ))
}

fn collapse_entries(
    workspace: &Workspace,
    app: &App,
    reference: CapabilityRef,
    capability: &Capability,
    entry: &PermissionEntry,
) -> Vec<Fix> {
    let entry_identifier = &entry.identifier.value;
    let bare: Vec<&PermissionEntry> = capability
        .entries()
        .iter()
        .filter(|other| other.scope.is_none())
        .collect();
    let present: Vec<&str> = bare
        .iter()
        .map(|other| other.identifier.value.as_str())
        .collect();
    let mut fixes = Vec::new();
    for plugin in app.catalogue.plugins.values() {
        let prefix = if plugin.key == APP_KEY {
            String::new()
        } else {
            format!("{}:", plugin.key)
        };
        let groups = plugin
            .default
            .iter()
            .map(|_| format!("{prefix}default"))
            .chain(plugin.sets.keys().map(|name| format!("{prefix}{name}")));
        for group in groups {
            if present.contains(&group.as_str()) {
                continue;
            }
            let Ok(parsed) = crate::model::Identifier::parse(&group) else {
                continue;
            };
            let Some(members) = members_of(app, &parsed) else {
                continue;
            };
            if members.len() < 2
                || !members.contains(entry_identifier)
                || !members
                    .iter()
                    .all(|member| present.contains(&member.as_str()))
            {
                continue;
            }
            let source = workspace.file(reference.file);
            let Some(format) = source.format else {
                continue;
            };
            let mut edits = vec![Edit {
                range: entry.range,
                new_text: edit::string_literal(format, &group),
            }];
            for other in &bare {
                if other.identifier.value != *entry_identifier
                    && members.contains(&other.identifier.value)
                {
                    edits.extend(super::diagnostics::remove_entry(
                        workspace,
                        reference.file,
                        capability,
                        other,
                    ));
                }
            }
            if overlapping(&edits) {
                continue;
            }
            fixes.push(Fix::in_file(
                format!(
                    "Replace the {} entries of `{group}` with `{group}`",
                    members.len()
                ),
                reference.file,
                edits,
            ));
        }
    }
    fixes
}

fn narrow_wildcard(
    workspace: &Workspace,
    app: &App,
    reference: CapabilityRef,
    range: TextRange,
) -> Option<Fix> {
    let format = workspace.file(reference.file).format?;
    let mut labels: Vec<&str> = app
        .window_labels(None)
        .filter(|label| !label.is_lookup)
        .map(|label| label.label.as_str())
        .collect();
    labels.sort();
    labels.dedup();
    if labels.is_empty() {
        return None;
    }
    let new_text = labels
        .iter()
        .map(|label| edit::string_literal(format, label))
        .collect::<Vec<_>>()
        .join(", ");
    Some(Fix::in_file(
        format!("Replace `*` with the known windows ({})", labels.join(", ")),
        reference.file,
        vec![Edit { range, new_text }],
    ))
}

fn overlapping(edits: &[Edit]) -> bool {
    let mut ranges: Vec<TextRange> = edits.iter().map(|edit| edit.range).collect();
    ranges.sort_by_key(|range| (range.start(), range.end()));
    ranges
        .windows(2)
        .any(|pair| pair[0].end() > pair[1].start())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ide::edit::apply_to_texts;
    use crate::ide::fixture;

    /// Applies the action titled `title` at the `$0` cursor (or range) and renders the
    /// edited file, or lists the titles when no title is given.
    #[track_caller]
    fn check(text: &str, title: Option<&str>) -> String {
        let (world, range) = fixture::range(text);
        let actions = code_actions(&world, range);
        let Some(title) = title else {
            return actions
                .iter()
                .map(|action| {
                    format!(
                        "{:?} {}{}",
                        action.kind,
                        action.fix.label,
                        if action.fix.is_preferred {
                            " (preferred)"
                        } else {
                            ""
                        }
                    )
                })
                .collect::<Vec<_>>()
                .join("\n");
        };
        let action = actions
            .iter()
            .find(|action| action.fix.label == title)
            .unwrap_or_else(|| {
                panic!(
                    "no action `{title}` among {:#?}",
                    actions.iter().map(|a| &a.fix.label).collect::<Vec<_>>()
                )
            });
        let mut out = String::new();
        for (file, text) in apply_to_texts(&world.workspace, &action.fix) {
            out.push_str(&format!(
                "{}\n{text}",
                world.workspace.file(file).path.display()
            ));
        }
        for (path, text) in &action.fix.creates {
            out.push_str(&format!("new file {}\n{text}", path.display()));
        }
        if let Some(snippet) = &action.fix.snippet {
            out.push_str(&format!("snippet: {snippet}\n"));
        }
        out
    }

    const PLUGINS: &str = r#"
//- /plugins/fs/permissions/fs.toml plugin:fs
[default]
permissions = ["allow-read-text-file", "allow-exists"]

[[set]]
identifier = "read-files"
description = "reads"
permissions = ["allow-read-text-file", "allow-read-file"]

[[permission]]
identifier = "allow-read-text-file"
commands.allow = ["read_text_file"]

[[permission]]
identifier = "allow-read-file"
commands.allow = ["read_file"]

[[permission]]
identifier = "allow-exists"
commands.allow = ["exists"]

[[set]]
identifier = "deny-default"
description = "deny webview data"
permissions = ["deny-webview-data"]

[[permission]]
identifier = "deny-webview-data"
[[permission.scope.deny]]
path = "$APPLOCALDATA/EBWebView/**"
"#;

    #[test]
    fn actions_on_an_entry() {
        let text = format!(
            "//- /src-tauri/capabilities/main.json\n{{\n  \"identifier\": \"main\",\n  \"windows\": [\"main\"],\n  \"permissions\": [\n    \"fs:def$0ault\",\n    \"fs:allow-read-file\"\n  ]\n}}\n{PLUGINS}"
        );
        insta::assert_snapshot!(check(&text, None), @"
        QuickFix Give `fs:default` a scope
        Refactor Expand `fs:default` into its 2 entries
        ");
        insta::assert_snapshot!(check(&text, Some("Expand `fs:default` into its 2 entries")), @r#"
        /src-tauri/capabilities/main.json
        {
          "identifier": "main",
          "windows": ["main"],
          "permissions": [
            "fs:allow-read-text-file",
            "fs:allow-exists",
            "fs:allow-read-file"
          ]
        }
        "#);
    }

    #[test]
    fn scope_skeleton_in_json_and_toml() {
        let json = format!(
            "//- /src-tauri/capabilities/main.json\n{{ \"identifier\": \"main\", \"windows\": [\"main\"], \"permissions\": [\"fs:allow-read-$0file\"] }}\n{PLUGINS}"
        );
        insta::assert_snapshot!(check(&json, Some("Give `fs:allow-read-file` a scope")), @r#"
        /src-tauri/capabilities/main.json
        { "identifier": "main", "windows": ["main"], "permissions": [{ "identifier": "fs:allow-read-file", "allow": [{ "path": "$APPDATA/*" }] }] }

        snippet: { "identifier": "fs:allow-read-file", "allow": [{ "path": "${1:\$APPDATA/*}" }] }
        "#);
        let toml = format!(
            "//- /src-tauri/capabilities/main.toml\nidentifier = \"main\"\nwindows = [\"main\"]\npermissions = [\n  \"core:default\",\n  \"fs:allow-read-$0file\", # reads notes\n]\n{PLUGINS}"
        );
        insta::assert_snapshot!(check(&toml, Some("Give `fs:allow-read-file` a scope")), @r#"
        /src-tauri/capabilities/main.toml
        identifier = "main"
        windows = ["main"]
        permissions = [
          "core:default",
          { identifier = "fs:allow-read-file", allow = [{ path = "$APPDATA/*" }] }, # reads notes
        ]

        snippet: { identifier = "fs:allow-read-file", allow = [{ path = "${1:\$APPDATA/*}" }] }
        "#);
    }

    #[test]
    fn collapse_members_into_their_set() {
        let text = format!(
            "//- /src-tauri/capabilities/main.json\n{{ \"identifier\": \"main\", \"windows\": [\"main\"], \"permissions\": [\"fs:allow-read-text-file\", \"fs:allow-exists\", \"fs:allow-read-$0file\"] }}\n{PLUGINS}"
        );
        insta::assert_snapshot!(check(&text, None), @"
        QuickFix Give `fs:allow-read-file` a scope
        Refactor Replace the 2 entries of `fs:read-files` with `fs:read-files`
        ");
        insta::assert_snapshot!(check(&text, Some("Replace the 2 entries of `fs:read-files` with `fs:read-files`")), @r#"
        /src-tauri/capabilities/main.json
        { "identifier": "main", "windows": ["main"], "permissions": ["fs:allow-exists", "fs:read-files"] }
        "#);
    }

    #[test]
    fn quick_fixes_from_diagnostics() {
        let text = format!(
            r#"//- /src-tauri/tauri.conf.json
{{ "app": {{ "windows": [{{ "label": "main" }}, {{ "label": "settings" }}], "security": {{ "csp": "default-src 'self'", "capabilities": ["main"] }} }} }}
//- /src-tauri/capabilities/other.json
{{ "identifier": "other", "windows": ["*"], "permissions": [] }}
//- /src-tauri/capabilities/main.json
{{ "identifier": "main", "windows": ["main", "setings"], "permissions": ["fs:allow-raed-file", "fs:allow-exists", "fs:allow-exists", "greet-someone$0"] }}
{PLUGINS}"#
        );
        insta::assert_snapshot!(check(&text, Some("Define `greet-someone` in `permissions/greet-someone.toml`")), @r#"
        new file /src-tauri/permissions/greet-someone.toml
        [[permission]]
        identifier = "greet-someone"
        description = "Allows the `greet_someone` command."
        commands.allow = ["greet_someone"]
        "#);
        let (world, marker) = fixture::world_and_cursor(&text);
        let file = marker.unwrap().0;
        let crate::ide::fix_all::FixAll::Fixed { count, text, .. } =
            crate::ide::fix_all::fix_all(&world, file)
        else {
            panic!("preferred fixes");
        };
        assert_eq!(count, 2, "the typo and the repeated entry");
        insta::assert_snapshot!(text, @r#"{ "identifier": "main", "windows": ["main", "setings"], "permissions": ["fs:allow-read-file", "fs:allow-exists", "greet-someone"] }"#);
    }

    #[test]
    fn narrow_a_partly_called_set_keeping_its_scope() {
        let text = format!(
            "{}{PLUGINS}",
            r#"
//- /package.json
{ "name": "notes" }
//- /src/main.ts
import { invoke } from "@tauri-apps/api/core";
await invoke("plugin:fs|read_text_file", { path });
//- /src-tauri/tauri.conf.json
{ "app": { "windows": [{ "label": "main" }] } }
//- /src-tauri/capabilities/default.json
{ "identifier": "default", "windows": ["main"], "permissions": [
  { "identifier": "fs:read-fi$0les", "allow": [{ "path": "$APPDATA/notes/*" }] }
] }
"#
        );
        insta::assert_snapshot!(
            check(&text, Some("Narrow `fs:read-files` to the 1 permission the frontend calls")),
            @r#"
/src-tauri/capabilities/default.json
{ "identifier": "default", "windows": ["main"], "permissions": [
  { "identifier": "fs:allow-read-text-file", "allow": [{ "path": "$APPDATA/notes/*" }] }
] }
"#
        );
    }
}
