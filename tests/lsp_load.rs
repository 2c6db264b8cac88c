//! The language server under load, in process: 1,000 random incremental edits in UTF-16
//! (emoji and surrogate pairs, `\n`, `\r\n` and lone `\r` line breaks) with completion,
//! hover and diagnostic requests interleaved; `$/cancelRequest`; `shutdown` with
//! requests still running.

mod common;

use std::path::PathBuf;
use std::time::Instant;

use common::lsp::{LspClient, copy_fixture, file_uri, minimal_capabilities};
use serde_json::{Value, json};

/// The LSP position of byte `offset` in `text`, in UTF-16 code units, with LSP's three
/// line breaks (`\n`, `\r\n`, a lone `\r`).
fn position(text: &str, offset: usize) -> Value {
    let mut line = 0;
    let mut line_start = 0;
    for (index, ch) in text[..offset].char_indices() {
        let is_break = match ch {
            '\n' => true,
            // A `\r` before `\n` is half of one break; the `\n` counts it.
            '\r' => !text[index + 1..].starts_with('\n'),
            _ => false,
        };
        if is_break {
            line += 1;
            line_start = index + 1;
        }
    }
    let character = text[line_start..offset].encode_utf16().count();
    json!({ "line": line, "character": character })
}

/// A small deterministic generator, so a failure replays.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, bound: usize) -> usize {
        (self.next() % bound as u64) as usize
    }
}

const MARKER: &str = "\"permissions\": [\"";

/// The byte range of the permission identifier (inside its quotes).
fn identifier_range(text: &str) -> (usize, usize) {
    let start = text.find(MARKER).unwrap() + MARKER.len();
    let end = start + text[start..].find('"').unwrap();
    (start, end)
}

/// Every symbol name in a `documentSymbol` answer, depth first.
fn symbol_names(symbols: &Value, names: &mut Vec<String>) {
    for symbol in symbols.as_array().into_iter().flatten() {
        if let Some(name) = symbol["name"].as_str() {
            names.push(name.to_owned());
        }
        symbol_names(&symbol["children"], names);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn random_utf16_edits_leave_the_server_with_the_clients_text() {
    let app = copy_fixture("demo-app");
    let path = app.path().join("demo-app/src-tauri/capabilities/load.json");
    let mut text = String::from(
        "{\n  \"identifier\": \"load\",\n  \"windows\": [\"main\"],\n  \"permissions\": [\"fs:default\"]\n}\n",
    );
    std::fs::write(&path, &text).unwrap();
    let mut capabilities = minimal_capabilities(&["utf-16"]);
    capabilities["textDocument"]["diagnostic"] = json!({ "dynamicRegistration": false });
    let mut client = LspClient::in_process();
    client
        .initialize(app.path(), capabilities, Value::Null)
        .await;
    client.open(&path, &text).await;

    let pieces = ["a", "b", "-", ":", "é", "😀", "𐍈", "Z", "1"];
    let breaks = ["\n", "\r\n", "\r", "  "];
    let mut rng = Rng(0x5eed_1234_abcd_0001);
    // (request id, expected range of the identifier's string token)
    let mut diagnostic_requests: Vec<(i64, Value)> = Vec::new();
    let mut other_requests = Vec::new();
    for round in 0..1000u32 {
        let (start, end, new_text) = if rng.below(5) == 0 {
            // Whitespace before the first key: inserts or removes a line break.
            let after_brace = 1;
            if rng.below(2) == 0 {
                (after_brace, after_brace, breaks[rng.below(breaks.len())])
            } else if text[after_brace..].starts_with("\r\n") {
                (after_brace, after_brace + 2, "")
            } else if text[after_brace..].starts_with(['\n', '\r', ' ']) {
                (after_brace, after_brace + 1, "")
            } else {
                (after_brace, after_brace, "\n")
            }
        } else {
            // Inside the identifier: insert a piece, or remove one character (a surrogate
            // pair in UTF-16 is removed whole).
            let (from, to) = identifier_range(&text);
            let boundaries: Vec<usize> = text[from..to]
                .char_indices()
                .map(|(index, _)| from + index)
                .chain([to])
                .collect();
            let at = boundaries[rng.below(boundaries.len())];
            if rng.below(3) == 0 && at < to {
                let width = text[at..].chars().next().unwrap().len_utf8();
                (at, at + width, "")
            } else {
                (at, at, pieces[rng.below(pieces.len())])
            }
        };
        let range = json!({ "start": position(&text, start), "end": position(&text, end) });
        text.replace_range(start..end, new_text);
        client
            .notify(
                "textDocument/didChange",
                json!({
                    "textDocument": { "uri": file_uri(&path), "version": round + 2 },
                    "contentChanges": [{ "range": range, "text": new_text }],
                }),
            )
            .await;
        let (from, to) = identifier_range(&text);
        let inside = position(&text, from);
        if round % 7 == 0 {
            other_requests.push(
                client
                    .send_request(
                        "textDocument/hover",
                        json!({ "textDocument": { "uri": file_uri(&path) }, "position": inside }),
                    )
                    .await,
            );
        }
        if round % 11 == 0 {
            other_requests.push(
                client
                    .send_request(
                        "textDocument/completion",
                        json!({ "textDocument": { "uri": file_uri(&path) }, "position": inside }),
                    )
                    .await,
            );
        }
        if round % 50 == 49 {
            let id = client
                .send_request(
                    "textDocument/diagnostic",
                    json!({ "textDocument": { "uri": file_uri(&path) } }),
                )
                .await;
            let token =
                json!({ "start": position(&text, from - 1), "end": position(&text, to + 1) });
            diagnostic_requests.push((id, token));
        }
    }
    for id in other_requests {
        let response = client.response(id).await;
        assert!(response.get("error").is_none(), "{response}");
    }
    // Each diagnostic answer describes the text as it was when the request was sent: the
    // finding on the (by now rarely valid) identifier sits exactly on its string token,
    // whose line and UTF-16 columns moved with every edit before the request.
    let mut located = 0;
    for (id, token) in &diagnostic_requests {
        let response = client.response(*id).await;
        let items = response["result"]["items"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        let on_entry: Vec<&Value> = items
            .iter()
            .filter(|item| {
                matches!(
                    item["code"].as_str(),
                    Some("unknown-permission" | "unknown-plugin" | "invalid-identifier")
                )
            })
            .collect();
        for item in &on_entry {
            assert_eq!(&item["range"], token, "request {id}: {items:#?}");
            located += 1;
        }
    }
    assert!(
        located >= 10,
        "too few findings to check positions: {located}"
    );

    // The server's text is the client's: its symbols name the identifier exactly, and
    // its diagnostics place it where the client's text has it.
    let (from, to) = identifier_range(&text);
    let identifier = text[from..to].to_owned();
    let symbols = client
        .request(
            "textDocument/documentSymbol",
            json!({ "textDocument": { "uri": file_uri(&path) } }),
        )
        .await;
    let mut names = Vec::new();
    symbol_names(&symbols, &mut names);
    assert!(
        names.contains(&identifier),
        "no symbol named {identifier:?}: {names:?}"
    );
    let items = client.pull_diagnostics(&path).await;
    let token = json!({ "start": position(&text, from - 1), "end": position(&text, to + 1) });
    if identifier != "fs:default" {
        assert!(
            items.iter().any(|item| item["range"] == token),
            "no finding at {token} for {identifier:?}: {items:#?}"
        );
    }
    client.shutdown().await;
}

/// Request + cancellation pairs sent per method.
const CANCEL_ATTEMPTS: usize = 40;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_cancelled_request_is_answered_with_request_cancelled() {
    let (_app, path, text, mut client) = open_demo_capability().await;
    let line = text
        .lines()
        .position(|line| line.contains("core:default"))
        .unwrap();
    let column = text
        .lines()
        .nth(line)
        .unwrap()
        .find("core:default")
        .unwrap()
        + 2;
    let params = json!({
        "textDocument": { "uri": file_uri(&path) },
        "position": { "line": line, "character": column },
    });
    for method in [
        "textDocument/hover",
        "textDocument/completion",
        "tauri-acl/explain",
    ] {
        let params = if method == "tauri-acl/explain" {
            json!({})
        } else {
            params.clone()
        };
        // The request and its cancellation reach the server in one write, but the LSP
        // allows an answer that was ready before the cancellation was read, and a fast
        // handler on an idle machine sometimes is. So each attempt must end in either
        // a real answer or -32800, and cancellation must win at least once.
        let mut cancelled = 0;
        let mut answered = 0;
        for _ in 0..CANCEL_ATTEMPTS {
            let id = client.send_request_and_cancel(method, params.clone()).await;
            let response = client.response(id).await;
            if response.get("error").is_some() {
                assert_eq!(
                    response["error"]["code"], -32800,
                    "{method} failed instead of being cancelled: {response}"
                );
                cancelled += 1;
            } else {
                assert!(
                    !response["result"].is_null(),
                    "{method} answered nothing: {response}"
                );
                answered += 1;
            }
        }
        println!("{method}: {cancelled} cancelled, {answered} answered before the cancellation");
        assert!(
            cancelled > 0,
            "{method} was never cancelled in {CANCEL_ATTEMPTS} attempts"
        );
        // The server goes on: the same request, not cancelled, is answered.
        let answer = client.request(method, params).await;
        assert!(!answer.is_null(), "{method} gave nothing");
    }
    client.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn shutdown_is_answered_with_requests_in_flight() {
    let (_app, path, text, mut client) = open_demo_capability().await;
    let mut in_flight = Vec::new();
    for version in 2..40 {
        client
            .notify(
                "textDocument/didChange",
                json!({ "textDocument": { "uri": file_uri(&path), "version": version }, "contentChanges": [{ "text": format!("{text}\n") }] }),
            )
            .await;
        in_flight.push(client.send_request("tauri-acl/explain", json!({})).await);
        in_flight.push(
            client
                .send_request(
                    "textDocument/diagnostic",
                    json!({ "textDocument": { "uri": file_uri(&path) } }),
                )
                .await,
        );
    }
    let start = Instant::now();
    let shutdown = client.send_request("shutdown", Value::Null).await;
    // `response` fails the test after common::lsp::TIMEOUT without an answer.
    let answer = client.response(shutdown).await;
    let elapsed = start.elapsed();
    assert!(answer.get("error").is_none(), "{answer}");
    assert_eq!(answer["result"], Value::Null);
    eprintln!(
        "shutdown answered after {elapsed:?} with {} requests sent before it",
        in_flight.len()
    );
    // Every request sent before `shutdown` was answered too (a result, or an error once
    // the server shut down), none left hanging.
    for id in in_flight {
        let response = client.response(id).await;
        assert!(
            response.get("result").is_some() || response.get("error").is_some(),
            "{response}"
        );
    }
    client.notify("exit", Value::Null).await;
}

/// A copy of the demo app (dropped with the returned guard), an in-process server
/// initialized on it in UTF-16, and its `default.json` opened.
async fn open_demo_capability() -> (tempfile::TempDir, PathBuf, String, LspClient) {
    let app = copy_fixture("demo-app");
    let path = app
        .path()
        .join("demo-app/src-tauri/capabilities/default.json");
    let text = std::fs::read_to_string(&path).unwrap();
    let mut client = LspClient::in_process();
    client
        .initialize(app.path(), minimal_capabilities(&["utf-16"]), Value::Null)
        .await;
    client.open(&path, &text).await;
    (app, path, text, client)
}
