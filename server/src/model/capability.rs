//! Capability files and the capabilities inside them.
//!
//! Mirrors tauri-utils `acl/capability.rs`. A file holds one capability object, an array
//! of them, or `{"capabilities": [...]}` (chosen, as Tauri does, by whether the object has
//! a `capabilities` key). `identifier` and `permissions` are required; `description`,
//! `windows`, `webviews` and `local` have defaults but must have the right type when
//! present; `platforms` and `remote` may also be `null`. A permission entry is an
//! identifier string or `{identifier, allow, deny}`, where `allow`/`deny` are arrays of
//! arbitrary values or `null`.

use super::identifier::{Identifier, IdentifierError};
use super::platform::Platform;
use super::reader::{Reader, closest};
use super::{Problem, Spanned};
use crate::diagnostic::Code;
use crate::syntax::{NodeId, NodeKind, Tree};
use crate::text::TextRange;

pub const CAPABILITY_KEYS: &[&str] = &[
    "identifier",
    "description",
    "remote",
    "local",
    "windows",
    "webviews",
    "permissions",
    "platforms",
];

pub const ENTRY_KEYS: &[&str] = &["identifier", "allow", "deny"];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CapabilityShape {
    Single,
    List,
    NamedList,
}

#[derive(Debug, Clone, PartialEq)]
pub struct CapabilityFile {
    pub shape: CapabilityShape,
    pub capabilities: Vec<Capability>,
    pub problems: Vec<Problem>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Capability {
    /// The capability's object.
    pub node: NodeId,
    pub range: TextRange,
    pub identifier: Option<Spanned<String>>,
    pub description: Option<Spanned<String>>,
    pub remote: Option<Remote>,
    pub local: Option<Spanned<bool>>,
    pub windows: Option<Spanned<Vec<Spanned<String>>>>,
    pub webviews: Option<Spanned<Vec<Spanned<String>>>>,
    /// The `permissions` array; `None` when the key is missing or not an array.
    pub permissions: Option<Spanned<Vec<PermissionEntry>>>,
    /// Known platforms only; unknown names are reported and left out.
    pub platforms: Option<Spanned<Vec<Spanned<Platform>>>>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Remote {
    pub range: TextRange,
    pub urls: Vec<Spanned<String>>,
}

/// One item of a capability's `permissions`.
#[derive(Debug, Clone, PartialEq)]
pub struct PermissionEntry {
    pub node: NodeId,
    pub range: TextRange,
    /// The identifier text and the range of its string literal.
    pub identifier: Spanned<String>,
    pub parsed: Result<Identifier, IdentifierError>,
    /// `Some` for the object form, even when it has neither `allow` nor `deny`.
    pub scope: Option<EntryScope>,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct EntryScope {
    pub allow: Option<Spanned<Vec<ScopeValue>>>,
    pub deny: Option<Spanned<Vec<ScopeValue>>>,
}

/// One scope value, as Tauri's untagged `Value` would read it.
#[derive(Debug, Clone, PartialEq)]
pub struct ScopeValue {
    pub node: NodeId,
    pub range: TextRange,
    pub value: serde_json::Value,
}

impl Capability {
    pub fn identifier(&self) -> Option<&str> {
        self.identifier.as_ref().map(|id| id.value.as_str())
    }

    /// Tauri's `local`, which defaults to true.
    pub fn is_local(&self) -> bool {
        self.local.as_ref().is_none_or(|local| local.value)
    }

    pub fn remote_urls(&self) -> &[Spanned<String>] {
        self.remote.as_ref().map_or(&[], |remote| &remote.urls)
    }

    /// Whether the capability is active on `platform` (all platforms when unset).
    pub fn is_active(&self, platform: Platform) -> bool {
        self.platforms
            .as_ref()
            .is_none_or(|platforms| platforms.value.iter().any(|item| item.value == platform))
    }

    pub fn window_patterns(&self) -> &[Spanned<String>] {
        self.windows.as_ref().map_or(&[], |list| &list.value)
    }

    pub fn webview_patterns(&self) -> &[Spanned<String>] {
        self.webviews.as_ref().map_or(&[], |list| &list.value)
    }

    pub fn entries(&self) -> &[PermissionEntry] {
        self.permissions.as_ref().map_or(&[], |list| &list.value)
    }

    /// The range to point at when talking about the capability as a whole.
    pub fn focus_range(&self) -> TextRange {
        self.identifier.as_ref().map_or(self.range, |id| id.range)
    }
}

/// Reads a capability file's tree.
pub fn lower_capability_file(tree: &Tree, text: &str) -> CapabilityFile {
    let mut reader = Reader::new(tree, text);
    let mut capabilities = Vec::new();
    let Some(root) = tree.root() else {
        return CapabilityFile {
            shape: CapabilityShape::Single,
            capabilities,
            problems: reader.problems,
        };
    };
    let shape = match tree.kind(root) {
        NodeKind::Array(items) => {
            for item in items {
                capabilities.extend(lower_capability(&mut reader, *item));
            }
            CapabilityShape::List
        }
        NodeKind::Object(_) if tree.get(root, "capabilities").is_some() => {
            reader.unknown_keys(root, &["capabilities"], "a capability list");
            let list = tree.get(root, "capabilities").expect("checked above");
            if let Some(items) = reader.array(list, "`capabilities`") {
                for item in items {
                    capabilities.extend(lower_capability(&mut reader, *item));
                }
            }
            CapabilityShape::NamedList
        }
        NodeKind::Object(_) => {
            capabilities.extend(lower_capability(&mut reader, root));
            CapabilityShape::Single
        }
        _ => {
            reader.wrong_type(
                root,
                "a capability file",
                "an object, an array of capabilities, or `{\"capabilities\": [...]}`",
            );
            CapabilityShape::Single
        }
    };
    CapabilityFile {
        shape,
        capabilities,
        problems: reader.problems,
    }
}

/// Reads one capability object; also used for inline capabilities in the Tauri config.
pub fn lower_capability(reader: &mut Reader<'_>, node: NodeId) -> Option<Capability> {
    let tree = reader.tree;
    reader.object(node, "a capability")?;
    reader.unknown_keys(node, CAPABILITY_KEYS, "a capability");
    if let Some(member) = tree.member(node, "context") {
        // The pre-release `context` key was replaced by `local` and `remote`.
        if let Some(problem) = reader
            .problems
            .iter_mut()
            .rev()
            .find(|problem| problem.range == member.key_range)
        {
            problem.message = "`context` is a Tauri 2 beta key that Tauri ignores now: use `local` (a boolean) and `remote.urls` instead".to_owned();
        }
    }

    let identifier = match tree.get(node, "identifier") {
        Some(value) => reader.string(value, "`identifier`"),
        None => {
            reader.missing(node, "identifier", "a capability");
            None
        }
    };
    let description = tree
        .get(node, "description")
        .and_then(|value| reader.string(value, "`description`"));
    let local = tree
        .get(node, "local")
        .and_then(|value| reader.bool(value, "`local`"));
    let windows = tree
        .get(node, "windows")
        .and_then(|value| reader.string_list(value, "`windows`"));
    let webviews = tree
        .get(node, "webviews")
        .and_then(|value| reader.string_list(value, "`webviews`"));
    let platforms = tree
        .get(node, "platforms")
        .and_then(|value| lower_platforms(reader, value));
    let remote = tree
        .get(node, "remote")
        .and_then(|value| lower_remote(reader, value));
    let permissions = match tree.get(node, "permissions") {
        Some(value) => reader.array(value, "`permissions`").map(|items| {
            let entries = items
                .iter()
                .filter_map(|item| lower_entry(reader, *item))
                .collect();
            Spanned::new(entries, tree.range(value))
        }),
        None => {
            reader.missing(node, "permissions", "a capability");
            None
        }
    };
    Some(Capability {
        node,
        range: tree.range(node),
        identifier,
        description,
        remote,
        local,
        windows,
        webviews,
        permissions,
        platforms,
    })
}

/// Reads `platforms`, which may be `null`; unknown names are reported with a suggestion.
pub fn lower_platforms(
    reader: &mut Reader<'_>,
    node: NodeId,
) -> Option<Spanned<Vec<Spanned<Platform>>>> {
    let tree = reader.tree;
    if matches!(tree.kind(node), NodeKind::Null) {
        return None;
    }
    let items = reader.array(node, "`platforms`")?;
    let mut platforms = Vec::new();
    for item in items {
        let Some(name) = reader.string(*item, "each platform") else {
            continue;
        };
        match Platform::parse(&name.value) {
            Some(platform) => platforms.push(Spanned::new(platform, name.range)),
            None => {
                let names = Platform::ALL.map(Platform::name);
                let mut problem = Problem::new(
                    Code::UnknownPlatform,
                    name.range,
                    format!(
                        "unknown platform `{}`: Tauri knows {}",
                        name.value,
                        names
                            .iter()
                            .map(|name| format!("`{name}`"))
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                );
                let suggestion = Platform::parse_loose(&name.value)
                    .map(Platform::name)
                    .or_else(|| closest(&name.value, &names));
                if let Some(suggestion) = suggestion {
                    problem.message = format!(
                        "unknown platform `{}`: did you mean `{suggestion}`? (platform names are case-sensitive)",
                        name.value
                    );
                    let quoted = crate::text::slice(reader.text, name.range)
                        .chars()
                        .next()
                        .filter(|quote| *quote == '"' || *quote == '\'')
                        .map_or(suggestion.to_owned(), |quote| {
                            format!("{quote}{suggestion}{quote}")
                        });
                    problem = problem.with_suggestion(quoted);
                }
                reader.problems.push(problem);
            }
        }
    }
    Some(Spanned::new(platforms, tree.range(node)))
}

fn lower_remote(reader: &mut Reader<'_>, node: NodeId) -> Option<Remote> {
    let tree = reader.tree;
    if matches!(tree.kind(node), NodeKind::Null) {
        return None;
    }
    reader.object(node, "`remote`")?;
    reader.unknown_keys(node, &["urls"], "`remote`");
    let urls = match tree.get(node, "urls") {
        Some(urls) => reader
            .string_list(urls, "`remote.urls`")
            .map(|list| list.value)
            .unwrap_or_default(),
        None => {
            reader.missing(node, "urls", "`remote`");
            Vec::new()
        }
    };
    Some(Remote {
        range: tree.range(node),
        urls,
    })
}

fn lower_entry(reader: &mut Reader<'_>, node: NodeId) -> Option<PermissionEntry> {
    let tree = reader.tree;
    match tree.kind(node) {
        NodeKind::String(string) => Some(PermissionEntry {
            node,
            range: tree.range(node),
            identifier: Spanned::new(string.value.clone(), tree.range(node)),
            parsed: Identifier::parse(&string.value),
            scope: None,
        }),
        NodeKind::Object(_) => {
            reader.unknown_keys(node, ENTRY_KEYS, "a permission entry");
            let identifier = match tree.get(node, "identifier") {
                Some(value) => reader.string(value, "`identifier`")?,
                None => {
                    reader.missing(node, "identifier", "a permission entry");
                    return None;
                }
            };
            let allow = tree
                .get(node, "allow")
                .and_then(|value| lower_scope_list(reader, value, "`allow`"));
            let deny = tree
                .get(node, "deny")
                .and_then(|value| lower_scope_list(reader, value, "`deny`"));
            Some(PermissionEntry {
                node,
                range: tree.range(node),
                parsed: Identifier::parse(&identifier.value),
                identifier,
                scope: Some(EntryScope { allow, deny }),
            })
        }
        _ => {
            reader.wrong_type(
                node,
                "a permission entry",
                "an identifier string or an object with `identifier`",
            );
            None
        }
    }
}

/// Reads an `allow` or `deny` list of scope values; `null` means absent.
pub fn lower_scope_list(
    reader: &mut Reader<'_>,
    node: NodeId,
    what: &str,
) -> Option<Spanned<Vec<ScopeValue>>> {
    let tree = reader.tree;
    if matches!(tree.kind(node), NodeKind::Null) {
        return None;
    }
    let items = reader.array(node, what)?;
    let values = items
        .iter()
        .map(|item| ScopeValue {
            node: *item,
            range: tree.range(*item),
            value: tree.to_json(*item),
        })
        .collect();
    Some(Spanned::new(values, tree.range(node)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::{SourceFormat, parse};

    fn shapes(text: &str, format: SourceFormat) -> String {
        let parse = parse(text, format);
        let file = lower_capability_file(&parse.tree, text);
        let ids: Vec<&str> = file
            .capabilities
            .iter()
            .filter_map(Capability::identifier)
            .collect();
        format!(
            "{:?} {:?} problems={}",
            file.shape,
            ids,
            file.problems.len()
        )
    }

    #[test]
    fn the_three_shapes_in_each_format() {
        let single = r#"{ "identifier": "a", "windows": ["main"], "permissions": [] }"#;
        let list = r#"[{ "identifier": "a", "permissions": [] }, { "identifier": "b", "permissions": [] }]"#;
        let named = r#"{ "capabilities": [{ "identifier": "a", "permissions": [] }] }"#;
        assert_eq!(
            shapes(single, SourceFormat::Json),
            r#"Single ["a"] problems=0"#
        );
        assert_eq!(
            shapes(list, SourceFormat::Json),
            r#"List ["a", "b"] problems=0"#
        );
        assert_eq!(
            shapes(named, SourceFormat::Json),
            r#"NamedList ["a"] problems=0"#
        );
        assert_eq!(
            shapes("{identifier: 'a', permissions: [],}", SourceFormat::Json5),
            r#"Single ["a"] problems=0"#
        );
        assert_eq!(
            shapes("identifier = \"a\"\npermissions = []\n", SourceFormat::Toml),
            r#"Single ["a"] problems=0"#
        );
        assert_eq!(
            shapes(
                "[[capabilities]]\nidentifier = \"a\"\npermissions = []\n\n[[capabilities]]\nidentifier = \"b\"\npermissions = [\"x\", { identifier = \"y\", allow = [{ path = \"$APPDATA\" }] }]\n",
                SourceFormat::Toml
            ),
            r#"NamedList ["a", "b"] problems=0"#
        );
        assert_eq!(
            shapes("42", SourceFormat::Json),
            "Single [] problems=1",
            "a scalar is not a capability file"
        );
    }

    #[test]
    fn entries_keep_scopes_and_null_means_absent() {
        let text = r#"{ "identifier": "a", "permissions": ["fs:read", { "identifier": "fs:write", "allow": [{ "path": "$APPDATA/**" }], "deny": null }] }"#;
        let parse = parse(text, SourceFormat::Json);
        let file = lower_capability_file(&parse.tree, text);
        let entries = file.capabilities[0].entries();
        assert!(entries[0].scope.is_none());
        let scope = entries[1].scope.as_ref().unwrap();
        assert_eq!(
            scope.allow.as_ref().unwrap().value[0].value,
            serde_json::json!({ "path": "$APPDATA/**" })
        );
        assert!(scope.deny.is_none());
        assert_eq!(
            crate::text::slice(text, entries[1].identifier.range),
            "\"fs:write\""
        );
    }
}
