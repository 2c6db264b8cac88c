//! `textDocument/codeLens`: [`crate::ide::code_lens`], each lens carrying the client
//! command [`SHOW_EFFECTIVE_PERMISSIONS`] with the capability identifier as argument.
//! The editor extension implements the command (with `tauri-acl/explain`); the server
//! never executes it, so it is not listed in `executeCommandProvider`.

use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::*;

use crate::ide::code_lens::code_lens;
use crate::lsp::Server;
use crate::lsp::convert;
use crate::lsp::session::ClientSupport;

/// The client-side command a lens runs.
pub const SHOW_EFFECTIVE_PERMISSIONS: &str = "tauri-acl.showEffectivePermissions";

/// What the server declares for this feature in `initialize`.
pub fn capability(_support: &ClientSupport) -> Option<CodeLensOptions> {
    Some(CodeLensOptions {
        resolve_provider: Some(false),
    })
}

pub async fn handle_code_lens(
    server: &Server,
    params: CodeLensParams,
) -> Result<Option<Vec<CodeLens>>> {
    let snapshot = server.snapshot();
    let uri = params.text_document.uri;
    let Some(file) =
        convert::path_from_uri(&uri).and_then(|path| snapshot.world.workspace.file_id(&path))
    else {
        tracing::debug!("code lens: {} is not in the workspace", uri.as_str());
        return Ok(None);
    };
    let encoding = snapshot.encoding;
    let world = snapshot.world;
    let lenses = tokio::task::spawn_blocking(move || {
        code_lens(&world, file)
            .into_iter()
            .map(|lens| CodeLens {
                range: convert::range(&world.workspace, file, lens.range, encoding),
                command: Some(Command {
                    title: lens.title,
                    command: SHOW_EFFECTIVE_PERMISSIONS.to_owned(),
                    arguments: Some(vec![serde_json::Value::String(lens.identifier)]),
                }),
                data: None,
            })
            .collect::<Vec<_>>()
    })
    .await;
    match lenses {
        Ok(lenses) => Ok(Some(lenses)),
        Err(_) => {
            tracing::error!("computing code lenses for {} panicked", uri.as_str());
            Ok(None)
        }
    }
}
