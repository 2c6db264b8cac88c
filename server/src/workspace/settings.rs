//! `tauri-acl.toml`, the project's own settings file next to the Tauri config.
//!
//! ```toml
//! cargo-home = "../.cargo-fixture"   # relative to this file
//! platforms = ["linux", "macOS", "windows"]
//!
//! [rules]
//! unknown-window = "off"             # or "hint", "info", "warning", "error"
//! ```
//!
//! A malformed file is reported and otherwise ignored.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::diagnostic::{Code, Severity};
use crate::model::Platform;

pub const SETTINGS_FILE_NAME: &str = "tauri-acl.toml";

/// A rule's level: a severity, or off.
pub type RuleLevel = Option<Severity>;

#[derive(Debug, Clone, Default, PartialEq)]
pub struct ProjectSettings {
    pub cargo_home: Option<PathBuf>,
    pub platforms: Option<Vec<Platform>>,
    pub rules: BTreeMap<Code, RuleLevel>,
    /// Problems with the file itself, as messages.
    pub errors: Vec<String>,
}

/// Parses a rule level name: a severity or `off`.
pub fn parse_rule_level(text: &str) -> Option<RuleLevel> {
    if text == "off" || text == "allow" {
        return Some(None);
    }
    Severity::parse(text).map(Some)
}

impl ProjectSettings {
    pub fn parse(text: &str, dir: &Path) -> ProjectSettings {
        let mut settings = ProjectSettings::default();
        let table: toml::Table = match text.parse() {
            Ok(table) => table,
            Err(error) => {
                settings.errors.push(format!(
                    "{SETTINGS_FILE_NAME} is not valid TOML: {}",
                    error.message()
                ));
                return settings;
            }
        };
        for (key, value) in &table {
            match (key.as_str(), value) {
                ("cargo-home", toml::Value::String(path)) => {
                    settings.cargo_home = Some(dir.join(path));
                }
                ("platforms", toml::Value::Array(items)) => {
                    let mut platforms = Vec::new();
                    for item in items {
                        match item.as_str().and_then(Platform::parse_loose) {
                            Some(platform) => platforms.push(platform),
                            None => settings
                                .errors
                                .push(format!("unknown platform {item} in {SETTINGS_FILE_NAME}")),
                        }
                    }
                    settings.platforms = Some(platforms);
                }
                ("rules", toml::Value::Table(rules)) => {
                    for (name, level) in rules {
                        let code = Code::from_name(name);
                        let level = level.as_str().and_then(parse_rule_level);
                        match (code, level) {
                            (Some(code), Some(level)) => {
                                settings.rules.insert(code, level);
                            }
                            (None, _) => settings
                                .errors
                                .push(format!("unknown rule `{name}` in {SETTINGS_FILE_NAME}")),
                            (_, None) => settings.errors.push(format!(
                                "rule `{name}` in {SETTINGS_FILE_NAME} needs a level: off, hint, info, warning or error"
                            )),
                        }
                    }
                }
                _ => settings
                    .errors
                    .push(format!("unknown setting `{key}` in {SETTINGS_FILE_NAME}")),
            }
        }
        settings
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_cargo_home_platforms_and_rules() {
        let settings = ProjectSettings::parse(
            "cargo-home = \"../cargo\"\nplatforms = [\"linux\", \"macos\"]\n[rules]\nunknown-window = \"off\"\nduplicate-entry = \"error\"\nno-such-rule = \"off\"\n",
            Path::new("/app/src-tauri"),
        );
        assert_eq!(
            settings.cargo_home,
            Some(PathBuf::from("/app/src-tauri/../cargo"))
        );
        assert_eq!(
            settings.platforms,
            Some(vec![Platform::Linux, Platform::MacOS])
        );
        assert_eq!(settings.rules.get(&Code::UnknownWindow), Some(&None));
        assert_eq!(
            settings.rules.get(&Code::DuplicateEntry),
            Some(&Some(Severity::Error))
        );
        assert_eq!(
            settings.errors,
            ["unknown rule `no-such-rule` in tauri-acl.toml"]
        );
        let broken = ProjectSettings::parse("cargo-home = ", Path::new("/"));
        assert_eq!(broken.errors.len(), 1);
    }
}
