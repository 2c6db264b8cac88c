// Diagnostic: parse-error, strict-json, unknown-key, wrong-type, missing-field,
// unknown-platform, ignored-file, stale-catalogue.
//
//! Problems found while reading each file the user owns: syntax errors, JSON5 syntax in
//! a file Tauri reads as strict JSON, and what lowering to the model reported. Also files
//! in `capabilities/` that Tauri will not load.

use super::{AppContext, Diagnostic};
use crate::diagnostic::Code;
use crate::syntax::{SourceFormat, SyntaxErrorKind};
use crate::text::{TextRange, to_size};
use crate::workspace::{FileKind, FileModel};

pub(super) fn check(context: &AppContext<'_>, acc: &mut Vec<Diagnostic>) {
    let workspace = context.workspace;
    for file in context
        .user_files()
        .into_iter()
        .filter(|file| context.wants(*file))
    {
        let source = workspace.file(file);
        // A file that is not text (a binary saved as `x.json`) fails Tauri's read as a
        // whole: one finding says so, not one per byte the parser trips on.
        if let Some(offset) = source.invalid_utf8 {
            acc.push(Diagnostic::new(
                Code::ParseError,
                file,
                TextRange::empty(to_size(offset)),
                "the file is not valid UTF-8, so Tauri cannot read it",
            ));
            continue;
        }
        if let Some(offset) = source.text.find('\0') {
            acc.push(Diagnostic::new(
                Code::ParseError,
                file,
                TextRange::empty(to_size(offset)),
                "the file holds a NUL byte, so it is not text and Tauri cannot read it",
            ));
            continue;
        }
        if let Some(parse) = &source.parse {
            // tauri.conf.json is also read as JSON5 when tauri-build enables config-json5.
            let lenient_config =
                matches!(source.kind, FileKind::TauriConfig { .. }) && context.app.json5_enabled;
            let mut strict_reported = false;
            for error in &parse.errors {
                match error.kind {
                    SyntaxErrorKind::Syntax => acc.push(Diagnostic::new(
                        Code::ParseError,
                        file,
                        error.range,
                        format!("{}: {}", format_name(source.format), error.message),
                    )),
                    SyntaxErrorKind::NotStrictJson if lenient_config => {}
                    SyntaxErrorKind::NotStrictJson => {
                        let mut diagnostic = Diagnostic::new(
                            Code::StrictJson,
                            file,
                            error.range,
                            format!(
                                "{}; Tauri reads `.json` files with a strict JSON parser and will refuse this file",
                                error.message
                            ),
                        );
                        if !strict_reported {
                            strict_reported = true;
                            diagnostic = diagnostic.note(strict_json_help(context, source.kind));
                        }
                        acc.push(diagnostic);
                    }
                }
            }
        }
        let problems = match &source.model {
            FileModel::Capability(model) => &model.problems,
            FileModel::Permission(model) => &model.problems,
            FileModel::Config(model) => &model.problems,
            _ => continue,
        };
        for problem in problems {
            let mut diagnostic =
                Diagnostic::new(problem.code, file, problem.range, &problem.message);
            if let Some(severity) = problem.severity {
                diagnostic.severity = severity;
            }
            if let Some(suggestion) = &problem.suggestion {
                diagnostic =
                    diagnostic.replace_with(format!("Replace with {suggestion}"), suggestion);
            }
            acc.push(diagnostic);
        }
    }
    for ignored in &context.app.ignored_files {
        let Some(file) = ignored.file else { continue };
        acc.push(Diagnostic::new(
            Code::IgnoredFile,
            file,
            TextRange::empty(0.into()),
            format!(
                "Tauri will not load this capability file: {}",
                ignored.reason
            ),
        ));
    }
    for issue in &context.app.issues {
        if let Some(file) = issue.file {
            acc.push(Diagnostic::new(
                issue.code,
                file,
                issue.range,
                &issue.message,
            ));
        }
    }
}

fn format_name(format: Option<SourceFormat>) -> &'static str {
    match format {
        Some(SourceFormat::Toml) => "invalid TOML",
        Some(SourceFormat::Json5) => "invalid JSON5",
        _ => "invalid JSON",
    }
}

fn strict_json_help(context: &AppContext<'_>, kind: FileKind) -> String {
    match kind {
        FileKind::Capability if context.app.json5_enabled => {
            "help: remove it, or rename the file to `.json5` (this app enables tauri-build's `config-json5` feature)".to_owned()
        }
        FileKind::Capability => {
            "help: remove it, or rename the file to `.json5` and enable the `config-json5` feature of tauri-build in Cargo.toml".to_owned()
        }
        FileKind::TauriConfig { .. } => {
            "help: remove it, or enable the `config-json5` feature of tauri-build in Cargo.toml".to_owned()
        }
        _ => "help: remove it: Tauri reads permission files as strict JSON (or write the file in TOML)".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use crate::ide::diagnostics::render_fixture;

    #[test]
    fn strict_json_and_model_problems() {
        insta::assert_snapshot!(render_fixture(r#"{
  // a comment
  "identifier": "default",
  "window": ["main"],
  "windows": "main",
  "platforms": ["linux", "macos"],
  "permissions": [{ "allow": [] }, 42,],
}"#), @r#"
        error[strict-json]: a comment is not allowed in strict JSON; Tauri reads `.json` files with a strict JSON parser and will refuse this file
         --> /src-tauri/capabilities/default.json:2:3
          |
        2 |   // a comment
          |   ^^^^^^^^^^^^
          |
          = help: remove it, or rename the file to `.json5` and enable the `config-json5` feature of tauri-build in Cargo.toml
        warning[unknown-key]: unknown key `window` in a capability: Tauri ignores it
         --> /src-tauri/capabilities/default.json:4:3
          |
        4 |   "window": ["main"],
          |   ^^^^^^^^
        error[wrong-type]: `windows` must be an array, found a string
         --> /src-tauri/capabilities/default.json:5:14
          |
        5 |   "windows": "main",
          |              ^^^^^^
        error[unknown-platform]: unknown platform `macos`: did you mean `macOS`? (platform names are case-sensitive)
         --> /src-tauri/capabilities/default.json:6:26
          |
        6 |   "platforms": ["linux", "macos"],
          |                          ^^^^^^^
          |
          = help: Replace with "macOS"
        error[missing-field]: a permission entry is missing the required key `identifier`
         --> /src-tauri/capabilities/default.json:7:19
          |
        7 |   "permissions": [{ "allow": [] }, 42,],
          |                   ^
        error[wrong-type]: a permission entry must be an identifier string or an object with `identifier`, found a number
         --> /src-tauri/capabilities/default.json:7:36
          |
        7 |   "permissions": [{ "allow": [] }, 42,],
          |                                    ^^
        error[strict-json]: a trailing comma is not allowed in strict JSON; Tauri reads `.json` files with a strict JSON parser and will refuse this file
         --> /src-tauri/capabilities/default.json:7:38
          |
        7 |   "permissions": [{ "allow": [] }, 42,],
          |                                      ^
        error[strict-json]: a trailing comma is not allowed in strict JSON; Tauri reads `.json` files with a strict JSON parser and will refuse this file
         --> /src-tauri/capabilities/default.json:7:40
          |
        7 |   "permissions": [{ "allow": [] }, 42,],
          |                                        ^
        "#);
    }

    #[test]
    fn toml_parse_error_and_ignored_files() {
        insta::assert_snapshot!(render_fixture(r#"
//- /src-tauri/capabilities/broken.toml
identifier = "broken"
windows = ["main"]
permissions = [
//- /src-tauri/capabilities/legacy.json5
{ identifier: 'legacy', windows: ['main'], permissions: [] }
//- /src-tauri/capabilities/notes.txt
just notes
//- /src-tauri/capabilities/schemas/desktop-schema.json
{}
"#), @"
        error[parse-error]: invalid TOML: unclosed array, expected `]`
         --> /src-tauri/capabilities/broken.toml:3:16
          |
        3 | permissions = [
          |                ^
        warning[ignored-file]: Tauri will not load this capability file: Tauri only loads `.json5` capabilities when tauri-build's `config-json5` feature is enabled in Cargo.toml
         --> /src-tauri/capabilities/legacy.json5:1:1
          |
        1 | { identifier: 'legacy', windows: ['main'], permissions: [] }
          | ^
        warning[ignored-file]: Tauri will not load this capability file: Tauri only loads `.json` and `.toml` capability files
         --> /src-tauri/capabilities/notes.txt:1:1
          |
        1 | just notes
          | ^
        warning[ignored-file]: Tauri will not load this capability file: files directly inside a `schemas` folder are skipped by Tauri (it expects generated schemas there)
         --> /src-tauri/capabilities/schemas/desktop-schema.json:1:1
          |
        1 | {}
          | ^
        ");
    }
}
