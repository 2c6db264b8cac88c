//! `textDocument/completion`: converts the position, runs [`ide::completion`] on the
//! snapshot, and converts the items back. Every item carries a `textEdit` replacing the
//! whole token, so clients never guess word boundaries around `:` or `$`.
//!
//! Invariant: no Tauri logic here; what to offer and where is decided in the `ide` layer.
//!
//! [`ide::completion`]: crate::ide::completion::completion

use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::*;

use crate::ide::completion::{self as ide_completion, CompletionConfig};
use crate::lsp::Server;
use crate::lsp::convert;
use crate::lsp::handlers::at_position;
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
    let config = CompletionConfig {
        snippets: server.lock().client.snippets,
    };
    let params = params.text_document_position;
    let items = at_position(
        server,
        "textDocument/completion",
        &params.text_document.uri,
        params.position,
        move |world, position, encoding| {
            ide_completion::completion(world, position, &config)
                .into_iter()
                .map(|item| to_lsp_item(&world.workspace, position.file, item, encoding))
                .collect::<Vec<_>>()
        },
    )
    .await?
    .unwrap_or_default();
    if items.is_empty() {
        return Ok(None);
    }
    Ok(Some(CompletionResponse::List(CompletionList {
        is_incomplete: false,
        items,
    })))
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ide::fixture;

    /// The LSP items at `$0` as compact JSON, one per line, without documentation.
    fn check(fixture_text: &str, snippets: bool) -> String {
        let (world, position) = fixture::position(fixture_text);
        let file = position.file;
        ide_completion::completion(&world, position, &CompletionConfig { snippets })
            .into_iter()
            .map(|item| {
                let mut item = to_lsp_item(&world.workspace, file, item, Encoding::Utf16);
                item.documentation = None;
                serde_json::to_string(&item).unwrap_or_default()
            })
            .collect::<Vec<_>>()
            .join("\n")
    }

    const PLUGIN: &str = r#"
//- /plugins/fs/permissions/default.toml plugin:fs
[[permission]]
identifier = "allow-read"
commands.allow = ["read"]
"#;

    #[test]
    fn every_item_has_a_text_edit_and_snippets_only_when_supported() {
        let between = format!(
            "//- /src-tauri/capabilities/default.json\n{{ \"identifier\": \"a\", \"permissions\": [$0] }}\n{PLUGIN}"
        );
        insta::assert_snapshot!(check(&between, true), @r#"{"label":"fs:","kind":9,"detail":"plugin · 1 identifier","sortText":"00fs:","filterText":"fs:","insertTextFormat":2,"textEdit":{"range":{"start":{"line":0,"character":37},"end":{"line":0,"character":37}},"newText":"\"fs:$0\""},"command":{"title":"Suggest","command":"editor.action.triggerSuggest"}}"#);
        insta::assert_snapshot!(check(&between, false), @r#"{"label":"fs:","kind":9,"detail":"plugin · 1 identifier","sortText":"00fs:","filterText":"fs:","insertTextFormat":1,"textEdit":{"range":{"start":{"line":0,"character":37},"end":{"line":0,"character":37}},"newText":"\"fs:"},"command":{"title":"Suggest","command":"editor.action.triggerSuggest"}}"#);
        let typed = format!(
            "//- /src-tauri/capabilities/default.json\n{{ \"identifier\": \"a\", \"permissions\": [\"fs:al$0\"] }}\n{PLUGIN}"
        );
        insta::assert_snapshot!(check(&typed, true), @r#"{"label":"fs:allow-read","kind":12,"detail":"allows read","sortText":"03fs:allow-read","filterText":"fs:allow-read","insertTextFormat":1,"textEdit":{"range":{"start":{"line":0,"character":38},"end":{"line":0,"character":43}},"newText":"fs:allow-read"}}"#);
        // A key typed without its `:` is replaced with its quote, so the filter has it too.
        let key = "{ \"identifier\": \"a\", \"permissions\": [], \"platf$0\n}";
        insta::assert_snapshot!(check(key, true), @r#"
        {"label":"description","kind":10,"detail":"capability key","sortText":"1","filterText":"\"description","insertTextFormat":2,"textEdit":{"range":{"start":{"line":0,"character":40},"end":{"line":0,"character":46}},"newText":"\"description\": \"$1\""}}
        {"label":"remote","kind":10,"detail":"capability key","sortText":"2","filterText":"\"remote","insertTextFormat":2,"textEdit":{"range":{"start":{"line":0,"character":40},"end":{"line":0,"character":46}},"newText":"\"remote\": { \"urls\": [$1] }"}}
        {"label":"local","kind":10,"detail":"capability key","sortText":"3","filterText":"\"local","insertTextFormat":2,"textEdit":{"range":{"start":{"line":0,"character":40},"end":{"line":0,"character":46}},"newText":"\"local\": ${1:true}"}}
        {"label":"windows","kind":10,"detail":"capability key","sortText":"4","filterText":"\"windows","insertTextFormat":2,"textEdit":{"range":{"start":{"line":0,"character":40},"end":{"line":0,"character":46}},"newText":"\"windows\": [$1]"}}
        {"label":"webviews","kind":10,"detail":"capability key","sortText":"5","filterText":"\"webviews","insertTextFormat":2,"textEdit":{"range":{"start":{"line":0,"character":40},"end":{"line":0,"character":46}},"newText":"\"webviews\": [$1]"}}
        {"label":"platforms","kind":10,"detail":"capability key","sortText":"7","filterText":"\"platforms","insertTextFormat":2,"textEdit":{"range":{"start":{"line":0,"character":40},"end":{"line":0,"character":46}},"newText":"\"platforms\": [$1]"}}
        "#);
    }
}
