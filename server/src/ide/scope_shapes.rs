//! What a plugin's scope entries look like: their keys, for completion and validation,
//! and a skeleton a fix can write for the user to fill in.
//!
//! Keys come from the plugin's global scope schema when the catalogue has one (it only
//! exists after a build, in `acl-manifests.json`), else from the scope values of the
//! plugin's own permissions, else from the shapes of the official plugins (fs `path`,
//! http `url`, shell `name`/`cmd`/`args`/`sidecar`, opener `path`/`url`).

use std::collections::{BTreeMap, HashSet};

use crate::workspace::Plugin;

/// A key of a scope entry: its name, the JSON type of its value, and a description.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScopeKey {
    pub name: String,
    pub value_type: Option<String>,
    pub description: Option<String>,
    /// The schema or shape requires it.
    pub required: bool,
    /// Where the key was learnt: the schema, the plugin's permissions, known shapes.
    pub source: &'static str,
}

/// The scope keys of plugin `key` (`plugin` is its catalogue entry, when it has one).
pub fn scope_keys(plugin: Option<&Plugin>, key: &str) -> Vec<ScopeKey> {
    plugin
        .and_then(|plugin| plugin.global_scope_schema.as_ref())
        .map(schema_keys)
        .filter(|keys| !keys.is_empty())
        .or_else(|| plugin.map(used_scope_keys).filter(|keys| !keys.is_empty()))
        .unwrap_or_else(|| known_scope_keys(key))
}

/// A scope entry to start from: the required keys (or the first key) with placeholder
/// values.
pub fn skeleton(plugin: &Plugin) -> Vec<(String, serde_json::Value)> {
    let keys = scope_keys(Some(plugin), &plugin.key);
    let required: Vec<&ScopeKey> = keys.iter().filter(|key| key.required).collect();
    let chosen: Vec<&ScopeKey> = if required.is_empty() {
        keys.iter().take(1).collect()
    } else {
        required
    };
    chosen
        .into_iter()
        .map(|key| (key.name.clone(), placeholder(key)))
        .collect()
}

/// A value that shows what goes in a scope key.
fn placeholder(key: &ScopeKey) -> serde_json::Value {
    match (key.name.as_str(), key.value_type.as_deref()) {
        // Not `$APPDATA/**`: that reaches the webview's own data on Linux.
        ("path", _) => "$APPDATA/*".into(),
        ("url", _) => "https://example.com/*".into(),
        ("name" | "cmd", _) => "my-program".into(),
        // A list of fixed arguments and `{ "validator": … }` objects; empty allows none.
        ("args", _) => serde_json::Value::Array(Vec::new()),
        (_, Some("array")) => serde_json::Value::Array(Vec::new()),
        (_, Some("boolean")) => false.into(),
        _ => "".into(),
    }
}

/// The most schema nodes visited when collecting property names.
const MAX_SCHEMA_NODES: usize = 512;

/// Property names of a global scope schema, from the schema itself, its `anyOf`,
/// `oneOf` and `allOf` branches, and the `definitions`/`$defs` they reference.
pub fn schema_keys(schema: &serde_json::Value) -> Vec<ScopeKey> {
    let mut keys: Vec<ScopeKey> = Vec::new();
    let mut stack = vec![schema];
    let mut visited = 0;
    let mut references = HashSet::new();
    let mut required = HashSet::new();
    while let Some(node) = stack.pop() {
        visited += 1;
        if visited > MAX_SCHEMA_NODES {
            break;
        }
        let Some(object) = node.as_object() else {
            continue;
        };
        if let Some(reference) = object.get("$ref").and_then(|value| value.as_str())
            && references.insert(reference.to_owned())
        {
            stack.extend(resolve_reference(schema, reference));
        }
        if let Some(names) = object.get("required").and_then(|value| value.as_array()) {
            required.extend(
                names
                    .iter()
                    .filter_map(|name| name.as_str())
                    .map(str::to_owned),
            );
        }
        if let Some(properties) = object.get("properties").and_then(|value| value.as_object()) {
            for (name, property) in properties {
                if keys.iter().any(|key| key.name == *name) {
                    continue;
                }
                let property = property
                    .get("$ref")
                    .and_then(|value| value.as_str())
                    .and_then(|reference| resolve_reference(schema, reference))
                    .unwrap_or(property);
                keys.push(ScopeKey {
                    name: name.clone(),
                    value_type: property
                        .get("type")
                        .and_then(|value| value.as_str())
                        .map(str::to_owned),
                    description: property
                        .get("description")
                        .and_then(|value| value.as_str())
                        .map(str::to_owned),
                    required: false,
                    source: "global scope schema",
                });
            }
        }
        for branches in ["anyOf", "oneOf", "allOf"] {
            if let Some(branches) = object.get(branches).and_then(|value| value.as_array()) {
                // Pushed in reverse so the first branch is visited first.
                stack.extend(branches.iter().rev());
            }
        }
    }
    // Required keys first; the sort is stable, so the rest keep the schema's order.
    for key in &mut keys {
        key.required = required.contains(&key.name);
    }
    keys.sort_by_key(|key| !key.required);
    keys
}

/// `#/definitions/Name` or `#/$defs/Name` in `root`.
fn resolve_reference<'s>(
    root: &'s serde_json::Value,
    reference: &str,
) -> Option<&'s serde_json::Value> {
    let path = reference.strip_prefix("#/")?;
    let mut node = root;
    for part in path.split('/') {
        node = node.get(part.replace("~1", "/").replace("~0", "~"))?;
    }
    Some(node)
}

/// Keys of the object scope values in the plugin's own permissions.
pub fn used_scope_keys(plugin: &Plugin) -> Vec<ScopeKey> {
    // Each key with the JSON type of the first value seen for it.
    let mut names: BTreeMap<String, Option<String>> = BTreeMap::new();
    for permission in plugin.permissions.values() {
        let lists = [&permission.value.scope_allow, &permission.value.scope_deny];
        for list in lists.into_iter().flatten() {
            for value in &list.value {
                for (name, value) in value.value.as_object().into_iter().flatten() {
                    let value_type = match value {
                        serde_json::Value::String(_) => Some("string"),
                        serde_json::Value::Array(_) => Some("array"),
                        serde_json::Value::Bool(_) => Some("boolean"),
                        serde_json::Value::Object(_) => Some("object"),
                        _ => None,
                    };
                    names
                        .entry(name.clone())
                        .or_insert(value_type.map(str::to_owned));
                }
            }
        }
    }
    names
        .into_iter()
        .map(|(name, value_type)| ScopeKey {
            name,
            value_type,
            description: None,
            required: false,
            source: "used by the plugin's permissions",
        })
        .collect()
}

/// Scope shapes of well-known plugins, for when neither a schema nor examples exist.
pub fn known_scope_keys(key: &str) -> Vec<ScopeKey> {
    let keys: &[(&str, &str, &str)] = match key {
        "fs" => &[(
            "path",
            "string",
            "A path or glob; may start with a base-directory variable such as `$APPDATA`.",
        )],
        "http" => &[(
            "url",
            "string",
            "A URL pattern, such as `https://*.example.com`.",
        )],
        "shell" => &[
            (
                "name",
                "string",
                "The name the frontend uses for this command.",
            ),
            ("cmd", "string", "The program to run."),
            (
                "args",
                "boolean",
                "`true` to allow any arguments, or a list of fixed strings and `{ \"validator\": \"regex\" }` objects.",
            ),
            (
                "sidecar",
                "boolean",
                "Whether `name` is a sidecar binary bundled with the app.",
            ),
        ],
        "opener" => &[
            ("path", "string", "A path or glob the opener may open."),
            ("url", "string", "A URL pattern the opener may open."),
        ],
        _ => &[],
    };
    keys.iter()
        .enumerate()
        .map(|(index, (name, value_type, description))| ScopeKey {
            name: (*name).to_owned(),
            value_type: (!value_type.is_empty()).then(|| (*value_type).to_owned()),
            description: Some((*description).to_owned()),
            // The official plugins need the first key of each shape (fs `path`, http
            // `url`, shell `name`); a shell entry also names its `cmd` and lists its `args`.
            required: index == 0 || (key == "shell" && matches!(*name, "cmd" | "args")),
            source: "known scope shape",
        })
        .collect()
}
