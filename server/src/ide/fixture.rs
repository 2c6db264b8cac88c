//! Test fixtures: one string holding several files, with a `$0` cursor marker.
//!
//! ```text
//! //- /src-tauri/capabilities/default.json
//! { "identifier": "default", "windows": ["main"], "permissions": ["fs:allow-re$0"] }
//! //- /plugins/fs/permissions/read.toml plugin:fs
//! [[permission]]
//! identifier = "allow-read-file"
//! commands.allow = ["read_file"]
//! ```
//!
//! A `//- /path` line starts a file; the text up to the next header is its content. A
//! fixture without headers is one file at `/src-tauri/capabilities/default.json`. Metadata
//! after the path: `plugin:<key>` makes the file's `permissions/` folder part of a plugin
//! crate (a `Cargo.toml` with `links = "tauri-plugin-<key>"` is written next to it and the
//! app depends on it by path), and `core` marks a `build.rs` as the `tauri` crate's, so the
//! core table is read from it. Unless the fixture has them, a Tauri config with one
//! `main` window and an app `Cargo.toml` depending on those crates are added. `$0` marks
//! the cursor, two of them a range. Everything goes through the real discovery code, on
//! an in-memory file system.

use std::collections::BTreeMap;
use std::path::PathBuf;

use super::{FilePosition, FileRange, IdeConfig, World};
use crate::text::{LineIndex, TextRange, TextSize, to_size};
use crate::workspace::fs::MemFs;
use crate::workspace::{FileId, LoadOptions, Workspace};

pub const CURSOR: &str = "$0";
pub const APP_ROOT: &str = "/src-tauri";

struct Parsed {
    fs: MemFs,
    cursor: Option<(PathBuf, Vec<TextSize>)>,
}

fn parse_fixture(text: &str) -> Parsed {
    let mut files: Vec<(String, String, Vec<String>)> = Vec::new();
    if !text.trim_start().starts_with("//- ") {
        files.push((
            format!("{APP_ROOT}/capabilities/default.json"),
            text.to_owned(),
            Vec::new(),
        ));
    } else {
        for line in text.split_inclusive('\n') {
            if let Some(header) = line.strip_prefix("//- ") {
                let mut parts = header.split_whitespace();
                let path = parts.next().unwrap_or("/unnamed").to_owned();
                let meta = parts.map(str::to_owned).collect();
                files.push((path, String::new(), meta));
            } else if let Some(last) = files.last_mut() {
                last.1.push_str(line);
            }
        }
    }
    let mut fs = MemFs::new();
    let mut cursor = None;
    let mut plugin_dirs: BTreeMap<String, String> = BTreeMap::new();
    let mut core_dir = None;
    for (path, mut content, meta) in files {
        if content.contains(CURSOR) {
            let mut offsets = Vec::new();
            while let Some(index) = content.find(CURSOR) {
                offsets.push(to_size(index));
                content.replace_range(index..index + CURSOR.len(), "");
            }
            cursor = Some((PathBuf::from(&path), offsets));
        }
        for item in &meta {
            if let Some(key) = item.strip_prefix("plugin:") {
                let dir = path
                    .split("/permissions/")
                    .next()
                    .unwrap_or(&path)
                    .to_owned();
                plugin_dirs.insert(key.to_owned(), dir);
            } else if item == "core" {
                core_dir = PathBuf::from(&path)
                    .parent()
                    .map(|dir| dir.display().to_string());
            }
        }
        fs.insert(path, content);
    }
    let mut dependencies = String::new();
    for (key, dir) in &plugin_dirs {
        let manifest = format!("{dir}/Cargo.toml");
        if !fs.is_file_path(&manifest) {
            fs.insert(
                manifest,
                format!(
                    "[package]\nname = \"tauri-plugin-{key}\"\nversion = \"2.0.0\"\nlinks = \"tauri-plugin-{key}\"\n"
                ),
            );
        }
        dependencies.push_str(&format!(
            "tauri-plugin-{key} = {{ path = \"{}\" }}\n",
            relative_to_app(dir)
        ));
    }
    if let Some(dir) = &core_dir {
        let manifest = format!("{dir}/Cargo.toml");
        if !fs.is_file_path(&manifest) {
            fs.insert(
                manifest,
                "[package]\nname = \"tauri\"\nversion = \"2.12.5\"\nlinks = \"Tauri\"\n",
            );
        }
        dependencies.push_str(&format!(
            "tauri = {{ path = \"{}\" }}\n",
            relative_to_app(dir)
        ));
    }
    let app_manifest = format!("{APP_ROOT}/Cargo.toml");
    if !fs.is_file_path(&app_manifest) {
        fs.insert(
            app_manifest,
            format!(
                "[package]\nname = \"app\"\nversion = \"0.1.0\"\n\n[dependencies]\n{dependencies}"
            ),
        );
    }
    let has_config = crate::workspace::discover::CONFIG_FILE_NAMES
        .iter()
        .any(|name| fs.is_file_path(&format!("{APP_ROOT}/{name}")));
    if !has_config {
        fs.insert(
            format!("{APP_ROOT}/tauri.conf.json"),
            r#"{ "app": { "windows": [{ "label": "main" }], "security": { "csp": "default-src 'self'" } } }"#,
        );
    }
    Parsed { fs, cursor }
}

fn relative_to_app(dir: &str) -> String {
    format!("..{dir}")
}

impl MemFs {
    fn is_file_path(&self, path: &str) -> bool {
        self.paths()
            .any(|candidate| candidate == std::path::Path::new(path))
    }
}

/// The world of a fixture, checked for the desktop platforms.
pub fn world(text: &str) -> World {
    world_and_cursor(text).0
}

/// The world of a fixture and its `$0` markers: the file and their offsets.
pub fn world_and_cursor(text: &str) -> (World, Option<(FileId, Vec<TextSize>)>) {
    let parsed = parse_fixture(text);
    let options = LoadOptions {
        cargo_homes: vec![PathBuf::from("/cargo-home")],
        env_cargo_homes: Vec::new(),
        platforms: None,
        overlays: Default::default(),
    };
    let workspace = Workspace::load(&parsed.fs, &[PathBuf::from("/")], &options);
    let cursor = parsed.cursor.and_then(|(path, offsets)| {
        let file = workspace.file_id(&path)?;
        Some((file, offsets))
    });
    (World::new(workspace, IdeConfig::default()), cursor)
}

/// The world of a fixture and the id of its file at `path`.
#[track_caller]
pub fn file(text: &str, path: &str) -> (World, FileId) {
    let world = world(text);
    let file = world
        .workspace
        .file_id(std::path::Path::new(path))
        .expect("the fixture has the file");
    (world, file)
}

/// The world of a fixture with one `$0` marker, and the marked position.
#[track_caller]
pub fn position(text: &str) -> (World, FilePosition) {
    let (world, marker) = world_and_cursor(text);
    let (file, offsets) = marker.expect("the fixture has a $0 marker");
    (
        world,
        FilePosition {
            file,
            offset: offsets[0],
        },
    )
}

/// The world of a fixture and the range between its two `$0` markers (empty at a single
/// marker).
#[track_caller]
pub fn range(text: &str) -> (World, FileRange) {
    let (world, marker) = world_and_cursor(text);
    let (file, offsets) = marker.expect("the fixture has a $0 marker");
    let end = *offsets.get(1).unwrap_or(&offsets[0]);
    let range = TextRange::new(offsets[0], end);
    (world, FileRange { file, range })
}

/// Fixture paths are shown as written.
pub fn display_path(path: &std::path::Path) -> String {
    path.display().to_string()
}

/// `path:line:col` of a range's start, one-based.
pub fn render_location(workspace: &Workspace, file: FileId, range: TextRange) -> String {
    let source = workspace.file(file);
    let start = source.line_index.line_col(range.start());
    format!(
        "{}:{}:{}",
        display_path(&source.path),
        start.line + 1,
        start.col + 1
    )
}

/// The first line of `range` with carets under it.
pub fn render_line(text: &str, line_index: &LineIndex, range: TextRange) -> String {
    let start = line_index.line_col(range.start());
    let line_start = line_index.line_start(start.line);
    let line_text = text[usize::from(line_start)..]
        .lines()
        .next()
        .unwrap_or_default();
    let line_end = line_start + TextSize::from(line_text.len() as u32);
    let width = usize::from(range.end().min(line_end)) - usize::from(range.start());
    format!(
        "  {line_text}\n  {}{}",
        " ".repeat(start.col as usize),
        "^".repeat(width.max(1))
    )
}

/// A plugin crate with a default, a set and permissions; a second plugin whose default
/// includes the first one's; tauri's core table; the app's own set and permission.
pub const PLUGINS_AND_APP: &str = r#"
//- /plugins/fs/permissions/default.toml plugin:fs
[default]
description = "Default **fs** access."
permissions = ["read-all", "scope-app"]

[[set]]
identifier = "read-all"
description = "Reads files."
permissions = ["allow-read-file", "allow-exists"]

[[permission]]
identifier = "allow-read-file"
description = "Enables the `read_file` command."
commands.allow = ["read_file"]

[[permission]]
identifier = "allow-exists"
commands.allow = ["exists"]

[[permission]]
identifier = "scope-app"
[[permission.scope.allow]]
path = "$APPDATA/**"

[[permission]]
identifier = "allow-mobile"
commands.allow = ["mobile_only"]
platforms = ["android"]
//- /plugins/dialog/permissions/default.json plugin:dialog
{ "default": { "permissions": ["allow-open", "fs:default"] }, "permission": [{ "identifier": "allow-open", "commands": { "allow": ["open"] } }] }
//- /plugins/tauri/build.rs core
const PLUGINS: &[(&str, &[(&str, bool)])] = &[
  ("core:window", &[("close", false), ("title", true)]),
];
//- /src-tauri/permissions/app.toml
[[set]]
identifier = "tools"
description = "App tools."
permissions = ["allow-greet", "fs:allow-exists"]

[[permission]]
identifier = "allow-greet"
description = "Allows **greet**."
commands.allow = ["greet"]
"#;
