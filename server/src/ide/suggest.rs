//! Did-you-mean suggestions for identifiers, plugin names and labels.
//!
//! At most three suggestions, best first, never the whole catalogue. An identifier is
//! compared with candidates of the same plugin (or, when the plugin itself is unknown,
//! with plugins of a similar name), also trying the forms people commonly mean: a missing
//! `allow-`, a pre-2.0 core identifier without `core:`, `fs.exists` written with a dot.

use strsim::normalized_damerau_levenshtein as similarity;

const MIN_SIMILARITY: f64 = 0.7;
const MAX_SUGGESTIONS: usize = 3;

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
pub fn identifier_suggestions(input: &str, candidates: &[String]) -> Vec<String> {
    let normalized = input.replace('.', ":");
    let (namespace, base) = split(&normalized);
    let mut queries = vec![normalized.clone()];
    if !base.starts_with("allow-") && !base.starts_with("deny-") && base != "default" {
        queries.push(join(namespace, &format!("allow-{base}")));
    }
    if let Some(namespace) = namespace {
        if !namespace.starts_with("core") {
            queries.push(format!("core:{namespace}:{base}"));
        }
    }
    let known_namespace = candidates
        .iter()
        .any(|candidate| split(candidate).0 == namespace);
    let mut scored: Vec<(&String, f64)> = Vec::new();
    for candidate in candidates {
        if candidate == input {
            continue;
        }
        let (candidate_namespace, candidate_base) = split(candidate);
        // A plugin permission written without its prefix: `allow-read-file` for
        // `fs:allow-read-file`.
        if namespace.is_none() && candidate_namespace.is_some() && candidate_base == base {
            scored.push((candidate, 1.5));
            continue;
        }
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
        let score = queries
            .iter()
            .map(|query| {
                let (_, query_base) = split(query);
                if query == candidate {
                    2.0
                } else {
                    base_score(query_base, candidate_base)
                }
            })
            .fold(0.0, f64::max);
        if score > 0.0 {
            scored.push((candidate, score));
        }
    }
    scored.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(b.0)));
    scored
        .into_iter()
        .take(MAX_SUGGESTIONS)
        .map(|(candidate, _)| candidate.clone())
        .collect()
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
    let whole = similarity(input, candidate);
    if whole >= 0.85 { whole } else { 0.0 }
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
