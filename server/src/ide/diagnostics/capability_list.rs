// Diagnostic: capability-not-enabled, unknown-capability-reference.
//
//! When `app.security.capabilities` in the Tauri config lists anything, Tauri compiles
//! exactly those capabilities: files that are not listed are silently left out, and a
//! listed identifier that no file defines fails the build. Each config that sets the
//! list (the base config and any platform overlay) is checked.

use super::{AppContext, Diagnostic};
use crate::diagnostic::Code;
use crate::model::tauri_conf::CapabilityEntry;

pub(super) fn check(context: &AppContext<'_>, acc: &mut Vec<Diagnostic>) {
    let workspace = context.workspace;
    let app = context.app;
    let file_capabilities: Vec<(crate::resolver::CapabilityRef, &crate::model::Capability)> =
        context
            .capabilities
            .iter()
            .filter(|reference| app.capability_files.contains(&reference.file))
            .filter_map(|reference| Some((*reference, context.capability(*reference)?)))
            .collect();
    let configs = app
        .config
        .iter()
        .chain(app.overlays.iter().map(|(_, file)| file));
    let mut listed_anywhere = false;
    let mut referenced: Vec<String> = Vec::new();
    let mut list_location = None;
    for config_file in configs {
        let Some(list) = workspace
            .file(*config_file)
            .config()
            .and_then(|config| config.capabilities.as_ref())
        else {
            continue;
        };
        if list.value.is_empty() {
            continue;
        }
        listed_anywhere = true;
        if Some(*config_file) == app.config {
            list_location = Some((*config_file, list.range));
        }
        for entry in &list.value {
            let CapabilityEntry::Reference(id) = entry else {
                continue;
            };
            referenced.push(id.value.clone());
            let exists = file_capabilities
                .iter()
                .any(|(_, capability)| capability.identifier() == Some(id.value.as_str()));
            if exists {
                continue;
            }
            let names: Vec<&str> = file_capabilities
                .iter()
                .filter_map(|(_, capability)| capability.identifier())
                .collect();
            let mut diagnostic = Diagnostic::new(
                Code::UnknownCapabilityReference,
                *config_file,
                id.range,
                format!(
                    "no capability file defines `{}`; Tauri's build fails on it",
                    id.value
                ),
            );
            if let Some(suggestion) =
                crate::ide::suggest::closest(&id.value, names.iter().copied()).first()
            {
                diagnostic
                    .message
                    .push_str(&format!("; did you mean `{suggestion}`?"));
                diagnostic = diagnostic.replace_with(
                    format!("Replace with `{suggestion}`"),
                    super::requote(workspace, *config_file, id.range, suggestion),
                );
            }
            acc.push(diagnostic);
        }
    }
    if !listed_anywhere {
        return;
    }
    for (reference, capability) in &file_capabilities {
        let Some(identifier) = &capability.identifier else {
            continue;
        };
        if referenced.contains(&identifier.value) {
            continue;
        }
        let mut diagnostic = Diagnostic::new(
            Code::CapabilityNotEnabled,
            reference.file,
            identifier.range,
            format!(
                "capability `{}` is not enabled: the Tauri config lists its capabilities explicitly and leaves this one out",
                identifier.value
            ),
        )
        .note(format!("help: add \"{}\" to `app.security.capabilities`", identifier.value));
        if let Some((file, range)) = list_location {
            diagnostic = diagnostic.related(file, range, "the explicit list of capabilities");
            if let Some(edit) = append_to_list(context, file, &identifier.value) {
                diagnostic.fixes.push(super::Fix {
                    label: format!(
                        "Enable `{}` in `app.security.capabilities`",
                        identifier.value
                    ),
                    edits: vec![super::TextEdit {
                        location: crate::ide::FileRange {
                            file,
                            range: edit.range,
                        },
                        new_text: edit.new_text,
                    }],
                    ..super::Fix::default()
                });
            }
        }
        acc.push(diagnostic);
    }
}

/// An edit adding `identifier` to the config's capability list.
fn append_to_list(
    context: &AppContext<'_>,
    config: crate::workspace::FileId,
    identifier: &str,
) -> Option<crate::ide::edit::Edit> {
    let source = context.workspace.file(config);
    let parse = source.parse.as_ref()?;
    let tree = &parse.tree;
    let list = tree.path(tree.root()?, &["app", "security", "capabilities"])?;
    let literal = crate::ide::edit::string_literal(source.format?, identifier);
    crate::ide::edit::append_array_item(tree, &source.text, list, &literal)
}

#[cfg(test)]
mod tests {
    use crate::ide::diagnostics::render_fixture;

    #[test]
    fn explicit_list_leaves_one_out_and_names_a_missing_one() {
        insta::assert_snapshot!(render_fixture(r#"
//- /src-tauri/tauri.conf.json
{ "app": { "windows": [{}], "security": { "csp": "default-src 'self'", "capabilities": ["main", "extra", { "identifier": "inline", "windows": ["main"], "permissions": [] }] } } }
//- /src-tauri/capabilities/main.json
{ "identifier": "main", "windows": ["main"], "permissions": [] }
//- /src-tauri/capabilities/left-out.json
{ "identifier": "left-out", "windows": ["main"], "permissions": [] }
"#), @r#"
        error[unknown-capability-reference]: no capability file defines `extra`; Tauri's build fails on it
         --> /src-tauri/tauri.conf.json:1:97
          |
        1 | { "app": { "windows": [{}], "security": { "csp": "default-src 'self'", "capabilities": ["main", "extra", { "identifier": "inline", "w...
          |                                                                                                 ^^^^^^^
        warning[capability-not-enabled]: capability `left-out` is not enabled: the Tauri config lists its capabilities explicitly and leaves this one out
         --> /src-tauri/capabilities/left-out.json:1:17
          |
        1 | { "identifier": "left-out", "windows": ["main"], "permissions": [] }
          |                 ^^^^^^^^^^
          |
         ::: /src-tauri/tauri.conf.json:1:88
          |
        1 | ...es": ["main", "extra", { "identifier": "inline", "windows": ["main"], "permissions": [] }] } } }
          |         ------------------------------------------------------------------------------------- the explicit list of capabilities
          |
          = help: add "left-out" to `app.security.capabilities`
          = help: Enable `left-out` in `app.security.capabilities`
        "#);
    }
}

#[cfg(test)]
mod config_tests {
    use crate::ide::diagnostics::render_fixture;

    #[test]
    fn unknown_keys_in_the_config_are_errors_tauri_refuses() {
        insta::assert_snapshot!(render_fixture(r#"
//- /src-tauri/tauri.conf.json
{ "app": { "windows": [{}], "windowz": [], "security": { "capabilites": ["main"], "csp": "default-src 'self'" } } }
//- /src-tauri/capabilities/main.json
{ "identifier": "main", "windows": ["main"], "permissions": [] }
"#), @r#"
        error[unknown-key]: unknown key `windowz` in `app`: Tauri refuses unknown keys here
         --> /src-tauri/tauri.conf.json:1:29
          |
        1 | { "app": { "windows": [{}], "windowz": [], "security": { "capabilites": ["main"], "csp": "default-src 'self'" } } }
          |                             ^^^^^^^^^
        error[unknown-key]: unknown key `capabilites` in `app.security`: Tauri refuses unknown keys here; did you mean `capabilities`?
         --> /src-tauri/tauri.conf.json:1:58
          |
        1 | { "app": { "windows": [{}], "windowz": [], "security": { "capabilites": ["main"], "csp": "default-src 'self'" } } }
          |                                                          ^^^^^^^^^^^^^
          |
          = help: Replace with "capabilities"
        "#);
    }
}
