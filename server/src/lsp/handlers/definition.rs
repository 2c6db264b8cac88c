//! `textDocument/definition`: jumps to where a permission, set, capability or window
//! label is defined. Also holds [`file_position`], the position lookup the navigation
//! handlers (hover, references, rename) share.

use tower_lsp_server::jsonrpc::{Error, Result};
use tower_lsp_server::ls_types::*;

use crate::ide::FilePosition;
use crate::ide::goto_definition::goto_definition;
use crate::lsp::Server;
use crate::lsp::convert;
use crate::lsp::server::Snapshot;
use crate::lsp::session::ClientSupport;

pub fn capability(_support: &ClientSupport) -> Option<OneOf<bool, DefinitionOptions>> {
    Some(OneOf::Left(true))
}

pub async fn handle_goto_definition(
    server: &Server,
    params: GotoDefinitionParams,
) -> Result<Option<GotoDefinitionResponse>> {
    let snapshot = server.snapshot();
    let params = params.text_document_position_params;
    let Some(position) = file_position(&snapshot, &params.text_document.uri, params.position)
    else {
        return Ok(None);
    };
    let encoding = snapshot.encoding;
    let world = snapshot.world;
    let locations = tokio::task::spawn_blocking(move || {
        goto_definition(&world, position)
            .into_iter()
            .filter_map(|target| {
                convert::location(
                    &world.workspace,
                    crate::ide::FileRange {
                        file: target.file,
                        range: target.focus_range,
                    },
                    encoding,
                )
            })
            .collect::<Vec<_>>()
    })
    .await
    .map_err(|error| internal_error("textDocument/definition", &error))?;
    Ok((!locations.is_empty()).then_some(GotoDefinitionResponse::Array(locations)))
}

/// The snapshot's file and byte offset for an LSP position; `None` (logged at debug) for
/// a document the snapshot does not know.
pub(super) fn file_position(
    snapshot: &Snapshot,
    uri: &Uri,
    position: Position,
) -> Option<FilePosition> {
    let workspace = &snapshot.world.workspace;
    let Some(file) = convert::path_from_uri(uri).and_then(|path| workspace.file_id(&path)) else {
        tracing::debug!("{} is not part of any Tauri app", uri.as_str());
        return None;
    };
    Some(FilePosition {
        file,
        offset: convert::offset(workspace, file, position, snapshot.encoding),
    })
}

/// The answer to a request whose computation panicked.
pub(super) fn internal_error(method: &str, error: &tokio::task::JoinError) -> Error {
    tracing::error!("{method} failed: {error}");
    Error::internal_error()
}
