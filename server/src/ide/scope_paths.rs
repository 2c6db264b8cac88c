//! File-system scope paths as the fs plugin reads them: a base-directory variable
//! (`$APPDATA`), then a glob.
//!
//! The variables are Tauri's `BaseDirectory` names (tauri `src/path/mod.rs`,
//! `BaseDirectory::variable`). A scope entry is a path string or an object with `path`.

/// A base-directory variable of Tauri's path resolver.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BaseDirectory {
    pub variable: &'static str,
    /// The `PathResolver` method it resolves with.
    pub method: &'static str,
    pub description: &'static str,
    /// Compiled out on Android (`#[cfg(not(target_os = "android"))]`).
    pub is_desktop_only: bool,
}

/// `BaseDirectory::from_variable` in tauri 2.12.5 `src/path/mod.rs` (all 23 variables,
/// app directories first): the variable, the `PathResolver` method it resolves with, a
/// description, and whether Tauri compiles it out on Android
/// (`#[cfg(not(target_os = "android"))]`). `PathResolver::parse` only resolves a variable
/// that is the whole first component of the path.
pub const BASE_DIRECTORIES: &[BaseDirectory] = &[
    BaseDirectory {
        variable: "$APPCONFIG",
        method: "app_config_dir",
        description: "The app's config directory.",
        is_desktop_only: false,
    },
    BaseDirectory {
        variable: "$APPDATA",
        method: "app_data_dir",
        description: "The app's data directory.",
        is_desktop_only: false,
    },
    BaseDirectory {
        variable: "$APPLOCALDATA",
        method: "app_local_data_dir",
        description: "The app's local data directory.",
        is_desktop_only: false,
    },
    BaseDirectory {
        variable: "$APPCACHE",
        method: "app_cache_dir",
        description: "The app's cache directory.",
        is_desktop_only: false,
    },
    BaseDirectory {
        variable: "$APPLOG",
        method: "app_log_dir",
        description: "The app's log directory.",
        is_desktop_only: false,
    },
    BaseDirectory {
        variable: "$HOME",
        method: "home_dir",
        description: "The user's home directory.",
        is_desktop_only: false,
    },
    BaseDirectory {
        variable: "$DESKTOP",
        method: "desktop_dir",
        description: "The user's desktop directory.",
        is_desktop_only: true,
    },
    BaseDirectory {
        variable: "$DOCUMENT",
        method: "document_dir",
        description: "The user's document directory.",
        is_desktop_only: false,
    },
    BaseDirectory {
        variable: "$DOWNLOAD",
        method: "download_dir",
        description: "The user's download directory.",
        is_desktop_only: false,
    },
    BaseDirectory {
        variable: "$PICTURE",
        method: "picture_dir",
        description: "The user's picture directory.",
        is_desktop_only: false,
    },
    BaseDirectory {
        variable: "$AUDIO",
        method: "audio_dir",
        description: "The user's audio directory.",
        is_desktop_only: false,
    },
    BaseDirectory {
        variable: "$VIDEO",
        method: "video_dir",
        description: "The user's video directory.",
        is_desktop_only: false,
    },
    BaseDirectory {
        variable: "$PUBLIC",
        method: "public_dir",
        description: "The user's public directory.",
        is_desktop_only: false,
    },
    BaseDirectory {
        variable: "$RESOURCE",
        method: "resource_dir",
        description: "The app's resource directory.",
        is_desktop_only: false,
    },
    BaseDirectory {
        variable: "$TEMP",
        method: "temp_dir",
        description: "The temporary directory.",
        is_desktop_only: false,
    },
    BaseDirectory {
        variable: "$CACHE",
        method: "cache_dir",
        description: "The user's cache directory.",
        is_desktop_only: false,
    },
    BaseDirectory {
        variable: "$CONFIG",
        method: "config_dir",
        description: "The user's config directory.",
        is_desktop_only: false,
    },
    BaseDirectory {
        variable: "$DATA",
        method: "data_dir",
        description: "The user's data directory.",
        is_desktop_only: false,
    },
    BaseDirectory {
        variable: "$LOCALDATA",
        method: "local_data_dir",
        description: "The user's local data directory.",
        is_desktop_only: false,
    },
    BaseDirectory {
        variable: "$EXE",
        method: "executable_dir",
        description: "The user's executable directory.",
        is_desktop_only: true,
    },
    BaseDirectory {
        variable: "$FONT",
        method: "font_dir",
        description: "The user's font directory.",
        is_desktop_only: true,
    },
    BaseDirectory {
        variable: "$RUNTIME",
        method: "runtime_dir",
        description: "The user's runtime directory.",
        is_desktop_only: true,
    },
    BaseDirectory {
        variable: "$TEMPLATE",
        method: "template_dir",
        description: "The user's template directory.",
        is_desktop_only: true,
    },
];

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
    if let Some(rest) = trimmed.strip_prefix('/') {
        if is_whole_tree(rest) {
            return Some("the whole file system".to_owned());
        }
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
    if let Some(base) = split.base {
        if SENSITIVE_BASES.contains(&base) && is_whole_tree(split.rest) {
            return Some(format!("all of `{base}`"));
        }
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
