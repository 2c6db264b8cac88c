//! Incremental text sync: random edits, in UTF-8 or UTF-16 positions, applied to the
//! server's rope-backed document and to a plain `String` by an independent reading of
//! LSP positions (lines end at `\n`, `\r\n` or a lone `\r`; a column past the end of its
//! line means the end of that line; a line past the end means the end of the text; a
//! column inside a character means its start). The two texts must stay equal.
#![no_main]

use libfuzzer_sys::arbitrary::{self, Arbitrary};
use libfuzzer_sys::fuzz_target;
use tauri_acl::lsp::documents::Document;
use tauri_acl::text::Encoding;
use tower_lsp_server::ls_types::{Position, Range, TextDocumentContentChangeEvent};

#[derive(Arbitrary, Debug)]
struct Edit {
    start: (u8, u8),
    end: (u8, u8),
    text: String,
    utf16: bool,
    full: bool,
}

#[derive(Arbitrary, Debug)]
struct Input {
    initial: String,
    edits: Vec<Edit>,
}

/// Byte offset of an LSP position in `text`, read independently of the rope.
fn offset(text: &str, line: usize, column: usize, utf16: bool) -> usize {
    let bytes = text.as_bytes();
    let mut starts = vec![0];
    let mut index = 0;
    while index < bytes.len() {
        match bytes[index] {
            b'\r' if bytes.get(index + 1) == Some(&b'\n') => {
                starts.push(index + 2);
                index += 2;
                continue;
            }
            b'\r' | b'\n' => starts.push(index + 1),
            _ => {}
        }
        index += 1;
    }
    let Some(&start) = starts.get(line) else {
        return text.len();
    };
    let mut end = starts.get(line + 1).copied().unwrap_or(text.len());
    while end > start && matches!(bytes[end - 1], b'\n' | b'\r') {
        end -= 1;
    }
    let mut units = 0;
    for (position, ch) in text[start..end].char_indices() {
        let width = if utf16 { ch.len_utf16() } else { ch.len_utf8() };
        if units + width > column {
            return start + position;
        }
        units += width;
    }
    end
}

fuzz_target!(|input: Input| {
    let mut document = Document::new(&input.initial, 1);
    let mut reference = input.initial.clone();
    for edit in input.edits.iter().take(64) {
        let encoding = if edit.utf16 {
            Encoding::Utf16
        } else {
            Encoding::Utf8
        };
        let range = (!edit.full).then(|| {
            Range::new(
                Position::new(u32::from(edit.start.0), u32::from(edit.start.1)),
                Position::new(u32::from(edit.end.0), u32::from(edit.end.1)),
            )
        });
        document.apply(
            &TextDocumentContentChangeEvent {
                range,
                range_length: None,
                text: edit.text.clone(),
            },
            encoding,
        );
        match range {
            None => reference = edit.text.clone(),
            Some(_) => {
                let start = offset(
                    &reference,
                    usize::from(edit.start.0),
                    usize::from(edit.start.1),
                    edit.utf16,
                );
                let end = offset(
                    &reference,
                    usize::from(edit.end.0),
                    usize::from(edit.end.1),
                    edit.utf16,
                )
                .max(start);
                reference.replace_range(start..end, &edit.text);
            }
        }
        assert_eq!(document.text(), reference, "after {edit:?}");
    }
});
