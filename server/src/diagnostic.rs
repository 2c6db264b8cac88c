//! The stable diagnostic codes and their default severities.
//!
//! Codes are part of the product's interface: they appear as `error[code]` in the CLI,
//! as `code` in LSP diagnostics and SARIF results, and name the rule's page under
//! `docs/rules/`. This is the only list of them. It sits at the bottom of the layers
//! because the model, the workspace and the resolver all find problems.

use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Severity {
    Hint,
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn name(self) -> &'static str {
        match self {
            Severity::Hint => "hint",
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }

    pub fn parse(text: &str) -> Option<Severity> {
        match text {
            "hint" => Some(Severity::Hint),
            "info" => Some(Severity::Info),
            "warning" | "warn" => Some(Severity::Warning),
            "error" => Some(Severity::Error),
            _ => None,
        }
    }
}

macro_rules! codes {
    ($($variant:ident = $name:literal, $severity:ident, $summary:literal;)*) => {
        /// A kind of problem, with a stable kebab-case name.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Code {
            $($variant,)*
        }

        impl Code {
            pub const ALL: &'static [Code] = &[$(Code::$variant,)*];

            pub fn name(self) -> &'static str {
                match self {
                    $(Code::$variant => $name,)*
                }
            }

            /// How bad the problem is unless the user re-levels it.
            pub fn default_severity(self) -> Severity {
                match self {
                    $(Code::$variant => Severity::$severity,)*
                }
            }

            /// One line saying what the rule checks.
            pub fn summary(self) -> &'static str {
                match self {
                    $(Code::$variant => $summary,)*
                }
            }

            pub fn from_name(name: &str) -> Option<Code> {
                match name {
                    $($name => Some(Code::$variant),)*
                    _ => None,
                }
            }
        }
    };
}

codes! {
    ParseError = "parse-error", Error, "the file cannot be read in its format";
    StrictJson = "strict-json", Error, "a `.json` file uses JSON5 syntax that Tauri's strict JSON reader refuses";
    InvalidIdentifier = "invalid-identifier", Error, "a permission identifier breaks Tauri's identifier rules";
    UnknownPlugin = "unknown-plugin", Error, "a permission names a plugin the app does not depend on";
    UnknownPermission = "unknown-permission", Error, "a permission, set or default that the plugin does not define";
    UnknownSetMember = "unknown-set-member", Error, "a set or default lists a permission that does not exist";
    SetCycle = "set-cycle", Error, "sets include each other in a loop, which overflows Tauri's stack";
    EmptyDefault = "empty-default", Warning, "`plugin:default` where the plugin defines no default: it grants nothing";
    DuplicateEntry = "duplicate-entry", Warning, "the same permission appears twice in one capability";
    DuplicateCapabilityId = "duplicate-capability-id", Error, "two capabilities share an identifier";
    DuplicatePermissionId = "duplicate-permission-id", Warning, "a permission or set identifier is defined twice in one plugin; the later one wins";
    UnknownKey = "unknown-key", Warning, "a key Tauri does not read, so it is silently ignored";
    WrongType = "wrong-type", Error, "a value of the wrong type, which makes Tauri refuse the file";
    MissingField = "missing-field", Error, "a required key is missing";
    UnknownPlatform = "unknown-platform", Error, "a platform name Tauri does not know";
    NoTarget = "no-target", Warning, "a capability that applies to no window, webview or origin";
    UnknownWindow = "unknown-window", Warning, "a window label or pattern that matches no known window";
    UnknownWebview = "unknown-webview", Warning, "a webview label or pattern that matches no known webview";
    InvalidGlob = "invalid-glob", Error, "a window or webview pattern the glob crate refuses";
    InvalidRemoteUrl = "invalid-remote-url", Error, "a remote URL that is not a valid URL pattern";
    CapabilityNotEnabled = "capability-not-enabled", Warning, "a capability file left out by the config's explicit capability list";
    UnknownCapabilityReference = "unknown-capability-reference", Error, "the config names a capability that no file defines";
    IgnoredFile = "ignored-file", Warning, "a file Tauri will not load where one would expect it to";
    PlatformMismatch = "platform-mismatch", Warning, "a permission that is inactive on every platform of its capability";
    StaleCatalogue = "stale-catalogue", Info, "the generated ACL catalogue lists other permissions than the plugin sources define";
    MissingPluginSource = "missing-plugin-source", Warning, "a plugin's permissions could not be found in the cargo home";
    UnscopedPermission = "unscoped-permission", Warning, "a command that acts on a scope is granted with no scope, so it works on nothing or on a scope set elsewhere";
    BroadFsScope = "broad-fs-scope", Warning, "a file-system scope that reaches the whole disk or all of a user directory, or the webview's data";
    WildcardWindow = "wildcard-window", Warning, "powerful commands granted to every window with `*`";
    RemoteWildcard = "remote-wildcard", Warning, "remote URLs with wildcard hosts or plain http, or remote pages given file, shell, process or app commands";
    ShellUnvalidatedArgs = "shell-unvalidated-args", Warning, "a shell scope that lets the page pass any arguments";
    AllowDenyConflict = "allow-deny-conflict", Warning, "a command one capability allows and another denies for the same origin";
    RedundantEntry = "redundant-entry", Hint, "an entry that a set or default in the same capability already includes";
    InsecureCsp = "insecure-csp", Warning, "no content security policy, or one that allows `unsafe-eval` or any source";
    DangerousCspModification = "dangerous-csp-modification", Warning, "Tauri's CSP hardening of assets is turned off";
    BroadAssetScope = "broad-asset-scope", Warning, "the asset protocol may serve any file";
    GlobalTauriRemote = "global-tauri-remote", Warning, "`withGlobalTauri` exposes the Tauri API to remote pages";
    InvalidScope = "invalid-scope", Error, "a scope entry the plugin cannot read: the wrong shape, a bad glob, URL pattern or validator";
    UnknownPathVariable = "unknown-path-variable", Warning, "a scope path starting with a variable Tauri does not expand, such as `$APPDAT` or `~`";
    DotfilesUnreachable = "dotfiles-unreachable", Warning, "a wildcard fs scope over the home folder or the disk that cannot reach hidden files and folders";
    UnusedPermission = "unused-permission", Hint, "a capability entry none of whose commands the app's frontend calls";
    UngrantedCall = "ungranted-call", Warning, "a frontend call of a command that no capability grants, which Tauri refuses at run time";
    UnregisteredCommand = "unregistered-command", Warning, "an app permission allows a command no `generate_handler!` registers, or a registered command no permission mentions";
    AssetProtocolUnused = "asset-protocol-unused", Hint, "the asset protocol is enabled and the frontend never calls `convertFileSrc`";
}

impl Code {
    /// The rule's documentation page in the repository.
    pub fn docs_url(self) -> String {
        format!(
            "{}/blob/main/docs/rules/{}.md",
            env!("CARGO_PKG_REPOSITORY"),
            self.name()
        )
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_are_kebab_case() {
        for code in Code::ALL {
            assert_eq!(Code::from_name(code.name()), Some(*code));
            assert!(
                code.name()
                    .bytes()
                    .all(|byte| byte.is_ascii_lowercase() || byte == b'-'),
                "{code}"
            );
        }
    }
}
