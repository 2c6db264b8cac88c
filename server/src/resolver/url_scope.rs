//! How the http plugin decides whether a URL may be fetched.
//!
//! Mirrors tauri-plugin-http `scope.rs`: an entry is a URL pattern string or
//! `{ "url": … }`, completed like a remote capability URL (an empty search, hash or
//! path becomes `*`, see [`super::pattern::RemoteUrlPattern`]); an entry that is not a
//! valid pattern fails to deserialize, which fails the command; a denied match wins over
//! any allowed one.

use serde_json::Value;

pub use super::scope_verdict::Verdict;

use super::pattern::RemoteUrlPattern;

/// The URL pattern text of a scope value.
pub fn entry_url(value: &Value) -> Option<&str> {
    match value {
        Value::String(url) => Some(url),
        Value::Object(map) => map.get("url").and_then(Value::as_str),
        _ => None,
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntryOutcome {
    /// The pattern text, when the entry has one.
    pub pattern: Option<String>,
    pub matches: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Evaluation {
    pub verdict: Verdict,
    pub allow: Vec<EntryOutcome>,
    pub deny: Vec<EntryOutcome>,
}

pub fn evaluate(allow: &[&Value], deny: &[&Value], url: &str) -> Evaluation {
    let parsed_url = url::Url::parse(url);
    let mut failure = parsed_url
        .as_ref()
        .err()
        .map(|error| format!("`{url}` is not a URL: {error}"));
    let mut judge = |value: &&Value| {
        let Some(text) = entry_url(value) else {
            failure.get_or_insert_with(|| {
                format!("`{value}` is not a URL pattern or an object with a `url`")
            });
            return EntryOutcome {
                pattern: None,
                matches: false,
            };
        };
        let matches = match RemoteUrlPattern::parse(text) {
            Ok(pattern) => parsed_url.as_ref().is_ok_and(|url| pattern.test(url)),
            Err(error) => {
                failure
                    .get_or_insert_with(|| format!("`{text}` is not a valid URL pattern: {error}"));
                false
            }
        };
        EntryOutcome {
            pattern: Some(text.to_owned()),
            matches,
        }
    };
    let allow: Vec<EntryOutcome> = allow.iter().map(&mut judge).collect();
    let deny: Vec<EntryOutcome> = deny.iter().map(&mut judge).collect();
    let verdict = Verdict::decide(
        failure,
        deny.iter().any(|outcome| outcome.matches),
        allow.iter().any(|outcome| outcome.matches),
    );
    Evaluation {
        verdict,
        allow,
        deny,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn urls_against_patterns() {
        let allow = [
            json!("https://api.example.com"),
            json!({ "url": "https://*.tauri.app/*" }),
        ];
        let deny = [json!("https://api.example.com/admin/*")];
        let allow: Vec<&Value> = allow.iter().collect();
        let deny: Vec<&Value> = deny.iter().collect();
        let verdict = |url| evaluate(&allow, &deny, url).verdict;
        assert_eq!(
            verdict("https://api.example.com/users?page=2"),
            Verdict::Allowed
        );
        assert_eq!(
            verdict("https://api.example.com/admin/keys"),
            Verdict::Denied
        );
        assert_eq!(verdict("https://v2.tauri.app/start"), Verdict::Allowed);
        assert_eq!(verdict("http://api.example.com/"), Verdict::NotAllowed);
        assert!(matches!(verdict("not a url"), Verdict::Failed(_)));
        let bad = json!("https://exa mple.com/(");
        assert!(matches!(
            evaluate(&[&bad], &[], "https://example.com").verdict,
            Verdict::Failed(_)
        ));
    }
}
