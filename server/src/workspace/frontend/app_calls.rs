//! The IPC an app's whole frontend makes: every file's own calls, plus the calls that
//! reach Tauri through the app's own modules (re-exports and wrapper functions), placed
//! at the caller's call site with the chain that was followed.
//!
//! Invariant: works on the per-file scans only (no file is read or parsed here), so the
//! answer for a snapshot is a pure function of its frontend files' texts.

use super::ipc::CallTarget;
use crate::text::TextRange;
use crate::workspace::{App, FileId, FileModel, Workspace};

/// One call of the app's frontend and what it reaches.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AppCall {
    /// Where the call is written; for a call through a wrapper of the app's own modules,
    /// the caller's call site.
    pub file: FileId,
    pub range: TextRange,
    pub target: CallTarget,
    /// True when the target is known exactly (a literal command, an imported API); false
    /// for a [`CallTarget::DynamicInvoke`], which may reach any command.
    pub certain: bool,
    /// The wrapper chain followed, outermost first: each step is a call (or re-export)
    /// in one of the app's modules that the call above it reaches. Empty for a direct call.
    pub via: Vec<(FileId, TextRange)>,
}

/// Why the list of calls may be incomplete: somewhere a call could hide.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum GapKind {
    /// A script of the file did not parse in full; what could be read is used.
    ParseErrors,
    /// The file was not parsed at all (nested too deeply to parse safely).
    NotParsed,
    /// A call of a function of the app's own modules whose effect is not followed
    /// (a dynamic wrapper called with a command that is not a literal, a module that
    /// could not be found).
    UnfollowedWrapper,
}

/// One place where the scan could not see everything.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadGap {
    pub file: FileId,
    /// The unfollowed call, or the whole file.
    pub range: TextRange,
    pub kind: GapKind,
}

/// Every call the app's frontend makes, as far as it can be read.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FrontendCalls {
    /// In file order, then by offset.
    pub calls: Vec<AppCall>,
    pub gaps: Vec<ReadGap>,
}

impl FrontendCalls {
    /// Whether every call of the frontend is known: no gap, and no dynamic invoke.
    /// A claim that a command is never called holds for certain only then.
    pub fn is_complete(&self) -> bool {
        self.gaps.is_empty() && self.calls.iter().all(|call| call.certain)
    }
}

impl App {
    /// The IPC calls of the app's frontend (see [`FrontendCalls`]).
    pub fn frontend_calls(&self, workspace: &Workspace) -> FrontendCalls {
        frontend_calls(self, workspace)
    }
}

fn frontend_calls(app: &App, workspace: &Workspace) -> FrontendCalls {
    let mut result = FrontendCalls::default();
    let mut files = app.frontend_files.clone();
    files.sort_by(|a, b| workspace.file(*a).path.cmp(&workspace.file(*b).path));
    for file_id in files {
        let file = workspace.file(file_id);
        let FileModel::Frontend(scan) = &file.model else {
            continue;
        };
        let whole = crate::text::range(0, file.text.len());
        if scan.has_parse_errors {
            result.gaps.push(ReadGap {
                file: file_id,
                range: whole,
                kind: GapKind::ParseErrors,
            });
        }
        if scan.not_parsed {
            result.gaps.push(ReadGap {
                file: file_id,
                range: whole,
                kind: GapKind::NotParsed,
            });
        }
        for call in &scan.calls {
            result.calls.push(AppCall {
                file: file_id,
                range: call.range,
                certain: call.certain && call.target != CallTarget::DynamicInvoke,
                target: call.target.clone(),
                via: Vec::new(),
            });
        }
    }
    result
}

#[cfg(test)]
mod tests {
    use std::path::{Path, PathBuf};

    use super::{AppCall, FrontendCalls};
    use crate::workspace::fs::RealFs;
    use crate::workspace::{FileId, LoadOptions, Workspace};

    /// `file:line  target  text of the call` per call, then `via file:line` per step,
    /// then the gaps; paths relative to `root`.
    fn render(workspace: &Workspace, root: &Path, calls: &FrontendCalls) -> String {
        let place = |file: FileId, range: crate::text::TextRange| {
            let source = workspace.file(file);
            let line = source.line_index.line_col(range.start()).line + 1;
            let path = source.path.strip_prefix(root).unwrap_or(&source.path);
            format!("{}:{line}", path.display())
        };
        let text = |file: FileId, range| {
            let snippet = crate::text::slice(&workspace.file(file).text, range);
            let first = snippet.lines().next().unwrap_or_default();
            first.to_owned()
        };
        let mut out = String::new();
        for AppCall {
            file,
            range,
            target,
            certain,
            via,
        } in &calls.calls
        {
            let certainty = if *certain { "" } else { " (uncertain)" };
            out += &format!(
                "{}  {target:?}{certainty}  `{}`\n",
                place(*file, *range),
                text(*file, *range)
            );
            for (file, range) in via {
                out += &format!(
                    "    via {}  `{}`\n",
                    place(*file, *range),
                    text(*file, *range)
                );
            }
        }
        for gap in &calls.gaps {
            out += &format!("gap {:?} {}\n", gap.kind, place(gap.file, gap.range));
        }
        out
    }

    fn fixture(name: &str) -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../fixtures")
            .join(name)
    }

    #[test]
    fn every_call_site_of_the_usage_app() {
        let root = fixture("usage-app");
        let workspace = Workspace::load(
            &RealFs,
            std::slice::from_ref(&root),
            &LoadOptions::default(),
        );
        let app = &workspace.apps[0];
        let calls = app.frontend_calls(&workspace);
        insta::assert_snapshot!(render(&workspace, &root, &calls), @r#"
        src/api.ts:13  DynamicInvoke (uncertain)  `invoke<T>(command, args)`
        src/main.ts:10  Invoke("greet")  `invoke<string>("greet", { name: "notes" })`
        src/main.ts:13  Invoke("export_notes")  `invoke("export_notes")`
        "#);
    }
}
