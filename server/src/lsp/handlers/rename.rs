//! `textDocument/prepareRename` and `textDocument/rename` (not implemented yet).

use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::*;

use crate::lsp::Server;
use crate::lsp::session::ClientSupport;

/// What the server declares for this feature in `initialize`; `None` while unimplemented.
pub fn capability(_support: &ClientSupport) -> Option<OneOf<bool, RenameOptions>> {
    None
}

pub async fn handle_prepare_rename(
    _server: &Server,
    _params: TextDocumentPositionParams,
) -> Result<Option<PrepareRenameResponse>> {
    Ok(None)
}

pub async fn handle_rename(
    _server: &Server,
    _params: RenameParams,
) -> Result<Option<WorkspaceEdit>> {
    Ok(None)
}
