use super::*;
use crate::ide::fixture;
use crate::ide::fixture::PLUGINS_AND_APP;
use crate::text::slice;

/// Renders the hovered literal, then the markdown.
#[track_caller]
fn check(fixture_text: &str, expect: impl FnOnce(String)) {
    let (world, position) = fixture::position(fixture_text);
    let file = position.file;
    let actual = match hover(&world, position) {
        Some(result) => format!(
            "on {}\n---\n{}",
            slice(&world.workspace.file(file).text, result.range),
            result.markdown
        ),
        None => "no hover".to_owned(),
    };
    expect(actual);
}

#[test]
fn permission_in_capability_with_entry_scope() {
    check(
        &[
            r#"//- /src-tauri/capabilities/default.json
{ "identifier": "default", "windows": ["main"], "permissions": [{ "identifier": "fs:allow-read$0-file", "allow": [{ "path": "$DOCUMENT/*" }] }] }
"#,
            PLUGINS_AND_APP,
        ]
        .concat(),
        |actual| {
            insta::assert_snapshot!(actual, @r#"
                on "fs:allow-read-file"
                ---
                **`fs:allow-read-file`** · permission of plugin `fs`

                Enables the `read_file` command.

                Allows `plugin:fs|read_file`

                Scope (the entry's first, then the permission's):
                ```json
                {"allow":[{"path":"$DOCUMENT/*"}]}
                ```

                Defined at `plugins/fs/permissions/default.toml:11` · from tauri-plugin-fs (path: /plugins/fs)
                "#);
        },
    );
}

#[test]
fn permission_from_the_bundled_catalogue_names_its_source() {
    check(
        r#"//- /src-tauri/Cargo.toml
[package]
name = "app"
version = "0.1.0"

[dependencies]
tauri-plugin-opener = "2"
//- /src-tauri/Cargo.lock
version = 4

[[package]]
name = "app"
version = "0.1.0"
dependencies = ["tauri-plugin-opener"]

[[package]]
name = "tauri-plugin-opener"
version = "2.5.0"
source = "registry+https://github.com/rust-lang/crates.io-index"
//- /src-tauri/capabilities/default.json
{ "identifier": "default", "windows": ["main"], "permissions": ["opener:allow-open$0-path"] }
"#,
        |actual| {
            insta::assert_snapshot!(actual, @r#"
                on "opener:allow-open-path"
                ---
                **`opener:allow-open-path`** · permission of plugin `opener`

                Allows `plugin:opener|open_path`

                From tauri-plugin-opener 2.5.0 (bundled catalogue) · the description can be read once `tauri-plugin-opener` is unpacked (`cargo fetch`)
                "#);
        },
    );
}

#[test]
fn default_lists_every_permission_with_its_chain() {
    check(
        &[
            r#"//- /src-tauri/capabilities/default.toml
identifier = "default"
windows = ["main"]
permissions = ["dialog:def$0ault"]
"#,
            PLUGINS_AND_APP,
        ]
        .concat(),
        |actual| {
            insta::assert_snapshot!(actual, @r#"
                on "dialog:default"
                ---
                **`dialog:default`** · default set of plugin `dialog`

                Expands to 4 permissions:
                - `dialog:default` › `dialog:allow-open`: allows `plugin:dialog|open`
                - `dialog:default` › `fs:default` › `fs:read-all` › `fs:allow-read-file`: allows `plugin:fs|read_file`
                - `dialog:default` › `fs:default` › `fs:read-all` › `fs:allow-exists`: allows `plugin:fs|exists`
                - `dialog:default` › `fs:default` › `fs:scope-app`: global scope `{"allow":[{"path":"$APPDATA/**"}]}`

                Defined at `plugins/dialog/permissions/default.json:1` · from tauri-plugin-dialog (path: /plugins/dialog)
                "#);
        },
    );
}

#[test]
fn app_set_member_and_definition_identifier() {
    check(
        r#"
//- /plugins/fs/permissions/default.toml plugin:fs
[default]
description = "Default **fs** access."
permissions = ["read-all", "scope-app"]

[[set]]
identifier = "read-all"
description = "Reads files."
permissions = ["allow-read-file", "allow-exists"]

[[permission]]
identifier = "allow-read-file"
description = "Enables the `read_file` command."
commands.allow = ["read_file"]

[[permission]]
identifier = "allow-exists"
commands.allow = ["exists"]

[[permission]]
identifier = "scope-app"
[[permission.scope.allow]]
path = "$APPDATA/**"

[[permission]]
identifier = "allow-mobile"
commands.allow = ["mobile_only"]
platforms = ["android"]
//- /plugins/dialog/permissions/default.json plugin:dialog
{ "default": { "permissions": ["allow-open", "fs:default"] }, "permission": [{ "identifier": "allow-open", "commands": { "allow": ["open"] } }] }
//- /plugins/tauri/build.rs core
const PLUGINS: &[(&str, &[(&str, bool)])] = &[
  ("core:window", &[("close", false), ("title", true)]),
];
//- /src-tauri/permissions/app.toml
[[set]]
identifier = "tools"
description = "App tools."
permissions = ["allow-gr$0eet", "fs:allow-exists"]

[[permission]]
identifier = "allow-greet"
description = "Allows **greet**."
commands.allow = ["greet"]
"#,
        |actual| {
            insta::assert_snapshot!(actual, @r#"
                on "allow-greet"
                ---
                **`allow-greet`** · permission of the app

                Allows **greet**.

                Allows `greet`

                Defined at `src-tauri/permissions/app.toml:7` · from the app's permissions/ directory
                "#);
        },
    );
    check(
        r#"
//- /plugins/fs/permissions/default.toml plugin:fs
[default]
description = "Default **fs** access."
permissions = ["read-all", "scope-app"]

[[set]]
identifier = "read-all"
description = "Reads files."
permissions = ["allow-read-file", "allow-exists"]

[[permission]]
identifier = "allow-read-file"
description = "Enables the `read_file` command."
commands.allow = ["read_file"]

[[permission]]
identifier = "allow-exists"
commands.allow = ["exists"]

[[permission]]
identifier = "scope-app"
[[permission.scope.allow]]
path = "$APPDATA/**"

[[permission]]
identifier = "allow-mobile"
commands.allow = ["mobile_only"]
platforms = ["android"]
//- /plugins/dialog/permissions/default.json plugin:dialog
{ "default": { "permissions": ["allow-open", "fs:default"] }, "permission": [{ "identifier": "allow-open", "commands": { "allow": ["open"] } }] }
//- /plugins/tauri/build.rs core
const PLUGINS: &[(&str, &[(&str, bool)])] = &[
  ("core:window", &[("close", false), ("title", true)]),
];
//- /src-tauri/permissions/app.toml
[[set]]
identifier = "to$0ols"
description = "App tools."
permissions = ["allow-greet", "fs:allow-exists"]

[[permission]]
identifier = "allow-greet"
description = "Allows **greet**."
commands.allow = ["greet"]
"#,
        |actual| {
            insta::assert_snapshot!(actual, @r#"
                on "tools"
                ---
                **`tools`** · set of the app

                App tools.

                Expands to 2 permissions:
                - `tools` › `allow-greet`: allows `greet`
                - `tools` › `fs:allow-exists`: allows `plugin:fs|exists`

                Defined at `src-tauri/permissions/app.toml:2` · from the app's permissions/ directory
                "#);
        },
    );
}

#[test]
fn platform_limited_and_scope_only_permissions() {
    check(
        &[
            r#"//- /src-tauri/capabilities/default.json
{ "identifier": "default", "windows": ["main"], "permissions": ["fs:allow-mob$0ile", "fs:scope-app"] }
"#,
            PLUGINS_AND_APP,
        ]
        .concat(),
        |actual| {
            insta::assert_snapshot!(actual, @r#"
                on "fs:allow-mobile"
                ---
                **`fs:allow-mobile`** · permission of plugin `fs`

                Allows `plugin:fs|mobile_only`

                Only on `android`

                Defined at `plugins/fs/permissions/default.toml:25` · from tauri-plugin-fs (path: /plugins/fs)
                "#);
        },
    );
    check(
        &[
            r#"//- /src-tauri/capabilities/default.json
{ "identifier": "default", "windows": ["main"], "permissions": ["fs:allow-mobile", "fs:scope$0-app"] }
"#,
            PLUGINS_AND_APP,
        ]
        .concat(),
        |actual| {
            insta::assert_snapshot!(actual, @r#"
                on "fs:scope-app"
                ---
                **`fs:scope-app`** · permission of plugin `fs`

                No commands: its scope joins the global scope of `fs`.

                Scope:
                ```json
                {"allow":[{"path":"$APPDATA/**"}]}
                ```

                Defined at `plugins/fs/permissions/default.toml:20` · from tauri-plugin-fs (path: /plugins/fs)
                "#);
        },
    );
}

#[test]
fn core_permission_and_command() {
    check(
        &[
            r#"//- /src-tauri/capabilities/default.json
{ "identifier": "default", "windows": ["main"], "permissions": ["core:window:defa$0ult"] }
"#,
            PLUGINS_AND_APP,
        ]
        .concat(),
        |actual| {
            insta::assert_snapshot!(actual, @r#"
                on "core:window:default"
                ---
                **`core:window:default`** · default set of plugin `core:window`

                Default permissions for the plugin.

                Expands to 1 permission:
                - `core:window:default` › `core:window:allow-title`: allows `plugin:window|title`

                Defined at `plugins/tauri/build.rs:2` · from tauri 2.12.5 (build.rs command table)
                "#);
        },
    );
    check(
        r#"
//- /plugins/fs/permissions/default.toml plugin:fs
[default]
description = "Default **fs** access."
permissions = ["read-all", "scope-app"]

[[set]]
identifier = "read-all"
description = "Reads files."
permissions = ["allow-read-file", "allow-exists"]

[[permission]]
identifier = "allow-read-file"
description = "Enables the `read_file` command."
commands.allow = ["read$0_file"]

[[permission]]
identifier = "allow-exists"
commands.allow = ["exists"]

[[permission]]
identifier = "scope-app"
[[permission.scope.allow]]
path = "$APPDATA/**"

[[permission]]
identifier = "allow-mobile"
commands.allow = ["mobile_only"]
platforms = ["android"]
//- /plugins/dialog/permissions/default.json plugin:dialog
{ "default": { "permissions": ["allow-open", "fs:default"] }, "permission": [{ "identifier": "allow-open", "commands": { "allow": ["open"] } }] }
//- /plugins/tauri/build.rs core
const PLUGINS: &[(&str, &[(&str, bool)])] = &[
  ("core:window", &[("close", false), ("title", true)]),
];
//- /src-tauri/permissions/app.toml
[[set]]
identifier = "tools"
description = "App tools."
permissions = ["allow-greet", "fs:allow-exists"]

[[permission]]
identifier = "allow-greet"
description = "Allows **greet**."
commands.allow = ["greet"]
"#,
        |actual| {
            insta::assert_snapshot!(actual, @r#"
                on "read_file"
                ---
                **`read_file`** · command of plugin `fs`

                Invoked as `plugin:fs|read_file`
                "#);
        },
    );
}

#[test]
fn unknown_identifier_hovers_with_nothing() {
    check(
        &[
            r#"//- /src-tauri/capabilities/default.json
{ "identifier": "default", "windows": ["main"], "permissions": ["fs:allow-wri$0te"] }
"#,
            PLUGINS_AND_APP,
        ]
        .concat(),
        |actual| {
            insta::assert_snapshot!(actual, @"no hover");
        },
    );
}

#[test]
fn window_label_lists_capabilities_per_platform() {
    // The `gen/android` folder makes Android one of the checked platforms.
    let rest = r#"
//- /src-tauri/gen/android/build.gradle.kts
//- /src-tauri/tauri.conf.json5
{ app: { windows: [{ label: 'main' }, { label: 'settings' }] } }
//- /src-tauri/src/lib.rs
fn setup(app: &App) { WebviewWindowBuilder::new(app, "popup-a", url).build(); }
//- /src-tauri/capabilities/mobile.toml
identifier = "mobile"
windows = ["*"]
platforms = ["android"]
permissions = ["fs:allow-mobile"]
"#;
    check(
        &[
            r#"//- /src-tauri/capabilities/default.json
{ "identifier": "default", "windows": ["ma$0in", "settings"], "permissions": ["fs:read-all", "allow-greet"] }
"#,
            rest,
            PLUGINS_AND_APP,
        ]
        .concat(),
        |actual| {
            insta::assert_snapshot!(actual, @r#"
                on "main"
                ---
                **`main`** · window

                Created at `src-tauri/tauri.conf.json5:1` (config)

                - linux, macOS, windows: capability `default`; may call 3 commands
                - android: capabilities `default`, `mobile`; may call 4 commands
                "#);
        },
    );
    check(
        &[
            r#"//- /src-tauri/capabilities/default.json
{ "identifier": "default", "windows": ["main", "settings"], "permissions": ["fs:read-all", "allow-greet"] }

//- /src-tauri/gen/android/build.gradle.kts
//- /src-tauri/tauri.conf.json5
{ app: { windows: [{ label: 'main' }, { label: 'sett$0ings' }] } }
//- /src-tauri/src/lib.rs
fn setup(app: &App) { WebviewWindowBuilder::new(app, "popup-a", url).build(); }
//- /src-tauri/capabilities/mobile.toml
identifier = "mobile"
windows = ["*"]
platforms = ["android"]
permissions = ["fs:allow-mobile"]
"#,
            PLUGINS_AND_APP,
        ]
        .concat(),
        |actual| {
            insta::assert_snapshot!(actual, @"
                on 'settings'
                ---
                **`settings`** · window

                Created at `src-tauri/tauri.conf.json5:1` (config)

                - linux, macOS, windows: capability `default`; may call 3 commands
                - android: capabilities `default`, `mobile`; may call 4 commands
                ");
        },
    );
    check(
        &[
            r#"//- /src-tauri/capabilities/default.json
{ "identifier": "default", "windows": ["popup$0-*"], "permissions": [] }
"#,
            rest,
            PLUGINS_AND_APP,
        ]
        .concat(),
        |actual| {
            insta::assert_snapshot!(actual, @r#"
                on "popup-*"
                ---
                **`popup-*`** · label pattern

                Matches:
                - `popup-a` at `src-tauri/src/lib.rs:1`
                "#);
        },
    );
    check(
        &[
            r#"//- /src-tauri/capabilities/default.json
{ "identifier": "default", "windows": ["main", "popup-a"], "permissions": ["allow-greet"] }

//- /src-tauri/gen/android/build.gradle.kts
//- /src-tauri/tauri.conf.json5
{ app: { windows: [{ label: 'main' }, { label: 'settings' }] } }
//- /src-tauri/src/lib.rs
fn setup(app: &App) { WebviewWindowBuilder::new(app, "popup$0-a", url).build(); }
//- /src-tauri/capabilities/mobile.toml
identifier = "mobile"
windows = ["*"]
platforms = ["android"]
permissions = ["fs:allow-mobile"]
"#,
            PLUGINS_AND_APP,
        ]
        .concat(),
        |actual| {
            insta::assert_snapshot!(actual, @r#"
                on "popup-a"
                ---
                **`popup-a`** · window

                Created at `src-tauri/src/lib.rs:1` (webview window)

                - linux, macOS, windows: capability `default`; may call 1 command
                - android: capabilities `default`, `mobile`; may call 2 commands
                "#);
        },
    );
}

#[test]
fn window_label_in_an_app_without_permissions_of_its_own() {
    // Tauri does not check the app's own commands then, whatever the capabilities.
    let app = r#"
//- /src-tauri/tauri.conf.json
{ "app": { "windows": [{ "label": "main" }, { "label": "about" }] } }
//- /src-tauri/plugins/fs/permissions/read.toml plugin:fs
[[permission]]
identifier = "allow-read-file"
commands.allow = ["read_file"]
"#;
    check(
        &[
            r#"//- /src-tauri/capabilities/default.json
{ "identifier": "default", "windows": ["ma$0in"], "permissions": ["fs:allow-read-file"] }
"#,
            app,
        ]
        .concat(),
        |actual| {
            insta::assert_snapshot!(actual, @r#"
            on "main"
            ---
            **`main`** · window

            Created at `src-tauri/tauri.conf.json:1` (config)

            On every checked platform: capability `default`; may call 1 command and all of the app's own (the app defines no permissions, so Tauri does not check them).
            "#)
        },
    );
    check(
        r#"//- /src-tauri/capabilities/default.json
{ "identifier": "default", "windows": ["main"], "permissions": ["fs:allow-read-file"] }

//- /src-tauri/tauri.conf.json
{ "app": { "windows": [{ "label": "main" }, { "label": "ab$0out" }] } }
//- /src-tauri/plugins/fs/permissions/read.toml plugin:fs
[[permission]]
identifier = "allow-read-file"
commands.allow = ["read_file"]
"#,
        |actual| {
            insta::assert_snapshot!(actual, @r#"
            on "about"
            ---
            **`about`** · window

            Created at `src-tauri/tauri.conf.json:1` (config)

            On every checked platform: no capability applies, so it may call only the app's own commands (the app defines no permissions, so Tauri does not check them).
            "#)
        },
    );
}

#[test]
fn capability_identifier_and_reference() {
    let capabilities = r#"
//- /src-tauri/capabilities/admin.toml
identifier = "admin"
description = "For the settings window."
windows = ["settings", "popup-*"]
platforms = ["linux", "android"]
remote = { urls = ["https://*.tauri.app"] }
permissions = ["tools", "fs:read-all", "fs:allow-mobile"]
"#;
    check(
        &[
            r#"//- /src-tauri/tauri.conf.json
{ "app": { "windows": [{ "label": "settings" }], "security": { "capabilities": ["adm$0in"] } } }
"#,
            capabilities,
            PLUGINS_AND_APP,
        ]
        .concat(),
        |actual| {
            insta::assert_snapshot!(actual, @r#"
                on "admin"
                ---
                **`admin`** · capability

                For the settings window.

                Applies to windows `settings`, `popup-*`.

                Platforms: `linux`, `android` · origins: local pages and `https://*.tauri.app`

                3 entries
                - linux: grants 3 commands
                - macOS, windows: not active

                Defined at `src-tauri/capabilities/admin.toml:1`
                "#);
        },
    );
    check(
        &[
            r#"//- /src-tauri/tauri.conf.json
{ "app": { "windows": [{ "label": "settings" }], "security": { "capabilities": ["other"] } } }

//- /src-tauri/capabilities/admin.toml
identifier = "ad$0min"
description = "For the settings window."
windows = ["settings", "popup-*"]
platforms = ["linux", "android"]
remote = { urls = ["https://*.tauri.app"] }
permissions = ["tools", "fs:read-all", "fs:allow-mobile"]
"#,
            PLUGINS_AND_APP,
        ]
        .concat(),
        |actual| {
            insta::assert_snapshot!(actual, @r#"
                on "admin"
                ---
                **`admin`** · capability

                For the settings window.

                Applies to windows `settings`, `popup-*`.

                Platforms: `linux`, `android` · origins: local pages and `https://*.tauri.app`

                3 entries
                - linux: not enabled: `app.security.capabilities` leaves it out
                - macOS, windows: not active

                Defined at `src-tauri/capabilities/admin.toml:1`
                "#);
        },
    );
}

#[test]
fn links_come_from_the_caller() {
    let (world, position) = fixture::position(
        &[
            r#"//- /src-tauri/capabilities/default.json
{ "identifier": "default", "windows": ["main"], "permissions": ["allow-gr$0eet"] }
"#,
            PLUGINS_AND_APP,
        ]
        .concat(),
    );
    let link = |path: &Path, line: u32| Some(format!("file://{}#L{line}", path.display()));
    let result = hover_with_links(&world, position, &link)
        .map(|result| result.markdown)
        .unwrap_or_default();
    insta::assert_snapshot!(result, @"
        **`allow-greet`** · permission of the app

        Allows **greet**.

        Allows `greet`

        Defined at [src-tauri/permissions/app.toml:7](file:///src-tauri/permissions/app.toml#L7) · from the app's permissions/ directory
        ");
}

/// With a frontend, an entry's hover lists the calls that need it, per command.
#[test]
fn entry_with_a_frontend_lists_the_calls_that_need_it() {
    let frontend = r#"
//- /package.json
{ "name": "app" }
//- /src/main.ts
import { invoke } from "@tauri-apps/api/core";
await invoke("plugin:fs|read_file", { path });
await invoke("plugin:fs|read_file", { path: other });
"#;
    check(
        &[
            r#"//- /src-tauri/capabilities/default.json
{ "identifier": "default", "windows": ["main"], "permissions": ["fs:read-$0all", "dialog:allow-open"] }
"#,
            PLUGINS_AND_APP,
            frontend,
        ]
        .concat(),
        |actual| {
            insta::assert_snapshot!(actual, @r#"
            on "fs:read-all"
            ---
            **`fs:read-all`** · set of plugin `fs`

            Reads files.

            Expands to 2 permissions:
            - `fs:read-all` › `fs:allow-read-file`: allows `plugin:fs|read_file`
            - `fs:read-all` › `fs:allow-exists`: allows `plugin:fs|exists`

            Frontend calls that need it (1 of the 2 commands it allows are called):
            - `plugin:fs|read_file`: `src/main.ts:2`, `src/main.ts:3`

            Defined at `plugins/fs/permissions/default.toml:6` · from tauri-plugin-fs (path: /plugins/fs)
            "#);
        },
    );
    check(
        &[
            r#"//- /src-tauri/capabilities/default.json
{ "identifier": "default", "windows": ["main"], "permissions": ["fs:read-all", "dialog:allow-$0open"] }
"#,
            PLUGINS_AND_APP,
            frontend,
        ]
        .concat(),
        |actual| {
            insta::assert_snapshot!(actual, @r#"
            on "dialog:allow-open"
            ---
            **`dialog:allow-open`** · permission of plugin `dialog`

            Allows `plugin:dialog|open`

            No frontend call found reaches the command it allows.

            Defined at `plugins/dialog/permissions/default.json:1` · from tauri-plugin-dialog (path: /plugins/dialog)
            "#);
        },
    );
}
