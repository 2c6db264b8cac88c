//! One Tauri app: its files, its plugin catalogue, its window labels and its platforms.
//!
//! Mirrors what `tauri-build` does in an app's build script (tauri-build `acl.rs`,
//! tauri-utils `acl/build.rs`): capabilities are `./capabilities/**/*` with a `json` or
//! `toml` extension (`json5` only when tauri-build's `config-json5` feature is on), minus
//! files directly inside a folder named `schemas`; app permissions are
//! `./permissions/**/*` with a `json` or `toml` extension under the same exclusion. Plugin
//! manifests come from, in increasing precedence: `gen/schemas/acl-manifests.json`, the
//! sources of the app's direct dependencies found through `Cargo.lock` in a cargo home
//! (the key derived from each crate's `links` the way tauri-build derives it), and the
//! core table of the locked `tauri` crate. A locked `tauri` or official plugin that is
//! not unpacked is read from the bundled catalogue (`bundled.rs`), which yields to
//! `acl-manifests.json` when that has the locked version's facts or when only an older
//! release of the minor is bundled.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::build_script::{BuildScript, generated_permissions};
use super::bundled::{self, BundledMatch};
use super::cargo::{CargoLock, CargoManifest, DependencyKind};
use super::catalogue::{APP_KEY, Catalogue, Plugin, PluginSource};
use super::crate_source::{self, CrateOrigin};
use super::discover::CONFIG_FILE_NAMES;
use super::fs::{Fs, walk};
use super::rust_scan::LabelKind;
use super::settings::{ProjectSettings, SETTINGS_FILE_NAME};
use super::{FileId, FileKind, FileModel, LoadOptions, Workspace, cfg, core_table};
use crate::diagnostic::Code;
use crate::model::{Platform, Spanned};
use crate::text::TextRange;

mod js_packages;
mod labels;
mod plugins;

pub use plugins::read_crate;

#[derive(Debug, Clone, Default, PartialEq)]
pub struct App {
    /// The directory holding the Tauri config (usually `src-tauri`).
    pub root: PathBuf,
    pub config: Option<FileId>,
    pub overlays: Vec<(Platform, FileId)>,
    pub settings: ProjectSettings,
    /// Capability files Tauri loads, in its load order.
    pub capability_files: Vec<FileId>,
    /// Files in `capabilities/` that Tauri skips.
    pub ignored_files: Vec<IgnoredFile>,
    pub app_permission_files: Vec<FileId>,
    pub acl_manifests: Option<FileId>,
    pub rust_files: Vec<FileId>,
    /// Frontend sources that use Tauri's JavaScript API (see [`super::frontend`]).
    pub frontend_files: Vec<FileId>,
    /// The folder of the frontend's `package.json`, when there is one.
    pub frontend_package: Option<PathBuf>,
    /// The packages of the repository the frontend package depends on (a `workspace:`,
    /// `file:` or `link:` version), by name.
    pub frontend_local_packages: Vec<String>,
    /// Whether tauri-build reads `.json5` capability files.
    pub json5_enabled: bool,
    /// Whether a `Cargo.toml` sits next to the Tauri config (without one, and without
    /// `acl-manifests.json`, nothing says which plugins the app has).
    pub has_cargo_manifest: bool,
    /// The platforms checked for this app.
    pub platforms: Vec<Platform>,
    pub catalogue: Catalogue,
    /// Plugins whose identifiers cannot all be known, by key (`core` for every `core:`
    /// module), with what would make them checkable: sources that are not unpacked, or a
    /// build script whose command list is computed. Identifiers of these plugins are
    /// "cannot check", never "unknown".
    pub missing_plugins: BTreeMap<String, String>,
    /// For plugins in `missing_plugins` that the app depends on only on some platforms
    /// (`[target.'cfg(..)'.dependencies]`), those platforms: elsewhere the plugin is
    /// truly absent.
    pub missing_platforms: BTreeMap<String, Vec<Platform>>,
    /// Set when the app's `build.rs` registers an inlined plugin the scan cannot read
    /// (its name is computed), so any plugin name may exist: what was not read, and where.
    pub unreadable_plugin: Option<String>,
    /// The app's `build.rs`, when it declares permissions (`AppManifest`, `InlinedPlugin`).
    pub build_script: Option<FileId>,
    /// Commands of `AppManifest::commands` whose generated file is absent.
    pub generated_app_commands: Vec<Spanned<String>>,
    pub labels: Vec<LabelSource>,
    /// Builder calls whose label is computed at run time.
    pub dynamic_labels: Vec<(FileId, TextRange)>,
    pub cargo_homes: Vec<PathBuf>,
    pub issues: Vec<WorkspaceIssue>,
    /// Every file read for this app, including plugin manifests.
    pub files: Vec<FileId>,
    /// What the frontend's `@tauri-apps/*` packages reach over IPC.
    js_api: super::js_api::JsApi,
}

/// Whether the `package.json` in `dir` is one of Tauri's own packages (`@tauri-apps/…`).
fn is_tauri_package(fs: &dyn Fs, dir: &Path) -> bool {
    let Ok(bytes) = fs.read(&dir.join("package.json")) else {
        return false;
    };
    serde_json::from_slice::<serde_json::Value>(&bytes)
        .ok()
        .and_then(|package| package.get("name")?.as_str().map(str::to_owned))
        .is_some_and(|name| name.starts_with("@tauri-apps/"))
}

/// The `dependencies` of the `package.json` in `dir` that are packages of the repository:
/// versions `workspace:…`, `file:…`, `link:…` or `portal:…`.
fn local_packages(fs: &dyn Fs, dir: &Path) -> Vec<String> {
    let Ok(bytes) = fs.read(&dir.join("package.json")) else {
        return Vec::new();
    };
    let Ok(package) = serde_json::from_slice::<serde_json::Value>(&bytes) else {
        return Vec::new();
    };
    // Only `dependencies`: local `devDependencies` are mostly tooling (lint configs).
    let mut names: Vec<String> = ["dependencies"]
        .iter()
        .filter_map(|kind| package.get(*kind)?.as_object())
        .flatten()
        .filter(|(_, version)| {
            version.as_str().is_some_and(|version| {
                ["workspace:", "file:", "link:", "portal:"]
                    .iter()
                    .any(|protocol| version.starts_with(protocol))
            })
        })
        .map(|(name, _)| name.clone())
        .collect();
    names.sort();
    names.dedup();
    names
}

/// A file in `capabilities/` that Tauri will not load.
#[derive(Debug, Clone, PartialEq)]
pub struct IgnoredFile {
    pub path: PathBuf,
    pub file: Option<FileId>,
    pub reason: String,
}

/// A window or webview label the app is known to create.
#[derive(Debug, Clone, PartialEq)]
pub struct LabelSource {
    pub label: String,
    pub kind: LabelKind,
    pub file: FileId,
    pub range: TextRange,
    pub from_config: bool,
    pub is_lookup: bool,
    /// True for a glob standing for labels made at run time (`reader-*` from
    /// `format!("reader-{}", id)` or `` `reader-${id}` ``): it names no one window, but a
    /// capability pattern that can match what it makes is not unknown.
    pub is_pattern: bool,
    /// The platforms the label exists on (`None` for all), as config overlays decide.
    pub platforms: Option<Vec<Platform>>,
}

/// A problem with the environment rather than with a file's text.
#[derive(Debug, Clone, PartialEq)]
pub struct WorkspaceIssue {
    pub code: Code,
    pub message: String,
    pub file: Option<FileId>,
    pub range: TextRange,
}

impl App {
    /// What each function, class and method of the frontend's `@tauri-apps/*` packages
    /// reaches over IPC, and where that was read.
    pub fn js_api(&self) -> &super::js_api::JsApi {
        &self.js_api
    }

    /// Why identifiers of plugin `key` cannot be judged on `platform` (`None` when they
    /// can): a `core:` module follows the `tauri` crate, recorded as `core`.
    pub fn cannot_check(&self, key: &str, platform: Platform) -> Option<&str> {
        let recorded = if key.starts_with("core:") && !self.missing_plugins.contains_key(key) {
            "core"
        } else {
            key
        };
        if let Some(message) = self.missing_plugins.get(recorded) {
            let on_platform = self
                .missing_platforms
                .get(recorded)
                .is_none_or(|platforms| platforms.contains(&platform));
            return on_platform.then_some(message.as_str());
        }
        if key != APP_KEY && !key.starts_with("core") && self.catalogue.get(key).is_none() {
            return self.unreadable_plugin.as_deref();
        }
        None
    }

    pub fn contains(&self, file: FileId) -> bool {
        self.files.contains(&file)
    }

    /// The app's display name: the folder above `src-tauri`, or the root's own name.
    pub fn name(&self) -> String {
        let name_of = |path: &Path| {
            path.file_name()
                .map(|name| name.to_string_lossy().into_owned())
                .unwrap_or_default()
        };
        if self
            .root
            .file_name()
            .is_some_and(|name| name == "src-tauri")
        {
            self.root.parent().map(name_of).unwrap_or_default()
        } else {
            name_of(&self.root)
        }
    }

    /// The overlay file for `platform`, if the app has one.
    pub fn overlay(&self, platform: Platform) -> Option<FileId> {
        self.overlays
            .iter()
            .find(|(candidate, _)| *candidate == platform)
            .map(|(_, file)| *file)
    }

    /// Labels of windows known on `platform` (window and webview-window labels), without
    /// the patterns of labels made at run time.
    pub fn window_labels(&self, platform: Option<Platform>) -> impl Iterator<Item = &LabelSource> {
        self.window_labels_and_patterns(platform)
            .filter(|label| !label.is_pattern)
    }

    /// Labels of webviews known on `platform` (a webview window's webview shares its
    /// label), without the patterns of labels made at run time.
    pub fn webview_labels(&self, platform: Option<Platform>) -> impl Iterator<Item = &LabelSource> {
        self.webview_labels_and_patterns(platform)
            .filter(|label| !label.is_pattern)
    }

    /// [`App::window_labels`] and the patterns of window labels made at run time.
    pub fn window_labels_and_patterns(
        &self,
        platform: Option<Platform>,
    ) -> impl Iterator<Item = &LabelSource> {
        self.labels
            .iter()
            .filter(move |label| label.kind != LabelKind::Webview && label_on(label, platform))
    }

    /// [`App::webview_labels`] and the patterns of webview labels made at run time.
    pub fn webview_labels_and_patterns(
        &self,
        platform: Option<Platform>,
    ) -> impl Iterator<Item = &LabelSource> {
        self.labels
            .iter()
            .filter(move |label| label.kind != LabelKind::Window && label_on(label, platform))
    }
}

fn label_on(label: &LabelSource, platform: Option<Platform>) -> bool {
    match (platform, &label.platforms) {
        (Some(platform), Some(platforms)) => platforms.contains(&platform),
        _ => true,
    }
}

/// Reads the app at `root` into `workspace`.
pub fn load_app(fs: &dyn Fs, workspace: &mut Workspace, root: &Path, options: &LoadOptions) -> App {
    let mut loader = Loader {
        fs,
        workspace,
        options,
        app: App {
            root: root.to_path_buf(),
            ..App::default()
        },
    };
    loader.settings();
    loader.config();
    let manifest = loader.cargo_manifest();
    loader.app.has_cargo_manifest = manifest.is_some();
    loader.app.json5_enabled = manifest
        .as_ref()
        .is_some_and(|manifest| manifest.enables_config_json5());
    loader.build_script();
    loader.capabilities();
    loader.app_permissions();
    loader.acl_manifests();
    loader.rust_sources();
    loader.frontend_sources();
    loader.js_packages();
    loader.plugins(manifest.as_ref());
    loader.platforms();
    loader.labels();
    loader.app
}

struct Loader<'a> {
    fs: &'a dyn Fs,
    workspace: &'a mut Workspace,
    options: &'a LoadOptions,
    app: App,
}

impl Loader<'_> {
    fn read(&mut self, path: &Path, kind: FileKind) -> Option<FileId> {
        match self.workspace.read_file(self.fs, path, kind, self.options) {
            Ok(id) => {
                if !self.app.files.contains(&id) {
                    self.app.files.push(id);
                }
                Some(id)
            }
            Err(message) => {
                self.issue(Code::ParseError, message, None);
                None
            }
        }
    }

    fn issue(&mut self, code: Code, message: String, file: Option<FileId>) {
        self.app.issues.push(WorkspaceIssue {
            code,
            message,
            file,
            range: TextRange::default(),
        });
    }

    fn read_text(&self, path: &Path) -> Option<String> {
        if let Some(text) = self.options.overlays.get(path) {
            return Some(text.clone());
        }
        self.fs
            .read(path)
            .ok()
            .map(|bytes| String::from_utf8_lossy(&bytes).into_owned())
    }

    fn settings(&mut self) {
        let path = self.app.root.join(SETTINGS_FILE_NAME);
        if let Some(text) = self.read_text(&path) {
            self.app.settings = ProjectSettings::parse(&text, &self.app.root);
            for error in self.app.settings.errors.clone() {
                self.issue(Code::ParseError, error, None);
            }
        }
        self.app.cargo_homes = if !self.options.cargo_homes.is_empty() {
            self.options.cargo_homes.clone()
        } else if let Some(home) = &self.app.settings.cargo_home {
            vec![crate_source::normalize(home)]
        } else {
            self.options.env_cargo_homes.clone()
        };
    }

    fn config(&mut self) {
        let root = self.app.root.clone();
        if let Some(path) = first_existing(self.fs, &root, CONFIG_FILE_NAMES.iter().copied()) {
            self.app.config = self.read(&path, FileKind::TauriConfig { overlay: None });
        }
        for platform in Platform::ALL {
            let os = platform.target_os();
            let names = [
                format!("tauri.{os}.conf.json"),
                format!("tauri.{os}.conf.json5"),
                format!("Tauri.{os}.toml"),
            ];
            if let Some(path) = first_existing(self.fs, &root, names.iter().map(String::as_str)) {
                let kind = FileKind::TauriConfig {
                    overlay: Some(platform),
                };
                if let Some(id) = self.read(&path, kind) {
                    self.app.overlays.push((platform, id));
                }
            }
        }
    }

    fn cargo_manifest(&mut self) -> Option<CargoManifest> {
        let path = self.app.root.join("Cargo.toml");
        let text = self.read_text(&path)?;
        let mut manifest = CargoManifest::parse(&text)?;
        if manifest
            .dependencies
            .iter()
            .any(|dependency| dependency.inherited)
        {
            let root = self.workspace_root_manifest();
            for dependency in &mut manifest.dependencies {
                if !dependency.inherited {
                    continue;
                }
                if let Some((dir, root)) = &root
                    && let Some(spec) = root.workspace_dependencies.get(&dependency.key)
                {
                    dependency.inherit(spec);
                    // A path in the workspace table is relative to the workspace root.
                    if let Some(path) = &spec.path {
                        let absolute = dir.join(path);
                        if let Ok(relative) = absolute.strip_prefix(&self.app.root) {
                            dependency.path = Some(relative.display().to_string());
                        } else {
                            dependency.path = Some(absolute.display().to_string());
                        }
                    }
                }
            }
        }
        Some(manifest)
    }

    /// The nearest ancestor manifest with a `[workspace]` table.
    fn workspace_root_manifest(&self) -> Option<(PathBuf, CargoManifest)> {
        self.app.root.ancestors().skip(1).take(6).find_map(|dir| {
            let text = self.read_text(&dir.join("Cargo.toml"))?;
            let manifest = CargoManifest::parse(&text)?;
            manifest
                .is_workspace_root
                .then(|| (dir.to_path_buf(), manifest))
        })
    }

    fn capabilities(&mut self) {
        let dir = self.app.root.join("capabilities");
        for entry in walk(self.fs, &dir) {
            let extension = entry
                .path
                .extension()
                .and_then(|ext| ext.to_str())
                .unwrap_or("");
            let in_schemas = entry
                .path
                .parent()
                .and_then(|parent| parent.file_name())
                .is_some_and(|name| name == "schemas");
            let loaded = match extension {
                "json" | "toml" => true,
                "json5" => self.app.json5_enabled,
                _ => false,
            };
            if entry.is_dir {
                // tauri-utils `parse_capabilities` filters glob matches by extension
                // only, so a folder named `x.json` is read as a file and the build
                // fails on it.
                if loaded && !in_schemas {
                    let shown = entry
                        .path
                        .strip_prefix(&self.app.root)
                        .unwrap_or(&entry.path)
                        .display()
                        .to_string();
                    self.issue(
                        Code::ParseError,
                        format!(
                            "`{shown}` is a folder whose name ends in `.{extension}`: Tauri's build reads every match of `capabilities/**/*` with that extension as a capability file, and fails on this one (\"Is a directory\"); rename the folder"
                        ),
                        None,
                    );
                }
                continue;
            }
            if loaded && !in_schemas {
                if let Some(id) = self.read(&entry.path, FileKind::Capability) {
                    self.app.capability_files.push(id);
                }
                continue;
            }
            let reason = if in_schemas {
                "files directly inside a `schemas` folder are skipped by Tauri (it expects generated schemas there)".to_owned()
            } else if extension == "json5" {
                "Tauri only loads `.json5` capabilities when tauri-build's `config-json5` feature is enabled in Cargo.toml".to_owned()
            } else {
                format!(
                    "Tauri only loads `.json` and `.toml` capability files{}",
                    if self.app.json5_enabled {
                        " (and `.json5`)"
                    } else {
                        ""
                    }
                )
            };
            // Files that look like capabilities are parsed so an editor can still help.
            let kind = if matches!(extension, "json" | "json5" | "toml") {
                FileKind::Capability
            } else {
                FileKind::Ignored
            };
            let file = self.read(&entry.path, kind);
            self.app.ignored_files.push(IgnoredFile {
                path: entry.path,
                file,
                reason,
            });
        }
    }

    fn permission_files(&mut self, dir: &Path) -> Vec<FileId> {
        let mut files = Vec::new();
        for entry in walk(self.fs, dir) {
            if entry.is_dir {
                continue;
            }
            let extension = entry.path.extension().and_then(|ext| ext.to_str());
            let in_schemas = entry
                .path
                .parent()
                .and_then(|parent| parent.file_name())
                .is_some_and(|name| name == "schemas");
            if matches!(extension, Some("json" | "toml")) && !in_schemas {
                files.extend(self.read(&entry.path, FileKind::Permission));
            }
        }
        files
    }

    /// The app's `build.rs`, read when it declares permissions.
    fn build_script(&mut self) {
        let path = self.app.root.join("build.rs");
        if !self.fs.is_file(&path) && !self.options.overlays.contains_key(&path) {
            return;
        }
        let Some(file) = self.read(&path, FileKind::BuildScript) else {
            return;
        };
        if self.script(file).is_some_and(BuildScript::declares_acl) {
            self.app.build_script = Some(file);
        }
    }

    fn script(&self, file: FileId) -> Option<&BuildScript> {
        match &self.workspace.file(file).model {
            FileModel::BuildScript(script) => Some(script),
            _ => None,
        }
    }

    /// The app's permission files as tauri-build reads them (`app_manifest_permissions`):
    /// the files of `AppManifest::permissions_path_pattern`, else `permissions/**/*` minus
    /// the folders of inlined plugins; and the commands the build script declares whose
    /// `permissions/autogenerated/<cmd>.toml` is not there yet (usually git-ignored),
    /// which the catalogue generates. A file that is there is the last build's output
    /// and is read as it is, so nothing is counted twice.
    fn app_permissions(&mut self) {
        let script = self
            .app
            .build_script
            .and_then(|file| self.script(file))
            .cloned();
        let manifest = script
            .as_ref()
            .and_then(|script| script.app_manifest.clone());
        let files = match manifest
            .as_ref()
            .and_then(|manifest| manifest.permissions_path_pattern.as_ref())
        {
            Some(pattern) => self.pattern_files(&pattern.value),
            None => {
                let dir = self.app.root.join("permissions");
                let inline_dirs: Vec<PathBuf> = script
                    .iter()
                    .flat_map(|script| &script.inline_plugins)
                    .map(|plugin| dir.join(&plugin.name.value))
                    .collect();
                let mut files = self.permission_files(&dir);
                files.retain(|file| {
                    let path = &self.workspace.file(*file).path;
                    !inline_dirs.iter().any(|inline| path.starts_with(inline))
                });
                files
            }
        };
        if let Some(manifest) = &manifest {
            let generated_dir = self.app.root.join("permissions").join("autogenerated");
            self.app.generated_app_commands = plugins::not_yet_generated(
                self.workspace,
                &files,
                &generated_dir,
                &manifest.commands,
            );
        }
        self.app.app_permission_files = files;
    }

    /// Permission files matching a glob pattern relative to the app root, as
    /// tauri-utils' `define_permissions` lists them.
    fn pattern_files(&mut self, pattern: &str) -> Vec<FileId> {
        let pattern = pattern.trim_start_matches("./");
        let Ok(matcher) = glob::Pattern::new(pattern) else {
            return Vec::new();
        };
        // Walk from the pattern's literal prefix.
        let literal: PathBuf = Path::new(pattern)
            .components()
            .take_while(|component| {
                !component
                    .as_os_str()
                    .to_string_lossy()
                    .contains(['*', '?', '[', '{'])
            })
            .collect();
        let base = self.app.root.join(&literal);
        if self.fs.is_file(&base) {
            return self.read(&base, FileKind::Permission).into_iter().collect();
        }
        let mut files = Vec::new();
        for entry in walk(self.fs, &base) {
            if entry.is_dir {
                continue;
            }
            let Ok(relative) = entry.path.strip_prefix(&self.app.root) else {
                continue;
            };
            let extension = entry.path.extension().and_then(|ext| ext.to_str());
            let in_schemas = entry
                .path
                .parent()
                .and_then(|parent| parent.file_name())
                .is_some_and(|name| name == "schemas");
            if matcher.matches_path(relative)
                && matches!(extension, Some("json" | "toml"))
                && !in_schemas
            {
                files.extend(self.read(&entry.path, FileKind::Permission));
            }
        }
        files
    }

    fn acl_manifests(&mut self) {
        let path = self
            .app
            .root
            .join("gen")
            .join("schemas")
            .join("acl-manifests.json");
        if self.fs.is_file(&path) || self.options.overlays.contains_key(&path) {
            self.app.acl_manifests = self.read(&path, FileKind::AclManifests);
        }
    }

    fn rust_sources(&mut self) {
        const MAX_FILES: usize = 2000;
        let dir = self.app.root.join("src");
        let mut count = 0;
        for entry in walk(self.fs, &dir) {
            if entry.is_dir || entry.path.extension().is_none_or(|ext| ext != "rs") {
                continue;
            }
            count += 1;
            if count > MAX_FILES {
                break;
            }
            if let Some(id) = self.read(&entry.path, FileKind::Rust) {
                self.app.rust_files.push(id);
            }
        }
    }

    /// The frontend package's sources that use Tauri's JavaScript API; the others are
    /// read, looked at and dropped, so a large web app costs no memory here.
    fn frontend_sources(&mut self) {
        let Some(package) = super::frontend::find_package(self.fs, &self.app.root) else {
            return;
        };
        // A test app inside a Tauri plugin's repository finds the plugin's own JavaScript
        // package (`@tauri-apps/plugin-updater`) above it: that is no app's frontend.
        if is_tauri_package(self.fs, &package) {
            return;
        }
        self.app.frontend_package = Some(package.clone());
        self.app.frontend_local_packages = local_packages(self.fs, &package);
        for path in super::frontend::source_files(self.fs, &package) {
            if let Some(id) = self.workspace.file_id(&path) {
                if !self.app.files.contains(&id) {
                    self.app.files.push(id);
                }
                self.app.frontend_files.push(id);
                continue;
            }
            let bytes = match self.options.overlays.get(&path) {
                Some(text) => text.clone().into_bytes(),
                None => match self.fs.read(&path) {
                    Ok(bytes) => bytes,
                    Err(_) => continue,
                },
            };
            if !super::frontend::uses_tauri_api(&bytes) {
                continue;
            }
            let id =
                self.workspace
                    .insert(super::SourceFile::new(path, FileKind::Frontend, &bytes));
            self.app.files.push(id);
            self.app.frontend_files.push(id);
        }
    }

    fn platforms(&mut self) {
        self.app.platforms = if let Some(platforms) = &self.options.platforms {
            platforms.clone()
        } else if let Some(platforms) = &self.app.settings.platforms {
            platforms.clone()
        } else {
            let mut platforms = Platform::DESKTOP.to_vec();
            let gen_dir = self.app.root.join("gen");
            if self.fs.is_dir(&gen_dir.join("android")) {
                platforms.push(Platform::Android);
            }
            if self.fs.is_dir(&gen_dir.join("apple")) {
                platforms.push(Platform::Ios);
            }
            platforms
        };
    }
}

/// Where the bundled catalogue's virtual files appear to live; no such folder exists.
pub const BUNDLED_ROOT: &str = "/<tauri-acl bundled catalogue>";

/// The ACL key tauri-build derives from a crate's `links` value: lower-cased, `_` read as
/// `-` (cargo's `DEP_<LINKS>_*` variables cannot tell them apart), `tauri-plugin-` removed.
pub fn plugin_key(links: &str) -> String {
    let key = links.to_lowercase().replace('_', "-");
    key.strip_prefix("tauri-plugin-")
        .map(str::to_owned)
        .unwrap_or(key)
}

fn first_existing<'n>(
    fs: &dyn Fs,
    dir: &Path,
    names: impl Iterator<Item = &'n str>,
) -> Option<PathBuf> {
    names
        .map(|name| dir.join(name))
        .find(|path| fs.is_file(path))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plugin_keys_follow_links() {
        assert_eq!(plugin_key("tauri-plugin-fs"), "fs");
        assert_eq!(
            plugin_key("tauri-plugin-clipboard-manager"),
            "clipboard-manager"
        );
        assert_eq!(plugin_key("tauri_plugin_deep_link"), "deep-link");
        assert_eq!(plugin_key("my-Plugin"), "my-plugin");
    }
}

#[cfg(test)]
mod catalogue_tests {
    use crate::ide::diagnostics::render_fixture;

    #[test]
    fn generated_catalogue_older_than_the_sources_is_noted() {
        insta::assert_snapshot!(render_fixture(r#"
//- /src-tauri/capabilities/main.json
{ "identifier": "main", "windows": ["main"], "permissions": ["fs:allow-new"] }
//- /src-tauri/gen/schemas/acl-manifests.json
{ "fs": { "default_permission": null, "permissions": { "allow-old": { "identifier": "allow-old", "commands": { "allow": ["old"], "deny": [] } } }, "permission_sets": {}, "global_scope_schema": null } }
//- /plugins/fs/permissions/new.toml plugin:fs
[[permission]]
identifier = "allow-new"
commands.allow = ["new"]
"#), @r#"
        warning[unscoped-permission]: `fs:allow-new` allows `new` with no scope, and no `fs` scope is defined anywhere in the app, so every call is refused (unless the app's Rust code or a file dialog adds paths at run time)
         --> /src-tauri/capabilities/main.json:1:62
          |
        1 | { "identifier": "main", "windows": ["main"], "permissions": ["fs:allow-new"] }
          |                                                              ^^^^^^^^^^^^^^
          |
          = help: give the entry a path scope (`{ "path": "$APPDATA/notes/**" }`): write it as an object with `identifier` and `allow`
          = help: Give `fs:allow-new` a scope
        info[stale-catalogue]: gen/schemas/acl-manifests.json is older than the sources of `fs`: tauri-plugin-fs (path: /plugins/fs) defines `fs:allow-new` that it does not list, and it lists `fs:allow-old` that tauri-plugin-fs (path: /plugins/fs) no longer defines; the sources win, and the next build regenerates the file
         --> /src-tauri/gen/schemas/acl-manifests.json:1:1
          |
        1 | { "fs": { "default_permission": null, "permissions": { "allow-old": { "identifier": "allow-old", "commands": { "allow": ["old"], "den...
          | ^
        "#);
    }

    /// An app locking `tauri-plugin-opener` at `locked`, not unpacked, with
    /// `acl-manifests.json` holding `opener` as given (`None`: no entry).
    fn opener_app(locked: &str, generated_opener: Option<&str>) -> super::Workspace {
        let generated = match generated_opener {
            Some(opener) => format!(r#"{{ "opener": {opener} }}"#),
            None => "{}".to_owned(),
        };
        let fixture = format!(
            r#"
//- /src-tauri/Cargo.toml
[package]
name = "app"
version = "0.1.0"

[dependencies]
tauri-plugin-opener = "2"
//- /src-tauri/Cargo.lock
version = 4

[[package]]
name = "app"
version = "0.1.0"
dependencies = ["tauri-plugin-opener"]

[[package]]
name = "tauri-plugin-opener"
version = "{locked}"
source = "registry+https://github.com/rust-lang/crates.io-index"
//- /src-tauri/capabilities/main.json
{{ "identifier": "main", "windows": ["main"], "permissions": ["opener:default"] }}
//- /src-tauri/gen/schemas/acl-manifests.json
{generated}
"#
        );
        let world = crate::ide::fixture::world(&fixture);
        world.workspace.as_ref().clone()
    }

    fn opener_source(workspace: &super::Workspace) -> String {
        workspace.apps[0].catalogue.plugins["opener"]
            .source
            .describe()
    }

    fn notes(workspace: &super::Workspace) -> Vec<String> {
        workspace.apps[0]
            .issues
            .iter()
            .map(|issue| format!("{}: {}", issue.code.name(), issue.message))
            .collect()
    }

    /// The bundled facts of opener 2.5.0, as `acl-manifests.json` would list them.
    fn bundled_opener() -> String {
        let bundled = super::bundled::bundled();
        let found = bundled.lookup("tauri-plugin-opener", "2.5.0").unwrap();
        let all: serde_json::Value =
            serde_json::from_str(bundled.manifests_text(&found.entry).unwrap()).unwrap();
        all["opener"].to_string()
    }

    const STALE_OPENER: &str = r#"{ "default_permission": { "identifier": "default", "permissions": ["allow-old"] }, "permissions": { "allow-old": { "identifier": "allow-old", "commands": { "allow": ["old"], "deny": [] } } }, "permission_sets": {} }"#;

    #[test]
    fn generated_manifests_that_match_the_locked_version_win_over_the_bundled_data() {
        let world = opener_app("2.5.0", Some(&bundled_opener()));
        assert_eq!(opener_source(&world), "gen/schemas/acl-manifests.json");
        assert!(notes(&world).is_empty(), "{:?}", notes(&world));
    }

    #[test]
    fn the_bundled_locked_version_wins_over_stale_generated_manifests() {
        let world = opener_app("2.5.0", Some(STALE_OPENER));
        assert_eq!(
            opener_source(&world),
            "tauri-plugin-opener 2.5.0 (bundled catalogue)"
        );
        let notes = notes(&world);
        assert_eq!(notes.len(), 1, "{notes:?}");
        assert!(
            notes[0].starts_with("stale-catalogue: gen/schemas/acl-manifests.json is older than the sources of `opener`"),
            "{notes:?}"
        );
    }

    #[test]
    fn generated_manifests_win_over_an_older_bundled_release() {
        // 2.5.999 is not bundled: the app's own build is closer to it than 2.5.5.
        let world = opener_app("2.5.999", Some(STALE_OPENER));
        assert_eq!(opener_source(&world), "gen/schemas/acl-manifests.json");
    }

    #[test]
    fn without_generated_manifests_the_nearest_older_release_is_used_and_named() {
        let world = opener_app("2.5.999", None);
        let source = &world.apps[0].catalogue.plugins["opener"].source;
        assert_eq!(source.kind(), "bundled-nearest");
        assert_eq!(
            source.describe(),
            "tauri-plugin-opener 2.5.5 (bundled catalogue; Cargo.lock has 2.5.999, which is newer than the bundled data, so 2.5.5 is the nearest release of its minor)"
        );
    }

    #[test]
    fn json5_capabilities_load_when_any_tauri_crate_enables_config_json5() {
        let fixture = r#"
//- /src-tauri/Cargo.toml
[package]
name = "app"
version = "0.1.0"

[dependencies]
tauri = { version = "2", features = ["config-json5"] }
//- /src-tauri/capabilities/main.json5
{ identifier: 'main', windows: ['main'], permissions: [] }
"#;
        let world = crate::ide::fixture::world(fixture);
        let app = &world.workspace.apps[0];
        assert!(app.json5_enabled);
        assert_eq!(app.capability_files.len(), 1);
        assert!(app.ignored_files.is_empty());
    }

    /// A folder named like a capability file matches tauri-build's glob and fails the
    /// build; the files inside it are still capabilities Tauri loads.
    #[test]
    fn a_folder_named_like_a_capability_file_fails_the_build() {
        let fixture = r#"
//- /src-tauri/capabilities/old.json/main.json
{ "identifier": "main", "windows": ["main"], "permissions": [] }
"#;
        let world = crate::ide::fixture::world(fixture);
        let app = &world.workspace.apps[0];
        assert_eq!(app.capability_files.len(), 1);
        let issues: Vec<(crate::diagnostic::Code, &str)> = app
            .issues
            .iter()
            .map(|issue| (issue.code, issue.message.as_str()))
            .collect();
        insta::assert_debug_snapshot!(issues, @r#"
        [
            (
                ParseError,
                "`capabilities/old.json` is a folder whose name ends in `.json`: Tauri's build reads every match of `capabilities/**/*` with that extension as a capability file, and fails on this one (\"Is a directory\"); rename the folder",
            ),
        ]
        "#);
    }
}

#[cfg(test)]
mod build_script_tests {
    //! Permissions declared by build scripts, and plugins that cannot be checked: each
    //! fixture's diagnostics, then the app's environment notes.

    fn check(fixture: &str) -> String {
        let world = crate::ide::fixture::world(fixture);
        let mut out = crate::ide::diagnostics::render_fixture(fixture);
        // The app's environment findings (what `check` prints after the diagnostics).
        for issue in &world.workspace.apps[0].issues {
            if issue.file.is_none() {
                out.push_str(&format!("note[{}]: {}\n", issue.code.name(), issue.message));
            }
        }
        out
    }

    const TAURI_LOCK: &str = r#"
//- /src-tauri/Cargo.lock
version = 4

[[package]]
name = "app"
version = "0.1.0"
dependencies = ["tauri"]

[[package]]
name = "tauri"
version = "2.12.5"
source = "registry+https://github.com/rust-lang/crates.io-index"
"#;

    #[test]
    fn app_manifest_commands_are_the_apps_permissions_and_typos_are_still_unknown() {
        insta::assert_snapshot!(check(&format!(r#"
//- /src-tauri/Cargo.toml
[package]
name = "app"
version = "0.1.0"

[dependencies]
tauri = "2"
//- /src-tauri/build.rs
const COMMANDS: &[&str] = &["save_note", "list_notes"];
fn main() {{
    tauri_build::try_build(tauri_build::Attributes::new()
        .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS))).unwrap();
}}
//- /src-tauri/capabilities/main.json
{{ "identifier": "main", "windows": ["main"],
  "permissions": ["allow-save-note", "deny-list-notes", "allow-save-notes"] }}
{TAURI_LOCK}"#)), @r#"
        error[unknown-permission]: `allow-save-notes` is not a permission, set or default of the app's own permissions; did you mean `allow-save-note`?
         --> /src-tauri/capabilities/main.json:2:57
          |
        2 |   "permissions": ["allow-save-note", "deny-list-notes", "allow-save-notes"] }
          |                                                         ^^^^^^^^^^^^^^^^^^
          |
          = note: the app's own permissions is read from the app's permissions/ directory
          = help: Replace with `allow-save-note`
          = help: Define `allow-save-notes` in `permissions/save-notes.toml`
        "#);
    }

    #[test]
    fn a_computed_app_command_list_is_cannot_check_not_unknown() {
        insta::assert_snapshot!(check(&format!(r#"
//- /src-tauri/Cargo.toml
[package]
name = "app"
version = "0.1.0"

[dependencies]
tauri = "2"
//- /src-tauri/build.rs
fn main() {{
    let commands: Vec<&'static str> = app::COMMANDS.iter().copied().collect();
    tauri_build::try_build(tauri_build::Attributes::new()
        .app_manifest(tauri_build::AppManifest::new().commands(&commands))).unwrap();
}}
//- /src-tauri/capabilities/main.json
{{ "identifier": "main", "windows": ["main"], "permissions": ["allow-save-note"] }}
{TAURI_LOCK}"#)), @r"
        no diagnostics
        note[missing-plugin-source]: cannot check the app's own permissions: its build.rs declares commands with `AppManifest::commands`, and `commands` is not a `const` or `static` of this file (tauri-acl reads literal arrays and `const` arrays of the same file)
        ");
    }

    #[test]
    fn inlined_plugins_get_generated_permissions_and_defaults() {
        insta::assert_snapshot!(check(&format!(r#"
//- /src-tauri/Cargo.toml
[package]
name = "app"
version = "0.1.0"

[dependencies]
tauri = "2"
//- /src-tauri/build.rs
use tauri_build::{{DefaultPermissionRule, InlinedPlugin}};
fn main() {{
    tauri_build::try_build(tauri_build::Attributes::new()
        .plugin("playback", InlinedPlugin::new()
            .commands(&["play", "seek_to"])
            .default_permission(DefaultPermissionRule::AllowAllCommands))
        .plugin("library", InlinedPlugin::new().commands(&["list_tracks"]))).unwrap();
}}
//- /src-tauri/permissions/library/default.toml
[default]
permissions = ["allow-list-tracks", "allow-list-albums"]
//- /src-tauri/capabilities/main.json
{{ "identifier": "main", "windows": ["main"],
  "permissions": ["playback:default", "playback:allow-seek-to", "playback:allow-stop", "library:default"] }}
{TAURI_LOCK}"#)), @r#"
        help[redundant-entry]: `playback:allow-seek-to` is already included in `playback:default`
         --> /src-tauri/capabilities/main.json:2:39
          |
        2 |   "permissions": ["playback:default", "playback:allow-seek-to", "playback:allow-stop", "library:default"] }
          |                   ------------------  ^^^^^^^^^^^^^^^^^^^^^^^^
          |                   |
          |                   which includes it
          |
          = help: Remove `playback:allow-seek-to`
        error[unknown-permission]: `playback:allow-stop` is not a permission, set or default of plugin `playback`
         --> /src-tauri/capabilities/main.json:2:65
          |
        2 |   "permissions": ["playback:default", "playback:allow-seek-to", "playback:allow-stop", "library:default"] }
          |                                                                 ^^^^^^^^^^^^^^^^^^^^^
          |
          = note: plugin `playback` is read from the app's build.rs (inlined plugin `playback`)
        error[unknown-set-member]: `library:default` cannot be expanded: the default of plugin `library` lists `allow-list-albums`, which is not a permission or set of plugin `library`
         --> /src-tauri/capabilities/main.json:2:88
          |
        2 |   "permissions": ["playback:default", "playback:allow-seek-to", "playback:allow-stop", "library:default"] }
          |                                                                                        ^^^^^^^^^^^^^^^^^
          |
         ::: /src-tauri/permissions/library/default.toml:2:37
          |
        2 | permissions = ["allow-list-tracks", "allow-list-albums"]
          |                                     ------------------- `allow-list-albums` is listed here
        error[unknown-set-member]: `allow-list-albums` is not a permission or set of plugin `library`, so Tauri fails to build any capability that uses the default of plugin `library`
         --> /src-tauri/permissions/library/default.toml:2:37
          |
        2 | permissions = ["allow-list-tracks", "allow-list-albums"]
          |                                     ^^^^^^^^^^^^^^^^^^^
        "#);
    }

    #[test]
    fn an_inlined_plugin_with_a_computed_name_makes_other_plugins_cannot_check() {
        insta::assert_snapshot!(check(r#"
//- /src-tauri/gen/schemas/acl-manifests.json
{ "core:app": { "default_permission": null, "permissions": {}, "permission_sets": {}, "global_scope_schema": null } }
//- /src-tauri/build.rs
fn main() {
    tauri_build::try_build(tauri_build::Attributes::new()
        .plugin(PLUGIN_NAME, tauri_build::InlinedPlugin::new().commands(&["play"]))).unwrap();
}
//- /src-tauri/capabilities/main.json
{ "identifier": "main", "windows": ["main"], "permissions": ["playback:allow-play", "core:nothing:default"] }
"#), @r#"
        error[unknown-plugin]: the app has no plugin `core:nothing`
         --> /src-tauri/capabilities/main.json:1:85
          |
        1 | { "identifier": "main", "windows": ["main"], "permissions": ["playback:allow-play", "core:nothing:default"] }
          |                                                                                     ^^^^^^^^^^^^^^^^^^^^^^
          |
          = note: `core:` modules are the ones the `tauri` crate's build script defines (`core:app`, `core:window`, `core:webview`, `core:event`, …)
        note[missing-plugin-source]: cannot check plugin names the app does not depend on: its build.rs registers an inlined plugin tauri-acl cannot read (the plugin's name is not a string literal), so any name may be that plugin
        "#);
    }

    #[test]
    fn a_path_plugin_with_a_computed_command_list_is_cannot_check() {
        insta::assert_snapshot!(check(&format!(r#"
//- /src-tauri/Cargo.toml
[package]
name = "app"
version = "0.1.0"

[dependencies]
tauri = "2"
tauri-plugin-counter = {{ path = "../plugins/counter" }}
//- /plugins/counter/Cargo.toml
[package]
name = "tauri-plugin-counter"
version = "0.1.0"
links = "tauri-plugin-counter"
//- /plugins/counter/build.rs
#[cfg(mobile)]
const COMMANDS: &[&str] = &["increment", "vibrate"];
#[cfg(desktop)]
const COMMANDS: &[&str] = &["increment"];
fn main() {{ tauri_plugin::Builder::new(COMMANDS).build(); }}
//- /plugins/counter/permissions/default.toml
[default]
permissions = ["allow-increment", "allow-vibrate"]
//- /src-tauri/capabilities/main.json
{{ "identifier": "main", "windows": ["main"], "permissions": ["counter:default", "counter:allow-reset"] }}
{TAURI_LOCK}"#)), @r"
        no diagnostics
        note[missing-plugin-source]: cannot check every `counter:` identifier: /plugins/counter/build.rs declares its commands with `tauri_plugin::Builder::new`, and `COMMANDS` is defined more than once (under different `cfg`s?) (tauri-acl reads literal arrays and `const` arrays of the same file)
        ");
    }

    #[test]
    fn a_mobile_only_plugin_against_a_desktop_built_catalogue() {
        // 2.99.0: a release the bundled catalogue does not have, which would stand in.
        insta::assert_snapshot!(check(r#"
//- /src-tauri/Cargo.toml
[package]
name = "app"
version = "0.1.0"

[dependencies]
tauri = "2"

[target.'cfg(any(target_os = "android", target_os = "ios"))'.dependencies]
tauri-plugin-haptics = "2"
//- /src-tauri/Cargo.lock
version = 4

[[package]]
name = "tauri-plugin-haptics"
version = "2.99.0"
source = "registry+https://github.com/rust-lang/crates.io-index"
//- /src-tauri/tauri-acl.toml
platforms = ["linux", "android"]
//- /src-tauri/gen/schemas/acl-manifests.json
{ "core": { "default_permission": { "identifier": "default", "description": "", "permissions": [] }, "permissions": {}, "permission_sets": {}, "global_scope_schema": null } }
//- /src-tauri/capabilities/mobile.json
{ "identifier": "mobile", "windows": ["main"], "platforms": ["android"], "permissions": ["haptics:allow-vibrate"] }
//- /src-tauri/capabilities/everywhere.json
{ "identifier": "everywhere", "windows": ["main"], "permissions": ["haptics:allow-vibrate"] }
"#), @r#"
        error[unknown-plugin]: plugin `haptics` is not a dependency of the app on linux, so `haptics:allow-vibrate` fails the build there
         --> /src-tauri/capabilities/everywhere.json:1:68
          |
        1 | { "identifier": "everywhere", "windows": ["main"], "permissions": ["haptics:allow-vibrate"] }
          |                                                                    ^^^^^^^^^^^^^^^^^^^^^^^
          |
          = note: Cargo.toml only depends on it for android, iOS; limit this capability with `platforms`, or move the entry to a capability for those platforms
        note[missing-plugin-source]: cannot check on android, iOS, the only platforms Cargo.toml depends on it for (gen/schemas/acl-manifests.json comes from a desktop build, which leaves it out): `tauri-plugin-haptics 2.99.0` is locked but its sources are not unpacked in the cargo home `/cargo-home` (run `cargo fetch` once)
        "#);
    }

    #[test]
    fn core_modules_without_the_tauri_sources_are_cannot_check() {
        insta::assert_snapshot!(check(&format!(r#"
//- /src-tauri/Cargo.toml
[package]
name = "app"
version = "0.1.0"

[dependencies]
tauri = "2"
//- /src-tauri/capabilities/main.json
{{ "identifier": "main", "windows": ["main"], "permissions": ["core:default", "core:window:allow-close"] }}
{}"#, TAURI_LOCK.replace("2.12.5", "2.99.0"))), @r"
        no diagnostics
        note[missing-plugin-source]: `tauri 2.99.0` is locked but its sources are not unpacked in the cargo home `/cargo-home` (run `cargo fetch` once)
        ");
    }

    #[test]
    fn an_unknown_core_module_gets_no_cargo_add_advice() {
        insta::assert_snapshot!(check(r#"
//- /src-tauri/gen/schemas/acl-manifests.json
{ "core:app": { "default_permission": { "identifier": "default", "description": "", "permissions": [] }, "permissions": {}, "permission_sets": {}, "global_scope_schema": null } }
//- /src-tauri/capabilities/main.json
{ "identifier": "main", "windows": ["main"], "permissions": ["core:spaceship:default"] }
"#), @r#"
        error[unknown-plugin]: the app has no plugin `core:spaceship`
         --> /src-tauri/capabilities/main.json:1:62
          |
        1 | { "identifier": "main", "windows": ["main"], "permissions": ["core:spaceship:default"] }
          |                                                              ^^^^^^^^^^^^^^^^^^^^^^^^
          |
          = note: `core:` modules are the ones the `tauri` crate's build script defines (`core:app`, `core:window`, `core:webview`, `core:event`, …)
        "#);
    }
}
