//! `textDocument/workspace_symbol` (not implemented yet).

use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::*;

use crate::lsp::Server;
use crate::lsp::session::ClientSupport;

/// What the server declares for this feature in `initialize`; `None` while unimplemented.
pub fn capability(_support: &ClientSupport) -> Option<OneOf<bool, WorkspaceSymbolOptions>> {
    None
}

pub async fn handle_workspace_symbol(
    _server: &Server,
    _params: WorkspaceSymbolParams,
) -> Result<Option<WorkspaceSymbolResponse>> {
    Ok(None)
}
