//! The normal form both sides' resolutions are compared in.
//!
//! Tauri's `Resolved` maps each command name to one `ResolvedCommand` per execution
//! context (local, or each remote URL pattern) of each capability that reaches it, and
//! keeps the scopes in a side table. Here every such pair is one [`CommandRow`], scopes
//! inline, and the rows are sorted, so two resolutions are equal exactly when they allow
//! and deny the same commands, the same number of times, in the same contexts, windows
//! and webviews, with the same scopes.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// One command allowed or denied in one execution context.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct CommandRow {
    /// Tauri's resolved name (`plugin:fs|read_file`, `plugin:window|close`, `greet`).
    pub command: String,
    pub deny: bool,
    /// `local`, or the remote URL pattern as written.
    pub context: String,
    /// Sorted, as Tauri sorts them.
    pub windows: Vec<String>,
    pub webviews: Vec<String>,
    /// The command's scope as canonical JSON (`allow`, `deny`), when it has one.
    pub scope: Option<(String, String)>,
}

/// What one capability grants on one platform.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Acl {
    /// Sorted.
    pub commands: Vec<CommandRow>,
    /// Per plugin key, the canonical JSON of the merged `allow` and `deny` lists.
    pub global_scope: BTreeMap<String, (String, String)>,
}

impl Acl {
    pub fn sort(&mut self) {
        self.commands.sort();
    }
}

/// JSON text with object keys sorted at every level, so equal values print equally
/// whatever map type produced them.
pub fn canonical(value: &serde_json::Value) -> String {
    fn sorted(value: &serde_json::Value) -> serde_json::Value {
        match value {
            serde_json::Value::Object(map) => {
                let ordered: BTreeMap<&String, serde_json::Value> = map
                    .iter()
                    .map(|(key, value)| (key, sorted(value)))
                    .collect();
                serde_json::Value::Object(
                    ordered
                        .into_iter()
                        .map(|(key, value)| (key.clone(), value))
                        .collect(),
                )
            }
            serde_json::Value::Array(items) => {
                serde_json::Value::Array(items.iter().map(sorted).collect())
            }
            other => other.clone(),
        }
    }
    sorted(value).to_string()
}

/// Canonical JSON of a list of values.
pub fn canonical_list(values: &[serde_json::Value]) -> String {
    canonical(&serde_json::Value::Array(values.to_vec()))
}
