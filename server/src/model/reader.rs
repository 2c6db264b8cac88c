//! Typed reads from a syntax [`Tree`] that record a [`Problem`] instead of failing.
//!
//! A node that failed to parse (`NodeKind::Error`) already has a syntax error, so reading
//! it gives `None` without a second report.

use super::{Problem, Spanned};
use crate::diagnostic::Code;
use crate::syntax::{Member, NodeId, NodeKind, Tree};

pub struct Reader<'t> {
    pub tree: &'t Tree,
    pub text: &'t str,
    pub problems: Vec<Problem>,
}

impl<'t> Reader<'t> {
    pub fn new(tree: &'t Tree, text: &'t str) -> Reader<'t> {
        Reader {
            tree,
            text,
            problems: Vec::new(),
        }
    }

    fn is_error(&self, node: NodeId) -> bool {
        matches!(self.tree.kind(node), NodeKind::Error)
    }

    pub fn wrong_type(&mut self, node: NodeId, what: &str, expected: &str) {
        if self.is_error(node) {
            return;
        }
        let found = self.tree.describe(node);
        self.problems.push(Problem::new(
            Code::WrongType,
            self.tree.range(node),
            format!("{what} must be {expected}, found {found}"),
        ));
    }

    pub fn string(&mut self, node: NodeId, what: &str) -> Option<Spanned<String>> {
        match self.tree.kind(node) {
            NodeKind::String(string) => {
                Some(Spanned::new(string.value.clone(), self.tree.range(node)))
            }
            _ => {
                self.wrong_type(node, what, "a string");
                None
            }
        }
    }

    pub fn bool(&mut self, node: NodeId, what: &str) -> Option<Spanned<bool>> {
        match self.tree.kind(node) {
            NodeKind::Bool(value) => Some(Spanned::new(*value, self.tree.range(node))),
            _ => {
                self.wrong_type(node, what, "`true` or `false`");
                None
            }
        }
    }

    pub fn array(&mut self, node: NodeId, what: &str) -> Option<&'t [NodeId]> {
        match self.tree.array(node) {
            Some(items) => Some(items),
            None => {
                self.wrong_type(node, what, "an array");
                None
            }
        }
    }

    pub fn object(&mut self, node: NodeId, what: &str) -> Option<&'t [Member]> {
        match self.tree.object(node) {
            Some(members) => Some(members),
            None => {
                self.wrong_type(node, what, "an object");
                None
            }
        }
    }

    /// An array of strings; items of another type are reported and left out.
    pub fn string_list(
        &mut self,
        node: NodeId,
        what: &str,
    ) -> Option<Spanned<Vec<Spanned<String>>>> {
        let items = self.array(node, what)?;
        let values = items
            .iter()
            .filter_map(|item| self.string(*item, &format!("each item of {what}")))
            .collect();
        Some(Spanned::new(values, self.tree.range(node)))
    }

    /// Reports every key of `object` that is not in `known`, suggesting the closest.
    pub fn unknown_keys(&mut self, object: NodeId, known: &[&str], context: &str) {
        self.check_keys(object, known, context, false);
    }

    /// Like [`Reader::unknown_keys`], for objects Tauri reads with `deny_unknown_fields`:
    /// there an unknown key makes Tauri refuse the file, so it is an error.
    pub fn denied_keys(&mut self, object: NodeId, known: &[&str], context: &str) {
        self.check_keys(object, known, context, true);
    }

    fn check_keys(&mut self, object: NodeId, known: &[&str], context: &str, denied: bool) {
        let Some(members) = self.tree.object(object) else {
            return;
        };
        for member in members {
            if known.contains(&member.key.as_str()) || member.key == "$schema" {
                continue;
            }
            let consequence = if denied {
                "Tauri refuses unknown keys here"
            } else {
                "Tauri ignores it"
            };
            let mut problem = Problem::new(
                Code::UnknownKey,
                member.key_range,
                format!("unknown key `{}` in {context}: {consequence}", member.key),
            );
            if denied {
                problem.severity = Some(crate::diagnostic::Severity::Error);
            }
            // Renaming to a key the object already has would only make a duplicate.
            let suggestion = closest(&member.key, known)
                .filter(|suggestion| !members.iter().any(|other| other.key == *suggestion));
            if let Some(suggestion) = suggestion {
                problem.message = format!(
                    "unknown key `{}` in {context}: {consequence}; did you mean `{suggestion}`?",
                    member.key
                );
                problem = problem.with_suggestion(quote_like(self.text, member, suggestion));
            }
            self.problems.push(problem);
        }
    }

    /// Reports that `key` is missing from `object`, at the object's opening.
    pub fn missing(&mut self, object: NodeId, key: &str, context: &str) {
        let range = self.tree.range(object);
        let start = range.start();
        let end = (start + crate::text::TextSize::from(1)).min(range.end());
        self.problems.push(Problem::new(
            Code::MissingField,
            crate::text::TextRange::new(start, end),
            format!("{context} is missing the required key `{key}`"),
        ));
    }
}

/// The known key closest to a misspelt one, if any is close enough to suggest.
pub fn closest<'k>(key: &str, known: &[&'k str]) -> Option<&'k str> {
    // The input itself is never a suggestion: "did you mean `sidecar`?" on `sidecar`.
    known
        .iter()
        .filter(|candidate| **candidate != key)
        .map(|candidate| (*candidate, strsim::jaro_winkler(key, candidate)))
        .filter(|(candidate, score)| {
            *score >= 0.85 || strsim::damerau_levenshtein(key, candidate) <= 2
        })
        .max_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(candidate, _)| candidate)
}

/// The replacement text for a key, keeping its quoting style.
pub fn quote_like(text: &str, member: &Member, replacement: &str) -> String {
    let original = crate::text::slice(text, member.key_range);
    match original.chars().next() {
        Some(quote @ ('"' | '\'')) => format!("{quote}{replacement}{quote}"),
        _ => replacement.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::closest;

    #[test]
    fn the_input_itself_is_never_suggested() {
        assert_eq!(closest("sidecar", &["name", "cmd", "sidecar"]), None);
        assert_eq!(
            closest("sidecr", &["name", "cmd", "sidecar"]),
            Some("sidecar")
        );
    }
}
