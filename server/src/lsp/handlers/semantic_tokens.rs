//! `textDocument/semanticTokens/full`: the legend and the relative encoding of
//! [`crate::ide::semantic_tokens`].
//!
//! Legend: a plugin prefix is a `namespace`, a permission an `enumMember`, a set or a
//! default an `enum` (a set groups permissions as an enum groups members), a capability
//! a `class`; modifiers are `declaration` and the custom `unknown`, which the editor
//! extension styles. Positions are encoded in the negotiated encoding.

use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::*;

use crate::ide::semantic_tokens::{self as ide_tokens, SemanticTokenKind};
use crate::lsp::Server;
use crate::lsp::convert;
use crate::lsp::session::ClientSupport;
use crate::text::Encoding;
use crate::workspace::{FileId, Workspace};

/// Token types, indexed by [`token_type`].
const TOKEN_TYPES: [SemanticTokenType; 4] = [
    SemanticTokenType::NAMESPACE,
    SemanticTokenType::ENUM_MEMBER,
    SemanticTokenType::ENUM,
    SemanticTokenType::CLASS,
];

const DECLARATION_BIT: u32 = 1 << 0;
const UNKNOWN_BIT: u32 = 1 << 1;

fn legend() -> SemanticTokensLegend {
    SemanticTokensLegend {
        token_types: TOKEN_TYPES.to_vec(),
        token_modifiers: vec![
            SemanticTokenModifier::DECLARATION,
            SemanticTokenModifier::new("unknown"),
        ],
    }
}

fn token_type(kind: SemanticTokenKind) -> u32 {
    match kind {
        SemanticTokenKind::PluginPrefix => 0,
        SemanticTokenKind::Permission => 1,
        SemanticTokenKind::PermissionSet | SemanticTokenKind::DefaultPermission => 2,
        SemanticTokenKind::Capability => 3,
    }
}

/// What the server declares for this feature in `initialize`.
pub fn capability(_support: &ClientSupport) -> Option<SemanticTokensServerCapabilities> {
    Some(SemanticTokensServerCapabilities::SemanticTokensOptions(
        SemanticTokensOptions {
            work_done_progress_options: WorkDoneProgressOptions::default(),
            legend: legend(),
            range: Some(false),
            full: Some(SemanticTokensFullOptions::Bool(true)),
        },
    ))
}

pub async fn handle_semantic_tokens_full(
    server: &Server,
    params: SemanticTokensParams,
) -> Result<Option<SemanticTokensResult>> {
    let snapshot = server.snapshot();
    let uri = params.text_document.uri;
    let Some(file) = convert::feature_file(&snapshot.world.workspace, &uri) else {
        tracing::debug!(
            "semantic tokens: {} is not a Tauri file we answer on",
            uri.as_str()
        );
        return Ok(None);
    };
    let encoding = snapshot.encoding;
    let world = snapshot.world;
    let data = tokio::task::spawn_blocking(move || {
        let tokens = ide_tokens::semantic_tokens(&world, file);
        encode(&world.workspace, file, &tokens, encoding)
    })
    .await;
    let Ok(data) = data else {
        tracing::error!("computing semantic tokens for {} panicked", uri.as_str());
        return Ok(None);
    };
    Ok(Some(SemanticTokensResult::Tokens(SemanticTokens {
        result_id: None,
        data,
    })))
}

/// Encodes sorted, non-overlapping tokens as LSP's line/start deltas; a token that
/// would span lines is dropped.
fn encode(
    workspace: &Workspace,
    file: FileId,
    tokens: &[ide_tokens::SemanticToken],
    encoding: Encoding,
) -> Vec<SemanticToken> {
    let mut data = Vec::with_capacity(tokens.len());
    let mut previous = Position::new(0, 0);
    for token in tokens {
        let start = convert::position(workspace, file, token.range.start(), encoding);
        let end = convert::position(workspace, file, token.range.end(), encoding);
        if start.line != end.line || end.character <= start.character {
            continue;
        }
        let delta_line = start.line - previous.line;
        let delta_start = if delta_line == 0 {
            start.character - previous.character
        } else {
            start.character
        };
        let mut modifiers = 0;
        if token.modifiers.is_declaration {
            modifiers |= DECLARATION_BIT;
        }
        if token.modifiers.is_unknown {
            modifiers |= UNKNOWN_BIT;
        }
        data.push(SemanticToken {
            delta_line,
            delta_start,
            length: end.character - start.character,
            token_type: token_type(token.kind),
            token_modifiers_bitset: modifiers,
        });
        previous = start;
    }
    data
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ide::fixture;

    /// Encodes a file's tokens and lists them as `deltaLine deltaStart length type mods`.
    #[track_caller]
    fn check(fixture_text: &str, encoding: Encoding) -> String {
        let world = fixture::world(fixture_text);
        let path = std::path::Path::new("/src-tauri/capabilities/default.json");
        let file = world
            .workspace
            .file_id(path)
            .expect("the fixture has the file");
        let tokens = ide_tokens::semantic_tokens(&world, file);
        encode(&world.workspace, file, &tokens, encoding)
            .iter()
            .map(|token| {
                format!(
                    "{} {} {} {} {}\n",
                    token.delta_line,
                    token.delta_start,
                    token.length,
                    TOKEN_TYPES[token.token_type as usize].as_str(),
                    token.token_modifiers_bitset
                )
            })
            .collect()
    }

    const FIXTURE: &str = r#"//- /src-tauri/capabilities/default.json
{ "identifier": "é", "windows": ["main"],
  "description": "été", "permissions": ["fs:allow-read", "fs:nope", "x"] }
//- /plugins/fs/permissions/read.toml plugin:fs
[[permission]]
identifier = "allow-read"
commands.allow = ["read"]
"#;

    #[test]
    fn deltas_are_relative_and_columns_follow_the_encoding() {
        // `é` is one UTF-16 code unit but two UTF-8 bytes: in UTF-8 the capability's
        // token is longer and the tokens after the description start further right.
        insta::assert_snapshot!(check(FIXTURE, Encoding::Utf16), @"
        0 17 1 class 1
        1 41 2 namespace 0
        0 3 10 enumMember 0
        0 14 2 namespace 0
        0 3 4 enumMember 2
        0 8 1 enumMember 2
        ");
        insta::assert_snapshot!(check(FIXTURE, Encoding::Utf8), @"
        0 17 2 class 1
        1 43 2 namespace 0
        0 3 10 enumMember 0
        0 14 2 namespace 0
        0 3 4 enumMember 2
        0 8 1 enumMember 2
        ");
    }
}
