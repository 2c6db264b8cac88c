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
