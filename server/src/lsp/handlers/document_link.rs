//! `textDocument/document_link` (not implemented yet).

use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::*;

use crate::lsp::Server;
use crate::lsp::session::ClientSupport;

/// What the server declares for this feature in `initialize`; `None` while unimplemented.
pub fn capability(_support: &ClientSupport) -> Option<DocumentLinkOptions> {
    None
}

pub async fn handle_document_link(
    _server: &Server,
    _params: DocumentLinkParams,
) -> Result<Option<Vec<DocumentLink>>> {
    Ok(None)
}
