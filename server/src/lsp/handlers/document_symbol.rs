//! `textDocument/documentSymbol`: the hierarchical outline of
//! [`crate::ide::document_symbols`], and the mapping of its kinds to LSP's, which
//! `workspace/symbol` shares.

use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::*;

use crate::ide::document_symbols::{self as ide_symbols, Symbol};
use crate::lsp::Server;
use crate::lsp::convert;
use crate::lsp::session::ClientSupport;
use crate::text::Encoding;
use crate::workspace::{FileId, Workspace};

/// What the server declares for this feature in `initialize`.
pub fn capability(_support: &ClientSupport) -> Option<OneOf<bool, DocumentSymbolOptions>> {
    Some(OneOf::Left(true))
}

pub async fn handle_document_symbol(
    server: &Server,
    params: DocumentSymbolParams,
) -> Result<Option<DocumentSymbolResponse>> {
    let snapshot = server.snapshot();
    let uri = params.text_document.uri;
    let Some(file) = convert::feature_file(&snapshot.world.workspace, &uri) else {
        tracing::debug!(
            "document symbols: {} is not a Tauri file we answer on",
            uri.as_str()
        );
        return Ok(None);
    };
    let symbols = ide_symbols::document_symbols(&snapshot.world, file);
    let workspace = &snapshot.world.workspace;
    Ok(Some(DocumentSymbolResponse::Nested(
        symbols
            .iter()
            .map(|symbol| to_lsp_symbol(workspace, file, symbol, snapshot.encoding))
            .collect(),
    )))
}

/// Converts a symbol and its children; outlines are three levels deep at most, so the
/// recursion is bounded.
#[allow(deprecated)]
fn to_lsp_symbol(
    workspace: &Workspace,
    file: FileId,
    symbol: &Symbol,
    encoding: Encoding,
) -> DocumentSymbol {
    let children: Vec<DocumentSymbol> = symbol
        .children
        .iter()
        .map(|child| to_lsp_symbol(workspace, file, child, encoding))
        .collect();
    DocumentSymbol {
        name: symbol.name.clone(),
        detail: symbol.detail.clone(),
        kind: convert::symbol_kind(symbol.kind),
        tags: None,
        deprecated: None,
        range: convert::range(workspace, file, symbol.range, encoding),
        selection_range: convert::range(workspace, file, symbol.selection_range, encoding),
        children: (!children.is_empty()).then_some(children),
    }
}
