//! In-process numbers on the full benchmark workspace, with divan:
//! `cargo bench -p tauri-acl-bench` (filter with a name, e.g. `-- resolve`).
//! `cargo test -p tauri-acl-bench --benches` runs each once on a small workspace.
//!
//! The harness (`--bin harness`) times the same functions from `measure` for its table;
//! these benches add statistics and the pieces behind the language server's latencies
//! (one file's diagnostics after an edit, completion and hover without the protocol),
//! which is where to look when a target is missed.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::OnceLock;

use divan::Bencher;
use tauri_acl::ide::completion::{CompletionConfig, completion};
use tauri_acl::ide::diagnostics::{diagnostics, file_diagnostics};
use tauri_acl::ide::hover::hover;
use tauri_acl::ide::{FilePosition, World};
use tauri_acl::text::TextSize;
use tauri_acl::workspace::FileId;
use tauri_acl_bench::generate::capability::Format;
use tauri_acl_bench::generate::{DEFAULT_SEED, Generated, Size};
use tauri_acl_bench::{measure, tauri_side, typing};
use tauri_utils::acl::capability::Capability;
use tauri_utils::acl::manifest::Manifest;

fn main() {
    divan::main();
}

struct Fixture {
    generated: Generated,
    files: Vec<PathBuf>,
    world: World,
    acl: BTreeMap<String, Manifest>,
    capabilities: BTreeMap<String, Capability>,
    /// The largest JSON capability file, its text, and a completion and a hover offset.
    largest: (FileId, String, usize, usize),
    /// The same file with one character typed, as a keystroke leaves it.
    typed: String,
}

fn fixture() -> &'static Fixture {
    static FIXTURE: OnceLock<Fixture> = OnceLock::new();
    FIXTURE.get_or_init(|| {
        // `cargo test --benches` runs each bench once to prove it works: a small
        // workspace is enough for that.
        let testing = std::env::args().any(|arg| arg == "--test");
        let (size, name) = if testing {
            (Size::QUICK, "workspace-quick")
        } else {
            (Size::FULL, "workspace")
        };
        let out = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(name);
        let generated = tauri_acl_bench::workspace(&out, size, DEFAULT_SEED)
            .unwrap_or_else(|error| panic!("generating {}: {error}", out.display()));
        let files = measure::files_read(&generated.app);
        let world = World::new(measure::index(&generated.app), Default::default());
        let acl = tauri_side::manifests(&generated.plugins).unwrap_or_default();
        let capabilities = tauri_side::read_capabilities(&generated.app).unwrap_or_default();
        let capability = generated
            .capabilities
            .iter()
            .filter(|capability| capability.format == Format::Json)
            .max_by_key(|capability| capability.entries.len())
            .expect("a JSON capability");
        let path = generated.capability_path(capability);
        let file = world.workspace.file_id(&path).expect("the file is indexed");
        let text = world.workspace.file(file).text.clone();
        let positions = typing::request_positions(&text);
        let ((completion_line, completion_column), (hover_line, hover_column)) =
            positions[positions.len() / 2];
        let offset = |line: u32, column: u32| {
            text.split_inclusive('\n')
                .take(line as usize)
                .map(str::len)
                .sum::<usize>()
                + column as usize
        };
        let largest = (
            file,
            text.clone(),
            offset(completion_line, completion_column),
            offset(hover_line, hover_column),
        );
        let (_, typed) = measure::typed_in_largest(&generated, &world).expect("a JSON capability");
        // As in the server, the app has been checked before the first keystroke.
        file_diagnostics(&world, file);
        Fixture {
            generated,
            files,
            world,
            acl,
            capabilities,
            largest,
            typed,
        }
    })
}

#[divan::bench(sample_count = 20)]
fn cold_index() -> usize {
    measure::index(&fixture().generated.app).files().count()
}

#[divan::bench(sample_count = 20)]
fn bare_read_and_parse() -> usize {
    measure::bare_parse(&fixture().files)
}

#[divan::bench(sample_count = 10)]
fn all_diagnostics() -> usize {
    diagnostics(&measure::cold(&fixture().world)).len()
}

/// What the language server computes after each keystroke in a capability file: a new
/// snapshot with the file's text, then that file's diagnostics.
#[divan::bench(sample_count = 10)]
fn keystroke_diagnostics() -> usize {
    let fixture = fixture();
    let file = fixture.largest.0;
    let world = measure::with_text(&fixture.world, file, &fixture.typed);
    file_diagnostics(&world, file).len()
}

/// The first part of a keystroke: the snapshot with the file parsed again.
#[divan::bench]
fn keystroke_snapshot() -> usize {
    let fixture = fixture();
    let file = fixture.largest.0;
    let world = measure::with_text(&fixture.world, file, &fixture.typed);
    world.workspace.file(file).text.len()
}

/// What the checks resolve before they run, the largest part of a keystroke.
#[divan::bench(sample_count = 10)]
fn resolve_for_checks() -> usize {
    measure::resolve_for_checks(&fixture().world.workspace)
}

#[divan::bench]
fn completion_in_process() -> usize {
    let fixture = fixture();
    let (file, _, offset, _) = &fixture.largest;
    let position = FilePosition {
        file: *file,
        offset: TextSize::from(*offset as u32),
    };
    completion(
        &fixture.world,
        position,
        &CompletionConfig { snippets: true },
    )
    .len()
}

#[divan::bench]
fn hover_in_process() -> usize {
    let fixture = fixture();
    let (file, _, _, offset) = &fixture.largest;
    let position = FilePosition {
        file: *file,
        offset: TextSize::from(*offset as u32),
    };
    hover(&fixture.world, position).map_or(0, |result| result.markdown.len())
}

#[divan::bench(sample_count = 20)]
fn resolve_tauri_acl() -> usize {
    measure::our_resolve(&fixture().world.workspace)
}

#[divan::bench(sample_count = 20)]
fn resolve_tauri_utils(bencher: Bencher) {
    let fixture = fixture();
    bencher
        .with_inputs(|| fixture.capabilities.clone())
        .bench_values(|capabilities| measure::tauri_resolve(&fixture.acl, capabilities));
}
