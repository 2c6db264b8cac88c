//! `textDocument/hover`: the markdown `ide::hover` writes, with its locations made into
//! `file://` links to the line.

use std::path::Path;

use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::*;

use crate::ide::hover::hover_with_links;
use crate::lsp::Server;
use crate::lsp::convert;
use crate::lsp::session::ClientSupport;

pub fn capability(_support: &ClientSupport) -> Option<HoverProviderCapability> {
    Some(HoverProviderCapability::Simple(true))
}

pub async fn handle_hover(server: &Server, params: HoverParams) -> Result<Option<Hover>> {
    let snapshot = server.snapshot();
    let params = params.text_document_position_params;
    let Some(position) =
        convert::file_position(&snapshot, &params.text_document.uri, params.position)
    else {
        return Ok(None);
    };
    let encoding = snapshot.encoding;
    let world = snapshot.world;
    tokio::task::spawn_blocking(move || {
        let link_target = |path: &Path, line: u32| {
            convert::uri_from_path(path).map(|uri| format!("{}#L{line}", uri.as_str()))
        };
        let hover = hover_with_links(&world, position, &link_target)?;
        Some(Hover {
            contents: HoverContents::Markup(MarkupContent {
                kind: MarkupKind::Markdown,
                value: hover.markdown,
            }),
            range: Some(convert::range(
                &world.workspace,
                position.file,
                hover.range,
                encoding,
            )),
        })
    })
    .await
    .map_err(|error| convert::internal_error("textDocument/hover", &error))
}
