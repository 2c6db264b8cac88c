//! Differential testing of `tauri-acl` against tauri-utils, the crate Tauri's own build
//! resolves capabilities with.
//!
//! Both sides get the same inputs: the same capability files and the same plugin
//! manifests, each side reading them its own way (tauri-utils through serde, `tauri-acl`
//! through its spanned parsers and models). For every app, every platform and every
//! capability, the commands each side allows and denies (with their execution context,
//! window and webview patterns and scope) and the global scopes must be equal, and an
//! entry must fail on one side exactly when it fails on the other.
//!
//! tauri-utils is the oracle and runs in a separate process ([`oracle`]): on a set cycle
//! it recurses until its stack overflows, which aborts the process; here that is an
//! observed failure of one job, not a crashed test.
//!
//! - [`normal`]: the shape both sides' answers are compared in.
//! - [`oracle`]: the protocol with the `tauri-oracle` process, and that process's loop.
//! - [`tauri_side`]: manifests and capabilities built with tauri-utils from the files.
//! - [`engine_side`]: the same questions asked of `tauri-acl`.
//! - [`apps`]: the apps under test: the project's fixtures and the shared corpus.
//! - [`compare`]: runs both sides, counts what was compared and collects disagreements.
//! - [`allowlist`]: the reviewed list of tolerated disagreements.

pub mod allowlist;
pub mod apps;
pub mod compare;
pub mod engine_side;
pub mod normal;
pub mod oracle;
pub mod tauri_side;
