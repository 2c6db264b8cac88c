//! Tauri's view of an app, built with tauri-utils' own types from the files on disk.
//!
//! Files are listed with the `glob` crate and the patterns tauri-build and tauri-plugin
//! use (`permissions/**/*`, `capabilities/**/*`, keeping `.json`/`.toml` and leaving out
//! files directly inside a `schemas` folder), parsed with `toml`, `serde_json` or `json5`
//! into tauri-utils' `PermissionFile` and `CapabilityFile`, and merged with
//! `Manifest::new`. Core manifests are generated the way the `tauri` crate's `build.rs`
//! generates them from its command table. Which plugins an app has (on which platform) is
//! cargo's business, not the resolver's: it is taken from `tauri-acl`'s catalogue, and
//! only the manifests' contents are rebuilt here.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use tauri_acl::model::Platform;
use tauri_acl::workspace::build_script::{self, DefaultRule};
use tauri_acl::workspace::{App, FileModel, PluginSource, Workspace};
use tauri_utils::acl::capability::{Capability, CapabilityFile};
use tauri_utils::acl::manifest::{Manifest, PermissionFile};

/// The app permissions' key in Tauri's manifest table.
pub const APP_ACL_KEY: &str = tauri_utils::acl::APP_ACL_KEY;

/// A core command table: (module such as `core:window`, [(command, enabled by default)]).
pub type CoreCommands = Vec<(String, Vec<(String, bool)>)>;

/// Files below `dir` matching `dir/**/*` with one of `extensions`, in glob's order,
/// leaving out files directly inside a folder named `schemas`.
pub fn glob_files(dir: &Path, extensions: &[&str]) -> Vec<PathBuf> {
    let pattern = format!("{}/**/*", glob::Pattern::escape(&dir.to_string_lossy()));
    let Ok(paths) = glob::glob(&pattern) else {
        return Vec::new();
    };
    paths
        .flatten()
        .filter(|path| path.is_file())
        .filter(|path| {
            path.extension()
                .and_then(|extension| extension.to_str())
                .is_some_and(|extension| extensions.contains(&extension))
        })
        .filter(|path| {
            path.parent()
                .and_then(|parent| parent.file_name())
                .is_none_or(|name| name != "schemas")
        })
        .collect()
}

/// Reads one permission file as tauri-utils does.
pub fn read_permission_file(path: &Path) -> Result<PermissionFile, String> {
    let text = std::fs::read_to_string(path)
        .map_err(|error| format!("cannot read {}: {error}", path.display()))?;
    let parsed = match path.extension().and_then(|extension| extension.to_str()) {
        Some("toml") => toml::from_str(&text).map_err(|error| error.to_string()),
        _ => serde_json::from_str(&text).map_err(|error| error.to_string()),
    };
    parsed.map_err(|error| format!("{}: {error}", path.display()))
}

fn read_files(paths: &[PathBuf]) -> Result<Vec<PermissionFile>, String> {
    paths
        .iter()
        .map(|path| read_permission_file(path))
        .collect()
}

fn parse_toml(text: &str) -> Result<PermissionFile, String> {
    toml::from_str(text).map_err(|error| error.to_string())
}

/// The file tauri-utils' `autogenerate_command_permissions` writes for `command`.
fn command_toml(command: &str) -> String {
    let slug = command.replace('_', "-");
    format!(
        "[[permission]]\nidentifier = \"allow-{slug}\"\ndescription = \"Enables the {command} command without any pre-configured scope.\"\ncommands.allow = [\"{command}\"]\n\n[[permission]]\nidentifier = \"deny-{slug}\"\ndescription = \"Denies the {command} command without any pre-configured scope.\"\ncommands.deny = [\"{command}\"]\n"
    )
}

/// The generated files of the `commands` whose `<dir>/<cmd>.toml` is not on disk (a
/// build would write them; the ones on disk are read with the rest).
fn absent_command_files(
    dir: &Path,
    commands: &[tauri_acl::model::Spanned<String>],
) -> Result<Vec<PermissionFile>, String> {
    commands
        .iter()
        .filter(|command| !dir.join(format!("{}.toml", command.value)).is_file())
        .map(|command| parse_toml(&command_toml(&command.value)))
        .collect()
}

/// The manifest of the permission files below `dir`, merged by `Manifest::new`.
pub fn manifest_from_dir(dir: &Path) -> Result<Manifest, String> {
    let files = glob_files(dir, &["json", "toml"])
        .iter()
        .map(|path| read_permission_file(path))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Manifest::new(files, None))
}

/// The core manifests the `tauri` crate's `build.rs` generates from its command table:
/// an `allow-`/`deny-` permission per command, a default per module with the commands
/// enabled by default, and `core` whose default lists each module's default.
pub fn core_manifests(table: &CoreCommands) -> Result<BTreeMap<String, Manifest>, String> {
    let mut manifests = BTreeMap::new();
    for (module, commands) in table {
        let mut files = Vec::new();
        for (command, _) in commands {
            let slug = command.replace('_', "-");
            files.push(format!(
                "[[permission]]\nidentifier = \"allow-{slug}\"\ndescription = \"Enables the {command} command without any pre-configured scope.\"\ncommands.allow = [\"{command}\"]\n\n[[permission]]\nidentifier = \"deny-{slug}\"\ndescription = \"Denies the {command} command without any pre-configured scope.\"\ncommands.deny = [\"{command}\"]\n"
            ));
        }
        let defaults: Vec<String> = commands
            .iter()
            .filter(|(_, enabled)| *enabled)
            .map(|(command, _)| format!("\"allow-{}\"", command.replace('_', "-")))
            .collect();
        files.push(format!(
            "[default]\ndescription = \"Default permissions for the plugin.\"\npermissions = [{}]\n",
            defaults.join(", ")
        ));
        let files = files
            .iter()
            .map(|text| toml::from_str::<PermissionFile>(text).map_err(|error| error.to_string()))
            .collect::<Result<Vec<_>, _>>()?;
        manifests.insert(module.clone(), Manifest::new(files, None));
    }
    let members: Vec<String> = table
        .iter()
        .map(|(module, _)| format!("\"{module}:default\""))
        .collect();
    let core = format!(
        "[default]\ndescription = \"Default core plugins set.\"\npermissions = [{}]\n",
        members.join(",")
    );
    let core = toml::from_str::<PermissionFile>(&core).map_err(|error| error.to_string())?;
    manifests.insert("core".to_owned(), Manifest::new(vec![core], None));
    Ok(manifests)
}

/// The command table `tauri-acl` read from the locked `tauri` crate's `build.rs`.
pub fn engine_core_table(workspace: &Workspace, app: &App) -> Option<CoreCommands> {
    app.catalogue.plugins.values().find_map(|plugin| {
        let PluginSource::CoreTable { file, .. } = &plugin.source else {
            return None;
        };
        let FileModel::Core(Some(table)) = &workspace.file(*file).model else {
            return None;
        };
        Some(table.plain())
    })
}

/// Every manifest Tauri would have for `app`, with the platforms each is available on.
pub struct TauriManifests {
    pub manifests: Vec<(String, Manifest, Option<Vec<Platform>>)>,
}

impl TauriManifests {
    /// Builds each manifest from the sources `tauri-acl`'s catalogue names; `core`
    /// replaces the command table read by `tauri-acl` when given.
    pub fn build(
        workspace: &Workspace,
        app: &App,
        core: Option<&CoreCommands>,
        real_sources: &[PathBuf],
    ) -> Result<TauriManifests, String> {
        let mut manifests = Vec::new();
        let mut generated: BTreeMap<PathBuf, BTreeMap<String, Manifest>> = BTreeMap::new();
        let mut core_done = false;
        for (key, plugin) in &app.catalogue.plugins {
            let platforms = plugin.platforms.clone();
            match &plugin.source {
                PluginSource::AclManifests { file } => {
                    let path = workspace.file(*file).path.clone();
                    if !generated.contains_key(&path) {
                        let text = std::fs::read_to_string(&path)
                            .map_err(|error| format!("cannot read {}: {error}", path.display()))?;
                        let table: BTreeMap<String, Manifest> = serde_json::from_str(&text)
                            .map_err(|error| format!("{}: {error}", path.display()))?;
                        generated.insert(path.clone(), table);
                    }
                    let table = generated.get_mut(&path).expect("just read");
                    let manifest = table.remove(key).ok_or_else(|| {
                        format!("{} has no `{key}` for tauri-utils", path.display())
                    })?;
                    manifests.push((key.clone(), manifest, platforms));
                }
                PluginSource::Registry { dir, .. }
                | PluginSource::Git { dir, .. }
                | PluginSource::Path { dir, .. } => {
                    // tauri-plugin's build writes `permissions/autogenerated/commands/`
                    // first; the glob then reads every file of `permissions/`.
                    let permissions = dir.join("permissions");
                    let declared = std::fs::read_to_string(dir.join("build.rs"))
                        .ok()
                        .and_then(|text| build_script::scan(&text).plugin_builder);
                    let mut files = match &declared {
                        Some(declared) => absent_command_files(
                            &permissions.join("autogenerated").join("commands"),
                            &declared.commands,
                        )?,
                        None => Vec::new(),
                    };
                    files.extend(read_files(&glob_files(&permissions, &["json", "toml"]))?);
                    manifests.push((key.clone(), Manifest::new(files, None), platforms));
                }
                PluginSource::Inline { file, name } => {
                    let script = match &workspace.file(*file).model {
                        FileModel::BuildScript(script) => script.clone(),
                        _ => return Err(format!("no build script for inlined plugin `{name}`")),
                    };
                    let inline = script
                        .inline_plugins
                        .iter()
                        .find(|inline| &inline.name.value == name)
                        .ok_or_else(|| format!("inlined plugin `{name}` is gone"))?;
                    let mut files = Vec::new();
                    for command in &inline.declared.commands {
                        files.push(parse_toml(&command_toml(&command.value))?);
                    }
                    let allowed: Vec<String> = match &inline.default {
                        Some(DefaultRule::AllowAllCommands(_)) => inline
                            .declared
                            .commands
                            .iter()
                            .map(|command| format!("allow-{}", command.value.replace('_', "-")))
                            .collect(),
                        Some(DefaultRule::Allow(list)) => {
                            list.iter().map(|id| id.value.clone()).collect()
                        }
                        None => Vec::new(),
                    };
                    if inline.default.is_some() && !inline.declared.commands.is_empty() {
                        let quoted: Vec<String> =
                            allowed.iter().map(|id| format!("\"{id}\"")).collect();
                        files.push(parse_toml(&format!(
                            "[default]\npermissions = [{}]\n",
                            quoted.join(",")
                        ))?);
                    }
                    let root = &app.root;
                    let listed = match &inline.declared.permissions_path_pattern {
                        Some(pattern) => glob::glob(&root.join(&pattern.value).to_string_lossy())
                            .map(|paths| paths.flatten().collect())
                            .unwrap_or_default(),
                        None => glob_files(&root.join("permissions").join(name), &["json", "toml"]),
                    };
                    files.extend(read_files(&listed)?);
                    manifests.push((key.clone(), Manifest::new(files, None), platforms));
                }
                PluginSource::CoreTable { .. } => {
                    if core_done {
                        continue;
                    }
                    core_done = true;
                    let table = match core {
                        Some(table) => table.clone(),
                        None => engine_core_table(workspace, app)
                            .ok_or("the core table tauri-acl read is gone")?,
                    };
                    for (key, manifest) in core_manifests(&table)? {
                        manifests.push((key, manifest, platforms.clone()));
                    }
                }
                PluginSource::Bundled {
                    name,
                    version,
                    file,
                    ..
                } => {
                    // One crate version's manifests: every key of it, built once.
                    let path = workspace.file(*file).path.clone();
                    if !generated.contains_key(&path) {
                        let table = match real_crate_dir(real_sources, name, version) {
                            Some(dir) if name == "tauri" => {
                                let text = std::fs::read_to_string(dir.join("build.rs"))
                                    .map_err(|error| format!("{}: {error}", dir.display()))?;
                                let table =
                                    tauri_acl::workspace::core_table::parse_core_table(&text)
                                        .ok_or("the real build.rs holds no command table")?;
                                core_manifests(&table.plain())?
                            }
                            Some(dir) => {
                                let manifest = manifest_from_dir(&dir.join("permissions"))?;
                                BTreeMap::from([(key.clone(), manifest)])
                            }
                            None => bundled_manifests(&workspace.file(*file).text)?,
                        };
                        generated.insert(path.clone(), table);
                    }
                    let table = generated.get_mut(&path).expect("just read");
                    let manifest = table.remove(key).ok_or_else(|| {
                        format!("{name} {version} has no `{key}` for tauri-utils")
                    })?;
                    manifests.push((key.clone(), manifest, platforms));
                }
                PluginSource::App { dir } => {
                    // tauri-build: `permissions/autogenerated/*` of `AppManifest::commands`
                    // first, then `permissions/**/*` minus the inlined plugins' folders.
                    let script =
                        app.build_script
                            .and_then(|file| match &workspace.file(file).model {
                                FileModel::BuildScript(script) => Some(script.clone()),
                                _ => None,
                            });
                    let mut files = match script.as_ref().and_then(|s| s.app_manifest.as_ref()) {
                        Some(declared) => {
                            absent_command_files(&dir.join("autogenerated"), &declared.commands)?
                        }
                        None => Vec::new(),
                    };
                    let inline_dirs: Vec<PathBuf> = script
                        .iter()
                        .flat_map(|script| &script.inline_plugins)
                        .map(|inline| dir.join(&inline.name.value))
                        .collect();
                    let listed: Vec<PathBuf> = glob_files(dir, &["json", "toml"])
                        .into_iter()
                        .filter(|path| !inline_dirs.iter().any(|inline| path.starts_with(inline)))
                        .collect();
                    files.extend(read_files(&listed)?);
                    let manifest = Manifest::new(files, None);
                    // tauri-build registers the app manifest only when it defines something.
                    if manifest.default_permission.is_some()
                        || !manifest.permissions.is_empty()
                        || !manifest.permission_sets.is_empty()
                    {
                        manifests.push((APP_ACL_KEY.to_owned(), manifest, platforms));
                    }
                }
            }
        }
        Ok(TauriManifests { manifests })
    }

    /// The manifest table Tauri's build has on `platform`: only the plugins the app
    /// depends on there.
    pub fn on(&self, platform: Platform) -> BTreeMap<String, Manifest> {
        self.manifests
            .iter()
            .filter(|(_, _, platforms)| {
                platforms
                    .as_ref()
                    .is_none_or(|platforms| platforms.contains(&platform))
            })
            .map(|(key, manifest, _)| {
                // `Manifest` is not `Clone`; a JSON round trip copies it exactly.
                let copy = serde_json::from_value(
                    serde_json::to_value(manifest).expect("manifest serializes"),
                )
                .expect("manifest deserializes");
                (key.clone(), copy)
            })
            .collect()
    }
}

/// The unpacked sources of `name` `version` in one of `cargo_homes`.
pub fn real_crate_dir(cargo_homes: &[PathBuf], name: &str, version: &str) -> Option<PathBuf> {
    cargo_homes.iter().find_map(|home| {
        std::fs::read_dir(home.join("registry/src"))
            .ok()?
            .flatten()
            .map(|index| index.path().join(format!("{name}-{version}")))
            .find(|dir| dir.join("Cargo.toml").is_file())
    })
}

/// The bundled catalogue's facts read by tauri-utils. The data leaves out the sets'
/// descriptions, which tauri-utils requires; an empty one stands in.
fn bundled_manifests(text: &str) -> Result<BTreeMap<String, Manifest>, String> {
    let mut value: serde_json::Value = serde_json::from_str(text).map_err(|e| e.to_string())?;
    for manifest in value
        .as_object_mut()
        .into_iter()
        .flat_map(|map| map.values_mut())
    {
        if let Some(default) = manifest
            .get_mut("default_permission")
            .and_then(|default| default.as_object_mut())
        {
            default.insert("description".to_owned(), "".into());
        }
        if let Some(sets) = manifest
            .get_mut("permission_sets")
            .and_then(|sets| sets.as_object_mut())
        {
            for set in sets.values_mut().filter_map(|set| set.as_object_mut()) {
                set.insert("description".to_owned(), "".into());
            }
        }
    }
    serde_json::from_value(value).map_err(|error| format!("the bundled data: {error}"))
}

/// The capability files tauri-build loads for the app at `root`, in its order.
pub fn capability_files(root: &Path, json5: bool) -> Vec<PathBuf> {
    let extensions: &[&str] = if json5 {
        &["json", "toml", "json5"]
    } else {
        &["json", "toml"]
    };
    glob_files(&root.join("capabilities"), extensions)
}

/// Reads a capability file as tauri-utils' `CapabilityFile::load` does.
pub fn read_capability_file(path: &Path) -> Result<Vec<Capability>, String> {
    let text = std::fs::read_to_string(path).map_err(|error| format!("cannot read: {error}"))?;
    let file: CapabilityFile = match path.extension().and_then(|extension| extension.to_str()) {
        Some("toml") => toml::from_str(&text).map_err(|error| error.to_string())?,
        Some("json5") => json5::from_str(&text).map_err(|error| error.to_string())?,
        _ => serde_json::from_str(&text).map_err(|error| error.to_string())?,
    };
    Ok(match file {
        CapabilityFile::Capability(capability) => vec![capability],
        CapabilityFile::List(capabilities) | CapabilityFile::NamedList { capabilities } => {
            capabilities
        }
    })
}

/// The inline capabilities of a Tauri config's `app.security.capabilities`, by position
/// in the list: `None` for a reference to a capability file.
pub fn inline_capabilities(config: &Path) -> Result<Vec<Option<Capability>>, String> {
    let text = std::fs::read_to_string(config).map_err(|error| format!("cannot read: {error}"))?;
    let value: serde_json::Value = match config.extension().and_then(|extension| extension.to_str())
    {
        Some("toml") => toml::from_str(&text).map_err(|error| error.to_string())?,
        Some("json5") => json5::from_str(&text).map_err(|error| error.to_string())?,
        _ => serde_json::from_str(&text).map_err(|error| error.to_string())?,
    };
    let Some(list) = value
        .pointer("/app/security/capabilities")
        .and_then(|list| list.as_array())
    else {
        return Ok(Vec::new());
    };
    list.iter()
        .map(|entry| match entry {
            serde_json::Value::String(_) => Ok(None),
            other => serde_json::from_value::<Capability>(other.clone())
                .map(Some)
                .map_err(|error| error.to_string()),
        })
        .collect()
}

/// Tauri's name for a platform.
pub fn target_name(platform: Platform) -> &'static str {
    platform.name()
}
