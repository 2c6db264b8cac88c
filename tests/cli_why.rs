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

/// Writes an app (`greet` defined as an app permission, granted to `main` or not) at
/// `dir/src-tauri`.
fn write_app(dir: &std::path::Path, grants_greet: bool) {
    let src_tauri = dir.join("src-tauri");
    std::fs::create_dir_all(src_tauri.join("capabilities")).unwrap();
    std::fs::create_dir_all(src_tauri.join("permissions")).unwrap();
    std::fs::write(
        src_tauri.join("tauri.conf.json"),
        r#"{ "app": { "windows": [{ "label": "main" }] } }"#,
    )
    .unwrap();
    std::fs::write(
        src_tauri.join("permissions/greet.toml"),
        "[[permission]]\nidentifier = \"allow-greet\"\ncommands.allow = [\"greet\"]\n",
    )
    .unwrap();
    let permissions = if grants_greet { r#""allow-greet""# } else { "" };
    std::fs::write(
        src_tauri.join("capabilities/default.json"),
        format!(
            r#"{{ "identifier": "default", "windows": ["main"], "permissions": [{permissions}] }}"#
        ),
    )
    .unwrap();
}

#[test]
fn a_folder_with_an_example_app_inside_names_its_own_app() {
    let dir = tempfile::tempdir().unwrap();
    let app = dir.path().join("app");
    write_app(&app, true);
    write_app(&app.join("examples/demo"), false);
    let why_in = |path: &std::path::Path| {
        let output = run(&[
            "why",
            path.to_str().unwrap(),
            "greet",
            "--window",
            "main",
            "--platform",
            "linux",
        ]);
        (output.status.code(), stdout(&output), stderr(&output))
    };
    let (code, text, errors) = why_in(&app);
    assert_eq!(code, Some(0), "{text}{errors}");
    assert_eq!(text.matches(" on linux").count(), 1, "{text}");
    assert!(text.starts_with("app ("), "{text}");
    let (code, text, errors) = why_in(&app.join("examples/demo"));
    assert_eq!(code, Some(1), "{text}{errors}");
    assert!(text.starts_with("demo ("), "{text}");
    // Two apps side by side, neither folder above the path: ask which one.
    write_app(&dir.path().join("other"), true);
    let (code, text, errors) = why_in(dir.path());
    assert_eq!(code, Some(2), "{text}{errors}");
    assert!(text.is_empty(), "{text}");
    assert!(errors.contains("holds 3 apps"), "{errors}");
    assert!(errors.contains("examples/demo/src-tauri"), "{errors}");
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
