//! Runs both sides over an app and collects every disagreement.
//!
//! Per app: the capability files each side loads (same files, same order); per file,
//! whether Tauri can read it at all against whether `tauri-acl` reports a file-level
//! error in it. Then per platform and per capability: the whole capability is resolved by
//! Tauri; when that fails, each entry is resolved alone to find the ones that fail. An
//! entry must fail on both sides or on neither. A failure of the capability itself (a
//! window pattern or remote URL Tauri cannot parse) must match a `tauri-acl` error on the
//! capability. Finally the capability without the failing entries is resolved by both
//! sides and the normal forms must be equal.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use tauri_acl::model::tauri_conf::CapabilityEntry;
use tauri_acl::model::{Capability as EngineCapability, Platform};
use tauri_acl::resolver::CapabilityRef;
use tauri_acl::workspace::{App, FileId};
use tauri_utils::acl::capability::Capability;

use crate::apps::AppUnderTest;
use crate::engine_side::{self, CAPABILITY_ERROR_CODES, Engine};
use crate::normal::{Acl, CommandRow};
use crate::oracle::{Answer, Oracle};
use crate::tauri_side::{self, TauriManifests};

/// What was compared.
#[derive(Debug, Default, Clone)]
pub struct Figures {
    pub apps: usize,
    pub capability_files: usize,
    /// Capability × platform pairs resolved by both sides.
    pub capabilities: usize,
    pub entries: usize,
    /// Command rows (command × context) Tauri produced and `tauri-acl` was compared on.
    pub commands: usize,
    /// Failures (of a file, a capability or an entry) both sides agree on.
    pub failures: usize,
    /// Tauri resolutions that crashed the oracle process (set cycles).
    pub crashes: usize,
}

impl std::fmt::Display for Figures {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} apps, {} capability files, {} capabilities compared (capability × platform), {} entries, {} commands compared, {} failures agreed on ({} of them crashes of Tauri)",
            self.apps,
            self.capability_files,
            self.capabilities,
            self.entries,
            self.commands,
            self.failures,
            self.crashes
        )
    }
}

/// Every disagreement by key; the details say on which platforms and how.
#[derive(Debug, Default)]
pub struct Report {
    pub figures: Figures,
    pub disagreements: BTreeMap<String, Vec<String>>,
}

impl Report {
    fn disagree(&mut self, key: String, detail: String) {
        self.disagreements.entry(key).or_default().push(detail);
    }
}

/// One capability as both sides see it.
struct Pair<'a> {
    /// `capabilities/default.json#0`.
    name: String,
    tauri: Capability,
    reference: CapabilityRef,
    ours: &'a EngineCapability,
}

/// Compares every app `tauri-acl` finds at `under_test.root`.
pub fn compare_app(oracle: &mut Oracle, under_test: &AppUnderTest, report: &mut Report) {
    let engine = Engine::load(&under_test.root, under_test.cargo_homes.clone());
    let workspace = engine.workspace();
    if workspace.apps.is_empty() {
        report.disagree(
            format!("{} | app", under_test.label),
            "tauri-acl finds no app".to_owned(),
        );
        return;
    }
    for app in &workspace.apps {
        let label = if workspace.apps.len() > 1 {
            format!(
                "{}:{}",
                under_test.label,
                display(&app.root, &under_test.root)
            )
        } else {
            under_test.label.clone()
        };
        compare_one(oracle, &engine, app, under_test, &label, report);
    }
}

fn compare_one(
    oracle: &mut Oracle,
    engine: &Engine,
    app: &App,
    under_test: &AppUnderTest,
    label: &str,
    report: &mut Report,
) {
    let workspace = engine.workspace();
    report.figures.apps += 1;
    let manifests = match TauriManifests::build(
        workspace,
        app,
        under_test.core.as_ref(),
        &under_test.real_sources,
    ) {
        Ok(manifests) => manifests,
        Err(error) => {
            report.disagree(
                format!("{label} | manifests"),
                format!("Tauri cannot build the manifests: {error}"),
            );
            return;
        }
    };

    let tauri_files = tauri_side::capability_files(&app.root, app.json5_enabled);
    let our_files: Vec<std::path::PathBuf> = app
        .capability_files
        .iter()
        .map(|file| workspace.file(*file).path.clone())
        .collect();
    if tauri_files != our_files {
        report.disagree(
            format!("{label} | capability files"),
            format!(
                "Tauri loads {:?}, tauri-acl loads {:?}",
                tauri_files
                    .iter()
                    .map(|path| display(path, &app.root))
                    .collect::<Vec<_>>(),
                our_files
                    .iter()
                    .map(|path| display(path, &app.root))
                    .collect::<Vec<_>>()
            ),
        );
    }

    // Every capability both sides read, file by file.
    let mut pairs: Vec<Pair<'_>> = Vec::new();
    for file in &app.capability_files {
        let source = workspace.file(*file);
        let name = display(&source.path, &app.root);
        report.figures.capability_files += 1;
        let tauri = tauri_side::read_capability_file(&source.path);
        let ours: Vec<&EngineCapability> = source
            .capability_file()
            .map(|capabilities| capabilities.capabilities.iter().collect())
            .unwrap_or_default();
        let Some(tauri) = check_read(engine, label, &name, *file, None, tauri, report) else {
            continue;
        };
        if tauri.len() != ours.len() {
            report.disagree(
                format!("{label} | {name} | capabilities"),
                format!(
                    "Tauri reads {} capabilities, tauri-acl {}",
                    tauri.len(),
                    ours.len()
                ),
            );
            continue;
        }
        for (index, (tauri, ours)) in tauri.into_iter().zip(ours).enumerate() {
            pairs.push(Pair {
                name: format!("{name}#{index}"),
                tauri,
                reference: CapabilityRef { file: *file, index },
                ours,
            });
        }
    }
    let configs = app
        .config
        .iter()
        .chain(app.overlays.iter().map(|(_, file)| file));
    for config_file in configs {
        let source = workspace.file(*config_file);
        let name = display(&source.path, &app.root);
        let Some(list) = source
            .config()
            .and_then(|config| config.capabilities.as_ref())
        else {
            continue;
        };
        let range = list.range;
        let tauri = tauri_side::inline_capabilities(&source.path);
        let Some(tauri) = check_read(
            engine,
            label,
            &name,
            *config_file,
            Some(range),
            tauri,
            report,
        ) else {
            continue;
        };
        for (index, (tauri, ours)) in tauri.into_iter().zip(&list.value).enumerate() {
            match (tauri, ours) {
                (Some(tauri), CapabilityEntry::Inline(ours)) => pairs.push(Pair {
                    name: format!("{name}#{index}"),
                    tauri,
                    reference: CapabilityRef {
                        file: *config_file,
                        index,
                    },
                    ours,
                }),
                (None, CapabilityEntry::Reference(_)) => {}
                _ => report.disagree(
                    format!("{label} | {name}#{index} | inline"),
                    "one side reads an inline capability where the other reads a reference"
                        .to_owned(),
                ),
            }
        }
    }

    for platform in Platform::ALL {
        oracle.set_manifests(&manifests.on(platform));
        for pair in &pairs {
            compare_capability(oracle, engine, app, label, pair, platform, report);
        }
    }
}

/// Whether Tauri can read a file, against `tauri-acl`'s file-level errors in it (within
/// `range` for a config, whose other parts are not Tauri's ACL business).
fn check_read<T>(
    engine: &Engine,
    label: &str,
    name: &str,
    file: FileId,
    range: Option<tauri_acl::text::TextRange>,
    tauri: Result<T, String>,
    report: &mut Report,
) -> Option<T> {
    let ours = engine.read_errors(file, range);
    match tauri {
        Err(error) => {
            if ours.is_empty() {
                report.disagree(
                    format!("{label} | {name} | read"),
                    format!("Tauri cannot read it ({error}); tauri-acl reports no error there"),
                );
            } else {
                report.figures.failures += 1;
            }
            None
        }
        Ok(value) => {
            if let Some(first) = ours.first() {
                report.disagree(
                    format!("{label} | {name} | read"),
                    format!("tauri-acl reports {first}; Tauri reads it"),
                );
            }
            Some(value)
        }
    }
}

/// Whether a Tauri failure is about the capability (its window or webview patterns, its
/// remote URLs) rather than about an entry.
fn is_capability_failure(answer: &Answer) -> bool {
    match answer {
        Answer::Failed(message) => message.starts_with("failed to run glob"),
        Answer::Panicked(message) => message.starts_with("invalid URL pattern"),
        _ => false,
    }
}

fn compare_capability(
    oracle: &mut Oracle,
    engine: &Engine,
    app: &App,
    label: &str,
    pair: &Pair<'_>,
    platform: Platform,
    report: &mut Report,
) {
    let workspace = engine.workspace();
    let target = tauri_side::target_name(platform);
    let prefix = format!("{label} | {}", pair.name);
    report.figures.capabilities += 1;
    report.figures.entries += pair.tauri.permissions.len();

    let whole = oracle.resolve(&pair.tauri, target);
    let mut tauri_failing: BTreeMap<usize, Answer> = BTreeMap::new();
    let mut capability_failure: Option<Answer> = None;
    if !whole.is_resolved() {
        for (index, entry) in pair.tauri.permissions.iter().enumerate() {
            let mut single = pair.tauri.clone();
            single.permissions = vec![entry.clone()];
            let answer = oracle.resolve(&single, target);
            if matches!(answer, Answer::Crashed(_)) {
                report.figures.crashes += 1;
            }
            if is_capability_failure(&answer) {
                capability_failure = Some(answer);
            } else if !answer.is_resolved() {
                tauri_failing.insert(index, answer);
            }
        }
        if tauri_failing.is_empty() && capability_failure.is_none() {
            // Each entry resolves alone but not all together: only the capability's own
            // fields can be at fault.
            capability_failure = Some(whole.clone());
        }
    }

    let ours = engine_side::resolve(workspace, app, pair.reference, platform, &BTreeSet::new());
    let entry_name = |index: usize| {
        pair.tauri
            .permissions
            .get(index)
            .map(|entry| entry.identifier().get().to_owned())
            .unwrap_or_default()
    };
    let failing: BTreeSet<usize> = tauri_failing
        .keys()
        .chain(ours.failing.keys())
        .copied()
        .collect();
    for index in &failing {
        let key = format!("{prefix} | entry {index} `{}`", entry_name(*index));
        match (tauri_failing.get(index), ours.failing.get(index)) {
            (Some(_), Some(_)) => report.figures.failures += 1,
            (Some(answer), None) => report.disagree(
                key,
                format!(
                    "on {}: Tauri {}; tauri-acl resolves it",
                    platform.name(),
                    answer.describe()
                ),
            ),
            (None, Some(error)) => report.disagree(
                key,
                format!(
                    "on {}: Tauri resolves it; tauri-acl reports {error}",
                    platform.name()
                ),
            ),
            (None, None) => {}
        }
    }

    let our_capability_errors = engine.errors_in(
        pair.reference.file,
        Some(pair.ours.range),
        CAPABILITY_ERROR_CODES,
    );
    if let Some(answer) = capability_failure {
        if our_capability_errors.is_empty() {
            report.disagree(
                format!("{prefix} | capability"),
                format!(
                    "on {}: Tauri {}; tauri-acl reports no error on the capability",
                    platform.name(),
                    answer.describe()
                ),
            );
        } else {
            report.figures.failures += 1;
        }
        return;
    }

    let mut reduced = pair.tauri.clone();
    reduced.permissions = pair
        .tauri
        .permissions
        .iter()
        .enumerate()
        .filter(|(index, _)| !failing.contains(index))
        .map(|(_, entry)| entry.clone())
        .collect();
    let tauri_acl = match (&whole, failing.is_empty()) {
        (Answer::Resolved(acl), true) => acl.clone(),
        _ => match oracle.resolve(&reduced, target) {
            Answer::Resolved(acl) => acl,
            other => {
                report.disagree(
                    format!("{prefix} | reduced"),
                    format!(
                        "on {}: without its failing entries, Tauri still {}",
                        platform.name(),
                        other.describe()
                    ),
                );
                return;
            }
        },
    };
    if let Some(first) = our_capability_errors.first()
        && !tauri_acl.commands.is_empty()
    {
        report.disagree(
            format!("{prefix} | capability"),
            format!(
                "on {}: tauri-acl reports {}: {}; Tauri resolves the capability",
                platform.name(),
                first.code.name(),
                first.message
            ),
        );
    }
    let ours = if failing.is_empty() {
        ours.acl
    } else {
        engine_side::resolve(workspace, app, pair.reference, platform, &failing).acl
    };
    report.figures.commands += tauri_acl.commands.len();
    if tauri_acl != ours {
        report.disagree(
            format!("{prefix} | grants"),
            format!("on {}: {}", platform.name(), diff(&tauri_acl, &ours)),
        );
    }
}

/// What differs between Tauri's ACL and ours, in a few lines.
pub fn diff(tauri: &Acl, ours: &Acl) -> String {
    fn multiset(rows: &[CommandRow]) -> BTreeMap<&CommandRow, usize> {
        let mut counts = BTreeMap::new();
        for row in rows {
            *counts.entry(row).or_insert(0) += 1;
        }
        counts
    }
    fn show(row: &CommandRow) -> String {
        format!(
            "{} {} [{}] windows {:?} webviews {:?}{}",
            if row.deny { "deny" } else { "allow" },
            row.command,
            row.context,
            row.windows,
            row.webviews,
            row.scope
                .as_ref()
                .map(|(allow, deny)| format!(" scope allow={allow} deny={deny}"))
                .unwrap_or_default()
        )
    }
    let tauri_rows = multiset(&tauri.commands);
    let our_rows = multiset(&ours.commands);
    let mut lines = Vec::new();
    for (row, count) in &tauri_rows {
        let theirs = our_rows.get(row).copied().unwrap_or(0);
        if theirs != *count {
            lines.push(format!(
                "Tauri {count}×, tauri-acl {theirs}×: {}",
                show(row)
            ));
        }
    }
    for (row, count) in &our_rows {
        if !tauri_rows.contains_key(row) {
            lines.push(format!("Tauri 0×, tauri-acl {count}×: {}", show(row)));
        }
    }
    let keys: BTreeSet<&String> = tauri
        .global_scope
        .keys()
        .chain(ours.global_scope.keys())
        .collect();
    for key in keys {
        let (theirs, mine) = (tauri.global_scope.get(key), ours.global_scope.get(key));
        if theirs != mine {
            lines.push(format!(
                "global scope `{key}`: Tauri {theirs:?}, tauri-acl {mine:?}"
            ));
        }
    }
    let total = lines.len();
    lines.truncate(12);
    if total > lines.len() {
        lines.push(format!("… and {} more", total - lines.len()));
    }
    lines.join("; ")
}

fn display(path: &Path, base: &Path) -> String {
    path.strip_prefix(base)
        .unwrap_or(path)
        .to_string_lossy()
        .replace('\\', "/")
}
