//! Find references: every place in the app's text that names what the cursor is on.
//!
//! - A permission, set or default: every capability entry and every set or default
//!   member that Tauri resolves to it (so `fs:allow-read` written at the top level, where
//!   a set of that name wins, is not a use of the permission), plus its definitions.
//! - A capability: its definition and the references in the config's
//!   `app.security.capabilities`, overlays included.
//! - A window label: where the config or a Rust builder call creates it, every capability
//!   `windows`/`webviews` item equal to it, and Rust lookups such as
//!   `get_webview_window("main")`. Patterns are not references, and a pattern itself has
//!   none.
//!
//! Ranges are the text between the quotes. The lookups themselves live in
//! [`super::symbol`], which rename and hover share.
//!
//! Invariant: no protocol types; byte ranges only.

use super::symbol::{Symbol, content_range, declarations, name_at, sort_ranges, usages};
use super::{FilePosition, FileRange, World};

/// The references of the name at `position`, sorted by file and offset; with
/// `include_declaration`, its definitions too. Empty when the cursor is on no name.
pub fn references(
    world: &World,
    position: FilePosition,
    include_declaration: bool,
) -> Vec<FileRange> {
    let workspace = world.workspace.as_ref();
    let Some(name) = name_at(world, position) else {
        return Vec::new();
    };
    // The labels a pattern matches are not declarations of it, and nothing refers to it.
    if matches!(
        name.symbol,
        Symbol::Label {
            is_pattern: true,
            ..
        }
    ) {
        return Vec::new();
    }
    let mut acc = usages(workspace, name.app, &name.symbol);
    if include_declaration {
        acc.extend(
            declarations(workspace, name.app, &name.symbol)
                .into_iter()
                .map(|target| FileRange {
                    file: target.file,
                    range: content_range(&workspace.file(target.file).text, target.focus_range),
                }),
        );
    }
    sort_ranges(&mut acc);
    acc
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ide::fixture;
    use crate::ide::fixture::{render_line, render_location};

    /// Renders each reference as `path:line:col` and its line with carets.
    #[track_caller]
    fn check(fixture_text: &str, include_declaration: bool, expect: impl FnOnce(String)) {
        let (world, position) = fixture::position(fixture_text);
        let rendered: Vec<String> = references(&world, position, include_declaration)
            .into_iter()
            .map(|reference| {
                let source = world.workspace.file(reference.file);
                format!(
                    "{}\n{}",
                    render_location(&world.workspace, reference.file, reference.range),
                    render_line(&source.text, &source.line_index, reference.range)
                )
            })
            .collect();
        expect(if rendered.is_empty() {
            "no references".to_owned()
        } else {
            rendered.join("\n")
        });
    }

    #[test]
    fn app_permission_in_capabilities_and_sets() {
        let fixture_text = r#"//- /src-tauri/capabilities/default.json
{ "identifier": "default", "windows": ["main"], "permissions": ["allow-greet", { "identifier": "allow-greet" }, "tools"] }
//- /src-tauri/capabilities/admin.toml
identifier = "admin"
windows = ["main"]
permissions = ["allow-greet", "fs:allow-exists"]

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
permissions = ["allow-greet", "fs:allow-exists"]

[[permission]]
identifier = "allow-gr$0eet"
description = "Allows **greet**."
commands.allow = ["greet"]
"#;
        check(fixture_text, true, |actual| {
            insta::assert_snapshot!(actual, @r#"
            /src-tauri/capabilities/admin.toml:3:17
              permissions = ["allow-greet", "fs:allow-exists"]
                              ^^^^^^^^^^^
            /src-tauri/capabilities/default.json:1:66
              { "identifier": "default", "windows": ["main"], "permissions": ["allow-greet", { "identifier": "allow-greet" }, "tools"] }
                                                                               ^^^^^^^^^^^
            /src-tauri/capabilities/default.json:1:97
              { "identifier": "default", "windows": ["main"], "permissions": ["allow-greet", { "identifier": "allow-greet" }, "tools"] }
                                                                                                              ^^^^^^^^^^^
            /src-tauri/permissions/app.toml:4:17
              permissions = ["allow-greet", "fs:allow-exists"]
                              ^^^^^^^^^^^
            /src-tauri/permissions/app.toml:7:15
              identifier = "allow-greet"
                            ^^^^^^^^^^^
            "#);
        });
        check(fixture_text, false, |actual| {
            insta::assert_snapshot!(actual, @r#"
            /src-tauri/capabilities/admin.toml:3:17
              permissions = ["allow-greet", "fs:allow-exists"]
                              ^^^^^^^^^^^
            /src-tauri/capabilities/default.json:1:66
              { "identifier": "default", "windows": ["main"], "permissions": ["allow-greet", { "identifier": "allow-greet" }, "tools"] }
                                                                               ^^^^^^^^^^^
            /src-tauri/capabilities/default.json:1:97
              { "identifier": "default", "windows": ["main"], "permissions": ["allow-greet", { "identifier": "allow-greet" }, "tools"] }
                                                                                                              ^^^^^^^^^^^
            /src-tauri/permissions/app.toml:4:17
              permissions = ["allow-greet", "fs:allow-exists"]
                              ^^^^^^^^^^^
            "#);
        });
    }

    #[test]
    fn plugin_permission_and_default_across_plugins() {
        let capabilities = r#"
//- /src-tauri/capabilities/default.json
{ "identifier": "default", "windows": ["main"], "permissions": ["fs:allow-exists", "fs:default", "dialog:default"] }
"#;
        check(
            &[
                capabilities,
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
            ]
            .concat(),
            false,
            |actual| {
                insta::assert_snapshot!(actual, @r#"
                /src-tauri/capabilities/default.json:1:66
                  { "identifier": "default", "windows": ["main"], "permissions": ["fs:allow-exists", "fs:default", "dialog:default"] }
                                                                                   ^^^^^^^^^^^^^^^
                /src-tauri/permissions/app.toml:4:32
                  permissions = ["allow-greet", "fs:allow-exists"]
                                                 ^^^^^^^^^^^^^^^
                /plugins/fs/permissions/default.toml:8:36
                  permissions = ["allow-read-file", "allow-exists"]
                                                     ^^^^^^^^^^^^
                "#);
            },
        );
        check(
            &[
                capabilities,
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
{ "default": { "permissions": ["allow-open", "fs:de$0fault"] }, "permission": [{ "identifier": "allow-open", "commands": { "allow": ["open"] } }] }
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
            ]
            .concat(),
            true,
            |actual| {
                insta::assert_snapshot!(actual, @r#"
                /src-tauri/capabilities/default.json:1:85
                  { "identifier": "default", "windows": ["main"], "permissions": ["fs:allow-exists", "fs:default", "dialog:default"] }
                                                                                                      ^^^^^^^^^^
                /plugins/dialog/permissions/default.json:1:47
                  { "default": { "permissions": ["allow-open", "fs:default"] }, "permission": [{ "identifier": "allow-open", "commands": { "allow": ["open"] } }] }
                                                                ^^^^^^^^^^
                /plugins/fs/permissions/default.toml:1:2
                  [default]
                   ^^^^^^^
                "#);
            },
        );
    }

    #[test]
    fn a_set_and_a_permission_of_one_name_are_told_apart() {
        // At the top level `fs:allow-read` is the set; inside `read-all` it is the
        // permission.
        let cursor_in_set = r#"
//- /src-tauri/capabilities/default.json
{ "identifier": "default", "windows": ["main"], "permissions": ["fs:allow-read", "fs:read-all"] }
//- /plugins/fs/permissions/default.toml plugin:fs
[[set]]
identifier = "read-all"
description = "reads"
permissions = ["allow-read"]

[[set]]
identifier = "allow-r$0ead"
description = "a set named like a permission"
permissions = []

[[permission]]
identifier = "allow-read"
commands.allow = ["read"]
"#;
        check(cursor_in_set, false, |actual| {
            insta::assert_snapshot!(actual, @r#"
            /src-tauri/capabilities/default.json:1:66
              { "identifier": "default", "windows": ["main"], "permissions": ["fs:allow-read", "fs:read-all"] }
                                                                               ^^^^^^^^^^^^^
            "#);
        });
        let cursor_in_permission = r#"
//- /src-tauri/capabilities/default.json
{ "identifier": "default", "windows": ["main"], "permissions": ["fs:allow-read", "fs:read-all"] }
//- /plugins/fs/permissions/default.toml plugin:fs
[[set]]
identifier = "read-all"
description = "reads"
permissions = ["allow-read"]

[[set]]
identifier = "allow-read"
description = "a set named like a permission"
permissions = []

[[permission]]
identifier = "allow-r$0ead"
commands.allow = ["read"]
"#;
        check(cursor_in_permission, false, |actual| {
            insta::assert_snapshot!(actual, @r#"
            /plugins/fs/permissions/default.toml:4:17
              permissions = ["allow-read"]
                              ^^^^^^^^^^
            "#);
        });
    }

    #[test]
    fn capability_in_config_overlay_and_definition() {
        check(
            r#"
//- /src-tauri/tauri.conf.json
{ "app": { "windows": [{ "label": "main" }], "security": { "capabilities": ["admin", "other"] } } }
//- /src-tauri/Tauri.linux.toml
[app.security]
capabilities = ["admin"]
//- /src-tauri/capabilities/admin.toml
identifier = "ad$0min"
windows = ["main"]
permissions = []
"#,
            true,
            |actual| {
                insta::assert_snapshot!(actual, @r#"
                /src-tauri/tauri.conf.json:1:78
                  { "app": { "windows": [{ "label": "main" }], "security": { "capabilities": ["admin", "other"] } } }
                                                                                               ^^^^^
                /src-tauri/Tauri.linux.toml:2:18
                  capabilities = ["admin"]
                                   ^^^^^
                /src-tauri/capabilities/admin.toml:1:15
                  identifier = "admin"
                                ^^^^^
                "#);
            },
        );
    }

    #[test]
    fn window_label_in_config_rust_and_capabilities_but_not_patterns() {
        let app = r#"
//- /src-tauri/src/lib.rs
fn setup(app: &App) {
    app.get_webview_window("main");
}
//- /src-tauri/capabilities/default.json
{ "identifier": "default", "windows": ["main", "ma*"], "webviews": ["main"], "permissions": [] }
//- /src-tauri/capabilities/other.toml
identifier = "other"
windows = ["main"]
permissions = []
"#;
        check(
            &[
                r#"//- /src-tauri/tauri.conf.json
{ "app": { "windows": [{ "label": "ma$0in" }] } }
"#,
                app,
            ]
            .concat(),
            true,
            |actual| {
                insta::assert_snapshot!(actual, @r#"
                /src-tauri/tauri.conf.json:1:36
                  { "app": { "windows": [{ "label": "main" }] } }
                                                     ^^^^
                /src-tauri/capabilities/default.json:1:41
                  { "identifier": "default", "windows": ["main", "ma*"], "webviews": ["main"], "permissions": [] }
                                                          ^^^^
                /src-tauri/capabilities/default.json:1:70
                  { "identifier": "default", "windows": ["main", "ma*"], "webviews": ["main"], "permissions": [] }
                                                                                       ^^^^
                /src-tauri/capabilities/other.toml:2:13
                  windows = ["main"]
                              ^^^^
                /src-tauri/src/lib.rs:2:29
                      app.get_webview_window("main");
                                              ^^^^
                "#);
            },
        );
        check(
            r#"//- /src-tauri/tauri.conf.json
{ "app": { "windows": [{ "label": "main" }] } }

//- /src-tauri/src/lib.rs
fn setup(app: &App) {
    app.get_webview_window("main");
}
//- /src-tauri/capabilities/default.json
{ "identifier": "default", "windows": ["main", "m$0a*"], "webviews": ["main"], "permissions": [] }
//- /src-tauri/capabilities/other.toml
identifier = "other"
windows = ["main"]
permissions = []
"#,
            true,
            |actual| {
                insta::assert_snapshot!(actual, @"no references");
            },
        );
    }
}
