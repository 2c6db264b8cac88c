//! `tauri-acl explain` on the demo app: per window, exactly the commands a local page may
//! call, checked command by command.

mod common;

use std::collections::BTreeMap;

use common::{run, stderr, stdout};
use serde_json::Value;

fn explain_json(args: &[&str]) -> Value {
    let mut full = vec!["explain", "fixtures/demo-app", "--format", "json"];
    full.extend_from_slice(args);
    let output = run(&full);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    serde_json::from_str(&stdout(&output)).unwrap()
}

/// Window label → sorted allowed commands, for one platform.
fn allowed_by_window(report: &Value, platform: &str) -> BTreeMap<String, Vec<String>> {
    let platforms = report["apps"][0]["platforms"].as_array().unwrap();
    let platform = platforms
        .iter()
        .find(|entry| entry["platform"] == platform)
        .unwrap_or_else(|| panic!("no {platform} in {platforms:#?}"));
    platform["windows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|window| {
            let commands = window["allowed"]
                .as_array()
                .unwrap()
                .iter()
                .map(|command| command["command"].as_str().unwrap().to_owned())
                .collect();
            (window["label"].as_str().unwrap().to_owned(), commands)
        })
        .collect()
}

#[test]
fn allowed_commands_per_window_on_linux() {
    let report = explain_json(&[]);
    let windows = allowed_by_window(&report, "linux");
    let rendered: String = windows
        .iter()
        .map(|(label, commands)| format!("{label}:\n  {}\n", commands.join("\n  ")))
        .collect();
    insta::assert_snapshot!("demo_app_allowed_linux", rendered);
}

#[test]
fn allowed_commands_per_window_on_android() {
    let report = explain_json(&["--platform", "android"]);
    let windows = allowed_by_window(&report, "android");
    let rendered: String = windows
        .iter()
        .map(|(label, commands)| format!("{label}:\n  {}\n", commands.join("\n  ")))
        .collect();
    insta::assert_snapshot!("demo_app_allowed_android", rendered);
}

#[test]
fn resolved_acl_has_tauri_command_names_and_scopes() {
    let report = explain_json(&["--platform", "linux"]);
    let resolved = &report["apps"][0]["platforms"][0]["resolved"];
    let allowed = resolved["allowed_commands"].as_object().unwrap();
    assert!(
        allowed
            .keys()
            .any(|name| name.starts_with("plugin:window|")),
        "core commands are named plugin:window|…"
    );
    assert!(allowed.keys().any(|name| name.starts_with("plugin:fs|")));
    assert!(
        allowed.keys().any(|name| !name.starts_with("plugin:")),
        "app commands are bare"
    );
    let scoped = allowed
        .values()
        .flat_map(|entries| entries.as_array().unwrap())
        .find(|entry| !entry["scope"].is_null())
        .expect("the demo app scopes at least one command");
    assert!(scoped["scope"]["allow"].is_array());
    assert_eq!(scoped["context"], "local");
}

#[test]
fn one_window_in_human_form() {
    let output = run(&[
        "explain",
        "fixtures/demo-app",
        "--window",
        "settings",
        "--platform",
        "linux",
    ]);
    let text = stdout(&output);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(text.contains("window `settings`"), "{text}");
    assert!(!text.contains("window `main`"), "{text}");
}

/// An app whose windows are all made at run time with computed labels, and which has no
/// permissions of its own (so its commands are open to its pages).
#[test]
fn no_known_window_and_no_app_permissions() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("src-tauri");
    std::fs::create_dir_all(root.join("capabilities")).unwrap();
    std::fs::write(
        root.join("tauri.conf.json"),
        r#"{ "identifier": "com.example.app", "app": { "windows": [] } }"#,
    )
    .unwrap();
    std::fs::write(
        root.join("capabilities/default.json"),
        r#"{ "identifier": "default", "windows": ["main"], "permissions": [] }"#,
    )
    .unwrap();
    let app = root.to_str().unwrap();
    let output = run(&["explain", app, "--platform", "linux"]);
    let text = stdout(&output);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(text.contains("pass `--window <label>`"), "{text}");
    let output = run(&["explain", app, "--platform", "linux", "--window", "about"]);
    let text = stdout(&output);
    assert!(
        text.contains(
            "window `about`: no capability applies, so it may call only the app's own commands"
        ),
        "{text}"
    );
    assert!(!text.contains("pass `--window"), "{text}");
}
