// Diagnostic: allow-deny-conflict, redundant-entry.
//
//! Entries that undo or repeat one another. Tauri applies a denied command to every
//! window of the origin the denying capability covers, whatever its `windows` say, so a
//! deny in one capability silently takes a command away from windows another capability
//! grants it to. And an entry that a set or default of the same capability already
//! includes grants nothing more.

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::sync::Arc;

use rustc_hash::FxHashMap;

use super::{AppContext, Diagnostic};
use crate::diagnostic::Code;
use crate::model::Capability;
use crate::model::capability::PermissionEntry;
use crate::resolver::{self, CapabilityRef, EntryGrants};

pub(super) fn check(context: &AppContext<'_>, acc: &mut Vec<Diagnostic>) {
    conflicts(context, acc);
    redundant(context, acc);
}

/// The contexts (origins) a capability covers: `local` and its remote URL patterns.
fn contexts(capability: &Capability) -> Vec<&str> {
    let mut contexts = Vec::new();
    if capability.is_local() {
        contexts.push("local");
    }
    contexts.extend(
        capability
            .remote_urls()
            .iter()
            .map(|url| url.value.as_str()),
    );
    contexts
}

fn conflicts(context: &AppContext<'_>, acc: &mut Vec<Diagnostic>) {
    let mut reported = BTreeSet::new();
    for &platform in &context.app.platforms {
        let enabled = resolver::enabled_capabilities(context.workspace, context.app, platform);
        // (context, command) → where it is denied, then where it is allowed. Denies are
        // few, so allows are only kept for what some capability denies; keys borrow from
        // the capabilities and resolutions.
        type Site = (CapabilityRef, usize);
        let mut active = Vec::new();
        for reference in &enabled {
            let Some(capability) = context.capability(*reference) else {
                continue;
            };
            if !capability.is_active(platform) {
                continue;
            }
            let Some(resolution) = context.resolutions.get(reference).and_then(|list| {
                list.iter()
                    .find(|resolution| resolution.platform == platform)
            }) else {
                continue;
            };
            active.push((*reference, contexts(capability), resolution));
        }
        // Command → the contexts it is denied in and where. Every allow of every
        // capability is looked up here once (not once per context), with a fast hash:
        // this lookup was a fifth of a keystroke's diagnostics.
        let mut denied_commands: FxHashMap<&str, Vec<(&str, Site)>> = FxHashMap::default();
        // A conflict is reported on the deny, so only wanted files' denies are looked
        // at; the allows they undo may be anywhere.
        for (reference, origins, resolution) in &active {
            if !context.wants(reference.file) {
                continue;
            }
            for grant in resolution.grants().filter(|grant| grant.is_deny) {
                for origin in origins {
                    denied_commands
                        .entry(grant.item.command.as_str())
                        .or_default()
                        .push((origin, (*reference, grant.entry)));
                }
            }
        }
        if denied_commands.is_empty() {
            continue;
        }
        let mut allowed: FxHashMap<(&str, &str), Vec<Site>> = FxHashMap::default();
        for (reference, origins, resolution) in &active {
            for grant in resolution.grants().filter(|grant| !grant.is_deny) {
                let Some(denials) = denied_commands.get(grant.item.command.as_str()) else {
                    continue;
                };
                for origin in origins {
                    if denials.iter().any(|(denied_in, _)| denied_in == origin) {
                        allowed
                            .entry((*origin, grant.item.command.as_str()))
                            .or_default()
                            .push((*reference, grant.entry));
                    }
                }
            }
        }
        // (context, command) → where it is denied, in order, so the same finding is
        // reported the same way every time.
        let mut denied: BTreeMap<(&str, &str), Vec<Site>> = BTreeMap::new();
        for (command, denials) in &denied_commands {
            for (origin, site) in denials {
                denied.entry((*origin, *command)).or_default().push(*site);
            }
        }
        for (key, denials) in &denied {
            let Some(allows) = allowed.get(key) else {
                continue;
            };
            for (deny_capability, deny_entry) in denials {
                let Some((allow_capability, allow_entry)) = allows
                    .iter()
                    .find(|(capability, _)| capability != deny_capability)
                else {
                    continue;
                };
                if !reported.insert((*deny_capability, *deny_entry, key.1)) {
                    continue;
                }
                let (Some(denier), Some(granter)) = (
                    context.capability(*deny_capability),
                    context.capability(*allow_capability),
                ) else {
                    continue;
                };
                let (Some(deny), Some(allow)) = (
                    denier.entries().get(*deny_entry),
                    granter.entries().get(*allow_entry),
                ) else {
                    continue;
                };
                let origin = if key.0 == "local" {
                    "local window".to_owned()
                } else {
                    format!("window showing `{}`", key.0)
                };
                acc.push(
                    Diagnostic::new(
                        Code::AllowDenyConflict,
                        deny_capability.file,
                        deny.identifier.range,
                        format!(
                            "`{}` denies `{}` in every {origin}, so capability `{}` cannot grant it either: Tauri applies a deny to the whole origin, not only to this capability's windows",
                            deny.identifier.value,
                            key.1,
                            granter.identifier().unwrap_or("?")
                        ),
                    )
                    .related(allow_capability.file, allow.identifier.range, "allowed here"),
                );
            }
        }
    }
}

fn redundant(context: &AppContext<'_>, acc: &mut Vec<Diagnostic>) {
    for (reference, capability, resolution) in context.first_resolutions() {
        let entries = capability.entries();
        // The permissions each distinct list of grants reaches, and whether it reaches
        // some through a set or default. Bare entries naming one identifier share one
        // list, so a capability repeating `core:default` builds this once.
        let mut reaches: Vec<(BTreeSet<(&str, &str)>, bool)> = Vec::new();
        let mut list_ids: FxHashMap<*const EntryGrants, usize> = FxHashMap::default();
        let mut reach_of: Vec<Option<usize>> = vec![None; entries.len()];
        for (index, list) in &resolution.entries {
            let id = *list_ids.entry(Arc::as_ptr(list)).or_insert_with(|| {
                let permissions =
                    list.grants
                        .iter()
                        .map(|grant| (grant.key.as_str(), grant.permission.identifier.as_str()))
                        .chain(list.global_scopes.iter().map(|scope| {
                            (scope.key.as_str(), scope.permission.identifier.as_str())
                        }))
                        .collect();
                let is_group = list.grants.iter().any(|grant| !grant.chain.is_empty());
                reaches.push((permissions, is_group));
                reaches.len() - 1
            });
            if let Some(slot) = reach_of.get_mut(*index) {
                *slot = Some(id);
            }
        }
        let empty = BTreeSet::new();
        let reach = |index: usize| reach_of[index].map_or(&empty, |id| &reaches[id].0);
        // The entries that may include others: bare groups, each identifier once. Bare
        // entries naming the same identifier reach the same permissions, so the first
        // stands for the rest.
        let mut seen = HashSet::new();
        let groups: Vec<(usize, &PermissionEntry)> = entries
            .iter()
            .enumerate()
            .filter(|(other, other_entry)| {
                reach_of[*other].is_some_and(|id| reaches[id].1)
                    && other_entry.scope.is_none()
                    && seen.insert(other_entry.identifier.value.as_str())
            })
            .collect();
        // Each permission → the groups reaching it, in entry order. A group that covers
        // an entry reaches every permission the entry does, so it is among the groups of
        // any one of them: looking through the shortest such list finds the same first
        // cover as looking through every group, without comparing each entry with each
        // of thousands of distinct sets.
        let mut groups_reaching: FxHashMap<(&str, &str), Vec<usize>> = FxHashMap::default();
        for (position, (other, _)) in groups.iter().enumerate() {
            for permission in reach(*other) {
                groups_reaching
                    .entry(*permission)
                    .or_default()
                    .push(position);
            }
        }
        // Bare entries sharing a list and an identifier have the same cover.
        let mut covers: FxHashMap<(usize, &str), Option<usize>> = FxHashMap::default();
        for (index, entry) in entries.iter().enumerate() {
            let Some(id) = reach_of[index] else { continue };
            let reached = &reaches[id].0;
            if entry.scope.is_some() || reached.is_empty() {
                continue;
            }
            let cover = *covers
                .entry((id, entry.identifier.value.as_str()))
                .or_insert_with(|| {
                    let candidates = reached
                        .iter()
                        .map(|permission| {
                            groups_reaching
                                .get(permission)
                                .map_or(&[][..], Vec::as_slice)
                        })
                        .min_by_key(|candidates| candidates.len())
                        .unwrap_or(&[]);
                    candidates.iter().copied().find(|position| {
                        let (other, other_entry) = groups[*position];
                        // A strict subset is a subset with fewer members; an entry never
                        // covers itself or an entry naming the same identifier.
                        reached.len() < reach(other).len()
                            && reached.is_subset(reach(other))
                            && other_entry.identifier.value != entry.identifier.value
                    })
                });
            let Some((_, group)) = cover.map(|position| groups[position]) else {
                continue;
            };
            let mut diagnostic = Diagnostic::new(
                Code::RedundantEntry,
                reference.file,
                entry.range,
                format!(
                    "`{}` is already included in `{}`",
                    entry.identifier.value, group.identifier.value
                ),
            )
            .related(reference.file, group.identifier.range, "which includes it")
            .fix(
                format!("Remove `{}`", entry.identifier.value),
                super::remove_entry(context.workspace, reference.file, capability, entry),
            );
            diagnostic.is_unnecessary = true;
            acc.push(diagnostic);
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::ide::diagnostics::render_fixture;

    #[test]
    fn a_deny_in_one_capability_takes_a_command_from_another() {
        insta::assert_snapshot!(render_fixture(r#"
//- /src-tauri/tauri.conf.json
{ "app": { "windows": [{ "label": "main" }, { "label": "viewer" }], "security": { "csp": "default-src 'self'" } } }
//- /src-tauri/capabilities/main.json
{ "identifier": "main", "windows": ["main"], "permissions": ["fs:allow-remove"] }
//- /src-tauri/capabilities/viewer.json
{ "identifier": "viewer", "windows": ["viewer"], "permissions": ["fs:deny-remove"] }
//- /plugins/fs/permissions/fs.toml plugin:fs
[[permission]]
identifier = "allow-remove"
commands.allow = ["remove"]

[[permission]]
identifier = "deny-remove"
commands.deny = ["remove"]
"#), @r#"
        warning[unscoped-permission]: `fs:allow-remove` allows `remove` with no scope, and no `fs` scope is defined anywhere in the app, so every call is refused (unless the app's Rust code or a file dialog adds paths at run time)
         --> /src-tauri/capabilities/main.json:1:62
          |
        1 | { "identifier": "main", "windows": ["main"], "permissions": ["fs:allow-remove"] }
          |                                                              ^^^^^^^^^^^^^^^^^
          |
          = help: give the entry a path scope (`{ "path": "$APPDATA/notes/**" }`): write it as an object with `identifier` and `allow`
          = help: Give `fs:allow-remove` a scope
        warning[allow-deny-conflict]: `fs:deny-remove` denies `plugin:fs|remove` in every local window, so capability `main` cannot grant it either: Tauri applies a deny to the whole origin, not only to this capability's windows
         --> /src-tauri/capabilities/viewer.json:1:66
          |
        1 | { "identifier": "viewer", "windows": ["viewer"], "permissions": ["fs:deny-remove"] }
          |                                                                  ^^^^^^^^^^^^^^^^
          |
         ::: /src-tauri/capabilities/main.json:1:62
          |
        1 | { "identifier": "main", "windows": ["main"], "permissions": ["fs:allow-remove"] }
          |                                                              ----------------- allowed here
        "#);
    }

    #[test]
    fn quiet_when_the_deny_is_for_another_origin() {
        insta::assert_snapshot!(render_fixture(r#"
//- /src-tauri/tauri.conf.json
{ "app": { "windows": [{ "label": "main" }, { "label": "viewer" }], "security": { "csp": "default-src 'self'" } } }
//- /src-tauri/capabilities/main.json
{ "identifier": "main", "windows": ["main"], "permissions": ["fs:allow-exists", "fs:scope-app"] }
//- /src-tauri/capabilities/viewer.json
{ "identifier": "viewer", "windows": ["viewer"], "local": false, "remote": { "urls": ["https://viewer.example.com"] }, "permissions": ["fs:deny-exists"] }
//- /plugins/fs/permissions/fs.toml plugin:fs
[[permission]]
identifier = "allow-exists"
commands.allow = ["exists"]

[[permission]]
identifier = "deny-exists"
commands.deny = ["exists"]

[[permission]]
identifier = "scope-app"
[[permission.scope.allow]]
path = "$APPDATA/notes/*"
"#), @"no diagnostics");
    }

    #[test]
    fn an_entry_its_default_already_includes() {
        insta::assert_snapshot!(render_fixture(r#"
//- /src-tauri/capabilities/main.json
{ "identifier": "main", "windows": ["main"], "permissions": ["dialog:default", "dialog:allow-open", "dialog:allow-save", { "identifier": "dialog:allow-open", "allow": [] }] }
//- /plugins/dialog/permissions/dialog.toml plugin:dialog
[default]
permissions = ["allow-open", "allow-message"]

[[permission]]
identifier = "allow-open"
commands.allow = ["open"]

[[permission]]
identifier = "allow-message"
commands.allow = ["message"]

[[permission]]
identifier = "allow-save"
commands.allow = ["save"]
"#), @r#"
        help[redundant-entry]: `dialog:allow-open` is already included in `dialog:default`
         --> /src-tauri/capabilities/main.json:1:80
          |
        1 | { "identifier": "main", "windows": ["main"], "permissions": ["dialog:default", "dialog:allow-open", "dialog:allow-save", { "identifie...
          |                                                              ----------------  ^^^^^^^^^^^^^^^^^^^
          |                                                              |
          |                                                              which includes it
          |
          = help: Remove `dialog:allow-open`
        "#);
    }

    #[test]
    fn the_first_group_that_covers_an_entry_is_named() {
        // `allow-a` is rarest in the groups but `ab` covers it first; `ab` itself is
        // covered by `wide`, not by `bc`, which holds only one of its permissions; the
        // repeated `allow-c` is named twice; `wide` reaches as much as nothing after it.
        insta::assert_snapshot!(render_fixture(r#"
//- /src-tauri/capabilities/main.json
{ "identifier": "main", "windows": ["main"], "permissions": ["bc", "allow-a", "ab", "wide", "allow-c", "allow-c", "just-c", "allow-b"] }
//- /src-tauri/permissions/letters.toml
[[permission]]
identifier = "allow-a"
commands.allow = ["a"]

[[permission]]
identifier = "allow-b"
commands.allow = ["b"]

[[permission]]
identifier = "allow-c"
commands.allow = ["c"]

[[set]]
identifier = "wide"
description = "all three"
permissions = ["allow-a", "allow-b", "allow-c"]

[[set]]
identifier = "ab"
description = "a and b"
permissions = ["allow-a", "allow-b"]

[[set]]
identifier = "bc"
description = "b and c"
permissions = ["allow-b", "allow-c"]

[[set]]
identifier = "just-c"
description = "c alone"
permissions = ["allow-c"]
"#), @r#"
        help[redundant-entry]: `bc` is already included in `wide`
         --> /src-tauri/capabilities/main.json:1:62
          |
        1 | { "identifier": "main", "windows": ["main"], "permissions": ["bc", "allow-a", "ab", "wide", "allow-c", "allow-c", "just-c", "allow-b"] }
          |                                                              ^^^^                   ------ which includes it
          |
          = help: Remove `bc`
        help[redundant-entry]: `allow-a` is already included in `ab`
         --> /src-tauri/capabilities/main.json:1:68
          |
        1 | { "identifier": "main", "windows": ["main"], "permissions": ["bc", "allow-a", "ab", "wide", "allow-c", "allow-c", "just-c", "allow-b"] }
          |                                                                    ^^^^^^^^^  ---- which includes it
          |
          = help: Remove `allow-a`
        help[redundant-entry]: `ab` is already included in `wide`
         --> /src-tauri/capabilities/main.json:1:79
          |
        1 | { "identifier": "main", "windows": ["main"], "permissions": ["bc", "allow-a", "ab", "wide", "allow-c", "allow-c", "just-c", "allow-b"] }
          |                                                                               ^^^^  ------ which includes it
          |
          = help: Remove `ab`
        help[redundant-entry]: `allow-c` is already included in `bc`
         --> /src-tauri/capabilities/main.json:1:93
          |
        1 | { "identifier": "main", "windows": ["main"], "permissions": ["bc", "allow-a", "ab", "wide", "allow-c", "allow-c", "just-c", "allow-b"] }
          |                                                              ---- which includes it         ^^^^^^^^^
          |
          = help: Remove `allow-c`
        warning[duplicate-entry]: `allow-c` is already listed in this capability
         --> /src-tauri/capabilities/main.json:1:104
          |
        1 | { "identifier": "main", "windows": ["main"], "permissions": ["bc", "allow-a", "ab", "wide", "allow-c", "allow-c", "just-c", "allow-b"] }
          |                                                                                             ---------  ^^^^^^^^^
          |                                                                                             |
          |                                                                                             first listed here
          |
          = help: Remove the repeated entry
        help[redundant-entry]: `allow-c` is already included in `bc`
         --> /src-tauri/capabilities/main.json:1:104
          |
        1 | { "identifier": "main", "windows": ["main"], "permissions": ["bc", "allow-a", "ab", "wide", "allow-c", "allow-c", "just-c", "allow-b"] }
          |                                                              ---- which includes it                    ^^^^^^^^^
          |
          = help: Remove `allow-c`
        help[redundant-entry]: `just-c` is already included in `bc`
         --> /src-tauri/capabilities/main.json:1:115
          |
        1 | { "identifier": "main", "windows": ["main"], "permissions": ["bc", "allow-a", "ab", "wide", "allow-c", "allow-c", "just-c", "allow-b"] }
          |                                                              ---- which includes it                               ^^^^^^^^
          |
          = help: Remove `just-c`
        help[redundant-entry]: `allow-b` is already included in `bc`
         --> /src-tauri/capabilities/main.json:1:125
          |
        1 | { "identifier": "main", "windows": ["main"], "permissions": ["bc", "allow-a", "ab", "wide", "allow-c", "allow-c", "just-c", "allow-b"] }
          |                                                              ---- which includes it                                         ^^^^^^^^^
          |
          = help: Remove `allow-b`
        "#);
    }
}
