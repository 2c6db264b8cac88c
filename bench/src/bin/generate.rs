//! `generate [--quick] [--seed N] OUT`: writes the benchmark workspace into `OUT`.

use std::path::PathBuf;
use std::process::ExitCode;

use tauri_acl_bench::generate::{DEFAULT_SEED, Size};

fn main() -> ExitCode {
    let mut size = Size::FULL;
    let mut seed = DEFAULT_SEED;
    let mut out = None;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--quick" => size = Size::QUICK,
            "--seed" => match args.next().and_then(|value| value.parse().ok()) {
                Some(value) => seed = value,
                None => return usage("--seed takes a number"),
            },
            "-h" | "--help" => return usage(""),
            _ if out.is_none() && !arg.starts_with('-') => out = Some(PathBuf::from(arg)),
            _ => return usage(&format!("unexpected argument `{arg}`")),
        }
    }
    let Some(out) = out else {
        return usage("the output folder is missing");
    };
    match tauri_acl_bench::workspace(&out, size, seed) {
        Ok(generated) => {
            let (permissions, sets) = generated.catalogue_counts();
            let (json, json5, toml) = generated.format_counts();
            println!(
                "{}: {} plugin crates, {permissions} permissions and {sets} sets (core and app included); {} capability files ({json} JSON, {json5} JSON5, {toml} TOML) with {} entries",
                generated.app.display(),
                generated.crates().count(),
                generated.capabilities.len(),
                generated.entry_count()
            );
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("error: {error}");
            ExitCode::from(2)
        }
    }
}

fn usage(problem: &str) -> ExitCode {
    if !problem.is_empty() {
        eprintln!("error: {problem}");
    }
    eprintln!("usage: generate [--quick] [--seed N] OUT");
    if problem.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(2)
    }
}
