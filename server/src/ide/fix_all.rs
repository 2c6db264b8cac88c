//! "Fix all": every preferred fix of a file merged into one edit, for the editor's
//! `source.fixAll` and `tauri-acl check --fix` alike, with one guard both get: a merged
//! fix whose result parses worse than the file did is refused, so a fix never leaves a
//! file that reads worse than before.

use super::World;
use super::diagnostics::{Fix, TextEdit, file_diagnostics};
use super::edit::apply_to_texts;
use crate::workspace::FileId;

/// What fixing a whole file gives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FixAll {
    /// No preferred fix applies (or the file's format is unknown).
    Nothing,
    /// The merged fix, how many problems it fixes, and the file's text after it.
    Fixed {
        fix: Fix,
        count: usize,
        text: String,
    },
    /// The merged fix would leave more syntax errors than the file has.
    WouldNotParse,
}

/// Every preferred fix of `file` merged into one, refused when the result would not
/// parse as well as the original.
pub fn fix_all(world: &World, file: FileId) -> FixAll {
    let Some((fix, count)) = merged_fixes(world, file) else {
        return FixAll::Nothing;
    };
    guarded(world, file, fix, count)
}

/// `fix` of `file` (fixing `count` problems), refused when the text after it has more
/// syntax errors than the file has now.
fn guarded(world: &World, file: FileId, fix: Fix, count: usize) -> FixAll {
    let workspace = world.workspace.as_ref();
    let source = workspace.file(file);
    let Some(format) = source.format else {
        return FixAll::Nothing;
    };
    let Some((_, text)) = apply_to_texts(workspace, &fix).into_iter().next() else {
        return FixAll::Nothing;
    };
    let before = source.parse.as_ref().map_or(0, |parse| parse.errors.len());
    if crate::syntax::parse(&text, format).errors.len() > before {
        return FixAll::WouldNotParse;
    }
    FixAll::Fixed { fix, count, text }
}

/// All preferred fixes of a file merged into one, dropping any that would overlap, and
/// how many problems it fixes.
fn merged_fixes(world: &World, file: FileId) -> Option<(Fix, usize)> {
    let mut edits: Vec<TextEdit> = Vec::new();
    let mut count = 0;
    for diagnostic in file_diagnostics(world, file) {
        for fix in diagnostic.fixes.iter().filter(|fix| fix.is_preferred) {
            let overlaps =
                fix.edits.iter().any(|new| {
                    edits.iter().any(|old| {
                        old.location.file == new.location.file
                            && old.location.range.start()
                                < new.location.range.end().max(
                                    new.location.range.start() + crate::text::TextSize::from(1),
                                )
                            && new.location.range.start()
                                < old.location.range.end().max(
                                    old.location.range.start() + crate::text::TextSize::from(1),
                                )
                    })
                });
            if overlaps || !fix.creates.is_empty() {
                continue;
            }
            edits.extend(fix.edits.iter().cloned());
            count += 1;
        }
    }
    (count > 0).then(|| {
        let fix = Fix {
            label: format!("Fix all tauri-acl problems ({count})"),
            edits,
            is_preferred: true,
            ..Fix::default()
        };
        (fix, count)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ide::fixture;

    const APP: &str = r#"
//- /src-tauri/tauri.conf.json
{ "identifier": "com.example.app" }
//- /src-tauri/capabilities/main.json
{ "identifier": "main", "windows": ["main"], "permissions": ["core:default"$0]$0 }
"#;

    /// A fix replacing the marked range (the closing `]`) with `new_text`.
    fn replacing_the_bracket(new_text: &str) -> (World, FileId, Fix) {
        let (world, range) = fixture::range(APP);
        let fix = Fix {
            label: "test".to_owned(),
            edits: vec![TextEdit {
                location: range,
                new_text: new_text.to_owned(),
            }],
            is_preferred: true,
            ..Fix::default()
        };
        (world, range.file, fix)
    }

    #[test]
    fn a_fix_that_breaks_the_syntax_is_refused() {
        let (world, file, fix) = replacing_the_bracket("");
        assert_eq!(guarded(&world, file, fix, 1), FixAll::WouldNotParse);
    }

    #[test]
    fn a_fix_that_keeps_the_syntax_is_applied() {
        let (world, file, fix) = replacing_the_bracket(", \"core:app:default\"]");
        let FixAll::Fixed { count, text, .. } = guarded(&world, file, fix, 1) else {
            panic!("the fix parses and should be applied");
        };
        assert_eq!(count, 1);
        assert_eq!(
            text.trim(),
            r#"{ "identifier": "main", "windows": ["main"], "permissions": ["core:default", "core:app:default"] }"#
        );
    }
}
