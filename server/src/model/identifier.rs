//! Permission identifiers and Tauri's exact rules for them.
//!
//! Mirrors `Identifier::try_from` in tauri-utils `acl/identifier.rs`, rule for rule and in
//! the same order, because the first rule that fails decides Tauri's error message:
//! the `tauri-plugin-` prefix is refused, then emptiness, then a length over 116 bytes,
//! then the byte grammar (ASCII letters, digits and hyphens; no hyphen next to a colon;
//! at most one colon, except identifiers starting with `core:` which may have several,
//! the last one separating prefix and base), then a missing base and a trailing hyphen.
//! Uppercase letters are allowed, although Tauri's own message says "lowercase".

use std::fmt;

const PLUGIN_PREFIX: &str = "tauri-plugin-";
const CORE_PREFIX: &str = "core:";
/// 64 bytes of crate name minus the `tauri-plugin-` prefix, a colon, and 64 bytes of base.
pub const MAX_IDENTIFIER_LEN: usize = (64 - PLUGIN_PREFIX.len()) + 1 + 64;

/// A valid permission identifier such as `fs:allow-read-file` or `core:window:default`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Identifier {
    text: String,
    separator: Option<usize>,
}

/// Why a string is not a valid identifier.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IdentifierError {
    StartsWithTauriPlugin,
    Empty,
    TooLong(usize),
    InvalidFormat,
    MultipleSeparators,
    TrailingHyphen,
    PrefixWithoutBase,
}

impl Identifier {
    pub fn parse(text: &str) -> Result<Identifier, IdentifierError> {
        if text.starts_with(PLUGIN_PREFIX) {
            return Err(IdentifierError::StartsWithTauriPlugin);
        }
        if text.is_empty() {
            return Err(IdentifierError::Empty);
        }
        if text.len() > MAX_IDENTIFIER_LEN {
            return Err(IdentifierError::TooLong(text.len()));
        }
        let is_core = text.starts_with(CORE_PREFIX);
        let bytes = text.as_bytes();
        if !bytes[0].is_ascii_alphanumeric() {
            return Err(IdentifierError::InvalidFormat);
        }
        let mut previous = bytes[0];
        let mut separator = None;
        for (index, &byte) in bytes.iter().enumerate().skip(1) {
            if byte == b':' {
                if previous == b'-' {
                    return Err(IdentifierError::InvalidFormat);
                }
                if separator.is_some() && !is_core {
                    return Err(IdentifierError::MultipleSeparators);
                }
                separator = Some(index);
            } else if previous == b':' {
                // Right after a colon only a letter or digit may follow.
                if !byte.is_ascii_alphanumeric() {
                    return Err(IdentifierError::InvalidFormat);
                }
            } else if !(byte.is_ascii_alphanumeric() || byte == b'-') {
                return Err(IdentifierError::InvalidFormat);
            }
            previous = byte;
        }
        match previous {
            b':' => Err(IdentifierError::PrefixWithoutBase),
            b'-' => Err(IdentifierError::TrailingHyphen),
            _ => Ok(Identifier {
                text: text.to_owned(),
                separator,
            }),
        }
    }

    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The part before the last separating colon: the plugin key, `None` for app permissions.
    pub fn prefix(&self) -> Option<&str> {
        self.separator.map(|index| &self.text[..index])
    }

    /// The permission, set or `default` name after the prefix.
    pub fn base(&self) -> &str {
        match self.separator {
            Some(index) => &self.text[index + 1..],
            None => &self.text,
        }
    }
}

impl fmt::Display for Identifier {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl fmt::Display for IdentifierError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            IdentifierError::StartsWithTauriPlugin => {
                f.write_str("identifiers cannot start with `tauri-plugin-`: use the plugin name alone")
            }
            IdentifierError::Empty => f.write_str("identifiers cannot be empty"),
            IdentifierError::TooLong(len) => write!(
                f,
                "identifiers cannot be longer than {MAX_IDENTIFIER_LEN} bytes, this one has {len}"
            ),
            IdentifierError::InvalidFormat => f.write_str(
                "identifiers can only hold ASCII letters, digits and hyphens, with no hyphen at either end of a part, and one colon after the plugin name",
            ),
            IdentifierError::MultipleSeparators => {
                f.write_str("identifiers can only have one `:`, between the plugin name and the permission (only identifiers starting with `core:` may have more)")
            }
            IdentifierError::TrailingHyphen => f.write_str("identifiers cannot end with a hyphen"),
            IdentifierError::PrefixWithoutBase => {
                f.write_str("identifiers cannot end with `:`: a permission name must follow the plugin name")
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(text: &str) -> String {
        match Identifier::parse(text) {
            Ok(id) => format!("ok prefix={:?} base={}", id.prefix(), id.base()),
            Err(error) => format!("{error:?}"),
        }
    }

    #[test]
    fn tauri_identifier_rules_including_odd_cases() {
        let cases = [
            "fs:allow-read-file",
            "preFix:base",
            "UPPER:CASE",
            "a--b",
            "pre--fix:base--sep",
            "core:window:allow-close",
            "core:a:b:c",
            "core:default",
            "core::x",
            "fs::x",
            "a:b:c",
            "tauri-plugin-fs:default",
            "",
            "-a",
            "a-",
            "a-:b",
            "a:-b",
            ":base",
            "prefix:",
            "core:",
            "fs:allow_read",
            "fs:allow read",
            "💩",
            "default",
        ];
        let rendered = cases
            .iter()
            .map(|case| format!("{case:?} => {}", check(case)))
            .collect::<Vec<_>>()
            .join("\n");
        insta::assert_snapshot!(rendered, @r#"
        "fs:allow-read-file" => ok prefix=Some("fs") base=allow-read-file
        "preFix:base" => ok prefix=Some("preFix") base=base
        "UPPER:CASE" => ok prefix=Some("UPPER") base=CASE
        "a--b" => ok prefix=None base=a--b
        "pre--fix:base--sep" => ok prefix=Some("pre--fix") base=base--sep
        "core:window:allow-close" => ok prefix=Some("core:window") base=allow-close
        "core:a:b:c" => ok prefix=Some("core:a:b") base=c
        "core:default" => ok prefix=Some("core") base=default
        "core::x" => ok prefix=Some("core:") base=x
        "fs::x" => MultipleSeparators
        "a:b:c" => MultipleSeparators
        "tauri-plugin-fs:default" => StartsWithTauriPlugin
        "" => Empty
        "-a" => InvalidFormat
        "a-" => TrailingHyphen
        "a-:b" => InvalidFormat
        "a:-b" => InvalidFormat
        ":base" => InvalidFormat
        "prefix:" => PrefixWithoutBase
        "core:" => PrefixWithoutBase
        "fs:allow_read" => InvalidFormat
        "fs:allow read" => InvalidFormat
        "💩" => InvalidFormat
        "default" => ok prefix=None base=default
        "#);
    }

    #[test]
    fn length_limit_is_116_bytes() {
        assert_eq!(MAX_IDENTIFIER_LEN, 116);
        let at_limit = format!("p:{}", "a".repeat(114));
        assert_eq!(at_limit.len(), 116);
        assert!(Identifier::parse(&at_limit).is_ok());
        let over = format!("p:{}", "a".repeat(115));
        assert_eq!(Identifier::parse(&over), Err(IdentifierError::TooLong(117)));
    }
}
