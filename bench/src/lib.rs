//! Benchmarks of tauri-acl on a generated workspace, side by side with what users have
//! today: tauri-utils (Tauri's own resolver) and vscode-json-languageservice answering
//! with the capability JSON Schema Tauri writes.
//!
//! - [`generate`]: the deterministic workspace (plugins, capabilities, cargo home).
//! - [`tauri_side`]: tauri-utils on the same inputs.
//! - [`measure`]: the in-process measurements, shared by the divan benches and the
//!   harness so both time the same code.
//! - [`lsp_client`], [`typing`]: driving the real `tauri-acl lsp` binary over stdio.
//! - [`stats`], [`machine`]: percentiles and the machine description for the report.
//! - [`heap`]: a counting allocator for the heap the index and the checks need.

pub mod generate;
pub mod heap;
pub mod lsp_client;
pub mod machine;
pub mod measure;
pub mod stats;
pub mod tauri_side;
pub mod typing;
