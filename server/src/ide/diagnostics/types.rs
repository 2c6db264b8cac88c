//! The values checks produce: a [`Diagnostic`] at a place in a file, with related places,
//! notes and fixes, and a [`Note`] about an app's environment rather than a place.

use super::{Fix, TextEdit};
use crate::diagnostic::{Code, Severity};
use crate::ide::FileRange;
use crate::text::TextRange;
use crate::workspace::FileId;

/// A problem at a place in a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub file: FileId,
    pub range: TextRange,
    pub code: Code,
    pub severity: Severity,
    pub message: String,
    /// Other places that explain the problem.
    pub related: Vec<Related>,
    /// Short lines printed after the snippet (`help: ...`).
    pub notes: Vec<String>,
    pub fixes: Vec<Fix>,
    /// The text is redundant (a duplicate entry), which editors show faded.
    pub is_unnecessary: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Related {
    pub location: FileRange,
    pub message: String,
}

impl Diagnostic {
    pub fn new(
        code: Code,
        file: FileId,
        range: TextRange,
        message: impl Into<String>,
    ) -> Diagnostic {
        Diagnostic {
            file,
            range,
            code,
            severity: code.default_severity(),
            message: message.into(),
            related: Vec::new(),
            notes: Vec::new(),
            fixes: Vec::new(),
            is_unnecessary: false,
        }
    }

    pub fn related(
        mut self,
        file: FileId,
        range: TextRange,
        message: impl Into<String>,
    ) -> Diagnostic {
        self.related.push(Related {
            location: FileRange { file, range },
            message: message.into(),
        });
        self
    }

    pub fn note(mut self, note: impl Into<String>) -> Diagnostic {
        self.notes.push(note.into());
        self
    }

    /// Adds a fix that replaces this diagnostic's range with `new_text`.
    pub fn replace_with(
        mut self,
        label: impl Into<String>,
        new_text: impl Into<String>,
    ) -> Diagnostic {
        let range = self.range;
        self.fixes.push(Fix {
            label: label.into(),
            edits: vec![TextEdit {
                location: FileRange {
                    file: self.file,
                    range,
                },
                new_text: new_text.into(),
            }],
            ..Fix::default()
        });
        self
    }

    /// Adds a fix when there is one.
    pub fn fixes_with(mut self, fix: Option<Fix>) -> Diagnostic {
        self.fixes.extend(fix);
        self
    }

    /// Adds a fix made of edits in this diagnostic's file.
    pub fn fix(
        mut self,
        label: impl Into<String>,
        edits: Vec<crate::ide::edit::Edit>,
    ) -> Diagnostic {
        self.fixes.push(Fix::in_file(label, self.file, edits));
        self
    }
}

/// A finding about the app's environment rather than a place in a file (a plugin whose
/// sources are not unpacked, a malformed `tauri-acl.toml`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    pub code: Code,
    pub severity: Severity,
    pub message: String,
}
