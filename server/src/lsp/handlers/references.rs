//! `textDocument/references` (not implemented yet).

use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::*;

use crate::lsp::Server;
use crate::lsp::session::ClientSupport;

/// What the server declares for this feature in `initialize`; `None` while unimplemented.
pub fn capability(_support: &ClientSupport) -> Option<OneOf<bool, ReferenceOptions>> {
    None
}

pub async fn handle_references(
    _server: &Server,
    _params: ReferenceParams,
) -> Result<Option<Vec<Location>>> {
    Ok(None)
}
