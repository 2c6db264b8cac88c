// Diagnostic: insecure-csp, dangerous-csp-modification, broad-asset-scope,
// global-tauri-remote.
//
//! The Tauri config's own security settings, from Tauri's hardening checklist: a
//! Content-Security-Policy that actually restricts scripts, Tauri's CSP injection into
//! assets left on, an asset protocol that serves only what the app needs, and no global
//! `window.__TAURI__` for pages loaded from the internet.

use super::{AppContext, Diagnostic};
use crate::diagnostic::Code;
use crate::ide::scope_paths;
use crate::syntax::{NodeId, NodeKind, Tree};
use crate::text::TextRange;
use crate::workspace::FileId;

pub(super) fn check(context: &AppContext<'_>, acc: &mut Vec<Diagnostic>) {
    let app = context.app;
    let Some(base) = app.config else { return };
    let has_remote = context.capabilities.iter().any(|reference| {
        context
            .capability(*reference)
            .is_some_and(|capability| !capability.remote_urls().is_empty())
    });
    let files = std::iter::once(base).chain(app.overlays.iter().map(|(_, file)| *file));
    for file in files {
        let source = context.workspace.file(file);
        let (Some(parse), Some(config)) = (&source.parse, source.config()) else {
            continue;
        };
        let tree = &parse.tree;
        let is_base = file == base;
        match config.security {
            Some(security) => security_settings(tree, file, security, is_base, acc),
            None if is_base => {
                if let Some(root) = tree.root() {
                    let range = tree
                        .member(root, "app")
                        .map_or(TextRange::default(), |member| member.key_range);
                    acc.push(no_csp(file, range, "there is no `app.security.csp`"));
                }
            }
            None => {}
        }
        if let Some(global) = &config.with_global_tauri
            && global.value
            && has_remote
        {
            acc.push(
                    Diagnostic::new(
                        Code::GlobalTauriRemote,
                        file,
                        global.range,
                        "`withGlobalTauri` puts the Tauri API on `window.__TAURI__` for every page, including the remote ones a capability lets in",
                    )
                    .note("help: import the API from `@tauri-apps/api` in the app's own code instead"),
                );
        }
    }
}

fn no_csp(file: FileId, range: TextRange, what: &str) -> Diagnostic {
    Diagnostic::new(
        Code::InsecureCsp,
        file,
        range,
        format!("{what}: Tauri sets no Content-Security-Policy, so an injected script can run and load anything"),
    )
    .note("help: set `app.security.csp`, for example `\"default-src 'self'; connect-src ipc: http://ipc.localhost\"`")
}

fn security_settings(
    tree: &Tree,
    file: FileId,
    security: NodeId,
    is_base: bool,
    acc: &mut Vec<Diagnostic>,
) {
    match tree.member(security, "csp") {
        None if is_base => {
            let key = tree
                .root()
                .and_then(|root| tree.get(root, "app"))
                .and_then(|app| tree.member(app, "security"))
                .map_or(tree.range(security), |member| member.key_range);
            acc.push(no_csp(file, key, "`app.security` has no `csp`"));
        }
        None => {}
        Some(member) => match tree.kind(member.value) {
            NodeKind::Null => acc.push(no_csp(file, tree.range(member.value), "`csp` is null")),
            _ => csp_sources(tree, file, member.value, acc),
        },
    }
    for key in [
        "dangerousDisableAssetCspModification",
        "dangerous-disable-asset-csp-modification",
    ] {
        let Some(value) = tree.get(security, key) else {
            continue;
        };
        // Tauri only injects sources into `script-src` and `style-src`.
        let directives: Vec<&str> = match tree.kind(value) {
            NodeKind::Bool(true) => vec!["script-src", "style-src"],
            NodeKind::Array(items) => items
                .iter()
                .filter_map(|item| tree.string(*item))
                .filter(|directive| matches!(*directive, "script-src" | "style-src"))
                .collect(),
            _ => Vec::new(),
        };
        if !directives.is_empty() {
            let names = directives
                .iter()
                .map(|name| format!("`{name}`"))
                .collect::<Vec<_>>()
                .join(" and ");
            acc.push(
                Diagnostic::new(
                    Code::DangerousCspModification,
                    file,
                    tree.range(value),
                    format!(
                        "Tauri no longer adds nonce and hash sources for the app's own scripts and styles to {names}: the policy is sent as written, and apps usually loosen it (with `'unsafe-inline'`) to let their own code run"
                    ),
                )
                .note("help: remove the setting and let Tauri add nonces and hashes, unless the policy already allows exactly what the app needs"),
            );
        }
    }
    for key in ["assetProtocol", "asset-protocol"] {
        let Some(asset) = tree.get(security, key) else {
            continue;
        };
        if tree.get(asset, "enable").and_then(|node| tree.bool(node)) != Some(true) {
            continue;
        }
        let Some(scope) = tree.get(asset, "scope") else {
            continue;
        };
        let allow = match tree.kind(scope) {
            NodeKind::Object(_) => tree.get(scope, "allow"),
            _ => Some(scope),
        };
        let Some(allow) = allow else { continue };
        let items: Vec<NodeId> = match tree.kind(allow) {
            NodeKind::Array(items) => items.clone(),
            NodeKind::String(_) => vec![allow],
            _ => Vec::new(),
        };
        for item in items {
            let Some(path) = tree.string(item) else {
                continue;
            };
            if let Some(why) = scope_paths::broadness(path) {
                acc.push(Diagnostic::new(
                    Code::BroadAssetScope,
                    file,
                    tree.range(item),
                    format!("the asset protocol may serve `{path}`, that is {why}, to any page of the app"),
                ));
            }
        }
    }
}

/// Flags `'unsafe-eval'` and bare `*` sources in a CSP string or directive map.
fn csp_sources(tree: &Tree, file: FileId, csp: NodeId, acc: &mut Vec<Diagnostic>) {
    let mut directives: Vec<(String, NodeId, String)> = Vec::new();
    match tree.kind(csp) {
        NodeKind::String(policy) => {
            for directive in policy.value.split(';') {
                let mut words = directive.split_whitespace();
                if let Some(name) = words.next() {
                    directives.push((name.to_owned(), csp, words.collect::<Vec<_>>().join(" ")));
                }
            }
        }
        NodeKind::Object(members) => {
            for member in members {
                let sources = match tree.kind(member.value) {
                    NodeKind::String(value) => value.value.clone(),
                    NodeKind::Array(items) => items
                        .iter()
                        .filter_map(|item| tree.string(*item))
                        .collect::<Vec<_>>()
                        .join(" "),
                    _ => continue,
                };
                directives.push((member.key.clone(), member.value, sources));
            }
        }
        _ => {}
    }
    for (name, node, sources) in directives {
        let words: Vec<&str> = sources.split_whitespace().collect();
        if words.contains(&"'unsafe-eval'") {
            acc.push(Diagnostic::new(
                Code::InsecureCsp,
                file,
                tree.range(node),
                format!("`{name}` allows `'unsafe-eval'`: strings can be run as code, which turns an injection into script execution"),
            ));
        }
        if words.contains(&"*") {
            acc.push(Diagnostic::new(
                Code::InsecureCsp,
                file,
                tree.range(node),
                format!("`{name}` allows `*`: content may come from any host"),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::ide::diagnostics::render_fixture;

    #[test]
    fn csp_asset_protocol_and_global_tauri() {
        insta::assert_snapshot!(render_fixture(r#"
//- /src-tauri/tauri.conf.json
{ "app": { "windows": [{}], "withGlobalTauri": true, "security": {
  "csp": { "default-src": "'self'", "script-src": ["'self'", "'unsafe-eval'"], "img-src": "*" },
  "dangerousDisableAssetCspModification": true,
  "assetProtocol": { "enable": true, "scope": ["$APPDATA/**", "**"] }
} } }
//- /src-tauri/capabilities/remote.json
{ "identifier": "remote", "windows": ["main"], "remote": { "urls": ["https://example.com"] }, "permissions": [] }
"#), @r#"
        warning[global-tauri-remote]: `withGlobalTauri` puts the Tauri API on `window.__TAURI__` for every page, including the remote ones a capability lets in
         --> /src-tauri/tauri.conf.json:1:48
          |
        1 | { "app": { "windows": [{}], "withGlobalTauri": true, "security": {
          |                                                ^^^^
          |
          = help: import the API from `@tauri-apps/api` in the app's own code instead
        warning[insecure-csp]: `script-src` allows `'unsafe-eval'`: strings can be run as code, which turns an injection into script execution
         --> /src-tauri/tauri.conf.json:2:51
          |
        2 |   "csp": { "default-src": "'self'", "script-src": ["'self'", "'unsafe-eval'"], "img-src": "*" },
          |                                                   ^^^^^^^^^^^^^^^^^^^^^^^^^^^
        warning[insecure-csp]: `img-src` allows `*`: content may come from any host
         --> /src-tauri/tauri.conf.json:2:91
          |
        2 |   "csp": { "default-src": "'self'", "script-src": ["'self'", "'unsafe-eval'"], "img-src": "*" },
          |                                                                                           ^^^
        warning[dangerous-csp-modification]: Tauri no longer adds nonce and hash sources for the app's own scripts and styles to `script-src` and `style-src`: the policy is sent as written, and apps usually loosen it (with `'unsafe-inline'`) to let their own code run
         --> /src-tauri/tauri.conf.json:3:43
          |
        3 |   "dangerousDisableAssetCspModification": true,
          |                                           ^^^^
          |
          = help: remove the setting and let Tauri add nonces and hashes, unless the policy already allows exactly what the app needs
        warning[broad-asset-scope]: the asset protocol may serve `**`, that is every file the process can reach, to any page of the app
         --> /src-tauri/tauri.conf.json:4:63
          |
        4 |   "assetProtocol": { "enable": true, "scope": ["$APPDATA/**", "**"] }
          |                                                               ^^^^
        "#);
    }

    #[test]
    fn quiet_for_a_strict_policy_and_a_narrow_asset_scope() {
        insta::assert_snapshot!(render_fixture(r#"
//- /src-tauri/tauri.conf.json
{ "app": { "windows": [{}], "withGlobalTauri": true, "security": {
  "csp": { "default-src": "'self'", "img-src": ["'self'", "asset:", "http://asset.localhost"] },
  "dangerousDisableAssetCspModification": ["img-src"],
  "assetProtocol": { "enable": true, "scope": ["$APPDATA/images/*"] }
} } }
"#), @"no diagnostics");
    }

    #[test]
    fn csp_null_and_missing() {
        insta::assert_snapshot!(render_fixture(r#"
//- /src-tauri/tauri.conf.json
{ "app": { "windows": [{}], "security": { "csp": null } } }
"#), @r#"
        warning[insecure-csp]: `csp` is null: Tauri sets no Content-Security-Policy, so an injected script can run and load anything
         --> /src-tauri/tauri.conf.json:1:50
          |
        1 | { "app": { "windows": [{}], "security": { "csp": null } } }
          |                                                  ^^^^
          |
          = help: set `app.security.csp`, for example `"default-src 'self'; connect-src ipc: http://ipc.localhost"`
        "#);
        insta::assert_snapshot!(render_fixture(r#"
//- /src-tauri/tauri.conf.json
{ "app": { "windows": [{}] } }
"#), @r#"
        warning[insecure-csp]: there is no `app.security.csp`: Tauri sets no Content-Security-Policy, so an injected script can run and load anything
         --> /src-tauri/tauri.conf.json:1:3
          |
        1 | { "app": { "windows": [{}] } }
          |   ^^^^^
          |
          = help: set `app.security.csp`, for example `"default-src 'self'; connect-src ipc: http://ipc.localhost"`
        "#);
    }
}
