//! The files of one or more Tauri apps, found the way Tauri finds them, before any build.
//!
//! A [`Workspace`] is an immutable value: every file it read ([`SourceFile`], with its
//! parse and model) and, per app ([`App`]), which of those files are capabilities,
//! permission manifests and configs, the plugin [`Catalogue`], the known window labels
//! and the platforms to check. Files are addressed by [`FileId`]; this is the only layer
//! that maps paths to ids.
//!
//! Invariant: discovery reads files through [`fs::Fs`] and never runs a program, a build
//! script or `cargo`, and never uses the network.

pub mod app;
pub mod build_script;
pub mod bundled;
pub mod cargo;
pub mod catalogue;
pub mod cfg;
pub mod core_table;
pub mod crate_source;
pub mod discover;
pub mod frontend;
pub mod fs;
pub mod js_api;
pub mod rust_scan;
pub mod settings;
pub mod watched;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

pub use app::{App, IgnoredFile, LabelSource, WorkspaceIssue};
pub use catalogue::{APP_KEY, Catalogue, InFile, Plugin, PluginSource};

use crate::model::Platform;
use crate::model::capability::{CapabilityFile, lower_capability_file};
use crate::model::manifest::{PermissionFile, lower_permission_file};
use crate::model::tauri_conf::{TauriConfig, lower_tauri_config};
use crate::syntax::{Parse, SourceFormat, parse};
use crate::text::LineIndex;
use core_table::CoreTable;
use rust_scan::RustScan;

/// The index of a file in its [`Workspace`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FileId(pub u32);

/// What a file is to Tauri.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    Capability,
    /// A permission manifest of a plugin or of the app.
    Permission,
    /// A Tauri config; `Some` for a platform overlay such as `tauri.linux.conf.json`.
    TauriConfig {
        overlay: Option<Platform>,
    },
    /// `gen/schemas/acl-manifests.json`.
    AclManifests,
    /// One crate version's manifests from the bundled catalogue, in the shape of
    /// `acl-manifests.json`; a virtual file that exists only in memory.
    Bundled,
    /// The `tauri` crate's `build.rs`, holding the core command table.
    CoreBuildScript,
    /// An app's or a plugin crate's `build.rs`, read for the permissions it declares.
    BuildScript,
    Rust,
    /// A JavaScript or TypeScript source of the app's frontend (or a component file's
    /// script blocks) that uses Tauri's JavaScript API.
    Frontend,
    /// A file Tauri would not load, kept so it can be reported and edited.
    Ignored,
}

/// The model of a file, by kind.
#[derive(Debug, Clone, PartialEq)]
pub enum FileModel {
    None,
    Capability(CapabilityFile),
    Permission(PermissionFile),
    Config(TauriConfig),
    AclManifests(acl_manifests::AclManifests),
    Core(Option<CoreTable>),
    BuildScript(build_script::BuildScript),
    Rust(RustScan),
    Frontend(frontend::FrontendScan),
}

/// One file as read: text, parse and model.
#[derive(Debug, Clone, PartialEq)]
pub struct SourceFile {
    pub path: PathBuf,
    pub kind: FileKind,
    pub format: Option<SourceFormat>,
    pub text: String,
    pub line_index: LineIndex,
    /// `None` for files that are not JSON, JSON5 or TOML.
    pub parse: Option<Parse>,
    pub model: FileModel,
    /// The byte offset of the first invalid UTF-8 sequence, if any.
    pub invalid_utf8: Option<usize>,
}

impl SourceFile {
    pub fn new(path: PathBuf, kind: FileKind, bytes: &[u8]) -> SourceFile {
        let (text, invalid_utf8) = crate::syntax::decode(bytes);
        let format = match kind {
            FileKind::Rust
            | FileKind::CoreBuildScript
            | FileKind::BuildScript
            | FileKind::Frontend => None,
            _ => path
                .extension()
                .and_then(|ext| ext.to_str())
                .and_then(SourceFormat::from_extension),
        };
        // A file that is not text (invalid UTF-8, a NUL byte: a binary saved as `x.json`)
        // fails Tauri's read as a whole, so nothing of it is parsed or modelled; the
        // file check reports it once.
        let is_text = invalid_utf8.is_none() && !text.contains('\0');
        let parse = format
            .filter(|_| is_text)
            .map(|format| parse(&text, format));
        let model = match (&parse, kind) {
            (Some(parse), FileKind::Capability) => {
                FileModel::Capability(lower_capability_file(&parse.tree, &text))
            }
            (Some(parse), FileKind::Permission) => {
                FileModel::Permission(lower_permission_file(&parse.tree, &text))
            }
            (Some(parse), FileKind::TauriConfig { .. }) => {
                FileModel::Config(lower_tauri_config(&parse.tree, &text))
            }
            (Some(parse), FileKind::AclManifests) => {
                FileModel::AclManifests(acl_manifests::lower(&parse.tree, &text))
            }
            // Generated facts without the authors' descriptions, which sets require:
            // nothing in them is the user's to fix.
            (Some(parse), FileKind::Bundled) => {
                let mut manifests = acl_manifests::lower(&parse.tree, &text);
                manifests.problems.clear();
                for (file, _) in manifests.manifests.values_mut() {
                    file.problems.clear();
                }
                FileModel::AclManifests(manifests)
            }
            (_, FileKind::CoreBuildScript) => FileModel::Core(core_table::parse_core_table(&text)),
            (_, FileKind::Rust) => FileModel::Rust(rust_scan::scan(&text)),
            (_, FileKind::BuildScript) => FileModel::BuildScript(build_script::scan(&text)),
            (_, FileKind::Frontend) => FileModel::Frontend(frontend::scan(&path, &text)),
            _ => FileModel::None,
        };
        SourceFile {
            line_index: LineIndex::new(&text),
            path,
            kind,
            format,
            text,
            parse,
            model,
            invalid_utf8,
        }
    }

    pub fn capability_file(&self) -> Option<&CapabilityFile> {
        match &self.model {
            FileModel::Capability(file) => Some(file),
            _ => None,
        }
    }

    pub fn permission_file(&self) -> Option<&PermissionFile> {
        match &self.model {
            FileModel::Permission(file) => Some(file),
            _ => None,
        }
    }

    pub fn config(&self) -> Option<&TauriConfig> {
        match &self.model {
            FileModel::Config(config) => Some(config),
            _ => None,
        }
    }
}

const MAX_IGNORED_FILE_SIZE: usize = 1 << 20;

/// What the loader needs beyond the roots.
#[derive(Debug, Clone, Default)]
pub struct LoadOptions {
    /// Cargo homes to search for crate sources, in order; empty means the app's
    /// `tauri-acl.toml`, else `env_cargo_homes`.
    pub cargo_homes: Vec<PathBuf>,
    /// The environment's cargo homes, resolved by the caller (the CLI, the editor) with
    /// [`crate_source::cargo_homes_from_env`], so that loading never reads the environment.
    pub env_cargo_homes: Vec<PathBuf>,
    /// Platforms to check; `None` means each app's own (see [`App::platforms`]).
    pub platforms: Option<Vec<Platform>>,
    /// Texts that replace what is on disk (open editor documents).
    pub overlays: HashMap<PathBuf, String>,
}

/// Every file read and every app found.
///
/// Cloning is cheap (every part is shared), so an editor can derive a new snapshot per
/// keystroke with [`Workspace::with_text`] while older snapshots stay valid.
#[derive(Debug, Clone, Default)]
pub struct Workspace {
    files: Vec<Arc<SourceFile>>,
    paths: Arc<HashMap<PathBuf, FileId>>,
    pub apps: Vec<Arc<App>>,
}

impl Workspace {
    /// Finds the Tauri apps at or below each root (or above it, when a root is inside an
    /// app) and reads them.
    pub fn load(fs: &dyn fs::Fs, roots: &[PathBuf], options: &LoadOptions) -> Workspace {
        let mut workspace = Workspace::default();
        let mut seen = std::collections::HashSet::new();
        for root in roots {
            for app_root in discover::find_app_roots(fs, root) {
                if seen.insert(app_root.clone()) {
                    let app = app::load_app(fs, &mut workspace, &app_root, options);
                    workspace.apps.push(Arc::new(app));
                }
            }
        }
        workspace
    }

    pub fn file(&self, id: FileId) -> &SourceFile {
        &self.files[id.0 as usize]
    }

    /// The file as shared between snapshots: a new allocation means a new text.
    pub fn shared_file(&self, id: FileId) -> Option<&Arc<SourceFile>> {
        self.files.get(id.0 as usize)
    }

    pub fn files(&self) -> impl Iterator<Item = (FileId, &SourceFile)> {
        self.files
            .iter()
            .enumerate()
            .map(|(index, file)| (FileId(index as u32), file.as_ref()))
    }

    pub fn file_id(&self, path: &Path) -> Option<FileId> {
        self.paths.get(path).copied()
    }

    /// The app a file belongs to, if any.
    pub fn app_of(&self, file: FileId) -> Option<&App> {
        self.apps
            .iter()
            .map(Arc::as_ref)
            .find(|app| app.contains(file))
    }

    /// Whether `next`, made from `self` by [`Workspace::with_text`] on `file`, is
    /// complete without re-reading the file's app: true for a capability file Tauri
    /// loads, which nothing else in the app depends on, and for a frontend file of an
    /// app whose edit changed none of what the app copies out of it or decides by it:
    /// the labels it creates (the app's label list holds them with their ranges),
    /// whether it exports anything (which decides the files kept for importing it) and
    /// whether it mentions Tauri's API (a script that stops is one the loader would not
    /// keep: re-read the app, so the editor agrees with `check`). A frontend file is
    /// thus scanned again alone; its calls are linked on demand
    /// ([`App::frontend_calls`]).
    pub fn is_complete_after_edit(&self, file: FileId, next: &Workspace) -> bool {
        let before = self.file(file);
        match before.kind {
            FileKind::Capability => self
                .apps
                .iter()
                .any(|app| app.capability_files.contains(&file)),
            FileKind::Frontend => {
                let Some(after) = next.files.get(file.0 as usize) else {
                    return false;
                };
                let (FileModel::Frontend(old), FileModel::Frontend(new)) =
                    (&before.model, &after.model)
                else {
                    return false;
                };
                self.apps
                    .iter()
                    .any(|app| app.frontend_files.contains(&file))
                    && old.labels == new.labels
                    && old.module.has_exports() == new.module.has_exports()
                    && frontend::uses_tauri_api(before.text.as_bytes())
                        == frontend::uses_tauri_api(after.text.as_bytes())
            }
            _ => false,
        }
    }

    /// A snapshot where `file` has `text` (read again: parse, model, frontend scan),
    /// everything else shared with `self`. Complete only when
    /// [`Workspace::is_complete_after_edit`] says so; otherwise the app needs a reload.
    pub fn with_text(&self, file: FileId, text: &str) -> Workspace {
        let mut next = self.clone();
        let old = self.file(file);
        next.files[file.0 as usize] =
            Arc::new(SourceFile::new(old.path.clone(), old.kind, text.as_bytes()));
        next
    }

    /// Reads `path` (or its overlay) into the workspace, once; returns its id.
    pub(crate) fn read_file(
        &mut self,
        fs: &dyn fs::Fs,
        path: &Path,
        kind: FileKind,
        options: &LoadOptions,
    ) -> Result<FileId, String> {
        if let Some(id) = self.paths.get(path) {
            return Ok(*id);
        }
        let bytes = match options.overlays.get(path) {
            Some(text) => text.clone().into_bytes(),
            None => fs
                .read(path)
                .map_err(|error| format!("cannot read `{}`: {error}", path.display()))?,
        };
        // An ignored file is only kept to hang a diagnostic on; a large one is not read.
        let bytes = if kind == FileKind::Ignored && bytes.len() > MAX_IGNORED_FILE_SIZE {
            Vec::new()
        } else {
            bytes
        };
        Ok(self.insert(SourceFile::new(path.to_path_buf(), kind, &bytes)))
    }

    pub(crate) fn insert(&mut self, file: SourceFile) -> FileId {
        let id = FileId(self.files.len() as u32);
        Arc::make_mut(&mut self.paths).insert(file.path.clone(), id);
        self.files.push(Arc::new(file));
        id
    }
}

pub mod acl_manifests {
    //! Tauri's generated `gen/schemas/acl-manifests.json`: one manifest per plugin key,
    //! with the plugin's global scope schema when it has one.

    use std::collections::BTreeMap;

    use crate::model::Problem;
    use crate::model::manifest::{PermissionFile, lower_manifest_entry};
    use crate::model::reader::Reader;
    use crate::syntax::Tree;

    #[derive(Debug, Clone, Default, PartialEq)]
    pub struct AclManifests {
        pub manifests: BTreeMap<String, (PermissionFile, Option<serde_json::Value>)>,
        pub problems: Vec<Problem>,
    }

    pub fn lower(tree: &Tree, text: &str) -> AclManifests {
        let mut reader = Reader::new(tree, text);
        let mut manifests = BTreeMap::new();
        if let Some(root) = tree.root()
            && let Some(members) = reader.object(root, "acl-manifests.json")
        {
            for member in members {
                let file = lower_manifest_entry(&mut reader, member.value);
                let schema = tree
                    .get(member.value, "global_scope_schema")
                    .map(|node| tree.to_json(node))
                    .filter(|schema| !schema.is_null());
                manifests.insert(member.key.clone(), (file, schema));
            }
        }
        AclManifests {
            manifests,
            problems: reader.problems,
        }
    }
}
