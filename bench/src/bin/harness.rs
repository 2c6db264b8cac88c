//! `harness [--quick] [--seed N] [--out DIR] [--server PATH] [--no-node]`: generates the
//! benchmark workspace, measures everything and prints one Markdown table plus the
//! machine description.
//!
//! In process: tauri-acl's cold index against reading and parsing the same files with
//! serde_json/json5/toml, all diagnostics, and tauri-acl's resolver against tauri-utils'
//! `Resolved::resolve`. Through the real binary: `tauri-acl check` wall time, and over
//! stdio (`tauri-acl lsp`) the initialize round trip, RSS after indexing, keystroke →
//! published diagnostics over a replayed typing session, completion and hover. In Node:
//! vscode-json-languageservice answering completion and hover at the same positions with
//! the capability schema tauri-build writes. Targets are judged, never asserted: `--quick`
//! (a small workspace, few rounds) only proves the benchmark runs.

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::time::{Duration, Instant};

use serde_json::{Value, json};
use tauri_acl::ide::World;
use tauri_acl_bench::generate::capability::Format;
use tauri_acl_bench::generate::catalogue::{Availability, Role};
use tauri_acl_bench::generate::{DEFAULT_SEED, Generated, Size};
use tauri_acl_bench::lsp_client::{LspProcess, file_uri, vscode_capabilities};
use tauri_acl_bench::stats::{Samples, ms};
use tauri_acl_bench::{heap, machine, measure, tauri_side, typing};

#[global_allocator]
static HEAP: heap::Counting = heap::Counting;

struct Options {
    quick: bool,
    seed: u64,
    out: Option<PathBuf>,
    server: Option<PathBuf>,
    node: bool,
}

/// How many times each thing is measured.
struct Rounds {
    index: usize,
    diagnostics: usize,
    resolve: usize,
    check: usize,
    edits: usize,
    /// Files completion and hover are asked in (one position each).
    positions: usize,
    requests: usize,
    /// Rounds over the same positions in Node, after a warm-up round.
    node: usize,
}

impl Rounds {
    fn new(quick: bool) -> Rounds {
        if quick {
            Rounds {
                index: 3,
                diagnostics: 1,
                resolve: 3,
                check: 1,
                edits: 40,
                positions: 2,
                requests: 3,
                node: 1,
            }
        } else {
            Rounds {
                index: 20,
                diagnostics: 5,
                resolve: 20,
                check: 5,
                edits: 500,
                positions: 8,
                requests: 50,
                node: 3,
            }
        }
    }
}

/// One row of the table.
struct Row {
    what: String,
    value: String,
    target: String,
    met: String,
}

fn row(what: impl Into<String>, value: impl Into<String>) -> Row {
    Row {
        what: what.into(),
        value: value.into(),
        target: String::new(),
        met: String::new(),
    }
}

fn judged(what: impl Into<String>, value: impl Into<String>, target: &str, met: bool) -> Row {
    Row {
        what: what.into(),
        value: value.into(),
        target: target.to_owned(),
        met: if met { "met" } else { "missed" }.to_owned(),
    }
}

fn main() -> ExitCode {
    let options = match parse_options() {
        Ok(options) => options,
        Err(message) => {
            eprintln!("error: {message}");
            eprintln!(
                "usage: harness [--quick] [--seed N] [--out DIR] [--server PATH] [--no-node]"
            );
            return ExitCode::from(2);
        }
    };
    match run(&options) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

fn parse_options() -> Result<Options, String> {
    let mut options = Options {
        quick: false,
        seed: DEFAULT_SEED,
        out: None,
        server: None,
        node: true,
    };
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--quick" => options.quick = true,
            "--no-node" => options.node = false,
            "--seed" => {
                options.seed = args
                    .next()
                    .and_then(|value| value.parse().ok())
                    .ok_or("--seed takes a number")?
            }
            "--out" => {
                options.out = Some(PathBuf::from(args.next().ok_or("--out takes a folder")?))
            }
            "--server" => {
                options.server = Some(PathBuf::from(args.next().ok_or("--server takes a path")?))
            }
            _ => return Err(format!("unexpected argument `{arg}`")),
        }
    }
    Ok(options)
}

/// The repository root (the bench crate's parent).
fn repository() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_default()
}

/// The `tauri-acl` binary of the same profile as this harness, built now so the numbers
/// are never those of a stale binary.
fn server_binary(options: &Options) -> Result<PathBuf, String> {
    if let Some(path) = &options.server {
        return Ok(path.clone());
    }
    let exe = std::env::current_exe().map_err(|error| error.to_string())?;
    let dir = exe.parent().ok_or("the harness has no folder")?;
    let release = dir.file_name().is_some_and(|name| name == "release");
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let mut command = Command::new(cargo);
    command
        .args(["build", "--quiet", "-p", "tauri-acl", "--bin", "tauri-acl"])
        .arg("--manifest-path")
        .arg(repository().join("Cargo.toml"));
    if release {
        command.arg("--release");
    }
    if std::env::var_os("CI").is_some() {
        command.arg("--locked");
    }
    let status = command
        .status()
        .map_err(|error| format!("running cargo: {error}"))?;
    if !status.success() {
        return Err("building tauri-acl failed".to_owned());
    }
    Ok(dir.join("tauri-acl"))
}

fn time<T>(run: impl FnOnce() -> T) -> (Duration, T) {
    let start = Instant::now();
    let value = run();
    (start.elapsed(), value)
}

fn run(options: &Options) -> Result<(), String> {
    let rounds = Rounds::new(options.quick);
    let server = server_binary(options)?;
    let target_dir = std::env::current_exe()
        .ok()
        .and_then(|exe| exe.parent()?.parent().map(Path::to_path_buf))
        .unwrap_or_else(|| repository().join("target"));
    let out = options.out.clone().unwrap_or_else(|| {
        target_dir
            .join("tauri-acl-bench")
            .join(if options.quick { "quick" } else { "full" })
    });
    let size = if options.quick {
        Size::QUICK
    } else {
        Size::FULL
    };
    let load_at_start = machine::load_average();
    eprintln!("generating the workspace in {}", out.display());
    let generated =
        tauri_acl_bench::workspace(&out, size, options.seed).map_err(|error| error.to_string())?;
    let mut rows = Vec::new();
    let (permissions, sets) = generated.catalogue_counts();
    let (json_files, json5_files, toml_files) = generated.format_counts();
    let core_modules = generated
        .plugins
        .iter()
        .filter(|plugin| plugin.crate_name == "tauri" && plugin.key != "core")
        .count();
    rows.push(row(
        "Workspace",
        format!(
            "{} plugin crates + {core_modules} core modules, {permissions} permissions, {sets} sets; {} capability files ({json_files} JSON, {json5_files} JSON5, {toml_files} TOML), {} entries; 5 platforms",
            generated.crates().count(),
            generated.capabilities.len(),
            generated.entry_count()
        ),
    ));

    eprintln!("in-process measurements");
    rows.extend(in_process(&generated, &rounds)?);
    eprintln!("tauri-acl check");
    rows.extend(check_wall_time(&server, &generated, &rounds)?);
    eprintln!("language server over stdio");
    let positions = request_positions(&generated, rounds.positions);
    let lsp = language_server(&server, &generated, &rounds, &positions, &out)?;
    let node = if options.node {
        eprintln!("vscode-json-languageservice in Node");
        Some(json_language_service(&positions, rounds.node, &out)?)
    } else {
        None
    };
    rows.extend(lsp_rows(&lsp, node.as_ref()));

    print_report(&rows, options, &load_at_start);
    Ok(())
}

fn in_process(generated: &Generated, rounds: &Rounds) -> Result<Vec<Row>, String> {
    let app = &generated.app;
    let files = measure::files_read(app);
    let mut index = Samples::new();
    let mut bare = Samples::new();
    let mut bytes = 0;
    // One of each first, so both start with the same warm page cache.
    measure::index(app);
    measure::bare_parse(&files);
    for _ in 0..rounds.index {
        let (elapsed, workspace) = time(|| measure::index(app));
        index.push(elapsed);
        drop(workspace);
        let (elapsed, read) = time(|| measure::bare_parse(&files));
        bare.push(elapsed);
        bytes = read;
    }
    let ratio = index.median().as_secs_f64() / bare.median().as_secs_f64().max(1e-9);
    let (workspace, index_heap, _) = heap::measure(|| measure::index(app));
    let mut rows = vec![
        row(
            "Files the index reads",
            format!("{} files, {:.1} MB", files.len(), bytes as f64 / 1e6),
        ),
        row(
            format!("Cold index, in process (median of {})", index.len()),
            ms(index.median()),
        ),
        row(
            format!(
                "Bare read + parse of the same files, serde_json/json5/toml (median of {})",
                bare.len()
            ),
            ms(bare.median()),
        ),
        judged(
            "Cold index / bare parse",
            format!("{ratio:.2}×"),
            "≤ 2×",
            ratio <= 2.0,
        ),
        row("Heap the index holds, in process", megabytes(index_heap)),
    ];

    let world = World::new(workspace, Default::default());
    let mut diagnostics = Samples::new();
    let mut found = 0;
    for _ in 0..rounds.diagnostics {
        let cold = measure::cold(&world);
        let (elapsed, list) = time(|| tauri_acl::ide::diagnostics::diagnostics(&cold));
        diagnostics.push(elapsed);
        found = list.len();
    }
    let cold = measure::cold(&world);
    let (_, _, diagnostics_heap) =
        heap::measure(|| tauri_acl::ide::diagnostics::diagnostics(&cold).len());
    drop(cold);
    rows.push(row(
        format!(
            "All diagnostics of the workspace, in process, nothing cached (median of {}; {found} found)",
            diagnostics.len()
        ),
        ms(diagnostics.median()),
    ));
    rows.push(row(
        "Heap one uncached diagnostics pass needs on top of the index, in process (peak; the resolutions it keeps included)",
        megabytes(diagnostics_heap),
    ));
    rows.extend(keystroke_breakdown(generated, &world, rounds));

    let acl = tauri_side::manifests(&generated.plugins)?;
    let capabilities = tauri_side::read_capabilities(app)?;
    let mut ours = Samples::new();
    let mut theirs = Samples::new();
    let (mut our_grants, mut their_commands) = (0, 0);
    measure::our_resolve(&world.workspace);
    measure::tauri_resolve(&acl, capabilities.clone());
    for _ in 0..rounds.resolve {
        let (elapsed, grants) = time(|| measure::our_resolve(&world.workspace));
        ours.push(elapsed);
        our_grants = grants;
        let input = capabilities.clone();
        let (elapsed, commands) = time(|| measure::tauri_resolve(&acl, input));
        theirs.push(elapsed);
        their_commands = commands;
    }
    let speedup = theirs.median().as_secs_f64() / ours.median().as_secs_f64().max(1e-9);
    rows.push(row(
        format!(
            "Resolve every capability on Linux: tauri-acl `authority::active` (median of {}; {our_grants} grants)",
            ours.len()
        ),
        ms(ours.median()),
    ));
    rows.push(row(
        format!(
            "Resolve the same: tauri-utils `Resolved::resolve` (median of {}; {their_commands} command entries)",
            theirs.len()
        ),
        ms(theirs.median()),
    ));
    rows.push(row(
        "Resolver: tauri-utils time / tauri-acl time",
        format!("{speedup:.1}×"),
    ));
    Ok(rows)
}

fn plural(count: usize, noun: &str) -> String {
    if count == 1 {
        format!("1 {noun}")
    } else {
        format!("{count} {noun}s")
    }
}

fn megabytes(bytes: usize) -> String {
    format!("{:.1} MB", bytes as f64 / 1024.0 / 1024.0)
}

/// Where a keystroke's diagnostics go, in process: the new snapshot, then the checks of
/// the file's app; and what resolving every capability again would cost.
fn keystroke_breakdown(generated: &Generated, world: &World, rounds: &Rounds) -> Vec<Row> {
    let Some((file, typed)) = measure::typed_in_largest(generated, world) else {
        return Vec::new();
    };
    // The server has checked the app before the keystroke: every capability but the
    // edited one is resolved already.
    tauri_acl::ide::diagnostics::file_diagnostics(world, file);
    let mut snapshot = Samples::new();
    let mut checks = Samples::new();
    let mut resolving = Samples::new();
    for _ in 0..rounds.diagnostics {
        let (elapsed, next) = time(|| measure::with_text(world, file, &typed));
        snapshot.push(elapsed);
        let (elapsed, _) =
            time(|| tauri_acl::ide::diagnostics::file_diagnostics(&next, file).len());
        checks.push(elapsed);
        let (elapsed, _) = time(|| measure::resolve_for_checks(&next.workspace));
        resolving.push(elapsed);
    }
    vec![
        row(
            format!(
                "One keystroke in process: new snapshot, the file parsed again (median of {})",
                snapshot.len()
            ),
            ms(snapshot.median()),
        ),
        row(
            format!(
                "One keystroke in process: the file's diagnostics, its whole app checked, the other capabilities' resolutions reused (median of {})",
                checks.len()
            ),
            ms(checks.median()),
        ),
        row(
            format!(
                "For comparison: resolving every capability on each checked platform, uncached (median of {})",
                resolving.len()
            ),
            ms(resolving.median()),
        ),
    ]
}

fn check_wall_time(
    server: &Path,
    generated: &Generated,
    rounds: &Rounds,
) -> Result<Vec<Row>, String> {
    let mut samples = Samples::new();
    let mut code = None;
    for _ in 0..rounds.check {
        let start = Instant::now();
        let status = Command::new(server)
            .arg("check")
            .arg(&generated.app)
            .args(["--format", "json"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .map_err(|error| format!("running {}: {error}", server.display()))?;
        samples.push(start.elapsed());
        code = status.code();
    }
    Ok(vec![row(
        format!(
            "`tauri-acl check` wall time (median of {}; exit code {})",
            samples.len(),
            code.map_or("none".to_owned(), |code| code.to_string())
        ),
        ms(samples.median()),
    )])
}

/// A completion or hover request position in a capability file.
struct Position {
    path: PathBuf,
    completion: (u32, u32),
    hover: (u32, u32),
}

/// One position per file in `count` JSON capability files spread over the range of file
/// sizes (the typing session's files excluded).
fn request_positions(generated: &Generated, count: usize) -> Vec<Position> {
    let mut files: Vec<(usize, PathBuf)> = generated
        .capabilities
        .iter()
        .filter(|capability| capability.format == Format::Json)
        .map(|capability| {
            (
                capability.entries.len(),
                generated.capability_path(capability),
            )
        })
        .collect();
    files.sort();
    // The largest JSON file is typed into.
    files.pop();
    if files.is_empty() || count == 0 {
        return Vec::new();
    }
    let mut positions = Vec::new();
    for step in 0..count {
        let index = if count == 1 {
            files.len() / 2
        } else {
            step * (files.len() - 1) / (count - 1)
        };
        let path = &files[index].1;
        let text = std::fs::read_to_string(path).unwrap_or_default();
        let candidates = typing::request_positions(&text);
        if let Some((completion, hover)) = candidates.get(candidates.len() / 2) {
            positions.push(Position {
                path: path.clone(),
                completion: *completion,
                hover: *hover,
            });
        }
    }
    positions.dedup_by(|a, b| a.path == b.path);
    positions
}

struct LspResults {
    initialize: Duration,
    rss_indexed_kib: u64,
    documents: usize,
    rss_after_index_kib: u64,
    peak_kib: u64,
    keystroke: Samples,
    edits: usize,
    completion: Samples,
    completion_items: f64,
    hover: Samples,
    hovers_found: usize,
    positions: usize,
}

fn language_server(
    server: &Path,
    generated: &Generated,
    rounds: &Rounds,
    positions: &[Position],
    out: &Path,
) -> Result<LspResults, String> {
    let mut lsp = LspProcess::spawn(server, &out.join("lsp-stderr.log"))?;
    let root = generated.root.join("app");
    let root_uri = file_uri(&root);
    let (initialize, _) = lsp.request(
        "initialize",
        json!({
            "processId": std::process::id(),
            "rootUri": root_uri,
            "capabilities": vscode_capabilities(),
            "workspaceFolders": [{ "uri": root_uri, "name": "app" }],
        }),
    )?;
    // `initialize` answers once the workspace is loaded.
    let (rss_indexed_kib, _) = lsp.memory_kib().unwrap_or_default();
    lsp.notify("initialized", json!({}))?;

    // The documents typed into: the largest JSON file, a JSON5 file, an inline-table TOML file.
    let largest_json = generated
        .capabilities
        .iter()
        .filter(|capability| capability.format == Format::Json)
        .max_by_key(|capability| capability.entries.len());
    let json5 = generated
        .capabilities
        .iter()
        .find(|capability| capability.format == Format::Json5);
    let toml = generated
        .capabilities
        .iter()
        .find(|capability| capability.format == Format::Toml);
    let typed: Vec<(PathBuf, &'static str, &'static str)> = [
        (largest_json, "json", "    "),
        (json5, "json5", "    "),
        (toml, "toml", "  "),
    ]
    .into_iter()
    .filter_map(|(capability, language, indent)| {
        capability.map(|capability| (generated.capability_path(capability), language, indent))
    })
    .collect();
    let mut opened: Vec<(PathBuf, String)> = typed
        .iter()
        .map(|(path, _, _)| (path.clone(), String::new()))
        .collect();
    opened.extend(
        positions
            .iter()
            .map(|position| (position.path.clone(), String::new())),
    );
    for (path, text) in &mut opened {
        *text = std::fs::read_to_string(&*path).map_err(|error| error.to_string())?;
        let language = match path.extension().and_then(|ext| ext.to_str()) {
            Some("toml") => "toml",
            Some("json5") => "json5",
            _ => "json",
        };
        lsp.notify(
            "textDocument/didOpen",
            json!({ "textDocument": { "uri": file_uri(path), "languageId": language, "version": 1, "text": text } }),
        )?;
    }
    for (path, _) in &opened {
        lsp.diagnostics(&file_uri(path), 1)?;
    }
    let (rss_after_index_kib, _) = lsp.memory_kib().unwrap_or_default();

    // The typing session.
    let words = typing_words(generated);
    let texts: Vec<String> = opened[..typed.len()]
        .iter()
        .map(|(_, text)| text.clone())
        .collect();
    let indents: Vec<&'static str> = typed.iter().map(|(_, _, indent)| *indent).collect();
    let mut rng = fastrand::Rng::with_seed(7);
    let edits = typing::session(&texts, &indents, &words, rounds.edits, &mut rng);
    let mut versions = vec![1i64; typed.len()];
    let mut keystroke = Samples::new();
    for edit in &edits {
        let (path, _, _) = &typed[edit.document];
        let uri = file_uri(path);
        versions[edit.document] += 1;
        let version = versions[edit.document];
        let sent = lsp.notify(
            "textDocument/didChange",
            json!({
                "textDocument": { "uri": uri, "version": version },
                "contentChanges": [{
                    "range": {
                        "start": { "line": edit.start.0, "character": edit.start.1 },
                        "end": { "line": edit.end.0, "character": edit.end.1 }
                    },
                    "text": edit.text
                }]
            }),
        )?;
        let (arrived, _) = lsp.diagnostics(&uri, version)?;
        keystroke.push(arrived.saturating_duration_since(sent));
    }

    // Completion and hover at the same positions as the JSON language service.
    let mut completion = Samples::new();
    let mut hover = Samples::new();
    let mut completion_items = 0.0;
    let mut hovers_found = 0;
    let ask = |lsp: &mut LspProcess, method: &str, path: &Path, (line, character): (u32, u32)| {
        lsp.request(
            method,
            json!({
                "textDocument": { "uri": file_uri(path) },
                "position": { "line": line, "character": character }
            }),
        )
    };
    for position in positions {
        ask(
            &mut lsp,
            "textDocument/completion",
            &position.path,
            position.completion,
        )?;
        ask(
            &mut lsp,
            "textDocument/hover",
            &position.path,
            position.hover,
        )?;
    }
    for round in 0..rounds.requests {
        for position in positions {
            let (elapsed, result) = ask(
                &mut lsp,
                "textDocument/completion",
                &position.path,
                position.completion,
            )?;
            completion.push(elapsed);
            let (elapsed, answer) = ask(
                &mut lsp,
                "textDocument/hover",
                &position.path,
                position.hover,
            )?;
            hover.push(elapsed);
            if round == 0 {
                let items = match &result {
                    Value::Array(items) => items.len(),
                    Value::Object(list) => list
                        .get("items")
                        .and_then(Value::as_array)
                        .map_or(0, Vec::len),
                    _ => 0,
                };
                completion_items += items as f64 / positions.len().max(1) as f64;
                hovers_found += usize::from(!answer.is_null());
            }
        }
    }
    let (_, peak_kib) = lsp.memory_kib().unwrap_or_default();
    lsp.shutdown()?;
    Ok(LspResults {
        initialize,
        rss_indexed_kib,
        documents: opened.len(),
        rss_after_index_kib,
        peak_kib,
        keystroke,
        edits: edits.len(),
        completion,
        completion_items,
        hover,
        hovers_found,
        positions: positions.len(),
    })
}

/// Identifiers someone would add: allow permissions of plugins every capability may use.
fn typing_words(generated: &Generated) -> Vec<String> {
    let mut words = Vec::new();
    for plugin in &generated.plugins {
        if plugin.availability != Availability::Everywhere || plugin.key == "__app-acl__" {
            continue;
        }
        for name in plugin
            .names
            .iter()
            .filter(|name| name.role == Role::Allow && !name.scoped)
        {
            let command = name.base.trim_start_matches("allow-").replace('-', "_");
            if plugin.reserved.contains(&command) {
                continue;
            }
            words.push(format!("{}:{}", plugin.key, name.base));
        }
    }
    let mut rng = fastrand::Rng::with_seed(11);
    rng.shuffle(&mut words);
    words
}

struct NodeResults {
    rounds: usize,
    completion: Samples,
    completion_items: f64,
    hover: Samples,
    hovers_found: usize,
}

fn json_language_service(
    positions: &[Position],
    rounds: usize,
    out: &Path,
) -> Result<NodeResults, String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("json-ls");
    if !dir
        .join("node_modules")
        .join("vscode-json-languageservice")
        .is_dir()
    {
        return Err(format!(
            "the Node packages are not installed: run `npm ci --prefix {}` (or pass --no-node)",
            dir.display()
        ));
    }
    let mut requests = Vec::new();
    for position in positions {
        for (kind, (line, character)) in [
            ("completion", position.completion),
            ("hover", position.hover),
        ] {
            requests.push(json!({
                "kind": kind,
                "path": position.path,
                "line": line,
                "character": character,
            }));
        }
    }
    let input = out.join("json-ls-input.json");
    std::fs::write(
        &input,
        json!({ "rounds": rounds, "requests": requests }).to_string(),
    )
    .map_err(|error| error.to_string())?;
    let output = Command::new("node")
        .arg(dir.join("bench.mjs"))
        .arg(&input)
        .stderr(Stdio::inherit())
        .output()
        .map_err(|error| format!("running node: {error}"))?;
    if !output.status.success() {
        return Err("the Node benchmark failed".to_owned());
    }
    let result: Value = serde_json::from_slice(&output.stdout)
        .map_err(|error| format!("reading Node's output: {error}"))?;
    let samples = |kind: &str| {
        let mut samples = Samples::new();
        for value in result[kind]["samples"].as_array().into_iter().flatten() {
            if let Some(milliseconds) = value.as_f64() {
                samples.push(Duration::from_secs_f64(milliseconds / 1000.0));
            }
        }
        samples
    };
    Ok(NodeResults {
        rounds,
        completion: samples("completion"),
        completion_items: result["completion"]["items"].as_f64().unwrap_or(0.0),
        hover: samples("hover"),
        hovers_found: result["hover"]["found"].as_u64().unwrap_or(0) as usize,
    })
}

fn p50_p99(samples: &Samples) -> String {
    format!(
        "{} / {}",
        ms(samples.median()),
        ms(samples.percentile(99.0))
    )
}

fn lsp_rows(lsp: &LspResults, node: Option<&NodeResults>) -> Vec<Row> {
    let mut rows = vec![
        row(
            "LSP `initialize` round trip (loads the workspace)",
            ms(lsp.initialize),
        ),
        judged(
            "RSS after indexing (VmRSS once `initialize` answered, no document open)",
            format!("{:.1} MB", lsp.rss_indexed_kib as f64 / 1024.0),
            "≤ 40 MB",
            lsp.rss_indexed_kib as f64 / 1024.0 <= 40.0,
        ),
        judged(
            format!(
                "RSS after indexing, {} documents open and their first diagnostics published",
                lsp.documents
            ),
            format!("{:.1} MB", lsp.rss_after_index_kib as f64 / 1024.0),
            "≤ 40 MB",
            lsp.rss_after_index_kib as f64 / 1024.0 <= 40.0,
        ),
        row(
            "Peak RSS of the whole session (VmHWM)",
            format!("{:.1} MB", lsp.peak_kib as f64 / 1024.0),
        ),
        judged(
            format!(
                "Keystroke → publishDiagnostics p50 / p99 ({} edits)",
                lsp.edits
            ),
            p50_p99(&lsp.keystroke),
            "p99 ≤ 10 ms",
            lsp.keystroke.percentile(99.0) <= Duration::from_millis(10),
        ),
    ];
    for (kind, ours, items) in [
        ("Completion", &lsp.completion, Some(lsp.completion_items)),
        ("Hover", &lsp.hover, None),
    ] {
        let described = match items {
            Some(items) => format!(
                "{kind} p50 / p99, tauri-acl over stdio ({} positions × {} rounds; {items:.0} items on average)",
                lsp.positions,
                ours.len() / lsp.positions.max(1)
            ),
            None => format!(
                "{kind} p50 / p99, tauri-acl over stdio ({} positions × {} rounds; {} of {} found something)",
                lsp.positions,
                ours.len() / lsp.positions.max(1),
                lsp.hovers_found,
                lsp.positions
            ),
        };
        rows.push(judged(
            described,
            p50_p99(ours),
            "p99 ≤ 2 ms",
            ours.percentile(99.0) <= Duration::from_millis(2),
        ));
        let Some(node) = node else {
            rows.push(row(
                format!("{kind}, vscode-json-languageservice"),
                "not run (--no-node)",
            ));
            continue;
        };
        let (theirs, detail) = if kind == "Completion" {
            (
                &node.completion,
                format!("{:.0} items on average", node.completion_items),
            )
        } else {
            (
                &node.hover,
                format!(
                    "{} of {} found something",
                    node.hovers_found,
                    node.hover.len() / node.rounds.max(1)
                ),
            )
        };
        rows.push(row(
            format!(
                "{kind} p50 / p99, vscode-json-languageservice in Node (same positions, {} after a warm-up round; {detail})",
                plural(node.rounds, "round")
            ),
            p50_p99(theirs),
        ));
        let ratio =
            theirs.percentile(99.0).as_secs_f64() / ours.percentile(99.0).as_secs_f64().max(1e-9);
        rows.push(judged(
            format!("{kind}: JSON language service p99 / tauri-acl p99"),
            format!("{ratio:.0}×"),
            "≥ 10×",
            ratio >= 10.0,
        ));
    }
    rows
}

fn print_report(rows: &[Row], options: &Options, load_at_start: &str) {
    println!("| Measurement | Value | Target | |");
    println!("|---|---|---|---|");
    for row in rows {
        println!(
            "| {} | {} | {} | {} |",
            row.what, row.value, row.target, row.met
        );
    }
    println!();
    println!("Machine:");
    for (key, value) in machine::describe() {
        println!("- {key}: {value}");
    }
    println!("- 1-minute load average when the run started: {load_at_start}");
    let release = !cfg!(debug_assertions);
    println!(
        "- build: {}",
        if release {
            "release"
        } else {
            "debug (these numbers only prove the benchmark runs)"
        }
    );
    println!();
    println!(
        "Command: cargo run{} -p tauri-acl-bench --bin harness --{}{}",
        if release { " --release" } else { "" },
        if options.quick { " --quick" } else { "" },
        if options.seed == DEFAULT_SEED {
            String::new()
        } else {
            format!(" --seed {}", options.seed)
        }
    );
}
