//! `textDocument/hover`: the markdown `ide::hover` writes, with its locations made into
//! `file://` links to the line.

use std::path::Path;

use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::*;

use crate::ide::hover::hover_with_links;
use crate::lsp::Server;
use crate::lsp::convert;
use crate::lsp::handlers::at_position;
use crate::lsp::session::ClientSupport;

pub fn capability(_support: &ClientSupport) -> Option<HoverProviderCapability> {
    Some(HoverProviderCapability::Simple(true))
}

pub async fn handle_hover(server: &Server, params: HoverParams) -> Result<Option<Hover>> {
    let params = params.text_document_position_params;
    let hover = at_position(
        server,
        "textDocument/hover",
        &params.text_document.uri,
        params.position,
        |world, position, encoding| {
            let link_target = |path: &Path, line: u32| {
                convert::uri_from_path(path).map(|uri| format!("{}#L{line}", uri.as_str()))
            };
            let hover = hover_with_links(world, position, &link_target)?;
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
        },
    )
    .await?;
    Ok(hover.flatten())
}
