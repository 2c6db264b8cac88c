//! `textDocument/codeAction`: quick fixes, refactors and `source.fixAll.tauri-acl`.
//!
//! A fix becomes a `WorkspaceEdit`: plain `changes` when it only edits files, document
//! changes with a `CreateFile` operation when it creates one (if the client supports
//! resource operations). A fix with a snippet is sent as the `tauri-acl.insertSnippet`
//! command instead when the client says it can run it (`experimental.tauriAclSnippets`).

use std::collections::HashMap;

use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::*;

use crate::ide::FileRange;
use crate::ide::code_actions::{ActionKind, CodeAction as IdeAction, code_actions};
use crate::ide::diagnostics::Fix;
use crate::ide::fix_all::{FixAll, fix_all};
use crate::lsp::Server;
use crate::lsp::convert;
use crate::lsp::session::ClientSupport;
use crate::text::Encoding;
use crate::workspace::Workspace;

pub const FIX_ALL: &str = "source.fixAll.tauri-acl";

pub fn capability(_support: &ClientSupport) -> Option<CodeActionProviderCapability> {
    Some(CodeActionProviderCapability::Options(CodeActionOptions {
        code_action_kinds: Some(vec![
            CodeActionKind::QUICKFIX,
            CodeActionKind::REFACTOR_REWRITE,
            CodeActionKind::new(FIX_ALL),
        ]),
        resolve_provider: Some(false),
        work_done_progress_options: WorkDoneProgressOptions::default(),
    }))
}

pub async fn handle_code_action(
    server: &Server,
    params: CodeActionParams,
) -> Result<Option<CodeActionResponse>> {
    let snapshot = server.snapshot();
    let support = server.lock().client.clone();
    let workspace = snapshot.world.workspace.clone();
    let Some(file) = convert::file_id(&workspace, &params.text_document.uri) else {
        tracing::debug!(
            "codeAction for an unknown document: {}",
            params.text_document.uri.as_str()
        );
        return Ok(None);
    };
    // A frontend script gets the quick fixes of our diagnostics in it and nothing else:
    // no refactors, and no `source.fixAll`, which an editor may run on every save and
    // whose edits would land in capability files the user is not looking at.
    let quick_fixes_only = convert::feature_file(&workspace, &params.text_document.uri).is_none();
    let range = convert::from_range(&workspace, file, params.range, snapshot.encoding);
    let only = params.context.only.clone();
    let wants = move |kind: &str| {
        (!quick_fixes_only || kind == CodeActionKind::QUICKFIX.as_str())
            && only
                .as_ref()
                .is_none_or(|kinds| kinds.iter().any(|wanted| kind.starts_with(wanted.as_str())))
    };
    let world = snapshot.world.clone();
    let encoding = snapshot.encoding;
    let answer = tokio::task::spawn_blocking(move || {
        let mut response: CodeActionResponse = Vec::new();
        if wants(CodeActionKind::QUICKFIX.as_str())
            || wants(CodeActionKind::REFACTOR_REWRITE.as_str())
        {
            for action in code_actions(&world, FileRange { file, range }) {
                let kind = match action.kind {
                    ActionKind::QuickFix => CodeActionKind::QUICKFIX,
                    _ => CodeActionKind::REFACTOR_REWRITE,
                };
                if !wants(kind.as_str()) {
                    continue;
                }
                response.push(to_lsp(&world.workspace, &action, kind, encoding, &support));
            }
        }
        if wants(FIX_ALL)
            && let FixAll::Fixed { fix, .. } = fix_all(&world, file)
        {
            let action = IdeAction {
                kind: ActionKind::FixAll,
                fix,
                diagnostic: None,
            };
            response.push(to_lsp(
                &world.workspace,
                &action,
                CodeActionKind::new(FIX_ALL),
                encoding,
                &support,
            ));
        }
        response
    })
    .await
    .unwrap_or_default();
    Ok(Some(answer))
}

fn to_lsp(
    workspace: &Workspace,
    action: &IdeAction,
    kind: CodeActionKind,
    encoding: Encoding,
    support: &ClientSupport,
) -> CodeActionOrCommand {
    let fix = &action.fix;
    let diagnostics = action
        .diagnostic
        .as_ref()
        .map(|diagnostic| vec![convert::diagnostic(workspace, diagnostic, encoding)]);
    let snippet_command = match (&fix.snippet, fix.edits.first()) {
        (Some(snippet), Some(edit)) if support.snippet_command && fix.edits.len() == 1 => {
            convert::uri_from_path(&workspace.file(edit.location.file).path).map(|uri| Command {
                title: fix.label.clone(),
                command: "tauri-acl.insertSnippet".to_owned(),
                arguments: Some(vec![serde_json::json!({
                    "uri": uri.as_str(),
                    "range": convert::range(workspace, edit.location.file, edit.location.range, encoding),
                    "snippet": snippet,
                })]),
            })
        }
        _ => None,
    };
    CodeActionOrCommand::CodeAction(CodeAction {
        title: fix.label.clone(),
        kind: Some(kind),
        diagnostics,
        edit: if snippet_command.is_some() {
            None
        } else {
            Some(workspace_edit(workspace, fix, encoding, support))
        },
        command: snippet_command,
        is_preferred: Some(fix.is_preferred),
        disabled: None,
        data: None,
    })
}

/// A fix as a `WorkspaceEdit`.
pub fn workspace_edit(
    workspace: &Workspace,
    fix: &Fix,
    encoding: Encoding,
    support: &ClientSupport,
) -> WorkspaceEdit {
    let mut changes: HashMap<Uri, Vec<TextEdit>> = HashMap::new();
    for edit in &fix.edits {
        let Some(uri) = convert::uri_from_path(&workspace.file(edit.location.file).path) else {
            continue;
        };
        changes.entry(uri).or_default().push(TextEdit {
            range: convert::range(workspace, edit.location.file, edit.location.range, encoding),
            new_text: edit.new_text.clone(),
        });
    }
    if fix.creates.is_empty() {
        return WorkspaceEdit {
            changes: Some(changes),
            ..WorkspaceEdit::default()
        };
    }
    let mut operations = Vec::new();
    for (path, text) in &fix.creates {
        let Some(uri) = convert::uri_from_path(path) else {
            continue;
        };
        if support.resource_operations {
            operations.push(DocumentChangeOperation::Op(ResourceOp::Create(
                CreateFile {
                    uri: uri.clone(),
                    options: Some(CreateFileOptions {
                        overwrite: Some(false),
                        ignore_if_exists: Some(true),
                    }),
                    annotation_id: None,
                },
            )));
        }
        operations.push(DocumentChangeOperation::Edit(TextDocumentEdit {
            text_document: OptionalVersionedTextDocumentIdentifier { uri, version: None },
            edits: vec![OneOf::Left(TextEdit {
                range: Range::default(),
                new_text: text.clone(),
            })],
        }));
    }
    for (uri, edits) in changes {
        operations.push(DocumentChangeOperation::Edit(TextDocumentEdit {
            text_document: OptionalVersionedTextDocumentIdentifier { uri, version: None },
            edits: edits.into_iter().map(OneOf::Left).collect(),
        }));
    }
    WorkspaceEdit {
        document_changes: Some(DocumentChanges::Operations(operations)),
        ..WorkspaceEdit::default()
    }
}
