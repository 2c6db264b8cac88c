//! Permission identifiers: in a capability's `permissions` (plugin prefixes, then each
//! plugin's default, sets and permissions) and in the members of a `[default]` or
//! `[[set]]`, with the documentation of each.

use super::*;

/// Where identifiers are being completed.
pub(super) struct IdentifierScope<'a> {
    /// The plugin whose identifiers are written without a prefix: the app in a
    /// capability, the manifest's own plugin in a set.
    own_key: &'a str,
    /// The platforms the identifiers are for; empty means no demotion.
    platforms: Vec<Platform>,
    /// Identifiers to leave out (already listed, or the set being defined).
    hidden: HashSet<String>,
}

impl Context<'_> {
    pub(super) fn capability_permissions(&self, capability: &Capability) -> Vec<CompletionItem> {
        let editing = self.cursor.token.as_ref().map(|token| token.range);
        let hidden = capability
            .entries()
            .iter()
            .filter(|entry| Some(entry.identifier.range) != editing)
            .map(|entry| entry.identifier.value.clone())
            .collect();
        let scope = IdentifierScope {
            own_key: APP_KEY,
            platforms: platforms_for(self.app, capability),
            hidden,
        };
        self.identifiers(&scope)
    }

    pub(super) fn set_members(&self) -> Vec<CompletionItem> {
        let file = self.cursor.file;
        let own_key = self
            .app
            .catalogue
            .plugin_of_file(file)
            .map_or(APP_KEY, |plugin| plugin.key.as_str());
        let mut hidden = self.present_in_container();
        // A set listing itself (or the default listing `default`) is a cycle.
        let in_default = self.tree().is_some_and(|tree| {
            tree.root()
                .and_then(|root| tree.path(root, &["default", "permissions"]))
                .is_some_and(|list| Some(list) == self.cursor.container)
        });
        if in_default {
            hidden.insert("default".to_owned());
        } else if let Some(set) = self.source.permission_file().and_then(|manifest| {
            manifest
                .sets
                .iter()
                .find(|set| set.range.contains_inclusive(self.cursor.offset))
        }) {
            hidden.insert(set.identifier.value.clone());
        }
        let scope = IdentifierScope {
            own_key,
            platforms: Vec::new(),
            hidden,
        };
        self.identifiers(&scope)
    }

    /// Plugin prefixes while no `:` is typed, then the identifiers of the plugin named
    /// by what is typed before the last `:`.
    pub(super) fn identifiers(&self, scope: &IdentifierScope<'_>) -> Vec<CompletionItem> {
        let catalogue = &self.app.catalogue;
        let typed = self
            .cursor
            .token
            .as_ref()
            .map_or("", |token| token.prefix.as_str());
        let mut items = Vec::new();
        match typed.rfind(':') {
            None => {
                for plugin in catalogue.plugins.values() {
                    if plugin.key != APP_KEY && plugin.key != scope.own_key {
                        items.push(self.plugin_item(plugin, scope, GROUP_PLUGIN));
                    }
                }
                if let Some(own) = catalogue.get(scope.own_key) {
                    items.extend(self.plugin_identifiers(own, "", scope));
                }
            }
            Some(colon) => {
                let key = &typed[..colon];
                if let Some(plugin) = catalogue.get(key).filter(|plugin| plugin.key != APP_KEY) {
                    items.extend(self.plugin_identifiers(plugin, &format!("{key}:"), scope));
                }
                // `core:` leads on to `core:window:` and the other core modules.
                let nested = format!("{key}:");
                for plugin in catalogue.plugins.values() {
                    if plugin.key.starts_with(&nested) {
                        items.push(self.plugin_item(plugin, scope, GROUP_NESTED_PLUGIN));
                    }
                }
            }
        }
        items
    }

    pub(super) fn plugin_item(
        &self,
        plugin: &Plugin,
        scope: &IdentifierScope<'_>,
        group: u8,
    ) -> CompletionItem {
        let label = format!("{}:", plugin.key);
        let mut completion = item(CompletionKind::Plugin, &label, self.prefix_edit(&label));
        let count = plugin.identifiers().len();
        let mut detail = format!(
            "plugin · {count} {}",
            if count == 1 {
                "identifier"
            } else {
                "identifiers"
            }
        );
        let is_demoted = is_plugin_demoted(plugin, &scope.platforms);
        if is_demoted {
            let on = plugin.platforms.as_deref().unwrap_or(&[]);
            detail.push_str(&format!(" · dependency only on {}", platform_names(on)));
        }
        completion.detail = Some(detail);
        let mut documentation = format!("Permissions of `{}`.", plugin.key);
        if let Some(default) = &plugin.default
            && let Some(description) = &default.value.description
        {
            documentation.push_str(&format!("\n\nDefault: {}", description.value.trim()));
        }
        documentation.push_str(&format!("\n\nFrom {}.", plugin.source.describe()));
        completion.documentation = Some(documentation);
        completion.sort_text = sort_text(is_demoted, group, &label);
        completion.trigger_completion = true;
        completion
    }

    /// The default, sets and permissions of `plugin`, written with `prefix`.
    pub(super) fn plugin_identifiers(
        &self,
        plugin: &Plugin,
        prefix: &str,
        scope: &IdentifierScope<'_>,
    ) -> Vec<CompletionItem> {
        let catalogue = &self.app.catalogue;
        let plugin_is_demoted = is_plugin_demoted(plugin, &scope.platforms);
        let plugin_note = plugin_is_demoted.then(|| {
            format!(
                "dependency only on {}",
                platform_names(plugin.platforms.as_deref().unwrap_or(&[]))
            )
        });
        let mut items = Vec::new();
        let mut push = |name: &str,
                        kind: CompletionKind,
                        group: u8,
                        detail: String,
                        documentation: String,
                        inactive: Option<String>| {
            let full = format!("{prefix}{name}");
            if scope.hidden.contains(&full) {
                return;
            }
            let mut completion = item(kind, &full, self.value_edit(&full));
            let mut detail = detail;
            let notes = [inactive.as_ref(), plugin_note.as_ref()];
            for note in notes.into_iter().flatten() {
                detail.push_str(" · ");
                detail.push_str(note);
            }
            let is_demoted = inactive.is_some() || plugin_is_demoted;
            completion.detail = Some(detail);
            completion.documentation = Some(documentation);
            completion.sort_text = sort_text(is_demoted, group, &full);
            items.push(completion);
        };
        // Expanded under the plugin's own key: in a manifest the written prefix is empty.
        let expanded = |name: &str| {
            let qualified = if plugin.key == APP_KEY {
                name.to_owned()
            } else {
                format!("{}:{name}", plugin.key)
            };
            let identifier = Identifier::parse(&qualified).ok()?;
            let expansion = expand(catalogue, &identifier, None);
            let mut seen = BTreeSet::new();
            let leaves: Vec<(String, &Permission)> = expansion
                .leaves
                .iter()
                .filter(|leaf| {
                    seen.insert((
                        leaf.key.clone(),
                        leaf.permission.value.identifier.value.clone(),
                    ))
                })
                .map(|leaf| (leaf.key.clone(), &leaf.permission.value))
                .collect();
            Some(leaves)
        };
        if let Some(default) = &plugin.default {
            let leaves = expanded("default").unwrap_or_default();
            let description = default.value.description.as_ref().map(|d| d.value.as_str());
            push(
                "default",
                CompletionKind::Default,
                GROUP_DEFAULT,
                format!("default · {}", count_permissions(leaves.len())),
                set_documentation(description, &leaves),
                inactive_set(&leaves, &scope.platforms),
            );
        }
        for (name, set) in &plugin.sets {
            let leaves = expanded(name).unwrap_or_default();
            let description = set.value.description.as_ref().map(|d| d.value.as_str());
            push(
                name,
                CompletionKind::Set,
                GROUP_SET,
                format!("set · {}", count_permissions(leaves.len())),
                set_documentation(description, &leaves),
                inactive_set(&leaves, &scope.platforms),
            );
        }
        for (name, permission) in &plugin.permissions {
            let group = if name.starts_with("allow-") {
                GROUP_ALLOW
            } else if name.starts_with("deny-") {
                GROUP_DENY
            } else {
                GROUP_OTHER
            };
            let permission = &permission.value;
            let inactive = (!scope.platforms.is_empty()
                && !scope
                    .platforms
                    .iter()
                    .any(|platform| permission.is_active(*platform)))
            .then(|| {
                let on: Vec<Platform> = permission
                    .platforms
                    .iter()
                    .flat_map(|list| list.value.iter().map(|item| item.value))
                    .collect();
                format!("only on {}", platform_names(&on))
            });
            push(
                name,
                CompletionKind::Permission,
                group,
                permission_summary(permission),
                permission_documentation(permission),
                inactive,
            );
        }
        items
    }
}

pub(super) fn count_permissions(count: usize) -> String {
    if count == 1 {
        "1 permission".to_owned()
    } else {
        format!("{count} permissions")
    }
}

/// `Some("inactive on …")` when no permission of a non-empty set applies on any platform.
pub(super) fn inactive_set(
    leaves: &[(String, &Permission)],
    platforms: &[Platform],
) -> Option<String> {
    let is_inactive = !platforms.is_empty()
        && !leaves.is_empty()
        && !leaves.iter().any(|(_, permission)| {
            platforms
                .iter()
                .any(|platform| permission.is_active(*platform))
        });
    is_inactive.then(|| format!("inactive on {}", platform_names(platforms)))
}

/// What a permission does in a few words: `allows read_file`, `denies read_file`,
/// `scope only`.
pub(super) fn permission_summary(permission: &Permission) -> String {
    let names = |commands: &[crate::model::Spanned<String>]| -> Vec<String> {
        commands
            .iter()
            .map(|command| command.value.clone())
            .collect()
    };
    let allow = names(&permission.commands_allow);
    let deny = names(&permission.commands_deny);
    let mut parts = Vec::new();
    if !allow.is_empty() {
        parts.push(format!("allows {}", short_list(&allow)));
    }
    if !deny.is_empty() {
        parts.push(format!("denies {}", short_list(&deny)));
    }
    if parts.is_empty() {
        return if permission.has_scope() {
            "scope only".to_owned()
        } else {
            "no commands".to_owned()
        };
    }
    let mut summary = parts.join(", ");
    if permission.has_scope() {
        summary.push_str(" · scoped");
    }
    summary
}

/// At most three names, then a count.
pub(super) fn short_list(names: &[String]) -> String {
    if names.len() <= 3 {
        names.join(", ")
    } else {
        format!("{} +{} more", names[..3].join(", "), names.len() - 3)
    }
}

pub(super) fn permission_documentation(permission: &Permission) -> String {
    let mut text = String::new();
    if let Some(description) = &permission.description {
        text.push_str(description.value.trim());
    }
    let mut section = |title: &str, commands: &[crate::model::Spanned<String>]| {
        if commands.is_empty() {
            return;
        }
        let names: Vec<String> = commands
            .iter()
            .map(|command| format!("`{}`", command.value))
            .collect();
        if !text.is_empty() {
            text.push_str("\n\n");
        }
        text.push_str(&format!("{title}: {}", list_names(&names, ", ")));
    };
    section("Allows", &permission.commands_allow);
    section("Denies", &permission.commands_deny);
    if permission.is_scope_only() && permission.has_scope() {
        if !text.is_empty() {
            text.push_str("\n\n");
        }
        text.push_str("No commands: adds to the plugin's global scope.");
    }
    if let Some(platforms) = &permission.platforms {
        let on: Vec<Platform> = platforms.value.iter().map(|item| item.value).collect();
        text.push_str(&format!("\n\nOnly on {}.", platform_names(&on)));
    }
    text
}

pub(super) fn set_documentation(
    description: Option<&str>,
    leaves: &[(String, &Permission)],
) -> String {
    let mut text = description.map(str::trim).unwrap_or_default().to_owned();
    if leaves.is_empty() {
        return text;
    }
    if !text.is_empty() {
        text.push_str("\n\n");
    }
    text.push_str("Grants:");
    for (key, permission) in leaves.iter().take(MAX_LISTED) {
        let identifier = if key == APP_KEY {
            permission.identifier.value.clone()
        } else {
            format!("{key}:{}", permission.identifier.value)
        };
        text.push_str(&format!(
            "\n- `{identifier}`: {}",
            permission_summary(permission)
        ));
    }
    if leaves.len() > MAX_LISTED {
        text.push_str(&format!("\n- and {} more", leaves.len() - MAX_LISTED));
    }
    text
}

#[cfg(test)]
mod tests {
    use super::super::tests::{check, with_plugins};

    #[test]
    fn plugin_names_first_when_no_prefix_is_typed() {
        insta::assert_snapshot!(check(&with_plugins(r#"
//- /src-tauri/capabilities/default.json
{ "identifier": "default", "windows": ["main"], "permissions": ["$0"] }
"#)), @"
        core:  [plugin] plugin · 1 identifier  → insert `core:`
        core:app:  [plugin] plugin · 3 identifiers  → insert `core:app:`
        core:window:  [plugin] plugin · 5 identifiers  → insert `core:window:`
        dialog:  [plugin] plugin · 2 identifiers  → insert `dialog:`
        fs:  [plugin] plugin · 7 identifiers  → insert `fs:`
        allow-greet  [permission] allows greet  → insert `allow-greet`
        ---
        Permissions of `core`.

        Default: Default core plugins set.

        From tauri 2.12.5 (build.rs command table).
        ");
    }

    #[test]
    fn plugin_permissions_after_its_prefix() {
        insta::assert_snapshot!(check(&with_plugins(r#"
//- /src-tauri/capabilities/default.json
{ "identifier": "default", "windows": ["main"], "permissions": ["fs:$0"] }
"#)), @"
        fs:default  [default] default · 3 permissions  → replace `fs:` with `fs:default`
        fs:read-all  [set] set · 2 permissions  → replace `fs:` with `fs:read-all`
        fs:allow-exists  [permission] allows exists  → replace `fs:` with `fs:allow-exists`
        fs:allow-read-file  [permission] allows read_file  → replace `fs:` with `fs:allow-read-file`
        fs:deny-read-file  [permission] denies read_file  → replace `fs:` with `fs:deny-read-file`
        fs:scope-app  [permission] scope only  → replace `fs:` with `fs:scope-app`
        fs:allow-mobile  [permission] allows mobile_only · only on android, iOS  → replace `fs:` with `fs:allow-mobile`
        ---
        Reads the app's data.

        Grants:
        - `fs:allow-read-file`: allows read_file
        - `fs:allow-exists`: allows exists
        - `fs:scope-app`: scope only
        ");
    }

    #[test]
    fn core_prefix_leads_to_core_modules() {
        insta::assert_snapshot!(check(&with_plugins(r#"
//- /src-tauri/capabilities/default.json
{ "identifier": "default", "windows": ["main"], "permissions": ["core:$0"] }
"#)), @"
        core:default  [default] default · 2 permissions  → replace `core:` with `core:default`
        core:app:  [plugin] plugin · 3 identifiers  → replace `core:` with `core:app:`
        core:window:  [plugin] plugin · 5 identifiers  → replace `core:` with `core:window:`
        ---
        Default core plugins set.

        Grants:
        - `core:window:allow-title`: allows title
        - `core:app:allow-version`: allows version
        ");
        insta::assert_snapshot!(check(&with_plugins(r#"
//- /src-tauri/capabilities/default.json
{ "identifier": "default", "windows": ["main"], "permissions": ["core:window:$0"] }
"#)), @"
        core:window:default  [default] default · 1 permission  → replace `core:window:` with `core:window:default`
        core:window:allow-close  [permission] allows close  → replace `core:window:` with `core:window:allow-close`
        core:window:allow-title  [permission] allows title  → replace `core:window:` with `core:window:allow-title`
        core:window:deny-close  [permission] denies close  → replace `core:window:` with `core:window:deny-close`
        core:window:deny-title  [permission] denies title  → replace `core:window:` with `core:window:deny-title`
        ---
        Default permissions for the plugin.

        Grants:
        - `core:window:allow-title`: allows title
        ");
    }

    #[test]
    fn toml_capability() {
        insta::assert_snapshot!(check(&with_plugins(r#"
//- /src-tauri/capabilities/default.toml
identifier = "default"
windows = ["main"]
permissions = ["dialog:default", "fs:d$0
"#)), @r#"
        fs:default  [default] default · 3 permissions  → replace `fs:d` with `fs:default"`
        fs:read-all  [set] set · 2 permissions  → replace `fs:d` with `fs:read-all"`
        fs:allow-exists  [permission] allows exists  → replace `fs:d` with `fs:allow-exists"`
        fs:allow-read-file  [permission] allows read_file  → replace `fs:d` with `fs:allow-read-file"`
        fs:deny-read-file  [permission] denies read_file  → replace `fs:d` with `fs:deny-read-file"`
        fs:scope-app  [permission] scope only  → replace `fs:d` with `fs:scope-app"`
        fs:allow-mobile  [permission] allows mobile_only · only on android, iOS  → replace `fs:d` with `fs:allow-mobile"`
        ---
        Reads the app's data.

        Grants:
        - `fs:allow-read-file`: allows read_file
        - `fs:allow-exists`: allows exists
        - `fs:scope-app`: scope only
        "#);
        insta::assert_snapshot!(check(&with_plugins(r#"
//- /src-tauri/capabilities/default.toml
identifier = "default"
windows = ["main"]
permissions = ["dialog:default", $0]
"#)), @r#"
        core:  [plugin] plugin · 1 identifier  → insert `"core:$0"` (snippet; plain `"core:`)
        core:app:  [plugin] plugin · 3 identifiers  → insert `"core:app:$0"` (snippet; plain `"core:app:`)
        core:window:  [plugin] plugin · 5 identifiers  → insert `"core:window:$0"` (snippet; plain `"core:window:`)
        dialog:  [plugin] plugin · 2 identifiers  → insert `"dialog:$0"` (snippet; plain `"dialog:`)
        fs:  [plugin] plugin · 7 identifiers  → insert `"fs:$0"` (snippet; plain `"fs:`)
        allow-greet  [permission] allows greet  → insert `"allow-greet"`
        ---
        Permissions of `core`.

        Default: Default core plugins set.

        From tauri 2.12.5 (build.rs command table).
        "#);
    }

    #[test]
    fn identifier_of_a_scoped_entry() {
        insta::assert_snapshot!(check(&with_plugins(r#"
//- /src-tauri/capabilities/default.json
{ "identifier": "default", "windows": ["main"], "permissions": [{ "identifier": "dialog:$0", "allow": [] }] }
"#)), @"
        dialog:default  [default] default · 1 permission  → replace `dialog:` with `dialog:default`
        dialog:allow-open  [permission] allows open  → replace `dialog:` with `dialog:allow-open`
        ---
        Grants:
        - `dialog:allow-open`: allows open
        ");
    }

    #[test]
    fn already_present_entries_are_hidden() {
        insta::assert_snapshot!(check(&with_plugins(r#"
//- /src-tauri/capabilities/default.json
{ "identifier": "default", "windows": ["main"], "permissions": ["fs:default", { "identifier": "fs:read-all" }, "fs:allow-$0", "fs:allow-exists"] }
"#)), @"
        fs:allow-read-file  [permission] allows read_file  → replace `fs:allow-` with `fs:allow-read-file`
        fs:deny-read-file  [permission] denies read_file  → replace `fs:allow-` with `fs:deny-read-file`
        fs:scope-app  [permission] scope only  → replace `fs:allow-` with `fs:scope-app`
        fs:allow-mobile  [permission] allows mobile_only · only on android, iOS  → replace `fs:allow-` with `fs:allow-mobile`
        ---
        Allows reading files.

        Allows: `read_file`
        ");
    }

    #[test]
    fn permissions_of_other_platforms_are_demoted() {
        insta::assert_snapshot!(check(&with_plugins(r#"
//- /src-tauri/capabilities/default.json
{ "identifier": "default", "windows": ["main"], "platforms": ["linux", "windows"], "permissions": ["fs:allow-$0"] }
"#)), @"
        fs:default  [default] default · 3 permissions  → replace `fs:allow-` with `fs:default`
        fs:read-all  [set] set · 2 permissions  → replace `fs:allow-` with `fs:read-all`
        fs:allow-exists  [permission] allows exists  → replace `fs:allow-` with `fs:allow-exists`
        fs:allow-read-file  [permission] allows read_file  → replace `fs:allow-` with `fs:allow-read-file`
        fs:deny-read-file  [permission] denies read_file  → replace `fs:allow-` with `fs:deny-read-file`
        fs:scope-app  [permission] scope only  → replace `fs:allow-` with `fs:scope-app`
        fs:allow-mobile  [permission] allows mobile_only · only on android, iOS  → replace `fs:allow-` with `fs:allow-mobile`
        ---
        Reads the app's data.

        Grants:
        - `fs:allow-read-file`: allows read_file
        - `fs:allow-exists`: allows exists
        - `fs:scope-app`: scope only
        ");
    }

    #[test]
    fn plugins_of_other_platforms_are_demoted() {
        insta::assert_snapshot!(check(r#"
//- /src-tauri/Cargo.toml
[package]
name = "app"
version = "0.1.0"

[dependencies]
tauri-plugin-fs = { path = "../plugins/fs" }

[target.'cfg(windows)'.dependencies]
tauri-plugin-winonly = { path = "../plugins/winonly" }
//- /src-tauri/capabilities/default.json
{ "identifier": "default", "windows": ["main"], "platforms": ["linux"], "permissions": ["$0"] }
//- /plugins/fs/permissions/default.toml plugin:fs
[[permission]]
identifier = "allow-read"
commands.allow = ["read"]
//- /plugins/winonly/permissions/default.toml plugin:winonly
[[permission]]
identifier = "allow-tray"
commands.allow = ["tray"]
"#), @"
        fs:  [plugin] plugin · 1 identifier  → insert `fs:`
        winonly:  [plugin] plugin · 1 identifier · dependency only on windows  → insert `winonly:`
        ---
        Permissions of `fs`.

        From tauri-plugin-fs (path: /plugins/fs).
        ");
    }

    #[test]
    fn set_members_in_manifests() {
        insta::assert_snapshot!(check(&with_plugins(r#"
//- /src-tauri/permissions/sets.toml
[[set]]
identifier = "everything"
description = "x"
permissions = ["allow-greet", "$0"]
"#)), @"
        core:  [plugin] plugin · 1 identifier  → insert `core:`
        core:app:  [plugin] plugin · 3 identifiers  → insert `core:app:`
        core:window:  [plugin] plugin · 5 identifiers  → insert `core:window:`
        dialog:  [plugin] plugin · 2 identifiers  → insert `dialog:`
        fs:  [plugin] plugin · 7 identifiers  → insert `fs:`
        ---
        Permissions of `core`.

        Default: Default core plugins set.

        From tauri 2.12.5 (build.rs command table).
        ");
        insta::assert_snapshot!(check(r#"
//- /plugins/dialog/permissions/default.toml plugin:dialog
[default]
permissions = ["allow-open", "$0"]

[[set]]
identifier = "all"
description = "x"
permissions = ["allow-open", "allow-save"]

[[permission]]
identifier = "allow-open"
commands.allow = ["open"]

[[permission]]
identifier = "allow-save"
commands.allow = ["save"]
"#), @"
        all  [set] set · 2 permissions  → insert `all`
        allow-save  [permission] allows save  → insert `allow-save`
        ---
        x

        Grants:
        - `dialog:allow-open`: allows open
        - `dialog:allow-save`: allows save
        ");
    }

    #[test]
    fn sets_with_nothing_for_the_capabilitys_platforms_are_demoted() {
        insta::assert_snapshot!(check(r#"
//- /src-tauri/capabilities/default.json
{ "identifier": "default", "windows": ["main"], "platforms": ["linux"], "permissions": ["scanner:$0"] }
//- /plugins/scanner/permissions/default.toml plugin:scanner
[[set]]
identifier = "mobile"
description = "Scanning on phones."
permissions = ["allow-scan"]

[[set]]
identifier = "everywhere"
description = "Cancelling anywhere."
permissions = ["allow-cancel"]

[[permission]]
identifier = "allow-scan"
commands.allow = ["scan"]
platforms = ["android", "iOS"]

[[permission]]
identifier = "allow-cancel"
commands.allow = ["cancel"]
"#), @"
        scanner:everywhere  [set] set · 1 permission  → replace `scanner:` with `scanner:everywhere`
        scanner:allow-cancel  [permission] allows cancel  → replace `scanner:` with `scanner:allow-cancel`
        scanner:mobile  [set] set · 1 permission · inactive on linux  → replace `scanner:` with `scanner:mobile`
        scanner:allow-scan  [permission] allows scan · only on android, iOS  → replace `scanner:` with `scanner:allow-scan`
        ---
        Cancelling anywhere.

        Grants:
        - `scanner:allow-cancel`: allows cancel
        ");
    }
}
