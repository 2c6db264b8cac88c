//! IDE features on plain data: byte ranges and file ids, no protocol types.
//!
//! [`World`] is an immutable snapshot of the workspace plus settings; every feature is a
//! function of it. The CLI and the language server are thin layers over these functions.
//!
//! Invariant: nothing here names an LSP type, prints, or does IO.

pub mod code_actions;
pub mod code_lens;
pub mod completion;
pub(crate) mod cursor;
pub mod diagnostics;
pub mod document_links;
pub mod document_symbols;
pub mod edit;
pub mod explain;
pub mod fix_all;
#[cfg(test)]
pub(crate) mod fixture;
pub mod goto_definition;
pub mod hover;
pub mod inlay_hints;
pub mod least_privilege;
pub mod references;
pub mod rename;
pub mod render;
pub(crate) mod scope_paths;
pub(crate) mod scope_shapes;
pub mod semantic_tokens;
pub(crate) mod suggest;
pub(crate) mod symbol;
pub mod usage;
pub mod why;
pub mod wording;
pub mod workspace_symbols;

use std::collections::BTreeMap;
use std::sync::Arc;

use crate::diagnostic::Code;
use crate::resolver::cache::ResolutionCache;
use crate::text::TextRange;
use crate::workspace::settings::RuleLevel;
use crate::workspace::{FileId, Workspace};

/// A position in a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct FilePosition {
    pub file: FileId,
    pub offset: crate::text::TextSize,
}

/// A range in a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct FileRange {
    pub file: FileId,
    pub range: TextRange,
}

/// What a symbol of the outline or the workspace symbol search stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum SymbolKind {
    Capability,
    /// The entries of a capability that name one plugin's permissions.
    Plugin,
    Permission,
    PermissionSet,
    DefaultPermission,
    /// A capability entry whose identifier names nothing known.
    UnknownPermission,
    /// A window configured in the Tauri config.
    Window,
}

/// Settings that apply to every app, from the command line or the editor.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct IdeConfig {
    /// Rule levels that override each app's `tauri-acl.toml`.
    pub rules: BTreeMap<Code, RuleLevel>,
}

/// An immutable snapshot: the workspace and the settings.
#[derive(Debug, Clone, Default)]
pub struct World {
    pub workspace: Arc<Workspace>,
    pub config: Arc<IdeConfig>,
    /// Resolutions shared by the snapshots that follow one another in an editor session.
    pub resolutions: Arc<ResolutionCache>,
}

impl World {
    pub fn new(workspace: Workspace, config: IdeConfig) -> World {
        World {
            workspace: Arc::new(workspace),
            config: Arc::new(config),
            resolutions: Arc::default(),
        }
    }
}
