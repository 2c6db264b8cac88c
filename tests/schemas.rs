//! The JSON Schemas under `schemas/` are what `tauri-acl schema` generates, and the real
//! outputs of `check`, `explain`, `why` and `usage`, and the fixtures' `tauri-acl.toml` files,
//! validate against them. `UPDATE_SCHEMAS=1 cargo test --test schemas` rewrites them.

mod common;

use common::{run, stderr, stdout};
use serde_json::Value;

const SCHEMAS: &[(&str, &str)] = &[
    ("settings", "tauri-acl.toml.schema.json"),
    ("check", "check.schema.json"),
    ("explain", "explain.schema.json"),
    ("why", "why.schema.json"),
    ("usage", "usage.schema.json"),
];

fn generated(name: &str) -> String {
    let output = run(&["schema", name]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    stdout(&output)
}

fn committed(file: &str) -> Value {
    let path = common::repo_root().join("schemas").join(file);
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|error| panic!("cannot read {}: {error}", path.display()));
    serde_json::from_str(&text).unwrap()
}

#[test]
fn committed_schemas_are_up_to_date() {
    let mut stale = Vec::new();
    for (name, file) in SCHEMAS {
        let fresh = generated(name);
        let path = common::repo_root().join("schemas").join(file);
        if std::env::var_os("UPDATE_SCHEMAS").is_some() {
            std::fs::write(&path, &fresh).unwrap();
            continue;
        }
        if std::fs::read_to_string(&path).ok().as_deref() != Some(fresh.as_str()) {
            stale.push(*file);
        }
    }
    assert!(
        stale.is_empty(),
        "schemas/{} out of date: run `UPDATE_SCHEMAS=1 cargo test --test schemas`",
        stale.join(", schemas/")
    );
}

#[track_caller]
fn assert_valid(schema_file: &str, instance: &Value) {
    let schema = committed(schema_file);
    let validator = jsonschema::validator_for(&schema).expect("the schema compiles");
    let errors: Vec<String> = validator
        .iter_errors(instance)
        .map(|error| format!("{} at {}", error, error.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{schema_file}:\n{}", errors.join("\n"));
}

fn json_output(args: &[&str]) -> Value {
    let output = run(args);
    assert!(
        matches!(output.status.code(), Some(0 | 1)),
        "{}",
        stderr(&output)
    );
    serde_json::from_str(&stdout(&output)).unwrap()
}

#[test]
fn outputs_match_their_schemas() {
    for app in [
        "fixtures/demo-app",
        "fixtures/broken-app",
        "fixtures/fixes-app",
    ] {
        let report = json_output(&["check", app, "--format", "json"]);
        assert!(!report["apps"].as_array().unwrap().is_empty());
        assert_valid("check.schema.json", &report);
    }
    let explanation = json_output(&["explain", "fixtures/demo-app", "--format", "json"]);
    assert_valid("explain.schema.json", &explanation);
    let why = json_output(&[
        "why",
        "fixtures/demo-app",
        "plugin:fs|read_text_file",
        "--window",
        "main",
        "--path",
        "$APPDATA/notes/a.md",
        "--format",
        "json",
    ]);
    assert_valid("why.schema.json", &why);
    let usage = json_output(&[
        "usage",
        "fixtures/usage-app",
        "--suggest",
        "--format",
        "json",
    ]);
    assert!(!usage["suggestion"].is_null());
    assert_valid("usage.schema.json", &usage);
}

#[test]
fn a_report_that_breaks_the_schema_is_caught() {
    let mut report = json_output(&["check", "fixtures/broken-app", "--format", "json"]);
    report["diagnostics"][0]["code"] = Value::from("no-such-rule");
    let schema = committed("check.schema.json");
    let validator = jsonschema::validator_for(&schema).unwrap();
    assert!(!validator.is_valid(&report));
}

#[test]
fn settings_files_match_their_schema() {
    let fixtures = common::repo_root().join("fixtures");
    let mut checked = 0;
    for entry in std::fs::read_dir(&fixtures).unwrap() {
        let path = entry.unwrap().path().join("src-tauri/tauri-acl.toml");
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue;
        };
        let table: toml::Table = text.parse().unwrap();
        assert_valid(
            "tauri-acl.toml.schema.json",
            &serde_json::to_value(table).unwrap(),
        );
        checked += 1;
    }
    assert!(checked >= 3, "only {checked} settings files found");
    let wrong: toml::Table = "[rules]\nunknown-windw = \"off\"\n".parse().unwrap();
    let schema = committed("tauri-acl.toml.schema.json");
    let validator = jsonschema::validator_for(&schema).unwrap();
    assert!(!validator.is_valid(&serde_json::to_value(wrong).unwrap()));
}
