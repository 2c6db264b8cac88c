//! `tauri-acl/explain`: the `explain` report as JSON, for editor views of the effective
//! permissions. Parameters: `{ "platforms": ["linux"], "window": "main" }`, both optional.

use tower_lsp_server::jsonrpc::Result;

use crate::ide::explain::{ExplainOptions, explain};
use crate::lsp::Server;
use crate::model::Platform;

pub async fn handle_explain(
    server: &Server,
    params: serde_json::Value,
) -> Result<serde_json::Value> {
    let snapshot = server.snapshot();
    let platforms: Option<Vec<Platform>> = params
        .get("platforms")
        .and_then(|value| value.as_array())
        .map(|items| {
            items
                .iter()
                .filter_map(|item| item.as_str().and_then(Platform::parse_loose))
                .collect()
        });
    let window = params
        .get("window")
        .and_then(|value| value.as_str())
        .map(str::to_owned);
    let report = tokio::task::spawn_blocking(move || {
        let display = |path: &std::path::Path| path.display().to_string();
        let options = ExplainOptions {
            platforms,
            window,
            display_path: &display,
        };
        serde_json::to_value(explain(&snapshot.world, &options)).unwrap_or_default()
    })
    .await
    .unwrap_or_default();
    Ok(report)
}
