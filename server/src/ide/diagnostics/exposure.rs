// Diagnostic: wildcard-window, remote-wildcard.
//
//! Who gets powerful commands. `windows: ["*"]` hands a capability to every window,
//! including ones added later for less trusted content; remote capabilities hand
//! commands to web pages the app does not ship. Both are fine for harmless commands and
//! dangerous for the ones that write files, run programs, reach the network or end the
//! process.

use std::collections::BTreeSet;

use super::{AppContext, Diagnostic};
use crate::diagnostic::Code;
use crate::resolver::Resolution;
use crate::workspace::catalogue::APP_KEY;

/// Commands that can hurt the user if a compromised page calls them.
fn is_powerful(key: &str, command: &str) -> bool {
    match key {
        "shell" => matches!(command, "execute" | "spawn" | "kill" | "stdin_write"),
        "fs" => matches!(
            command,
            "write"
                | "write_file"
                | "write_text_file"
                | "remove"
                | "rename"
                | "copy_file"
                | "mkdir"
                | "create"
                | "truncate"
        ),
        "http" => command.starts_with("fetch"),
        "process" => matches!(command, "exit" | "restart"),
        _ => false,
    }
}

fn powerful_commands(resolution: &Resolution) -> BTreeSet<&str> {
    resolution
        .grants()
        .filter(|grant| !grant.is_deny && is_powerful(&grant.key, grant.command_name()))
        .map(|grant| grant.item.command.as_str())
        .collect()
}

fn sample(items: &BTreeSet<&str>) -> String {
    let shown: Vec<String> = items
        .iter()
        .take(3)
        .map(|item| format!("`{item}`"))
        .collect();
    match items.len().saturating_sub(3) {
        0 => shown.join(", "),
        more => format!("{} and {more} more", shown.join(", ")),
    }
}

pub(super) fn check(context: &AppContext<'_>, acc: &mut Vec<Diagnostic>) {
    let app = context.app;
    let labels: BTreeSet<&str> = app
        .window_labels(None)
        .filter(|label| !label.is_lookup)
        .map(|label| label.label.as_str())
        .collect();
    for reference in context.wanted_capabilities() {
        let Some(capability) = context.capability(*reference) else {
            continue;
        };
        let Some(resolutions) = context.resolutions.get(reference) else {
            continue;
        };
        let powerful: BTreeSet<&str> = resolutions
            .iter()
            .flat_map(|resolution| powerful_commands(resolution))
            .collect();
        if !powerful.is_empty() && (labels.len() > 1 || !app.dynamic_labels.is_empty()) {
            let everyone = capability
                .window_patterns()
                .iter()
                .chain(capability.webview_patterns())
                .filter(|pattern| pattern.value == "*");
            for pattern in everyone {
                let names: Vec<String> = labels.iter().map(|label| format!("`{label}`")).collect();
                let message = if names.is_empty() {
                    format!(
                        "`*` gives {} to every window, including the ones the app creates at run time",
                        sample(&powerful)
                    )
                } else {
                    format!(
                        "`*` gives every window ({}, and any created later) {}",
                        names.join(", "),
                        sample(&powerful)
                    )
                };
                let diagnostic =
                    Diagnostic::new(Code::WildcardWindow, reference.file, pattern.range, message)
                        .note("help: list the windows that need these commands");
                // With no label known statically there is nothing to replace `*` with:
                // an empty list would revoke the capability.
                if names.is_empty() {
                    acc.push(diagnostic);
                    continue;
                }
                let format = context
                    .workspace
                    .file(reference.file)
                    .format
                    .unwrap_or(crate::syntax::SourceFormat::Json);
                acc.push(diagnostic.fix(
                    format!("Replace `*` with the known windows ({})", names.join(", ")),
                    vec![crate::ide::edit::Edit {
                        range: pattern.range,
                        new_text: labels
                            .iter()
                            .map(|label| crate::ide::edit::string_literal(format, label))
                            .collect::<Vec<_>>()
                            .join(", "),
                    }],
                ));
            }
        }
        // One finding per capability: its risky patterns share one fix (narrow them).
        let risky: Vec<(&crate::model::Spanned<String>, String)> = capability
            .remote_urls()
            .iter()
            .filter_map(|url| Some((url, risky_remote(&url.value)?)))
            .collect();
        if let Some(((first, _), rest)) = risky.split_first() {
            // Grouped by reason, in order: "`http://*` and `https://*` match every host".
            let mut groups: Vec<(&str, Vec<String>)> = Vec::new();
            for (url, why) in &risky {
                let quoted = format!("`{}`", url.value);
                match groups.iter_mut().find(|(reason, _)| reason == why) {
                    Some((_, urls)) => urls.push(quoted),
                    None => groups.push((why.as_str(), vec![quoted])),
                }
            }
            let message = groups
                .iter()
                .map(|(why, urls)| {
                    let urls: Vec<&str> = urls.iter().map(String::as_str).collect();
                    let why = if urls.len() == 1 {
                        (*why).to_owned()
                    } else {
                        plural_verb(why)
                    };
                    format!("{} {why}", crate::ide::wording::and_list(&urls))
                })
                .collect::<Vec<_>>()
                .join("; ");
            let mut diagnostic =
                Diagnostic::new(Code::RemoteWildcard, reference.file, first.range, message);
            for (url, why) in rest {
                diagnostic = diagnostic.related(reference.file, url.range, why.clone());
            }
            acc.push(diagnostic);
        }
        if capability.remote_urls().is_empty() {
            continue;
        }
        let exposed: BTreeSet<&str> = resolutions
            .iter()
            .flat_map(|resolution| resolution.grants())
            .filter(|grant| {
                !grant.is_deny && matches!(grant.key.as_str(), "fs" | "shell" | "process" | APP_KEY)
            })
            .map(|grant| grant.item.command.as_str())
            .collect();
        if !exposed.is_empty() {
            let range = capability
                .remote
                .as_ref()
                .map_or(capability.focus_range(), |remote| remote.range);
            acc.push(
                Diagnostic::new(
                    Code::RemoteWildcard,
                    reference.file,
                    range,
                    format!(
                        "remote pages get {}: any script those sites serve, or inject, can call them",
                        sample(&exposed)
                    ),
                )
                .note("help: give remote pages only what they need, in a capability of their own"),
            );
        }
    }
}

/// A reason from [`risky_remote`] said of several patterns: "matches" → "match".
fn plural_verb(why: &str) -> String {
    for (one, many) in [("matches ", "match "), ("is ", "are ")] {
        if let Some(rest) = why.strip_prefix(one) {
            return format!("{many}{rest}");
        }
    }
    why.to_owned()
}

/// Why a remote URL pattern admits too much, if it does.
fn risky_remote(pattern: &str) -> Option<String> {
    let (scheme, rest) = pattern.split_once("://")?;
    let host = rest
        .split(['/', '?', '#'])
        .next()
        .unwrap_or("")
        .rsplit('@')
        .next()
        .unwrap_or("");
    let host = host.split(':').next().unwrap_or(host);
    if scheme.contains('*') {
        return Some("matches any scheme, including plain `http`".to_owned());
    }
    let web = matches!(scheme, "http" | "https");
    if web && (host == "*" || host.is_empty()) {
        return Some("matches every host on the internet".to_owned());
    }
    if let Some(domain) = host.strip_prefix("*.").filter(|_| web) {
        // `*.*`: the domain is a wildcard too.
        if domain.split('.').all(|part| part.is_empty() || part == "*") {
            return Some("matches every host on the internet".to_owned());
        }
        if !domain.contains('.') {
            return Some(format!("matches every site under `.{domain}`"));
        }
    }
    let local = matches!(host, "localhost" | "127.0.0.1" | "[::1]") || host.ends_with(".localhost");
    if scheme == "http" && !local {
        return Some("is plain `http`: anyone on the network path can change the page".to_owned());
    }
    None
}

#[cfg(test)]
mod tests {
    use super::risky_remote;
    use crate::ide::diagnostics::render_fixture;

    #[test]
    fn remote_patterns() {
        assert!(risky_remote("https://*").is_some());
        assert!(risky_remote("*://example.com").is_some());
        assert!(risky_remote("https://*.com").is_some());
        assert_eq!(
            risky_remote("https://*.*").as_deref(),
            Some("matches every host on the internet")
        );
        assert!(risky_remote("http://example.com/*").is_some());
        assert_eq!(risky_remote("https://*.example.com"), None);
        assert_eq!(risky_remote("http://localhost:1420"), None);
        assert_eq!(risky_remote("https://user@example.com"), None);
        assert_eq!(
            risky_remote("app://*"),
            None,
            "a custom scheme is served by the app itself"
        );
    }

    #[test]
    fn quiet_for_listed_windows_harmless_wildcards_and_https_origins() {
        insta::assert_snapshot!(render_fixture(r#"
//- /src-tauri/tauri.conf.json
{ "app": { "windows": [{ "label": "main" }, { "label": "help" }], "security": { "csp": "default-src 'self'" } } }
//- /src-tauri/capabilities/main.json
{ "identifier": "main", "windows": ["main"], "permissions": ["shell:allow-execute"] }
//- /src-tauri/capabilities/all.json
{ "identifier": "all", "windows": ["*"], "permissions": ["shell:allow-open"] }
//- /src-tauri/capabilities/docs.json
{ "identifier": "docs", "windows": ["help"], "local": false, "remote": { "urls": ["https://docs.example.com/*"] }, "permissions": ["dialog:allow-message"] }
//- /plugins/shell/permissions/shell.toml plugin:shell
[[permission]]
identifier = "allow-execute"
commands.allow = ["execute"]
[[permission.scope.allow]]
name = "ls"
cmd = "ls"

[[permission]]
identifier = "allow-open"
commands.allow = ["open"]
//- /plugins/dialog/permissions/dialog.toml plugin:dialog
[[permission]]
identifier = "allow-message"
commands.allow = ["message"]
"#), @"no diagnostics");
    }

    #[test]
    fn wildcard_window_with_powerful_commands_and_exposed_remote_pages() {
        insta::assert_snapshot!(render_fixture(r#"
//- /src-tauri/tauri.conf.json
{ "app": { "windows": [{ "label": "main" }, { "label": "help" }], "security": { "csp": "default-src 'self'" } } }
//- /src-tauri/capabilities/all.json
{ "identifier": "all", "windows": ["*"], "permissions": ["shell:allow-execute", "shell:allow-open"] }
//- /src-tauri/capabilities/remote.json
{ "identifier": "remote", "windows": ["help"], "local": false, "remote": { "urls": ["https://*", "http://docs.example.com"] }, "permissions": ["shell:allow-open"] }
//- /plugins/shell/permissions/shell.toml plugin:shell
[[permission]]
identifier = "allow-execute"
commands.allow = ["execute"]
[[permission.scope.allow]]
name = "ls"
cmd = "ls"

[[permission]]
identifier = "allow-open"
commands.allow = ["open"]
"#), @r#"
        warning[wildcard-window]: `*` gives every window (`help`, `main`, and any created later) `plugin:shell|execute`
         --> /src-tauri/capabilities/all.json:1:36
          |
        1 | { "identifier": "all", "windows": ["*"], "permissions": ["shell:allow-execute", "shell:allow-open"] }
          |                                    ^^^
          |
          = help: list the windows that need these commands
          = help: Replace `*` with the known windows (`help`, `main`)
        warning[remote-wildcard]: remote pages get `plugin:shell|open`: any script those sites serve, or inject, can call them
         --> /src-tauri/capabilities/remote.json:1:74
          |
        1 | { "identifier": "remote", "windows": ["help"], "local": false, "remote": { "urls": ["https://*", "http://docs.example.com"] }, "permi...
          |                                                                          ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
          |
          = help: give remote pages only what they need, in a capability of their own
        warning[remote-wildcard]: `https://*` matches every host on the internet; `http://docs.example.com` is plain `http`: anyone on the network path can change the page
         --> /src-tauri/capabilities/remote.json:1:85
          |
        1 | ...": { "urls": ["https://*", "http://docs.example.com"] }, "permissions": ["shell:allow-open"] }
          |                  ^^^^^^^^^^^  ------------------------- is plain `http`: anyone on the network path can change the page
        "#);
    }

    /// Windows made only at run time, with labels the scan cannot read: the message
    /// lists nothing, and no fix replaces `*` with an empty list, which would revoke
    /// the capability.
    #[test]
    fn wildcard_window_with_no_label_known_statically() {
        let fixture = r#"
//- /src-tauri/tauri.conf.json
{ "app": { "windows": [], "security": { "csp": "default-src 'self'" } } }
//- /src-tauri/src/lib.rs
fn open(app: &AppHandle, label: String) { WebviewWindowBuilder::new(app, label, url).build(); }
//- /src-tauri/capabilities/all.json
{ "identifier": "all", "windows": ["*"], "permissions": ["shell:allow-execute"] }
//- /plugins/shell/permissions/shell.toml plugin:shell
[[permission]]
identifier = "allow-execute"
commands.allow = ["execute"]
[[permission.scope.allow]]
name = "ls"
cmd = "ls"
"#;
        insta::assert_snapshot!(render_fixture(fixture), @r#"
        warning[wildcard-window]: `*` gives `plugin:shell|execute` to every window, including the ones the app creates at run time
         --> /src-tauri/capabilities/all.json:1:36
          |
        1 | { "identifier": "all", "windows": ["*"], "permissions": ["shell:allow-execute"] }
          |                                    ^^^
          |
          = help: list the windows that need these commands
        "#);
        let world = crate::ide::fixture::world(fixture);
        let diagnostics = crate::ide::diagnostics::diagnostics(&world);
        let wildcard = diagnostics
            .iter()
            .find(|diagnostic| diagnostic.code == crate::diagnostic::Code::WildcardWindow)
            .expect("a wildcard-window finding");
        assert!(wildcard.fixes.is_empty(), "{:?}", wildcard.fixes);
    }
}
