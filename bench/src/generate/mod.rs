//! A deterministic benchmark workspace: a Tauri app with many plugins and capability
//! files, laid out the way tauri-acl finds an app before any build.
//!
//! The app (`app/src-tauri`) has a `Cargo.toml` and a `Cargo.lock` pinning
//! `tauri-plugin-*` crates whose sources sit in a fake cargo home next to it
//! (`cargo-home/registry/src/index.crates.io-…/<name>-<version>/`, each with `links =
//! "tauri-plugin-<key>"` and `permissions/**/*.toml`), plus `tauri-2.12.5` whose
//! `build.rs` command table gives the core permissions; `tauri-acl.toml` points at the
//! cargo home. `gen/schemas/` holds what `tauri-build` would write after a build, made
//! with tauri-utils itself: `acl-manifests.json`, `capabilities.json` and the capability
//! JSON Schemas editors use through `$schema`. `gen/android` and `gen/apple` exist, so all
//! five platforms are checked.
//!
//! The same seed and size always give the same bytes.

pub mod capability;
pub mod catalogue;

use std::io;
use std::path::{Path, PathBuf};

use fastrand::Rng;

use capability::{Capability, Format};
use catalogue::{Availability, Plugin};

/// How big a workspace to make.
#[derive(Debug, Clone, Copy)]
pub struct Size {
    /// Plugin crates, fs included (at most 42).
    pub plugins: usize,
    pub capabilities: usize,
    pub min_entries: usize,
    pub max_entries: usize,
}

impl Size {
    /// The workspace the targets are about: 40 plugins, 50 capability files.
    pub const FULL: Size = Size {
        plugins: 40,
        capabilities: 50,
        min_entries: 20,
        max_entries: 200,
    };
    /// A small workspace that proves the benchmark runs.
    pub const QUICK: Size = Size {
        plugins: 8,
        capabilities: 8,
        min_entries: 20,
        max_entries: 60,
    };
}

pub const DEFAULT_SEED: u64 = 0x7a75_1ac1;

/// The registry index folder name cargo uses for crates.io.
pub const REGISTRY_INDEX: &str = "index.crates.io-1949cf8c6b5b557f";

/// Written in the output folder, so only a folder made here is ever cleared.
const MARKER: &str = ".tauri-acl-bench";

/// The fixture's `tauri` 2.12.5 build script, for its real core command table.
const TAURI_BUILD_RS: &str = include_str!(
    "../../../fixtures/cargo-home/registry/src/index.crates.io-1949cf8c6b5b557f/tauri-2.12.5/build.rs"
);
const TAURI_CARGO_TOML: &str = include_str!(
    "../../../fixtures/cargo-home/registry/src/index.crates.io-1949cf8c6b5b557f/tauri-2.12.5/Cargo.toml"
);
const TAURI_BUILD_CARGO_TOML: &str = include_str!(
    "../../../fixtures/cargo-home/registry/src/index.crates.io-1949cf8c6b5b557f/tauri-build-2.7.4/Cargo.toml"
);
const TAURI_PLUGIN_CARGO_TOML: &str = include_str!(
    "../../../fixtures/cargo-home/registry/src/index.crates.io-1949cf8c6b5b557f/tauri-plugin-2.7.2/Cargo.toml"
);

/// What was generated, and where.
#[derive(Debug, Clone)]
pub struct Generated {
    pub root: PathBuf,
    /// `app/src-tauri`, the folder with `tauri.conf.json`.
    pub app: PathBuf,
    pub cargo_home: PathBuf,
    /// Every plugin: fs and the invented ones, the core modules, `core`, and the app's.
    pub plugins: Vec<Plugin>,
    pub capabilities: Vec<Capability>,
}

impl Generated {
    pub fn capability_path(&self, capability: &Capability) -> PathBuf {
        self.app.join("capabilities").join(&capability.file_name)
    }

    /// Plugin crates in the cargo home (fs and the invented ones).
    pub fn crates(&self) -> impl Iterator<Item = &Plugin> {
        self.plugins
            .iter()
            .filter(|plugin| !plugin.crate_name.is_empty() && plugin.crate_name != "tauri")
    }

    /// Permissions and sets across the catalogue, core and app included.
    pub fn catalogue_counts(&self) -> (usize, usize) {
        let permissions = self.plugins.iter().map(Plugin::permission_count).sum();
        let sets = self.plugins.iter().map(Plugin::set_count).sum();
        (permissions, sets)
    }

    pub fn entry_count(&self) -> usize {
        self.capabilities
            .iter()
            .map(|capability| capability.entries.len())
            .sum()
    }

    pub fn format_counts(&self) -> (usize, usize, usize) {
        let count = |wanted: &[Format]| {
            self.capabilities
                .iter()
                .filter(|capability| wanted.contains(&capability.format))
                .count()
        };
        (
            count(&[Format::Json]),
            count(&[Format::Json5]),
            count(&[Format::Toml, Format::TomlTables]),
        )
    }
}

/// The core command table of the fixture's `tauri` crate.
pub fn core_table() -> Vec<(String, Vec<(String, bool)>)> {
    let Some(table) = tauri_acl::workspace::core_table::parse_core_table(TAURI_BUILD_RS) else {
        return Vec::new();
    };
    table.plain()
}

/// The catalogue and capabilities for `size` and `seed`, without writing anything.
pub fn plan(size: Size, seed: u64) -> (Vec<Plugin>, Vec<Capability>) {
    let mut rng = Rng::with_seed(seed);
    let mut plugins = vec![catalogue::fs_plugin()];
    for (index, key) in catalogue::plugin_keys(size.plugins.saturating_sub(1))
        .iter()
        .enumerate()
    {
        plugins.push(catalogue::synthetic_plugin(key, index, &mut rng));
    }
    plugins.push(catalogue::app_plugin(&mut rng));
    plugins.extend(catalogue::core_plugins(&core_table()));
    let capabilities = (0..size.capabilities)
        .map(|index| {
            let count = rng.usize(size.min_entries..=size.max_entries);
            capability::capability(index, count, &plugins, &mut rng)
        })
        .collect();
    (plugins, capabilities)
}

/// Writes the workspace into `out` (which must be empty, missing, or made here before),
/// without the `gen/schemas/` files: [`crate::workspace`] adds those.
pub fn generate(out: &Path, size: Size, seed: u64) -> io::Result<Generated> {
    prepare(out)?;
    let out = out.canonicalize()?;
    let (plugins, capabilities) = plan(size, seed);
    let generated = Generated {
        app: out.join("app").join("src-tauri"),
        cargo_home: out.join("cargo-home"),
        root: out,
        plugins,
        capabilities,
    };
    write_cargo_home(&generated)?;
    write_app(&generated)?;
    Ok(generated)
}

fn prepare(out: &Path) -> io::Result<()> {
    if out.exists() {
        let is_empty = std::fs::read_dir(out)?.next().is_none();
        if !is_empty && !out.join(MARKER).exists() {
            return Err(io::Error::other(format!(
                "{} is not empty and was not made by the benchmark generator; choose another folder",
                out.display()
            )));
        }
        std::fs::remove_dir_all(out)?;
    }
    std::fs::create_dir_all(out)?;
    std::fs::write(
        out.join(MARKER),
        "Made by tauri-acl-bench's generator; it deletes and rewrites this folder.\n",
    )
}

fn write(path: &Path, text: &str) -> io::Result<()> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)?;
    }
    std::fs::write(path, text)
}

fn write_cargo_home(generated: &Generated) -> io::Result<()> {
    let registry = generated
        .cargo_home
        .join("registry")
        .join("src")
        .join(REGISTRY_INDEX);
    write(
        &registry.join("tauri-2.12.5").join("Cargo.toml"),
        TAURI_CARGO_TOML,
    )?;
    write(
        &registry.join("tauri-2.12.5").join("build.rs"),
        TAURI_BUILD_RS,
    )?;
    write(
        &registry.join("tauri-build-2.7.4").join("Cargo.toml"),
        TAURI_BUILD_CARGO_TOML,
    )?;
    write(
        &registry.join("tauri-plugin-2.7.2").join("Cargo.toml"),
        TAURI_PLUGIN_CARGO_TOML,
    )?;
    for plugin in generated.crates() {
        let dir = registry.join(format!("{}-{}", plugin.crate_name, plugin.version));
        write(
            &dir.join("Cargo.toml"),
            &format!(
                "# Generated for the tauri-acl benchmark.\n\n[package]\nname = \"{}\"\nversion = \"{}\"\nedition = \"2021\"\nrust-version = \"1.77.2\"\ndescription = \"The {} plugin of the benchmark workspace.\"\nlicense = \"Apache-2.0 OR MIT\"\nlinks = \"tauri-plugin-{}\"\n\n[dependencies]\nserde = {{ version = \"1\", features = [\"derive\"] }}\ntauri = {{ version = \"2.12.5\", default-features = false }}\n\n[build-dependencies]\ntauri-plugin = {{ version = \"2.7.2\", features = [\"build\"] }}\n",
                plugin.crate_name, plugin.version, plugin.key, plugin.key
            ),
        )?;
        let commands: Vec<String> = plugin
            .commands
            .iter()
            .map(|command| format!("    \"{command}\",\n"))
            .collect();
        write(
            &dir.join("build.rs"),
            &format!(
                "const COMMANDS: &[&str] = &[\n{}];\n\nfn main() {{\n    tauri_plugin::Builder::new(COMMANDS).build();\n}}\n",
                commands.concat()
            ),
        )?;
        for (path, text) in &plugin.files {
            write(&dir.join("permissions").join(path), text)?;
        }
    }
    Ok(())
}

/// A made-up but well-formed checksum, stable per crate.
fn checksum(name: &str, version: &str) -> String {
    let mut rng = Rng::with_seed(
        name.bytes()
            .chain(version.bytes())
            .fold(0xcbf2_9ce4_8422_2325_u64, |hash, byte| {
                (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
            }),
    );
    (0..32).map(|_| format!("{:02x}", rng.u8(..))).collect()
}

fn write_app(generated: &Generated) -> io::Result<()> {
    let app = &generated.app;
    let crates: Vec<&Plugin> = generated.crates().collect();

    // Cargo.toml: most plugins everywhere, a few per target, as `tauri add` writes them.
    let mut manifest = String::from(
        "[package]\nname = \"bench-app\"\nversion = \"0.1.0\"\ndescription = \"The tauri-acl benchmark app\"\nedition = \"2021\"\n\n[lib]\nname = \"bench_app_lib\"\ncrate-type = [\"staticlib\", \"cdylib\", \"rlib\"]\n\n[build-dependencies]\ntauri-build = { version = \"2\", features = [\"config-json5\"] }\n\n[dependencies]\ntauri = { version = \"2\", features = [] }\nserde = { version = \"1\", features = [\"derive\"] }\n",
    );
    for plugin in crates
        .iter()
        .filter(|plugin| plugin.availability == Availability::Everywhere)
    {
        manifest.push_str(&format!("{} = \"2\"\n", plugin.crate_name));
    }
    for (availability, cfg) in [
        (
            Availability::Desktop,
            "cfg(not(any(target_os = \"android\", target_os = \"ios\")))",
        ),
        (
            Availability::Mobile,
            "cfg(any(target_os = \"android\", target_os = \"ios\"))",
        ),
    ] {
        let list: Vec<&&Plugin> = crates
            .iter()
            .filter(|plugin| plugin.availability == availability)
            .collect();
        if list.is_empty() {
            continue;
        }
        manifest.push_str(&format!("\n[target.'{cfg}'.dependencies]\n"));
        for plugin in list {
            manifest.push_str(&format!("{} = \"2\"\n", plugin.crate_name));
        }
    }
    write(&app.join("Cargo.toml"), &manifest)?;

    // Cargo.lock, packages sorted by name as cargo writes them.
    let mut packages: Vec<(String, String, Vec<String>)> = vec![
        ("serde".into(), "1.0.228".into(), Vec::new()),
        (
            "tauri".into(),
            "2.12.5".into(),
            vec!["serde".into(), "tauri-build".into()],
        ),
        ("tauri-build".into(), "2.7.4".into(), vec!["serde".into()]),
        ("tauri-plugin".into(), "2.7.2".into(), vec!["serde".into()]),
    ];
    for plugin in &crates {
        packages.push((
            plugin.crate_name.clone(),
            plugin.version.clone(),
            vec!["serde".into(), "tauri".into(), "tauri-plugin".into()],
        ));
    }
    packages.sort();
    let mut app_dependencies: Vec<String> =
        vec!["serde".into(), "tauri".into(), "tauri-build".into()];
    app_dependencies.extend(crates.iter().map(|plugin| plugin.crate_name.clone()));
    app_dependencies.sort();
    let mut lock = String::from(
        "# This file is automatically @generated by Cargo.\n# It is not intended for manual editing.\nversion = 4\n\n[[package]]\nname = \"bench-app\"\nversion = \"0.1.0\"\ndependencies = [\n",
    );
    for dependency in &app_dependencies {
        lock.push_str(&format!(" \"{dependency}\",\n"));
    }
    lock.push_str("]\n");
    for (name, version, dependencies) in &packages {
        lock.push_str(&format!(
            "\n[[package]]\nname = \"{name}\"\nversion = \"{version}\"\nsource = \"registry+https://github.com/rust-lang/crates.io-index\"\nchecksum = \"{}\"\n",
            checksum(name, version)
        ));
        if !dependencies.is_empty() {
            lock.push_str("dependencies = [\n");
            for dependency in dependencies {
                lock.push_str(&format!(" \"{dependency}\",\n"));
            }
            lock.push_str("]\n");
        }
    }
    write(&app.join("Cargo.lock"), &lock)?;

    write(
        &app.join("tauri-acl.toml"),
        "# Read plugin sources from the generated cargo home next to the app.\ncargo-home = \"../../cargo-home\"\n",
    )?;
    let windows: Vec<String> = capability::CONFIG_WINDOWS
        .iter()
        .map(|label| {
            format!(
                "      {{ \"label\": \"{label}\", \"title\": \"Bench {label}\", \"width\": 900, \"height\": 640{} }}",
                if *label == "main" { "" } else { ", \"visible\": false" }
            )
        })
        .collect();
    write(
        &app.join("tauri.conf.json"),
        &format!(
            "{{\n  \"$schema\": \"https://schema.tauri.app/config/2\",\n  \"productName\": \"Bench App\",\n  \"version\": \"0.1.0\",\n  \"identifier\": \"com.example.bench\",\n  \"build\": {{ \"frontendDist\": \"../dist\" }},\n  \"app\": {{\n    \"windows\": [\n{}\n    ],\n    \"security\": {{\n      \"csp\": \"default-src 'self'; img-src 'self' asset: data:; connect-src 'self' ipc: http://ipc.localhost https://api.example.com\"\n    }}\n  }}\n}}\n",
            windows.join(",\n")
        ),
    )?;
    write(
        &app.join("build.rs"),
        "fn main() {\n    tauri_build::build()\n}\n",
    )?;
    write(
        &app.join("src").join("main.rs"),
        "// Prevents an additional console window on Windows in release.\n#![cfg_attr(not(debug_assertions), windows_subsystem = \"windows\")]\n\nfn main() {\n    bench_app_lib::run()\n}\n",
    )?;
    let app_plugin = generated
        .plugins
        .iter()
        .find(|plugin| plugin.key == "__app-acl__");
    let mut lib = String::from("use tauri::{WebviewUrl, WebviewWindowBuilder};\n\n");
    for command in app_plugin
        .map(|plugin| plugin.commands.as_slice())
        .unwrap_or(&[])
    {
        lib.push_str(&format!(
            "#[tauri::command]\nfn {command}() -> Result<(), String> {{\n    Ok(())\n}}\n\n"
        ));
    }
    lib.push_str("#[cfg_attr(mobile, tauri::mobile_entry_point)]\npub fn run() {\n    tauri::Builder::default()\n        .setup(|app| {\n");
    for label in capability::RUST_WINDOWS {
        lib.push_str(&format!(
            "            WebviewWindowBuilder::new(app, \"{label}\", WebviewUrl::App(\"{label}.html\".into())).build()?;\n"
        ));
    }
    lib.push_str("            Ok(())\n        })\n        .run(tauri::generate_context!())\n        .expect(\"error while running the bench app\");\n}\n");
    write(&app.join("src").join("lib.rs"), &lib)?;
    if let Some(plugin) = app_plugin {
        for (path, text) in &plugin.files {
            write(&app.join("permissions").join(path), text)?;
        }
    }
    for capability in &generated.capabilities {
        write(
            &generated.capability_path(capability),
            &capability::render(capability, &generated.plugins),
        )?;
    }
    // Mobile projects exist, so android and iOS are checked too.
    for dir in ["android", "apple"] {
        write(&app.join("gen").join(dir).join(".gitkeep"), "")?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every file under `root`, by relative path, with its bytes.
    fn tree(root: &Path) -> std::collections::BTreeMap<PathBuf, Vec<u8>> {
        let mut files = std::collections::BTreeMap::new();
        let mut pending = vec![root.to_path_buf()];
        while let Some(dir) = pending.pop() {
            for entry in std::fs::read_dir(&dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    pending.push(path);
                } else {
                    let relative = path.strip_prefix(root).unwrap().to_path_buf();
                    files.insert(relative, std::fs::read(&path).unwrap());
                }
            }
        }
        files
    }

    #[test]
    fn the_same_seed_writes_the_same_bytes_and_another_seed_does_not() {
        let first = tempfile::tempdir().unwrap();
        let second = tempfile::tempdir().unwrap();
        let other = tempfile::tempdir().unwrap();
        crate::workspace(first.path(), Size::QUICK, DEFAULT_SEED).unwrap();
        crate::workspace(second.path(), Size::QUICK, DEFAULT_SEED).unwrap();
        crate::workspace(other.path(), Size::QUICK, DEFAULT_SEED + 1).unwrap();
        let (first, second, other) = (tree(first.path()), tree(second.path()), tree(other.path()));
        assert!(first.len() > 100, "{} files", first.len());
        assert!(first == second, "two runs with one seed differ");
        assert_ne!(first, other, "another seed wrote the same workspace");
        // What differs is the random part, not the layout around it.
        assert!(other.contains_key(Path::new("app/src-tauri/tauri.conf.json")));
    }

    #[test]
    fn the_full_size_has_the_shape_the_issue_asks_for() {
        let (plugins, capabilities) = plan(Size::FULL, DEFAULT_SEED);
        let crates: Vec<&Plugin> = plugins
            .iter()
            .filter(|plugin| !plugin.crate_name.is_empty() && plugin.crate_name != "tauri")
            .collect();
        assert_eq!(crates.len(), 40);
        let permissions: Vec<usize> = crates
            .iter()
            .map(|plugin| plugin.permission_count())
            .collect();
        let average = permissions.iter().sum::<usize>() / crates.len();
        assert!((50..=70).contains(&average), "{permissions:?}");
        assert!(crates.iter().any(|plugin| plugin.set_count() > 0));
        assert!(
            crates
                .iter()
                .any(|plugin| plugin.names.iter().any(|name| name.mobile_only))
        );
        assert!(crates.iter().any(|plugin| plugin.scope_schema.is_some()));
        assert_eq!(capabilities.len(), 50);
        for capability in &capabilities {
            assert!(
                (20..=200).contains(&capability.entries.len()),
                "{} has {} entries",
                capability.file_name,
                capability.entries.len()
            );
        }
        for format in [
            Format::Json,
            Format::Json5,
            Format::Toml,
            Format::TomlTables,
        ] {
            assert!(
                capabilities
                    .iter()
                    .any(|capability| capability.format == format)
            );
        }
        let windows: std::collections::BTreeSet<&String> = capabilities
            .iter()
            .flat_map(|capability| &capability.windows)
            .collect();
        assert!(windows.len() >= 4, "{windows:?}");
    }

    /// tauri-acl finds nothing wrong in the generated app, so the benchmark times a clean
    /// workspace; and tauri-utils accepts it (checked inside `crate::workspace`).
    #[test]
    fn the_generated_app_is_clean_for_tauri_acl() {
        let out = tempfile::tempdir().unwrap();
        let generated = crate::workspace(out.path(), Size::QUICK, DEFAULT_SEED).unwrap();
        let world =
            tauri_acl::ide::World::new(crate::measure::index(&generated.app), Default::default());
        assert_eq!(world.workspace.apps.len(), 1);
        let found = tauri_acl::ide::diagnostics::diagnostics(&world);
        let codes: Vec<String> = found
            .iter()
            .map(|diagnostic| format!("{:?}: {}", diagnostic.code, diagnostic.message))
            .collect();
        assert!(codes.is_empty(), "{codes:#?}");
        assert_eq!(
            world.workspace.apps[0].capability_files.len(),
            generated.capabilities.len()
        );
    }
}
