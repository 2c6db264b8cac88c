//! Which files of a frontend package are its sources: script and component files,
//! never dependencies, build outputs, hidden folders or what git ignores.

use std::path::{Path, PathBuf};

use ignore::Match;
use ignore::gitignore::{Gitignore, GitignoreBuilder};

use crate::workspace::fs::Fs;

/// The extensions of files with scripts in them.
pub const EXTENSIONS: &[&str] = &[
    "ts", "tsx", "js", "jsx", "mjs", "cjs", "mts", "cts", "vue", "svelte", "astro",
];

/// Folders that hold dependencies, generated code or build outputs, whatever the
/// `.gitignore` says (a fresh clone may have none yet).
const SKIPPED_DIRS: &[&str] = &[
    "node_modules",
    "bower_components",
    "jspm_packages",
    "dist",
    "build",
    "out",
    "target",
    "gen",
    "coverage",
    "vendor",
];

/// At most this many source files are listed, so a huge monorepo costs a bounded walk.
const MAX_FILES: usize = 5000;
/// At most this deep below the package folder.
const MAX_DEPTH: usize = 16;

/// The source files of the package in `package_dir`, in a stable order.
pub fn source_files(fs: &dyn Fs, package_dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    // The `.gitignore`s above the package apply too, up to the repository's root.
    let mut ignores: Vec<Gitignore> = package_dir
        .ancestors()
        .skip(1)
        .take(super::MAX_ANCESTORS + 2)
        .scan(false, |reached_root, dir| {
            if *reached_root {
                return None;
            }
            *reached_root = fs.is_dir(&dir.join(".git"));
            Some(dir)
        })
        .filter_map(|dir| gitignore(fs, dir))
        .collect();
    ignores.reverse();
    walk(fs, package_dir, 0, &mut ignores, &mut files);
    files
}

fn walk(
    fs: &dyn Fs,
    dir: &Path,
    depth: usize,
    ignores: &mut Vec<Gitignore>,
    files: &mut Vec<PathBuf>,
) {
    if depth > MAX_DEPTH || files.len() >= MAX_FILES {
        return;
    }
    let added = gitignore(fs, dir)
        .map(|ignore| ignores.push(ignore))
        .is_some();
    let mut entries = fs.read_dir(dir).unwrap_or_default();
    entries.sort_by(|a, b| a.name.cmp(&b.name));
    for entry in entries {
        if files.len() >= MAX_FILES {
            break;
        }
        if entry.name.starts_with('.') || is_ignored(ignores, &entry.path, entry.is_dir) {
            continue;
        }
        if entry.is_dir {
            if !SKIPPED_DIRS.contains(&entry.name.as_str()) {
                walk(fs, &entry.path, depth + 1, ignores, files);
            }
        } else if is_source(&entry.name) {
            files.push(entry.path);
        }
    }
    if added {
        ignores.pop();
    }
}

fn is_source(name: &str) -> bool {
    let Some((stem, extension)) = name.rsplit_once('.') else {
        return false;
    };
    // Minified bundles and type declarations hold no code of the app's own.
    EXTENSIONS.contains(&extension) && !stem.ends_with(".min") && !stem.ends_with(".d")
}

/// The deepest `.gitignore` that has a say decides, as git does.
fn is_ignored(ignores: &[Gitignore], path: &Path, is_dir: bool) -> bool {
    for ignore in ignores.iter().rev() {
        if !path.starts_with(ignore.path()) {
            continue;
        }
        match ignore.matched(path, is_dir) {
            Match::Ignore(_) => return true,
            Match::Whitelist(_) => return false,
            Match::None => {}
        }
    }
    false
}

fn gitignore(fs: &dyn Fs, dir: &Path) -> Option<Gitignore> {
    let text = fs.read(&dir.join(".gitignore")).ok()?;
    let text = String::from_utf8_lossy(&text);
    let mut builder = GitignoreBuilder::new(dir);
    for line in text.lines() {
        // A line the matcher refuses is skipped, as git skips it.
        let _ = builder.add_line(None, line);
    }
    builder.build().ok().filter(|ignore| !ignore.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::workspace::fs::MemFs;

    #[test]
    fn sources_skip_dependencies_outputs_and_ignored_files() {
        let mut fs = MemFs::new();
        fs.insert("/repo/.git/HEAD", "");
        fs.insert("/repo/.gitignore", "generated/\n*.local.ts\n");
        fs.insert("/repo/app/package.json", "{}");
        fs.insert("/repo/app/.gitignore", "/scratch\n!keep.local.ts\n");
        fs.insert("/repo/app/src/main.ts", "");
        fs.insert("/repo/app/src/App.vue", "");
        fs.insert("/repo/app/src/env.d.ts", "");
        fs.insert("/repo/app/src/vendor.min.js", "");
        fs.insert("/repo/app/src/style.css", "");
        fs.insert("/repo/app/src/secret.local.ts", "");
        fs.insert("/repo/app/src/keep.local.ts", "");
        fs.insert("/repo/app/src/generated/api.ts", "");
        fs.insert("/repo/app/scratch/try.ts", "");
        fs.insert("/repo/app/node_modules/@tauri-apps/api/index.js", "");
        fs.insert("/repo/app/dist/assets/index.js", "");
        fs.insert("/repo/app/.svelte-kit/output.js", "");
        fs.insert("/repo/app/src-tauri/src/inject/event.js", "");
        fs.insert("/repo/app/src-tauri/target/debug/build.js", "");
        let files = source_files(&fs, Path::new("/repo/app"));
        let shown: Vec<_> = files
            .iter()
            .map(|path| path.display().to_string())
            .collect();
        assert_eq!(
            shown,
            [
                "/repo/app/src/App.vue",
                "/repo/app/src/keep.local.ts",
                "/repo/app/src/main.ts",
                "/repo/app/src-tauri/src/inject/event.js",
            ]
        );
        assert_eq!(
            super::super::find_package(&fs, Path::new("/repo/app/src-tauri")),
            Some(PathBuf::from("/repo/app"))
        );
        assert_eq!(
            super::super::find_package(&fs, Path::new("/elsewhere/src-tauri")),
            None
        );
    }
}
