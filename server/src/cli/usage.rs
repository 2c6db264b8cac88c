//! `tauri-acl usage`: what each app's frontend calls against what its capabilities
//! grant, and with `--suggest` the least-privilege capabilities.

use std::fmt::Write;

use schemars::JsonSchema;
use serde::Serialize;

use super::output::display_path;
use super::{EXIT_OK, ExplainFormat, UsageArgs, load_world};
use crate::ide::least_privilege::{Suggestion, suggest};
use crate::ide::usage::{AppUsageReport, UsageReport, usage};

/// `tauri-acl usage --format json`: the usage report of each app, and with `--suggest`
/// the least-privilege capabilities.
#[derive(Serialize, JsonSchema)]
#[schemars(title = "tauri-acl usage")]
pub struct UsageOutput {
    pub apps: Vec<AppUsageReport>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub suggestion: Option<Suggestion>,
}

pub(super) fn run(args: UsageArgs) -> i32 {
    let paths: Vec<std::path::PathBuf> = args.path.into_iter().collect();
    let world = match load_world(&paths, &args.common) {
        Ok(world) => world,
        Err(code) => return code,
    };
    let report = usage(&world, &display_path);
    let suggestion = args.suggest.then(|| suggest(&world, &display_path));
    match args.format {
        ExplainFormat::Json => {
            let output = UsageOutput {
                apps: report.apps,
                suggestion,
            };
            super::output::emit(
                &(serde_json::to_string_pretty(&output).unwrap_or_default() + "\n"),
            );
        }
        ExplainFormat::Human => {
            let mut out = human(&report);
            if let Some(suggestion) = &suggestion {
                out.push_str(&human_suggestion(suggestion));
            }
            super::output::emit(&out);
        }
    }
    EXIT_OK
}

fn human(report: &UsageReport) -> String {
    let mut out = String::new();
    for app in &report.apps {
        let _ = writeln!(out, "{} ({})", app.name, app.root);
        let Some(frontend) = &app.frontend else {
            out.push_str("  no frontend package (no package.json at or above the app): nothing is known about its calls\n\n");
            continue;
        };
        let _ = writeln!(
            out,
            "  frontend: {frontend} ({} file{} using Tauri's JavaScript API)",
            app.frontend_files,
            if app.frontend_files == 1 { "" } else { "s" }
        );
        if !app.frontend_seen {
            out.push_str("  no call of Tauri's API was found in it: the frontend lives elsewhere (another package, a remote site), so nothing is claimed unused\n");
        }
        for (package, source) in &app.js_api {
            let _ = writeln!(out, "  {package}: {source}");
        }
        let _ = writeln!(out, "\n  commands called ({}):", app.commands.len());
        for command in &app.commands {
            let verdict = if !command.checked {
                "not checked: the app defines no permissions, so its pages may call its commands"
                    .to_owned()
            } else if let Some(deny) = command.denied_by.first() {
                format!("DENIED by {} in {}", deny.permission, deny.capability)
            } else if command.allowed_by.is_empty() {
                "NOT GRANTED".to_owned()
            } else {
                let grants: Vec<String> = command
                    .allowed_by
                    .iter()
                    .map(|grant| {
                        if grant.entry == grant.permission {
                            format!("{} in {}", grant.permission, grant.capability)
                        } else {
                            format!(
                                "{} (through {}) in {}",
                                grant.permission, grant.entry, grant.capability
                            )
                        }
                    })
                    .collect();
                format!("granted by {}", grants.join(", "))
            };
            let partly = if command.ungranted_on.is_empty() || command.allowed_by.is_empty() {
                String::new()
            } else {
                format!("; not on {}", command.ungranted_on.join(", "))
            };
            let _ = writeln!(out, "    {}  {verdict}{partly}", command.command);
            for call in &command.calls {
                let _ = write!(out, "      {}", call.location);
                if !call.via.is_empty() {
                    let _ = write!(out, " (through {})", call.via.join(" → "));
                }
                out.push('\n');
            }
        }
        if !app.capabilities.is_empty() {
            out.push_str("\n  capabilities:\n");
            for capability in &app.capabilities {
                let _ = writeln!(
                    out,
                    "    {}  uses {} of {} granted commands ({})",
                    capability.identifier, capability.used, capability.granted, capability.file
                );
            }
        }
        let _ = writeln!(out, "\n  unused grants ({}):", app.unused.len());
        for entry in &app.unused {
            let count = entry.granted_commands.len();
            let _ = writeln!(
                out,
                "    {} in {}  allows {} command{}, none called{}  {}",
                entry.entry,
                entry.capability,
                count,
                if count == 1 { "" } else { "s" },
                if entry.certain { "" } else { " (uncertain)" },
                entry.location
            );
            // Each entry's own reason: entries are uncertain for different reasons.
            if let Some(because) = &entry.uncertain_because {
                let _ = writeln!(out, "      uncertain because {because}");
            }
        }
        let _ = writeln!(out, "\n  ungranted calls ({}):", app.ungranted.len());
        for command in &app.ungranted {
            let _ = write!(
                out,
                "    {} on {}",
                command.command,
                command.platforms.join(", ")
            );
            if let Some(permission) = &command.permission {
                let _ = write!(out, "; `{permission}` would allow it");
            }
            out.push('\n');
            for call in &command.calls {
                let _ = writeln!(out, "      {call}");
            }
        }
        if !app.unknown_calls.is_empty() {
            let _ = writeln!(
                out,
                "\n  calls not pinned to commands ({}):",
                app.unknown_calls.len()
            );
            for call in &app.unknown_calls {
                let _ = writeln!(out, "    {}  {}", call.location, call.what);
            }
        }
        if !app.convert_file_src.is_empty() {
            let _ = writeln!(
                out,
                "\n  convertFileSrc calls: {}",
                app.convert_file_src.join(", ")
            );
        }
        if !app.registered.is_empty() {
            let _ = writeln!(
                out,
                "\n  registered commands{}: {}",
                if app.registered_is_complete {
                    ""
                } else {
                    " (maybe more)"
                },
                app.registered.join(", ")
            );
        }
        out.push('\n');
    }
    out
}

fn human_suggestion(suggestion: &Suggestion) -> String {
    let mut out = String::new();
    for app in &suggestion.apps {
        let _ = writeln!(
            out,
            "least-privilege capabilities for {} ({})",
            app.name, app.root
        );
        if let Some(skipped) = &app.skipped {
            let _ = writeln!(out, "  none: {skipped}\n");
            continue;
        }
        for capability in &app.capabilities {
            let _ = writeln!(
                out,
                "\n--- {} (capability `{}`){}",
                capability.file,
                capability.identifier,
                if capability.certain {
                    ""
                } else {
                    " (uncertain: some calls could not be pinned to commands)"
                }
            );
            out.push_str(&capability.text);
            for dropped in &capability.dropped {
                let _ = writeln!(out, "  - dropped {dropped}: none of its commands is called");
            }
            for narrowed in &capability.narrowed {
                let _ = writeln!(
                    out,
                    "  - narrowed {} to {}",
                    narrowed.entry,
                    narrowed.into.join(", ")
                );
            }
            for added in &capability.added {
                let _ = writeln!(out, "  - added {added}: a call needs it");
            }
            for kept in &capability.kept_whole {
                let _ = writeln!(out, "  - kept {} whole: {}", kept.entry, kept.reason);
            }
        }
        out.push('\n');
    }
    out
}
