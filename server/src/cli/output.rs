//! Shared output helpers: writing to stdout, path display and colour choice.

use std::io::{IsTerminal, Write};
use std::path::Path;

/// Shows `path` relative to the current directory when it is below it.
pub fn display_path(path: &Path) -> String {
    let cwd = std::env::current_dir().ok();
    let relative = cwd
        .as_deref()
        .and_then(|cwd| path.strip_prefix(cwd).ok())
        .unwrap_or(path);
    relative.display().to_string()
}

/// Whether to colour output: on a terminal, unless `NO_COLOR` is set.
pub fn use_color(choice: super::ColorChoice) -> bool {
    match choice {
        super::ColorChoice::Always => true,
        super::ColorChoice::Never => false,
        super::ColorChoice::Auto => {
            std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none()
        }
    }
}

/// Writes `text` to stdout. A reader that went away (`tauri-acl explain | head`) is not
/// an error worth a panic: the rest is dropped.
pub fn emit(text: &str) {
    let mut stdout = std::io::stdout().lock();
    let _ = stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush());
}
