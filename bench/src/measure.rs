//! The in-process measurements, as functions the divan benches and the harness both
//! call, so the two report the same work.
//!
//! - [`index`]: tauri-acl's cold index of an app, `Workspace::load` from the disk (the
//!   operating system's page cache is warm; nothing is cached in the process).
//! - [`bare_parse`]: reading the same files and parsing them with serde_json, json5 or
//!   toml into untyped values, the floor any tool that reads these files pays.
//! - [`our_resolve`] and [`tauri_resolve`]: every capability active on Linux resolved by
//!   tauri-acl's resolver and by tauri-utils' `Resolved::resolve`.

use std::collections::BTreeMap;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::SystemTime;

use tauri_acl::model::Platform;
use tauri_acl::resolver::authority;
use tauri_acl::workspace::fs::{DirEntry, Fs, RealFs};
use tauri_acl::workspace::{LoadOptions, Workspace};
use tauri_utils::acl::capability::Capability;
use tauri_utils::acl::manifest::Manifest;
use tauri_utils::platform::Target;

/// tauri-acl's index of the app at `app`, as `tauri-acl check` and the language server
/// build it.
pub fn index(app: &Path) -> Workspace {
    Workspace::load(&RealFs, &[app.to_path_buf()], &LoadOptions::default())
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
    Workspace::load(&fs, &[app.to_path_buf()], &LoadOptions::default());
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
                .map(|(_, resolution)| resolution.grants.len())
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
                + resolved.denied_commands.values().map(Vec::len).sum::<usize>()
        }
        Err(_) => 0,
    }
}
