//! Error-tolerant JSON and JSON5 parser.
//!
//! Written here rather than taken from `jsonc-parser`, whose parser stops at the first
//! error and recurses once per nesting level: we need every value of a half-typed file,
//! and 100,000 nested `[` must not overflow the stack. The parser keeps its own stack of
//! open containers, so depth costs heap, not stack. Recovery rules, in short: a missing
//! `,` or `:` is reported and assumed; a missing value becomes an `Error` node; a closing
//! bracket of the wrong kind closes up to the matching container if there is one; what
//! cannot be placed is reported and skipped; containers left open at the end of the text
//! are closed there.
//!
//! For strict JSON the final word belongs to `serde_json`, the reader Tauri uses for
//! `.json` files: when our lexer saw nothing wrong but `serde_json` still refuses the text
//! (its nesting limit, say), its error is reported too.

use super::json_lexer::{Dialect, Lexer, Token, TokenKind};
use super::tree::{Member, NodeId, NodeKind, Number, NumberValue, Tree};
use super::{Parse, SyntaxError, SyntaxErrorKind};
use crate::text::{LineCol, LineIndex, TextRange, TextSize, range};

enum Container {
    Object {
        id: NodeId,
        start: TextSize,
        members: Vec<Member>,
        state: ObjectState,
        /// The key read last, waiting for its value.
        key: Option<(String, TextRange)>,
        /// The range of the last comma, to report it if it turns out to be trailing.
        comma: Option<TextRange>,
    },
    Array {
        id: NodeId,
        start: TextSize,
        items: Vec<NodeId>,
        state: ArrayState,
        comma: Option<TextRange>,
    },
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum ObjectState {
    Key,
    Colon,
    Value,
    CommaOrEnd,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum ArrayState {
    Value,
    CommaOrEnd,
}

struct Parser<'a> {
    lexer: Lexer<'a>,
    tree: Tree,
    stack: Vec<Container>,
    root_done: bool,
    trailing_reported: bool,
}

pub(super) fn parse(text: &str, dialect: Dialect) -> Parse {
    let mut parser = Parser {
        lexer: Lexer::new(text, dialect),
        tree: Tree::default(),
        stack: Vec::new(),
        root_done: false,
        trailing_reported: false,
    };
    parser.run();
    let Parser {
        lexer, mut tree, ..
    } = parser;
    let mut errors = lexer.errors;
    if tree.root().is_none()
        && errors
            .iter()
            .all(|error| error.kind != SyntaxErrorKind::Syntax)
    {
        errors.push(SyntaxError {
            range: range(text.len(), text.len()),
            message: "expected a value, found the end of the file".to_owned(),
            kind: SyntaxErrorKind::Syntax,
        });
    }
    if tree.root().is_none() {
        let root = tree.alloc(NodeKind::Error, range(0, text.len()));
        tree.set_root(root);
    }
    if dialect == Dialect::Json
        && errors.is_empty()
        && let Err(error) = serde_json::from_str::<serde_json::Value>(text)
    {
        let index = LineIndex::new(text);
        let offset = index.offset(
            text,
            LineCol {
                line: (error.line() as u32).saturating_sub(1),
                col: (error.column() as u32).saturating_sub(1),
            },
            crate::text::Encoding::Utf8,
        );
        let message = error.to_string();
        let message = message
            .split(" at line ")
            .next()
            .unwrap_or(&message)
            .to_owned();
        errors.push(SyntaxError {
            range: TextRange::empty(offset),
            message,
            kind: SyntaxErrorKind::Syntax,
        });
    }
    errors.sort_by_key(|error| (error.range.start(), error.range.end()));
    Parse { tree, errors }
}

impl Parser<'_> {
    fn run(&mut self) {
        loop {
            let token = self.lexer.next_token();
            if token.kind == TokenKind::Eof {
                self.finish(token.range.start());
                return;
            }
            self.token(token);
        }
    }

    fn finish(&mut self, end: TextSize) {
        if let Some(container) = self.stack.last() {
            let start = match container {
                Container::Object { start, .. } | Container::Array { start, .. } => *start,
            };
            let (open, close) = match container {
                Container::Object { .. } => ("{", "}"),
                Container::Array { .. } => ("[", "]"),
            };
            self.lexer.error(
                TextRange::new(start, start + TextSize::from(1)),
                format!("`{open}` is never closed: expected `{close}`"),
            );
        }
        if let Some(Container::Object {
            key: Some(_),
            state: ObjectState::Colon | ObjectState::Value,
            ..
        }) = self.stack.last()
        {
            let error = self.tree.alloc(NodeKind::Error, TextRange::empty(end));
            self.attach_to_object(error);
        }
        while !self.stack.is_empty() {
            self.close(end);
        }
    }

    fn token(&mut self, token: Token) {
        if token.kind == TokenKind::Unknown {
            // The lexer has reported it; only a value slot remembers that something was there.
            let error = self.tree.alloc(NodeKind::Error, token.range);
            match self.stack.last() {
                Some(Container::Object {
                    state: ObjectState::Value | ObjectState::Colon,
                    ..
                }) => self.attach_to_object(error),
                Some(Container::Array {
                    state: ArrayState::Value,
                    ..
                }) => self.attach_to_array(error),
                _ => {}
            }
            return;
        }
        match self.stack.last_mut() {
            None => self.top_level(token),
            Some(Container::Object { state, .. }) => {
                let state = *state;
                self.in_object(state, token);
            }
            Some(Container::Array { state, .. }) => {
                let state = *state;
                self.in_array(state, token);
            }
        }
    }

    fn top_level(&mut self, token: Token) {
        if self.root_done {
            if !self.trailing_reported {
                self.trailing_reported = true;
                self.lexer
                    .error(token.range, "unexpected text after the end of the value");
            }
            return;
        }
        match token.kind {
            TokenKind::RBrace | TokenKind::RBracket | TokenKind::Colon | TokenKind::Comma => {
                self.lexer.error(token.range, "expected a value");
            }
            _ => {
                if let Some(value) = self.value(token) {
                    self.tree.set_root(value);
                    self.root_done = true;
                }
            }
        }
    }

    fn in_object(&mut self, state: ObjectState, token: Token) {
        match (state, &token.kind) {
            (_, TokenKind::RBrace) => {
                match state {
                    ObjectState::Colon | ObjectState::Value => {
                        self.lexer.error(
                            TextRange::empty(token.range.start()),
                            "expected a value before `}`",
                        );
                        let error = self
                            .tree
                            .alloc(NodeKind::Error, TextRange::empty(token.range.start()));
                        self.attach_to_object(error);
                    }
                    ObjectState::Key => self.trailing_comma(),
                    ObjectState::CommaOrEnd => {}
                }
                self.close(token.range.end());
            }
            (_, TokenKind::RBracket) => self.mismatched_close(token, false),
            (ObjectState::Key, TokenKind::String(_) | TokenKind::Ident(_)) => self.key(token),
            (ObjectState::Key, TokenKind::Comma) => {
                self.lexer.error(token.range, "expected a property name");
            }
            (ObjectState::Key, _) => {
                self.lexer.error(token.range, "expected a property name");
                self.skip_value(token);
            }
            (ObjectState::Colon, TokenKind::Colon) => self.set_object_state(ObjectState::Value),
            (ObjectState::Colon, TokenKind::Comma) => {
                self.lexer.error(
                    TextRange::empty(token.range.start()),
                    "expected `:` and a value",
                );
                let error = self
                    .tree
                    .alloc(NodeKind::Error, TextRange::empty(token.range.start()));
                self.attach_to_object(error);
                self.after_comma(token.range);
            }
            (ObjectState::Colon, _) => {
                self.lexer
                    .error(TextRange::empty(token.range.start()), "expected `:`");
                self.set_object_state(ObjectState::Value);
                self.in_object(ObjectState::Value, token);
            }
            (ObjectState::Value, TokenKind::Comma | TokenKind::Colon) => {
                self.lexer
                    .error(TextRange::empty(token.range.start()), "expected a value");
                if token.kind == TokenKind::Comma {
                    let error = self
                        .tree
                        .alloc(NodeKind::Error, TextRange::empty(token.range.start()));
                    self.attach_to_object(error);
                    self.after_comma(token.range);
                }
            }
            (ObjectState::Value, _) => {
                if let Some(value) = self.value(token) {
                    self.attach_to_object(value);
                }
            }
            (ObjectState::CommaOrEnd, TokenKind::Comma) => self.after_comma(token.range),
            (ObjectState::CommaOrEnd, TokenKind::String(_) | TokenKind::Ident(_)) => {
                self.lexer
                    .error(TextRange::empty(token.range.start()), "expected `,`");
                self.key(token);
            }
            (ObjectState::CommaOrEnd, _) => {
                self.lexer.error(token.range, "expected `,` or `}`");
                self.skip_value(token);
            }
        }
    }

    fn in_array(&mut self, state: ArrayState, token: Token) {
        match (state, &token.kind) {
            (_, TokenKind::RBracket) => {
                if state == ArrayState::Value {
                    self.trailing_comma();
                }
                self.close(token.range.end());
            }
            (_, TokenKind::RBrace) => self.mismatched_close(token, true),
            (ArrayState::Value, TokenKind::Comma | TokenKind::Colon) => {
                self.lexer.error(token.range, "expected a value");
            }
            (ArrayState::Value, _) => {
                if let Some(value) = self.value(token) {
                    self.attach_to_array(value);
                }
            }
            (ArrayState::CommaOrEnd, TokenKind::Comma) => {
                if let Some(Container::Array { state, comma, .. }) = self.stack.last_mut() {
                    *state = ArrayState::Value;
                    *comma = Some(token.range);
                }
            }
            (ArrayState::CommaOrEnd, TokenKind::Colon) => {
                self.lexer.error(token.range, "expected `,` or `]`");
            }
            (ArrayState::CommaOrEnd, _) => {
                self.lexer
                    .error(TextRange::empty(token.range.start()), "expected `,`");
                if let Some(value) = self.value(token) {
                    self.attach_to_array(value);
                }
            }
        }
    }

    /// Reads a value starting with `token`: a scalar is returned, a container is pushed
    /// on the stack and attached to its parent when it closes.
    fn value(&mut self, token: Token) -> Option<NodeId> {
        let kind = match token.kind {
            TokenKind::LBrace => {
                let id = self.tree.alloc(NodeKind::Object(Vec::new()), token.range);
                self.stack.push(Container::Object {
                    id,
                    start: token.range.start(),
                    members: Vec::new(),
                    state: ObjectState::Key,
                    key: None,
                    comma: None,
                });
                return None;
            }
            TokenKind::LBracket => {
                let id = self.tree.alloc(NodeKind::Array(Vec::new()), token.range);
                self.stack.push(Container::Array {
                    id,
                    start: token.range.start(),
                    items: Vec::new(),
                    state: ArrayState::Value,
                    comma: None,
                });
                return None;
            }
            TokenKind::String(value) => NodeKind::String(value),
            TokenKind::Number(number) => NodeKind::Number(number),
            TokenKind::Ident(word) => match word.as_str() {
                "true" => NodeKind::Bool(true),
                "false" => NodeKind::Bool(false),
                "null" => NodeKind::Null,
                "Infinity" | "NaN" => {
                    let start = usize::from(token.range.start());
                    let end = usize::from(token.range.end());
                    self.lexer
                        .not_json(start, end, &format!("the number `{word}`"));
                    let value = if word == "NaN" {
                        f64::NAN
                    } else {
                        f64::INFINITY
                    };
                    NodeKind::Number(Number {
                        text: word,
                        value: NumberValue::Float(value),
                    })
                }
                _ => {
                    self.lexer.error(
                        token.range,
                        format!("expected a value, found `{word}` (strings need quotes)"),
                    );
                    NodeKind::Error
                }
            },
            TokenKind::Unknown => NodeKind::Error,
            TokenKind::RBrace
            | TokenKind::RBracket
            | TokenKind::Colon
            | TokenKind::Comma
            | TokenKind::Eof => return None,
        };
        Some(self.tree.alloc(kind, token.range))
    }

    /// Reads and drops a value that has no place, keeping the nesting consistent.
    fn skip_value(&mut self, token: Token) {
        let is_container = matches!(token.kind, TokenKind::LBrace | TokenKind::LBracket);
        if is_container {
            // Parse it as the value of an anonymous key, which is dropped on close.
            self.value(token);
        }
    }

    fn key(&mut self, token: Token) {
        let key = match token.kind {
            TokenKind::String(string) => string.value,
            TokenKind::Ident(word) => {
                let start = usize::from(token.range.start());
                let end = usize::from(token.range.end());
                self.lexer.not_json(start, end, "an unquoted property name");
                word
            }
            _ => return,
        };
        if let Some(Container::Object {
            key: slot, state, ..
        }) = self.stack.last_mut()
        {
            *slot = Some((key, token.range));
            *state = ObjectState::Colon;
        }
    }

    fn set_object_state(&mut self, new_state: ObjectState) {
        if let Some(Container::Object { state, .. }) = self.stack.last_mut() {
            *state = new_state;
        }
    }

    fn after_comma(&mut self, comma_range: TextRange) {
        if let Some(Container::Object { state, comma, .. }) = self.stack.last_mut() {
            *state = ObjectState::Key;
            *comma = Some(comma_range);
        }
    }

    fn trailing_comma(&mut self) {
        let comma = match self.stack.last() {
            Some(Container::Object { comma, .. } | Container::Array { comma, .. }) => *comma,
            None => None,
        };
        let empty = match self.stack.last() {
            Some(Container::Object { members, .. }) => members.is_empty(),
            Some(Container::Array { items, .. }) => items.is_empty(),
            None => true,
        };
        if let Some(comma) = comma
            && !empty
        {
            self.lexer.not_json(
                usize::from(comma.start()),
                usize::from(comma.end()),
                "a trailing comma",
            );
        }
    }

    fn attach_to_object(&mut self, value: NodeId) {
        if let Some(Container::Object {
            members,
            state,
            key,
            ..
        }) = self.stack.last_mut()
        {
            if let Some((key, key_range)) = key.take() {
                members.push(Member {
                    key,
                    key_range,
                    value,
                });
            }
            *state = ObjectState::CommaOrEnd;
        }
    }

    fn attach_to_array(&mut self, value: NodeId) {
        if let Some(Container::Array { items, state, .. }) = self.stack.last_mut() {
            items.push(value);
            *state = ArrayState::CommaOrEnd;
        }
    }

    /// Closes the innermost container at `end` and hands it to its parent.
    fn close(&mut self, end: TextSize) {
        let Some(container) = self.stack.pop() else {
            return;
        };
        let (id, start, kind) = match container {
            Container::Object {
                id, start, members, ..
            } => (id, start, NodeKind::Object(members)),
            Container::Array {
                id, start, items, ..
            } => (id, start, NodeKind::Array(items)),
        };
        let node = self.tree.node_mut(id);
        node.kind = kind;
        node.range = TextRange::new(start, end.max(start));
        match self.stack.last() {
            None => {
                if !self.root_done {
                    self.tree.set_root(id);
                    self.root_done = true;
                }
            }
            Some(Container::Object {
                state: ObjectState::Value,
                ..
            }) => self.attach_to_object(id),
            Some(Container::Array {
                state: ArrayState::Value | ArrayState::CommaOrEnd,
                ..
            }) => self.attach_to_array(id),
            // A container that sat where a key was expected is dropped.
            Some(Container::Object { .. }) => {}
        }
    }

    /// Handles `]` inside an object or `}` inside an array.
    fn mismatched_close(&mut self, token: Token, closes_object: bool) {
        let has_match = self.stack.iter().any(|container| {
            matches!(
                (container, closes_object),
                (Container::Object { .. }, true) | (Container::Array { .. }, false)
            )
        });
        let (expected, found) = match self.stack.last() {
            Some(Container::Object { .. }) => ("}", if closes_object { "}" } else { "]" }),
            _ => ("]", if closes_object { "}" } else { "]" }),
        };
        self.lexer.error(
            token.range,
            format!("expected `{expected}`, found `{found}`"),
        );
        if has_match {
            loop {
                let is_target = matches!(
                    (self.stack.last(), closes_object),
                    (Some(Container::Object { .. }), true) | (Some(Container::Array { .. }), false)
                );
                if let Some(Container::Object {
                    key: Some(_),
                    state: ObjectState::Colon | ObjectState::Value,
                    ..
                }) = self.stack.last()
                {
                    let error = self
                        .tree
                        .alloc(NodeKind::Error, TextRange::empty(token.range.start()));
                    self.attach_to_object(error);
                }
                if is_target {
                    self.close(token.range.end());
                    break;
                }
                self.close(token.range.start());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::syntax::{SourceFormat, parse};

    /// Renders a parse as an indented outline plus its errors, for snapshots.
    fn render(text: &str, format: SourceFormat) -> String {
        let parse = parse(text, format);
        let mut out = String::new();
        crate::syntax::tree::render_outline(&parse.tree, &mut out);
        for error in &parse.errors {
            out.push_str(&format!(
                "{:?} {:?}: {}\n",
                error.kind, error.range, error.message
            ));
        }
        out
    }

    #[test]
    fn strict_json_is_clean() {
        insta::assert_snapshot!(render(r#"{"a": [1, "x", true, null], "b": {}}"#, SourceFormat::Json), @r#"
        object 0..36
          "a" 1..4: array 6..26
            number 7..8 1
            string 10..13 "x"
            bool 15..19 true
            null 21..25
          "b" 28..31: object 33..35
        "#);
    }

    #[test]
    fn json5_in_a_json_file_is_reported_but_parsed() {
        insta::assert_snapshot!(render("// c\n{a: 'x', b: 0x10,}", SourceFormat::Json), @r#"
        object 5..23
          "a" 6..7: string 9..12 "x"
          "b" 14..15: number 17..21 0x10
        NotStrictJson 0..4: a comment is not allowed in strict JSON
        NotStrictJson 6..7: an unquoted property name is not allowed in strict JSON
        NotStrictJson 9..10: a single-quoted string is not allowed in strict JSON
        NotStrictJson 14..15: an unquoted property name is not allowed in strict JSON
        NotStrictJson 17..21: the number `0x10` is not allowed in strict JSON
        NotStrictJson 21..22: a trailing comma is not allowed in strict JSON
        "#);
        insta::assert_snapshot!(render("// c\n{a: 'x', b: 0x10,}", SourceFormat::Json5), @r#"
        object 5..23
          "a" 6..7: string 9..12 "x"
          "b" 14..15: number 17..21 0x10
        "#);
    }

    #[test]
    fn half_typed_string_in_an_array() {
        insta::assert_snapshot!(render("{\"permissions\": [\"fs:allow-re\n", SourceFormat::Json), @r#"
        object 0..30
          "permissions" 1..14: array 16..30
            string 17..29 "fs:allow-re" (unterminated)
        Syntax 16..17: `[` is never closed: expected `]`
        Syntax 17..29: unterminated string
        "#);
    }

    #[test]
    fn missing_commas_colons_and_values_are_recovered() {
        insta::assert_snapshot!(render(r#"{"a" 1 "b": , "c": [1 2,], "d": }"#, SourceFormat::Json5), @r#"
        object 0..33
          "a" 1..4: number 5..6 1
          "b" 7..10: error 12..12
          "c" 14..17: array 19..25
            number 20..21 1
            number 22..23 2
          "d" 27..30: error 32..32
        Syntax 5..5: expected `:`
        Syntax 7..7: expected `,`
        Syntax 12..12: expected a value
        Syntax 22..22: expected `,`
        Syntax 32..32: expected a value before `}`
        "#);
    }

    #[test]
    fn mismatched_brackets_close_the_right_container() {
        insta::assert_snapshot!(render(r#"{"a": [1, {"b": 2]}"#, SourceFormat::Json), @r#"
        object 0..19
          "a" 1..4: array 6..18
            number 7..8 1
            object 10..17
              "b" 11..14: number 16..17 2
        Syntax 17..18: expected `}`, found `]`
        "#);
    }

    #[test]
    fn empty_and_garbage_files() {
        insta::assert_snapshot!(render("", SourceFormat::Json), @r"
        error 0..0
        Syntax 0..0: expected a value, found the end of the file
        ");
        insta::assert_snapshot!(render("@@ {} x", SourceFormat::Json5), @r"
        object 3..5
        Syntax 0..2: unexpected `@@`
        Syntax 6..7: unexpected text after the end of the value
        ");
    }

    #[test]
    fn deep_nesting_does_not_overflow() {
        let text = "[".repeat(100_000);
        let open = parse(&text, SourceFormat::Json);
        assert_eq!(open.tree.len(), 100_000);
        assert_eq!(open.errors.len(), 1);
        let closed_text = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
        let closed = parse(&closed_text, SourceFormat::Json);
        // serde_json stops at its nesting limit, and so would Tauri.
        assert_eq!(closed.errors.len(), 1);
        assert!(
            closed.errors[0].message.contains("recursion limit"),
            "{:?}",
            closed.errors
        );
        assert!(closed.tree.to_json(closed.tree.root().unwrap()).is_array());
    }

    #[test]
    fn escapes_and_surrogates() {
        let parse = parse(r#"["\ud83d\ude00\u00e9\n", "\ud800"]"#, SourceFormat::Json);
        let root = parse.tree.root().unwrap();
        let items = parse.tree.array(root).unwrap();
        assert_eq!(parse.tree.string(items[0]), Some("😀é\n"));
        assert_eq!(parse.errors.len(), 1, "{:?}", parse.errors);
        assert!(parse.errors[0].message.contains("lone surrogate"));
    }
}
