//! A test LSP client: speaks JSON-RPC with Content-Length framing to the server, either
//! in process over `tokio::io::duplex` pipes or to the real binary over stdio.
//!
//! Requests from the server (`workspace/configuration`, `client/registerCapability`,
//! refreshes) are answered automatically and recorded; notifications are queued and read
//! with [`LspClient::wait_for`]. Results are plain `serde_json::Value`s, so tests compare
//! JSON and key order never matters.

#![allow(dead_code)]

use std::collections::VecDeque;
use std::time::Duration;

use serde_json::{Value, json};
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWrite, AsyncWriteExt, BufReader};

pub type Reader = Box<dyn tokio::io::AsyncRead + Unpin + Send>;
pub type Writer = Box<dyn AsyncWrite + Unpin + Send>;

pub struct LspClient {
    reader: BufReader<Reader>,
    writer: Writer,
    next_id: i64,
    /// Notifications received and not yet consumed.
    pub notifications: VecDeque<Value>,
    /// Requests the server sent us, in order.
    pub server_requests: Vec<Value>,
    /// Responses read while waiting for another one, by id.
    responses: std::collections::HashMap<i64, Value>,
    /// The ids of responses in the order they arrived.
    pub response_order: Vec<i64>,
    /// What to answer to `workspace/configuration`.
    pub configuration: Value,
    /// The method of every notification received, consumed or not, in order.
    pub notification_methods: Vec<String>,
}

pub const TIMEOUT: Duration = Duration::from_secs(20);

impl LspClient {
    /// Starts the server in this process.
    pub fn in_process() -> LspClient {
        let (client_side, server_side) = tokio::io::duplex(1 << 22);
        let (server_read, server_write) = tokio::io::split(server_side);
        let (service, socket) = tauri_acl::lsp::service();
        tokio::spawn(
            tower_lsp_server::Server::new(server_read, server_write, socket).serve(service),
        );
        let (client_read, client_write) = tokio::io::split(client_side);
        LspClient::new(Box::new(client_read), Box::new(client_write))
    }

    pub fn new(reader: Reader, writer: Writer) -> LspClient {
        LspClient {
            reader: BufReader::new(reader),
            writer,
            next_id: 1,
            notifications: VecDeque::new(),
            server_requests: Vec::new(),
            responses: std::collections::HashMap::new(),
            response_order: Vec::new(),
            configuration: Value::Null,
            notification_methods: Vec::new(),
        }
    }

    async fn send(&mut self, message: &Value) {
        let body = serde_json::to_vec(message).unwrap();
        let header = format!("Content-Length: {}\r\n\r\n", body.len());
        self.writer.write_all(header.as_bytes()).await.unwrap();
        self.writer.write_all(&body).await.unwrap();
        self.writer.flush().await.unwrap();
    }

    async fn read_message(&mut self) -> Value {
        let mut length = None;
        loop {
            let mut line = String::new();
            let read = self.reader.read_line(&mut line).await.unwrap();
            assert!(read > 0, "the server closed the connection");
            let line = line.trim_end();
            if line.is_empty() {
                break;
            }
            if let Some(value) = line.strip_prefix("Content-Length: ") {
                length = Some(value.parse::<usize>().unwrap());
            }
        }
        let mut body = vec![0; length.expect("a Content-Length header")];
        self.reader.read_exact(&mut body).await.unwrap();
        serde_json::from_slice(&body).unwrap()
    }

    /// Reads one message and handles it: answers server requests, queues notifications,
    /// returns responses.
    async fn pump(&mut self) -> Option<Value> {
        let Ok(message) = tokio::time::timeout(TIMEOUT, self.read_message()).await else {
            panic!(
                "the server sent nothing for {TIMEOUT:?}; unread notifications: {:#?}",
                self.notifications
            );
        };
        if message.get("method").is_some() && message.get("id").is_some() {
            let result = match message["method"].as_str() {
                Some("workspace/configuration") => {
                    let count = message["params"]["items"].as_array().map_or(1, Vec::len);
                    Value::Array(vec![self.configuration.clone(); count])
                }
                _ => Value::Null,
            };
            let id = message["id"].clone();
            self.server_requests.push(message);
            self.send(&json!({ "jsonrpc": "2.0", "id": id, "result": result }))
                .await;
            None
        } else if let Some(method) = message["method"].as_str() {
            self.notification_methods.push(method.to_owned());
            self.notifications.push_back(message);
            None
        } else {
            Some(message)
        }
    }

    /// Sends a request and a cancellation of it in one write, so the server reads both
    /// before it runs the request; returns the request's id.
    pub async fn send_request_and_cancel(&mut self, method: &str, params: Value) -> i64 {
        let id = self.next_id;
        self.next_id += 1;
        let mut bytes = Vec::new();
        for message in [
            json!({ "jsonrpc": "2.0", "id": id, "method": method, "params": params }),
            json!({ "jsonrpc": "2.0", "method": "$/cancelRequest", "params": { "id": id } }),
        ] {
            let body = serde_json::to_vec(&message).unwrap();
            bytes.extend_from_slice(format!("Content-Length: {}\r\n\r\n", body.len()).as_bytes());
            bytes.extend_from_slice(&body);
        }
        self.writer.write_all(&bytes).await.unwrap();
        self.writer.flush().await.unwrap();
        id
    }

    /// Sends a request without waiting; returns its id.
    pub async fn send_request(&mut self, method: &str, params: Value) -> i64 {
        let id = self.next_id;
        self.next_id += 1;
        self.send(&json!({ "jsonrpc": "2.0", "id": id, "method": method, "params": params }))
            .await;
        id
    }

    /// Waits for the response to request `id`, keeping others for later.
    pub async fn response(&mut self, id: i64) -> Value {
        loop {
            if let Some(response) = self.responses.remove(&id) {
                return response;
            }
            if let Some(response) = self.pump().await {
                let response_id = response["id"].as_i64().expect("a numeric id");
                self.response_order.push(response_id);
                self.responses.insert(response_id, response);
            }
        }
    }

    /// Sends a request and returns its `result` (panics on an error response).
    pub async fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.send_request(method, params).await;
        let response = self.response(id).await;
        assert!(
            response.get("error").is_none(),
            "{method} failed: {response}"
        );
        response["result"].clone()
    }

    pub async fn notify(&mut self, method: &str, params: Value) {
        self.send(&json!({ "jsonrpc": "2.0", "method": method, "params": params }))
            .await;
    }

    /// Waits for a notification `method` for which `matches` holds, consuming it and
    /// everything queued before it.
    pub async fn wait_for(&mut self, method: &str, matches: impl Fn(&Value) -> bool) -> Value {
        loop {
            while let Some(notification) = self.notifications.pop_front() {
                if notification["method"] == method && matches(&notification["params"]) {
                    return notification["params"].clone();
                }
            }
            let _ = self.pump().await;
        }
    }

    /// `initialize` + `initialized` with the given client capabilities and options.
    pub async fn initialize(
        &mut self,
        root: &std::path::Path,
        capabilities: Value,
        options: Value,
    ) -> Value {
        let uri = file_uri(root);
        let result = self
            .request(
                "initialize",
                json!({
                    "processId": null,
                    "rootUri": uri,
                    "capabilities": capabilities,
                    "workspaceFolders": [{ "uri": uri, "name": "root" }],
                    "initializationOptions": options,
                }),
            )
            .await;
        self.notify("initialized", json!({})).await;
        result
    }

    pub async fn open(&mut self, path: &std::path::Path, text: &str) {
        let language = match path.extension().and_then(|ext| ext.to_str()) {
            Some("toml") => "toml",
            Some("json5") => "json5",
            Some("ts" | "mts" | "cts") => "typescript",
            Some("tsx") => "typescriptreact",
            Some("js" | "mjs" | "cjs") => "javascript",
            Some("jsx") => "javascriptreact",
            Some(other @ ("vue" | "svelte" | "astro")) => other,
            _ => "json",
        };
        self.notify(
            "textDocument/didOpen",
            json!({ "textDocument": { "uri": file_uri(path), "languageId": language, "version": 1, "text": text } }),
        )
        .await;
    }

    /// Waits for published diagnostics of `path` (at `version`, when given).
    pub async fn diagnostics(
        &mut self,
        path: &std::path::Path,
        version: Option<i64>,
    ) -> Vec<Value> {
        let uri = file_uri(path);
        let params = self
            .wait_for("textDocument/publishDiagnostics", |params| {
                params["uri"] == uri.as_str()
                    && version.is_none_or(|version| params["version"] == version)
            })
            .await;
        params["diagnostics"]
            .as_array()
            .cloned()
            .unwrap_or_default()
    }

    /// Pulls the diagnostics of `path` (`textDocument/diagnostic`): the report's items.
    pub async fn pull_diagnostics(&mut self, path: &std::path::Path) -> Vec<Value> {
        let report = self
            .request(
                "textDocument/diagnostic",
                json!({ "textDocument": { "uri": file_uri(path) } }),
            )
            .await;
        report["items"].as_array().cloned().unwrap_or_default()
    }

    /// Replaces the whole text of an open document.
    pub async fn change(&mut self, path: &std::path::Path, version: i64, text: &str) {
        self.notify(
            "textDocument/didChange",
            json!({ "textDocument": { "uri": file_uri(path), "version": version }, "contentChanges": [{ "text": text }] }),
        )
        .await;
    }

    pub async fn shutdown(&mut self) {
        self.request("shutdown", Value::Null).await;
        self.notify("exit", Value::Null).await;
    }
}

/// The codes of diagnostics, in order.
pub fn codes(diagnostics: &[Value]) -> Vec<String> {
    diagnostics
        .iter()
        .map(|diagnostic| diagnostic["code"].as_str().unwrap_or("").to_owned())
        .collect()
}

pub fn file_uri(path: &std::path::Path) -> String {
    let text = path.to_str().unwrap();
    let encoded: String = text
        .chars()
        .map(|ch| match ch {
            ' ' => "%20".to_owned(),
            _ => ch.to_string(),
        })
        .collect();
    format!("file://{encoded}")
}

/// VS Code-like client capabilities: UTF-16 only, pushed diagnostics, snippets.
pub fn vscode_capabilities() -> Value {
    json!({
        "general": { "positionEncodings": ["utf-16"] },
        "workspace": {
            "configuration": true,
            "didChangeWatchedFiles": { "dynamicRegistration": true },
            "workspaceFolders": true,
        },
        "textDocument": {
            "synchronization": { "didSave": true, "dynamicRegistration": true },
            "completion": { "completionItem": { "snippetSupport": true } },
            "hover": { "contentFormat": ["markdown", "plaintext"] },
            "publishDiagnostics": { "relatedInformation": true, "versionSupport": true, "tagSupport": { "valueSet": [1, 2] } },
        }
    })
}

/// A client that offers UTF-8 positions and watches nothing for the server.
pub fn minimal_capabilities(encodings: &[&str]) -> Value {
    json!({
        "general": { "positionEncodings": encodings },
        "textDocument": { "publishDiagnostics": { "versionSupport": true } },
    })
}

/// Copies a fixture app into a temporary directory, with its cargo home, so a test may
/// change files on disk.
pub fn copy_fixture(app: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let fixtures = super::repo_root().join("fixtures");
    copy_dir(&fixtures.join(app), &dir.path().join(app));
    copy_dir(&fixtures.join("cargo-home"), &dir.path().join("cargo-home"));
    dir
}

fn copy_dir(from: &std::path::Path, to: &std::path::Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}
