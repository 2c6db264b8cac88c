//! `tauri-acl`: reads a Tauri v2 app's access-control files the way Tauri does, before any
//! build, and answers what each capability grants and what is wrong with it.
//!
//! Layers point down only: [`syntax`] → [`model`] → [`workspace`] → [`resolver`] →
//! [`ide`] → `cli` / `lsp`. See `ARCHITECTURE.md` for the map.

pub mod cli;
pub mod diagnostic;
pub mod ide;
pub mod lsp;
pub mod model;
pub mod resolver;
pub mod syntax;
pub mod text;
#[cfg(test)]
mod tidy;
pub mod workspace;
