//! Helpers shared by the end-to-end tests: run the real `tauri-acl` binary on the
//! project's fixtures, from the repository root, with no access to the user's cargo home.

#![allow(dead_code)]

pub mod lsp;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("server/ has a parent")
        .to_path_buf()
}

/// Runs `tauri-acl` with `args` in the repository root.
pub fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_tauri-acl"))
        .args(args)
        .current_dir(repo_root())
        // The fixtures name their own cargo home; make sure nothing else leaks in.
        .env_remove("CARGO_HOME")
        .env_remove("TAURI_ACL_CARGO_HOME")
        .env("HOME", "/nonexistent-home-for-tests")
        .env("NO_COLOR", "1")
        .output()
        .expect("the tauri-acl binary runs")
}

pub fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}
