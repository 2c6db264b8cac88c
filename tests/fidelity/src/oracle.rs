//! Tauri's resolver in a child process.
//!
//! tauri-utils' `Resolved::resolve` recurses through permission sets without a visited
//! set, so a cycle overflows its stack and aborts the whole process. The `tauri-oracle`
//! binary therefore does the resolving: it reads one JSON request per line on stdin (a
//! new manifest table, or a capability to resolve on a target) and answers each
//! resolution with one JSON line. [`Oracle`] drives it from the test: when the child
//! dies in the middle of a job, that job's answer is [`Answer::Crashed`], and the next
//! job gets a fresh child with the same manifests.

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Write};
use std::path::PathBuf;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::time::Duration;

use serde::{Deserialize, Serialize};
use tauri_utils::acl::capability::Capability;
use tauri_utils::acl::manifest::Manifest;
use tauri_utils::acl::resolved::Resolved;
use tauri_utils::acl::{ExecutionContext, Value};
use tauri_utils::platform::Target;

use crate::normal::{Acl, CommandRow, canonical_list};

/// How long one resolution may take before the child is killed and the job counted as
/// a hang. Real resolutions take microseconds.
const JOB_TIMEOUT: Duration = Duration::from_secs(60);

#[derive(Debug, Serialize, Deserialize)]
pub enum Request {
    /// The plugin manifests for the following jobs (Tauri's `BTreeMap<String, Manifest>`).
    Manifests(serde_json::Value),
    /// Resolve one capability (tauri-utils' `Capability`, as JSON) on a target.
    Resolve {
        capability: serde_json::Value,
        target: String,
    },
}

/// What Tauri did with one capability.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Answer {
    Resolved(Acl),
    /// `Resolved::resolve` returned an error: Tauri's build fails with this message.
    Failed(String),
    /// Tauri panicked: its build fails.
    Panicked(String),
    /// The process died (a stack overflow aborts it) or hung: its build fails.
    Crashed(String),
}

impl Answer {
    pub fn is_resolved(&self) -> bool {
        matches!(self, Answer::Resolved(_))
    }

    /// A short description of a failure.
    pub fn describe(&self) -> String {
        match self {
            Answer::Resolved(acl) => format!("resolved ({} commands)", acl.commands.len()),
            Answer::Failed(message) => format!("fails: {message}"),
            Answer::Panicked(message) => format!("panics: {message}"),
            Answer::Crashed(message) => format!("crashes: {message}"),
        }
    }
}

/// The `tauri-oracle` process's loop: answers every request on `input` on `output`.
pub fn serve(input: impl BufRead, mut output: impl Write) -> std::io::Result<()> {
    // Panics are answers here; their default report would only clutter the test output.
    std::panic::set_hook(Box::new(|_| {}));
    let mut manifests: BTreeMap<String, Manifest> = BTreeMap::new();
    for line in input.lines() {
        let line = line?;
        let request: Request = serde_json::from_str(&line)
            .map_err(|error| std::io::Error::new(std::io::ErrorKind::InvalidData, error))?;
        match request {
            Request::Manifests(value) => {
                manifests = serde_json::from_value(value)
                    .map_err(|error| std::io::Error::new(std::io::ErrorKind::InvalidData, error))?;
            }
            Request::Resolve { capability, target } => {
                let answer = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                    resolve(&manifests, capability, &target)
                }))
                .unwrap_or_else(|payload| Answer::Panicked(panic_message(payload.as_ref())));
                let mut text = serde_json::to_string(&answer)?;
                text.push('\n');
                output.write_all(text.as_bytes())?;
                output.flush()?;
            }
        }
    }
    Ok(())
}

fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<String>()
        .cloned()
        .or_else(|| {
            payload
                .downcast_ref::<&str>()
                .map(|text| (*text).to_owned())
        })
        .unwrap_or_else(|| "a panic without a message".to_owned())
}

fn resolve(
    manifests: &BTreeMap<String, Manifest>,
    capability: serde_json::Value,
    target: &str,
) -> Answer {
    let capability: Capability = match serde_json::from_value(capability) {
        Ok(capability) => capability,
        Err(error) => return Answer::Failed(format!("capability does not deserialize: {error}")),
    };
    let target: Target = match serde_json::from_value(serde_json::Value::from(target)) {
        Ok(target) => target,
        Err(error) => return Answer::Failed(format!("unknown target: {error}")),
    };
    let capabilities = BTreeMap::from([(capability.identifier.clone(), capability)]);
    match Resolved::resolve(manifests, capabilities, target) {
        Ok(resolved) => Answer::Resolved(normalize(&resolved)),
        Err(error) => Answer::Failed(error.to_string()),
    }
}

fn json(values: &[Value]) -> Vec<serde_json::Value> {
    values
        .iter()
        .cloned()
        .map(serde_json::Value::from)
        .collect()
}

/// Tauri's `Resolved` in the normal form.
pub fn normalize(resolved: &Resolved) -> Acl {
    let mut acl = Acl::default();
    for (deny, commands) in [
        (false, &resolved.allowed_commands),
        (true, &resolved.denied_commands),
    ] {
        for (command, list) in commands {
            for resolved_command in list {
                let context = match &resolved_command.context {
                    ExecutionContext::Local => "local".to_owned(),
                    ExecutionContext::Remote { url } => url.as_str().to_owned(),
                };
                let scope = resolved_command
                    .scope_id
                    .and_then(|id| resolved.command_scope.get(&id))
                    .map(|scope| {
                        (
                            canonical_list(&json(&scope.allow)),
                            canonical_list(&json(&scope.deny)),
                        )
                    });
                acl.commands.push(CommandRow {
                    command: command.clone(),
                    deny,
                    context,
                    windows: resolved_command
                        .windows
                        .iter()
                        .map(|pattern| pattern.as_str().to_owned())
                        .collect(),
                    webviews: resolved_command
                        .webviews
                        .iter()
                        .map(|pattern| pattern.as_str().to_owned())
                        .collect(),
                    scope,
                });
            }
        }
    }
    for (key, scope) in &resolved.global_scope {
        acl.global_scope.insert(
            key.clone(),
            (
                canonical_list(&json(&scope.allow)),
                canonical_list(&json(&scope.deny)),
            ),
        );
    }
    acl.sort();
    acl
}

/// A running `tauri-oracle` process.
struct Worker {
    child: Child,
    stdin: ChildStdin,
    lines: Receiver<String>,
}

/// The test's handle on the oracle process.
pub struct Oracle {
    program: PathBuf,
    worker: Option<Worker>,
    /// The current manifest request, sent again to each new process.
    manifests: Option<String>,
    /// How many times the process died and was started again.
    pub restarts: usize,
}

impl Oracle {
    pub fn new(program: impl Into<PathBuf>) -> Oracle {
        Oracle {
            program: program.into(),
            worker: None,
            manifests: None,
            restarts: 0,
        }
    }

    /// Sets the plugin manifests for the following resolutions.
    pub fn set_manifests(&mut self, manifests: &BTreeMap<String, Manifest>) {
        let value = serde_json::to_value(manifests).expect("manifests serialize");
        let line = serde_json::to_string(&Request::Manifests(value)).expect("request serializes");
        self.manifests = Some(line.clone());
        if let Some(worker) = &mut self.worker
            && send(&mut worker.stdin, &line).is_err()
        {
            self.stop();
        }
    }

    /// Resolves `capability` on `target` (a Tauri platform name) with Tauri.
    pub fn resolve(&mut self, capability: &Capability, target: &str) -> Answer {
        let capability = serde_json::to_value(capability).expect("capabilities serialize");
        let request = serde_json::to_string(&Request::Resolve {
            capability,
            target: target.to_owned(),
        })
        .expect("request serializes");
        let worker = match self.worker() {
            Ok(worker) => worker,
            Err(error) => return Answer::Crashed(format!("cannot start tauri-oracle: {error}")),
        };
        if send(&mut worker.stdin, &request).is_err() {
            return self.crashed();
        }
        match worker.lines.recv_timeout(JOB_TIMEOUT) {
            Ok(line) => match serde_json::from_str(&line) {
                Ok(answer) => answer,
                Err(error) => {
                    self.stop();
                    Answer::Crashed(format!("unreadable answer {line:?}: {error}"))
                }
            },
            Err(RecvTimeoutError::Timeout) => {
                self.stop();
                self.restarts += 1;
                Answer::Crashed(format!("no answer within {}s", JOB_TIMEOUT.as_secs()))
            }
            Err(RecvTimeoutError::Disconnected) => self.crashed(),
        }
    }

    fn worker(&mut self) -> std::io::Result<&mut Worker> {
        if self.worker.is_none() {
            let mut child = Command::new(&self.program)
                .stdin(Stdio::piped())
                .stdout(Stdio::piped())
                // A stack overflow reports itself on stderr; the exit status says enough.
                .stderr(Stdio::null())
                .spawn()?;
            let mut stdin = child.stdin.take().expect("piped stdin");
            let stdout = child.stdout.take().expect("piped stdout");
            let (sender, lines) = mpsc::channel();
            std::thread::spawn(move || {
                for line in BufReader::new(stdout).lines() {
                    let Ok(line) = line else { break };
                    if sender.send(line).is_err() {
                        break;
                    }
                }
            });
            if let Some(manifests) = &self.manifests {
                send(&mut stdin, manifests)?;
            }
            self.worker = Some(Worker {
                child,
                stdin,
                lines,
            });
        }
        Ok(self.worker.as_mut().expect("just started"))
    }

    /// The process died during a job: reap it and describe how it ended.
    fn crashed(&mut self) -> Answer {
        let Some(mut worker) = self.worker.take() else {
            return Answer::Crashed("the process is gone".to_owned());
        };
        drop(worker.stdin);
        let status = worker.child.wait();
        self.restarts += 1;
        Answer::Crashed(match status {
            Ok(status) => describe_exit(status),
            Err(error) => format!("cannot wait for the process: {error}"),
        })
    }

    fn stop(&mut self) {
        if let Some(mut worker) = self.worker.take() {
            let _ = worker.child.kill();
            let _ = worker.child.wait();
        }
    }
}

impl Drop for Oracle {
    fn drop(&mut self) {
        self.stop();
    }
}

fn send(stdin: &mut ChildStdin, line: &str) -> std::io::Result<()> {
    stdin.write_all(line.as_bytes())?;
    stdin.write_all(b"\n")?;
    stdin.flush()
}

fn describe_exit(status: std::process::ExitStatus) -> String {
    #[cfg(unix)]
    {
        use std::os::unix::process::ExitStatusExt;
        if let Some(signal) = status.signal() {
            let name = match signal {
                6 => " (SIGABRT: Rust aborts this way on a stack overflow)",
                11 => " (SIGSEGV)",
                _ => "",
            };
            return format!("killed by signal {signal}{name}");
        }
    }
    format!("exited with {status}")
}
