//! Spanned, error-tolerant parsing of JSON, JSON5 and TOML into one [`Tree`].
//!
//! `parse` never fails and never panics: a broken file gives every value that could be
//! read plus a list of [`SyntaxError`]s. Nothing here knows about Tauri; the only
//! Tauri-flavoured fact is which dialect Tauri's own reader applies to a file, which the
//! caller expresses by choosing the [`SourceFormat`].

mod json;
mod json_lexer;
pub mod literal;
mod toml;
pub mod tree;

pub use tree::{Member, Node, NodeId, NodeKind, Number, NumberValue, StringValue, Tree};

use crate::text::TextRange;

/// The grammar a file is read with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum SourceFormat {
    /// Strict JSON, as `serde_json` reads it.
    Json,
    /// JSON5, as the `json5` crate reads it.
    Json5,
    Toml,
}

impl SourceFormat {
    /// The format for a file extension, if it is one of the three.
    pub fn from_extension(extension: &str) -> Option<SourceFormat> {
        match extension {
            "json" => Some(SourceFormat::Json),
            "json5" => Some(SourceFormat::Json5),
            "toml" => Some(SourceFormat::Toml),
            _ => None,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            SourceFormat::Json => "JSON",
            SourceFormat::Json5 => "JSON5",
            SourceFormat::Toml => "TOML",
        }
    }
}

/// What went wrong at one place of a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxError {
    pub range: TextRange,
    pub message: String,
    pub kind: SyntaxErrorKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SyntaxErrorKind {
    /// The text is not valid in the file's format.
    Syntax,
    /// Valid JSON5 in a `.json` file: our tree has it, but `serde_json` refuses the file.
    NotStrictJson,
}

/// The result of parsing one file.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Parse {
    pub tree: Tree,
    pub errors: Vec<SyntaxError>,
}

/// Parses `text` as `format`.
pub fn parse(text: &str, format: SourceFormat) -> Parse {
    match format {
        SourceFormat::Json => json::parse(text, json_lexer::Dialect::Json),
        SourceFormat::Json5 => json::parse(text, json_lexer::Dialect::Json5),
        SourceFormat::Toml => toml::parse(text),
    }
}

/// Decodes file bytes the way Tauri's `read_to_string` would, without failing.
///
/// Invalid UTF-8 makes Tauri refuse the file; here it is replaced by U+FFFD so the rest
/// stays usable, and the offset of the first bad byte is returned for a diagnostic.
pub fn decode(bytes: &[u8]) -> (String, Option<usize>) {
    match std::str::from_utf8(bytes) {
        Ok(text) => (text.to_owned(), None),
        Err(error) => (
            String::from_utf8_lossy(bytes).into_owned(),
            Some(error.valid_up_to()),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The `json5` crate is what tauri-utils reads `.json5` files with: whatever it
    /// accepts we must parse without syntax errors, and whatever it refuses we must flag.
    #[test]
    fn json5_agrees_with_the_json5_crate() {
        let cases = [
            "{a: 1, 'b': [1, 2,], c: 0x1F, d: .5, e: +1, f: Infinity, g: NaN, h: 'it\\'s',}",
            "// comment\n{ /* block */ \"key\": \"value\" }",
            "{ \"multi\": \"line \\\n continued\" }",
            "{ $dollar_key: true, _under: null }",
            "[1, 2, 3]",
            "{ \"a\": 1 \"b\": 2 }",
            "{ a: 01 }",
            "{ a: [1,,2] }",
            "{ a: 'unterminated }",
            "{ a: 1 } trailing",
            "{ a: 1e }",
            "",
            "{ \"\\u0041\": \"\\x41\" }",
        ];
        for case in cases {
            let ours = parse(case, SourceFormat::Json5);
            let our_ok = ours.errors.is_empty();
            let oracle_ok = json5::from_str::<serde_json::Value>(case).is_ok();
            assert_eq!(our_ok, oracle_ok, "{case:?}: ours {:?}", ours.errors);
            if oracle_ok {
                let expected = json5::from_str::<serde_json::Value>(case).unwrap();
                let got = ours.tree.to_json(ours.tree.root().unwrap());
                // NaN and Infinity have no JSON form; compare the rest.
                if !case.contains("NaN") {
                    assert_eq!(got, expected, "{case:?}");
                }
            }
        }
    }

    #[test]
    fn invalid_utf8_is_replaced_and_located() {
        let (text, offset) = decode(b"{\"a\": \"\xff\"}");
        assert_eq!(offset, Some(7));
        assert!(text.contains('\u{FFFD}'));
        assert_eq!(parse(&text, SourceFormat::Json).errors, Vec::new());
    }
}
