//! The bundled map: the facts of every released 2.x version of `@tauri-apps/api` and of
//! the official `@tauri-apps/plugin-*` packages, compiled into the binary, for apps
//! whose `node_modules` is not installed (a fresh clone, CI, an editor opened before
//! `npm install`).
//!
//! `data/js-api.json` (next to `server/Cargo.toml`) is written by
//! `scripts/js-api/generate.sh`, which downloads each version from the npm registry and
//! reads it with this crate's own reader ([`super::analyze`]), so the bundled facts are
//! what reading the installed package gives. Versions of a package with equal facts
//! share one entry, named after the first version that had it. Like the bundled
//! catalogue ([`crate::workspace::bundled`]), only the index is parsed up front; an
//! entry is parsed when an app asks for it, once.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};
use std::ops::Range;
use std::sync::{Arc, Mutex, OnceLock};

use serde_json::{Value, json};

use super::facts::PackageFacts;

/// The generated data. An empty map is valid (every lookup misses).
pub const DATA: &str = include_str!("../../../data/js-api.json");

/// The format the loader reads; the generator writes the same number.
pub const FORMAT: u64 = 1;

/// Where the facts section starts; [`write`] puts one entry on each line after it.
const FACTS_START: &str = "\n\"facts\":{\n";

/// One package's versions, as the generator records them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PackageRecord {
    /// Version → entry name.
    pub versions: BTreeMap<semver::Version, String>,
    /// Pre-release versions of 2.x left out.
    pub prereleases_skipped: usize,
    /// Released versions that could not be read, with why.
    pub skipped: Vec<(String, String)>,
    /// Versions read with something missing, with what (a plugin version published on
    /// npm without a crate of the same version, whose injected globals are not known).
    pub notes: Vec<(String, String)>,
}

#[derive(Debug, Default)]
pub struct BundledJsApi {
    pub packages: BTreeMap<String, PackageRecord>,
    text: Cow<'static, str>,
    entries: BTreeMap<String, Range<usize>>,
    parsed: Mutex<HashMap<String, Arc<PackageFacts>>>,
}

/// What the map offers for one pinned version.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BundledVersion {
    /// The bundled version used.
    pub version: String,
    pub entry: String,
}

/// The map compiled into this binary.
pub fn bundled() -> &'static BundledJsApi {
    static BUNDLED: OnceLock<BundledJsApi> = OnceLock::new();
    BUNDLED.get_or_init(|| BundledJsApi::parse(DATA).unwrap_or_default())
}

impl BundledJsApi {
    /// Reads the generated text; `None` when it is not in the expected format.
    pub fn parse(text: impl Into<Cow<'static, str>>) -> Option<BundledJsApi> {
        let text = text.into();
        let split = text.find(FACTS_START)?;
        let index = format!("{}}}", text[..split].trim_end().trim_end_matches(','));
        let Value::Object(root) = serde_json::from_str(&index).ok()? else {
            return None;
        };
        if root.get("format").and_then(Value::as_u64) != Some(FORMAT) {
            return None;
        }
        let mut packages = BTreeMap::new();
        for (name, record) in root.get("packages")?.as_object()? {
            let mut package = PackageRecord {
                prereleases_skipped: record
                    .get("prereleases_skipped")
                    .and_then(Value::as_u64)
                    .unwrap_or(0) as usize,
                ..PackageRecord::default()
            };
            for (version, entry) in record.get("versions")?.as_object()? {
                package.versions.insert(
                    semver::Version::parse(version).ok()?,
                    entry.as_str()?.to_owned(),
                );
            }
            packages.insert(name.clone(), package);
        }
        // `"name@version":{...},` per line; the last line closes the file with `}}`.
        let mut entries = BTreeMap::new();
        let mut start = split + FACTS_START.len();
        for line in text[start..].split_inclusive('\n') {
            let line_start = start;
            start += line.len();
            let entry = line.trim_end();
            let entry = entry
                .strip_suffix(',')
                .or_else(|| entry.strip_suffix("}}"))
                .unwrap_or(entry);
            if entry.is_empty() {
                continue;
            }
            let (name, _) = entry.split_once("\":")?;
            let name = name.strip_prefix('"')?;
            let value_start = line_start + name.len() + 3;
            entries.insert(name.to_owned(), value_start..line_start + entry.len());
        }
        Some(BundledJsApi {
            packages,
            text,
            entries,
            parsed: Mutex::default(),
        })
    }

    /// The version to use for `name` pinned at `wanted`: that version, else the newest
    /// patch of its minor, else the newest release of its major.
    pub fn lookup(&self, name: &str, wanted: &str) -> Option<BundledVersion> {
        let package = self.packages.get(name)?;
        let wanted = semver::Version::parse(wanted).ok()?;
        let found = package.versions.get_key_value(&wanted).or_else(|| {
            let same = |minor: bool| {
                package.versions.iter().rfind(|(version, _)| {
                    version.major == wanted.major && (!minor || version.minor == wanted.minor)
                })
            };
            same(true).or_else(|| same(false))
        })?;
        Some(BundledVersion {
            version: found.0.to_string(),
            entry: found.1.clone(),
        })
    }

    /// An entry's facts, parsed on first use.
    pub fn facts(&self, entry: &str) -> Option<Arc<PackageFacts>> {
        let mut parsed = self
            .parsed
            .lock()
            .unwrap_or_else(|poison| poison.into_inner());
        if let Some(facts) = parsed.get(entry) {
            return Some(facts.clone());
        }
        let text = self.text.get(self.entries.get(entry)?.clone())?;
        let facts = Arc::new(serde_json::from_str::<PackageFacts>(text).ok()?);
        parsed.insert(entry.to_owned(), facts.clone());
        Some(facts)
    }
}

/// The generator's half: the file's text from each package's record and the facts of
/// each entry (entry name → facts).
pub fn write(
    packages: &BTreeMap<String, PackageRecord>,
    facts: &BTreeMap<String, PackageFacts>,
) -> String {
    let mut out = String::new();
    out.push_str(&format!("{{\"format\":{FORMAT},\n"));
    out.push_str("\"generated_by\":\"scripts/js-api/generate.sh; do not edit\",\n");
    out.push_str("\"packages\":{\n");
    let records: Vec<String> = packages
        .iter()
        .map(|(name, record)| {
            let versions: serde_json::Map<String, Value> = record
                .versions
                .iter()
                .map(|(version, entry)| (version.to_string(), json!(entry)))
                .collect();
            let listed = |list: &[(String, String)]| -> Vec<Value> {
                list.iter()
                    .map(|(version, why)| json!({"version": version, "why": why}))
                    .collect()
            };
            format!(
                "{}:{}",
                json!(name),
                json!({
                    "prereleases_skipped": record.prereleases_skipped,
                    "skipped": listed(&record.skipped),
                    "notes": listed(&record.notes),
                    "versions": versions,
                })
            )
        })
        .collect();
    out.push_str(&records.join(",\n"));
    out.push_str("},");
    out.push_str(FACTS_START);
    let entries: Vec<String> = facts
        .iter()
        .map(|(entry, facts)| {
            format!(
                "{}:{}",
                json!(entry),
                serde_json::to_string(facts).unwrap_or_default()
            )
        })
        .collect();
    out.push_str(&entries.join(",\n"));
    out.push_str("}}\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::workspace::js_api::facts::{Callable, Item};

    #[test]
    fn written_data_reads_back_and_nearest_versions_are_found() {
        let mut facts = PackageFacts::default();
        facts.modules.insert(
            "@tauri-apps/plugin-os".into(),
            BTreeMap::from([("platform".to_owned(), Item::Function(Callable::default()))]),
        );
        let mut record = PackageRecord::default();
        for version in ["2.0.0", "2.2.0", "2.2.1"] {
            record.versions.insert(
                semver::Version::parse(version).unwrap(),
                "@tauri-apps/plugin-os@2.0.0".into(),
            );
        }
        let text = write(
            &BTreeMap::from([("@tauri-apps/plugin-os".to_owned(), record)]),
            &BTreeMap::from([("@tauri-apps/plugin-os@2.0.0".to_owned(), facts.clone())]),
        );
        let map = BundledJsApi::parse(text).expect("the written text reads back");
        assert_eq!(
            map.facts("@tauri-apps/plugin-os@2.0.0").as_deref(),
            Some(&facts)
        );
        let used = |wanted: &str| {
            map.lookup("@tauri-apps/plugin-os", wanted)
                .map(|found| found.version)
        };
        assert_eq!(used("2.2.0").as_deref(), Some("2.2.0"));
        assert_eq!(used("2.2.7").as_deref(), Some("2.2.1"));
        assert_eq!(used("2.9.0").as_deref(), Some("2.2.1"));
        assert_eq!(used("1.0.0"), None);
    }

    #[test]
    fn the_bundled_data_parses() {
        let map = bundled();
        assert!(
            map.packages.contains_key("@tauri-apps/api"),
            "server/data/js-api.json lacks @tauri-apps/api: run scripts/js-api/generate.sh"
        );
        for record in map.packages.values() {
            for entry in record.versions.values() {
                assert!(map.facts(entry).is_some(), "entry {entry} does not parse");
            }
        }
    }
}
