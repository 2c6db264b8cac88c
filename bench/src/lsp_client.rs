//! A small blocking LSP client for the real `tauri-acl lsp` binary over stdio, made for
//! timing: a reader thread frames messages, stamps each with the instant its body was
//! read (before JSON parsing, so the client's own parsing does not count), and answers
//! the server's requests (`workspace/configuration`, `client/registerCapability`) itself.
//!
//! Learned from `tests/common/lsp.rs`, which is async and made for asserting instead.

use std::collections::{HashMap, VecDeque};
use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

/// How long any single wait may take before the run is called stuck.
pub const TIMEOUT: Duration = Duration::from_secs(60);

pub struct LspProcess {
    child: Child,
    writer: Arc<Mutex<ChildStdin>>,
    incoming: Receiver<(Instant, Value)>,
    next_id: i64,
    responses: HashMap<i64, (Instant, Value)>,
    notifications: VecDeque<(Instant, Value)>,
}

fn write_message(writer: &Mutex<ChildStdin>, message: &Value) -> std::io::Result<Instant> {
    let body = serde_json::to_vec(message)?;
    let mut writer = writer
        .lock()
        .map_err(|_| std::io::Error::other("writer lock poisoned"))?;
    let sent = Instant::now();
    write!(writer, "Content-Length: {}\r\n\r\n", body.len())?;
    writer.write_all(&body)?;
    writer.flush()?;
    Ok(sent)
}

fn read_message(reader: &mut impl BufRead) -> Option<(Instant, Vec<u8>)> {
    let mut length = None;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).ok()? == 0 {
            return None;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some(value) = line.strip_prefix("Content-Length: ") {
            length = value.parse::<usize>().ok();
        }
    }
    let mut body = vec![0; length?];
    reader.read_exact(&mut body).ok()?;
    Some((Instant::now(), body))
}

impl LspProcess {
    /// Starts `binary lsp`, its log going to `log`.
    pub fn spawn(binary: &Path, log: &Path) -> Result<LspProcess, String> {
        let log_file = std::fs::File::create(log).map_err(|error| error.to_string())?;
        let mut child = Command::new(binary)
            .arg("lsp")
            .env("TAURI_ACL_LOG", "warn")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::from(log_file))
            .spawn()
            .map_err(|error| format!("starting {}: {error}", binary.display()))?;
        let stdin = child.stdin.take().ok_or("no stdin")?;
        let stdout = child.stdout.take().ok_or("no stdout")?;
        let writer = Arc::new(Mutex::new(stdin));
        let (sender, incoming) = channel();
        let answer = writer.clone();
        std::thread::spawn(move || {
            let mut reader = BufReader::with_capacity(1 << 20, stdout);
            while let Some((at, body)) = read_message(&mut reader) {
                let Ok(message) = serde_json::from_slice::<Value>(&body) else {
                    continue;
                };
                if message.get("method").is_some() && message.get("id").is_some() {
                    let result = match message["method"].as_str() {
                        Some("workspace/configuration") => {
                            let count = message["params"]["items"].as_array().map_or(1, Vec::len);
                            Value::Array(vec![Value::Null; count])
                        }
                        _ => Value::Null,
                    };
                    let reply = json!({ "jsonrpc": "2.0", "id": message["id"], "result": result });
                    let _ = write_message(&answer, &reply);
                    continue;
                }
                if sender.send((at, message)).is_err() {
                    break;
                }
            }
        });
        Ok(LspProcess {
            child,
            writer,
            incoming,
            next_id: 1,
            responses: HashMap::new(),
            notifications: VecDeque::new(),
        })
    }

    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    fn receive(&mut self, deadline: Instant) -> Result<(), String> {
        let left = deadline.saturating_duration_since(Instant::now());
        match self.incoming.recv_timeout(left) {
            Ok((at, message)) => {
                if message.get("method").is_some() {
                    // Keep a bounded backlog: old notifications nobody waited for.
                    if self.notifications.len() > 10_000 {
                        self.notifications.pop_front();
                    }
                    self.notifications.push_back((at, message));
                } else if let Some(id) = message["id"].as_i64() {
                    self.responses.insert(id, (at, message));
                }
                Ok(())
            }
            Err(RecvTimeoutError::Timeout) => Err("the server did not answer in time".to_owned()),
            Err(RecvTimeoutError::Disconnected) => Err("the server closed its output".to_owned()),
        }
    }

    /// Sends a request; returns its id and the instant it was sent.
    pub fn send_request(&mut self, method: &str, params: Value) -> Result<(i64, Instant), String> {
        let id = self.next_id;
        self.next_id += 1;
        let message = json!({ "jsonrpc": "2.0", "id": id, "method": method, "params": params });
        let sent = write_message(&self.writer, &message).map_err(|error| error.to_string())?;
        Ok((id, sent))
    }

    /// Waits for the response to `id`; returns when it arrived and its `result`.
    pub fn response(&mut self, id: i64) -> Result<(Instant, Value), String> {
        let deadline = Instant::now() + TIMEOUT;
        loop {
            if let Some((at, response)) = self.responses.remove(&id) {
                if let Some(error) = response.get("error") {
                    return Err(format!("request {id} failed: {error}"));
                }
                return Ok((at, response["result"].clone()));
            }
            self.receive(deadline)?;
        }
    }

    /// Sends a request and waits; returns the round trip and the `result`.
    pub fn request(&mut self, method: &str, params: Value) -> Result<(Duration, Value), String> {
        let (id, sent) = self.send_request(method, params)?;
        let (at, result) = self.response(id)?;
        Ok((at.saturating_duration_since(sent), result))
    }

    /// Sends a notification; returns the instant it was sent.
    pub fn notify(&mut self, method: &str, params: Value) -> Result<Instant, String> {
        let message = json!({ "jsonrpc": "2.0", "method": method, "params": params });
        write_message(&self.writer, &message).map_err(|error| error.to_string())
    }

    /// Waits for a notification `method` whose params satisfy `matches`, consuming it;
    /// others stay queued.
    pub fn wait_for(
        &mut self,
        method: &str,
        matches: impl Fn(&Value) -> bool,
    ) -> Result<(Instant, Value), String> {
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let found = self.notifications.iter().position(|(_, notification)| {
                notification["method"] == method && matches(&notification["params"])
            });
            if let Some((at, notification)) =
                found.and_then(|index| self.notifications.remove(index))
            {
                return Ok((at, notification["params"].clone()));
            }
            if let Err(error) = self.receive(deadline) {
                let seen: Vec<String> = self
                    .notifications
                    .iter()
                    .map(|(_, message)| message.to_string().chars().take(200).collect())
                    .collect();
                return Err(format!("waiting for {method}: {error}; unread: {seen:?}"));
            }
        }
    }

    /// Published diagnostics of `uri` at `version`.
    pub fn diagnostics(&mut self, uri: &str, version: i64) -> Result<(Instant, Value), String> {
        self.wait_for("textDocument/publishDiagnostics", |params| {
            params["uri"] == uri && params["version"] == version
        })
    }

    /// `VmRSS` and `VmHWM` of the server, in KiB, from `/proc/<pid>/status`.
    pub fn memory_kib(&self) -> Option<(u64, u64)> {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.pid())).ok()?;
        let field = |name: &str| {
            status
                .lines()
                .find(|line| line.starts_with(name))
                .and_then(|line| line.split_whitespace().nth(1))
                .and_then(|value| value.parse::<u64>().ok())
        };
        Some((field("VmRSS:")?, field("VmHWM:")?))
    }

    /// `shutdown`, `exit`, and waits for the process to end.
    pub fn shutdown(mut self) -> Result<(), String> {
        self.request("shutdown", Value::Null)?;
        self.notify("exit", Value::Null)?;
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                return Ok(());
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
        Err("the server did not exit after `exit`".to_owned())
    }
}

impl Drop for LspProcess {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

/// A `file://` URI for an absolute path, with the characters editors escape escaped.
pub fn file_uri(path: &Path) -> String {
    let mut uri = String::from("file://");
    for byte in path.to_string_lossy().bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'/' | b'-' | b'_' | b'.' | b'~' => {
                uri.push(byte as char)
            }
            _ => uri.push_str(&format!("%{byte:02X}")),
        }
    }
    uri
}

/// VS Code's client capabilities, in the parts the server reads.
pub fn vscode_capabilities() -> Value {
    json!({
        "general": { "positionEncodings": ["utf-16"] },
        "workspace": {
            "configuration": true,
            "didChangeWatchedFiles": { "dynamicRegistration": true },
            "workspaceEdit": { "documentChanges": true, "resourceOperations": ["create", "rename", "delete"] }
        },
        "textDocument": {
            "synchronization": { "dynamicRegistration": false, "didSave": true },
            "completion": { "completionItem": { "snippetSupport": true, "labelDetailsSupport": true } },
            "hover": { "contentFormat": ["markdown", "plaintext"] },
            "publishDiagnostics": { "relatedInformation": true, "versionSupport": true, "codeDescriptionSupport": true, "dataSupport": true }
        }
    })
}
