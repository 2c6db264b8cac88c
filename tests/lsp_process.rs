//! The real `tauri-acl lsp` binary over stdio, driven like an editor would on the demo
//! app: diagnostics, completion, hover, definition, references, code actions, symbols,
//! then shutdown and exit.

mod common;

use std::process::Stdio;

use common::lsp::{LspClient, copy_fixture, file_uri, vscode_capabilities};
use serde_json::{Value, json};

/// The position of `needle` (plus `offset` characters) in `text`, in UTF-16.
fn position(text: &str, needle: &str, offset: usize) -> Value {
    let index = text
        .find(needle)
        .unwrap_or_else(|| panic!("`{needle}` not in the text"))
        + offset;
    let before = &text[..index];
    let line = before.matches('\n').count();
    let column = before.rsplit('\n').next().unwrap().encode_utf16().count();
    json!({ "line": line, "character": column })
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_binary_serves_the_demo_app() {
    let app = copy_fixture("demo-app");
    let root = app.path().join("demo-app/src-tauri");
    let mut child = tokio::process::Command::new(env!("CARGO_BIN_EXE_tauri-acl"))
        .arg("lsp")
        .env("TAURI_ACL_LOG", "warn")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .kill_on_drop(true)
        .spawn()
        .expect("the binary starts");
    let stdin = child.stdin.take().unwrap();
    let stdout = child.stdout.take().unwrap();
    let mut client = LspClient::new(Box::new(stdout), Box::new(stdin));
    let init = client
        .initialize(app.path(), vscode_capabilities(), Value::Null)
        .await;
    let capabilities = &init["capabilities"];
    for provider in [
        "completionProvider",
        "hoverProvider",
        "definitionProvider",
        "referencesProvider",
        "codeActionProvider",
        "documentSymbolProvider",
        "semanticTokensProvider",
    ] {
        assert!(
            !capabilities[provider].is_null(),
            "{provider} missing: {capabilities:#}"
        );
    }

    // Diagnostics: a typo in a permission of the default capability.
    let path = root.join("capabilities/default.json");
    let original = std::fs::read_to_string(&path).unwrap();
    let text = original.replacen("\"dialog:default\"", "\"dialog:defualt\"", 1);
    assert_ne!(text, original, "the fixture uses dialog:default");
    client.open(&path, &text).await;
    let diagnostics = client.diagnostics(&path, Some(1)).await;
    let typo = diagnostics
        .iter()
        .find(|diagnostic| diagnostic["code"] == "unknown-permission")
        .unwrap_or_else(|| panic!("{diagnostics:#?}"));
    assert_eq!(
        typo["range"]["start"],
        position(&text, "\"dialog:defualt\"", 0)
    );
    assert!(
        typo["message"]
            .as_str()
            .unwrap()
            .contains("did you mean `dialog:default`")
    );

    // The quick fix replaces the typo.
    let actions = client
        .request(
            "textDocument/codeAction",
            json!({
                "textDocument": { "uri": file_uri(&path) },
                "range": typo["range"],
                "context": { "diagnostics": [typo], "only": ["quickfix"] },
            }),
        )
        .await;
    let fix = actions
        .as_array()
        .unwrap()
        .iter()
        .find(|action| action["title"] == "Replace with `dialog:default`")
        .unwrap_or_else(|| panic!("{actions:#}"));
    assert_eq!(fix["isPreferred"], true);
    let edits = &fix["edit"]["changes"][file_uri(&path)];
    assert_eq!(edits[0]["newText"], "\"dialog:default\"");

    // Completion after `dialog:` lists the dialog plugin's permissions.
    let completion = client
        .request(
            "textDocument/completion",
            json!({ "textDocument": { "uri": file_uri(&path) }, "position": position(&text, "\"dialog:defualt\"", 8) }),
        )
        .await;
    let items = completion
        .get("items")
        .cloned()
        .unwrap_or(completion.clone());
    let labels: Vec<&str> = items
        .as_array()
        .unwrap()
        .iter()
        .map(|item| item["label"].as_str().unwrap())
        .collect();
    assert!(labels.contains(&"dialog:default"), "{labels:?}");
    assert!(labels.contains(&"dialog:allow-open"), "{labels:?}");

    // Hover on a permission shows what it grants.
    let hover = client
        .request(
            "textDocument/hover",
            json!({ "textDocument": { "uri": file_uri(&path) }, "position": position(&text, "\"core:default\"", 3) }),
        )
        .await;
    let markdown = hover["contents"]["value"]
        .as_str()
        .unwrap_or_else(|| panic!("{hover:#}"));
    assert!(markdown.contains("plugin:window|"), "{markdown}");

    // Definition of an app permission lands in the app's permissions folder.
    let definition = client
        .request(
            "textDocument/definition",
            json!({ "textDocument": { "uri": file_uri(&path) }, "position": position(&text, "\"allow-greet-user\"", 2) }),
        )
        .await;
    let target = definition
        .as_array()
        .map_or(definition.clone(), |list| list[0].clone());
    let target_uri = target["uri"]
        .as_str()
        .or_else(|| target["targetUri"].as_str())
        .unwrap();
    assert!(
        target_uri.ends_with("/permissions/greet-user.toml"),
        "{definition:#}"
    );

    // References of that permission include this use.
    let references = client
        .request(
            "textDocument/references",
            json!({
                "textDocument": { "uri": file_uri(&path) },
                "position": position(&text, "\"allow-greet-user\"", 2),
                "context": { "includeDeclaration": true },
            }),
        )
        .await;
    let uris: Vec<&str> = references
        .as_array()
        .unwrap()
        .iter()
        .map(|location| location["uri"].as_str().unwrap())
        .collect();
    assert!(uris.contains(&file_uri(&path).as_str()), "{references:#}");
    assert!(
        uris.iter().any(|uri| uri.ends_with("greet-user.toml")),
        "{references:#}"
    );

    // Document symbols outline the capability.
    let symbols = client
        .request(
            "textDocument/documentSymbol",
            json!({ "textDocument": { "uri": file_uri(&path) } }),
        )
        .await;
    assert_eq!(symbols[0]["name"], "default", "{symbols:#}");

    client.shutdown().await;
    let status = tokio::time::timeout(std::time::Duration::from_secs(5), child.wait())
        .await
        .expect("the server exits after `exit`")
        .unwrap();
    assert!(status.success(), "{status:?}");
}
