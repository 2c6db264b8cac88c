//! Shared output helpers: path display and colour choice.

use std::io::IsTerminal;
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
