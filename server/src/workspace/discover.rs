//! Finds app roots: directories holding a Tauri config.
//!
//! A root passed by the user may be the app itself, a repository holding one or more
//! apps (searched downwards, skipping dependency and build folders), or a folder or file
//! inside an app (searched upwards). Nothing outside those is read.

use std::path::{Path, PathBuf};

use super::fs::Fs;
use super::watched::DEPENDENCY_DIRS;

/// The names `tauri-build` looks for, in its order of preference.
pub const CONFIG_FILE_NAMES: &[&str] = &["tauri.conf.json", "tauri.conf.json5", "Tauri.toml"];

/// Folders that never hold an app, besides [`DEPENDENCY_DIRS`] and hidden ones.
const NOT_APP_DIRS: &[&str] = &[
    "dist",
    "build",
    "gen",
    "vendor",
    "capabilities",
    "permissions",
];
const MAX_DEPTH: usize = 8;
const MAX_ANCESTORS: usize = 6;

pub fn is_app_root(fs: &dyn Fs, dir: &Path) -> bool {
    CONFIG_FILE_NAMES
        .iter()
        .any(|name| fs.is_file(&dir.join(name)))
}

pub fn find_app_roots(fs: &dyn Fs, root: &Path) -> Vec<PathBuf> {
    let start = if fs.is_dir(root) {
        root.to_path_buf()
    } else {
        match root.parent() {
            Some(parent) => parent.to_path_buf(),
            None => return Vec::new(),
        }
    };
    if is_app_root(fs, &start) {
        return vec![start];
    }
    if fs.is_dir(root) {
        let found = search_below(fs, &start, |dir| is_app_root(fs, dir));
        if !found.is_empty() {
            return found;
        }
    }
    let above = start
        .ancestors()
        .skip(1)
        .take(MAX_ANCESTORS)
        .find(|dir| is_app_root(fs, dir))
        .map(|dir| vec![dir.to_path_buf()]);
    if let Some(above) = above {
        return above;
    }
    // No config anywhere: a folder holding `capabilities/` is still worth checking, as an
    // app whose config is missing (a partial checkout, a copied snippet).
    let inside_capabilities = start
        .ancestors()
        .take(MAX_ANCESTORS)
        .find(|dir| dir.file_name().is_some_and(|name| name == "capabilities"))
        .and_then(Path::parent);
    if let Some(dir) = inside_capabilities {
        return vec![dir.to_path_buf()];
    }
    if fs.is_dir(root) {
        return search_below(fs, &start, |dir| fs.is_dir(&dir.join("capabilities")));
    }
    Vec::new()
}

/// Which of `app_roots` a path names, for commands that answer about one app.
///
/// A path names the app whose folder (the folder above `src-tauri`, or the root itself)
/// is the nearest one at or above it: `my-app` names `my-app/src-tauri` rather than the
/// app in `my-app/examples/demo/src-tauri`. A single app is always the one named. `None`
/// when no app folder is at or above the path and several apps were found (a repository
/// holding apps side by side): only the caller can ask which one was meant.
pub fn app_named_by(path: &Path, app_roots: &[&Path]) -> Option<usize> {
    if app_roots.len() == 1 {
        return Some(0);
    }
    app_roots
        .iter()
        .enumerate()
        .filter_map(|(index, root)| {
            let folder = if root.file_name().is_some_and(|name| name == "src-tauri") {
                root.parent().unwrap_or(root)
            } else {
                root
            };
            // The deepest folder at or above the path; a path inside `src-tauri` is at or
            // below the app's folder as well.
            path.starts_with(folder)
                .then(|| (folder.components().count(), index))
        })
        .max()
        .map(|(_, index)| index)
}

/// Directories at or below `start` for which `is_match` holds, not looking inside them,
/// skipping hidden, dependency and build folders, and not following a link twice.
fn search_below(fs: &dyn Fs, start: &Path, is_match: impl Fn(&Path) -> bool) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut visited = std::collections::HashSet::new();
    let mut stack = vec![(start.to_path_buf(), 0usize)];
    while let Some((dir, depth)) = stack.pop() {
        if let Ok(canonical) = fs.canonicalize(&dir)
            && !visited.insert(canonical)
        {
            continue;
        }
        if is_match(&dir) {
            found.push(dir);
            continue;
        }
        if depth >= MAX_DEPTH {
            continue;
        }
        let mut children: Vec<_> = fs
            .read_dir(&dir)
            .unwrap_or_default()
            .into_iter()
            .filter(|entry| {
                entry.is_dir
                    && !entry.name.starts_with('.')
                    && !DEPENDENCY_DIRS.contains(&entry.name.as_str())
                    && !NOT_APP_DIRS.contains(&entry.name.as_str())
            })
            .collect();
        children.sort_by(|a, b| b.name.cmp(&a.name));
        stack.extend(children.into_iter().map(|entry| (entry.path, depth + 1)));
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::workspace::fs::MemFs;

    #[test]
    fn finds_apps_below_above_and_at_a_root() {
        let mut fs = MemFs::new();
        fs.insert("/repo/apps/one/src-tauri/tauri.conf.json", "{}");
        fs.insert("/repo/apps/one/src-tauri/capabilities/default.json", "{}");
        fs.insert("/repo/apps/two/src-tauri/Tauri.toml", "");
        fs.insert("/repo/node_modules/x/src-tauri/tauri.conf.json", "{}");
        let below = find_app_roots(&fs, Path::new("/repo"));
        assert_eq!(
            below,
            [
                PathBuf::from("/repo/apps/one/src-tauri"),
                PathBuf::from("/repo/apps/two/src-tauri")
            ]
        );
        let above = find_app_roots(
            &fs,
            Path::new("/repo/apps/one/src-tauri/capabilities/default.json"),
        );
        assert_eq!(above, [PathBuf::from("/repo/apps/one/src-tauri")]);
        assert!(find_app_roots(&fs, Path::new("/elsewhere")).is_empty());
        fs.insert("/partial/src-tauri/capabilities/main.json", "{}");
        assert_eq!(
            find_app_roots(&fs, Path::new("/partial")),
            [PathBuf::from("/partial/src-tauri")]
        );
    }

    #[test]
    fn a_path_names_the_nearest_app_at_or_above_it() {
        let roots = [
            Path::new("/repo/app/src-tauri"),
            Path::new("/repo/app/examples/demo/src-tauri"),
            Path::new("/repo/other"),
        ];
        assert_eq!(app_named_by(Path::new("/repo/app"), &roots), Some(0));
        assert_eq!(
            app_named_by(Path::new("/repo/app/src-tauri"), &roots),
            Some(0)
        );
        assert_eq!(
            app_named_by(Path::new("/repo/app/examples"), &roots),
            Some(0)
        );
        assert_eq!(
            app_named_by(Path::new("/repo/app/examples/demo"), &roots),
            Some(1)
        );
        assert_eq!(app_named_by(Path::new("/repo/other/src"), &roots), Some(2));
        // Side by side, nothing above the path: the caller must ask.
        assert_eq!(app_named_by(Path::new("/repo"), &roots), None);
        assert_eq!(app_named_by(Path::new("/elsewhere"), &roots[..1]), Some(0));
    }
}
