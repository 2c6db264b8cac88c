//! The only mapping between `ide` values and LSP types: positions in either encoding,
//! file URIs and paths, severities, diagnostics.

use std::path::{Path, PathBuf};

use tower_lsp_server::ls_types::{
    self as lsp, DiagnosticRelatedInformation, DiagnosticSeverity, DiagnosticTag, Location,
    NumberOrString, Position, Range, Uri,
};

use crate::diagnostic::Severity;
use crate::ide::diagnostics::Diagnostic;
use crate::ide::{FilePosition, FileRange};
use crate::text::{Encoding, LineCol, TextRange, TextSize};
use crate::workspace::{FileId, FileKind, Workspace};
use tower_lsp_server::jsonrpc::Error;

pub fn path_from_uri(uri: &Uri) -> Option<PathBuf> {
    if uri.scheme().as_str() != "file" {
        return None;
    }
    uri.to_file_path().map(|path| path.into_owned())
}

pub fn uri_from_path(path: &Path) -> Option<Uri> {
    Uri::from_file_path(path)
}

/// The byte offset of an LSP position in a file of the snapshot.
pub fn offset(
    workspace: &Workspace,
    file: FileId,
    position: Position,
    encoding: Encoding,
) -> TextSize {
    let source = workspace.file(file);
    source.line_index.offset(
        &source.text,
        LineCol {
            line: position.line,
            col: position.character,
        },
        encoding,
    )
}

pub fn position(
    workspace: &Workspace,
    file: FileId,
    offset: TextSize,
    encoding: Encoding,
) -> Position {
    let source = workspace.file(file);
    let LineCol { line, col } = source.line_index.position(&source.text, offset, encoding);
    Position::new(line, col)
}

pub fn range(workspace: &Workspace, file: FileId, range: TextRange, encoding: Encoding) -> Range {
    Range::new(
        position(workspace, file, range.start(), encoding),
        position(workspace, file, range.end(), encoding),
    )
}

pub fn from_range(
    workspace: &Workspace,
    file: FileId,
    range: Range,
    encoding: Encoding,
) -> TextRange {
    let start = offset(workspace, file, range.start, encoding);
    let end = offset(workspace, file, range.end, encoding).max(start);
    TextRange::new(start, end)
}

pub fn location(
    workspace: &Workspace,
    location: FileRange,
    encoding: Encoding,
) -> Option<Location> {
    let uri = uri_from_path(&workspace.file(location.file).path)?;
    Some(Location::new(
        uri,
        range(workspace, location.file, location.range, encoding),
    ))
}

pub fn severity(severity: Severity) -> DiagnosticSeverity {
    match severity {
        Severity::Error => DiagnosticSeverity::ERROR,
        Severity::Warning => DiagnosticSeverity::WARNING,
        Severity::Info => DiagnosticSeverity::INFORMATION,
        Severity::Hint => DiagnosticSeverity::HINT,
    }
}

pub fn diagnostic(
    workspace: &Workspace,
    diagnostic: &Diagnostic,
    encoding: Encoding,
) -> lsp::Diagnostic {
    let related: Vec<DiagnosticRelatedInformation> = diagnostic
        .related
        .iter()
        .filter_map(|related| {
            Some(DiagnosticRelatedInformation {
                location: location(workspace, related.location, encoding)?,
                message: related.message.clone(),
            })
        })
        .collect();
    let mut message = diagnostic.message.clone();
    for note in &diagnostic.notes {
        message.push('\n');
        message.push_str(note);
    }
    lsp::Diagnostic {
        range: range(workspace, diagnostic.file, diagnostic.range, encoding),
        severity: Some(severity(diagnostic.severity)),
        code: Some(NumberOrString::String(diagnostic.code.name().to_owned())),
        code_description: diagnostic
            .code
            .docs_url()
            .parse()
            .ok()
            .map(|href| lsp::CodeDescription { href }),
        source: Some("tauri-acl".to_owned()),
        message,
        related_information: (!related.is_empty()).then_some(related),
        tags: diagnostic
            .is_unnecessary
            .then(|| vec![DiagnosticTag::UNNECESSARY]),
        data: None,
    }
}

pub fn encoding_name(encoding: Encoding) -> lsp::PositionEncodingKind {
    match encoding {
        Encoding::Utf8 => lsp::PositionEncodingKind::UTF8,
        Encoding::Utf16 => lsp::PositionEncodingKind::UTF16,
    }
}

/// The workspace's file for a document, whatever its kind.
pub fn file_id(workspace: &Workspace, uri: &Uri) -> Option<FileId> {
    path_from_uri(uri).and_then(|path| workspace.file_id(&path))
}

/// The workspace's file for a document the editor features answer on: every file but
/// a frontend script. Scripts are the TypeScript language service's; we take them for
/// diagnostics (and the quick fixes those carry) only, so a completion, hover or
/// semantic token of ours never competes with its answers there.
pub fn feature_file(workspace: &Workspace, uri: &Uri) -> Option<FileId> {
    file_id(workspace, uri).filter(|file| workspace.file(*file).kind != FileKind::Frontend)
}

/// The workspace's file and byte offset for an LSP position in `encoding`; `None`
/// (logged at debug) for a document the workspace does not know, and for a frontend
/// script (see [`feature_file`]).
pub fn file_position(
    workspace: &Workspace,
    encoding: Encoding,
    uri: &Uri,
    position: Position,
) -> Option<FilePosition> {
    let Some(file) = feature_file(workspace, uri) else {
        tracing::debug!("{} is not a Tauri file we answer on", uri.as_str());
        return None;
    };
    Some(FilePosition {
        file,
        offset: offset(workspace, file, position, encoding),
    })
}

/// The answer to a request whose computation panicked.
pub fn internal_error(method: &str, error: &tokio::task::JoinError) -> Error {
    tracing::error!("{method} failed: {error}");
    Error::internal_error()
}

/// LSP's kind for each [`crate::ide::SymbolKind`]: capabilities are modules, plugin
/// groups namespaces, sets and defaults enums of their permissions (enum members), as
/// in the semantic token legend.
pub fn symbol_kind(kind: crate::ide::SymbolKind) -> lsp::SymbolKind {
    match kind {
        crate::ide::SymbolKind::Capability => lsp::SymbolKind::MODULE,
        crate::ide::SymbolKind::Plugin => lsp::SymbolKind::NAMESPACE,
        crate::ide::SymbolKind::Permission | crate::ide::SymbolKind::UnknownPermission => {
            lsp::SymbolKind::ENUM_MEMBER
        }
        crate::ide::SymbolKind::PermissionSet | crate::ide::SymbolKind::DefaultPermission => {
            lsp::SymbolKind::ENUM
        }
        crate::ide::SymbolKind::Window => lsp::SymbolKind::OBJECT,
    }
}
