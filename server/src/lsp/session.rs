//! The server's mutable state: open documents, client capabilities, settings and the
//! current [`World`] snapshot.
//!
//! It lives in a `std::sync::Mutex` and is only ever locked for short, synchronous
//! sections: notifications apply their change and derive the next snapshot before their
//! first `.await`; requests lock only to clone the snapshot. Nothing holds the lock across
//! an await point.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::PathBuf;
use std::sync::Arc;

use serde_json::Value;
use tower_lsp_server::ls_types::Uri;

use super::documents::Document;
use crate::diagnostic::Code;
use crate::ide::{IdeConfig, World};
use crate::model::Platform;
use crate::text::Encoding;
use crate::workspace::crate_source::cargo_homes_from_env;
use crate::workspace::fs::RealFs;
use crate::workspace::settings::{RuleLevel, parse_rule_level};
use crate::workspace::{LoadOptions, Workspace};

/// What a request works on: a snapshot and the encoding to answer in.
pub struct Snapshot {
    pub world: World,
    pub encoding: Encoding,
}

/// Settings from `initializationOptions` and `workspace/configuration` (section
/// `tauriAcl`).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Settings {
    pub platforms: Option<Vec<Platform>>,
    pub rules: BTreeMap<Code, RuleLevel>,
    pub cargo_homes: Vec<PathBuf>,
}

impl Settings {
    /// Reads settings, accepting them at the top level or under `tauriAcl`; unknown or
    /// malformed values are ignored.
    pub fn from_json(value: &Value) -> Settings {
        let value = value.get("tauriAcl").unwrap_or(value);
        let mut settings = Settings::default();
        if let Some(platforms) = value.get("platforms").and_then(Value::as_array) {
            let parsed: Vec<Platform> = platforms
                .iter()
                .filter_map(Value::as_str)
                .filter_map(Platform::parse_loose)
                .collect();
            if !parsed.is_empty() {
                settings.platforms = Some(parsed);
            }
        }
        if let Some(rules) = value.get("rules").and_then(Value::as_object) {
            for (name, level) in rules {
                if let (Some(code), Some(level)) = (
                    Code::from_name(name),
                    level.as_str().and_then(parse_rule_level),
                ) {
                    settings.rules.insert(code, level);
                }
            }
        }
        match value.get("cargoHome") {
            Some(Value::String(home)) if !home.is_empty() => {
                settings.cargo_homes.push(PathBuf::from(home));
            }
            Some(Value::Array(homes)) => settings
                .cargo_homes
                .extend(homes.iter().filter_map(Value::as_str).map(PathBuf::from)),
            _ => {}
        }
        settings
    }
}

/// What the client told us it can do.
#[derive(Debug, Clone, Default)]
pub struct ClientSupport {
    pub pull_diagnostics: bool,
    pub watched_files_registration: bool,
    pub configuration: bool,
    pub snippets: bool,
    pub related_information: bool,
    /// The client can create files in a workspace edit.
    pub resource_operations: bool,
    /// The client takes `workspace/codeLens/refresh`.
    pub code_lens_refresh: bool,
    /// The client runs `tauri-acl.insertSnippet` (our editor extension does).
    pub snippet_command: bool,
    /// The client wants `tauri-acl/status` notifications (our editor extension does).
    pub status_notification: bool,
}

#[derive(Debug, Default)]
pub struct Session {
    pub documents: HashMap<Uri, Document>,
    pub roots: Vec<PathBuf>,
    pub settings: Settings,
    pub encoding: Option<Encoding>,
    pub client: ClientSupport,
    pub world: World,
    /// Bumped on every reload request, so a slow reload that lost the race is dropped.
    pub reload_generation: u64,
    pub shutting_down: bool,
    /// Documents whose pushed diagnostics are due (see `handlers::diagnostics`).
    pub diagnostics_due: HashSet<Uri>,
    /// A diagnostics round is running; it takes the due documents when it loops.
    pub diagnostics_running: bool,
    /// Open documents diagnostics were published on, so one that leaves its app (a
    /// script that stops using Tauri's API) gets its diagnostics cleared.
    pub published: HashSet<Uri>,
    /// Bumped on every code lens refresh request, so a burst of edits sends one.
    pub lens_refresh_generation: u64,
}

impl Session {
    pub fn encoding(&self) -> Encoding {
        self.encoding.unwrap_or(Encoding::Utf16)
    }

    /// The texts of open documents, which win over the disk.
    pub fn overlays(&self) -> HashMap<PathBuf, String> {
        self.documents
            .iter()
            .filter_map(|(uri, document)| {
                Some((super::convert::path_from_uri(uri)?, document.text()))
            })
            .collect()
    }

    pub fn load_options(&self) -> LoadOptions {
        LoadOptions {
            cargo_homes: self.settings.cargo_homes.clone(),
            env_cargo_homes: cargo_homes_from_env(|name| std::env::var_os(name)),
            platforms: self.settings.platforms.clone(),
            overlays: self.overlays(),
        }
    }

    pub fn ide_config(&self) -> IdeConfig {
        IdeConfig {
            rules: self.settings.rules.clone(),
        }
    }

    /// Applies the texts of open documents to a freshly loaded workspace, for edits that
    /// happened while it was loading.
    pub fn adopt(&mut self, mut workspace: Workspace) {
        for (uri, document) in &self.documents {
            let Some(path) = super::convert::path_from_uri(uri) else {
                continue;
            };
            let Some(file) = workspace.file_id(&path) else {
                continue;
            };
            let text = document.text();
            if workspace.file(file).text != text {
                workspace = workspace.with_text(file, &text);
            }
        }
        self.world = World {
            workspace: Arc::new(workspace),
            config: Arc::new(self.ide_config()),
            resolutions: self.world.resolutions.clone(),
        };
    }
}

/// Loads the workspace from disk and overlays; blocking, run off the async threads.
pub fn load(roots: &[PathBuf], options: &LoadOptions) -> Workspace {
    Workspace::load(&RealFs, roots, options)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_at_the_top_or_under_the_section() {
        let json = serde_json::json!({
            "tauriAcl": {
                "platforms": ["linux", "macos", "nonsense"],
                "rules": { "unknown-window": "off", "duplicate-entry": "error", "bogus": "off" },
                "cargoHome": "/opt/cargo"
            }
        });
        let settings = Settings::from_json(&json);
        assert_eq!(
            settings.platforms,
            Some(vec![Platform::Linux, Platform::MacOS])
        );
        assert_eq!(settings.rules.len(), 2);
        assert_eq!(settings.cargo_homes, [PathBuf::from("/opt/cargo")]);
        let flat = Settings::from_json(&serde_json::json!({ "cargoHome": ["/a", "/b"] }));
        assert_eq!(flat.cargo_homes.len(), 2);
        assert_eq!(Settings::from_json(&Value::Null), Settings::default());
    }
}
