//! Go to definition: where the name under the cursor is defined, as [`super::symbol`]
//! resolves it.
//!
//! Invariant: no protocol types and no IO; every range is a byte range of the file it
//! names.

use super::symbol::{definitions, name_at};
use super::{FilePosition, World};
use crate::workspace::FileKind;

pub use super::symbol::NavigationTarget;

/// Where the name under the cursor is defined: a permission, set or default in its
/// manifest (a plugin's crate, the app's `permissions/`, `acl-manifests.json`, or the
/// command in tauri's `build.rs` for core permissions), a capability's `identifier`, or a
/// window label in the config or a Rust builder call. A label pattern leads to every
/// label it matches. Empty when the name is unknown.
pub fn goto_definition(world: &World, position: FilePosition) -> Vec<NavigationTarget> {
    let Some(name) = name_at(world, position) else {
        return Vec::new();
    };
    // The bundled catalogue's files exist only in memory: nothing to open.
    definitions(&world.workspace, name.app, &name.symbol)
        .into_iter()
        .filter(|target| world.workspace.file(target.file).kind != FileKind::Bundled)
        .collect()
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::ide::fixture;
    use crate::ide::fixture::{PLUGINS_AND_APP, render_line, render_location};
    use crate::workspace::Workspace;

    /// Renders each target as `path:line:col name` and the target line with carets under
    /// the focus range.
    #[track_caller]
    fn check(fixture_text: &str, expect: impl FnOnce(String)) {
        let (world, position) = fixture::position(fixture_text);
        let mut targets = goto_definition(&world, position);
        targets.sort_by_key(|target| (target.file, target.focus_range.start()));
        let rendered: Vec<String> = targets
            .iter()
            .map(|target| render_target(&world.workspace, target))
            .collect();
        expect(if rendered.is_empty() {
            "no definition".to_owned()
        } else {
            rendered.join("\n")
        });
    }

    pub(crate) fn render_target(workspace: &Workspace, target: &NavigationTarget) -> String {
        let source = workspace.file(target.file);
        let mut out = format!(
            "{} {}\n",
            render_location(workspace, target.file, target.focus_range),
            target.name
        );
        out.push_str(&render_line(
            &source.text,
            &source.line_index,
            target.focus_range,
        ));
        out
    }

    #[test]
    fn entry_in_json_capability_goes_to_plugin_permission() {
        check(
            &[
                r#"//- /src-tauri/capabilities/default.json
{ "identifier": "default", "windows": ["main"], "permissions": ["fs:allow-re$0ad-file"] }
"#,
                PLUGINS_AND_APP,
            ]
            .concat(),
            |actual| {
                insta::assert_snapshot!(actual, @r#"
                /plugins/fs/permissions/default.toml:11:14 fs:allow-read-file
                  identifier = "allow-read-file"
                               ^^^^^^^^^^^^^^^^^
                "#);
            },
        );
    }

    #[test]
    fn scoped_entry_goes_to_plugin_set_and_default_to_its_key() {
        check(
            &[
                r#"//- /src-tauri/capabilities/default.json
{ "identifier": "default", "windows": ["main"], "permissions": [{ "identifier": "fs:read-$0all", "allow": [] }] }
"#,
                PLUGINS_AND_APP,
            ]
            .concat(),
            |actual| {
                insta::assert_snapshot!(actual, @r#"
                /plugins/fs/permissions/default.toml:6:14 fs:read-all
                  identifier = "read-all"
                               ^^^^^^^^^^
                "#);
            },
        );
        check(
            &[
                r#"//- /src-tauri/capabilities/default.json
{ "identifier": "default", "windows": ["main"], "permissions": ["fs:def$0ault"] }
"#,
                PLUGINS_AND_APP,
            ]
            .concat(),
            |actual| {
                insta::assert_snapshot!(actual, @"
                /plugins/fs/permissions/default.toml:1:2 fs:default
                  [default]
                   ^^^^^^^
                ");
            },
        );
    }

    #[test]
    fn entry_in_toml_capability_goes_to_app_set() {
        check(
            &[
                r#"//- /src-tauri/capabilities/admin.toml
identifier = "admin"
windows = ["main"]
permissions = ["to$0ols"]
"#,
                PLUGINS_AND_APP,
            ]
            .concat(),
            |actual| {
                insta::assert_snapshot!(actual, @r#"
                /src-tauri/permissions/app.toml:2:14 tools
                  identifier = "tools"
                               ^^^^^^^
                "#);
            },
        );
    }

    #[test]
    fn core_permission_goes_to_the_command_in_build_rs() {
        check(
            &[
                r#"//- /src-tauri/capabilities/default.json
{ "identifier": "default", "windows": ["main"], "permissions": ["core:window:allow-cl$0ose", "core:window:default"] }
"#,
                PLUGINS_AND_APP,
            ]
            .concat(),
            |actual| {
                insta::assert_snapshot!(actual, @r#"
                /plugins/tauri/build.rs:2:22 core:window:allow-close
                    ("core:window", &[("close", false), ("title", true)]),
                                       ^^^^^^^
                "#);
            },
        );
    }

    #[test]
    fn set_members_resolve_inside_their_plugin_and_across_plugins() {
        // Inside a set, `allow-exists` is looked up in the set's own plugin.
        check(
            r#"
//- /plugins/fs/permissions/default.toml plugin:fs
[default]
description = "Default **fs** access."
permissions = ["read-all", "scope-app"]

[[set]]
identifier = "read-all"
description = "Reads files."
permissions = ["allow-read-file", "allow-ex$0ists"]

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
permissions = ["allow-greet", "fs:allow-exists"]

[[permission]]
identifier = "allow-greet"
description = "Allows **greet**."
commands.allow = ["greet"]
"#,
            |actual| {
                insta::assert_snapshot!(actual, @r#"
                /plugins/fs/permissions/default.toml:16:14 fs:allow-exists
                  identifier = "allow-exists"
                               ^^^^^^^^^^^^^^
                "#);
            },
        );
        // A prefixed member of dialog's default switches to the `fs` manifest.
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
{ "default": { "permissions": ["allow-open", "fs:def$0ault"] }, "permission": [{ "identifier": "allow-open", "commands": { "allow": ["open"] } }] }
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
                insta::assert_snapshot!(actual, @"
                /plugins/fs/permissions/default.toml:1:2 fs:default
                  [default]
                   ^^^^^^^
                ");
            },
        );
        // The app's set names a plugin permission.
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
permissions = ["allow-greet", "fs:allow-exi$0sts"]

[[permission]]
identifier = "allow-greet"
description = "Allows **greet**."
commands.allow = ["greet"]
"#,
            |actual| {
                insta::assert_snapshot!(actual, @r#"
                /plugins/fs/permissions/default.toml:16:14 fs:allow-exists
                  identifier = "allow-exists"
                               ^^^^^^^^^^^^^^
                "#);
            },
        );
    }

    #[test]
    fn acl_manifests_entry_when_it_is_the_only_source() {
        check(
            r#"
//- /src-tauri/gen/schemas/acl-manifests.json
{
  "shell": {
    "default_permission": { "identifier": "default", "permissions": ["allow-open"] },
    "permissions": {
      "allow-open": { "identifier": "allow-open", "commands": { "allow": ["open"], "deny": [] } }
    },
    "permission_sets": {}
  }
}
//- /src-tauri/capabilities/default.json
{ "identifier": "default", "windows": ["main"], "permissions": ["shell:allow-o$0pen"] }
"#,
            |actual| {
                insta::assert_snapshot!(actual, @r#"
                /src-tauri/gen/schemas/acl-manifests.json:5:37 shell:allow-open
                        "allow-open": { "identifier": "allow-open", "commands": { "allow": ["open"], "deny": [] } }
                                                      ^^^^^^^^^^^^
                "#);
            },
        );
    }

    #[test]
    fn capability_reference_in_json5_config_goes_to_toml_capability() {
        check(
            r#"
//- /src-tauri/tauri.conf.json5
{ app: { windows: [{ label: 'main' }], security: { capabilities: ['adm$0in'] } } }
//- /src-tauri/capabilities/admin.toml
identifier = "admin"
windows = ["main"]
permissions = []
"#,
            |actual| {
                insta::assert_snapshot!(actual, @r#"
                /src-tauri/capabilities/admin.toml:1:14 admin
                  identifier = "admin"
                               ^^^^^^^
                "#);
            },
        );
    }

    #[test]
    fn labels_made_at_run_time_go_to_the_frontend_and_to_format_calls() {
        check(
            r#"
//- /src-tauri/capabilities/default.json
{ "identifier": "default", "windows": ["ab$0out", "reader-7"], "permissions": [] }
//- /package.json
{}
//- /src/windows.ts
import { WebviewWindow } from '@tauri-apps/api/webviewWindow'
new WebviewWindow('about')
//- /src-tauri/tauri.conf.json
{ "app": { "windows": [{ "label": "main" }] } }
"#,
            |actual| {
                insta::assert_snapshot!(actual, @r"
                /src/windows.ts:2:19 about
                  new WebviewWindow('about')
                                    ^^^^^^^
                ");
            },
        );
        check(
            r#"
//- /src-tauri/capabilities/default.json
{ "identifier": "default", "windows": ["reader-$07"], "permissions": [] }
//- /src-tauri/src/lib.rs
fn open(app: &App, id: u32) {
    WebviewWindowBuilder::new(app, format!("reader-{id}"), url).build();
}
//- /src-tauri/tauri.conf.json
{ "app": { "windows": [{ "label": "main" }] } }
"#,
            |actual| {
                insta::assert_snapshot!(actual, @r#"
                /src-tauri/src/lib.rs:2:36 reader-*
                      WebviewWindowBuilder::new(app, format!("reader-{id}"), url).build();
                                                     ^^^^^^^^^^^^^^^^^^^^^^
                "#);
            },
        );
    }

    #[test]
    fn window_labels_go_to_config_and_rust_and_patterns_to_every_match() {
        let app = r#"
//- /src-tauri/tauri.conf.json
{ "app": { "windows": [{ "label": "main" }, { "label": "popup-b" }] } }
//- /src-tauri/src/lib.rs
fn setup(app: &App) {
    WebviewWindowBuilder::new(app, "popup-a", url).build();
    app.get_webview_window("main");
}
"#;
        check(
            &[
                r#"//- /src-tauri/capabilities/default.json
{ "identifier": "default", "windows": ["ma$0in"], "permissions": [] }
"#,
                app,
            ]
            .concat(),
            |actual| {
                insta::assert_snapshot!(actual, @r#"
                /src-tauri/tauri.conf.json:1:35 main
                  { "app": { "windows": [{ "label": "main" }, { "label": "popup-b" }] } }
                                                    ^^^^^^
                "#);
            },
        );
        check(
            &[
                r#"//- /src-tauri/capabilities/default.toml
identifier = "default"
windows = ["popup-$0*"]
permissions = []
"#,
                app,
            ]
            .concat(),
            |actual| {
                insta::assert_snapshot!(actual, @r#"
                /src-tauri/tauri.conf.json:1:56 popup-b
                  { "app": { "windows": [{ "label": "main" }, { "label": "popup-b" }] } }
                                                                         ^^^^^^^^^
                /src-tauri/src/lib.rs:2:36 popup-a
                      WebviewWindowBuilder::new(app, "popup-a", url).build();
                                                     ^^^^^^^^^
                "#);
            },
        );
        check(
            &[
                r#"//- /src-tauri/capabilities/default.json
{ "identifier": "default", "windows": ["nowh$0ere"], "permissions": [] }
"#,
                app,
            ]
            .concat(),
            |actual| {
                insta::assert_snapshot!(actual, @"no definition");
            },
        );
    }

    #[test]
    fn rust_lookup_and_config_label_go_to_the_config_window() {
        check(
            r#"
//- /src-tauri/tauri.conf.json
{ "app": { "windows": [{ "label": "main" }] } }
//- /src-tauri/src/lib.rs
fn setup(app: &App) {
    app.get_webview_window("ma$0in");
}
"#,
            |actual| {
                insta::assert_snapshot!(actual, @r#"
                /src-tauri/tauri.conf.json:1:35 main
                  { "app": { "windows": [{ "label": "main" }] } }
                                                    ^^^^^^
                "#);
            },
        );
        check(
            r#"
//- /src-tauri/tauri.conf.json
{ "app": { "windows": [{ "label": "ma$0in" }] } }
"#,
            |actual| {
                insta::assert_snapshot!(actual, @r#"
                /src-tauri/tauri.conf.json:1:35 main
                  { "app": { "windows": [{ "label": "main" }] } }
                                                    ^^^^^^
                "#);
            },
        );
    }

    #[test]
    fn entry_of_an_inline_capability_in_tauri_toml() {
        check(
            &[
                r#"//- /src-tauri/Tauri.toml
[[app.windows]]
label = "main"

[[app.security.capabilities]]
identifier = "inline"
windows = ["main"]
permissions = ["fs:read-all", "allow-gr$0eet"]
"#,
                PLUGINS_AND_APP,
            ]
            .concat(),
            |actual| {
                insta::assert_snapshot!(actual, @r#"
                /src-tauri/permissions/app.toml:7:14 allow-greet
                  identifier = "allow-greet"
                               ^^^^^^^^^^^^^
                "#);
            },
        );
    }

    #[test]
    fn unknown_identifiers_and_other_positions_have_no_definition() {
        check(
            &[
                r#"//- /src-tauri/capabilities/default.json
{ "identifier": "default", "windows": ["main"], "permissions": ["fs:allow-wr$0ite", "nope:x"] }
"#,
                PLUGINS_AND_APP,
            ]
            .concat(),
            |actual| {
                insta::assert_snapshot!(actual, @"no definition");
            },
        );
        check(
            &[
                r#"//- /src-tauri/capabilities/default.json
{ "identifier": "default", "windows": ["main"], "permissions": ["nope:x$0"] }
"#,
                PLUGINS_AND_APP,
            ]
            .concat(),
            |actual| {
                insta::assert_snapshot!(actual, @"no definition");
            },
        );
        check(
            &[
                r#"//- /src-tauri/capabilities/default.json
{ "identifier": "default", "windows": ["main"], "platforms": ["lin$0ux"], "permissions": [] }
"#,
                PLUGINS_AND_APP,
            ]
            .concat(),
            |actual| {
                insta::assert_snapshot!(actual, @"no definition");
            },
        );
    }
}
