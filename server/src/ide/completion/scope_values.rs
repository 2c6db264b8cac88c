//! Scope keys and values of a scoped entry: keys from the plugin's scope schema or known
//! shapes, and path variables in path values.

use super::*;

impl Context<'_> {
    /// The plugin key of the entry at `entry` in the capability's `permissions`, read from
    /// the tree because the model skips malformed entries.
    pub(super) fn entry_plugin_key(
        &self,
        reference: CapabilityRef,
        capability: &Capability,
        entry: usize,
    ) -> Option<String> {
        let tree = &self.workspace.file(reference.file).parse.as_ref()?.tree;
        let permissions = tree.get(capability.node, "permissions")?;
        let item = *tree.array(permissions)?.get(entry)?;
        let identifier = tree.string(tree.get(item, "identifier")?)?;
        let parsed = Identifier::parse(identifier).ok()?;
        Some(parsed.prefix().unwrap_or(APP_KEY).to_owned())
    }

    pub(super) fn scope_keys(
        &self,
        reference: CapabilityRef,
        capability: &Capability,
        entry: usize,
    ) -> Vec<CompletionItem> {
        let Some(key) = self.entry_plugin_key(reference, capability, entry) else {
            return Vec::new();
        };
        let keys = scope_shapes::scope_keys(self.app.catalogue.get(&key), &key);
        let present = self.keys_in_container();
        let mut items = Vec::new();
        for (index, scope_key) in keys.iter().enumerate() {
            if present.contains(&scope_key.name) {
                continue;
            }
            let (snippet, plain) = match scope_key.value_type.as_deref() {
                Some("string") => ("\"$1\"", "\"\""),
                Some("array") => ("[$1]", "[]"),
                Some("boolean") => ("${1:true}", "true"),
                Some("object") => ("{ $1 }", "{}"),
                _ => ("$1", "\"\""),
            };
            let mut completion = item(
                CompletionKind::Key,
                &scope_key.name,
                self.key_edit(&scope_key.name, snippet, plain),
            );
            completion.detail = Some(format!("scope key · {}", scope_key.source));
            completion.documentation = scope_key.description.clone();
            completion.sort_text = format!("{index:03}");
            items.push(completion);
        }
        items
    }

    pub(super) fn scope_values(
        &self,
        reference: CapabilityRef,
        capability: &Capability,
        entry: usize,
        key: &str,
    ) -> Vec<CompletionItem> {
        let plugin_key = self.entry_plugin_key(reference, capability, entry);
        let is_path = key == "path" || (key.is_empty() && plugin_key.as_deref() == Some("fs"));
        if !is_path {
            return Vec::new();
        }
        self.path_variables(capability)
    }

    /// Tauri's base-directory variables, completing the first component of a path.
    pub(super) fn path_variables(&self, capability: &Capability) -> Vec<CompletionItem> {
        let Some(token) = &self.cursor.token else {
            return Vec::new();
        };
        if token.quote.is_none()
            || token.prefix.contains('/')
            || !(token.prefix.is_empty() || token.prefix.starts_with('$'))
        {
            return Vec::new();
        }
        let content = slice(&self.source.text, token.content_range);
        let component_length = content.find('/').unwrap_or(content.len());
        let range = TextRange::at(
            token.content_range.start(),
            crate::text::to_size(component_length),
        );
        let platforms = platforms_for(self.app, capability);
        let mut items = Vec::new();
        for (index, directory) in BASE_DIRECTORIES.iter().enumerate() {
            let BaseDirectory {
                variable,
                method,
                description,
                is_desktop_only,
            } = directory;
            let edit = ValueEdit {
                range,
                new_text: (*variable).to_owned(),
                filter_text: (*variable).to_owned(),
                is_snippet: false,
            };
            let mut completion = item(CompletionKind::Variable, *variable, edit);
            let is_demoted = *is_desktop_only && platforms == [Platform::Android];
            let mut detail = format!("base directory · {method}()");
            if *is_desktop_only {
                detail.push_str(" · not on android");
            }
            completion.detail = Some(detail);
            completion.documentation = Some(format!(
                "{description}\n\nResolved by Tauri's path resolver (`BaseDirectory::from_variable`) when it is the first component of the path."
            ));
            completion.sort_text = format!("{}{index:02}", u8::from(is_demoted));
            items.push(completion);
        }
        items
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::{check, with_plugins};

    #[test]
    fn scope_keys_from_the_global_scope_schema() {
        insta::assert_snapshot!(check(r##"
//- /src-tauri/gen/schemas/acl-manifests.json
{ "http": { "permissions": { "allow-fetch": { "identifier": "allow-fetch", "commands": { "allow": ["fetch"], "deny": [] } } }, "permission_sets": {}, "global_scope_schema": { "$schema": "http://json-schema.org/draft-07/schema#", "anyOf": [{ "type": "string" }, { "$ref": "#/definitions/Entry" }], "definitions": { "Entry": { "type": "object", "required": ["url"], "properties": { "url": { "type": "string", "description": "A URL pattern." }, "methods": { "type": "array" } } } } } } }
//- /src-tauri/capabilities/default.json
{ "identifier": "default", "permissions": [{ "identifier": "http:allow-fetch", "allow": [{ $0 }] }] }
"##), @r#"
        url  [key] scope key · global scope schema  → insert `"url": "$1"` (snippet; plain `"url": ""`)
        methods  [key] scope key · global scope schema  → insert `"methods": [$1]` (snippet; plain `"methods": []`)
        ---
        A URL pattern.
        "#);
    }

    #[test]
    fn scope_keys_from_the_plugins_permissions_or_known_shapes() {
        insta::assert_snapshot!(check(&with_plugins(r#"
//- /src-tauri/capabilities/default.json
{ "identifier": "default", "permissions": [{ "identifier": "fs:allow-read-file", "allow": [{ "pa$0": "" }] }] }
"#)), @"path  [key] scope key · used by the plugin's permissions  → replace `pa` with `path`");
        insta::assert_snapshot!(check(r#"
//- /src-tauri/capabilities/default.toml
identifier = "default"
[[permissions]]
identifier = "shell:allow-execute"
allow = [{ name = "git", $0 }]
//- /plugins/shell/permissions/default.toml plugin:shell
[[permission]]
identifier = "allow-execute"
commands.allow = ["execute"]
"#), @r#"
        cmd  [key] scope key · known scope shape  → insert `cmd = "$1"` (snippet; plain `cmd = ""`)
        args  [key] scope key · known scope shape  → insert `args = ${1:true}` (snippet; plain `args = true`)
        sidecar  [key] scope key · known scope shape  → insert `sidecar = ${1:true}` (snippet; plain `sidecar = true`)
        ---
        The program to run.
        "#);
    }

    #[test]
    fn path_variables_in_scope_values() {
        insta::assert_snapshot!(check(&with_plugins(r#"
//- /src-tauri/capabilities/default.json
{ "identifier": "default", "permissions": [{ "identifier": "fs:allow-read-file", "allow": [{ "path": "$APP$0/**" }] }] }
"#)), @"
        $APPCONFIG  [variable] base directory · app_config_dir()  → replace `$APP` with `$APPCONFIG`
        $APPDATA  [variable] base directory · app_data_dir()  → replace `$APP` with `$APPDATA`
        $APPLOCALDATA  [variable] base directory · app_local_data_dir()  → replace `$APP` with `$APPLOCALDATA`
        $APPCACHE  [variable] base directory · app_cache_dir()  → replace `$APP` with `$APPCACHE`
        $APPLOG  [variable] base directory · app_log_dir()  → replace `$APP` with `$APPLOG`
        $HOME  [variable] base directory · home_dir()  → replace `$APP` with `$HOME`
        $DESKTOP  [variable] base directory · desktop_dir() · not on android  → replace `$APP` with `$DESKTOP`
        $DOCUMENT  [variable] base directory · document_dir()  → replace `$APP` with `$DOCUMENT`
        $DOWNLOAD  [variable] base directory · download_dir()  → replace `$APP` with `$DOWNLOAD`
        $PICTURE  [variable] base directory · picture_dir()  → replace `$APP` with `$PICTURE`
        … 11 more
        $RUNTIME  [variable] base directory · runtime_dir() · not on android  → replace `$APP` with `$RUNTIME`
        $TEMPLATE  [variable] base directory · template_dir() · not on android  → replace `$APP` with `$TEMPLATE`
        ---
        The app's config directory.

        Resolved by Tauri's path resolver (`BaseDirectory::from_variable`) when it is the first component of the path.
        ");
        insta::assert_snapshot!(check(&with_plugins(r#"
//- /src-tauri/capabilities/default.toml
identifier = "default"
platforms = ["android"]
[[permissions]]
identifier = "fs:allow-read-file"
deny = ["$0"]
"#)), @"
        $APPCONFIG  [variable] base directory · app_config_dir()  → insert `$APPCONFIG`
        $APPDATA  [variable] base directory · app_data_dir()  → insert `$APPDATA`
        $APPLOCALDATA  [variable] base directory · app_local_data_dir()  → insert `$APPLOCALDATA`
        $APPCACHE  [variable] base directory · app_cache_dir()  → insert `$APPCACHE`
        $APPLOG  [variable] base directory · app_log_dir()  → insert `$APPLOG`
        $HOME  [variable] base directory · home_dir()  → insert `$HOME`
        $DOCUMENT  [variable] base directory · document_dir()  → insert `$DOCUMENT`
        $DOWNLOAD  [variable] base directory · download_dir()  → insert `$DOWNLOAD`
        $PICTURE  [variable] base directory · picture_dir()  → insert `$PICTURE`
        $AUDIO  [variable] base directory · audio_dir()  → insert `$AUDIO`
        … 11 more
        $RUNTIME  [variable] base directory · runtime_dir() · not on android  → insert `$RUNTIME`
        $TEMPLATE  [variable] base directory · template_dir() · not on android  → insert `$TEMPLATE`
        ---
        The app's config directory.

        Resolved by Tauri's path resolver (`BaseDirectory::from_variable`) when it is the first component of the path.
        ");
    }

    #[test]
    fn scope_key_under_a_toml_array_table() {
        insta::assert_snapshot!(check(&with_plugins(r#"
//- /src-tauri/capabilities/default.toml
identifier = "default"

[[permissions]]
identifier = "fs:allow-read-file"

[[permissions.allow]]
pa$0
"#)), @r#"path  [key] scope key · used by the plugin's permissions  → replace `pa` with `path = "$1"` (snippet; plain `path = ""`)"#);
    }
}
