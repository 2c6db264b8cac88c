//! One file per LSP method or group of closely tied methods. Request handlers take a
//! snapshot, convert positions with that snapshot, call one `ide` function and convert
//! the answer back; they hold no Tauri logic.

pub mod code_action;
pub mod code_lens;
pub mod completion;
pub mod configuration;
pub mod definition;
pub mod diagnostics;
pub mod document_link;
pub mod document_symbol;
pub mod explain;
pub mod hover;
pub mod inlay_hint;
pub mod lifecycle;
pub mod references;
pub mod reload;
pub mod rename;
pub mod semantic_tokens;
pub mod status;
pub mod text_sync;
pub mod watch;
pub mod why;
pub mod workspace_symbol;

use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::{Position, ServerCapabilities, Uri};

use super::Server;
use super::convert;
use super::session::ClientSupport;
use crate::ide::{FilePosition, World};
use crate::text::Encoding;

/// The preamble every request at a position shares: take a snapshot, find the position
/// in it, compute `answer` on a blocking thread (the `ide` work may take a while and must
/// not stall the protocol), and turn a panic into an internal error naming `method`.
/// `Ok(None)` when the document is not part of any Tauri app.
pub async fn at_position<T: Send + 'static>(
    server: &Server,
    method: &'static str,
    uri: &Uri,
    position: Position,
    answer: impl FnOnce(&World, FilePosition, Encoding) -> T + Send + 'static,
) -> Result<Option<T>> {
    let snapshot = server.snapshot();
    let encoding = snapshot.encoding;
    let Some(position) = convert::file_position(&snapshot.world.workspace, encoding, uri, position)
    else {
        return Ok(None);
    };
    let world = snapshot.world;
    tokio::task::spawn_blocking(move || answer(&world, position, encoding))
        .await
        .map(Some)
        .map_err(|error| convert::internal_error(method, &error))
}

/// The capabilities of the IDE features; each feature's handler file declares its own.
pub fn feature_capabilities(support: &ClientSupport) -> ServerCapabilities {
    ServerCapabilities {
        code_action_provider: code_action::capability(support),
        completion_provider: completion::capability(support),
        hover_provider: hover::capability(support),
        definition_provider: definition::capability(support),
        references_provider: references::capability(support),
        rename_provider: rename::capability(support),
        document_symbol_provider: document_symbol::capability(support),
        workspace_symbol_provider: workspace_symbol::capability(support),
        document_link_provider: document_link::capability(support),
        code_lens_provider: code_lens::capability(support),
        inlay_hint_provider: inlay_hint::capability(support),
        semantic_tokens_provider: semantic_tokens::capability(support),
        execute_command_provider: why::capability(support),
        ..ServerCapabilities::default()
    }
}
