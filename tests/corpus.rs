//! `tauri-acl check` over every app in the shared corpus never panics and always answers.
//!
//! The corpus lives next to the repository (`../shared/corpus`) and is not part of it;
//! without it this test says so and passes.

mod common;

use std::path::PathBuf;

use common::{repo_root, run, stderr};

fn corpus() -> Option<PathBuf> {
    let path = std::env::var_os("TAURI_ACL_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| repo_root().join("../shared/corpus"));
    path.is_dir().then_some(path)
}

#[test]
fn check_never_panics_on_the_corpus() {
    let Some(corpus) = corpus() else {
        eprintln!("skipped: no corpus at ../shared/corpus (set TAURI_ACL_CORPUS to run this test)");
        return;
    };
    let mut apps = 0;
    for dir in [corpus.join("apps"), corpus.join("plugins")] {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        let mut entries: Vec<_> = entries.flatten().map(|entry| entry.path()).collect();
        entries.sort();
        for path in entries {
            let shown = path.display().to_string();
            for format in ["human", "json"] {
                let output = run(&["check", &shown, "--format", format]);
                let code = output.status.code();
                assert!(
                    matches!(code, Some(0..=2)),
                    "check {shown} --format {format} exited with {code:?}: {}",
                    stderr(&output)
                );
                assert!(
                    !stderr(&output).contains("panicked"),
                    "{shown}: {}",
                    stderr(&output)
                );
                if format == "json" && code != Some(2) {
                    serde_json::from_slice::<serde_json::Value>(&output.stdout)
                        .unwrap_or_else(|error| panic!("{shown}: invalid JSON: {error}"));
                }
            }
            apps += 1;
        }
    }
    let explain = run(&[
        "explain",
        &corpus.join("apps").display().to_string(),
        "--format",
        "json",
    ]);
    assert!(
        !stderr(&explain).contains("panicked"),
        "{}",
        stderr(&explain)
    );
    eprintln!("checked {apps} corpus folders");
    assert!(
        apps > 50,
        "the corpus should hold more than 50 apps, found {apps}"
    );
}

/// What the rules flag on the real apps of the corpus, as one reviewed list: any change
/// in what `check` reports on real-world files shows up in review.
#[test]
fn findings_over_the_corpus_are_reviewed() {
    let Some(corpus) = corpus() else {
        eprintln!("skipped: no corpus at ../shared/corpus (set TAURI_ACL_CORPUS to run this test)");
        return;
    };
    let apps = corpus.join("apps");
    let mut entries: Vec<_> = std::fs::read_dir(&apps)
        .unwrap()
        .flatten()
        .map(|entry| entry.path())
        .collect();
    entries.sort();
    let mut listing = String::new();
    for path in entries {
        let output = run(&["check", &path.display().to_string(), "--format", "json"]);
        if output.status.code() == Some(2) {
            continue;
        }
        let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        for diagnostic in report["diagnostics"].as_array().unwrap() {
            let location = &diagnostic["location"];
            let file = location["file"].as_str().unwrap();
            let file = file
                .rsplit_once(&format!("{name}/"))
                .map_or(file, |(_, rest)| rest);
            listing.push_str(&format!(
                "{name} {}:{} {} {}\n",
                file,
                location["start"]["line"],
                diagnostic["code"].as_str().unwrap(),
                diagnostic["message"].as_str().unwrap()
            ));
        }
    }
    insta::assert_snapshot!("corpus_findings", listing);
}

/// The folders of the corpus that hold apps or plugins: `apps/*`, `plugins/*` and the
/// real app checkouts in `checkouts/*`.
fn corpus_folders(corpus: &std::path::Path) -> Vec<PathBuf> {
    let mut folders = Vec::new();
    for dir in ["apps", "plugins", "checkouts"] {
        let Ok(entries) = std::fs::read_dir(corpus.join(dir)) else {
            continue;
        };
        let mut entries: Vec<_> = entries
            .flatten()
            .map(|entry| entry.path())
            .filter(|path| path.is_dir())
            .collect();
        entries.sort();
        folders.extend(entries);
    }
    folders
}

/// Every rule, over every corpus folder: no panic, no message that reads badly (empty
/// parentheses from an empty list, a doubled space from an empty word) and no fix that
/// leaves a value empty where it held something (a fix that "replaces" a list with
/// nothing would revoke what it was meant to narrow).
#[test]
fn every_rule_over_the_corpus_reads_well_and_fixes_keep_values() {
    let Some(corpus) = corpus() else {
        eprintln!("skipped: no corpus at ../shared/corpus (set TAURI_ACL_CORPUS to run this test)");
        return;
    };
    let mut problems = Vec::new();
    let mut fixes = 0;
    let folders = corpus_folders(&corpus);
    for path in &folders {
        let shown = path.display().to_string();
        let human = run(&["check", &shown]);
        if stderr(&human).contains("panicked") {
            problems.push(format!("{shown}: check panicked: {}", stderr(&human)));
        }
        let output = run(&["check", &shown, "--format", "json"]);
        if stderr(&output).contains("panicked") {
            problems.push(format!(
                "{shown}: check --format json panicked: {}",
                stderr(&output)
            ));
            continue;
        }
        if output.status.code() == Some(2) {
            continue;
        }
        let report: serde_json::Value = serde_json::from_slice(&output.stdout)
            .unwrap_or_else(|error| panic!("{shown}: invalid JSON: {error}"));
        for note in report["apps"].as_array().into_iter().flatten() {
            for note in note["notes"].as_array().into_iter().flatten() {
                check_wording(&shown, "app", &note["message"], &mut problems);
            }
        }
        for diagnostic in report["diagnostics"].as_array().unwrap() {
            let code = diagnostic["code"].as_str().unwrap_or_default();
            check_wording(&shown, code, &diagnostic["message"], &mut problems);
            for note in diagnostic["notes"].as_array().into_iter().flatten() {
                check_wording(&shown, code, note, &mut problems);
            }
            for related in diagnostic["related"].as_array().into_iter().flatten() {
                check_wording(&shown, code, &related["message"], &mut problems);
            }
            for fix in diagnostic["fixes"].as_array().into_iter().flatten() {
                fixes += 1;
                check_wording(&shown, code, &fix["label"], &mut problems);
                if let Some(problem) = fix_empties_a_value(fix) {
                    problems.push(format!("{shown}: [{code}] fix {}: {problem}", fix["label"]));
                }
            }
        }
    }
    eprintln!("checked {} corpus folders, {fixes} fixes", folders.len());
    assert!(
        problems.is_empty(),
        "{} problems:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

/// Flags `()` that is not a call (`init()` is fine, `windows ()` is an empty list), a
/// list that starts with its separator (`(, and any created later)`) and doubled spaces.
fn check_wording(folder: &str, code: &str, text: &serde_json::Value, acc: &mut Vec<String>) {
    let Some(text) = text.as_str() else {
        return;
    };
    let empty_parentheses = text.match_indices("()").any(|(index, _)| {
        !text[..index]
            .chars()
            .next_back()
            .is_some_and(|before| before.is_alphanumeric() || before == '_')
    });
    if empty_parentheses || text.contains("(,") || text.contains("  ") {
        acc.push(format!("{folder}: [{code}] reads badly: {text:?}"));
    }
}

/// Applies a fix's edits and compares the file's data before and after: a value that was
/// a non-empty list, object or string must not become empty, and a file that parsed must
/// still parse.
fn fix_empties_a_value(fix: &serde_json::Value) -> Option<String> {
    let mut by_file: std::collections::BTreeMap<String, Vec<(usize, usize, String)>> =
        Default::default();
    for edit in fix["edits"].as_array().into_iter().flatten() {
        let location = &edit["location"];
        let range = &location["byte_range"];
        by_file
            .entry(location["file"].as_str()?.to_owned())
            .or_default()
            .push((
                range[0].as_u64()? as usize,
                range[1].as_u64()? as usize,
                edit["new_text"].as_str()?.to_owned(),
            ));
    }
    for (file, mut edits) in by_file {
        let path = repo_root().join(&file);
        let before = std::fs::read_to_string(&path).ok()?;
        let mut after = before.clone();
        edits.sort_by_key(|edit| std::cmp::Reverse(edit.0));
        for (start, end, new_text) in edits {
            if start > end || end > after.len() {
                return Some(format!("an edit {start}..{end} outside `{file}`"));
            }
            after.replace_range(start..end, &new_text);
        }
        let Some(old) = data_of(&file, &before) else {
            continue;
        };
        let Some(new) = data_of(&file, &after) else {
            return Some(format!("`{file}` no longer parses:\n{after}"));
        };
        if let Some(at) = emptied(&old, &new, String::new()) {
            return Some(format!("leaves `{at}` empty in `{file}`"));
        }
    }
    None
}

fn data_of(file: &str, text: &str) -> Option<serde_json::Value> {
    if file.ends_with(".toml") {
        toml::from_str(text).ok()
    } else {
        serde_json::from_str(text)
            .ok()
            .or_else(|| json5::from_str(text).ok())
    }
}

/// The first path where `old` held something and `new` holds an empty value of any kind.
fn emptied(old: &serde_json::Value, new: &serde_json::Value, at: String) -> Option<String> {
    use serde_json::Value;
    let is_empty = |value: &Value| match value {
        Value::Array(items) => items.is_empty(),
        Value::Object(members) => members.is_empty(),
        Value::String(text) => text.is_empty(),
        _ => false,
    };
    if !is_empty(old) && is_empty(new) {
        return Some(at);
    }
    match (old, new) {
        (Value::Object(old), Value::Object(new)) => old.iter().find_map(|(key, value)| {
            new.get(key)
                .and_then(|next| emptied(value, next, format!("{at}.{key}")))
        }),
        // Items are compared only where none was removed, so indices still line up.
        (Value::Array(old), Value::Array(new)) if old.len() == new.len() => old
            .iter()
            .zip(new)
            .enumerate()
            .find_map(|(index, (value, next))| emptied(value, next, format!("{at}[{index}]"))),
        _ => None,
    }
}

#[test]
fn the_corpus_checks_catch_what_they_are_for() {
    let flagged = |text: &str| {
        let mut acc = Vec::new();
        check_wording("x", "code", &serde_json::Value::from(text), &mut acc);
        !acc.is_empty()
    };
    assert!(flagged("Replace `*` with the known windows ()"));
    assert!(flagged("`*` gives every window (, and any created later)"));
    assert!(flagged("capability  `x`"));
    assert!(!flagged(
        "register it (usually `.plugin(tauri_plugin_fs::init())`)"
    ));
    let windows = |items: serde_json::Value| serde_json::json!({ "windows": items });
    assert_eq!(
        emptied(
            &windows(serde_json::json!(["*"])),
            &windows(serde_json::json!([])),
            String::new()
        ),
        Some(".windows".to_owned())
    );
    // Removing one of two repeated entries leaves the other: nothing emptied.
    assert_eq!(
        emptied(
            &windows(serde_json::json!(["main", "main"])),
            &windows(serde_json::json!(["main"])),
            String::new()
        ),
        None
    );
}

/// No `unused-permission` falls on an entry that allows a command some found call
/// reaches, directly or through a wrapper, on any corpus folder; and `check` and
/// `usage` agree on which entries are unused.
#[test]
fn no_unused_permission_on_a_grant_a_call_reaches() {
    let Some(corpus) = corpus() else {
        eprintln!("skipped: no corpus at ../shared/corpus (set TAURI_ACL_CORPUS to run this test)");
        return;
    };
    let mut problems = Vec::new();
    let mut checked_entries = 0;
    for folder in corpus_folders(&corpus) {
        let shown = folder.display().to_string();
        let output = run(&["usage", &shown, "--format", "json"]);
        if output.status.code() == Some(2) {
            continue;
        }
        let report: serde_json::Value = serde_json::from_slice(&output.stdout)
            .unwrap_or_else(|error| panic!("{shown}: {error}: {}", stderr(&output)));
        let mut unused_locations = Vec::new();
        for app in report["apps"].as_array().unwrap() {
            let called: Vec<&str> = app["commands"]
                .as_array()
                .unwrap()
                .iter()
                .filter_map(|command| command["command"].as_str())
                .collect();
            for entry in app["unused"].as_array().unwrap() {
                checked_entries += 1;
                unused_locations.push(entry["location"].as_str().unwrap().to_owned());
                for command in entry["granted_commands"].as_array().unwrap() {
                    let command = command.as_str().unwrap();
                    if called.contains(&command) {
                        problems.push(format!(
                            "{shown}: `{}` is called unused, yet a call reaches `{command}`",
                            entry["entry"]
                        ));
                    }
                }
            }
        }
        let output = run(&["check", &shown, "--format", "json"]);
        let checked: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
        let mut found: Vec<String> = checked["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|diagnostic| diagnostic["code"] == "unused-permission")
            .map(|diagnostic| {
                let location = &diagnostic["location"];
                format!(
                    "{}:{}:{}",
                    location["file"].as_str().unwrap(),
                    location["start"]["line"],
                    location["start"]["column"]
                )
            })
            .collect();
        found.sort();
        unused_locations.sort();
        if found != unused_locations {
            problems.push(format!(
                "{shown}: check reports unused-permission at {found:?}, usage lists {unused_locations:?}"
            ));
        }
    }
    eprintln!("{checked_entries} unused entries checked");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
