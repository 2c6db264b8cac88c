//! `tauri-acl check` on the bundled fixtures, through the real binary.

mod common;

use common::{run, stderr, stdout};
use serde_json::Value;

fn json_check(path: &str) -> (i32, Value) {
    let output = run(&["check", path, "--format", "json"]);
    let code = output.status.code().unwrap_or(-1);
    let value = serde_json::from_str(&stdout(&output)).unwrap_or_else(|error| {
        panic!(
            "invalid JSON ({error}): {}{}",
            stdout(&output),
            stderr(&output)
        )
    });
    (code, value)
}

#[test]
fn demo_app_is_clean() {
    let output = run(&["check", "fixtures/demo-app"]);
    let text = stdout(&output);
    assert_eq!(output.status.code(), Some(0), "{text}{}", stderr(&output));
    assert!(text.contains("demo-app: 0 errors, 0 warnings"), "{text}");
    let (code, report) = json_check("fixtures/demo-app");
    assert_eq!(code, 0);
    assert_eq!(
        report["diagnostics"],
        Value::Array(Vec::new()),
        "{report:#}"
    );
}

#[test]
fn demo_app_uses_every_discovery_source_but_the_generated_one() {
    let (_, report) = json_check("fixtures/demo-app");
    let plugins = report["apps"][0]["plugins"].as_array().unwrap();
    let source_of = |key: &str| {
        plugins
            .iter()
            .find(|plugin| plugin["key"] == key)
            .map(|plugin| plugin["source"].as_str().unwrap().to_owned())
            .unwrap_or_else(|| panic!("plugin `{key}` not found in {plugins:#?}"))
    };
    assert_eq!(source_of("fs"), "registry");
    assert_eq!(source_of("window-state"), "git");
    assert_eq!(source_of("greeter"), "path");
    assert_eq!(source_of("core:window"), "core-table");
    assert_eq!(source_of("core"), "core-table");
    assert_eq!(source_of("__app-acl__"), "app");
}

#[test]
fn generated_app_reads_acl_manifests() {
    let (code, report) = json_check("fixtures/generated-app");
    assert_eq!(code, 0, "{report:#}");
    assert_eq!(
        report["diagnostics"],
        Value::Array(Vec::new()),
        "{report:#}"
    );
    let plugins = report["apps"][0]["plugins"].as_array().unwrap();
    assert!(!plugins.is_empty());
    assert!(
        plugins
            .iter()
            .all(|plugin| plugin["source"] == "acl-manifests"),
        "{plugins:#?}"
    );
}

/// Every code the engine defines for files, with the line and column where the broken
/// fixture triggers it first; the messages are checked by the snapshot below.
#[test]
fn broken_app_reports_every_code() {
    let (code, report) = json_check("fixtures/broken-app");
    assert_eq!(code, 1, "errors make the exit code 1");
    let diagnostics = report["diagnostics"].as_array().unwrap();
    let required = [
        "invalid-identifier",
        "unknown-plugin",
        "unknown-permission",
        "unknown-set-member",
        "set-cycle",
        "empty-default",
        "duplicate-entry",
        "duplicate-capability-id",
        "duplicate-permission-id",
        "unknown-key",
        "wrong-type",
        "missing-field",
        "no-target",
        "unknown-window",
        "unknown-webview",
        "invalid-glob",
        "invalid-remote-url",
        "capability-not-enabled",
        "unknown-capability-reference",
        "ignored-file",
        "platform-mismatch",
        "strict-json",
        "parse-error",
        "invalid-scope",
        "unknown-path-variable",
        "dotfiles-unreachable",
    ];
    for code in required {
        assert!(
            diagnostics
                .iter()
                .any(|diagnostic| diagnostic["code"] == code),
            "`{code}` was not reported on fixtures/broken-app"
        );
    }
    let listing: String = diagnostics
        .iter()
        .map(|diagnostic| {
            let location = &diagnostic["location"];
            format!(
                "{} {}:{}:{}-{}:{} {}\n",
                diagnostic["code"].as_str().unwrap(),
                location["file"].as_str().unwrap(),
                location["start"]["line"],
                location["start"]["column"],
                location["end"]["line"],
                location["end"]["column"],
                diagnostic["message"].as_str().unwrap()
            )
        })
        .collect();
    insta::assert_snapshot!("broken_app_diagnostics", listing);
}

#[test]
fn human_output_is_annotated_source() {
    let output = run(&["check", "fixtures/broken-app", "--color", "never"]);
    let text = stdout(&output);
    assert!(text.contains("error[unknown-permission]"), "{text}");
    assert!(
        text.contains(" --> fixtures/broken-app/src-tauri/capabilities/"),
        "{text}"
    );
    assert!(text.contains("^^^"), "{text}");
}

#[test]
fn sarif_output_lists_rules_and_results() {
    let output = run(&["check", "fixtures/broken-app", "--format", "sarif"]);
    let sarif: Value = serde_json::from_str(&stdout(&output)).unwrap();
    assert_eq!(sarif["version"], "2.1.0");
    let run = &sarif["runs"][0];
    assert_eq!(run["tool"]["driver"]["name"], "tauri-acl");
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    let results = run["results"].as_array().unwrap();
    assert!(!results.is_empty());
    for result in results {
        let index = result["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[index]["id"], result["ruleId"]);
        let region = &result["locations"][0]["physicalLocation"]["region"];
        assert!(region["startLine"].as_u64().unwrap() >= 1);
        assert!(region["startColumn"].as_u64().unwrap() >= 1);
    }
}

#[test]
fn rules_can_be_turned_off_and_relevelled() {
    let (_, all) = json_check("fixtures/broken-app");
    let count = |report: &Value, code: &str| {
        report["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|diagnostic| diagnostic["code"] == code)
            .count()
    };
    assert!(count(&all, "unknown-window") > 0);
    let output = run(&[
        "check",
        "fixtures/broken-app",
        "--format",
        "json",
        "--rule",
        "unknown-window=off",
        "--rule",
        "duplicate-entry=error",
    ]);
    let filtered: Value = serde_json::from_str(&stdout(&output)).unwrap();
    assert_eq!(count(&filtered, "unknown-window"), 0);
    let relevelled = filtered["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|diagnostic| diagnostic["code"] == "duplicate-entry")
        .unwrap();
    assert_eq!(relevelled["severity"], "error");
}

#[test]
fn usage_errors_exit_with_two() {
    let output = run(&["check", "fixtures/does-not-exist"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("cannot read"),
        "{}",
        stderr(&output)
    );

    let output = run(&["check", "server/src"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("no Tauri app found"),
        "{}",
        stderr(&output)
    );

    let output = run(&["check", "--format", "yaml"]);
    assert_eq!(output.status.code(), Some(2));

    let output = run(&["check", "--rule", "no-such-rule=off"]);
    assert_eq!(output.status.code(), Some(2));
}

#[test]
fn platform_flag_limits_the_check() {
    let output = run(&[
        "check",
        "fixtures/demo-app",
        "--platform",
        "linux",
        "--format",
        "json",
    ]);
    let report: Value = serde_json::from_str(&stdout(&output)).unwrap();
    assert_eq!(report["apps"][0]["platforms"], serde_json::json!(["linux"]));
}

/// Every code the binary can report has its documentation page, in the agreed shape,
/// since editors and SARIF link to it.
#[test]
fn every_rule_has_a_docs_page() {
    let output = run(&["check", "fixtures/broken-app", "--format", "sarif"]);
    let sarif: Value = serde_json::from_str(&stdout(&output)).unwrap();
    let rules = sarif["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .unwrap();
    assert!(rules.len() >= 26);
    for rule in rules {
        let code = rule["id"].as_str().unwrap();
        let path = common::repo_root()
            .join("docs/rules")
            .join(format!("{code}.md"));
        let page =
            std::fs::read_to_string(&path).unwrap_or_else(|_| panic!("no page {}", path.display()));
        for heading in [
            format!("# {code}"),
            "## Why it matters".into(),
            "## Example".into(),
            "## How to fix".into(),
        ] {
            assert!(page.contains(&heading), "{code}.md lacks `{heading}`");
        }
        assert!(
            rule["helpUri"]
                .as_str()
                .unwrap()
                .ends_with(&format!("docs/rules/{code}.md"))
        );
    }
}

/// `--fix` writes only the safe fixes, leaves files that still parse, and the second run
/// finds those problems gone.
#[test]
fn fix_applies_the_safe_fixes_and_nothing_else() {
    let dir = tempfile::tempdir().unwrap();
    let status = std::process::Command::new("cp")
        .args(["-r", "fixtures/broken-app", "fixtures/cargo-home"])
        .arg(dir.path())
        .current_dir(common::repo_root())
        .status()
        .unwrap();
    assert!(status.success());
    let app = dir.path().join("broken-app");
    let before =
        std::fs::read_to_string(app.join("src-tauri/capabilities/references.json")).unwrap();
    let untouched =
        std::fs::read_to_string(app.join("src-tauri/capabilities/labels.json")).unwrap();
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_tauri-acl"))
        .args(["check", "--fix", "--format", "json"])
        .arg(&app)
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    let report: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert!(stderr(&output).starts_with("fixed "), "{}", stderr(&output));
    let after =
        std::fs::read_to_string(app.join("src-tauri/capabilities/references.json")).unwrap();
    assert_eq!(
        after,
        before.replace("fs:allow-raed-text-file", "fs:allow-read-text-file")
    );
    // A window typo has several candidate fixes only a person can choose between.
    assert_eq!(
        std::fs::read_to_string(app.join("src-tauri/capabilities/labels.json")).unwrap(),
        untouched
    );
    let remaining: Vec<&str> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|diagnostic| diagnostic["code"].as_str().unwrap())
        .collect();
    let duplicates =
        std::fs::read_to_string(app.join("src-tauri/capabilities/duplicates.json")).unwrap();
    assert!(
        duplicates.contains(r#"["dialog:allow-open", "dialog:allow-save"]"#),
        "{duplicates}"
    );
    let messages: Vec<&str> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|diagnostic| diagnostic["message"].as_str().unwrap())
        .collect();
    assert!(
        !messages.iter().any(|message| message.contains("raed")),
        "{messages:#?}"
    );
    assert!(remaining.contains(&"unknown-window"));
}

#[test]
fn tauri_from_git_without_a_checkout_reads_the_bundled_catalogue() {
    // Cargo.lock records tauri 2.9.2 from git, and the fixture cargo home has no
    // checkout of it: the bundled data for 2.9.2 stands in, and says so.
    let (code, report) = json_check("fixtures/git-tauri-app");
    assert_eq!(code, 0, "{report:#}");
    assert_eq!(
        report["diagnostics"],
        Value::Array(Vec::new()),
        "{report:#}"
    );
    let plugins = report["apps"][0]["plugins"].as_array().unwrap();
    let from = |key: &str| {
        plugins
            .iter()
            .find(|plugin| plugin["key"] == key)
            .map(|plugin| plugin["from"].as_str().unwrap().to_owned())
            .unwrap_or_else(|| panic!("plugin `{key}` not found in {plugins:#?}"))
    };
    assert_eq!(from("core:webview"), "tauri 2.9.2 (bundled catalogue)");
    assert_eq!(
        from("opener"),
        "tauri-plugin-opener 2.5.0 (bundled catalogue)"
    );
    let output = run(&["check", "fixtures/git-tauri-app"]);
    let text = stdout(&output);
    assert!(
        text.contains(
            "git-tauri-app: 0 errors, 0 warnings in 1 capability (11 plugins from bundled;"
        ),
        "{text}"
    );
}

/// A bare app (no plugin sources, one capability) reads well in the summary, and a
/// folder named like a capability file is an error: tauri-build reads every glob
/// match with a capability extension and fails on a folder.
#[test]
fn summary_wording_and_a_folder_named_like_a_capability() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("src-tauri");
    std::fs::create_dir_all(root.join("capabilities/old.json")).unwrap();
    std::fs::write(
        root.join("tauri.conf.json"),
        r#"{ "identifier": "com.example.app", "app": { "windows": [{ "label": "main" }], "security": { "csp": "default-src 'self'" } } }"#,
    )
    .unwrap();
    std::fs::write(
        root.join("capabilities/default.json"),
        r#"{ "identifier": "default", "windows": ["main"], "permissions": [] }"#,
    )
    .unwrap();
    let app = root.to_str().unwrap();
    let output = run(&["check", app]);
    let text = stdout(&output);
    assert!(
        text.contains("in 1 capability (no plugin permissions found;"),
        "{text}"
    );
    assert!(!text.contains("from nowhere"), "{text}");
    assert!(
        text.contains("`capabilities/old.json` is a folder"),
        "{text}"
    );
    assert_eq!(output.status.code(), Some(1), "{text}");
    std::fs::remove_dir(root.join("capabilities/old.json")).unwrap();
    let output = run(&["check", app]);
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
}

/// Apps written during the Tauri 2 betas name core permissions without `core:` by the
/// dozen: `--fix` applies each that has exactly one reading, and says which fixes it
/// left and why.
#[test]
fn fix_adds_the_missing_core_prefix_and_says_what_it_left() {
    let dir = tempfile::tempdir().unwrap();
    let status = std::process::Command::new("cp")
        .args(["-r", "fixtures/demo-app", "fixtures/cargo-home"])
        .arg(dir.path())
        .current_dir(common::repo_root())
        .status()
        .unwrap();
    assert!(status.success());
    let app = dir.path().join("demo-app");
    let beta = app.join("src-tauri/capabilities/beta.json");
    std::fs::write(
        &beta,
        r#"{
  "identifier": "beta",
  "windows": ["*"],
  "permissions": ["window:default", "event:default", "webview:allow-print", "fs:allow-raed"]
}
"#,
    )
    .unwrap();
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_tauri-acl"))
        .args(["check", "--fix"])
        .arg(&app)
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    let after = std::fs::read_to_string(&beta).unwrap();
    assert!(
        after.contains(
            r#"["core:window:default", "core:event:default", "core:webview:allow-print","#
        ),
        "{after}\n{}",
        stderr(&output)
    );
    let log = stderr(&output);
    // The three core prefixes and the `raed` typo, each with one reading.
    assert!(log.starts_with("fixed 4 problems in 1 file"), "{log}");
    // The config lists its capabilities: enabling this one is a decision.
    assert!(
        log.contains("\nleft: 1 fix left for review in the editor: each would change what is granted or needs a value (capability-not-enabled)"),
        "{log}"
    );
}

/// Apps whose permissions come from build scripts, and a mobile-only plugin against a
/// desktop-built catalogue: each builds with Tauri, so `check` reports no error.
#[test]
fn build_script_fixtures_are_clean() {
    for app in [
        "app-manifest-app",
        "inline-plugin-app",
        "workspace-plugin-app",
        "mobile-only-app",
    ] {
        let path = format!("fixtures/{app}");
        let output = run(&["check", &path, "--color", "never"]);
        let text = stdout(&output);
        assert_eq!(output.status.code(), Some(0), "{text}{}", stderr(&output));
        insta::assert_snapshot!(format!("build_scripts_{app}"), text);
        let (_, report) = json_check(&path);
        let plugins = report["apps"][0]["plugins"].as_array().unwrap();
        let sources: Vec<String> = plugins
            .iter()
            .map(|plugin| {
                format!(
                    "{} {}",
                    plugin["key"].as_str().unwrap(),
                    plugin["source"].as_str().unwrap()
                )
            })
            .filter(|line| !line.starts_with("core"))
            .collect();
        insta::assert_snapshot!(format!("build_scripts_{app}_sources"), sources.join("\n"));
    }
}

/// What the generated permissions grant: `explain` on the inlined plugins' fixture.
#[test]
fn inlined_plugins_grant_their_generated_commands() {
    let output = run(&[
        "explain",
        "fixtures/inline-plugin-app",
        "--platform",
        "linux",
    ]);
    let text = stdout(&output);
    assert_eq!(output.status.code(), Some(0), "{text}{}", stderr(&output));
    let lines: Vec<&str> = text
        .lines()
        .filter(|line| line.contains("plugin:library|") || line.contains("plugin:playback|"))
        .collect();
    insta::assert_snapshot!(lines.join("\n"), @r"
        plugin:library|list_tracks                   ← library:allow-list-tracks (default via library:default)
        plugin:playback|pause                        ← playback:allow-pause (default via playback:default)
        plugin:playback|play                         ← playback:allow-play (default via playback:default)
        plugin:playback|seek_to                      ← playback:allow-seek-to (default via playback:default)
        plugin:library|remove_track                  ✗ library:deny-remove-track (default)
        ");
}

/// A generated capability repeating one unknown entry 120 times: the human output shows
/// 50 of its findings and counts the other 70 in one line; JSON and SARIF keep all 120.
/// Each finding is rendered from its own lines only, so the output grows with the
/// findings, not with findings × file size.
#[test]
fn a_flood_of_one_finding_is_summarised_in_human_output_only() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("flood/src-tauri");
    std::fs::create_dir_all(root.join("capabilities")).unwrap();
    std::fs::write(
        root.join("tauri.conf.json"),
        r#"{ "app": { "windows": [{ "label": "main" }], "security": { "csp": "default-src 'self'" } } }"#,
    )
    .unwrap();
    std::fs::create_dir_all(root.join("permissions")).unwrap();
    std::fs::write(
        root.join("Cargo.toml"),
        "[package]\nname = \"flood\"\nversion = \"0.1.0\"\n",
    )
    .unwrap();
    std::fs::write(
        root.join("permissions/greet.toml"),
        "[[permission]]\nidentifier = \"allow-greet\"\ncommands.allow = [\"greet\"]\n",
    )
    .unwrap();
    let entries = vec![r#""allow-nothing""#; 120].join(",\n    ");
    std::fs::write(
        root.join("capabilities/default.json"),
        format!("{{\n  \"identifier\": \"default\",\n  \"windows\": [\"main\"],\n  \"permissions\": [\n    {entries}\n  ]\n}}\n"),
    )
    .unwrap();
    let path = dir.path().join("flood");
    let path = path.to_str().unwrap();
    let human = stdout(&run(&["check", path]));
    let shown = human.matches("error[unknown-permission]").count();
    assert_eq!(shown, 50, "{human}");
    assert!(
        human.contains("note: 70 more `unknown-permission` findings in "),
        "{human}"
    );
    // Each snippet holds its own line, whatever line of the file it is on.
    assert!(human.contains("\n53 |     \"allow-nothing\","), "{human}");
    let json: Value =
        serde_json::from_str(&stdout(&run(&["check", path, "--format", "json"]))).unwrap();
    let codes = |value: &Value| {
        value
            .as_array()
            .unwrap()
            .iter()
            .filter(|diagnostic| {
                diagnostic["code"] == "unknown-permission"
                    || diagnostic["ruleId"] == "unknown-permission"
            })
            .count()
    };
    assert_eq!(codes(&json["diagnostics"]), 120);
    let sarif: Value =
        serde_json::from_str(&stdout(&run(&["check", path, "--format", "sarif"]))).unwrap();
    assert_eq!(codes(&sarif["runs"][0]["results"]), 120);
}
