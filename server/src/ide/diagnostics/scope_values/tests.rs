use crate::ide::diagnostics::render_fixture;

const PLUGINS: &str = r#"
//- /src-tauri/tauri.conf.json
{ "identifier": "com.tauri.notes", "app": { "windows": [{ "label": "main" }], "security": { "csp": "default-src 'self'" } } }
//- /plugins/fs/permissions/fs.toml plugin:fs
[[permission]]
identifier = "allow-read-text-file"
commands.allow = ["read_text_file"]
//- /plugins/http/permissions/http.toml plugin:http
[[permission]]
identifier = "allow-fetch"
commands.allow = ["fetch"]
//- /plugins/shell/permissions/shell.toml plugin:shell
[[permission]]
identifier = "allow-execute"
commands.allow = ["execute"]
[[permission]]
identifier = "allow-open"
commands.allow = ["open"]
//- /plugins/opener/permissions/opener.toml plugin:opener
[[permission]]
identifier = "allow-open-url"
commands.allow = ["open_url"]
"#;

fn check(capability: &str) -> String {
    render_fixture(&format!(
        "//- /src-tauri/capabilities/main.json\n{capability}\n{PLUGINS}"
    ))
    .lines()
    .filter(|line| !line.contains("[shell-unvalidated-args]"))
    .collect::<Vec<_>>()
    .join("\n")
}

#[test]
fn shapes_the_official_plugins_read_without_a_schema() {
    insta::assert_snapshot!(check(
        r#"{ "identifier": "main", "windows": ["main"], "permissions": [
  { "identifier": "fs:allow-read-text-file", "allow": [{ "pth": "$APPDATA/*" }, 42, { "path": "$APPDATA/x", "recursive": true }] },
  { "identifier": "http:allow-fetch", "allow": [{ "url": "https://api.tauri.app/*" }, { "url": ["https://x"] }] },
  { "identifier": "shell:allow-execute", "allow": [{ "name": "git", "command": "git", "args": "status" }] }
] }"#
    ));
}

/// tauri-plugin-opener reads `{ url | path, app }` and ignores other keys.
#[test]
fn opener_entries_as_the_plugin_reads_them() {
    insta::assert_snapshot!(check(
        r#"{ "identifier": "main", "windows": ["main"], "permissions": [
  { "identifier": "opener:allow-open-url", "allow": [{ "url": "https://tauri.app/*", "app": "firefox" }, { "path": "$HOME/x", "app": true }, { "ulr": "https://x" }, "https://y", { "url": "https://z", "app": 3, "with": "x" }] }
] }"#
    ), @r#"
        error[invalid-scope]: A scope entry of `opener` needs `url`: did you mean `url` for `ulr`? As written, the `opener` plugin cannot read the entry, so every call that uses this scope fails (a partial check: the plugin's schema is only known after a build writes `gen/schemas/acl-manifests.json`)
         --> /src-tauri/capabilities/main.json:2:144
          |
        2 | ...*", "app": "firefox" }, { "path": "$HOME/x", "app": true }, { "ulr": "https://x" }, "https://y", { "url": "https://z", "app": 3, "...
          |                                                                  ^^^^^
          |
          = help: Rename `ulr` to `url`
        error[invalid-scope]: A scope entry of `opener` is a string, but it must be an object with `url` or `path`, so every call that uses this scope fails (a partial check: the plugin's schema is only known after a build writes `gen/schemas/acl-manifests.json`)
         --> /src-tauri/capabilities/main.json:2:166
          |
        2 | ... "path": "$HOME/x", "app": true }, { "ulr": "https://x" }, "https://y", { "url": "https://z", "app": 3, "with": "x" }] }
          |                                                               ^^^^^^^^^^^
        error[invalid-scope]: `app` in a scope entry of `opener` is a number, but it must be `true`, `false`, null or a program name, so every call that uses this scope fails (a partial check: the plugin's schema is only known after a build writes `gen/schemas/acl-manifests.json`)
         --> /src-tauri/capabilities/main.json:2:208
          |
        2 | ..."ulr": "https://x" }, "https://y", { "url": "https://z", "app": 3, "with": "x" }] }
          |                                                                    ^
        warning[invalid-scope]: `with` is not a key of `opener` scope entries: the plugin ignores it (a partial check: the plugin's schema is only known after a build writes `gen/schemas/acl-manifests.json`)
         --> /src-tauri/capabilities/main.json:2:211
          |
        2 | ...: "https://x" }, "https://y", { "url": "https://z", "app": 3, "with": "x" }] }
          |                                                                  ^^^^^^
        "#);
}

#[test]
fn values_the_plugins_cannot_use() {
    insta::assert_snapshot!(check(
        r#"{ "identifier": "main", "windows": ["main"], "permissions": [
  { "identifier": "fs:allow-read-text-file", "allow": ["$APPDAT/**", "~/Documents/*", "$APPDATA*", "/data/$HOME/x", "$APPDATA/[notes"] },
  { "identifier": "http:allow-fetch", "allow": ["https://exa mple.com/("] },
  { "identifier": "shell:allow-execute", "allow": [{ "name": "git", "cmd": "git", "args": [{ "validator": "[a-z" }, { "validator": "\\w+", "raw": true }] }] }
] }"#
    ));
}

#[test]
fn wildcards_over_home_miss_dot_files_except_where_allowed() {
    insta::assert_snapshot!(check(
        r#"{ "identifier": "main", "windows": ["main"], "permissions": [
  { "identifier": "fs:allow-read-text-file", "allow": ["$HOME/**", "$HOME/.config/**", "$APPDATA/**"] }
] }"#
    ));
    // Windows does not require a literal dot, and the config can turn it off.
    let windows_only = check(
        r#"{ "identifier": "main", "windows": ["main"], "platforms": ["windows"], "permissions": [
  { "identifier": "fs:allow-read-text-file", "allow": ["$HOME/**"] }
] }"#,
    );
    assert!(
        !windows_only.contains("dotfiles-unreachable"),
        "{windows_only}"
    );
    let relaxed = render_fixture(&format!(
        "//- /src-tauri/capabilities/main.json\n{}\n{}",
        r#"{ "identifier": "main", "windows": ["main"], "permissions": [{ "identifier": "fs:allow-read-text-file", "allow": ["$HOME/**"] }] }"#,
        PLUGINS.replace(
            r#""app": {"#,
            r#""plugins": { "fs": { "requireLiteralLeadingDot": false } }, "app": {"#
        )
    ));
    assert!(!relaxed.contains("dotfiles-unreachable"), "{relaxed}");
}

#[test]
fn a_scope_on_a_command_that_reads_none_is_ignored() {
    insta::assert_snapshot!(check(
        r#"{ "identifier": "main", "windows": ["main"], "permissions": [
  { "identifier": "shell:allow-open", "allow": [{ "url": "https://**" }] }
] }"#
    ));
}

#[test]
fn android_has_no_desktop_variables() {
    insta::assert_snapshot!(render_fixture(&format!(
        "//- /src-tauri/capabilities/main.json\n{}\n//- /src-tauri/gen/android/build.gradle.kts\n\n{PLUGINS}",
        r#"{ "identifier": "main", "windows": ["main"], "platforms": ["android", "linux"], "permissions": [
  { "identifier": "fs:allow-read-text-file", "allow": ["$DESKTOP/*.txt"] }
] }"#
    )));
}

/// An app whose `acl-manifests.json` carries the fs and shell schemas, as a build
/// writes them.
const SCHEMA_APP: &str = r##"
//- /src-tauri/tauri.conf.json
{ "app": { "windows": [{ "label": "main" }], "security": { "csp": "default-src 'self'" } } }
//- /src-tauri/gen/schemas/acl-manifests.json
{
  "fs": { "permissions": { "allow-read-text-file": { "identifier": "allow-read-text-file", "commands": { "allow": ["read_text_file"], "deny": [] } } }, "permission_sets": {},
    "global_scope_schema": { "$schema": "http://json-schema.org/draft-07/schema#", "title": "FsScopeEntry",
      "anyOf": [ { "type": "string" }, { "type": "object", "required": ["path"], "properties": { "path": { "type": "string" } } } ] } },
  "shell": { "permissions": { "allow-execute": { "identifier": "allow-execute", "commands": { "allow": ["execute"], "deny": [] } } }, "permission_sets": {},
    "global_scope_schema": { "$schema": "http://json-schema.org/draft-07/schema#",
      "anyOf": [
        { "type": "object", "additionalProperties": false, "required": ["cmd", "name"],
          "properties": { "name": { "type": "string" }, "cmd": { "type": "string" }, "args": { "$ref": "#/definitions/Args" } } },
        { "type": "object", "additionalProperties": false, "required": ["name", "sidecar"],
          "properties": { "name": { "type": "string" }, "sidecar": { "type": "boolean" }, "args": { "$ref": "#/definitions/Args" } } } ],
      "definitions": { "Args": { "anyOf": [ { "type": "boolean" }, { "type": "array", "items": { "type": "string" } } ] } } } }
}
"##;

#[test]
fn against_the_schema_tauri_generated() {
    insta::assert_snapshot!(render_fixture(
        &[
            SCHEMA_APP,
            r##"//- /src-tauri/capabilities/main.json
{ "identifier": "main", "windows": ["main"], "permissions": [
  { "identifier": "fs:allow-read-text-file", "allow": [{ "pth": "$APPDATA/*" }, "$APPDATA/notes/*"] },
  { "identifier": "shell:allow-execute", "allow": [{ "name": "git", "cmd": "git", "arg": ["status"] }, { "name": "ls", "cmd": "ls", "args": "yes" }] }
] }
"##,
        ]
        .concat()
    ));
}

/// `tauri migrate` writes `{ "name", "cmd", "sidecar": true }`, which the shell
/// plugin reads (all four keys at once) though its schema's two shapes split them:
/// a hint, with no "did you mean `sidecar`?". `sidecar: false` without `cmd` passes
/// the schema, yet the plugin refuses it at run time: an error.
#[test]
fn a_schema_stricter_than_the_plugin_reads_gives_a_hint() {
    let fixture = [
        SCHEMA_APP,
        r##"//- /src-tauri/capabilities/main.json
{ "identifier": "main", "windows": ["main"], "permissions": [
  { "identifier": "shell:allow-execute", "allow": [{ "name": "binaries/app", "cmd": "binaries/app", "sidecar": true }, { "name": "x", "sidecar": false }] }
] }
"##,
    ]
    .concat();
    insta::assert_snapshot!(render_fixture(&fixture), @r#"
        help[invalid-scope]: the `shell` plugin's schema refuses `sidecar` here, but the plugin reads it at run time, so calls work: the schema is only stricter than the plugin
         --> /src-tauri/capabilities/main.json:2:101
          |
        2 |   { "identifier": "shell:allow-execute", "allow": [{ "name": "binaries/app", "cmd": "binaries/app", "sidecar": true }, { "name": "x",...
          |                                                                                                     ^^^^^^^^^
        error[invalid-scope]: A scope entry of `shell` needs `cmd`: the `shell` plugin cannot read the entry, so every call that uses this scope fails
         --> /src-tauri/capabilities/main.json:2:120
          |
        2 |   { "identifier": "shell:allow-execute", "allow": [{ "name": "binaries/app", "cmd": "binaries/app", "sidecar": true }, { "name": "x",...
          |                                                                                                                        ^
        "#);
}
