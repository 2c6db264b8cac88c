//! Benchmarks of tauri-acl on a generated workspace, side by side with what users have
//! today: tauri-utils (Tauri's own resolver) and vscode-json-languageservice answering
//! with the capability JSON Schema Tauri writes.
//!
//! - [`generate`]: the deterministic workspace (plugins, capabilities, cargo home).
//! - [`tauri_side`]: tauri-utils on the same inputs.

pub mod generate;
pub mod tauri_side;
