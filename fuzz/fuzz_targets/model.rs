//! Model extraction on any bytes, through `SourceFile::new` as the workspace reads files:
//! the first byte picks what the file is (capability, permission file, Tauri config,
//! `acl-manifests.json`, the `tauri` crate's `build.rs`, a Rust source) and its format.
#![no_main]

mod support;

use std::path::PathBuf;

use libfuzzer_sys::fuzz_target;
use tauri_acl::workspace::{FileKind, SourceFile};

fuzz_target!(|bytes: &[u8]| {
    let Some((&selector, text)) = bytes.split_first() else {
        return;
    };
    let kind = match selector % 6 {
        0 => FileKind::Capability,
        1 => FileKind::Permission,
        2 => FileKind::TauriConfig { overlay: None },
        3 => FileKind::AclManifests,
        4 => FileKind::CoreBuildScript,
        _ => FileKind::Rust,
    };
    let extension = match (selector / 6) % 3 {
        0 => "json",
        1 => "json5",
        _ => "toml",
    };
    let file = SourceFile::new(PathBuf::from(format!("/fuzz/file.{extension}")), kind, text);
    let _ = file
        .line_index
        .line_col(tauri_acl::text::to_size(file.text.len()));
});
