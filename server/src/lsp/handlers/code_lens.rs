//! `textDocument/codeLens`: [`crate::ide::code_lens`]. A capability's lens carries the
//! client command [`SHOW_EFFECTIVE_PERMISSIONS`] with the capability identifier as
//! argument; a scoped entry's lens carries [`TEST_SCOPE`] with what a `tauri-acl.why`
//! request needs except the value to test, which the client asks the user for. The
//! editor extension implements both (with `tauri-acl/explain` and `tauri-acl.why`); the
//! server never executes them, so they are not listed in `executeCommandProvider`.

use std::time::Duration;

use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::*;

use crate::ide::code_lens::{LensAction, code_lens};
use crate::lsp::Server;
use crate::lsp::convert;
use crate::lsp::session::ClientSupport;

/// The client-side command a lens runs.
pub const SHOW_EFFECTIVE_PERMISSIONS: &str = "tauri-acl.showEffectivePermissions";

/// The client-side command a scope lens runs.
pub const TEST_SCOPE: &str = "tauri-acl.testScope";

/// How long edits of scripts must pause before the lenses are asked for again.
const REFRESH_DEBOUNCE: Duration = Duration::from_millis(300);

/// Asks the client to request every shown lens again, once edits pause: a capability's
/// usage lens counts calls in scripts, so an edited script (or a reload) changes lenses
/// of documents that did not change, which a client would not ask for by itself. Only
/// for clients that take `workspace/codeLens/refresh`.
pub fn schedule_refresh(server: &Server) {
    let generation = {
        let mut session = server.lock();
        if !session.client.code_lens_refresh {
            return;
        }
        session.lens_refresh_generation += 1;
        session.lens_refresh_generation
    };
    let server = server.clone();
    tokio::spawn(async move {
        tokio::time::sleep(REFRESH_DEBOUNCE).await;
        {
            let session = server.lock();
            if session.lens_refresh_generation != generation || session.shutting_down {
                return;
            }
        }
        let _ =
            tokio::time::timeout(Duration::from_secs(5), server.client.code_lens_refresh()).await;
    });
}

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
    let Some(file) = convert::feature_file(&snapshot.world.workspace, &uri) else {
        tracing::debug!(
            "code lens: {} is not a Tauri file we answer on",
            uri.as_str()
        );
        return Ok(None);
    };
    let encoding = snapshot.encoding;
    let world = snapshot.world;
    let lens_uri = uri.clone();
    let lenses = tokio::task::spawn_blocking(move || {
        code_lens(&world, file)
            .into_iter()
            .map(|lens| CodeLens {
                range: convert::range(&world.workspace, file, lens.range, encoding),
                command: Some(match lens.action {
                    LensAction::ShowCapability => Command {
                        title: lens.title,
                        command: SHOW_EFFECTIVE_PERMISSIONS.to_owned(),
                        arguments: Some(vec![serde_json::Value::String(lens.identifier)]),
                    },
                    LensAction::TestScope(test) => Command {
                        title: lens.title,
                        command: TEST_SCOPE.to_owned(),
                        arguments: Some(vec![serde_json::json!({
                            "uri": lens_uri.as_str(),
                            "capability": lens.identifier,
                            "permission": test.permission,
                            "kind": test.kind,
                            "command": test.command,
                            "windows": test.windows,
                        })]),
                    },
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
