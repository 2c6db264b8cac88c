//! Tauri's base-directory variables and how its path resolver expands them.
//!
//! Mirrors tauri 2.12.5 `src/path/mod.rs`: `BaseDirectory::from_variable` (23 variables,
//! five of them compiled out on Android) and `PathResolver::parse`, which resolves a
//! variable only when it is the whole first component, keeps any other text literally
//! (so `$APPDAT/**` is a relative path that never matches), and drops every `..`
//! component. Where a variable resolves to depends on the machine; [`Layout`] gives
//! the typical directories of each platform (the `dirs` crate's answers on desktop,
//! tauri's `PathPlugin.kt` on Android) so scopes can be evaluated without running the
//! app.

use crate::model::Platform;

/// A base-directory variable of Tauri's path resolver.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BaseDirectory {
    pub variable: &'static str,
    /// The `PathResolver` method it resolves with.
    pub method: &'static str,
    pub description: &'static str,
    /// Compiled out on Android (`#[cfg(not(target_os = "android"))]`).
    pub is_desktop_only: bool,
}

impl BaseDirectory {
    /// Whether Tauri knows the variable when built for `platform`.
    pub fn exists_on(&self, platform: Platform) -> bool {
        !(self.is_desktop_only && platform == Platform::Android)
    }
}

/// `BaseDirectory::from_variable` in tauri 2.12.5 `src/path/mod.rs` (all 23 variables,
/// app directories first): the variable, the `PathResolver` method it resolves with, a
/// description, and whether Tauri compiles it out on Android
/// (`#[cfg(not(target_os = "android"))]`). `PathResolver::parse` only resolves a variable
/// that is the whole first component of the path.
pub const BASE_DIRECTORIES: &[BaseDirectory] = &[
    BaseDirectory {
        variable: "$APPCONFIG",
        method: "app_config_dir",
        description: "The app's config directory.",
        is_desktop_only: false,
    },
    BaseDirectory {
        variable: "$APPDATA",
        method: "app_data_dir",
        description: "The app's data directory.",
        is_desktop_only: false,
    },
    BaseDirectory {
        variable: "$APPLOCALDATA",
        method: "app_local_data_dir",
        description: "The app's local data directory.",
        is_desktop_only: false,
    },
    BaseDirectory {
        variable: "$APPCACHE",
        method: "app_cache_dir",
        description: "The app's cache directory.",
        is_desktop_only: false,
    },
    BaseDirectory {
        variable: "$APPLOG",
        method: "app_log_dir",
        description: "The app's log directory.",
        is_desktop_only: false,
    },
    BaseDirectory {
        variable: "$HOME",
        method: "home_dir",
        description: "The user's home directory.",
        is_desktop_only: false,
    },
    BaseDirectory {
        variable: "$DESKTOP",
        method: "desktop_dir",
        description: "The user's desktop directory.",
        is_desktop_only: true,
    },
    BaseDirectory {
        variable: "$DOCUMENT",
        method: "document_dir",
        description: "The user's document directory.",
        is_desktop_only: false,
    },
    BaseDirectory {
        variable: "$DOWNLOAD",
        method: "download_dir",
        description: "The user's download directory.",
        is_desktop_only: false,
    },
    BaseDirectory {
        variable: "$PICTURE",
        method: "picture_dir",
        description: "The user's picture directory.",
        is_desktop_only: false,
    },
    BaseDirectory {
        variable: "$AUDIO",
        method: "audio_dir",
        description: "The user's audio directory.",
        is_desktop_only: false,
    },
    BaseDirectory {
        variable: "$VIDEO",
        method: "video_dir",
        description: "The user's video directory.",
        is_desktop_only: false,
    },
    BaseDirectory {
        variable: "$PUBLIC",
        method: "public_dir",
        description: "The user's public directory.",
        is_desktop_only: false,
    },
    BaseDirectory {
        variable: "$RESOURCE",
        method: "resource_dir",
        description: "The app's resource directory.",
        is_desktop_only: false,
    },
    BaseDirectory {
        variable: "$TEMP",
        method: "temp_dir",
        description: "The temporary directory.",
        is_desktop_only: false,
    },
    BaseDirectory {
        variable: "$CACHE",
        method: "cache_dir",
        description: "The user's cache directory.",
        is_desktop_only: false,
    },
    BaseDirectory {
        variable: "$CONFIG",
        method: "config_dir",
        description: "The user's config directory.",
        is_desktop_only: false,
    },
    BaseDirectory {
        variable: "$DATA",
        method: "data_dir",
        description: "The user's data directory.",
        is_desktop_only: false,
    },
    BaseDirectory {
        variable: "$LOCALDATA",
        method: "local_data_dir",
        description: "The user's local data directory.",
        is_desktop_only: false,
    },
    BaseDirectory {
        variable: "$EXE",
        method: "executable_dir",
        description: "The user's executable directory.",
        is_desktop_only: true,
    },
    BaseDirectory {
        variable: "$FONT",
        method: "font_dir",
        description: "The user's font directory.",
        is_desktop_only: true,
    },
    BaseDirectory {
        variable: "$RUNTIME",
        method: "runtime_dir",
        description: "The user's runtime directory.",
        is_desktop_only: true,
    },
    BaseDirectory {
        variable: "$TEMPLATE",
        method: "template_dir",
        description: "The user's template directory.",
        is_desktop_only: true,
    },
];

/// The base directory a variable names, if Tauri knows it on any platform.
pub fn base_directory(variable: &str) -> Option<&'static BaseDirectory> {
    BASE_DIRECTORIES
        .iter()
        .find(|directory| directory.variable == variable)
}

/// The identifier the layouts use when the config has none.
pub const PLACEHOLDER_IDENTIFIER: &str = "com.example.app";

/// The typical directories of one platform, for an app with a given bundle identifier
/// and product name. Paths use `/` on every platform (Windows ones too, with a drive),
/// which is how the glob crate sees them once split into components.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Layout {
    pub platform: Platform,
    pub identifier: String,
    pub product_name: String,
}

impl Layout {
    pub fn new(platform: Platform, identifier: Option<&str>, product_name: Option<&str>) -> Layout {
        let identifier = identifier
            .filter(|identifier| !identifier.is_empty())
            .unwrap_or(PLACEHOLDER_IDENTIFIER)
            .to_owned();
        let product_name = product_name
            .filter(|name| !name.is_empty())
            .map(str::to_owned)
            .unwrap_or_else(|| identifier.rsplit('.').next().unwrap_or("app").to_owned());
        Layout {
            platform,
            identifier,
            product_name,
        }
    }

    /// The home directory of the layout's made-up user.
    pub fn home(&self) -> &'static str {
        match self.platform {
            Platform::Linux => "/home/user",
            Platform::MacOS => "/Users/user",
            Platform::Windows => "C:/Users/user",
            Platform::Android => "/storage/emulated/0",
            Platform::Ios => "/var/mobile/Containers/Data/Application/APP",
        }
    }

    /// Where `variable` points on this platform; `None` when Tauri has no such
    /// directory there (its `UnknownPath` error) or does not know the variable.
    pub fn directory(&self, variable: &str) -> Option<String> {
        let directory = base_directory(variable)?;
        if !directory.exists_on(self.platform) {
            return None;
        }
        let id = &self.identifier;
        let home = self.home();
        let under_home = |rest: &str| Some(format!("{home}/{rest}"));
        match self.platform {
            Platform::Linux => match variable {
                "$HOME" => Some(home.to_owned()),
                "$AUDIO" => under_home("Music"),
                "$CACHE" => under_home(".cache"),
                "$CONFIG" => under_home(".config"),
                "$DATA" | "$LOCALDATA" => under_home(".local/share"),
                "$DESKTOP" => under_home("Desktop"),
                "$DOCUMENT" => under_home("Documents"),
                "$DOWNLOAD" => under_home("Downloads"),
                "$EXE" => under_home(".local/bin"),
                "$FONT" => under_home(".local/share/fonts"),
                "$PICTURE" => under_home("Pictures"),
                "$PUBLIC" => under_home("Public"),
                "$RUNTIME" => Some("/run/user/1000".to_owned()),
                "$TEMPLATE" => under_home("Templates"),
                "$VIDEO" => under_home("Videos"),
                "$RESOURCE" => Some(format!("/usr/lib/{}", self.product_name)),
                "$TEMP" => Some("/tmp".to_owned()),
                "$APPCONFIG" => under_home(&format!(".config/{id}")),
                "$APPDATA" | "$APPLOCALDATA" => under_home(&format!(".local/share/{id}")),
                "$APPCACHE" => under_home(&format!(".cache/{id}")),
                "$APPLOG" => under_home(&format!(".local/share/{id}/logs")),
                _ => None,
            },
            Platform::MacOS | Platform::Ios => match variable {
                "$HOME" => Some(home.to_owned()),
                "$AUDIO" => under_home("Music"),
                "$CACHE" => under_home("Library/Caches"),
                "$CONFIG" | "$DATA" | "$LOCALDATA" => under_home("Library/Application Support"),
                "$DESKTOP" => under_home("Desktop"),
                "$DOCUMENT" => under_home("Documents"),
                "$DOWNLOAD" => under_home("Downloads"),
                "$FONT" => under_home("Library/Fonts"),
                "$PICTURE" => under_home("Pictures"),
                "$PUBLIC" => under_home("Public"),
                "$VIDEO" => under_home("Movies"),
                "$EXE" | "$RUNTIME" | "$TEMPLATE" => None,
                "$RESOURCE" if self.platform == Platform::Ios => Some(format!(
                    "/var/containers/Bundle/Application/APP/{}.app",
                    self.product_name
                )),
                "$RESOURCE" => Some(format!(
                    "/Applications/{}.app/Contents/Resources",
                    self.product_name
                )),
                "$TEMP" if self.platform == Platform::Ios => under_home("tmp"),
                "$TEMP" => Some("/var/folders/xx/T".to_owned()),
                "$APPCONFIG" | "$APPDATA" | "$APPLOCALDATA" => {
                    under_home(&format!("Library/Application Support/{id}"))
                }
                "$APPCACHE" => under_home(&format!("Library/Caches/{id}")),
                "$APPLOG" => under_home(&format!("Library/Logs/{id}")),
                _ => None,
            },
            Platform::Windows => match variable {
                "$HOME" => Some(home.to_owned()),
                "$AUDIO" => under_home("Music"),
                "$CACHE" | "$LOCALDATA" => under_home("AppData/Local"),
                "$CONFIG" | "$DATA" => under_home("AppData/Roaming"),
                "$DESKTOP" => under_home("Desktop"),
                "$DOCUMENT" => under_home("Documents"),
                "$DOWNLOAD" => under_home("Downloads"),
                "$PICTURE" => under_home("Pictures"),
                "$PUBLIC" => Some("C:/Users/Public".to_owned()),
                "$TEMPLATE" => under_home("AppData/Roaming/Microsoft/Windows/Templates"),
                "$VIDEO" => under_home("Videos"),
                "$EXE" | "$FONT" | "$RUNTIME" => None,
                "$RESOURCE" => Some(format!("C:/Program Files/{}", self.product_name)),
                "$TEMP" => under_home("AppData/Local/Temp"),
                "$APPCONFIG" | "$APPDATA" => under_home(&format!("AppData/Roaming/{id}")),
                "$APPLOCALDATA" | "$APPCACHE" => under_home(&format!("AppData/Local/{id}")),
                "$APPLOG" => under_home(&format!("AppData/Local/{id}/logs")),
                _ => None,
            },
            Platform::Android => {
                let data = format!("/data/user/0/{id}");
                let external = format!("{home}/Android/data/{id}");
                match variable {
                    "$HOME" => Some(home.to_owned()),
                    "$AUDIO" => Some(format!("{external}/files/Music")),
                    "$CACHE" => Some(format!("{external}/cache")),
                    "$CONFIG" | "$DATA" | "$LOCALDATA" => Some(data),
                    "$DOCUMENT" => Some(format!("{external}/files/Documents")),
                    "$DOWNLOAD" => Some(format!("{external}/files/Download")),
                    "$PICTURE" => Some(format!("{external}/files/Pictures")),
                    "$PUBLIC" => Some(format!("{external}/files/DCIM")),
                    "$VIDEO" => Some(format!("{external}/files/Movies")),
                    "$RESOURCE" => Some("asset://localhost".to_owned()),
                    "$TEMP" => Some("/data/local/tmp".to_owned()),
                    "$APPCONFIG" | "$APPDATA" | "$APPLOCALDATA" => Some(data),
                    "$APPCACHE" => Some(format!("{data}/cache")),
                    "$APPLOG" => Some(format!("{data}/logs")),
                    _ => None,
                }
            }
        }
    }

    /// Whether paths on this platform also split at `\` and may start with a drive.
    fn is_windows(&self) -> bool {
        self.platform == Platform::Windows
    }
}

/// A path after Tauri's `PathResolver::parse`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Parsed {
    /// The path, with its variable (if any) expanded and `..` components dropped.
    Path {
        text: String,
        /// The variable Tauri expanded.
        variable: Option<&'static str>,
    },
    /// The first component is a variable Tauri knows but cannot resolve on this
    /// platform (`UnknownPath`); the fs plugin then ignores the entry.
    Unavailable { variable: &'static str },
}

/// The components of a path the way `std::path::Path::components` splits it: empty
/// and `.` components dropped (except a leading `.`), the root and a Windows drive
/// kept as leading components.
pub fn components<'p>(layout: &Layout, path: &'p str) -> Vec<&'p str> {
    let is_separator = |c: char| c == '/' || (layout.is_windows() && c == '\\');
    let mut parts = Vec::new();
    let mut rest = path;
    if layout.is_windows() {
        let bytes = rest.as_bytes();
        if bytes.len() >= 2 && bytes[0].is_ascii_alphabetic() && bytes[1] == b':' {
            parts.push(&rest[..2]);
            rest = &rest[2..];
        }
    }
    if rest.starts_with(is_separator) {
        parts.push("/");
    }
    for (index, part) in rest.split(is_separator).enumerate() {
        match part {
            "" => {}
            "." if index > 0 || !parts.is_empty() => {}
            part => parts.push(part),
        }
    }
    parts
}

/// Joins components back into a `/`-separated path.
pub fn join(parts: &[&str]) -> String {
    let mut text = String::new();
    for part in parts {
        if !(text.is_empty() || text.ends_with('/') || text.ends_with(':') && *part == "/") {
            text.push('/');
        }
        text.push_str(part);
    }
    text
}

/// `PathResolver::parse`: expands a leading variable and drops `..` components.
pub fn parse(layout: &Layout, path: &str) -> Parsed {
    let parts = components(layout, path);
    let mut out: Vec<String> = Vec::new();
    let mut variable = None;
    if let Some(first) = parts.first() {
        match base_directory(first).filter(|directory| directory.exists_on(layout.platform)) {
            Some(directory) => match layout.directory(directory.variable) {
                Some(resolved) => {
                    out.push(resolved);
                    variable = Some(directory.variable);
                }
                None => {
                    return Parsed::Unavailable {
                        variable: directory.variable,
                    };
                }
            },
            None => out.push((*first).to_owned()),
        }
    }
    out.extend(
        parts
            .iter()
            .skip(1)
            .filter(|part| **part != "..")
            .map(|part| (*part).to_owned()),
    );
    let borrowed: Vec<&str> = out.iter().map(String::as_str).collect();
    Parsed::Path {
        text: join(&borrowed),
        variable,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parsed(platform: Platform, path: &str) -> String {
        let layout = Layout::new(platform, Some("com.tauri.demo"), Some("Demo"));
        match parse(&layout, path) {
            Parsed::Path { text, .. } => text,
            Parsed::Unavailable { variable } => format!("unavailable {variable}"),
        }
    }

    #[test]
    fn variables_expand_only_as_the_first_component() {
        assert_eq!(
            parsed(Platform::Linux, "$APPDATA/**"),
            "/home/user/.local/share/com.tauri.demo/**"
        );
        assert_eq!(parsed(Platform::Linux, "$APPDAT/**"), "$APPDAT/**");
        assert_eq!(parsed(Platform::Linux, "/data/$HOME/x"), "/data/$HOME/x");
        assert_eq!(parsed(Platform::Linux, "$HOME"), "/home/user");
        assert_eq!(
            parsed(Platform::MacOS, "$APPLOG/*.log"),
            "/Users/user/Library/Logs/com.tauri.demo/*.log"
        );
        assert_eq!(
            parsed(Platform::Windows, "$APPDATA\\notes\\*.md"),
            "C:/Users/user/AppData/Roaming/com.tauri.demo/notes/*.md"
        );
    }

    #[test]
    fn parent_components_are_dropped_and_separators_normalised() {
        assert_eq!(
            parsed(Platform::Linux, "$HOME/../etc//passwd"),
            "/home/user/etc/passwd"
        );
        assert_eq!(parsed(Platform::Linux, "/a/./b/"), "/a/b");
        assert_eq!(parsed(Platform::Linux, "./a"), "./a");
        assert_eq!(parsed(Platform::Linux, "a\\b"), "a\\b");
        assert_eq!(parsed(Platform::Windows, "C:\\Users\\**"), "C:/Users/**");
    }

    #[test]
    fn directories_missing_on_a_platform() {
        assert_eq!(parsed(Platform::MacOS, "$EXE/tool"), "unavailable $EXE");
        // Desktop-only variables are not variables at all on Android.
        assert_eq!(parsed(Platform::Android, "$DESKTOP/x"), "$DESKTOP/x");
        assert_eq!(
            parsed(Platform::Android, "$APPDATA/x"),
            "/data/user/0/com.tauri.demo/x"
        );
    }

    #[test]
    fn every_variable_resolves_somewhere() {
        for directory in BASE_DIRECTORIES {
            let resolved = Platform::ALL.iter().any(|platform| {
                Layout::new(*platform, None, None)
                    .directory(directory.variable)
                    .is_some()
            });
            assert!(resolved, "{} resolves on no platform", directory.variable);
        }
    }
}
