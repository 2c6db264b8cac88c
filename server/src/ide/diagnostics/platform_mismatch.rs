// Diagnostic: platform-mismatch.
//
//! A permission can be limited to some platforms. An entry whose every permission is
//! inactive on every platform its capability targets grants nothing there, which is
//! almost always a mistake (a mobile-only permission in a desktop capability).

use super::{AppContext, Diagnostic};
use crate::diagnostic::Code;
use crate::model::Platform;

pub(super) fn check(context: &AppContext<'_>, acc: &mut Vec<Diagnostic>) {
    for reference in context.wanted_capabilities() {
        let Some(capability) = context.capability(*reference) else {
            continue;
        };
        let Some(resolutions) = context.resolutions.get(reference) else {
            continue;
        };
        if resolutions.is_empty() {
            continue;
        }
        // One pass over the grants and leaves, indexed by entry: asking per entry would
        // cost entries × grants, minutes for a capability of 16,000 entries.
        let entries = capability.entries();
        let mut grants_somewhere = vec![false; entries.len()];
        let mut inactive_by_entry: Vec<Vec<_>> = vec![Vec::new(); entries.len()];
        for resolution in resolutions.iter() {
            let granting = resolution
                .grants()
                .map(|grant| grant.entry)
                .chain(resolution.global_scopes().map(|scope| scope.entry));
            for entry in granting {
                if let Some(flag) = grants_somewhere.get_mut(entry) {
                    *flag = true;
                }
            }
            for leaf in resolution.inactive() {
                if let Some(leaves) = inactive_by_entry.get_mut(leaf.entry) {
                    leaves.push(leaf);
                }
            }
        }
        for (index, entry) in entries.iter().enumerate() {
            let inactive = &inactive_by_entry[index];
            if grants_somewhere[index] || inactive.is_empty() {
                continue;
            }
            let mut active_on: Vec<Platform> = inactive
                .iter()
                .flat_map(|leaf| leaf.platforms.iter().copied())
                .collect();
            active_on.sort();
            active_on.dedup();
            let checked: Vec<&str> = resolutions
                .iter()
                .map(|resolution| resolution.platform.name())
                .collect();
            let active: Vec<&str> = active_on.iter().map(|platform| platform.name()).collect();
            let first = inactive[0];
            acc.push(
                Diagnostic::new(
                    Code::PlatformMismatch,
                    reference.file,
                    entry.identifier.range,
                    format!(
                        "`{}` only applies on {}, but this capability targets {}: it grants nothing here",
                        entry.identifier.value,
                        active.join(", "),
                        checked.join(", ")
                    ),
                )
                .related(
                    first.permission.file,
                    first.platforms_range,
                    format!("`{}` is limited to these platforms", first.permission.qualified()),
                ),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::ide::diagnostics::render_fixture;

    #[test]
    fn mobile_only_permission_in_a_desktop_capability() {
        insta::assert_snapshot!(render_fixture(r#"
//- /src-tauri/capabilities/desktop.json
{ "identifier": "desktop", "windows": ["main"], "platforms": ["linux", "windows"], "permissions": ["scanner:allow-scan", "scanner:default"] }
//- /src-tauri/capabilities/mobile.json
{ "identifier": "mobile", "windows": ["main"], "platforms": ["android"], "permissions": ["scanner:allow-scan"] }
//- /plugins/scanner/permissions/scan.toml plugin:scanner
[default]
permissions = ["allow-scan", "allow-cancel"]

[[permission]]
identifier = "allow-scan"
commands.allow = ["scan"]
platforms = ["android", "iOS"]

[[permission]]
identifier = "allow-cancel"
commands.allow = ["cancel"]
"#), @r#"
        warning[platform-mismatch]: `scanner:allow-scan` only applies on android, iOS, but this capability targets linux, windows: it grants nothing here
         --> /src-tauri/capabilities/desktop.json:1:100
          |
        1 | { "identifier": "desktop", "windows": ["main"], "platforms": ["linux", "windows"], "permissions": ["scanner:allow-scan", "scanner:def...
          |                                                                                                    ^^^^^^^^^^^^^^^^^^^^
          |
         ::: /plugins/scanner/permissions/scan.toml:7:13
          |
        7 | platforms = ["android", "iOS"]
          |             ------------------ `scanner:allow-scan` is limited to these platforms
        "#);
    }
}
