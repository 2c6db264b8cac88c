//! Tidy: the rules of ARCHITECTURE.md and STYLE.md that a reader checks by eye, checked
//! on the source text so they stay true.
//!
//! - Layers point down only: syntax → model → workspace → resolver → ide → lsp, cli
//!   (`text` and `diagnostic` are the floor every layer stands on). A file may name
//!   `crate::x` only for an `x` on its own floor or below. Test code below `ide` may use
//!   the test support of `ide` ([`TEST_SUPPORT`]), which builds a workspace from text and
//!   renders what `check` would say about it.
//! - Only `lsp/` names the protocol crates; only `cli/` and `main.rs` print.
//! - No `dbg!` or `todo!` is committed.
//! - Every `docs/rules/*.md` page is a rule code, and every code has its page.
//!
//! Each rule reports every offending line as `path:line: why`, so a failure says what to
//! fix. Runs on the source tree next to this file; nothing is built or executed.

use std::path::{Path, PathBuf};

use crate::diagnostic::Code;

/// The floor of each top-level module; a module may use its own floor and those below.
const FLOORS: &[(&str, u8)] = &[
    ("text", 0),
    ("diagnostic", 0),
    ("syntax", 1),
    ("model", 2),
    ("workspace", 3),
    ("resolver", 4),
    ("ide", 5),
    ("lsp", 6),
    ("cli", 7),
];

/// What test code of any layer may use from `ide`: fixtures built from text and the
/// rendering of their diagnostics, both `#[cfg(test)]`.
const TEST_SUPPORT: &[&str] = &[
    "crate::ide::fixture",
    "crate::ide::diagnostics::render_fixture",
];

/// Printing outside `cli/` and `main.rs`, each with why it is right there.
const PRINTS_ALLOWED: &[(&str, &str)] = &[
    // The runtime did not start, so the server has no protocol to report on.
    (
        "lsp/mod.rs",
        "eprintln!(\"error: cannot start the async runtime",
    ),
    // A corpus test says what it compared; test output is the terminal's.
    ("ide/diagnostics/focused.rs", "eprintln!("),
    // The bundled catalogue's test against the real crates says what it compared, or
    // why it skipped.
    ("workspace/bundled.rs", "eprintln!("),
    // The JS API tests on the installed fixture packages say why they skipped.
    ("workspace/js_api/tests.rs", "eprintln!("),
];

fn source_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// Every `.rs` file under `src/`, as (path relative to `src/` with `/`, text).
fn sources() -> Vec<(String, String)> {
    let root = source_root();
    let mut found = Vec::new();
    let mut pending = vec![root.clone()];
    while let Some(dir) = pending.pop() {
        let entries = std::fs::read_dir(&dir).expect("src/ is readable");
        for entry in entries {
            let path = entry.expect("a directory entry").path();
            if path.is_dir() {
                pending.push(path);
            } else if path.extension().is_some_and(|ext| ext == "rs") {
                let relative = path
                    .strip_prefix(&root)
                    .expect("under src/")
                    .to_string_lossy()
                    .replace('\\', "/");
                let text = std::fs::read_to_string(&path).expect("a readable source file");
                found.push((relative, text));
            }
        }
    }
    found.sort();
    found
}

fn floor(module: &str) -> Option<u8> {
    FLOORS
        .iter()
        .find(|(name, _)| *name == module)
        .map(|(_, floor)| *floor)
}

/// The top-level module a file belongs to (`ide` for `ide/hover.rs`, `text` for `text.rs`).
fn module_of(path: &str) -> &str {
    let first = path.split('/').next().unwrap_or(path);
    first.strip_suffix(".rs").unwrap_or(first)
}

/// The code lines of a file (comments skipped), numbered from one, each with whether it
/// lies in test code (after the file's first `#[cfg(test)]`).
fn code_lines(text: &str) -> impl Iterator<Item = (usize, &str, bool)> {
    let mut in_tests = false;
    text.lines().enumerate().filter_map(move |(index, line)| {
        let trimmed = line.trim_start();
        if trimmed.starts_with("#[cfg(test)]") {
            in_tests = true;
        }
        (!trimmed.starts_with("//")).then_some((index + 1, line, in_tests))
    })
}

/// The modules a line names as `crate::x`.
fn crate_paths(line: &str) -> Vec<&str> {
    let mut found = Vec::new();
    let mut rest = line;
    while let Some(at) = rest.find("crate::") {
        let before = rest[..at].chars().next_back();
        rest = &rest[at + "crate::".len()..];
        // `tauri_acl_crate::` or `$crate::` are other things.
        if before.is_some_and(|ch| ch.is_alphanumeric() || ch == '_' || ch == '$') {
            continue;
        }
        let end = rest
            .find(|ch: char| !(ch.is_alphanumeric() || ch == '_'))
            .unwrap_or(rest.len());
        found.push(&rest[..end]);
    }
    found
}

/// Offending lines for the layer rule.
fn layer_violations(files: &[(String, String)]) -> Vec<String> {
    let mut found = Vec::new();
    for (path, text) in files {
        let own = module_of(path);
        let Some(own_floor) = floor(own) else {
            continue;
        };
        for (line_number, line, in_tests) in code_lines(text) {
            for target in crate_paths(line) {
                let Some(target_floor) = floor(target) else {
                    continue;
                };
                let is_fixture =
                    in_tests && TEST_SUPPORT.iter().any(|support| line.contains(support));
                let sideways = own_floor == target_floor && own != target && own_floor > 0;
                if (target_floor > own_floor && !is_fixture) || sideways {
                    found.push(format!(
                        "{path}:{line_number}: `{own}` may not use `crate::{target}` (layers point down only)"
                    ));
                }
            }
        }
    }
    found
}

/// Offending lines for the protocol, printing and debugging rules.
fn usage_violations(files: &[(String, String)]) -> Vec<String> {
    let mut found = Vec::new();
    for (path, text) in files {
        let module = module_of(path);
        for (line_number, line, _) in code_lines(text) {
            if module != "lsp"
                && path != "tidy.rs"
                && (line.contains("tower_lsp_server") || line.contains("lsp_types"))
            {
                found.push(format!(
                    "{path}:{line_number}: only lsp/ may name the protocol crates"
                ));
            }
            let prints = ["println!(", "eprintln!(", "print!(", "eprint!("]
                .iter()
                .any(|mac| line.contains(mac));
            let allowed = module == "cli"
                || path == "main.rs"
                || path == "tidy.rs"
                || PRINTS_ALLOWED
                    .iter()
                    .any(|(file, text)| *file == path && line.contains(text));
            if prints && !allowed {
                found.push(format!(
                    "{path}:{line_number}: only cli/ and main.rs print (return the text instead)"
                ));
            }
            if path != "tidy.rs" && (line.contains("dbg!(") || line.contains("todo!(")) {
                found.push(format!(
                    "{path}:{line_number}: no dbg! or todo! in committed code"
                ));
            }
        }
    }
    found
}

#[test]
fn layers_point_down_only() {
    let found = layer_violations(&sources());
    assert!(found.is_empty(), "{}", found.join("\n"));
}

#[test]
fn protocol_printing_and_debugging_stay_where_they_belong() {
    let found = usage_violations(&sources());
    assert!(found.is_empty(), "{}", found.join("\n"));
}

#[test]
fn every_rule_page_is_a_code_and_every_code_has_a_page() {
    let rules = source_root().join("../../docs/rules");
    let Ok(entries) = std::fs::read_dir(&rules) else {
        panic!("docs/rules is missing at {}", rules.display());
    };
    let mut pages: Vec<String> = entries
        .filter_map(|entry| {
            let name = entry.ok()?.file_name().to_string_lossy().into_owned();
            name.strip_suffix(".md").map(str::to_owned)
        })
        .filter(|name| name != "README")
        .collect();
    pages.sort();
    let mut problems = Vec::new();
    for page in &pages {
        if Code::from_name(page).is_none() {
            problems.push(format!(
                "docs/rules/{page}.md names no code in diagnostic.rs"
            ));
        }
    }
    for code in Code::ALL {
        if !pages.iter().any(|page| page == code.name()) {
            problems.push(format!(
                "code `{}` has no docs/rules/{}.md",
                code.name(),
                code.name()
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn the_rules_catch_what_they_describe() {
    let files = vec![
        (
            "model/bad.rs".to_owned(),
            "use crate::ide::World;\n// use crate::lsp::Server; is only a comment\n".to_owned(),
        ),
        (
            "resolver/fine.rs".to_owned(),
            "use crate::model::Capability;\n#[cfg(test)]\nmod tests { use crate::ide::fixture; }\n"
                .to_owned(),
        ),
        ("lsp/x.rs".to_owned(), "use crate::cli::run;\n".to_owned()),
        (
            "ide/bad.rs".to_owned(),
            "use tower_lsp_server::ls_types::Uri;\nfn f() { println!(\"x\"); dbg!(1); }\n"
                .to_owned(),
        ),
    ];
    assert_eq!(
        layer_violations(&files),
        [
            "model/bad.rs:1: `model` may not use `crate::ide` (layers point down only)",
            "lsp/x.rs:1: `lsp` may not use `crate::cli` (layers point down only)",
        ]
    );
    assert_eq!(
        usage_violations(&files),
        [
            "ide/bad.rs:1: only lsp/ may name the protocol crates",
            "ide/bad.rs:2: only cli/ and main.rs print (return the text instead)",
            "ide/bad.rs:2: no dbg! or todo! in committed code",
        ]
    );
}
