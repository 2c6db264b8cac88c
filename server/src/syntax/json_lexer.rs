//! Tokens of JSON and JSON5.
//!
//! The lexer always reads the JSON5 superset, so a `.json` file written with comments or
//! trailing commas still gives a full tree; for the strict dialect every JSON5-only
//! construct is reported as [`SyntaxErrorKind::NotStrictJson`]. The JSON5 rules follow
//! the grammar of the `json5` 0.4 crate, which is what tauri-utils reads `.json5` with.
//! The lexer never fails: text it cannot read becomes an `Unknown` token.

use super::tree::{Number, NumberValue, StringValue};
use super::{SyntaxError, SyntaxErrorKind};
use crate::text::{TextRange, range};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Dialect {
    Json,
    Json5,
}

#[derive(Debug, Clone, PartialEq)]
pub(super) enum TokenKind {
    LBrace,
    RBrace,
    LBracket,
    RBracket,
    Colon,
    Comma,
    String(StringValue),
    Number(Number),
    /// A bare word: `true`, `false`, `null`, or an unquoted JSON5 key.
    Ident(String),
    /// Text that starts no token.
    Unknown,
    Eof,
}

#[derive(Debug, Clone, PartialEq)]
pub(super) struct Token {
    pub kind: TokenKind,
    pub range: TextRange,
}

pub(super) struct Lexer<'a> {
    text: &'a str,
    pos: usize,
    dialect: Dialect,
    pub errors: Vec<SyntaxError>,
}

impl<'a> Lexer<'a> {
    pub fn new(text: &'a str, dialect: Dialect) -> Lexer<'a> {
        let mut lexer = Lexer {
            text,
            pos: 0,
            dialect,
            errors: Vec::new(),
        };
        if text.starts_with('\u{FEFF}') {
            lexer.not_json(0, 3, "a byte order mark at the start of the file");
            lexer.pos = 3;
        }
        lexer
    }

    pub fn error(&mut self, range: TextRange, message: impl Into<String>) {
        self.errors.push(SyntaxError {
            range,
            message: message.into(),
            kind: SyntaxErrorKind::Syntax,
        });
    }

    /// Records a JSON5-only construct; silent in JSON5 files.
    pub fn not_json(&mut self, start: usize, end: usize, what: &str) {
        if self.dialect == Dialect::Json {
            self.errors.push(SyntaxError {
                range: range(start, end),
                message: format!("{what} is not allowed in strict JSON"),
                kind: SyntaxErrorKind::NotStrictJson,
            });
        }
    }

    fn peek(&self) -> Option<char> {
        self.text.get(self.pos..)?.chars().next()
    }

    fn peek_at(&self, offset: usize) -> Option<char> {
        self.text.get(self.pos + offset..)?.chars().next()
    }

    fn bump(&mut self) -> Option<char> {
        let ch = self.peek()?;
        self.pos += ch.len_utf8();
        Some(ch)
    }

    pub fn next_token(&mut self) -> Token {
        self.skip_trivia();
        let start = self.pos;
        let Some(ch) = self.bump() else {
            return Token {
                kind: TokenKind::Eof,
                range: range(start, start),
            };
        };
        let kind = match ch {
            '{' => TokenKind::LBrace,
            '}' => TokenKind::RBrace,
            '[' => TokenKind::LBracket,
            ']' => TokenKind::RBracket,
            ':' => TokenKind::Colon,
            ',' => TokenKind::Comma,
            '"' | '\'' => self.string(start, ch),
            '+' | '-' | '.' | '0'..='9' => self.number(start),
            ch if is_ident_start(ch) || ch == '\\' => self.ident(start),
            _ => {
                // Swallow the rest of a run of unknown characters as one token.
                while let Some(next) = self.peek() {
                    if next.is_whitespace() || "{}[],:\"'/".contains(next) {
                        break;
                    }
                    self.bump();
                }
                let text = &self.text[start..self.pos];
                self.error(range(start, self.pos), format!("unexpected `{text}`"));
                TokenKind::Unknown
            }
        };
        Token {
            kind,
            range: range(start, self.pos),
        }
    }

    fn skip_trivia(&mut self) {
        loop {
            let Some(ch) = self.peek() else { return };
            match ch {
                ' ' | '\t' | '\n' | '\r' => {
                    self.bump();
                }
                '/' if self.peek_at(1) == Some('/') => {
                    let start = self.pos;
                    while let Some(ch) = self.peek() {
                        if is_line_terminator(ch) {
                            break;
                        }
                        self.bump();
                    }
                    self.not_json(start, self.pos, "a comment");
                }
                '/' if self.peek_at(1) == Some('*') => {
                    let start = self.pos;
                    self.pos += 2;
                    match self.text[self.pos..].find("*/") {
                        Some(end) => {
                            self.pos += end + 2;
                            self.not_json(start, self.pos, "a comment");
                        }
                        None => {
                            self.pos = self.text.len();
                            self.error(range(start, start + 2), "unterminated block comment");
                        }
                    }
                }
                ch if ch.is_whitespace() || ch == '\u{FEFF}' => {
                    let start = self.pos;
                    self.bump();
                    self.not_json(start, self.pos, "this whitespace character");
                }
                _ => return,
            }
        }
    }

    fn string(&mut self, start: usize, quote: char) -> TokenKind {
        if quote == '\'' {
            self.not_json(start, start + 1, "a single-quoted string");
        }
        let mut value = String::new();
        let mut terminated = false;
        loop {
            // Runs of ordinary characters are copied whole: a 20 MB string is read in one
            // pass over its bytes instead of one call per character.
            let plain = self.plain_run(quote);
            if plain > 0 {
                value.push_str(&self.text[self.pos..self.pos + plain]);
                self.pos += plain;
            }
            let Some(ch) = self.peek() else { break };
            if ch == quote {
                self.bump();
                terminated = true;
                break;
            }
            if is_line_terminator(ch) {
                break;
            }
            let ch_start = self.pos;
            self.bump();
            if ch == '\\' {
                self.escape(ch_start, &mut value);
            } else {
                if (ch as u32) < 0x20 && self.dialect == Dialect::Json {
                    self.error(
                        range(ch_start, self.pos),
                        "control characters must be escaped in a JSON string",
                    );
                }
                value.push(ch);
            }
        }
        if !terminated {
            self.error(range(start, self.pos), "unterminated string");
        }
        TokenKind::String(StringValue { value, terminated })
    }

    /// The length in bytes of the characters from here on that need no attention inside a
    /// string: no quote, backslash, control character or line terminator.
    fn plain_run(&self, quote: char) -> usize {
        let bytes = self.text.as_bytes().get(self.pos..).unwrap_or_default();
        let quote = quote as u8;
        bytes
            .iter()
            .position(|&byte| {
                // 0xE2 starts U+2028 and U+2029, which end a JSON5 string line.
                byte == quote || byte == b'\\' || byte < 0x20 || byte == 0xE2
            })
            .unwrap_or(bytes.len())
    }

    fn escape(&mut self, start: usize, value: &mut String) {
        let Some(ch) = self.peek() else {
            self.error(range(start, self.pos), "unterminated escape sequence");
            return;
        };
        if is_line_terminator(ch) {
            // A line continuation: the backslash and the line break vanish.
            self.bump();
            if ch == '\r' && self.peek() == Some('\n') {
                self.bump();
            }
            self.not_json(start, self.pos, "a line continuation");
            return;
        }
        self.bump();
        match ch {
            '"' | '\\' | '/' => value.push(ch),
            'b' => value.push('\u{8}'),
            'f' => value.push('\u{c}'),
            'n' => value.push('\n'),
            'r' => value.push('\r'),
            't' => value.push('\t'),
            'u' => {
                let Some(first) = self.hex_digits(4) else {
                    self.error(range(start, self.pos), "invalid unicode escape");
                    return;
                };
                self.unicode_escape(start, first, value);
            }
            '\'' | 'v' | '0' | 'x' => {
                let decoded = match ch {
                    '\'' => Some('\''),
                    'v' => Some('\u{b}'),
                    '0' => Some('\0'),
                    _ => self.hex_digits(2).and_then(char::from_u32),
                };
                match decoded {
                    Some(decoded) => {
                        if self.dialect == Dialect::Json {
                            self.error(
                                range(start, self.pos),
                                format!("the escape `\\{ch}` is not valid JSON"),
                            );
                        }
                        value.push(decoded);
                    }
                    None => self.error(range(start, self.pos), "invalid hex escape"),
                }
            }
            '1'..='9' => self.error(
                range(start, self.pos),
                format!("the escape `\\{ch}` is not allowed"),
            ),
            other => {
                if self.dialect == Dialect::Json {
                    self.error(
                        range(start, self.pos),
                        format!("the escape `\\{other}` is not valid JSON"),
                    );
                }
                value.push(other);
            }
        }
    }

    /// Decodes a `\u` escape, joining a surrogate pair written as two escapes.
    fn unicode_escape(&mut self, start: usize, first: u32, value: &mut String) {
        if (0xD800..0xDC00).contains(&first) {
            let rest = self.text.get(self.pos..).unwrap_or("");
            if rest.starts_with("\\u") {
                let saved = self.pos;
                self.pos += 2;
                if let Some(second) = self.hex_digits(4)
                    && (0xDC00..0xE000).contains(&second)
                {
                    let code = 0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00);
                    value.push(char::from_u32(code).unwrap_or('\u{FFFD}'));
                    return;
                }
                self.pos = saved;
            }
            self.lone_surrogate(start, value);
        } else if (0xDC00..0xE000).contains(&first) {
            self.lone_surrogate(start, value);
        } else {
            value.push(char::from_u32(first).unwrap_or('\u{FFFD}'));
        }
    }

    fn lone_surrogate(&mut self, start: usize, value: &mut String) {
        if self.dialect == Dialect::Json {
            self.error(
                range(start, self.pos),
                "a lone surrogate escape is not valid in JSON",
            );
        }
        value.push('\u{FFFD}');
    }

    fn hex_digits(&mut self, count: usize) -> Option<u32> {
        let digits = self.text.get(self.pos..self.pos + count)?;
        if !digits.bytes().all(|byte| byte.is_ascii_hexdigit()) {
            return None;
        }
        self.pos += count;
        u32::from_str_radix(digits, 16).ok()
    }

    fn number(&mut self, start: usize) -> TokenKind {
        while let Some(ch) = self.peek() {
            let after_exponent =
                matches!(self.text[start..self.pos].chars().last(), Some('e' | 'E'))
                    && !self.text[start..self.pos].starts_with("0x")
                    && !self.text[start..self.pos].starts_with("0X");
            if ch.is_ascii_alphanumeric()
                || ch == '.'
                || ((ch == '+' || ch == '-') && after_exponent)
            {
                self.bump();
            } else {
                break;
            }
        }
        let text = &self.text[start..self.pos];
        match classify_number(text) {
            Some((value, is_json)) => {
                if !is_json {
                    self.not_json(start, self.pos, &format!("the number `{text}`"));
                }
                TokenKind::Number(Number {
                    text: text.to_owned(),
                    value,
                })
            }
            None => {
                self.error(range(start, self.pos), format!("invalid number `{text}`"));
                TokenKind::Unknown
            }
        }
    }

    fn ident(&mut self, start: usize) -> TokenKind {
        // The first character was already consumed; an escape starts with `\`.
        let mut name = String::new();
        self.pos = start;
        while let Some(ch) = self.peek() {
            if ch == '\\' {
                let escape_start = self.pos;
                self.bump();
                if self.peek() == Some('u') {
                    self.bump();
                    if let Some(code) = self.hex_digits(4) {
                        name.push(char::from_u32(code).unwrap_or('\u{FFFD}'));
                        continue;
                    }
                }
                self.error(range(escape_start, self.pos), "invalid escape in a name");
                continue;
            }
            if is_ident_part(ch) {
                name.push(ch);
                self.bump();
            } else {
                break;
            }
        }
        TokenKind::Ident(name)
    }
}

fn is_line_terminator(ch: char) -> bool {
    matches!(ch, '\n' | '\r' | '\u{2028}' | '\u{2029}')
}

fn is_ident_start(ch: char) -> bool {
    ch.is_alphabetic() || ch == '$' || ch == '_'
}

fn is_ident_part(ch: char) -> bool {
    ch.is_alphanumeric() || ch == '$' || ch == '_' || ch == '\u{200C}' || ch == '\u{200D}'
}

/// Reads a number the way JSON5 does, and says whether it is also valid JSON.
fn classify_number(text: &str) -> Option<(NumberValue, bool)> {
    let (sign, body) = match text.as_bytes().first() {
        Some(b'-') => (-1.0, &text[1..]),
        Some(b'+') => (1.0, &text[1..]),
        _ => (1.0, text),
    };
    let plus = text.starts_with('+');
    if body == "Infinity" {
        return Some((NumberValue::Float(sign * f64::INFINITY), false));
    }
    if body == "NaN" {
        return Some((NumberValue::Float(f64::NAN), false));
    }
    if let Some(hex) = body.strip_prefix("0x").or_else(|| body.strip_prefix("0X")) {
        if hex.is_empty() || !hex.bytes().all(|byte| byte.is_ascii_hexdigit()) {
            return None;
        }
        let value = i64::from_str_radix(hex, 16)
            .map(|value| if sign < 0.0 { -value } else { value })
            .map(NumberValue::Int)
            .unwrap_or_else(|_| NumberValue::Float(sign * u128_value(hex)));
        return Some((value, false));
    }
    let bytes = body.as_bytes();
    let mut index = 0;
    let int_start = index;
    while index < bytes.len() && bytes[index].is_ascii_digit() {
        index += 1;
    }
    let int_digits = index - int_start;
    if int_digits > 1 && bytes[int_start] == b'0' {
        return None;
    }
    let mut frac_digits = None;
    if index < bytes.len() && bytes[index] == b'.' {
        index += 1;
        let frac_start = index;
        while index < bytes.len() && bytes[index].is_ascii_digit() {
            index += 1;
        }
        frac_digits = Some(index - frac_start);
    }
    if int_digits == 0 && frac_digits.unwrap_or(0) == 0 {
        return None;
    }
    let mut has_exponent = false;
    if index < bytes.len() && (bytes[index] == b'e' || bytes[index] == b'E') {
        has_exponent = true;
        index += 1;
        if index < bytes.len() && (bytes[index] == b'+' || bytes[index] == b'-') {
            index += 1;
        }
        let exp_start = index;
        while index < bytes.len() && bytes[index].is_ascii_digit() {
            index += 1;
        }
        if index == exp_start {
            return None;
        }
    }
    if index != bytes.len() {
        return None;
    }
    let is_json = !plus && int_digits > 0 && frac_digits != Some(0);
    let value = if frac_digits.is_none() && !has_exponent {
        text.trim_start_matches('+')
            .parse::<i64>()
            .map(NumberValue::Int)
            .unwrap_or_else(|_| {
                NumberValue::Float(text.trim_start_matches('+').parse().unwrap_or(0.0))
            })
    } else {
        NumberValue::Float(text.trim_start_matches('+').parse().unwrap_or(0.0))
    };
    Some((value, is_json))
}

fn u128_value(hex: &str) -> f64 {
    hex.bytes().fold(0.0, |acc, byte| {
        acc * 16.0 + f64::from((byte as char).to_digit(16).unwrap_or(0))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_json_and_json5() {
        assert_eq!(classify_number("12"), Some((NumberValue::Int(12), true)));
        assert_eq!(
            classify_number("-1.5e3"),
            Some((NumberValue::Float(-1500.0), true))
        );
        assert_eq!(classify_number("0x1F"), Some((NumberValue::Int(31), false)));
        assert_eq!(classify_number("+1"), Some((NumberValue::Int(1), false)));
        assert_eq!(
            classify_number(".5"),
            Some((NumberValue::Float(0.5), false))
        );
        assert_eq!(
            classify_number("5."),
            Some((NumberValue::Float(5.0), false))
        );
        assert_eq!(classify_number("01"), None);
        assert_eq!(classify_number("1e"), None);
        assert_eq!(classify_number("-"), None);
        assert!(
            matches!(classify_number("-Infinity"), Some((NumberValue::Float(v), false)) if v == f64::NEG_INFINITY)
        );
    }
}
