//! Finds the source directory of a dependency without running cargo.
//!
//! Registry crates are unpacked by cargo under `$CARGO_HOME/registry/src/<index>/<name>-
//! <version>/`; git dependencies are checked out under `$CARGO_HOME/git/checkouts/<repo>-
//! <hash>/<short commit>/`, somewhere inside which the crate's own `Cargo.toml` lives;
//! path dependencies are relative to the manifest that declares them. With a lock file the
//! exact version and commit are known; without one, the highest unpacked version that
//! satisfies the requirement is taken.

use std::ffi::OsString;
use std::path::{Path, PathBuf};

use super::cargo::{CargoManifest, Dependency, LockPackage};
use super::fs::Fs;

/// Where a dependency's sources were found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CrateSource {
    pub dir: PathBuf,
    pub name: String,
    pub version: Option<String>,
    pub origin: CrateOrigin,
    pub manifest: CargoManifest,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CrateOrigin {
    Registry,
    Git { url: String },
    Path,
}

/// Why a dependency's sources could not be found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotFound {
    pub message: String,
}

/// Locates `dependency` (declared in the manifest in `manifest_dir`), using the locked
/// package when there is one.
pub fn locate(
    fs: &dyn Fs,
    cargo_homes: &[PathBuf],
    manifest_dir: &Path,
    dependency: &Dependency,
    locked: Option<&LockPackage>,
) -> Result<CrateSource, NotFound> {
    let name = dependency.package.as_str();
    if let Some(path) = &dependency.path {
        let dir = normalize(&manifest_dir.join(path));
        return read_crate(fs, &dir, name, CrateOrigin::Path).ok_or_else(|| NotFound {
            message: format!(
                "the path dependency `{name}` points at `{}`, which holds no Cargo.toml for it",
                dir.display()
            ),
        });
    }
    let source = locked.and_then(|package| package.source.as_deref());
    if let (Some(package), Some(source)) = (locked, source) {
        if let Some(git) = source.strip_prefix("git+") {
            return locate_git(fs, cargo_homes, name, git);
        }
        for home in cargo_homes {
            for index in list_dirs(fs, &home.join("registry").join("src")) {
                let dir = index.join(format!("{name}-{}", package.version));
                if let Some(found) = read_crate(fs, &dir, name, CrateOrigin::Registry) {
                    return Ok(found);
                }
            }
        }
        return Err(NotFound {
            message: format!(
                "`{name} {}` is locked but its sources are not unpacked in {} (run `cargo fetch` once)",
                package.version,
                describe_homes(cargo_homes)
            ),
        });
    }
    if let Some(url) = &dependency.git {
        return locate_git(fs, cargo_homes, name, url);
    }
    locate_unlocked(fs, cargo_homes, name, dependency.version.as_deref())
}

fn locate_git(
    fs: &dyn Fs,
    cargo_homes: &[PathBuf],
    name: &str,
    source: &str,
) -> Result<CrateSource, NotFound> {
    let (url, commit) = match source.split_once('#') {
        Some((url, commit)) => (url, Some(commit)),
        None => (source, None),
    };
    let url = url.split('?').next().unwrap_or(url).to_owned();
    let repo = url
        .trim_end_matches('/')
        .trim_end_matches(".git")
        .rsplit('/')
        .next()
        .unwrap_or("")
        .to_owned();
    for home in cargo_homes {
        let checkouts = home.join("git").join("checkouts");
        for repo_dir in list_dirs(fs, &checkouts) {
            let dir_name = repo_dir.file_name().and_then(|n| n.to_str()).unwrap_or("");
            if !repo.is_empty() && !dir_name.starts_with(&format!("{repo}-")) {
                continue;
            }
            for revision in list_dirs(fs, &repo_dir) {
                let short = revision.file_name().and_then(|n| n.to_str()).unwrap_or("");
                if let Some(commit) = commit
                    && (short.is_empty() || !commit.starts_with(short))
                {
                    continue;
                }
                if let Some(found) = find_in_tree(fs, &revision, name, 4) {
                    let origin = CrateOrigin::Git { url: url.clone() };
                    return Ok(CrateSource { origin, ..found });
                }
            }
        }
    }
    Err(NotFound {
        message: format!(
            "the git dependency `{name}` ({url}) is not checked out in {} (run `cargo fetch` once)",
            describe_homes(cargo_homes)
        ),
    })
}

fn locate_unlocked(
    fs: &dyn Fs,
    cargo_homes: &[PathBuf],
    name: &str,
    requirement: Option<&str>,
) -> Result<CrateSource, NotFound> {
    let requirement = requirement.and_then(|text| semver::VersionReq::parse(text).ok());
    let prefix = format!("{name}-");
    let mut best: Option<(semver::Version, PathBuf)> = None;
    for home in cargo_homes {
        for index in list_dirs(fs, &home.join("registry").join("src")) {
            for dir in list_dirs(fs, &index) {
                let Some(version) = dir
                    .file_name()
                    .and_then(|n| n.to_str())
                    .and_then(|n| n.strip_prefix(&prefix))
                    .and_then(|v| semver::Version::parse(v).ok())
                else {
                    continue;
                };
                if requirement
                    .as_ref()
                    .is_some_and(|req| !req.matches(&version))
                {
                    continue;
                }
                if best.as_ref().is_none_or(|(current, _)| version > *current) {
                    best = Some((version, dir));
                }
            }
        }
    }
    let (_, dir) = best.ok_or_else(|| NotFound {
        message: format!(
            "no Cargo.lock pins `{name}`, and no unpacked version of it is in {}",
            describe_homes(cargo_homes)
        ),
    })?;
    read_crate(fs, &dir, name, CrateOrigin::Registry).ok_or_else(|| NotFound {
        message: format!("`{}` holds no readable Cargo.toml", dir.display()),
    })
}

/// Finds the crate named `name` at or below `dir`, at most `depth` levels down.
fn find_in_tree(fs: &dyn Fs, dir: &Path, name: &str, depth: usize) -> Option<CrateSource> {
    let mut stack = vec![(dir.to_path_buf(), 0usize)];
    while let Some((current, level)) = stack.pop() {
        if let Some(found) = read_crate(fs, &current, name, CrateOrigin::Path) {
            return Some(found);
        }
        if level >= depth {
            continue;
        }
        for child in list_dirs(fs, &current) {
            let child_name = child.file_name().and_then(|n| n.to_str()).unwrap_or("");
            if matches!(child_name, "target" | "node_modules" | ".git") {
                continue;
            }
            stack.push((child, level + 1));
        }
    }
    None
}

pub(crate) fn read_crate(
    fs: &dyn Fs,
    dir: &Path,
    name: &str,
    origin: CrateOrigin,
) -> Option<CrateSource> {
    let bytes = fs.read(&dir.join("Cargo.toml")).ok()?;
    let manifest = CargoManifest::parse(&String::from_utf8_lossy(&bytes))?;
    if manifest.name.as_deref() != Some(name) {
        return None;
    }
    Some(CrateSource {
        dir: dir.to_path_buf(),
        name: name.to_owned(),
        version: manifest.version.clone(),
        origin,
        manifest,
    })
}

fn list_dirs(fs: &dyn Fs, dir: &Path) -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = fs
        .read_dir(dir)
        .unwrap_or_default()
        .into_iter()
        .filter(|entry| entry.is_dir)
        .map(|entry| entry.path)
        .collect();
    dirs.sort();
    dirs
}

fn describe_homes(cargo_homes: &[PathBuf]) -> String {
    match cargo_homes {
        [] => "any cargo home (none was found)".to_owned(),
        [home] => format!("the cargo home `{}`", home.display()),
        homes => format!(
            "the cargo homes {}",
            homes
                .iter()
                .map(|home| format!("`{}`", home.display()))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

/// Removes `.` and `..` components without touching the file system.
pub fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            std::path::Component::CurDir => {}
            std::path::Component::ParentDir => {
                if !out.pop() {
                    out.push("..");
                }
            }
            other => out.push(other.as_os_str()),
        }
    }
    out
}

/// The cargo homes an environment names: `$TAURI_ACL_CARGO_HOME`, else `$CARGO_HOME`,
/// else `~/.cargo`. `var` reads a variable; the CLI and the editor pass
/// `std::env::var_os`, tests pass what they need.
pub fn cargo_homes_from_env(var: impl Fn(&str) -> Option<OsString>) -> Vec<PathBuf> {
    if let Some(home) = var("TAURI_ACL_CARGO_HOME") {
        return vec![PathBuf::from(home)];
    }
    if let Some(home) = var("CARGO_HOME") {
        return vec![PathBuf::from(home)];
    }
    var("HOME")
        .or_else(|| var("USERPROFILE"))
        .map(|home| vec![PathBuf::from(home).join(".cargo")])
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::workspace::cargo::DependencyKind;
    use crate::workspace::fs::MemFs;

    #[test]
    fn cargo_homes_come_from_the_variables_in_order() {
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |name: &str| {
                pairs
                    .iter()
                    .find(|(key, _)| *key == name)
                    .map(|(_, value)| OsString::from(value))
            }
        };
        const BOTH: &[(&str, &str)] =
            &[("TAURI_ACL_CARGO_HOME", "/ours"), ("CARGO_HOME", "/cargo")];
        assert_eq!(cargo_homes_from_env(env(BOTH)), [PathBuf::from("/ours")]);
        const CARGO: &[(&str, &str)] = &[("CARGO_HOME", "/cargo"), ("HOME", "/home/me")];
        assert_eq!(cargo_homes_from_env(env(CARGO)), [PathBuf::from("/cargo")]);
        const HOME: &[(&str, &str)] = &[("HOME", "/home/me")];
        assert_eq!(
            cargo_homes_from_env(env(HOME)),
            [PathBuf::from("/home/me/.cargo")]
        );
        const WINDOWS: &[(&str, &str)] = &[("USERPROFILE", "C:/Users/me")];
        assert_eq!(
            cargo_homes_from_env(env(WINDOWS)),
            [PathBuf::from("C:/Users/me").join(".cargo")]
        );
        assert!(cargo_homes_from_env(env(&[])).is_empty());
    }

    fn dependency(name: &str, version: Option<&str>) -> Dependency {
        Dependency {
            key: name.to_owned(),
            package: name.to_owned(),
            kind: DependencyKind::Normal,
            target: None,
            version: version.map(str::to_owned),
            path: None,
            git: None,
            features: Vec::new(),
            inherited: false,
        }
    }

    fn registry() -> MemFs {
        let mut fs = MemFs::new();
        for version in ["2.0.1", "2.3.0", "3.0.0"] {
            fs.insert(
                format!("/home/registry/src/index.crates.io-x/tauri-plugin-fs-{version}/Cargo.toml"),
                format!("[package]\nname = \"tauri-plugin-fs\"\nversion = \"{version}\"\nlinks = \"tauri-plugin-fs\"\n"),
            );
        }
        fs.insert(
            "/home/git/checkouts/plugins-workspace-abc/1234567/plugins/store/Cargo.toml",
            "[package]\nname = \"tauri-plugin-store\"\nversion = \"2.1.0\"\n",
        );
        fs
    }

    #[test]
    fn locked_unlocked_git_and_missing() {
        let fs = registry();
        let homes = [PathBuf::from("/home")];
        let locked = LockPackage {
            name: "tauri-plugin-fs".to_owned(),
            version: "2.0.1".to_owned(),
            source: Some("registry+https://github.com/rust-lang/crates.io-index".to_owned()),
            dependencies: Vec::new(),
        };
        let found = locate(
            &fs,
            &homes,
            Path::new("/app"),
            &dependency("tauri-plugin-fs", Some("2")),
            Some(&locked),
        )
        .unwrap();
        assert_eq!(found.version.as_deref(), Some("2.0.1"));
        // Without a lock file, the highest unpacked version matching the requirement.
        let found = locate(
            &fs,
            &homes,
            Path::new("/app"),
            &dependency("tauri-plugin-fs", Some("2")),
            None,
        )
        .unwrap();
        assert_eq!(found.version.as_deref(), Some("2.3.0"));
        let git = LockPackage {
            name: "tauri-plugin-store".to_owned(),
            version: "2.1.0".to_owned(),
            source: Some(
                "git+https://github.com/tauri-apps/plugins-workspace?branch=v2#1234567abcdef"
                    .to_owned(),
            ),
            dependencies: Vec::new(),
        };
        let found = locate(
            &fs,
            &homes,
            Path::new("/app"),
            &dependency("tauri-plugin-store", None),
            Some(&git),
        )
        .unwrap();
        assert_eq!(
            found.origin,
            CrateOrigin::Git {
                url: "https://github.com/tauri-apps/plugins-workspace".to_owned()
            }
        );
        let missing = LockPackage {
            version: "9.9.9".to_owned(),
            ..locked
        };
        let error = locate(
            &fs,
            &homes,
            Path::new("/app"),
            &dependency("tauri-plugin-fs", None),
            Some(&missing),
        )
        .unwrap_err();
        assert!(
            error
                .message
                .contains("`tauri-plugin-fs 9.9.9` is locked but its sources are not unpacked"),
            "{}",
            error.message
        );
    }
}
