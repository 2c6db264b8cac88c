// Diagnostic: unknown-window, unknown-webview, invalid-glob, no-target.
//
//! A capability applies to the windows and webviews whose labels match its patterns. A
//! pattern the glob crate refuses fails Tauri's build; a pattern that matches no label
//! the app is known to create is probably a typo, but windows can be created at run time
//! with any label, so that is only a warning. A capability with no window, no webview, or
//! no origin (`local: false` and no remote URLs) applies to nothing.

use super::{AppContext, Diagnostic, platforms_for, requote};
use crate::diagnostic::Code;
use crate::ide::suggest;
use crate::resolver::pattern;
use crate::workspace::LabelSource;

pub(super) fn check(context: &AppContext<'_>, acc: &mut Vec<Diagnostic>) {
    let app = context.app;
    for reference in context.wanted_capabilities() {
        let Some(capability) = context.capability(*reference) else {
            continue;
        };
        let file = reference.file;
        let platforms = platforms_for(app, capability);
        // Patterns of labels made at run time (`reader-*`) count as known: a capability
        // pattern that can match what they make is not a typo.
        let window_labels: Vec<&LabelSource> = platforms
            .iter()
            .flat_map(|platform| app.window_labels_and_patterns(Some(*platform)))
            .collect();
        let webview_labels: Vec<&LabelSource> = platforms
            .iter()
            .flat_map(|platform| app.webview_labels_and_patterns(Some(*platform)))
            .collect();
        // Without a config nothing says which windows exist; patterns are still
        // checked for syntax.
        let labels_known = app.config.is_some();
        for (patterns, labels, is_window) in [
            (capability.window_patterns(), &window_labels, true),
            (capability.webview_patterns(), &webview_labels, false),
        ] {
            for item in patterns {
                if let Err(message) = pattern::compile_label(&item.value) {
                    acc.push(Diagnostic::new(
                        Code::InvalidGlob,
                        file,
                        item.range,
                        format!("`{}` is not a valid label pattern: {message}; Tauri's build fails on it", item.value),
                    ));
                    continue;
                }
                if labels.iter().any(|label| {
                    pattern::matches_known_label(&item.value, &label.label, label.is_pattern)
                }) {
                    continue;
                }
                // `*` with no known label at all says nothing useful.
                if !labels_known || (labels.is_empty() && item.value == "*") {
                    continue;
                }
                acc.push(unknown_label(context, file, item, labels, is_window));
            }
        }
        // A `windows` of the wrong type is already an error; saying it targets nothing
        // on top would be noise.
        let tree = context
            .workspace
            .file(file)
            .parse
            .as_ref()
            .map(|parse| &parse.tree);
        let has_malformed_targets = tree.is_some_and(|tree| {
            (tree.get(capability.node, "windows").is_some() && capability.windows.is_none())
                || (tree.get(capability.node, "webviews").is_some()
                    && capability.webviews.is_none())
        });
        let no_labels = capability.window_patterns().is_empty()
            && capability.webview_patterns().is_empty()
            && !has_malformed_targets;
        let no_origin = !capability.is_local() && capability.remote_urls().is_empty();
        if no_labels || no_origin {
            let reason = if no_labels {
                "it lists no `windows` and no `webviews`"
            } else {
                "`local` is false and it lists no `remote.urls`"
            };
            let name = match capability.identifier() {
                Some(identifier) => format!("capability `{identifier}`"),
                None => "this capability".to_owned(),
            };
            let mut diagnostic = Diagnostic::new(
                Code::NoTarget,
                file,
                capability.focus_range(),
                format!("{name} applies to nothing: {reason}"),
            );
            if no_labels {
                let known: Vec<String> = {
                    let mut labels: Vec<String> = app
                        .window_labels(None)
                        .filter(|label| !label.is_lookup)
                        .map(|label| format!("\"{}\"", label.label))
                        .collect();
                    labels.sort();
                    labels.dedup();
                    labels
                };
                diagnostic = diagnostic.note(if known.is_empty() {
                    "help: add `\"windows\": [\"main\"]` with the labels of the windows it is for"
                        .to_owned()
                } else {
                    format!("help: add `\"windows\": [{}]`", known.join(", "))
                });
            }
            acc.push(diagnostic);
        }
    }
}

fn unknown_label(
    context: &AppContext<'_>,
    file: crate::workspace::FileId,
    item: &crate::model::Spanned<String>,
    labels: &[&LabelSource],
    is_window: bool,
) -> Diagnostic {
    let workspace = context.workspace;
    let (code, noun) = if is_window {
        (Code::UnknownWindow, "window")
    } else {
        (Code::UnknownWebview, "webview")
    };
    let mut names: Vec<&str> = labels.iter().map(|label| label.label.as_str()).collect();
    names.sort();
    names.dedup();
    let mut message = format!("no {noun} labelled `{}` is known", item.value);
    if item.value.contains(['*', '?', '[']) {
        message = format!("the pattern `{}` matches no known {noun} label", item.value);
    }
    let suggestions = suggest::closest(&item.value, names.iter().copied());
    if let Some(first) = suggestions.first() {
        message.push_str(&format!("; did you mean `{first}`?"));
    }
    let mut diagnostic = Diagnostic::new(code, file, item.range, message);
    diagnostic = diagnostic.note(if names.is_empty() {
        format!("note: the app's config and Rust sources create no {noun} with a literal label")
    } else {
        format!(
            "note: known {noun} labels: {}",
            names
                .iter()
                .map(|name| format!("`{name}`"))
                .collect::<Vec<_>>()
                .join(", ")
        )
    });
    if let Some((dynamic_file, dynamic_range)) = context.app.dynamic_labels.first() {
        let path = &workspace.file(*dynamic_file).path;
        let line = workspace
            .file(*dynamic_file)
            .line_index
            .line_col(dynamic_range.start())
            .line
            + 1;
        diagnostic = diagnostic.note(format!(
            "note: labels computed at run time ({}:{line}) may still match",
            path.file_name()
                .map(|name| name.to_string_lossy())
                .unwrap_or_default()
        ));
    }
    if let Some(first) = suggestions.first()
        && let Some(label) = labels.iter().find(|label| label.label == *first)
    {
        diagnostic = diagnostic.related(
            label.file,
            label.range,
            format!("`{first}` is defined here"),
        );
    }
    for suggestion in suggestions {
        diagnostic = diagnostic.replace_with(
            format!("Replace with `{suggestion}`"),
            requote(workspace, file, item.range, suggestion),
        );
    }
    diagnostic
}

#[cfg(test)]
mod tests {
    use crate::ide::diagnostics::render_fixture;

    #[test]
    fn unknown_and_invalid_labels_and_no_target() {
        insta::assert_snapshot!(render_fixture(r#"
//- /src-tauri/tauri.conf.json
{ "app": { "windows": [{ "label": "main" }, { "label": "settings" }], "security": { "csp": "default-src 'self'" } } }
//- /src-tauri/src/lib.rs
fn setup(app: &App) { WebviewWindowBuilder::new(app, "about", url).build(); }
//- /src-tauri/capabilities/default.json
[
  { "identifier": "a", "windows": ["main", "setings", "popup-*", "main["], "webviews": ["sidebar"], "permissions": [] },
  { "identifier": "b", "windows": ["ab*", "*"], "permissions": [] },
  { "identifier": "c", "permissions": [] },
  { "identifier": "d", "windows": ["main"], "local": false, "permissions": [] }
]
"#), @r#"
        warning[unknown-window]: no window labelled `setings` is known; did you mean `settings`?
         --> /src-tauri/capabilities/default.json:2:44
          |
        2 |   { "identifier": "a", "windows": ["main", "setings", "popup-*", "main["], "webviews": ["sidebar"], "permissions": [] },
          |                                            ^^^^^^^^^
          |
         ::: /src-tauri/tauri.conf.json:1:56
          |
        1 | { "app": { "windows": [{ "label": "main" }, { "label": "settings" }], "security": { "csp": "default-src 'self'" } } }
          |                                                        ---------- `settings` is defined here
          |
          = note: known window labels: `about`, `main`, `settings`
          = help: Replace with `settings`
        warning[unknown-window]: the pattern `popup-*` matches no known window label
         --> /src-tauri/capabilities/default.json:2:55
          |
        2 |   { "identifier": "a", "windows": ["main", "setings", "popup-*", "main["], "webviews": ["sidebar"], "permissions": [] },
          |                                                       ^^^^^^^^^
          |
          = note: known window labels: `about`, `main`, `settings`
        error[invalid-glob]: `main[` is not a valid label pattern: invalid range pattern; Tauri's build fails on it
         --> /src-tauri/capabilities/default.json:2:66
          |
        2 |   { "identifier": "a", "windows": ["main", "setings", "popup-*", "main["], "webviews": ["sidebar"], "permissions": [] },
          |                                                                  ^^^^^^^
        warning[unknown-webview]: no webview labelled `sidebar` is known
         --> /src-tauri/capabilities/default.json:2:89
          |
        2 |   { "identifier": "a", "windows": ["main", "setings", "popup-*", "main["], "webviews": ["sidebar"], "permissions": [] },
          |                                                                                         ^^^^^^^^^
          |
          = note: known webview labels: `about`, `main`, `settings`
        warning[no-target]: capability `c` applies to nothing: it lists no `windows` and no `webviews`
         --> /src-tauri/capabilities/default.json:4:19
          |
        4 |   { "identifier": "c", "permissions": [] },
          |                   ^^^
          |
          = help: add `"windows": ["about", "main", "settings"]`
        warning[no-target]: capability `d` applies to nothing: `local` is false and it lists no `remote.urls`
         --> /src-tauri/capabilities/default.json:5:19
          |
        5 |   { "identifier": "d", "windows": ["main"], "local": false, "permissions": [] }
          |                   ^^^
        "#);
    }

    #[test]
    fn labels_made_at_run_time_by_the_frontend_constants_and_format() {
        insta::assert_snapshot!(render_fixture(r#"
//- /package.json
{ "name": "app" }
//- /src/windows.ts
import { WebviewWindow } from '@tauri-apps/api/webviewWindow'
new WebviewWindow('about')
//- /src-tauri/tauri.conf.json
{ "app": { "windows": [{ "label": "main" }], "security": { "csp": "default-src 'self'" } } }
//- /src-tauri/src/lib.rs
const SETTINGS: &str = "settings";
fn setup(app: &App) {
    WebviewWindowBuilder::new(app, SETTINGS, url).build();
    WebviewWindowBuilder::new(app, &format!("reader-{}", id), url).build();
}
//- /src-tauri/capabilities/default.json
{ "identifier": "a", "windows": ["main", "about", "settings", "reader-*", "reader-1", "writer-*"], "permissions": [] }
"#), @r#"
        warning[unknown-window]: the pattern `writer-*` matches no known window label
         --> /src-tauri/capabilities/default.json:1:87
          |
        1 | { "identifier": "a", "windows": ["main", "about", "settings", "reader-*", "reader-1", "writer-*"], "permissions": [] }
          |                                                                                       ^^^^^^^^^^
          |
          = note: known window labels: `about`, `main`, `reader-*`, `settings`
        "#);
    }

    /// Without an identifier the message names no capability, rather than "capability
    /// `this capability`".
    #[test]
    fn no_target_without_an_identifier() {
        let rendered = render_fixture(
            r#"
//- /src-tauri/capabilities/default.json
{ "permissions": [] }
"#,
        );
        assert!(
            rendered.contains("warning[no-target]: this capability applies to nothing"),
            "{rendered}"
        );
        assert!(!rendered.contains("`this capability`"), "{rendered}");
    }
}
