//! Keys and plain values of capabilities: capability keys, platforms, and the
//! identifiers of capabilities in the config's `app.security.capabilities`.

use super::*;

impl Context<'_> {
    pub(super) fn platforms(&self) -> Vec<CompletionItem> {
        let present = self.present_in_container();
        let mut items = Vec::new();
        for (index, platform) in Platform::ALL.into_iter().enumerate() {
            let name = platform.name();
            if present.contains(name) {
                continue;
            }
            let mut completion = item(CompletionKind::Platform, name, self.value_edit(name));
            let family = if platform.is_mobile() {
                "mobile"
            } else {
                "desktop"
            };
            let checked = if self.app.platforms.contains(&platform) {
                ""
            } else {
                " · not checked for this app"
            };
            completion.detail = Some(format!("{family}{checked}"));
            completion.sort_text = format!("{index}");
            items.push(completion);
        }
        items
    }

    pub(super) fn capability_keys(&self) -> Vec<CompletionItem> {
        let present = self.keys_in_container();
        let format = self.source.format.unwrap_or(SourceFormat::Json);
        let mut items = Vec::new();
        for (index, key) in CAPABILITY_KEYS.iter().enumerate() {
            if present.contains(*key) {
                continue;
            }
            let (snippet, plain, documentation) = capability_key_value(key, format);
            let mut completion = item(
                CompletionKind::Key,
                *key,
                self.key_edit(key, snippet, plain),
            );
            completion.detail = Some(
                if matches!(*key, "identifier" | "permissions") {
                    "capability key · required"
                } else {
                    "capability key"
                }
                .to_owned(),
            );
            completion.documentation = Some(documentation.to_owned());
            completion.sort_text = format!("{index}");
            items.push(completion);
        }
        items
    }

    pub(super) fn capability_references(&self) -> Vec<CompletionItem> {
        let present = self.present_in_container();
        let mut items = Vec::new();
        let mut seen = HashSet::new();
        for file in &self.app.capability_files {
            let Some(capabilities) = self.workspace.file(*file).capability_file() else {
                continue;
            };
            for capability in &capabilities.capabilities {
                let Some(identifier) = capability.identifier() else {
                    continue;
                };
                if present.contains(identifier) || !seen.insert(identifier.to_owned()) {
                    continue;
                }
                let mut completion = item(
                    CompletionKind::Capability,
                    identifier,
                    self.value_edit(identifier),
                );
                completion.detail = Some(format!("capability · {}", self.display_path(*file)));
                completion.documentation = capability
                    .description
                    .as_ref()
                    .map(|description| description.value.trim().to_owned());
                items.push(completion);
            }
        }
        items
    }
}

/// The value placeholder of a capability key (snippet, plain) and its documentation.
pub(super) fn capability_key_value(
    key: &str,
    format: SourceFormat,
) -> (&'static str, &'static str, &'static str) {
    let is_toml = format == SourceFormat::Toml;
    match key {
        "identifier" => (
            "\"$1\"",
            "\"\"",
            "The capability's identifier, which `app.security.capabilities` in the Tauri config refers to. Required.",
        ),
        "description" => ("\"$1\"", "\"\"", "What the capability is for."),
        "remote" => (
            if is_toml {
                "{ urls = [$1] }"
            } else {
                "{ \"urls\": [$1] }"
            },
            if is_toml {
                "{ urls = [] }"
            } else {
                "{ \"urls\": [] }"
            },
            "Remote URLs (URL patterns) whose pages get this capability. Without it, only the app's own pages do.",
        ),
        "local" => (
            "${1:true}",
            "true",
            "Whether the app's own pages get this capability. Defaults to `true`.",
        ),
        "windows" => (
            "[$1]",
            "[]",
            "Labels (or glob patterns) of the windows this capability applies to.",
        ),
        "webviews" => (
            "[$1]",
            "[]",
            "Labels (or glob patterns) of the webviews this capability applies to.",
        ),
        "permissions" => (
            "[$1]",
            "[]",
            "The permissions granted: identifiers such as `fs:default`, or objects with an `identifier` and scope `allow`/`deny` lists. Required.",
        ),
        "platforms" => (
            "[$1]",
            "[]",
            "The platforms the capability is active on: `linux`, `macOS`, `windows`, `android`, `iOS`. All of them when unset.",
        ),
        _ => ("$1", "", ""),
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::{check, with_plugins};

    #[test]
    fn platforms() {
        insta::assert_snapshot!(check(r#"
//- /src-tauri/capabilities/default.json
{ "identifier": "default", "windows": ["main"], "platforms": ["linux", "$0"], "permissions": [] }
"#), @"
        macOS  [platform] desktop  → insert `macOS`
        windows  [platform] desktop  → insert `windows`
        android  [platform] mobile · not checked for this app  → insert `android`
        iOS  [platform] mobile · not checked for this app  → insert `iOS`
        ");
    }

    #[test]
    fn capability_keys_in_json() {
        insta::assert_snapshot!(check(r#"
//- /src-tauri/capabilities/default.json
{ "identifier": "default", $0 "permissions": [] }
"#), @r#"
        description  [key] capability key  → insert `"description": "$1"` (snippet; plain `"description": ""`)
        remote  [key] capability key  → insert `"remote": { "urls": [$1] }` (snippet; plain `"remote": { "urls": [] }`)
        local  [key] capability key  → insert `"local": ${1:true}` (snippet; plain `"local": true`)
        windows  [key] capability key  → insert `"windows": [$1]` (snippet; plain `"windows": []`)
        webviews  [key] capability key  → insert `"webviews": [$1]` (snippet; plain `"webviews": []`)
        platforms  [key] capability key  → insert `"platforms": [$1]` (snippet; plain `"platforms": []`)
        ---
        What the capability is for.
        "#);
        insta::assert_snapshot!(check(r#"
//- /src-tauri/capabilities/default.json
{ "identifier": "default", "win$0": [], "permissions": [] }
"#), @"
        description  [key] capability key  → replace `win` with `description`
        remote  [key] capability key  → replace `win` with `remote`
        local  [key] capability key  → replace `win` with `local`
        windows  [key] capability key  → replace `win` with `windows`
        webviews  [key] capability key  → replace `win` with `webviews`
        platforms  [key] capability key  → replace `win` with `platforms`
        ---
        What the capability is for.
        ");
        insta::assert_snapshot!(check(r#"
//- /src-tauri/capabilities/default.json
{ "identifier": "default", "permissions": [], "pl$0
}
"#), @r#"
        description  [key] capability key  → replace `"pl` with `"description": "$1"` (snippet; plain `"description": ""`)
        remote  [key] capability key  → replace `"pl` with `"remote": { "urls": [$1] }` (snippet; plain `"remote": { "urls": [] }`)
        local  [key] capability key  → replace `"pl` with `"local": ${1:true}` (snippet; plain `"local": true`)
        windows  [key] capability key  → replace `"pl` with `"windows": [$1]` (snippet; plain `"windows": []`)
        webviews  [key] capability key  → replace `"pl` with `"webviews": [$1]` (snippet; plain `"webviews": []`)
        platforms  [key] capability key  → replace `"pl` with `"platforms": [$1]` (snippet; plain `"platforms": []`)
        ---
        What the capability is for.
        "#);
    }

    #[test]
    fn capability_keys_in_toml_and_json5() {
        insta::assert_snapshot!(check(r#"
//- /src-tauri/capabilities/default.toml
identifier = "default"
permissions = []
win$0
"#), @r#"
        description  [key] capability key  → replace `win` with `description = "$1"` (snippet; plain `description = ""`)
        remote  [key] capability key  → replace `win` with `remote = { urls = [$1] }` (snippet; plain `remote = { urls = [] }`)
        local  [key] capability key  → replace `win` with `local = ${1:true}` (snippet; plain `local = true`)
        windows  [key] capability key  → replace `win` with `windows = [$1]` (snippet; plain `windows = []`)
        webviews  [key] capability key  → replace `win` with `webviews = [$1]` (snippet; plain `webviews = []`)
        platforms  [key] capability key  → replace `win` with `platforms = [$1]` (snippet; plain `platforms = []`)
        ---
        What the capability is for.
        "#);
        insta::assert_snapshot!(check(r#"
//- /src-tauri/capabilities/default.json5
{ identifier: 'default', permissions: [], plat$0 }
"#), @r#"
        description  [key] capability key  → replace `plat` with `description: "$1"` (snippet; plain `description: ""`)
        remote  [key] capability key  → replace `plat` with `remote: { "urls": [$1] }` (snippet; plain `remote: { "urls": [] }`)
        local  [key] capability key  → replace `plat` with `local: ${1:true}` (snippet; plain `local: true`)
        windows  [key] capability key  → replace `plat` with `windows: [$1]` (snippet; plain `windows: []`)
        webviews  [key] capability key  → replace `plat` with `webviews: [$1]` (snippet; plain `webviews: []`)
        platforms  [key] capability key  → replace `plat` with `platforms: [$1]` (snippet; plain `platforms: []`)
        ---
        What the capability is for.
        "#);
    }

    #[test]
    fn capability_references_in_the_config() {
        insta::assert_snapshot!(check(r#"
//- /src-tauri/tauri.conf.json
{ "app": { "windows": [{ "label": "main" }], "security": { "capabilities": ["default", $0] } } }
//- /src-tauri/capabilities/default.json
{ "identifier": "default", "permissions": [] }
//- /src-tauri/capabilities/extra.toml
identifier = "extra"
description = "Extra powers for the settings window."
permissions = []
"#), @r#"
        extra  [capability] capability · capabilities/extra.toml  → insert `"extra"`
        ---
        Extra powers for the settings window.
        "#);
        insta::assert_snapshot!(check(r#"
//- /src-tauri/tauri.conf.json
{ "app": { "windows": [{ "label": "main" }], "security": { "capabilities": [ex$0] } } }
//- /src-tauri/capabilities/extra.toml
identifier = "extra"
permissions = []
"#), @r#"extra  [capability] capability · capabilities/extra.toml  → replace `ex` with `"extra"`"#);
    }

    #[test]
    fn inline_capability_and_references_in_other_config_formats() {
        insta::assert_snapshot!(check(&with_plugins(r#"
//- /src-tauri/tauri.conf.json5
{ app: { windows: [{ label: 'main' }], security: { capabilities: [{ identifier: 'inline', windows: ['main'], permissions: ['dialog:$0'] }] } } }
"#)), @"
        dialog:default  [default] default · 1 permission  → replace `dialog:` with `dialog:default`
        dialog:allow-open  [permission] allows open  → replace `dialog:` with `dialog:allow-open`
        ---
        Grants:
        - `dialog:allow-open`: allows open
        ");
        insta::assert_snapshot!(check(r#"
//- /src-tauri/Tauri.toml
[[app.windows]]
label = "main"

[app.security]
capabilities = ["$0"]
//- /src-tauri/capabilities/default.json
{ "identifier": "default", "permissions": [] }
"#), @"default  [capability] capability · capabilities/default.json  → insert `default`");
    }
}
