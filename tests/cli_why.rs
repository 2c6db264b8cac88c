//! `tauri-acl why` on the demo app: each outcome a call can have, from the real binary.

mod common;

use common::{run, stderr, stdout};
use serde_json::Value;

fn why(args: &[&str]) -> (i32, String) {
    let mut full = vec!["why", "fixtures/demo-app", "--platform", "linux"];
    full.extend_from_slice(args);
    let output = run(&full);
    assert!(stderr(&output).is_empty(), "{}", stderr(&output));
    (output.status.code().unwrap_or(-1), stdout(&output))
}

fn why_json(args: &[&str]) -> Value {
    let mut full = vec!["--format", "json"];
    full.extend_from_slice(args);
    let (_, text) = why(&full);
    let report: Value = serde_json::from_str(&text).unwrap();
    report["apps"][0]["platforms"][0].clone()
}

#[test]
fn a_path_inside_the_scope_is_allowed() {
    let (code, text) = why(&[
        "plugin:fs|read_text_file",
        "--window",
        "main",
        "--path",
        "$APPDATA/notes/todo.md",
    ]);
    assert_eq!(code, 0, "{text}");
    insta::assert_snapshot!("read_inside_scope", text);
}

#[test]
fn a_deny_entry_wins_over_the_allow() {
    let (code, text) = why(&[
        "fs.write_text_file",
        "--window",
        "main",
        "--path",
        "$APPDATA/notes/.trash/old.md",
    ]);
    assert_eq!(code, 1, "{text}");
    insta::assert_snapshot!("write_into_denied_folder", text);
}

#[test]
fn a_command_granted_to_another_window() {
    let (code, text) = why(&["plugin:dialog|open", "--window", "about"]);
    assert_eq!(code, 1, "{text}");
    insta::assert_snapshot!("dialog_from_about", text);
}

#[test]
fn urls_against_the_http_scope() {
    let denied = why_json(&[
        "http|fetch",
        "--window",
        "main",
        "--scope-url",
        "https://api.example.com/admin/users",
    ]);
    assert_eq!(denied["allowed"], false);
    assert_eq!(denied["scope"]["verdict"], "denied");
    let allowed = why_json(&[
        "http|fetch",
        "--window",
        "main",
        "--scope-url",
        "https://api.example.com/users?page=2",
    ]);
    assert_eq!(allowed["allowed"], true, "{allowed:#}");
}

#[test]
fn a_dot_folder_under_a_recursive_scope() {
    let report = why_json(&[
        "plugin:fs|read_text_file",
        "--window",
        "main",
        "--path",
        "$APPDATA/notes/.drafts/a.md",
    ]);
    assert_eq!(report["allowed"], false);
    assert_eq!(report["scope"]["verdict"], "not-allowed");
    let notes: Vec<&str> = report["scope"]["entries"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|entry| entry["note"].as_str())
        .collect();
    assert!(
        notes.iter().any(|note| note.contains("starting with `.`")),
        "{report:#}"
    );
}

#[test]
fn usage_errors() {
    let output = run(&["why", "fixtures/demo-app", "greet"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("--window"));
    let output = run(&[
        "why",
        "fixtures/demo-app",
        "x",
        "--window",
        "main",
        "--path",
        "a",
        "--scope-url",
        "b",
    ]);
    assert_eq!(output.status.code(), Some(2));
}

/// The official template ships a `greet` command and no permissions of its own: Tauri
/// then lets the app's pages call `greet` from every window without asking the ACL.
#[test]
fn app_commands_of_an_app_without_permissions() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("src-tauri");
    std::fs::create_dir_all(root.join("capabilities")).unwrap();
    std::fs::create_dir_all(root.join("src")).unwrap();
    std::fs::write(
        root.join("tauri.conf.json"),
        r#"{ "identifier": "com.example.app", "app": { "windows": [{ "label": "main" }] } }"#,
    )
    .unwrap();
    std::fs::write(
        root.join("src/lib.rs"),
        "#[tauri::command]\nfn greet(name: &str) -> String { format!(\"Hello, {name}!\") }\n",
    )
    .unwrap();
    std::fs::write(
        root.join("capabilities/default.json"),
        r#"{ "identifier": "default", "windows": ["main"], "permissions": [] }"#,
    )
    .unwrap();
    let app = root.to_str().unwrap();
    let output = run(&[
        "why",
        app,
        "greet",
        "--window",
        "main",
        "--platform",
        "linux",
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    assert!(
        stdout(&output).contains("the app defines no permissions of its own"),
        "{}",
        stdout(&output)
    );
    let remote = run(&[
        "why",
        app,
        "greet",
        "--window",
        "main",
        "--platform",
        "linux",
        "--url",
        "https://example.com/",
    ]);
    assert_eq!(remote.status.code(), Some(1), "{}", stdout(&remote));
}
