//! Diagnostics as rustc-style annotated source, with `annotate-snippets`.
//!
//! The one renderer behind `tauri-acl check`'s human output and the diagnostic
//! snapshots, so every snapshot test also tests the CLI's format. Paths are shown through
//! a caller-provided function so tests can print fixture paths and the CLI relative ones.

use std::path::Path;

use annotate_snippets::{AnnotationKind, Group, Level, Origin, Renderer, Snippet};

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
    // A line too long to lay out (a 20 MB one-line file) is shown as a window around the
    // annotation, with the real position given by an origin line.
    if let Some(window) = long_line_window(&file.text, &file.line_index, diagnostic.range) {
        let group = level
            .clone()
            .primary_title(diagnostic.message.as_str())
            .id(code)
            .element(
                Origin::path(path.clone())
                    .line(window.line)
                    .char_column(window.column),
            )
            .element(
                Snippet::source(window.text)
                    .line_start(window.line)
                    .fold(true)
                    .annotation(AnnotationKind::Primary.span(window.span)),
            )
            .element(Level::NOTE.message(format!(
                "the line is {} bytes long; {} bytes around the problem are shown",
                window.line_length,
                window.text.len()
            )));
        return finish(group, diagnostic, options);
    }
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
    finish(group, diagnostic, options)
}

fn finish<'a>(
    mut group: Group<'a>,
    diagnostic: &'a Diagnostic,
    options: &RenderOptions<'_>,
) -> String {
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

/// Lines longer than this are shown as a window around the annotation.
const LONG_LINE: usize = 4096;
/// Bytes shown on each side of the annotation in such a window.
const WINDOW_CONTEXT: usize = 200;

struct Window<'t> {
    text: &'t str,
    /// The annotation within `text`.
    span: std::ops::Range<usize>,
    /// 1-based line and byte column of the annotation's start (as `--format json` gives
    /// them: counting the characters of a line this long would cost a pass over it per
    /// diagnostic).
    line: usize,
    column: usize,
    line_length: usize,
}

fn long_line_window<'t>(
    text: &'t str,
    line_index: &crate::text::LineIndex,
    range: TextRange,
) -> Option<Window<'t>> {
    let annotated = span(text, range);
    let position = line_index.line_col(crate::text::to_size(annotated.start));
    let line_start = usize::from(line_index.line_start(position.line));
    let line_end = usize::from(line_index.line_start(position.line + 1)).min(text.len());
    if line_end - line_start <= LONG_LINE {
        return None;
    }
    let from = crate::text::floor_char_boundary(
        text,
        annotated
            .start
            .saturating_sub(WINDOW_CONTEXT)
            .max(line_start),
    );
    let annotated_end =
        crate::text::floor_char_boundary(text, annotated.end.min(annotated.start + WINDOW_CONTEXT))
            .max(annotated.start);
    let to = crate::text::floor_char_boundary(text, (annotated_end + WINDOW_CONTEXT).min(line_end))
        .max(annotated_end);
    Some(Window {
        text: &text[from..to],
        span: annotated.start - from..annotated_end - from,
        line: position.line as usize + 1,
        column: position.col as usize + 1,
        line_length: line_end - line_start,
    })
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
