//! The global API a page gets with `app.withGlobalTauri`: `window.__TAURI__.<namespace>`
//! holds `@tauri-apps/api`'s modules under their own names, and each plugin's injected
//! script adds its package under the plugin's name in camel case (`fs`,
//! `globalShortcut`, `clipboardManager`), as every official plugin's `api-iife.js` does
//! (`Object.defineProperty(window.__TAURI__, "clipboardManager", …)`).
//! `window.__TAURI_INTERNALS__` is what the packages themselves call (`invoke`,
//! `convertFileSrc`).

/// The modules of `@tauri-apps/api`, which its `index.js` re-exports as namespaces
/// under these names (2.x, checked on 2.12.5).
pub const API_MODULES: &[&str] = &[
    "app",
    "core",
    "dpi",
    "event",
    "image",
    "menu",
    "mocks",
    "path",
    "tray",
    "webview",
    "webviewWindow",
    "window",
];

/// The package a `__TAURI__.<namespace>` stands for: `@tauri-apps/api/<namespace>` for
/// the api's modules, else `@tauri-apps/plugin-<namespace in kebab case>`.
pub fn package_of_namespace(namespace: &str) -> Option<String> {
    if API_MODULES.contains(&namespace) {
        return Some(format!("@tauri-apps/api/{namespace}"));
    }
    if namespace.is_empty() || !namespace.chars().all(|c| c.is_ascii_alphanumeric()) {
        return None;
    }
    let mut kebab = String::from("@tauri-apps/plugin-");
    for c in namespace.chars() {
        if c.is_ascii_uppercase() {
            kebab.push('-');
            kebab.push(c.to_ascii_lowercase());
        } else {
            kebab.push(c);
        }
    }
    Some(kebab)
}

/// Whether a module specifier names one of Tauri's JavaScript packages, whose calls
/// are recorded as [`super::CallTarget::Api`].
pub fn is_tauri_package(specifier: &str) -> bool {
    specifier == "@tauri-apps/api"
        || specifier.starts_with("@tauri-apps/api/")
        || specifier.starts_with("@tauri-apps/plugin-")
}

#[cfg(test)]
mod tests {
    use super::package_of_namespace;

    #[test]
    fn namespaces_name_their_packages() {
        assert_eq!(
            package_of_namespace("webviewWindow").as_deref(),
            Some("@tauri-apps/api/webviewWindow")
        );
        assert_eq!(
            package_of_namespace("clipboardManager").as_deref(),
            Some("@tauri-apps/plugin-clipboard-manager")
        );
        assert_eq!(
            package_of_namespace("fs").as_deref(),
            Some("@tauri-apps/plugin-fs")
        );
        assert_eq!(package_of_namespace("a-b"), None);
    }
}
