//! `workspace/symbol`: [`crate::ide::workspace_symbols`] as flat `SymbolInformation`s,
//! which every client reads (the nested `WorkspaceSymbol` form needs LSP 3.17).

use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::*;

use crate::ide::workspace_symbols::workspace_symbols;
use crate::lsp::Server;
use crate::lsp::convert;
use crate::lsp::session::ClientSupport;

/// What the server declares for this feature in `initialize`.
pub fn capability(_support: &ClientSupport) -> Option<OneOf<bool, WorkspaceSymbolOptions>> {
    Some(OneOf::Left(true))
}

pub async fn handle_workspace_symbol(
    server: &Server,
    params: WorkspaceSymbolParams,
) -> Result<Option<WorkspaceSymbolResponse>> {
    let snapshot = server.snapshot();
    let encoding = snapshot.encoding;
    let world = snapshot.world;
    let symbols = tokio::task::spawn_blocking(move || {
        #[allow(deprecated)]
        workspace_symbols(&world, &params.query)
            .into_iter()
            .filter_map(|symbol| {
                Some(SymbolInformation {
                    name: symbol.name,
                    kind: convert::symbol_kind(symbol.kind),
                    tags: None,
                    deprecated: None,
                    location: convert::location(&world.workspace, symbol.location, encoding)?,
                    container_name: symbol.container,
                })
            })
            .collect::<Vec<_>>()
    })
    .await;
    match symbols {
        Ok(symbols) => Ok(Some(WorkspaceSymbolResponse::Flat(symbols))),
        Err(_) => {
            tracing::error!("computing workspace symbols panicked");
            Ok(None)
        }
    }
}
