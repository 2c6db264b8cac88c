//! Completion in capability files, permission manifests and the Tauri config: permission
//! identifiers, window and webview labels, platforms, capability keys, scope keys, path
//! variables, command names and capability references.
//!
//! [`crate::ide::cursor`] says where the cursor is; this file decides what may go there,
//! from the app's plugin catalogue, labels and Rust sources. Every item carries the edit
//! that replaces the whole token under the cursor (not only the typed prefix), keeping its
//! quote; between array items the edit inserts a new double-quoted string. Items are
//! plain data with byte ranges; the LSP handler converts them.
//!
//! Invariant: no protocol types and no IO. Base-directory variables are Tauri's
//! `BaseDirectory::from_variable` list (tauri 2.12.5 `src/path/mod.rs`).

use std::collections::{BTreeMap, BTreeSet, HashSet};

use crate::ide::cursor::{CapabilitySlot, Cursor, CursorKind, ManifestSlot, Token, cursor};
use crate::ide::diagnostics::platforms_for;
use crate::ide::scope_shapes;
use crate::ide::{FilePosition, World};
use crate::model::capability::CAPABILITY_KEYS;
use crate::model::manifest::Permission;
use crate::model::{Capability, Identifier, Platform};
use crate::resolver::expand::expand;
use crate::resolver::paths::{BASE_DIRECTORIES, BaseDirectory};
use crate::resolver::{self, CapabilityRef};
use crate::syntax::{NodeKind, SourceFormat, Tree};
use crate::text::{TextRange, slice};
use crate::workspace::rust_scan::LabelKind;
use crate::workspace::{APP_KEY, App, FileId, FileModel, Plugin, SourceFile, Workspace};

/// What the client can do with completion items.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CompletionConfig {
    /// Whether edits may be snippets (`$1` placeholders).
    pub snippets: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CompletionKind {
    /// A plugin prefix such as `fs:` or `core:window:`.
    Plugin,
    /// A plugin's (or the app's) default permission set.
    Default,
    Set,
    Permission,
    Window,
    Webview,
    Platform,
    /// A key of a capability or a scope object.
    Key,
    /// A capability identifier in the config's `app.security.capabilities`.
    Capability,
    /// A base-directory variable such as `$APPDATA`.
    Variable,
    /// A command name in a permission's `commands`.
    Command,
}

/// One completion: what to show and the edit to make.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CompletionItem {
    pub label: String,
    pub kind: CompletionKind,
    pub detail: Option<String>,
    /// Markdown.
    pub documentation: Option<String>,
    /// The text replaced: the whole token under the cursor, or an empty range where a
    /// new item is inserted.
    pub edit_range: TextRange,
    pub new_text: String,
    /// Whether `new_text` holds snippet placeholders (only with [`CompletionConfig::snippets`]).
    pub is_snippet: bool,
    pub sort_text: String,
    /// The text the client matches what was typed against (what the replaced range
    /// would read as, quote included when the range starts at one).
    pub filter_text: String,
    /// Whether the client should ask for completions again after inserting this item,
    /// as after a plugin prefix.
    pub trigger_completion: bool,
}

/// The completions at `position`; empty where there is nothing to offer.
pub fn completion(
    world: &World,
    position: FilePosition,
    config: &CompletionConfig,
) -> Vec<CompletionItem> {
    let workspace = &world.workspace;
    let Some(cursor) = cursor(workspace, position.file, position.offset) else {
        return Vec::new();
    };
    let Some(app) = workspace.app_of(position.file) else {
        return Vec::new();
    };
    // On a quote itself the cursor is outside the value: nothing to replace there.
    if let Some(token) = &cursor.token {
        if token.quote.is_some() && !token.content_range.contains_inclusive(position.offset) {
            return Vec::new();
        }
    }
    let source = workspace.file(position.file);
    let context = Context {
        workspace,
        app,
        source,
        cursor: &cursor,
        config,
    };
    let mut items = match &cursor.kind {
        CursorKind::Capability { capability, slot } => {
            let Some(model) = resolver::capability(workspace, *capability) else {
                return Vec::new();
            };
            match slot {
                CapabilitySlot::Permission { .. } => context.capability_permissions(model),
                CapabilitySlot::Window => context.labels(LabelList::Windows),
                CapabilitySlot::Webview => context.labels(LabelList::Webviews),
                CapabilitySlot::Platform => context.platforms(),
                CapabilitySlot::Key => context.capability_keys(),
                CapabilitySlot::ScopeKey { entry } => {
                    context.scope_keys(*capability, model, *entry)
                }
                CapabilitySlot::ScopeValue { entry, key } => {
                    context.scope_values(*capability, model, *entry, key)
                }
                CapabilitySlot::Identifier => Vec::new(),
            }
        }
        CursorKind::Manifest(ManifestSlot::SetMember) => context.set_members(),
        CursorKind::Manifest(ManifestSlot::Command) => context.commands(),
        CursorKind::Manifest(ManifestSlot::DefinitionIdentifier) => Vec::new(),
        CursorKind::CapabilityReference => context.capability_references(),
        CursorKind::ConfigWindowLabel => Vec::new(),
    };
    items.sort_by(|a, b| a.sort_text.cmp(&b.sort_text).then(a.label.cmp(&b.label)));
    items
}

struct Context<'a> {
    workspace: &'a Workspace,
    app: &'a App,
    source: &'a SourceFile,
    cursor: &'a Cursor,
    config: &'a CompletionConfig,
}

/// The most commands or permissions listed in a detail or a documentation.
const MAX_LISTED: usize = 12;

// ---------------------------------------------------------------------------------------
// Edits
// ---------------------------------------------------------------------------------------

/// How a value replaces the token under the cursor.
struct ValueEdit {
    range: TextRange,
    new_text: String,
    filter_text: String,
    is_snippet: bool,
}

impl Context<'_> {
    /// The edit that puts the string `value` where the cursor is: the content of the
    /// literal under the cursor (closing it when unterminated), or a new double-quoted
    /// string for a bare word or an insertion between items.
    fn value_edit(&self, value: &str) -> ValueEdit {
        match &self.cursor.token {
            Some(token) if token.quote.is_some() => ValueEdit {
                range: token.content_range,
                new_text: format!("{value}{}", closing_quote(token)),
                filter_text: value.to_owned(),
                is_snippet: false,
            },
            Some(token) => ValueEdit {
                range: token.range,
                new_text: format!("\"{value}\""),
                filter_text: value.to_owned(),
                is_snippet: false,
            },
            None => ValueEdit {
                range: TextRange::empty(self.cursor.offset),
                new_text: format!("\"{value}\""),
                filter_text: value.to_owned(),
                is_snippet: false,
            },
        }
    }

    /// The edit for a plugin prefix such as `fs:`: the string is left open for the
    /// permission name that follows.
    fn prefix_edit(&self, prefix: &str) -> ValueEdit {
        match &self.cursor.token {
            Some(token) if token.quote.is_some() => ValueEdit {
                range: token.content_range,
                new_text: prefix.to_owned(),
                filter_text: prefix.to_owned(),
                is_snippet: false,
            },
            token => {
                let range = token
                    .as_ref()
                    .map_or(TextRange::empty(self.cursor.offset), |token| token.range);
                let (new_text, is_snippet) = if self.config.snippets {
                    (format!("\"{prefix}$0\""), true)
                } else {
                    (format!("\"{prefix}"), false)
                };
                ValueEdit {
                    range,
                    new_text,
                    filter_text: prefix.to_owned(),
                    is_snippet,
                }
            }
        }
    }

    /// The edit for a key: only the name when the key already has its `:` or `=`,
    /// else the whole member with a placeholder for the value (`value_snippet`, in
    /// snippet syntax) or, without snippets, `value_plain`.
    fn key_edit(&self, name: &str, value_snippet: &str, value_plain: &str) -> ValueEdit {
        let format = self.source.format.unwrap_or(SourceFormat::Json);
        let token = self.cursor.token.as_ref();
        let has_separator = token.is_some_and(|token| {
            let rest = self.source.text.get(usize::from(token.range.end())..);
            rest.and_then(|rest| rest.trim_start_matches([' ', '\t']).chars().next())
                .is_some_and(|next| next == ':' || next == '=')
        });
        if let (Some(token), true) = (token, has_separator) {
            let range = if token.quote.is_some() {
                token.content_range
            } else {
                token.range
            };
            return ValueEdit {
                range,
                new_text: name.to_owned(),
                filter_text: name.to_owned(),
                is_snippet: false,
            };
        }
        let quote = match (token.and_then(|token| token.quote), format) {
            (Some(quote), _) => quote.to_string(),
            (None, SourceFormat::Toml) => String::new(),
            // A bare key being typed in JSON5 stays bare; strict JSON needs quotes.
            (None, SourceFormat::Json5) if token.is_some() => String::new(),
            (None, _) => "\"".to_owned(),
        };
        let separator = if format == SourceFormat::Toml {
            " = "
        } else {
            ": "
        };
        let value = if self.config.snippets {
            value_snippet
        } else {
            value_plain
        };
        let range = token.map_or(TextRange::empty(self.cursor.offset), |token| token.range);
        ValueEdit {
            range,
            new_text: format!("{quote}{name}{quote}{separator}{value}"),
            // The replaced range starts at the token's own quote, if it has one.
            filter_text: match token.and_then(|token| token.quote) {
                Some(quote) => format!("{quote}{name}"),
                None => name.to_owned(),
            },
            is_snippet: self.config.snippets,
        }
    }

    /// Values already in the array holding the cursor, except the one being edited.
    fn present_in_container(&self) -> HashSet<String> {
        let Some(tree) = self.tree() else {
            return HashSet::new();
        };
        let Some(container) = self.cursor.container else {
            return HashSet::new();
        };
        let editing = self.cursor.token.as_ref().map(|token| token.range);
        let mut present = HashSet::new();
        if let NodeKind::Array(items) = tree.kind(container) {
            for item in items {
                if Some(tree.range(*item)) == editing {
                    continue;
                }
                if let Some(value) = tree.string(*item) {
                    present.insert(value.to_owned());
                }
            }
        }
        present
    }

    /// Keys already in the object holding the cursor, except the one being edited.
    fn keys_in_container(&self) -> HashSet<String> {
        let Some(tree) = self.tree() else {
            return HashSet::new();
        };
        let Some(container) = self.cursor.container else {
            return HashSet::new();
        };
        let editing = self.cursor.token.as_ref().map(|token| token.range);
        match tree.kind(container) {
            NodeKind::Object(members) => members
                .iter()
                .filter(|member| Some(member.key_range) != editing)
                .map(|member| member.key.clone())
                .collect(),
            _ => HashSet::new(),
        }
    }

    fn tree(&self) -> Option<&Tree> {
        self.source.parse.as_ref().map(|parse| &parse.tree)
    }

    fn display_path(&self, file: FileId) -> String {
        let path = &self.workspace.file(file).path;
        path.strip_prefix(&self.app.root)
            .unwrap_or(path)
            .display()
            .to_string()
    }
}

fn closing_quote(token: &Token) -> String {
    match (token.is_terminated, token.quote) {
        (false, Some(quote)) => quote.to_string(),
        _ => String::new(),
    }
}

fn item(kind: CompletionKind, label: impl Into<String>, edit: ValueEdit) -> CompletionItem {
    let label = label.into();
    CompletionItem {
        sort_text: label.clone(),
        label,
        kind,
        detail: None,
        documentation: None,
        edit_range: edit.range,
        new_text: edit.new_text,
        is_snippet: edit.is_snippet,
        filter_text: edit.filter_text,
        trigger_completion: false,
    }
}

// The order of identifier completions: plugin prefixes while none is typed, then the
// default, sets, `allow-*`, `deny-*`, other permissions, and nested prefixes such as
// `core:window:` after `core:`.
const GROUP_PLUGIN: u8 = 0;
const GROUP_DEFAULT: u8 = 1;
const GROUP_SET: u8 = 2;
const GROUP_ALLOW: u8 = 3;
const GROUP_DENY: u8 = 4;
const GROUP_OTHER: u8 = 5;
const GROUP_NESTED_PLUGIN: u8 = 6;

/// Whether the app depends on `plugin` on none of `platforms` (none given: never).
fn is_plugin_demoted(plugin: &Plugin, platforms: &[Platform]) -> bool {
    !platforms.is_empty()
        && !platforms
            .iter()
            .any(|platform| plugin.is_available_on(*platform))
}

/// A sort text that puts demoted items last, then orders by group.
fn sort_text(is_demoted: bool, group: u8, label: &str) -> String {
    format!("{}{group}{label}", u8::from(is_demoted))
}

fn list_names(names: &[String], separator: &str) -> String {
    let shown: Vec<&str> = names.iter().take(MAX_LISTED).map(String::as_str).collect();
    let mut text = shown.join(separator);
    if names.len() > MAX_LISTED {
        text.push_str(&format!(" and {} more", names.len() - MAX_LISTED));
    }
    text
}

fn platform_names(platforms: &[Platform]) -> String {
    platforms
        .iter()
        .map(|platform| platform.name())
        .collect::<Vec<_>>()
        .join(", ")
}

// ---------------------------------------------------------------------------------------
// Permission identifiers
// ---------------------------------------------------------------------------------------

/// Where identifiers are being completed.
struct IdentifierScope<'a> {
    /// The plugin whose identifiers are written without a prefix: the app in a
    /// capability, the manifest's own plugin in a set.
    own_key: &'a str,
    /// The platforms the identifiers are for; empty means no demotion.
    platforms: Vec<Platform>,
    /// Identifiers to leave out (already listed, or the set being defined).
    hidden: HashSet<String>,
}

impl Context<'_> {
    fn capability_permissions(&self, capability: &Capability) -> Vec<CompletionItem> {
        let editing = self.cursor.token.as_ref().map(|token| token.range);
        let hidden = capability
            .entries()
            .iter()
            .filter(|entry| Some(entry.identifier.range) != editing)
            .map(|entry| entry.identifier.value.clone())
            .collect();
        let scope = IdentifierScope {
            own_key: APP_KEY,
            platforms: platforms_for(self.app, capability),
            hidden,
        };
        self.identifiers(&scope)
    }

    fn set_members(&self) -> Vec<CompletionItem> {
        let file = self.cursor.file;
        let own_key = self
            .app
            .catalogue
            .plugin_of_file(file)
            .map_or(APP_KEY, |plugin| plugin.key.as_str());
        let mut hidden = self.present_in_container();
        // A set listing itself (or the default listing `default`) is a cycle.
        let in_default = self.tree().is_some_and(|tree| {
            tree.root()
                .and_then(|root| tree.path(root, &["default", "permissions"]))
                .is_some_and(|list| Some(list) == self.cursor.container)
        });
        if in_default {
            hidden.insert("default".to_owned());
        } else if let Some(set) = self.source.permission_file().and_then(|manifest| {
            manifest
                .sets
                .iter()
                .find(|set| set.range.contains_inclusive(self.cursor.offset))
        }) {
            hidden.insert(set.identifier.value.clone());
        }
        let scope = IdentifierScope {
            own_key,
            platforms: Vec::new(),
            hidden,
        };
        self.identifiers(&scope)
    }

    /// Plugin prefixes while no `:` is typed, then the identifiers of the plugin named
    /// by what is typed before the last `:`.
    fn identifiers(&self, scope: &IdentifierScope<'_>) -> Vec<CompletionItem> {
        let catalogue = &self.app.catalogue;
        let typed = self
            .cursor
            .token
            .as_ref()
            .map_or("", |token| token.prefix.as_str());
        let mut items = Vec::new();
        match typed.rfind(':') {
            None => {
                for plugin in catalogue.plugins.values() {
                    if plugin.key != APP_KEY && plugin.key != scope.own_key {
                        items.push(self.plugin_item(plugin, scope, GROUP_PLUGIN));
                    }
                }
                if let Some(own) = catalogue.get(scope.own_key) {
                    items.extend(self.plugin_identifiers(own, "", scope));
                }
            }
            Some(colon) => {
                let key = &typed[..colon];
                if let Some(plugin) = catalogue.get(key).filter(|plugin| plugin.key != APP_KEY) {
                    items.extend(self.plugin_identifiers(plugin, &format!("{key}:"), scope));
                }
                // `core:` leads on to `core:window:` and the other core modules.
                let nested = format!("{key}:");
                for plugin in catalogue.plugins.values() {
                    if plugin.key.starts_with(&nested) {
                        items.push(self.plugin_item(plugin, scope, GROUP_NESTED_PLUGIN));
                    }
                }
            }
        }
        items
    }

    fn plugin_item(
        &self,
        plugin: &Plugin,
        scope: &IdentifierScope<'_>,
        group: u8,
    ) -> CompletionItem {
        let label = format!("{}:", plugin.key);
        let mut completion = item(CompletionKind::Plugin, &label, self.prefix_edit(&label));
        let count = plugin.identifiers().len();
        let mut detail = format!(
            "plugin · {count} {}",
            if count == 1 {
                "identifier"
            } else {
                "identifiers"
            }
        );
        let is_demoted = is_plugin_demoted(plugin, &scope.platforms);
        if is_demoted {
            let on = plugin.platforms.as_deref().unwrap_or(&[]);
            detail.push_str(&format!(" · dependency only on {}", platform_names(on)));
        }
        completion.detail = Some(detail);
        let mut documentation = format!("Permissions of `{}`.", plugin.key);
        if let Some(default) = &plugin.default {
            if let Some(description) = &default.value.description {
                documentation.push_str(&format!("\n\nDefault: {}", description.value.trim()));
            }
        }
        documentation.push_str(&format!("\n\nFrom {}.", plugin.source.describe()));
        completion.documentation = Some(documentation);
        completion.sort_text = sort_text(is_demoted, group, &label);
        completion.trigger_completion = true;
        completion
    }

    /// The default, sets and permissions of `plugin`, written with `prefix`.
    fn plugin_identifiers(
        &self,
        plugin: &Plugin,
        prefix: &str,
        scope: &IdentifierScope<'_>,
    ) -> Vec<CompletionItem> {
        let catalogue = &self.app.catalogue;
        let plugin_is_demoted = is_plugin_demoted(plugin, &scope.platforms);
        let plugin_note = plugin_is_demoted.then(|| {
            format!(
                "dependency only on {}",
                platform_names(plugin.platforms.as_deref().unwrap_or(&[]))
            )
        });
        let mut items = Vec::new();
        let mut push = |name: &str,
                        kind: CompletionKind,
                        group: u8,
                        detail: String,
                        documentation: String,
                        inactive: Option<String>| {
            let full = format!("{prefix}{name}");
            if scope.hidden.contains(&full) {
                return;
            }
            let mut completion = item(kind, &full, self.value_edit(&full));
            let mut detail = detail;
            let notes = [inactive.as_ref(), plugin_note.as_ref()];
            for note in notes.into_iter().flatten() {
                detail.push_str(" · ");
                detail.push_str(note);
            }
            let is_demoted = inactive.is_some() || plugin_is_demoted;
            completion.detail = Some(detail);
            completion.documentation = Some(documentation);
            completion.sort_text = sort_text(is_demoted, group, &full);
            items.push(completion);
        };
        // Expanded under the plugin's own key: in a manifest the written prefix is empty.
        let expanded = |name: &str| {
            let qualified = if plugin.key == APP_KEY {
                name.to_owned()
            } else {
                format!("{}:{name}", plugin.key)
            };
            let identifier = Identifier::parse(&qualified).ok()?;
            let expansion = expand(catalogue, &identifier, None);
            let mut seen = BTreeSet::new();
            let leaves: Vec<(String, &Permission)> = expansion
                .leaves
                .iter()
                .filter(|leaf| {
                    seen.insert((
                        leaf.key.clone(),
                        leaf.permission.value.identifier.value.clone(),
                    ))
                })
                .map(|leaf| (leaf.key.clone(), &leaf.permission.value))
                .collect();
            Some(leaves)
        };
        if let Some(default) = &plugin.default {
            let leaves = expanded("default").unwrap_or_default();
            let description = default.value.description.as_ref().map(|d| d.value.as_str());
            push(
                "default",
                CompletionKind::Default,
                GROUP_DEFAULT,
                format!("default · {}", count_permissions(leaves.len())),
                set_documentation(description, &leaves),
                inactive_set(&leaves, &scope.platforms),
            );
        }
        for (name, set) in &plugin.sets {
            let leaves = expanded(name).unwrap_or_default();
            let description = set.value.description.as_ref().map(|d| d.value.as_str());
            push(
                name,
                CompletionKind::Set,
                GROUP_SET,
                format!("set · {}", count_permissions(leaves.len())),
                set_documentation(description, &leaves),
                inactive_set(&leaves, &scope.platforms),
            );
        }
        for (name, permission) in &plugin.permissions {
            let group = if name.starts_with("allow-") {
                GROUP_ALLOW
            } else if name.starts_with("deny-") {
                GROUP_DENY
            } else {
                GROUP_OTHER
            };
            let permission = &permission.value;
            let inactive = (!scope.platforms.is_empty()
                && !scope
                    .platforms
                    .iter()
                    .any(|platform| permission.is_active(*platform)))
            .then(|| {
                let on: Vec<Platform> = permission
                    .platforms
                    .iter()
                    .flat_map(|list| list.value.iter().map(|item| item.value))
                    .collect();
                format!("only on {}", platform_names(&on))
            });
            push(
                name,
                CompletionKind::Permission,
                group,
                permission_summary(permission),
                permission_documentation(permission),
                inactive,
            );
        }
        items
    }
}

fn count_permissions(count: usize) -> String {
    if count == 1 {
        "1 permission".to_owned()
    } else {
        format!("{count} permissions")
    }
}

/// `Some("inactive on …")` when no permission of a non-empty set applies on any platform.
fn inactive_set(leaves: &[(String, &Permission)], platforms: &[Platform]) -> Option<String> {
    let is_inactive = !platforms.is_empty()
        && !leaves.is_empty()
        && !leaves.iter().any(|(_, permission)| {
            platforms
                .iter()
                .any(|platform| permission.is_active(*platform))
        });
    is_inactive.then(|| format!("inactive on {}", platform_names(platforms)))
}

/// What a permission does in a few words: `allows read_file`, `denies read_file`,
/// `scope only`.
fn permission_summary(permission: &Permission) -> String {
    let names = |commands: &[crate::model::Spanned<String>]| -> Vec<String> {
        commands
            .iter()
            .map(|command| command.value.clone())
            .collect()
    };
    let allow = names(&permission.commands_allow);
    let deny = names(&permission.commands_deny);
    let mut parts = Vec::new();
    if !allow.is_empty() {
        parts.push(format!("allows {}", short_list(&allow)));
    }
    if !deny.is_empty() {
        parts.push(format!("denies {}", short_list(&deny)));
    }
    if parts.is_empty() {
        return if permission.has_scope() {
            "scope only".to_owned()
        } else {
            "no commands".to_owned()
        };
    }
    let mut summary = parts.join(", ");
    if permission.has_scope() {
        summary.push_str(" · scoped");
    }
    summary
}

/// At most three names, then a count.
fn short_list(names: &[String]) -> String {
    if names.len() <= 3 {
        names.join(", ")
    } else {
        format!("{} +{} more", names[..3].join(", "), names.len() - 3)
    }
}

fn permission_documentation(permission: &Permission) -> String {
    let mut text = String::new();
    if let Some(description) = &permission.description {
        text.push_str(description.value.trim());
    }
    let mut section = |title: &str, commands: &[crate::model::Spanned<String>]| {
        if commands.is_empty() {
            return;
        }
        let names: Vec<String> = commands
            .iter()
            .map(|command| format!("`{}`", command.value))
            .collect();
        if !text.is_empty() {
            text.push_str("\n\n");
        }
        text.push_str(&format!("{title}: {}", list_names(&names, ", ")));
    };
    section("Allows", &permission.commands_allow);
    section("Denies", &permission.commands_deny);
    if permission.is_scope_only() && permission.has_scope() {
        if !text.is_empty() {
            text.push_str("\n\n");
        }
        text.push_str("No commands: adds to the plugin's global scope.");
    }
    if let Some(platforms) = &permission.platforms {
        let on: Vec<Platform> = platforms.value.iter().map(|item| item.value).collect();
        text.push_str(&format!("\n\nOnly on {}.", platform_names(&on)));
    }
    text
}

fn set_documentation(description: Option<&str>, leaves: &[(String, &Permission)]) -> String {
    let mut text = description.map(str::trim).unwrap_or_default().to_owned();
    if leaves.is_empty() {
        return text;
    }
    if !text.is_empty() {
        text.push_str("\n\n");
    }
    text.push_str("Grants:");
    for (key, permission) in leaves.iter().take(MAX_LISTED) {
        let identifier = if key == APP_KEY {
            permission.identifier.value.clone()
        } else {
            format!("{key}:{}", permission.identifier.value)
        };
        text.push_str(&format!(
            "\n- `{identifier}`: {}",
            permission_summary(permission)
        ));
    }
    if leaves.len() > MAX_LISTED {
        text.push_str(&format!("\n- and {} more", leaves.len() - MAX_LISTED));
    }
    text
}

// ---------------------------------------------------------------------------------------
// Labels, platforms, capability keys, capability references
// ---------------------------------------------------------------------------------------

#[derive(Clone, Copy, PartialEq, Eq)]
enum LabelList {
    Windows,
    Webviews,
}

impl Context<'_> {
    fn labels(&self, list: LabelList) -> Vec<CompletionItem> {
        let present = self.present_in_container();
        let labels: Vec<_> = match list {
            LabelList::Windows => self.app.window_labels(None).collect(),
            LabelList::Webviews => self.app.webview_labels(None).collect(),
        };
        // Each label once, with every place it comes from.
        let mut by_label: BTreeMap<&str, Vec<&crate::workspace::LabelSource>> = BTreeMap::new();
        for label in labels {
            by_label
                .entry(label.label.as_str())
                .or_default()
                .push(label);
        }
        let kind = match list {
            LabelList::Windows => CompletionKind::Window,
            LabelList::Webviews => CompletionKind::Webview,
        };
        let mut items = Vec::new();
        for (label, sources) in by_label {
            if present.contains(label) {
                continue;
            }
            let mut places: Vec<String> = Vec::new();
            for source in &sources {
                let place = self.label_place(source);
                if !places.contains(&place) {
                    places.push(place);
                }
            }
            let what = match sources.iter().map(|source| source.kind).min() {
                Some(LabelKind::WebviewWindow) => "webview window",
                Some(LabelKind::Window) => "window",
                Some(LabelKind::Webview) | None => "webview",
            };
            let mut completion = item(kind, label, self.value_edit(label));
            let mut detail = format!("{what} · {}", places.join(", "));
            let platforms: Option<Vec<Platform>> =
                sources.iter().try_fold(Vec::new(), |mut acc, source| {
                    acc.extend(source.platforms.as_ref()?.iter().copied());
                    Some(acc)
                });
            if let Some(mut platforms) = platforms {
                platforms.sort();
                platforms.dedup();
                detail.push_str(&format!(" · only on {}", platform_names(&platforms)));
            }
            completion.detail = Some(detail);
            items.push(completion);
        }
        items
    }

    /// `tauri.conf.json` or `src/lib.rs:12` (or `looked up in …`).
    fn label_place(&self, source: &crate::workspace::LabelSource) -> String {
        let path = self.display_path(source.file);
        if source.from_config {
            return path;
        }
        let line = self
            .workspace
            .file(source.file)
            .line_index
            .line_col(source.range.start())
            .line
            + 1;
        if source.is_lookup {
            format!("looked up in {path}:{line}")
        } else {
            format!("{path}:{line}")
        }
    }

    fn platforms(&self) -> Vec<CompletionItem> {
        let present = self.present_in_container();
        let mut items = Vec::new();
        for (index, platform) in Platform::ALL.into_iter().enumerate() {
            let name = platform.name();
            if present.contains(name) {
                continue;
            }
            let mut completion = item(CompletionKind::Platform, name, self.value_edit(name));
            let family = if platform.is_mobile() {
                "mobile"
            } else {
                "desktop"
            };
            let checked = if self.app.platforms.contains(&platform) {
                ""
            } else {
                " · not checked for this app"
            };
            completion.detail = Some(format!("{family}{checked}"));
            completion.sort_text = format!("{index}");
            items.push(completion);
        }
        items
    }

    fn capability_keys(&self) -> Vec<CompletionItem> {
        let present = self.keys_in_container();
        let format = self.source.format.unwrap_or(SourceFormat::Json);
        let mut items = Vec::new();
        for (index, key) in CAPABILITY_KEYS.iter().enumerate() {
            if present.contains(*key) {
                continue;
            }
            let (snippet, plain, documentation) = capability_key_value(key, format);
            let mut completion = item(
                CompletionKind::Key,
                *key,
                self.key_edit(key, snippet, plain),
            );
            completion.detail = Some(
                if matches!(*key, "identifier" | "permissions") {
                    "capability key · required"
                } else {
                    "capability key"
                }
                .to_owned(),
            );
            completion.documentation = Some(documentation.to_owned());
            completion.sort_text = format!("{index}");
            items.push(completion);
        }
        items
    }

    fn capability_references(&self) -> Vec<CompletionItem> {
        let present = self.present_in_container();
        let mut items = Vec::new();
        let mut seen = HashSet::new();
        for file in &self.app.capability_files {
            let Some(capabilities) = self.workspace.file(*file).capability_file() else {
                continue;
            };
            for capability in &capabilities.capabilities {
                let Some(identifier) = capability.identifier() else {
                    continue;
                };
                if present.contains(identifier) || !seen.insert(identifier.to_owned()) {
                    continue;
                }
                let mut completion = item(
                    CompletionKind::Capability,
                    identifier,
                    self.value_edit(identifier),
                );
                completion.detail = Some(format!("capability · {}", self.display_path(*file)));
                completion.documentation = capability
                    .description
                    .as_ref()
                    .map(|description| description.value.trim().to_owned());
                items.push(completion);
            }
        }
        items
    }
}

/// The value placeholder of a capability key (snippet, plain) and its documentation.
fn capability_key_value(
    key: &str,
    format: SourceFormat,
) -> (&'static str, &'static str, &'static str) {
    let is_toml = format == SourceFormat::Toml;
    match key {
        "identifier" => (
            "\"$1\"",
            "\"\"",
            "The capability's identifier, which `app.security.capabilities` in the Tauri config refers to. Required.",
        ),
        "description" => ("\"$1\"", "\"\"", "What the capability is for."),
        "remote" => (
            if is_toml {
                "{ urls = [$1] }"
            } else {
                "{ \"urls\": [$1] }"
            },
            if is_toml {
                "{ urls = [] }"
            } else {
                "{ \"urls\": [] }"
            },
            "Remote URLs (URL patterns) whose pages get this capability. Without it, only the app's own pages do.",
        ),
        "local" => (
            "${1:true}",
            "true",
            "Whether the app's own pages get this capability. Defaults to `true`.",
        ),
        "windows" => (
            "[$1]",
            "[]",
            "Labels (or glob patterns) of the windows this capability applies to.",
        ),
        "webviews" => (
            "[$1]",
            "[]",
            "Labels (or glob patterns) of the webviews this capability applies to.",
        ),
        "permissions" => (
            "[$1]",
            "[]",
            "The permissions granted: identifiers such as `fs:default`, or objects with an `identifier` and scope `allow`/`deny` lists. Required.",
        ),
        "platforms" => (
            "[$1]",
            "[]",
            "The platforms the capability is active on: `linux`, `macOS`, `windows`, `android`, `iOS`. All of them when unset.",
        ),
        _ => ("$1", "", ""),
    }
}

// ---------------------------------------------------------------------------------------
// Scopes
// ---------------------------------------------------------------------------------------

impl Context<'_> {
    /// The plugin key of the entry at `entry` in the capability's `permissions`, read from
    /// the tree because the model skips malformed entries.
    fn entry_plugin_key(
        &self,
        reference: CapabilityRef,
        capability: &Capability,
        entry: usize,
    ) -> Option<String> {
        let tree = &self.workspace.file(reference.file).parse.as_ref()?.tree;
        let permissions = tree.get(capability.node, "permissions")?;
        let item = *tree.array(permissions)?.get(entry)?;
        let identifier = tree.string(tree.get(item, "identifier")?)?;
        let parsed = Identifier::parse(identifier).ok()?;
        Some(parsed.prefix().unwrap_or(APP_KEY).to_owned())
    }

    fn scope_keys(
        &self,
        reference: CapabilityRef,
        capability: &Capability,
        entry: usize,
    ) -> Vec<CompletionItem> {
        let Some(key) = self.entry_plugin_key(reference, capability, entry) else {
            return Vec::new();
        };
        let keys = scope_shapes::scope_keys(self.app.catalogue.get(&key), &key);
        let present = self.keys_in_container();
        let mut items = Vec::new();
        for (index, scope_key) in keys.iter().enumerate() {
            if present.contains(&scope_key.name) {
                continue;
            }
            let (snippet, plain) = match scope_key.value_type.as_deref() {
                Some("string") => ("\"$1\"", "\"\""),
                Some("array") => ("[$1]", "[]"),
                Some("boolean") => ("${1:true}", "true"),
                Some("object") => ("{ $1 }", "{}"),
                _ => ("$1", "\"\""),
            };
            let mut completion = item(
                CompletionKind::Key,
                &scope_key.name,
                self.key_edit(&scope_key.name, snippet, plain),
            );
            completion.detail = Some(format!("scope key · {}", scope_key.source));
            completion.documentation = scope_key.description.clone();
            completion.sort_text = format!("{index:03}");
            items.push(completion);
        }
        items
    }

    fn scope_values(
        &self,
        reference: CapabilityRef,
        capability: &Capability,
        entry: usize,
        key: &str,
    ) -> Vec<CompletionItem> {
        let plugin_key = self.entry_plugin_key(reference, capability, entry);
        let is_path = key == "path" || (key.is_empty() && plugin_key.as_deref() == Some("fs"));
        if !is_path {
            return Vec::new();
        }
        self.path_variables(capability)
    }

    /// Tauri's base-directory variables, completing the first component of a path.
    fn path_variables(&self, capability: &Capability) -> Vec<CompletionItem> {
        let Some(token) = &self.cursor.token else {
            return Vec::new();
        };
        if token.quote.is_none()
            || token.prefix.contains('/')
            || !(token.prefix.is_empty() || token.prefix.starts_with('$'))
        {
            return Vec::new();
        }
        let content = slice(&self.source.text, token.content_range);
        let component_length = content.find('/').unwrap_or(content.len());
        let range = TextRange::at(
            token.content_range.start(),
            crate::text::to_size(component_length),
        );
        let platforms = platforms_for(self.app, capability);
        let mut items = Vec::new();
        for (index, directory) in BASE_DIRECTORIES.iter().enumerate() {
            let BaseDirectory {
                variable,
                method,
                description,
                is_desktop_only,
            } = directory;
            let edit = ValueEdit {
                range,
                new_text: (*variable).to_owned(),
                filter_text: (*variable).to_owned(),
                is_snippet: false,
            };
            let mut completion = item(CompletionKind::Variable, *variable, edit);
            let is_demoted = *is_desktop_only && platforms == [Platform::Android];
            let mut detail = format!("base directory · {method}()");
            if *is_desktop_only {
                detail.push_str(" · not on android");
            }
            completion.detail = Some(detail);
            completion.documentation = Some(format!(
                "{description}\n\nResolved by Tauri's path resolver (`BaseDirectory::from_variable`) when it is the first component of the path."
            ));
            completion.sort_text = format!("{}{index:02}", u8::from(is_demoted));
            items.push(completion);
        }
        items
    }
}

// ---------------------------------------------------------------------------------------
// Commands in manifests
// ---------------------------------------------------------------------------------------

impl Context<'_> {
    fn commands(&self) -> Vec<CompletionItem> {
        let file = self.cursor.file;
        let present = self.present_in_container();
        let plugin = self.app.catalogue.plugin_of_file(file);
        let is_app = plugin.is_none_or(|plugin| plugin.key == APP_KEY);
        let mut found: BTreeMap<String, Vec<String>> = BTreeMap::new();
        if is_app {
            for rust_file in &self.app.rust_files {
                let FileModel::Rust(scan) = &self.workspace.file(*rust_file).model else {
                    continue;
                };
                for command in &scan.commands {
                    let line = self
                        .workspace
                        .file(*rust_file)
                        .line_index
                        .line_col(command.range.start())
                        .line
                        + 1;
                    found
                        .entry(command.name.clone())
                        .or_default()
                        .push(format!("{}:{line}", self.display_path(*rust_file)));
                }
            }
        } else if let Some(plugin) = plugin {
            let editing = self.cursor.token.as_ref().map(|token| token.range);
            for (name, permission) in &plugin.permissions {
                let commands = permission
                    .value
                    .commands_allow
                    .iter()
                    .chain(&permission.value.commands_deny);
                for command in commands {
                    // The command being typed is in the model too.
                    if permission.file == file && Some(command.range) == editing {
                        continue;
                    }
                    let users = found.entry(command.value.clone()).or_default();
                    if !users.contains(name) {
                        users.push(name.clone());
                    }
                }
            }
        }
        let mut items = Vec::new();
        for (command, places) in found {
            if present.contains(&command) {
                continue;
            }
            let mut completion = item(CompletionKind::Command, &command, self.value_edit(&command));
            completion.detail = Some(if is_app {
                format!("#[tauri::command] · {}", places.join(", "))
            } else {
                format!("in {}", short_list(&places))
            });
            items.push(completion);
        }
        items
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ide::fixture;

    /// Renders the items at `$0` with and without snippet support: one line per item
    /// (`label  [kind] detail  → edit`, the plain edit added where snippets differ), for
    /// long lists the first ten and the last two, then the first item's documentation.
    fn check(fixture_text: &str) -> String {
        let (world, marker) = fixture::world_and_cursor(fixture_text);
        let (file, offsets) = marker.expect("a $0 marker");
        let position = FilePosition {
            file,
            offset: offsets[0],
        };
        let items = completion(&world, position, &CompletionConfig { snippets: true });
        let plain = completion(&world, position, &CompletionConfig { snippets: false });
        let text = &world.workspace.file(file).text;
        let mut out = String::new();
        // Long lists show their head and their tail, where demoted items go.
        let shown: Vec<usize> = if items.len() > 12 {
            (0..10).chain(items.len() - 2..items.len()).collect()
        } else {
            (0..items.len()).collect()
        };
        for index in shown {
            let completion = &items[index];
            if items.len() > 12 && index == items.len() - 2 {
                out.push_str(&format!("… {} more\n", items.len() - 12));
            }
            let replaced = slice(text, completion.edit_range);
            let edit = if replaced.is_empty() {
                format!("insert `{}`", completion.new_text)
            } else {
                format!("replace `{replaced}` with `{}`", completion.new_text)
            };
            let kind = format!("{:?}", completion.kind).to_lowercase();
            out.push_str(&format!(
                "{}  [{kind}] {}  → {edit}",
                completion.label,
                completion.detail.as_deref().unwrap_or("")
            ));
            if completion.is_snippet {
                out.push_str(" (snippet");
                if let Some(plain) = plain.get(index) {
                    out.push_str(&format!("; plain `{}`", plain.new_text));
                }
                out.push(')');
            }
            out.push('\n');
        }
        if let Some(documentation) = items.first().and_then(|item| item.documentation.as_ref()) {
            out.push_str("---\n");
            out.push_str(documentation);
            out.push('\n');
        }
        if items.is_empty() {
            out.push_str("no completions\n");
        }
        out.trim_end().to_owned()
    }

    const PLUGINS: &str = r#"
//- /plugins/fs/permissions/default.toml plugin:fs
[default]
description = "Reads the app's data."
permissions = ["read-all", "scope-app"]

[[set]]
identifier = "read-all"
description = "Everything that reads."
permissions = ["allow-read-file", "allow-exists"]

[[permission]]
identifier = "allow-read-file"
description = "Allows reading files."
commands.allow = ["read_file"]

[[permission]]
identifier = "allow-exists"
commands.allow = ["exists"]

[[permission]]
identifier = "deny-read-file"
commands.deny = ["read_file"]

[[permission]]
identifier = "scope-app"
[[permission.scope.allow]]
path = "$APPDATA/**"

[[permission]]
identifier = "allow-mobile"
commands.allow = ["mobile_only"]
platforms = ["android", "iOS"]
//- /plugins/dialog/permissions/default.toml plugin:dialog
[default]
permissions = ["allow-open"]

[[permission]]
identifier = "allow-open"
commands.allow = ["open"]
//- /plugins/tauri/build.rs core
const PLUGINS: &[(&str, &[(&str, bool)])] = &[
  ("core:window", &[("close", false), ("title", true)]),
  ("core:app", &[("version", true)]),
];
//- /src-tauri/permissions/tools.toml
[[permission]]
identifier = "allow-greet"
commands.allow = ["greet"]
"#;

    /// The shared plugins after a capability file (or any other files).
    fn with_plugins(files: &str) -> String {
        format!("{}\n{PLUGINS}", files.trim_end())
    }

    #[test]
    fn plugin_names_first_when_no_prefix_is_typed() {
        insta::assert_snapshot!(check(&with_plugins(r#"
//- /src-tauri/capabilities/default.json
{ "identifier": "default", "windows": ["main"], "permissions": ["$0"] }
"#)), @"
        core:  [plugin] plugin · 1 identifier  → insert `core:`
        core:app:  [plugin] plugin · 3 identifiers  → insert `core:app:`
        core:window:  [plugin] plugin · 5 identifiers  → insert `core:window:`
        dialog:  [plugin] plugin · 2 identifiers  → insert `dialog:`
        fs:  [plugin] plugin · 7 identifiers  → insert `fs:`
        allow-greet  [permission] allows greet  → insert `allow-greet`
        ---
        Permissions of `core`.

        Default: Default core plugins set.

        From tauri 2.12.5 (build.rs command table).
        ");
    }

    #[test]
    fn plugin_permissions_after_its_prefix() {
        insta::assert_snapshot!(check(&with_plugins(r#"
//- /src-tauri/capabilities/default.json
{ "identifier": "default", "windows": ["main"], "permissions": ["fs:$0"] }
"#)), @"
        fs:default  [default] default · 3 permissions  → replace `fs:` with `fs:default`
        fs:read-all  [set] set · 2 permissions  → replace `fs:` with `fs:read-all`
        fs:allow-exists  [permission] allows exists  → replace `fs:` with `fs:allow-exists`
        fs:allow-read-file  [permission] allows read_file  → replace `fs:` with `fs:allow-read-file`
        fs:deny-read-file  [permission] denies read_file  → replace `fs:` with `fs:deny-read-file`
        fs:scope-app  [permission] scope only  → replace `fs:` with `fs:scope-app`
        fs:allow-mobile  [permission] allows mobile_only · only on android, iOS  → replace `fs:` with `fs:allow-mobile`
        ---
        Reads the app's data.

        Grants:
        - `fs:allow-read-file`: allows read_file
        - `fs:allow-exists`: allows exists
        - `fs:scope-app`: scope only
        ");
    }

    #[test]
    fn core_prefix_leads_to_core_modules() {
        insta::assert_snapshot!(check(&with_plugins(r#"
//- /src-tauri/capabilities/default.json
{ "identifier": "default", "windows": ["main"], "permissions": ["core:$0"] }
"#)), @"
        core:default  [default] default · 2 permissions  → replace `core:` with `core:default`
        core:app:  [plugin] plugin · 3 identifiers  → replace `core:` with `core:app:`
        core:window:  [plugin] plugin · 5 identifiers  → replace `core:` with `core:window:`
        ---
        Default core plugins set.

        Grants:
        - `core:window:allow-title`: allows title
        - `core:app:allow-version`: allows version
        ");
        insta::assert_snapshot!(check(&with_plugins(r#"
//- /src-tauri/capabilities/default.json
{ "identifier": "default", "windows": ["main"], "permissions": ["core:window:$0"] }
"#)), @"
        core:window:default  [default] default · 1 permission  → replace `core:window:` with `core:window:default`
        core:window:allow-close  [permission] allows close  → replace `core:window:` with `core:window:allow-close`
        core:window:allow-title  [permission] allows title  → replace `core:window:` with `core:window:allow-title`
        core:window:deny-close  [permission] denies close  → replace `core:window:` with `core:window:deny-close`
        core:window:deny-title  [permission] denies title  → replace `core:window:` with `core:window:deny-title`
        ---
        Default permissions for the plugin.

        Grants:
        - `core:window:allow-title`: allows title
        ");
    }

    #[test]
    fn whole_token_is_replaced() {
        insta::assert_snapshot!(check(&with_plugins(r#"
//- /src-tauri/capabilities/default.json
{ "identifier": "default", "windows": ["main"], "permissions": ["fs:allow-re$0ad"] }
"#)), @"
        fs:default  [default] default · 3 permissions  → replace `fs:allow-read` with `fs:default`
        fs:read-all  [set] set · 2 permissions  → replace `fs:allow-read` with `fs:read-all`
        fs:allow-exists  [permission] allows exists  → replace `fs:allow-read` with `fs:allow-exists`
        fs:allow-read-file  [permission] allows read_file  → replace `fs:allow-read` with `fs:allow-read-file`
        fs:deny-read-file  [permission] denies read_file  → replace `fs:allow-read` with `fs:deny-read-file`
        fs:scope-app  [permission] scope only  → replace `fs:allow-read` with `fs:scope-app`
        fs:allow-mobile  [permission] allows mobile_only · only on android, iOS  → replace `fs:allow-read` with `fs:allow-mobile`
        ---
        Reads the app's data.

        Grants:
        - `fs:allow-read-file`: allows read_file
        - `fs:allow-exists`: allows exists
        - `fs:scope-app`: scope only
        ");
    }

    #[test]
    fn between_items_a_new_string_is_inserted() {
        insta::assert_snapshot!(check(&with_plugins(r#"
//- /src-tauri/capabilities/default.json
{ "identifier": "default", "windows": ["main"], "permissions": ["dialog:default", $0] }
"#)), @r#"
        core:  [plugin] plugin · 1 identifier  → insert `"core:$0"` (snippet; plain `"core:`)
        core:app:  [plugin] plugin · 3 identifiers  → insert `"core:app:$0"` (snippet; plain `"core:app:`)
        core:window:  [plugin] plugin · 5 identifiers  → insert `"core:window:$0"` (snippet; plain `"core:window:`)
        dialog:  [plugin] plugin · 2 identifiers  → insert `"dialog:$0"` (snippet; plain `"dialog:`)
        fs:  [plugin] plugin · 7 identifiers  → insert `"fs:$0"` (snippet; plain `"fs:`)
        allow-greet  [permission] allows greet  → insert `"allow-greet"`
        ---
        Permissions of `core`.

        Default: Default core plugins set.

        From tauri 2.12.5 (build.rs command table).
        "#);
    }

    #[test]
    fn unterminated_strings_are_closed() {
        insta::assert_snapshot!(check(&with_plugins(r#"
//- /src-tauri/capabilities/default.json
{ "identifier": "default", "windows": ["main"], "permissions": ["fs:allow-e$0] }
"#)), @r#"
        fs:default  [default] default · 3 permissions  → replace `fs:allow-e` with `fs:default"`
        fs:read-all  [set] set · 2 permissions  → replace `fs:allow-e` with `fs:read-all"`
        fs:allow-exists  [permission] allows exists  → replace `fs:allow-e` with `fs:allow-exists"`
        fs:allow-read-file  [permission] allows read_file  → replace `fs:allow-e` with `fs:allow-read-file"`
        fs:deny-read-file  [permission] denies read_file  → replace `fs:allow-e` with `fs:deny-read-file"`
        fs:scope-app  [permission] scope only  → replace `fs:allow-e` with `fs:scope-app"`
        fs:allow-mobile  [permission] allows mobile_only · only on android, iOS  → replace `fs:allow-e` with `fs:allow-mobile"`
        ---
        Reads the app's data.

        Grants:
        - `fs:allow-read-file`: allows read_file
        - `fs:allow-exists`: allows exists
        - `fs:scope-app`: scope only
        "#);
    }

    #[test]
    fn toml_capability() {
        insta::assert_snapshot!(check(&with_plugins(r#"
//- /src-tauri/capabilities/default.toml
identifier = "default"
windows = ["main"]
permissions = ["dialog:default", "fs:d$0
"#)), @r#"
        fs:default  [default] default · 3 permissions  → replace `fs:d` with `fs:default"`
        fs:read-all  [set] set · 2 permissions  → replace `fs:d` with `fs:read-all"`
        fs:allow-exists  [permission] allows exists  → replace `fs:d` with `fs:allow-exists"`
        fs:allow-read-file  [permission] allows read_file  → replace `fs:d` with `fs:allow-read-file"`
        fs:deny-read-file  [permission] denies read_file  → replace `fs:d` with `fs:deny-read-file"`
        fs:scope-app  [permission] scope only  → replace `fs:d` with `fs:scope-app"`
        fs:allow-mobile  [permission] allows mobile_only · only on android, iOS  → replace `fs:d` with `fs:allow-mobile"`
        ---
        Reads the app's data.

        Grants:
        - `fs:allow-read-file`: allows read_file
        - `fs:allow-exists`: allows exists
        - `fs:scope-app`: scope only
        "#);
        insta::assert_snapshot!(check(&with_plugins(r#"
//- /src-tauri/capabilities/default.toml
identifier = "default"
windows = ["main"]
permissions = ["dialog:default", $0]
"#)), @r#"
        core:  [plugin] plugin · 1 identifier  → insert `"core:$0"` (snippet; plain `"core:`)
        core:app:  [plugin] plugin · 3 identifiers  → insert `"core:app:$0"` (snippet; plain `"core:app:`)
        core:window:  [plugin] plugin · 5 identifiers  → insert `"core:window:$0"` (snippet; plain `"core:window:`)
        dialog:  [plugin] plugin · 2 identifiers  → insert `"dialog:$0"` (snippet; plain `"dialog:`)
        fs:  [plugin] plugin · 7 identifiers  → insert `"fs:$0"` (snippet; plain `"fs:`)
        allow-greet  [permission] allows greet  → insert `"allow-greet"`
        ---
        Permissions of `core`.

        Default: Default core plugins set.

        From tauri 2.12.5 (build.rs command table).
        "#);
    }

    #[test]
    fn json5_capability_keeps_single_quotes() {
        insta::assert_snapshot!(check(&with_plugins(r#"
//- /src-tauri/capabilities/default.json5
{ identifier: 'default', windows: ['main'], permissions: ['dialog:$0'] }
"#)), @"
        dialog:default  [default] default · 1 permission  → replace `dialog:` with `dialog:default`
        dialog:allow-open  [permission] allows open  → replace `dialog:` with `dialog:allow-open`
        ---
        Grants:
        - `dialog:allow-open`: allows open
        ");
    }

    #[test]
    fn identifier_of_a_scoped_entry() {
        insta::assert_snapshot!(check(&with_plugins(r#"
//- /src-tauri/capabilities/default.json
{ "identifier": "default", "windows": ["main"], "permissions": [{ "identifier": "dialog:$0", "allow": [] }] }
"#)), @"
        dialog:default  [default] default · 1 permission  → replace `dialog:` with `dialog:default`
        dialog:allow-open  [permission] allows open  → replace `dialog:` with `dialog:allow-open`
        ---
        Grants:
        - `dialog:allow-open`: allows open
        ");
    }

    #[test]
    fn bare_word_is_quoted() {
        insta::assert_snapshot!(check(&with_plugins(r#"
//- /src-tauri/capabilities/default.json
{ "identifier": "default", "windows": ["main"], "permissions": [dialog:allow-o$0] }
"#)), @r#"
        dialog:default  [default] default · 1 permission  → replace `dialog:allow-o` with `"dialog:default"`
        dialog:allow-open  [permission] allows open  → replace `dialog:allow-o` with `"dialog:allow-open"`
        ---
        Grants:
        - `dialog:allow-open`: allows open
        "#);
    }

    #[test]
    fn already_present_entries_are_hidden() {
        insta::assert_snapshot!(check(&with_plugins(r#"
//- /src-tauri/capabilities/default.json
{ "identifier": "default", "windows": ["main"], "permissions": ["fs:default", { "identifier": "fs:read-all" }, "fs:allow-$0", "fs:allow-exists"] }
"#)), @"
        fs:allow-read-file  [permission] allows read_file  → replace `fs:allow-` with `fs:allow-read-file`
        fs:deny-read-file  [permission] denies read_file  → replace `fs:allow-` with `fs:deny-read-file`
        fs:scope-app  [permission] scope only  → replace `fs:allow-` with `fs:scope-app`
        fs:allow-mobile  [permission] allows mobile_only · only on android, iOS  → replace `fs:allow-` with `fs:allow-mobile`
        ---
        Allows reading files.

        Allows: `read_file`
        ");
    }

    #[test]
    fn permissions_of_other_platforms_are_demoted() {
        insta::assert_snapshot!(check(&with_plugins(r#"
//- /src-tauri/capabilities/default.json
{ "identifier": "default", "windows": ["main"], "platforms": ["linux", "windows"], "permissions": ["fs:allow-$0"] }
"#)), @"
        fs:default  [default] default · 3 permissions  → replace `fs:allow-` with `fs:default`
        fs:read-all  [set] set · 2 permissions  → replace `fs:allow-` with `fs:read-all`
        fs:allow-exists  [permission] allows exists  → replace `fs:allow-` with `fs:allow-exists`
        fs:allow-read-file  [permission] allows read_file  → replace `fs:allow-` with `fs:allow-read-file`
        fs:deny-read-file  [permission] denies read_file  → replace `fs:allow-` with `fs:deny-read-file`
        fs:scope-app  [permission] scope only  → replace `fs:allow-` with `fs:scope-app`
        fs:allow-mobile  [permission] allows mobile_only · only on android, iOS  → replace `fs:allow-` with `fs:allow-mobile`
        ---
        Reads the app's data.

        Grants:
        - `fs:allow-read-file`: allows read_file
        - `fs:allow-exists`: allows exists
        - `fs:scope-app`: scope only
        ");
    }

    #[test]
    fn plugins_of_other_platforms_are_demoted() {
        insta::assert_snapshot!(check(r#"
//- /src-tauri/Cargo.toml
[package]
name = "app"
version = "0.1.0"

[dependencies]
tauri-plugin-fs = { path = "../plugins/fs" }

[target.'cfg(windows)'.dependencies]
tauri-plugin-winonly = { path = "../plugins/winonly" }
//- /src-tauri/capabilities/default.json
{ "identifier": "default", "windows": ["main"], "platforms": ["linux"], "permissions": ["$0"] }
//- /plugins/fs/permissions/default.toml plugin:fs
[[permission]]
identifier = "allow-read"
commands.allow = ["read"]
//- /plugins/winonly/permissions/default.toml plugin:winonly
[[permission]]
identifier = "allow-tray"
commands.allow = ["tray"]
"#), @"
        fs:  [plugin] plugin · 1 identifier  → insert `fs:`
        winonly:  [plugin] plugin · 1 identifier · dependency only on windows  → insert `winonly:`
        ---
        Permissions of `fs`.

        From tauri-plugin-fs (path: /plugins/fs).
        ");
    }

    #[test]
    fn window_and_webview_labels() {
        let files = r#"
//- /src-tauri/tauri.conf.json
{ "app": { "windows": [{ "label": "main" }, { "label": "settings" }] } }
//- /src-tauri/src/lib.rs
fn setup(app: &App) {
    WebviewWindowBuilder::new(app, "about", WebviewUrl::default());
    let panel = WebviewBuilder::new("panel", WebviewUrl::default());
    app.get_webview_window("main");
}
"#;
        insta::assert_snapshot!(check(&format!(r#"{files}
//- /src-tauri/capabilities/default.json
{{ "identifier": "default", "windows": ["main", "$0"], "permissions": [] }}
"#)), @"
        about  [window] webview window · src/lib.rs:2  → insert `about`
        settings  [window] webview window · tauri.conf.json  → insert `settings`
        ");
        insta::assert_snapshot!(check(&format!(r#"{files}
//- /src-tauri/capabilities/default.toml
identifier = "default"
webviews = [$0]
permissions = []
"#)), @r#"
        about  [webview] webview window · src/lib.rs:2  → insert `"about"`
        main  [webview] webview window · tauri.conf.json, looked up in src/lib.rs:4  → insert `"main"`
        panel  [webview] webview · src/lib.rs:3  → insert `"panel"`
        settings  [webview] webview window · tauri.conf.json  → insert `"settings"`
        "#);
    }

    #[test]
    fn platforms() {
        insta::assert_snapshot!(check(r#"
//- /src-tauri/capabilities/default.json
{ "identifier": "default", "windows": ["main"], "platforms": ["linux", "$0"], "permissions": [] }
"#), @"
        macOS  [platform] desktop  → insert `macOS`
        windows  [platform] desktop  → insert `windows`
        android  [platform] mobile · not checked for this app  → insert `android`
        iOS  [platform] mobile · not checked for this app  → insert `iOS`
        ");
    }

    #[test]
    fn capability_keys_in_json() {
        insta::assert_snapshot!(check(r#"
//- /src-tauri/capabilities/default.json
{ "identifier": "default", $0 "permissions": [] }
"#), @r#"
        description  [key] capability key  → insert `"description": "$1"` (snippet; plain `"description": ""`)
        remote  [key] capability key  → insert `"remote": { "urls": [$1] }` (snippet; plain `"remote": { "urls": [] }`)
        local  [key] capability key  → insert `"local": ${1:true}` (snippet; plain `"local": true`)
        windows  [key] capability key  → insert `"windows": [$1]` (snippet; plain `"windows": []`)
        webviews  [key] capability key  → insert `"webviews": [$1]` (snippet; plain `"webviews": []`)
        platforms  [key] capability key  → insert `"platforms": [$1]` (snippet; plain `"platforms": []`)
        ---
        What the capability is for.
        "#);
        insta::assert_snapshot!(check(r#"
//- /src-tauri/capabilities/default.json
{ "identifier": "default", "win$0": [], "permissions": [] }
"#), @"
        description  [key] capability key  → replace `win` with `description`
        remote  [key] capability key  → replace `win` with `remote`
        local  [key] capability key  → replace `win` with `local`
        windows  [key] capability key  → replace `win` with `windows`
        webviews  [key] capability key  → replace `win` with `webviews`
        platforms  [key] capability key  → replace `win` with `platforms`
        ---
        What the capability is for.
        ");
        insta::assert_snapshot!(check(r#"
//- /src-tauri/capabilities/default.json
{ "identifier": "default", "permissions": [], "pl$0
}
"#), @r#"
        description  [key] capability key  → replace `"pl` with `"description": "$1"` (snippet; plain `"description": ""`)
        remote  [key] capability key  → replace `"pl` with `"remote": { "urls": [$1] }` (snippet; plain `"remote": { "urls": [] }`)
        local  [key] capability key  → replace `"pl` with `"local": ${1:true}` (snippet; plain `"local": true`)
        windows  [key] capability key  → replace `"pl` with `"windows": [$1]` (snippet; plain `"windows": []`)
        webviews  [key] capability key  → replace `"pl` with `"webviews": [$1]` (snippet; plain `"webviews": []`)
        platforms  [key] capability key  → replace `"pl` with `"platforms": [$1]` (snippet; plain `"platforms": []`)
        ---
        What the capability is for.
        "#);
    }

    #[test]
    fn capability_keys_in_toml_and_json5() {
        insta::assert_snapshot!(check(r#"
//- /src-tauri/capabilities/default.toml
identifier = "default"
permissions = []
win$0
"#), @r#"
        description  [key] capability key  → replace `win` with `description = "$1"` (snippet; plain `description = ""`)
        remote  [key] capability key  → replace `win` with `remote = { urls = [$1] }` (snippet; plain `remote = { urls = [] }`)
        local  [key] capability key  → replace `win` with `local = ${1:true}` (snippet; plain `local = true`)
        windows  [key] capability key  → replace `win` with `windows = [$1]` (snippet; plain `windows = []`)
        webviews  [key] capability key  → replace `win` with `webviews = [$1]` (snippet; plain `webviews = []`)
        platforms  [key] capability key  → replace `win` with `platforms = [$1]` (snippet; plain `platforms = []`)
        ---
        What the capability is for.
        "#);
        insta::assert_snapshot!(check(r#"
//- /src-tauri/capabilities/default.json5
{ identifier: 'default', permissions: [], plat$0 }
"#), @r#"
        description  [key] capability key  → replace `plat` with `description: "$1"` (snippet; plain `description: ""`)
        remote  [key] capability key  → replace `plat` with `remote: { "urls": [$1] }` (snippet; plain `remote: { "urls": [] }`)
        local  [key] capability key  → replace `plat` with `local: ${1:true}` (snippet; plain `local: true`)
        windows  [key] capability key  → replace `plat` with `windows: [$1]` (snippet; plain `windows: []`)
        webviews  [key] capability key  → replace `plat` with `webviews: [$1]` (snippet; plain `webviews: []`)
        platforms  [key] capability key  → replace `plat` with `platforms: [$1]` (snippet; plain `platforms: []`)
        ---
        What the capability is for.
        "#);
    }

    #[test]
    fn capability_references_in_the_config() {
        insta::assert_snapshot!(check(r#"
//- /src-tauri/tauri.conf.json
{ "app": { "windows": [{ "label": "main" }], "security": { "capabilities": ["default", $0] } } }
//- /src-tauri/capabilities/default.json
{ "identifier": "default", "permissions": [] }
//- /src-tauri/capabilities/extra.toml
identifier = "extra"
description = "Extra powers for the settings window."
permissions = []
"#), @r#"
        extra  [capability] capability · capabilities/extra.toml  → insert `"extra"`
        ---
        Extra powers for the settings window.
        "#);
        insta::assert_snapshot!(check(r#"
//- /src-tauri/tauri.conf.json
{ "app": { "windows": [{ "label": "main" }], "security": { "capabilities": [ex$0] } } }
//- /src-tauri/capabilities/extra.toml
identifier = "extra"
permissions = []
"#), @r#"extra  [capability] capability · capabilities/extra.toml  → replace `ex` with `"extra"`"#);
    }

    #[test]
    fn scope_keys_from_the_global_scope_schema() {
        insta::assert_snapshot!(check(r##"
//- /src-tauri/gen/schemas/acl-manifests.json
{ "http": { "permissions": { "allow-fetch": { "identifier": "allow-fetch", "commands": { "allow": ["fetch"], "deny": [] } } }, "permission_sets": {}, "global_scope_schema": { "$schema": "http://json-schema.org/draft-07/schema#", "anyOf": [{ "type": "string" }, { "$ref": "#/definitions/Entry" }], "definitions": { "Entry": { "type": "object", "required": ["url"], "properties": { "url": { "type": "string", "description": "A URL pattern." }, "methods": { "type": "array" } } } } } } }
//- /src-tauri/capabilities/default.json
{ "identifier": "default", "permissions": [{ "identifier": "http:allow-fetch", "allow": [{ $0 }] }] }
"##), @r#"
        url  [key] scope key · global scope schema  → insert `"url": "$1"` (snippet; plain `"url": ""`)
        methods  [key] scope key · global scope schema  → insert `"methods": [$1]` (snippet; plain `"methods": []`)
        ---
        A URL pattern.
        "#);
    }

    #[test]
    fn scope_keys_from_the_plugins_permissions_or_known_shapes() {
        insta::assert_snapshot!(check(&with_plugins(r#"
//- /src-tauri/capabilities/default.json
{ "identifier": "default", "permissions": [{ "identifier": "fs:allow-read-file", "allow": [{ "pa$0": "" }] }] }
"#)), @"path  [key] scope key · used by the plugin's permissions  → replace `pa` with `path`");
        insta::assert_snapshot!(check(r#"
//- /src-tauri/capabilities/default.toml
identifier = "default"
[[permissions]]
identifier = "shell:allow-execute"
allow = [{ name = "git", $0 }]
//- /plugins/shell/permissions/default.toml plugin:shell
[[permission]]
identifier = "allow-execute"
commands.allow = ["execute"]
"#), @r#"
        cmd  [key] scope key · known scope shape  → insert `cmd = "$1"` (snippet; plain `cmd = ""`)
        args  [key] scope key · known scope shape  → insert `args = ${1:true}` (snippet; plain `args = true`)
        sidecar  [key] scope key · known scope shape  → insert `sidecar = ${1:true}` (snippet; plain `sidecar = true`)
        ---
        The program to run.
        "#);
    }

    #[test]
    fn path_variables_in_scope_values() {
        insta::assert_snapshot!(check(&with_plugins(r#"
//- /src-tauri/capabilities/default.json
{ "identifier": "default", "permissions": [{ "identifier": "fs:allow-read-file", "allow": [{ "path": "$APP$0/**" }] }] }
"#)), @"
        $APPCONFIG  [variable] base directory · app_config_dir()  → replace `$APP` with `$APPCONFIG`
        $APPDATA  [variable] base directory · app_data_dir()  → replace `$APP` with `$APPDATA`
        $APPLOCALDATA  [variable] base directory · app_local_data_dir()  → replace `$APP` with `$APPLOCALDATA`
        $APPCACHE  [variable] base directory · app_cache_dir()  → replace `$APP` with `$APPCACHE`
        $APPLOG  [variable] base directory · app_log_dir()  → replace `$APP` with `$APPLOG`
        $HOME  [variable] base directory · home_dir()  → replace `$APP` with `$HOME`
        $DESKTOP  [variable] base directory · desktop_dir() · not on android  → replace `$APP` with `$DESKTOP`
        $DOCUMENT  [variable] base directory · document_dir()  → replace `$APP` with `$DOCUMENT`
        $DOWNLOAD  [variable] base directory · download_dir()  → replace `$APP` with `$DOWNLOAD`
        $PICTURE  [variable] base directory · picture_dir()  → replace `$APP` with `$PICTURE`
        … 11 more
        $RUNTIME  [variable] base directory · runtime_dir() · not on android  → replace `$APP` with `$RUNTIME`
        $TEMPLATE  [variable] base directory · template_dir() · not on android  → replace `$APP` with `$TEMPLATE`
        ---
        The app's config directory.

        Resolved by Tauri's path resolver (`BaseDirectory::from_variable`) when it is the first component of the path.
        ");
        insta::assert_snapshot!(check(&with_plugins(r#"
//- /src-tauri/capabilities/default.toml
identifier = "default"
platforms = ["android"]
[[permissions]]
identifier = "fs:allow-read-file"
deny = ["$0"]
"#)), @"
        $APPCONFIG  [variable] base directory · app_config_dir()  → insert `$APPCONFIG`
        $APPDATA  [variable] base directory · app_data_dir()  → insert `$APPDATA`
        $APPLOCALDATA  [variable] base directory · app_local_data_dir()  → insert `$APPLOCALDATA`
        $APPCACHE  [variable] base directory · app_cache_dir()  → insert `$APPCACHE`
        $APPLOG  [variable] base directory · app_log_dir()  → insert `$APPLOG`
        $HOME  [variable] base directory · home_dir()  → insert `$HOME`
        $DOCUMENT  [variable] base directory · document_dir()  → insert `$DOCUMENT`
        $DOWNLOAD  [variable] base directory · download_dir()  → insert `$DOWNLOAD`
        $PICTURE  [variable] base directory · picture_dir()  → insert `$PICTURE`
        $AUDIO  [variable] base directory · audio_dir()  → insert `$AUDIO`
        … 11 more
        $RUNTIME  [variable] base directory · runtime_dir() · not on android  → insert `$RUNTIME`
        $TEMPLATE  [variable] base directory · template_dir() · not on android  → insert `$TEMPLATE`
        ---
        The app's config directory.

        Resolved by Tauri's path resolver (`BaseDirectory::from_variable`) when it is the first component of the path.
        ");
    }

    #[test]
    fn commands_in_plugin_and_app_manifests() {
        insta::assert_snapshot!(check(r#"
//- /plugins/fs/permissions/default.toml plugin:fs
[[permission]]
identifier = "allow-read"
commands.allow = ["read_file", "read_dir"]

[[permission]]
identifier = "deny-read"
commands.deny = ["read_file", "$0"]
"#), @"read_dir  [command] in allow-read  → insert `read_dir`");
        insta::assert_snapshot!(check(r#"
//- /src-tauri/src/lib.rs
#[tauri::command]
fn greet(name: &str) -> String { format!("hi {name}") }

#[tauri::command]
async fn save() {}
//- /src-tauri/permissions/tools.json
{ "permission": [{ "identifier": "allow-greet", "commands": { "allow": ["gr$0"] } }] }
"#), @"
        greet  [command] #[tauri::command] · src/lib.rs:2  → replace `gr` with `greet`
        save  [command] #[tauri::command] · src/lib.rs:5  → replace `gr` with `save`
        ");
    }

    #[test]
    fn set_members_in_manifests() {
        insta::assert_snapshot!(check(&with_plugins(r#"
//- /src-tauri/permissions/sets.toml
[[set]]
identifier = "everything"
description = "x"
permissions = ["allow-greet", "$0"]
"#)), @"
        core:  [plugin] plugin · 1 identifier  → insert `core:`
        core:app:  [plugin] plugin · 3 identifiers  → insert `core:app:`
        core:window:  [plugin] plugin · 5 identifiers  → insert `core:window:`
        dialog:  [plugin] plugin · 2 identifiers  → insert `dialog:`
        fs:  [plugin] plugin · 7 identifiers  → insert `fs:`
        ---
        Permissions of `core`.

        Default: Default core plugins set.

        From tauri 2.12.5 (build.rs command table).
        ");
        insta::assert_snapshot!(check(r#"
//- /plugins/dialog/permissions/default.toml plugin:dialog
[default]
permissions = ["allow-open", "$0"]

[[set]]
identifier = "all"
description = "x"
permissions = ["allow-open", "allow-save"]

[[permission]]
identifier = "allow-open"
commands.allow = ["open"]

[[permission]]
identifier = "allow-save"
commands.allow = ["save"]
"#), @"
        all  [set] set · 2 permissions  → insert `all`
        allow-save  [permission] allows save  → insert `allow-save`
        ---
        x

        Grants:
        - `dialog:allow-open`: allows open
        - `dialog:allow-save`: allows save
        ");
    }

    #[test]
    fn sets_with_nothing_for_the_capabilitys_platforms_are_demoted() {
        insta::assert_snapshot!(check(r#"
//- /src-tauri/capabilities/default.json
{ "identifier": "default", "windows": ["main"], "platforms": ["linux"], "permissions": ["scanner:$0"] }
//- /plugins/scanner/permissions/default.toml plugin:scanner
[[set]]
identifier = "mobile"
description = "Scanning on phones."
permissions = ["allow-scan"]

[[set]]
identifier = "everywhere"
description = "Cancelling anywhere."
permissions = ["allow-cancel"]

[[permission]]
identifier = "allow-scan"
commands.allow = ["scan"]
platforms = ["android", "iOS"]

[[permission]]
identifier = "allow-cancel"
commands.allow = ["cancel"]
"#), @"
        scanner:everywhere  [set] set · 1 permission  → replace `scanner:` with `scanner:everywhere`
        scanner:allow-cancel  [permission] allows cancel  → replace `scanner:` with `scanner:allow-cancel`
        scanner:mobile  [set] set · 1 permission · inactive on linux  → replace `scanner:` with `scanner:mobile`
        scanner:allow-scan  [permission] allows scan · only on android, iOS  → replace `scanner:` with `scanner:allow-scan`
        ---
        Cancelling anywhere.

        Grants:
        - `scanner:allow-cancel`: allows cancel
        ");
    }

    #[test]
    fn inline_capability_and_references_in_other_config_formats() {
        insta::assert_snapshot!(check(&with_plugins(r#"
//- /src-tauri/tauri.conf.json5
{ app: { windows: [{ label: 'main' }], security: { capabilities: [{ identifier: 'inline', windows: ['main'], permissions: ['dialog:$0'] }] } } }
"#)), @"
        dialog:default  [default] default · 1 permission  → replace `dialog:` with `dialog:default`
        dialog:allow-open  [permission] allows open  → replace `dialog:` with `dialog:allow-open`
        ---
        Grants:
        - `dialog:allow-open`: allows open
        ");
        insta::assert_snapshot!(check(r#"
//- /src-tauri/Tauri.toml
[[app.windows]]
label = "main"

[app.security]
capabilities = ["$0"]
//- /src-tauri/capabilities/default.json
{ "identifier": "default", "permissions": [] }
"#), @"default  [capability] capability · capabilities/default.json  → insert `default`");
    }

    #[test]
    fn nothing_where_nothing_fits() {
        // The capability's own identifier is the user's to choose.
        insta::assert_snapshot!(check(r#"{ "identifier": "def$0", "permissions": [] }"#), @"no completions");
        // Right after a closing quote, the value is done.
        insta::assert_snapshot!(check(&with_plugins(r#"
//- /src-tauri/capabilities/default.json
{ "identifier": "default", "permissions": ["fs:default"$0] }
"#)), @"no completions");
        // A `url` value has no variables.
        insta::assert_snapshot!(check(r#"
//- /src-tauri/capabilities/default.json
{ "identifier": "default", "permissions": [{ "identifier": "http:default", "allow": [{ "url": "$0" }] }] }
//- /plugins/http/permissions/default.toml plugin:http
[default]
permissions = []
"#), @"no completions");
        // A path that does not start with a variable.
        insta::assert_snapshot!(check(&with_plugins(r#"
//- /src-tauri/capabilities/default.json
{ "identifier": "default", "permissions": [{ "identifier": "fs:allow-read-file", "allow": [{ "path": "/tmp/$0" }] }] }
"#)), @"no completions");
    }

    #[test]
    fn scope_key_under_a_toml_array_table() {
        insta::assert_snapshot!(check(&with_plugins(r#"
//- /src-tauri/capabilities/default.toml
identifier = "default"

[[permissions]]
identifier = "fs:allow-read-file"

[[permissions.allow]]
pa$0
"#)), @r#"path  [key] scope key · used by the plugin's permissions  → replace `pa` with `path = "$1"` (snippet; plain `path = ""`)"#);
    }
}
