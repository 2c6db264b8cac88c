// Diagnostic: unknown-set-member, invalid-identifier (in a set), set-cycle.
//
//! Sets and defaults are only checked by Tauri when a capability expands them, and then
//! it fails the build (unknown member), panics (a member that is not an identifier) or
//! overflows its stack (sets that include each other). Each is reported on the
//! capability entry that triggers it, and also on the set member itself when the
//! manifest is the user's.

use super::{AppContext, Diagnostic};
use crate::diagnostic::Code;
use crate::resolver::expand::{ExpandError, Step};
use crate::workspace::catalogue::APP_KEY;

pub(super) fn check(context: &AppContext<'_>, acc: &mut Vec<Diagnostic>) {
    for reference in &context.capabilities {
        let Some(capability) = context.capability(*reference) else {
            continue;
        };
        let resolutions = context
            .resolutions
            .get(reference)
            .map(Vec::as_slice)
            .unwrap_or(&[]);
        // The same error on several platforms is reported once; errors are grouped by
        // entry so this stays linear in the number of entries.
        let mut seen: std::collections::HashMap<usize, Vec<&ExpandError>> =
            std::collections::HashMap::new();
        for resolution in resolutions {
            for (index, error) in resolution.errors() {
                let reported = seen.entry(index).or_default();
                if reported.contains(&error) {
                    continue;
                }
                reported.push(error);
                let Some(entry) = capability.entries().get(index) else {
                    continue;
                };
                let file = reference.file;
                let range = entry.identifier.range;
                let identifier = &entry.identifier.value;
                match error {
                    ExpandError::UnknownSetMember { set, member, at }
                        if !member_cannot_be_checked(context, &set.key, member, resolution.platform) =>
                    {
                        let message = format!(
                            "`{identifier}` cannot be expanded: {} lists `{member}`, which is not a permission or set of {}",
                            describe(set),
                            owner(&set.key)
                        );
                        acc.push(
                            Diagnostic::new(Code::UnknownSetMember, file, range, &message)
                                .related(at.0, at.1, format!("`{member}` is listed here")),
                        );
                        if context.owned_manifests.contains(&at.0) {
                            acc.push(Diagnostic::new(
                                Code::UnknownSetMember,
                                at.0,
                                at.1,
                                format!(
                                    "`{member}` is not a permission or set of {}, so Tauri fails to build any capability that uses {}",
                                    owner(&set.key),
                                    describe(set)
                                ),
                            ));
                        }
                    }
                    ExpandError::InvalidSetMember { set, member, error, at } => {
                        acc.push(
                            Diagnostic::new(
                                Code::InvalidIdentifier,
                                file,
                                range,
                                format!(
                                    "`{identifier}` cannot be expanded: {} lists `{member}`, which is not a valid identifier ({error}); Tauri panics on it",
                                    describe(set)
                                ),
                            )
                            .related(at.0, at.1, "the invalid member"),
                        );
                        if context.owned_manifests.contains(&at.0) {
                            acc.push(Diagnostic::new(
                                Code::InvalidIdentifier,
                                at.0,
                                at.1,
                                format!("`{member}` is not a valid permission identifier: {error}"),
                            ));
                        }
                    }
                    ExpandError::SetCycle { cycle, at } => {
                        let path = cycle
                            .iter()
                            .map(|step| format!("`{}`", qualified(step)))
                            .collect::<Vec<_>>()
                            .join(" → ");
                        let mut diagnostic = Diagnostic::new(
                            Code::SetCycle,
                            file,
                            range,
                            format!("`{identifier}` cannot be expanded: sets include each other ({path}), which makes Tauri's build overflow its stack"),
                        );
                        for step in &cycle[..cycle.len().saturating_sub(1)] {
                            diagnostic = diagnostic.related(
                                step.file,
                                step.range,
                                format!("`{}` is defined here", qualified(step)),
                            );
                        }
                        acc.push(diagnostic);
                        if context.owned_manifests.contains(&at.0) {
                            acc.push(Diagnostic::new(
                                Code::SetCycle,
                                at.0,
                                at.1,
                                format!("this member closes a cycle of sets: {path}"),
                            ));
                        }
                    }
                    ExpandError::TooLarge => acc.push(Diagnostic::new(
                        Code::SetCycle,
                        file,
                        range,
                        format!("`{identifier}` expands to too many permissions to check (sets that include each other many times over)"),
                    )),
                    ExpandError::UnknownPlugin { .. }
                    | ExpandError::UnknownPermission { .. }
                    | ExpandError::UnknownSetMember { .. } => {}
                }
            }
        }
    }
}

fn describe(step: &Step) -> String {
    if step.name == "default" {
        format!("the default of {}", owner(&step.key))
    } else {
        format!("set `{}`", qualified(step))
    }
}

fn qualified(step: &Step) -> String {
    if step.key == APP_KEY {
        step.name.clone()
    } else {
        format!("{}:{}", step.key, step.name)
    }
}

fn owner(key: &str) -> String {
    if key == APP_KEY {
        "the app".to_owned()
    } else {
        format!("plugin `{key}`")
    }
}

/// A member of a plugin whose identifiers cannot all be known (sources missing, a
/// computed command list) is "cannot check", which the app-level note says once.
fn member_cannot_be_checked(
    context: &AppContext<'_>,
    set_key: &str,
    member: &str,
    platform: crate::model::Platform,
) -> bool {
    let key = match crate::model::Identifier::parse(member) {
        Ok(parsed) => parsed.prefix().map(str::to_owned),
        Err(_) => None,
    }
    .unwrap_or_else(|| set_key.to_owned());
    context.app.cannot_check(&key, platform).is_some()
}

#[cfg(test)]
mod tests {
    use crate::ide::diagnostics::render_fixture;

    #[test]
    fn cycle_between_two_app_sets_and_an_unknown_member() {
        insta::assert_snapshot!(render_fixture(r#"
//- /src-tauri/capabilities/default.json
{ "identifier": "default", "windows": ["main"], "permissions": ["set-a", "broken"] }
//- /src-tauri/permissions/sets.toml
[[set]]
identifier = "set-a"
description = "a"
permissions = ["set-b"]

[[set]]
identifier = "set-b"
description = "b"
permissions = ["allow-ping", "set-a"]

[[set]]
identifier = "broken"
description = "lists a missing member"
permissions = ["allow-pong", "Not Valid"]

[[permission]]
identifier = "allow-ping"
commands.allow = ["ping"]
"#), @r#"
        error[set-cycle]: `set-a` cannot be expanded: sets include each other (`set-a` → `set-b` → `set-a`), which makes Tauri's build overflow its stack
         --> /src-tauri/capabilities/default.json:1:65
          |
        1 | { "identifier": "default", "windows": ["main"], "permissions": ["set-a", "broken"] }
          |                                                                 ^^^^^^^
          |
         ::: /src-tauri/permissions/sets.toml:2:14
          |
        2 | identifier = "set-a"
          |              ------- `set-a` is defined here
          |
         ::: /src-tauri/permissions/sets.toml:7:14
          |
        7 | identifier = "set-b"
          |              ------- `set-b` is defined here
        error[invalid-identifier]: `broken` cannot be expanded: set `broken` lists `Not Valid`, which is not a valid identifier (identifiers can only hold ASCII letters, digits and hyphens, with no hyphen at either end of a part, and one colon after the plugin name); Tauri panics on it
          --> /src-tauri/capabilities/default.json:1:74
           |
         1 | { "identifier": "default", "windows": ["main"], "permissions": ["set-a", "broken"] }
           |                                                                          ^^^^^^^^
           |
          ::: /src-tauri/permissions/sets.toml:14:30
           |
        14 | permissions = ["allow-pong", "Not Valid"]
           |                              ----------- the invalid member
        error[unknown-set-member]: `broken` cannot be expanded: set `broken` lists `allow-pong`, which is not a permission or set of the app
          --> /src-tauri/capabilities/default.json:1:74
           |
         1 | { "identifier": "default", "windows": ["main"], "permissions": ["set-a", "broken"] }
           |                                                                          ^^^^^^^^
           |
          ::: /src-tauri/permissions/sets.toml:14:16
           |
        14 | permissions = ["allow-pong", "Not Valid"]
           |                ------------ `allow-pong` is listed here
        error[set-cycle]: this member closes a cycle of sets: `set-a` → `set-b` → `set-a`
         --> /src-tauri/permissions/sets.toml:9:30
          |
        9 | permissions = ["allow-ping", "set-a"]
          |                              ^^^^^^^
        error[unknown-set-member]: `allow-pong` is not a permission or set of the app, so Tauri fails to build any capability that uses set `broken`
          --> /src-tauri/permissions/sets.toml:14:16
           |
        14 | permissions = ["allow-pong", "Not Valid"]
           |                ^^^^^^^^^^^^
        error[invalid-identifier]: `Not Valid` is not a valid permission identifier: identifiers can only hold ASCII letters, digits and hyphens, with no hyphen at either end of a part, and one colon after the plugin name
          --> /src-tauri/permissions/sets.toml:14:30
           |
        14 | permissions = ["allow-pong", "Not Valid"]
           |                              ^^^^^^^^^^^
        "#);
    }
}
