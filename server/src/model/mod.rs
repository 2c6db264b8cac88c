//! Typed, spanned models of Tauri's ACL files, lowered from the syntax [`Tree`].
//!
//! Lowering never fails: what cannot be read is left out of the model and reported as a
//! [`Problem`] with a range (`wrong-type`, `missing-field`, `unknown-key`, …). Unknown
//! keys are kept as problems because Tauri silently ignores them. Models are per-file
//! values: they hold ranges and node ids, never paths or file ids.
//!
//! The serde shapes mirrored here are those of tauri-utils `acl/capability.rs`,
//! `acl/manifest.rs`, `acl/mod.rs` and `config.rs`.

pub mod capability;
pub mod identifier;
pub mod manifest;
pub mod platform;
pub mod reader;
pub mod tauri_conf;

pub use capability::{Capability, CapabilityFile, CapabilityShape, PermissionEntry, ScopeValue};
pub use identifier::{Identifier, IdentifierError};
pub use manifest::{DefaultPermission, Permission, PermissionFile, PermissionSet};
pub use platform::Platform;
pub use tauri_conf::TauriConfig;

use crate::diagnostic::Code;
use crate::text::TextRange;

/// A value and the range of the text it came from.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Spanned<T> {
    pub value: T,
    pub range: TextRange,
}

impl<T> Spanned<T> {
    pub fn new(value: T, range: TextRange) -> Spanned<T> {
        Spanned { value, range }
    }
}

/// A problem found while reading one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub code: Code,
    pub range: TextRange,
    pub message: String,
    /// A replacement for the text at `range` that fixes the problem, if one is certain
    /// enough to offer.
    pub suggestion: Option<String>,
    /// A severity other than the code's default, where Tauri is stricter than usual.
    pub severity: Option<crate::diagnostic::Severity>,
}

impl Problem {
    pub fn new(code: Code, range: TextRange, message: impl Into<String>) -> Problem {
        Problem {
            code,
            range,
            message: message.into(),
            suggestion: None,
            severity: None,
        }
    }

    pub fn with_suggestion(mut self, suggestion: impl Into<String>) -> Problem {
        self.suggestion = Some(suggestion.into());
        self
    }
}
