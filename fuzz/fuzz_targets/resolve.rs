//! The resolver and every check on a fuzzed app: a plugin's permission file, a second
//! plugin's, the app's own permissions and a capability, separated by `----` lines. The
//! app is loaded through the real discovery code on an in-memory file system; then
//! every diagnostic and the `explain` report are computed on every platform.
#![no_main]

mod support;

use std::path::PathBuf;

use libfuzzer_sys::fuzz_target;
use tauri_acl::ide::explain::{ExplainOptions, explain};
use tauri_acl::ide::{IdeConfig, World};
use tauri_acl::model::Platform;
use tauri_acl::workspace::fs::MemFs;
use tauri_acl::workspace::{LoadOptions, Workspace};

fuzz_target!(|bytes: &[u8]| {
    let parts = support::parts(bytes, 4);
    let mut fs = MemFs::new();
    fs.insert(
        "/app/src-tauri/tauri.conf.json",
        r#"{ "app": { "windows": [{ "label": "main" }, { "label": "other" }] } }"#,
    );
    fs.insert(
        "/app/src-tauri/Cargo.toml",
        "[package]\nname = \"app\"\nversion = \"0.1.0\"\n\n[dependencies]\ntauri-plugin-fz = { path = \"../plugins/fz\" }\ntauri-plugin-gz = { path = \"../plugins/gz\" }\n",
    );
    for (key, text) in [("fz", &parts[0]), ("gz", &parts[1])] {
        fs.insert(
            format!("/app/plugins/{key}/Cargo.toml"),
            format!("[package]\nname = \"tauri-plugin-{key}\"\nversion = \"1.0.0\"\nlinks = \"tauri-plugin-{key}\"\n"),
        );
        fs.insert(
            format!("/app/plugins/{key}/permissions/fuzz.toml"),
            text.as_str(),
        );
    }
    fs.insert("/app/src-tauri/permissions/app.toml", parts[2].as_str());
    fs.insert("/app/src-tauri/capabilities/fuzz.json", parts[3].as_str());
    let options = LoadOptions {
        cargo_homes: vec![PathBuf::from("/no-cargo-home")],
        env_cargo_homes: Vec::new(),
        platforms: Some(Platform::ALL.to_vec()),
        overlays: Default::default(),
    };
    let workspace = Workspace::load(&fs, &[PathBuf::from("/app")], &options);
    let world = World::new(workspace, IdeConfig::default());
    let _ = tauri_acl::ide::diagnostics::diagnostics(&world);
    let display = |path: &std::path::Path| path.display().to_string();
    let report = explain(
        &world,
        &ExplainOptions {
            platforms: None,
            window: None,
            display_path: &display,
        },
    );
    let _ = serde_json::to_string(&report);
});
