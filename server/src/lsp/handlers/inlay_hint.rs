//! `textDocument/inlayHint`: [`crate::ide::inlay_hints`] for the requested range.

use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::*;

use crate::ide::inlay_hints::inlay_hints;
use crate::lsp::Server;
use crate::lsp::convert;
use crate::lsp::session::ClientSupport;

/// What the server declares for this feature in `initialize`.
pub fn capability(_support: &ClientSupport) -> Option<OneOf<bool, InlayHintServerCapabilities>> {
    Some(OneOf::Left(true))
}

pub async fn handle_inlay_hint(
    server: &Server,
    params: InlayHintParams,
) -> Result<Option<Vec<InlayHint>>> {
    let snapshot = server.snapshot();
    let uri = params.text_document.uri;
    let Some(file) = convert::feature_file(&snapshot.world.workspace, &uri) else {
        tracing::debug!(
            "inlay hints: {} is not a Tauri file we answer on",
            uri.as_str()
        );
        return Ok(None);
    };
    let encoding = snapshot.encoding;
    let world = snapshot.world;
    let hints = tokio::task::spawn_blocking(move || {
        let workspace = &world.workspace;
        let range = convert::from_range(workspace, file, params.range, encoding);
        inlay_hints(&world, file, range)
            .into_iter()
            .map(|hint| InlayHint {
                position: convert::position(workspace, file, hint.offset, encoding),
                label: InlayHintLabel::String(hint.label),
                kind: None,
                text_edits: None,
                tooltip: None,
                padding_left: Some(true),
                padding_right: None,
                data: None,
            })
            .collect::<Vec<_>>()
    })
    .await;
    match hints {
        Ok(hints) => Ok(Some(hints)),
        Err(_) => {
            tracing::error!("computing inlay hints for {} panicked", uri.as_str());
            Ok(None)
        }
    }
}
