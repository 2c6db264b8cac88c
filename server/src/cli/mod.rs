//! Subcommand definitions and dispatch. The only place (with `lsp`) that prints.
//!
//! Exit codes: 0 when no error was found, 1 when at least one error diagnostic was
//! reported, 2 when the command could not run (bad arguments, unreadable path, no app).

mod check;
pub mod check_report;
mod explain;
mod output;
pub mod schema;
mod usage;
mod why;

use std::ffi::OsString;
use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

use crate::diagnostic::Code;
use crate::ide::IdeConfig;
use crate::model::Platform;
use crate::workspace::crate_source::cargo_homes_from_env;
use crate::workspace::fs::RealFs;
use crate::workspace::settings::parse_rule_level;
use crate::workspace::{LoadOptions, Workspace};

pub const EXIT_OK: i32 = 0;
pub const EXIT_FINDINGS: i32 = 1;
pub const EXIT_USAGE: i32 = 2;

#[derive(Debug, Parser)]
#[command(
    name = "tauri-acl",
    version,
    about = "Checks and explains Tauri v2 capability and permission files, before any build"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Report problems in the capabilities, permissions and configs of Tauri apps.
    Check(CheckArgs),
    /// Show what each window may call, and which capability and permission allow it.
    Explain(ExplainArgs),
    /// Tell whether one call is allowed, and which capability, permission and scope decide.
    Why(WhyArgs),
    /// List what each app's frontend calls, what grants it, unused grants and ungranted calls.
    Usage(UsageArgs),
    /// Print the JSON Schema of a format of this tool: settings (tauri-acl.toml), check, explain or why.
    Schema {
        /// settings, check, explain or why.
        name: String,
    },
    /// Run the language server on stdin/stdout.
    Lsp,
}

#[derive(Debug, clap::Args)]
struct CommonArgs {
    /// Check only these platforms (linux, macOS, windows, android, iOS); repeatable.
    #[arg(long = "platform", value_parser = parse_platform)]
    platforms: Vec<Platform>,
    /// Where crate sources are unpacked (default: $TAURI_ACL_CARGO_HOME, $CARGO_HOME, ~/.cargo); repeatable.
    #[arg(long = "cargo-home")]
    cargo_homes: Vec<PathBuf>,
}

#[derive(Debug, clap::Args)]
struct CheckArgs {
    /// Files or folders to check; apps are found below (or above) each. Defaults to `.`.
    paths: Vec<PathBuf>,
    #[command(flatten)]
    common: CommonArgs,
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
    /// Change a rule's level: `--rule unknown-window=off` (off, hint, info, warning, error).
    #[arg(long = "rule", value_parser = parse_rule)]
    rules: Vec<(Code, Option<crate::diagnostic::Severity>)>,
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    color: ColorChoice,
    /// Apply the safe fixes (spelling, repeated entries) to the files, then report what is left.
    #[arg(long)]
    fix: bool,
}

#[derive(Debug, clap::Args)]
struct ExplainArgs {
    /// The app (or a folder holding apps). Defaults to `.`.
    path: Option<PathBuf>,
    /// Only this window label.
    #[arg(long)]
    window: Option<String>,
    #[command(flatten)]
    common: CommonArgs,
    #[arg(long, value_enum, default_value_t = ExplainFormat::Human)]
    format: ExplainFormat,
}

#[derive(Debug, clap::Args)]
struct WhyArgs {
    /// `[PATH] COMMAND`: the app (default `.`) and the command as the frontend invokes it
    /// (`plugin:fs|read_text_file`, `fs.read_text_file`, `greet`).
    #[arg(num_args = 1..=2, value_name = "[PATH] COMMAND", required = true)]
    positionals: Vec<String>,
    /// The label of the calling window.
    #[arg(long)]
    window: String,
    /// The label of the calling webview (default: the window's).
    #[arg(long)]
    webview: Option<String>,
    /// The URL of a remote page making the call (default: the app's own page).
    #[arg(long)]
    url: Option<String>,
    /// A path to test against the fs scope; may start with `$APPDATA` and the like.
    #[arg(long, conflicts_with = "scope_url")]
    path: Option<String>,
    /// A URL to test against the http scope.
    #[arg(long)]
    scope_url: Option<String>,
    #[command(flatten)]
    common: CommonArgs,
    #[arg(long, value_enum, default_value_t = ExplainFormat::Human)]
    format: ExplainFormat,
}

#[derive(Debug, clap::Args)]
struct UsageArgs {
    /// The app (or a folder holding apps). Defaults to `.`.
    path: Option<PathBuf>,
    #[command(flatten)]
    common: CommonArgs,
    #[arg(long, value_enum, default_value_t = ExplainFormat::Human)]
    format: ExplainFormat,
    /// Also print least-privilege capability files: the same identifiers, windows and
    /// scopes, with only the permissions the calls need.
    #[arg(long)]
    suggest: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    Human,
    Json,
    Sarif,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ExplainFormat {
    Human,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ColorChoice {
    Auto,
    Always,
    Never,
}

fn parse_platform(text: &str) -> Result<Platform, String> {
    Platform::parse_loose(text).ok_or_else(|| {
        format!("unknown platform `{text}`: use linux, macOS, windows, android or iOS")
    })
}

fn parse_rule(text: &str) -> Result<(Code, Option<crate::diagnostic::Severity>), String> {
    let (name, level) = text
        .split_once('=')
        .ok_or_else(|| format!("expected CODE=LEVEL, found `{text}`"))?;
    let code = Code::from_name(name).ok_or_else(|| format!("unknown rule `{name}`"))?;
    let level = parse_rule_level(level)
        .ok_or_else(|| format!("unknown level `{level}`: use off, hint, info, warning or error"))?;
    Ok((code, level))
}

/// Runs the command line and returns the process exit code.
pub fn run(args: impl IntoIterator<Item = OsString>) -> i32 {
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(error) => {
            let code = if error.use_stderr() {
                EXIT_USAGE
            } else {
                EXIT_OK
            };
            let _ = error.print();
            return code;
        }
    };
    match cli.command {
        Command::Check(args) => check::run(args),
        Command::Explain(args) => explain::run(args),
        Command::Why(args) => why::run(args),
        Command::Usage(args) => usage::run(args),
        Command::Schema { name } => schema::run(&name),
        Command::Lsp => crate::lsp::run(),
    }
}

/// Loads the workspace for the given paths, or explains why it cannot.
fn load(paths: &[PathBuf], common: &CommonArgs) -> Result<Workspace, String> {
    let paths: Vec<PathBuf> = if paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        paths.to_vec()
    };
    for path in &paths {
        if let Err(error) = std::fs::metadata(path) {
            return Err(format!("cannot read `{}`: {error}", path.display()));
        }
    }
    let roots: Vec<PathBuf> = paths.iter().map(|path| absolute(path)).collect();
    let options = LoadOptions {
        cargo_homes: common
            .cargo_homes
            .iter()
            .map(|home| absolute(home))
            .collect(),
        env_cargo_homes: cargo_homes_from_env(|name| std::env::var_os(name)),
        platforms: (!common.platforms.is_empty()).then(|| common.platforms.clone()),
        overlays: Default::default(),
    };
    let workspace = Workspace::load(&RealFs, &roots, &options);
    if workspace.apps.is_empty() {
        let shown: Vec<String> = paths
            .iter()
            .map(|path| format!("`{}`", path.display()))
            .collect();
        return Err(format!(
            "no Tauri app found in {} (looked for tauri.conf.json, tauri.conf.json5 or Tauri.toml)",
            shown.join(", ")
        ));
    }
    Ok(workspace)
}

/// Loads the workspace into a world, or prints why it cannot and gives the exit code.
fn load_world(paths: &[PathBuf], common: &CommonArgs) -> Result<crate::ide::World, i32> {
    match load(paths, common) {
        Ok(workspace) => Ok(crate::ide::World::new(workspace, IdeConfig::default())),
        Err(message) => {
            eprintln!("error: {message}");
            Err(EXIT_USAGE)
        }
    }
}

/// The platforms a report shows: those asked for; for a human, the host's one when an
/// app targets it (a person reads one platform at a time); else each app's own.
fn shown_platforms(
    world: &crate::ide::World,
    common: &CommonArgs,
    format: ExplainFormat,
) -> Option<Vec<Platform>> {
    if !common.platforms.is_empty() {
        return Some(common.platforms.clone());
    }
    if format != ExplainFormat::Human {
        return None;
    }
    let host = host_platform();
    world
        .workspace
        .apps
        .iter()
        .any(|app| app.platforms.contains(&host))
        .then(|| vec![host])
}

fn host_platform() -> Platform {
    if cfg!(target_os = "macos") {
        Platform::MacOS
    } else if cfg!(target_os = "windows") {
        Platform::Windows
    } else {
        Platform::Linux
    }
}

/// An absolute path without `.` or `..` components, so names like the app's come out
/// right for `check ..`.
fn absolute(path: &std::path::Path) -> PathBuf {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    crate::workspace::crate_source::normalize(&absolute)
}

fn ide_config(rules: &[(Code, Option<crate::diagnostic::Severity>)]) -> IdeConfig {
    IdeConfig {
        rules: rules.iter().copied().collect(),
    }
}
