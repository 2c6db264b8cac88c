//! `tauri-acl schema NAME`: the JSON Schemas of the project's own formats, generated
//! with schemars from the types that read or write them. The repository keeps a copy of
//! each under `schemas/`, which a test keeps up to date.

use std::borrow::Cow;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde_json::{Map, Value, json};

use super::check_report::CheckReport;
use crate::diagnostic::Code;
use crate::ide::explain::Explanation;
use crate::ide::why::WhyReport;
use crate::ide::wording::capitalize;
use crate::model::Platform;

/// Each schema: its name on the command line, its file under `schemas/`, and a title.
pub const SCHEMAS: &[(&str, &str)] = &[
    ("settings", "tauri-acl.toml.schema.json"),
    ("check", "check.schema.json"),
    ("explain", "explain.schema.json"),
    ("why", "why.schema.json"),
    ("usage", "usage.schema.json"),
];

pub fn schema(name: &str) -> Option<Value> {
    let schema = match name {
        "settings" => schemars::schema_for!(SettingsFile),
        "check" => schemars::schema_for!(CheckReport),
        "explain" => schemars::schema_for!(Explanation),
        "why" => schemars::schema_for!(WhyReport),
        "usage" => schemars::schema_for!(super::usage::UsageOutput),
        _ => return None,
    };
    Some(schema.to_value())
}

pub(super) fn run(name: &str) -> i32 {
    match schema(name) {
        Some(schema) => {
            super::output::emit(
                &(serde_json::to_string_pretty(&schema).unwrap_or_default() + "\n"),
            );
            super::EXIT_OK
        }
        None => {
            let names: Vec<&str> = SCHEMAS.iter().map(|(name, _)| *name).collect();
            eprintln!("error: no schema `{name}`: use one of {}", names.join(", "));
            super::EXIT_USAGE
        }
    }
}

/// `tauri-acl.toml`, next to the Tauri config. The loader reads it by hand (a bad value
/// is reported, not fatal); this type only describes it.
#[allow(dead_code)]
#[derive(JsonSchema)]
#[schemars(title = "tauri-acl.toml", deny_unknown_fields)]
struct SettingsFile {
    /// Where crate sources are unpacked, relative to this file. Without it:
    /// `$TAURI_ACL_CARGO_HOME`, `$CARGO_HOME`, then `~/.cargo`.
    #[serde(rename = "cargo-home")]
    cargo_home: Option<String>,
    /// The platforms to check. Without it: linux, macOS and windows, plus android and iOS
    /// when `gen/android` or `gen/apple` exists.
    platforms: Option<Vec<PlatformName>>,
    /// Rule levels by code: `off`, `hint`, `info`, `warning` or `error`.
    rules: Option<Rules>,
}

struct PlatformName;

impl JsonSchema for PlatformName {
    fn schema_name() -> Cow<'static, str> {
        "Platform".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        let names: Vec<&str> = Platform::ALL
            .iter()
            .map(|platform| platform.name())
            .collect();
        json_schema!({
            "description": "A platform, spelled as Tauri spells it.",
            "type": "string",
            "enum": names
        })
    }
}

struct Rules;

impl JsonSchema for Rules {
    fn schema_name() -> Cow<'static, str> {
        "Rules".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        let levels = json!(["off", "hint", "info", "warning", "error"]);
        let properties: Map<String, Value> = Code::ALL
            .iter()
            .map(|code| {
                let description = format!(
                    "{} (default: {}).",
                    capitalize(code.summary()),
                    code.default_severity().name()
                );
                (
                    code.name().to_owned(),
                    json!({ "description": description, "enum": levels }),
                )
            })
            .collect();
        json_schema!({
            "type": "object",
            "properties": properties,
            "additionalProperties": false
        })
    }
}
