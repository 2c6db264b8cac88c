//! `textDocument/goto_definition` (not implemented yet).

use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::*;

use crate::lsp::Server;
use crate::lsp::session::ClientSupport;

/// What the server declares for this feature in `initialize`; `None` while unimplemented.
pub fn capability(_support: &ClientSupport) -> Option<OneOf<bool, DefinitionOptions>> {
    None
}

pub async fn handle_goto_definition(
    _server: &Server,
    _params: GotoDefinitionParams,
) -> Result<Option<GotoDefinitionResponse>> {
    Ok(None)
}
