//! Evaluates the target of a `[target.X.dependencies]` table for one platform.
//!
//! Plugins such as the updater are often desktop-only dependencies, so on Android the
//! build script never sees them and their permissions are unknown there. `X` is either
//! a target triple or a `cfg(...)` expression over `target_os`, `target_family`, `unix`,
//! `windows`, `any`, `all` and `not`. A predicate this evaluator does not know (an
//! architecture, a feature) counts as true: a dependency is assumed present unless it is
//! certainly absent.

use crate::model::Platform;

/// Whether a dependency under `target` is present when building for `platform`.
pub fn target_matches(target: &str, platform: Platform) -> bool {
    let target = target.trim();
    match target
        .strip_prefix("cfg(")
        .and_then(|rest| rest.strip_suffix(')'))
    {
        Some(expression) => {
            let tokens = tokenize(expression);
            let mut parser = Parser {
                tokens: &tokens,
                index: 0,
                platform,
            };
            parser.expression().unwrap_or(true)
        }
        None => triple_platform(target) == platform,
    }
}

/// The platform of a target triple, the way tauri-utils' `Target::from_triple` sees it.
pub fn triple_platform(triple: &str) -> Platform {
    if triple.contains("darwin") {
        Platform::MacOS
    } else if triple.contains("windows") {
        Platform::Windows
    } else if triple.contains("android") {
        Platform::Android
    } else if triple.contains("ios") {
        Platform::Ios
    } else {
        Platform::Linux
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Token {
    Ident(String),
    Str(String),
    Equals,
    Comma,
    Open,
    Close,
}

fn tokenize(text: &str) -> Vec<Token> {
    let mut tokens = Vec::new();
    let mut chars = text.chars().peekable();
    while let Some(ch) = chars.next() {
        match ch {
            '=' => tokens.push(Token::Equals),
            ',' => tokens.push(Token::Comma),
            '(' => tokens.push(Token::Open),
            ')' => tokens.push(Token::Close),
            '"' => {
                let mut value = String::new();
                for next in chars.by_ref() {
                    if next == '"' {
                        break;
                    }
                    value.push(next);
                }
                tokens.push(Token::Str(value));
            }
            ch if ch.is_alphanumeric() || ch == '_' => {
                let mut value = ch.to_string();
                while let Some(next) = chars.peek() {
                    if next.is_alphanumeric() || *next == '_' {
                        value.push(*next);
                        chars.next();
                    } else {
                        break;
                    }
                }
                tokens.push(Token::Ident(value));
            }
            _ => {}
        }
    }
    tokens
}

struct Parser<'t> {
    tokens: &'t [Token],
    index: usize,
    platform: Platform,
}

impl Parser<'_> {
    fn next(&mut self) -> Option<&Token> {
        let token = self.tokens.get(self.index);
        self.index += 1;
        token
    }

    fn peek(&self) -> Option<&Token> {
        self.tokens.get(self.index)
    }

    /// Returns `None` on malformed input; the caller treats that as "present".
    fn expression(&mut self) -> Option<bool> {
        let Some(Token::Ident(name)) = self.next().cloned() else {
            return None;
        };
        match name.as_str() {
            "any" | "all" | "not" => {
                if self.next() != Some(&Token::Open) {
                    return None;
                }
                let mut values = Vec::new();
                loop {
                    if self.peek() == Some(&Token::Close) {
                        self.next();
                        break;
                    }
                    values.push(self.expression()?);
                    match self.next() {
                        Some(Token::Comma) => continue,
                        Some(Token::Close) => break,
                        _ => return None,
                    }
                }
                match name.as_str() {
                    "any" => Some(values.iter().any(|value| *value)),
                    "all" => Some(values.iter().all(|value| *value)),
                    _ => Some(!values.first().copied().unwrap_or(false)),
                }
            }
            _ => {
                if self.peek() == Some(&Token::Equals) {
                    self.next();
                    let Some(Token::Str(value)) = self.next().cloned() else {
                        return None;
                    };
                    Some(self.key_value(&name, &value))
                } else {
                    Some(self.flag(&name))
                }
            }
        }
    }

    fn key_value(&self, key: &str, value: &str) -> bool {
        match key {
            "target_os" => self.platform.target_os() == value,
            "target_family" => match value {
                "unix" => self.platform != Platform::Windows,
                "windows" => self.platform == Platform::Windows,
                _ => false,
            },
            "target_vendor" => match value {
                "apple" => matches!(self.platform, Platform::MacOS | Platform::Ios),
                "pc" => self.platform == Platform::Windows,
                _ => true,
            },
            _ => true,
        }
    }

    fn flag(&self, name: &str) -> bool {
        match name {
            "unix" => self.platform != Platform::Windows,
            "windows" => self.platform == Platform::Windows,
            _ => true,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn desktop_only_dependency() {
        let target = r#"cfg(not(any(target_os = "android", target_os = "ios")))"#;
        assert!(target_matches(target, Platform::Linux));
        assert!(target_matches(target, Platform::MacOS));
        assert!(!target_matches(target, Platform::Android));
        assert!(!target_matches(target, Platform::Ios));
    }

    #[test]
    fn families_triples_and_unknown_predicates() {
        assert!(target_matches("cfg(unix)", Platform::Android));
        assert!(!target_matches("cfg(windows)", Platform::Linux));
        assert!(target_matches("x86_64-pc-windows-msvc", Platform::Windows));
        assert!(!target_matches("aarch64-apple-darwin", Platform::Linux));
        assert!(target_matches(
            r#"cfg(target_arch = "x86_64")"#,
            Platform::Ios
        ));
        assert!(target_matches("cfg(garbage", Platform::Linux));
    }
}
