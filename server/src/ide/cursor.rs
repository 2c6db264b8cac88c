//! What the cursor is on, in Tauri's terms: a permission identifier in a capability, a
//! window label, a set member in a manifest, a key being typed…
//!
//! Every position-based feature (completion, hover, definition, references, rename)
//! starts here. The syntax tree answers for well-formed text; half-typed text (an
//! unterminated string, a missing bracket) still parses into a tree with the string in
//! place, since both parsers recover, so the same walk works while the user types. A
//! cursor between items of an array (after `[` or a comma) is a [`Token`]-less context
//! where a new item would be inserted.

use crate::resolver::CapabilityRef;
use crate::syntax::{NodeId, NodeKind, Tree};
use crate::text::{TextRange, TextSize, slice};
use crate::workspace::{FileId, FileKind, SourceFile, Workspace};

/// A string literal (or bare word) under the cursor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// The whole literal, quotes included.
    pub range: TextRange,
    /// The text between the quotes (to the end of the line when unterminated).
    pub content_range: TextRange,
    /// The decoded value.
    pub value: String,
    /// The content from its start to the cursor: what the user typed so far.
    pub prefix: String,
    /// The quote character, `None` for a bare word.
    pub quote: Option<char>,
}

/// Where in a capability the cursor is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CapabilitySlot {
    /// An entry of `permissions`: a bare identifier or an object's `identifier`.
    Permission { entry: Option<usize> },
    /// An item of `windows`.
    Window,
    /// An item of `webviews`.
    Webview,
    /// An item of `platforms`.
    Platform,
    /// The capability's own `identifier`.
    Identifier,
    /// A key of the capability object (typed or about to be).
    Key,
    /// A key of a scope object in an entry's `allow` or `deny`.
    ScopeKey { entry: usize },
    /// A value in a scope object (`path`, `url`, …) of an entry.
    ScopeValue { entry: usize, key: String },
}

/// Where in a permission manifest the cursor is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ManifestSlot {
    /// A member of a `[[set]]`'s or `[default]`'s `permissions`.
    SetMember,
    /// An item of `commands.allow` or `commands.deny`.
    Command,
    /// The `identifier` of a `[[permission]]` or `[[set]]`.
    DefinitionIdentifier,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CursorKind {
    Capability {
        capability: CapabilityRef,
        slot: CapabilitySlot,
    },
    Manifest(ManifestSlot),
    /// An identifier in the config's `app.security.capabilities`.
    CapabilityReference,
    /// A window `label` in the config.
    ConfigWindowLabel,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cursor {
    pub file: FileId,
    pub offset: TextSize,
    pub kind: CursorKind,
    /// The literal under the cursor; `None` where a new item would be inserted.
    pub token: Option<Token>,
    /// The node of the innermost object or array that holds the cursor.
    pub container: Option<NodeId>,
}

/// One step from a node to a child.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Segment {
    Key(String),
    Index(usize),
}

/// The path from the root to the innermost node holding `offset`, and whether the
/// cursor is on a key rather than a value.
struct Located {
    /// `(node, segment that leads to it)`; the root has no segment.
    path: Vec<(NodeId, Option<Segment>)>,
    /// The key under the cursor: the object and the member's key.
    on_key: Option<(NodeId, String, TextRange)>,
}

fn locate(tree: &Tree, text: &str, offset: TextSize) -> Located {
    let mut located = Located {
        path: Vec::new(),
        on_key: None,
    };
    let Some(root) = tree.root() else {
        return located;
    };
    if !tree.range(root).contains_inclusive(offset) {
        return located;
    }
    located.path.push((root, None));
    let mut current = root;
    loop {
        let next = match tree.kind(current) {
            NodeKind::Object(members) => {
                if let Some(member) = members
                    .iter()
                    .find(|member| member.key_range.contains_inclusive(offset))
                {
                    located.on_key = Some((current, member.key.clone(), member.key_range));
                    return located;
                }
                members
                    .iter()
                    .rev()
                    .find(|member| tree.range(member.value).contains_inclusive(offset))
                    .map(|member| (member.value, Segment::Key(member.key.clone())))
            }
            NodeKind::Array(items) => items
                .iter()
                .enumerate()
                .rev()
                .find(|(_, item)| tree.range(**item).contains_inclusive(offset))
                .map(|(index, item)| (*item, Segment::Index(index))),
            _ => None,
        };
        match next {
            Some((node, segment)) => {
                // A container's range includes its closing bracket; past it, we are outside.
                if matches!(tree.kind(node), NodeKind::Object(_) | NodeKind::Array(_))
                    && tree.range(node).end() == offset
                    && closes_at(tree, text, node)
                {
                    return located;
                }
                located.path.push((node, Some(segment)));
                current = node;
            }
            None => return located,
        }
    }
}

/// Whether a container's text ends with its closing bracket (an unclosed one runs to
/// the end of the file, and a cursor there is still inside it).
fn closes_at(tree: &Tree, text: &str, node: NodeId) -> bool {
    let range = tree.range(node);
    let last = slice(text, range).chars().last();
    match tree.kind(node) {
        NodeKind::Array(_) => last == Some(']'),
        NodeKind::Object(_) => last == Some('}'),
        _ => false,
    }
}

/// Analyses the cursor at `offset` in `file`.
pub fn cursor(workspace: &Workspace, file: FileId, offset: TextSize) -> Option<Cursor> {
    let source = workspace.file(file);
    let parse = source.parse.as_ref()?;
    let tree = &parse.tree;
    let located = locate(tree, &source.text, offset);
    let keys: Vec<Segment> = located
        .path
        .iter()
        .filter_map(|(_, segment)| segment.clone())
        .collect();
    let leaf = located.path.last().map(|(node, _)| *node)?;
    let container = located
        .path
        .iter()
        .rev()
        .map(|(node, _)| *node)
        .find(|node| matches!(tree.kind(*node), NodeKind::Object(_) | NodeKind::Array(_)));
    let token = token_at(source, tree, leaf, offset);
    let cursor = |kind, token| Cursor {
        file,
        offset,
        kind,
        token,
        container,
    };

    match source.kind {
        FileKind::Capability => {
            let (capability_index, rest) = capability_path(tree, &keys)?;
            let capability = CapabilityRef {
                file,
                index: capability_index,
            };
            let slot = capability_slot(rest, &located, tree, offset, leaf)?;
            let token = if located.on_key.is_some() {
                key_token(source, &located, offset)
            } else {
                token
            };
            Some(cursor(CursorKind::Capability { capability, slot }, token))
        }
        FileKind::TauriConfig { .. } => {
            let app_path = [Segment::Key("app".to_owned())];
            if keys.len() >= 2
                && keys[..1] == app_path
                && keys[1] == Segment::Key("windows".to_owned())
            {
                if let [_, _, Segment::Index(_), Segment::Key(key)] = keys.as_slice() {
                    if key == "label" {
                        return Some(cursor(CursorKind::ConfigWindowLabel, token));
                    }
                }
                return None;
            }
            let list = [
                Segment::Key("app".to_owned()),
                Segment::Key("security".to_owned()),
                Segment::Key("capabilities".to_owned()),
            ];
            if keys.len() < 3 || keys[..3] != list {
                return None;
            }
            match &keys[3..] {
                [] => Some(cursor(CursorKind::CapabilityReference, None)),
                [Segment::Index(_)] if matches!(tree.kind(leaf), NodeKind::String(_)) => {
                    Some(cursor(CursorKind::CapabilityReference, token))
                }
                [Segment::Index(index), rest @ ..] => {
                    let capability = CapabilityRef {
                        file,
                        index: *index,
                    };
                    let slot = capability_slot(rest, &located, tree, offset, leaf)?;
                    let token = if located.on_key.is_some() {
                        key_token(source, &located, offset)
                    } else {
                        token
                    };
                    Some(cursor(CursorKind::Capability { capability, slot }, token))
                }
                _ => None,
            }
        }
        FileKind::Permission => {
            let slot = manifest_slot(&keys, source)?;
            Some(cursor(CursorKind::Manifest(slot), token))
        }
        _ => None,
    }
}

/// Splits a capability file path into the capability's index and the path inside it.
fn capability_path<'k>(tree: &Tree, keys: &'k [Segment]) -> Option<(usize, &'k [Segment])> {
    let root = tree.root()?;
    match tree.kind(root) {
        NodeKind::Array(_) => match keys {
            [Segment::Index(index), rest @ ..] => Some((*index, rest)),
            _ => None,
        },
        NodeKind::Object(_) if tree.get(root, "capabilities").is_some() => match keys {
            [Segment::Key(key), Segment::Index(index), rest @ ..] if key == "capabilities" => {
                Some((*index, rest))
            }
            _ => None,
        },
        NodeKind::Object(_) => Some((0, keys)),
        _ => None,
    }
}

fn capability_slot(
    rest: &[Segment],
    located: &Located,
    tree: &Tree,
    offset: TextSize,
    leaf: NodeId,
) -> Option<CapabilitySlot> {
    let is_string = matches!(tree.kind(leaf), NodeKind::String(_) | NodeKind::Error);
    let is_array = matches!(tree.kind(leaf), NodeKind::Array(_));
    let _ = offset;
    let key = |text: &str| Segment::Key(text.to_owned());
    // On a key: of the capability object itself, or of a scope object.
    if located.on_key.is_some() {
        return match rest {
            [] => Some(CapabilitySlot::Key),
            [
                k,
                Segment::Index(entry),
                Segment::Key(list),
                Segment::Index(_),
            ] if *k == key("permissions") && (list == "allow" || list == "deny") => {
                Some(CapabilitySlot::ScopeKey { entry: *entry })
            }
            _ => None,
        };
    }
    match rest {
        // Inside the capability object but on no member: a key is being typed.
        [] => Some(CapabilitySlot::Key),
        [k] if *k == key("identifier") => Some(CapabilitySlot::Identifier),
        [k] if *k == key("permissions") && is_array => {
            Some(CapabilitySlot::Permission { entry: None })
        }
        [k, Segment::Index(entry)] if *k == key("permissions") && is_string => {
            Some(CapabilitySlot::Permission {
                entry: Some(*entry),
            })
        }
        [k, Segment::Index(entry), Segment::Key(field)]
            if *k == key("permissions") && field == "identifier" =>
        {
            Some(CapabilitySlot::Permission {
                entry: Some(*entry),
            })
        }
        [
            k,
            Segment::Index(entry),
            Segment::Key(list),
            Segment::Index(_),
        ] if *k == key("permissions") && (list == "allow" || list == "deny") => {
            Some(CapabilitySlot::ScopeKey { entry: *entry })
        }
        [
            k,
            Segment::Index(entry),
            Segment::Key(list),
            Segment::Index(_),
            Segment::Key(field),
            ..,
        ] if *k == key("permissions") && (list == "allow" || list == "deny") => {
            Some(CapabilitySlot::ScopeValue {
                entry: *entry,
                key: field.clone(),
            })
        }
        [k] if *k == key("windows") && is_array => Some(CapabilitySlot::Window),
        [k, Segment::Index(_)] if *k == key("windows") => Some(CapabilitySlot::Window),
        [k] if *k == key("webviews") && is_array => Some(CapabilitySlot::Webview),
        [k, Segment::Index(_)] if *k == key("webviews") => Some(CapabilitySlot::Webview),
        [k] if *k == key("platforms") && is_array => Some(CapabilitySlot::Platform),
        [k, Segment::Index(_)] if *k == key("platforms") => Some(CapabilitySlot::Platform),
        _ => None,
    }
}

fn manifest_slot(keys: &[Segment], source: &SourceFile) -> Option<ManifestSlot> {
    let _ = source;
    let key = |text: &str| Segment::Key(text.to_owned());
    match keys {
        [k, Segment::Key(list), ..] if *k == key("default") && list == "permissions" => {
            Some(ManifestSlot::SetMember)
        }
        [k, Segment::Index(_), Segment::Key(list), ..]
            if *k == key("set") && list == "permissions" =>
        {
            Some(ManifestSlot::SetMember)
        }
        [k, Segment::Index(_), Segment::Key(field)]
            if (*k == key("set") || *k == key("permission")) && field == "identifier" =>
        {
            Some(ManifestSlot::DefinitionIdentifier)
        }
        [
            k,
            Segment::Index(_),
            Segment::Key(commands),
            Segment::Key(list),
            ..,
        ] if *k == key("permission")
            && commands == "commands"
            && (list == "allow" || list == "deny") =>
        {
            Some(ManifestSlot::Command)
        }
        _ => None,
    }
}

/// The string literal at `leaf` when the cursor is inside it.
fn token_at(source: &SourceFile, tree: &Tree, leaf: NodeId, offset: TextSize) -> Option<Token> {
    let value = match tree.kind(leaf) {
        NodeKind::String(string) => string.value.clone(),
        NodeKind::Error => slice(&source.text, tree.range(leaf)).to_owned(),
        _ => return None,
    };
    make_token(&source.text, tree.range(leaf), value, offset)
}

/// The key literal under the cursor, if the cursor is on one.
fn key_token(source: &SourceFile, located: &Located, offset: TextSize) -> Option<Token> {
    let (_, key, range) = located.on_key.as_ref()?;
    make_token(&source.text, *range, key.clone(), offset)
}

fn make_token(text: &str, range: TextRange, value: String, offset: TextSize) -> Option<Token> {
    let raw = slice(text, range);
    let quote = raw.chars().next().filter(|ch| *ch == '"' || *ch == '\'');
    let content_start = range.start() + TextSize::from(quote.map_or(0, |_| 1));
    let terminated = quote.is_some_and(|quote| raw.len() >= 2 && raw.ends_with(quote));
    let content_end = if terminated {
        range.end() - TextSize::from(1)
    } else {
        range.end()
    };
    let content_end = content_end.max(content_start);
    let content_range = TextRange::new(content_start, content_end);
    let cursor = offset.clamp(content_start, content_end);
    let prefix = slice(text, TextRange::new(content_start, cursor)).to_owned();
    Some(Token {
        range,
        content_range,
        value,
        prefix,
        quote,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ide::fixture;

    fn check(text: &str) -> String {
        let (world, marker) = fixture::world_and_cursor(text);
        let (file, offsets) = marker.expect("a $0 marker");
        match cursor(&world.workspace, file, offsets[0]) {
            None => "none".to_owned(),
            Some(cursor) => format!(
                "{:?} token={:?}",
                cursor.kind,
                cursor
                    .token
                    .map(|token| (token.value, token.prefix, token.quote))
            ),
        }
    }

    #[test]
    fn permission_identifiers_in_every_shape() {
        insta::assert_snapshot!(check(r#"{ "identifier": "a", "permissions": ["fs:allow-re$0ad"] }"#), @r#"Capability { capability: CapabilityRef { file: FileId(1), index: 0 }, slot: Permission { entry: Some(0) } } token=Some(("fs:allow-read", "fs:allow-re", Some('"')))"#);
        insta::assert_snapshot!(check(r#"{ "identifier": "a", "permissions": [{ "identifier": "fs:$0" }] }"#), @r#"Capability { capability: CapabilityRef { file: FileId(1), index: 0 }, slot: Permission { entry: Some(0) } } token=Some(("fs:", "fs:", Some('"')))"#);
        insta::assert_snapshot!(check(r#"{ "identifier": "a", "permissions": ["x", $0] }"#), @"Capability { capability: CapabilityRef { file: FileId(1), index: 0 }, slot: Permission { entry: None } } token=None");
        insta::assert_snapshot!(check(r#"[{ "identifier": "a", "permissions": [] }, { "identifier": "b", "permissions": ["co$0"] }]"#), @r#"Capability { capability: CapabilityRef { file: FileId(1), index: 1 }, slot: Permission { entry: Some(0) } } token=Some(("co", "co", Some('"')))"#);
        insta::assert_snapshot!(check("{ \"identifier\": \"a\", \"permissions\": [\"fs:allow-re$0\n"), @r#"Capability { capability: CapabilityRef { file: FileId(1), index: 0 }, slot: Permission { entry: Some(0) } } token=Some(("fs:allow-re", "fs:allow-re", Some('"')))"#);
        insta::assert_snapshot!(check(r#"
//- /src-tauri/capabilities/default.toml
identifier = "a"
permissions = ["core:default", "fs:al$0
"#), @r#"Capability { capability: CapabilityRef { file: FileId(1), index: 0 }, slot: Permission { entry: Some(1) } } token=Some(("fs:al", "fs:al", Some('"')))"#);
    }

    #[test]
    fn labels_platforms_keys_and_scopes() {
        insta::assert_snapshot!(check(r#"{ "identifier": "a", "windows": ["ma$0"], "permissions": [] }"#), @r#"Capability { capability: CapabilityRef { file: FileId(1), index: 0 }, slot: Window } token=Some(("ma", "ma", Some('"')))"#);
        insta::assert_snapshot!(check(r#"{ "identifier": "a", "platforms": ["$0"], "permissions": [] }"#), @r#"Capability { capability: CapabilityRef { file: FileId(1), index: 0 }, slot: Platform } token=Some(("", "", Some('"')))"#);
        insta::assert_snapshot!(check(r#"{ "identifier": "a", "win$0": [], "permissions": [] }"#), @r#"Capability { capability: CapabilityRef { file: FileId(1), index: 0 }, slot: Key } token=Some(("win", "win", Some('"')))"#);
        insta::assert_snapshot!(check(r#"{ "identifier": "a", $0 "permissions": [] }"#), @"Capability { capability: CapabilityRef { file: FileId(1), index: 0 }, slot: Key } token=None");
        insta::assert_snapshot!(check(r#"{ "identifier": "a", "permissions": [{ "identifier": "fs:allow-read", "allow": [{ "pa$0": "" }] }] }"#), @r#"Capability { capability: CapabilityRef { file: FileId(1), index: 0 }, slot: ScopeKey { entry: 0 } } token=Some(("pa", "pa", Some('"')))"#);
        insta::assert_snapshot!(check(r#"{ "identifier": "a", "permissions": [{ "identifier": "fs:allow-read", "allow": [{ "path": "$APP$0" }] }] }"#), @r#"Capability { capability: CapabilityRef { file: FileId(1), index: 0 }, slot: ScopeValue { entry: 0, key: "path" } } token=Some(("$APP", "$APP", Some('"')))"#);
    }

    #[test]
    fn manifests_and_config() {
        insta::assert_snapshot!(check(r#"
//- /src-tauri/permissions/sets.toml
[[set]]
identifier = "tools"
description = "x"
permissions = ["allow-$0"]
"#), @r#"Manifest(SetMember) token=Some(("allow-", "allow-", Some('"')))"#);
        insta::assert_snapshot!(check(r#"
//- /src-tauri/permissions/one.toml
[[permission]]
identifier = "allow-one"
commands.allow = ["gre$0"]
"#), @r#"Manifest(Command) token=Some(("gre", "gre", Some('"')))"#);
        insta::assert_snapshot!(check(r#"
//- /src-tauri/tauri.conf.json
{ "app": { "windows": [{ "label": "main" }], "security": { "capabilities": ["def$0"] } } }
"#), @r#"CapabilityReference token=Some(("def", "def", Some('"')))"#);
    }
}
