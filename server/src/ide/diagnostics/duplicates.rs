// Diagnostic: duplicate-entry, duplicate-capability-id, duplicate-permission-id.
//
//! Things written twice. Two capability files with one identifier make Tauri's build fail
//! (`CapabilityAlreadyExists`); inline capabilities in the config silently replace one
//! another, which is reported too. A permission or set defined twice in one plugin is
//! accepted, the later definition winning; an entry listed twice in a capability is
//! harmless but redundant.

use std::collections::HashMap;

use super::{AppContext, Diagnostic};
use crate::diagnostic::Code;
use crate::resolver::CapabilityRef;
use crate::workspace::catalogue::{APP_KEY, ShadowKind};

pub(super) fn check(context: &AppContext<'_>, acc: &mut Vec<Diagnostic>) {
    entries(context, acc);
    capability_ids(context, acc);
    permission_ids(context, acc);
}

fn entries(context: &AppContext<'_>, acc: &mut Vec<Diagnostic>) {
    for reference in context.wanted_capabilities() {
        let Some(capability) = context.capability(*reference) else {
            continue;
        };
        // By identifier first: the scopes are only written out to be compared when an
        // identifier repeats, which is rare, and writing them for every entry was a tenth
        // of a keystroke's diagnostics.
        // Each earlier entry's scope text is `None` until needed (and for a bare entry,
        // which then costs a cheap recomputation).
        let mut seen: HashMap<&str, Vec<(usize, Option<String>)>> = HashMap::new();
        for (index, entry) in capability.entries().iter().enumerate() {
            let earlier = seen.entry(entry.identifier.value.as_str()).or_default();
            // Two entries are the same when they name the same identifier with the same
            // scope; a bare identifier next to a scoped one is how scopes are extended.
            let scope = if earlier.is_empty() {
                None
            } else {
                scope_text(entry)
            };
            let first = earlier.iter_mut().find_map(|(first, first_scope)| {
                if first_scope.is_none() {
                    *first_scope = scope_text(&capability.entries()[*first]);
                }
                (*first_scope == scope).then_some(*first)
            });
            if let Some(first) = first {
                let first_entry = &capability.entries()[first];
                let mut diagnostic = Diagnostic::new(
                    Code::DuplicateEntry,
                    reference.file,
                    entry.range,
                    format!(
                        "`{}` is already listed in this capability",
                        entry.identifier.value
                    ),
                )
                .related(reference.file, first_entry.range, "first listed here");
                diagnostic = diagnostic.fix(
                    "Remove the repeated entry",
                    super::remove_entry(context.workspace, reference.file, capability, entry),
                );
                diagnostic.is_unnecessary = true;
                acc.push(diagnostic);
            } else {
                earlier.push((index, scope));
            }
        }
    }
}

/// The entry's scope written out for comparison, `None` for a bare entry.
fn scope_text(entry: &crate::model::capability::PermissionEntry) -> Option<String> {
    entry.scope.as_ref().map(|scope| {
        let values = |list: &Option<crate::model::Spanned<Vec<crate::model::ScopeValue>>>| {
            list.as_ref().map(|list| {
                list.value
                    .iter()
                    .map(|value| value.value.clone())
                    .collect::<Vec<_>>()
            })
        };
        serde_json::json!({ "allow": values(&scope.allow), "deny": values(&scope.deny) })
            .to_string()
    })
}

fn capability_ids(context: &AppContext<'_>, acc: &mut Vec<Diagnostic>) {
    let mut from_files: HashMap<&str, CapabilityRef> = HashMap::new();
    for reference in &context.capabilities {
        let is_file = context.app.capability_files.contains(&reference.file);
        if !is_file {
            continue;
        }
        let Some(capability) = context.capability(*reference) else {
            continue;
        };
        let Some(identifier) = &capability.identifier else {
            continue;
        };
        match from_files.get(identifier.value.as_str()) {
            Some(first) => {
                let first_range = context
                    .capability(*first)
                    .map(|capability| capability.focus_range())
                    .unwrap_or_default();
                acc.push(
                    Diagnostic::new(
                        Code::DuplicateCapabilityId,
                        reference.file,
                        identifier.range,
                        format!(
                            "another capability is already named `{}`; Tauri's build fails on duplicate capability identifiers",
                            identifier.value
                        ),
                    )
                    .related(first.file, first_range, "the first capability with this identifier"),
                );
            }
            None => {
                from_files.insert(identifier.value.as_str(), *reference);
            }
        }
    }
    // Inline capabilities replace file capabilities and each other by identifier.
    for config in context.app.config.iter() {
        let Some(list) = context
            .workspace
            .file(*config)
            .config()
            .and_then(|config| config.capabilities.as_ref())
        else {
            continue;
        };
        let referenced: Vec<&str> = list
            .value
            .iter()
            .filter_map(|entry| match entry {
                crate::model::tauri_conf::CapabilityEntry::Reference(id) => Some(id.value.as_str()),
                crate::model::tauri_conf::CapabilityEntry::Inline(_) => None,
            })
            .collect();
        let mut inline_seen: HashMap<&str, ()> = HashMap::new();
        for entry in &list.value {
            let crate::model::tauri_conf::CapabilityEntry::Inline(capability) = entry else {
                continue;
            };
            let Some(identifier) = &capability.identifier else {
                continue;
            };
            let clash = from_files
                .get(identifier.value.as_str())
                .copied()
                .filter(|_| referenced.contains(&identifier.value.as_str()));
            if inline_seen.insert(identifier.value.as_str(), ()).is_some() || clash.is_some() {
                let mut diagnostic = Diagnostic::new(
                    Code::DuplicateCapabilityId,
                    *config,
                    identifier.range,
                    format!(
                        "another capability is already named `{}`; this inline one silently replaces it",
                        identifier.value
                    ),
                );
                if let Some(first) = clash {
                    let range = context
                        .capability(first)
                        .map(|capability| capability.focus_range())
                        .unwrap_or_default();
                    diagnostic = diagnostic.related(
                        first.file,
                        range,
                        "the capability file with this identifier",
                    );
                }
                diagnostic.severity = crate::diagnostic::Severity::Warning;
                acc.push(diagnostic);
            }
        }
    }
}

fn permission_ids(context: &AppContext<'_>, acc: &mut Vec<Diagnostic>) {
    for plugin in context.app.catalogue.plugins.values() {
        for shadowed in &plugin.shadowed {
            if !context.owned_manifests.contains(&shadowed.later.0) {
                continue;
            }
            let what = match shadowed.kind {
                ShadowKind::Default => "`[default]`".to_owned(),
                ShadowKind::Permission => format!("permission `{}`", shadowed.identifier),
                ShadowKind::Set => format!("set `{}`", shadowed.identifier),
            };
            let owner = if plugin.key == APP_KEY {
                "the app".to_owned()
            } else {
                format!("plugin `{}`", plugin.key)
            };
            acc.push(
                Diagnostic::new(
                    Code::DuplicatePermissionId,
                    shadowed.later.0,
                    shadowed.later.1,
                    format!("{what} is defined twice in {owner}; Tauri keeps this definition and drops the earlier one"),
                )
                .related(shadowed.earlier.0, shadowed.earlier.1, "the earlier definition, which is ignored"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::ide::diagnostics::render_fixture;

    #[test]
    fn scoped_entries_repeat_only_with_the_same_scope() {
        let rendered = render_fixture(
            r#"
//- /src-tauri/capabilities/a.json
{ "identifier": "main", "windows": ["main"], "permissions": [
  { "identifier": "allow-ping", "allow": [1] },
  "allow-ping",
  { "identifier": "allow-ping", "allow": [2] },
  { "identifier": "allow-ping", "allow": [1] },
  "allow-ping",
  { "identifier": "allow-ping", "allow": [2], "deny": [3] }
] }
//- /src-tauri/permissions/one.toml
[[permission]]
identifier = "allow-ping"
commands.allow = ["ping"]
"#,
        );
        // The fourth entry repeats the first and the fifth the second; the others differ
        // in scope.
        let lines: Vec<&str> = rendered
            .lines()
            .filter(|line| line.contains("[duplicate-entry]") || line.contains("--> "))
            .collect();
        let repeated: Vec<&str> = lines
            .windows(2)
            .filter(|pair| pair[0].contains("[duplicate-entry]"))
            .map(|pair| pair[1].trim())
            .collect();
        assert_eq!(
            repeated,
            [
                "--> /src-tauri/capabilities/a.json:5:3",
                "--> /src-tauri/capabilities/a.json:6:3"
            ],
            "{rendered}"
        );
    }

    #[test]
    fn duplicate_entries_capabilities_and_permissions() {
        insta::assert_snapshot!(render_fixture(r#"
//- /src-tauri/capabilities/a.json
{ "identifier": "main", "windows": ["main"], "permissions": ["allow-ping", "allow-ping", { "identifier": "allow-ping", "allow": [1] }] }
//- /src-tauri/capabilities/b.toml
identifier = "main"
windows = ["main"]
permissions = []
//- /src-tauri/permissions/one.toml
[[permission]]
identifier = "allow-ping"
commands.allow = ["ping"]
//- /src-tauri/permissions/two.toml
[[permission]]
identifier = "allow-ping"
commands.allow = ["ping", "pong"]
"#), @r#"
        warning[duplicate-entry]: `allow-ping` is already listed in this capability
         --> /src-tauri/capabilities/a.json:1:76
          |
        1 | { "identifier": "main", "windows": ["main"], "permissions": ["allow-ping", "allow-ping", { "identifier": "allow-ping", "allow": [1] }] }
          |                                                              ------------  ^^^^^^^^^^^^
          |                                                              |
          |                                                              first listed here
          |
          = help: Remove the repeated entry
        error[duplicate-capability-id]: another capability is already named `main`; Tauri's build fails on duplicate capability identifiers
         --> /src-tauri/capabilities/b.toml:1:14
          |
        1 | identifier = "main"
          |              ^^^^^^
          |
         ::: /src-tauri/capabilities/a.json:1:17
          |
        1 | { "identifier": "main", "windows": ["main"], "permissions": ["allow-ping", "allow-ping", { "identifier": "allow-ping", "allow": [1] }] }
          |                 ------ the first capability with this identifier
        warning[duplicate-permission-id]: permission `allow-ping` is defined twice in the app; Tauri keeps this definition and drops the earlier one
         --> /src-tauri/permissions/two.toml:2:14
          |
        2 | identifier = "allow-ping"
          |              ^^^^^^^^^^^^
          |
         ::: /src-tauri/permissions/one.toml:2:14
          |
        2 | identifier = "allow-ping"
          |              ------------ the earlier definition, which is ignored
        "#);
    }
}
