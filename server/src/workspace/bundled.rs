//! The bundled catalogue: the permissions of every released 2.x version of the `tauri`
//! crate and of the official plugins, compiled into the binary, for apps whose crate
//! sources are not unpacked (a fresh clone, CI without `cargo fetch`, `tauri` from git).
//!
//! `data/catalogue.json` (next to `server/Cargo.toml`) is written by
//! `scripts/catalogue/generate.sh`, which unpacks each crate version with cargo and
//! reads it with this crate's own discovery code ([`super::app::read_crate`]), so the
//! bundled facts are what the loader would read from the unpacked sources. It holds
//! facts only, in the shape of Tauri's `acl-manifests.json` (identifiers, commands,
//! set members, defaults, scopes, platforms) and none of the authors' descriptions.
//! Versions of a crate that define the same manifests share one entry, named after the
//! first version that had it.
//!
//! The index is parsed once, on first use; a version's manifests are parsed when an app
//! asks for them, as a virtual `acl-manifests.json` file of kind [`FileKind::Bundled`].
//!
//! [`FileKind::Bundled`]: super::FileKind::Bundled

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::ops::Range;
use std::sync::OnceLock;

use serde_json::{Map, Value, json};

use super::catalogue::Plugin;

/// The generated data. An empty catalogue is valid (every lookup misses).
pub const DATA: &str = include_str!("../../data/catalogue.json");

/// The format the loader reads; the generator writes the same number.
pub const FORMAT: u64 = 1;

/// One crate in the catalogue.
#[derive(Debug, Default)]
pub struct BundledCrate {
    /// Version → the name of the manifests entry it uses.
    pub versions: BTreeMap<semver::Version, String>,
}

#[derive(Debug, Default)]
pub struct Bundled {
    pub crates: BTreeMap<String, BundledCrate>,
    text: Cow<'static, str>,
    /// Each entry's manifests as a range of `text`: only the index is parsed up front
    /// (a `serde_json::Value` of every entry would hold megabytes nobody asked for).
    manifests: BTreeMap<String, Range<usize>>,
}

/// Where the manifests section starts; [`write`] puts one entry on each line after it.
const MANIFESTS_START: &str = "\n\"manifests\":{\n";

/// What the catalogue offers for one locked crate version.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BundledMatch {
    pub name: String,
    /// The bundled version used: the locked one, or the nearest older one of its minor.
    pub version: String,
    /// The version `Cargo.lock` records.
    pub locked: String,
    /// The manifests entry: the virtual file's name.
    pub entry: String,
}

impl BundledMatch {
    pub fn is_exact(&self) -> bool {
        self.version == self.locked
    }
}

/// The catalogue compiled into this binary.
pub fn bundled() -> &'static Bundled {
    static BUNDLED: OnceLock<Bundled> = OnceLock::new();
    BUNDLED.get_or_init(|| Bundled::parse(DATA).unwrap_or_default())
}

impl Bundled {
    /// Reads the generated text; `None` when it is not in the expected format.
    pub fn parse(text: impl Into<Cow<'static, str>>) -> Option<Bundled> {
        let text = text.into();
        let split = text.find(MANIFESTS_START)?;
        let index = format!("{}}}", text[..split].trim_end().trim_end_matches(','));
        let Value::Object(root) = serde_json::from_str(&index).ok()? else {
            return None;
        };
        if root.get("format").and_then(Value::as_u64) != Some(FORMAT) {
            return None;
        }
        let mut crates = BTreeMap::new();
        for (name, entry) in root.get("crates")?.as_object()? {
            let mut bundled = BundledCrate::default();
            for (version, manifests) in entry.get("versions")?.as_object()? {
                let version = semver::Version::parse(version).ok()?;
                bundled
                    .versions
                    .insert(version, manifests.as_str()?.to_owned());
            }
            crates.insert(name.clone(), bundled);
        }
        // `"name@version":{...},` per line; the last line closes the file with `}}`.
        let mut manifests = BTreeMap::new();
        let mut start = split + MANIFESTS_START.len();
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
            manifests.insert(name.to_owned(), value_start..line_start + entry.len());
        }
        Some(Bundled {
            crates,
            text,
            manifests,
        })
    }

    /// The most exact bundled version for `name` locked at `locked`: that version, or
    /// the nearest older release of the same major and minor.
    pub fn lookup(&self, name: &str, locked: &str) -> Option<BundledMatch> {
        let crate_ = self.crates.get(name)?;
        let wanted = semver::Version::parse(locked).ok()?;
        let (version, entry) = crate_
            .versions
            .range(..=wanted.clone())
            .next_back()
            .filter(|(version, _)| {
                version.major == wanted.major
                    && version.minor == wanted.minor
                    && (**version == wanted || wanted.pre.is_empty() || version.pre.is_empty())
            })?;
        Some(BundledMatch {
            name: name.to_owned(),
            version: version.to_string(),
            locked: locked.to_owned(),
            entry: entry.clone(),
        })
    }

    /// An entry's manifests as the text of an `acl-manifests.json`.
    pub fn manifests_text(&self, entry: &str) -> Option<&str> {
        self.manifests
            .get(entry)
            .and_then(|range| self.text.get(range.clone()))
    }
}

/// A plugin's manifests in the shape of one `acl-manifests.json` entry, facts only.
/// Permission order is Tauri's (its generated file keys them in sorted maps), so equal
/// catalogues encode to equal values.
pub fn encode_plugin(plugin: &Plugin) -> Value {
    let strings = |list: &[crate::model::Spanned<String>]| -> Vec<String> {
        list.iter().map(|item| item.value.clone()).collect()
    };
    let mut entry = Map::new();
    if let Some(default) = &plugin.default {
        entry.insert(
            "default_permission".to_owned(),
            json!({ "identifier": "default", "permissions": strings(&default.value.permissions) }),
        );
    }
    let mut permissions = Map::new();
    for (id, permission) in &plugin.permissions {
        let permission = &permission.value;
        let mut value = Map::new();
        value.insert("identifier".to_owned(), json!(id));
        value.insert(
            "commands".to_owned(),
            json!({
                "allow": strings(&permission.commands_allow),
                "deny": strings(&permission.commands_deny),
            }),
        );
        let scope_values = |scope: &Option<crate::model::Spanned<Vec<_>>>| {
            scope.as_ref().map(|scope| {
                scope
                    .value
                    .iter()
                    .map(|value: &crate::model::capability::ScopeValue| value.value.clone())
                    .collect::<Vec<_>>()
            })
        };
        let mut scope = Map::new();
        if let Some(allow) = scope_values(&permission.scope_allow) {
            scope.insert("allow".to_owned(), json!(allow));
        }
        if let Some(deny) = scope_values(&permission.scope_deny) {
            scope.insert("deny".to_owned(), json!(deny));
        }
        if !scope.is_empty() {
            value.insert("scope".to_owned(), Value::Object(scope));
        }
        if let Some(platforms) = &permission.platforms {
            let names: Vec<&str> = platforms.value.iter().map(|p| p.value.name()).collect();
            value.insert("platforms".to_owned(), json!(names));
        }
        permissions.insert(id.clone(), Value::Object(value));
    }
    entry.insert("permissions".to_owned(), Value::Object(permissions));
    let mut sets = Map::new();
    for (id, set) in &plugin.sets {
        sets.insert(
            id.clone(),
            json!({ "identifier": id, "permissions": strings(&set.value.permissions) }),
        );
    }
    entry.insert("permission_sets".to_owned(), Value::Object(sets));
    if let Some(schema) = &plugin.global_scope_schema {
        entry.insert("global_scope_schema".to_owned(), schema.clone());
    }
    Value::Object(entry)
}

/// The manifests one crate version defines, keyed as Tauri keys them.
pub fn encode_crate(plugins: &[Plugin]) -> Value {
    Value::Object(
        plugins
            .iter()
            .map(|plugin| (plugin.key.clone(), encode_plugin(plugin)))
            .collect(),
    )
}

/// What the generator found for one crate.
#[derive(Debug, Default)]
pub struct CrateRecord {
    /// Each bundled version's manifests ([`encode_crate`]).
    pub versions: BTreeMap<semver::Version, Value>,
    /// How many 2.x pre-releases the index lists (never bundled).
    pub prereleases: usize,
    /// Released versions left out and why (yanked, unreadable sources).
    pub skipped: Vec<String>,
}

/// The data file's text: versions with equal manifests share one entry named after the
/// first of them, one entry per line so a regeneration's diff is readable.
pub fn write(crates: &BTreeMap<String, CrateRecord>) -> String {
    let mut index = Map::new();
    let mut entries: Vec<(String, String)> = Vec::new();
    for (name, record) in crates {
        let mut seen: BTreeMap<String, String> = BTreeMap::new();
        let mut versions = Map::new();
        for (version, manifests) in &record.versions {
            let text = manifests.to_string();
            let entry = seen
                .entry(text.clone())
                .or_insert_with(|| {
                    let entry = format!("{name}@{version}");
                    entries.push((entry.clone(), text));
                    entry
                })
                .clone();
            versions.insert(version.to_string(), json!(entry));
        }
        index.insert(
            name.clone(),
            json!({
                "versions": versions,
                "prereleases_skipped": record.prereleases,
                "skipped": record.skipped,
            }),
        );
    }
    let mut out = format!(
        "{{\"format\":{FORMAT},\n\"generated_by\":\"scripts/catalogue/generate.sh; do not edit\",\n\"crates\":{{\n"
    );
    let crates: Vec<String> = index
        .iter()
        .map(|(name, value)| format!("{}:{value}", json!(name)))
        .collect();
    out.push_str(&crates.join(",\n"));
    out.push_str("},\n\"manifests\":{\n");
    let manifests: Vec<String> = entries
        .iter()
        .map(|(entry, text)| format!("{}:{text}", json!(entry)))
        .collect();
    out.push_str(&manifests.join(",\n"));
    out.push_str("}}\n");
    out
}

#[cfg(test)]
mod tests {
    use std::path::{Path, PathBuf};

    use super::*;
    use crate::workspace::app::read_crate;
    use crate::workspace::fs::RealFs;
    use crate::workspace::{FileKind, FileModel, PluginSource, SourceFile, Workspace};

    fn registry_dirs(cargo_home: &Path) -> Vec<PathBuf> {
        let mut dirs = Vec::new();
        for index in std::fs::read_dir(cargo_home.join("registry/src"))
            .into_iter()
            .flatten()
            .flatten()
        {
            for dir in std::fs::read_dir(index.path())
                .into_iter()
                .flatten()
                .flatten()
            {
                dirs.push(dir.path());
            }
        }
        dirs.sort();
        dirs
    }

    /// `tauri-plugin-fs-2.7.1` → (`tauri-plugin-fs`, 2.7.1), for the crates bundled.
    fn crate_of(dir: &Path) -> Option<(String, semver::Version)> {
        let base = dir.file_name()?.to_str()?;
        let (name, version) = base.rsplit_once('-')?;
        let version = semver::Version::parse(version).ok()?;
        let bundled = name == "tauri" || name.starts_with("tauri-plugin-");
        (bundled && name != "tauri-plugin").then(|| (name.to_owned(), version))
    }

    fn read(dir: &Path, name: &str) -> Vec<Plugin> {
        read_crate(&RealFs, &mut Workspace::default(), dir, name).0
    }

    /// Decodes an entry the way the loader does: a virtual `acl-manifests.json`.
    fn decode(bundled: &Bundled, entry: &str) -> Value {
        let text = bundled.manifests_text(entry).expect("entry exists");
        let file = SourceFile::new(
            PathBuf::from("/bundled/entry.json"),
            FileKind::Bundled,
            text.as_bytes(),
        );
        let FileModel::AclManifests(acl) = &file.model else {
            panic!("not lowered as manifests");
        };
        let plugins: Vec<Plugin> = acl
            .manifests
            .iter()
            .map(|(key, (manifest, schema))| {
                let mut plugin = Plugin::new(key.clone(), PluginSource::App { dir: "/".into() });
                plugin.merge(crate::workspace::FileId(0), manifest);
                plugin.global_scope_schema = schema.clone();
                plugin
            })
            .collect();
        encode_crate(&plugins)
    }

    /// Read sources → encode → write → parse → decode gives what was read, for every
    /// crate of the fixture cargo home (hand-written stand-ins, so only the data layer
    /// is held here; the bundled data itself is held to the real crates below).
    #[test]
    fn the_data_layer_round_trips_the_fixture_crates() {
        let home = Path::new(env!("CARGO_MANIFEST_DIR")).join("../fixtures/cargo-home");
        let mut crates: BTreeMap<String, CrateRecord> = BTreeMap::new();
        let mut read_values = Vec::new();
        for dir in registry_dirs(&home) {
            let Some((name, version)) = crate_of(&dir) else {
                continue;
            };
            let plugins = read(&dir, &name);
            assert!(!plugins.is_empty(), "{} defines nothing", dir.display());
            let value = encode_crate(&plugins);
            read_values.push((name.clone(), version.clone(), value.clone()));
            crates
                .entry(name)
                .or_default()
                .versions
                .insert(version, value);
        }
        assert!(read_values.len() >= 8, "{read_values:?}");
        let bundled = Bundled::parse(write(&crates)).expect("the written data parses");
        for (name, version, value) in read_values {
            let found = bundled.lookup(&name, &version.to_string()).unwrap();
            assert!(found.is_exact());
            assert_eq!(decode(&bundled, &found.entry), value, "{name} {version}");
        }
        // The core table round-trips too, with its generated allow/deny pairs.
        let core = crates["tauri"].versions.values().next().unwrap();
        assert!(core["core:window"]["permissions"]["allow-close"].is_object());
    }

    /// The compiled-in data against the real published crates, when a scratch cargo
    /// home holding them is present (`scripts/catalogue/generate.sh` leaves one; point
    /// `TAURI_ACL_CATALOGUE_HOME` at another). Every unpacked version there that the
    /// data bundles must read to exactly the bundled facts.
    #[test]
    fn the_bundled_data_matches_the_real_crates_when_present() {
        let home = std::env::var_os("TAURI_ACL_CATALOGUE_HOME")
            .map(PathBuf::from)
            .unwrap_or_else(|| std::env::temp_dir().join("tauri-acl-catalogue"));
        let dirs = registry_dirs(&home);
        if dirs.is_empty() {
            eprintln!(
                "skipped: no scratch cargo home at {} (run scripts/catalogue/generate.sh)",
                home.display()
            );
            return;
        }
        let mut compared = 0;
        for dir in dirs {
            let Some((name, version)) = crate_of(&dir) else {
                continue;
            };
            let Some(found) = bundled().lookup(&name, &version.to_string()) else {
                continue;
            };
            if !found.is_exact() {
                continue;
            }
            let read = encode_crate(&read(&dir, &name));
            assert_eq!(decode(bundled(), &found.entry), read, "{name} {version}");
            compared += 1;
        }
        eprintln!("compared {compared} crate versions with {}", home.display());
    }

    #[test]
    fn lookup_takes_the_exact_version_or_the_nearest_older_of_its_minor() {
        let mut crates = BTreeMap::new();
        let mut record = CrateRecord::default();
        for version in ["2.1.0", "2.1.3", "2.2.0"] {
            record
                .versions
                .insert(semver::Version::parse(version).unwrap(), json!({ "x": {} }));
        }
        crates.insert("tauri-plugin-x".to_owned(), record);
        let bundled = Bundled::parse(write(&crates)).unwrap();
        let used = |locked: &str| {
            bundled
                .lookup("tauri-plugin-x", locked)
                .map(|found| found.version)
        };
        assert_eq!(used("2.1.3").as_deref(), Some("2.1.3"));
        assert_eq!(used("2.1.2").as_deref(), Some("2.1.0"));
        assert_eq!(used("2.1.9").as_deref(), Some("2.1.3"));
        // A newer minor, an older one than any bundled, or another major: nothing.
        assert_eq!(used("2.3.0"), None);
        assert_eq!(used("2.0.9"), None);
        assert_eq!(used("3.1.0"), None);
        assert_eq!(used("not a version"), None);
        // Equal manifests share the first version's entry.
        assert_eq!(
            bundled.lookup("tauri-plugin-x", "2.2.0").unwrap().entry,
            "tauri-plugin-x@2.1.0"
        );
    }

    #[test]
    fn the_compiled_in_data_parses() {
        let data = bundled();
        assert!(
            data.crates.contains_key("tauri"),
            "the bundled catalogue is empty"
        );
        for (name, crate_) in &data.crates {
            for entry in crate_.versions.values() {
                let text = data
                    .manifests_text(entry)
                    .unwrap_or_else(|| panic!("{entry}"));
                let value: Value = serde_json::from_str(text)
                    .unwrap_or_else(|error| panic!("{name}: {entry}: {error}"));
                assert!(value.is_object(), "{entry}");
            }
        }
    }
}
