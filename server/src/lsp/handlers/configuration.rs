//! Settings and workspace folders: `workspace/didChangeConfiguration`,
//! `workspace/didChangeWorkspaceFolders`, and the `workspace/configuration` request,
//! which is sent from a spawned task and never awaited inside a handler.

use std::time::Duration;

use tower_lsp_server::ls_types::*;

use super::reload;
use crate::lsp::Server;
use crate::lsp::convert;
use crate::lsp::session::Settings;

pub fn handle_did_change_configuration(server: &Server, params: DidChangeConfigurationParams) {
    let pulls = server.lock().client.configuration;
    if pulls {
        request_configuration(server);
    } else {
        server.lock().settings = Settings::from_json(&params.settings);
        reload::schedule_reload(server);
    }
}

pub fn handle_did_change_workspace_folders(
    server: &Server,
    params: DidChangeWorkspaceFoldersParams,
) {
    {
        let mut session = server.lock();
        for removed in &params.event.removed {
            if let Some(path) = convert::path_from_uri(&removed.uri) {
                session.roots.retain(|root| *root != path);
            }
        }
        for added in &params.event.added {
            if let Some(path) = convert::path_from_uri(&added.uri)
                && !session.roots.contains(&path)
            {
                session.roots.push(path);
            }
        }
    }
    reload::schedule_reload(server);
}

/// Asks the client for the `tauriAcl` section and reloads with it.
pub fn request_configuration(server: &Server) {
    let server = server.clone();
    tokio::spawn(async move {
        let items = vec![ConfigurationItem {
            scope_uri: None,
            section: Some("tauriAcl".to_owned()),
        }];
        let answer =
            tokio::time::timeout(Duration::from_secs(5), server.client.configuration(items)).await;
        let Ok(Ok(values)) = answer else {
            tracing::debug!("the client did not answer workspace/configuration");
            return;
        };
        let Some(value) = values.into_iter().next() else {
            return;
        };
        if value.is_null() {
            return;
        }
        let settings = Settings::from_json(&value);
        let changed = {
            let mut session = server.lock();
            let changed = session.settings != settings;
            session.settings = settings;
            changed
        };
        if changed {
            reload::schedule_reload(&server);
        }
    });
}
