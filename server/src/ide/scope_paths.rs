//! File-system scope paths judged for the security rules: how much of the disk a
//! pattern reaches. The variables themselves and how Tauri resolves them live in
//! [`crate::resolver::paths`]. A scope entry is a path string or an object with `path`.

use crate::resolver::paths::BASE_DIRECTORIES;

/// Directories that belong to the user or the system rather than to the app: reaching
/// all of one exposes files the app has no business with.
pub const SENSITIVE_BASES: &[&str] = &[
    "$HOME",
    "$DOCUMENT",
    "$DOWNLOAD",
    "$DESKTOP",
    "$PICTURE",
    "$VIDEO",
    "$AUDIO",
    "$PUBLIC",
    "$DATA",
    "$LOCALDATA",
    "$CONFIG",
    "$CACHE",
    "$FONT",
    "$RUNTIME",
    "$TEMPLATE",
];

/// The app's own data directories, where the webview also keeps its profile.
pub const APP_DATA_BASES: &[&str] = &["$APPDATA", "$APPLOCALDATA"];

/// The path of a scope value: the string itself or its `path` field.
pub fn scope_path(value: &serde_json::Value) -> Option<&str> {
    match value {
        serde_json::Value::String(path) => Some(path),
        serde_json::Value::Object(map) => map.get("path").and_then(serde_json::Value::as_str),
        _ => None,
    }
}

/// A path split into its base variable (if it starts with a known one) and the rest.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SplitPath<'p> {
    pub base: Option<&'p str>,
    /// What follows the base, without the separator (`**`, `notes/*.md`, ``).
    pub rest: &'p str,
}

pub fn split(path: &str) -> SplitPath<'_> {
    for directory in BASE_DIRECTORIES {
        let base = directory.variable;
        if let Some(rest) = path.strip_prefix(base) {
            if rest.is_empty() {
                return SplitPath {
                    base: Some(base),
                    rest,
                };
            }
            if let Some(rest) = rest.strip_prefix(['/', '\\']) {
                return SplitPath {
                    base: Some(base),
                    rest,
                };
            }
        }
    }
    SplitPath {
        base: None,
        rest: path,
    }
}

/// Whether a glob reaches every file below where it starts (`**`, `**/*`).
pub fn is_whole_tree(glob: &str) -> bool {
    matches!(glob, "**" | "**/*" | "**/**" | "*/**")
}

/// Why a path grants too much, if it does: the whole disk, a drive, or all of a user or
/// system directory.
pub fn broadness(path: &str) -> Option<String> {
    let trimmed = path.trim();
    if is_whole_tree(trimmed) {
        return Some("every file the process can reach".to_owned());
    }
    if let Some(rest) = trimmed.strip_prefix('/')
        && is_whole_tree(rest)
    {
        return Some("the whole file system".to_owned());
    }
    let bytes = trimmed.as_bytes();
    if bytes.len() >= 2 && bytes[0].is_ascii_alphabetic() && bytes[1] == b':' {
        let rest = trimmed[2..].trim_start_matches(['/', '\\']);
        if is_whole_tree(rest) {
            return Some(format!("the whole {} drive", &trimmed[..2]));
        }
    }
    // A folder without a glob matches only itself (it can be listed, its files not read).
    let split = split(trimmed);
    if let Some(base) = split.base
        && SENSITIVE_BASES.contains(&base)
        && is_whole_tree(split.rest)
    {
        return Some(format!("all of `{base}`"));
    }
    None
}

/// Whether a path reaches everything below one of the app's data directories.
pub fn app_data_tree(path: &str) -> Option<&'static str> {
    let split = split(path.trim());
    let base = split.base?;
    let found = APP_DATA_BASES
        .iter()
        .find(|candidate| **candidate == base)?;
    is_whole_tree(split.rest).then_some(*found)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn broad_paths() {
        assert_eq!(
            broadness("**").as_deref(),
            Some("every file the process can reach")
        );
        assert_eq!(broadness("/**").as_deref(), Some("the whole file system"));
        assert_eq!(broadness("C:\\**").as_deref(), Some("the whole C: drive"));
        assert_eq!(broadness("$HOME/**").as_deref(), Some("all of `$HOME`"));
        assert_eq!(
            broadness("$HOME"),
            None,
            "a folder alone matches only itself"
        );
        assert_eq!(broadness("/"), None);
        assert_eq!(
            broadness("$DOCUMENT/**/*").as_deref(),
            Some("all of `$DOCUMENT`")
        );
        assert_eq!(broadness("$HOME/.myapp/**"), None);
        assert_eq!(broadness("$APPDATA/**"), None);
        assert_eq!(broadness("$DOCUMENT/reports/*.pdf"), None);
        assert_eq!(app_data_tree("$APPLOCALDATA/**"), Some("$APPLOCALDATA"));
        assert_eq!(app_data_tree("$APPDATA/notes/**"), None);
        assert_eq!(split("$APPDATAX/y").base, None);
        assert_eq!(
            scope_path(&serde_json::json!({ "path": "$HOME" })),
            Some("$HOME")
        );
        assert_eq!(scope_path(&serde_json::json!("$HOME")), Some("$HOME"));
    }
}
