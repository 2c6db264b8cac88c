//! `initialize`, `initialized` and `shutdown`.

use std::path::PathBuf;

use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::*;

use super::{configuration, reload, status, watch};
use crate::lsp::Server;
use crate::lsp::convert;
use crate::lsp::session::{ClientSupport, Settings, load};
use crate::text::Encoding;

pub async fn handle_initialize(
    server: &Server,
    params: InitializeParams,
) -> Result<InitializeResult> {
    let capabilities = &params.capabilities;
    let utf8 = capabilities
        .general
        .as_ref()
        .and_then(|general| general.position_encodings.as_ref())
        .is_some_and(|encodings| encodings.contains(&PositionEncodingKind::UTF8));
    let encoding = if utf8 {
        Encoding::Utf8
    } else {
        Encoding::Utf16
    };
    let text_document = capabilities.text_document.as_ref();
    let workspace = capabilities.workspace.as_ref();
    let support = ClientSupport {
        pull_diagnostics: text_document.is_some_and(|text| text.diagnostic.is_some()),
        watched_files_registration: workspace
            .and_then(|workspace| workspace.did_change_watched_files.as_ref())
            .and_then(|watched| watched.dynamic_registration)
            .unwrap_or(false),
        configuration: workspace
            .and_then(|workspace| workspace.configuration)
            .unwrap_or(false),
        snippets: text_document
            .and_then(|text| text.completion.as_ref())
            .and_then(|completion| completion.completion_item.as_ref())
            .and_then(|item| item.snippet_support)
            .unwrap_or(false),
        related_information: text_document
            .and_then(|text| text.publish_diagnostics.as_ref())
            .and_then(|publish| publish.related_information)
            .unwrap_or(false),
        resource_operations: workspace
            .and_then(|workspace| workspace.workspace_edit.as_ref())
            .and_then(|edit| edit.resource_operations.as_ref())
            .is_some_and(|operations| operations.contains(&ResourceOperationKind::Create)),
        code_lens_refresh: workspace
            .and_then(|workspace| workspace.code_lens.as_ref())
            .and_then(|code_lens| code_lens.refresh_support)
            .unwrap_or(false),
        snippet_command: experimental_flag(capabilities, "tauriAclSnippets"),
        status_notification: experimental_flag(capabilities, "tauriAclStatus"),
    };
    let mut roots: Vec<PathBuf> = params
        .workspace_folders
        .iter()
        .flatten()
        .filter_map(|folder| convert::path_from_uri(&folder.uri))
        .collect();
    #[allow(deprecated)]
    if roots.is_empty() {
        roots.extend(params.root_uri.as_ref().and_then(convert::path_from_uri));
    }
    let settings = params
        .initialization_options
        .as_ref()
        .map(Settings::from_json)
        .unwrap_or_default();
    let (roots_for_load, options) = {
        let mut session = server.lock();
        session.encoding = Some(encoding);
        session.client = support.clone();
        session.roots = roots;
        session.settings = settings;
        (session.roots.clone(), session.load_options())
    };
    // The first load happens before answering, so the first requests have a workspace.
    let workspace = tokio::task::spawn_blocking(move || load(&roots_for_load, &options))
        .await
        .unwrap_or_default();
    server.lock().adopt(workspace);

    let diagnostic_provider = support.pull_diagnostics.then(|| {
        DiagnosticServerCapabilities::Options(DiagnosticOptions {
            identifier: Some("tauri-acl".to_owned()),
            inter_file_dependencies: true,
            workspace_diagnostics: false,
            work_done_progress_options: WorkDoneProgressOptions::default(),
        })
    });
    Ok(InitializeResult {
        server_info: Some(ServerInfo {
            name: "tauri-acl".to_owned(),
            version: Some(env!("CARGO_PKG_VERSION").to_owned()),
        }),
        capabilities: ServerCapabilities {
            position_encoding: Some(convert::encoding_name(encoding)),
            text_document_sync: Some(TextDocumentSyncCapability::Options(
                TextDocumentSyncOptions {
                    open_close: Some(true),
                    change: Some(TextDocumentSyncKind::INCREMENTAL),
                    save: Some(TextDocumentSyncSaveOptions::Supported(true)),
                    ..TextDocumentSyncOptions::default()
                },
            )),
            diagnostic_provider,
            workspace: Some(WorkspaceServerCapabilities {
                workspace_folders: Some(WorkspaceFoldersServerCapabilities {
                    supported: Some(true),
                    change_notifications: Some(OneOf::Left(true)),
                }),
                file_operations: None,
            }),
            ..super::feature_capabilities(&support)
        },
        offset_encoding: None,
    })
}

pub async fn handle_initialized(server: &Server, _: InitializedParams) {
    let support = server.lock().client.clone();
    if support.watched_files_registration {
        watch::register_watchers(server);
    } else {
        watch::start_server_watcher(server);
    }
    if support.configuration {
        configuration::request_configuration(server);
    }
    status::publish(server).await;
    reload::publish_all(server);
}

/// A `true` under `capabilities.experimental`: how our own editor extension says what
/// it can do beyond the protocol.
fn experimental_flag(capabilities: &ClientCapabilities, name: &str) -> bool {
    capabilities
        .experimental
        .as_ref()
        .and_then(|experimental| experimental.get(name))
        .and_then(serde_json::Value::as_bool)
        .unwrap_or(false)
}

pub async fn handle_shutdown(server: &Server) -> Result<()> {
    server.lock().shutting_down = true;
    Ok(())
}
