//! Tauri's own code on the benchmark workspace, through tauri-utils 2.10.2: the plugin
//! catalogue as tauri-build assembles it (`Manifest::new` per plugin), the capabilities
//! as tauri-build reads them, the files tauri-build writes into `gen/schemas/`, and
//! `Resolved::resolve`, the resolver tauri-acl's is compared with.

use std::collections::BTreeMap;
use std::path::Path;

use tauri_utils::acl::capability::{Capability, CapabilityFile};
use tauri_utils::acl::manifest::{Manifest, PermissionFile};
use tauri_utils::acl::resolved::Resolved;
use tauri_utils::platform::Target;

use crate::generate::Generated;
use crate::generate::catalogue::Plugin;

/// Every plugin's manifest under the key tauri-build uses (`fs`, `core:window`,
/// `__app-acl__`), from the same permission file texts the generator wrote.
pub fn manifests(plugins: &[Plugin]) -> Result<BTreeMap<String, Manifest>, String> {
    let mut acl = BTreeMap::new();
    for plugin in plugins {
        let mut files = Vec::new();
        for (path, text) in &plugin.files {
            let file: PermissionFile =
                toml::from_str(text).map_err(|error| format!("{} {path}: {error}", plugin.key))?;
            files.push(file);
        }
        acl.insert(
            plugin.key.clone(),
            Manifest::new(files, plugin.scope_schema.clone()),
        );
    }
    Ok(acl)
}

/// The capabilities in `app/capabilities/`, read the way tauri-build reads them (JSON,
/// JSON5 with `config-json5`, TOML), by identifier.
pub fn read_capabilities(app: &Path) -> Result<BTreeMap<String, Capability>, String> {
    let dir = app.join("capabilities");
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .map_err(|error| format!("{}: {error}", dir.display()))?
        .filter_map(|entry| entry.ok().map(|entry| entry.path()))
        .collect();
    paths.sort();
    let mut capabilities = BTreeMap::new();
    for path in paths {
        let text = std::fs::read_to_string(&path)
            .map_err(|error| format!("{}: {error}", path.display()))?;
        let file: CapabilityFile = match path.extension().and_then(|ext| ext.to_str()) {
            Some("json") => serde_json::from_str(&text).map_err(|error| error.to_string()),
            Some("json5") => json5::from_str(&text).map_err(|error| error.to_string()),
            Some("toml") => toml::from_str(&text).map_err(|error| error.to_string()),
            _ => continue,
        }
        .map_err(|error| format!("{}: {error}", path.display()))?;
        match file {
            CapabilityFile::Capability(capability) => {
                capabilities.insert(capability.identifier.clone(), capability);
            }
            CapabilityFile::List(list) | CapabilityFile::NamedList { capabilities: list } => {
                for capability in list {
                    capabilities.insert(capability.identifier.clone(), capability);
                }
            }
        }
    }
    Ok(capabilities)
}

/// Tauri's resolution of every capability active on `target`.
pub fn resolve(
    acl: &BTreeMap<String, Manifest>,
    capabilities: BTreeMap<String, Capability>,
    target: Target,
) -> Result<Resolved, String> {
    Resolved::resolve(acl, capabilities, target).map_err(|error| error.to_string())
}

/// Writes what tauri-build writes into `gen/schemas/` after a build for Linux and for
/// Android: `acl-manifests.json`, `capabilities.json`, and the capability schemas
/// (`linux-schema.json` copied to `desktop-schema.json`, `android-schema.json` copied to
/// `mobile-schema.json`).
///
/// tauri-utils writes the schemas relative to the current directory, so this changes
/// it to the app's folder for the duration and restores it; call it before starting
/// threads that use relative paths.
pub fn write_build_outputs(generated: &Generated) -> Result<(), String> {
    let acl = manifests(&generated.plugins)?;
    let capabilities = read_capabilities(&generated.app)?;
    // Fail early, as tauri-build would, if the generator wrote something Tauri rejects.
    resolve(&acl, capabilities.clone(), Target::Linux)?;
    let schemas = generated.app.join("gen").join("schemas");
    std::fs::create_dir_all(&schemas).map_err(|error| error.to_string())?;
    let json = serde_json::to_string(&acl).map_err(|error| error.to_string())?;
    std::fs::write(schemas.join("acl-manifests.json"), json).map_err(|error| error.to_string())?;
    let json = serde_json::to_string(&capabilities).map_err(|error| error.to_string())?;
    std::fs::write(schemas.join("capabilities.json"), json).map_err(|error| error.to_string())?;

    // The working directory is the process's: one generation at a time changes it.
    static WORKING_DIRECTORY: std::sync::Mutex<()> = std::sync::Mutex::new(());
    let _guard = WORKING_DIRECTORY
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    let previous = std::env::current_dir().map_err(|error| error.to_string())?;
    std::env::set_current_dir(&generated.app).map_err(|error| error.to_string())?;
    let written = [Target::Linux, Target::Android]
        .into_iter()
        .try_for_each(|target| {
            tauri_utils::acl::schema::generate_capability_schema(&acl, target)
                .map_err(|error| error.to_string())
        });
    std::env::set_current_dir(previous).map_err(|error| error.to_string())?;
    written
}
