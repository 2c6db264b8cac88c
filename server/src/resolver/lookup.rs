//! What an identifier names in a catalogue, in Tauri's two lookup orders.
//!
//! Mirrors `get_permissions` and `get_permission_set_permissions` in tauri-utils
//! `acl/resolved.rs`, one step deep: in a capability the prefix picks the manifest (none
//! is the app's) and the base is looked up as default, set, then permission; inside a set
//! or default, a member whose prefix is a known manifest switches to it, any other member
//! is looked up whole in the current manifest, as default, permission, then set.
//! [`super::expand`] follows the same orders all the way down.

use crate::model::identifier::Identifier;
use crate::workspace::catalogue::{APP_KEY, Catalogue};

/// What kind of name a manifest defines: the one kind enum every feature shares, from
/// the lookups here to what the editor colours, labels and renames.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum NameKind {
    /// `default`; see [`Named::is_defined`].
    Default,
    Set,
    Permission,
}

/// A name found in a manifest.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Named {
    /// The manifest key.
    pub key: String,
    /// The default, set or permission name in that manifest.
    pub name: String,
    pub kind: NameKind,
    /// False only for a `default` the manifest does not define (which Tauri accepts and
    /// which grants nothing).
    pub is_defined: bool,
}

/// What a capability entry names; `None` when its plugin or name is unknown.
pub fn lookup(catalogue: &Catalogue, identifier: &Identifier) -> Option<Named> {
    let key = identifier.prefix().unwrap_or(APP_KEY);
    let name = identifier.base();
    named(catalogue, key, name, [NameKind::Set, NameKind::Permission])
}

/// What a member of a set or default of manifest `key` names; `None` when it names
/// nothing or is not a valid identifier.
pub fn lookup_member(catalogue: &Catalogue, key: &str, member: &str) -> Option<Named> {
    let parsed = Identifier::parse(member).ok()?;
    let (key, name) = match parsed
        .prefix()
        .filter(|prefix| catalogue.get(prefix).is_some())
    {
        Some(prefix) => (prefix, parsed.base()),
        None => (key, member),
    };
    named(catalogue, key, name, [NameKind::Permission, NameKind::Set])
}

/// `name` in manifest `key`, looked for among sets and permissions in `order`: Tauri
/// tries sets first for a capability entry and permissions first for a set member.
fn named(catalogue: &Catalogue, key: &str, name: &str, order: [NameKind; 2]) -> Option<Named> {
    let plugin = catalogue.get(key)?;
    let (kind, is_defined) = if name == "default" {
        (NameKind::Default, plugin.default.is_some())
    } else {
        let kind = order.into_iter().find(|kind| match kind {
            NameKind::Set => plugin.sets.contains_key(name),
            NameKind::Permission => plugin.permissions.contains_key(name),
            NameKind::Default => false,
        })?;
        (kind, true)
    };
    Some(Named {
        key: key.to_owned(),
        name: name.to_owned(),
        kind,
        is_defined,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ide::fixture;

    #[test]
    fn the_two_orders_differ_when_a_set_and_a_permission_share_a_name() {
        let world = fixture::world(
            r#"
//- /plugins/fs/permissions/fs.toml plugin:fs
[[set]]
identifier = "read"
description = "a set named like a permission"
permissions = ["read"]

[[permission]]
identifier = "read"
commands.allow = ["read"]
//- /plugins/dialog/permissions/dialog.toml plugin:dialog
[[permission]]
identifier = "allow-open"
commands.allow = ["open"]
"#,
        );
        let catalogue = &world.workspace.apps[0].catalogue;
        let top = lookup(catalogue, &Identifier::parse("fs:read").unwrap()).unwrap();
        assert_eq!(top.kind, NameKind::Set);
        let member = lookup_member(catalogue, "fs", "read").unwrap();
        assert_eq!(member.kind, NameKind::Permission);
        let switched = lookup_member(catalogue, "fs", "dialog:allow-open").unwrap();
        assert_eq!(
            (switched.key.as_str(), switched.kind),
            ("dialog", NameKind::Permission)
        );
        let missing_default =
            lookup(catalogue, &Identifier::parse("dialog:default").unwrap()).unwrap();
        assert!(!missing_default.is_defined);
        assert_eq!(lookup_member(catalogue, "fs", "nope:x"), None);
    }
}
