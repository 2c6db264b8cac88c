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
    let _ = tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .with_ansi(false)
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("TAURI_ACL_LOG")
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info")),
        )
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
