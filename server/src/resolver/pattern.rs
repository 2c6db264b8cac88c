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

#[cfg(test)]
mod tests {
    use super::*;

    fn url(text: &str) -> url::Url {
        text.parse().unwrap()
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
