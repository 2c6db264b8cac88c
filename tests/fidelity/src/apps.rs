//! The apps under test.
//!
//! - The project's fixtures (`fixtures/*-app`), read in place with the fixture cargo
//!   home their `tauri-acl.toml` names: they exist on every clone.
//! - The shared corpus (`../shared/corpus`), when present. Each app root (a folder
//!   holding `capabilities/`) is copied with its `capabilities/`, `permissions/` and
//!   committed `gen/schemas/acl-manifests.json` into a scratch folder. An app with its
//!   own `acl-manifests.json` is tested against it. An app without one is tested twice:
//!   against the official plugin manifests of `corpus/plugins` plus the core command
//!   tables of `corpus/core` (as path-dependency plugin crates and a `tauri` crate whose
//!   `build.rs` holds that table, with `config-json5` on so `.json5` files load), and
//!   against the Tauri 2.12.5 catalogue of `corpus/generated`.
//! - Tauri's own ACL test fixtures (`crates/tests/acl/fixtures` in the corpus), one app
//!   per capability folder with the plugins its `required-plugins.json` names.

use std::path::{Path, PathBuf};

use crate::tauri_side::CoreCommands;

pub struct AppUnderTest {
    /// A stable name for reports and the allow-list.
    pub label: String,
    /// Where `tauri-acl` is pointed.
    pub root: PathBuf,
    /// Cargo homes for `tauri-acl`; empty means the app's `tauri-acl.toml` decides.
    pub cargo_homes: Vec<PathBuf>,
    /// The core command table Tauri's side uses instead of the one `tauri-acl` reads.
    pub core: Option<CoreCommands>,
    /// Cargo homes holding the real sources of the crates `tauri-acl` reads from its
    /// bundled catalogue, for Tauri's side; where they are missing, Tauri's side reads
    /// the bundled data itself (which then only checks how the data is read).
    pub real_sources: Vec<PathBuf>,
}

/// The project's sample apps.
pub fn fixture_apps(repo_root: &Path) -> Vec<AppUnderTest> {
    apps_in(&repo_root.join("fixtures"), "fixtures", |name| {
        name.ends_with("-app")
    })
}

/// This crate's own edge-case apps (`tests/fidelity/apps/*`), read in place.
pub fn own_apps(crate_dir: &Path) -> Vec<AppUnderTest> {
    apps_in(&crate_dir.join("apps"), "tests/fidelity/apps", |_| true)
}

/// The folders of `dir` whose name `keep` accepts, each an app labelled
/// `{label_prefix}/{name}`, sorted by label.
fn apps_in(dir: &Path, label_prefix: &str, keep: fn(&str) -> bool) -> Vec<AppUnderTest> {
    let mut apps: Vec<AppUnderTest> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|entry| entry.path())
        .filter(|path| {
            path.is_dir()
                && path
                    .file_name()
                    .is_some_and(|name| keep(&name.to_string_lossy()))
        })
        .map(|path| AppUnderTest {
            label: format!(
                "{label_prefix}/{}",
                path.file_name().unwrap_or_default().to_string_lossy()
            ),
            root: path,
            cargo_homes: Vec::new(),
            core: None,
            real_sources: Vec::new(),
        })
        .collect();
    apps.sort_by(|a, b| a.label.cmp(&b.label));
    apps
}

/// Where the shared corpus is, if it is there: `$TAURI_ACL_CORPUS`, else
/// `../shared/corpus` next to the repository.
pub fn corpus_dir(repo_root: &Path) -> Option<PathBuf> {
    let path = std::env::var_os("TAURI_ACL_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| repo_root.join("../shared/corpus"));
    path.join("apps").is_dir().then_some(path)
}

const TAURI_ACL_FIXTURES: &str = "tauri-apps__tauri/crates/tests/acl/fixtures";

/// The corpus apps, materialized under `scratch`.
pub fn corpus_apps(corpus: &Path, scratch: &Path) -> std::io::Result<Vec<AppUnderTest>> {
    let official = official_plugins(corpus, &scratch.join("official"))?;
    let generated = corpus.join("generated/tauri-2.12.5-linux/acl-manifests.json");
    let no_cargo_home = scratch.join("no-cargo-home");
    let apps_dir = corpus.join("apps");
    let mut roots = Vec::new();
    find_capability_parents(&apps_dir, 0, &mut roots);
    roots.sort();
    let mut apps = Vec::new();
    for (index, root) in roots.iter().enumerate() {
        let relative = root
            .strip_prefix(&apps_dir)
            .unwrap_or(root)
            .to_string_lossy()
            .into_owned();
        if relative == TAURI_ACL_FIXTURES {
            apps.extend(tauri_acl_fixtures(
                root,
                &scratch.join("tauri-acl-fixtures"),
            )?);
            continue;
        }
        let own_manifests = root.join("gen/schemas/acl-manifests.json");
        let variants: Vec<&str> = if own_manifests.is_file() {
            vec!["own acl-manifests.json"]
        } else {
            vec!["official plugins", "tauri 2.12.5 catalogue"]
        };
        for (variant_index, variant) in variants.into_iter().enumerate() {
            let target = scratch
                .join("apps")
                .join(format!("{index}-{variant_index}"))
                .join("src-tauri");
            for dir in ["capabilities", "permissions"] {
                copy_tree(&root.join(dir), &target.join(dir))?;
            }
            let schemas = target.join("gen/schemas");
            match variant {
                "own acl-manifests.json" => {
                    std::fs::create_dir_all(&schemas)?;
                    std::fs::copy(&own_manifests, schemas.join("acl-manifests.json"))?;
                }
                "tauri 2.12.5 catalogue" => {
                    if !generated.is_file() {
                        continue;
                    }
                    std::fs::create_dir_all(&schemas)?;
                    std::fs::copy(&generated, schemas.join("acl-manifests.json"))?;
                }
                _ => std::fs::write(target.join("Cargo.toml"), &official.app_manifest)?,
            }
            apps.push(AppUnderTest {
                label: format!("corpus/{relative} [{variant}]"),
                root: target,
                cargo_homes: vec![no_cargo_home.clone()],
                core: (variant == "official plugins").then(|| official.core.clone()),
                real_sources: Vec::new(),
            });
        }
    }
    Ok(apps)
}

/// Folders holding a `capabilities/` folder, below `dir`.
fn find_capability_parents(dir: &Path, depth: usize, found: &mut Vec<PathBuf>) {
    if depth > 10 {
        return;
    }
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<PathBuf> = entries.flatten().map(|entry| entry.path()).collect();
    entries.sort();
    for path in entries {
        if !path.is_dir() || path.is_symlink() {
            continue;
        }
        if path.file_name().is_some_and(|name| name == "capabilities") {
            found.push(dir.to_path_buf());
        } else {
            find_capability_parents(&path, depth + 1, found);
        }
    }
}

fn copy_tree(from: &Path, to: &Path) -> std::io::Result<()> {
    if !from.is_dir() {
        return Ok(());
    }
    std::fs::create_dir_all(to)?;
    for entry in std::fs::read_dir(from)? {
        let entry = entry?;
        let path = entry.path();
        let destination = to.join(entry.file_name());
        if path.is_dir() {
            copy_tree(&path, &destination)?;
        } else {
            std::fs::copy(&path, &destination)?;
            // The corpus is read-only; the copies need not be.
            let mut permissions = std::fs::metadata(&destination)?.permissions();
            #[allow(clippy::permissions_set_readonly_false)]
            permissions.set_readonly(false);
            std::fs::set_permissions(&destination, permissions)?;
        }
    }
    Ok(())
}

struct Official {
    /// The app `Cargo.toml` depending on every official plugin and on `tauri`.
    app_manifest: String,
    core: CoreCommands,
}

/// Writes the official plugins as path-dependency crates and a `tauri` crate whose
/// `build.rs` holds the corpus's core command table.
fn official_plugins(corpus: &Path, scratch: &Path) -> std::io::Result<Official> {
    let mut dependencies = String::new();
    let plugins_dir = corpus.join("plugins");
    let mut names: Vec<String> = std::fs::read_dir(&plugins_dir)
        .into_iter()
        .flatten()
        .flatten()
        .filter(|entry| entry.path().join("permissions").is_dir())
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    for name in &names {
        let crate_dir = scratch.join("plugins").join(name);
        copy_tree(
            &plugins_dir.join(name).join("permissions"),
            &crate_dir.join("permissions"),
        )?;
        std::fs::write(
            crate_dir.join("Cargo.toml"),
            format!(
                "[package]\nname = \"tauri-plugin-{name}\"\nversion = \"2.0.0\"\nlinks = \"tauri-plugin-{name}\"\n"
            ),
        )?;
        dependencies.push_str(&format!(
            "tauri-plugin-{name} = {{ path = {:?} }}\n",
            crate_dir.display().to_string()
        ));
    }
    let core = core_commands(&corpus.join("core/permissions"))?;
    let tauri_dir = scratch.join("tauri");
    std::fs::create_dir_all(&tauri_dir)?;
    std::fs::write(
        tauri_dir.join("Cargo.toml"),
        "[package]\nname = \"tauri\"\nversion = \"2.0.6\"\nlinks = \"Tauri\"\n\n[features]\nconfig-json5 = []\n",
    )?;
    std::fs::write(tauri_dir.join("build.rs"), core_build_script(&core))?;
    dependencies.push_str(&format!(
        "tauri = {{ path = {:?}, features = [\"config-json5\"] }}\n",
        tauri_dir.display().to_string()
    ));
    Ok(Official {
        app_manifest: format!(
            "[package]\nname = \"corpus-app\"\nversion = \"0.1.0\"\n\n[dependencies]\n{dependencies}"
        ),
        core,
    })
}

/// `core/permissions/<module>/commands.txt` and `default-commands.txt` as a table.
fn core_commands(dir: &Path) -> std::io::Result<CoreCommands> {
    let mut modules: Vec<String> = std::fs::read_dir(dir)?
        .flatten()
        .filter(|entry| entry.path().join("commands.txt").is_file())
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .collect();
    modules.sort();
    let lines = |path: PathBuf| -> Vec<String> {
        std::fs::read_to_string(path)
            .unwrap_or_default()
            .lines()
            .map(str::trim)
            .filter(|line| !line.is_empty())
            .map(str::to_owned)
            .collect()
    };
    Ok(modules
        .into_iter()
        .map(|module| {
            let defaults = lines(dir.join(&module).join("default-commands.txt"));
            let commands = lines(dir.join(&module).join("commands.txt"))
                .into_iter()
                .map(|command| {
                    let enabled = defaults.contains(&command);
                    (command, enabled)
                })
                .collect();
            (format!("core:{module}"), commands)
        })
        .collect())
}

/// A `build.rs` with the `PLUGINS` table in the form the `tauri` crate writes it.
fn core_build_script(table: &CoreCommands) -> String {
    let mut text = String::from("const PLUGINS: &[(&str, &[(&str, bool)])] = &[\n");
    for (module, commands) in table {
        text.push_str(&format!("  (\n    \"{module}\",\n    &[\n"));
        for (command, enabled) in commands {
            text.push_str(&format!("      (\"{command}\", {enabled}),\n"));
        }
        text.push_str("    ],\n  ),\n");
    }
    text.push_str("];\n\nfn main() {}\n");
    text
}

/// Tauri's ACL test fixtures: each `capabilities/<name>/` is an app whose plugins are
/// the `plugins/<plugin>/*.toml` files its `required-plugins.json` lists.
fn tauri_acl_fixtures(root: &Path, scratch: &Path) -> std::io::Result<Vec<AppUnderTest>> {
    let mut apps = Vec::new();
    let mut cases: Vec<PathBuf> = std::fs::read_dir(root.join("capabilities"))?
        .flatten()
        .map(|entry| entry.path())
        .filter(|path| path.is_dir())
        .collect();
    cases.sort();
    for case in cases {
        let name = case
            .file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .into_owned();
        let app = scratch.join(&name).join("src-tauri");
        let required: Vec<String> = serde_json::from_str(&std::fs::read_to_string(
            case.join("required-plugins.json"),
        )?)
        .unwrap_or_default();
        let mut dependencies = String::new();
        for plugin in &required {
            let crate_dir = scratch.join(&name).join("plugins").join(plugin);
            copy_tree(
                &root.join("plugins").join(plugin),
                &crate_dir.join("permissions"),
            )?;
            std::fs::write(
                crate_dir.join("Cargo.toml"),
                format!(
                    "[package]\nname = \"tauri-plugin-{plugin}\"\nversion = \"2.0.0\"\nlinks = \"tauri-plugin-{plugin}\"\n"
                ),
            )?;
            dependencies.push_str(&format!(
                "tauri-plugin-{plugin} = {{ path = {:?} }}\n",
                crate_dir.display().to_string()
            ));
        }
        std::fs::create_dir_all(app.join("capabilities"))?;
        for entry in std::fs::read_dir(&case)?.flatten() {
            let path = entry.path();
            if path
                .file_name()
                .is_some_and(|file| file != "required-plugins.json")
            {
                std::fs::copy(&path, app.join("capabilities").join(entry.file_name()))?;
            }
        }
        std::fs::write(
            app.join("Cargo.toml"),
            format!(
                "[package]\nname = \"{name}\"\nversion = \"0.1.0\"\n\n[dependencies]\n{dependencies}"
            ),
        )?;
        apps.push(AppUnderTest {
            label: format!("corpus/{TAURI_ACL_FIXTURES}/capabilities/{name}"),
            root: app,
            cargo_homes: vec![scratch.join("no-cargo-home")],
            core: None,
            real_sources: Vec::new(),
        });
    }
    Ok(apps)
}

/// Where the real sources of the bundled crate versions are unpacked, if anywhere:
/// `$TAURI_ACL_CATALOGUE_HOME`, else the scratch cargo home
/// `scripts/catalogue/generate.sh` leaves in the temporary folder.
pub fn catalogue_home() -> Option<PathBuf> {
    let home = std::env::var_os("TAURI_ACL_CATALOGUE_HOME")
        .map(PathBuf::from)
        .unwrap_or_else(|| std::env::temp_dir().join("tauri-acl-catalogue"));
    home.join("registry/src").is_dir().then_some(home)
}

/// One app per bundled crate version whose real sources `real_home` holds: it locks
/// that version, has no cargo home (so `tauri-acl` reads the bundled catalogue) and one
/// capability granting every identifier the version defines, checked on all five
/// platforms; Tauri's side reads the real sources. Also returns how many bundled
/// versions had no sources there.
pub fn bundled_apps(
    real_home: &Path,
    scratch: &Path,
) -> std::io::Result<(Vec<AppUnderTest>, usize)> {
    use tauri_acl::workspace::bundled::bundled;

    let data = bundled();
    let mut apps = Vec::new();
    let mut without_sources = 0;
    for (name, crate_) in &data.crates {
        for (version, entry) in &crate_.versions {
            let version = version.to_string();
            if crate::tauri_side::real_crate_dir(&[real_home.to_path_buf()], name, &version)
                .is_none()
            {
                without_sources += 1;
                continue;
            }
            let manifests: serde_json::Value =
                serde_json::from_str(data.manifests_text(entry).expect("a bundled entry"))
                    .expect("bundled JSON");
            let mut identifiers = Vec::new();
            for (key, manifest) in manifests.as_object().into_iter().flatten() {
                if manifest["default_permission"].is_object() {
                    identifiers.push(format!("{key}:default"));
                }
                for table in ["permission_sets", "permissions"] {
                    for id in manifest[table]
                        .as_object()
                        .into_iter()
                        .flatten()
                        .map(|(id, _)| id)
                    {
                        identifiers.push(format!("{key}:{id}"));
                    }
                }
            }
            if identifiers.is_empty() {
                continue;
            }
            let root = scratch.join(format!("{name}-{version}")).join("src-tauri");
            std::fs::create_dir_all(root.join("capabilities"))?;
            std::fs::create_dir_all(root.join("gen/android"))?;
            std::fs::create_dir_all(root.join("gen/apple"))?;
            std::fs::write(
                root.join("tauri.conf.json"),
                r#"{ "identifier": "com.example.probe", "app": { "windows": [{ "label": "main" }] } }"#,
            )?;
            std::fs::write(
                root.join("Cargo.toml"),
                format!(
                    "[package]\nname = \"probe\"\nversion = \"0.1.0\"\n\n[dependencies]\n{name} = \"2\"\n"
                ),
            )?;
            std::fs::write(
                root.join("Cargo.lock"),
                format!(
                    "version = 4\n\n[[package]]\nname = \"probe\"\nversion = \"0.1.0\"\ndependencies = [\"{name}\"]\n\n[[package]]\nname = \"{name}\"\nversion = \"{version}\"\nsource = \"registry+https://github.com/rust-lang/crates.io-index\"\n"
                ),
            )?;
            let capability = serde_json::json!({
                "identifier": "all",
                "windows": ["main"],
                "permissions": identifiers,
            });
            std::fs::write(
                root.join("capabilities/all.json"),
                serde_json::to_string_pretty(&capability).expect("JSON"),
            )?;
            apps.push(AppUnderTest {
                label: format!("bundled/{name}-{version}"),
                root,
                cargo_homes: vec![scratch.join("no-cargo-home")],
                core: None,
                real_sources: vec![real_home.to_path_buf()],
            });
        }
    }
    Ok((apps, without_sources))
}
