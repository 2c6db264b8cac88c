//! A hostile workspace: its `.cargo/config.toml` points `build.rustc` and
//! `build.rustc-wrapper` at a script that leaves a marker file, its `build.rs` would do
//! the same, and fake `cargo`, `rustc` and `rustup` programs first on `PATH` would too.
//! Indexing, `check`, `check --fix`, `explain` and every language-server request must
//! leave no marker: nothing from the workspace, and no cargo, is ever run.
//!
//! Network: the runs are traced with `strace` (socket and connect calls) when it works
//! here, and must open no internet socket; they also run inside a fresh network
//! namespace with no interface (`unshare -rn`) when the machine allows it, and must
//! still work. When neither is possible the test says so on stderr and checks the
//! markers only.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

use common::lsp::{LspClient, copy_fixture, file_uri, vscode_capabilities};
use serde_json::{Value, json};

const DEADLINE: Duration = Duration::from_secs(120);

struct Hostile {
    _dir: tempfile::TempDir,
    /// The folder holding `demo-app/` and `cargo-home/`.
    root: PathBuf,
    markers: PathBuf,
    bin: PathBuf,
}

/// The demo app, made hostile.
fn hostile() -> Hostile {
    let dir = copy_fixture("demo-app");
    let root = dir.path().to_path_buf();
    let markers = root.join("markers");
    let bin = root.join("bin");
    std::fs::create_dir_all(&markers).unwrap();
    std::fs::create_dir_all(&bin).unwrap();
    let script = |name: &str| {
        let path = bin.join(name);
        std::fs::write(
            &path,
            format!(
                "#!/bin/sh\ntouch \"{}/{name}-ran-$$\"\nexit 1\n",
                markers.display()
            ),
        )
        .unwrap();
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
        path
    };
    let evil = script("evil-rustc");
    for name in ["cargo", "rustc", "rustup"] {
        script(name);
    }
    let config = format!(
        "[build]\nrustc = \"{0}\"\nrustc-wrapper = \"{0}\"\n\n[target.x86_64-unknown-linux-gnu]\nrunner = \"{0}\"\n",
        evil.display()
    );
    let app = root.join("demo-app");
    for dir in [app.clone(), app.join("src-tauri")] {
        std::fs::create_dir_all(dir.join(".cargo")).unwrap();
        std::fs::write(dir.join(".cargo/config.toml"), &config).unwrap();
    }
    std::fs::write(
        app.join("src-tauri/build.rs"),
        format!(
            "fn main() {{\n    std::fs::write(\"{}/build-rs-ran\", \"\").unwrap();\n    tauri_build::build()\n}}\n",
            markers.display()
        ),
    )
    .unwrap();
    Hostile {
        _dir: dir,
        root,
        markers,
        bin,
    }
}

impl Hostile {
    fn assert_no_marker(&self, what: &str) {
        let left: Vec<String> = std::fs::read_dir(&self.markers)
            .unwrap()
            .flatten()
            .map(|entry| entry.file_name().to_string_lossy().into_owned())
            .collect();
        assert!(left.is_empty(), "{what} ran something: {left:?}");
    }

    /// The environment every run gets: the fake programs first on `PATH`.
    fn command(&self, program: &Path, args: &[&str]) -> Command {
        let mut command = Command::new(program);
        command
            .args(args)
            .current_dir(&self.root)
            .env(
                "PATH",
                format!(
                    "{}:{}",
                    self.bin.display(),
                    std::env::var("PATH").unwrap_or_default()
                ),
            )
            .env("CARGO_HOME", self.root.join("cargo-home"))
            .env("RUSTC_WRAPPER", self.bin.join("evil-rustc"))
            .env("HOME", "/nonexistent-home-for-tests")
            .env("NO_COLOR", "1");
        command
    }
}

/// How the network is watched on this machine.
#[derive(Clone, Copy, PartialEq, Debug)]
enum Watch {
    Strace,
    Namespace,
    Nothing,
}

fn works(program: &str, args: &[&str]) -> bool {
    Command::new(program)
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|status| status.success())
}

fn watches() -> Vec<Watch> {
    let mut watches = Vec::new();
    // strace counts only if it sees a socket here: bash opening a TCP connection to the
    // loopback discard port must show up in its trace.
    let probe = tempfile::NamedTempFile::new().unwrap();
    let probe_path = probe.path().display().to_string();
    works(
        "strace",
        &[
            "-f",
            "-qq",
            "-e",
            "trace=socket,connect",
            "-o",
            &probe_path,
            "bash",
            "-c",
            "exec 3<>/dev/tcp/127.0.0.1/9 || true",
        ],
    );
    if std::fs::read_to_string(probe.path()).is_ok_and(|trace| trace.contains("AF_INET")) {
        watches.push(Watch::Strace);
    }
    if works("unshare", &["-rn", "true"]) {
        watches.push(Watch::Namespace);
    }
    if watches.is_empty() {
        eprintln!(
            "hostile: neither strace nor `unshare -rn` works here: the network is not watched, only the markers are checked"
        );
        watches.push(Watch::Nothing);
    }
    watches
}

/// `program args` wrapped for `watch`; the trace goes to `trace`.
fn wrapped(watch: Watch, trace: &Path, program: &Path, args: &[&str]) -> (PathBuf, Vec<String>) {
    let mut all: Vec<String> = args.iter().map(|arg| arg.to_string()).collect();
    match watch {
        Watch::Strace => {
            let mut prefix: Vec<String> = [
                "-f",
                "-qq",
                "-e",
                "trace=socket,connect,sendto,sendmsg",
                "-o",
            ]
            .iter()
            .map(|arg| arg.to_string())
            .collect();
            prefix.push(trace.display().to_string());
            prefix.push(program.display().to_string());
            prefix.append(&mut all);
            (PathBuf::from("strace"), prefix)
        }
        Watch::Namespace => {
            let mut prefix = vec!["-rn".to_owned(), program.display().to_string()];
            prefix.append(&mut all);
            (PathBuf::from("unshare"), prefix)
        }
        Watch::Nothing => (program.to_path_buf(), all),
    }
}

/// Fails if the trace shows an internet socket.
fn assert_no_network(watch: Watch, trace: &Path, what: &str) {
    if watch != Watch::Strace {
        return;
    }
    let text = std::fs::read_to_string(trace).unwrap_or_default();
    let network: Vec<&str> = text
        .lines()
        .filter(|line| line.contains("AF_INET") || line.contains("AF_PACKET"))
        .collect();
    assert!(
        network.is_empty(),
        "{what} used the network:\n{}",
        network.join("\n")
    );
}

fn run(hostile: &Hostile, watch: Watch, args: &[&str]) {
    let trace = hostile.root.join(format!("trace-{}.txt", args[0]));
    let (program, all) = wrapped(
        watch,
        &trace,
        Path::new(env!("CARGO_BIN_EXE_tauri-acl")),
        args,
    );
    let all: Vec<&str> = all.iter().map(String::as_str).collect();
    let mut child = hostile
        .command(&program, &all)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary starts");
    let start = std::time::Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if start.elapsed() > DEADLINE {
            child.kill().ok();
            panic!("{args:?} hung");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let mut stderr = String::new();
    std::io::Read::read_to_string(&mut child.stderr.take().unwrap(), &mut stderr).ok();
    assert!(
        matches!(status.code(), Some(0 | 1)),
        "{args:?} under {watch:?}: {status:?}\n{stderr}"
    );
    assert!(!stderr.contains("panicked"), "{stderr}");
    hostile.assert_no_marker(&format!("{args:?}"));
    assert_no_network(watch, &trace, &format!("{args:?}"));
}

#[test]
fn check_and_explain_run_nothing_and_use_no_network() {
    let hostile = hostile();
    for watch in watches() {
        run(&hostile, watch, &["check", "demo-app"]);
        run(&hostile, watch, &["check", "demo-app", "--format", "json"]);
        run(
            &hostile,
            watch,
            &["explain", "demo-app", "--format", "json"],
        );
        run(&hostile, watch, &["check", "demo-app", "--fix"]);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_lsp_request_runs_nothing_and_uses_no_network() {
    let hostile = hostile();
    for watch in watches() {
        let trace = hostile.root.join("trace-lsp.txt");
        let (program, args) = wrapped(
            watch,
            &trace,
            Path::new(env!("CARGO_BIN_EXE_tauri-acl")),
            &["lsp"],
        );
        let mut command = tokio::process::Command::from(hostile.command(&program, &[]));
        let mut child = command
            .args(&args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .kill_on_drop(true)
            .spawn()
            .expect("the server starts");
        let stdin = child.stdin.take().unwrap();
        let stdout = child.stdout.take().unwrap();
        let mut client = LspClient::new(Box::new(stdout), Box::new(stdin));
        client
            .initialize(&hostile.root, vscode_capabilities(), Value::Null)
            .await;
        let app = hostile.root.join("demo-app/src-tauri");
        let files = [
            app.join("capabilities/default.json"),
            app.join("capabilities/mobile.toml"),
            app.join("permissions/greet-user.toml"),
            app.join("tauri.conf.json"),
            app.join("Cargo.toml"),
        ];
        for path in &files {
            let text = std::fs::read_to_string(path).unwrap();
            client.open(path, &text).await;
            let uri = file_uri(path);
            let document = json!({ "uri": uri });
            let whole = json!({ "start": { "line": 0, "character": 0 }, "end": { "line": 40, "character": 0 } });
            for line in [0, 3, 6, 8] {
                let at = json!({ "textDocument": document, "position": { "line": line, "character": 8 } });
                for method in [
                    "textDocument/hover",
                    "textDocument/completion",
                    "textDocument/definition",
                    "textDocument/prepareRename",
                ] {
                    client.send_request(method, at.clone()).await;
                }
                let mut references = at.clone();
                references["context"] = json!({ "includeDeclaration": true });
                client
                    .send_request("textDocument/references", references)
                    .await;
                let mut rename = at.clone();
                rename["newName"] = json!("renamed-by-test");
                client.send_request("textDocument/rename", rename).await;
            }
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
                    "textDocument/diagnostic",
                    json!({ "textDocument": document }),
                ),
                (
                    "textDocument/inlayHint",
                    json!({ "textDocument": document, "range": whole }),
                ),
                (
                    "textDocument/codeAction",
                    json!({ "textDocument": document, "range": whole, "context": { "diagnostics": [] } }),
                ),
            ] {
                client.send_request(method, params).await;
            }
            client
                .notify(
                    "textDocument/didChange",
                    json!({ "textDocument": { "uri": uri, "version": 2 }, "contentChanges": [{ "text": format!("{text}\n") }] }),
                )
                .await;
            client
                .notify("textDocument/didSave", json!({ "textDocument": document }))
                .await;
        }
        client
            .notify(
                "workspace/didChangeWatchedFiles",
                json!({ "changes": [{ "uri": file_uri(&app.join("Cargo.lock")), "type": 2 }] }),
            )
            .await;
        client
            .request("workspace/symbol", json!({ "query": "" }))
            .await;
        client.request("tauri-acl/explain", json!({})).await;
        client.shutdown().await;
        let status = tokio::time::timeout(Duration::from_secs(30), child.wait())
            .await
            .expect("the server exits after `exit`")
            .unwrap();
        assert!(status.success(), "{status:?}");
        hostile.assert_no_marker(&format!("the language server ({watch:?})"));
        assert_no_network(watch, &trace, "the language server");
    }
}
