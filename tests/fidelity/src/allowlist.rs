//! The reviewed list of disagreements the differential test tolerates.
//!
//! `allowlist.toml`, next to this crate's `Cargo.toml`, holds one `[[disagreement]]` per
//! tolerated difference: the exact `key` the test prints and the `reason` a reviewer
//! accepted. An entry that no longer matches anything (on a run that covered its
//! source) fails the test too, so the list cannot go stale.

use std::collections::BTreeSet;
use std::path::Path;

use serde::Deserialize;

#[derive(Debug, Deserialize)]
struct File {
    #[serde(default)]
    disagreement: Vec<Entry>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Entry {
    pub key: String,
    pub reason: String,
}

#[derive(Debug, Default)]
pub struct AllowList {
    pub entries: Vec<Entry>,
}

impl AllowList {
    pub fn load(path: &Path) -> Result<AllowList, String> {
        let text = std::fs::read_to_string(path)
            .map_err(|error| format!("cannot read {}: {error}", path.display()))?;
        let file: File =
            toml::from_str(&text).map_err(|error| format!("{}: {error}", path.display()))?;
        for entry in &file.disagreement {
            if entry.reason.trim().is_empty() {
                return Err(format!("allow-list entry `{}` gives no reason", entry.key));
            }
        }
        Ok(AllowList {
            entries: file.disagreement,
        })
    }

    pub fn allows(&self, key: &str) -> Option<&Entry> {
        self.entries.iter().find(|entry| entry.key == key)
    }

    /// Entries whose key starts with one of `covered` (a source the run looked at) and
    /// matched none of `seen`.
    pub fn stale<'a>(&'a self, covered: &[String], seen: &BTreeSet<String>) -> Vec<&'a Entry> {
        self.entries
            .iter()
            .filter(|entry| {
                covered.iter().any(|prefix| entry.key.starts_with(prefix))
                    && !seen.contains(&entry.key)
            })
            .collect()
    }
}
