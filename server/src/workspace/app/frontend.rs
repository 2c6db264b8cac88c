//! The app's frontend files: the sources of its package that reach Tauri, directly or
//! through a module of the app that does.

use std::collections::HashSet;

use super::*;
use crate::workspace::SourceFile;
use crate::workspace::frontend::FrontendScan;
use crate::workspace::frontend::app_calls::{normalize_path, resolve_specifier};
use crate::workspace::frontend::ipc::{Arg, Link};
use crate::workspace::frontend::{find_package, import_names, source_files, uses_tauri_api};

/// Sources that do not mention Tauri are held in memory while the first pass runs, up
/// to this many bytes in all; past it they are dropped (and a wrapper module they
/// import is not followed from them).
const MAX_HELD_BYTES: usize = 64 << 20;

impl Loader<'_> {
    /// The frontend package's sources that use Tauri's JavaScript API, then those that
    /// import a module of the app that exports something reaching it (a wrapper),
    /// repeated while new wrappers appear. A file is read once and parsed at most once;
    /// the others are dropped, so a large web app costs little memory here.
    pub(super) fn frontend_sources(&mut self) {
        let Some(package) = find_package(self.fs, &self.app.root) else {
            return;
        };
        // A test app inside a Tauri plugin's repository finds the plugin's own JavaScript
        // package (`@tauri-apps/plugin-updater`) above it: that is no app's frontend.
        if is_tauri_package(self.fs, &package) {
            return;
        }
        self.app.frontend_package = Some(package.clone());
        self.app.frontend_local_packages = local_packages(self.fs, &package);
        self.app.frontend_aliases = path_aliases(self.fs, &package);
        let mut held: Vec<(PathBuf, Vec<u8>)> = Vec::new();
        let mut held_bytes = 0usize;
        for path in source_files(self.fs, &package) {
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
            if !uses_tauri_api(&bytes) {
                if held_bytes + bytes.len() <= MAX_HELD_BYTES {
                    held_bytes += bytes.len();
                    held.push((path, bytes));
                }
                continue;
            }
            self.keep_frontend_file(path, &bytes);
        }
        // Modules that export something: their names as an import would end
        // (`./api`, `../lib/api.js`, `$lib/ipc` for `lib/ipc/index.ts`).
        let mut names: HashSet<String> = HashSet::new();
        let mut fresh: Vec<String> =
            self.wrapper_names(&self.app.frontend_files.clone(), &mut names);
        while !fresh.is_empty() && !held.is_empty() {
            let mut kept = Vec::new();
            let mut rest = Vec::new();
            for (path, bytes) in held {
                // Each held file is checked against the new names only, by a set of
                // its own import names: linear in the sources, whatever the names.
                let imported = import_names(&bytes);
                if fresh.iter().any(|name| imported.contains(name.as_bytes())) {
                    kept.push(self.keep_frontend_file(path, &bytes));
                } else {
                    rest.push((path, bytes));
                }
            }
            held = rest;
            fresh = self.wrapper_names(&kept, &mut names);
        }
        self.constant_modules(held, &package);
    }

    /// Keeps the held modules whose string constants a kept file passes as a command
    /// (`invoke(COMMANDS.GREET)` with `COMMANDS` imported), and the modules those
    /// re-export from, found by resolving the specifiers as the linker does.
    fn constant_modules(&mut self, mut held: Vec<(PathBuf, Vec<u8>)>, package: &Path) {
        let mut pending = self.app.frontend_files.clone();
        let mut first_round = true;
        while !pending.is_empty() && !held.is_empty() {
            let held_paths: HashSet<PathBuf> =
                held.iter().map(|(path, _)| normalize_path(path)).collect();
            let mut wanted = HashSet::new();
            for id in &pending {
                let file = self.workspace.file(*id);
                let FileModel::Frontend(scan) = &file.model else {
                    continue;
                };
                for specifier in constant_specifiers(scan, !first_round) {
                    if let Some(path) = resolve_specifier(
                        &file.path,
                        specifier,
                        Some(package),
                        &self.app.frontend_aliases,
                        |path| held_paths.contains(path),
                    ) {
                        wanted.insert(path);
                    }
                }
            }
            if wanted.is_empty() {
                break;
            }
            let (take, rest): (Vec<_>, Vec<_>) = held
                .into_iter()
                .partition(|(path, _)| wanted.contains(&normalize_path(path)));
            held = rest;
            pending = take
                .into_iter()
                .map(|(path, bytes)| self.keep_frontend_file(path, &bytes))
                .collect();
            first_round = false;
        }
    }

    fn keep_frontend_file(&mut self, path: PathBuf, bytes: &[u8]) -> FileId {
        let id = self
            .workspace
            .insert(SourceFile::new(path, FileKind::Frontend, bytes));
        self.app.files.push(id);
        self.app.frontend_files.push(id);
        id
    }

    /// The import names of those `files` that export something, not yet in `known`.
    fn wrapper_names(&self, files: &[FileId], known: &mut HashSet<String>) -> Vec<String> {
        let mut fresh = Vec::new();
        for id in files {
            let file = self.workspace.file(*id);
            let FileModel::Frontend(scan) = &file.model else {
                continue;
            };
            if !scan.module.has_exports() {
                continue;
            }
            let Some(stem) = file.path.file_stem().and_then(|stem| stem.to_str()) else {
                continue;
            };
            let name = if stem == "index" {
                file.path
                    .parent()
                    .and_then(|parent| parent.file_name())
                    .and_then(|name| name.to_str())
            } else {
                Some(stem)
            };
            if let Some(name) = name
                && known.insert(name.to_owned())
            {
                fresh.push(name.to_owned());
            }
        }
        fresh
    }
}

/// The specifiers a file takes string constants from; with `re_exports`, also those it
/// re-exports from (a constants module's `export * from './commands'`).
fn constant_specifiers(scan: &FrontendScan, re_exports: bool) -> Vec<&str> {
    let mut acc = Vec::new();
    let links = scan
        .calls
        .iter()
        .filter_map(|call| call.command_constant.as_ref())
        .chain(scan.module.calls.iter().flat_map(|call| {
            call.args.iter().filter_map(|arg| match arg {
                Arg::Constant(link) => Some(link),
                _ => None,
            })
        }));
    for link in links {
        if let Link::Import { specifier, .. } = link {
            acc.push(specifier.as_str());
        }
    }
    if re_exports {
        acc.extend(
            scan.module
                .star_exports
                .iter()
                .map(|(specifier, _)| specifier.as_str()),
        );
        for export in &scan.module.exports {
            if let Link::Import { specifier, .. } = &export.link {
                acc.push(specifier.as_str());
            }
        }
    }
    acc
}

/// The configs TypeScript and editors read `paths` from, in the order tried.
const PATH_CONFIGS: &[&str] = &["tsconfig.json", "tsconfig.app.json", "jsconfig.json"];

/// The `compilerOptions.paths` aliases of the package (see [`App::frontend_aliases`]),
/// read as JSON5 (a tsconfig allows comments and trailing commas); `extends` is not
/// followed.
fn path_aliases(fs: &dyn Fs, package: &Path) -> Vec<(String, PathBuf)> {
    let mut aliases = Vec::new();
    for name in PATH_CONFIGS {
        let Ok(bytes) = fs.read(&package.join(name)) else {
            continue;
        };
        let text = String::from_utf8_lossy(&bytes);
        let parse = crate::syntax::parse(&text, crate::syntax::SourceFormat::Json5);
        let Some(root) = parse.tree.root() else {
            continue;
        };
        let config = parse.tree.to_json(root);
        let options = &config["compilerOptions"];
        let base = package.join(options["baseUrl"].as_str().unwrap_or("."));
        let Some(paths) = options["paths"].as_object() else {
            continue;
        };
        for (pattern, targets) in paths {
            if let Some(target) = targets.get(0).and_then(|target| target.as_str()) {
                aliases.push((pattern.clone(), normalize_path(&base.join(target))));
            }
        }
    }
    // The longest matching pattern wins, as in TypeScript.
    aliases.sort_by_key(|(pattern, _)| std::cmp::Reverse(pattern.len()));
    aliases
}
