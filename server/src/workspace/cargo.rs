//! `Cargo.toml` and `Cargo.lock` read as data, never by running cargo.
//!
//! Only what plugin discovery needs: a package's name, version and `links`; its direct
//! dependencies with renames, paths, git sources, features, workspace inheritance and
//! target conditions; and the lock file's packages with their dependency lists.

use std::collections::BTreeMap;

use toml::{Table, Value};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DependencyKind {
    Normal,
    Build,
    Dev,
}

/// One entry of a `[dependencies]`-like table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dependency {
    /// The key in the table (the name the code uses).
    pub key: String,
    /// The crate's real name (`package = "..."` when renamed).
    pub package: String,
    pub kind: DependencyKind,
    /// The `cfg(...)` expression or target triple of a `[target.X.dependencies]` table.
    pub target: Option<String>,
    pub version: Option<String>,
    pub path: Option<String>,
    pub git: Option<String>,
    pub features: Vec<String>,
    /// `workspace = true`: the rest comes from the workspace root's table.
    pub inherited: bool,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CargoManifest {
    pub name: Option<String>,
    pub version: Option<String>,
    pub links: Option<String>,
    pub dependencies: Vec<Dependency>,
    /// `[workspace.dependencies]`, when this is a workspace root.
    pub workspace_dependencies: BTreeMap<String, Dependency>,
    pub is_workspace_root: bool,
}

impl CargoManifest {
    /// Reads a manifest; a file that is not valid TOML gives `None`.
    pub fn parse(text: &str) -> Option<CargoManifest> {
        let table: Table = text.parse().ok()?;
        let package = table.get("package").and_then(Value::as_table);
        let string = |key: &str| {
            package
                .and_then(|package| package.get(key))
                .and_then(Value::as_str)
                .map(str::to_owned)
        };
        let mut manifest = CargoManifest {
            name: string("name"),
            version: string("version"),
            links: string("links"),
            ..CargoManifest::default()
        };
        for (section, kind) in [
            ("dependencies", DependencyKind::Normal),
            ("build-dependencies", DependencyKind::Build),
            ("build_dependencies", DependencyKind::Build),
            ("dev-dependencies", DependencyKind::Dev),
        ] {
            if let Some(deps) = table.get(section).and_then(Value::as_table) {
                read_dependencies(deps, kind, None, &mut manifest.dependencies);
            }
        }
        if let Some(targets) = table.get("target").and_then(Value::as_table) {
            for (target, spec) in targets {
                let Some(spec) = spec.as_table() else {
                    continue;
                };
                for (section, kind) in [
                    ("dependencies", DependencyKind::Normal),
                    ("build-dependencies", DependencyKind::Build),
                ] {
                    if let Some(deps) = spec.get(section).and_then(Value::as_table) {
                        read_dependencies(deps, kind, Some(target), &mut manifest.dependencies);
                    }
                }
            }
        }
        if let Some(workspace) = table.get("workspace").and_then(Value::as_table) {
            manifest.is_workspace_root = true;
            if let Some(deps) = workspace.get("dependencies").and_then(Value::as_table) {
                let mut list = Vec::new();
                read_dependencies(deps, DependencyKind::Normal, None, &mut list);
                manifest.workspace_dependencies = list
                    .into_iter()
                    .map(|dependency| (dependency.key.clone(), dependency))
                    .collect();
            }
        }
        Some(manifest)
    }

    /// Whether the copy of tauri-utils that tauri-build uses reads `.json5` capabilities.
    ///
    /// Build scripts and proc macros are both built for the host, and Cargo unifies
    /// features among host dependencies: `config-json5` on `tauri` reaches tauri-utils
    /// through the `tauri-macros` proc macro just as it does through `tauri-build`.
    pub fn enables_config_json5(&self) -> bool {
        const CRATES: &[&str] = &[
            "tauri",
            "tauri-build",
            "tauri-macros",
            "tauri-codegen",
            "tauri-utils",
        ];
        self.dependencies.iter().any(|dependency| {
            dependency.kind != DependencyKind::Dev
                && CRATES.contains(&dependency.package.as_str())
                && dependency
                    .features
                    .iter()
                    .any(|item| item == "config-json5")
        })
    }
}

fn read_dependencies(
    deps: &Table,
    kind: DependencyKind,
    target: Option<&str>,
    out: &mut Vec<Dependency>,
) {
    for (key, spec) in deps {
        let mut dependency = Dependency {
            key: key.clone(),
            package: key.clone(),
            kind: kind.clone(),
            target: target.map(str::to_owned),
            version: None,
            path: None,
            git: None,
            features: Vec::new(),
            inherited: false,
        };
        match spec {
            Value::String(version) => dependency.version = Some(version.clone()),
            Value::Table(table) => {
                let get = |key: &str| table.get(key).and_then(Value::as_str).map(str::to_owned);
                if let Some(package) = get("package") {
                    dependency.package = package;
                }
                dependency.version = get("version");
                dependency.path = get("path");
                dependency.git = get("git");
                dependency.inherited = table
                    .get("workspace")
                    .and_then(Value::as_bool)
                    .unwrap_or(false);
                dependency.features = table
                    .get("features")
                    .and_then(Value::as_array)
                    .map(|items| {
                        items
                            .iter()
                            .filter_map(Value::as_str)
                            .map(str::to_owned)
                            .collect()
                    })
                    .unwrap_or_default();
            }
            _ => continue,
        }
        out.push(dependency);
    }
}

impl Dependency {
    /// Fills in what `workspace = true` inherits from the workspace root's entry.
    pub fn inherit(&mut self, root: &Dependency) {
        if self.package == self.key {
            self.package = root.package.clone();
        }
        self.version = self.version.take().or_else(|| root.version.clone());
        self.path = self.path.take().or_else(|| root.path.clone());
        self.git = self.git.take().or_else(|| root.git.clone());
        let mut features = root.features.clone();
        features.append(&mut self.features);
        self.features = features;
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LockPackage {
    pub name: String,
    pub version: String,
    pub source: Option<String>,
    /// `"name"`, `"name version"` or `"name version (source)"` entries.
    pub dependencies: Vec<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CargoLock {
    pub packages: Vec<LockPackage>,
}

impl CargoLock {
    pub fn parse(text: &str) -> Option<CargoLock> {
        let table: Table = text.parse().ok()?;
        let packages = table
            .get("package")
            .and_then(Value::as_array)?
            .iter()
            .filter_map(Value::as_table)
            .filter_map(|package| {
                let get = |key: &str| package.get(key).and_then(Value::as_str).map(str::to_owned);
                Some(LockPackage {
                    name: get("name")?,
                    version: get("version")?,
                    source: get("source"),
                    dependencies: package
                        .get("dependencies")
                        .and_then(Value::as_array)
                        .map(|items| {
                            items
                                .iter()
                                .filter_map(Value::as_str)
                                .map(str::to_owned)
                                .collect()
                        })
                        .unwrap_or_default(),
                })
            })
            .collect();
        Some(CargoLock { packages })
    }

    /// The locked package `name` that `dependent` depends on.
    ///
    /// A lock file writes a dependency as a bare name when only one version of that crate
    /// is locked, and adds the version (and source) otherwise.
    pub fn dependency_of(&self, dependent: &LockPackage, name: &str) -> Option<&LockPackage> {
        let entry = dependent
            .dependencies
            .iter()
            .find(|entry| entry.split(' ').next() == Some(name))?;
        let mut parts = entry.splitn(3, ' ');
        let _ = parts.next();
        let version = parts.next();
        let source = parts
            .next()
            .map(|source| source.trim_start_matches('(').trim_end_matches(')'));
        self.packages.iter().find(|package| {
            package.name == name
                && version.is_none_or(|version| package.version == version)
                && source.is_none_or(|source| package.source.as_deref() == Some(source))
        })
    }

    /// The package named `name`, preferring one with `version` and local (path) packages.
    pub fn package(&self, name: &str, version: Option<&str>) -> Option<&LockPackage> {
        let mut candidates: Vec<&LockPackage> = self
            .packages
            .iter()
            .filter(|package| package.name == name)
            .collect();
        candidates.sort_by_key(|package| {
            (
                version.is_some_and(|version| package.version != version),
                package.source.is_some(),
            )
        });
        candidates.first().copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renamed_target_and_inherited_dependencies() {
        let manifest = CargoManifest::parse(
            r#"
[package]
name = "app"
version = "0.1.0"

[dependencies]
tauri = { version = "2", features = ["tray-icon"] }
fs = { package = "tauri-plugin-fs", version = "2" }
shell = { workspace = true, features = ["x"] }

[target.'cfg(not(any(target_os = "android", target_os = "ios")))'.dependencies]
tauri-plugin-updater = "2"

[build-dependencies]
tauri-build = { version = "2", features = ["config-json5"] }
"#,
        )
        .unwrap();
        assert_eq!(manifest.name.as_deref(), Some("app"));
        let fs = manifest
            .dependencies
            .iter()
            .find(|dep| dep.key == "fs")
            .unwrap();
        assert_eq!(fs.package, "tauri-plugin-fs");
        let updater = manifest
            .dependencies
            .iter()
            .find(|dep| dep.key == "tauri-plugin-updater")
            .unwrap();
        assert!(updater.target.as_deref().unwrap().starts_with("cfg(not("));
        assert!(
            manifest
                .dependencies
                .iter()
                .any(|dep| dep.key == "shell" && dep.inherited)
        );
        assert!(manifest.enables_config_json5());
    }

    #[test]
    fn lock_disambiguates_versions() {
        let lock = CargoLock::parse(
            r#"
version = 4

[[package]]
name = "app"
version = "0.1.0"
dependencies = ["serde", "toml 0.8.0", "tauri"]

[[package]]
name = "toml"
version = "0.8.0"
source = "registry+https://github.com/rust-lang/crates.io-index"

[[package]]
name = "toml"
version = "0.9.1"
source = "registry+https://github.com/rust-lang/crates.io-index"

[[package]]
name = "tauri"
version = "2.1.0"
source = "registry+https://github.com/rust-lang/crates.io-index"
"#,
        )
        .unwrap();
        let app = lock.package("app", None).unwrap();
        assert_eq!(lock.dependency_of(app, "toml").unwrap().version, "0.8.0");
        assert_eq!(lock.dependency_of(app, "tauri").unwrap().version, "2.1.0");
        assert!(lock.dependency_of(app, "serde").is_none());
    }
}
