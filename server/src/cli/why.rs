//! `tauri-acl why`: whether one call is allowed, and the chain that decides it.

use std::fmt::Write;

use super::output::display_path;
use super::{
    EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, ExplainFormat, WhyArgs, absolute, load, shown_platforms,
};
use crate::ide::explain::GrantExplanation;
use crate::ide::why::{PlatformWhy, WhyQuery, WhyReport, why};
use crate::workspace::discover::app_named_by;

pub(super) fn run(args: WhyArgs) -> i32 {
    let (path, command) = match args.positionals.as_slice() {
        [command] => (None, command.clone()),
        [path, command] => (Some(std::path::PathBuf::from(path)), command.clone()),
        _ => {
            eprintln!("error: expected `tauri-acl why [PATH] COMMAND --window LABEL`");
            return EXIT_USAGE;
        }
    };
    let path = path.unwrap_or_else(|| std::path::PathBuf::from("."));
    let mut workspace = match load(std::slice::from_ref(&path), &args.common) {
        Ok(workspace) => workspace,
        Err(message) => {
            eprintln!("error: {message}");
            return EXIT_USAGE;
        }
    };
    // One call is judged in one app: the one the path names, never the examples inside it.
    let roots: Vec<&std::path::Path> = workspace
        .apps
        .iter()
        .map(|app| app.root.as_path())
        .collect();
    let Some(chosen) = app_named_by(&absolute(&path), &roots) else {
        let listed: Vec<String> = roots
            .iter()
            .map(|root| format!("  {}", display_path(root)))
            .collect();
        eprintln!(
            "error: `{}` holds {} apps; name one of them:\n{}",
            path.display(),
            roots.len(),
            listed.join("\n")
        );
        return EXIT_USAGE;
    };
    let app = workspace.apps.swap_remove(chosen);
    workspace.apps = vec![app];
    let world = crate::ide::World::new(workspace, crate::ide::IdeConfig::default());
    let platforms = shown_platforms(&world, &args.common, args.format);
    let query = WhyQuery {
        command,
        window: args.window,
        webview: args.webview,
        url: args.url,
        path: args.path,
        scope_url: args.scope_url,
        platforms,
    };
    let report = why(&world, &query, &display_path);
    match args.format {
        ExplainFormat::Json => {
            super::output::emit(&(serde_json::to_string_pretty(&report).unwrap_or_default() + "\n"))
        }
        ExplainFormat::Human => super::output::emit(&human(&report)),
    }
    let allowed = report
        .apps
        .iter()
        .flat_map(|app| &app.platforms)
        .all(|platform| platform.allowed);
    if allowed { EXIT_OK } else { EXIT_FINDINGS }
}

fn human(report: &WhyReport) -> String {
    let mut out = String::new();
    for app in &report.apps {
        for platform in &app.platforms {
            let _ = writeln!(out, "{} ({}) on {}", app.name, app.root, platform.platform);
            write_platform(&mut out, platform);
            out.push('\n');
        }
    }
    out
}

fn write_platform(out: &mut String, platform: &PlatformWhy) {
    let origin = if platform.origin == "local" {
        "a local page".to_owned()
    } else {
        format!("a page at {}", platform.origin)
    };
    let _ = writeln!(
        out,
        "  `{}` from window `{}` (webview `{}`), {origin}",
        platform.command, platform.window, platform.webview
    );
    let _ = writeln!(
        out,
        "  {}: {}",
        if platform.allowed {
            "ALLOWED"
        } else {
            "DENIED"
        },
        platform
            .summary
            .split_once(": ")
            .map_or(platform.summary.as_str(), |(_, rest)| rest)
    );
    out.push_str("\n  capabilities:\n");
    let width = platform
        .capabilities
        .iter()
        .map(|capability| capability.identifier.len())
        .max()
        .unwrap_or(0);
    for capability in &platform.capabilities {
        let _ = writeln!(
            out,
            "    {} {:width$}  {}",
            if capability.applies { "+" } else { "-" },
            capability.identifier,
            capability.reason
        );
    }
    let grants = |out: &mut String, title: &str, grants: &[&GrantExplanation], reasons: &[&str]| {
        if grants.is_empty() {
            return;
        }
        let _ = writeln!(out, "  {title}:");
        for (index, grant) in grants.iter().enumerate() {
            let mut chain = vec![grant.capability.clone()];
            chain.push(grant.entry.clone());
            chain.extend(grant.via.iter().cloned());
            chain.dedup();
            let _ = write!(
                out,
                "    {}  ← {} (defined at {})",
                grant.permission,
                chain.join(" → "),
                grant.defined_at
            );
            if let Some(reason) = reasons.get(index) {
                let _ = write!(out, ": {reason}");
            }
            out.push('\n');
        }
    };
    let denied: Vec<&GrantExplanation> = platform.denied_by.iter().collect();
    grants(out, "denied by", &denied, &[]);
    let allowed: Vec<&GrantExplanation> = platform.allowed_by.iter().collect();
    grants(out, "allowed by", &allowed, &[]);
    let elsewhere: Vec<&GrantExplanation> = platform
        .allowed_elsewhere
        .iter()
        .map(|item| &item.grant)
        .collect();
    let reasons: Vec<&str> = platform
        .allowed_elsewhere
        .iter()
        .map(|item| item.reason.as_str())
        .collect();
    grants(out, "allowed, but not for this call", &elsewhere, &reasons);
    if let Some(scope) = &platform.scope {
        let rules = if scope.kind == "path" {
            "the fs plugin's path rules"
        } else {
            "the http plugin's URL rules"
        };
        let _ = writeln!(out, "  scope ({rules}): {}", scope.reason);
        if scope.resolved != scope.input {
            let _ = writeln!(out, "    {} → {}", scope.input, scope.resolved);
        }
        // Every entry that matched or carries a note; the rest are counted unless few.
        let quiet = scope
            .entries
            .iter()
            .filter(|entry| !entry.matches && entry.note.is_none())
            .count();
        let show_all = quiet <= 6;
        for entry in scope
            .entries
            .iter()
            .filter(|entry| show_all || entry.matches || entry.note.is_some())
        {
            let _ = write!(
                out,
                "    {} {} ({} scope of {} in `{}`)",
                entry.list, entry.value, entry.source, entry.permission, entry.capability
            );
            if let Some(resolved) = &entry.resolved {
                let _ = write!(out, " → {resolved}");
            }
            let _ = write!(
                out,
                ": {}",
                if entry.matches { "matches" } else { "no match" }
            );
            if let Some(note) = &entry.note {
                let _ = write!(out, " ({note})");
            }
            out.push('\n');
        }
        if !show_all {
            let _ = writeln!(out, "    … and {quiet} more entries that do not match");
        }
        if !scope.layout.is_empty() {
            let shown: Vec<String> = scope
                .layout
                .iter()
                .map(|(variable, directory)| format!("{variable} = {directory}"))
                .collect();
            let _ = writeln!(out, "    with a typical layout: {}", shown.join(", "));
        }
    }
    for note in &platform.notes {
        let _ = writeln!(out, "  note: {note}");
    }
}
