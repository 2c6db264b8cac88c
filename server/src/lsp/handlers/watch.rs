//! Noticing changes to files that are not open: through the client's file watcher when it
//! offers dynamic registration, else through our own (`notify`) on the workspace roots and
//! the path-dependency plugins in use.

use std::time::Duration;

use tower_lsp_server::ls_types::*;

use super::reload;
use crate::lsp::Server;
use crate::lsp::convert;
use crate::workspace::PluginSource;
use crate::workspace::watched::{self, WATCHED_GLOBS};

pub fn handle_did_change_watched_files(server: &Server, params: DidChangeWatchedFilesParams) {
    // Saving an open document changes it on disk too; its text is the document's,
    // which the snapshot already has, so that alone reloads nothing (a save of a
    // frontend script would otherwise re-read the whole frontend).
    let open: Vec<Uri> = {
        let session = server.lock();
        params
            .changes
            .iter()
            .filter(|change| session.documents.contains_key(&change.uri))
            .map(|change| change.uri.clone())
            .collect()
    };
    let relevant = params.changes.iter().any(|change| {
        !(change.typ == FileChangeType::CHANGED && open.contains(&change.uri))
            && convert::path_from_uri(&change.uri).is_some_and(|path| watched::matters(&path))
    });
    if relevant {
        reload::schedule_reload(server);
    }
}

pub fn register_watchers(server: &Server) {
    let client = server.client.clone();
    tokio::spawn(async move {
        let watchers: Vec<FileSystemWatcher> = WATCHED_GLOBS
            .iter()
            .map(|glob| FileSystemWatcher {
                glob_pattern: GlobPattern::String((*glob).to_owned()),
                kind: None,
            })
            .collect();
        let options = DidChangeWatchedFilesRegistrationOptions { watchers };
        let registration = Registration {
            id: "tauri-acl-watched-files".to_owned(),
            method: "workspace/didChangeWatchedFiles".to_owned(),
            register_options: serde_json::to_value(options).ok(),
        };
        let answer = tokio::time::timeout(
            Duration::from_secs(5),
            client.register_capability(vec![registration]),
        )
        .await;
        if !matches!(answer, Ok(Ok(()))) {
            tracing::warn!("the client did not accept the file watcher registration");
        }
    });
}

/// Starts our own watcher, for clients that cannot watch files for us.
pub fn start_server_watcher(server: &Server) {
    use notify::Watcher;
    let (sender, mut receiver) = tokio::sync::mpsc::unbounded_channel::<notify::Event>();
    let watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        if let Ok(event) = event {
            let _ = sender.send(event);
        }
    });
    let mut watcher = match watcher {
        Ok(watcher) => watcher,
        Err(error) => {
            tracing::warn!("cannot watch files, changes on disk will be missed: {error}");
            return;
        }
    };
    let paths: Vec<std::path::PathBuf> = {
        let session = server.lock();
        let mut paths = session.roots.clone();
        for app in &session.world.workspace.apps {
            for plugin in app.catalogue.plugins.values() {
                if let PluginSource::Path { dir, .. } = &plugin.source
                    && !paths.iter().any(|root| dir.starts_with(root))
                {
                    paths.push(dir.clone());
                }
            }
        }
        paths
    };
    for path in &paths {
        if let Err(error) = watcher.watch(path, notify::RecursiveMode::Recursive) {
            tracing::warn!("cannot watch {}: {error}", path.display());
        }
    }
    *server
        .watcher
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner()) = Some(watcher);
    let server = server.clone();
    tokio::spawn(async move {
        while let Some(event) = receiver.recv().await {
            // Reading files (as a reload does) produces access and metadata events;
            // reacting to those would reload forever.
            let changes_content = matches!(
                event.kind,
                notify::EventKind::Create(_)
                    | notify::EventKind::Remove(_)
                    | notify::EventKind::Modify(
                        notify::event::ModifyKind::Data(_)
                            | notify::event::ModifyKind::Name(_)
                            | notify::event::ModifyKind::Any
                    )
            );
            let modified = matches!(event.kind, notify::EventKind::Modify(_));
            let relevant = event
                .paths
                .iter()
                .any(|path| watched::matters(path) && !(modified && is_open(&server, path)));
            if changes_content && relevant {
                reload::schedule_reload(&server);
            }
        }
    });
}

/// Whether `path` is an open document, whose text the snapshot already has.
fn is_open(server: &Server, path: &std::path::Path) -> bool {
    convert::uri_from_path(path).is_some_and(|uri| server.lock().documents.contains_key(&uri))
}
