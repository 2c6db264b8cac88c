use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::*;
use crate::workspace::fs::RealFs;

fn chain(path: &[&str]) -> Vec<String> {
    path.iter().map(|name| (*name).to_owned()).collect()
}

fn usage_app() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../fixtures/usage-app")
}

/// The fixture's packages as installed by `npm ci` (tests/all.sh); without them the
/// test says so and skips, except on CI.
fn installed_usage_app() -> Option<PathBuf> {
    let dir = usage_app();
    if dir
        .join("node_modules/@tauri-apps/api/package.json")
        .is_file()
    {
        return Some(dir);
    }
    assert!(
        std::env::var_os("CI").is_none(),
        "fixtures/usage-app/node_modules is missing on CI: tests/all.sh runs `npm ci --ignore-scripts` there"
    );
    eprintln!(
        "skipped: fixtures/usage-app/node_modules is not installed (run `npm ci --ignore-scripts` in fixtures/usage-app)"
    );
    None
}

fn commands(api: &JsApi, module: &str, path: &[&str]) -> Vec<String> {
    api.commands(module, &chain(path))
        .unwrap_or_else(|| panic!("{module} {path:?} is unknown"))
        .commands
}

#[test]
fn installed_packages_map_calls_to_their_commands() {
    let Some(dir) = installed_usage_app() else {
        return;
    };
    let api = JsApi::load(&RealFs, &dir);
    assert_eq!(
        api.source("@tauri-apps/plugin-fs"),
        Some(&JsApiSource::NodeModules {
            version: "2.6.0".into()
        })
    );
    assert_eq!(
        commands(&api, "@tauri-apps/plugin-fs", &["readTextFile"]),
        ["plugin:fs|read_text_file"]
    );
    assert_eq!(
        commands(
            &api,
            "@tauri-apps/api/window",
            &["getCurrentWindow", "minimize"]
        ),
        ["plugin:window|minimize"]
    );
    assert_eq!(
        commands(
            &api,
            "@tauri-apps/api",
            &["window", "getCurrentWindow", "minimize"]
        ),
        ["plugin:window|minimize"]
    );
    assert!(commands(&api, "@tauri-apps/plugin-os", &["platform"]).is_empty());
    assert!(
        commands(&api, "@tauri-apps/api/window", &["Window"])
            .contains(&"plugin:window|create".to_owned())
    );
    assert_eq!(
        api.commands("@tauri-apps/plugin-fs", &chain(&["noSuchExport"])),
        None
    );
}

/// The bundled map holds what reading the installed package gives: for every package
/// of the fixture (at the version its lockfile pins, which npm installed), every
/// module's exports and every class's members are equal.
#[test]
fn bundled_map_equals_reading_node_modules() {
    let Some(dir) = installed_usage_app() else {
        return;
    };
    let installed = JsApi::load(&RealFs, &dir);
    assert_eq!(
        installed.packages.len(),
        5,
        "{:?}",
        installed.packages.keys()
    );
    for (name, (source, facts)) in &installed.packages {
        let JsApiSource::NodeModules { version } = source else {
            panic!("{name} was not read from node_modules: {source:?}");
        };
        let found = bundled::bundled()
            .lookup(name, version)
            .unwrap_or_else(|| panic!("{name} {version} is not in the bundled map"));
        assert_eq!(
            &found.version, version,
            "{name}: the bundled map lacks {version}"
        );
        let bundled = bundled::bundled().facts(&found.entry).unwrap();
        assert_eq!(
            facts.modules.keys().collect::<Vec<_>>(),
            bundled.modules.keys().collect::<Vec<_>>(),
            "{name}"
        );
        for (module, exports) in &facts.modules {
            for (export, item) in exports {
                assert_eq!(
                    Some(item),
                    bundled.modules[module].get(export),
                    "{module} {export}"
                );
            }
            assert_eq!(exports.len(), bundled.modules[module].len(), "{module}");
        }
        for (id, class) in &facts.classes {
            assert_eq!(Some(class), bundled.classes.get(id), "{name} class {id}");
        }
        assert_eq!(facts.classes.len(), bundled.classes.len(), "{name}");
    }
}

/// Without node_modules, the lockfile's versions answer from the bundled map.
#[test]
fn without_node_modules_the_lockfile_pins_the_bundled_version() {
    let mut fs = crate::workspace::fs::MemFs::new();
    let fixture = usage_app();
    for file in ["package.json", "package-lock.json"] {
        fs.insert(
            Path::new("/app").join(file),
            std::fs::read(fixture.join(file)).unwrap(),
        );
    }
    let api = JsApi::load(&fs, Path::new("/app"));
    assert_eq!(
        api.source("@tauri-apps/plugin-fs"),
        Some(&JsApiSource::Bundled {
            version: "2.6.0".into()
        })
    );
    assert_eq!(
        commands(&api, "@tauri-apps/plugin-fs", &["readTextFile"]),
        ["plugin:fs|read_text_file"]
    );
    assert_eq!(
        commands(
            &api,
            "@tauri-apps/api/window",
            &["getCurrentWindow", "minimize"]
        ),
        ["plugin:window|minimize"]
    );
    assert!(commands(&api, "@tauri-apps/plugin-os", &["platform"]).is_empty());
    assert_eq!(api.source("@tauri-apps/plugin-notification"), None);
    assert_eq!(
        api.source("@tauri-apps/plugin-fs").unwrap().to_string(),
        "2.6.0 from the bundled map"
    );
}

/// Without a lockfile, `package.json`'s range picks the newest bundled release in it;
/// a pinned version the map lacks falls back to its minor's newest patch.
#[test]
fn without_a_lockfile_the_range_picks_the_nearest_bundled_release() {
    let mut fs = crate::workspace::fs::MemFs::new();
    fs.insert(
        "/app/package.json",
        r#"{"dependencies": {"@tauri-apps/plugin-notification": "~2.0.0", "@tauri-apps/plugin-dialog": "2.0.99"}}"#,
    );
    let api = JsApi::load(&fs, Path::new("/app"));
    let Some(JsApiSource::BundledNearest { wanted, used }) =
        api.source("@tauri-apps/plugin-notification")
    else {
        panic!("{:?}", api.source("@tauri-apps/plugin-notification"));
    };
    assert_eq!(wanted, "~2.0.0");
    assert!(used.starts_with("2.0."), "{used}");
    let Some(JsApiSource::BundledNearest { used, .. }) = api.source("@tauri-apps/plugin-dialog")
    else {
        panic!("{:?}", api.source("@tauri-apps/plugin-dialog"));
    };
    assert!(used.starts_with("2.0."), "{used}");
    // The notification plugin's injected `Notification`, from its crate.
    assert_eq!(
        api.global(&chain(&["Notification"])).unwrap().commands,
        ["plugin:notification|notify"]
    );
    assert_eq!(
        commands(
            &api,
            "@tauri-apps/plugin-notification",
            &["sendNotification"]
        ),
        ["plugin:notification|notify"]
    );
}

/// A package stand-in: a few lines of dist-js.
fn stand_in(name: &str, files: &[(&str, &str)]) -> PackageFiles {
    PackageFiles::new(
        &format!(r#"{{"name":"{name}","version":"2.0.0"}}"#),
        files
            .iter()
            .map(|(path, text)| ((*path).to_owned(), (*text).to_owned()))
            .collect(),
    )
    .unwrap()
}

fn core_stand_in() -> PackageFiles {
    stand_in(
        "@tauri-apps/api",
        &[
            (
                "core.js",
                "async function invoke(cmd, args = {}) { return window.__TAURI_INTERNALS__.invoke(cmd, args); }
async function checkPermissions(plugin) { return invoke(`plugin:${plugin}|check_permissions`); }
class Resource { constructor(rid) { this.rid = rid; } async close() { return invoke('plugin:resources|close', { rid: this.rid }); } }
export { invoke, checkPermissions, Resource };",
            ),
            ("index.js", "import * as core from './core.js';\nexport { core };"),
        ],
    )
}

fn analyze_stand_in(plugin: PackageFiles) -> PackageFacts {
    analyze::analyze(
        &[plugin, core_stand_in()],
        0,
        &BTreeMap::new(),
        &BTreeMap::new(),
    )
    .unwrap()
}

fn reach(facts: &PackageFacts, module: &str, path: &[&str]) -> Vec<String> {
    facts
        .reach(module, &chain(path))
        .unwrap_or_else(|| panic!("{path:?} unknown"))
        .commands
        .into_iter()
        .collect()
}

#[test]
fn stand_in_follows_helpers_classes_templates_and_returns() {
    let facts = analyze_stand_in(stand_in(
        "@tauri-apps/plugin-demo",
        &[
            (
                "dist-js/index.js",
                "import { invoke, checkPermissions, Resource } from '@tauri-apps/api/core';
import { helper } from './helper.js';
function platform() { return window.__TAURI_OS_PLUGIN_INTERNALS__.platform; }
async function read(path) { return helper(path); }
async function perms() { return checkPermissions('demo'); }
class Handle extends Resource {
  static async open(path) { const rid = await invoke('plugin:demo|open', { path }); return new Handle(rid); }
  async write(data) { await this.flush(); return invoke('plugin:demo|write', { rid: this.rid, data }); }
  async flush() { return invoke('plugin:demo|flush', { rid: this.rid }); }
}
async function computed(cmd) { return invoke(cmd); }
export { platform, read, perms, Handle, computed };",
            ),
            (
                "dist-js/helper.js",
                "import { invoke } from '@tauri-apps/api/core';\nexport async function helper(path) { return invoke('plugin:demo|read', { path }); }",
            ),
        ],
    ));
    let module = "@tauri-apps/plugin-demo";
    assert!(reach(&facts, module, &["platform"]).is_empty());
    assert_eq!(reach(&facts, module, &["read"]), ["plugin:demo|read"]);
    assert_eq!(
        reach(&facts, module, &["perms"]),
        ["plugin:demo|check_permissions"]
    );
    assert_eq!(
        reach(&facts, module, &["Handle", "open"]),
        ["plugin:demo|open"]
    );
    assert_eq!(
        reach(&facts, module, &["Handle", "open", "write"]),
        ["plugin:demo|flush", "plugin:demo|open", "plugin:demo|write"]
    );
    // Inherited from core's Resource.
    assert_eq!(
        reach(&facts, module, &["Handle", "open", "close"]),
        ["plugin:demo|open", "plugin:resources|close"]
    );
    let computed = facts.reach(module, &chain(&["computed"])).unwrap();
    assert!(computed.dynamic && computed.commands.is_empty());
    // Through a value of unknown class, a method is matched by name, as a guess.
    let guessed = facts.reach(module, &chain(&["read", "flush"])).unwrap();
    assert!(guessed.guessed);
    assert_eq!(facts.reach(module, &chain(&["nothing"])), None);
    // A member no class of the package has belongs to something else: what the call
    // before it reaches is kept, and it adds nothing.
    let foreign = facts.reach(module, &chain(&["read", "text"])).unwrap();
    assert_eq!(
        foreign.commands.into_iter().collect::<Vec<_>>(),
        ["plugin:demo|read"]
    );
    assert!(!foreign.guessed);
}

#[test]
fn stand_in_mixins_and_skip_options() {
    let facts = analyze_stand_in(stand_in(
        "@tauri-apps/plugin-win",
        &[(
            "dist-js/index.js",
            "import { invoke } from '@tauri-apps/api/core';
function current() { return new Win('main', { skip: true }); }
class Base { async hide() { return invoke('plugin:win|hide'); } }
class Win {
  constructor(label, options = {}) { if (!options.skip) { invoke('plugin:win|create', { label }); } }
  async show() { return invoke('plugin:win|show'); }
}
applyMixins(Win, [Base]);
function applyMixins(target, sources) {}
export { current, Win };",
        )],
    ));
    let module = "@tauri-apps/plugin-win";
    assert_eq!(reach(&facts, module, &["Win"]), ["plugin:win|create"]);
    assert_eq!(
        reach(&facts, module, &["current", "show"]),
        ["plugin:win|show"]
    );
    assert_eq!(
        reach(&facts, module, &["current", "hide"]),
        ["plugin:win|hide"]
    );
}

#[test]
fn injected_globals_are_facts_too() {
    let mut script = stand_in(
        analyze::GLOBALS,
        &[(
            "init-iife.js",
            "!function(){async function i(i,n={}){return window.__TAURI_INTERNALS__.invoke(i,n)}window.Notification=function(n,t){i('plugin:notification|notify',{title:n})},window.Notification.requestPermission=async function(){return await i('plugin:notification|request_permission')}}();",
        )],
    );
    script.entries = BTreeMap::from([("init-iife.js".to_owned(), "init-iife.js".to_owned())]);
    let plugin = stand_in(
        "@tauri-apps/plugin-notification",
        &[(
            "dist-js/index.js",
            "function sendNotification(options) { new window.Notification(options.title, options); }
async function requestPermission() { return await window.Notification.requestPermission(); }
export { sendNotification, requestPermission };",
        )],
    );
    let facts = analyze::analyze(
        &[plugin, core_stand_in(), script],
        0,
        &BTreeMap::new(),
        &BTreeMap::new(),
    )
    .unwrap();
    assert_eq!(
        reach(&facts, analyze::GLOBALS, &["Notification"]),
        ["plugin:notification|notify"]
    );
    assert_eq!(
        reach(
            &facts,
            analyze::GLOBALS,
            &["Notification", "requestPermission"]
        ),
        ["plugin:notification|request_permission"]
    );
    assert_eq!(
        reach(
            &facts,
            "@tauri-apps/plugin-notification",
            &["sendNotification"]
        ),
        ["plugin:notification|notify"]
    );
    assert_eq!(
        reach(
            &facts,
            "@tauri-apps/plugin-notification",
            &["requestPermission"]
        ),
        ["plugin:notification|request_permission"]
    );
}

/// On the corpus's real apps (`../shared/corpus/checkouts`), each lockfile at a
/// checkout's root pins every `@tauri-apps/*` package its `package.json` declares with
/// a registry range.
#[test]
fn corpus_lockfiles_pin_every_declared_package() {
    let corpus = std::env::var_os("TAURI_ACL_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/corpus"));
    let Ok(checkouts) = std::fs::read_dir(corpus.join("checkouts")) else {
        eprintln!(
            "skipped: no corpus checkouts at {} (set TAURI_ACL_CORPUS to run this test)",
            corpus.display()
        );
        return;
    };
    let mut checked = Vec::new();
    for checkout in checkouts.flatten() {
        let dir = checkout.path();
        let wanted: BTreeMap<String, String> = dependencies(&RealFs, &dir)
            .into_iter()
            .filter(|(_, range)| !range.contains(':'))
            .collect();
        if wanted.is_empty() {
            continue;
        }
        let Some(locked) = lockfile::locked_versions(&RealFs, &dir, &wanted) else {
            continue;
        };
        // Every pinned package has facts: from its node_modules when installed, else
        // from the bundled map (which has every release up to when it was generated).
        let api = JsApi::load(&RealFs, &dir);
        for name in wanted.keys() {
            let version = locked.versions.get(name).unwrap_or_else(|| {
                panic!("{} pins no version of {name}", locked.lockfile.display())
            });
            assert!(
                semver::Version::parse(version).is_ok(),
                "{}: {name} {version}",
                locked.lockfile.display()
            );
            assert!(
                api.source(name).is_some(),
                "{}: no facts for {name} {version}",
                dir.display()
            );
        }
        let sources: Vec<String> = api
            .packages()
            .map(|(name, source)| format!("{name} {source}"))
            .collect();
        eprintln!("{}: {}", dir.display(), sources.join(", "));
        checked.push(locked.lockfile);
    }
    eprintln!("checked {} corpus lockfiles: {checked:?}", checked.len());
}

/// A package whose code cannot be read in full gives no facts (the bundled map or
/// "unknown" answers instead), never facts that claim too little.
#[test]
fn unreadable_packages_give_no_facts() {
    let broken = stand_in(
        "@tauri-apps/plugin-broken",
        &[(
            "dist-js/index.js",
            "import { invoke } from '@tauri-apps/api/core';\nexport async function f() { return invoke('plugin:broken|f' }",
        )],
    );
    assert_eq!(
        analyze::analyze(&[broken], 0, &BTreeMap::new(), &BTreeMap::new()),
        None
    );
    let deep = format!(
        "export function f() {{ return {}1{}; }}",
        "[".repeat(5000),
        "]".repeat(5000)
    );
    let deep = stand_in("@tauri-apps/plugin-deep", &[("dist-js/index.js", &deep)]);
    assert_eq!(
        analyze::analyze(&[deep], 0, &BTreeMap::new(), &BTreeMap::new()),
        None
    );
}

/// `if (list.includes(event)) { …; return; }` with a literal `event` in the list: what
/// follows does not run for that call (window.ts emits its local `tauri://created`
/// event without IPC).
#[test]
fn stand_in_literal_tests_prune_what_cannot_run() {
    let facts = analyze_stand_in(stand_in(
        "@tauri-apps/plugin-events",
        &[(
            "dist-js/index.js",
            "import { invoke } from '@tauri-apps/api/core';
const localEvents = ['tauri://created', 'tauri://error'];
class Win {
  constructor(label) { invoke('plugin:events|create', { label }).then(async () => this.emit('tauri://created')); }
  async emit(event, payload) {
    if (localEvents.includes(event)) { return; }
    return invoke('plugin:events|emit', { event, payload });
  }
  async ping() { return this.emit('ping'); }
  async either(flag) { if (!localEvents.includes('tauri://error')) { return invoke('plugin:events|never'); } else { return invoke('plugin:events|always'); } }
}
export { Win };",
        )],
    ));
    let module = "@tauri-apps/plugin-events";
    assert_eq!(reach(&facts, module, &["Win"]), ["plugin:events|create"]);
    assert_eq!(
        reach(&facts, module, &["Win", "ping"]),
        ["plugin:events|emit"]
    );
    assert_eq!(
        reach(&facts, module, &["Win", "emit"]),
        ["plugin:events|emit"]
    );
    assert_eq!(
        reach(&facts, module, &["Win", "either"]),
        ["plugin:events|always"]
    );
}
