//! `tauri-acl check` on the real apps of `../shared/corpus/checkouts`, in the states a
//! user meets before any build, fails on any error Tauri's build would not report.
//!
//! - (a) a fresh clone with no cargo home and no `gen/schemas/acl-manifests.json` (the
//!   app is copied without it): plugins whose sources are absent are "cannot check",
//!   one `missing-plugin-source` warning per plugin and app.
//! - (b) a cargo home holding the locked `tauri` and `tauri-plugin-*` crates, when
//!   `TAURI_ACL_REAL_WORLD_CARGO_HOME` names one (`tests/real-world-cargo-home.sh`
//!   fills it with cargo; git-pinned crates cannot be fetched and stay "cannot check").
//! - (c) only the committed `acl-manifests.json`, for the apps that commit one.
//!
//! Every error left must be in `REFUSED_BY_TAURI`, each with the reason Tauri's build
//! refuses it too. Waiting for the bundled catalogue (issue 12, part 1): in state (a)
//! the core and official plugins have no source yet, so they are counted as "cannot
//! check" (one `missing-plugin-source` warning each), never as errors; when the
//! catalogue lands they become checked, and an unknown identifier it reveals fails this
//! test until it is confirmed as one Tauri refuses. With `TAURI_ACL_WRITE_REAL_WORLD=1` the test also rewrites
//! `docs/real-world.md` (one command refreshes the table). Without the corpus it says so
//! and passes.

mod common;

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use common::{repo_root, run, stderr};
use serde_json::Value;

/// Errors Tauri's build refuses too: (corpus app, state, code, text in the message, why).
const REFUSED_BY_TAURI: &[(&str, &str, &str, &str, &str)] = &[];

/// The environment variable naming the cargo home of state (b).
const CARGO_HOME_VAR: &str = "TAURI_ACL_REAL_WORLD_CARGO_HOME";

fn checkouts() -> Option<PathBuf> {
    let corpus = std::env::var_os("TAURI_ACL_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| repo_root().join("../shared/corpus"));
    let checkouts = corpus.join("checkouts");
    checkouts.is_dir().then_some(checkouts)
}

#[derive(Debug, Default)]
struct Outcome {
    /// (code, message, file) of each error.
    errors: Vec<(String, String, String)>,
    warnings: BTreeMap<String, usize>,
    /// `missing-plugin-source` notes: plugins that cannot be checked in this state.
    cannot_check: usize,
}

fn check(path: &Path, cargo_home: &Path) -> Outcome {
    let shown = path.display().to_string();
    let home = cargo_home.display().to_string();
    let output = run(&["check", &shown, "--format", "json", "--cargo-home", &home]);
    assert!(
        matches!(output.status.code(), Some(0 | 1)),
        "check {shown}: {:?}: {}",
        output.status.code(),
        stderr(&output)
    );
    let report: Value = serde_json::from_slice(&output.stdout)
        .unwrap_or_else(|error| panic!("{shown}: invalid JSON: {error}"));
    let mut outcome = Outcome::default();
    let notes = report["apps"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|app| app["notes"].as_array().into_iter().flatten());
    let findings = report["diagnostics"].as_array().into_iter().flatten();
    for finding in findings.chain(notes) {
        let code = finding["code"].as_str().unwrap_or_default().to_owned();
        match finding["severity"].as_str() {
            Some("error") => outcome.errors.push((
                code,
                finding["message"].as_str().unwrap_or_default().to_owned(),
                finding["location"]["file"]
                    .as_str()
                    .unwrap_or_default()
                    .to_owned(),
            )),
            Some("warning") => {
                if code == "missing-plugin-source" {
                    outcome.cannot_check += 1;
                }
                *outcome.warnings.entry(code).or_default() += 1;
            }
            _ => {}
        }
    }
    outcome
}

/// Copies `from` to `to` without any `gen/schemas/acl-manifests.json`.
fn copy_without_generated(from: &Path, to: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(to)?;
    for entry in std::fs::read_dir(from)? {
        let entry = entry?;
        let target = to.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            copy_without_generated(&entry.path(), &target)?;
        } else if entry.file_name() != "acl-manifests.json" {
            std::fs::copy(entry.path(), &target)?;
        }
    }
    Ok(())
}

fn has_generated(dir: &Path) -> bool {
    std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .any(|entry| {
            let path = entry.path();
            if path.is_dir() {
                has_generated(&path)
            } else {
                entry.file_name() == "acl-manifests.json"
            }
        })
}

#[test]
fn no_error_tauri_would_not_report() {
    let Some(checkouts) = checkouts() else {
        eprintln!(
            "skipped: no corpus at ../shared/corpus/checkouts (set TAURI_ACL_CORPUS to run this test)"
        );
        return;
    };
    let scratch = tempfile::tempdir().expect("a scratch directory");
    let empty_home = scratch.path().join("empty-cargo-home");
    std::fs::create_dir_all(&empty_home).unwrap();
    let cargo_home = std::env::var_os(CARGO_HOME_VAR).map(PathBuf::from);
    if cargo_home.is_none() {
        eprintln!(
            "state (b) skipped: set {CARGO_HOME_VAR} to a cargo home filled by tests/real-world-cargo-home.sh"
        );
    }
    let mut apps: Vec<PathBuf> = std::fs::read_dir(&checkouts)
        .unwrap()
        .flatten()
        .map(|entry| entry.path())
        .filter(|path| path.is_dir())
        .collect();
    apps.sort();
    let mut rows: Vec<(String, &str, Outcome)> = Vec::new();
    let mut usages: Vec<(String, Vec<UsageRow>)> = Vec::new();
    for app in &apps {
        let name = app.file_name().unwrap().to_string_lossy().into_owned();
        let fresh = scratch.path().join("fresh").join(&name);
        copy_without_generated(app, &fresh).unwrap();
        rows.push((name.clone(), "a", check(&fresh, &empty_home)));
        usages.push((name.clone(), usage(&fresh, &empty_home)));
        if let Some(home) = &cargo_home {
            rows.push((name.clone(), "b", check(app, home)));
        }
        if has_generated(app) {
            rows.push((name.clone(), "c", check(app, &empty_home)));
        }
    }
    let mut unexplained = Vec::new();
    for (app, state, outcome) in &rows {
        for (code, message, file) in &outcome.errors {
            if refusal(app, state, code, message).is_none() {
                unexplained.push(format!("{app} ({state}) {file}: error[{code}]: {message}"));
            }
        }
    }
    if std::env::var_os("TAURI_ACL_WRITE_REAL_WORLD").is_some() {
        let path = repo_root().join("docs/real-world.md");
        let mut text = table(&rows, cargo_home.is_some());
        text.push_str(&usage_tables(&usages));
        std::fs::write(&path, text).unwrap();
        eprintln!("wrote {}", path.display());
    }
    assert!(
        unexplained.is_empty(),
        "errors Tauri's build would not report (or add each, with the reason Tauri refuses it, to REFUSED_BY_TAURI):\n{}",
        unexplained.join("\n")
    );
}

/// One Tauri app of a corpus checkout, as `tauri-acl usage` sees it in state (a).
#[derive(Debug)]
struct UsageRow {
    /// The app's root, relative to the checkout.
    root: String,
    frontend_files: u64,
    /// Whether any call was found (else the frontend lives elsewhere: nothing claimed).
    seen: bool,
    commands: usize,
    call_sites: usize,
    unknown_calls: usize,
    unused_certain: usize,
    unused_uncertain: usize,
    ungranted: usize,
}

fn usage(path: &Path, cargo_home: &Path) -> Vec<UsageRow> {
    let shown = path.display().to_string();
    let home = cargo_home.display().to_string();
    let output = run(&["usage", &shown, "--format", "json", "--cargo-home", &home]);
    assert_eq!(
        output.status.code(),
        Some(0),
        "usage {shown}: {}",
        stderr(&output)
    );
    let report: Value = serde_json::from_slice(&output.stdout)
        .unwrap_or_else(|error| panic!("usage {shown}: invalid JSON: {error}"));
    let count = |app: &Value, key: &str| app[key].as_array().map_or(0, Vec::len);
    report["apps"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|app| !app["frontend"].is_null())
        .map(|app| {
            let unused = app["unused"].as_array().cloned().unwrap_or_default();
            let certain = unused
                .iter()
                .filter(|entry| entry["certain"] == true)
                .count();
            UsageRow {
                root: app["root"]
                    .as_str()
                    .unwrap_or_default()
                    .strip_prefix(&shown)
                    .unwrap_or_default()
                    .trim_start_matches('/')
                    .to_owned(),
                frontend_files: app["frontend_files"].as_u64().unwrap_or(0),
                seen: app["frontend_seen"] == true,
                commands: count(app, "commands"),
                call_sites: app["commands"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .map(|command| count(command, "calls"))
                    .sum(),
                unknown_calls: count(app, "unknown_calls"),
                unused_certain: certain,
                unused_uncertain: unused.len() - certain,
                ungranted: count(app, "ungranted"),
            }
        })
        .collect()
}

/// Findings of the usage analysis read by hand on the corpus: (app, finding, verdict,
/// why). Written when the rows above were made; a reviewer re-reads them when the
/// numbers move.
const REVIEWED: &[(&str, &str, &str, &str)] = &[
    (
        "kbzowski__google-chat-tauri",
        "unregistered-command `open_settings` (src-tauri/src/main.rs)",
        "true",
        "registered in `generate_handler!`, and neither `permissions/*.toml` nor `build.rs` mentions it; the app defines permissions, so Tauri checks its commands and refuses any call (the frontend never calls it: a dead registration)",
    ),
    (
        "kbzowski__google-chat-tauri",
        "unregistered-command `check_for_updates_command`",
        "true",
        "as `open_settings` (also `open_about`, `open_offline`, `open_shortcuts`)",
    ),
    (
        "kbzowski__google-chat-tauri",
        "ungranted-call `plugin:clipboard-manager|write_text` (src/views/About.svelte)",
        "true",
        "`clipboard-manager:default` allows nothing (the plugin enables no command by default), and no other entry allows `write_text`: copying from the About window fails",
    ),
    (
        "kbzowski__google-chat-tauri",
        "ungranted-call `plugin:window|close` (src/views/Offline.svelte)",
        "true",
        "`core:default` reaches `core:window:default`, which has no `allow-close`",
    ),
    (
        "kbzowski__google-chat-tauri",
        "unused-permission `autostart:default` (certain)",
        "true",
        "no file of `src/` or `injection/` imports `@tauri-apps/plugin-autostart`; autostart is driven from Rust",
    ),
    (
        "kbzowski__google-chat-tauri",
        "unused-permission `store:default` (certain)",
        "true",
        "no frontend file imports `@tauri-apps/plugin-store`; settings go through the app's own `get_settings`/`set_settings`",
    ),
    (
        "kbzowski__google-chat-tauri",
        "unused-permission `updater:default` (certain)",
        "true",
        "no frontend file imports `@tauri-apps/plugin-updater`; updates run through the app's `check_for_updates_command`",
    ),
    (
        "kbzowski__google-chat-tauri",
        "unused-permission `window-state:default` (certain)",
        "true",
        "no frontend file imports `@tauri-apps/plugin-window-state`; the Rust plugin saves the state by itself",
    ),
    (
        "tauri-apps__tauri",
        "unused-permission `sample:allow-ping` in examples/api (certain)",
        "true",
        "`examples/api/src` never invokes `plugin:sample|ping`; the sample plugin is exercised from Rust and mobile",
    ),
    (
        "tauri-apps__tauri",
        "asset-protocol-unused in examples/api/src-tauri/tauri.conf.json",
        "true",
        "no `convertFileSrc` (nor `asset:` URL) in `examples/api/src`",
    ),
    (
        "tauri-apps__plugins-workspace",
        "ungranted-call `plugin:fs|stat` (examples/api/src/views/FileSystem.svelte)",
        "true",
        "`fs:default` reaches `read_dir`, `read_file`, `read_text_file*` and `exists`, not `stat`, and no other entry allows it (`tauri-acl why` agrees): the example's stat button is refused",
    ),
    (
        "tauri-apps__plugins-workspace",
        "ungranted-call `plugin:window|destroy` (examples/api/src/App.svelte, `onCloseRequested`)",
        "true",
        "the API's `onCloseRequested` calls `destroy()` when the handler does not prevent the close, and `core:window:default` has no `allow-destroy`",
    ),
    (
        "tauri-apps__plugins-workspace",
        "unused-permission `log:default` in examples/api (certain)",
        "true",
        "`examples/api/src` does not import `@tauri-apps/plugin-log`",
    ),
    (
        "HuLaSpark__HuLa",
        "ungranted-call `plugin:window|set_shadow` (src/App.vue)",
        "true",
        "no capability allows it (`tauri-acl why` agrees); the call is made on Windows 10 only and its `.catch` logs the refusal",
    ),
    (
        "indoor-mall-nav__navign",
        "unused-permission `geolocation:allow-watch-position` (certain)",
        "true",
        "the app calls `getCurrentPosition`, `checkPermissions` and `requestPermissions`, never `watchPosition`",
    ),
    (
        "MantasMikal__tiny-vid",
        "unused-permission `os:default` (certain)",
        "true",
        "the frontend calls only `platform()`, which reads what the os plugin injects and invokes no command",
    ),
    (
        "hoppscotch__hoppscotch",
        "unused-permission `http:default` in packages/hoppscotch-agent (certain)",
        "true",
        "the agent's frontend does not import `@tauri-apps/plugin-http`; its requests go through the app's own commands",
    ),
    (
        "tauri-apps__plugins-workspace",
        "ungranted-call `plugin:updater|check` in plugins/updater/guest-js (before the fix)",
        "false, fixed",
        "the updater test app took the plugin's own `@tauri-apps/plugin-updater` package above it for its frontend; a `@tauri-apps/*` package is no longer taken for an app's frontend",
    ),
    (
        "modrinth__code",
        "72 unused-permission in apps/app (before the fix)",
        "false, fixed",
        "the real frontend is the workspace package `@modrinth/app-frontend`; with no call found in the app's own package nothing is claimed now, and a `workspace:` dependency makes claims uncertain",
    ),
    (
        "tauri-apps__tauri",
        "unregistered-command `popup`, `toggle` in examples/api/src-tauri/src/menu_plugin.rs (before the fix)",
        "false, fixed",
        "the handler registers an inlined plugin's commands (`Builder::new(\"app-menu\")`); files naming `TauriPlugin` count as a plugin's",
    ),
    (
        "memospot__memospot",
        "unused-permission `shell:allow-open` (uncertain)",
        "uncertain, right to hedge",
        "the shell plugin's injected script invokes `plugin:shell|open` for `<a target=\"_blank\">` links, which no import shows",
    ),
];

/// The usage section of docs/real-world.md: per checkout, its apps with a frontend.
fn usage_tables(usages: &[(String, Vec<UsageRow>)]) -> String {
    let mut out = String::new();
    out.push_str("\n## What the apps call (`tauri-acl usage`)\n\n");
    out.push_str(
        "State (a), no `node_modules` installed: calls of Tauri's JavaScript packages are \
mapped with the bundled map at the versions the lockfile pins. Per app with a frontend package: the \
files that use Tauri's API, the commands called (and their call sites), the calls that \
could not be pinned to commands, the capability entries none of whose commands is called \
(certain + uncertain), and the called commands no capability grants. \"no call found\" \
means the frontend lives elsewhere (a workspace package, a remote site) and nothing is \
claimed.\n",
    );
    for (name, rows) in usages {
        if rows.is_empty() {
            continue;
        }
        let _ = writeln!(out, "\n### `{name}`\n");
        out.push_str("| app | frontend files | commands (call sites) | not pinned | unused grants | ungranted calls |\n");
        out.push_str("|---|---:|---:|---:|---:|---:|\n");
        for row in rows {
            let root = if row.root.is_empty() { "." } else { &row.root };
            if !row.seen {
                let _ = writeln!(
                    out,
                    "| `{root}` | {} | no call found | – | – | – |",
                    row.frontend_files
                );
                continue;
            }
            let _ = writeln!(
                out,
                "| `{root}` | {} | {} ({}) | {} | {} + {} | {} |",
                row.frontend_files,
                row.commands,
                row.call_sites,
                row.unknown_calls,
                row.unused_certain,
                row.unused_uncertain,
                row.ungranted
            );
        }
    }
    out.push_str("\n### Findings reviewed by hand\n\n");
    out.push_str("| app | finding | verdict | why |\n|---|---|---|---|\n");
    for (app, finding, verdict, why) in REVIEWED {
        let _ = writeln!(out, "| `{app}` | {finding} | {verdict} | {why} |");
    }
    out
}

fn refusal(app: &str, state: &str, code: &str, message: &str) -> Option<&'static str> {
    REFUSED_BY_TAURI
        .iter()
        .find(|(a, s, c, text, _)| *a == app && *s == state && *c == code && message.contains(text))
        .map(|(_, _, _, _, why)| *why)
}

/// docs/real-world.md: every app × state, errors and warnings by code.
fn table(rows: &[(String, &str, Outcome)], with_b: bool) -> String {
    let mut out = String::new();
    out.push_str("# tauri-acl on real apps\n\n");
    out.push_str(
        "`tauri-acl check` on the real public Tauri v2 apps of `../shared/corpus/checkouts` \
(see its `SOURCES.md` for each repository and commit), in three states:\n\n\
- **(a)** a fresh clone: no cargo home, and no `gen/schemas/acl-manifests.json` (removed \
when the app commits one);\n\
- **(b)** a cargo home holding the locked `tauri` and `tauri-plugin-*` crates \
(`tests/real-world-cargo-home.sh` unpacks them with cargo; git-pinned crates cannot be \
fetched and stay \"cannot check\");\n\
- **(c)** only the committed `acl-manifests.json`, for the apps that commit one.\n\n\
\"cannot check\" counts the `missing-plugin-source` warnings: plugins (and the app's own \
permissions) whose identifiers are not judged in that state, one per plugin and app. \
In state (a) the locked `tauri` and official plugins are read from the bundled \
catalogue of their published versions, so what stays \"cannot check\" there is \
third-party plugins, pre-releases and computed build-script lists; any identifier the \
catalogue finds unknown shows up as an error here (the test fails until each is \
confirmed as one Tauri refuses). \
Every error is listed below the table with the reason Tauri's build refuses it too.\n\n\
Regenerate this file (it is written by a test, never by hand):\n\n\
```sh\n\
tests/real-world-cargo-home.sh /tmp/real-world-cargo-home   # state (b); needs crates.io\n\
TAURI_ACL_REAL_WORLD_CARGO_HOME=/tmp/real-world-cargo-home TAURI_ACL_WRITE_REAL_WORLD=1 \\\n    \
cargo test -p tauri-acl --test real_world\n\
```\n\n",
    );
    if !with_b {
        out.push_str("State (b) was not run for this table (no cargo home given).\n\n");
    }
    out.push_str("| app | state | errors | cannot check | warnings by code |\n");
    out.push_str("|---|---|---:|---:|---|\n");
    for (app, state, outcome) in rows {
        let warnings: Vec<String> = outcome
            .warnings
            .iter()
            .map(|(code, count)| format!("{code} {count}"))
            .collect();
        let _ = writeln!(
            out,
            "| `{app}` | ({state}) | {} | {} | {} |",
            outcome.errors.len(),
            outcome.cannot_check,
            if warnings.is_empty() {
                "–".to_owned()
            } else {
                warnings.join(", ")
            }
        );
    }
    out.push_str("\n## Errors left, and why Tauri refuses them too\n\n");
    let mut any = false;
    for (app, state, outcome) in rows {
        for (code, message, file) in &outcome.errors {
            any = true;
            let why = refusal(app, state, code, message)
                .unwrap_or("NOT EXPLAINED: the test fails on this error");
            let _ = writeln!(
                out,
                "- `{app}` ({state}), `{}`: error[{code}] {message}  \n  Tauri: {why}",
                file.rsplit_once("checkouts/")
                    .map_or(file.as_str(), |(_, rest)| rest)
            );
        }
    }
    if !any {
        out.push_str("None: in every state above, `check` reports no error.\n");
    }
    out
}
