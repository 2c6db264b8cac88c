//! `tauri-acl/status`: a notification telling the editor extension's status bar whether
//! the server is indexing and, per app, where its permissions were read from and how many
//! there are. Sent only to clients that set `capabilities.experimental.tauriAclStatus`.
//!
//! Shape: `{ "busy": bool, "error"?: string, "apps": [{ "name", "root", "plugins",
//! "permissions", "capabilities", "sources": { kind: plugin count }, "missingPlugins":
//! [plugin], "issues": count, "platforms": [..] }] }`. Counts are those `check` prints in
//! its summary line, so the two agree.

use std::collections::BTreeMap;

use serde::Serialize;
use tower_lsp_server::ls_types::notification::Notification;

use crate::lsp::Server;
use crate::workspace::Workspace;

pub enum Status {}

impl Notification for Status {
    type Params = StatusParams;
    const METHOD: &'static str = "tauri-acl/status";
}

#[derive(Debug, Clone, Default, Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct StatusParams {
    pub busy: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    pub apps: Vec<AppStatus>,
}

#[derive(Debug, Clone, Default, Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AppStatus {
    pub name: String,
    pub root: String,
    pub plugins: usize,
    /// Permissions, sets and defaults over all plugins.
    pub permissions: usize,
    pub capabilities: usize,
    /// Plugin source kinds (`registry`, `core-table`, `acl-manifests`…) and how many
    /// plugins each supplied.
    pub sources: BTreeMap<String, usize>,
    /// Plugins the app depends on whose permissions could not be found.
    pub missing_plugins: Vec<String>,
    /// Environment problems met while loading (unreadable files and the like).
    pub issues: usize,
    pub platforms: Vec<String>,
}

/// Tells the client that a reload started.
pub async fn publish_busy(server: &Server) {
    send(server, |_| StatusParams {
        busy: true,
        ..StatusParams::default()
    })
    .await;
}

/// Tells the client what the current snapshot holds.
pub async fn publish(server: &Server) {
    send(server, |workspace| StatusParams {
        busy: false,
        error: None,
        apps: summary(workspace),
    })
    .await;
}

/// Tells the client that loading failed, keeping the previous snapshot's summary.
pub async fn publish_error(server: &Server, message: &str) {
    send(server, |workspace| StatusParams {
        busy: false,
        error: Some(message.to_owned()),
        apps: summary(workspace),
    })
    .await;
}

async fn send(server: &Server, params: impl FnOnce(&Workspace) -> StatusParams) {
    let (wanted, workspace) = {
        let session = server.lock();
        (
            session.client.status_notification,
            session.world.workspace.clone(),
        )
    };
    if wanted {
        server
            .client
            .send_notification::<Status>(params(&workspace))
            .await;
    }
}

fn summary(workspace: &Workspace) -> Vec<AppStatus> {
    workspace
        .apps
        .iter()
        .map(|app| {
            let mut sources = BTreeMap::new();
            let mut permissions = 0;
            for plugin in app.catalogue.plugins.values() {
                *sources.entry(plugin.source.kind().to_owned()).or_insert(0) += 1;
                permissions += plugin.permissions.len()
                    + plugin.sets.len()
                    + usize::from(plugin.default.is_some());
            }
            AppStatus {
                name: app.name(),
                root: app.root.display().to_string(),
                plugins: app.catalogue.plugins.len(),
                permissions,
                capabilities: crate::resolver::all_capabilities(workspace, app).len(),
                sources,
                missing_plugins: app.missing_plugins.keys().cloned().collect(),
                issues: app.issues.len(),
                platforms: app
                    .platforms
                    .iter()
                    .map(|platform| platform.name().to_owned())
                    .collect(),
            }
        })
        .collect()
}
