//! `tauri-acl explain`: per window, what a local page may call and why.

use std::fmt::Write;

use super::output::display_path;
use super::{EXIT_OK, ExplainArgs, ExplainFormat, load_world, shown_platforms};
use crate::ide::explain::{ExplainOptions, Explanation, ScopeJson, explain};

pub(super) fn run(args: ExplainArgs) -> i32 {
    let paths: Vec<_> = args.path.iter().cloned().collect();
    let world = match load_world(&paths, &args.common) {
        Ok(world) => world,
        Err(code) => return code,
    };
    let platforms = shown_platforms(&world, &args.common, args.format);
    let options = ExplainOptions {
        platforms,
        window: args.window.clone(),
        display_path: &display_path,
    };
    let explanation = explain(&world, &options);
    match args.format {
        ExplainFormat::Json => {
            super::output::emit(
                &(serde_json::to_string_pretty(&explanation).unwrap_or_default() + "\n"),
            );
        }
        ExplainFormat::Human => super::output::emit(&human(&explanation)),
    }
    EXIT_OK
}

fn scope_text(scope: &Option<ScopeJson>) -> String {
    let Some(scope) = scope else {
        return String::new();
    };
    let mut parts = Vec::new();
    if !scope.allow.is_empty() {
        parts.push(format!(
            "allow {}",
            serde_json::Value::from(scope.allow.clone())
        ));
    }
    if !scope.deny.is_empty() {
        parts.push(format!(
            "deny {}",
            serde_json::Value::from(scope.deny.clone())
        ));
    }
    if parts.is_empty() {
        String::new()
    } else {
        format!("  scope: {}", parts.join(", "))
    }
}

fn human(explanation: &Explanation) -> String {
    let mut out = String::new();
    for app in &explanation.apps {
        for platform in &app.platforms {
            let _ = writeln!(out, "{} ({}) on {}", app.name, app.root, platform.platform);
            if platform.capabilities.is_empty() {
                let _ = writeln!(out, "  no capability is active on {}\n", platform.platform);
            }
            for capability in &platform.capabilities {
                let mut targets = Vec::new();
                if !capability.windows.is_empty() {
                    targets.push(format!("windows {}", capability.windows.join(", ")));
                }
                if !capability.webviews.is_empty() {
                    targets.push(format!("webviews {}", capability.webviews.join(", ")));
                }
                if !capability.remote.is_empty() {
                    targets.push(format!("remote {}", capability.remote.join(", ")));
                }
                let _ = writeln!(
                    out,
                    "  capability `{}` ({}): {}{}",
                    capability.identifier,
                    capability.file,
                    if targets.is_empty() {
                        "no target".to_owned()
                    } else {
                        targets.join("; ")
                    },
                    if capability.errors > 0 {
                        format!(
                            " [{} unresolved entries: run `tauri-acl check`]",
                            capability.errors
                        )
                    } else {
                        String::new()
                    }
                );
            }
            if platform.windows.is_empty() && !platform.capabilities.is_empty() {
                // Only without `--window`: with it, the report always has that window.
                let _ = writeln!(
                    out,
                    "\n  no window label is known on {} (none in the config, none the Rust sources name literally); pass `--window <label>` to see what a window may call",
                    platform.platform
                );
            }
            for window in &platform.windows {
                let _ = writeln!(
                    out,
                    "\n  window `{}`: {}",
                    window.label,
                    if window.capabilities.is_empty() && platform.app_commands_unchecked {
                        "no capability applies, so it may call only the app's own commands"
                            .to_owned()
                    } else if window.capabilities.is_empty() {
                        "no capability applies, so it cannot call any command".to_owned()
                    } else {
                        format!("capabilities {}", window.capabilities.join(", "))
                    }
                );
                if !window.allowed.is_empty() {
                    let _ = writeln!(out, "    allowed ({}):", window.allowed.len());
                }
                for command in &window.allowed {
                    for (index, grant) in command.by.iter().enumerate() {
                        let via = if grant.via.is_empty() {
                            String::new()
                        } else {
                            format!(" via {}", grant.via.join(" → "))
                        };
                        let name = if index == 0 {
                            command.command.as_str()
                        } else {
                            ""
                        };
                        let _ = writeln!(
                            out,
                            "      {name:<44} ← {} ({}{via}){}",
                            grant.permission,
                            grant.capability,
                            scope_text(&grant.scope)
                        );
                    }
                }
                if !window.denied.is_empty() {
                    let _ = writeln!(out, "    denied ({}):", window.denied.len());
                }
                for command in &window.denied {
                    let grant = &command.by[0];
                    let _ = writeln!(
                        out,
                        "      {:<44} ✗ {} ({})",
                        command.command, grant.permission, grant.capability
                    );
                }
            }
            if !platform.resolved.global_scope.is_empty() {
                let _ = writeln!(
                    out,
                    "\n  global scopes (every command of the plugin sees them):"
                );
                for (key, scope) in &platform.resolved.global_scope {
                    let _ = writeln!(
                        out,
                        "    {key}:{}",
                        scope_text(&Some(scope.clone())).replacen("  scope:", "", 1)
                    );
                }
            }
            if platform.app_commands_unchecked {
                let _ = writeln!(
                    out,
                    "\n  the app defines no permissions of its own, so Tauri lets every window call the app's own commands"
                );
            }
            out.push('\n');
        }
    }
    out
}
