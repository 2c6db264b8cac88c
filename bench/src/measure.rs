//! The in-process measurements, as functions the divan benches and the harness both
//! call, so the two report the same work.
//!
//! - [`index`]: tauri-acl's cold index of an app, `Workspace::load` from the disk (the
//!   operating system's page cache is warm; nothing is cached in the process).
//! - [`bare_parse`]: reading the same files and parsing them with serde_json, json5 or
//!   toml into untyped values, the floor any tool that reads these files pays.
//! - [`our_resolve`] and [`tauri_resolve`]: every capability active on Linux resolved by
//!   tauri-acl's resolver and by tauri-utils' `Resolved::resolve`.
//! - [`resolve_for_checks`], [`with_text`]: the parts of one keystroke in the language
//!   server, for the breakdown of its latency.

use std::collections::BTreeMap;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::SystemTime;

use tauri_acl::ide::World;
use tauri_acl::ide::diagnostics::platforms_for;
use tauri_acl::model::Platform;
use tauri_acl::resolver::{self, authority};
use tauri_acl::workspace::crate_source::cargo_homes_from_env;
use tauri_acl::workspace::fs::{DirEntry, Fs, RealFs};
use tauri_acl::workspace::{FileId, LoadOptions, Workspace};
use tauri_utils::acl::capability::Capability;
use tauri_utils::acl::manifest::Manifest;
use tauri_utils::platform::Target;

use crate::generate::Generated;
use crate::generate::capability::Format;

/// The options `tauri-acl check` loads with when given no flags.
fn options() -> LoadOptions {
    LoadOptions {
        env_cargo_homes: cargo_homes_from_env(|name| std::env::var_os(name)),
        ..LoadOptions::default()
    }
}

/// tauri-acl's index of the app at `app`, as `tauri-acl check` and the language server
/// build it.
pub fn index(app: &Path) -> Workspace {
    Workspace::load(&RealFs, &[app.to_path_buf()], &options())
}

/// A file system that remembers which files were read.
#[derive(Default)]
struct RecordingFs {
    reads: Mutex<Vec<PathBuf>>,
}

impl Fs for RecordingFs {
    fn read(&self, path: &Path) -> io::Result<Vec<u8>> {
        if let Ok(mut reads) = self.reads.lock() {
            reads.push(path.to_path_buf());
        }
        RealFs.read(path)
    }
    fn read_dir(&self, path: &Path) -> io::Result<Vec<DirEntry>> {
        RealFs.read_dir(path)
    }
    fn is_file(&self, path: &Path) -> bool {
        RealFs.is_file(path)
    }
    fn is_dir(&self, path: &Path) -> bool {
        RealFs.is_dir(path)
    }
    fn canonicalize(&self, path: &Path) -> io::Result<PathBuf> {
        RealFs.canonicalize(path)
    }
    fn modified(&self, path: &Path) -> Option<SystemTime> {
        RealFs.modified(path)
    }
}

/// Every file the index reads, once each, in the order first read.
pub fn files_read(app: &Path) -> Vec<PathBuf> {
    let fs = RecordingFs::default();
    Workspace::load(&fs, &[app.to_path_buf()], &options());
    let reads = fs.reads.into_inner().unwrap_or_default();
    let mut seen = std::collections::HashSet::new();
    reads
        .into_iter()
        .filter(|path| seen.insert(path.clone()))
        .collect()
}

/// Reads each file and parses it by extension into an untyped value (`.rs` files are
/// only read); returns the bytes read. Unparsable files count as read.
pub fn bare_parse(files: &[PathBuf]) -> usize {
    let mut bytes = 0;
    for path in files {
        let Ok(data) = std::fs::read(path) else {
            continue;
        };
        bytes += data.len();
        match path.extension().and_then(|ext| ext.to_str()) {
            Some("json") => {
                let _ = std::hint::black_box(serde_json::from_slice::<serde_json::Value>(&data));
            }
            Some("json5") => {
                let text = String::from_utf8_lossy(&data);
                let _ = std::hint::black_box(json5::from_str::<serde_json::Value>(&text));
            }
            Some("toml") | Some("lock") => {
                let text = String::from_utf8_lossy(&data);
                let _ = std::hint::black_box(toml::from_str::<toml::Table>(&text));
            }
            _ => {
                std::hint::black_box(&data);
            }
        }
    }
    bytes
}

/// tauri-acl's resolution of every capability active on Linux; returns the number of
/// command grants.
pub fn our_resolve(workspace: &Workspace) -> usize {
    workspace
        .apps
        .iter()
        .map(|app| {
            authority::active(workspace, app, Platform::Linux)
                .iter()
                .map(|(_, resolution)| resolution.grants().count())
                .sum::<usize>()
        })
        .sum()
}

/// tauri-utils' resolution of the same capabilities on Linux; returns the number of
/// allowed and denied command entries.
pub fn tauri_resolve(
    acl: &BTreeMap<String, Manifest>,
    capabilities: BTreeMap<String, Capability>,
) -> usize {
    match crate::tauri_side::resolve(acl, capabilities, Target::Linux) {
        Ok(resolved) => {
            resolved
                .allowed_commands
                .values()
                .map(Vec::len)
                .sum::<usize>()
                + resolved
                    .denied_commands
                    .values()
                    .map(Vec::len)
                    .sum::<usize>()
        }
        Err(_) => 0,
    }
}

/// What the checks resolve before they run: every capability of every app on each
/// platform it is checked for, as `tauri-acl check` and each diagnostics round of the
/// language server do. Returns the number of grants.
pub fn resolve_for_checks(workspace: &Workspace) -> usize {
    let mut grants = 0;
    for app in &workspace.apps {
        for reference in resolver::all_capabilities(workspace, app) {
            let Some(capability) = resolver::capability(workspace, reference) else {
                continue;
            };
            for platform in platforms_for(app, capability) {
                if let Some(resolution) = resolver::resolve(workspace, app, reference, platform) {
                    grants += resolution.grants().count();
                }
            }
        }
    }
    grants
}

/// The snapshot the language server derives when `file` gets `text` (the file parsed
/// and lowered again, everything else shared).
pub fn with_text(world: &World, file: FileId, text: &str) -> World {
    World {
        workspace: std::sync::Arc::new(world.workspace.with_text(file, text)),
        config: world.config.clone(),
        resolutions: world.resolutions.clone(),
    }
}

/// The same snapshot with nothing resolved yet, as `tauri-acl check` sees it: a
/// diagnostics pass on it resolves every capability on every checked platform.
pub fn cold(world: &World) -> World {
    World {
        workspace: world.workspace.clone(),
        config: world.config.clone(),
        resolutions: Default::default(),
    }
}

/// The largest JSON capability file of `generated`, its text with one character typed
/// in the middle of an entry, as a keystroke of the typing session would leave it.
pub fn typed_in_largest(generated: &Generated, world: &World) -> Option<(FileId, String)> {
    let capability = generated
        .capabilities
        .iter()
        .filter(|capability| capability.format == Format::Json)
        .max_by_key(|capability| capability.entries.len())?;
    let file = world
        .workspace
        .file_id(&generated.capability_path(capability))?;
    let mut text = world.workspace.file(file).text.clone();
    let positions = crate::typing::request_positions(&text);
    let ((line, character), _) = *positions.get(positions.len() / 2)?;
    let offset = text
        .split_inclusive('\n')
        .take(line as usize)
        .map(str::len)
        .sum::<usize>()
        + character as usize;
    text.insert(offset, 'x');
    Some((file, text))
}
