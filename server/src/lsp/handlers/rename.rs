//! `textDocument/prepareRename` and `textDocument/rename`: the app's own permission and
//! set identifiers and capability identifiers. A refusal is answered with a
//! `RequestFailed` error carrying the reason, which editors show as is.

use std::collections::HashMap;

use tower_lsp_server::jsonrpc::{Error, ErrorCode, Result};
use tower_lsp_server::ls_types::*;

use crate::ide::rename::{prepare_rename, rename};
use crate::lsp::Server;
use crate::lsp::convert;
use crate::lsp::handlers::at_position;
use crate::lsp::session::ClientSupport;

/// LSP's `RequestFailed`: the request was valid but could not be carried out.
const REQUEST_FAILED: i64 = -32803;

pub fn capability(_support: &ClientSupport) -> Option<OneOf<bool, RenameOptions>> {
    Some(OneOf::Right(RenameOptions {
        prepare_provider: Some(true),
        work_done_progress_options: WorkDoneProgressOptions::default(),
    }))
}

pub async fn handle_prepare_rename(
    server: &Server,
    params: TextDocumentPositionParams,
) -> Result<Option<PrepareRenameResponse>> {
    let answer = at_position(
        server,
        "textDocument/prepareRename",
        &params.text_document.uri,
        params.position,
        |world, position, encoding| {
            prepare_rename(world, position).map(|range| {
                PrepareRenameResponse::Range(convert::range(
                    &world.workspace,
                    range.file,
                    range.range,
                    encoding,
                ))
            })
        },
    )
    .await?;
    answer.transpose().map_err(request_failed)
}

pub async fn handle_rename(server: &Server, params: RenameParams) -> Result<Option<WorkspaceEdit>> {
    let new_name = params.new_name;
    let params = params.text_document_position;
    let answer = at_position(
        server,
        "textDocument/rename",
        &params.text_document.uri,
        params.position,
        move |world, position, encoding| {
            let edits = rename(world, position, &new_name)?;
            let mut changes: HashMap<Uri, Vec<TextEdit>> = HashMap::new();
            for edit in edits {
                let Some(location) = convert::location(&world.workspace, edit.location, encoding)
                else {
                    continue;
                };
                changes
                    .entry(location.uri)
                    .or_default()
                    .push(TextEdit::new(location.range, edit.new_text));
            }
            Ok(WorkspaceEdit {
                changes: Some(changes),
                ..WorkspaceEdit::default()
            })
        },
    )
    .await?;
    answer.transpose().map_err(request_failed)
}

fn request_failed(message: String) -> Error {
    Error {
        code: ErrorCode::ServerError(REQUEST_FAILED),
        message: message.into(),
        data: None,
    }
}
