//! `tauri-acl check`: every diagnostic of every app found, as annotated source, JSON or
//! SARIF 2.1.0, and an exit code for CI.

use std::fmt::Write;

use serde_json::{Value, json};

use super::output::{display_path, use_color};
use super::{CheckArgs, EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, Format, ide_config, load};
use crate::diagnostic::{Code, Severity};
use crate::ide::diagnostics::{Diagnostic, app_notes, diagnostics};
use crate::ide::fix_all::{FixAll, fix_all};
use crate::ide::render::{RenderOptions, render_diagnostic};
use crate::ide::wording::plural;
use crate::ide::{FileRange, World};
use crate::text::Encoding;

pub(super) fn run(args: CheckArgs) -> i32 {
    let workspace = match load(&args.paths, &args.common) {
        Ok(workspace) => workspace,
        Err(message) => {
            eprintln!("error: {message}");
            return EXIT_USAGE;
        }
    };
    let mut world = World::new(workspace, ide_config(&args.rules));
    if args.fix {
        let (fixed, files) = apply_fixes(&world);
        if fixed > 0 {
            eprintln!(
                "fixed {} in {}",
                plural(fixed, "problem", "problems"),
                plural(files, "file", "files")
            );
            match load(&args.paths, &args.common) {
                Ok(workspace) => world = World::new(workspace, ide_config(&args.rules)),
                Err(message) => {
                    eprintln!("error: {message}");
                    return EXIT_USAGE;
                }
            }
        }
    }
    let found = diagnostics(&world);
    if args.fix
        && let Some(summary) = fixes_left(&found)
    {
        eprintln!("{summary}");
    }
    let text = match args.format {
        Format::Human => human(&world, &found, use_color(args.color)),
        Format::Json => {
            serde_json::to_string_pretty(&super::check_report::report(&world, &found))
                .unwrap_or_default()
                + "\n"
        }
        Format::Sarif => {
            serde_json::to_string_pretty(&sarif(&world, &found)).unwrap_or_default() + "\n"
        }
    };
    super::output::emit(&text);
    let error_notes = world
        .workspace
        .apps
        .iter()
        .flat_map(|app| app_notes(&world, app))
        .any(|note| note.severity == Severity::Error);
    if error_notes
        || found
            .iter()
            .any(|diagnostic| diagnostic.severity == Severity::Error)
    {
        EXIT_FINDINGS
    } else {
        EXIT_OK
    }
}

/// Writes the preferred fixes of every file that has some, when the result still parses
/// as well as the original (see [`crate::ide::fix_all`]). Returns how many problems and files were fixed.
fn apply_fixes(world: &World) -> (usize, usize) {
    let workspace = world.workspace.as_ref();
    let mut files: Vec<crate::workspace::FileId> = diagnostics(world)
        .iter()
        .filter(|diagnostic| diagnostic.fixes.iter().any(|fix| fix.is_preferred))
        .map(|diagnostic| diagnostic.file)
        .collect();
    files.sort();
    files.dedup();
    let (mut problems, mut written) = (0, 0);
    for file in files {
        let source = workspace.file(file);
        let (count, text) = match fix_all(world, file) {
            FixAll::Fixed { count, text, .. } => (count, text),
            FixAll::Nothing => continue,
            FixAll::WouldNotParse => {
                eprintln!(
                    "warning: not fixing {}: the result would not parse",
                    display_path(&source.path)
                );
                continue;
            }
        };
        if let Err(error) = std::fs::write(&source.path, &text) {
            eprintln!(
                "warning: cannot write {}: {error}",
                display_path(&source.path)
            );
            continue;
        }
        problems += count;
        written += 1;
    }
    (problems, written)
}

/// After `--fix`: the fixes still offered, and why none was applied unattended.
fn fixes_left(found: &[Diagnostic]) -> Option<String> {
    let mut choice: Vec<&str> = Vec::new();
    let mut review: Vec<&str> = Vec::new();
    let mut blocked: Vec<&str> = Vec::new();
    for diagnostic in found
        .iter()
        .filter(|diagnostic| !diagnostic.fixes.is_empty())
    {
        let code = diagnostic.code.name();
        if diagnostic.fixes.iter().any(|fix| fix.is_preferred) {
            blocked.push(code);
        } else if diagnostic.fixes.len() > 1 {
            choice.push(code);
        } else {
            review.push(code);
        }
    }
    let described = |codes: &mut Vec<&str>, why: &str| -> Option<String> {
        if codes.is_empty() {
            return None;
        }
        let count = codes.len();
        codes.sort_unstable();
        codes.dedup();
        Some(format!(
            "{} {why} ({})",
            plural(count, "fix", "fixes"),
            codes.join(", ")
        ))
    };
    let parts: Vec<String> = [
        described(
            &mut choice,
            "left for you to choose: each problem has several candidates",
        ),
        described(
            &mut review,
            "left for review in the editor: each would change what is granted or needs a value",
        ),
        described(
            &mut blocked,
            "not applied: they overlapped another fix or the file would not parse; run `--fix` again",
        ),
    ]
    .into_iter()
    .flatten()
    .collect();
    (!parts.is_empty()).then(|| format!("left: {}", parts.join("; ")))
}

fn count(found: &[Diagnostic], severity: Severity) -> usize {
    found
        .iter()
        .filter(|diagnostic| diagnostic.severity == severity)
        .count()
}

/// How many findings of one code in one file the human output shows before it counts
/// the rest in one line.
const MAX_SHOWN_PER_CODE_AND_FILE: usize = 50;

fn human(world: &World, found: &[Diagnostic], color: bool) -> String {
    let workspace = world.workspace.as_ref();
    let options = RenderOptions {
        color,
        display_path: &display_path,
    };
    let mut out = String::new();
    // A flood of one finding (a generated capability repeating an entry 100,000 times)
    // is shown up to a point and then counted; JSON and SARIF keep every finding.
    let mut shown: rustc_hash::FxHashMap<(crate::workspace::FileId, Code), usize> =
        Default::default();
    for diagnostic in found {
        let count = shown.entry((diagnostic.file, diagnostic.code)).or_default();
        *count += 1;
        if *count > MAX_SHOWN_PER_CODE_AND_FILE {
            continue;
        }
        out.push_str(&render_diagnostic(workspace, diagnostic, &options));
        out.push('\n');
    }
    let mut hidden: Vec<_> = shown
        .into_iter()
        .filter(|(_, count)| *count > MAX_SHOWN_PER_CODE_AND_FILE)
        .collect();
    hidden.sort_by_key(|(key, _)| *key);
    for ((file, code), count) in hidden {
        let _ = writeln!(
            out,
            "note: {} more `{code}` findings in {} are not shown (`--format json` lists them all)\n",
            count - MAX_SHOWN_PER_CODE_AND_FILE,
            display_path(&workspace.file(file).path)
        );
    }
    for app in &workspace.apps {
        let notes = app_notes(world, app);
        for note in &notes {
            let _ = writeln!(
                out,
                "{}[{}]: {}\n",
                note.severity.name(),
                note.code,
                note.message
            );
        }
        // A plugin read from an older release than the lock names says so, once per
        // crate: what it allows may differ from what the app will build with.
        let mut nearest: Vec<String> = app
            .catalogue
            .plugins
            .values()
            .filter(|plugin| plugin.source.kind() == "bundled-nearest")
            .map(|plugin| plugin.source.describe())
            .collect();
        nearest.dedup();
        for source in nearest {
            let _ = writeln!(out, "note: permissions read from {source}\n");
        }
        let capabilities = crate::resolver::all_capabilities(workspace, app).len();
        let mut sources: Vec<String> = app
            .catalogue
            .plugins
            .values()
            .map(|plugin| plugin.source.kind().to_owned())
            .collect();
        sources.sort();
        sources.dedup();
        let app_found: Vec<&Diagnostic> = found
            .iter()
            .filter(|diagnostic| app.contains(diagnostic.file))
            .collect();
        let errors = app_found
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count()
            + notes
                .iter()
                .filter(|note| note.severity == Severity::Error)
                .count();
        let warnings = app_found
            .iter()
            .filter(|d| d.severity == Severity::Warning)
            .count()
            + notes
                .iter()
                .filter(|note| note.severity == Severity::Warning)
                .count();
        let _ = writeln!(
            out,
            "{}: {}, {} in {} ({}; platforms {})",
            app.name(),
            plural(errors, "error", "errors"),
            plural(warnings, "warning", "warnings"),
            plural(capabilities, "capability", "capabilities"),
            if sources.is_empty() {
                "no plugin permissions found".to_owned()
            } else {
                format!(
                    "{} from {}",
                    plural(app.catalogue.plugins.len(), "plugin", "plugins"),
                    sources.join(", ")
                )
            },
            app.platforms
                .iter()
                .map(|platform| platform.name())
                .collect::<Vec<_>>()
                .join(", ")
        );
    }
    if workspace.apps.len() > 1 {
        let _ = writeln!(
            out,
            "total: {}, {}",
            plural(count(found, Severity::Error), "error", "errors"),
            plural(count(found, Severity::Warning), "warning", "warnings")
        );
    }
    out
}

fn sarif(world: &World, found: &[Diagnostic]) -> Value {
    let workspace = world.workspace.as_ref();
    let rules: Vec<Value> = Code::ALL
        .iter()
        .map(|code| {
            json!({
                "id": code.name(),
                "shortDescription": { "text": code.summary() },
                "helpUri": code.docs_url(),
                "defaultConfiguration": { "level": sarif_level(code.default_severity()) },
            })
        })
        .collect();
    let physical = |location: FileRange| {
        let file = workspace.file(location.file);
        let start = file
            .line_index
            .position(&file.text, location.range.start(), Encoding::Utf16);
        let end = file
            .line_index
            .position(&file.text, location.range.end(), Encoding::Utf16);
        json!({
            "physicalLocation": {
                "artifactLocation": { "uri": display_path(&file.path).replace('\\', "/") },
                "region": {
                    "startLine": start.line + 1,
                    "startColumn": start.col + 1,
                    "endLine": end.line + 1,
                    "endColumn": end.col + 1,
                },
            }
        })
    };
    let results: Vec<Value> = found
        .iter()
        .map(|diagnostic| {
            let index = Code::ALL.iter().position(|code| *code == diagnostic.code).unwrap_or(0);
            json!({
                "ruleId": diagnostic.code.name(),
                "ruleIndex": index,
                "level": sarif_level(diagnostic.severity),
                "message": { "text": diagnostic.message },
                "locations": [physical(FileRange { file: diagnostic.file, range: diagnostic.range })],
                "relatedLocations": diagnostic.related.iter().enumerate().map(|(id, related)| {
                    let mut value = physical(related.location);
                    value["id"] = json!(id);
                    value["message"] = json!({ "text": related.message });
                    value
                }).collect::<Vec<_>>(),
            })
        })
        .collect();
    json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {
                "driver": {
                    "name": "tauri-acl",
                    "version": env!("CARGO_PKG_VERSION"),
                    "informationUri": env!("CARGO_PKG_REPOSITORY"),
                    "rules": rules,
                }
            },
            "columnKind": "utf16CodeUnits",
            "results": results,
        }]
    })
}

fn sarif_level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info | Severity::Hint => "note",
    }
}
