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
        let mut seen = Vec::new();
        for resolution in resolutions {
            for (index, error) in &resolution.errors {
                if seen.contains(&(*index, error)) {
                    continue;
                }
                seen.push((*index, error));
                let Some(entry) = capability.entries().get(*index) else {
                    continue;
                };
                let file = reference.file;
                let range = entry.identifier.range;
                let identifier = &entry.identifier.value;
                match error {
                    ExpandError::UnknownSetMember { set, member, at } => {
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
                    ExpandError::UnknownPlugin { .. } | ExpandError::UnknownPermission { .. } => {}
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
