//! What a plugin's scope entries look like, to write a skeleton the user fills in.
//!
//! From the plugin's global scope schema when the catalogue has one (its required
//! properties, or all of them), else from the keys its own permissions use in their
//! scopes, else from the shapes of the official plugins (fs `path`, http and opener
//! `url`, shell `name`/`cmd`/`args`).

use crate::workspace::Plugin;

/// The keys of a scope entry and a placeholder value for each.
pub fn skeleton(plugin: &Plugin) -> Vec<(String, serde_json::Value)> {
    if let Some(keys) = plugin.global_scope_schema.as_ref().and_then(schema_keys) {
        if !keys.is_empty() {
            return keys
                .into_iter()
                .map(|key| {
                    let value = placeholder(&plugin.key, &key);
                    (key, value)
                })
                .collect();
        }
    }
    let known: &[&str] = match plugin.key.as_str() {
        "fs" => &["path"],
        "http" | "opener" => &["url"],
        "shell" => &["name", "cmd", "args"],
        _ => &[],
    };
    if !known.is_empty() {
        return known
            .iter()
            .map(|key| ((*key).to_owned(), placeholder(&plugin.key, key)))
            .collect();
    }
    let mut used: Vec<String> = Vec::new();
    for permission in plugin.permissions.values() {
        for list in [&permission.value.scope_allow, &permission.value.scope_deny]
            .into_iter()
            .flatten()
        {
            for value in &list.value {
                if let serde_json::Value::Object(map) = &value.value {
                    for key in map.keys() {
                        if !used.contains(key) {
                            used.push(key.clone());
                        }
                    }
                }
            }
        }
    }
    used.into_iter()
        .map(|key| {
            let value = placeholder(&plugin.key, &key);
            (key, value)
        })
        .collect()
}

/// Property names of a scope entry schema: required ones first, else all, looking into
/// `anyOf`/`oneOf` branches and local `$ref`s.
fn schema_keys(schema: &serde_json::Value) -> Option<Vec<String>> {
    let definitions = schema
        .get("definitions")
        .or_else(|| schema.get("$defs"))
        .cloned()
        .unwrap_or_default();
    let resolve = |node: &serde_json::Value| -> serde_json::Value {
        match node.get("$ref").and_then(serde_json::Value::as_str) {
            Some(reference) => reference
                .rsplit('/')
                .next()
                .and_then(|name| definitions.get(name))
                .cloned()
                .unwrap_or_default(),
            None => node.clone(),
        }
    };
    let mut stack = vec![resolve(schema)];
    let mut seen = 0;
    while let Some(node) = stack.pop() {
        seen += 1;
        if seen > 64 {
            break;
        }
        if let Some(properties) = node
            .get("properties")
            .and_then(serde_json::Value::as_object)
        {
            let required: Vec<String> = node
                .get("required")
                .and_then(serde_json::Value::as_array)
                .map(|items| {
                    items
                        .iter()
                        .filter_map(|item| item.as_str().map(str::to_owned))
                        .collect()
                })
                .unwrap_or_default();
            return Some(if required.is_empty() {
                properties.keys().cloned().collect()
            } else {
                required
            });
        }
        for branch in ["anyOf", "oneOf", "allOf"] {
            if let Some(items) = node.get(branch).and_then(serde_json::Value::as_array) {
                stack.extend(items.iter().rev().map(&resolve));
            }
        }
    }
    None
}

/// A value that shows what goes in a scope key.
fn placeholder(plugin: &str, key: &str) -> serde_json::Value {
    match (plugin, key) {
        // Not `$APPDATA/**`: that reaches the webview's own data on Linux.
        (_, "path") => "$APPDATA/*".into(),
        (_, "url") => "https://example.com/*".into(),
        (_, "name") | (_, "cmd") => "my-program".into(),
        (_, "args") => serde_json::Value::Array(Vec::new()),
        (_, "sidecar") => false.into(),
        _ => "".into(),
    }
}
