//! The language server over the protocol, in process: initialization and encodings,
//! ordering under a burst of edits, watching, configuration and shutdown.

mod common;

use std::time::{Duration, Instant};

use common::lsp::{
    LspClient, codes, copy_fixture, file_uri, minimal_capabilities, vscode_capabilities,
};
use serde_json::{Value, json};

/// How long the server may take to notice a file it was told about; far beyond any
/// real reload, so only a reload that never happens fails the test.
const RELOAD_DEADLINE: Duration = Duration::from_secs(60);

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn initialize_negotiates_the_encoding_and_declares_incremental_sync() {
    let app = copy_fixture("demo-app");
    let mut client = LspClient::in_process();
    let result = client
        .initialize(
            app.path(),
            minimal_capabilities(&["utf-8", "utf-16"]),
            Value::Null,
        )
        .await;
    assert_eq!(result["capabilities"]["positionEncoding"], "utf-8");
    assert_eq!(
        result["capabilities"]["textDocumentSync"]["change"], 2,
        "incremental"
    );
    assert_eq!(result["serverInfo"]["name"], "tauri-acl");
    client.shutdown().await;

    let mut client = LspClient::in_process();
    let result = client
        .initialize(app.path(), vscode_capabilities(), Value::Null)
        .await;
    assert_eq!(result["capabilities"]["positionEncoding"], "utf-16");
    client.shutdown().await;
}

/// The same error after an emoji and an accented letter is reported at different
/// columns in UTF-8 and UTF-16, each right for its encoding.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn diagnostics_use_the_negotiated_encoding() {
    let app = copy_fixture("demo-app");
    let path = app
        .path()
        .join("demo-app/src-tauri/capabilities/default.json");
    let text = "{ \"identifier\": \"dé😀\", \"windows\": [\"main\"], \"permissions\": [\"fs:allow-nope\"] }";
    let expected_start = |encoding: &str| {
        let prefix = &text[..text.find("\"fs:allow-nope\"").unwrap()];
        match encoding {
            "utf-8" => prefix.len(),
            _ => prefix.encode_utf16().count(),
        }
    };
    for encoding in ["utf-8", "utf-16"] {
        let mut client = LspClient::in_process();
        client
            .initialize(app.path(), minimal_capabilities(&[encoding]), Value::Null)
            .await;
        client.open(&path, text).await;
        let diagnostics = client.diagnostics(&path, Some(1)).await;
        let unknown = diagnostics
            .iter()
            .find(|diagnostic| diagnostic["code"] == "unknown-permission")
            .unwrap_or_else(|| panic!("{diagnostics:#?}"));
        assert_eq!(
            unknown["range"]["start"]["character"],
            expected_start(encoding),
            "{encoding}"
        );
        assert_eq!(unknown["source"], "tauri-acl");
        assert!(
            unknown["codeDescription"]["href"]
                .as_str()
                .unwrap()
                .ends_with("docs/rules/unknown-permission.md")
        );
        client.shutdown().await;
    }
}

/// 1,000 incremental edits, each followed by a pulled-diagnostics request: every answer
/// reflects exactly the edits sent before it, and the server's final text is the
/// client's.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_burst_of_edits_with_interleaved_requests_stays_in_order() {
    let app = copy_fixture("demo-app");
    let path = app
        .path()
        .join("demo-app/src-tauri/capabilities/burst.json");
    let mut capabilities = minimal_capabilities(&["utf-16"]);
    capabilities["textDocument"]["diagnostic"] = json!({ "dynamicRegistration": false });
    let mut client = LspClient::in_process();
    client
        .initialize(app.path(), capabilities, Value::Null)
        .await;
    let mut text = String::from(
        "{ \"identifier\": \"burst\", \"windows\": [\"main\"], \"permissions\": [\"fs:default\"] }",
    );
    // The burst file is new: write it so the workspace knows it, then open it.
    std::fs::write(&path, &text).unwrap();
    client
        .notify(
            "workspace/didChangeWatchedFiles",
            json!({ "changes": [{ "uri": file_uri(&path), "type": 1 }] }),
        )
        .await;
    client.open(&path, &text).await;
    // Wait until the reload has made the new file part of the app: only then is it
    // reported as a capability the app does not enable.
    let start = Instant::now();
    loop {
        let items = client.pull_diagnostics(&path).await;
        if codes(&items)
            .iter()
            .any(|code| code == "capability-not-enabled")
        {
            break;
        }
        assert!(
            start.elapsed() < RELOAD_DEADLINE,
            "the new capability never became part of the app: {items:#?}"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let insert_at = text.find("fs:default").unwrap() + "fs:".len();
    let mut requests = Vec::new();
    for round in 0..1000u32 {
        // Odd rounds insert a stray `x` that makes the identifier unknown; even rounds
        // remove it again.
        let (range, new_text) = if round % 2 == 0 {
            ((insert_at, insert_at), "x")
        } else {
            ((insert_at, insert_at + 1), "")
        };
        text.replace_range(range.0..range.1, new_text);
        client
            .notify(
                "textDocument/didChange",
                json!({
                    "textDocument": { "uri": file_uri(&path), "version": round + 2 },
                    "contentChanges": [{
                        "range": { "start": { "line": 0, "character": range.0 }, "end": { "line": 0, "character": range.1 } },
                        "text": new_text,
                    }],
                }),
            )
            .await;
        if round % 10 == 0 || round == 999 {
            let id = client
                .send_request(
                    "textDocument/diagnostic",
                    json!({ "textDocument": { "uri": file_uri(&path) } }),
                )
                .await;
            requests.push((id, round % 2 == 0));
        }
    }
    for (id, expect_error) in requests {
        let response = client.response(id).await;
        let items = response["result"]["items"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        let has_error = codes(&items)
            .iter()
            .any(|code| code == "unknown-permission");
        assert_eq!(has_error, expect_error, "request {id}: {items:#?}");
    }
    // 1,000 rounds end on an odd round: the `x` was removed, the text is the original.
    assert!(text.contains("\"fs:default\""));
    // The demo app lists its capabilities explicitly, so the new one is not enabled;
    // that is the only finding left.
    let items = client.pull_diagnostics(&path).await;
    assert_eq!(codes(&items), ["capability-not-enabled"], "{items:#?}");
    client.shutdown().await;
}

/// A client that cannot watch files: the server watches the disk itself, and a new
/// permission file written next to the app is picked up without any notification.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_client_watching_the_server_watches_the_disk() {
    let app = copy_fixture("demo-app");
    let root = app.path().join("demo-app/src-tauri");
    let path = root.join("capabilities/default.json");
    let mut client = LspClient::in_process();
    client
        .initialize(app.path(), minimal_capabilities(&["utf-16"]), Value::Null)
        .await;
    let text = "{ \"identifier\": \"default\", \"windows\": [\"main\"], \"permissions\": [\"allow-fresh\"] }";
    client.open(&path, text).await;
    let before = client.diagnostics(&path, Some(1)).await;
    assert_eq!(codes(&before), ["unknown-permission"], "{before:#?}");
    std::fs::write(
        root.join("permissions/fresh.toml"),
        "[[permission]]\nidentifier = \"allow-fresh\"\ncommands.allow = [\"fresh\"]\n",
    )
    .unwrap();
    let after = client
        .wait_for("textDocument/publishDiagnostics", |params| {
            params["uri"] == file_uri(&path) && params["diagnostics"] == json!([])
        })
        .await;
    assert_eq!(after["version"], 1);
    assert!(
        client
            .server_requests
            .iter()
            .all(|request| request["method"] != "client/registerCapability")
    );
    client.shutdown().await;
}

/// A VS Code-like client: the server registers file watchers with it and asks for the
/// `tauriAcl` settings, which take effect.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn registers_watchers_and_reads_configuration() {
    let app = copy_fixture("demo-app");
    let path = app
        .path()
        .join("demo-app/src-tauri/capabilities/default.json");
    let mut client = LspClient::in_process();
    client.configuration = json!({ "rules": { "unknown-permission": "off" } });
    client
        .initialize(app.path(), vscode_capabilities(), Value::Null)
        .await;
    let text = "{ \"identifier\": \"default\", \"windows\": [\"main\"], \"permissions\": [\"fs:allow-nope\"] }";
    client.open(&path, text).await;
    // Once the configuration arrives the unknown permission is no longer reported.
    client
        .wait_for("textDocument/publishDiagnostics", |params| {
            params["uri"] == file_uri(&path) && params["diagnostics"] == json!([])
        })
        .await;
    let registration = client
        .server_requests
        .iter()
        .find(|request| request["method"] == "client/registerCapability")
        .expect("the server registers file watchers");
    let watchers = &registration["params"]["registrations"][0]["registerOptions"]["watchers"];
    assert!(
        watchers
            .as_array()
            .unwrap()
            .iter()
            .any(|watcher| watcher["globPattern"] == "**/permissions/**")
    );
    assert!(
        client
            .server_requests
            .iter()
            .any(|request| request["method"] == "workspace/configuration")
    );
    client.shutdown().await;
}

/// Edits to a permission file re-index the app and re-validate open capabilities.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn editing_a_permission_file_revalidates_open_capabilities() {
    let app = copy_fixture("demo-app");
    let root = app.path().join("demo-app/src-tauri");
    // The set `greeting-tools` exists only in this file (renaming `allow-greet-user`
    // would not do: build.rs declares `greet_user`, so tauri-build generates it too).
    let capability = root.join("capabilities/settings.json5");
    let manifest = root.join("permissions/greetings.toml");
    let mut client = LspClient::in_process();
    client
        .initialize(app.path(), minimal_capabilities(&["utf-16"]), Value::Null)
        .await;
    let capability_text = std::fs::read_to_string(&capability).unwrap();
    client.open(&capability, &capability_text).await;
    assert_eq!(
        client.diagnostics(&capability, Some(1)).await,
        Vec::<Value>::new()
    );
    let manifest_text = std::fs::read_to_string(&manifest).unwrap();
    client.open(&manifest, &manifest_text).await;
    let renamed = manifest_text.replace("\"greeting-tools\"", "\"greeting-kit\"");
    assert_ne!(renamed, manifest_text);
    client
        .notify(
            "textDocument/didChange",
            json!({ "textDocument": { "uri": file_uri(&manifest), "version": 2 }, "contentChanges": [{ "text": renamed }] }),
        )
        .await;
    let diagnostics = client
        .wait_for("textDocument/publishDiagnostics", |params| {
            params["uri"] == file_uri(&capability) && params["diagnostics"] != json!([])
        })
        .await;
    assert!(
        codes(diagnostics["diagnostics"].as_array().unwrap())
            .contains(&"unknown-permission".to_owned())
    );
    client.shutdown().await;
}

/// Files outside any Tauri app are left alone: no diagnostics are published for them.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn unrelated_files_are_left_alone() {
    let app = copy_fixture("demo-app");
    let unrelated = app.path().join("package.json");
    let capability = app
        .path()
        .join("demo-app/src-tauri/capabilities/default.json");
    let mut client = LspClient::in_process();
    client
        .initialize(app.path(), minimal_capabilities(&["utf-16"]), Value::Null)
        .await;
    client
        .open(&unrelated, "{ \"name\": \"x\", // not even valid\n }")
        .await;
    client
        .open(&capability, &std::fs::read_to_string(&capability).unwrap())
        .await;
    client.diagnostics(&capability, Some(1)).await;
    assert!(
        client
            .notifications
            .iter()
            .all(|notification| notification["params"]["uri"] != file_uri(&unrelated)),
        "{:#?}",
        client.notifications
    );
    client.shutdown().await;
}

/// `shutdown` is answered, with a null result and within `common::lsp::TIMEOUT`, right
/// after a burst of permission-manifest edits, each of which schedules an app reload and
/// a diagnostics round, so shutting down does not wait on (or hang behind) that work.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn shutdown_is_answered_right_after_edits_that_reload() {
    let app = copy_fixture("demo-app");
    let manifest = app
        .path()
        .join("demo-app/src-tauri/permissions/greet-user.toml");
    let mut client = LspClient::in_process();
    client
        .initialize(app.path(), minimal_capabilities(&["utf-16"]), Value::Null)
        .await;
    let text = std::fs::read_to_string(&manifest).unwrap();
    client.open(&manifest, &text).await;
    for version in 2..20 {
        client
            .notify(
                "textDocument/didChange",
                json!({ "textDocument": { "uri": file_uri(&manifest), "version": version }, "contentChanges": [{ "text": format!("{text}\n# {version}") }] }),
            )
            .await;
    }
    // `request` fails the test after common::lsp::TIMEOUT without an answer; the time
    // is printed, not asserted (no timing assertions in tests, see BENCHMARKS.md).
    let start = Instant::now();
    let result = client.request("shutdown", Value::Null).await;
    println!("shutdown answered after {:?}", start.elapsed());
    assert_eq!(result, Value::Null);
    client.notify("exit", Value::Null).await;
}
