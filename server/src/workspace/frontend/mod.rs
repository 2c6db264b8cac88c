//! The app's frontend: its package folder, its JavaScript and TypeScript sources, and
//! what they tell about the app's use of Tauri, parsed with a real parser (oxc).
//!
//! Tauri knows a window by the label it was created with, and a frontend can create
//! windows as well as the Rust side (`new WebviewWindow('about', …)`). [`labels`] finds
//! those and [`ipc`] the calls that reach commands, each a visitor over the same parse;
//! [`app_calls`] links the files' calls through the app's own modules.
//! Files are found in the folder of the `package.json` beside or above the app's root,
//! skipping dependencies, build outputs, hidden folders and git-ignored paths
//! ([`source_files`]); component files (`.vue`, `.svelte`, `.astro`) are parsed by
//! their script blocks ([`script`]).
//!
//! Invariant: nothing here runs the frontend's tooling or reads `node_modules`; imports
//! are resolved only between the app's own kept files, by path. Only files that mention
//! Tauri's API, or import a module of the app that exports something, are kept.

pub mod app_calls;
pub mod ipc;
pub mod labels;
pub mod script;
pub mod source_files;

use std::collections::HashSet;
use std::path::{Path, PathBuf};

pub use source_files::source_files;

use super::fs::Fs;
use super::rust_scan::FoundLabel;

/// What one frontend file tells about the app.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FrontendScan {
    /// Window and webview labels created or looked up, with their ranges in the file.
    pub labels: Vec<FoundLabel>,
    /// IPC calls: literal and dynamic `invoke`s, calls of Tauri's JavaScript API.
    pub calls: Vec<ipc::FrontendCall>,
    /// How the file links to the app's other modules: exports and calls of the app's
    /// own functions.
    pub module: ipc::ModuleScan,
    /// Whether a script of the file could not be parsed in full (what could be read is
    /// still used).
    pub has_parse_errors: bool,
    /// Whether the file was not parsed at all (nested too deeply to parse safely).
    pub not_parsed: bool,
}

/// How far above the app's root a `package.json` is looked for: `src-tauri/..` is the
/// usual place, a monorepo's app folder or root the others.
const MAX_ANCESTORS: usize = 4;

/// The folder of the frontend package: the nearest folder at or above the app's root
/// holding a `package.json`, not looking above a repository's root (a `.git` folder).
pub fn find_package(fs: &dyn Fs, app_root: &Path) -> Option<PathBuf> {
    for dir in app_root.ancestors().take(MAX_ANCESTORS + 1) {
        if fs.is_file(&dir.join("package.json")) {
            return Some(dir.to_path_buf());
        }
        if fs.is_dir(&dir.join(".git")) {
            return None;
        }
    }
    None
}

/// Whether a file mentions Tauri's JavaScript API at all: an import from
/// `@tauri-apps/api` or a `@tauri-apps/plugin-*` package, or the globals `__TAURI__`
/// and `__TAURI_INTERNALS__`. Files that do not are not parsed (unless they import a
/// module that does, see [`import_names`]).
pub fn uses_tauri_api(bytes: &[u8]) -> bool {
    let mentions = |needle: &[u8]| bytes.windows(needle.len()).any(|window| window == needle);
    mentions(b"@tauri-apps/api") || mentions(b"@tauri-apps/plugin-") || mentions(b"__TAURI_")
}

/// The names a file's text may import modules by: each run of name characters right
/// after a `/` and right before a quote, a `.` (an extension) or a `/` (an index
/// file's folder). A cheap, linear filter before parsing; the parse and the module
/// resolution decide.
pub fn import_names(bytes: &[u8]) -> HashSet<&[u8]> {
    let is_name =
        |byte: u8| byte.is_ascii_alphanumeric() || matches!(byte, b'_' | b'-' | b'$' | b'@');
    let mut names = HashSet::new();
    let mut index = 0;
    while index < bytes.len() {
        if bytes[index] != b'/' {
            index += 1;
            continue;
        }
        let start = index + 1;
        let mut end = start;
        while end < bytes.len() && is_name(bytes[end]) {
            end += 1;
        }
        if end > start && matches!(bytes.get(end), Some(b'\'' | b'"' | b'`' | b'.' | b'/')) {
            names.insert(&bytes[start..end]);
        }
        index = end.max(start);
    }
    names
}

/// Parses the file's scripts and reads what they tell.
pub fn scan(path: &Path, text: &str) -> FrontendScan {
    let mut result = FrontendScan::default();
    let parsed_all = script::parse_scripts(path, text, |parsed| {
        result.has_parse_errors |= parsed.has_errors;
        labels::find_labels(parsed.program, parsed.offset, &mut result.labels);
        ipc::find_calls(
            parsed.program,
            parsed.offset,
            &mut result.calls,
            &mut result.module,
        );
    });
    result.not_parsed = !parsed_all;
    result
}
