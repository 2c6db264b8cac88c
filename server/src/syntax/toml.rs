//! TOML through `toml::de::DeTable::parse_recoverable`, converted to our [`Tree`].
//!
//! The `toml` crate is the reader tauri-utils uses, so what it refuses Tauri refuses. Its
//! recoverable parser gives a spanned table plus every error; it bounds its own nesting.
//! Tables opened by a header (`[[permission]]`) only carry the header's span, so a
//! table's range is widened here to cover everything inside it, which is what a cursor
//! lookup needs.

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::tree::{Member, NodeId, NodeKind, Number, NumberValue, StringValue, Tree};
use super::{Parse, SyntaxError, SyntaxErrorKind};
use crate::text::{TextRange, range};

pub(super) fn parse(text: &str) -> Parse {
    let (table, errors) = DeTable::parse_recoverable(text);
    let mut tree = Tree::default();
    let root_value = DeValue::Table(table.into_inner());
    let root = convert(&mut tree, &root_value, range(0, text.len()));
    tree.set_root(root);
    let mut errors: Vec<SyntaxError> = errors
        .iter()
        .map(|error| {
            let span = error.span().unwrap_or(0..0);
            SyntaxError {
                range: range(span.start.min(text.len()), span.end.min(text.len())),
                message: error.message().trim_end_matches('\n').to_owned(),
                kind: SyntaxErrorKind::Syntax,
            }
        })
        .collect();
    errors.sort_by_key(|error| (error.range.start(), error.range.end()));
    errors.dedup();
    Parse { tree, errors }
}

/// Converts a value with an explicit stack; containers are filled in after their children.
fn convert(tree: &mut Tree, root: &DeValue<'_>, root_range: TextRange) -> NodeId {
    enum Task<'v, 'i> {
        Visit(&'v DeValue<'i>, TextRange),
        FinishTable(NodeId, Vec<(String, TextRange)>, usize),
        FinishArray(NodeId, usize),
    }
    let mut results: Vec<NodeId> = Vec::new();
    let mut tasks = vec![Task::Visit(root, root_range)];
    while let Some(task) = tasks.pop() {
        match task {
            Task::Visit(value, value_range) => match value {
                DeValue::Table(table) => {
                    let id = tree.alloc(NodeKind::Object(Vec::new()), value_range);
                    let keys = table
                        .iter()
                        .map(|(key, _)| (key.get_ref().to_string(), span_range(key)))
                        .collect::<Vec<_>>();
                    tasks.push(Task::FinishTable(id, keys, results.len()));
                    for (_, child) in table.iter().rev() {
                        tasks.push(Task::Visit(child.get_ref(), span_range(child)));
                    }
                }
                DeValue::Array(array) => {
                    let id = tree.alloc(NodeKind::Array(Vec::new()), value_range);
                    tasks.push(Task::FinishArray(id, results.len()));
                    for child in array.iter().rev() {
                        tasks.push(Task::Visit(child.get_ref(), span_range(child)));
                    }
                }
                scalar => results.push(tree.alloc(scalar_kind(scalar), value_range)),
            },
            Task::FinishTable(id, keys, base) => {
                let children = results.split_off(base);
                let mut covered = tree.range(id);
                let members = keys
                    .into_iter()
                    .zip(children)
                    .map(|((key, key_range), value)| {
                        covered = cover(covered, key_range);
                        covered = cover(covered, tree.range(value));
                        Member {
                            key,
                            key_range,
                            value,
                        }
                    })
                    .collect();
                let node = tree.node_mut(id);
                node.kind = NodeKind::Object(members);
                node.range = covered;
                results.push(id);
            }
            Task::FinishArray(id, base) => {
                let children = results.split_off(base);
                let mut covered = tree.range(id);
                for child in &children {
                    covered = cover(covered, tree.range(*child));
                }
                let node = tree.node_mut(id);
                node.kind = NodeKind::Array(children);
                node.range = covered;
                results.push(id);
            }
        }
    }
    results
        .pop()
        .unwrap_or_else(|| tree.alloc(NodeKind::Error, root_range))
}

fn cover(a: TextRange, b: TextRange) -> TextRange {
    if a.is_empty() && a.start() == 0.into() {
        return b;
    }
    a.cover(b)
}

fn span_range<T>(spanned: &Spanned<T>) -> TextRange {
    let span = spanned.span();
    range(span.start, span.end)
}

fn scalar_kind(value: &DeValue<'_>) -> NodeKind {
    match value {
        DeValue::String(string) => NodeKind::String(StringValue {
            value: string.to_string(),
            terminated: true,
        }),
        DeValue::Integer(integer) => {
            // `as_str` holds the digits without the `0x`/`0o`/`0b` prefix, in `radix`.
            let digits = integer.as_str().replace('_', "");
            let value = i64::from_str_radix(&digits, integer.radix())
                .map(NumberValue::Int)
                .unwrap_or(NumberValue::Float(0.0));
            NodeKind::Number(Number {
                text: integer.as_str().to_owned(),
                value,
            })
        }
        DeValue::Float(float) => {
            let text = float.as_str().replace('_', "");
            let value = match text.trim_start_matches(['+', '-']) {
                "inf" => {
                    if text.starts_with('-') {
                        f64::NEG_INFINITY
                    } else {
                        f64::INFINITY
                    }
                }
                "nan" => f64::NAN,
                _ => text.parse().unwrap_or(0.0),
            };
            NodeKind::Number(Number {
                text: float.as_str().to_owned(),
                value: NumberValue::Float(value),
            })
        }
        DeValue::Boolean(value) => NodeKind::Bool(*value),
        DeValue::Datetime(datetime) => NodeKind::Datetime(datetime.to_string()),
        DeValue::Table(_) | DeValue::Array(_) => NodeKind::Error,
    }
}

#[cfg(test)]
mod tests {
    use crate::syntax::{SourceFormat, parse, tree::render_outline};

    fn render(text: &str) -> String {
        let parse = parse(text, SourceFormat::Toml);
        let mut out = String::new();
        render_outline(&parse.tree, &mut out);
        for error in &parse.errors {
            out.push_str(&format!("{:?}: {}\n", error.range, error.message));
        }
        out
    }

    #[test]
    fn permission_tables_and_dotted_keys() {
        insta::assert_snapshot!(render(r#"[default]
permissions = ["allow-a"]

[[permission]]
identifier = "allow-a"
commands.allow = ["a"]

[[permission.scope.allow]]
path = "$APPDATA/**"
"#), @r#"
        object 0..147
          "default" 1..8: object 0..35
            "permissions" 10..21: array 24..35
              string 25..34 "allow-a"
          "permission" 39..49: array 37..146
            object 37..146
              "identifier" 52..62: string 65..74 "allow-a"
              "commands" 75..83: object 75..97
                "allow" 84..89: array 92..97
                  string 93..96 "a"
              "scope" 112..117: object 99..146
                "allow" 118..123: array 99..146
                  object 99..146
                    "path" 126..130: string 133..146 "$APPDATA/**"
        "#);
    }

    #[test]
    fn errors_keep_the_rest_of_the_file() {
        insta::assert_snapshot!(render("a = 1\nb = \nc = [\"x\"\n"), @r#"
        object 0..20
          "a" 0..1: number 4..5 1
          "b" 6..7: string 10..10 ""
          "c" 11..12: array 15..19
            string 16..19 "x"
        10..10: string values must be quoted, expected literal string
        19..19: unclosed array, expected `]`
        "#);
    }

    #[test]
    fn integers_in_every_radix_read_as_toml_reads_them() {
        let parse = parse(
            "a = 0x10\nb = 0o17\nc = 0b101\nd = -3\ne = +1_000\n",
            SourceFormat::Toml,
        );
        let root = parse.tree.root().unwrap();
        assert_eq!(
            parse.tree.to_json(root),
            serde_json::json!({ "a": 16, "b": 15, "c": 5, "d": -3, "e": 1000 })
        );
        let with_toml: serde_json::Value =
            toml::from_str("a = 0x10\nb = 0o17\nc = 0b101\nd = -3\ne = +1_000\n").unwrap();
        assert_eq!(parse.tree.to_json(root), with_toml);
    }

    #[test]
    fn datetimes_become_the_map_tauri_deserializes_them_to() {
        // tauri-utils reads scope values into its untagged `Value`, through which the toml
        // crate hands a datetime over as a one-key map; a plugin's scope sees that map.
        let text = "when = 1979-05-27T07:32:00Z\nday = 1979-05-27\n";
        let parse = parse(text, SourceFormat::Toml);
        let with_toml: serde_json::Value = toml::from_str(text).unwrap();
        assert_eq!(parse.tree.to_json(parse.tree.root().unwrap()), with_toml);
        assert_eq!(
            with_toml["when"],
            serde_json::json!({ "$__toml_private_datetime": "1979-05-27T07:32:00Z" })
        );
    }
}
