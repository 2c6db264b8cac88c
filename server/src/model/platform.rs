//! Target platforms, named exactly as Tauri's `Target` serializes them.
//!
//! Mirrors `Target` in tauri-utils `platform.rs`: `macOS`, `windows`, `linux`, `android`,
//! `iOS`, case-sensitive and without aliases, so `"macos"` makes Tauri refuse the file.

use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Platform {
    Linux,
    MacOS,
    Windows,
    Android,
    Ios,
}

impl Platform {
    pub const ALL: [Platform; 5] = [
        Platform::Linux,
        Platform::MacOS,
        Platform::Windows,
        Platform::Android,
        Platform::Ios,
    ];

    pub const DESKTOP: [Platform; 3] = [Platform::Linux, Platform::MacOS, Platform::Windows];

    pub fn name(self) -> &'static str {
        match self {
            Platform::Linux => "linux",
            Platform::MacOS => "macOS",
            Platform::Windows => "windows",
            Platform::Android => "android",
            Platform::Ios => "iOS",
        }
    }

    /// Parses Tauri's exact spelling.
    pub fn parse(text: &str) -> Option<Platform> {
        Platform::ALL
            .into_iter()
            .find(|platform| platform.name() == text)
    }

    /// Parses any casing, for suggestions and command-line flags.
    pub fn parse_loose(text: &str) -> Option<Platform> {
        let lower = text.to_ascii_lowercase();
        let lower = match lower.as_str() {
            "mac" | "macos" | "osx" | "darwin" => "macos",
            "win" | "win32" | "windows" => "windows",
            "ios" | "iphone" => "ios",
            other => other,
        };
        Platform::ALL
            .into_iter()
            .find(|platform| platform.name().to_ascii_lowercase() == lower)
    }

    pub fn is_mobile(self) -> bool {
        matches!(self, Platform::Android | Platform::Ios)
    }

    /// The `target_os` value Rust's `cfg` uses for this platform.
    pub fn target_os(self) -> &'static str {
        match self {
            Platform::Linux => "linux",
            Platform::MacOS => "macos",
            Platform::Windows => "windows",
            Platform::Android => "android",
            Platform::Ios => "ios",
        }
    }
}

impl fmt::Display for Platform {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}
