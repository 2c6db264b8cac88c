//! Diagnostics as rustc-style annotated source, with `annotate-snippets`.
//!
//! The one renderer behind `tauri-acl check`'s human output and the diagnostic
//! snapshots, so every snapshot test also tests the CLI's format. Paths are shown through
//! a caller-provided function so tests can print fixture paths and the CLI relative ones.

use std::path::Path;

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};

use super::diagnostics::Diagnostic;
use crate::diagnostic::Severity;
use crate::text::TextRange;
use crate::workspace::Workspace;

pub struct RenderOptions<'a> {
    pub color: bool,
    pub display_path: &'a dyn Fn(&Path) -> String,
}

/// Renders one diagnostic, ending with a newline.
pub fn render_diagnostic(
    workspace: &Workspace,
    diagnostic: &Diagnostic,
    options: &RenderOptions<'_>,
) -> String {
    let file = workspace.file(diagnostic.file);
    let path = (options.display_path)(&file.path);
    let level = level(diagnostic.severity);
    let code = diagnostic.code.name();
    let mut snippet = Snippet::source(file.text.as_str())
        .line_start(1)
        .path(path.clone())
        .fold(true)
        .annotation(AnnotationKind::Primary.span(span(&file.text, diagnostic.range)));
    let mut other_files = Vec::new();
    for related in &diagnostic.related {
        if related.location.file == diagnostic.file {
            snippet = snippet.annotation(
                AnnotationKind::Context
                    .span(span(&file.text, related.location.range))
                    .label(related.message.as_str()),
            );
        } else {
            other_files.push(related);
        }
    }
    let mut group = level
        .clone()
        .primary_title(diagnostic.message.as_str())
        .id(code)
        .element(snippet);
    for related in &other_files {
        let other = workspace.file(related.location.file);
        group = group.element(
            Snippet::source(other.text.as_str())
                .line_start(1)
                .path((options.display_path)(&other.path))
                .fold(true)
                .annotation(
                    AnnotationKind::Context
                        .span(span(&other.text, related.location.range))
                        .label(related.message.as_str()),
                ),
        );
    }
    for note in &diagnostic.notes {
        let (note_level, text) = match note.split_once(": ") {
            Some(("help", text)) => (Level::HELP, text),
            Some(("note", text)) => (Level::NOTE, text),
            _ => (Level::NOTE, note.as_str()),
        };
        group = group.element(note_level.message(text));
    }
    for fix in &diagnostic.fixes {
        group = group.element(Level::HELP.message(fix.label.as_str()));
    }
    let report: [Group<'_>; 1] = [group];
    let renderer = if options.color {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    let mut out = renderer.render(&report).to_string();
    out.push('\n');
    out
}

fn level(severity: Severity) -> Level<'static> {
    match severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
        Severity::Info => Level::INFO,
        Severity::Hint => Level::HELP,
    }
}

/// A byte span clamped to the text and to char boundaries.
fn span(text: &str, range: TextRange) -> std::ops::Range<usize> {
    let start = crate::text::floor_char_boundary(text, usize::from(range.start()));
    let end = crate::text::floor_char_boundary(text, usize::from(range.end())).max(start);
    start..end
}
