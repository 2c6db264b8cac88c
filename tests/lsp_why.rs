//! "Is this call allowed?" over the protocol: the scope lens on a scoped entry and the
//! `tauri-acl.why` command it leads to.

mod common;

use common::lsp::{LspClient, copy_fixture, file_uri, minimal_capabilities};
use serde_json::{Value, json};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_scope_lens_leads_to_a_why_answer() {
    let app = copy_fixture("demo-app");
    let capability = app
        .path()
        .join("demo-app/src-tauri/capabilities/default.json");
    let mut client = LspClient::in_process();
    let initialized = client
        .initialize(app.path(), minimal_capabilities(&["utf-16"]), Value::Null)
        .await;
    assert_eq!(
        initialized["capabilities"]["executeCommandProvider"]["commands"],
        json!(["tauri-acl.why"])
    );
    client
        .open(&capability, &std::fs::read_to_string(&capability).unwrap())
        .await;
    let lenses = client
        .request(
            "textDocument/codeLens",
            json!({ "textDocument": { "uri": file_uri(&capability) } }),
        )
        .await;
    let tests: Vec<&Value> = lenses
        .as_array()
        .unwrap()
        .iter()
        .filter(|lens| lens["command"]["command"] == "tauri-acl.testScope")
        .collect();
    let permissions: Vec<&str> = tests
        .iter()
        .map(|lens| {
            lens["command"]["arguments"][0]["permission"]
                .as_str()
                .unwrap()
        })
        .collect();
    assert_eq!(
        permissions,
        [
            "fs:allow-read-text-file",
            "fs:allow-write-text-file",
            "http:default"
        ]
    );
    let write = &tests[1]["command"]["arguments"][0];
    assert_eq!(write["kind"], "path");
    assert_eq!(write["command"], "plugin:fs|write_text_file");
    assert_eq!(write["windows"], json!(["main"]));

    // The client asks the user for a path and runs the command with it.
    let ask = |path: &str| {
        json!({
            "command": "tauri-acl.why",
            "arguments": [{
                "command": write["command"],
                "window": "main",
                "path": path,
                "platforms": ["linux"],
            }]
        })
    };
    let inside = client
        .request("workspace/executeCommand", ask("$APPDATA/notes/todo.md"))
        .await;
    let linux = &inside["apps"][0]["platforms"][0];
    assert_eq!(linux["allowed"], true, "{linux:#}");
    assert_eq!(linux["scope"]["verdict"], "allowed");
    let trash = client
        .request(
            "workspace/executeCommand",
            ask("$APPDATA/notes/.trash/old.md"),
        )
        .await;
    let linux = &trash["apps"][0]["platforms"][0];
    assert_eq!(linux["allowed"], false);
    assert_eq!(linux["scope"]["verdict"], "denied");
    client.shutdown().await;
}
