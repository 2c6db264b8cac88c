//! `textDocument/documentLink`: [`crate::ide::document_links`], with each target path
//! turned into a `file:` URI.

use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::*;

use crate::ide::document_links::document_links;
use crate::lsp::Server;
use crate::lsp::convert;
use crate::lsp::session::ClientSupport;

/// What the server declares for this feature in `initialize`.
pub fn capability(_support: &ClientSupport) -> Option<DocumentLinkOptions> {
    Some(DocumentLinkOptions {
        resolve_provider: Some(false),
        work_done_progress_options: WorkDoneProgressOptions::default(),
    })
}

pub async fn handle_document_link(
    server: &Server,
    params: DocumentLinkParams,
) -> Result<Option<Vec<DocumentLink>>> {
    let snapshot = server.snapshot();
    let uri = params.text_document.uri;
    let Some(file) = convert::feature_file(&snapshot.world.workspace, &uri) else {
        tracing::debug!(
            "document links: {} is not a Tauri file we answer on",
            uri.as_str()
        );
        return Ok(None);
    };
    let workspace = &snapshot.world.workspace;
    let links = document_links(&snapshot.world, file)
        .into_iter()
        .filter_map(|link| {
            Some(DocumentLink {
                range: convert::range(workspace, file, link.range, snapshot.encoding),
                target: Some(convert::uri_from_path(&link.target)?),
                tooltip: None,
                data: None,
            })
        })
        .collect();
    Ok(Some(links))
}
