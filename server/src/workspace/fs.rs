//! Read-only access to files, behind a trait so tests can use an in-memory tree.
//!
//! Nothing here writes, executes or touches the network. [`walk`] lists a directory tree
//! in the order the `glob` crate yields `dir/**/*`, which is the order Tauri loads
//! capability and permission files in, and therefore decides which duplicate wins.

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::io;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DirEntry {
    pub name: String,
    pub path: PathBuf,
    pub is_dir: bool,
}

pub trait Fs: Send + Sync {
    fn read(&self, path: &Path) -> io::Result<Vec<u8>>;
    /// The entries of a directory, following symbolic links to tell directories apart.
    fn read_dir(&self, path: &Path) -> io::Result<Vec<DirEntry>>;
    fn is_file(&self, path: &Path) -> bool;
    fn is_dir(&self, path: &Path) -> bool;
    /// The path with symbolic links resolved, used to break cycles.
    fn canonicalize(&self, path: &Path) -> io::Result<PathBuf>;
    fn modified(&self, path: &Path) -> Option<SystemTime>;
}

/// The largest file [`RealFs`] reads: 64 MiB.
pub const MAX_FILE_SIZE: u64 = 64 << 20;

/// The machine's file system.
#[derive(Debug, Clone, Copy, Default)]
pub struct RealFs;

impl Fs for RealFs {
    fn read(&self, path: &Path) -> io::Result<Vec<u8>> {
        // A FIFO named like a capability would block the read forever, and a device may
        // never end: only regular files are read, and only up to a size no real
        // capability, manifest or config comes near.
        let metadata = std::fs::metadata(path)?;
        if !metadata.is_file() {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                "not a regular file",
            ));
        }
        if metadata.len() > MAX_FILE_SIZE {
            return Err(io::Error::new(
                io::ErrorKind::InvalidData,
                format!(
                    "the file has {} bytes, more than the {MAX_FILE_SIZE} this tool reads",
                    metadata.len()
                ),
            ));
        }
        std::fs::read(path)
    }

    fn read_dir(&self, path: &Path) -> io::Result<Vec<DirEntry>> {
        let mut entries = Vec::new();
        for entry in std::fs::read_dir(path)? {
            let Ok(entry) = entry else { continue };
            let Some(name) = entry.file_name().to_str().map(str::to_owned) else {
                // The glob crate skips names that are not UTF-8 as well.
                continue;
            };
            let path = entry.path();
            let is_dir = match entry.file_type() {
                Ok(kind) if kind.is_symlink() => path.is_dir(),
                Ok(kind) => kind.is_dir(),
                Err(_) => false,
            };
            entries.push(DirEntry { name, path, is_dir });
        }
        Ok(entries)
    }

    fn is_file(&self, path: &Path) -> bool {
        path.is_file()
    }

    fn is_dir(&self, path: &Path) -> bool {
        path.is_dir()
    }

    fn canonicalize(&self, path: &Path) -> io::Result<PathBuf> {
        path.canonicalize()
    }

    fn modified(&self, path: &Path) -> Option<SystemTime> {
        std::fs::metadata(path)
            .and_then(|meta| meta.modified())
            .ok()
    }
}

/// An in-memory file tree for tests: directories exist wherever a file is below them.
#[derive(Debug, Clone, Default)]
pub struct MemFs {
    files: BTreeMap<PathBuf, Vec<u8>>,
    modified: BTreeMap<PathBuf, SystemTime>,
}

impl MemFs {
    pub fn new() -> MemFs {
        MemFs::default()
    }

    pub fn insert(&mut self, path: impl Into<PathBuf>, contents: impl Into<Vec<u8>>) {
        self.files.insert(path.into(), contents.into());
    }

    pub fn set_modified(&mut self, path: impl Into<PathBuf>, time: SystemTime) {
        self.modified.insert(path.into(), time);
    }

    pub fn paths(&self) -> impl Iterator<Item = &Path> {
        self.files.keys().map(PathBuf::as_path)
    }
}

impl Fs for MemFs {
    fn read(&self, path: &Path) -> io::Result<Vec<u8>> {
        self.files
            .get(path)
            .cloned()
            .ok_or_else(|| io::Error::new(io::ErrorKind::NotFound, "no such file"))
    }

    fn read_dir(&self, path: &Path) -> io::Result<Vec<DirEntry>> {
        if !self.is_dir(path) {
            return Err(io::Error::new(io::ErrorKind::NotFound, "no such directory"));
        }
        let mut seen = BTreeSet::new();
        let mut entries = Vec::new();
        for file in self.files.keys() {
            let Ok(rest) = file.strip_prefix(path) else {
                continue;
            };
            let mut components = rest.components();
            let Some(first) = components.next() else {
                continue;
            };
            let name = first.as_os_str().to_string_lossy().into_owned();
            let is_dir = components.next().is_some();
            if seen.insert(name.clone()) {
                entries.push(DirEntry {
                    path: path.join(&name),
                    name,
                    is_dir,
                });
            }
        }
        Ok(entries)
    }

    fn is_file(&self, path: &Path) -> bool {
        self.files.contains_key(path)
    }

    fn is_dir(&self, path: &Path) -> bool {
        self.files
            .keys()
            .any(|file| file != path && file.starts_with(path))
    }

    fn canonicalize(&self, path: &Path) -> io::Result<PathBuf> {
        Ok(path.to_path_buf())
    }

    fn modified(&self, path: &Path) -> Option<SystemTime> {
        self.modified.get(path).copied()
    }
}

/// Every file and directory below `root`, in the order `glob("root/**/*")` yields them:
/// depth first, each directory's entries sorted by name, a directory's contents right
/// after the directory itself.
///
/// Unlike the glob crate, a symbolic link back to a directory already being walked is
/// not followed again, so a link loop cannot hang the walk.
pub fn walk(fs: &dyn Fs, root: &Path) -> Vec<DirEntry> {
    let mut out = Vec::new();
    let mut visited = HashSet::new();
    if let Ok(canonical) = fs.canonicalize(root) {
        visited.insert(canonical);
    }
    let mut stack: Vec<DirEntry> = sorted_children(fs, root);
    while let Some(entry) = stack.pop() {
        if entry.is_dir {
            let fresh = match fs.canonicalize(&entry.path) {
                Ok(canonical) => visited.insert(canonical),
                Err(_) => false,
            };
            if fresh {
                stack.extend(sorted_children(fs, &entry.path));
            }
        }
        out.push(entry);
    }
    out
}

/// A directory's entries sorted by descending name, so popping yields ascending order.
fn sorted_children(fs: &dyn Fs, dir: &Path) -> Vec<DirEntry> {
    let mut children = fs.read_dir(dir).unwrap_or_default();
    children.sort_by(|a, b| b.name.cmp(&a.name));
    children
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn walk_matches_glob_order() {
        let mut fs = MemFs::new();
        for path in [
            "/p/zeta.toml",
            "/p/autogenerated/commands/b.toml",
            "/p/autogenerated/commands/a.toml",
            "/p/autogenerated/reference.md",
            "/p/default.toml",
            "/p/B.toml",
        ] {
            fs.insert(path, "");
        }
        let names: Vec<_> = walk(&fs, Path::new("/p"))
            .into_iter()
            .map(|entry| entry.path.display().to_string())
            .collect();
        assert_eq!(
            names,
            [
                "/p/B.toml",
                "/p/autogenerated",
                "/p/autogenerated/commands",
                "/p/autogenerated/commands/a.toml",
                "/p/autogenerated/commands/b.toml",
                "/p/autogenerated/reference.md",
                "/p/default.toml",
                "/p/zeta.toml",
            ]
        );
    }

    #[cfg(unix)]
    #[test]
    fn walk_survives_a_symlink_loop() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("capabilities");
        std::fs::create_dir_all(root.join("sub")).unwrap();
        std::fs::write(root.join("sub/a.json"), "{}").unwrap();
        std::os::unix::fs::symlink(&root, root.join("sub/loop")).unwrap();
        let entries = walk(&RealFs, &root);
        let files: Vec<_> = entries
            .iter()
            .filter(|entry| !entry.is_dir)
            .map(|entry| entry.name.as_str())
            .collect();
        assert_eq!(files, ["a.json"]);
    }
}
