//! Benchmarks of tauri-acl on a generated workspace, side by side with what users have
//! today: tauri-utils (Tauri's own resolver) and vscode-json-languageservice answering
//! with the capability JSON Schema Tauri writes.
//!
//! - [`generate`]: the deterministic workspace (plugins, capabilities, cargo home);
//!   [`workspace`] writes it with the build outputs of [`tauri_side`].
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

use std::io;
use std::path::Path;

/// The benchmark's workspace in `out`: the generated app and cargo home, and the
/// `gen/schemas/` files tauri-build would write for it. Here rather than in
/// [`generate`] so the generator does not depend on [`tauri_side`], which reads what it
/// generates.
pub fn workspace(out: &Path, size: generate::Size, seed: u64) -> io::Result<generate::Generated> {
    let generated = generate::generate(out, size, seed)?;
    tauri_side::write_build_outputs(&generated)
        .map_err(|error| io::Error::other(format!("writing gen/schemas: {error}")))?;
    Ok(generated)
}
