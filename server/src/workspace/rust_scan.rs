//! A plain text scan of an app's Rust sources for window and webview labels, for
//! `#[tauri::command]` functions and for the commands each `generate_handler![…]`
//! registers (tauri-macros `generate_handler`: a comma-separated list of paths whose
//! last segment is the command's name).
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

/// One `generate_handler![…]` invocation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoundHandler {
    /// The commands it registers, by name (`greet` for `commands::greet`), each at the
    /// range of its path's last segment.
    pub commands: Vec<FoundCommand>,
    /// The macro invocation, from `generate_handler` to its closing bracket.
    pub range: TextRange,
    /// Whether the file builds a plugin (it names `plugin::Builder` or `TauriPlugin`):
    /// its handlers may register a plugin's commands rather than the app's.
    pub in_plugin_file: bool,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RustScan {
    pub labels: Vec<FoundLabel>,
    pub commands: Vec<FoundCommand>,
    pub constants: Vec<FoundConstant>,
    /// Every `generate_handler!` of the file.
    pub handlers: Vec<FoundHandler>,
    /// Whether the file passes `invoke_handler` something other than a
    /// `generate_handler!` (a function, a closure): the app may register commands the
    /// scan cannot list.
    pub has_opaque_handler: bool,
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
    // `tauri::plugin::Builder`, or `use tauri::plugin::{Builder, TauriPlugin}`.
    let in_plugin_file = text.contains("plugin::Builder") || text.contains("TauriPlugin");
    for found in handler_regex().find_iter(text) {
        if let Some(handler) = handler_at(text, found.start(), found.end(), in_plugin_file) {
            result.handlers.push(handler);
        }
    }
    result.has_opaque_handler = invoke_handler_regex()
        .captures_iter(text)
        .any(|captures| captures.get(1).is_none());
    result
}

fn handler_regex() -> &'static Regex {
    static REGEX: OnceLock<Regex> = OnceLock::new();
    REGEX.get_or_init(|| Regex::new(r"\bgenerate_handler\s*!\s*[\[({]").expect("valid regex"))
}

/// `.invoke_handler(` and whether a `generate_handler!` follows it directly.
fn invoke_handler_regex() -> &'static Regex {
    static REGEX: OnceLock<Regex> = OnceLock::new();
    REGEX.get_or_init(|| {
        Regex::new(r"\.invoke_handler\s*\(\s*(?:(?:::)?(?:tauri\s*::\s*)?(generate_handler)\s*!)?")
            .expect("valid regex")
    })
}

/// The items of the `generate_handler!` whose opening bracket ends at `open`: paths
/// separated by commas, each maybe after `#[cfg(…)]` attributes, with `//` and `/* */`
/// comments skipped and a trailing comma allowed. `None` when the brackets never close
/// (the file is being typed). Items that are not paths are left out.
fn handler_at(text: &str, start: usize, open: usize, in_plugin_file: bool) -> Option<FoundHandler> {
    let bytes = text.as_bytes();
    let closing = match bytes.get(open - 1)? {
        b'[' => b']',
        b'(' => b')',
        _ => b'}',
    };
    let mut commands = Vec::new();
    let mut index = open;
    // The current item: where its last path segment starts and ends, and whether the
    // item is still a plain path.
    let mut segment: Option<(usize, usize)> = None;
    let mut is_path = true;
    let mut depth = 0usize;
    let mut finish = |segment: &mut Option<(usize, usize)>, is_path: &mut bool| {
        if let Some((from, to)) = segment.take()
            && *is_path
        {
            commands.push(FoundCommand {
                name: text[from..to].to_owned(),
                range: range(from, to),
            });
        }
        *is_path = true;
    };
    loop {
        let byte = *bytes.get(index)?;
        match byte {
            b'/' if bytes.get(index + 1) == Some(&b'/') => {
                index = text[index..]
                    .find('\n')
                    .map_or(bytes.len(), |end| index + end);
                continue;
            }
            b'/' if bytes.get(index + 1) == Some(&b'*') => {
                index = text[index + 2..]
                    .find("*/")
                    .map(|end| index + 2 + end + 2)?;
                continue;
            }
            b'#' if depth == 0 && segment.is_none() => {
                // An attribute on the item (`#[cfg(debug_assertions)]`): skip it whole.
                let open_attribute = index + text[index..].find('[')?;
                let mut attribute_depth = 0usize;
                let mut at = open_attribute;
                loop {
                    match *bytes.get(at)? {
                        b'[' => attribute_depth += 1,
                        b']' => {
                            attribute_depth -= 1;
                            if attribute_depth == 0 {
                                break;
                            }
                        }
                        _ => {}
                    }
                    at += 1;
                }
                index = at + 1;
                continue;
            }
            b'[' | b'(' | b'{' => {
                depth += 1;
                is_path = false;
            }
            b']' | b')' | b'}' if depth > 0 => depth -= 1,
            _ if byte == closing && depth == 0 => {
                finish(&mut segment, &mut is_path);
                return Some(FoundHandler {
                    commands,
                    range: range(start, index + 1),
                    in_plugin_file,
                });
            }
            b',' if depth == 0 => finish(&mut segment, &mut is_path),
            b':' if depth == 0 => {
                // A path separator: the next identifier is the new last segment.
                if bytes.get(index + 1) == Some(&b':') {
                    segment = None;
                    index += 2;
                    continue;
                }
                is_path = false;
            }
            _ if byte.is_ascii_alphanumeric() || byte == b'_' => {
                let end = index
                    + text[index..]
                        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                        .unwrap_or(text.len() - index);
                if depth == 0 {
                    match segment {
                        // Two identifiers in a row (`root = x`) is not a path.
                        Some(_) => is_path = false,
                        None => segment = Some((index, end)),
                    }
                }
                index = end;
                continue;
            }
            _ if byte.is_ascii_whitespace() => {}
            _ => {
                if depth == 0 {
                    is_path = false;
                }
            }
        }
        index += 1;
    }
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

    fn registered(text: &str) -> Vec<Vec<String>> {
        scan(text)
            .handlers
            .iter()
            .map(|handler| {
                handler
                    .commands
                    .iter()
                    .map(|command| {
                        assert_eq!(crate::text::slice(text, command.range), command.name);
                        command.name.clone()
                    })
                    .collect()
            })
            .collect()
    }

    #[test]
    fn generate_handler_lists_the_last_segment_of_each_path() {
        let text = r#"
fn run() {
    tauri::Builder::default()
        .invoke_handler(tauri::generate_handler![
            greet,
            commands::notes::save_note, // Saves one note.
            /* commands::old, */ crate::export_notes,
            #[cfg(debug_assertions)]
            debug::dump,
        ])
        .run(ctx);
}
fn other() { let h = generate_handler!(a, b); }
"#;
        assert_eq!(
            registered(text),
            [
                vec!["greet", "save_note", "export_notes", "dump"],
                vec!["a", "b"]
            ]
        );
        assert!(!scan(text).has_opaque_handler);
    }

    #[test]
    fn an_invoke_handler_that_is_no_macro_is_opaque() {
        let text =
            "builder.invoke_handler(my_handlers())\n.invoke_handler(move |invoke| x(invoke))";
        let found = scan(text);
        assert!(found.handlers.is_empty());
        assert!(found.has_opaque_handler);
        // An unclosed macro being typed lists nothing rather than guessing.
        assert_eq!(
            registered("generate_handler![greet, sa"),
            Vec::<Vec<String>>::new()
        );
        // Items that are not paths are left out.
        assert_eq!(
            registered("generate_handler![x = \"y\", ok, f(1)]"),
            [vec!["ok"]]
        );
    }
}
