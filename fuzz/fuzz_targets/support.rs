//! Checks shared by the fuzz targets. Each target panics (which libFuzzer reports as a
//! crash) only when an invariant of the engine breaks.

#![allow(dead_code)]

use tauri_acl::syntax::tree::NodeKind;
use tauri_acl::syntax::{SourceFormat, decode, parse};
use tauri_acl::text::{LineIndex, TextRange};

/// Decodes like the workspace does, parses, and checks every range and the JSON view.
pub fn check_parse(bytes: &[u8], format: SourceFormat) {
    let (text, _) = decode(bytes);
    let parse = parse(&text, format);
    for error in &parse.errors {
        check_range(&text, error.range, "error");
    }
    let Some(root) = parse.tree.root() else {
        return;
    };
    let mut stack = vec![root];
    while let Some(node) = stack.pop() {
        check_range(&text, parse.tree.range(node), "node");
        match parse.tree.kind(node) {
            NodeKind::Object(members) => {
                for member in members {
                    check_range(&text, member.key_range, "key");
                    stack.push(member.value);
                }
            }
            NodeKind::Array(items) => stack.extend(items.iter().copied()),
            _ => {}
        }
    }
    let _ = parse.tree.to_json(root);
    let index = LineIndex::new(&text);
    let _ = index.line_col(parse.tree.range(root).end());
}

fn check_range(text: &str, range: TextRange, what: &str) {
    let (start, end) = (usize::from(range.start()), usize::from(range.end()));
    assert!(
        start <= end && end <= text.len(),
        "{what} range {range:?} outside a text of {} bytes",
        text.len()
    );
    assert!(
        text.is_char_boundary(start) && text.is_char_boundary(end),
        "{what} range {range:?} splits a character"
    );
}

/// Splits fuzz input into up to `count` texts at lines holding only `----`.
pub fn parts(bytes: &[u8], count: usize) -> Vec<String> {
    let (text, _) = decode(bytes);
    let mut parts: Vec<String> = text.splitn(count, "\n----\n").map(str::to_owned).collect();
    parts.resize(count, String::new());
    parts
}
