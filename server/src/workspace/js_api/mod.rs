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
pub mod facts;
pub mod lower;
pub mod package;

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

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
    /// else the newest release of the same major.
    BundledNearest { wanted: String, used: String },
}

impl fmt::Display for JsApiSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            JsApiSource::NodeModules { version } => write!(f, "{version} from node_modules"),
            JsApiSource::Bundled { version } => write!(f, "{version} from the bundled map"),
            JsApiSource::BundledNearest { wanted, used } => write!(
                f,
                "{used} from the bundled map (the lockfile pins {wanted}, which it lacks)"
            ),
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
    /// name across the package's classes ([`ApiCommands::guessed`]). `None` when unknown:
    /// no facts for the package, or a name the package does not export; the caller then
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
    /// `package_dir`: read from `node_modules` where installed (the package folder's or
    /// an ancestor's, as Node resolves them).
    pub fn load(fs: &dyn Fs, package_dir: &Path) -> JsApi {
        let mut api = JsApi::default();
        let names = dependencies(fs, package_dir);
        if names.is_empty() {
            return api;
        }
        let installed = |name: &str| -> Option<PathBuf> {
            package_dir
                .ancestors()
                .take(MAX_ANCESTORS + 1)
                .map(|dir| dir.join("node_modules").join(name))
                .find(|dir| fs.is_file(&dir.join("package.json")))
        };
        let api_package =
            installed(analyze::API_PACKAGE).and_then(|dir| PackageFiles::read(fs, &dir));
        for name in names {
            let Some(dir) = installed(&name) else {
                continue;
            };
            let Some(package) = PackageFiles::read(fs, &dir) else {
                continue;
            };
            if package.entries.is_empty() {
                continue;
            }
            let version = package.version.clone();
            let mut packages = vec![package];
            if name != analyze::API_PACKAGE
                && let Some(api_package) = &api_package
            {
                packages.push(api_package.clone());
            }
            if let Some(facts) = analyze::analyze(&packages, 0) {
                api.insert(name, JsApiSource::NodeModules { version }, Arc::new(facts));
            }
        }
        api
    }
}

/// How far above the frontend package a `node_modules` is looked for (a monorepo's
/// hoisted dependencies).
const MAX_ANCESTORS: usize = 4;

/// The `@tauri-apps/*` packages a `package.json` depends on (any kind of dependency).
fn dependencies(fs: &dyn Fs, package_dir: &Path) -> Vec<String> {
    let Ok(bytes) = fs.read(&package_dir.join("package.json")) else {
        return Vec::new();
    };
    let Ok(Value::Object(manifest)) = serde_json::from_slice::<Value>(&bytes) else {
        return Vec::new();
    };
    let mut names: Vec<String> = [
        "dependencies",
        "devDependencies",
        "optionalDependencies",
        "peerDependencies",
    ]
    .iter()
    .filter_map(|kind| manifest.get(*kind)?.as_object())
    .flat_map(|deps| deps.keys())
    .filter(|name| is_tauri_package(name))
    .cloned()
    .collect();
    names.sort();
    names.dedup();
    names
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
