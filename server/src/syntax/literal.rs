//! Where a string literal's text lies between its quotes.
//!
//! The lexers keep each literal's raw range, quotes included; features that select or
//! replace the text itself (rename, semantic tokens, document links) need the range
//! inside. One helper, so every feature agrees on what a quote is: `"`, `'`, and TOML's
//! `"""` and `'''`.

use crate::text::{TextRange, TextSize, slice, to_size};

/// The width of the quote `raw` opens with (0 for a bare word), and whether the same
/// quote closes it.
fn quotes(raw: &str) -> (usize, bool) {
    let Some(quote) = ["\"\"\"", "'''", "\"", "'"]
        .into_iter()
        .find(|quote| raw.starts_with(quote))
    else {
        return (0, false);
    };
    let closed = raw.len() >= 2 * quote.len() && raw.ends_with(quote);
    (quote.len(), closed)
}

/// The range between the quotes of the literal at `range` (the whole range for a bare
/// word or a literal that is not closed by its opening quote).
pub fn content_range(text: &str, range: TextRange) -> TextRange {
    match quotes(slice(text, range)) {
        (width, true) => {
            let width = TextSize::from(width as u32);
            TextRange::new(range.start() + width, range.end() - width)
        }
        _ => range,
    }
}

/// The range between the quotes of the literal at `range`, when its text there is
/// exactly `value` on one line (no escapes, no line break); `None` otherwise. An
/// unclosed literal runs to its end.
pub fn exact_content(text: &str, range: TextRange, value: &str) -> Option<TextRange> {
    let raw = slice(text, range);
    let (width, closed) = quotes(raw);
    let inner = &raw[width..];
    let inner = if closed {
        &inner[..inner.len() - width]
    } else {
        inner
    };
    if inner != value || inner.contains(['\n', '\r']) {
        return None;
    }
    Some(TextRange::at(
        range.start() + to_size(width),
        to_size(inner.len()),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn range(text: &str) -> TextRange {
        TextRange::new(TextSize::from(0), to_size(text.len()))
    }

    fn inner(text: &str) -> &str {
        slice(text, content_range(text, range(text)))
    }

    #[test]
    fn content_range_strips_matching_quotes_only() {
        assert_eq!(inner(r#""fs:default""#), "fs:default");
        assert_eq!(inner("'a'"), "a");
        assert_eq!(inner(r#""""a""""#), "a");
        assert_eq!(inner("bare"), "bare");
        assert_eq!(inner(r#""unclosed"#), r#""unclosed"#);
        assert_eq!(inner(r#""""#), "");
    }

    #[test]
    fn exact_content_needs_the_value_on_one_line() {
        let text = r#""fs:default""#;
        let found = exact_content(text, range(text), "fs:default").expect("equal");
        assert_eq!(slice(text, found), "fs:default");
        assert_eq!(exact_content(text, range(text), "fs:other"), None);
        let escaped = r#""a\u0062""#;
        assert_eq!(exact_content(escaped, range(escaped), "ab"), None);
        let multi = "\"\"\"a\nb\"\"\"";
        assert_eq!(exact_content(multi, range(multi), "a\nb"), None);
        let unclosed = r#""abc"#;
        let found = exact_content(unclosed, range(unclosed), "abc").expect("runs to the end");
        assert_eq!(slice(unclosed, found), "abc");
    }
}
