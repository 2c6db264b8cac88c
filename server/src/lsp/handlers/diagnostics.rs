//! Publishing diagnostics: pushed per document, debounced, with the document's version,
//! and dropped when a newer change arrived meanwhile; or pulled with
//! `textDocument/diagnostic` when the client supports it (then nothing is pushed).

use std::time::Duration;

use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::*;

use crate::ide::diagnostics::file_diagnostics;
use crate::lsp::Server;
use crate::lsp::convert;

/// How long a document must be left alone before its diagnostics are computed.
const DEBOUNCE: Duration = Duration::from_millis(30);

/// Computes and publishes the diagnostics of `uri` once typing pauses.
pub fn schedule(server: &Server, uri: Uri) {
    if server.lock().client.pull_diagnostics {
        return;
    }
    let server = server.clone();
    tokio::spawn(async move {
        tokio::time::sleep(DEBOUNCE).await;
        let Some(path) = convert::path_from_uri(&uri) else {
            return;
        };
        let (world, encoding, version, generation) = {
            let session = server.lock();
            let Some(document) = session.documents.get(&uri) else {
                return;
            };
            (
                session.world.clone(),
                session.encoding(),
                document.version,
                document.generation,
            )
        };
        let Some(file) = world.workspace.file_id(&path) else {
            return;
        };
        if world.workspace.app_of(file).is_none() {
            return;
        }
        let computed = tokio::task::spawn_blocking(move || {
            file_diagnostics(&world, file)
                .iter()
                .map(|diagnostic| convert::diagnostic(&world.workspace, diagnostic, encoding))
                .collect::<Vec<_>>()
        })
        .await;
        let Ok(computed) = computed else {
            tracing::error!("computing diagnostics for {} panicked", uri.as_str());
            return;
        };
        let current = server
            .lock()
            .documents
            .get(&uri)
            .is_some_and(|document| document.generation == generation);
        if current {
            server
                .client
                .publish_diagnostics(uri, computed, Some(version))
                .await;
        }
    });
}

/// Removes a closed document's diagnostics.
pub fn clear(server: &Server, uri: Uri) {
    if server.lock().client.pull_diagnostics {
        return;
    }
    let client = server.client.clone();
    tokio::spawn(async move {
        client.publish_diagnostics(uri, Vec::new(), None).await;
    });
}

pub async fn handle_diagnostic(
    server: &Server,
    params: DocumentDiagnosticParams,
) -> Result<DocumentDiagnosticReportResult> {
    let snapshot = server.snapshot();
    let uri = params.text_document.uri;
    let file =
        convert::path_from_uri(&uri).and_then(|path| snapshot.world.workspace.file_id(&path));
    let items = match file {
        Some(file) => {
            let world = snapshot.world.clone();
            let encoding = snapshot.encoding;
            tokio::task::spawn_blocking(move || {
                file_diagnostics(&world, file)
                    .iter()
                    .map(|diagnostic| convert::diagnostic(&world.workspace, diagnostic, encoding))
                    .collect::<Vec<_>>()
            })
            .await
            .unwrap_or_default()
        }
        None => Vec::new(),
    };
    Ok(DocumentDiagnosticReportResult::Report(
        DocumentDiagnosticReport::Full(RelatedFullDocumentDiagnosticReport {
            related_documents: None,
            full_document_diagnostic_report: FullDocumentDiagnosticReport {
                result_id: None,
                items,
            },
        }),
    ))
}
