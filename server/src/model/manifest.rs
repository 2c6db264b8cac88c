//! Permission files: `[default]`, `[[set]]` and `[[permission]]`.
//!
//! Mirrors `PermissionFile`, `DefaultPermission`, `PermissionSet` and `Permission` in
//! tauri-utils `acl/manifest.rs` and `acl/mod.rs`. Required: `default.permissions`,
//! `set.identifier`, `set.description`, `set.permissions`, `permission.identifier`.
//! Identifiers in these files are plain strings to Tauri (never validated), and set
//! members are only checked when a capability expands the set. A `version` must be a
//! positive integer. The same shapes are read from TOML and JSON files and from each
//! plugin's entry in `acl-manifests.json` (see [`lower_manifest_entry`]).

use super::capability::{ScopeValue, lower_platforms, lower_scope_list};
use super::platform::Platform;
use super::reader::Reader;
use super::{Problem, Spanned};
use crate::diagnostic::Code;
use crate::syntax::{NodeId, NodeKind, Tree};
use crate::text::TextRange;

const FILE_KEYS: &[&str] = &["default", "set", "permission"];
const DEFAULT_KEYS: &[&str] = &["version", "description", "permissions"];
const SET_KEYS: &[&str] = &["identifier", "description", "permissions"];
const PERMISSION_KEYS: &[&str] = &[
    "version",
    "identifier",
    "description",
    "commands",
    "scope",
    "platforms",
];

#[derive(Debug, Clone, PartialEq, Default)]
pub struct PermissionFile {
    pub default: Option<DefaultPermission>,
    pub sets: Vec<PermissionSet>,
    pub permissions: Vec<Permission>,
    pub problems: Vec<Problem>,
}

/// The plugin's `[default]` set.
#[derive(Debug, Clone, PartialEq)]
pub struct DefaultPermission {
    /// The `default` key, where a definition link points.
    pub key_range: TextRange,
    pub description: Option<Spanned<String>>,
    pub permissions: Vec<Spanned<String>>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct PermissionSet {
    pub range: TextRange,
    pub identifier: Spanned<String>,
    pub description: Option<Spanned<String>>,
    pub permissions: Vec<Spanned<String>>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Permission {
    pub range: TextRange,
    pub identifier: Spanned<String>,
    pub description: Option<Spanned<String>>,
    pub commands_allow: Vec<Spanned<String>>,
    pub commands_deny: Vec<Spanned<String>>,
    pub scope_allow: Option<Spanned<Vec<ScopeValue>>>,
    pub scope_deny: Option<Spanned<Vec<ScopeValue>>>,
    pub platforms: Option<Spanned<Vec<Spanned<Platform>>>>,
}

impl Permission {
    /// Mirrors `Permission::is_active`: no `platforms` means every platform.
    pub fn is_active(&self, platform: Platform) -> bool {
        self.platforms
            .as_ref()
            .is_none_or(|platforms| platforms.value.iter().any(|item| item.value == platform))
    }

    /// A permission with no commands only feeds the plugin's global scope.
    pub fn is_scope_only(&self) -> bool {
        self.commands_allow.is_empty() && self.commands_deny.is_empty()
    }

    pub fn has_scope(&self) -> bool {
        self.scope_allow.is_some() || self.scope_deny.is_some()
    }
}

/// Reads a permission file (TOML or JSON).
pub fn lower_permission_file(tree: &Tree, text: &str) -> PermissionFile {
    let mut reader = Reader::new(tree, text);
    let mut file = PermissionFile::default();
    let Some(root) = tree.root() else {
        return file;
    };
    if reader.object(root, "a permission file").is_none() {
        file.problems = reader.problems;
        return file;
    }
    reader.unknown_keys(root, FILE_KEYS, "a permission file");
    if let Some(member) = tree.member(root, "scope") {
        let key_range = member.key_range;
        if let Some(problem) = reader
            .problems
            .iter_mut()
            .find(|problem| problem.range == key_range)
        {
            problem.message = "a top-level `scope` belongs to no permission, so Tauri ignores it: put it inside the permission, as `[[permission.scope.allow]]` or `[[permission.scope.deny]]`".to_owned();
        }
    }
    if let Some(default) = tree.member(root, "default") {
        file.default = lower_default(&mut reader, default.value, default.key_range);
    }
    if let Some(sets) = tree.get(root, "set")
        && let Some(items) = reader.array(sets, "`set`")
    {
        file.sets = items
            .iter()
            .filter_map(|item| lower_set(&mut reader, *item))
            .collect();
    }
    if let Some(permissions) = tree.get(root, "permission")
        && let Some(items) = reader.array(permissions, "`permission`")
    {
        file.permissions = items
            .iter()
            .filter_map(|item| lower_permission(&mut reader, *item))
            .collect();
    }
    file.problems = reader.problems;
    file
}

fn lower_default(
    reader: &mut Reader<'_>,
    node: NodeId,
    key_range: TextRange,
) -> Option<DefaultPermission> {
    let tree = reader.tree;
    if matches!(tree.kind(node), NodeKind::Null) {
        return None;
    }
    reader.object(node, "`default`")?;
    reader.unknown_keys(node, DEFAULT_KEYS, "`[default]`");
    check_version(reader, node);
    let description = tree
        .get(node, "description")
        .and_then(|value| optional_string(reader, value, "`description`"));
    let permissions = match tree.get(node, "permissions") {
        Some(value) => reader.string_list(value, "`permissions`")?.value,
        None => {
            reader.missing(node, "permissions", "`[default]`");
            return None;
        }
    };
    Some(DefaultPermission {
        key_range,
        description,
        permissions,
    })
}

fn lower_set(reader: &mut Reader<'_>, node: NodeId) -> Option<PermissionSet> {
    let tree = reader.tree;
    reader.object(node, "a `[[set]]`")?;
    reader.unknown_keys(node, SET_KEYS, "a `[[set]]`");
    let identifier = required_string(reader, node, "identifier", "a `[[set]]`");
    let description = required_string(reader, node, "description", "a `[[set]]`");
    let permissions = match tree.get(node, "permissions") {
        Some(value) => reader
            .string_list(value, "`permissions`")
            .map(|list| list.value),
        None => {
            reader.missing(node, "permissions", "a `[[set]]`");
            None
        }
    };
    Some(PermissionSet {
        range: tree.range(node),
        identifier: identifier?,
        description,
        permissions: permissions?,
    })
}

fn lower_permission(reader: &mut Reader<'_>, node: NodeId) -> Option<Permission> {
    let tree = reader.tree;
    reader.object(node, "a `[[permission]]`")?;
    reader.unknown_keys(node, PERMISSION_KEYS, "a `[[permission]]`");
    check_version(reader, node);
    let identifier = required_string(reader, node, "identifier", "a `[[permission]]`");
    let description = tree
        .get(node, "description")
        .and_then(|value| optional_string(reader, value, "`description`"));
    let mut commands_allow = Vec::new();
    let mut commands_deny = Vec::new();
    if let Some(commands) = tree.get(node, "commands")
        && reader.object(commands, "`commands`").is_some()
    {
        reader.unknown_keys(commands, &["allow", "deny"], "`commands`");
        if let Some(allow) = tree.get(commands, "allow") {
            commands_allow = reader
                .string_list(allow, "`commands.allow`")
                .map(|list| list.value)
                .unwrap_or_default();
        }
        if let Some(deny) = tree.get(commands, "deny") {
            commands_deny = reader
                .string_list(deny, "`commands.deny`")
                .map(|list| list.value)
                .unwrap_or_default();
        }
    }
    let mut scope_allow = None;
    let mut scope_deny = None;
    if let Some(scope) = tree.get(node, "scope")
        && reader.object(scope, "`scope`").is_some()
    {
        reader.unknown_keys(scope, &["allow", "deny"], "`scope`");
        scope_allow = tree
            .get(scope, "allow")
            .and_then(|value| lower_scope_list(reader, value, "`scope.allow`"));
        scope_deny = tree
            .get(scope, "deny")
            .and_then(|value| lower_scope_list(reader, value, "`scope.deny`"));
    }
    let platforms = tree
        .get(node, "platforms")
        .and_then(|value| lower_platforms(reader, value));
    Some(Permission {
        range: tree.range(node),
        identifier: identifier?,
        description,
        commands_allow,
        commands_deny,
        scope_allow,
        scope_deny,
        platforms,
    })
}

fn required_string(
    reader: &mut Reader<'_>,
    node: NodeId,
    key: &str,
    context: &str,
) -> Option<Spanned<String>> {
    match reader.tree.get(node, key) {
        Some(value) => reader.string(value, &format!("`{key}`")),
        None => {
            reader.missing(node, key, context);
            None
        }
    }
}

/// An `Option<String>` field: `null` is the same as absent.
fn optional_string(reader: &mut Reader<'_>, node: NodeId, what: &str) -> Option<Spanned<String>> {
    if matches!(reader.tree.kind(node), NodeKind::Null) {
        return None;
    }
    reader.string(node, what)
}

/// `version` is an optional `NonZeroU64`.
fn check_version(reader: &mut Reader<'_>, node: NodeId) {
    let tree = reader.tree;
    let Some(version) = tree.get(node, "version") else {
        return;
    };
    let valid = match tree.kind(version) {
        NodeKind::Null => true,
        NodeKind::Number(number) => {
            matches!(number.value, crate::syntax::NumberValue::Int(value) if value > 0)
        }
        _ => false,
    };
    if !valid && !matches!(tree.kind(version), NodeKind::Error) {
        reader.problems.push(Problem::new(
            Code::WrongType,
            tree.range(version),
            "`version` must be a positive whole number",
        ));
    }
}

/// One plugin's entry in Tauri's generated `acl-manifests.json`.
///
/// The generated form keys permissions and sets by identifier in objects
/// (`permissions`, `permission_sets`) and holds the default as a set under
/// `default_permission`; it is lowered into a [`PermissionFile`] so the rest of the
/// engine treats both sources alike.
pub fn lower_manifest_entry(reader: &mut Reader<'_>, node: NodeId) -> PermissionFile {
    let tree = reader.tree;
    let mut file = PermissionFile::default();
    if reader.object(node, "a plugin manifest").is_none() {
        return file;
    }
    let known_problems = reader.problems.len();
    if let Some(member) = tree.member(node, "default_permission")
        && reader.tree.object(member.value).is_some()
    {
        file.default = lower_default(reader, member.value, member.key_range);
    }
    if let Some(permissions) = tree.get(node, "permissions") {
        for member in reader.object(permissions, "`permissions`").unwrap_or(&[]) {
            file.permissions
                .extend(lower_permission(reader, member.value));
        }
    }
    if let Some(sets) = tree.get(node, "permission_sets") {
        for member in reader.object(sets, "`permission_sets`").unwrap_or(&[]) {
            file.sets.extend(lower_set(reader, member.value));
        }
    }
    // The generated form carries keys of its own (`identifier` on the default set);
    // they are Tauri's, not the user's, so only real type errors are kept.
    let mut index = 0;
    reader.problems.retain(|problem| {
        index += 1;
        index <= known_problems || problem.code != Code::UnknownKey
    });
    file
}
