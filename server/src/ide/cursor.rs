//! What the cursor is on, in Tauri's terms: a permission identifier in a capability, a
//! window label, a set member in a manifest, a key being typed…
//!
//! Every position-based feature (completion, hover, definition, references, rename)
//! starts here. The syntax tree answers for well-formed text; half-typed text (an
//! unterminated string, a missing bracket) still parses into a tree with the string in
//! place, since both parsers recover, so the same walk works while the user types. A
//! cursor between items of an array (after `[` or a comma) is a [`Token`]-less context
//! where a new item would be inserted.
//!
//! Half-typed text gets three extra readings, because the trees record what the parsers
//! could read rather than what the user means: an unterminated string's content stops at
//! the first whitespace, `]`, `}` or `,` after the cursor (the lexer runs it to the end of
//! the line); a bare word (an error node, or a word the JSON lexer split at `:`) covers
//! every identifier character around the cursor; and a key being typed with no tree node
//! yet (a bare word in TOML) is read from the text before the cursor.

use crate::resolver::CapabilityRef;
use crate::syntax::{NodeId, NodeKind, SourceFormat, Tree};
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
    /// False for a string missing its closing quote (the user is still typing it).
    pub is_terminated: bool,
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
    /// A value in a scope object (`path`, `url`, …) of an entry; `key` is empty for a
    /// bare string in `allow`/`deny` (the fs plugin reads it as a path).
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

/// Puts a TOML cursor that is in no value into the table of the last header above it.
///
/// A table's range ends with its last value, so a line being typed under
/// `[[permissions.allow]]` (or after a table's last key) lies outside every node, and the
/// walk would end at the root. Only bare dotted headers are read; the header's table must
/// exist in the tree, an array of tables meaning its last element, as in TOML.
fn adopt_toml_table(tree: &Tree, text: &str, offset: TextSize, located: &mut Located) {
    let is_in_value = located.on_key.is_some()
        || located
            .path
            .last()
            .is_some_and(|(node, _)| !matches!(tree.kind(*node), NodeKind::Object(_)));
    let Some(root) = tree.root() else {
        return;
    };
    if is_in_value {
        return;
    }
    let before = text.get(..usize::from(offset)).unwrap_or("");
    // The cursor's own line is not a header (it may be one being typed).
    let Some(line_start) = before.rfind('\n') else {
        return;
    };
    let header = before[..line_start].lines().rev().find_map(|line| {
        let line = line.trim();
        let (inner, is_array) = if let Some(inner) = line.strip_prefix("[[") {
            (inner.strip_suffix("]]")?, true)
        } else {
            (line.strip_prefix('[')?.strip_suffix(']')?, false)
        };
        let is_bare = inner
            .chars()
            .all(|ch| ch.is_ascii_alphanumeric() || matches!(ch, '_' | '-' | '.' | ' '));
        (is_bare && !inner.trim().is_empty()).then(|| (inner.to_owned(), is_array))
    });
    let Some((header, is_array)) = header else {
        return;
    };
    let mut path = vec![(root, None)];
    let mut node = root;
    let keys: Vec<&str> = header.split('.').map(str::trim).collect();
    for (index, key) in keys.iter().enumerate() {
        let Some(child) = tree.get(node, key) else {
            return;
        };
        path.push((child, Some(Segment::Key((*key).to_owned()))));
        node = child;
        let is_last = index + 1 == keys.len();
        // An array of tables stands for its last element, in the header and above it.
        if let NodeKind::Array(items) = tree.kind(node) {
            if is_last && !is_array {
                return;
            }
            let Some(last) = items.last() else {
                return;
            };
            path.push((*last, Some(Segment::Index(items.len() - 1))));
            node = *last;
        }
    }
    if path.len() > located.path.len() && matches!(tree.kind(node), NodeKind::Object(_)) {
        located.path = path;
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
    let mut located = locate(tree, &source.text, offset);
    if source.format == Some(SourceFormat::Toml) {
        adopt_toml_table(tree, &source.text, offset, &mut located);
    }
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
    // A word the parser did not keep as an item (the JSON lexer splits `fs:read` and
    // drops some pieces) is still what the user is typing.
    let token =
        token_at(source, tree, leaf, offset).or_else(|| adjacent_word(&source.text, offset));
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
            let token = slot_token(source, &located, &slot, offset, token);
            Some(cursor(CursorKind::Capability { capability, slot }, token))
        }
        FileKind::TauriConfig { .. } => {
            let app_path = [Segment::Key("app".to_owned())];
            if keys.len() >= 2
                && keys[..1] == app_path
                && keys[1] == Segment::Key("windows".to_owned())
            {
                if let [_, _, Segment::Index(_), Segment::Key(key)] = keys.as_slice()
                    && key == "label"
                {
                    return Some(cursor(CursorKind::ConfigWindowLabel, token));
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
                [Segment::Index(_)]
                    if matches!(tree.kind(leaf), NodeKind::String(_) | NodeKind::Error) =>
                {
                    Some(cursor(CursorKind::CapabilityReference, token))
                }
                [Segment::Index(index), rest @ ..] => {
                    let capability = CapabilityRef {
                        file,
                        index: *index,
                    };
                    let slot = capability_slot(rest, &located, tree, offset, leaf)?;
                    let token = slot_token(source, &located, &slot, offset, token);
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
        // A bare string in the list is a scope value without a key.
        [
            k,
            Segment::Index(entry),
            Segment::Key(list),
            Segment::Index(_),
        ] if *k == key("permissions") && (list == "allow" || list == "deny") && is_string => {
            Some(CapabilitySlot::ScopeValue {
                entry: *entry,
                key: String::new(),
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

/// The token of a capability slot: the key under the cursor for key slots (or the word
/// being typed before it, when the parser made no key of it yet), else the literal.
fn slot_token(
    source: &SourceFile,
    located: &Located,
    slot: &CapabilitySlot,
    offset: TextSize,
    token: Option<Token>,
) -> Option<Token> {
    if located.on_key.is_some() {
        return key_token(source, located, offset);
    }
    match slot {
        CapabilitySlot::Key | CapabilitySlot::ScopeKey { .. } => {
            token.or_else(|| typed_word(&source.text, offset))
        }
        _ => token,
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

/// Characters that may appear in a bare word: identifiers, labels, keys.
fn is_word_char(ch: char) -> bool {
    ch.is_ascii_alphanumeric() || matches!(ch, '-' | '_' | ':' | '$' | '*' | '.')
}

/// Characters that end an unterminated string's content after the cursor.
fn ends_unterminated(ch: char) -> bool {
    ch.is_whitespace() || matches!(ch, ']' | '}' | ',')
}

fn make_token(text: &str, range: TextRange, value: String, offset: TextSize) -> Option<Token> {
    let raw = slice(text, range);
    let quote = raw.chars().next().filter(|ch| *ch == '"' || *ch == '\'');
    let Some(quote_char) = quote else {
        return Some(bare_word(text, range, offset));
    };
    let content_start = range.start() + TextSize::from(1);
    let is_terminated = raw.len() >= 2 && raw.ends_with(quote_char);
    let content_end = if is_terminated {
        range.end() - TextSize::from(1)
    } else {
        range.end()
    };
    let content_end = content_end.max(content_start);
    let cursor = offset.clamp(content_start, content_end);
    let (content_end, value) = if is_terminated {
        (content_end, value)
    } else {
        // The lexer runs an unterminated string to the end of the line; what follows the
        // word under the cursor is the rest of the line, not part of the value.
        let rest = slice(text, TextRange::new(cursor, content_end));
        let length = rest.find(ends_unterminated).unwrap_or(rest.len());
        let end = cursor + crate::text::to_size(length);
        (
            end,
            slice(text, TextRange::new(content_start, end)).to_owned(),
        )
    };
    let content_range = TextRange::new(content_start, content_end);
    let prefix = slice(text, TextRange::new(content_start, cursor)).to_owned();
    Some(Token {
        range,
        content_range,
        value,
        prefix,
        quote,
        is_terminated,
    })
}

/// A bare word: the word characters around the cursor, at least the node's own text.
fn bare_word(text: &str, range: TextRange, offset: TextSize) -> Token {
    let start = usize::from(range.start().min(offset));
    let end = usize::from(range.end().max(offset)).min(text.len());
    let before = text.get(..start).unwrap_or("");
    let start = before
        .char_indices()
        .rev()
        .take_while(|(_, ch)| is_word_char(*ch))
        .last()
        .map_or(start, |(index, _)| index);
    let after = text.get(end..).unwrap_or("");
    let end = end + after.find(|ch| !is_word_char(ch)).unwrap_or(after.len());
    let range = crate::text::range(start, end);
    let cursor = offset.clamp(range.start(), range.end());
    let value = slice(text, range).to_owned();
    Token {
        range,
        content_range: range,
        prefix: slice(text, TextRange::new(range.start(), cursor)).to_owned(),
        value,
        quote: None,
        is_terminated: true,
    }
}

/// The bare word touching the cursor, if a word character is right before or after it.
fn adjacent_word(text: &str, offset: TextSize) -> Option<Token> {
    let index = usize::from(offset).min(text.len());
    let before = text.get(..index)?.chars().next_back();
    let after = text.get(index..)?.chars().next();
    if !before.is_some_and(is_word_char) && !after.is_some_and(is_word_char) {
        return None;
    }
    Some(bare_word(text, TextRange::empty(offset), offset))
}

/// The word typed right before the cursor where the tree has no node for it (a TOML key
/// without `=` yet), with its opening quote if it has one.
fn typed_word(text: &str, offset: TextSize) -> Option<Token> {
    let offset_index = usize::from(offset).min(text.len());
    let before = text.get(..offset_index)?;
    let word_length: usize = before
        .chars()
        .rev()
        .take_while(|ch| ch.is_ascii_alphanumeric() || matches!(ch, '-' | '_'))
        .map(char::len_utf8)
        .sum();
    let word_start = offset_index - word_length;
    let quote = before[..word_start]
        .chars()
        .next_back()
        .filter(|ch| *ch == '"' || *ch == '\'');
    if word_length == 0 && quote.is_none() {
        return None;
    }
    let start = word_start - quote.map_or(0, char::len_utf8);
    let range = crate::text::range(start, offset_index);
    match quote {
        Some(_) => make_token(text, range, String::new(), offset),
        None => Some(bare_word(text, range, offset)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ide::fixture;

    fn check(text: &str) -> String {
        let (world, position) = fixture::position(text);
        match cursor(&world.workspace, position.file, position.offset) {
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

    /// The token's ranges as text: the literal, the content and the typed prefix.
    fn check_token(text: &str) -> String {
        let text = if text.starts_with('{') {
            text.to_owned()
        } else {
            format!("//- /src-tauri/capabilities/default.toml\n{text}")
        };
        let (world, position) = fixture::position(&text);
        let source = world.workspace.file(position.file);
        match cursor(&world.workspace, position.file, position.offset)
            .and_then(|cursor| cursor.token)
        {
            None => "no token".to_owned(),
            Some(token) => format!(
                "literal `{}` content `{}` value `{}` prefix `{}` quote {:?} terminated {}",
                slice(&source.text, token.range),
                slice(&source.text, token.content_range),
                token.value,
                token.prefix,
                token.quote,
                token.is_terminated
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
    fn half_typed_text() {
        // An unterminated string stops before the rest of the line.
        insta::assert_snapshot!(check_token("{ \"identifier\": \"a\", \"permissions\": [\"fs:al$0] }"), @r#"literal `"fs:al] }` content `fs:al` value `fs:al` prefix `fs:al` quote Some('"') terminated false"#);
        // A bare word split by the JSON lexer at `:` is read whole.
        insta::assert_snapshot!(check_token(r#"{ "identifier": "a", "permissions": [dialog:allow-o$0] }"#), @"literal `dialog:allow-o` content `dialog:allow-o` value `dialog:allow-o` prefix `dialog:allow-o` quote None terminated true");
        // A TOML key with no `=` yet has no node; the word before the cursor is the token.
        insta::assert_snapshot!(check_token("identifier = \"a\"\nwin$0\n"), @"literal `win` content `win` value `win` prefix `win` quote None terminated true");
        // A bare word in the config's capability list is a reference, not an inline capability.
        insta::assert_snapshot!(check(r#"
//- /src-tauri/tauri.conf.json
{ "app": { "windows": [{ "label": "main" }], "security": { "capabilities": ["a", de$0] } } }
"#), @r#"CapabilityReference token=Some(("de", "de", None))"#);
        // A line typed under a TOML table header belongs to that table, even though the
        // table's range ends at its last value.
        insta::assert_snapshot!(check("
//- /src-tauri/capabilities/default.toml
identifier = \"a\"

[[permissions]]
identifier = \"fs:allow-read\"

[[permissions.allow]]
pa$0
"), @r#"Capability { capability: CapabilityRef { file: FileId(1), index: 0 }, slot: ScopeKey { entry: 0 } } token=Some(("pa", "pa", None))"#);
        // A bare string in `allow` is a scope value without a key.
        insta::assert_snapshot!(check(r#"{ "identifier": "a", "permissions": [{ "identifier": "fs:allow-read", "allow": ["$AP$0"] }] }"#), @r#"Capability { capability: CapabilityRef { file: FileId(1), index: 0 }, slot: ScopeValue { entry: 0, key: "" } } token=Some(("$AP", "$AP", Some('"')))"#);
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
