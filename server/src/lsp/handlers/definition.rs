//! `textDocument/definition`: jumps to where a permission, set, capability or window
//! label is defined.

use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::*;

use crate::ide::goto_definition::goto_definition;
use crate::lsp::Server;
use crate::lsp::convert;
use crate::lsp::handlers::at_position;
use crate::lsp::session::ClientSupport;

pub fn capability(_support: &ClientSupport) -> Option<OneOf<bool, DefinitionOptions>> {
    Some(OneOf::Left(true))
}

pub async fn handle_goto_definition(
    server: &Server,
    params: GotoDefinitionParams,
) -> Result<Option<GotoDefinitionResponse>> {
    let params = params.text_document_position_params;
    let locations = at_position(
        server,
        "textDocument/definition",
        &params.text_document.uri,
        params.position,
        |world, position, encoding| {
            goto_definition(world, position)
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
        },
    )
    .await?
    .unwrap_or_default();
    Ok((!locations.is_empty()).then_some(GotoDefinitionResponse::Array(locations)))
}
