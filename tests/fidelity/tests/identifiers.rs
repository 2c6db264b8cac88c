//! `tauri-acl`'s identifier rules against tauri-utils' `Identifier::try_from`, on 12,000
//! generated strings biased toward the odd cases: uppercase, doubled hyphens, `core:`
//! with several or empty parts, the `tauri-plugin-` prefix, leading and trailing hyphens
//! around colons, lengths at the 116-byte limit, characters outside ASCII.
//!
//! Both must accept the same strings, split them into the same prefix and base, and
//! refuse the others for the same reason (the first rule that fails decides Tauri's
//! message, so the order of the rules matters too).

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::io::Write;

use proptest::prelude::*;
use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};
use tauri_acl::model::{Identifier, IdentifierError};
use tauri_utils::acl::{Identifier as TauriIdentifier, ParseIdentifierError};

/// The outcome in a form both sides map to.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Outcome {
    Accepted {
        prefix: Option<String>,
        base: String,
    },
    Refused(&'static str),
}

fn ours(text: &str) -> Outcome {
    match Identifier::parse(text) {
        Ok(identifier) => Outcome::Accepted {
            prefix: identifier.prefix().map(str::to_owned),
            base: identifier.base().to_owned(),
        },
        Err(error) => Outcome::Refused(match error {
            IdentifierError::StartsWithTauriPlugin => "starts with tauri-plugin-",
            IdentifierError::Empty => "empty",
            IdentifierError::TooLong(_) => "too long",
            IdentifierError::InvalidFormat => "invalid format",
            IdentifierError::MultipleSeparators => "multiple separators",
            IdentifierError::TrailingHyphen => "trailing hyphen",
            IdentifierError::PrefixWithoutBase => "prefix without base",
        }),
    }
}

fn tauris(text: &str) -> Outcome {
    match TauriIdentifier::try_from(text.to_owned()) {
        Ok(identifier) => Outcome::Accepted {
            prefix: identifier.get_prefix().map(str::to_owned),
            base: identifier.get_base().to_owned(),
        },
        Err(error) => Outcome::Refused(match error {
            ParseIdentifierError::StartsWithTauriPlugin => "starts with tauri-plugin-",
            ParseIdentifierError::Empty => "empty",
            ParseIdentifierError::Humongous(_) => "too long",
            ParseIdentifierError::InvalidFormat => "invalid format",
            ParseIdentifierError::MultipleSeparators => "multiple separators",
            ParseIdentifierError::TrailingHyphen => "trailing hyphen",
            ParseIdentifierError::PrefixWithoutBase => "prefix without base",
        }),
    }
}

/// A part made mostly of identifier characters, with the odd ones mixed in.
fn part(max: usize) -> impl Strategy<Value = String> {
    let character = prop_oneof![
        12 => prop::sample::select(
            "abcdefghijklmnopqrstuvwxyz0123456789".chars().collect::<Vec<_>>()
        ),
        3 => Just('-'),
        2 => prop::sample::select("ABCXYZ".chars().collect::<Vec<_>>()),
        1 => prop::sample::select(vec!['_', ' ', '.', '/', '*', '$', 'é', 'ß', '\u{0}', '😀', '\u{10FFFF}']),
    ];
    prop::collection::vec(character, 0..=max).prop_map(|chars| chars.into_iter().collect())
}

fn identifier_like() -> impl Strategy<Value = String> {
    let prefix = prop_oneof![
        4 => Just(String::new()),
        3 => Just("core:".to_owned()),
        2 => Just("tauri-plugin-".to_owned()),
        2 => Just("fs:".to_owned()),
        2 => Just("core:window:".to_owned()),
        1 => Just("-".to_owned()),
        1 => Just(":".to_owned()),
        1 => Just("core::".to_owned()),
        1 => Just("a--b:".to_owned()),
        1 => Just("Core:".to_owned()),
    ];
    let suffix = prop_oneof![
        6 => Just(String::new()),
        2 => Just("-".to_owned()),
        2 => Just(":".to_owned()),
        1 => Just("::x".to_owned()),
        1 => Just(":default".to_owned()),
        1 => Just("-:b".to_owned()),
        1 => Just(":-b".to_owned()),
    ];
    let joined = (
        prefix,
        part(12),
        prop::option::of((prop::sample::select(vec![":", "::", "-:", ":-"]), part(12))),
        suffix,
    )
        .prop_map(|(prefix, first, rest, suffix)| {
            let middle = match rest {
                Some((separator, second)) => format!("{first}{separator}{second}"),
                None => first,
            };
            format!("{prefix}{middle}{suffix}")
        });
    // Strings at the length limit: 116 bytes pass, 117 do not.
    let long =
        (110usize..=120, prop::bool::ANY, prop::bool::ANY).prop_map(|(length, colon, core)| {
            let start = if core {
                "core:"
            } else if colon {
                "p:"
            } else {
                ""
            };
            let mut text = start.to_owned();
            while text.len() < length {
                text.push('a');
            }
            text
        });
    prop_oneof![
        8 => joined,
        2 => long,
        1 => part(40),
        1 => ".{0,130}",
    ]
}

#[test]
fn identifiers_follow_tauris_rules() {
    const CASES: u32 = 12_000;
    let config = Config {
        cases: CASES,
        failure_persistence: None,
        ..Config::default()
    };
    let mut runner =
        TestRunner::new_with_rng(config, TestRng::deterministic_rng(RngAlgorithm::ChaCha));
    let tally: RefCell<BTreeMap<String, usize>> = RefCell::default();
    let result = runner.run(&identifier_like(), |text| {
        let tauri = tauris(&text);
        let key = match &tauri {
            Outcome::Accepted { prefix: None, .. } => "accepted without prefix".to_owned(),
            Outcome::Accepted {
                prefix: Some(_), ..
            } => "accepted with prefix".to_owned(),
            Outcome::Refused(reason) => format!("refused: {reason}"),
        };
        *tally.borrow_mut().entry(key).or_default() += 1;
        prop_assert_eq!(ours(&text), tauri, "for {:?}", text);
        Ok(())
    });
    if let Err(error) = result {
        panic!("{error}");
    }
    let tally = tally.into_inner();
    let _ = writeln!(
        std::io::stderr(),
        "identifiers: {} generated strings agree with tauri-utils: {tally:?}",
        tally.values().sum::<usize>()
    );
    assert!(tally.values().sum::<usize>() >= CASES as usize);
    // The generator reaches every rule, and accepts often enough to compare splits.
    for outcome in [
        "accepted without prefix",
        "accepted with prefix",
        "refused: starts with tauri-plugin-",
        "refused: empty",
        "refused: too long",
        "refused: invalid format",
        "refused: multiple separators",
        "refused: trailing hyphen",
        "refused: prefix without base",
    ] {
        assert!(
            tally.get(outcome).copied().unwrap_or(0) >= 20,
            "too few cases {outcome}: {tally:?}"
        );
    }
}

/// The cases the issue names, spelled out.
#[test]
fn the_named_odd_cases_agree() {
    let long_ok = format!("p:{}", "a".repeat(114));
    let long_bad = format!("p:{}", "a".repeat(115));
    let cases = [
        "UPPER:Case",
        "a--b",
        "core::x",
        "core:a:b:c",
        "a:b:c",
        "tauri-plugin-fs:default",
        "-a",
        "a-",
        "a-:b",
        "a:-b",
        ":a",
        "a:",
        "core:",
        "",
        "é",
        "fs:allow_read",
        long_ok.as_str(),
        long_bad.as_str(),
    ];
    for case in cases {
        assert_eq!(ours(case), tauris(case), "for {case:?}");
    }
    assert!(matches!(ours(&long_ok), Outcome::Accepted { .. }));
    assert_eq!(ours(&long_bad), Outcome::Refused("too long"));
}
