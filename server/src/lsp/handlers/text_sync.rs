//! `textDocument/didOpen`, `didChange` and `didClose`.
//!
//! Each applies its change and derives the next snapshot synchronously, before any
//! `.await` (these handlers have none), so a later notification can never overtake it.
//! A capability file's new text is enough for a new snapshot, and so is a frontend
//! script's (only that script is parsed again) unless its window labels changed; any
//! other file (a permission manifest, a config) changes what its app means, so the app
//! is reloaded in the background, debounced. A script the workspace has not read (it
//! did not mention Tauri's API) reloads its app once it does.

use tower_lsp_server::ls_types::*;

use super::{code_lens, diagnostics, reload};
use crate::lsp::Server;
use crate::lsp::convert;
use crate::lsp::documents::Document;
use crate::lsp::session::Session;
use crate::workspace::{FileKind, watched};

pub fn handle_did_open(server: &Server, params: DidOpenTextDocumentParams) {
    let document = params.text_document;
    let (needs_reload, script) = {
        let mut session = server.lock();
        session.documents.insert(
            document.uri.clone(),
            Document::new(&document.text, document.version),
        );
        let needs_reload = update_world(&mut session, &document.uri, &document.text);
        (needs_reload, is_script(&session, &document.uri))
    };
    if needs_reload {
        reload::schedule_reload(server);
    } else if script {
        code_lens::schedule_refresh(server);
    }
    diagnostics::schedule_with_dependents(server, document.uri);
}

pub fn handle_did_change(server: &Server, params: DidChangeTextDocumentParams) {
    let uri = params.text_document.uri;
    let (needs_reload, script) = {
        let mut session = server.lock();
        let encoding = session.encoding();
        let Some(document) = session.documents.get_mut(&uri) else {
            tracing::debug!(
                "didChange for a document that is not open: {}",
                uri.as_str()
            );
            return;
        };
        for change in &params.content_changes {
            document.apply(change, encoding);
        }
        document.version = params.text_document.version;
        document.generation += 1;
        let text = document.text();
        let needs_reload = update_world(&mut session, &uri, &text);
        (needs_reload, is_script(&session, &uri))
    };
    if needs_reload {
        reload::schedule_reload(server);
    } else if script {
        code_lens::schedule_refresh(server);
    }
    diagnostics::schedule_with_dependents(server, uri);
}

pub fn handle_did_close(server: &Server, params: DidCloseTextDocumentParams) {
    let uri = params.text_document.uri;
    let (known, published) = {
        let mut session = server.lock();
        session.documents.remove(&uri);
        let known = convert::path_from_uri(&uri)
            .is_some_and(|path| session.world.workspace.file_id(&path).is_some());
        (known, session.published.contains(&uri))
    };
    // The file on disk is the truth again.
    if known {
        reload::schedule_reload(server);
    }
    if known || published {
        diagnostics::clear(server, uri);
    }
}

/// Whether the document is a frontend script of the snapshot.
fn is_script(session: &Session, uri: &Uri) -> bool {
    let workspace = &session.world.workspace;
    convert::file_id(workspace, uri)
        .is_some_and(|file| workspace.file(file).kind == FileKind::Frontend)
}

/// Puts `text` into the snapshot; returns whether the document's app must be reloaded.
fn update_world(session: &mut Session, uri: &Uri, text: &str) -> bool {
    let Some(path) = convert::path_from_uri(uri) else {
        return false;
    };
    let workspace = session.world.workspace.clone();
    match workspace.file_id(&path) {
        Some(file) => {
            if workspace.file(file).text != text {
                let next = workspace.with_text(file, text);
                let complete = workspace.is_complete_after_edit(file, &next);
                session.world.workspace = std::sync::Arc::new(next);
                return !complete;
            }
            false
        }
        // A file the workspace has not read: maybe a new capability or permission file,
        // or a script that now uses Tauri's API.
        None if watched::is_frontend_script(&path) => watched::frontend_script_matters(&path, text),
        None => watched::matters(&path),
    }
}
