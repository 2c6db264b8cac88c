//! `textDocument/definition`: jumps to where a permission, set, capability or window
//! label is defined.

use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::*;

use crate::ide::goto_definition::goto_definition;
use crate::lsp::Server;
use crate::lsp::convert;
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
    let Some(position) =
        convert::file_position(&snapshot, &params.text_document.uri, params.position)
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
    .map_err(|error| convert::internal_error("textDocument/definition", &error))?;
    Ok((!locations.is_empty()).then_some(GotoDefinitionResponse::Array(locations)))
}
