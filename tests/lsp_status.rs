//! The `tauri-acl/status` notification the VS Code extension's status bar shows: sent to
//! clients that ask for it, with the counts `check` reports, busy while re-indexing, and
//! never sent to clients that did not ask.

mod common;

use std::collections::BTreeMap;

use common::lsp::{LspClient, copy_fixture, file_uri, vscode_capabilities};
use serde_json::{Value, json};

fn capabilities_with_status() -> Value {
    let mut capabilities = vscode_capabilities();
    capabilities["experimental"] = json!({ "tauriAclStatus": true });
    capabilities
}

/// Plugin source kind → plugin count, as `check --format json` reports them for `app`.
fn sources_from_check(app: &std::path::Path) -> BTreeMap<String, u64> {
    let output = common::run(&["check", app.to_str().unwrap(), "--format", "json"]);
    let report: Value = serde_json::from_slice(&output.stdout).expect("check prints JSON");
    let mut sources = BTreeMap::new();
    for plugin in report["apps"][0]["plugins"].as_array().unwrap() {
        *sources
            .entry(plugin["source"].as_str().unwrap().to_owned())
            .or_insert(0) += 1;
    }
    sources
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn status_reports_sources_and_counts_then_busy_during_a_reload() {
    let app = copy_fixture("demo-app");
    let root = app.path().join("demo-app/src-tauri");
    let mut client = LspClient::in_process();
    client
        .initialize(app.path(), capabilities_with_status(), Value::Null)
        .await;
    let status = client
        .wait_for("tauri-acl/status", |params| params["busy"] == false)
        .await;
    let apps = status["apps"].as_array().unwrap();
    assert_eq!(apps.len(), 1, "{status:#}");
    let demo = &apps[0];
    assert_eq!(demo["name"], "demo-app");
    let sources: BTreeMap<String, u64> = serde_json::from_value(demo["sources"].clone()).unwrap();
    assert_eq!(sources, sources_from_check(&root.join("..")));
    assert_eq!(
        demo["plugins"].as_u64().unwrap(),
        sources.values().sum::<u64>()
    );
    // default.json, settings.json5, mobile.toml and the inline `about-window`.
    assert_eq!(demo["capabilities"], 4);
    assert_eq!(demo["missingPlugins"], json!([]));
    let permissions = demo["permissions"].as_u64().unwrap();

    // A new permission file: the server re-indexes (busy), then counts one more.
    let fresh = root.join("permissions/fresh.toml");
    std::fs::write(
        &fresh,
        "[[permission]]\nidentifier = \"allow-fresh\"\ncommands.allow = [\"fresh\"]\n",
    )
    .unwrap();
    client
        .notify(
            "workspace/didChangeWatchedFiles",
            json!({ "changes": [{ "uri": file_uri(&fresh), "type": 1 }] }),
        )
        .await;
    client
        .wait_for("tauri-acl/status", |params| params["busy"] == true)
        .await;
    let after = client
        .wait_for("tauri-acl/status", |params| params["busy"] == false)
        .await;
    assert_eq!(
        after["apps"][0]["permissions"],
        permissions + 1,
        "{after:#}"
    );
    client.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn clients_that_did_not_ask_get_no_status() {
    let app = copy_fixture("demo-app");
    let root = app.path().join("demo-app/src-tauri");
    let path = root.join("capabilities/default.json");
    let mut client = LspClient::in_process();
    client
        .initialize(app.path(), vscode_capabilities(), Value::Null)
        .await;
    let text = std::fs::read_to_string(&path).unwrap();
    client.open(&path, &text).await;
    client.diagnostics(&path, Some(1)).await;
    // A reload publishes the status before the debounced diagnostics that follow it, so
    // once those arrive a status would have been seen.
    let manifest = root.join("permissions/greet-user.toml");
    client
        .notify(
            "workspace/didChangeWatchedFiles",
            json!({ "changes": [{ "uri": file_uri(&manifest), "type": 2 }] }),
        )
        .await;
    client.diagnostics(&path, Some(1)).await;
    client.shutdown().await;
    assert!(
        client
            .notification_methods
            .iter()
            .all(|method| method != "tauri-acl/status"),
        "{:?}",
        client.notification_methods
    );
}
