//! Window and webview labels in a capability's `windows` and `webviews`: the config's
//! windows and the labels the app's Rust sources create.

use super::*;

#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum LabelList {
    Windows,
    Webviews,
}

impl Context<'_> {
    pub(super) fn labels(&self, list: LabelList) -> Vec<CompletionItem> {
        let present = self.present_in_container();
        let labels: Vec<_> = match list {
            LabelList::Windows => self.app.window_labels(None).collect(),
            LabelList::Webviews => self.app.webview_labels(None).collect(),
        };
        // Each label once, with every place it comes from.
        let mut by_label: BTreeMap<&str, Vec<&crate::workspace::LabelSource>> = BTreeMap::new();
        for label in labels {
            by_label
                .entry(label.label.as_str())
                .or_default()
                .push(label);
        }
        let kind = match list {
            LabelList::Windows => CompletionKind::Window,
            LabelList::Webviews => CompletionKind::Webview,
        };
        let mut items = Vec::new();
        for (label, sources) in by_label {
            if present.contains(label) {
                continue;
            }
            let mut places: Vec<String> = Vec::new();
            for source in &sources {
                let place = self.label_place(source);
                if !places.contains(&place) {
                    places.push(place);
                }
            }
            let what = match sources.iter().map(|source| source.kind).min() {
                Some(LabelKind::WebviewWindow) => "webview window",
                Some(LabelKind::Window) => "window",
                Some(LabelKind::Webview) | None => "webview",
            };
            let mut completion = item(kind, label, self.value_edit(label));
            let mut detail = format!("{what} · {}", places.join(", "));
            let platforms: Option<Vec<Platform>> =
                sources.iter().try_fold(Vec::new(), |mut acc, source| {
                    acc.extend(source.platforms.as_ref()?.iter().copied());
                    Some(acc)
                });
            if let Some(mut platforms) = platforms {
                platforms.sort();
                platforms.dedup();
                detail.push_str(&format!(" · only on {}", platform_names(&platforms)));
            }
            completion.detail = Some(detail);
            items.push(completion);
        }
        items
    }

    /// `tauri.conf.json` or `src/lib.rs:12` (or `looked up in …`).
    pub(super) fn label_place(&self, source: &crate::workspace::LabelSource) -> String {
        let path = self.display_path(source.file);
        if source.from_config {
            return path;
        }
        let line = self
            .workspace
            .file(source.file)
            .line_index
            .line_col(source.range.start())
            .line
            + 1;
        if source.is_lookup {
            format!("looked up in {path}:{line}")
        } else {
            format!("{path}:{line}")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::check;

    #[test]
    fn window_and_webview_labels() {
        let files = r#"
//- /src-tauri/tauri.conf.json
{ "app": { "windows": [{ "label": "main" }, { "label": "settings" }] } }
//- /src-tauri/src/lib.rs
fn setup(app: &App) {
    WebviewWindowBuilder::new(app, "about", WebviewUrl::default());
    let panel = WebviewBuilder::new("panel", WebviewUrl::default());
    app.get_webview_window("main");
}
"#;
        insta::assert_snapshot!(check(&format!(r#"{files}
//- /src-tauri/capabilities/default.json
{{ "identifier": "default", "windows": ["main", "$0"], "permissions": [] }}
"#)), @"
        about  [window] webview window · src/lib.rs:2  → insert `about`
        settings  [window] webview window · tauri.conf.json  → insert `settings`
        ");
        insta::assert_snapshot!(check(&format!(r#"{files}
//- /src-tauri/capabilities/default.toml
identifier = "default"
webviews = [$0]
permissions = []
"#)), @r#"
        about  [webview] webview window · src/lib.rs:2  → insert `"about"`
        main  [webview] webview window · tauri.conf.json, looked up in src/lib.rs:4  → insert `"main"`
        panel  [webview] webview · src/lib.rs:3  → insert `"panel"`
        settings  [webview] webview window · tauri.conf.json  → insert `"settings"`
        "#);
    }
}
