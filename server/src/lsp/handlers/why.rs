//! `workspace/executeCommand` `tauri-acl.why`: whether one call is allowed, as
//! `tauri-acl why --format json` answers it. The single argument is an object:
//! `{ "command": "plugin:fs|read_text_file", "window": "main", "webview"?, "url"?,
//! "path"?, "scopeUrl"?, "platforms"?: ["linux"] }`.

use tower_lsp_server::jsonrpc::{Error, Result};
use tower_lsp_server::ls_types::*;

use crate::ide::why::{WhyQuery, why};
use crate::lsp::Server;
use crate::lsp::session::ClientSupport;
use crate::model::Platform;

pub const WHY: &str = "tauri-acl.why";

/// What the server declares for this feature in `initialize`.
pub fn capability(_support: &ClientSupport) -> Option<ExecuteCommandOptions> {
    Some(ExecuteCommandOptions {
        commands: vec![WHY.to_owned()],
        work_done_progress_options: WorkDoneProgressOptions::default(),
    })
}

pub async fn handle_execute_command(
    server: &Server,
    params: ExecuteCommandParams,
) -> Result<Option<serde_json::Value>> {
    if params.command != WHY {
        return Err(Error::invalid_params(format!(
            "unknown command `{}`",
            params.command
        )));
    }
    let query = params
        .arguments
        .first()
        .and_then(query_from_json)
        .ok_or_else(|| {
            Error::invalid_params(
                "tauri-acl.why takes one object with at least `command` and `window`",
            )
        })?;
    let snapshot = server.snapshot();
    let report = tokio::task::spawn_blocking(move || {
        let display = |path: &std::path::Path| path.display().to_string();
        serde_json::to_value(why(&snapshot.world, &query, &display)).unwrap_or_default()
    })
    .await
    .map_err(|_| Error::internal_error())?;
    Ok(Some(report))
}

fn query_from_json(value: &serde_json::Value) -> Option<WhyQuery> {
    let text = |key: &str| {
        value
            .get(key)
            .and_then(|item| item.as_str())
            .map(str::to_owned)
    };
    Some(WhyQuery {
        command: text("command")?,
        window: text("window")?,
        webview: text("webview"),
        url: text("url"),
        path: text("path"),
        scope_url: text("scopeUrl"),
        platforms: value
            .get("platforms")
            .and_then(|list| list.as_array())
            .map(|items| {
                items
                    .iter()
                    .filter_map(|item| item.as_str().and_then(Platform::parse_loose))
                    .collect()
            }),
    })
}
