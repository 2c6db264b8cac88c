//! The IPC an app's whole frontend makes: every file's own calls, plus the calls that
//! reach Tauri through the app's own modules (re-exports and wrapper functions), placed
//! at the caller's call site with the chain that was followed.
//!
//! Invariant: works on the per-file scans only (no file is read or parsed here), so the
//! answer for a snapshot is a pure function of its frontend files' texts.

use std::collections::HashMap;
use std::path::{Component, Path, PathBuf};
use std::rc::Rc;

use super::FrontendScan;
use super::ipc::global::is_tauri_package;
use super::ipc::{Arg, CallTarget, Link, target_of};
use crate::text::TextRange;
use crate::workspace::{App, FileId, FileModel, SourceFile, Workspace};

/// One call of the app's frontend and what it reaches.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AppCall {
    /// Where the call is written; for a call through a wrapper of the app's own modules,
    /// the caller's call site.
    pub file: FileId,
    pub range: TextRange,
    pub target: CallTarget,
    /// True when the target is known exactly (a literal command, an imported API); false
    /// for a [`CallTarget::DynamicInvoke`], which may reach any command.
    pub certain: bool,
    /// The wrapper chain followed, outermost first: each step is a call (or re-export)
    /// in one of the app's modules that the call above it reaches. Empty for a direct call.
    pub via: Vec<(FileId, TextRange)>,
}

/// Why the list of calls may be incomplete: somewhere a call could hide.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum GapKind {
    /// A script of the file did not parse in full; what could be read is used.
    ParseErrors,
    /// The file was not parsed at all (nested too deeply to parse safely).
    NotParsed,
    /// A call of a function of the app's own modules whose effect is not followed
    /// (a dynamic wrapper called with a command that is not a literal, a module that
    /// could not be found).
    UnfollowedWrapper,
}

/// One place where the scan could not see everything.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadGap {
    pub file: FileId,
    /// The unfollowed call, or the whole file.
    pub range: TextRange,
    pub kind: GapKind,
}

/// Every call the app's frontend makes, as far as it can be read.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FrontendCalls {
    /// In file order, then by offset.
    pub calls: Vec<AppCall>,
    pub gaps: Vec<ReadGap>,
}

impl FrontendCalls {
    /// Whether every call of the frontend is known: no gap, and no dynamic invoke.
    /// A claim that a command is never called holds for certain only then.
    pub fn is_complete(&self) -> bool {
        self.gaps.is_empty() && self.calls.iter().all(|call| call.certain)
    }
}

impl App {
    /// The IPC calls of the app's frontend (see [`FrontendCalls`]).
    pub fn frontend_calls(&self, workspace: &Workspace) -> FrontendCalls {
        Linker::new(self, workspace).run()
    }
}

/// Re-export chains and wrapper calls longer than this are not followed.
const MAX_DEPTH: usize = 16;
/// At most this many effects are kept per function, so a web of wrappers calling each
/// other costs a bounded amount.
const MAX_EFFECTS: usize = 1000;

/// What a link of a module resolves to in the app.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Resolved {
    Tauri { module: String, path: Vec<String> },
    Function { file: FileId, name: String },
}

/// Something a function of the app does when called.
#[derive(Debug, Clone)]
struct Effect {
    target: EffectTarget,
    via: Vec<(FileId, TextRange)>,
}

#[derive(Debug, Clone)]
enum EffectTarget {
    Known(CallTarget),
    /// An invoke of the command the function gets as this parameter.
    Param(usize),
}

/// A module call, resolved.
struct Resolution {
    resolved: Resolved,
    /// The re-exports passed through, outermost first.
    via: Vec<(FileId, TextRange)>,
}

struct Linker<'w> {
    workspace: &'w Workspace,
    /// The app's frontend files, sorted by path.
    files: Vec<(FileId, &'w SourceFile, &'w FrontendScan)>,
    by_path: HashMap<PathBuf, FileId>,
    package: Option<&'w Path>,
    /// Per file (as in `files`) and module call, what it resolves to.
    resolutions: Vec<Vec<Option<Resolution>>>,
    /// Who calls each function: (index in `files`, index of the module call).
    callers: HashMap<(FileId, String), Vec<(usize, usize)>>,
    summaries: HashMap<(FileId, String), Option<Rc<Vec<Effect>>>>,
    followed: HashMap<(FileId, String, usize), Option<bool>>,
}

impl<'w> Linker<'w> {
    fn new(app: &'w App, workspace: &'w Workspace) -> Linker<'w> {
        let mut files: Vec<(FileId, &SourceFile, &FrontendScan)> = app
            .frontend_files
            .iter()
            .filter_map(|id| {
                let file = workspace.file(*id);
                match &file.model {
                    FileModel::Frontend(scan) => Some((*id, file, scan)),
                    _ => None,
                }
            })
            .collect();
        files.sort_by(|a, b| a.1.path.cmp(&b.1.path));
        files.dedup_by_key(|(id, _, _)| *id);
        let by_path = files
            .iter()
            .map(|(id, file, _)| (normalize_path(&file.path), *id))
            .collect();
        Linker {
            workspace,
            files,
            by_path,
            package: app.frontend_package.as_deref(),
            resolutions: Vec::new(),
            callers: HashMap::new(),
            summaries: HashMap::new(),
            followed: HashMap::new(),
        }
    }

    fn scan(&self, file: FileId) -> Option<&'w FrontendScan> {
        match &self.workspace.file(file).model {
            FileModel::Frontend(scan) => Some(scan),
            _ => None,
        }
    }

    fn run(mut self) -> FrontendCalls {
        // Resolve every module call once, and index who calls each function.
        let mut resolutions = Vec::with_capacity(self.files.len());
        for (index, (file_id, _, scan)) in self.files.iter().enumerate() {
            let mut resolved_calls = Vec::with_capacity(scan.module.calls.len());
            for (call_index, call) in scan.module.calls.iter().enumerate() {
                let mut via = Vec::new();
                let resolved = self.resolve_link(*file_id, &call.callee, &mut via, 0);
                if let Some(Resolved::Function { file, name }) = &resolved {
                    self.callers
                        .entry((*file, name.clone()))
                        .or_default()
                        .push((index, call_index));
                }
                resolved_calls.push(resolved.map(|resolved| Resolution { resolved, via }));
            }
            resolutions.push(resolved_calls);
        }
        self.resolutions = resolutions;

        let mut result = FrontendCalls::default();
        for index in 0..self.files.len() {
            let (file_id, file, scan) = self.files[index];
            let whole = crate::text::range(0, file.text.len());
            if scan.has_parse_errors {
                result.gaps.push(ReadGap {
                    file: file_id,
                    range: whole,
                    kind: GapKind::ParseErrors,
                });
            }
            if scan.not_parsed {
                result.gaps.push(ReadGap {
                    file: file_id,
                    range: whole,
                    kind: GapKind::NotParsed,
                });
            }
            let mut calls = Vec::new();
            for call in &scan.calls {
                if let (Some(function), Some(param)) = (&call.function, call.command_param)
                    && self.is_followed(file_id, function, param, 0)
                {
                    continue;
                }
                calls.push(AppCall {
                    file: file_id,
                    range: call.range,
                    certain: call.certain && call.target != CallTarget::DynamicInvoke,
                    target: call.target.clone(),
                    via: Vec::new(),
                });
            }
            for (call_index, call) in scan.module.calls.iter().enumerate() {
                let Some(resolution) = &self.resolutions[index][call_index] else {
                    continue;
                };
                let (resolved, link_via) = (resolution.resolved.clone(), resolution.via.clone());
                let effects = match resolved {
                    Resolved::Tauri { module, path } => {
                        let command = call.args.first().cloned().unwrap_or(Arg::Other);
                        let Some(target) = target_of(module, path, &command) else {
                            continue;
                        };
                        let target = match (&target, &command) {
                            (CallTarget::DynamicInvoke, Arg::Param(param)) => {
                                EffectTarget::Param(*param)
                            }
                            _ => EffectTarget::Known(target),
                        };
                        vec![Effect {
                            target,
                            via: Vec::new(),
                        }]
                    }
                    Resolved::Function { file, name } => {
                        let same_file = file == file_id && link_via.is_empty();
                        let summary = self.summary(file, &name, 0);
                        summary
                            .iter()
                            // A function of the same file: what it does is already
                            // found where it does it; only the commands it is given
                            // are learnt here.
                            .filter(|effect| {
                                !same_file || matches!(effect.target, EffectTarget::Param(_))
                            })
                            .cloned()
                            .collect()
                    }
                };
                for effect in effects {
                    let mut via = link_via.clone();
                    via.extend(effect.via);
                    let target = match effect.target {
                        EffectTarget::Known(target) => target,
                        EffectTarget::Param(param) => match call.args.get(param) {
                            Some(Arg::Literal(command)) => CallTarget::Invoke(command.clone()),
                            // The caller's own callers give the command.
                            Some(Arg::Param(_)) if call.function.is_some() => continue,
                            _ => {
                                result.gaps.push(ReadGap {
                                    file: file_id,
                                    range: call.range,
                                    kind: GapKind::UnfollowedWrapper,
                                });
                                CallTarget::DynamicInvoke
                            }
                        },
                    };
                    calls.push(AppCall {
                        file: file_id,
                        range: call.range,
                        certain: target != CallTarget::DynamicInvoke,
                        target,
                        via,
                    });
                }
            }
            calls.sort_by_key(|call| (call.range.start(), call.range.end()));
            result.calls.extend(calls);
        }
        result
            .gaps
            .sort_by_key(|gap| (gap.file, gap.range.start(), gap.kind));
        result.gaps.dedup();
        result
    }

    /// What a function of the app does when called, through the functions it calls.
    fn summary(&mut self, file: FileId, name: &str, depth: usize) -> Rc<Vec<Effect>> {
        let key = (file, name.to_owned());
        match self.summaries.get(&key) {
            Some(Some(summary)) => return summary.clone(),
            // A function that calls itself, directly or not: the cycle adds nothing.
            Some(None) => return Rc::new(Vec::new()),
            None => {}
        }
        if depth > MAX_DEPTH {
            return Rc::new(Vec::new());
        }
        let Some(scan) = self.scan(file) else {
            return Rc::new(Vec::new());
        };
        self.summaries.insert(key.clone(), None);
        let mut effects = Vec::new();
        for call in &scan.calls {
            if call.function.as_deref() != Some(name) {
                continue;
            }
            let target = match (call.command_param, &call.target) {
                (Some(param), CallTarget::DynamicInvoke) => EffectTarget::Param(param),
                _ => EffectTarget::Known(call.target.clone()),
            };
            effects.push(Effect {
                target,
                via: vec![(file, call.range)],
            });
        }
        for call in &scan.module.calls {
            if call.function.as_deref() != Some(name) || effects.len() >= MAX_EFFECTS {
                continue;
            }
            let mut link_via = vec![(file, call.range)];
            let Some(resolved) = self.resolve_link(file, &call.callee, &mut link_via, 0) else {
                continue;
            };
            let inner = match resolved {
                Resolved::Tauri { module, path } => {
                    let command = call.args.first().cloned().unwrap_or(Arg::Other);
                    let Some(target) = target_of(module, path, &command) else {
                        continue;
                    };
                    let target = match (&target, &command) {
                        (CallTarget::DynamicInvoke, Arg::Param(param)) => {
                            EffectTarget::Param(*param)
                        }
                        _ => EffectTarget::Known(target),
                    };
                    effects.push(Effect {
                        target,
                        via: link_via,
                    });
                    continue;
                }
                Resolved::Function { file, name } => self.summary(file, &name, depth + 1),
            };
            for effect in inner.iter() {
                let target = match &effect.target {
                    EffectTarget::Known(target) => EffectTarget::Known(target.clone()),
                    EffectTarget::Param(param) => match call.args.get(*param) {
                        Some(Arg::Literal(command)) => {
                            EffectTarget::Known(CallTarget::Invoke(command.clone()))
                        }
                        Some(Arg::Param(outer)) => EffectTarget::Param(*outer),
                        _ => EffectTarget::Known(CallTarget::DynamicInvoke),
                    },
                };
                let mut via = link_via.clone();
                via.extend(effect.via.iter().copied());
                effects.push(Effect { target, via });
            }
        }
        effects.truncate(MAX_EFFECTS);
        let summary = Rc::new(effects);
        self.summaries.insert(key, Some(summary.clone()));
        summary
    }

    /// Whether every caller found of `function` gives its parameter `param` a literal
    /// command (or passes on a parameter of its own that is followed the same way).
    fn is_followed(&mut self, file: FileId, function: &str, param: usize, depth: usize) -> bool {
        let key = (file, function.to_owned(), param);
        match self.followed.get(&key) {
            Some(Some(answer)) => return *answer,
            Some(None) => return false,
            None => {}
        }
        if depth > MAX_DEPTH {
            return false;
        }
        self.followed.insert(key.clone(), None);
        let callers = self
            .callers
            .get(&(file, function.to_owned()))
            .cloned()
            .unwrap_or_default();
        let mut answer = !callers.is_empty();
        for (index, call_index) in callers {
            if !answer {
                break;
            }
            let (caller_file, _, scan) = self.files[index];
            let call = &scan.module.calls[call_index];
            answer = match (call.args.get(param), &call.function) {
                (Some(Arg::Literal(_)), _) => true,
                (Some(Arg::Param(outer)), Some(caller)) => {
                    self.is_followed(caller_file, caller, *outer, depth + 1)
                }
                _ => false,
            };
        }
        self.followed.insert(key, Some(answer));
        answer
    }

    /// Follows a link of `file` to a Tauri API or a function of the app, pushing the
    /// re-exports passed through onto `via`.
    fn resolve_link(
        &self,
        file: FileId,
        link: &Link,
        via: &mut Vec<(FileId, TextRange)>,
        depth: usize,
    ) -> Option<Resolved> {
        match link {
            Link::Tauri { module, path } => Some(Resolved::Tauri {
                module: module.clone(),
                path: path.clone(),
            }),
            Link::Function(name) => Some(Resolved::Function {
                file,
                name: name.clone(),
            }),
            Link::Import {
                specifier,
                name,
                path,
            } => {
                let target = self.resolve_specifier(file, specifier)?;
                match name {
                    Some(name) => self.resolve_export(target, name, path, via, depth + 1),
                    None => {
                        let (first, rest) = path.split_first()?;
                        self.resolve_export(target, first, rest, via, depth + 1)
                    }
                }
            }
        }
    }

    /// Follows the export `name` of `file`, then the members `path`.
    fn resolve_export(
        &self,
        file: FileId,
        name: &str,
        path: &[String],
        via: &mut Vec<(FileId, TextRange)>,
        depth: usize,
    ) -> Option<Resolved> {
        if depth > MAX_DEPTH {
            return None;
        }
        let scan = self.scan(file)?;
        if let Some(export) = scan
            .module
            .exports
            .iter()
            .find(|export| export.name == name)
        {
            let link = match &export.link {
                Link::Tauri {
                    module,
                    path: inner,
                } => {
                    via.push((file, export.range));
                    Link::Tauri {
                        module: module.clone(),
                        path: inner.iter().chain(path).cloned().collect(),
                    }
                }
                Link::Import {
                    specifier,
                    name,
                    path: inner,
                } => {
                    via.push((file, export.range));
                    Link::Import {
                        specifier: specifier.clone(),
                        name: name.clone(),
                        path: inner.iter().chain(path).cloned().collect(),
                    }
                }
                Link::Function(function) => {
                    let mut function = function.clone();
                    for member in path {
                        function.push('.');
                        function.push_str(member);
                    }
                    Link::Function(function)
                }
            };
            return self.resolve_link(file, &link, via, depth);
        }
        for (specifier, range) in &scan.module.star_exports {
            let mut tried = via.clone();
            tried.push((file, *range));
            let link = Link::Import {
                specifier: specifier.clone(),
                name: Some(name.to_owned()),
                path: path.to_vec(),
            };
            let resolved = if is_tauri_package(specifier) {
                Some(Resolved::Tauri {
                    module: specifier.clone(),
                    path: std::iter::once(name.to_owned())
                        .chain(path.iter().cloned())
                        .collect(),
                })
            } else {
                self.resolve_link(file, &link, &mut tried, depth)
            };
            if resolved.is_some() {
                *via = tried;
                return resolved;
            }
        }
        None
    }

    /// The app's module a specifier names: a relative path, or an alias of the
    /// package's `src` folder (`@/`, `~/`, SvelteKit's `$lib/`), with the extensions
    /// and folder index files a bundler tries. Bare package names are not the app's.
    fn resolve_specifier(&self, from: FileId, specifier: &str) -> Option<FileId> {
        let base = if specifier.starts_with("./")
            || specifier.starts_with("../")
            || specifier == "."
            || specifier == ".."
        {
            self.workspace.file(from).path.parent()?.join(specifier)
        } else if let Some(rest) = specifier
            .strip_prefix("@/")
            .or_else(|| specifier.strip_prefix("~/"))
        {
            self.package?.join("src").join(rest)
        } else if let Some(rest) = specifier.strip_prefix("$lib/") {
            self.package?.join("src/lib").join(rest)
        } else {
            return None;
        };
        let base = normalize_path(&base);
        if let Some(id) = self.by_path.get(&base) {
            return Some(*id);
        }
        // `./api.js` names `api.ts` in TypeScript's module resolution.
        let stem = match base.extension().and_then(|ext| ext.to_str()) {
            Some("js" | "jsx" | "mjs" | "cjs") => base.with_extension(""),
            _ => base.clone(),
        };
        let mut candidate = stem.clone().into_os_string();
        for extension in super::source_files::EXTENSIONS {
            candidate.push(".");
            candidate.push(extension);
            if let Some(id) = self.by_path.get(Path::new(&candidate)) {
                return Some(*id);
            }
            candidate = stem.clone().into_os_string();
        }
        for extension in super::source_files::EXTENSIONS {
            if let Some(id) = self
                .by_path
                .get(base.join(format!("index.{extension}")).as_path())
            {
                return Some(*id);
            }
        }
        None
    }
}

/// `a/./b/../c` as `a/c`, without touching the file system.
fn normalize_path(path: &Path) -> PathBuf {
    let mut normal = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                normal.pop();
            }
            other => normal.push(other),
        }
    }
    normal
}

#[cfg(test)]
mod tests {
    use std::path::{Path, PathBuf};

    use super::{AppCall, FrontendCalls};
    use crate::workspace::fs::RealFs;
    use crate::workspace::{FileId, LoadOptions, Workspace};

    /// `file:line  target  text of the call` per call, then `via file:line` per step,
    /// then the gaps; paths relative to `root`.
    fn render(workspace: &Workspace, root: &Path, calls: &FrontendCalls) -> String {
        let place = |file: FileId, range: crate::text::TextRange| {
            let source = workspace.file(file);
            let line = source.line_index.line_col(range.start()).line + 1;
            let path = source.path.strip_prefix(root).unwrap_or(&source.path);
            format!("{}:{line}", path.display())
        };
        let text = |file: FileId, range| {
            let snippet = crate::text::slice(&workspace.file(file).text, range);
            let first = snippet.lines().next().unwrap_or_default();
            first.to_owned()
        };
        let mut out = String::new();
        for AppCall {
            file,
            range,
            target,
            certain,
            via,
        } in &calls.calls
        {
            let certainty = if *certain { "" } else { " (uncertain)" };
            out += &format!(
                "{}  {target:?}{certainty}  `{}`\n",
                place(*file, *range),
                text(*file, *range)
            );
            for (file, range) in via {
                out += &format!(
                    "    via {}  `{}`\n",
                    place(*file, *range),
                    text(*file, *range)
                );
            }
        }
        for gap in &calls.gaps {
            out += &format!("gap {:?} {}\n", gap.kind, place(gap.file, gap.range));
        }
        out
    }

    fn fixture(name: &str) -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../fixtures")
            .join(name)
    }

    #[test]
    fn every_call_site_of_the_usage_app() {
        let root = fixture("usage-app");
        let workspace = Workspace::load(
            &RealFs,
            std::slice::from_ref(&root),
            &LoadOptions::default(),
        );
        let app = &workspace.apps[0];
        let calls = app.frontend_calls(&workspace);
        insta::assert_snapshot!(render(&workspace, &root, &calls), @r#"
            src/App.vue:10  Api { module: "@tauri-apps/plugin-http", path: ["fetch"] }  `fetch("https://api.example.com/notes")`
            src/App.vue:11  Api { module: "@tauri-apps/plugin-fs", path: ["writeTextFile"] }  `saveNote("notes/synced.md", await response.text())`
                via src/api.ts:8  `writeTextFile(path, text)`
            src/App.vue:11  Api { module: "@tauri-apps/plugin-http", path: ["fetch", "text"] }  `response.text()`
            src/Panel.svelte:6  Api { module: "@tauri-apps/plugin-dialog", path: ["open"] }  `pickFile({ multiple: false })`
                via src/api.ts:5  `open as pickFile`
            src/Panel.svelte:8  Api { module: "@tauri-apps/api/window", path: ["getCurrentWindow"] }  `win.getCurrentWindow()`
            src/Panel.svelte:8  Api { module: "@tauri-apps/api/window", path: ["getCurrentWindow", "close"] }  `win.getCurrentWindow().close()`
            src/api.ts:8  Api { module: "@tauri-apps/plugin-fs", path: ["writeTextFile"] }  `writeTextFile(path, text)`
            src/main.ts:10  Invoke("greet")  `invoke<string>("greet", { name: "notes" })`
            src/main.ts:11  Api { module: "@tauri-apps/plugin-fs", path: ["readTextFile"] }  `readTextFile("notes/today.md", { baseDir: BaseDirectory.AppData })`
            src/main.ts:12  Api { module: "@tauri-apps/plugin-fs", path: ["writeTextFile"] }  `saveNote("notes/today.md", `${greeting}\n${note}`)`
                via src/api.ts:8  `writeTextFile(path, text)`
            src/main.ts:13  Invoke("export_notes")  `invoke("export_notes")`
            src/main.ts:14  Api { module: "@tauri-apps/plugin-os", path: ["platform"] }  `platform()`
            src/main.ts:15  Api { module: "@tauri-apps/api/window", path: ["getCurrentWindow"] }  `getCurrentWindow()`
            src/main.ts:15  Api { module: "@tauri-apps/api/window", path: ["getCurrentWindow", "minimize"] }  `getCurrentWindow().minimize()`
            src/main.ts:17  Invoke("save_settings")  `call("save_settings", { theme: "dark" })`
                via src/api.ts:13  `invoke<T>(command, args)`
            "#);
    }
}
