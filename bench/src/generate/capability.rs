//! Capability files of the benchmark app: which permissions each grants, to which
//! windows and platforms, written in JSON, JSON5 or TOML.
//!
//! Entries are drawn so that a file stays clean: no identifier twice, no entry that a
//! set or default of the same capability already includes, commands a capability allows
//! are never denied elsewhere (only each plugin's reserved commands are denied), scoped
//! fs commands always come with an fs scope in the same capability, and permissions
//! limited to mobile only appear where mobile platforms are checked. The layouts copy
//! the corpus: one identifier per line, scoped entries as objects, comments and trailing
//! commas in JSON5, inline tables or `[[permissions]]` tables in TOML.

use std::collections::BTreeSet;

use fastrand::Rng;
use serde_json::Value;

use super::catalogue::{self, APP_DIRECTORIES, Availability, Plugin, Role, ScopeEntry, ScopeKind};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Json,
    Json5,
    /// `permissions = [ ... ]` with inline tables.
    Toml,
    /// `[[permissions]]` tables.
    TomlTables,
}

impl Format {
    pub fn extension(self) -> &'static str {
        match self {
            Format::Json => "json",
            Format::Json5 => "json5",
            Format::Toml | Format::TomlTables => "toml",
        }
    }
}

/// Which platforms a capability is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Class {
    Everywhere,
    Desktop,
    Mobile,
}

#[derive(Debug, Clone)]
pub struct Entry {
    /// The plugin's index in the catalogue list.
    pub plugin: usize,
    pub identifier: String,
    pub allow: Vec<ScopeEntry>,
    pub deny: Vec<ScopeEntry>,
    /// Permissions reached, qualified with the plugin key.
    leaves: BTreeSet<String>,
    is_group: bool,
}

impl Entry {
    pub fn is_scoped(&self) -> bool {
        !self.allow.is_empty() || !self.deny.is_empty()
    }
}

#[derive(Debug, Clone)]
pub struct Capability {
    pub file_name: String,
    pub format: Format,
    pub identifier: String,
    pub description: String,
    pub windows: Vec<String>,
    pub class: Class,
    pub remote: Vec<String>,
    pub entries: Vec<Entry>,
}

/// Window labels the app's config declares.
pub const CONFIG_WINDOWS: &[&str] = &["main", "settings", "editor", "preview", "about"];
/// Window labels created in the app's Rust code.
pub const RUST_WINDOWS: &[&str] = &["inspector", "editor-2"];

const THEMES: &[&str] = &[
    "main", "files", "media", "sync", "account", "devices", "reports", "editor", "network",
    "settings",
];

fn qualified(plugin: &Plugin, leaves: &BTreeSet<String>) -> BTreeSet<String> {
    if plugin.key == "core" {
        return leaves.clone();
    }
    leaves
        .iter()
        .map(|leaf| format!("{}:{leaf}", plugin.key))
        .collect()
}

fn prefix(plugin: &Plugin) -> String {
    if plugin.key == "__app-acl__" {
        String::new()
    } else {
        format!("{}:", plugin.key)
    }
}

fn is_available(availability: Availability, class: Class) -> bool {
    match availability {
        Availability::Everywhere => true,
        Availability::Desktop => class == Class::Desktop,
        Availability::Mobile => class == Class::Mobile,
    }
}

/// Whether `candidate` can join `entries` without repeating or being covered.
fn fits(entries: &[Entry], candidate: &Entry) -> bool {
    entries.iter().all(|entry| {
        if entry.identifier == candidate.identifier {
            return false;
        }
        if entry.is_scoped() || candidate.is_scoped() {
            return true;
        }
        let strictly_in = |small: &BTreeSet<String>, big: &BTreeSet<String>| {
            small.len() < big.len() && small.is_subset(big)
        };
        let covered = entry.is_group && strictly_in(&candidate.leaves, &entry.leaves);
        let covers = candidate.is_group && strictly_in(&entry.leaves, &candidate.leaves);
        !covered && !covers
    })
}

/// One capability of about `count` entries.
pub fn capability(index: usize, count: usize, plugins: &[Plugin], rng: &mut Rng) -> Capability {
    // Formats are spread over the indices so a small workspace has all of them.
    let format = match (index * 7) % 25 {
        0..15 => Format::Json,
        15..19 => Format::Json5,
        19..22 => Format::Toml,
        _ => Format::TomlTables,
    };
    let class = match index % 10 {
        7 | 8 => Class::Desktop,
        9 => Class::Mobile,
        _ => Class::Everywhere,
    };
    let theme = THEMES[index % THEMES.len()];
    let identifier = format!("{theme}-{index:02}");
    let windows: Vec<String> = match rng.u32(..10) {
        0..4 => vec!["main".to_owned()],
        4 | 5 => vec!["main".to_owned(), "settings".to_owned()],
        6 => vec!["editor*".to_owned(), "preview".to_owned()],
        7 => vec!["settings".to_owned()],
        8 => vec!["inspector".to_owned()],
        _ => vec!["about".to_owned(), "preview".to_owned()],
    };
    // One capability is for a remote origin and gets only core permissions.
    let remote = if index == 5 {
        vec!["https://app.example.com".to_owned()]
    } else {
        Vec::new()
    };
    let core_only = !remote.is_empty();

    // The plugins this capability draws from: core, maybe the app, a few plugins.
    let mut pool: Vec<usize> = Vec::new();
    let mut core = Vec::new();
    let mut app = None;
    for (position, plugin) in plugins.iter().enumerate() {
        if plugin.crate_name == "tauri" {
            core.push(position);
        } else if plugin.key == "__app-acl__" {
            app = Some(position);
        } else if is_available(plugin.availability, class) {
            pool.push(position);
        }
    }
    rng.shuffle(&mut pool);
    let wanted = (count / 14).clamp(2, 12);
    let mut chosen: Vec<usize> = pool.into_iter().take(wanted).collect();
    if core_only {
        chosen.clear();
    }
    let with_app = !core_only && rng.u32(..100) < 60;

    let mut entries: Vec<Entry> = Vec::new();
    // An fs scope first, so bare fs commands in this capability have one to use.
    if let Some(fs) = chosen
        .iter()
        .copied()
        .find(|&position| plugins[position].key == "fs")
    {
        let plugin = &plugins[fs];
        let base = if rng.bool() {
            "default".to_owned()
        } else {
            let dir = APP_DIRECTORIES[rng.usize(..APP_DIRECTORIES.len())].to_lowercase();
            format!("allow-{dir}-read-recursive")
        };
        if let Some(name) = plugin.name(&base) {
            entries.push(Entry {
                plugin: fs,
                identifier: format!("fs:{base}"),
                allow: Vec::new(),
                deny: Vec::new(),
                leaves: qualified(plugin, &name.leaves),
                is_group: true,
            });
        }
    }
    let mut attempts = 0;
    while entries.len() < count && attempts < count * 40 {
        attempts += 1;
        let roll = rng.u32(..100);
        let position = if roll < 22 || chosen.is_empty() {
            core[rng.usize(..core.len())]
        } else if roll < 30 && with_app {
            match app {
                Some(app) => app,
                None => continue,
            }
        } else {
            chosen[rng.usize(..chosen.len())]
        };
        let plugin = &plugins[position];
        let Some(candidate) = draw(plugin, position, class, rng) else {
            continue;
        };
        if fits(&entries, &candidate) {
            entries.push(candidate);
        }
    }
    // Group entries by plugin the way people write them: core first, the app last.
    let order = |entry: &Entry| {
        let plugin = &plugins[entry.plugin];
        if plugin.crate_name == "tauri" {
            0
        } else if plugin.key == "__app-acl__" {
            2
        } else {
            1
        }
    };
    entries.sort_by_key(|entry| (order(entry), entry.plugin));
    Capability {
        file_name: format!("{identifier}.{}", format.extension()),
        format,
        description: format!(
            "Permissions of the {theme} windows ({} entries).",
            entries.len()
        ),
        identifier,
        windows,
        class,
        remote,
        entries,
    }
}

/// One random entry naming something of `plugin`.
fn draw(plugin: &Plugin, position: usize, class: Class, rng: &mut Rng) -> Option<Entry> {
    let name = &plugin.names[rng.usize(..plugin.names.len())];
    if name.mobile_only && class == Class::Desktop {
        return None;
    }
    let is_fs = plugin.key == "fs";
    match name.role {
        Role::Deny => {
            // Only reserved commands are denied; others are allowed somewhere.
            let command = name.base.trim_start_matches("deny-").replace('-', "_");
            if !plugin.reserved.contains(&command) || rng.u32(..100) >= 30 {
                return None;
            }
        }
        Role::Allow => {
            let command = name.base.trim_start_matches("allow-").replace('-', "_");
            if plugin.reserved.contains(&command) {
                return None;
            }
        }
        // fs scopes and sets over folders other than the app's own are too broad.
        Role::Set | Role::ScopeOnly if is_fs => {
            let app_dir = APP_DIRECTORIES
                .iter()
                .any(|dir| name.base.contains(&format!("-{}", dir.to_lowercase())));
            if !app_dir {
                return None;
            }
        }
        Role::Default if rng.u32(..100) >= 40 => return None,
        _ => {}
    }
    let mut entry = Entry {
        plugin: position,
        identifier: format!("{}{}", prefix(plugin), name.base),
        allow: Vec::new(),
        deny: Vec::new(),
        leaves: qualified(plugin, &name.leaves),
        is_group: matches!(name.role, Role::Set | Role::Default),
    };
    // Scoped commands are often given a scope of their own.
    if name.role == Role::Allow
        && name.scoped
        && plugin.kind != ScopeKind::None
        && rng.u32(..100) < 35
    {
        for _ in 0..rng.usize(1..=3) {
            let value = catalogue::scope_value(plugin.kind, &plugin.key, rng);
            if !entry.allow.contains(&value) {
                entry.allow.push(value);
            }
        }
        if plugin.kind == ScopeKind::Path && rng.u32(..100) < 30 {
            let dir = APP_DIRECTORIES[rng.usize(..APP_DIRECTORIES.len())];
            let path = format!("${dir}/{}/secrets/**", plugin.key);
            entry.deny.push(vec![("path", Value::String(path))]);
        }
    }
    Some(entry)
}

fn schema_path(class: Class) -> &'static str {
    match class {
        Class::Mobile => "../gen/schemas/mobile-schema.json",
        _ => "../gen/schemas/desktop-schema.json",
    }
}

fn platforms(class: Class) -> Option<&'static [&'static str]> {
    match class {
        Class::Everywhere => None,
        Class::Desktop => Some(&["linux", "macOS", "windows"]),
        Class::Mobile => Some(&["android", "iOS"]),
    }
}

fn json_string(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_default()
}

fn json_value(value: &Value) -> String {
    match value {
        Value::Array(items) => {
            let items: Vec<String> = items.iter().map(json_value).collect();
            format!("[{}]", items.join(", "))
        }
        other => other.to_string(),
    }
}

fn json_inline(entry: &ScopeEntry) -> String {
    let members: Vec<String> = entry
        .iter()
        .map(|(key, value)| format!("{}: {}", json_string(key), json_value(value)))
        .collect();
    format!("{{ {} }}", members.join(", "))
}

fn json5_string(text: &str, single: bool) -> String {
    if single && !text.contains('\'') && !text.contains('\\') {
        format!("'{text}'")
    } else {
        json_string(text)
    }
}

fn json5_value(value: &Value) -> String {
    match value {
        Value::Array(items) => {
            let items: Vec<String> = items.iter().map(json5_value).collect();
            format!("[{}]", items.join(", "))
        }
        Value::String(text) => json5_string(text, true),
        other => other.to_string(),
    }
}

fn json5_inline(entry: &ScopeEntry) -> String {
    let members: Vec<String> = entry
        .iter()
        .map(|(key, value)| format!("{key}: {}", json5_value(value)))
        .collect();
    format!("{{ {} }}", members.join(", "))
}

fn toml_inline_table(entry: &ScopeEntry) -> String {
    let members: Vec<String> = entry
        .iter()
        .map(|(key, value)| format!("{key} = {}", catalogue::toml_inline(value)))
        .collect();
    format!("{{ {} }}", members.join(", "))
}

fn list(items: &[String], quote: impl Fn(&str) -> String) -> String {
    let items: Vec<String> = items.iter().map(|item| quote(item)).collect();
    format!("[{}]", items.join(", "))
}

/// The capability's file text.
pub fn render(capability: &Capability, plugins: &[Plugin]) -> String {
    match capability.format {
        Format::Json => render_json(capability),
        Format::Json5 => render_json5(capability, plugins),
        Format::Toml => render_toml(capability, plugins),
        Format::TomlTables => render_toml_tables(capability, plugins),
    }
}

fn render_json(capability: &Capability) -> String {
    let mut out = String::from("{\n");
    out.push_str(&format!(
        "  \"$schema\": {},\n",
        json_string(schema_path(capability.class))
    ));
    out.push_str(&format!(
        "  \"identifier\": {},\n",
        json_string(&capability.identifier)
    ));
    out.push_str(&format!(
        "  \"description\": {},\n",
        json_string(&capability.description)
    ));
    out.push_str(&format!(
        "  \"windows\": {},\n",
        list(&capability.windows, json_string)
    ));
    if let Some(platforms) = platforms(capability.class) {
        let platforms: Vec<String> = platforms.iter().map(|item| (*item).to_owned()).collect();
        out.push_str(&format!(
            "  \"platforms\": {},\n",
            list(&platforms, json_string)
        ));
    }
    if !capability.remote.is_empty() {
        out.push_str(&format!(
            "  \"remote\": {{\n    \"urls\": {}\n  }},\n",
            list(&capability.remote, json_string)
        ));
    }
    out.push_str("  \"permissions\": [\n");
    let count = capability.entries.len();
    for (index, entry) in capability.entries.iter().enumerate() {
        let comma = if index + 1 < count { "," } else { "" };
        if entry.is_scoped() {
            out.push_str(&format!(
                "    {{\n      \"identifier\": {}",
                json_string(&entry.identifier)
            ));
            for (key, values) in [("allow", &entry.allow), ("deny", &entry.deny)] {
                if values.is_empty() {
                    continue;
                }
                out.push_str(&format!(",\n      \"{key}\": [\n"));
                let inner: Vec<String> = values
                    .iter()
                    .map(|value| format!("        {}", json_inline(value)))
                    .collect();
                out.push_str(&inner.join(",\n"));
                out.push_str("\n      ]");
            }
            out.push_str(&format!("\n    }}{comma}\n"));
        } else {
            out.push_str(&format!("    {}{comma}\n", json_string(&entry.identifier)));
        }
    }
    out.push_str("  ]\n}\n");
    out
}

fn group_heading(plugins: &[Plugin], entry: &Entry, previous: Option<usize>) -> Option<String> {
    if previous == Some(entry.plugin) {
        return None;
    }
    let plugin = &plugins[entry.plugin];
    Some(if plugin.key == "__app-acl__" {
        "the app's own commands".to_owned()
    } else {
        plugin.key.clone()
    })
}

fn render_json5(capability: &Capability, plugins: &[Plugin]) -> String {
    let mut out =
        String::from("// Written by hand, so comments and trailing commas are welcome.\n{\n");
    out.push_str(&format!(
        "  $schema: '{}',\n",
        schema_path(capability.class)
    ));
    out.push_str(&format!(
        "  identifier: {},\n",
        json5_string(&capability.identifier, true)
    ));
    out.push_str(&format!(
        "  description: {},\n",
        json5_string(&capability.description, false)
    ));
    out.push_str(&format!(
        "  windows: {},\n",
        list(&capability.windows, |text| json5_string(text, true))
    ));
    if let Some(platforms) = platforms(capability.class) {
        let platforms: Vec<String> = platforms.iter().map(|item| (*item).to_owned()).collect();
        out.push_str(&format!(
            "  platforms: {},\n",
            list(&platforms, |text| json5_string(text, true))
        ));
    }
    out.push_str("  permissions: [\n");
    let mut previous = None;
    for (index, entry) in capability.entries.iter().enumerate() {
        if let Some(heading) = group_heading(plugins, entry, previous) {
            out.push_str(&format!("    // {heading}\n"));
        }
        previous = Some(entry.plugin);
        let single = index % 3 == 0;
        if entry.is_scoped() {
            out.push_str(&format!(
                "    {{ identifier: {}",
                json5_string(&entry.identifier, single)
            ));
            for (key, values) in [("allow", &entry.allow), ("deny", &entry.deny)] {
                if !values.is_empty() {
                    let inner: Vec<String> = values.iter().map(json5_inline).collect();
                    out.push_str(&format!(", {key}: [{}]", inner.join(", ")));
                }
            }
            out.push_str(" },\n");
        } else {
            out.push_str(&format!(
                "    {},\n",
                json5_string(&entry.identifier, single)
            ));
        }
    }
    out.push_str("  ],\n}\n");
    out
}

fn toml_string(text: &str) -> String {
    // TOML basic strings escape like JSON for the characters used here.
    json_string(text)
}

fn toml_header(capability: &Capability) -> String {
    let mut out = format!(
        "\"$schema\" = {}\nidentifier = {}\ndescription = {}\nwindows = {}\n",
        toml_string(schema_path(capability.class)),
        toml_string(&capability.identifier),
        toml_string(&capability.description),
        list(&capability.windows, toml_string)
    );
    if let Some(platforms) = platforms(capability.class) {
        let platforms: Vec<String> = platforms.iter().map(|item| (*item).to_owned()).collect();
        out.push_str(&format!("platforms = {}\n", list(&platforms, toml_string)));
    }
    out
}

fn render_toml(capability: &Capability, plugins: &[Plugin]) -> String {
    let mut out = toml_header(capability);
    out.push_str("permissions = [\n");
    let mut previous = None;
    for entry in &capability.entries {
        if let Some(heading) = group_heading(plugins, entry, previous) {
            if previous.is_some() {
                out.push('\n');
            }
            out.push_str(&format!("  # {heading}\n"));
        }
        previous = Some(entry.plugin);
        if entry.is_scoped() {
            let mut members = vec![format!("identifier = {}", toml_string(&entry.identifier))];
            for (key, values) in [("allow", &entry.allow), ("deny", &entry.deny)] {
                if !values.is_empty() {
                    let inner: Vec<String> = values.iter().map(toml_inline_table).collect();
                    members.push(format!("{key} = [{}]", inner.join(", ")));
                }
            }
            out.push_str(&format!("  {{ {} }},\n", members.join(", ")));
        } else {
            out.push_str(&format!("  {},\n", toml_string(&entry.identifier)));
        }
    }
    out.push_str("]\n");
    out
}

fn render_toml_tables(capability: &Capability, plugins: &[Plugin]) -> String {
    let mut out = toml_header(capability);
    let mut previous = None;
    for entry in &capability.entries {
        if let Some(heading) = group_heading(plugins, entry, previous) {
            out.push_str(&format!("\n# {heading}\n"));
        }
        previous = Some(entry.plugin);
        out.push_str(&format!(
            "[[permissions]]\nidentifier = {}\n",
            toml_string(&entry.identifier)
        ));
        for (key, values) in [("allow", &entry.allow), ("deny", &entry.deny)] {
            for value in values {
                out.push_str(&format!("[[permissions.{key}]]\n"));
                for (member, member_value) in value {
                    out.push_str(&format!(
                        "{member} = {}\n",
                        catalogue::toml_inline(member_value)
                    ));
                }
            }
        }
    }
    out
}
