//! `tauri-acl` against tauri-utils' `Resolved::resolve`, on the project's fixtures (always)
//! and on the shared corpus (when `../shared/corpus` is there). Any disagreement fails,
//! unless `allowlist.toml` lists its key with a reviewed reason.
//!
//! The figures are written straight to stderr, past the test harness's capture, so they
//! show in every run's log.

use std::collections::BTreeSet;
use std::io::Write;
use std::path::{Path, PathBuf};

use tauri_acl_fidelity::allowlist::AllowList;
use tauri_acl_fidelity::apps::{self, AppUnderTest};
use tauri_acl_fidelity::compare::{Report, compare_app};
use tauri_acl_fidelity::oracle::{Answer, Oracle};

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .expect("the repository root exists")
}

fn oracle() -> Oracle {
    Oracle::new(env!("CARGO_BIN_EXE_tauri-oracle"))
}

fn say(text: &str) {
    let _ = writeln!(std::io::stderr(), "{text}");
}

/// Compares `apps`, prints the figures, and fails on any disagreement not allowed by
/// the allow-list (or on an allow-list entry for `source` that matched nothing).
fn run(source: &str, prefixes: &[&str], apps: &[AppUnderTest]) -> Report {
    let allow_list = AllowList::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("allowlist.toml"))
        .unwrap_or_else(|error| panic!("{error}"));
    let mut oracle = oracle();
    let mut report = Report::default();
    for app in apps {
        compare_app(&mut oracle, app, &mut report);
    }
    let mut unexpected = Vec::new();
    let mut allowed = 0;
    for (key, details) in &report.disagreements {
        match allow_list.allows(key) {
            Some(_) => allowed += 1,
            None => unexpected.push(format!("{key}\n    {}", details.join("\n    "))),
        }
    }
    let seen: BTreeSet<String> = report.disagreements.keys().cloned().collect();
    let stale: Vec<String> = allow_list
        .stale(
            &prefixes
                .iter()
                .map(|prefix| prefix.to_string())
                .collect::<Vec<_>>(),
            &seen,
        )
        .into_iter()
        .map(|entry| entry.key.clone())
        .collect();
    say(&format!(
        "fidelity ({source}): {}; {} disagreements ({} allowed by allowlist.toml, {} not); oracle restarted {} times",
        report.figures,
        report.disagreements.len(),
        allowed,
        unexpected.len(),
        oracle.restarts,
    ));
    assert!(
        unexpected.is_empty(),
        "{} disagreements with Tauri:\n{}",
        unexpected.len(),
        unexpected.join("\n")
    );
    assert!(
        stale.is_empty(),
        "allowlist.toml lists disagreements that no longer occur: {stale:#?}"
    );
    report
}

#[test]
fn fixtures_agree_with_tauri() {
    let mut apps = apps::fixture_apps(&repo_root());
    assert!(apps.len() >= 4, "expected the four fixture apps");
    apps.extend(apps::own_apps(Path::new(env!("CARGO_MANIFEST_DIR"))));
    let report = run("fixtures", &["fixtures/", "tests/fidelity/"], &apps);
    // The fixtures exercise resolution and failures alike.
    assert!(report.figures.commands > 1000, "{}", report.figures);
    assert!(report.figures.failures > 10, "{}", report.figures);
    assert!(report.figures.crashes > 0, "{}", report.figures);
}

#[test]
fn corpus_agrees_with_tauri() {
    let root = repo_root();
    let Some(corpus) = apps::corpus_dir(&root) else {
        say(
            "fidelity (corpus): skipped: no corpus at ../shared/corpus (set TAURI_ACL_CORPUS to run it)",
        );
        return;
    };
    let scratch = tempfile::tempdir().expect("a scratch folder");
    let apps = apps::corpus_apps(&corpus, scratch.path()).expect("the corpus copies");
    let report = run("corpus", &["corpus/"], &apps);
    assert!(report.figures.apps > 60, "{}", report.figures);
}

/// The oracle really observes Tauri's stack overflow on a set cycle, and goes on.
#[test]
fn the_oracle_survives_a_set_cycle() {
    use tauri_utils::acl::capability::Capability;
    use tauri_utils::acl::manifest::Manifest;

    let manifests: std::collections::BTreeMap<String, Manifest> =
        serde_json::from_value(serde_json::json!({
            "loop": {
                "default_permission": null,
                "permissions": { "allow-a": { "identifier": "allow-a", "commands": { "allow": ["a"] } } },
                "permission_sets": {
                    "one": { "identifier": "one", "description": "", "permissions": ["two"] },
                    "two": { "identifier": "two", "description": "", "permissions": ["one"] }
                },
                "global_scope_schema": null
            }
        }))
        .unwrap();
    let capability = |permission: &str| -> Capability {
        serde_json::from_value(serde_json::json!({
            "identifier": "main", "windows": ["main"], "permissions": [permission]
        }))
        .unwrap()
    };
    let mut oracle = oracle();
    oracle.set_manifests(&manifests);
    let crashed = oracle.resolve(&capability("loop:one"), "linux");
    assert!(matches!(crashed, Answer::Crashed(_)), "{crashed:?}");
    let resolved = oracle.resolve(&capability("loop:allow-a"), "linux");
    let Answer::Resolved(acl) = resolved else {
        panic!("{resolved:?}");
    };
    assert_eq!(acl.commands.len(), 1);
    assert_eq!(acl.commands[0].command, "plugin:loop|a");
    assert_eq!(oracle.restarts, 1);
}

/// The bundled catalogue against the real crates: for every bundled version whose
/// sources the scratch cargo home holds, tauri-acl resolving from the bundled data and
/// tauri-utils resolving from the real sources agree (every identifier the version
/// defines, on all five platforms).
#[test]
fn bundled_catalogue_agrees_with_tauri() {
    let Some(home) = apps::catalogue_home() else {
        say(
            "fidelity (bundled): skipped: no scratch cargo home with the real crates (run `bash scripts/catalogue/generate.sh`, or set TAURI_ACL_CATALOGUE_HOME)",
        );
        return;
    };
    let scratch = tempfile::tempdir().expect("a scratch folder");
    let (apps, without_sources) =
        apps::bundled_apps(&home, scratch.path()).expect("the probe apps are written");
    say(&format!(
        "fidelity (bundled): {} bundled versions with real sources in {}, {without_sources} without",
        apps.len(),
        home.display()
    ));
    let report = run("bundled", &["bundled/"], &apps);
    assert_eq!(report.figures.apps, apps.len(), "{}", report.figures);
}
