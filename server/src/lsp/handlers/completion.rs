//! `textDocument/completion`: converts the position, runs [`ide::completion`] on the
//! snapshot, and converts the items back. Every item carries a `textEdit` replacing the
//! whole token, so clients never guess word boundaries around `:` or `$`.
//!
//! Invariant: no Tauri logic here; what to offer and where is decided in the `ide` layer.
//!
//! [`ide::completion`]: crate::ide::completion::completion

use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::*;

use crate::ide::FilePosition;
use crate::ide::completion::{self as ide_completion, CompletionConfig};
use crate::lsp::Server;
use crate::lsp::convert;
use crate::lsp::session::ClientSupport;
use crate::text::Encoding;
use crate::workspace::Workspace;

/// Quotes open a value, `:` follows a plugin name, `$` starts a path variable.
const TRIGGER_CHARACTERS: [&str; 4] = ["\"", "'", ":", "$"];

/// What the server declares for this feature in `initialize`.
pub fn capability(_support: &ClientSupport) -> Option<CompletionOptions> {
    Some(CompletionOptions {
        trigger_characters: Some(TRIGGER_CHARACTERS.iter().map(|c| (*c).to_owned()).collect()),
        resolve_provider: Some(false),
        ..CompletionOptions::default()
    })
}

pub async fn handle_completion(
    server: &Server,
    params: CompletionParams,
) -> Result<Option<CompletionResponse>> {
    let snapshot = server.snapshot();
    let config = CompletionConfig {
        snippets: server.lock().client.snippets,
    };
    let uri = params.text_document_position.text_document.uri;
    let position = params.text_document_position.position;
    let Some(path) = convert::path_from_uri(&uri) else {
        tracing::debug!("completion: not a file uri: {}", uri.as_str());
        return Ok(None);
    };
    let Some(file) = snapshot.world.workspace.file_id(&path) else {
        tracing::debug!("completion: unknown file {}", path.display());
        return Ok(None);
    };
    let encoding = snapshot.encoding;
    let offset = convert::offset(&snapshot.world.workspace, file, position, encoding);
    let world = snapshot.world.clone();
    let items = tokio::task::spawn_blocking(move || {
        let items = ide_completion::completion(&world, FilePosition { file, offset }, &config);
        items
            .into_iter()
            .map(|item| to_lsp_item(&world.workspace, file, item, encoding))
            .collect::<Vec<_>>()
    })
    .await;
    match items {
        Ok(items) if items.is_empty() => Ok(None),
        Ok(items) => Ok(Some(CompletionResponse::List(CompletionList {
            is_incomplete: false,
            items,
        }))),
        Err(error) => {
            tracing::error!("completion panicked: {error}");
            Err(tower_lsp_server::jsonrpc::Error::internal_error())
        }
    }
}

fn to_lsp_item(
    workspace: &Workspace,
    file: crate::workspace::FileId,
    item: ide_completion::CompletionItem,
    encoding: Encoding,
) -> CompletionItem {
    let range = convert::range(workspace, file, item.edit_range, encoding);
    CompletionItem {
        label: item.label,
        kind: Some(to_lsp_kind(item.kind)),
        detail: item.detail,
        documentation: item.documentation.map(|value| {
            Documentation::MarkupContent(MarkupContent {
                kind: MarkupKind::Markdown,
                value,
            })
        }),
        sort_text: Some(item.sort_text),
        filter_text: Some(item.filter_text),
        insert_text_format: Some(if item.is_snippet {
            InsertTextFormat::SNIPPET
        } else {
            InsertTextFormat::PLAIN_TEXT
        }),
        text_edit: Some(CompletionTextEdit::Edit(TextEdit {
            range,
            new_text: item.new_text,
        })),
        // VS Code's command; other clients ignore commands they do not know.
        command: item.trigger_completion.then(|| Command {
            title: "Suggest".to_owned(),
            command: "editor.action.triggerSuggest".to_owned(),
            arguments: None,
        }),
        ..CompletionItem::default()
    }
}

fn to_lsp_kind(kind: ide_completion::CompletionKind) -> CompletionItemKind {
    use ide_completion::CompletionKind as Kind;
    match kind {
        Kind::Plugin => CompletionItemKind::MODULE,
        Kind::Default | Kind::Set => CompletionItemKind::CONSTANT,
        Kind::Permission => CompletionItemKind::VALUE,
        Kind::Window | Kind::Webview => CompletionItemKind::REFERENCE,
        Kind::Platform => CompletionItemKind::ENUM_MEMBER,
        Kind::Key => CompletionItemKind::PROPERTY,
        Kind::Capability => CompletionItemKind::REFERENCE,
        Kind::Variable => CompletionItemKind::VARIABLE,
        Kind::Command => CompletionItemKind::FUNCTION,
    }
}
