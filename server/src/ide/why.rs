//! "Is this call allowed, and why?": one IPC call judged as Tauri's runtime would.
//!
//! For each platform: every capability the app defines and whether it takes part in the
//! call (compiled in, origin, window and webview patterns), the grants that deny or
//! allow the command ([`resolver::authority`]), and when a path or URL is given, the
//! plugin's scope check on it ([`resolver::fs_scope`], [`resolver::url_scope`]) with
//! every entry that matched or did not. A deny for the call's origin wins over any
//! allow; a command allowed by the ACL can still fail on its scope.

use std::path::Path;

use schemars::JsonSchema;
use serde::Serialize;
use serde_json::Value;

use super::World;
use super::explain::{GrantExplanation, grant_explanation};
use super::suggest;
use crate::model::{Capability, Platform};
use crate::resolver::authority::{self, Access, Call, CommandTarget, GrantRef, Mismatch};
use crate::resolver::paths::{self, Layout};
use crate::resolver::{self, CapabilityRef, Origin, Resolution, fs_scope, url_scope};
use crate::workspace::catalogue::APP_KEY;
use crate::workspace::{App, FileModel, Workspace};

/// The call to judge.
#[derive(Debug, Clone, Default)]
pub struct WhyQuery {
    /// As the user wrote it: `plugin:fs|read_file`, `fs|read_file`, `fs.read_file`, `greet`.
    pub command: String,
    pub window: String,
    /// Defaults to the window's label (a webview window's webview shares it).
    pub webview: Option<String>,
    /// The remote page making the call; `None` for the app's own pages.
    pub url: Option<String>,
    /// A path to test against the fs scope (may start with `$APPDATA` and the like).
    pub path: Option<String>,
    /// A URL to test against the http scope.
    pub scope_url: Option<String>,
    /// Only these platforms; `None` for each app's own.
    pub platforms: Option<Vec<Platform>>,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct WhyReport {
    pub apps: Vec<AppWhy>,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct AppWhy {
    pub name: String,
    pub root: String,
    pub platforms: Vec<PlatformWhy>,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct PlatformWhy {
    pub platform: &'static str,
    /// Tauri's name for the command.
    pub command: String,
    pub window: String,
    pub webview: String,
    /// `local`, or the remote URL.
    pub origin: String,
    pub allowed: bool,
    /// One sentence: the decisive reason.
    pub summary: String,
    pub capabilities: Vec<CapabilityMatch>,
    pub denied_by: Vec<GrantExplanation>,
    pub allowed_by: Vec<GrantExplanation>,
    /// Grants of the command that do not reach this call, with why.
    pub allowed_elsewhere: Vec<Elsewhere>,
    pub scope: Option<ScopeCheck>,
    pub notes: Vec<String>,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct CapabilityMatch {
    pub identifier: String,
    pub file: String,
    pub applies: bool,
    pub reason: String,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct Elsewhere {
    #[serde(flatten)]
    pub grant: GrantExplanation,
    pub reason: String,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct ScopeCheck {
    /// `path` (fs rules) or `url` (http rules).
    pub kind: &'static str,
    pub input: String,
    /// The path after variable expansion, or the URL.
    pub resolved: String,
    /// `allowed`, `denied`, `not-allowed` or `failed`.
    pub verdict: &'static str,
    pub reason: String,
    pub entries: Vec<ScopeEntryCheck>,
    /// The directories variables stand for, on this platform's typical layout.
    pub layout: Vec<(String, String)>,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct ScopeEntryCheck {
    /// `allow` or `deny`.
    pub list: &'static str,
    /// `command` (from the grants that allow the call) or `global` (the plugin's).
    pub source: &'static str,
    pub capability: String,
    pub permission: String,
    pub value: Value,
    /// The pattern after variable expansion, when it has one.
    pub resolved: Option<String>,
    pub matches: bool,
    pub note: Option<String>,
}

pub fn why(world: &World, query: &WhyQuery, display_path: &dyn Fn(&Path) -> String) -> WhyReport {
    let workspace = world.workspace.as_ref();
    WhyReport {
        apps: workspace
            .apps
            .iter()
            .map(|app| AppWhy {
                name: app.name(),
                root: display_path(&app.root),
                platforms: query
                    .platforms
                    .clone()
                    .unwrap_or_else(|| app.platforms.clone())
                    .into_iter()
                    .map(|platform| why_on(workspace, app, platform, query, display_path))
                    .collect(),
            })
            .collect(),
    }
}

fn why_on(
    workspace: &Workspace,
    app: &App,
    platform: Platform,
    query: &WhyQuery,
    display_path: &dyn Fn(&Path) -> String,
) -> PlatformWhy {
    let target = authority::command_target(app, &query.command);
    let webview = query
        .webview
        .clone()
        .unwrap_or_else(|| query.window.clone());
    let mut notes = Vec::new();
    let origin = match query.url.as_deref().map(url::Url::parse) {
        None => Origin::Local,
        Some(Ok(url)) => Origin::Remote(url),
        Some(Err(error)) => {
            notes.push(format!(
                "`--url` is not a URL ({error}); judging a local page instead"
            ));
            Origin::Local
        }
    };
    notes.extend(command_notes(workspace, app, &target));
    if !app
        .window_labels(Some(platform))
        .any(|label| label.label == query.window)
    {
        notes.push(format!(
            "no window labelled `{}` is known on {} (labels come from the config and from builder calls in the Rust sources)",
            query.window,
            platform.name()
        ));
    }
    let active = authority::active(workspace, app, platform);
    let call = Call {
        command: &target.command,
        window: &query.window,
        webview: &webview,
        origin: &origin,
    };
    let access = authority::access(workspace, &active, &call);
    let explain = |grant: &GrantRef<'_>| {
        let capability = resolver::capability(workspace, grant.capability)
            .expect("a resolved capability exists");
        grant_explanation(workspace, capability, &grant.grant, display_path)
    };
    let scope = scope_check(workspace, app, platform, &target, &active, &access, query);
    let checked = authority::acl_checks(app, &target.command, &origin);
    let refused_by_plugin = checked
        && access.is_allowed()
        && scope.is_none()
        && empty_merged_scope(&access, &target, &active);
    let summary = if refused_by_plugin {
        let allow = &access.allowed_by[0];
        let capability = resolver::capability(workspace, allow.capability)
            .and_then(Capability::identifier)
            .unwrap_or("?");
        let fs = target.key == "fs";
        format!(
            "{}: `{}` in capability `{capability}` allows `{}`, but no scope reaches the call (no allowing grant has one, and the `{}` plugin has no global scope), so the plugin refuses every call{}",
            if fs {
                "cannot check"
            } else {
                "denied by the scope"
            },
            allow.grant.permission.qualified(),
            target.command,
            target.key,
            if fs {
                " unless the app's Rust code or a file dialog adds paths at run time"
            } else {
                ""
            }
        )
    } else if checked {
        summary(workspace, &target, &access, scope.as_ref(), &origin)
    } else if target.command == authority::FETCH_CHANNEL_DATA_COMMAND {
        "allowed: Tauri never checks its channel data command against the ACL".to_owned()
    } else {
        format!(
            "allowed: the app defines no permissions of its own, so Tauri lets its own pages in every window call its commands without consulting any capability (`{}` included)",
            target.command
        )
    };
    if target.key == APP_KEY && checked && !app.catalogue.has_app_manifest() {
        notes.push(
            "the app defines no permissions of its own, so Tauri checks its commands only for remote pages, and no capability can allow them there; define app permissions in `permissions/` to grant them".to_owned(),
        );
    }
    let allowed = !checked
        || access.is_allowed()
            && !(refused_by_plugin && target.key != "fs")
            && scope
                .as_ref()
                .is_none_or(|scope| scope.verdict == "allowed");
    if access.is_allowed()
        && !refused_by_plugin
        && scope.is_none()
        && has_scope(&access, &target, &active)
    {
        let flag = if target.key == "http" {
            "--scope-url"
        } else {
            "--path"
        };
        notes.push(format!(
            "this command checks a scope at run time; pass `{flag}` to test a value against it"
        ));
    }
    PlatformWhy {
        platform: platform.name(),
        command: target.command.clone(),
        window: query.window.clone(),
        webview: webview.clone(),
        origin: match &origin {
            Origin::Local => "local".to_owned(),
            Origin::Remote(url) => url.to_string(),
        },
        allowed,
        summary,
        capabilities: capability_matches(workspace, app, platform, &call, display_path),
        denied_by: access.denied_by.iter().map(explain).collect(),
        allowed_by: access.allowed_by.iter().map(explain).collect(),
        allowed_elsewhere: access
            .elsewhere
            .iter()
            .map(|(grant, mismatch)| Elsewhere {
                grant: explain(grant),
                reason: match mismatch {
                    Mismatch::Origin => "the capability is for another origin".to_owned(),
                    Mismatch::Labels => {
                        "no window or webview pattern of the capability matches".to_owned()
                    }
                },
            })
            .collect(),
        scope,
        notes,
    }
}

/// What is odd about the command itself: an unknown plugin or a command no permission
/// mentions.
fn command_notes(workspace: &Workspace, app: &App, target: &CommandTarget) -> Vec<String> {
    if target.command == authority::FETCH_CHANNEL_DATA_COMMAND {
        return Vec::new();
    }
    let Some(plugin) = app.catalogue.get(&target.key) else {
        if target.key == APP_KEY {
            return Vec::new();
        }
        return vec![format!(
            "the app has no plugin `{}`, so Tauri answers \"Plugin not found\"",
            target.key
        )];
    };
    let mut known: Vec<String> = plugin.commands().into_iter().map(str::to_owned).collect();
    if target.key == APP_KEY {
        for file in &app.rust_files {
            if let FileModel::Rust(scan) = &workspace.file(*file).model {
                known.extend(scan.commands.iter().map(|command| command.name.clone()));
            }
        }
    }
    if known.contains(&target.name) {
        return Vec::new();
    }
    let suggestions = suggest::closest(&target.name, known.iter().map(String::as_str));
    let mut note = format!(
        "no permission of `{}` mentions a command `{}`",
        target.key, target.name
    );
    if !suggestions.is_empty() {
        let names: Vec<String> = suggestions
            .iter()
            .map(|name| format!("`{}`", resolver::command_name(&target.key, name)))
            .collect();
        note.push_str(&format!("; did you mean {}?", names.join(" or ")));
    }
    vec![note]
}

fn summary(
    workspace: &Workspace,
    target: &CommandTarget,
    access: &Access<'_>,
    scope: Option<&ScopeCheck>,
    origin: &Origin,
) -> String {
    let capability_name = |reference: CapabilityRef| {
        resolver::capability(workspace, reference)
            .and_then(Capability::identifier)
            .unwrap_or("?")
            .to_owned()
    };
    let command = &target.command;
    if let Some(deny) = access.denied_by.first() {
        let origin = match origin {
            Origin::Local => "the app's own pages".to_owned(),
            Origin::Remote(url) => format!("pages at {url}"),
        };
        return format!(
            "denied: `{}` in capability `{}` denies `{command}` for {origin}, in every window; a deny wins over any allow",
            deny.grant.permission.qualified(),
            capability_name(deny.capability)
        );
    }
    let Some(allow) = access.allowed_by.first() else {
        if let Some((grant, mismatch)) = access.elsewhere.first() {
            let why = match mismatch {
                Mismatch::Origin => "for another origin",
                Mismatch::Labels => "for other windows",
            };
            return format!(
                "denied: `{command}` is allowed only {why} (capability `{}` through `{}`)",
                capability_name(grant.capability),
                grant.grant.permission.qualified()
            );
        }
        return format!("denied: no capability allows `{command}`");
    };
    let allowed = format!(
        "`{}` in capability `{}` allows `{command}`",
        allow.grant.permission.qualified(),
        capability_name(allow.capability)
    );
    match scope {
        Some(scope) if scope.verdict != "allowed" => {
            format!("denied by the scope: {allowed}, but {}", scope.reason)
        }
        Some(scope) => format!("allowed: {allowed}, and {}", scope.reason),
        None => format!("allowed: {allowed}"),
    }
}

/// Whether any scope could apply to the command: from its grants or the plugin's global
/// scope.
fn has_scope(
    access: &Access<'_>,
    target: &CommandTarget,
    active: &[(CapabilityRef, Resolution)],
) -> bool {
    access
        .allowed_by
        .iter()
        .any(|grant| grant.grant.scope.is_some())
        || !authority::global_scopes(active, &target.key).is_empty()
        || matches!(target.key.as_str(), "fs" | "http")
}

/// Whether a scoped command reaches the call with no allow entry at all: none in the
/// scopes Tauri merges from the allowing grants, none in the plugin's global scope. The
/// plugin then refuses every call (the fs plugin's scope can still grow at run time).
fn empty_merged_scope(
    access: &Access<'_>,
    target: &CommandTarget,
    active: &[(CapabilityRef, Resolution)],
) -> bool {
    super::diagnostics::is_scoped_command(&target.key, &target.name)
        && access.allowed_by.iter().all(|grant| {
            grant
                .grant
                .scope
                .as_ref()
                .is_none_or(|scope| scope.allow.is_empty())
        })
        && authority::global_scopes(active, &target.key)
            .iter()
            .all(|(_, global)| global.scope.allow.is_empty())
}

fn capability_matches(
    workspace: &Workspace,
    app: &App,
    platform: Platform,
    call: &Call<'_>,
    display_path: &dyn Fn(&Path) -> String,
) -> Vec<CapabilityMatch> {
    let enabled = resolver::enabled_capabilities(workspace, app, platform);
    resolver::all_capabilities(workspace, app)
        .into_iter()
        .filter_map(|reference| {
            let capability = resolver::capability(workspace, reference)?;
            let (applies, reason) = if !enabled.contains(&reference) {
                (
                    false,
                    "not compiled in: the config's `app.security.capabilities` leaves it out"
                        .to_owned(),
                )
            } else if !capability.is_active(platform) {
                (
                    false,
                    format!(
                        "not compiled in on {}: its `platforms` leave it out",
                        platform.name()
                    ),
                )
            } else if !resolver::origin_matches(capability, call.origin) {
                let wants = if capability.remote_urls().is_empty() {
                    "the app's own pages".to_owned()
                } else {
                    let urls: Vec<&str> = capability
                        .remote_urls()
                        .iter()
                        .map(|url| url.value.as_str())
                        .collect();
                    let local = if capability.is_local() {
                        "the app's own pages and "
                    } else {
                        ""
                    };
                    format!("{local}{}", urls.join(", "))
                };
                (false, format!("for {wants} only"))
            } else if let Some(pattern) = capability
                .webview_patterns()
                .iter()
                .find(|pattern| resolver::pattern::label_matches(&pattern.value, call.webview))
            {
                (
                    true,
                    format!(
                        "webview pattern `{}` matches `{}`",
                        pattern.value, call.webview
                    ),
                )
            } else if let Some(pattern) = capability
                .window_patterns()
                .iter()
                .find(|pattern| resolver::pattern::label_matches(&pattern.value, call.window))
            {
                (
                    true,
                    format!(
                        "window pattern `{}` matches `{}`",
                        pattern.value, call.window
                    ),
                )
            } else {
                let patterns: Vec<String> = capability
                    .window_patterns()
                    .iter()
                    .chain(capability.webview_patterns())
                    .map(|pattern| format!("`{}`", pattern.value))
                    .collect();
                let patterns = if patterns.is_empty() {
                    "none".to_owned()
                } else {
                    patterns.join(", ")
                };
                (
                    false,
                    format!(
                        "its patterns ({patterns}) match neither window `{}` nor webview `{}`",
                        call.window, call.webview
                    ),
                )
            };
            Some(CapabilityMatch {
                identifier: capability.identifier().unwrap_or_default().to_owned(),
                file: display_path(&workspace.file(reference.file).path),
                applies,
                reason,
            })
        })
        .collect()
}

/// A scope value and where it comes from.
struct Sourced<'a> {
    list: &'static str,
    source: &'static str,
    capability: String,
    permission: String,
    value: &'a Value,
}

fn scope_check(
    workspace: &Workspace,
    app: &App,
    platform: Platform,
    target: &CommandTarget,
    active: &[(CapabilityRef, Resolution)],
    access: &Access<'_>,
    query: &WhyQuery,
) -> Option<ScopeCheck> {
    let (kind, input) = match (&query.path, &query.scope_url) {
        (Some(path), _) => ("path", path.clone()),
        (None, Some(url)) => ("url", url.clone()),
        (None, None) => return None,
    };
    let name = |reference: CapabilityRef| {
        resolver::capability(workspace, reference)
            .and_then(Capability::identifier)
            .unwrap_or("?")
            .to_owned()
    };
    let mut scopes: Vec<(&resolver::Scope, &'static str, String, String)> = Vec::new();
    // The fs plugin lists the global scope before the command's.
    for (reference, global) in authority::global_scopes(active, &target.key) {
        scopes.push((
            &global.item.scope,
            "global",
            name(reference),
            global.permission.qualified(),
        ));
    }
    for grant in &access.allowed_by {
        if let Some(scope) = &grant.grant.scope {
            scopes.push((
                scope,
                "command",
                name(grant.capability),
                grant.grant.permission.qualified(),
            ));
        }
    }
    let mut entries: Vec<Sourced<'_>> = Vec::new();
    for (scope, source, capability, permission) in &scopes {
        for (list, values) in [("allow", &scope.allow), ("deny", &scope.deny)] {
            for value in values {
                entries.push(Sourced {
                    list,
                    source,
                    capability: capability.clone(),
                    permission: permission.clone(),
                    value,
                });
            }
        }
    }
    let allow: Vec<&Value> = entries
        .iter()
        .filter(|entry| entry.list == "allow")
        .map(|entry| entry.value)
        .collect();
    let deny: Vec<&Value> = entries
        .iter()
        .filter(|entry| entry.list == "deny")
        .map(|entry| entry.value)
        .collect();
    let config = |read: fn(&crate::model::TauriConfig) -> Option<String>| {
        resolver::config_value(workspace, app, platform, read)
    };
    let layout = Layout::new(
        platform,
        config(|config| config.identifier.as_ref().map(|id| id.value.clone())).as_deref(),
        config(|config| config.product_name.as_ref().map(|name| name.value.clone())).as_deref(),
    );
    let mut checks: Vec<(bool, Option<String>, Option<String>)> = Vec::new();
    let (resolved, verdict, reason, layout_shown) = if kind == "path" {
        let configured = resolver::config_value(workspace, app, platform, |config| {
            config
                .fs_require_literal_leading_dot
                .as_ref()
                .map(|dot| dot.value)
        });
        let rules = fs_scope::MatchRules::new(platform, configured);
        let evaluation = fs_scope::evaluate(&layout, rules, &allow, &deny, &input);
        for outcome in evaluation.allow.iter().chain(&evaluation.deny) {
            let resolved = match &outcome.entry {
                fs_scope::EntryPath::Pattern { text, .. } => Some(text.clone()),
                _ => None,
            };
            let note = match &outcome.entry {
                fs_scope::EntryPath::Unavailable { variable } => {
                    Some(format!("skipped: `{variable}` has no directory on {}", platform.name()))
                }
                fs_scope::EntryPath::Pattern { text, variable: None } if text.starts_with('$') => {
                    Some("not a known variable, so Tauri keeps it as a relative path that matches nothing".to_owned())
                }
                _ => outcome.note.clone(),
            };
            checks.push((outcome.matches, resolved, note));
        }
        let (verdict, reason) = match &evaluation.verdict {
            fs_scope::Verdict::Allowed => ("allowed", format!("`{}` is inside the scope", evaluation.path)),
            fs_scope::Verdict::Denied => ("denied", format!("`{}` matches a deny entry of the scope", evaluation.path)),
            fs_scope::Verdict::NotAllowed if allow.is_empty() => (
                "not-allowed",
                "the scope allows no path at all (add a scope to the entry or a scope permission such as `fs:scope-appdata-recursive`)".to_owned(),
            ),
            fs_scope::Verdict::NotAllowed => ("not-allowed", format!("no allow entry of the scope matches `{}`", evaluation.path)),
            fs_scope::Verdict::Failed(why) => ("failed", format!("the call fails: {why}")),
        };
        let mut shown: Vec<(String, String)> = paths::BASE_DIRECTORIES
            .iter()
            .filter(|directory| {
                input.starts_with(directory.variable)
                    || entries.iter().any(|entry| {
                        fs_scope::entry_path(entry.value)
                            .is_some_and(|path| path.starts_with(directory.variable))
                    })
            })
            .filter_map(|directory| {
                Some((
                    directory.variable.to_owned(),
                    layout.directory(directory.variable)?,
                ))
            })
            .collect();
        shown.sort();
        shown.dedup();
        (evaluation.path, verdict, reason, shown)
    } else {
        let evaluation = url_scope::evaluate(&allow, &deny, &input);
        for outcome in evaluation.allow.iter().chain(&evaluation.deny) {
            // The pattern is the value's own text: nothing to add.
            checks.push((outcome.matches, None, None));
        }
        let (verdict, reason) = match &evaluation.verdict {
            url_scope::Verdict::Allowed => ("allowed", format!("`{input}` is inside the scope")),
            url_scope::Verdict::Denied => (
                "denied",
                format!("`{input}` matches a deny entry of the scope"),
            ),
            url_scope::Verdict::NotAllowed if allow.is_empty() => (
                "not-allowed",
                "the scope allows no URL at all (add `{ \"url\": \"https://…\" }` to the entry)"
                    .to_owned(),
            ),
            url_scope::Verdict::NotAllowed => (
                "not-allowed",
                format!("no allow entry of the scope matches `{input}`"),
            ),
            url_scope::Verdict::Failed(why) => ("failed", format!("the call fails: {why}")),
        };
        (input.clone(), verdict, reason, Vec::new())
    };
    // Entries were evaluated allow-first, then deny: line them up with their sources.
    let ordered = entries
        .iter()
        .filter(|entry| entry.list == "allow")
        .chain(entries.iter().filter(|entry| entry.list == "deny"));
    let entries = ordered
        .zip(checks)
        .map(|(entry, (matches, resolved, note))| ScopeEntryCheck {
            list: entry.list,
            source: entry.source,
            capability: entry.capability.clone(),
            permission: entry.permission.clone(),
            value: entry.value.clone(),
            resolved,
            matches,
            note,
        })
        .collect();
    Some(ScopeCheck {
        kind,
        input,
        resolved,
        verdict,
        reason,
        entries,
        layout: layout_shown,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ide::fixture;

    const APP: &str = r#"
//- /app/src-tauri/tauri.conf.json
{ "identifier": "com.tauri.notes",
  "app": { "windows": [{ "label": "main" }, { "label": "settings" }], "security": { "csp": "default-src 'self'" } } }
//- /app/src-tauri/permissions/greet.toml
[[permission]]
identifier = "allow-greet"
commands.allow = ["greet"]
[[permission]]
identifier = "deny-greet"
commands.deny = ["greet"]
[[permission]]
identifier = "allow-read"
commands.allow = ["read_note"]
//- /app/src-tauri/capabilities/main.json
{ "identifier": "main", "windows": ["main"],
  "permissions": ["allow-greet",
    { "identifier": "allow-read", "allow": [{ "path": "$HOME/**" }], "deny": [{ "path": "$HOME/secret/*" }] }] }
//- /app/src-tauri/capabilities/remote.json
{ "identifier": "remote", "windows": ["*"], "local": false,
  "remote": { "urls": ["https://*.tauri.app"] }, "permissions": ["deny-greet"] }
"#;

    fn check(query: WhyQuery) -> String {
        check_in(APP, query)
    }

    fn check_in(app: &str, query: WhyQuery) -> String {
        let world = fixture::world(app);
        let display = |path: &Path| path.display().to_string();
        let report = why(
            &world,
            &WhyQuery {
                platforms: Some(vec![Platform::Linux]),
                ..query
            },
            &display,
        );
        let platform = &report.apps[0].platforms[0];
        let mut out = format!("{}\n", platform.summary);
        for capability in &platform.capabilities {
            out.push_str(&format!(
                "  {} {}: {}\n",
                if capability.applies { "+" } else { "-" },
                capability.identifier,
                capability.reason
            ));
        }
        if let Some(scope) = &platform.scope {
            out.push_str(&format!("  scope {} → {}\n", scope.input, scope.resolved));
            for entry in &scope.entries {
                out.push_str(&format!(
                    "    {} {} {} {}{}\n",
                    entry.list,
                    entry.value,
                    entry.resolved.as_deref().unwrap_or("-"),
                    if entry.matches { "matches" } else { "no match" },
                    entry
                        .note
                        .as_deref()
                        .map(|note| format!(" ({note})"))
                        .unwrap_or_default()
                ));
            }
        }
        for note in &platform.notes {
            out.push_str(&format!("  note: {note}\n"));
        }
        out
    }

    fn query(command: &str, window: &str) -> WhyQuery {
        WhyQuery {
            command: command.to_owned(),
            window: window.to_owned(),
            ..WhyQuery::default()
        }
    }

    #[test]
    fn allowed_in_its_window() {
        insta::assert_snapshot!(check(query("greet", "main")), @r"
        allowed: `allow-greet` in capability `main` allows `greet`
          + main: window pattern `main` matches `main`
          - remote: for https://*.tauri.app only
        ");
    }

    #[test]
    fn not_allowed_in_another_window() {
        insta::assert_snapshot!(check(query("greet", "settings")), @r"
        denied: `greet` is allowed only for other windows (capability `main` through `allow-greet`)
          - main: its patterns (`main`) match neither window `settings` nor webview `settings`
          - remote: for https://*.tauri.app only
        ");
    }

    #[test]
    fn a_deny_for_the_origin_wins_in_every_window() {
        let mut remote = query("greet", "main");
        remote.url = Some("https://v2.tauri.app/start".to_owned());
        insta::assert_snapshot!(check(remote), @r"
        denied: `deny-greet` in capability `remote` denies `greet` for pages at https://v2.tauri.app/start, in every window; a deny wins over any allow
          - main: for the app's own pages only
          + remote: window pattern `*` matches `main`
        ");
    }

    #[test]
    fn paths_against_the_scope() {
        let mut inside = query("read_note", "main");
        inside.path = Some("$HOME/notes/a.md".to_owned());
        insta::assert_snapshot!(check(inside), @r#"
        allowed: `allow-read` in capability `main` allows `read_note`, and `/home/user/notes/a.md` is inside the scope
          + main: window pattern `main` matches `main`
          - remote: for https://*.tauri.app only
          scope $HOME/notes/a.md → /home/user/notes/a.md
            allow {"path":"$HOME/**"} /home/user/** matches
            deny {"path":"$HOME/secret/*"} /home/user/secret/* no match
        "#);
        let mut dot = query("read_note", "main");
        dot.path = Some("$APPCONFIG/settings.json".to_owned());
        insta::assert_snapshot!(check(dot), @r#"
        denied by the scope: `allow-read` in capability `main` allows `read_note`, but no allow entry of the scope matches `/home/user/.config/com.tauri.notes/settings.json`
          + main: window pattern `main` matches `main`
          - remote: for https://*.tauri.app only
          scope $APPCONFIG/settings.json → /home/user/.config/com.tauri.notes/settings.json
            allow {"path":"$HOME/**"} /home/user/** no match (a wildcard does not match a name starting with `.` here; name the dot-folder literally or set `plugins.fs.requireLiteralLeadingDot` to false)
            deny {"path":"$HOME/secret/*"} /home/user/secret/* no match
        "#);
        let mut secret = query("read_note", "main");
        secret.path = Some("/home/user/secret/key".to_owned());
        let report = check(secret);
        assert!(report.starts_with("denied by the scope"), "{report}");
        assert!(report.contains("matches a deny entry"), "{report}");
    }

    #[test]
    fn command_spellings_and_unknown_commands() {
        let world = fixture::world(APP);
        let app = &world.workspace.apps[0];
        assert_eq!(
            authority::command_target(app, "plugin:fs|read_file").command,
            "plugin:fs|read_file"
        );
        assert_eq!(
            authority::command_target(app, "fs.read_file").command,
            "plugin:fs|read_file"
        );
        assert_eq!(authority::command_target(app, "fs|read_file").key, "fs");
        assert_eq!(authority::command_target(app, "greet").key, APP_KEY);
        let report = check(query("gret", "main"));
        assert!(report.contains("did you mean `greet`?"), "{report}");
    }

    /// The official template: a `greet` command and no permissions of the app's own.
    const TEMPLATE: &str = r#"
//- /app/src-tauri/tauri.conf.json
{ "app": { "windows": [{ "label": "main" }], "security": { "csp": "default-src 'self'" } } }
//- /app/src-tauri/src/lib.rs
#[tauri::command]
fn greet(name: &str) -> String { format!("Hello, {}!", name) }
//- /app/src-tauri/capabilities/default.json
{ "identifier": "default", "windows": ["main"], "permissions": ["core:default"] }
//- /app/src-tauri/capabilities/remote.json
{ "identifier": "remote", "windows": ["main"], "remote": { "urls": ["https://tauri.app"] },
  "permissions": ["core:default"] }
"#;

    #[test]
    fn app_commands_without_app_permissions_are_not_checked_for_local_pages() {
        insta::assert_snapshot!(check_in(TEMPLATE, query("greet", "main")), @r"
        allowed: the app defines no permissions of its own, so Tauri lets its own pages in every window call its commands without consulting any capability (`greet` included)
          + default: window pattern `main` matches `main`
          + remote: window pattern `main` matches `main`
        ");
        let mut remote = query("greet", "main");
        remote.url = Some("https://tauri.app/".to_owned());
        insta::assert_snapshot!(check_in(TEMPLATE, remote), @r"
        denied: no capability allows `greet`
          - default: for the app's own pages only
          + remote: window pattern `main` matches `main`
          note: the app defines no permissions of its own, so Tauri checks its commands only for remote pages, and no capability can allow them there; define app permissions in `permissions/` to grant them
        ");
        // Plugin commands are checked either way.
        let report = check_in(TEMPLATE, query("plugin:fs|read_file", "main"));
        assert!(report.starts_with("denied"), "{report}");
        // Tauri's channel data command never is.
        let report = check_in(TEMPLATE, query("plugin:__TAURI_CHANNEL__|fetch", "main"));
        assert!(
            report.starts_with("allowed: Tauri never checks its channel data command"),
            "{report}"
        );
        assert!(!report.contains("note:"), "{report}");
    }

    #[test]
    fn an_allowed_command_with_no_scope_anywhere_is_refused_by_the_plugin() {
        let app = r#"
//- /src-tauri/tauri.conf.json
{ "app": { "windows": [{ "label": "main" }] } }
//- /src-tauri/capabilities/default.json
{ "identifier": "default", "windows": ["main"], "permissions": ["shell:allow-execute"] }
//- /src-tauri/plugins/shell/permissions/shell.toml plugin:shell
[[permission]]
identifier = "allow-execute"
commands.allow = ["execute"]
"#;
        let world = fixture::world(app);
        let display = |path: &Path| path.display().to_string();
        let mut query = query("plugin:shell|execute", "main");
        query.platforms = Some(vec![Platform::Linux]);
        let report = why(&world, &query, &display);
        let platform = &report.apps[0].platforms[0];
        assert!(!platform.allowed);
        insta::assert_snapshot!(platform.summary, @r"denied by the scope: `shell:allow-execute` in capability `default` allows `plugin:shell|execute`, but no scope reaches the call (no allowing grant has one, and the `shell` plugin has no global scope), so the plugin refuses every call");
        // With a scope anywhere, the ACL's answer stands.
        let scoped = app.replace(
            r#""shell:allow-execute""#,
            r#"{ "identifier": "shell:allow-execute", "allow": [{ "name": "ls", "cmd": "ls" }] }"#,
        );
        let world = fixture::world(&scoped);
        let report = why(&world, &query, &display);
        assert!(report.apps[0].platforms[0].allowed);
    }
}
