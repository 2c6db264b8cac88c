//! Regenerates the bundled catalogue (`server/data/catalogue.json`).
//!
//! For `tauri` and each official plugin that ships permissions: the released 2.x
//! versions from the crates.io index as cargo caches it (pre-releases and yanked
//! releases are skipped and listed as such), each unpacked with
//! `cargo install <crate>@<version> --no-track` into a scratch cargo home (cargo
//! downloads and unpacks the crate, then stops with "nothing to install", which is
//! expected), then read with tauri-acl's own discovery code and encoded facts-only.
//! Nothing is built and no crate code runs.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use serde_json::Value;
use tauri_acl::workspace::Workspace;
use tauri_acl::workspace::app::read_crate;
use tauri_acl::workspace::bundled::{self, CrateRecord};
use tauri_acl::workspace::fs::RealFs;

/// `tauri` and the plugins of tauri-apps/plugins-workspace. Localhost, persisted-scope
/// and single-instance define no permissions; they are listed so an app that locks
/// them is known to need none, as it would be with their sources unpacked.
const CRATES: &[&str] = &[
    "tauri",
    "tauri-plugin-autostart",
    "tauri-plugin-barcode-scanner",
    "tauri-plugin-biometric",
    "tauri-plugin-cli",
    "tauri-plugin-clipboard-manager",
    "tauri-plugin-deep-link",
    "tauri-plugin-dialog",
    "tauri-plugin-fs",
    "tauri-plugin-geolocation",
    "tauri-plugin-global-shortcut",
    "tauri-plugin-haptics",
    "tauri-plugin-http",
    "tauri-plugin-localhost",
    "tauri-plugin-log",
    "tauri-plugin-nfc",
    "tauri-plugin-notification",
    "tauri-plugin-opener",
    "tauri-plugin-os",
    "tauri-plugin-persisted-scope",
    "tauri-plugin-positioner",
    "tauri-plugin-process",
    "tauri-plugin-shell",
    "tauri-plugin-single-instance",
    "tauri-plugin-sql",
    "tauri-plugin-store",
    "tauri-plugin-stronghold",
    "tauri-plugin-updater",
    "tauri-plugin-upload",
    "tauri-plugin-websocket",
    "tauri-plugin-window-state",
];

struct Options {
    out: PathBuf,
    cargo_home: PathBuf,
    offline: bool,
    only: Option<String>,
    /// Only unpack the crates (for tests that compare the data with them).
    download_only: bool,
    /// Only the newest N released versions of each crate (with `--download-only`).
    newest: Option<usize>,
}

fn main() {
    let options = parse_args();
    std::fs::create_dir_all(&options.cargo_home).expect("cannot create the scratch cargo home");
    let mut crates = BTreeMap::new();
    let mut downloads = 0;
    for name in CRATES {
        if options.only.as_deref().is_some_and(|only| only != *name) {
            continue;
        }
        let mut record = CrateRecord::default();
        let mut versions = versions(&options, name);
        if let Some(newest) = options.newest {
            versions.retain(|(_, skip)| skip.is_none());
            let keep_from = versions.len().saturating_sub(newest);
            versions.drain(..keep_from);
        }
        for (version, skip) in versions {
            if skip == Some("pre-release") {
                record.prereleases += 1;
                continue;
            }
            if let Some(reason) = skip {
                record.skipped.push(format!("{version} ({reason})"));
                continue;
            }
            let dir = match unpacked(&options.cargo_home, name, &version) {
                Some(dir) => dir,
                None if options.offline => {
                    record
                        .skipped
                        .push(format!("{version} (not unpacked, --offline)"));
                    continue;
                }
                None => {
                    download(&options.cargo_home, name, &version);
                    downloads += 1;
                    match unpacked(&options.cargo_home, name, &version) {
                        Some(dir) => dir,
                        None => {
                            record
                                .skipped
                                .push(format!("{version} (cargo could not unpack it)"));
                            continue;
                        }
                    }
                }
            };
            if options.download_only {
                continue;
            }
            let mut workspace = Workspace::default();
            let (plugins, issues) = read_crate(&RealFs, &mut workspace, &dir, name);
            // A crate read cleanly may define nothing (no `links`, no permissions):
            // that is a fact worth bundling too. One that could not be read is not.
            if plugins.is_empty() && !issues.is_empty() {
                let why: Vec<String> = issues.iter().map(|issue| issue.message.clone()).collect();
                record
                    .skipped
                    .push(format!("{version} (unreadable: {})", why.join("; ")));
                continue;
            }
            record
                .versions
                .insert(version, bundled::encode_crate(&plugins));
        }
        eprintln!(
            "{name}: {} versions, {} pre-releases and {} more skipped",
            record.versions.len(),
            record.prereleases,
            record.skipped.len()
        );
        crates.insert((*name).to_owned(), record);
    }
    if options.download_only {
        eprintln!(
            "unpacked into {} ({downloads} crates downloaded); the data file is unchanged",
            options.cargo_home.display()
        );
        return;
    }
    let text = bundled::write(&crates);
    std::fs::write(&options.out, &text).expect("cannot write the catalogue");
    eprintln!(
        "wrote {} ({} bytes, {downloads} crates downloaded)",
        options.out.display(),
        text.len()
    );
}

fn parse_args() -> Options {
    let mut out = PathBuf::from("server/data/catalogue.json");
    let mut cargo_home = std::env::temp_dir().join("tauri-acl-catalogue");
    let mut offline = false;
    let mut only = None;
    let mut download_only = false;
    let mut newest = None;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--out" => out = PathBuf::from(args.next().expect("--out takes a path")),
            "--cargo-home" => {
                cargo_home = PathBuf::from(args.next().expect("--cargo-home takes a path"))
            }
            "--offline" => offline = true,
            "--only" => only = Some(args.next().expect("--only takes a crate name")),
            "--download-only" => download_only = true,
            "--newest" => {
                newest = Some(
                    args.next()
                        .and_then(|count| count.parse().ok())
                        .expect("--newest takes a count"),
                )
            }
            other => panic!("unknown argument `{other}`"),
        }
    }
    if newest.is_some() && !download_only {
        // A partial catalogue would drop versions from the data file.
        panic!("--newest only goes with --download-only");
    }
    Options {
        out,
        cargo_home,
        offline,
        only,
        download_only,
        newest,
    }
}

/// Every 2.x version in the index, each with the reason it is skipped, if it is.
fn versions(options: &Options, name: &str) -> Vec<(semver::Version, Option<&'static str>)> {
    if !options.offline {
        // `cargo info` refreshes the sparse index's cache entry for the crate.
        let _ = cargo(&options.cargo_home)
            .args(["info", name])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status();
    }
    let Some(cache) = index_cache(&options.cargo_home, name) else {
        eprintln!("{name}: not in the index cache");
        return Vec::new();
    };
    let bytes = std::fs::read(cache).unwrap_or_default();
    let mut versions = BTreeMap::new();
    // The cache holds a header, then NUL-separated pairs of version and JSON record.
    for chunk in bytes.split(|byte| *byte == 0) {
        if chunk.first() != Some(&b'{') {
            continue;
        }
        let Ok(record) = serde_json::from_slice::<Value>(chunk) else {
            continue;
        };
        let Some(version) = record["vers"]
            .as_str()
            .and_then(|text| semver::Version::parse(text).ok())
        else {
            continue;
        };
        if version.major != 2 {
            continue;
        }
        let skip = if !version.pre.is_empty() {
            Some("pre-release")
        } else if record["yanked"].as_bool() == Some(true) {
            Some("yanked")
        } else {
            None
        };
        versions.insert(version, skip);
    }
    versions.into_iter().collect()
}

fn index_cache(cargo_home: &Path, name: &str) -> Option<PathBuf> {
    let prefix = match name.len() {
        1 => "1".to_owned(),
        2 => "2".to_owned(),
        3 => format!("3/{}", &name[..1]),
        _ => format!("{}/{}", &name[..2], &name[2..4]),
    };
    let index = cargo_home.join("registry").join("index");
    std::fs::read_dir(index)
        .ok()?
        .flatten()
        .map(|entry| entry.path().join(".cache").join(&prefix).join(name))
        .find(|path| path.is_file())
}

fn unpacked(cargo_home: &Path, name: &str, version: &semver::Version) -> Option<PathBuf> {
    let src = cargo_home.join("registry").join("src");
    std::fs::read_dir(src)
        .ok()?
        .flatten()
        .map(|entry| entry.path().join(format!("{name}-{version}")))
        .find(|dir| dir.join("Cargo.toml").is_file())
}

/// Unpacks one crate version; cargo then stops with "nothing to install".
fn download(cargo_home: &Path, name: &str, version: &semver::Version) {
    let root = cargo_home.join("install-root");
    let _ = cargo(cargo_home)
        .args([
            "install",
            &format!("{name}@{version}"),
            "--no-track",
            "--root",
        ])
        .arg(root)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status();
}

fn cargo(cargo_home: &Path) -> Command {
    let mut command = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned()));
    command
        .env("CARGO_HOME", cargo_home)
        .current_dir(cargo_home);
    command
}
