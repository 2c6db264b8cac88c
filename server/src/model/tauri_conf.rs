//! The parts of a Tauri config (`tauri.conf.json`, `tauri.conf.json5`, `Tauri.toml` and
//! their platform overlays) that the ACL depends on.
//!
//! Mirrors `AppConfig`, `WindowConfig`, `SecurityConfig` and `CapabilityEntry` in
//! tauri-utils `config.rs`: a window without `label` is labelled `main`, and
//! `app.security.capabilities` holds identifiers of capability files and inline
//! capability objects. Only these keys are read; the rest of the config is not checked
//! here (Tauri's own JSON schema covers it).

use super::capability::{Capability, lower_capability};
use super::reader::Reader;
use super::{Problem, Spanned};
use crate::syntax::{NodeId, NodeKind, Tree};
use crate::text::TextRange;

/// The keys of `app` (`AppConfig`), camelCase and their kebab-case aliases.
const APP_KEYS: &[&str] = &[
    "windows",
    "security",
    "trayIcon",
    "tray-icon",
    "macOSPrivateApi",
    "macos-private-api",
    "withGlobalTauri",
    "with-global-tauri",
    "enableGTKAppId",
    "enable-gtk-app-id",
    "appDirectoriesOverride",
    "app-directories-override",
];

/// The keys of `app.security` (`SecurityConfig`).
const SECURITY_KEYS: &[&str] = &[
    "csp",
    "devCsp",
    "dev-csp",
    "freezePrototype",
    "freeze-prototype",
    "dangerousDisableAssetCspModification",
    "dangerous-disable-asset-csp-modification",
    "assetProtocol",
    "asset-protocol",
    "pattern",
    "capabilities",
    "headers",
];

/// The label Tauri gives a configured window that has none.
pub const DEFAULT_WINDOW_LABEL: &str = "main";

#[derive(Debug, Clone, PartialEq, Default)]
pub struct TauriConfig {
    /// `app.windows`: `None` when the key is absent, so an overlay can tell "unchanged"
    /// from "replaced".
    pub windows: Option<Spanned<Vec<WindowConfig>>>,
    /// `app.security.capabilities`, with the same absent/present distinction.
    pub capabilities: Option<Spanned<Vec<CapabilityEntry>>>,
    /// `app.security`, for the security rules.
    pub security: Option<NodeId>,
    /// `app.withGlobalTauri`.
    pub with_global_tauri: Option<Spanned<bool>>,
    /// The bundle `identifier`, which names the app's own directories (`$APPDATA`…).
    pub identifier: Option<Spanned<String>>,
    /// `productName`, which names the resource directory on some platforms.
    pub product_name: Option<Spanned<String>>,
    /// `plugins.fs.requireLiteralLeadingDot`: whether fs scope globs skip dot-files.
    pub fs_require_literal_leading_dot: Option<Spanned<bool>>,
    pub problems: Vec<Problem>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct WindowConfig {
    /// The label, or `main` spanning the window object when the label is implicit.
    pub label: Spanned<String>,
    pub is_explicit: bool,
    pub range: TextRange,
}

#[derive(Debug, Clone, PartialEq)]
pub enum CapabilityEntry {
    Reference(Spanned<String>),
    Inline(Box<Capability>),
}

pub fn lower_tauri_config(tree: &Tree, text: &str) -> TauriConfig {
    let mut reader = Reader::new(tree, text);
    let mut config = TauriConfig::default();
    let Some(root) = tree.root() else {
        return config;
    };
    if tree.object(root).is_none() {
        reader.wrong_type(root, "a Tauri config", "an object");
        config.problems = reader.problems;
        return config;
    }
    if let Some(identifier) = tree.get(root, "identifier") {
        config.identifier = reader.string(identifier, "`identifier`");
    }
    if let Some(name) = tree
        .get(root, "productName")
        .or_else(|| tree.get(root, "product-name"))
    {
        config.product_name = reader.string(name, "`productName`");
    }
    // The fs plugin reads its own config with camelCase keys only.
    if let Some(dot) = tree
        .path(root, &["plugins", "fs", "requireLiteralLeadingDot"])
        .filter(|node| !matches!(tree.kind(*node), NodeKind::Null))
    {
        config.fs_require_literal_leading_dot =
            reader.bool(dot, "`plugins.fs.requireLiteralLeadingDot`");
    }
    let Some(app) = tree.get(root, "app") else {
        return config;
    };
    if reader.object(app, "`app`").is_none() {
        config.problems = reader.problems;
        return config;
    }
    // Both objects are read with `deny_unknown_fields`.
    reader.denied_keys(app, APP_KEYS, "`app`");
    if let Some(windows) = tree.get(app, "windows") {
        config.windows = lower_windows(&mut reader, windows);
    }
    let global = tree
        .get(app, "withGlobalTauri")
        .or_else(|| tree.get(app, "with-global-tauri"));
    config.with_global_tauri = global.and_then(|node| reader.bool(node, "`withGlobalTauri`"));
    if let Some(security) = tree.get(app, "security")
        && reader.object(security, "`security`").is_some()
    {
        reader.denied_keys(security, SECURITY_KEYS, "`app.security`");
        config.security = Some(security);
        if let Some(list) = tree.get(security, "capabilities") {
            config.capabilities = lower_capability_entries(&mut reader, list);
        }
    }
    config.problems = reader.problems;
    config
}

fn lower_windows(reader: &mut Reader<'_>, node: NodeId) -> Option<Spanned<Vec<WindowConfig>>> {
    let tree = reader.tree;
    if matches!(tree.kind(node), NodeKind::Null) {
        return Some(Spanned::new(Vec::new(), tree.range(node)));
    }
    let items = reader.array(node, "`app.windows`")?;
    let mut windows = Vec::new();
    for item in items {
        if reader.object(*item, "each window").is_none() {
            continue;
        }
        let range = tree.range(*item);
        let window = match tree.get(*item, "label") {
            Some(label) => reader.string(label, "`label`").map(|label| WindowConfig {
                label,
                is_explicit: true,
                range,
            }),
            None => Some(WindowConfig {
                label: Spanned::new(DEFAULT_WINDOW_LABEL.to_owned(), range),
                is_explicit: false,
                range,
            }),
        };
        windows.extend(window);
    }
    Some(Spanned::new(windows, tree.range(node)))
}

fn lower_capability_entries(
    reader: &mut Reader<'_>,
    node: NodeId,
) -> Option<Spanned<Vec<CapabilityEntry>>> {
    let tree = reader.tree;
    if matches!(tree.kind(node), NodeKind::Null) {
        return Some(Spanned::new(Vec::new(), tree.range(node)));
    }
    let items = reader.array(node, "`app.security.capabilities`")?;
    let mut entries = Vec::new();
    for item in items {
        match tree.kind(*item) {
            NodeKind::String(string) => entries.push(CapabilityEntry::Reference(Spanned::new(
                string.value.clone(),
                tree.range(*item),
            ))),
            NodeKind::Object(_) => {
                entries.extend(
                    lower_capability(reader, *item)
                        .map(|capability| CapabilityEntry::Inline(Box::new(capability))),
                );
            }
            _ => reader.wrong_type(
                *item,
                "each capability entry",
                "a capability identifier or a capability object",
            ),
        }
    }
    Some(Spanned::new(entries, tree.range(node)))
}
