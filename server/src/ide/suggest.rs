//! Did-you-mean suggestions for identifiers, plugin names and labels.
//!
//! At most three suggestions, best first, never the whole catalogue. An identifier is
//! compared with candidates of the same plugin (or, when the plugin itself is unknown,
//! with plugins of a similar name), also trying the forms people commonly mean: a missing
//! `allow-`, a pre-2.0 core identifier without `core:`, `fs.exists` written with a dot.

use std::sync::Mutex;

use rustc_hash::{FxHashMap, FxHashSet};
use strsim::normalized_damerau_levenshtein as similarity;

const MIN_SIMILARITY: f64 = 0.7;
const MAX_SUGGESTIONS: usize = 3;
/// How close a whole base must be when its words do not match one by one.
const WHOLE_SIMILARITY: f64 = 0.85;

/// The candidates closest to `input`, best first.
pub fn closest<'c>(input: &str, candidates: impl IntoIterator<Item = &'c str>) -> Vec<&'c str> {
    let mut scored: Vec<(&str, f64)> = candidates
        .into_iter()
        .filter(|candidate| *candidate != input)
        .map(|candidate| (candidate, similarity(input, candidate)))
        .filter(|(_, score)| *score >= MIN_SIMILARITY)
        .collect();
    scored.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(b.0)));
    scored.dedup_by(|a, b| a.0 == b.0);
    scored
        .into_iter()
        .take(MAX_SUGGESTIONS)
        .map(|(candidate, _)| candidate)
        .collect()
}

/// Suggestions for an identifier that names nothing, from every usable identifier.
///
/// Builds an [`IdentifierIndex`] for one question; callers asking many questions of
/// one catalogue keep the index instead (the checks ask through `AppContext`).
#[cfg(test)]
pub fn identifier_suggestions(input: &str, candidates: &[String]) -> Vec<String> {
    IdentifierIndex::new(candidates.to_vec()).suggestions(input)
}

/// One candidate, split once.
struct Candidate {
    identifier: String,
    /// Where the base starts in `identifier` (after the last `:`), if it has a prefix.
    base_start: Option<usize>,
    /// The base's length in characters and its number of hyphenated words.
    base_chars: usize,
    base_words: usize,
}

impl Candidate {
    fn namespace(&self) -> Option<&str> {
        self.base_start.map(|start| &self.identifier[..start - 1])
    }

    fn base(&self) -> &str {
        &self.identifier[self.base_start.unwrap_or(0)..]
    }
}

/// The identifiers of a catalogue (or of one plugin) indexed for did-you-mean: split
/// once, grouped by base and namespace, with the length and word count that rule out
/// most candidates before any edit distance is computed, and answers remembered (a
/// generated capability may repeat one typo thousands of times). Answers are those of
/// comparing the input with every candidate; the index only skips candidates that could
/// not score.
pub struct IdentifierIndex {
    candidates: Vec<Candidate>,
    by_base: FxHashMap<String, Vec<usize>>,
    namespaces: FxHashSet<String>,
    answers: Mutex<FxHashMap<String, Vec<String>>>,
}

impl IdentifierIndex {
    pub fn new(identifiers: Vec<String>) -> IdentifierIndex {
        let mut by_base: FxHashMap<String, Vec<usize>> = FxHashMap::default();
        let mut namespaces = FxHashSet::default();
        let candidates: Vec<Candidate> = identifiers
            .into_iter()
            .enumerate()
            .map(|(index, identifier)| {
                let base_start = identifier.rfind(':').map(|colon| colon + 1);
                let candidate = Candidate {
                    base_start,
                    base_chars: 0,
                    base_words: 0,
                    identifier,
                };
                let base = candidate.base();
                let (base_chars, base_words) = (base.chars().count(), base.split('-').count());
                by_base.entry(base.to_owned()).or_default().push(index);
                if let Some(namespace) = candidate.namespace() {
                    namespaces.insert(namespace.to_owned());
                }
                Candidate {
                    base_chars,
                    base_words,
                    ..candidate
                }
            })
            .collect();
        IdentifierIndex {
            candidates,
            by_base,
            namespaces,
            answers: Mutex::default(),
        }
    }

    /// At most three identifiers close to `input`, best first.
    pub fn suggestions(&self, input: &str) -> Vec<String> {
        if let Some(known) = self
            .answers
            .lock()
            .ok()
            .and_then(|answers| answers.get(input).cloned())
        {
            return known;
        }
        let answer = self.compute(input);
        if let Ok(mut answers) = self.answers.lock() {
            answers.insert(input.to_owned(), answer.clone());
        }
        answer
    }

    fn compute(&self, input: &str) -> Vec<String> {
        let normalized = input.replace('.', ":");
        let (namespace, base) = split(&normalized);
        let mut queries = vec![normalized.clone()];
        if !base.starts_with("allow-") && !base.starts_with("deny-") && base != "default" {
            queries.push(join(namespace, &format!("allow-{base}")));
        }
        if let Some(namespace) = namespace
            && !namespace.starts_with("core")
        {
            queries.push(format!("core:{namespace}:{base}"));
        }
        let queries: Vec<(&str, &str, usize, usize)> = queries
            .iter()
            .map(|query| {
                let query_base = split(query).1;
                (
                    query.as_str(),
                    query_base,
                    query_base.chars().count(),
                    query_base.split('-').count(),
                )
            })
            .collect();
        let known_namespace = match namespace {
            Some(namespace) => self.namespaces.contains(namespace),
            None => self
                .candidates
                .iter()
                .any(|candidate| candidate.base_start.is_none()),
        };
        let mut scored: Vec<(&String, f64)> = Vec::new();
        // A plugin permission written without its prefix: `allow-read-file` for
        // `fs:allow-read-file`.
        let prefix_missing = |candidate: &Candidate| {
            namespace.is_none() && candidate.base_start.is_some() && candidate.base() == base
        };
        if namespace.is_none() {
            for &index in self.by_base.get(base).into_iter().flatten() {
                let candidate = &self.candidates[index];
                if prefix_missing(candidate) && candidate.identifier != input {
                    scored.push((&candidate.identifier, 1.5));
                }
            }
        }
        for candidate in &self.candidates {
            if candidate.identifier == input || prefix_missing(candidate) {
                continue;
            }
            let candidate_namespace = candidate.namespace();
            let namespace_ok = candidate_namespace == namespace
                || !known_namespace
                    && match (namespace, candidate_namespace) {
                        (Some(a), Some(b)) => {
                            similarity(a, b) >= MIN_SIMILARITY || b == format!("core:{a}")
                        }
                        _ => false,
                    };
            if !namespace_ok {
                continue;
            }
            let candidate_base = candidate.base();
            let score = queries
                .iter()
                .map(|&(query, query_base, query_chars, query_words)| {
                    if query == candidate.identifier {
                        2.0
                    } else if query_words != candidate.base_words
                        && !may_be_close(query_chars, candidate.base_chars)
                    {
                        // Neither a word-by-word match nor a close whole-string one.
                        0.0
                    } else {
                        base_score(query_base, candidate_base)
                    }
                })
                .fold(0.0, f64::max);
            if score > 0.0 {
                scored.push((&candidate.identifier, score));
            }
        }
        scored.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(b.0)));
        scored
            .into_iter()
            .take(MAX_SUGGESTIONS)
            .map(|(candidate, _)| candidate.clone())
            .collect()
    }
}

/// Whether two strings of these lengths can reach [`base_score`]'s whole-string bar:
/// an edit distance of at least the length difference caps the similarity.
fn may_be_close(a_chars: usize, b_chars: usize) -> bool {
    let longest = a_chars.max(b_chars).max(1) as f64;
    1.0 - (a_chars.abs_diff(b_chars) as f64) / longest >= WHOLE_SIMILARITY
}

/// How well a misspelt base matches a candidate base; 0 for no match.
///
/// Bases are hyphenated words (`allow-read-text-file`). A candidate whose words each
/// match with at most one typo (words of four letters or more) ranks first; otherwise
/// only a close whole-string match counts, which catches a missing or extra hyphen. This
/// keeps `read` from suggesting `write`.
fn base_score(input: &str, candidate: &str) -> f64 {
    let input_words: Vec<&str> = input.split('-').collect();
    let candidate_words: Vec<&str> = candidate.split('-').collect();
    let words_match = input_words.len() == candidate_words.len()
        && input_words
            .iter()
            .zip(&candidate_words)
            .all(|(a, b)| a == b || (a.len().max(b.len()) >= 4 && strsim::osa_distance(a, b) <= 1));
    if words_match {
        return 1.0 + strsim::jaro_winkler(input, candidate);
    }
    if !may_be_close(input.chars().count(), candidate.chars().count()) {
        return 0.0;
    }
    let whole = similarity(input, candidate);
    if whole >= WHOLE_SIMILARITY {
        whole
    } else {
        0.0
    }
}

fn split(identifier: &str) -> (Option<&str>, &str) {
    match identifier.rsplit_once(':') {
        Some((namespace, base)) => (Some(namespace), base),
        None => (None, identifier),
    }
}

fn join(namespace: Option<&str>, base: &str) -> String {
    match namespace {
        Some(namespace) => format!("{namespace}:{base}"),
        None => base.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn candidates() -> Vec<String> {
        [
            "fs:allow-read-text-file",
            "fs:allow-write-text-file",
            "fs:allow-read-file",
            "fs:allow-exists",
            "fs:default",
            "core:default",
            "core:window:allow-close",
            "core:window:allow-center",
            "core:event:allow-listen",
            "dialog:default",
            "allow-greet",
        ]
        .into_iter()
        .map(String::from)
        .collect()
    }

    fn check(input: &str) -> Vec<String> {
        identifier_suggestions(input, &candidates())
    }

    #[test]
    fn typos_missing_allow_dots_and_old_core_names() {
        assert_eq!(
            check("fs:allow-raed-text-file")[0],
            "fs:allow-read-text-file"
        );
        assert_eq!(check("fs:read-file")[0], "fs:allow-read-file");
        assert_eq!(check("fs.exists"), ["fs:allow-exists"]);
        assert_eq!(check("window:allow-close")[0], "core:window:allow-close");
        assert_eq!(check("dialgo:default"), ["dialog:default"]);
        assert_eq!(check("greet"), ["allow-greet"]);
        assert_eq!(check("allow-read-text-file"), ["fs:allow-read-text-file"]);
        assert!(check("fs:allow-everything").is_empty());
        assert!(check("totally-unrelated").is_empty());
        assert!(
            check("fs:default").is_empty(),
            "an exact match is not a typo"
        );
    }
}
