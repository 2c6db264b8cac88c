//! `textDocument/inlay_hint` (not implemented yet).

use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::*;

use crate::lsp::Server;
use crate::lsp::session::ClientSupport;

/// What the server declares for this feature in `initialize`; `None` while unimplemented.
pub fn capability(_support: &ClientSupport) -> Option<OneOf<bool, InlayHintServerCapabilities>> {
    None
}

pub async fn handle_inlay_hint(
    _server: &Server,
    _params: InlayHintParams,
) -> Result<Option<Vec<InlayHint>>> {
    Ok(None)
}
