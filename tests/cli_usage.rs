//! `tauri-acl usage` and the usage findings of `check` on `fixtures/usage-app`, through
//! the real binary.

mod common;

use std::path::Path;

use common::{repo_root, run, stderr, stdout};
use serde_json::Value;

/// Which source answered for a package (its installed copy when `tests/all.sh` ran
/// `npm ci` in the fixture, else the bundled map) is the one line the report may vary
/// in; the differential test in `workspace::js_api` holds the two sources' facts equal.
fn same_whichever_source(test: impl FnOnce()) {
    let mut settings = insta::Settings::clone_current();
    settings.add_filter(
        r"from (node_modules|the bundled map)",
        "from [node_modules or the bundled map]",
    );
    settings.bind(test);
}

fn json(args: &[&str]) -> Value {
    let output = run(args);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    serde_json::from_str(&stdout(&output))
        .unwrap_or_else(|error| panic!("invalid JSON ({error}): {}", stdout(&output)))
}

#[test]
fn usage_report_human() {
    let output = run(&["usage", "fixtures/usage-app"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    same_whichever_source(|| insta::assert_snapshot!(stdout(&output)));
}

#[test]
fn usage_report_json() {
    let report = json(&["usage", "fixtures/usage-app", "--format", "json"]);
    same_whichever_source(|| insta::assert_json_snapshot!(report));
}

#[test]
fn suggestion_human() {
    let output = run(&["usage", "fixtures/usage-app", "--suggest"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let text = stdout(&output);
    let suggestion = &text[text.find("least-privilege capabilities").unwrap_or(0)..];
    same_whichever_source(|| insta::assert_snapshot!(suggestion));
}

/// Copies the fixture app without its installed packages.
fn copy_app(from: &Path, to: &Path) {
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let name = entry.file_name();
        if name == "node_modules" || name == "target" {
            continue;
        }
        let target = to.join(&name);
        if entry.file_type().unwrap().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
            copy_app(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// The suggested capability, put in place of the original and analysed again, grants
/// every call the frontend makes and nothing else.
#[test]
fn suggested_capabilities_grant_every_call_and_nothing_else() {
    let report = json(&[
        "usage",
        "fixtures/usage-app",
        "--format",
        "json",
        "--suggest",
    ]);
    let suggested = &report["suggestion"]["apps"][0]["capabilities"];
    assert_eq!(suggested.as_array().map(Vec::len), Some(1), "{report:#}");
    let temp = tempfile::tempdir().unwrap();
    copy_app(&repo_root().join("fixtures/usage-app"), temp.path());
    let capability = temp.path().join("src-tauri/capabilities/default.json");
    std::fs::write(&capability, suggested[0]["text"].as_str().unwrap()).unwrap();
    serde_json::from_str::<Value>(suggested[0]["text"].as_str().unwrap())
        .expect("the suggested capability is strict JSON");

    let again = json(&["usage", temp.path().to_str().unwrap(), "--format", "json"]);
    let app = &again["apps"][0];
    let commands = app["commands"].as_array().unwrap();
    assert!(!commands.is_empty());
    for command in commands {
        assert_eq!(
            command["ungranted_on"],
            Value::Array(Vec::new()),
            "every call is granted: {command:#}"
        );
    }
    // What is still unused is exactly what the suggestion kept whole because a call
    // of its package could not be mapped to commands.
    let kept: Vec<&str> = suggested[0]["kept_whole"]
        .as_array()
        .unwrap()
        .iter()
        .map(|kept| kept["entry"].as_str().unwrap())
        .collect();
    let unused: Vec<&str> = app["unused"]
        .as_array()
        .unwrap()
        .iter()
        .map(|entry| entry["entry"].as_str().unwrap())
        .collect();
    for entry in &unused {
        assert!(
            kept.contains(entry),
            "{entry} is unused and was not kept on purpose: {app:#}"
        );
    }
    if kept.is_empty() {
        for capability in app["capabilities"].as_array().unwrap() {
            assert_eq!(
                capability["used"], capability["granted"],
                "nothing is granted that no call reaches: {capability:#}"
            );
        }
    }
    // And `check` agrees: no usage finding is left, and nothing became an error.
    let output = run(&["check", temp.path().to_str().unwrap(), "--format", "json"]);
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    let checked: Value = serde_json::from_str(&stdout(&output)).unwrap();
    let codes: Vec<&str> = checked["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|diagnostic| diagnostic["code"].as_str())
        .collect();
    assert!(!codes.contains(&"ungranted-call"), "{codes:?}");
    assert_eq!(
        codes
            .iter()
            .filter(|code| **code == "unused-permission")
            .count(),
        unused.len(),
        "{codes:?}"
    );
}

/// `check` reports the ungranted call in the frontend file, in every format, and exits 0
/// (the usage findings are warnings and hints).
#[test]
fn check_reports_the_ungranted_call_in_the_frontend_file() {
    let output = run(&["check", "fixtures/usage-app"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let text = stdout(&output);
    assert!(
        text.contains("warning[ungranted-call]: no capability grants `export_notes`")
            && text.contains("--> fixtures/usage-app/src/main.ts:13:9")
            && text.contains("await invoke(\"export_notes\");"),
        "{text}"
    );
    let report = json(&["check", "fixtures/usage-app", "--format", "json"]);
    let ungranted: Vec<&Value> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|diagnostic| diagnostic["code"] == "ungranted-call")
        .collect();
    // The fixture calls `export_notes` and the window's `close` and `minimize`, and
    // grants none of them.
    let mut places: Vec<(&str, &str)> = ungranted
        .iter()
        .map(|diagnostic| {
            (
                diagnostic["location"]["file"].as_str().unwrap(),
                diagnostic["message"].as_str().unwrap(),
            )
        })
        .collect();
    places.sort();
    assert_eq!(
        places,
        [
            (
                "fixtures/usage-app/src/Panel.svelte",
                "no capability grants `plugin:window|close`, so Tauri refuses this call at run time"
            ),
            (
                "fixtures/usage-app/src/main.ts",
                "no capability grants `export_notes`, so Tauri refuses this call at run time"
            ),
            (
                "fixtures/usage-app/src/main.ts",
                "no capability grants `plugin:window|minimize`, so Tauri refuses this call at run time"
            ),
        ],
        "{report:#}"
    );
    let sarif = json(&["check", "fixtures/usage-app", "--format", "sarif"]);
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    let mut uris: Vec<&str> = results
        .iter()
        .filter(|result| result["ruleId"] == "ungranted-call")
        .filter_map(|result| {
            result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].as_str()
        })
        .collect();
    uris.sort();
    assert_eq!(
        uris,
        [
            "fixtures/usage-app/src/Panel.svelte",
            "fixtures/usage-app/src/main.ts",
            "fixtures/usage-app/src/main.ts"
        ]
    );
    let codes: Vec<&str> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|diagnostic| diagnostic["code"].as_str())
        .collect();
    for code in [
        "unused-permission",
        "unregistered-command",
        "asset-protocol-unused",
    ] {
        assert!(codes.contains(&code), "{code} in {codes:?}");
    }
}
