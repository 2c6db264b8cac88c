//! Open documents: text in a rope, the client's version, edits applied incrementally.
//!
//! Positions from the client are clamped (a line past the end means the end of the text,
//! a column past the end of its line the end of that line), so no edit can panic.

use ropey::Rope;
use tower_lsp_server::ls_types::{Position, Range, TextDocumentContentChangeEvent};

use crate::text::Encoding;

#[derive(Debug, Clone)]
pub struct Document {
    pub rope: Rope,
    pub version: i32,
    /// Bumped on every change; diagnostics computed for an older generation are dropped.
    pub generation: u64,
}

impl Document {
    pub fn new(text: &str, version: i32) -> Document {
        Document {
            rope: Rope::from_str(text),
            version,
            generation: 0,
        }
    }

    pub fn text(&self) -> String {
        self.rope.to_string()
    }

    /// Applies one change event: a full replacement, or a ranged edit.
    pub fn apply(&mut self, change: &TextDocumentContentChangeEvent, encoding: Encoding) {
        match change.range {
            None => self.rope = Rope::from_str(&change.text),
            Some(range) => {
                let (start, end) = self.char_range(range, encoding);
                self.rope.remove(start..end);
                self.rope.insert(start, &change.text);
            }
        }
    }

    fn char_range(&self, range: Range, encoding: Encoding) -> (usize, usize) {
        let start = self.char_index(range.start, encoding);
        let end = self.char_index(range.end, encoding).max(start);
        (start, end)
    }

    /// The char index of an LSP position, clamped into the text.
    pub fn char_index(&self, position: Position, encoding: Encoding) -> usize {
        let rope = &self.rope;
        let line = position.line as usize;
        if line >= rope.len_lines() {
            return rope.len_chars();
        }
        let line_start = rope.line_to_char(line);
        let line_slice = rope.line(line);
        // The line's length without its line break.
        let mut line_len = line_slice.len_chars();
        while line_len > 0 && matches!(line_slice.char(line_len - 1), '\n' | '\r') {
            line_len -= 1;
        }
        let column = position.character as usize;
        let offset_in_line = match encoding {
            Encoding::Utf8 => {
                let bytes = line_slice.slice(..line_len).len_bytes().min(column);
                line_slice.byte_to_char(bytes)
            }
            Encoding::Utf16 => {
                let units = line_slice.slice(..line_len).len_utf16_cu().min(column);
                line_slice.utf16_cu_to_char(units)
            }
        };
        line_start + offset_in_line.min(line_len)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn change(
        range: Option<((u32, u32), (u32, u32))>,
        text: &str,
    ) -> TextDocumentContentChangeEvent {
        TextDocumentContentChangeEvent {
            range: range.map(|((sl, sc), (el, ec))| {
                Range::new(Position::new(sl, sc), Position::new(el, ec))
            }),
            range_length: None,
            text: text.to_owned(),
        }
    }

    #[test]
    fn incremental_edits_in_both_encodings() {
        let mut document = Document::new("[\"😀\", \"é\"]\r\nx", 1);
        // In UTF-16 the emoji takes two units: column 5 is right after `😀"`.
        document.apply(&change(Some(((0, 5), (0, 5))), "!"), Encoding::Utf16);
        assert_eq!(document.text(), "[\"😀\"!, \"é\"]\r\nx");
        // In UTF-8 the emoji takes four bytes: the `!` is at byte 7.
        document.apply(&change(Some(((0, 7), (0, 8))), ""), Encoding::Utf8);
        assert_eq!(document.text(), "[\"😀\", \"é\"]\r\nx");
        // Past the end of a line means the end of that line, before its break.
        document.apply(&change(Some(((0, 99), (0, 99))), "?"), Encoding::Utf16);
        assert_eq!(document.text(), "[\"😀\", \"é\"]?\r\nx");
        // Past the last line means the end of the text.
        document.apply(&change(Some(((9, 0), (9, 0))), "!"), Encoding::Utf8);
        assert_eq!(document.text(), "[\"😀\", \"é\"]?\r\nx!");
        document.apply(&change(None, "new"), Encoding::Utf8);
        assert_eq!(document.text(), "new");
    }

    #[test]
    fn a_lone_cr_breaks_lines_like_lsp() {
        let mut document = Document::new("a\rb", 1);
        document.apply(&change(Some(((1, 0), (1, 1))), "c"), Encoding::Utf8);
        assert_eq!(document.text(), "a\rc");
    }
}
