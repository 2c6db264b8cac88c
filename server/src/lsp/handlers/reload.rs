//! Re-reading the workspace after a change that a single file's new text cannot express:
//! a permission manifest, a config, `Cargo.lock`, `acl-manifests.json`, a new file.
//!
//! Reloads are debounced and run on a blocking thread; a reload that a newer request
//! superseded is dropped. Edits that arrive while a reload runs are applied on top of its
//! result, so the snapshot always matches the open documents.

use std::time::Duration;

use crate::lsp::Server;
use crate::lsp::session::load;

const DEBOUNCE: Duration = Duration::from_millis(100);

pub fn schedule_reload(server: &Server) {
    let generation = {
        let mut session = server.lock();
        session.reload_generation += 1;
        session.reload_generation
    };
    let server = server.clone();
    tokio::spawn(async move {
        tokio::time::sleep(DEBOUNCE).await;
        let (roots, options) = {
            let session = server.lock();
            if session.reload_generation != generation || session.shutting_down {
                return;
            }
            (session.roots.clone(), session.load_options())
        };
        super::status::publish_busy(&server).await;
        let Ok(workspace) = tokio::task::spawn_blocking(move || load(&roots, &options)).await
        else {
            tracing::error!("reloading the workspace panicked");
            super::status::publish_error(&server, "reloading the workspace failed").await;
            return;
        };
        {
            let mut session = server.lock();
            if session.reload_generation != generation {
                return;
            }
            session.adopt(workspace);
        }
        // The status first: a client sees the new counts before the diagnostics they
        // explain, however fast those are computed.
        super::status::publish(&server).await;
        publish_all(&server);
        // Usage lenses read the whole app, which changed under every open capability.
        super::code_lens::schedule_refresh(&server);
    });
}

/// Recomputes the diagnostics of every open document (or asks a pulling client to).
pub fn publish_all(server: &Server) {
    let (pull, uris): (bool, Vec<_>) = {
        let session = server.lock();
        (
            session.client.pull_diagnostics,
            session.documents.keys().cloned().collect(),
        )
    };
    if pull {
        let client = server.client.clone();
        tokio::spawn(async move {
            let _ = tokio::time::timeout(
                Duration::from_secs(5),
                client.workspace_diagnostic_refresh(),
            )
            .await;
        });
        return;
    }
    for uri in uris {
        super::diagnostics::schedule(server, uri);
    }
}
