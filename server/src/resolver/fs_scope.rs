//! How the fs plugin decides whether a path is in scope.
//!
//! Mirrors tauri-plugin-fs `commands.rs` (`resolve_path`) and `scope.rs` (`Entry`), and
//! tauri 2.12.5 `src/scope/fs.rs` (`Scope::new`, `is_allowed`): an entry is a path
//! string or `{ "path": … }`; its path goes through `PathResolver::parse` (an entry
//! whose directory does not exist on the platform is skipped); allowed and denied
//! patterns are the app's runtime scope, then the global scope, then the command's
//! scope; a pattern the glob crate refuses fails the whole command; a denied match wins
//! over any allowed one; patterns match with `require_literal_separator` and, unless
//! `plugins.fs.requireLiteralLeadingDot` says otherwise, `require_literal_leading_dot`
//! on every platform but Windows. The requested path is refused outright when it holds
//! a `..` component (`SafePathBuf`).

use serde_json::Value;

pub use super::scope_verdict::Verdict;

use super::paths::{self, Layout, Parsed};
use crate::model::Platform;

/// Options of the fs plugin's scope that depend on the config and platform.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MatchRules {
    pub require_literal_leading_dot: bool,
}

impl MatchRules {
    /// The plugin's default, or the config's `plugins.fs.requireLiteralLeadingDot`.
    pub fn new(platform: Platform, configured: Option<bool>) -> MatchRules {
        MatchRules {
            require_literal_leading_dot: configured.unwrap_or(platform != Platform::Windows),
        }
    }

    fn options(self) -> glob::MatchOptions {
        glob::MatchOptions {
            case_sensitive: true,
            require_literal_separator: true,
            require_literal_leading_dot: self.require_literal_leading_dot,
        }
    }
}

/// One scope entry as the fs plugin reads it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EntryPath {
    /// The pattern after `PathResolver::parse`.
    Pattern {
        text: String,
        variable: Option<&'static str>,
    },
    /// Skipped: its base directory does not exist on the platform.
    Unavailable { variable: &'static str },
    /// Neither a string nor an object with a string `path`: the plugin fails to read
    /// the scope, and the command fails.
    Unreadable,
}

/// Reads a scope value the way the fs plugin's untagged `EntryRaw` does.
pub fn entry_path(value: &Value) -> Option<&str> {
    match value {
        Value::String(path) => Some(path),
        Value::Object(map) => map.get("path").and_then(Value::as_str),
        _ => None,
    }
}

pub fn read_entry(layout: &Layout, value: &Value) -> EntryPath {
    match entry_path(value) {
        None => EntryPath::Unreadable,
        Some(path) => match paths::parse(layout, path) {
            Parsed::Path { text, variable } => EntryPath::Pattern { text, variable },
            Parsed::Unavailable { variable } => EntryPath::Unavailable { variable },
        },
    }
}

/// What one entry did for the requested path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntryOutcome {
    pub entry: EntryPath,
    pub matches: bool,
    /// Why a pattern that looks like it should match does not (a dot-file component).
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Evaluation {
    /// The requested path after variable expansion.
    pub path: String,
    pub verdict: Verdict,
    pub allow: Vec<EntryOutcome>,
    pub deny: Vec<EntryOutcome>,
}

/// Evaluates `path` (which may start with a base-directory variable, standing for the
/// call's `baseDir` option) against allow and deny entries.
pub fn evaluate(
    layout: &Layout,
    rules: MatchRules,
    allow: &[&Value],
    deny: &[&Value],
    path: &str,
) -> Evaluation {
    let requested = paths::components(layout, path);
    let resolved = match paths::parse(layout, path) {
        Parsed::Path { text, .. } => text,
        Parsed::Unavailable { variable } => {
            return Evaluation {
                path: path.to_owned(),
                verdict: Verdict::Failed(format!(
                    "`{variable}` has no directory on {}",
                    layout.platform.name()
                )),
                allow: Vec::new(),
                deny: Vec::new(),
            };
        }
    };
    let mut failure = None;
    if requested.contains(&"..") {
        failure = Some(
            "the fs plugin refuses paths with `..` (\"cannot traverse directory\")".to_owned(),
        );
    }
    let mut judge = |value: &&Value| {
        let entry = read_entry(layout, value);
        let (matches, note) = match &entry {
            EntryPath::Pattern { text, .. } => match glob::Pattern::new(text) {
                Ok(pattern) => {
                    let matches = pattern.matches_with(&resolved, rules.options());
                    let note = (!matches
                        && rules.require_literal_leading_dot
                        && pattern.matches_with(
                            &resolved,
                            glob::MatchOptions {
                                require_literal_leading_dot: false,
                                ..rules.options()
                            },
                        ))
                    .then(|| {
                        "a wildcard does not match a name starting with `.` here; \
                         name the dot-folder literally or set \
                         `plugins.fs.requireLiteralLeadingDot` to false"
                            .to_owned()
                    });
                    (matches, note)
                }
                Err(error) => {
                    failure.get_or_insert_with(|| {
                        format!("`{text}` is not a valid glob: {}", error.msg)
                    });
                    (false, None)
                }
            },
            EntryPath::Unavailable { .. } => (false, None),
            EntryPath::Unreadable => {
                failure.get_or_insert_with(|| {
                    format!(
                        "`{value}` is not a path or an object with a `path`, so the plugin cannot read the scope"
                    )
                });
                (false, None)
            }
        };
        EntryOutcome {
            entry,
            matches,
            note,
        }
    };
    let mut allow: Vec<EntryOutcome> = allow.iter().map(&mut judge).collect();
    let mut deny: Vec<EntryOutcome> = deny.iter().map(&mut judge).collect();
    let verdict = Verdict::decide(
        failure,
        deny.iter().any(|outcome| outcome.matches),
        allow.iter().any(|outcome| outcome.matches),
    );
    // The dot-file hint explains a refusal; it is noise when the outcome is decided
    // otherwise.
    if verdict != Verdict::NotAllowed {
        for outcome in allow.iter_mut().chain(deny.iter_mut()) {
            outcome.note = None;
        }
    }
    Evaluation {
        path: resolved,
        verdict,
        allow,
        deny,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn check(platform: Platform, allow: &[Value], deny: &[Value], path: &str) -> Verdict {
        let layout = Layout::new(platform, Some("com.tauri.demo"), None);
        let allow: Vec<&Value> = allow.iter().collect();
        let deny: Vec<&Value> = deny.iter().collect();
        evaluate(
            &layout,
            MatchRules::new(platform, None),
            &allow,
            &deny,
            path,
        )
        .verdict
    }

    #[test]
    fn allow_deny_and_nothing() {
        let allow = [json!("$APPDATA/**"), json!({ "path": "$DOCUMENT/*.md" })];
        let deny = [json!("$APPDATA/secret/*")];
        assert_eq!(
            check(Platform::Linux, &allow, &deny, "$APPDATA/notes/a.txt"),
            Verdict::Allowed
        );
        assert_eq!(
            check(Platform::Linux, &allow, &deny, "$APPDATA/secret/key"),
            Verdict::Denied
        );
        assert_eq!(
            check(Platform::Linux, &allow, &deny, "$DOCUMENT/a.md"),
            Verdict::Allowed
        );
        // `*` does not cross a separator.
        assert_eq!(
            check(Platform::Linux, &allow, &deny, "$DOCUMENT/x/a.md"),
            Verdict::NotAllowed
        );
        assert_eq!(
            check(Platform::Linux, &allow, &deny, "/etc/passwd"),
            Verdict::NotAllowed
        );
    }

    #[test]
    fn dot_files_need_a_literal_dot_except_on_windows() {
        let allow = [json!("$HOME/**")];
        assert_eq!(
            check(Platform::Linux, &allow, &[], "$HOME/.config/app.json"),
            Verdict::NotAllowed
        );
        assert_eq!(
            check(Platform::Linux, &allow, &[], "$APPCONFIG/settings.json"),
            Verdict::NotAllowed
        );
        assert_eq!(
            check(Platform::Windows, &allow, &[], "$HOME/.config/app.json"),
            Verdict::Allowed
        );
        let literal = [json!("$HOME/.config/**")];
        assert_eq!(
            check(Platform::Linux, &literal, &[], "$HOME/.config/app.json"),
            Verdict::Allowed
        );
        let layout = Layout::new(Platform::Linux, None, None);
        let value = json!("$HOME/**");
        let evaluation = evaluate(
            &layout,
            MatchRules::new(Platform::Linux, None),
            &[&value],
            &[],
            "$HOME/.ssh/id",
        );
        assert!(evaluation.allow[0].note.is_some());
        let relaxed = evaluate(
            &layout,
            MatchRules::new(Platform::Linux, Some(false)),
            &[&value],
            &[],
            "$HOME/.ssh/id",
        );
        assert_eq!(relaxed.verdict, Verdict::Allowed);
    }

    #[test]
    fn failures() {
        assert!(matches!(
            check(Platform::Linux, &[json!("$APPDATA/[")], &[], "$APPDATA/x"),
            Verdict::Failed(message) if message.contains("not a valid glob")
        ));
        assert!(matches!(
            check(Platform::Linux, &[json!(42)], &[], "$APPDATA/x"),
            Verdict::Failed(_)
        ));
        assert!(matches!(
            check(Platform::Linux, &[json!("$APPDATA/**")], &[], "$APPDATA/../x"),
            Verdict::Failed(message) if message.contains("..")
        ));
        // A misspelt variable is a relative path that matches nothing.
        assert_eq!(
            check(Platform::Linux, &[json!("$APPDAT/**")], &[], "$APPDATA/x"),
            Verdict::NotAllowed
        );
        // A directory missing on the platform skips the entry.
        assert_eq!(
            check(Platform::MacOS, &[json!("$EXE/**")], &[], "/usr/bin/x"),
            Verdict::NotAllowed
        );
    }
}
