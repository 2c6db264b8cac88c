//! What each function, class and method of Tauri's JavaScript packages
//! (`@tauri-apps/api`, `@tauri-apps/plugin-*`) reaches over IPC, read from the
//! packages' own code: `readTextFile` of `@tauri-apps/plugin-fs` invokes
//! `plugin:fs|read_text_file`, `getCurrentWindow().minimize()` of
//! `@tauri-apps/api/window` `plugin:window|minimize`, `platform()` of
//! `@tauri-apps/plugin-os` nothing.
//!
//! [`package`] reads an installed package's files, [`lower`] parses each module with oxc
//! into the little the analysis needs, [`analyze`] follows calls down to the `invoke`
//! of `@tauri-apps/api/core` and writes [`facts`], which answer member chains. [`JsApi`]
//! holds, per package an app uses, the facts and where they came from.
//!
//! Invariant: nothing here runs the package's code or any program; `node_modules` is
//! read only under `@tauri-apps/`.

pub mod analyze;
pub mod bundled;
pub mod facts;
pub mod lockfile;
pub mod lower;
pub mod package;

use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};

use serde_json::Value;

use super::fs::Fs;
use facts::PackageFacts;
use package::PackageFiles;

/// Where the facts about one package come from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum JsApiSource {
    /// Read from the installed package in `node_modules`, at its version.
    NodeModules { version: String },
    /// The bundled map, at the version the lockfile pins.
    Bundled { version: String },
    /// The bundled map at the nearest version it has: the same minor's newest patch,
    /// else the newest release of the same major. `wanted` is the version the lockfile
    /// pins, or without a lockfile the range `package.json` asks for (the newest
    /// bundled release in it is used).
    BundledNearest { wanted: String, used: String },
}

impl fmt::Display for JsApiSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            JsApiSource::NodeModules { version } => write!(f, "{version} from node_modules"),
            JsApiSource::Bundled { version } => write!(f, "{version} from the bundled map"),
            JsApiSource::BundledNearest { wanted, used } => {
                write!(f, "{used} from the bundled map (nearest to {wanted})")
            }
        }
    }
}

/// The commands one call of a package's API reaches.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiCommands {
    /// As invoked, sorted: `plugin:fs|read_text_file`.
    pub commands: Vec<String>,
    pub source: JsApiSource,
    /// The package also invokes a command it computes at run time (core's `invoke`
    /// itself, `` `plugin:${this.plugin}|…` ``), so the list may be incomplete.
    pub dynamic: bool,
    /// The chain went through a value whose class the package's code does not tell,
    /// and a method was matched by name across the package's classes.
    pub guessed: bool,
}

/// The JavaScript packages of one app's frontend, with their facts.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct JsApi {
    packages: BTreeMap<String, (JsApiSource, Arc<PackageFacts>)>,
}

impl JsApi {
    /// The commands `module`/`path` reaches: `path` is the member chain from the
    /// imported binding, e.g. (`@tauri-apps/plugin-fs`, `["readTextFile"]`),
    /// (`@tauri-apps/api/window`, `["getCurrentWindow", "minimize"]`),
    /// (`@tauri-apps/api`, `["window", "getCurrentWindow", "minimize"]`),
    /// (`@tauri-apps/api/window`, `["Window"]`) = the constructor. Every call along the
    /// chain counts. A chain through an object whose class is unknown matches the method
    /// name across the package's classes ([`ApiCommands::guessed`]); a member no class of
    /// the package has (`fetch(…).text()`) reaches nothing more. `None` when unknown: no
    /// facts for the package, or a name the package does not export; the caller then
    /// treats the call as uncertain.
    pub fn commands(&self, module: &str, path: &[String]) -> Option<ApiCommands> {
        let (source, facts) = self.packages.get(package_of(module)?)?;
        let reached = facts.reach(module, path)?;
        Some(ApiCommands {
            commands: reached.commands.into_iter().collect(),
            source: source.clone(),
            dynamic: reached.dynamic,
            guessed: reached.guessed,
        })
    }

    /// The commands a global that a plugin's injected script defines reaches:
    /// `["Notification"]` for `new Notification(…)` (or `window.Notification`),
    /// `["Notification", "requestPermission"]`, `["alert"]` (the dialog plugin's). Read
    /// from the packages the app depends on; `None` when none defines it.
    pub fn global(&self, path: &[String]) -> Option<ApiCommands> {
        self.packages.values().find_map(|(source, facts)| {
            let reached = facts.reach(analyze::GLOBALS, path)?;
            Some(ApiCommands {
                commands: reached.commands.into_iter().collect(),
                source: source.clone(),
                dynamic: reached.dynamic,
                guessed: reached.guessed,
            })
        })
    }

    /// Which source answers for a package (`@tauri-apps/plugin-fs`): `None` when none.
    pub fn source(&self, package: &str) -> Option<&JsApiSource> {
        self.packages.get(package).map(|(source, _)| source)
    }

    /// The packages with facts, by name.
    pub fn packages(&self) -> impl Iterator<Item = (&str, &JsApiSource)> {
        self.packages
            .iter()
            .map(|(name, (source, _))| (name.as_str(), source))
    }

    pub fn insert(&mut self, name: String, source: JsApiSource, facts: Arc<PackageFacts>) {
        self.packages.insert(name, (source, facts));
    }

    /// The facts for the `@tauri-apps/*` packages of the frontend package in
    /// `package_dir`, from the first source that has them: the installed package in
    /// `node_modules` (the package folder's or an ancestor's, as Node resolves them), the
    /// bundled map at the version the lockfile pins, the bundled map's nearest version
    /// (the pinned minor's newest patch, else the newest of its major; without a
    /// lockfile, the newest release `package.json`'s range allows), else none.
    pub fn load(fs: &dyn Fs, package_dir: &Path) -> JsApi {
        let mut api = JsApi::default();
        let mut wanted = dependencies(fs, package_dir);
        let locked = lockfile::locked_versions(fs, package_dir, &{
            let mut names = wanted.clone();
            names.entry(analyze::API_PACKAGE.to_owned()).or_default();
            names
        })
        .map(|locked| locked.versions)
        .unwrap_or_default();
        let installed = |name: &str| -> Option<PathBuf> {
            package_dir
                .ancestors()
                .take(MAX_ANCESTORS + 1)
                .map(|dir| dir.join("node_modules").join(name))
                .find(|dir| fs.is_file(&dir.join("package.json")))
        };
        if wanted.is_empty() {
            return api;
        }
        // Plugins import `@tauri-apps/api`: known to the app even when not declared.
        if locked.contains_key(analyze::API_PACKAGE) || installed(analyze::API_PACKAGE).is_some() {
            wanted.entry(analyze::API_PACKAGE.to_owned()).or_default();
        }
        let api_dir = installed(analyze::API_PACKAGE);
        for (name, range) in wanted {
            if let Some(found) =
                installed(&name).and_then(|dir| read_installed(fs, &dir, &name, api_dir.as_deref()))
            {
                api.insert(name, found.0, found.1);
                continue;
            }
            let map = bundled::bundled();
            // npm reads a bare version in `package.json` as that exact version.
            let exact = semver::Version::parse(&range).ok().map(|_| range.clone());
            let found = match locked.get(&name).or(exact.as_ref()) {
                Some(pinned) => map.lookup(&name, pinned).map(|found| {
                    let source = if found.version == *pinned {
                        JsApiSource::Bundled {
                            version: found.version.clone(),
                        }
                    } else {
                        JsApiSource::BundledNearest {
                            wanted: pinned.clone(),
                            used: found.version.clone(),
                        }
                    };
                    (source, found.entry)
                }),
                None => newest_allowed(map, &name, &range),
            };
            if let Some((source, entry)) = found
                && let Some(facts) = map.facts(&entry)
            {
                api.insert(name, source, facts);
            }
        }
        api
    }
}

/// Installed packages already analysed in this process, by folder and `package.json`
/// texts (the package's and `@tauri-apps/api`'s): npm never changes a published
/// version's files, so an editor reloading an app reads two small files, not the code.
type Analysed = HashMap<(PathBuf, Vec<u8>, Vec<u8>), Option<Arc<PackageFacts>>>;

/// More distinct installed packages than any workspace has; past it the cache restarts.
const MAX_CACHED: usize = 256;

/// Reads and analyses an installed package.
fn read_installed(
    fs: &dyn Fs,
    dir: &Path,
    name: &str,
    api_dir: Option<&Path>,
) -> Option<(JsApiSource, Arc<PackageFacts>)> {
    static CACHE: OnceLock<Mutex<Analysed>> = OnceLock::new();
    let manifest = fs.read(&dir.join("package.json")).ok()?;
    let version = serde_json::from_slice::<Value>(&manifest)
        .ok()?
        .get("version")?
        .as_str()?
        .to_owned();
    let api_dir = api_dir.filter(|_| name != analyze::API_PACKAGE);
    let api_manifest = api_dir
        .and_then(|api_dir| fs.read(&api_dir.join("package.json")).ok())
        .unwrap_or_default();
    let key = (dir.to_path_buf(), manifest, api_manifest);
    let cache = CACHE.get_or_init(Mutex::default);
    if let Some(known) = cache
        .lock()
        .unwrap_or_else(|poison| poison.into_inner())
        .get(&key)
    {
        return Some((JsApiSource::NodeModules { version }, known.clone()?));
    }
    let facts = analyze_installed(fs, dir, name, api_dir).map(Arc::new);
    let mut cache = cache.lock().unwrap_or_else(|poison| poison.into_inner());
    if cache.len() >= MAX_CACHED {
        cache.clear();
    }
    cache.insert(key, facts.clone());
    Some((JsApiSource::NodeModules { version }, facts?))
}

fn analyze_installed(
    fs: &dyn Fs,
    dir: &Path,
    name: &str,
    api_dir: Option<&Path>,
) -> Option<PackageFacts> {
    let package = PackageFiles::read(fs, dir)?;
    if package.entries.is_empty() || package.name != name {
        return None;
    }
    let version = package.version.clone();
    let mut packages = vec![package];
    if let Some(api_package) = api_dir.and_then(|api_dir| PackageFiles::read(fs, api_dir)) {
        packages.push(api_package);
    }
    // The globals the plugin's crate injects are not in the npm package: they come
    // from the bundled map's nearest version of the package.
    let bundled = bundled::bundled()
        .lookup(name, &version)
        .and_then(|found| bundled::bundled().facts(&found.entry));
    let empty = BTreeMap::new();
    let globals = bundled
        .as_ref()
        .and_then(|facts| facts.modules.get(analyze::GLOBALS))
        .unwrap_or(&empty);
    let mut facts = analyze::analyze(
        &packages,
        0,
        globals,
        bundled
            .as_ref()
            .map_or(&BTreeMap::new(), |facts| &facts.classes),
    )?;
    if let Some(bundled) = &bundled
        && !globals.is_empty()
    {
        facts
            .modules
            .insert(analyze::GLOBALS.to_owned(), globals.clone());
        for item in globals.values() {
            if let facts::Item::Class(id) = item
                && let Some(class) = bundled.classes.get(id)
            {
                facts.classes.insert(id.clone(), class.clone());
            }
        }
    }
    Some(facts)
}

/// Without a lockfile: the newest bundled release that `package.json`'s range allows.
fn newest_allowed(
    map: &bundled::BundledJsApi,
    name: &str,
    range: &str,
) -> Option<(JsApiSource, String)> {
    let requirement = semver::VersionReq::parse(range).ok()?;
    let (version, entry) = map
        .packages
        .get(name)?
        .versions
        .iter()
        .rfind(|(version, _)| requirement.matches(version))?;
    Some((
        JsApiSource::BundledNearest {
            wanted: range.to_owned(),
            used: version.to_string(),
        },
        entry.clone(),
    ))
}

/// How far above the frontend package a `node_modules` is looked for (a monorepo's
/// hoisted dependencies).
const MAX_ANCESTORS: usize = 4;

/// The `@tauri-apps/*` packages a `package.json` depends on (any kind of dependency),
/// with the range it asks for.
fn dependencies(fs: &dyn Fs, package_dir: &Path) -> BTreeMap<String, String> {
    let Ok(bytes) = fs.read(&package_dir.join("package.json")) else {
        return BTreeMap::new();
    };
    let Ok(Value::Object(manifest)) = serde_json::from_slice::<Value>(&bytes) else {
        return BTreeMap::new();
    };
    [
        "peerDependencies",
        "optionalDependencies",
        "devDependencies",
        "dependencies",
    ]
    .iter()
    .filter_map(|kind| manifest.get(*kind)?.as_object())
    .flatten()
    .filter(|(name, _)| is_tauri_package(name))
    .map(|(name, range)| (name.clone(), range.as_str().unwrap_or_default().to_owned()))
    .collect()
}

/// A package of Tauri's JavaScript API: `@tauri-apps/api` or an official plugin.
pub fn is_tauri_package(name: &str) -> bool {
    name == analyze::API_PACKAGE || name.starts_with("@tauri-apps/plugin-")
}

/// The package an import specifier belongs to: `@tauri-apps/api/window` →
/// `@tauri-apps/api`.
fn package_of(module: &str) -> Option<&str> {
    let rest = module.strip_prefix("@tauri-apps/")?;
    let end = rest
        .find('/')
        .map_or(module.len(), |at| at + "@tauri-apps/".len());
    Some(&module[..end])
}

#[cfg(test)]
mod tests;
