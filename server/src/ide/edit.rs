//! Minimal text edits on JSON, JSON5 and TOML that keep the file's own formatting:
//! removing an array item with its separator, appending an item with the indentation and
//! line layout the array already uses, and writing literals in the file's syntax.
//!
//! [`Fix`] and [`TextEdit`] carry edits across files, for diagnostics, code actions and
//! rename; [`remove_entry`] and [`append_entry`] edit a capability's `permissions`.
//!
//! Every edit is computed from the syntax tree and the text; nothing here re-prints a
//! whole file, so comments and blank lines outside the edited span survive.

use super::FileRange;
use crate::syntax::{NodeId, NodeKind, SourceFormat, Tree};
use crate::text::{TextRange, TextSize, slice, to_size};
use crate::workspace::{FileId, Workspace};

/// A replacement of `range` by `new_text` in one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    pub range: TextRange,
    pub new_text: String,
}

/// A set of edits that fixes a problem.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Fix {
    pub label: String,
    pub edits: Vec<TextEdit>,
    /// Files to create, with their text.
    pub creates: Vec<(std::path::PathBuf, String)>,
    /// The same change as a snippet with placeholders (`${1:\$APPDATA/**}`), replacing
    /// `edits[0]`'s range, for clients that can insert snippets.
    pub snippet: Option<String>,
    /// Safe to apply without looking: `source.fixAll` and `check --fix` apply only these.
    pub is_preferred: bool,
}

impl Fix {
    /// A fix made of edits in one file.
    pub fn in_file(label: impl Into<String>, file: FileId, edits: Vec<Edit>) -> Fix {
        Fix {
            label: label.into(),
            edits: edits
                .into_iter()
                .map(|edit| TextEdit {
                    location: FileRange {
                        file,
                        range: edit.range,
                    },
                    new_text: edit.new_text,
                })
                .collect(),
            ..Fix::default()
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextEdit {
    pub location: FileRange,
    pub new_text: String,
}

/// `replacement` wrapped in the same quotes as the literal at `range`.
pub(crate) fn requote(
    workspace: &Workspace,
    file: FileId,
    range: TextRange,
    replacement: &str,
) -> String {
    match slice(&workspace.file(file).text, range).chars().next() {
        Some(quote @ ('"' | '\'')) => format!("{quote}{replacement}{quote}"),
        _ => replacement.to_owned(),
    }
}

/// Edits that remove a capability entry from its `permissions` array, keeping layout.
pub(crate) fn remove_entry(
    workspace: &Workspace,
    file: FileId,
    capability: &crate::model::Capability,
    entry: &crate::model::PermissionEntry,
) -> Vec<Edit> {
    let source = workspace.file(file);
    let Some(parse) = &source.parse else {
        return Vec::new();
    };
    let tree = &parse.tree;
    let Some(array) = tree.get(capability.node, "permissions") else {
        return Vec::new();
    };
    // Items are in source order: find the entry by its start rather than by a walk, which
    // made removing each of many duplicates quadratic.
    let Some(index) = tree.array(array).and_then(|items| {
        items
            .binary_search_by_key(&entry.range.start(), |item| tree.range(*item).start())
            .ok()
            .filter(|index| items[*index] == entry.node)
            .or_else(|| items.iter().position(|item| *item == entry.node))
    }) else {
        return Vec::new();
    };
    remove_array_item(tree, &source.text, array, index)
}

/// An edit that appends `identifier` to a capability's `permissions`.
pub(crate) fn append_entry(
    workspace: &Workspace,
    file: FileId,
    capability: &crate::model::Capability,
    identifier: &str,
) -> Option<Edit> {
    let source = workspace.file(file);
    let parse = source.parse.as_ref()?;
    let array = parse.tree.get(capability.node, "permissions")?;
    let format = source.format?;
    let literal = string_literal(format, identifier);
    append_array_item(&parse.tree, &source.text, array, &literal)
}

/// Applies a fix's edits to each file's text; for tests and `check --fix`.
pub fn apply_to_texts(workspace: &Workspace, fix: &Fix) -> Vec<(FileId, String)> {
    let mut by_file: std::collections::BTreeMap<FileId, Vec<Edit>> =
        std::collections::BTreeMap::new();
    for text_edit in &fix.edits {
        by_file
            .entry(text_edit.location.file)
            .or_default()
            .push(Edit {
                range: text_edit.location.range,
                new_text: text_edit.new_text.clone(),
            });
    }
    by_file
        .into_iter()
        .map(|(file, edits)| (file, apply(&workspace.file(file).text, &edits)))
        .collect()
}

/// A string literal in the file's syntax.
pub fn string_literal(format: SourceFormat, value: &str) -> String {
    let _ = format;
    // Both JSON and TOML basic strings escape `"` and `\` the same way.
    let mut out = String::with_capacity(value.len() + 2);
    out.push('"');
    for ch in value.chars() {
        match ch {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            ch if (ch as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", ch as u32)),
            ch => out.push(ch),
        }
    }
    out.push('"');
    out
}

/// An inline object (`{ "a": 1 }`) or inline table (`{ a = 1 }`) from already-rendered
/// values.
pub fn inline_object(format: SourceFormat, members: &[(&str, String)]) -> String {
    let body: Vec<String> = members
        .iter()
        .map(|(key, value)| match format {
            SourceFormat::Toml => format!("{} = {value}", toml_key(key)),
            _ => format!("{}: {value}", string_literal(format, key)),
        })
        .collect();
    if body.is_empty() {
        "{}".to_owned()
    } else {
        format!("{{ {} }}", body.join(", "))
    }
}

fn toml_key(key: &str) -> String {
    if !key.is_empty()
        && key
            .bytes()
            .all(|byte| byte.is_ascii_alphanumeric() || byte == b'-' || byte == b'_')
    {
        key.to_owned()
    } else {
        string_literal(SourceFormat::Toml, key)
    }
}

/// A JSON value rendered as an inline literal of the file's format.
pub fn value_literal(format: SourceFormat, value: &serde_json::Value) -> String {
    match value {
        serde_json::Value::String(text) => string_literal(format, text),
        serde_json::Value::Array(items) => format!(
            "[{}]",
            items
                .iter()
                .map(|item| value_literal(format, item))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        serde_json::Value::Object(map) => {
            let members: Vec<(&str, String)> = map
                .iter()
                .map(|(key, value)| (key.as_str(), value_literal(format, value)))
                .collect();
            inline_object(format, &members)
        }
        serde_json::Value::Null if format == SourceFormat::Toml => "\"\"".to_owned(),
        other => other.to_string(),
    }
}

/// Removes item `index` of `array`, with one of its separating commas and the space or
/// line around it, so the list stays well formed and laid out as before. A comment on
/// the previous item's line survives the removal of the last item.
pub fn remove_array_item(tree: &Tree, text: &str, array: NodeId, index: usize) -> Vec<Edit> {
    let Some(items) = tree.array(array) else {
        return Vec::new();
    };
    let Some(item) = items.get(index) else {
        return Vec::new();
    };
    let range = tree.range(*item);
    let trailing = trailing_comma_end(text, range.end());
    if let Some(next) = items.get(index + 1) {
        // From this item to the start of the next: takes the comma and the spacing.
        let end = tree.range(*next).start();
        return vec![Edit {
            range: TextRange::new(
                line_start_if_alone(text, range.start()),
                line_start_if_alone(text, end),
            ),
            new_text: String::new(),
        }];
    }
    let end = trailing.unwrap_or(range.end());
    if index == 0 {
        // The only item: remove it and a trailing comma, keep the brackets.
        return vec![Edit {
            range: TextRange::new(range.start(), end),
            new_text: String::new(),
        }];
    }
    let previous = tree.range(items[index - 1]).end();
    let line_start = line_start_if_alone(text, range.start());
    if line_start == range.start() {
        // On the previous item's line: the comma and space between them go with it.
        return vec![Edit {
            range: TextRange::new(previous, range.end()),
            new_text: String::new(),
        }];
    }
    // On a line of its own: drop that line, and the comma after the previous item
    // (unless the list keeps a trailing comma), leaving any comment there in place.
    // A trailing comma of its own goes with it: the previous item's comma stays as the
    // list's trailing comma.
    let mut edits = vec![Edit {
        range: TextRange::new(line_break_before(text, line_start), end),
        new_text: String::new(),
    }];
    if trailing.is_none()
        && let Some(comma) = trailing_comma_end(text, previous)
    {
        edits.push(Edit {
            range: TextRange::new(comma - TextSize::from(1), comma),
            new_text: String::new(),
        });
    }
    edits
}

/// The offset of the line break that ends the line before `line_start`.
fn line_break_before(text: &str, line_start: TextSize) -> TextSize {
    let index = usize::from(line_start).min(text.len());
    let before = &text[..index];
    let trimmed = before.strip_suffix('\n').unwrap_or(before);
    let trimmed = trimmed.strip_suffix('\r').unwrap_or(trimmed);
    to_size(trimmed.len())
}

/// Adds `item` (already rendered) at the end of `array`, on its own line with the
/// previous item's indentation when the array is laid out one item per line.
pub fn append_array_item(tree: &Tree, text: &str, array: NodeId, item: &str) -> Option<Edit> {
    let NodeKind::Array(items) = tree.kind(array) else {
        return None;
    };
    let array_range = tree.range(array);
    let Some(last) = items.last() else {
        // An empty array: put the item between the brackets.
        let inside = usize::from(array_range.start()) + 1;
        return Some(Edit {
            range: TextRange::empty(to_size(inside)),
            new_text: item.to_owned(),
        });
    };
    let last_range = tree.range(*last);
    let after = trailing_comma_end(text, last_range.end());
    let insert_at = after.unwrap_or(last_range.end());
    let separator = if after.is_some() { "" } else { "," };
    let multiline = items.len() >= 2 && {
        let first = tree.range(items[0]).start();
        let between = slice(text, TextRange::new(first, last_range.start()));
        between.contains('\n')
    } || slice(
        text,
        TextRange::new(array_range.start(), last_range.start()),
    )
    .contains('\n');
    let new_text = if multiline {
        let indent = indentation_of(text, last_range.start());
        let newline = if text.contains("\r\n") { "\r\n" } else { "\n" };
        format!(
            "{separator}{newline}{indent}{item}{}",
            if after.is_some() { "," } else { "" }
        )
    } else {
        format!(
            "{separator} {item}{}",
            if after.is_some() { "," } else { "" }
        )
    };
    Some(Edit {
        range: TextRange::empty(insert_at),
        new_text,
    })
}

/// The whitespace before the first non-blank character of `offset`'s line.
pub fn indentation_of(text: &str, offset: TextSize) -> String {
    let offset = usize::from(offset).min(text.len());
    let line_start = text[..offset]
        .rfind(['\n', '\r'])
        .map_or(0, |index| index + 1);
    text[line_start..]
        .chars()
        .take_while(|ch| *ch == ' ' || *ch == '\t')
        .collect()
}

/// The offset just after a comma that follows `end` (across blanks and comments), if any.
fn trailing_comma_end(text: &str, end: TextSize) -> Option<TextSize> {
    let rest = text.get(usize::from(end)..)?;
    let mut offset = 0;
    let bytes = rest.as_bytes();
    while offset < bytes.len() {
        match bytes[offset] {
            b' ' | b'\t' | b'\r' | b'\n' => offset += 1,
            b',' => return Some(end + to_size(offset + 1)),
            _ => return None,
        }
    }
    None
}

/// When `offset` is the first non-blank of its line, the start of that line, so removing
/// a whole item line takes its indentation too.
fn line_start_if_alone(text: &str, offset: TextSize) -> TextSize {
    let index = usize::from(offset).min(text.len());
    // Walk back over blanks only: on a long line, searching for the line start first
    // made every edit cost the whole line.
    let blanks = text.as_bytes()[..index]
        .iter()
        .rev()
        .take_while(|byte| **byte == b' ' || **byte == b'\t')
        .count();
    let before = index - blanks;
    if before == 0 || text.as_bytes()[before - 1] == b'\n' {
        to_size(before)
    } else {
        offset
    }
}

/// Applies edits to a text, last first; overlapping edits are skipped.
pub fn apply(text: &str, edits: &[Edit]) -> String {
    let mut edits: Vec<&Edit> = edits.iter().collect();
    edits.sort_by_key(|edit| std::cmp::Reverse((edit.range.start(), edit.range.end())));
    let mut out = text.to_owned();
    let mut limit = usize::MAX;
    for edit in edits {
        let start = usize::from(edit.range.start());
        let end = usize::from(edit.range.end());
        if end > limit
            || end > out.len()
            || !out.is_char_boundary(start)
            || !out.is_char_boundary(end)
        {
            continue;
        }
        out.replace_range(start..end, &edit.new_text);
        limit = start;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::parse;

    fn permissions(text: &str, format: SourceFormat) -> (Tree, NodeId) {
        let parse = parse(text, format);
        let root = parse.tree.root().unwrap();
        let array = parse.tree.get(root, "permissions").unwrap();
        (parse.tree, array)
    }

    #[test]
    fn remove_items_keeping_the_layout() {
        let text = "{\n  \"permissions\": [\n    \"a\",\n    \"b\", // keep me\n    \"c\"\n  ]\n}";
        let (tree, array) = permissions(text, SourceFormat::Json5);
        let edits = remove_array_item(&tree, text, array, 0);
        insta::assert_snapshot!(apply(text, &edits), @r#"
        {
          "permissions": [
            "b", // keep me
            "c"
          ]
        }
        "#);
        let edits = remove_array_item(&tree, text, array, 2);
        insta::assert_snapshot!(apply(text, &edits), @r#"
        {
          "permissions": [
            "a",
            "b" // keep me
          ]
        }
        "#);
        let single = "permissions = [\"only\",]\n";
        let (tree, array) = permissions(single, SourceFormat::Toml);
        let edits = remove_array_item(&tree, single, array, 0);
        assert_eq!(apply(single, &edits), "permissions = []\n");
        let one_line = "permissions = [\"a\", \"b\"]\n";
        let (tree, array) = permissions(one_line, SourceFormat::Toml);
        let edits = remove_array_item(&tree, one_line, array, 1);
        assert_eq!(apply(one_line, &edits), "permissions = [\"a\"]\n");
        // The last item on its own line, in a list with trailing commas: no `,,` left.
        let trailing = "permissions = [\n    \"a\",\n    \"b\",\n]\n";
        let (tree, array) = permissions(trailing, SourceFormat::Toml);
        let edits = remove_array_item(&tree, trailing, array, 1);
        assert_eq!(apply(trailing, &edits), "permissions = [\n    \"a\",\n]\n");
    }

    #[test]
    fn append_items_in_the_arrays_style() {
        let text = "{\n  \"permissions\": [\n    \"a\",\n    \"b\"\n  ]\n}";
        let (tree, array) = permissions(text, SourceFormat::Json);
        let edit = append_array_item(&tree, text, array, "\"c\"").unwrap();
        insta::assert_snapshot!(apply(text, &[edit]), @r#"
        {
          "permissions": [
            "a",
            "b",
            "c"
          ]
        }
        "#);
        let inline = "permissions = [\"a\", \"b\",]\n";
        let (tree, array) = permissions(inline, SourceFormat::Toml);
        let edit = append_array_item(&tree, inline, array, "\"c\"").unwrap();
        assert_eq!(
            apply(inline, &[edit]),
            "permissions = [\"a\", \"b\", \"c\",]\n"
        );
        let empty = "{ \"permissions\": [] }";
        let (tree, array) = permissions(empty, SourceFormat::Json);
        let edit = append_array_item(&tree, empty, array, "\"c\"").unwrap();
        assert_eq!(apply(empty, &[edit]), "{ \"permissions\": [\"c\"] }");
    }

    #[test]
    fn literals_in_each_format() {
        let value = serde_json::json!({ "identifier": "fs:allow-read", "allow": [{ "path": "$APPDATA/**" }] });
        assert_eq!(
            value_literal(SourceFormat::Json, &value),
            r#"{ "allow": [{ "path": "$APPDATA/**" }], "identifier": "fs:allow-read" }"#
        );
        assert_eq!(
            value_literal(SourceFormat::Toml, &value),
            r#"{ allow = [{ path = "$APPDATA/**" }], identifier = "fs:allow-read" }"#
        );
        assert_eq!(
            string_literal(SourceFormat::Json, "a\"b\\c"),
            r#""a\"b\\c""#
        );
    }
}
