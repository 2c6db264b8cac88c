//! Publishing diagnostics: pushed per document, with the document's version, and
//! dropped when a newer change arrived meanwhile; or pulled with `textDocument/diagnostic`
//! when the client supports it (then nothing is pushed).
//!
//! Pushed diagnostics are computed by at most one task at a time. A change marks its
//! document due; an idle server starts computing at once, so a keystroke's diagnostics
//! cost the checks and nothing more. Changes that arrive while a round is running wait
//! for the next round, which takes every due document against the newest snapshot and
//! checks each app once for all of them: typing faster than the checks run costs one
//! round at a time rather than a pile of parallel ones, and opening many documents, or a
//! reload, costs one check of the app rather than one per document.

use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::*;

use crate::ide::diagnostics::{file_diagnostics, files_diagnostics};
use crate::lsp::Server;
use crate::lsp::convert;
use crate::lsp::session::Session;
use crate::workspace::FileKind;

/// Marks `uri`'s diagnostics due and makes sure a round will compute them.
pub fn schedule(server: &Server, uri: Uri) {
    schedule_all(server, |_| vec![uri]);
}

/// Marks `uri` due together with the open documents of its app whose findings read it:
/// a capability's text decides which frontend calls are granted (`ungranted-call`, in
/// the scripts), and a script's text which grants are used (`unused-permission`, in the
/// capabilities) and, through the wrappers it exports, what other scripts call.
pub fn schedule_with_dependents(server: &Server, uri: Uri) {
    schedule_all(server, |session| {
        let mut uris = dependents(session, &uri);
        uris.push(uri);
        uris
    });
}

fn dependents(session: &Session, uri: &Uri) -> Vec<Uri> {
    let workspace = &session.world.workspace;
    let Some(file) = convert::file_id(workspace, uri) else {
        return Vec::new();
    };
    let Some(app) = workspace.app_of(file) else {
        return Vec::new();
    };
    let reads = |other: FileKind| match workspace.file(file).kind {
        FileKind::Capability => other == FileKind::Frontend,
        FileKind::Frontend => matches!(other, FileKind::Capability | FileKind::Frontend),
        _ => false,
    };
    session
        .documents
        .keys()
        .filter(|other| *other != uri)
        .filter(|other| {
            convert::file_id(workspace, other)
                .is_some_and(|other| app.contains(other) && reads(workspace.file(other).kind))
        })
        .cloned()
        .collect()
}

/// Marks the documents `due` names due, in one lock, and starts a round unless one runs.
fn schedule_all(server: &Server, due: impl FnOnce(&Session) -> Vec<Uri>) {
    {
        let mut session = server.lock();
        if session.client.pull_diagnostics {
            return;
        }
        let uris = due(&session);
        session.diagnostics_due.extend(uris);
        if session.diagnostics_running {
            return;
        }
        session.diagnostics_running = true;
    }
    let server = server.clone();
    tokio::spawn(async move {
        // Lets notifications already received (the rest of a multi-part edit) join the
        // first round.
        tokio::task::yield_now().await;
        while run_round(&server).await {}
    });
}

/// One document of a round: where it is, and the version its diagnostics are for.
struct Due {
    uri: Uri,
    file: crate::workspace::FileId,
    version: i32,
    generation: u64,
}

/// Computes and publishes the diagnostics of every due document; returns false (and
/// marks the server idle) when nothing was due.
async fn run_round(server: &Server) -> bool {
    let (world, encoding, due, left) = {
        let mut session = server.lock();
        if session.diagnostics_due.is_empty() {
            session.diagnostics_running = false;
            return false;
        }
        let uris: Vec<Uri> = session.diagnostics_due.drain().collect();
        let world = session.world.clone();
        let mut due: Vec<Due> = Vec::new();
        let mut left: Vec<(Uri, i32)> = Vec::new();
        for uri in uris {
            let Some(document) = session.documents.get(&uri) else {
                continue;
            };
            let file = convert::file_id(&world.workspace, &uri)
                .filter(|file| world.workspace.app_of(*file).is_some());
            match file {
                Some(file) => due.push(Due {
                    file,
                    version: document.version,
                    generation: document.generation,
                    uri,
                }),
                // A document that left its app (a script that no longer mentions
                // Tauri's API, after a reload): what was published on it is void.
                None if session.published.contains(&uri) => {
                    left.push((uri, document.version));
                }
                None => {}
            }
        }
        for (uri, _) in &left {
            session.published.remove(uri);
        }
        (world, session.encoding(), due, left)
    };
    for (uri, version) in left {
        server
            .client
            .publish_diagnostics(uri, Vec::new(), Some(version))
            .await;
    }
    if due.is_empty() {
        return true;
    }
    let files: Vec<_> = due.iter().map(|document| document.file).collect();
    let computed = tokio::task::spawn_blocking(move || {
        files_diagnostics(&world, &files)
            .iter()
            .map(|found| {
                found
                    .iter()
                    .map(|diagnostic| convert::diagnostic(&world.workspace, diagnostic, encoding))
                    .collect::<Vec<_>>()
            })
            .collect::<Vec<_>>()
    })
    .await;
    let Ok(computed) = computed else {
        tracing::error!("computing diagnostics panicked");
        return true;
    };
    for (document, diagnostics) in due.into_iter().zip(computed) {
        let current = {
            let mut session = server.lock();
            let current = session
                .documents
                .get(&document.uri)
                .is_some_and(|open| open.generation == document.generation);
            if current {
                session.published.insert(document.uri.clone());
            }
            current
        };
        if current {
            server
                .client
                .publish_diagnostics(document.uri, diagnostics, Some(document.version))
                .await;
        }
    }
    true
}

/// Removes a closed document's diagnostics.
pub fn clear(server: &Server, uri: Uri) {
    {
        let mut session = server.lock();
        session.published.remove(&uri);
        if session.client.pull_diagnostics {
            return;
        }
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
