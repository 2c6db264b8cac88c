//! Byte offsets and line/column conversion.
//!
//! Every range in the crate is a UTF-8 byte range ([`TextRange`]). Lines break at `\n`,
//! `\r\n` and a lone `\r`, the same three breaks the Language Server Protocol counts, so a
//! position computed here agrees with the one an editor shows. Columns are counted in
//! UTF-8 bytes or UTF-16 code units depending on [`Encoding`]. Nothing here panics on
//! an out-of-range input: positions are clamped to the nearest valid offset.

pub use text_size::{TextRange, TextSize};

/// How columns are counted in a line/column pair.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf16,
}

/// A zero-based line and column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct LineCol {
    pub line: u32,
    pub col: u32,
}

/// The start offset of every line of one text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineIndex {
    line_starts: Vec<TextSize>,
    len: TextSize,
}

impl LineIndex {
    pub fn new(text: &str) -> LineIndex {
        let bytes = text.as_bytes();
        let mut line_starts = vec![TextSize::from(0)];
        let mut index = 0;
        while index < bytes.len() {
            match bytes[index] {
                b'\n' => line_starts.push(to_size(index + 1)),
                b'\r' => {
                    if bytes.get(index + 1) == Some(&b'\n') {
                        index += 1;
                    }
                    line_starts.push(to_size(index + 1));
                }
                _ => {}
            }
            index += 1;
        }
        LineIndex {
            line_starts,
            len: to_size(text.len()),
        }
    }

    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }

    /// The offset where `line` starts, or the end of the text past the last line.
    pub fn line_start(&self, line: u32) -> TextSize {
        self.line_starts
            .get(line as usize)
            .copied()
            .unwrap_or(self.len)
    }

    /// The line holding `offset` and the column in bytes from that line's start.
    pub fn line_col(&self, offset: TextSize) -> LineCol {
        let offset = offset.min(self.len);
        let line = self
            .line_starts
            .partition_point(|start| *start <= offset)
            .saturating_sub(1);
        LineCol {
            line: line as u32,
            col: u32::from(offset - self.line_starts[line]),
        }
    }

    /// Converts `offset` to a line and a column counted in `encoding`.
    pub fn position(&self, text: &str, offset: TextSize, encoding: Encoding) -> LineCol {
        let LineCol { line, col } = self.line_col(offset);
        match encoding {
            Encoding::Utf8 => LineCol { line, col },
            Encoding::Utf16 => {
                let start = usize::from(self.line_start(line));
                let end = floor_char_boundary(text, start + col as usize);
                let prefix = text.get(start..end).unwrap_or("");
                LineCol {
                    line,
                    col: prefix.encode_utf16().count() as u32,
                }
            }
        }
    }

    /// Converts a line and a column counted in `encoding` to an offset.
    ///
    /// A line past the end gives the end of the text; a column past the end of its line
    /// gives the end of that line (before its line break); a column inside a character
    /// gives that character's start.
    pub fn offset(&self, text: &str, position: LineCol, encoding: Encoding) -> TextSize {
        if position.line as usize >= self.line_starts.len() {
            return self.len;
        }
        let start = usize::from(self.line_start(position.line));
        let line_end = self.line_content_end(text, position.line);
        let line_text = text.get(start..line_end).unwrap_or("");
        let byte_col = match encoding {
            Encoding::Utf8 => floor_char_boundary(line_text, position.col as usize),
            Encoding::Utf16 => {
                let mut units = 0u32;
                let mut bytes = line_text.len();
                for (byte_index, ch) in line_text.char_indices() {
                    if units >= position.col {
                        bytes = byte_index;
                        break;
                    }
                    units += ch.len_utf16() as u32;
                    if units > position.col {
                        bytes = byte_index;
                        break;
                    }
                }
                bytes
            }
        };
        to_size(start + byte_col)
    }

    /// The offset of the end of `line`'s content, before its line break.
    fn line_content_end(&self, text: &str, line: u32) -> usize {
        let next = usize::from(self.line_start(line + 1));
        let start = usize::from(self.line_start(line));
        let slice = text.get(start..next).unwrap_or("");
        let trimmed = slice
            .strip_suffix("\r\n")
            .or_else(|| slice.strip_suffix('\n'))
            .or_else(|| slice.strip_suffix('\r'))
            .unwrap_or(slice);
        start + trimmed.len()
    }
}

/// The largest char boundary of `text` at or before `index`.
pub fn floor_char_boundary(text: &str, index: usize) -> usize {
    if index >= text.len() {
        return text.len();
    }
    let mut index = index;
    while !text.is_char_boundary(index) {
        index -= 1;
    }
    index
}

/// Converts a `usize` length to a [`TextSize`], saturating at `u32::MAX`.
///
/// Files over 4 GiB are refused before parsing, so saturation never happens in practice.
pub fn to_size(value: usize) -> TextSize {
    TextSize::from(u32::try_from(value).unwrap_or(u32::MAX))
}

/// The text of `range`, or `""` when the range is not on char boundaries of `text`.
pub fn slice(text: &str, range: TextRange) -> &str {
    text.get(usize::from(range.start())..usize::from(range.end()))
        .unwrap_or("")
}

/// A range from two `usize` offsets.
pub fn range(start: usize, end: usize) -> TextRange {
    TextRange::new(to_size(start), to_size(end.max(start)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn breaks_at_lf_crlf_and_lone_cr() {
        let text = "a\nb\r\nc\rd";
        let index = LineIndex::new(text);
        assert_eq!(index.line_count(), 4);
        assert_eq!(index.line_col(to_size(7)), LineCol { line: 3, col: 0 });
        assert_eq!(index.line_col(to_size(5)), LineCol { line: 2, col: 0 });
    }

    #[test]
    fn utf16_columns_count_surrogate_pairs() {
        let text = "x = \"😀é\" y";
        let index = LineIndex::new(text);
        let y = to_size(text.find('y').unwrap());
        let position = index.position(text, y, Encoding::Utf16);
        assert_eq!(position, LineCol { line: 0, col: 10 });
        assert_eq!(index.offset(text, position, Encoding::Utf16), y);
        // A column inside the surrogate pair snaps to the start of the emoji.
        let inside = index.offset(text, LineCol { line: 0, col: 6 }, Encoding::Utf16);
        assert_eq!(usize::from(inside), text.find('😀').unwrap());
    }

    #[test]
    fn positions_past_the_end_are_clamped() {
        let text = "ab\r\ncd";
        let index = LineIndex::new(text);
        assert_eq!(
            index.offset(text, LineCol { line: 0, col: 99 }, Encoding::Utf8),
            to_size(2)
        );
        assert_eq!(
            index.offset(text, LineCol { line: 9, col: 0 }, Encoding::Utf16),
            to_size(6)
        );
        assert_eq!(index.line_col(to_size(99)), LineCol { line: 1, col: 2 });
    }
}
