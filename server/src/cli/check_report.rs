//! The shape of `tauri-acl check --format json`, typed so its JSON Schema is generated
//! from the same definitions that produce it.

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::Serialize;

use super::output::display_path;
use crate::diagnostic::{Code, Severity};
use crate::ide::diagnostics::{Diagnostic, app_notes};
use crate::ide::{FileRange, World};
use crate::text::Encoding;
use crate::workspace::Workspace;

/// The report of one `tauri-acl check` run.
#[derive(Debug, Serialize, JsonSchema)]
pub struct CheckReport {
    /// The report format's version; it changes only when a field changes meaning.
    pub version: u32,
    pub apps: Vec<AppReport>,
    pub diagnostics: Vec<DiagnosticReport>,
    pub summary: Summary,
}

/// One Tauri app that was checked.
#[derive(Debug, Serialize, JsonSchema)]
pub struct AppReport {
    pub name: String,
    /// The folder holding the Tauri config.
    pub root: String,
    /// The platforms the app was checked for.
    pub platforms: Vec<&'static str>,
    pub plugins: Vec<PluginReport>,
    /// Findings about the app as a whole, with no place in a file.
    pub notes: Vec<NoteReport>,
}

/// Where one plugin's permissions were read from.
#[derive(Debug, Serialize, JsonSchema)]
pub struct PluginReport {
    /// The plugin's key, as written before `:` in identifiers (`fs`, `core:window`).
    pub key: String,
    /// `app`, `core-table`, `registry`, `git`, `path`, `acl-manifests`, `bundled` or
    /// `bundled-nearest`.
    pub source: &'static str,
    /// The crate, version and location, in words.
    pub from: String,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct NoteReport {
    #[schemars(schema_with = "code_schema")]
    pub code: &'static str,
    #[schemars(schema_with = "severity_schema")]
    pub severity: &'static str,
    pub message: String,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct DiagnosticReport {
    /// The rule's code; its page is `docs/rules/<code>.md`.
    #[schemars(schema_with = "code_schema")]
    pub code: &'static str,
    #[schemars(schema_with = "severity_schema")]
    pub severity: &'static str,
    pub message: String,
    pub location: Location,
    /// Other places that explain the problem.
    pub related: Vec<RelatedReport>,
    /// Short lines shown after the snippet (`help: …`, `note: …`).
    pub notes: Vec<String>,
    /// Machine-applicable fixes.
    pub fixes: Vec<FixReport>,
    /// The text is redundant, such as a duplicate entry.
    pub unnecessary: bool,
}

/// A range in a file: 1-based lines and columns (columns count bytes), and the byte
/// range.
#[derive(Debug, Serialize, JsonSchema)]
pub struct Location {
    pub file: String,
    pub start: Position,
    pub end: Position,
    /// Start and end byte offsets.
    pub byte_range: [u32; 2],
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct Position {
    pub line: u32,
    pub column: u32,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct RelatedReport {
    pub message: String,
    pub location: Location,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct FixReport {
    pub label: String,
    pub edits: Vec<EditReport>,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct EditReport {
    pub location: Location,
    pub new_text: String,
}

/// How many diagnostics of each severity the report holds.
#[derive(Debug, Serialize, JsonSchema)]
pub struct Summary {
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    pub hints: usize,
}

fn location(workspace: &Workspace, location: FileRange) -> Location {
    let file = workspace.file(location.file);
    let position = |offset| {
        let position = file.line_index.position(&file.text, offset, Encoding::Utf8);
        Position {
            line: position.line + 1,
            column: position.col + 1,
        }
    };
    Location {
        file: display_path(&file.path),
        start: position(location.range.start()),
        end: position(location.range.end()),
        byte_range: [
            u32::from(location.range.start()),
            u32::from(location.range.end()),
        ],
    }
}

pub fn report(world: &World, found: &[Diagnostic]) -> CheckReport {
    let workspace = world.workspace.as_ref();
    let count = |severity: Severity| {
        found
            .iter()
            .filter(|diagnostic| diagnostic.severity == severity)
            .count()
    };
    CheckReport {
        version: 1,
        apps: workspace
            .apps
            .iter()
            .map(|app| AppReport {
                name: app.name(),
                root: display_path(&app.root),
                platforms: app
                    .platforms
                    .iter()
                    .map(|platform| platform.name())
                    .collect(),
                plugins: app
                    .catalogue
                    .plugins
                    .values()
                    .map(|plugin| PluginReport {
                        key: plugin.key.clone(),
                        source: plugin.source.kind(),
                        from: plugin.source.describe(),
                    })
                    .collect(),
                notes: app_notes(world, app)
                    .iter()
                    .map(|note| NoteReport {
                        code: note.code.name(),
                        severity: note.severity.name(),
                        message: note.message.clone(),
                    })
                    .collect(),
            })
            .collect(),
        diagnostics: found
            .iter()
            .map(|diagnostic| DiagnosticReport {
                code: diagnostic.code.name(),
                severity: diagnostic.severity.name(),
                message: diagnostic.message.clone(),
                location: location(
                    workspace,
                    FileRange {
                        file: diagnostic.file,
                        range: diagnostic.range,
                    },
                ),
                related: diagnostic
                    .related
                    .iter()
                    .map(|related| RelatedReport {
                        message: related.message.clone(),
                        location: location(workspace, related.location),
                    })
                    .collect(),
                notes: diagnostic.notes.clone(),
                fixes: diagnostic
                    .fixes
                    .iter()
                    .map(|fix| FixReport {
                        label: fix.label.clone(),
                        edits: fix
                            .edits
                            .iter()
                            .map(|edit| EditReport {
                                location: location(workspace, edit.location),
                                new_text: edit.new_text.clone(),
                            })
                            .collect(),
                    })
                    .collect(),
                unnecessary: diagnostic.is_unnecessary,
            })
            .collect(),
        summary: Summary {
            errors: count(Severity::Error),
            warnings: count(Severity::Warning),
            infos: count(Severity::Info),
            hints: count(Severity::Hint),
        },
    }
}

/// A diagnostic code, as an enumeration of every code.
fn code_schema(_: &mut SchemaGenerator) -> Schema {
    let names: Vec<&str> = Code::ALL.iter().map(|code| code.name()).collect();
    json_schema!({ "type": "string", "enum": names })
}

/// A severity, as an enumeration of every severity.
fn severity_schema(_: &mut SchemaGenerator) -> Schema {
    let names: Vec<&str> = [
        Severity::Hint,
        Severity::Info,
        Severity::Warning,
        Severity::Error,
    ]
    .iter()
    .map(|severity| severity.name())
    .collect();
    json_schema!({ "type": "string", "enum": names })
}
