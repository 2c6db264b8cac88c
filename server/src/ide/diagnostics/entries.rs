// Diagnostic: invalid-identifier, unknown-plugin, unknown-permission, empty-default,
// missing-plugin-source.
//
//! Checks each entry of each capability's `permissions`: the identifier must follow
//! Tauri's rules, name a plugin the app depends on (on every platform the capability is
//! checked for), and name a permission, set or default of it.

use super::{AppContext, Diagnostic, platform_note, platforms_for, requote};
use crate::diagnostic::Code;
use crate::model::Platform;
use crate::model::identifier::IdentifierError;
use crate::resolver::expand::ExpandError;
use crate::workspace::catalogue::APP_KEY;

pub(super) fn check(context: &AppContext<'_>, acc: &mut Vec<Diagnostic>) {
    let catalogue = &context.app.catalogue;
    // Without a Cargo.toml or a generated catalogue there is nothing to check against:
    // one note per capability says so, instead of calling every plugin unknown.
    if !context.app.has_cargo_manifest && context.app.acl_manifests.is_none() {
        for reference in context.wanted_capabilities() {
            let Some(capability) = context.capability(*reference) else {
                continue;
            };
            let Some(permissions) = &capability.permissions else {
                continue;
            };
            if permissions.value.is_empty() {
                continue;
            }
            acc.push(Diagnostic::new(
                Code::MissingPluginSource,
                reference.file,
                permissions.range,
                "cannot check these permissions: there is no Cargo.toml next to the Tauri config and no gen/schemas/acl-manifests.json, so the app's plugins are unknown",
            ));
        }
        invalid_identifiers(context, acc);
        return;
    }
    for reference in context.wanted_capabilities() {
        let Some(capability) = context.capability(*reference) else {
            continue;
        };
        let checked = platforms_for(context.app, capability);
        let resolutions = context
            .resolutions
            .get(reference)
            .map(Vec::as_slice)
            .unwrap_or(&[]);
        // Each resolution's errors and empty defaults by entry, so a capability with a
        // hundred thousand entries is not walked once per entry.
        let by_entry: Vec<(Platform, ByEntry<'_>)> = resolutions
            .iter()
            .map(|resolution| (resolution.platform, ByEntry::new(resolution)))
            .collect();
        for (index, entry) in capability.entries().iter().enumerate() {
            let file = reference.file;
            let range = entry.identifier.range;
            if let Err(error) = &entry.parsed {
                acc.push(invalid_identifier(context, file, entry, *error));
                continue;
            }
            let mut unknown_plugin_on: Vec<Platform> = Vec::new();
            let mut unknown_permission: Option<(String, String)> = None;
            let mut empty_default = false;
            for (platform, by_entry) in &by_entry {
                if by_entry.empty_defaults.contains(&index) {
                    empty_default = true;
                }
                for error in by_entry.errors.get(&index).into_iter().flatten() {
                    match error {
                        ExpandError::UnknownPlugin { .. } => unknown_plugin_on.push(*platform),
                        ExpandError::UnknownPermission { key, name } => {
                            unknown_permission = Some((key.clone(), name.clone()));
                        }
                        _ => {}
                    }
                }
            }
            let identifier = entry.identifier.value.as_str();
            let parsed = entry.parsed.as_ref().expect("checked above");
            let key = parsed.prefix().unwrap_or(APP_KEY);
            // A plugin that cannot be checked on a platform has one app-level
            // `missing-plugin-source` note saying why, not one finding per entry.
            unknown_plugin_on.retain(|platform| context.app.cannot_check(key, *platform).is_none());
            if unknown_permission.is_some()
                && checked
                    .iter()
                    .any(|platform| context.app.cannot_check(key, *platform).is_some())
            {
                unknown_permission = None;
            }
            if !unknown_plugin_on.is_empty() {
                acc.push(unknown_plugin(
                    context,
                    file,
                    range,
                    identifier,
                    key,
                    &unknown_plugin_on,
                    &checked,
                ));
            } else if let Some((key, name)) = unknown_permission {
                acc.push(unknown_permission_diagnostic(
                    context, file, range, identifier, &key, &name,
                ));
            } else if empty_default {
                acc.push(Diagnostic::new(
                    Code::EmptyDefault,
                    file,
                    range,
                    format!("plugin `{key}` defines no default permissions, so `{identifier}` grants nothing"),
                )
                .note(format!(
                    "help: name the permissions you need instead; plugin `{key}` has {}",
                    describe_choices(catalogue.get(key).map(|plugin| plugin.identifiers()).unwrap_or_default())
                )));
            }
        }
    }
}

/// One resolution's errors and empty defaults, by entry index.
struct ByEntry<'r> {
    errors: std::collections::HashMap<usize, Vec<&'r ExpandError>>,
    empty_defaults: std::collections::HashSet<usize>,
}

impl<'r> ByEntry<'r> {
    fn new(resolution: &'r crate::resolver::Resolution) -> ByEntry<'r> {
        let mut errors: std::collections::HashMap<usize, Vec<&ExpandError>> =
            std::collections::HashMap::new();
        for (index, error) in resolution.errors() {
            errors.entry(index).or_default().push(error);
        }
        ByEntry {
            errors,
            empty_defaults: resolution.empty_defaults().collect(),
        }
    }
}

fn unknown_plugin(
    context: &AppContext<'_>,
    file: crate::workspace::FileId,
    range: crate::text::TextRange,
    identifier: &str,
    key: &str,
    on: &[Platform],
    checked: &[Platform],
) -> Diagnostic {
    let workspace = context.workspace;
    let catalogue = &context.app.catalogue;
    if let Some(platforms) = context.app.missing_platforms.get(key) {
        // Its sources are missing, but Cargo.toml says where it is a dependency.
        return Diagnostic::new(
            Code::UnknownPlugin,
            file,
            range,
            format!(
                "plugin `{key}` is not a dependency of the app{}, so `{identifier}` fails the build there",
                platform_note(on, checked)
            ),
        )
        .note(format!(
            "note: Cargo.toml only depends on it for {}; limit this capability with `platforms`, or move the entry to a capability for those platforms",
            platforms.iter().map(|platform| platform.name()).collect::<Vec<_>>().join(", ")
        ));
    }
    if key == APP_KEY {
        let mut diagnostic = Diagnostic::new(
            Code::UnknownPermission,
            file,
            range,
            format!("`{identifier}` has no plugin prefix, so Tauri looks for it among the app's own permissions, and the app defines none"),
        )
        .note("help: define it in a `permissions/*.toml` file next to the Tauri config, or add the plugin prefix (`plugin:permission`)");
        for suggestion in context.identifier_suggestions(None, identifier) {
            diagnostic = diagnostic.replace_with(
                format!("Replace with `{suggestion}`"),
                requote(workspace, file, range, &suggestion),
            );
        }
        return diagnostic.fixes_with(app_permission_fix(context, identifier));
    }
    if let Some(plugin) = catalogue.get(key) {
        let available: Vec<Platform> = Platform::ALL
            .into_iter()
            .filter(|platform| plugin.is_available_on(*platform))
            .collect();
        return Diagnostic::new(
            Code::UnknownPlugin,
            file,
            range,
            format!(
                "plugin `{key}` is not a dependency of the app{}, so `{identifier}` fails the build there",
                platform_note(on, checked)
            ),
        )
        .note(format!(
            "note: Cargo.toml only depends on it for {}; limit this capability with `platforms`, or move the entry to a capability for those platforms",
            available.iter().map(|platform| platform.name()).collect::<Vec<_>>().join(", ")
        ));
    }
    let crate_name = format!("tauri-plugin-{key}");
    // `core:` modules come with the `tauri` crate: there is no crate to add.
    let is_core = key == "core" || key.starts_with("core:");
    let mut diagnostic = Diagnostic::new(
        Code::UnknownPlugin,
        file,
        range,
        format!(
            "the app has no plugin `{key}`{}",
            platform_note(on, checked)
        ),
    );
    let suggestions = context.identifier_suggestions(None, identifier);
    if suggestions.is_empty() && is_core {
        diagnostic = diagnostic.note(
            "note: `core:` modules are the ones the `tauri` crate's build script defines (`core:app`, `core:window`, `core:webview`, `core:event`, …)",
        );
    } else if suggestions.is_empty() {
        diagnostic = diagnostic.note(format!(
            "help: add the `{crate_name}` crate to Cargo.toml (`cargo add {crate_name}`) and register it on the app's builder (usually `.plugin({})`, or the plugin's own builder)",
            format_args!("tauri_plugin_{}::init()", key.replace('-', "_"))
        ));
    }
    if let Some(suggestion) = suggestions.first() {
        diagnostic.message = format!("{}; did you mean `{suggestion}`?", diagnostic.message);
        diagnostic = diagnostic.replace_with(
            format!("Replace with `{suggestion}`"),
            requote(workspace, file, range, suggestion),
        );
        // A core identifier written the pre-2.0 way (`window:default`, as apps from the
        // Tauri 2 betas have by the dozen) has one reading, which grants exactly what
        // the author meant: safe to apply unattended.
        if suggestions.len() == 1
            && *suggestion == format!("core:{identifier}")
            && let Some(fix) = diagnostic.fixes.last_mut()
        {
            fix.is_preferred = true;
        }
    }
    diagnostic
}

fn unknown_permission_diagnostic(
    context: &AppContext<'_>,
    file: crate::workspace::FileId,
    range: crate::text::TextRange,
    identifier: &str,
    key: &str,
    name: &str,
) -> Diagnostic {
    let workspace = context.workspace;
    let catalogue = &context.app.catalogue;
    let owner = if key == APP_KEY {
        "the app's own permissions".to_owned()
    } else {
        format!("plugin `{key}`")
    };
    // An unprefixed identifier may be a plugin permission missing its prefix.
    let suggestions = context.identifier_suggestions((key != APP_KEY).then_some(key), identifier);
    let mut message = format!("`{identifier}` is not a permission, set or default of {owner}");
    let _ = name;
    match suggestions.as_slice() {
        [] => {}
        [one] => message.push_str(&format!("; did you mean `{one}`?")),
        many => message.push_str(&format!(
            "; did you mean {}?",
            many.iter()
                .map(|s| format!("`{s}`"))
                .collect::<Vec<_>>()
                .join(", ")
        )),
    }
    let mut diagnostic = Diagnostic::new(Code::UnknownPermission, file, range, message);
    if let Some(plugin) = catalogue.get(key) {
        diagnostic = diagnostic.note(format!(
            "note: {owner} is read from {}",
            plugin.source.describe()
        ));
    }
    for suggestion in suggestions {
        diagnostic = diagnostic.replace_with(
            format!("Replace with `{suggestion}`"),
            requote(workspace, file, range, &suggestion),
        );
    }
    if key == APP_KEY {
        diagnostic = diagnostic.fixes_with(app_permission_fix(context, identifier));
    }
    diagnostic
}

/// An entry whose identifier breaks Tauri's rules, with a repair when one is clear.
fn invalid_identifier(
    context: &AppContext<'_>,
    file: crate::workspace::FileId,
    entry: &crate::model::PermissionEntry,
    error: IdentifierError,
) -> Diagnostic {
    let range = entry.identifier.range;
    let mut diagnostic = Diagnostic::new(
        Code::InvalidIdentifier,
        file,
        range,
        format!(
            "`{}` is not a valid permission identifier: {error}",
            entry.identifier.value
        ),
    );
    let repaired = repair_identifier(&entry.identifier.value, error).map(|fixed| {
        if context.app.catalogue.identifiers().contains(&fixed) {
            fixed
        } else {
            context
                .identifier_suggestions(None, &fixed)
                .into_iter()
                .next()
                .unwrap_or(fixed)
        }
    });
    if let Some(fixed) = repaired {
        diagnostic = diagnostic.replace_with(
            format!("Replace with `{fixed}`"),
            requote(context.workspace, file, range, &fixed),
        );
    }
    diagnostic
}

/// Identifier errors alone, for an app whose catalogue is unknown.
fn invalid_identifiers(context: &AppContext<'_>, acc: &mut Vec<Diagnostic>) {
    for reference in context.wanted_capabilities() {
        let Some(capability) = context.capability(*reference) else {
            continue;
        };
        for entry in capability.entries() {
            if let Err(error) = &entry.parsed {
                acc.push(invalid_identifier(context, reference.file, entry, *error));
            }
        }
    }
}

/// A fix that defines an app permission: `allow-x`/`deny-x` for command `x`, appended to
/// `permissions/x.toml` (created when missing).
fn app_permission_fix(context: &AppContext<'_>, identifier: &str) -> Option<super::Fix> {
    let parsed = crate::model::Identifier::parse(identifier).ok()?;
    if parsed.prefix().is_some() {
        return None;
    }
    let (allow, name) = match identifier.strip_prefix("allow-") {
        Some(name) => (true, name),
        None => match identifier.strip_prefix("deny-") {
            Some(name) => (false, name),
            None => (true, identifier),
        },
    };
    let command = name.replace('-', "_");
    let list = if allow { "allow" } else { "deny" };
    let verb = if allow { "Allows" } else { "Denies" };
    let definition = format!(
        "[[permission]]\nidentifier = \"{identifier}\"\ndescription = \"{verb} the `{command}` command.\"\ncommands.{list} = [\"{command}\"]\n"
    );
    let path = context
        .app
        .root
        .join("permissions")
        .join(format!("{name}.toml"));
    let label = format!("Define `{identifier}` in `permissions/{name}.toml`");
    match context.workspace.file_id(&path) {
        Some(existing) => {
            let text = &context.workspace.file(existing).text;
            let separator = if text.is_empty() || text.ends_with("\n\n") {
                ""
            } else if text.ends_with('\n') {
                "\n"
            } else {
                "\n\n"
            };
            Some(super::Fix {
                label,
                edits: vec![super::TextEdit {
                    location: crate::ide::FileRange {
                        file: existing,
                        range: crate::text::TextRange::empty(crate::text::to_size(text.len())),
                    },
                    new_text: format!("{separator}{definition}"),
                }],
                ..super::Fix::default()
            })
        }
        None => Some(super::Fix {
            label,
            creates: vec![(path, definition)],
            ..super::Fix::default()
        }),
    }
}

fn describe_choices(identifiers: Vec<String>) -> String {
    let sets_and_permissions = identifiers.len();
    match sets_and_permissions {
        0 => "no permissions at all".to_owned(),
        1 => format!("one: `{}`", identifiers[0]),
        count => format!("{count}, such as `{}`", identifiers[0]),
    }
}

/// A corrected identifier, for the mistakes that have one obvious fix.
fn repair_identifier(text: &str, error: IdentifierError) -> Option<String> {
    let candidate = match error {
        IdentifierError::StartsWithTauriPlugin => text.strip_prefix("tauri-plugin-")?.to_owned(),
        _ => text
            .trim()
            .replace(['.', '/'], ":")
            .replace(['_', ' '], "-")
            .trim_matches('-')
            .to_owned(),
    };
    let fixed = crate::model::Identifier::parse(&candidate).ok()?;
    (fixed.as_str() != text).then(|| fixed.as_str().to_owned())
}

#[cfg(test)]
mod tests {
    use crate::ide::diagnostics::render_fixture;

    const FS: &str = r#"
//- /plugins/fs/permissions/default.toml plugin:fs
[default]
permissions = ["allow-read-text-file"]
//- /plugins/fs/permissions/commands.toml
[[permission]]
identifier = "allow-read-text-file"
commands.allow = ["read_text_file"]

[[permission]]
identifier = "allow-write-text-file"
commands.allow = ["write_text_file"]
//- /plugins/haptics/permissions/vibrate.toml plugin:haptics
[[permission]]
identifier = "allow-vibrate"
commands.allow = ["vibrate"]
"#;

    #[test]
    fn unknown_permission_with_suggestion() {
        let fixture = format!(
            r#"//- /src-tauri/capabilities/default.json
{{
  "identifier": "default",
  "windows": ["main"],
  "permissions": ["fs:allow-raed-text-file", "fs:default"]
}}
{FS}"#
        );
        insta::assert_snapshot!(render_fixture(&fixture), @r#"
        error[unknown-permission]: `fs:allow-raed-text-file` is not a permission, set or default of plugin `fs`; did you mean `fs:allow-read-text-file`?
         --> /src-tauri/capabilities/default.json:4:19
          |
        4 |   "permissions": ["fs:allow-raed-text-file", "fs:default"]
          |                   ^^^^^^^^^^^^^^^^^^^^^^^^^
          |
          = note: plugin `fs` is read from tauri-plugin-fs (path: /plugins/fs)
          = help: Replace with `fs:allow-read-text-file`
        warning[unscoped-permission]: `fs:default` allows `read_text_file` with no scope, and no `fs` scope is defined anywhere in the app, so every call is refused (unless the app's Rust code or a file dialog adds paths at run time)
         --> /src-tauri/capabilities/default.json:4:46
          |
        4 |   "permissions": ["fs:allow-raed-text-file", "fs:default"]
          |                                              ^^^^^^^^^^^^
          |
          = help: give the entry a path scope (`{ "path": "$APPDATA/notes/**" }`): write it as an object with `identifier` and `allow`
          = help: Give `fs:default` a scope
        "#);
    }

    #[test]
    fn unknown_plugin_invalid_identifier_and_empty_default() {
        let fixture = format!(
            r#"//- /src-tauri/capabilities/default.json
{{
  "identifier": "default",
  "windows": ["main"],
  "permissions": ["sql:default", "tauri-plugin-fs:default", "fs:Allow read", "haptics:default"]
}}
{FS}"#
        );
        insta::assert_snapshot!(render_fixture(&fixture), @r#"
        error[unknown-plugin]: the app has no plugin `sql`
         --> /src-tauri/capabilities/default.json:4:19
          |
        4 |   "permissions": ["sql:default", "tauri-plugin-fs:default", "fs:Allow read", "haptics:default"]
          |                   ^^^^^^^^^^^^^
          |
          = help: add the `tauri-plugin-sql` crate to Cargo.toml (`cargo add tauri-plugin-sql`) and register it on the app's builder (usually `.plugin(tauri_plugin_sql::init())`, or the plugin's own builder)
        error[invalid-identifier]: `tauri-plugin-fs:default` is not a valid permission identifier: identifiers cannot start with `tauri-plugin-`: use the plugin name alone
         --> /src-tauri/capabilities/default.json:4:34
          |
        4 |   "permissions": ["sql:default", "tauri-plugin-fs:default", "fs:Allow read", "haptics:default"]
          |                                  ^^^^^^^^^^^^^^^^^^^^^^^^^
          |
          = help: Replace with `fs:default`
        error[invalid-identifier]: `fs:Allow read` is not a valid permission identifier: identifiers can only hold ASCII letters, digits and hyphens, with no hyphen at either end of a part, and one colon after the plugin name
         --> /src-tauri/capabilities/default.json:4:61
          |
        4 |   "permissions": ["sql:default", "tauri-plugin-fs:default", "fs:Allow read", "haptics:default"]
          |                                                             ^^^^^^^^^^^^^^^
          |
          = help: Replace with `fs:Allow-read`
        warning[empty-default]: plugin `haptics` defines no default permissions, so `haptics:default` grants nothing
         --> /src-tauri/capabilities/default.json:4:78
          |
        4 |   "permissions": ["sql:default", "tauri-plugin-fs:default", "fs:Allow read", "haptics:default"]
          |                                                                              ^^^^^^^^^^^^^^^^^
          |
          = help: name the permissions you need instead; plugin `haptics` has one: `haptics:allow-vibrate`
        "#);
    }
}
