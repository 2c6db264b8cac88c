//! The IPC an app's whole frontend makes: every file's own calls, plus the calls that
//! reach Tauri through the app's own modules (re-exports and wrapper functions), placed
//! at the caller's call site with the chain that was followed.
//!
//! Invariant: works on the per-file scans only (no file is read or parsed here), so the
//! answer for a snapshot is a pure function of its frontend files' texts.

use std::collections::{HashMap, HashSet};
use std::path::{Component, Path, PathBuf};
use std::rc::Rc;

use super::FrontendScan;
use super::ipc::global::is_tauri_package;
use super::ipc::{Arg, CallTarget, FrontendCall, Link, target_of};
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
    aliases: &'w [(String, PathBuf)],
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
            aliases: &app.frontend_aliases,
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
                let target = self.direct_target(file_id, call);
                calls.push(AppCall {
                    file: file_id,
                    range: call.range,
                    certain: call.certain && target != CallTarget::DynamicInvoke,
                    target,
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
                        let command = call
                            .args
                            .first()
                            .map_or(Arg::Other, |arg| self.with_constant(file_id, arg));
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
                        EffectTarget::Param(param) => match call
                            .args
                            .get(param)
                            .map(|arg| self.with_constant(file_id, arg))
                        {
                            Some(Arg::Literal(command)) => CallTarget::Invoke(command),
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
            // A wrapper calling the same API twice reaches it once from each caller.
            let mut seen = HashSet::new();
            calls.retain(|call| seen.insert((call.range, call.target.clone(), call.via.clone())));
            result.calls.extend(calls);
        }
        result
            .gaps
            .sort_by_key(|gap| (gap.file, gap.range.start(), gap.kind));
        result.gaps.dedup();
        result
    }

    /// A direct call's target, with an imported constant command resolved.
    fn direct_target(&self, file: FileId, call: &FrontendCall) -> CallTarget {
        match (&call.target, &call.command_constant) {
            (CallTarget::DynamicInvoke, Some(link)) => self
                .constant(file, link, 0)
                .map_or(CallTarget::DynamicInvoke, CallTarget::Invoke),
            (target, _) => target.clone(),
        }
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
                _ => EffectTarget::Known(self.direct_target(file, call)),
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
                    let command = call
                        .args
                        .first()
                        .map_or(Arg::Other, |arg| self.with_constant(file, arg));
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
                    EffectTarget::Param(param) => match call
                        .args
                        .get(*param)
                        .map(|arg| self.with_constant(file, arg))
                    {
                        Some(Arg::Literal(command)) => {
                            EffectTarget::Known(CallTarget::Invoke(command))
                        }
                        Some(Arg::Param(outer)) => EffectTarget::Param(outer),
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
            let arg = call
                .args
                .get(param)
                .map(|arg| self.with_constant(caller_file, arg));
            answer = match (arg.as_ref(), &call.function) {
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
            Link::Local(_) => None,
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
                Link::Local(_) => return None,
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

    /// The command an argument names: a literal, or a string constant of the app's
    /// modules.
    fn literal(&self, file: FileId, arg: &Arg) -> Option<String> {
        match arg {
            Arg::Literal(value) => Some(value.clone()),
            Arg::Constant(link) => self.constant(file, link, 0),
            Arg::Param(_) | Arg::Other => None,
        }
    }

    /// The argument with a constant replaced by its value when it can be found.
    fn with_constant(&self, file: FileId, arg: &Arg) -> Arg {
        match arg {
            Arg::Constant(_) => self
                .literal(file, arg)
                .map_or_else(|| arg.clone(), Arg::Literal),
            _ => arg.clone(),
        }
    }

    /// The value of a string constant `link` names from `file`.
    fn constant(&self, file: FileId, link: &Link, depth: usize) -> Option<String> {
        if depth > MAX_DEPTH {
            return None;
        }
        let scan = self.scan(file)?;
        match link {
            Link::Local(name) => scan
                .module
                .constants
                .iter()
                .find(|(constant, _)| constant == name)
                .map(|(_, value)| value.clone()),
            Link::Import {
                specifier,
                name,
                path,
            } => {
                let target = self.resolve_specifier(file, specifier)?;
                let (name, path) = match name {
                    Some(name) => (name.as_str(), path.as_slice()),
                    None => {
                        let (first, rest) = path.split_first()?;
                        (first.as_str(), rest)
                    }
                };
                self.exported_constant(target, name, path, depth + 1)
            }
            Link::Tauri { .. } | Link::Function(_) => None,
        }
    }

    fn exported_constant(
        &self,
        file: FileId,
        name: &str,
        path: &[String],
        depth: usize,
    ) -> Option<String> {
        let scan = self.scan(file)?;
        if let Some(export) = scan
            .module
            .exports
            .iter()
            .find(|export| export.name == name)
        {
            let link = match &export.link {
                Link::Local(local) => {
                    let dotted = std::iter::once(local.as_str())
                        .chain(path.iter().map(String::as_str))
                        .collect::<Vec<_>>()
                        .join(".");
                    Link::Local(dotted)
                }
                Link::Import {
                    specifier,
                    name,
                    path: inner,
                } => Link::Import {
                    specifier: specifier.clone(),
                    name: name.clone(),
                    path: inner.iter().chain(path).cloned().collect(),
                },
                Link::Tauri { .. } | Link::Function(_) => return None,
            };
            return self.constant(file, &link, depth);
        }
        scan.module.star_exports.iter().find_map(|(specifier, _)| {
            let link = Link::Import {
                specifier: specifier.clone(),
                name: Some(name.to_owned()),
                path: path.to_vec(),
            };
            self.constant(file, &link, depth)
        })
    }

    /// The app's module a specifier names (see [`resolve_specifier`]).
    fn resolve_specifier(&self, from: FileId, specifier: &str) -> Option<FileId> {
        let from = self.workspace.file(from).path.as_path();
        let path = resolve_specifier(from, specifier, self.package, self.aliases, |path| {
            self.by_path.contains_key(path)
        })?;
        self.by_path.get(&path).copied()
    }
}

/// The file a specifier written in `from` names, among the paths `exists` accepts
/// (normalized, see [`normalize_path`]): one of the package's `paths` aliases
/// (`aliases`: a pattern such as `@lib/*` and its target with the `*`), a relative
/// path, or the usual aliases of the package's `src` folder (`@/`, `~/`, SvelteKit's
/// `$lib/`), with the extensions and folder index files a bundler tries. Bare package
/// names are not the app's.
pub fn resolve_specifier(
    from: &Path,
    specifier: &str,
    package: Option<&Path>,
    aliases: &[(String, PathBuf)],
    exists: impl Fn(&Path) -> bool,
) -> Option<PathBuf> {
    // The package's own `paths` come first, as TypeScript and bundlers read them.
    let aliased = aliases.iter().find_map(|(prefix, target)| {
        if let Some(pattern) = prefix.strip_suffix('*') {
            let rest = specifier.strip_prefix(pattern)?;
            Some(PathBuf::from(
                target.to_string_lossy().replacen('*', rest, 1),
            ))
        } else {
            (specifier == prefix).then(|| target.clone())
        }
    });
    let base = if let Some(aliased) = aliased {
        aliased
    } else if specifier.starts_with("./")
        || specifier.starts_with("../")
        || specifier == "."
        || specifier == ".."
    {
        from.parent()?.join(specifier)
    } else if let Some(rest) = specifier
        .strip_prefix("@/")
        .or_else(|| specifier.strip_prefix("~/"))
    {
        package?.join("src").join(rest)
    } else if let Some(rest) = specifier.strip_prefix("$lib/") {
        package?.join("src/lib").join(rest)
    } else {
        return None;
    };
    let base = normalize_path(&base);
    if exists(&base) {
        return Some(base);
    }
    // `./api.js` names `api.ts` in TypeScript's module resolution.
    let stem = match base.extension().and_then(|ext| ext.to_str()) {
        Some("js" | "jsx" | "mjs" | "cjs") => base.with_extension(""),
        _ => base.clone(),
    };
    for extension in super::source_files::EXTENSIONS {
        let mut candidate = stem.clone().into_os_string();
        candidate.push(".");
        candidate.push(extension);
        let candidate = PathBuf::from(candidate);
        if exists(&candidate) {
            return Some(candidate);
        }
    }
    super::source_files::EXTENSIONS
        .iter()
        .map(|extension| base.join(format!("index.{extension}")))
        .find(|candidate| exists(candidate))
}

/// `a/./b/../c` as `a/c`, without touching the file system.
pub fn normalize_path(path: &Path) -> PathBuf {
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
    use crate::workspace::fs::{MemFs, RealFs};
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

    /// A workspace from `//- /path` sections.
    fn mem_workspace(fixture: &str) -> Workspace {
        let mut fs = MemFs::new();
        for section in fixture.split("//- ").skip(1) {
            let (path, text) = section.split_once('\n').unwrap_or((section, ""));
            fs.insert(path.trim(), text);
        }
        Workspace::load(&fs, &[PathBuf::from("/app")], &LoadOptions::default())
    }

    #[test]
    fn wrappers_followed_across_modules() {
        let workspace = mem_workspace(
            r#"
//- /app/package.json
{}
//- /app/src-tauri/tauri.conf.json
{}
//- /app/src/lib/ipc.ts
import { invoke } from '@tauri-apps/api/core';
export const call = (command: string) => invoke(command);
export async function twice(command: string) { await call(command); await call(command); }
export const myInvoke = invoke;
//- /app/src/lib/index.ts
export * from './ipc';
export { open } from '@tauri-apps/plugin-shell';
//- /app/src/lib/settings.js
import { call } from './ipc.js';
export const save = (key) => call('save_' + key);
export function load() { return call(`load_settings`); }
//- /app/tsconfig.json
{
  // Comments and trailing commas, as tsconfig allows.
  "compilerOptions": { "baseUrl": ".", "paths": { "@lib/*": ["src/lib/*"], }, },
}
//- /app/src/views/Other.ts
import { call } from '@lib/ipc';
call('aliased');
//- /app/src/constants/commands.ts
export const COMMANDS = { GREET: 'greet', NESTED: { DEEP: 'deep_command' } } as const;
export const SINGLE = `single`;
//- /app/src/constants/index.ts
export * from './commands';
//- /app/src/views/Home.tsx
import { twice, myInvoke, open } from '@/lib';
import * as settings from '../lib/settings';
import { invoke } from '@tauri-apps/api/core';
import { COMMANDS, SINGLE } from '../constants';
const LOCAL = 'local_command';
invoke(COMMANDS.GREET);
twice(COMMANDS.NESTED.DEEP);
myInvoke(SINGLE);
invoke(LOCAL);
twice('home');
myInvoke('direct');
open('https://tauri.app');
settings.load();
settings.save(name);
//- /app/src/views/plain.ts
import { format } from './format';
export const plain = () => format(1);
"#,
        );
        let calls = workspace.apps[0].frontend_calls(&workspace);
        insta::assert_snapshot!(render(&workspace, Path::new("/app"), &calls), @r#"
            src/lib/ipc.ts:2  DynamicInvoke (uncertain)  `invoke(command)`
            src/lib/settings.js:2  DynamicInvoke (uncertain)  `call('save_' + key)`
                via src/lib/ipc.ts:2  `invoke(command)`
            src/lib/settings.js:3  Invoke("load_settings")  `call(`load_settings`)`
                via src/lib/ipc.ts:2  `invoke(command)`
            src/views/Home.tsx:6  Invoke("greet")  `invoke(COMMANDS.GREET)`
            src/views/Home.tsx:7  Invoke("deep_command")  `twice(COMMANDS.NESTED.DEEP)`
                via src/lib/index.ts:1  `export * from './ipc';`
                via src/lib/ipc.ts:3  `call(command)`
                via src/lib/ipc.ts:2  `invoke(command)`
            src/views/Home.tsx:7  Invoke("deep_command")  `twice(COMMANDS.NESTED.DEEP)`
                via src/lib/index.ts:1  `export * from './ipc';`
                via src/lib/ipc.ts:3  `call(command)`
                via src/lib/ipc.ts:2  `invoke(command)`
            src/views/Home.tsx:8  Invoke("single")  `myInvoke(SINGLE)`
                via src/lib/index.ts:1  `export * from './ipc';`
                via src/lib/ipc.ts:4  `myInvoke`
            src/views/Home.tsx:9  Invoke("local_command")  `invoke(LOCAL)`
            src/views/Home.tsx:10  Invoke("home")  `twice('home')`
                via src/lib/index.ts:1  `export * from './ipc';`
                via src/lib/ipc.ts:3  `call(command)`
                via src/lib/ipc.ts:2  `invoke(command)`
            src/views/Home.tsx:10  Invoke("home")  `twice('home')`
                via src/lib/index.ts:1  `export * from './ipc';`
                via src/lib/ipc.ts:3  `call(command)`
                via src/lib/ipc.ts:2  `invoke(command)`
            src/views/Home.tsx:11  Invoke("direct")  `myInvoke('direct')`
                via src/lib/index.ts:1  `export * from './ipc';`
                via src/lib/ipc.ts:4  `myInvoke`
            src/views/Home.tsx:12  Api { module: "@tauri-apps/plugin-shell", path: ["open"] }  `open('https://tauri.app')`
                via src/lib/index.ts:2  `open`
            src/views/Home.tsx:13  Invoke("load_settings")  `settings.load()`
                via src/lib/settings.js:3  `call(`load_settings`)`
                via src/lib/ipc.ts:2  `invoke(command)`
            src/views/Home.tsx:14  DynamicInvoke (uncertain)  `settings.save(name)`
                via src/lib/settings.js:2  `call('save_' + key)`
                via src/lib/ipc.ts:2  `invoke(command)`
            src/views/Other.ts:2  Invoke("aliased")  `call('aliased')`
                via src/lib/ipc.ts:2  `invoke(command)`
            gap UnfollowedWrapper src/lib/settings.js:2
            "#);
    }

    #[test]
    fn an_edited_frontend_file_is_scanned_again_alone() {
        let workspace = mem_workspace(
            r#"
//- /app/package.json
{}
//- /app/src-tauri/tauri.conf.json
{}
//- /app/src/main.ts
import { invoke } from '@tauri-apps/api/core';
invoke('first');
"#,
        );
        let main = workspace.file_id(Path::new("/app/src/main.ts")).unwrap();
        let edited =
            "import { invoke } from '@tauri-apps/api/core';\ninvoke('first');\ninvoke('second');\n";
        let next = workspace.with_text(main, edited);
        assert!(workspace.is_complete_after_edit(main, &next));
        let calls = next.apps[0].frontend_calls(&next);
        insta::assert_snapshot!(render(&next, Path::new("/app"), &calls), @r#"
            src/main.ts:2  Invoke("first")  `invoke('first')`
            src/main.ts:3  Invoke("second")  `invoke('second')`
            "#);
        // A new window label changes the app's label list: the app is read again.
        let labelled = "import { WebviewWindow } from '@tauri-apps/api/webviewWindow';\nnew WebviewWindow('about');\n";
        let next = workspace.with_text(main, labelled);
        assert!(!workspace.is_complete_after_edit(main, &next));
    }

    /// On every app of the shared corpus: nothing panics, every call and every step of
    /// its chain lies inside its file, and a call's text is a call (it ends with `)`).
    #[test]
    fn calls_of_the_corpus_apps_lie_in_their_files() {
        let corpus = std::env::var_os("TAURI_ACL_CORPUS")
            .map(PathBuf::from)
            .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/corpus"));
        let checkouts = corpus.join("checkouts");
        let Ok(entries) = std::fs::read_dir(&checkouts) else {
            eprintln!(
                "skipped: no corpus at {} (set TAURI_ACL_CORPUS)",
                checkouts.display()
            );
            return;
        };
        let mut roots: Vec<PathBuf> = entries
            .flatten()
            .map(|entry| entry.path())
            .filter(|path| path.is_dir())
            .collect();
        roots.sort();
        for root in roots {
            let workspace = Workspace::load(
                &RealFs,
                std::slice::from_ref(&root),
                &LoadOptions::default(),
            );
            for app in &workspace.apps {
                let calls = app.frontend_calls(&workspace);
                for call in &calls.calls {
                    let steps =
                        std::iter::once((call.file, call.range)).chain(call.via.iter().copied());
                    for (file, range) in steps {
                        let text = &workspace.file(file).text;
                        assert!(
                            usize::from(range.end()) <= text.len(),
                            "{}: {range:?} past the end",
                            workspace.file(file).path.display()
                        );
                    }
                    let text = crate::text::slice(&workspace.file(call.file).text, call.range);
                    assert!(text.trim_end().ends_with(')'), "not a call: {text}");
                }
                eprintln!(
                    "{}: {} frontend files, {} calls ({} through wrappers), {} gaps",
                    app.root.display(),
                    app.frontend_files.len(),
                    calls.calls.len(),
                    calls
                        .calls
                        .iter()
                        .filter(|call| !call.via.is_empty())
                        .count(),
                    calls.gaps.len()
                );
            }
        }
    }
}
