//! `textDocument/references`: every use of a permission, set, capability or window label.

use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::*;

use crate::ide::references::references;
use crate::lsp::Server;
use crate::lsp::convert;
use crate::lsp::handlers::at_position;
use crate::lsp::session::ClientSupport;

pub fn capability(_support: &ClientSupport) -> Option<OneOf<bool, ReferenceOptions>> {
    Some(OneOf::Left(true))
}

pub async fn handle_references(
    server: &Server,
    params: ReferenceParams,
) -> Result<Option<Vec<Location>>> {
    let include_declaration = params.context.include_declaration;
    let params = params.text_document_position;
    let locations = at_position(
        server,
        "textDocument/references",
        &params.text_document.uri,
        params.position,
        move |world, position, encoding| {
            references(world, position, include_declaration)
                .into_iter()
                .filter_map(|range| convert::location(&world.workspace, range, encoding))
                .collect::<Vec<_>>()
        },
    )
    .await?
    .unwrap_or_default();
    Ok((!locations.is_empty()).then_some(locations))
}
