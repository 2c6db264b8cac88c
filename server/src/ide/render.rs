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
    // annotate-snippets lays out every line of the source it is given, so each snippet
    // gets only the lines it annotates: a file with 100,000 findings would otherwise be
    // laid out 100,000 times. Annotations in one file far apart from the primary one get
    // a snippet of their own.
    let (same_file, other_files): (Vec<_>, Vec<_>) = diagnostic
        .related
        .iter()
        .partition(|related| related.location.file == diagnostic.file);
    let (near, far): (Vec<_>, Vec<_>) = same_file.into_iter().partition(|related| {
        lines_apart(&file.line_index, diagnostic.range, related.location.range) <= NEAR_LINES
    });
    let mut covered = diagnostic.range;
    for related in &near {
        covered = covered.cover(related.location.range);
    }
    let excerpt = Excerpt::new(&file.text, &file.line_index, covered);
    let mut snippet = Snippet::source(excerpt.text)
        .line_start(excerpt.line_start)
        .path(path.clone())
        .fold(true)
        .annotation(AnnotationKind::Primary.span(excerpt.span(diagnostic.range)));
    for related in &near {
        snippet = snippet.annotation(
            AnnotationKind::Context
                .span(excerpt.span(related.location.range))
                .label(related.message.as_str()),
        );
    }
    let mut group = level
        .clone()
        .primary_title(diagnostic.message.as_str())
        .id(code)
        .element(snippet);
    for related in far.iter().chain(&other_files) {
        let other = workspace.file(related.location.file);
        let excerpt = Excerpt::new(&other.text, &other.line_index, related.location.range);
        group = group.element(
            Snippet::source(excerpt.text)
                .line_start(excerpt.line_start)
                .path((options.display_path)(&other.path))
                .fold(true)
                .annotation(
                    AnnotationKind::Context
                        .span(excerpt.span(related.location.range))
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

/// Annotations in one file at most this many lines apart share a snippet.
const NEAR_LINES: u32 = 40;

fn lines_apart(line_index: &crate::text::LineIndex, a: TextRange, b: TextRange) -> u32 {
    let line = |offset| line_index.line_col(offset).line;
    let (first, last) = (line(a.start().min(b.start())), line(a.end().max(b.end())));
    last - first
}

/// The whole lines of a text that a range touches, and where they start.
struct Excerpt<'t> {
    text: &'t str,
    /// The byte offset of `text` in the file.
    offset: usize,
    /// The 1-based number of its first line.
    line_start: usize,
}

impl<'t> Excerpt<'t> {
    fn new(text: &'t str, line_index: &crate::text::LineIndex, range: TextRange) -> Excerpt<'t> {
        let whole = span(text, range);
        let first = line_index.line_col(crate::text::to_size(whole.start)).line;
        let last = line_index.line_col(crate::text::to_size(whole.end)).line;
        let from = usize::from(line_index.line_start(first)).min(text.len());
        let to = usize::from(line_index.line_start(last + 1))
            .min(text.len())
            .max(whole.end);
        let from = crate::text::floor_char_boundary(text, from);
        let to = crate::text::floor_char_boundary(text, to).max(from);
        Excerpt {
            text: &text[from..to],
            offset: from,
            line_start: first as usize + 1,
        }
    }

    /// A range of the file as a span of the excerpt, clamped to it.
    fn span(&self, range: TextRange) -> std::ops::Range<usize> {
        let start = usize::from(range.start())
            .saturating_sub(self.offset)
            .min(self.text.len());
        let end = usize::from(range.end())
            .saturating_sub(self.offset)
            .min(self.text.len())
            .max(start);
        let start = crate::text::floor_char_boundary(self.text, start);
        let end = crate::text::floor_char_boundary(self.text, end).max(start);
        start..end
    }
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
