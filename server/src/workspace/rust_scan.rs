//! A plain text scan of an app's Rust sources for window and webview labels and for
//! `#[tauri::command]` functions.
//!
//! Windows can be created at run time, so labels found here complement those of the
//! config. The scan looks for builder calls whose label argument is a string literal
//! (`WebviewWindowBuilder::new(app, "about", ..)`, `WebviewBuilder::new("panel", ..)`,
//! `WebviewWindow::builder(..)`, …) and for lookups such as `get_webview_window("main")`.
//! A label made with `format!("reader-{}", id)` is recorded as the pattern `reader-*`,
//! and one named by a constant (`MAIN_WINDOW`, `labels::MAIN`) as that constant, which
//! the app resolves against the `const`/`static` string items of all its sources. Any
//! other label that is not a literal is recorded as a dynamic label, so unknown-window
//! warnings can say they may be created at run time. No Rust is parsed or run; comments
//! are not skipped, which can only add labels.

use regex::Regex;
use std::sync::OnceLock;

use crate::text::{TextRange, range};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum LabelKind {
    /// A window that has a webview of the same label (`WebviewWindowBuilder`).
    WebviewWindow,
    /// A bare window (`WindowBuilder`), which hosts webviews added to it.
    Window,
    /// A webview added to a window (`WebviewBuilder`).
    Webview,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoundLabel {
    pub kind: LabelKind,
    /// `None` for a label computed at run time.
    pub label: Option<String>,
    /// The literal, or the whole argument when it is not a literal.
    pub range: TextRange,
    /// True for a lookup (`get_webview_window`) rather than a creation.
    pub is_lookup: bool,
    /// True when `label` is a glob standing for labels made at run time (`reader-*`).
    pub is_pattern: bool,
    /// The constant the argument names (`MAIN_WINDOW`), when `label` is `None`.
    pub constant: Option<String>,
}

/// A `const` or `static` string item: `const MAIN_WINDOW: &str = "main";`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoundConstant {
    pub name: String,
    pub value: String,
    /// The string literal.
    pub range: TextRange,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoundCommand {
    pub name: String,
    pub range: TextRange,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RustScan {
    pub labels: Vec<FoundLabel>,
    pub commands: Vec<FoundCommand>,
    pub constants: Vec<FoundConstant>,
}

struct Call {
    pattern: &'static str,
    kind: LabelKind,
    /// Which argument holds the label.
    argument: usize,
    is_lookup: bool,
}

const CALLS: &[Call] = &[
    Call {
        pattern: "WebviewWindowBuilder::new",
        kind: LabelKind::WebviewWindow,
        argument: 1,
        is_lookup: false,
    },
    Call {
        pattern: "WebviewWindow::builder",
        kind: LabelKind::WebviewWindow,
        argument: 1,
        is_lookup: false,
    },
    Call {
        pattern: "WindowBuilder::new",
        kind: LabelKind::Window,
        argument: 1,
        is_lookup: false,
    },
    Call {
        pattern: "Window::builder",
        kind: LabelKind::Window,
        argument: 1,
        is_lookup: false,
    },
    Call {
        pattern: "WebviewBuilder::new",
        kind: LabelKind::Webview,
        argument: 0,
        is_lookup: false,
    },
    Call {
        pattern: "Webview::builder",
        kind: LabelKind::Webview,
        argument: 0,
        is_lookup: false,
    },
    Call {
        pattern: "get_webview_window",
        kind: LabelKind::WebviewWindow,
        argument: 0,
        is_lookup: true,
    },
    Call {
        pattern: "get_window",
        kind: LabelKind::Window,
        argument: 0,
        is_lookup: true,
    },
    Call {
        pattern: "get_webview",
        kind: LabelKind::Webview,
        argument: 0,
        is_lookup: true,
    },
];

fn call_regex() -> &'static Regex {
    static REGEX: OnceLock<Regex> = OnceLock::new();
    REGEX.get_or_init(|| {
        let alternatives = CALLS
            .iter()
            .map(|call| regex::escape(call.pattern))
            .collect::<Vec<_>>()
            .join("|");
        Regex::new(&format!(r"\b({alternatives})\s*(?:::<[^>]*>)?\s*\(")).expect("valid regex")
    })
}

fn constant_regex() -> &'static Regex {
    static REGEX: OnceLock<Regex> = OnceLock::new();
    REGEX.get_or_init(|| {
        Regex::new(r#"\b(?:const|static)\s+([A-Za-z_][A-Za-z0-9_]*)\s*:\s*&\s*(?:'static\s+)?str\s*=\s*("(?:[^"\\\n]|\\.)*")\s*;"#)
            .expect("valid regex")
    })
}

fn command_regex() -> &'static Regex {
    static REGEX: OnceLock<Regex> = OnceLock::new();
    REGEX.get_or_init(|| {
        Regex::new(r"#\[\s*(?:tauri::)?command\b[^\]]*\]\s*(?:#\[[^\]]*\]\s*)*(?:pub(?:\([^)]*\))?\s+)?(?:async\s+)?fn\s+([A-Za-z_][A-Za-z0-9_]*)")
            .expect("valid regex")
    })
}

pub fn scan(text: &str) -> RustScan {
    let mut result = RustScan::default();
    for captures in call_regex().captures_iter(text) {
        let (Some(name), Some(whole)) = (captures.get(1), captures.get(0)) else {
            continue;
        };
        // `WindowBuilder::new` is also the tail of `WebviewWindowBuilder::new`; the regex's
        // word boundary keeps them apart, but `get_webview` must not eat `get_webview_window`.
        let Some(call) = CALLS.iter().find(|call| call.pattern == name.as_str()) else {
            continue;
        };
        let arguments = split_arguments(text, whole.end());
        let Some(&(start, end)) = arguments.get(call.argument) else {
            continue;
        };
        let argument = text[start..end].trim();
        let offset = start + (text[start..end].len() - text[start..end].trim_start().len());
        let mut found = FoundLabel {
            kind: call.kind,
            label: string_literal(argument),
            range: range(offset, offset + argument.len()),
            is_lookup: call.is_lookup,
            is_pattern: false,
            constant: None,
        };
        if found.label.is_none() {
            if let Some(pattern) = format_pattern(argument) {
                found.label = Some(pattern);
                found.is_pattern = true;
            } else {
                found.constant = constant_name(argument);
            }
        }
        if found.label.is_none() && found.constant.is_none() && call.is_lookup {
            continue;
        }
        result.labels.push(found);
    }
    for captures in constant_regex().captures_iter(text) {
        let (Some(name), Some(literal)) = (captures.get(1), captures.get(2)) else {
            continue;
        };
        if let Some(value) = string_literal(literal.as_str()) {
            result.constants.push(FoundConstant {
                name: name.as_str().to_owned(),
                value,
                range: range(literal.start(), literal.end()),
            });
        }
    }
    for captures in command_regex().captures_iter(text) {
        if let Some(name) = captures.get(1) {
            result.commands.push(FoundCommand {
                name: name.as_str().to_owned(),
                range: range(name.start(), name.end()),
            });
        }
    }
    result
}

/// The byte ranges of the top-level arguments of a call whose `(` ends at `open`.
fn split_arguments(text: &str, open: usize) -> Vec<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut arguments = Vec::new();
    let mut depth = 0usize;
    let mut start = open;
    let mut index = open;
    let mut in_string = false;
    while index < bytes.len() {
        let byte = bytes[index];
        if in_string {
            if byte == b'\\' {
                index += 1;
            } else if byte == b'"' {
                in_string = false;
            }
        } else {
            match byte {
                b'"' => in_string = true,
                b'(' | b'[' | b'{' => depth += 1,
                b')' | b']' | b'}' => {
                    if depth == 0 {
                        arguments.push((start, index));
                        return arguments;
                    }
                    depth -= 1;
                }
                b',' if depth == 0 => {
                    arguments.push((start, index));
                    start = index + 1;
                }
                _ => {}
            }
        }
        index += 1;
        if index - open > 4096 {
            break;
        }
    }
    arguments
}

/// The value of a plain string literal argument (`"x"`, `&"x"`, `"x".to_string()`).
fn string_literal(argument: &str) -> Option<String> {
    let argument = argument.trim_start_matches('&').trim();
    let rest = argument.strip_prefix('"')?;
    let end = rest.find('"')?;
    let value = &rest[..end];
    let tail = rest[end + 1..].trim();
    let plain_tail = tail.is_empty()
        || tail == ".to_string()"
        || tail == ".to_owned()"
        || tail == ".into()"
        || tail == ".into_owned()";
    (plain_tail && !value.contains('\\')).then(|| value.to_owned())
}

/// The label pattern of a `format!` argument: `&format!("reader-{}", id)` and
/// `format!("reader-{id}")` give `reader-*`. `None` when the format string holds glob
/// characters of its own or nothing but placeholders (`*` would say nothing).
fn format_pattern(argument: &str) -> Option<String> {
    let argument = argument.trim_start_matches('&').trim();
    let rest = argument.strip_prefix("format!")?.trim_start();
    let rest = rest.strip_prefix('(')?.trim_start();
    let body = rest.strip_prefix('"')?;
    let end = body.find('"')?;
    let format = &body[..end];
    if format.contains(['\\', '*', '?', '[', ']']) {
        return None;
    }
    let mut pattern = String::new();
    let mut chars = format.chars().peekable();
    while let Some(char) = chars.next() {
        match char {
            '{' if chars.peek() == Some(&'{') => {
                chars.next();
                pattern.push('{');
            }
            '}' if chars.peek() == Some(&'}') => {
                chars.next();
                pattern.push('}');
            }
            '{' => {
                // A placeholder, up to its closing brace.
                for inner in chars.by_ref() {
                    if inner == '}' {
                        break;
                    }
                }
                if !pattern.ends_with('*') {
                    pattern.push('*');
                }
            }
            other => pattern.push(other),
        }
    }
    (pattern.contains('*') && pattern != "*").then_some(pattern)
}

/// The constant an argument names: `MAIN_WINDOW`, `&MAIN`, `labels::MAIN`,
/// `Self::LABEL`, `MAIN.to_string()`; only upper-case names, which Rust reserves for
/// constants and statics by convention.
fn constant_name(argument: &str) -> Option<String> {
    let argument = argument.trim_start_matches('&').trim();
    let argument = [".to_string()", ".to_owned()", ".into()"]
        .iter()
        .find_map(|tail| argument.strip_suffix(tail))
        .unwrap_or(argument);
    let name = argument.rsplit("::").next()?;
    let is_path = argument
        .split("::")
        .all(|part| !part.is_empty() && part.chars().all(|c| c.is_alphanumeric() || c == '_'));
    let is_constant = name.starts_with(|c: char| c.is_ascii_uppercase())
        && name
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_');
    (is_path && is_constant).then(|| name.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_literal_dynamic_and_looked_up_labels() {
        let text = r#"
pub(crate) const SETTINGS: &str = "settings";
static NOT_A_LABEL: usize = 3;

#[tauri::command]
async fn greet_user(name: String) -> String { name }

#[command]
pub fn save(state: State<'_, Db>) {}

fn setup(app: &mut App) -> Result<()> {
    WebviewWindowBuilder::new(app, "about", WebviewUrl::App("about.html".into())).build()?;
    let window = tauri::window::WindowBuilder::new(app.handle(), "host").build()?;
    window.add_child(WebviewBuilder::new("panel", WebviewUrl::default()), pos, size)?;
    WebviewWindowBuilder::new(app, &format!("doc-{}", id), url).build()?;
    WebviewWindowBuilder::new(app, format!("reader-{id}"), url).build()?;
    WebviewWindowBuilder::new(app, labels::SETTINGS, url).build()?;
    WebviewWindowBuilder::new(app, label, url).build()?;
    let main = app.get_webview_window("main").unwrap();
    let other = app.get_webview_window(&window_label).unwrap();
    Ok(())
}
"#;
        let scan = scan(text);
        let labels: Vec<String> = scan
            .labels
            .iter()
            .map(|found| {
                format!(
                    "{:?} {:?} {}{}",
                    found.kind,
                    found.label,
                    crate::text::slice(text, found.range),
                    if found.is_lookup { " (lookup)" } else { "" },
                ) + if found.is_pattern { " (pattern)" } else { "" }
                    + &found
                        .constant
                        .as_ref()
                        .map(|name| format!(" (constant {name})"))
                        .unwrap_or_default()
            })
            .collect();
        assert_eq!(
            labels,
            [
                r#"WebviewWindow Some("about") "about""#,
                r#"Window Some("host") "host""#,
                r#"Webview Some("panel") "panel""#,
                r#"WebviewWindow Some("doc-*") &format!("doc-{}", id) (pattern)"#,
                r#"WebviewWindow Some("reader-*") format!("reader-{id}") (pattern)"#,
                r#"WebviewWindow None labels::SETTINGS (constant SETTINGS)"#,
                r#"WebviewWindow None label"#,
                r#"WebviewWindow Some("main") "main" (lookup)"#,
            ]
        );
        let constants: Vec<_> = scan
            .constants
            .iter()
            .map(|constant| {
                format!(
                    "{} = {} at {}",
                    constant.name,
                    constant.value,
                    crate::text::slice(text, constant.range)
                )
            })
            .collect();
        assert_eq!(constants, [r#"SETTINGS = settings at "settings""#]);
        let commands: Vec<_> = scan
            .commands
            .iter()
            .map(|command| command.name.as_str())
            .collect();
        assert_eq!(commands, ["greet_user", "save"]);
    }
}
