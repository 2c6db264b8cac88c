use std::path::{Path, PathBuf};

use super::*;
use crate::workspace::fs::RealFs;

fn chain(path: &[&str]) -> Vec<String> {
    path.iter().map(|name| (*name).to_owned()).collect()
}

fn usage_app() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../fixtures/usage-app")
}

/// The fixture's packages as installed by `npm ci` (tests/all.sh); without them the
/// test says so and skips, except on CI.
fn installed_usage_app() -> Option<PathBuf> {
    let dir = usage_app();
    if dir
        .join("node_modules/@tauri-apps/api/package.json")
        .is_file()
    {
        return Some(dir);
    }
    assert!(
        std::env::var_os("CI").is_none(),
        "fixtures/usage-app/node_modules is missing on CI: tests/all.sh runs `npm ci --ignore-scripts` there"
    );
    eprintln!(
        "skipped: fixtures/usage-app/node_modules is not installed (run `npm ci --ignore-scripts` in fixtures/usage-app)"
    );
    None
}

fn commands(api: &JsApi, module: &str, path: &[&str]) -> Vec<String> {
    api.commands(module, &chain(path))
        .unwrap_or_else(|| panic!("{module} {path:?} is unknown"))
        .commands
}

#[test]
fn installed_packages_map_calls_to_their_commands() {
    let Some(dir) = installed_usage_app() else {
        return;
    };
    let api = JsApi::load(&RealFs, &dir);
    assert_eq!(
        api.source("@tauri-apps/plugin-fs"),
        Some(&JsApiSource::NodeModules {
            version: "2.6.0".into()
        })
    );
    assert_eq!(
        commands(&api, "@tauri-apps/plugin-fs", &["readTextFile"]),
        ["plugin:fs|read_text_file"]
    );
    assert_eq!(
        commands(
            &api,
            "@tauri-apps/api/window",
            &["getCurrentWindow", "minimize"]
        ),
        ["plugin:window|minimize"]
    );
    assert_eq!(
        commands(
            &api,
            "@tauri-apps/api",
            &["window", "getCurrentWindow", "minimize"]
        ),
        ["plugin:window|minimize"]
    );
    assert!(commands(&api, "@tauri-apps/plugin-os", &["platform"]).is_empty());
    assert!(
        commands(&api, "@tauri-apps/api/window", &["Window"])
            .contains(&"plugin:window|create".to_owned())
    );
    assert_eq!(
        api.commands("@tauri-apps/plugin-fs", &chain(&["noSuchExport"])),
        None
    );
}
