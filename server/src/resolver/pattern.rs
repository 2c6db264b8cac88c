//! Window/webview label patterns and remote URL patterns, compiled exactly as Tauri does.
//!
//! Labels are matched with the `glob` crate's `Pattern` (case-sensitive, `*` also
//! matches `/`), as in tauri-utils `acl/resolved.rs`. Remote URLs are `urlpattern`
//! patterns completed the way tauri-utils' `RemoteUrlPattern::from_str` completes them:
//! an empty search or hash becomes `*`, and an empty or `/` path becomes `*`. Where Tauri
//! fails (a bad glob) or panics (a bad URL pattern), these return the error instead.

use std::sync::Arc;

/// A compiled remote URL pattern.
#[derive(Debug, Clone)]
pub struct RemoteUrlPattern {
    pattern: Arc<urlpattern::UrlPattern>,
    text: String,
}

impl RemoteUrlPattern {
    pub fn parse(text: &str) -> Result<RemoteUrlPattern, String> {
        let mut init =
            urlpattern::UrlPatternInit::parse_constructor_string::<regex::Regex>(text, None)
                .map_err(|error| error.to_string())?;
        if init.search.as_deref().is_none_or(str::is_empty) {
            init.search = Some("*".to_owned());
        }
        if init.hash.as_deref().is_none_or(str::is_empty) {
            init.hash = Some("*".to_owned());
        }
        if init
            .pathname
            .as_deref()
            .is_none_or(|path| path.is_empty() || path == "/")
        {
            init.pathname = Some("*".to_owned());
        }
        let pattern = urlpattern::UrlPattern::parse(init, Default::default())
            .map_err(|error| error.to_string())?;
        Ok(RemoteUrlPattern {
            pattern: Arc::new(pattern),
            text: text.to_owned(),
        })
    }

    pub fn as_str(&self) -> &str {
        &self.text
    }

    pub fn test(&self, url: &url::Url) -> bool {
        self.pattern
            .test(urlpattern::UrlPatternMatchInput::Url(url.clone()))
            .unwrap_or(false)
    }
}

/// Compiles a label pattern; the error is the glob crate's own message.
pub fn compile_label(pattern: &str) -> Result<glob::Pattern, String> {
    glob::Pattern::new(pattern).map_err(|error| error.msg.to_owned())
}

/// Whether `pattern` matches `label` as Tauri's runtime authority does.
pub fn label_matches(pattern: &str, label: &str) -> bool {
    glob::Pattern::new(pattern).is_ok_and(|pattern| pattern.matches(label))
}

/// Whether a capability's label `pattern` can match a label the app is known to make:
/// a plain label, or a pattern standing for labels made at run time (`reader-*` from
/// `format!("reader-{}", id)`). The capability's pattern can match such labels when it
/// matches the pattern's own text (`reader-*`, `read*`, `*`), or when the made pattern
/// matches the capability's text (`reader-7`, `reader-[0-9]*`).
pub fn matches_known_label(pattern: &str, label: &str, label_is_pattern: bool) -> bool {
    label_matches(pattern, label) || (label_is_pattern && label_matches(label, pattern))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn url(text: &str) -> url::Url {
        text.parse().unwrap()
    }

    #[test]
    fn capability_patterns_against_labels_made_at_run_time() {
        for pattern in ["reader-*", "read*", "*", "reader-7", "reader-[0-9]*"] {
            assert!(matches_known_label(pattern, "reader-*", true), "{pattern}");
        }
        for pattern in ["main", "writer-*", "reader"] {
            assert!(!matches_known_label(pattern, "reader-*", true), "{pattern}");
        }
        // A plain label is only ever matched, never matching.
        assert!(!matches_known_label("reader-7", "reader-*", false));
    }

    #[test]
    fn remote_patterns_as_tauri_completes_them() {
        let any_host = RemoteUrlPattern::parse("http://*").unwrap();
        assert!(any_host.test(&url("http://tauri.app/path?q=1")));
        let subdomain = RemoteUrlPattern::parse("https://*.tauri.app").unwrap();
        assert!(subdomain.test(&url("https://api.tauri.app/x")));
        assert!(!subdomain.test(&url("https://tauri.app/x")));
        let scheme = RemoteUrlPattern::parse("*://localhost").unwrap();
        assert!(scheme.test(&url("custom://localhost/path")));
        assert!(RemoteUrlPattern::parse("not a url").is_err());
        assert!(RemoteUrlPattern::parse("https://example.com/(").is_err());
        assert!(RemoteUrlPattern::parse("/relative/only").is_err());
    }

    #[test]
    fn label_globs_are_case_sensitive_and_star_crosses_slashes() {
        assert!(label_matches("main-*", "main-1"));
        assert!(!label_matches("Main", "main"));
        assert!(label_matches("*", "a/b"));
        assert!(compile_label("main[").is_err());
        assert!(compile_label("a**b").is_err());
    }
}
