//! Which paths matter to a workspace: what an editor watches for us, which changed paths
//! reload an app, and which folders discovery never enters. Kept in one place so the
//! three cannot drift apart.

use std::path::Path;

/// Folders of dependencies, build output and version control: nothing in them is the
/// app's own, so changes there never reload and discovery never looks inside.
pub const DEPENDENCY_DIRS: &[&str] = &["target", "node_modules", ".git"];

/// The globs the editor watches for us; every path they match is [`matters`].
pub const WATCHED_GLOBS: &[&str] = &[
    "**/capabilities/**",
    "**/permissions/**",
    "**/Cargo.toml",
    "**/Cargo.lock",
    "**/tauri.conf.json",
    "**/tauri.conf.json5",
    "**/tauri.*.conf.json",
    "**/tauri.*.conf.json5",
    "**/Tauri.toml",
    "**/Tauri.*.toml",
    "**/tauri-acl.toml",
    "**/gen/schemas/acl-manifests.json",
    "**/src/**/*.rs",
    // Build scripts declare permissions (`AppManifest`, `InlinedPlugin`, plugin `COMMANDS`).
    "**/build.rs",
];

/// Whether a change to `path` can change what a workspace means: a capability or
/// permission file, a Tauri or cargo config, the settings file, the generated manifests,
/// or Rust source, outside dependency folders.
pub fn matters(path: &Path) -> bool {
    let in_dependency = path.components().any(|component| {
        component
            .as_os_str()
            .to_str()
            .is_some_and(|name| DEPENDENCY_DIRS.contains(&name))
    });
    if in_dependency {
        return false;
    }
    let name = path
        .file_name()
        .and_then(|name| name.to_str())
        .unwrap_or("");
    matches!(
        name,
        "Cargo.toml" | "Cargo.lock" | "tauri-acl.toml" | "acl-manifests.json"
    ) || name.starts_with("tauri.") && (name.ends_with(".json") || name.ends_with(".json5"))
        || name.starts_with("Tauri") && name.ends_with(".toml")
        || path.components().any(|component| {
            matches!(
                component.as_os_str().to_str(),
                Some("capabilities" | "permissions")
            )
        })
        || path.extension().is_some_and(|ext| ext == "rs")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A path each glob matches, built by filling its wildcards.
    fn example_of(glob: &str) -> String {
        format!("/project/{}", glob.replace("**", "a").replace('*', "x"))
    }

    #[test]
    fn every_watched_glob_matches_a_path_that_matters() {
        for glob in WATCHED_GLOBS {
            let example = example_of(glob);
            assert!(
                matters(Path::new(&example)),
                "{glob} is watched but {example} does not matter"
            );
        }
    }

    #[test]
    fn dependency_folders_and_other_files_do_not_matter() {
        for path in [
            "/project/node_modules/x/capabilities/a.json",
            "/project/src-tauri/target/debug/build/x/out/permissions/a.toml",
            "/project/.git/capabilities/a.json",
            "/project/src/main.ts",
            "/project/README.md",
        ] {
            assert!(!matters(Path::new(path)), "{path}");
        }
        for path in [
            "/project/src-tauri/capabilities/main.json",
            "/project/src-tauri/tauri.linux.conf.json",
            "/project/src-tauri/Tauri.toml",
            "/project/src-tauri/build.rs",
        ] {
            assert!(matters(Path::new(path)), "{path}");
        }
    }
}
