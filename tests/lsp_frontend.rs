//! Frontend scripts in the editor: the server takes `.ts`, `.vue`… documents for
//! diagnostics only (published on the script's URI, cleared when it closes), answers no
//! completion, hover or other feature there, and an edited script is parsed again on its
//! own, without re-reading its app, unless the edit changes what the app copies out of
//! it (its window labels) or makes a script it had not read use Tauri's API.

mod common;

use common::lsp::{LspClient, copy_fixture, file_uri, vscode_capabilities};
use serde_json::{Value, json};

/// VS Code's capabilities plus `tauri-acl/status`, whose `busy` notification is how a
/// test sees that a change re-read the app, and `workspace/codeLens/refresh`.
fn capabilities_with_status() -> Value {
    let mut capabilities = vscode_capabilities();
    capabilities["experimental"] = json!({ "tauriAclStatus": true });
    capabilities["workspace"]["codeLens"] = json!({ "refreshSupport": true });
    capabilities
}

/// How many `workspace/codeLens/refresh` requests the server sent.
fn lens_refreshes(client: &LspClient) -> usize {
    client
        .server_requests
        .iter()
        .filter(|request| request["method"] == "workspace/codeLens/refresh")
        .count()
}

/// Waits (answering requests in between) until the server asked for `count` lens
/// refreshes; fails after `common::lsp::TIMEOUT`.
async fn wait_for_lens_refreshes(client: &mut LspClient, uri: &str, count: usize) {
    let deadline = std::time::Instant::now() + common::lsp::TIMEOUT;
    while lens_refreshes(client) < count {
        assert!(
            std::time::Instant::now() < deadline,
            "no workspace/codeLens/refresh; requests: {:#?}",
            client.server_requests
        );
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        // A request reads (and answers) whatever the server sent meanwhile.
        client
            .request(
                "textDocument/hover",
                json!({ "textDocument": { "uri": uri }, "position": { "line": 0, "character": 0 } }),
            )
            .await;
    }
}

/// Starts a server on a copy of `fixtures/usage-app` and waits for its first load.
async fn usage_app() -> (tempfile::TempDir, LspClient) {
    let app = copy_fixture("usage-app");
    let mut client = LspClient::in_process();
    client
        .initialize(app.path(), capabilities_with_status(), Value::Null)
        .await;
    client
        .wait_for("tauri-acl/status", |params| params["busy"] == false)
        .await;
    (app, client)
}

/// The number of `tauri-acl/status` notifications received so far: one more means the
/// app was re-read.
fn statuses(client: &LspClient) -> usize {
    client
        .notification_methods
        .iter()
        .filter(|method| *method == "tauri-acl/status")
        .count()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_script_gets_diagnostics_per_version_and_an_edit_reparses_only_it() {
    let (app, mut client) = usage_app().await;
    let main = app.path().join("usage-app/src/main.ts");
    let text = std::fs::read_to_string(&main).unwrap();
    client.open(&main, &text).await;
    client.diagnostics(&main, Some(1)).await;

    // A new call: the script is parsed again, the app is not re-read.
    let before = statuses(&client);
    let edited = text.replace("start();", "start();\ninvoke(\"forgotten_command\");");
    assert_ne!(edited, text);
    let refreshes = lens_refreshes(&client);
    client.change(&main, 2, &edited).await;
    client.diagnostics(&main, Some(2)).await;
    assert_eq!(
        statuses(&client),
        before,
        "an edit that changes only the calls of a script re-read the app"
    );
    // The capabilities' usage lenses count the script's calls: the client is asked to
    // request them again.
    wait_for_lens_refreshes(&mut client, &file_uri(&main), refreshes + 1).await;

    // A window created in the script is one of the app's labels: the app is re-read.
    let with_window = edited.replace(
        "start();",
        "start();\nimport { WebviewWindow } from \"@tauri-apps/api/webviewWindow\";\nnew WebviewWindow(\"about\");",
    );
    client.change(&main, 3, &with_window).await;
    client
        .wait_for("tauri-acl/status", |params| params["busy"] == true)
        .await;
    client.diagnostics(&main, Some(3)).await;

    // Closed, the script's diagnostics are cleared.
    client
        .notify(
            "textDocument/didClose",
            json!({ "textDocument": { "uri": file_uri(&main) } }),
        )
        .await;
    let cleared = client
        .wait_for("textDocument/publishDiagnostics", |params| {
            params["uri"] == file_uri(&main)
        })
        .await;
    assert_eq!(cleared["diagnostics"], json!([]), "{cleared:#}");
    client.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_script_joins_its_app_once_it_uses_tauri() {
    let (app, mut client) = usage_app().await;
    let util = app.path().join("usage-app/src/util.ts");
    let plain = "export const twice = (n: number) => n * 2;\n";
    std::fs::write(&util, plain).unwrap();
    client.open(&util, plain).await;
    let before = statuses(&client);
    client
        .change(&util, 2, &format!("{plain}export const y = 2;\n"))
        .await;
    // Typing in a script that does not use Tauri re-reads nothing and publishes
    // nothing; a request answered after the change proves the change was handled.
    client
        .request(
            "textDocument/hover",
            json!({ "textDocument": { "uri": file_uri(&util) }, "position": { "line": 0, "character": 0 } }),
        )
        .await;
    assert_eq!(statuses(&client), before);
    assert!(
        client
            .notifications
            .iter()
            .all(|notification| notification["params"]["uri"] != file_uri(&util)),
        "{:#?}",
        client.notifications
    );

    let using =
        format!("import {{ invoke }} from \"@tauri-apps/api/core\";\n{plain}invoke(\"greet\");\n");
    client.change(&util, 3, &using).await;
    client
        .wait_for("tauri-acl/status", |params| params["busy"] == true)
        .await;
    client.diagnostics(&util, Some(3)).await;
    client.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn our_editor_features_stay_out_of_scripts() {
    let (app, mut client) = usage_app().await;
    let main = app.path().join("usage-app/src/main.ts");
    let text = std::fs::read_to_string(&main).unwrap();
    client.open(&main, &text).await;
    client.diagnostics(&main, Some(1)).await;
    let document = json!({ "uri": file_uri(&main) });
    // Inside the string of `invoke<string>("greet", …)`, where a capability's entry
    // would complete, hover and go to definition.
    let line = text
        .lines()
        .position(|line| line.contains("\"greet\""))
        .unwrap();
    let character = text.lines().nth(line).unwrap().find("greet").unwrap() + 2;
    let position = json!({ "line": line, "character": character });
    let at_position = json!({ "textDocument": document, "position": position });
    for (method, context) in [
        ("textDocument/completion", json!({ "triggerKind": 1 })),
        ("textDocument/hover", Value::Null),
        ("textDocument/definition", Value::Null),
        (
            "textDocument/references",
            json!({ "includeDeclaration": true }),
        ),
        ("textDocument/prepareRename", Value::Null),
    ] {
        let mut params = at_position.clone();
        if !context.is_null() {
            params["context"] = context;
        }
        assert_eq!(
            client.request(method, params).await,
            Value::Null,
            "{method}"
        );
    }
    let whole =
        json!({ "start": { "line": 0, "character": 0 }, "end": { "line": 20, "character": 0 } });
    for (method, params) in [
        (
            "textDocument/documentSymbol",
            json!({ "textDocument": document }),
        ),
        (
            "textDocument/documentLink",
            json!({ "textDocument": document }),
        ),
        ("textDocument/codeLens", json!({ "textDocument": document })),
        (
            "textDocument/semanticTokens/full",
            json!({ "textDocument": document }),
        ),
        (
            "textDocument/inlayHint",
            json!({ "textDocument": document, "range": whole }),
        ),
    ] {
        assert_eq!(
            client.request(method, params).await,
            Value::Null,
            "{method}"
        );
    }
    // Only quick fixes: no refactor, and no `source.fixAll` an editor could run on save.
    let actions = client
        .request(
            "textDocument/codeAction",
            json!({ "textDocument": document, "range": whole, "context": { "diagnostics": [] } }),
        )
        .await;
    let kinds: Vec<&Value> = actions
        .as_array()
        .map(|actions| actions.iter().map(|action| &action["kind"]).collect())
        .unwrap_or_default();
    assert!(kinds.iter().all(|kind| *kind == "quickfix"), "{actions:#}");
    client.shutdown().await;
}

/// The text of `path` with a position at the first occurrence of `needle` (plus two
/// characters, inside the literal).
fn position_of(text: &str, needle: &str) -> Value {
    let offset = text
        .find(needle)
        .unwrap_or_else(|| panic!("{needle} not found"))
        + 2;
    let line = text[..offset].matches('\n').count();
    let character = offset - text[..offset].rfind('\n').map_or(0, |newline| newline + 1);
    json!({ "line": line, "character": character })
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_capability_says_how_much_of_it_the_frontend_uses() {
    let (app, mut client) = usage_app().await;
    let capability = app
        .path()
        .join("usage-app/src-tauri/capabilities/default.json");
    let text = std::fs::read_to_string(&capability).unwrap();
    client.open(&capability, &text).await;
    let lenses = client
        .request(
            "textDocument/codeLens",
            json!({ "textDocument": { "uri": file_uri(&capability) } }),
        )
        .await;
    let titles: Vec<String> = lenses
        .as_array()
        .unwrap()
        .iter()
        .map(|lens| {
            format!(
                "{}: {}",
                lens["range"]["start"]["line"],
                lens["command"]["title"].as_str().unwrap_or("")
            )
        })
        .collect();
    insta::assert_snapshot!("usage_app_code_lenses", titles.join("\n"));

    // Hover on entries: one the frontend calls, one of the app's own, one nobody calls.
    let root = app.path().to_str().unwrap().to_owned();
    let mut hovers = String::new();
    for entry in [
        "\"fs:allow-read-text-file\"",
        "\"allow-greet\"",
        "\"shell:allow-open\"",
    ] {
        let hover = client
            .request(
                "textDocument/hover",
                json!({ "textDocument": { "uri": file_uri(&capability) }, "position": position_of(&text, entry) }),
            )
            .await;
        let markdown = hover["contents"]["value"].as_str().unwrap_or("no hover");
        hovers.push_str(&format!(
            "## {entry}\n{}\n\n",
            markdown.replace(&root, "<tmp>")
        ));
    }
    insta::assert_snapshot!("usage_app_entry_hovers", hovers);
    client.shutdown().await;
}

/// The codes of `diagnostics` with their start lines (zero-based), sorted.
fn codes_at(diagnostics: &[Value]) -> Vec<String> {
    let mut codes: Vec<String> = diagnostics
        .iter()
        .map(|diagnostic| {
            format!(
                "{}@{}",
                diagnostic["code"].as_str().unwrap_or(""),
                diagnostic["range"]["start"]["line"]
            )
        })
        .collect();
    codes.sort();
    codes
}

/// A script's `ungranted-call` follows edits of the capability, a capability's
/// `unused-permission` follows edits of the script, neither of the two edited; and the
/// quick fix offered on the script's call writes into the capability.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn findings_across_a_script_and_a_capability_follow_edits_of_either() {
    let (app, mut client) = usage_app().await;
    let main = app.path().join("usage-app/src/main.ts");
    let capability = app
        .path()
        .join("usage-app/src-tauri/capabilities/default.json");
    let main_text = std::fs::read_to_string(&main).unwrap();
    let capability_text = std::fs::read_to_string(&capability).unwrap();
    client.open(&main, &main_text).await;
    let on_main = client.diagnostics(&main, Some(1)).await;
    let export_line = main_text
        .lines()
        .position(|line| line.contains("export_notes"))
        .unwrap();
    let ungranted_export = format!("ungranted-call@{export_line}");
    assert!(
        codes_at(&on_main).contains(&ungranted_export),
        "{on_main:#?}"
    );
    let ungranted = on_main
        .iter()
        .find(|diagnostic| {
            diagnostic["code"] == "ungranted-call"
                && diagnostic["range"]["start"]["line"] == export_line
        })
        .unwrap();
    assert_eq!(ungranted["severity"], 2, "a warning");
    client.open(&capability, &capability_text).await;
    let on_capability = client.diagnostics(&capability, Some(1)).await;
    let shell_line = capability_text
        .lines()
        .position(|line| line.contains("shell:allow-open"))
        .unwrap();
    assert!(
        codes_at(&on_capability).contains(&format!("unused-permission@{shell_line}")),
        "{on_capability:#?}"
    );

    // The quick fix on the script's call adds the permission to the capability.
    let actions = client
        .request(
            "textDocument/codeAction",
            json!({ "textDocument": { "uri": file_uri(&main) }, "range": ungranted["range"], "context": { "diagnostics": [ungranted] } }),
        )
        .await;
    let fix = actions
        .as_array()
        .and_then(|actions| actions.iter().find(|action| action["kind"] == "quickfix"))
        .unwrap_or_else(|| panic!("{actions:#}"));
    let edited: Vec<&String> = fix["edit"]["changes"]
        .as_object()
        .map(|changes| changes.keys().collect())
        .unwrap_or_default();
    assert_eq!(edited, [&file_uri(&capability)], "{fix:#}");

    // Granting the command in the capability clears that warning in the script.
    let granted = capability_text.replace(
        "\"allow-greet\",",
        "\"allow-greet\",\n    \"allow-export-notes\",",
    );
    assert_ne!(granted, capability_text);
    // (A round may publish older findings first: wait for the ones that follow the edit;
    // `wait_for` fails the test when they never come.)
    client.change(&capability, 2, &granted).await;
    client
        .wait_for("textDocument/publishDiagnostics", |params| {
            params["uri"] == file_uri(&main)
                && params["version"] == 1
                && !codes_at(params["diagnostics"].as_array().unwrap()).contains(&ungranted_export)
        })
        .await;

    // Calling `plugin:shell|open` from the script makes `shell:allow-open` used.
    let opening = main_text.replace(
        "start();",
        "start();\ninvoke(\"plugin:shell|open\", { path: \"https://tauri.app\" });",
    );
    client.change(&main, 2, &opening).await;
    let unused_shell = format!("unused-permission@{}", shell_line + 1);
    client
        .wait_for("textDocument/publishDiagnostics", |params| {
            params["uri"] == file_uri(&capability)
                && params["version"] == 2
                && !codes_at(params["diagnostics"].as_array().unwrap()).contains(&unused_shell)
        })
        .await;
    client.shutdown().await;
}

/// A script that stops mentioning Tauri's API leaves its app (the loader keeps no other
/// script, so the editor re-reads the app to agree with `check`), and what was
/// published on it is cleared.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_script_that_leaves_its_app_gets_its_diagnostics_cleared() {
    let (app, mut client) = usage_app().await;
    let util = app.path().join("usage-app/src/util.ts");
    // It calls Tauri through the app's wrapper `call` (src/api.ts); the comment is what
    // makes the loader read it.
    let through_wrapper = "import { call } from \"./api\";\n// @tauri-apps/api, through ./api\ncall(\"missing_command\");\n";
    std::fs::write(&util, through_wrapper).unwrap();
    client.open(&util, through_wrapper).await;
    let ungranted = |params: &Value| {
        params["diagnostics"]
            .as_array()
            .is_some_and(|list| list.iter().any(|d| d["code"] == "ungranted-call"))
    };
    client
        .wait_for("textDocument/publishDiagnostics", |params| {
            params["uri"] == file_uri(&util) && ungranted(params)
        })
        .await;
    // Without Tauri's API or an import of the app's wrappers the loader would not read
    // it: the app is re-read without it, and its diagnostics are cleared.
    let silent = "const nothing = \"missing_command\";\n";
    client.change(&util, 2, silent).await;
    client
        .wait_for("tauri-acl/status", |params| params["busy"] == true)
        .await;
    client
        .wait_for("textDocument/publishDiagnostics", |params| {
            params["uri"] == file_uri(&util) && params["diagnostics"] == json!([])
        })
        .await;
    client.shutdown().await;
}
