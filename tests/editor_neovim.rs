//! A real client: headless Neovim (Debian's `neovim`, 0.7) runs the README's Neovim 0.7
//! to 0.10 snippet unchanged, opens a capability file of the demo app with a typo, and
//! `tests/editors/neovim.lua` waits for diagnostics, asks for completion, hover,
//! definition and a code action, applies the fix and reports what it saw. The README's
//! 0.11 snippet cannot run on 0.7; its root detection is exercised with stand-ins for
//! the 0.11 API.
//!
//! Without `nvim` the tests skip with a message, except under `CI=true`, where `.ci/run`
//! installs it and its absence is a failure.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::lsp::copy_fixture;
use serde_json::Value;

/// Neovim must finish well within this; it is killed (and the test fails) after.
const DEADLINE: Duration = Duration::from_secs(180);

fn nvim() -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    let found = std::env::split_paths(&path)
        .map(|dir| dir.join("nvim"))
        .find(|candidate| candidate.is_file());
    if found.is_none() {
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "`nvim` is not on PATH but CI=true: the editor tests must run on CI \
             (.ci/run installs Debian's `neovim` package)"
        );
        eprintln!(
            "skipping the Neovim tests: `nvim` is not on PATH (install Debian's `neovim` package to run them)"
        );
    }
    found
}

/// The first ```lua block after the line `heading` in README.md.
fn readme_lua(heading: &str) -> String {
    let readme = std::fs::read_to_string(common::repo_root().join("README.md")).unwrap();
    let after = readme
        .split_once(&format!("\n{heading}\n"))
        .unwrap_or_else(|| panic!("README.md has no line `{heading}`"))
        .1;
    let block = after
        .split_once("```lua\n")
        .expect("a lua block after the heading")
        .1;
    block
        .split_once("\n```")
        .expect("the lua block ends")
        .0
        .to_owned()
}

/// Runs headless Neovim with `init` as its init.lua and `driver` after loading `file`,
/// with the server binary's folder first on PATH; returns the driver's JSON report.
fn run_nvim(
    nvim: &Path,
    home: &Path,
    init: &str,
    driver: &Path,
    file: &Path,
    env: &[(&str, &Path)],
) -> Value {
    let init_path = home.join("init.lua");
    std::fs::write(&init_path, init).unwrap();
    let result_path = home.join("result.json");
    let server_dir = Path::new(env!("CARGO_BIN_EXE_tauri-acl")).parent().unwrap();
    let path = std::env::join_paths(std::iter::once(server_dir.to_path_buf()).chain(
        std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default()),
    ))
    .unwrap();
    let mut command = Command::new(nvim);
    command
        .args(["--headless", "-n", "-i", "NONE", "--noplugin", "-u"])
        .arg(&init_path)
        .arg("-c")
        .arg(format!("luafile {}", driver.display()))
        .arg(file)
        .env("PATH", path)
        .env("HOME", home)
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_DATA_HOME", home.join("data"))
        .env("XDG_STATE_HOME", home.join("state"))
        .env("XDG_CACHE_HOME", home.join("cache"))
        .env("TAURI_ACL_RESULT", &result_path)
        .env("TAURI_ACL_LOG", "warn")
        .env_remove("CARGO_HOME")
        .env_remove("TAURI_ACL_CARGO_HOME")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    for (name, value) in env {
        command.env(name, value);
    }
    let mut child = command.spawn().expect("nvim starts");
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if started.elapsed() > DEADLINE {
            let _ = child.kill();
            let output = child.wait_with_output().unwrap();
            panic!(
                "nvim did not finish; stderr:\n{}",
                String::from_utf8_lossy(&output.stderr)
            );
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    let output = child.wait_with_output().unwrap();
    let report: Value = std::fs::read_to_string(&result_path)
        .ok()
        .and_then(|text| serde_json::from_str(&text).ok())
        .unwrap_or_else(|| {
            panic!(
                "nvim wrote no report ({status}); stderr:\n{}",
                String::from_utf8_lossy(&output.stderr)
            )
        });
    if report["ok"] != true {
        let log = report["lsp_log"]
            .as_str()
            .and_then(|log| std::fs::read_to_string(log).ok())
            .unwrap_or_default();
        panic!(
            "the Neovim driver failed: {}\nreport: {report:#}\nstderr:\n{}\nLSP log:\n{log}",
            report["error"],
            String::from_utf8_lossy(&output.stderr)
        );
    }
    assert!(status.success(), "{status}");
    report
}

#[test]
fn neovim_07_runs_the_readme_snippet_against_a_capability_file() {
    let Some(nvim) = nvim() else {
        return;
    };
    let app = copy_fixture("demo-app");
    let root = app.path().join("demo-app/src-tauri");
    let capability = root.join("capabilities/default.json");
    let original = std::fs::read_to_string(&capability).unwrap();
    let with_typo = original.replacen("\"dialog:default\"", "\"dialog:defualt\"", 1);
    assert_ne!(with_typo, original, "the fixture grants dialog:default");
    std::fs::write(&capability, &with_typo).unwrap();
    let unrelated = app.path().join("demo-app/package.json");
    std::fs::write(
        &unrelated,
        "{ \"name\": \"demo-app\", \"files\": [\"dist:main\"] }\n",
    )
    .unwrap();
    let home = tempfile::tempdir().unwrap();

    let report = run_nvim(
        &nvim,
        home.path(),
        &readme_lua("#### Neovim 0.7 to 0.10"),
        &common::repo_root().join("tests/editors/neovim.lua"),
        &capability,
        &[("TAURI_ACL_UNRELATED", &unrelated)],
    );

    // The snippet found the app's root and Neovim negotiated UTF-16.
    assert_eq!(report["client"]["name"], "tauri-acl");
    assert_eq!(
        Path::new(report["client"]["root_dir"].as_str().unwrap()),
        root
    );
    assert_eq!(report["client"]["offset_encoding"], "utf-16");

    // Diagnostics: the typo, at its line and byte column, with a suggestion.
    let diagnostics = report["diagnostics"].as_array().unwrap();
    assert_eq!(diagnostics.len(), 1, "{diagnostics:#?}");
    let typo = &diagnostics[0];
    assert_eq!(typo["code"], "unknown-permission");
    assert_eq!(typo["lnum"], report["typo"]["lnum"]);
    assert_eq!(typo["col"], report["typo"]["col"]);
    assert_eq!(
        typo["end_col"].as_u64().unwrap(),
        report["typo"]["col"].as_u64().unwrap() + "\"dialog:defualt\"".len() as u64
    );
    assert_eq!(typo["severity"], 1, "an error");
    assert!(
        typo["message"]
            .as_str()
            .unwrap()
            .contains("did you mean `dialog:default`"),
        "{typo:#}"
    );

    // Completion after `dialog:` offers the dialog plugin's permissions.
    let labels: Vec<&str> = report["completion"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(Value::as_str)
        .collect();
    assert!(labels.contains(&"dialog:default"), "{labels:?}");
    assert!(labels.contains(&"dialog:allow-open"), "{labels:?}");
    assert!(
        labels.iter().all(|label| label.starts_with("dialog:")),
        "{labels:?}"
    );

    // Hover on `core:default` lists what it grants.
    let hover = report["hover"].as_str().unwrap();
    assert!(hover.contains("plugin:window|"), "{hover}");

    // Definitions: the app's own permission, and a registry plugin's default.
    let definition = &report["definition"];
    assert!(
        definition["file"]
            .as_str()
            .unwrap()
            .ends_with("demo-app/src-tauri/permissions/greet-user.toml"),
        "{definition:#}"
    );
    assert!(
        definition["text"]
            .as_str()
            .unwrap()
            .contains("allow-greet-user"),
        "{definition:#}"
    );
    let plugin = &report["plugin_definition"];
    let plugin_file = plugin["file"].as_str().unwrap();
    assert!(
        plugin_file.contains("/cargo-home/registry/")
            && plugin_file.ends_with("/tauri-plugin-opener-2.7.2/permissions/default.toml"),
        "{plugin:#}"
    );
    assert!(
        plugin["text"].as_str().unwrap().contains("[default]"),
        "{plugin:#}"
    );

    // The quick fix, applied by Neovim, restores the original file exactly.
    let titles: Vec<&str> = report["code_actions"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(Value::as_str)
        .collect();
    assert!(
        titles.contains(&"Replace with `dialog:default`"),
        "{titles:?}"
    );
    assert_eq!(report["text_after_fix"].as_str().unwrap(), original);
    assert_eq!(report["diagnostics_after_fix"], serde_json::json!([]));

    // The plugin's permission file joined the same client; the unrelated file got none.
    let capability_client = &report["attached"]["capability_file"];
    assert_eq!(
        report["attached"]["plugin_file"],
        serde_json::json!([capability_client])
    );
    assert_eq!(report["attached"]["unrelated_file"], serde_json::json!([]));
}

/// The README's 0.11 snippet, with 0.11's `vim.lsp.config`, `vim.lsp.enable`,
/// `vim.lsp.get_clients` and `vim.fs` replaced by stand-ins that Neovim 0.7 can run: its
/// `root_dir` picks the folder of the Tauri config, refuses other files, and sends a
/// plugin's permission file to the running client.
#[test]
fn neovim_011_snippet_attaches_only_to_tauri_files() {
    let Some(nvim) = nvim() else {
        return;
    };
    let app = copy_fixture("demo-app");
    let root = app.path().join("demo-app/src-tauri");
    let home = tempfile::tempdir().unwrap();
    let unrelated = app.path().join("demo-app/package.json");
    std::fs::write(&unrelated, "{}\n").unwrap();
    let plugin_file = std::fs::read_dir(app.path().join("cargo-home/registry/src"))
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path()
        .join("tauri-plugin-opener-2.7.2/permissions/default.toml");
    assert!(plugin_file.is_file());
    let stand_ins = r#"
-- Globals, so the driver can read what the snippet registered.
registered = {}
running = {}
vim.lsp.config = function(name, config) registered[name] = config end
vim.lsp.enable = function(name) registered.enabled = name end
vim.lsp.get_clients = function(filter)
  assert(filter.name == 'tauri_acl', 'the snippet asks for its own clients')
  return running
end
vim.fs = {
  dirname = function(file) return vim.fn.fnamemodify(file, ':h') end,
  -- Upward search: the nearest folder holding any of `names`, as 0.11's vim.fs.find.
  find = function(names, opts)
    local dir = opts.path
    while true do
      for _, name in ipairs(names) do
        if vim.fn.filereadable(dir .. '/' .. name) == 1 then return { dir .. '/' .. name } end
      end
      local parent = vim.fn.fnamemodify(dir, ':h')
      if parent == dir then return {} end
      dir = parent
    end
  end,
}
"#;
    let driver = home.path().join("driver.lua");
    std::fs::write(
        &driver,
        r#"
local result = { roots = {} }
local ok, err = pcall(function()
  local config = registered.tauri_acl
  assert(config and registered.enabled == 'tauri_acl', 'the snippet registers and enables tauri_acl')
  result.cmd = config.cmd
  local function root_of(file)
    vim.cmd('edit ' .. vim.fn.fnameescape(file))
    local found = vim.NIL
    config.root_dir(vim.api.nvim_get_current_buf(), function(dir) found = dir end)
    return found
  end
  for _, name in ipairs({ 'TAURI_ACL_CAPABILITY', 'TAURI_ACL_PERMISSION', 'TAURI_ACL_CONFIG', 'TAURI_ACL_UNRELATED' }) do
    result.roots[name] = root_of(os.getenv(name))
  end
  result.roots.plugin_alone = root_of(os.getenv('TAURI_ACL_PLUGIN'))
  running[1] = { root_dir = '/the/running/root' }
  result.roots.plugin_with_client = root_of(os.getenv('TAURI_ACL_PLUGIN'))
end)
result.ok = ok
result.error = err
local file = assert(io.open(os.getenv('TAURI_ACL_RESULT'), 'w'))
file:write(vim.fn.json_encode(result))
file:close()
vim.cmd(ok and 'qall!' or 'cquit!')
"#,
    )
    .unwrap();
    let capability = root.join("capabilities/settings.json5");
    let report = run_nvim(
        &nvim,
        home.path(),
        &format!("{stand_ins}\n{}", readme_lua("#### Neovim 0.11 and later")),
        &driver,
        &capability,
        &[
            ("TAURI_ACL_CAPABILITY", &capability),
            (
                "TAURI_ACL_PERMISSION",
                &root.join("permissions/greet-user.toml"),
            ),
            ("TAURI_ACL_CONFIG", &root.join("tauri.conf.json")),
            ("TAURI_ACL_UNRELATED", &unrelated),
            ("TAURI_ACL_PLUGIN", &plugin_file),
        ],
    );
    assert_eq!(report["cmd"], serde_json::json!(["tauri-acl", "lsp"]));
    let roots = &report["roots"];
    let root = root.to_str().unwrap();
    assert_eq!(roots["TAURI_ACL_CAPABILITY"], root, "{report:#}");
    assert_eq!(roots["TAURI_ACL_PERMISSION"], root, "{report:#}");
    assert_eq!(roots["TAURI_ACL_CONFIG"], root, "{report:#}");
    assert_eq!(roots["TAURI_ACL_UNRELATED"], Value::Null, "{report:#}");
    assert_eq!(roots["plugin_alone"], Value::Null, "{report:#}");
    assert_eq!(
        roots["plugin_with_client"], "/the/running/root",
        "{report:#}"
    );
}
