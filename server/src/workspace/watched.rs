//! Which paths matter to a workspace: what an editor watches for us, which changed paths
//! reload an app, and which folders discovery never enters. Kept in one place so the
//! three cannot drift apart.
//!
//! Frontend scripts matter too (their IPC calls are half of the usage findings), with
//! one difference: most scripts of a web app never mention Tauri, so a script the
//! workspace has not read reloads its app only when its text does
//! ([`frontend_script_matters`]).

use std::path::Path;

use super::frontend::{self, source_files::EXTENSIONS};

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
    // The frontend package and the versions of Tauri's JavaScript packages it pins,
    // which decide what each API call reaches (`js_api`).
    "**/package.json",
    "**/package-lock.json",
    "**/pnpm-lock.yaml",
    "**/yarn.lock",
    "**/bun.lock",
    // Frontend scripts and components (`frontend::source_files::EXTENSIONS`), one glob
    // each: not every client reads `{a,b}` groups.
    "**/*.ts",
    "**/*.tsx",
    "**/*.js",
    "**/*.jsx",
    "**/*.mjs",
    "**/*.cjs",
    "**/*.mts",
    "**/*.cts",
    "**/*.vue",
    "**/*.svelte",
    "**/*.astro",
];

/// The frontend package's manifest and lockfiles.
const FRONTEND_PACKAGE_FILES: &[&str] = &[
    "package.json",
    "package-lock.json",
    "pnpm-lock.yaml",
    "yarn.lock",
    "bun.lock",
];

/// Whether a change to `path` can change what a workspace means: a capability or
/// permission file, a Tauri or cargo config, the settings file, the generated manifests,
/// Rust source, the frontend package's manifest and lockfiles or a frontend script,
/// outside dependency folders.
pub fn matters(path: &Path) -> bool {
    if in_dependency(path) {
        return false;
    }
    if is_frontend_script(path) {
        return true;
    }
    let name = path
        .file_name()
        .and_then(|name| name.to_str())
        .unwrap_or("");
    matches!(
        name,
        "Cargo.toml" | "Cargo.lock" | "tauri-acl.toml" | "acl-manifests.json"
    ) || FRONTEND_PACKAGE_FILES.contains(&name)
        || name.starts_with("tauri.") && (name.ends_with(".json") || name.ends_with(".json5"))
        || name.starts_with("Tauri") && name.ends_with(".toml")
        || path.components().any(|component| {
            matches!(
                component.as_os_str().to_str(),
                Some("capabilities" | "permissions")
            )
        })
        || path.extension().is_some_and(|ext| ext == "rs")
}

/// Whether `path` has the extension of a frontend script or component file (whether
/// it is in an app's frontend package is the loader's business).
pub fn is_frontend_script(path: &Path) -> bool {
    path.extension()
        .and_then(|ext| ext.to_str())
        .is_some_and(|ext| EXTENSIONS.contains(&ext))
}

/// Whether a frontend script the workspace has not read, now holding `text`, can change
/// what a workspace means: only when it mentions Tauri's API (the loader keeps no other
/// script), so typing in the thousands of scripts that never do reloads nothing.
pub fn frontend_script_matters(path: &Path, text: &str) -> bool {
    matters(path) && is_frontend_script(path) && frontend::uses_tauri_api(text.as_bytes())
}

fn in_dependency(path: &Path) -> bool {
    path.components().any(|component| {
        component
            .as_os_str()
            .to_str()
            .is_some_and(|name| DEPENDENCY_DIRS.contains(&name))
    })
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
            "/project/node_modules/@tauri-apps/api/core.js",
            "/project/README.md",
        ] {
            assert!(!matters(Path::new(path)), "{path}");
        }
        for path in [
            "/project/src-tauri/capabilities/main.json",
            "/project/src-tauri/tauri.linux.conf.json",
            "/project/src-tauri/Tauri.toml",
            "/project/src-tauri/build.rs",
            "/project/src/main.ts",
            "/project/src/App.vue",
            "/project/package-lock.json",
        ] {
            assert!(matters(Path::new(path)), "{path}");
        }
    }

    #[test]
    fn a_script_not_yet_read_matters_once_it_mentions_tauri() {
        let main = Path::new("/project/src/main.ts");
        assert!(!frontend_script_matters(main, "export const x = 1;\n"));
        assert!(frontend_script_matters(
            main,
            "import { invoke } from '@tauri-apps/api/core';\n"
        ));
        assert!(!frontend_script_matters(
            Path::new("/project/node_modules/x/index.js"),
            "import { invoke } from '@tauri-apps/api/core';\n"
        ));
        assert!(!frontend_script_matters(
            Path::new("/project/src-tauri/capabilities/default.json"),
            "\"@tauri-apps/api\""
        ));
    }
}
