//! Expands a permission identifier into the permissions Tauri would grant for it.
//!
//! Mirrors `get_permissions` and `get_permission_set_permissions` in tauri-utils
//! `acl/resolved.rs`:
//! - the prefix names the manifest (none means the app's `__app-acl__`); an unknown
//!   manifest is an error;
//! - at the top level a base of `default` is the manifest's default (nothing at all when
//!   it has none), else a set, else a permission, else an error;
//! - inside a set or default, a member whose prefix is a known manifest switches to that
//!   manifest and its base; any other member is looked up whole in the current manifest,
//!   in the order default, permission, set; a member found nowhere is an error;
//! - a member that is not a valid identifier makes Tauri panic; here it is an error.
//!
//! Sets that include themselves make Tauri recurse until its stack overflows; here the
//! walk keeps its own stack and stops at the first set already being expanded. An
//! expansion that would exceed [`MAX_LEAVES`] permissions is cut short and reported.
//! Platform filtering of the leaves is the caller's job.

use crate::model::identifier::{Identifier, IdentifierError};
use crate::model::manifest::Permission;
use crate::model::{Platform, Spanned};
use crate::text::TextRange;
use crate::workspace::FileId;
use crate::workspace::catalogue::{APP_KEY, Catalogue, InFile, Plugin};

/// The most permissions one capability entry may expand to before it is cut short.
pub const MAX_LEAVES: usize = 50_000;
/// The most sets one expansion may enter, which bounds the work on sets that share
/// members exponentially often without reaching any permission.
const MAX_STEPS: usize = 200_000;

/// A set or default passed through on the way to a permission.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step {
    /// The manifest key (`fs`, `core:window`, `__app-acl__`).
    pub key: String,
    /// The set identifier, or `default`.
    pub name: String,
    /// Where the set or default is defined.
    pub file: FileId,
    pub range: TextRange,
}

/// A permission reached by an expansion.
#[derive(Debug, Clone, PartialEq)]
pub struct Leaf<'c> {
    pub key: String,
    pub permission: &'c InFile<Permission>,
    /// The sets and defaults walked through, outermost first.
    pub chain: Vec<Step>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ExpandError {
    UnknownPlugin {
        key: String,
    },
    UnknownPermission {
        key: String,
        name: String,
    },
    /// A set member found nowhere; `at` is the member's string in the set.
    UnknownSetMember {
        set: Step,
        member: String,
        at: (FileId, TextRange),
    },
    InvalidSetMember {
        set: Step,
        member: String,
        error: IdentifierError,
        at: (FileId, TextRange),
    },
    /// The sets of the loop, the first one repeated at the end; `at` is the member that
    /// closes it.
    SetCycle {
        cycle: Vec<Step>,
        at: (FileId, TextRange),
    },
    TooLarge,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Expansion<'c> {
    pub leaves: Vec<Leaf<'c>>,
    pub errors: Vec<ExpandError>,
    /// The identifier was `plugin:default` for a plugin without a default.
    pub is_empty_default: bool,
}

/// The set or default being expanded, and how far through its members.
struct Frame<'c> {
    key: String,
    plugin: &'c Plugin,
    step: Step,
    members: &'c [Spanned<String>],
    member_file: FileId,
    next: usize,
}

/// Expands `identifier` against `catalogue`; `platform` limits which plugins exist (a
/// dependency may be desktop-only), `None` considers them all.
pub fn expand<'c>(
    catalogue: &'c Catalogue,
    identifier: &Identifier,
    platform: Option<Platform>,
) -> Expansion<'c> {
    let mut expansion = Expansion::default();
    let key = identifier.prefix().unwrap_or(APP_KEY);
    let name = identifier.base();
    let lookup = |key: &str| match platform {
        Some(platform) => catalogue.get_on(key, platform),
        None => catalogue.get(key),
    };
    let Some(plugin) = lookup(key) else {
        expansion.errors.push(ExpandError::UnknownPlugin {
            key: key.to_owned(),
        });
        return expansion;
    };
    let mut stack: Vec<Frame<'c>> = Vec::new();
    if name == "default" {
        match &plugin.default {
            Some(default) => stack.push(Frame {
                key: key.to_owned(),
                plugin,
                step: Step {
                    key: key.to_owned(),
                    name: "default".to_owned(),
                    file: default.file,
                    range: default.value.key_range,
                },
                members: &default.value.permissions,
                member_file: default.file,
                next: 0,
            }),
            None => {
                expansion.is_empty_default = true;
                return expansion;
            }
        }
    } else if let Some(set) = plugin.sets.get(name) {
        stack.push(Frame {
            key: key.to_owned(),
            plugin,
            step: Step {
                key: key.to_owned(),
                name: name.to_owned(),
                file: set.file,
                range: set.value.identifier.range,
            },
            members: &set.value.permissions,
            member_file: set.file,
            next: 0,
        });
    } else if let Some(permission) = plugin.permissions.get(name) {
        expansion.leaves.push(Leaf {
            key: key.to_owned(),
            permission,
            chain: Vec::new(),
        });
        return expansion;
    } else {
        expansion.errors.push(ExpandError::UnknownPermission {
            key: key.to_owned(),
            name: name.to_owned(),
        });
        return expansion;
    }

    let mut steps = 0usize;
    while let Some(frame) = stack.last_mut() {
        let Some(member) = frame.members.get(frame.next) else {
            stack.pop();
            continue;
        };
        frame.next += 1;
        let at = (frame.member_file, member.range);
        let current_step = frame.step.clone();
        let parsed = match Identifier::parse(&member.value) {
            Ok(parsed) => parsed,
            Err(error) => {
                expansion.errors.push(ExpandError::InvalidSetMember {
                    set: current_step,
                    member: member.value.clone(),
                    error,
                    at,
                });
                continue;
            }
        };
        let switched = parsed
            .prefix()
            .and_then(|prefix| lookup(prefix).map(|plugin| (prefix.to_owned(), plugin)));
        let (key, plugin, member_name) = match &switched {
            Some((prefix, plugin)) => (prefix.clone(), *plugin, parsed.base()),
            None => (frame.key.clone(), frame.plugin, member.value.as_str()),
        };
        let chain = || stack_chain(&stack);
        let nested = if member_name == "default" {
            plugin.default.as_ref().map(|default| {
                (
                    Step {
                        key: key.clone(),
                        name: "default".to_owned(),
                        file: default.file,
                        range: default.value.key_range,
                    },
                    &default.value.permissions[..],
                    default.file,
                )
            })
        } else if let Some(permission) = plugin.permissions.get(member_name) {
            if expansion.leaves.len() >= MAX_LEAVES {
                expansion.errors.push(ExpandError::TooLarge);
                return expansion;
            }
            expansion.leaves.push(Leaf {
                key: key.clone(),
                permission,
                chain: chain(),
            });
            continue;
        } else if let Some(set) = plugin.sets.get(member_name) {
            Some((
                Step {
                    key: key.clone(),
                    name: member_name.to_owned(),
                    file: set.file,
                    range: set.value.identifier.range,
                },
                &set.value.permissions[..],
                set.file,
            ))
        } else {
            expansion.errors.push(ExpandError::UnknownSetMember {
                set: current_step,
                member: member.value.clone(),
                at,
            });
            continue;
        };
        // A default that does not exist contributes nothing, as in Tauri.
        let Some((step, members, member_file)) = nested else {
            continue;
        };
        if let Some(start) = stack
            .iter()
            .position(|frame| frame.step.key == step.key && frame.step.name == step.name)
        {
            let mut cycle: Vec<Step> = stack[start..]
                .iter()
                .map(|frame| frame.step.clone())
                .collect();
            cycle.push(step);
            expansion.errors.push(ExpandError::SetCycle { cycle, at });
            continue;
        }
        steps += 1;
        if steps > MAX_STEPS {
            expansion.errors.push(ExpandError::TooLarge);
            return expansion;
        }
        stack.push(Frame {
            key,
            plugin,
            step,
            members,
            member_file,
            next: 0,
        });
    }
    expansion
}

fn stack_chain(stack: &[Frame<'_>]) -> Vec<Step> {
    stack.iter().map(|frame| frame.step.clone()).collect()
}
