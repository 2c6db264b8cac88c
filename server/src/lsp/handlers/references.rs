//! `textDocument/references`: every use of a permission, set, capability or window label.

use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::*;

use crate::ide::references::references;
use crate::lsp::Server;
use crate::lsp::convert;
use crate::lsp::session::ClientSupport;

pub fn capability(_support: &ClientSupport) -> Option<OneOf<bool, ReferenceOptions>> {
    Some(OneOf::Left(true))
}

pub async fn handle_references(
    server: &Server,
    params: ReferenceParams,
) -> Result<Option<Vec<Location>>> {
    let snapshot = server.snapshot();
    let include_declaration = params.context.include_declaration;
    let params = params.text_document_position;
    let Some(position) =
        convert::file_position(&snapshot, &params.text_document.uri, params.position)
    else {
        return Ok(None);
    };
    let encoding = snapshot.encoding;
    let world = snapshot.world;
    let locations = tokio::task::spawn_blocking(move || {
        references(&world, position, include_declaration)
            .into_iter()
            .filter_map(|range| convert::location(&world.workspace, range, encoding))
            .collect::<Vec<_>>()
    })
    .await
    .map_err(|error| convert::internal_error("textDocument/references", &error))?;
    Ok((!locations.is_empty()).then_some(locations))
}
