//! Core permissions (`core:window:allow-close`, `core:default`, …) rebuilt from the
//! locked `tauri` crate's build script, read as data.
//!
//! Tauri does not ship its core permission files: its `build.rs` generates them from a
//! `const PLUGINS: &[(&str, &[(&str, bool)])]` table of (module, [(command, enabled by
//! default)]). This module reads that table from the source text (a small Rust tokenizer
//! that skips comments, so a commented-out module stays out) and generates what
//! tauri's `define_permissions` would: per command an `allow-<cmd>` and a `deny-<cmd>`
//! permission (underscores become hyphens), per module a default listing the `allow-`
//! permissions of the commands enabled by default, and a `core` manifest whose default
//! lists every `<module>:default` in table order. Ranges point at the literals in
//! `build.rs`, so "go to definition" lands on the command's line.

use crate::model::Spanned;
use crate::model::manifest::{DefaultPermission, Permission, PermissionFile};
use crate::text::{TextRange, range};

#[derive(Debug, Clone, PartialEq)]
pub struct CoreModule {
    /// `core:window`, with the range of its literal.
    pub name: Spanned<String>,
    pub commands: Vec<CoreCommand>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct CoreCommand {
    pub name: Spanned<String>,
    pub enabled_by_default: bool,
}

/// The parsed table, and the range of the `PLUGINS` name for the `core` manifest.
#[derive(Debug, Clone, PartialEq)]
pub struct CoreTable {
    pub name_range: TextRange,
    pub modules: Vec<CoreModule>,
}

impl CoreTable {
    /// Each module with its commands and whether each is in the module's default, as
    /// plain values (what tauri's build script hands tauri-build), for tools that feed
    /// the same table to Tauri's own code.
    pub fn plain(&self) -> Vec<(String, Vec<(String, bool)>)> {
        self.modules
            .iter()
            .map(|module| {
                let commands = module
                    .commands
                    .iter()
                    .map(|command| (command.name.value.clone(), command.enabled_by_default))
                    .collect();
                (module.name.value.clone(), commands)
            })
            .collect()
    }
}

/// Finds and reads the `PLUGINS` table; `None` when the text has none.
pub fn parse_core_table(text: &str) -> Option<CoreTable> {
    let tokens = tokenize(text);
    let start = tokens.windows(2).position(|pair| {
        matches!(&pair[0].kind, Kind::Ident(word) if word == "const")
            && matches!(&pair[1].kind, Kind::Ident(word) if word == "PLUGINS")
    })?;
    let name_range = tokens[start + 1].range;
    let equals = start
        + tokens[start..]
            .iter()
            .position(|token| token.kind == Kind::Punct('='))?;
    let mut modules = Vec::new();
    // The value is `&[ (module, &[ (command, bool), ... ]), ... ]`: walk it by depth.
    let mut depth = 0i32;
    let mut index = equals + 1;
    let mut current: Option<CoreModule> = None;
    let mut pending_command: Option<Spanned<String>> = None;
    while index < tokens.len() {
        let token = &tokens[index];
        match &token.kind {
            Kind::Punct('[' | '(') => depth += 1,
            Kind::Punct(']' | ')') => {
                depth -= 1;
                if depth == 1 {
                    modules.extend(current.take());
                }
                if depth <= 0 {
                    break;
                }
            }
            Kind::Punct(';') if depth == 0 => break,
            Kind::Str(value) => match depth {
                // `[ ( "core:path"`: array then tuple.
                2 => {
                    modules.extend(current.take());
                    current = Some(CoreModule {
                        name: Spanned::new(value.clone(), token.range),
                        commands: Vec::new(),
                    });
                }
                // `[ ( .., &[ ( "cmd"`: array, tuple, array, tuple.
                4 => pending_command = Some(Spanned::new(value.clone(), token.range)),
                _ => {}
            },
            Kind::Ident(word) if depth == 4 && (word == "true" || word == "false") => {
                if let (Some(module), Some(name)) = (current.as_mut(), pending_command.take()) {
                    module.commands.push(CoreCommand {
                        name,
                        enabled_by_default: word == "true",
                    });
                }
            }
            _ => {}
        }
        index += 1;
    }
    Some(CoreTable {
        name_range,
        modules,
    })
}

/// The permission files tauri's build script would generate, keyed by manifest key.
pub fn core_manifests(table: &CoreTable) -> Vec<(String, PermissionFile)> {
    let mut manifests = Vec::new();
    for module in &table.modules {
        let mut file = PermissionFile::default();
        for command in &module.commands {
            let slug = command.name.value.replace('_', "-");
            let cmd = &command.name.value;
            file.permissions.push(generated_permission(
                format!("allow-{slug}"),
                format!("Enables the {cmd} command without any pre-configured scope."),
                command.name.clone(),
                true,
            ));
            file.permissions.push(generated_permission(
                format!("deny-{slug}"),
                format!("Denies the {cmd} command without any pre-configured scope."),
                command.name.clone(),
                false,
            ));
        }
        let defaults: Vec<_> = module
            .commands
            .iter()
            .filter(|command| command.enabled_by_default)
            .map(|command| {
                Spanned::new(
                    format!("allow-{}", command.name.value.replace('_', "-")),
                    command.name.range,
                )
            })
            .collect();
        let all = !module.commands.is_empty() && defaults.len() == module.commands.len();
        let description = if all {
            "Default permissions for the plugin, which enables all commands."
        } else {
            "Default permissions for the plugin."
        };
        file.default = Some(DefaultPermission {
            key_range: module.name.range,
            description: Some(Spanned::new(description.to_owned(), module.name.range)),
            permissions: defaults,
        });
        manifests.push((module.name.value.clone(), file));
    }
    let core_default = PermissionFile {
        default: Some(DefaultPermission {
            key_range: table.name_range,
            description: Some(Spanned::new(
                "Default core plugins set.".to_owned(),
                table.name_range,
            )),
            permissions: table
                .modules
                .iter()
                .map(|module| {
                    Spanned::new(format!("{}:default", module.name.value), module.name.range)
                })
                .collect(),
        }),
        ..PermissionFile::default()
    };
    manifests.push(("core".to_owned(), core_default));
    manifests
}

pub(super) fn generated_permission(
    identifier: String,
    description: String,
    command: Spanned<String>,
    allow: bool,
) -> Permission {
    let commands = vec![command.clone()];
    Permission {
        range: command.range,
        identifier: Spanned::new(identifier, command.range),
        description: Some(Spanned::new(description, command.range)),
        commands_allow: if allow { commands.clone() } else { Vec::new() },
        commands_deny: if allow { Vec::new() } else { commands },
        scope_allow: None,
        scope_deny: None,
        platforms: None,
    }
}

#[derive(Debug, Clone, PartialEq)]
pub(super) enum Kind {
    Ident(String),
    Str(String),
    Punct(char),
}

#[derive(Debug, Clone, PartialEq)]
pub(super) struct Token {
    pub(super) kind: Kind,
    pub(super) range: TextRange,
}

/// Just enough of Rust's lexical grammar to find string literals outside comments.
pub(super) fn tokenize(text: &str) -> Vec<Token> {
    let bytes = text.as_bytes();
    let mut tokens = Vec::new();
    let mut index = 0;
    while index < bytes.len() {
        let byte = bytes[index];
        let start = index;
        if byte == b'/' && bytes.get(index + 1) == Some(&b'/') {
            while index < bytes.len() && bytes[index] != b'\n' {
                index += 1;
            }
        } else if byte == b'/' && bytes.get(index + 1) == Some(&b'*') {
            // Block comments nest in Rust.
            let mut depth = 0;
            while index < bytes.len() {
                if bytes[index] == b'/' && bytes.get(index + 1) == Some(&b'*') {
                    depth += 1;
                    index += 2;
                } else if bytes[index] == b'*' && bytes.get(index + 1) == Some(&b'/') {
                    depth -= 1;
                    index += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    index += 1;
                }
            }
        } else if byte == b'"' {
            index += 1;
            let mut value = String::new();
            while index < bytes.len() && bytes[index] != b'"' {
                if bytes[index] == b'\\' {
                    index += 1;
                }
                if let Some(ch) = text.get(index..).and_then(|rest| rest.chars().next()) {
                    value.push(ch);
                    index += ch.len_utf8();
                } else {
                    index += 1;
                }
            }
            index += 1;
            tokens.push(Token {
                kind: Kind::Str(value),
                range: range(start, index.min(bytes.len())),
            });
        } else if byte == b'r' && matches!(bytes.get(index + 1), Some(b'"' | b'#')) {
            let mut hashes = 0;
            index += 1;
            while bytes.get(index) == Some(&b'#') {
                hashes += 1;
                index += 1;
            }
            if bytes.get(index) != Some(&b'"') {
                tokens.push(Token {
                    kind: Kind::Ident("r".to_owned()),
                    range: range(start, start + 1),
                });
                index = start + 1;
                continue;
            }
            index += 1;
            let closing = format!("\"{}", "#".repeat(hashes));
            let body_start = index;
            let end = text[index..]
                .find(&closing)
                .map_or(bytes.len(), |offset| index + offset);
            index = (end + closing.len()).min(bytes.len());
            tokens.push(Token {
                kind: Kind::Str(text[body_start..end].to_owned()),
                range: range(start, index),
            });
        } else if byte.is_ascii_alphanumeric() || byte == b'_' {
            while index < bytes.len()
                && (bytes[index].is_ascii_alphanumeric() || bytes[index] == b'_')
            {
                index += 1;
            }
            tokens.push(Token {
                kind: Kind::Ident(text[start..index].to_owned()),
                range: range(start, index),
            });
        } else if byte == b'\'' {
            // A char literal or a lifetime; neither matters here.
            index += 1;
        } else {
            if byte.is_ascii_punctuation() {
                tokens.push(Token {
                    kind: Kind::Punct(byte as char),
                    range: range(start, start + 1),
                });
            }
            index += 1;
        }
    }
    tokens
}

#[cfg(test)]
mod tests {
    use super::*;

    const BUILD_RS: &str = r#"
use std::path::Path;

const PLUGINS: &[(&str, &[(&str, bool)])] = &[
  // ("core:channel", &[("fetch", true)]),
  /* ("core:hidden", &[("x", true)]), */
  ("core:path", &[("resolve_directory", true), ("join", true)]),
  (
    "core:window",
    &[
      ("create", false),
      // getters
      ("is_focused", true),
    ],
  ),
];

fn main() { let _ = "core:not-a-module"; }
"#;

    #[test]
    fn reads_modules_and_skips_comments() {
        let table = parse_core_table(BUILD_RS).unwrap();
        let summary: Vec<String> = table
            .modules
            .iter()
            .map(|module| {
                let commands: Vec<String> = module
                    .commands
                    .iter()
                    .map(|command| format!("{}={}", command.name.value, command.enabled_by_default))
                    .collect();
                format!("{}: {}", module.name.value, commands.join(" "))
            })
            .collect();
        assert_eq!(
            summary,
            [
                "core:path: resolve_directory=true join=true",
                "core:window: create=false is_focused=true"
            ]
        );
        let literal = &table.modules[1].commands[1].name;
        assert_eq!(
            crate::text::slice(BUILD_RS, literal.range),
            "\"is_focused\""
        );
    }

    #[test]
    fn generates_what_tauri_build_generates() {
        let table = parse_core_table(BUILD_RS).unwrap();
        let manifests = core_manifests(&table);
        let keys: Vec<_> = manifests.iter().map(|(key, _)| key.as_str()).collect();
        assert_eq!(keys, ["core:path", "core:window", "core"]);
        let window = &manifests[1].1;
        let ids: Vec<_> = window
            .permissions
            .iter()
            .map(|permission| permission.identifier.value.as_str())
            .collect();
        assert_eq!(
            ids,
            [
                "allow-create",
                "deny-create",
                "allow-is-focused",
                "deny-is-focused"
            ]
        );
        let default = window.default.as_ref().unwrap();
        assert_eq!(default.permissions[0].value, "allow-is-focused");
        assert_eq!(
            default.description.as_ref().unwrap().value,
            "Default permissions for the plugin."
        );
        let path_default = manifests[0].1.default.as_ref().unwrap();
        assert!(
            path_default
                .description
                .as_ref()
                .unwrap()
                .value
                .contains("enables all commands")
        );
        let core = manifests[2].1.default.as_ref().unwrap();
        let members: Vec<_> = core
            .permissions
            .iter()
            .map(|id| id.value.as_str())
            .collect();
        assert_eq!(members, ["core:path:default", "core:window:default"]);
    }
}
