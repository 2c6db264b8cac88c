//! `tauri-acl lsp`: the language server, over stdio.
//!
//! Built on `tower-lsp-server`, which runs handlers concurrently. Ordering is kept by
//! the rule in [`session`]: a notification changes the state synchronously before its
//! first `.await`, and requests work on an immutable snapshot. Logs go to stderr;
//! stdout belongs to the protocol.
//!
//! Invariant: this module and `cli` are the only ones that know a protocol; everything
//! Tauri-specific is a call into `ide`.

pub mod convert;
pub mod documents;
pub mod handlers;
mod server;
pub mod session;

pub use server::Server;

use tower_lsp_server::{ClientSocket, LspService};

/// The service, for running over any transport (tests use in-memory pipes).
pub fn service() -> (LspService<Server>, ClientSocket) {
    LspService::build(Server::new)
        .custom_method("tauri-acl/explain", Server::explain_request)
        .finish()
}

/// Serves the protocol on stdin/stdout until the client exits; returns the exit code.
pub fn run() -> i32 {
    let directives = log_directives(std::env::var("TAURI_ACL_LOG").ok().as_deref());
    let filter = tracing_subscriber::EnvFilter::try_new(&directives)
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new(log_directives(None)));
    let _ = tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .with_ansi(false)
        .with_env_filter(filter)
        .try_init();
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(error) => {
            eprintln!("error: cannot start the async runtime: {error}");
            return 2;
        }
    };
    runtime.block_on(async {
        let (service, socket) = service();
        tower_lsp_server::Server::new(tokio::io::stdin(), tokio::io::stdout(), socket)
            .serve(service)
            .await;
    });
    0
}

/// The log filter for `TAURI_ACL_LOG`. A bare level (what the editor settings offer)
/// applies to this crate; the libraries under it stay at `warn` unless the level is
/// stricter, because their INFO lines are routine (tower-lsp-server logs each cancelled
/// request) and editors show stderr lines as the server's complaints. Anything else is
/// taken as `tracing` directives, as written.
fn log_directives(value: Option<&str>) -> String {
    let value = value.map(str::trim).unwrap_or_default();
    let level = if value.is_empty() { "info" } else { value };
    match level.to_ascii_lowercase().as_str() {
        "off" | "error" | "warn" => level.to_owned(),
        bare @ ("info" | "debug" | "trace") => format!("warn,tauri_acl={bare}"),
        _ => level.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::log_directives;

    #[test]
    fn a_bare_level_keeps_the_libraries_routine_lines_out() {
        assert_eq!(log_directives(None), "warn,tauri_acl=info");
        assert_eq!(log_directives(Some("")), "warn,tauri_acl=info");
        assert_eq!(log_directives(Some("info")), "warn,tauri_acl=info");
        assert_eq!(log_directives(Some("DEBUG")), "warn,tauri_acl=debug");
        assert_eq!(log_directives(Some("trace")), "warn,tauri_acl=trace");
        assert_eq!(log_directives(Some("error")), "error");
        assert_eq!(log_directives(Some("warn")), "warn");
    }

    #[test]
    fn directives_are_taken_as_written() {
        assert_eq!(
            log_directives(Some("debug,tower_lsp_server=info")),
            "debug,tower_lsp_server=info"
        );
    }

    /// tower-lsp-server's "successfully cancelled request" is an INFO line from another
    /// crate: the default filter drops it and keeps this crate's INFO lines.
    #[test]
    fn the_default_filter_drops_the_cancellation_lines() {
        use std::sync::{Arc, Mutex};
        use tracing_subscriber::fmt::MakeWriter;

        #[derive(Clone, Default)]
        struct Captured(Arc<Mutex<Vec<u8>>>);
        impl std::io::Write for Captured {
            fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
                self.0.lock().unwrap().extend_from_slice(bytes);
                Ok(bytes.len())
            }
            fn flush(&mut self) -> std::io::Result<()> {
                Ok(())
            }
        }
        impl<'a> MakeWriter<'a> for Captured {
            type Writer = Captured;
            fn make_writer(&'a self) -> Self::Writer {
                self.clone()
            }
        }

        let captured = Captured::default();
        let subscriber = tracing_subscriber::fmt()
            .with_writer(captured.clone())
            .with_ansi(false)
            .with_env_filter(tracing_subscriber::EnvFilter::new(log_directives(Some(
                "info",
            ))))
            .finish();
        tracing::subscriber::with_default(subscriber, || {
            tracing::info!(target: "tower_lsp_server::service::pending", "successfully cancelled request with ID: 7");
            tracing::info!(target: "tauri_acl::lsp", "indexed 1 app");
            tracing::warn!(target: "tower_lsp_server::server", "not implemented");
        });
        let text = String::from_utf8(captured.0.lock().unwrap().clone()).unwrap();
        assert!(!text.contains("cancelled"), "{text}");
        assert!(text.contains("indexed 1 app"), "{text}");
        assert!(text.contains("not implemented"), "{text}");
    }
}
