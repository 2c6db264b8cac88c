//! Scope values read the way the plugin will read them at run time.
//!
//! Every `allow`/`deny` value of a capability entry or of a permission in a file the
//! user owns is checked against its plugin's global scope schema when the catalogue has
//! one (it comes from `acl-manifests.json`, after a build), else against the shapes
//! the official plugins deserialize (fs and http: a string or `{ path }`/`{ url }`;
//! shell: `{ name, cmd | sidecar, args }`; opener: `{ url | path, app }`), which is said
//! to be a partial check. A value
//! the plugin cannot deserialize fails every call of the command (`invalid-scope`, an
//! error); a key the plugin ignores is a warning. For fs, http, shell and opener the run-time
//! reader has the last word even beside a schema: what only the schema refuses (the
//! shell schema splits `cmd` and `sidecar`, which the plugin reads together) is a hint. Then the values themselves: paths
//! whose first component is not a variable Tauri expands (`unknown-path-variable`),
//! fs globs the glob crate refuses and http URL patterns `urlpattern` refuses (the call
//! fails), shell validators the regex crate refuses (the shell plugin panics), and
//! wildcard fs grants over the home folder or the disk that cannot reach dot-files
//! where the fs plugin requires a literal leading dot (`dotfiles-unreachable`).

use std::collections::HashMap;

use serde_json::Value;

use super::{AppContext, Diagnostic, Fix, TextEdit, platforms_for};
use crate::diagnostic::{Code, Severity};
use crate::ide::FileRange;
use crate::ide::scope_shapes::{schema_keys, used_scope_keys};
use crate::ide::suggest;
use crate::ide::wording::{and_list, capitalize, or_list};
use crate::model::reader::{closest, quote_like};
use crate::model::{Platform, ScopeValue};
use crate::resolver::paths::{self, BASE_DIRECTORIES};
use crate::resolver::{self, fs_scope, pattern::RemoteUrlPattern};
use crate::syntax::{NodeId, NodeKind, Tree};
use crate::text::{TextRange, TextSize};
use crate::workspace::FileId;
use crate::workspace::catalogue::APP_KEY;

/// One scope value and what it belongs to.
struct Site<'a> {
    file: FileId,
    key: String,
    value: &'a ScopeValue,
    is_allow: bool,
    /// Written in a capability (rather than in a plugin's permission file).
    in_capability: bool,
    /// Granted only with commands that never read a scope.
    ignored: bool,
    platforms: Vec<Platform>,
}

/// Commands of official plugins that take no scope, so scope values granted with them
/// are never read (tauri-plugin-shell `commands.rs`: `open` has no `CommandScope`).
const SCOPELESS_COMMANDS: &[(&str, &str)] = &[("shell", "open")];

pub(super) fn check(context: &AppContext<'_>, acc: &mut Vec<Diagnostic>) {
    let mut validators: HashMap<String, Option<jsonschema::Validator>> = HashMap::new();
    acc.extend(ignored_scopes(context));
    for site in sites(context) {
        if site.ignored {
            continue;
        }
        let source = context.workspace.file(site.file);
        let Some(parse) = &source.parse else {
            continue;
        };
        let file = File {
            id: site.file,
            tree: &parse.tree,
            text: &source.text,
        };
        let plugin = context.app.catalogue.get(&site.key);
        let schema = plugin.and_then(|plugin| plugin.global_scope_schema.as_ref());
        let shape_findings = match schema {
            Some(schema) => {
                let validator = validators
                    .entry(site.key.clone())
                    .or_insert_with(|| jsonschema::validator_for(schema).ok());
                let by_schema = match validator {
                    Some(validator) => schema_check(validator, schema, &file, &site),
                    None => Vec::new(),
                };
                if has_runtime_reader(&site.key) {
                    beside_the_runtime_reader(
                        &file,
                        by_schema,
                        shape_check(context, &file, &site, ""),
                        &site.key,
                    )
                } else {
                    by_schema
                }
            }
            // Without the plugin, nothing says which commands read the scope.
            None if plugin.is_none() => Vec::new(),
            None => shape_check(context, &file, &site, PARTIAL),
        };
        acc.extend(shape_findings);
        acc.extend(value_check(context, &file, &site));
    }
}

/// Plugins whose run-time scope reader [`shape_check`] mirrors: tauri-plugin-fs and
/// tauri-plugin-http `scope.rs` (`EntryRaw`: a string or `{ path }`/`{ url }`),
/// tauri-plugin-opener `scope_entry.rs` (`{ url | path, app }`),
/// tauri-plugin-shell `scope_entry.rs` (`EntryRaw`: `name`, `cmd`, `args` and `sidecar`
/// read together, `cmd` required unless `sidecar` is true). None of them refuses a key
/// it does not read.
fn has_runtime_reader(key: &str) -> bool {
    matches!(key, "fs" | "http" | "shell" | "opener")
}

/// The schema's findings judged by what the plugin reads at run time: where the run-time
/// reader accepts what the schema refuses, the schema is only stricter, which is worth a
/// hint and never more; what both refuse is said once, in the schema's words; what only
/// the reader refuses is said in its words.
fn beside_the_runtime_reader(
    file: &File<'_>,
    by_schema: Vec<Diagnostic>,
    at_run_time: Vec<Diagnostic>,
    plugin: &str,
) -> Vec<Diagnostic> {
    let refused: Vec<TextRange> = at_run_time.iter().map(|found| found.range).collect();
    let flagged: Vec<TextRange> = by_schema.iter().map(|found| found.range).collect();
    let mut out = Vec::new();
    for mut found in by_schema {
        // Both refuse it: the schema's words are the more precise.
        if !refused.contains(&found.range) && found.severity > Severity::Hint {
            found.severity = Severity::Hint;
            found.fixes.clear();
            let text = crate::text::slice(file.text, found.range);
            let what = if text.len() <= 40 && !text.contains('\n') {
                format!("`{}`", text.trim_matches(['"', '\'']))
            } else {
                "this entry".to_owned()
            };
            found.message = format!(
                "the `{plugin}` plugin's schema refuses {what} here, but the plugin reads it at run time, so calls work: the schema is only stricter than the plugin"
            );
        }
        out.push(found);
    }
    out.extend(
        at_run_time
            .into_iter()
            .filter(|found| !flagged.contains(&found.range)),
    );
    out
}

/// Whether every command entry `index` grants is one that reads no scope.
fn only_scopeless(
    context: &AppContext<'_>,
    reference: resolver::CapabilityRef,
    index: usize,
) -> bool {
    let Some(resolution) = context
        .resolutions
        .get(&reference)
        .and_then(|list| list.first())
    else {
        return false;
    };
    let Some(reached) = resolution.of_entry(index) else {
        return false;
    };
    !reached.grants.is_empty()
        && reached.grants.iter().all(|grant| {
            SCOPELESS_COMMANDS
                .iter()
                .any(|(key, command)| grant.key == *key && grant.command_name() == *command)
        })
}

/// A scope on an entry whose commands never read one: said once, as a warning.
fn ignored_scopes(context: &AppContext<'_>) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for reference in context.wanted_capabilities() {
        let Some(capability) = context.capability(*reference) else {
            continue;
        };
        for (index, entry) in capability.entries().iter().enumerate() {
            let Some(scope) = &entry.scope else {
                continue;
            };
            let range = match (&scope.allow, &scope.deny) {
                (Some(list), _) | (None, Some(list)) => list.range,
                (None, None) => continue,
            };
            if only_scopeless(context, *reference, index) {
                let mut diagnostic = Diagnostic::new(
                    Code::InvalidScope,
                    reference.file,
                    range,
                    format!(
                        "`{}` grants commands that read no scope, so the plugin ignores this one",
                        entry.identifier.value
                    ),
                );
                diagnostic.severity = Severity::Warning;
                if entry.identifier.value == "shell:allow-open" {
                    diagnostic = diagnostic.note(
                        "help: the shell plugin's `open` is limited by `plugins.shell.open` in the Tauri config instead",
                    );
                }
                out.push(diagnostic);
            }
        }
    }
    out
}

fn sites<'a>(context: &AppContext<'a>) -> Vec<Site<'a>> {
    let mut sites = Vec::new();
    for reference in context.wanted_capabilities() {
        let Some(capability) = context.capability(*reference) else {
            continue;
        };
        let platforms = platforms_for(context.app, capability);
        for (index, entry) in capability.entries().iter().enumerate() {
            let (Ok(identifier), Some(scope)) = (&entry.parsed, &entry.scope) else {
                continue;
            };
            let Some(key) = identifier.prefix() else {
                continue;
            };
            let ignored = only_scopeless(context, *reference, index);
            for (list, is_allow) in [(&scope.allow, true), (&scope.deny, false)] {
                for value in list.iter().flat_map(|list| &list.value) {
                    sites.push(Site {
                        file: reference.file,
                        key: key.to_owned(),
                        value,
                        is_allow,
                        in_capability: true,
                        ignored,
                        platforms: platforms.clone(),
                    });
                }
            }
        }
    }
    for file in context
        .owned_manifests
        .iter()
        .filter(|file| context.wants(**file))
    {
        let Some(manifest) = context.workspace.file(*file).permission_file() else {
            continue;
        };
        let Some(plugin) = context
            .app
            .catalogue
            .plugins
            .values()
            .find(|plugin| plugin.files.contains(file))
        else {
            continue;
        };
        if plugin.key == APP_KEY {
            continue;
        }
        for permission in &manifest.permissions {
            for (list, is_allow) in [
                (&permission.scope_allow, true),
                (&permission.scope_deny, false),
            ] {
                for value in list.iter().flat_map(|list| &list.value) {
                    sites.push(Site {
                        file: *file,
                        key: plugin.key.clone(),
                        value,
                        is_allow,
                        in_capability: false,
                        ignored: false,
                        platforms: context.app.platforms.clone(),
                    });
                }
            }
        }
    }
    sites
}

struct File<'a> {
    id: FileId,
    tree: &'a Tree,
    text: &'a str,
}

fn entry_name(key: &str) -> String {
    format!("a scope entry of `{key}`")
}

/// The opening character of an object or array, where a "missing key" points.
fn opening(tree: &Tree, node: NodeId) -> TextRange {
    let range = tree.range(node);
    let end = (range.start() + TextSize::from(1)).min(range.end());
    TextRange::new(range.start(), end)
}

fn rename_key_fix(file: &File<'_>, member: &crate::syntax::Member, to: &str) -> Fix {
    Fix {
        label: format!("Rename `{}` to `{to}`", member.key),
        edits: vec![TextEdit {
            location: FileRange {
                file: file.id,
                range: member.key_range,
            },
            new_text: quote_like(file.text, member, to),
        }],
        ..Fix::default()
    }
}

/// A required key is missing: point at a misspelling of it when there is one.
fn missing_key(
    file: &File<'_>,
    object: NodeId,
    key: &str,
    plugin: &str,
    partial: &str,
) -> Diagnostic {
    let members = file.tree.object(object).unwrap_or(&[]);
    let typo = members
        .iter()
        .find(|member| closest(&member.key, &[key]).is_some() && member.key != key);
    let consequence = format!(
        "the `{plugin}` plugin cannot read the entry, so every call that uses this scope fails"
    );
    match typo {
        Some(member) => Diagnostic::new(
            Code::InvalidScope,
            file.id,
            member.key_range,
            format!(
                "{} needs `{key}`: did you mean `{key}` for `{}`? As written, {consequence}{partial}",
                capitalize(&entry_name(plugin)),
                member.key
            ),
        )
        .fixes_with(Some(rename_key_fix(file, member, key))),
        None => Diagnostic::new(
            Code::InvalidScope,
            file.id,
            opening(file.tree, object),
            format!("{} needs `{key}`: {consequence}{partial}", capitalize(&entry_name(plugin))),
        ),
    }
}

fn unknown_key(
    file: &File<'_>,
    member: &crate::syntax::Member,
    known: &[&str],
    plugin: &str,
    partial: &str,
) -> Diagnostic {
    let suggestion = closest(&member.key, known);
    let mut message = format!(
        "`{}` is not a key of `{plugin}` scope entries: the plugin ignores it",
        member.key
    );
    if let Some(suggestion) = suggestion {
        message.push_str(&format!("; did you mean `{suggestion}`?"));
    } else if !known.is_empty() {
        let keys: Vec<String> = known.iter().map(|key| format!("`{key}`")).collect();
        message.push_str(&format!(" (it reads {})", keys.join(", ")));
    }
    message.push_str(partial);
    let mut diagnostic = Diagnostic::new(Code::InvalidScope, file.id, member.key_range, message);
    diagnostic.severity = Severity::Warning;
    diagnostic.fixes_with(suggestion.map(|to| rename_key_fix(file, member, to)))
}

fn json_type(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

// ---------------------------------------------------------------------------------------
// Against the plugin's schema
// ---------------------------------------------------------------------------------------

/// The node an instance path leads to, or the deepest one that exists.
fn node_at(tree: &Tree, root: NodeId, path: &jsonschema::paths::Location) -> NodeId {
    let mut node = root;
    for segment in path.segments() {
        let next = match segment {
            jsonschema::paths::LocationSegment::Property(key) => tree.get(node, &key),
            jsonschema::paths::LocationSegment::Index(index) => match tree.kind(node) {
                NodeKind::Array(_) => tree.array(node).and_then(|items| items.get(index).copied()),
                _ => tree.get(node, &index.to_string()),
            },
        };
        match next {
            Some(next) => node = next,
            None => break,
        }
    }
    node
}

/// The errors that explain a failure: for `anyOf`/`oneOf`, those of the branch closest
/// to the value (one whose type fits, with the fewest errors), not every branch's.
fn leaves<'e>(
    error: &'e jsonschema::ValidationError<'static>,
    out: &mut Vec<&'e jsonschema::ValidationError<'static>>,
) {
    use jsonschema::error::ValidationErrorKind as Kind;
    let branches = match error.kind() {
        Kind::AnyOf { context } | Kind::OneOfNotValid { context } => context,
        _ => {
            out.push(error);
            return;
        }
    };
    let root = error.instance_path().as_str().to_owned();
    let fits = |branch: &Vec<jsonschema::ValidationError<'static>>| {
        !branch.iter().any(|inner| {
            matches!(inner.kind(), Kind::Type { .. }) && inner.instance_path().as_str() == root
        })
    };
    match branches
        .iter()
        .filter(|branch| fits(branch))
        .min_by_key(|branch| branch.len())
    {
        Some(branch) => {
            for inner in branch {
                leaves(inner, out);
            }
        }
        None => out.push(error),
    }
}

fn schema_check(
    validator: &jsonschema::Validator,
    schema: &Value,
    file: &File<'_>,
    site: &Site<'_>,
) -> Vec<Diagnostic> {
    use jsonschema::error::ValidationErrorKind as Kind;
    let errors: Vec<jsonschema::ValidationError<'static>> = validator
        .iter_errors(&site.value.value)
        .map(|error| error.to_owned())
        .collect();
    let mut found = Vec::new();
    for error in &errors {
        leaves(error, &mut found);
    }
    let known_keys: Vec<String> = schema_keys(schema)
        .into_iter()
        .map(|key| key.name)
        .collect();
    let known: Vec<&str> = known_keys.iter().map(String::as_str).collect();
    let plugin = site.key.as_str();
    let mut out = Vec::new();
    for error in found {
        let node = node_at(file.tree, site.value.node, error.instance_path());
        let diagnostic = match error.kind() {
            Kind::Required { property } => {
                let property = property.as_str().unwrap_or_default();
                missing_key(file, node, property, plugin, "")
            }
            Kind::AdditionalProperties { unexpected } => {
                for key in unexpected {
                    if let Some(member) = file.tree.member(node, key) {
                        out.push(unknown_key(file, member, &known, plugin, ""));
                    }
                }
                continue;
            }
            Kind::Type { .. } | Kind::AnyOf { .. } | Kind::OneOfNotValid { .. } => {
                let actual = json_type(&file.tree.to_json(node));
                let mut expected = Vec::new();
                expected_types(error, &mut expected);
                let place = match describe_place(error.instance_path()) {
                    place if place == "the value" => capitalize(&entry_name(plugin)),
                    place => format!("{place} in {}", entry_name(plugin)),
                };
                Diagnostic::new(
                    Code::InvalidScope,
                    file.id,
                    file.tree.range(node),
                    format!(
                        "{place} is {actual}, but the schema wants {}, so every call that uses this scope fails",
                        or_list(&expected)
                    ),
                )
            }
            _ => Diagnostic::new(
                Code::InvalidScope,
                file.id,
                file.tree.range(node),
                format!(
                    "{} in {}: {error}, so every call that uses this scope fails",
                    describe_place(error.instance_path()),
                    entry_name(plugin)
                ),
            ),
        };
        out.push(diagnostic);
    }
    out
}

/// The types a failed `type`, `anyOf` or `oneOf` check wanted at its own place.
fn expected_types(error: &jsonschema::ValidationError<'static>, out: &mut Vec<&'static str>) {
    use jsonschema::error::{TypeKind, ValidationErrorKind as Kind};
    let name = |kind: jsonschema::JsonType| match kind {
        jsonschema::JsonType::Array => "a list",
        jsonschema::JsonType::Boolean => "a boolean",
        jsonschema::JsonType::Integer | jsonschema::JsonType::Number => "a number",
        jsonschema::JsonType::Null => "null",
        jsonschema::JsonType::Object => "an object",
        jsonschema::JsonType::String => "a string",
    };
    let here = error.instance_path().as_str();
    match error.kind() {
        Kind::Type {
            kind: TypeKind::Single(kind),
        } => out.push(name(*kind)),
        Kind::Type {
            kind: TypeKind::Multiple(kinds),
        } => out.extend(kinds.iter().map(name)),
        Kind::AnyOf { context } | Kind::OneOfNotValid { context } => {
            for inner in context.iter().flatten() {
                if inner.instance_path().as_str() == here {
                    expected_types(inner, out);
                }
            }
        }
        _ => {}
    }
    let mut seen = Vec::new();
    out.retain(|kind| {
        let fresh = !seen.contains(kind);
        seen.push(*kind);
        fresh
    });
}

fn describe_place(path: &jsonschema::paths::Location) -> String {
    if path.is_empty() {
        "the value".to_owned()
    } else {
        format!(
            "`{}`",
            path.as_str().trim_start_matches('/').replace('/', ".")
        )
    }
}

// ---------------------------------------------------------------------------------------
// Against the shapes the official plugins read (no schema yet)
// ---------------------------------------------------------------------------------------

const PARTIAL: &str = " (a partial check: the plugin's schema is only known after a build writes `gen/schemas/acl-manifests.json`)";

/// `partial` ends messages: [`PARTIAL`] when the plugin's schema is unknown, empty when
/// the check runs beside the schema's.
fn shape_check(
    context: &AppContext<'_>,
    file: &File<'_>,
    site: &Site<'_>,
    partial: &str,
) -> Vec<Diagnostic> {
    let node = site.value.node;
    let tree = file.tree;
    let plugin = site.key.as_str();
    let mut out = Vec::new();
    // The key a string shorthand stands for, for plugins whose entries may be strings.
    let single = match plugin {
        "fs" => Some("path"),
        "http" => Some("url"),
        _ => None,
    };
    match (plugin, tree.kind(node)) {
        ("fs" | "http", NodeKind::String(_)) => {}
        ("fs" | "http", NodeKind::Object(_)) => {
            let key = single.unwrap_or_default();
            match tree.get(node, key) {
                None => out.push(missing_key(file, node, key, plugin, partial)),
                Some(value) if !matches!(tree.kind(value), NodeKind::String(_)) => {
                    out.push(wrong_type(file, value, key, "a string", plugin, partial));
                }
                Some(_) => {}
            }
            for member in tree.object(node).unwrap_or(&[]) {
                if member.key != key && closest(&member.key, &[key]).is_none() {
                    out.push(unknown_key(file, member, &[key], plugin, partial));
                }
            }
        }
        ("fs" | "http", _) => out.push(Diagnostic::new(
            Code::InvalidScope,
            file.id,
            tree.range(node),
            format!(
                "{} is {}, but it must be a string or an object with `{}`, so every call that uses this scope fails{partial}",
                capitalize(&entry_name(plugin)),
                json_type(&site.value.value),
                single.unwrap_or_default()
            ),
        )),
        ("shell", NodeKind::Object(_)) => out.extend(shell_shape(file, node, partial)),
        ("shell", _) => out.push(Diagnostic::new(
            Code::InvalidScope,
            file.id,
            tree.range(node),
            format!(
                "A scope entry of `shell` is {}, but it must be an object with `name` and `cmd` (or `sidecar: true`), so every call that uses this scope fails{partial}",
                json_type(&site.value.value)
            ),
        )),
        ("opener", NodeKind::Object(_)) => out.extend(opener_shape(file, node, partial)),
        ("opener", NodeKind::Array(_)) => {}
        ("opener", _) => out.push(Diagnostic::new(
            Code::InvalidScope,
            file.id,
            tree.range(node),
            format!(
                "A scope entry of `opener` is {}, but it must be an object with `url` or `path`, so every call that uses this scope fails{partial}",
                json_type(&site.value.value)
            ),
        )),
        (_, NodeKind::Object(_)) => {
            // Another plugin: only misspellings of keys its own permissions use.
            let Some(plugin_entry) = context.app.catalogue.get(plugin) else {
                return out;
            };
            let used: Vec<String> = used_scope_keys(plugin_entry).into_iter().map(|key| key.name).collect();
            let used: Vec<&str> = used.iter().map(String::as_str).collect();
            for member in tree.object(node).unwrap_or(&[]) {
                if used.contains(&member.key.as_str()) {
                    continue;
                }
                if let Some(suggestion) = closest(&member.key, &used) {
                    let mut diagnostic = Diagnostic::new(
                        Code::InvalidScope,
                        file.id,
                        member.key_range,
                        format!(
                            "`{}` is not a key the `{plugin}` permissions use; did you mean `{suggestion}`?{partial}",
                            member.key
                        ),
                    );
                    diagnostic.severity = Severity::Warning;
                    out.push(diagnostic.fixes_with(Some(rename_key_fix(file, member, suggestion))));
                }
            }
        }
        _ => {}
    }
    out
}

fn wrong_type(
    file: &File<'_>,
    node: NodeId,
    key: &str,
    expected: &str,
    plugin: &str,
    partial: &str,
) -> Diagnostic {
    Diagnostic::new(
        Code::InvalidScope,
        file.id,
        file.tree.range(node),
        format!(
            "`{key}` in {} is {}, but it must be {expected}, so every call that uses this scope fails{partial}",
            entry_name(plugin),
            json_type(&file.tree.to_json(node))
        ),
    )
}

/// tauri-plugin-opener `scope_entry.rs`: `{ url, app }` or `{ path, app }` (untagged,
/// unknown keys ignored), `app` being null, a boolean or a program name.
fn opener_shape(file: &File<'_>, node: NodeId, partial: &str) -> Vec<Diagnostic> {
    const KEYS: &[&str] = &["url", "path", "app"];
    let tree = file.tree;
    let mut out = Vec::new();
    let url = tree.get(node, "url");
    let path = tree.get(node, "path");
    match (url, path) {
        (None, None) => {
            let members = tree.object(node).unwrap_or(&[]);
            let typo = members
                .iter()
                .find_map(|member| closest(&member.key, &["url", "path"]).map(|key| (member, key)));
            out.push(match typo {
                // `missing_key` points at the misspelling and offers the rename.
                Some((_, key)) => missing_key(file, node, key, "opener", partial),
                None => Diagnostic::new(
                    Code::InvalidScope,
                    file.id,
                    opening(tree, node),
                    format!(
                        "A scope entry of `opener` needs `url` or `path`: the `opener` plugin cannot read the entry, so every call that uses this scope fails{partial}"
                    ),
                ),
            });
        }
        _ => {
            // The plugin tries `{ url }` first, then `{ path }`: one of them must be a string.
            let fits = |value: Option<NodeId>| {
                value.is_some_and(|value| matches!(tree.kind(value), NodeKind::String(_)))
            };
            if !fits(url) && !fits(path) {
                let (key, value) = match url {
                    Some(value) => ("url", value),
                    None => ("path", path.unwrap_or(node)),
                };
                out.push(wrong_type(file, value, key, "a string", "opener", partial));
            }
        }
    }
    if let Some(app) = tree.get(node, "app")
        && !matches!(
            tree.kind(app),
            NodeKind::Null | NodeKind::Bool(_) | NodeKind::String(_)
        )
    {
        out.push(wrong_type(
            file,
            app,
            "app",
            "`true`, `false`, null or a program name",
            "opener",
            partial,
        ));
    }
    // Suggest only keys the entry lacks: a second of `url` and `path` is never read.
    let absent: Vec<&str> = KEYS
        .iter()
        .copied()
        .filter(|key| match *key {
            "url" | "path" => url.is_none() && path.is_none(),
            key => tree.get(node, key).is_none(),
        })
        .collect();
    for member in tree.object(node).unwrap_or(&[]) {
        let the_missing_key =
            url.is_none() && path.is_none() && closest(&member.key, &["url", "path"]).is_some();
        if !KEYS.contains(&member.key.as_str()) && !the_missing_key {
            out.push(unknown_key(file, member, &absent, "opener", partial));
        }
    }
    out
}

/// tauri-plugin-shell `scope_entry.rs`: `name`, `cmd` unless `sidecar` is true, `args`
/// as a boolean or a list of strings and `{ validator, raw }` objects.
fn shell_shape(file: &File<'_>, node: NodeId, partial: &str) -> Vec<Diagnostic> {
    const KEYS: &[&str] = &["name", "cmd", "args", "sidecar"];
    let tree = file.tree;
    let mut out = Vec::new();
    for (key, expected) in [
        ("name", "a string"),
        ("cmd", "a string"),
        ("sidecar", "a boolean"),
    ] {
        if let Some(value) = tree.get(node, key) {
            let fits = match expected {
                "a boolean" => matches!(tree.kind(value), NodeKind::Bool(_)),
                _ => matches!(tree.kind(value), NodeKind::String(_)),
            };
            if !fits {
                out.push(wrong_type(file, value, key, expected, "shell", partial));
            }
        }
    }
    if tree.get(node, "name").is_none() {
        out.push(missing_key(file, node, "name", "shell", partial));
    }
    let sidecar = tree
        .get(node, "sidecar")
        .and_then(|value| tree.bool(value))
        .unwrap_or(false);
    if !sidecar && tree.get(node, "cmd").is_none() {
        out.push(missing_key(file, node, "cmd", "shell", partial));
    }
    if let Some(args) = tree.get(node, "args") {
        match tree.kind(args) {
            NodeKind::Bool(_) => {}
            NodeKind::Array(_) => {
                for item in tree.array(args).unwrap_or(&[]) {
                    match tree.kind(*item) {
                        NodeKind::String(_) => {}
                        NodeKind::Object(_) if tree.get(*item, "validator").is_some() => {
                            for member in tree.object(*item).unwrap_or(&[]) {
                                if !matches!(member.key.as_str(), "validator" | "raw") {
                                    out.push(unknown_key(file, member, &["validator", "raw"], "shell", partial));
                                }
                            }
                        }
                        _ => out.push(Diagnostic::new(
                            Code::InvalidScope,
                            file.id,
                            tree.range(*item),
                            format!(
                                "A shell argument is {}, but it must be a fixed string or `{{ \"validator\": \"regex\" }}`, so every call that uses this scope fails{partial}",
                                json_type(&tree.to_json(*item))
                            ),
                        )),
                    }
                }
            }
            _ => out.push(wrong_type(
                file,
                args,
                "args",
                "`true`, `false` or a list",
                "shell",
                partial,
            )),
        }
    }
    for member in tree.object(node).unwrap_or(&[]) {
        if !KEYS.contains(&member.key.as_str()) {
            out.push(unknown_key(file, member, KEYS, "shell", partial));
        }
    }
    out
}

// ---------------------------------------------------------------------------------------
// The values: variables, globs, URL patterns, validators, dot-files
// ---------------------------------------------------------------------------------------

fn value_check(context: &AppContext<'_>, file: &File<'_>, site: &Site<'_>) -> Vec<Diagnostic> {
    let tree = file.tree;
    let node = site.value.node;
    let string_at = |key: &str| -> Option<NodeId> {
        match tree.kind(node) {
            NodeKind::String(_) => Some(node),
            NodeKind::Object(_) => tree
                .get(node, key)
                .filter(|value| matches!(tree.kind(*value), NodeKind::String(_))),
            _ => None,
        }
    };
    let mut out = Vec::new();
    match site.key.as_str() {
        "fs" => {
            if let Some(path) = string_at("path") {
                out.extend(path_variable(file, path, &site.platforms));
                out.extend(fs_glob(file, path));
                // A plugin's own broad scope permissions are its author's choice; the
                // app's grants are what the user can change.
                if site.is_allow && site.in_capability {
                    out.extend(dotfiles(context, file, path, &site.platforms));
                }
            }
        }
        "opener" => {
            if let Some(path) = tree.get(node, "path") {
                out.extend(path_variable(file, path, &site.platforms));
            }
        }
        "shell" => {
            if let Some(cmd) = tree.get(node, "cmd") {
                out.extend(path_variable(file, cmd, &site.platforms));
            }
            if let Some(args) = tree.get(node, "args").and_then(|args| tree.array(args)) {
                for item in args {
                    out.extend(shell_validator(file, *item));
                }
            }
        }
        "http" => {
            if let Some(url) = string_at("url") {
                let text = tree.string(url).unwrap_or_default();
                if let Err(error) = RemoteUrlPattern::parse(text) {
                    out.push(Diagnostic::new(
                        Code::InvalidScope,
                        file.id,
                        tree.range(url),
                        format!(
                            "`{text}` is not a valid URL pattern ({error}): the http plugin cannot read the scope, so every call that uses this scope fails"
                        ),
                    ));
                }
            }
        }
        _ => {}
    }
    out
}

fn path_variable(file: &File<'_>, node: NodeId, platforms: &[Platform]) -> Option<Diagnostic> {
    let text = file.tree.string(node)?;
    let range = file.tree.range(node);
    // The variable token: from the start up to the first separator.
    let first = text.split(['/', '\\']).next().unwrap_or_default();
    let token_range = |token: &str| -> TextRange {
        // Inside the literal, after its opening quote when it has one.
        let literal = crate::text::slice(file.text, range);
        let offset = literal.find(token).unwrap_or(0);
        let start = range.start() + TextSize::from(offset as u32);
        TextRange::new(start, start + TextSize::from(token.len() as u32))
    };
    let replace = |token: &str, with: &str| Fix {
        label: format!("Replace `{token}` with `{with}`"),
        edits: vec![TextEdit {
            location: FileRange {
                file: file.id,
                range: token_range(token),
            },
            new_text: with.to_owned(),
        }],
        ..Fix::default()
    };
    if first == "~" {
        return Some(
            Diagnostic::new(
                Code::UnknownPathVariable,
                file.id,
                token_range("~"),
                "`~` is not expanded by Tauri: the path is used literally and matches nothing; use `$HOME`",
            )
            .fixes_with(Some(replace("~", "$HOME"))),
        );
    }
    if let Some(rest) = first.strip_prefix('$') {
        // `$APPDATA*` or `$APPDATA.bak`: a variable glued to more text is not a variable.
        let name_end = rest
            .find(|c: char| !c.is_ascii_alphanumeric() && c != '_')
            .unwrap_or(rest.len());
        let variable = &first[..=name_end];
        match paths::base_directory(first) {
            Some(directory) => {
                let missing: Vec<&str> = platforms
                    .iter()
                    .filter(|platform| !directory.exists_on(**platform))
                    .map(|platform| platform.name())
                    .collect();
                if missing.is_empty() {
                    return None;
                }
                return Some(Diagnostic::new(
                    Code::UnknownPathVariable,
                    file.id,
                    token_range(first),
                    format!(
                        "`{first}` is not a variable on {}: there the path is used literally and matches nothing",
                        and_list(&missing)
                    ),
                ));
            }
            None if paths::base_directory(variable).is_some() => {
                return Some(
                    Diagnostic::new(
                        Code::UnknownPathVariable,
                        file.id,
                        token_range(first),
                        format!(
                            "`{first}` is not expanded: Tauri only expands a variable that is a whole path component, so write `{variable}/{}`",
                            &first[variable.len()..]
                        ),
                    )
                    .fixes_with(Some(replace(first, &format!("{variable}/{}", &first[variable.len()..])))),
                );
            }
            None => {
                let names = BASE_DIRECTORIES.iter().map(|directory| directory.variable);
                // Tauri 1 names that Tauri 2 dropped, and what they meant.
                let renamed = match variable {
                    "$APP" => Some("$APPCONFIG"),
                    "$LOG" => Some("$APPLOG"),
                    _ => None,
                };
                let suggestion =
                    renamed.or_else(|| suggest::closest(variable, names).first().copied());
                let mut message = format!(
                    "`{variable}` is not a base directory Tauri knows: the path is used literally and matches nothing"
                );
                match (renamed, suggestion) {
                    (Some(new), _) => message.push_str(&format!(
                        "; `{variable}` is Tauri 1's name, which Tauri 2 calls `{new}`"
                    )),
                    (None, Some(suggestion)) => {
                        message.push_str(&format!("; did you mean `{suggestion}`?"));
                    }
                    (None, None) => {}
                }
                return Some(
                    Diagnostic::new(
                        Code::UnknownPathVariable,
                        file.id,
                        token_range(variable),
                        message,
                    )
                    .fixes_with(suggestion.map(|to| replace(variable, to))),
                );
            }
        }
    }
    // A variable later in the path is never expanded.
    let later = text
        .split(['/', '\\'])
        .skip(1)
        .find(|part| paths::base_directory(part).is_some())?;
    Some(Diagnostic::new(
        Code::UnknownPathVariable,
        file.id,
        token_range(later),
        format!("`{later}` is only expanded at the start of a path; here it is literal text"),
    ))
}

fn fs_glob(file: &File<'_>, node: NodeId) -> Option<Diagnostic> {
    let text = file.tree.string(node)?;
    let error = glob::Pattern::new(text).err()?;
    Some(Diagnostic::new(
        Code::InvalidScope,
        file.id,
        file.tree.range(node),
        format!(
            "`{text}` is not a valid glob ({} at character {}): the fs plugin cannot build its scope, so every call that uses this scope fails",
            error.msg,
            error.pos + 1
        ),
    ))
}

fn shell_validator(file: &File<'_>, item: NodeId) -> Option<Diagnostic> {
    let tree = file.tree;
    let validator = tree.get(item, "validator")?;
    let text = tree.string(validator)?;
    let raw = tree
        .get(item, "raw")
        .and_then(|raw| tree.bool(raw))
        .unwrap_or(false);
    let regex = if raw {
        text.to_owned()
    } else {
        format!("^{text}$")
    };
    let error = regex::Regex::new(&regex).err()?;
    let reason = error.to_string();
    let reason = reason
        .lines()
        .last()
        .unwrap_or_default()
        .trim()
        .trim_start_matches("error: ");
    Some(Diagnostic::new(
        Code::InvalidScope,
        file.id,
        tree.range(validator),
        format!(
            "`{text}` is not a valid regular expression ({reason}): the shell plugin panics when it reads this scope"
        ),
    ))
}

/// Where the fs plugin's wildcards skip names starting with `.`: every platform but
/// Windows, unless the config turns it off.
fn dotfiles(
    context: &AppContext<'_>,
    file: &File<'_>,
    node: NodeId,
    platforms: &[Platform],
) -> Option<Diagnostic> {
    let text = file.tree.string(node)?;
    let parts: Vec<&str> = text.split(['/', '\\']).collect();
    let (base, wildcard) = match parts.as_slice() {
        ["$HOME", wildcard, ..] => ("`$HOME`", *wildcard),
        ["", wildcard, ..] => ("the whole disk", *wildcard),
        _ => return None,
    };
    if !matches!(wildcard, "*" | "**") {
        return None;
    }
    let strict: Vec<&str> = platforms
        .iter()
        .filter(|platform| {
            let configured =
                resolver::config_value(context.workspace, context.app, **platform, |config| {
                    config
                        .fs_require_literal_leading_dot
                        .as_ref()
                        .map(|dot| dot.value)
                });
            fs_scope::MatchRules::new(**platform, configured).require_literal_leading_dot
        })
        .map(|platform| platform.name())
        .collect();
    if strict.is_empty() {
        return None;
    }
    let example = if base == "`$HOME`" {
        "`$HOME/.config`"
    } else {
        "`/etc/.pwd.lock` or `$HOME/.ssh`"
    };
    Some(
        Diagnostic::new(
            Code::DotfilesUnreachable,
            file.id,
            file.tree.range(node),
            format!(
                "`{text}` looks like it reaches all of {base}, but on {} its wildcards skip hidden files and folders such as {example}",
                and_list(&strict)
            ),
        )
        .note("help: name the hidden folder literally (`$HOME/.config/my-app/**`), or set `plugins.fs.requireLiteralLeadingDot` to false in the Tauri config"),
    )
}

#[cfg(test)]
mod tests;
