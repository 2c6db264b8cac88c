//! The IPC a frontend file makes: `invoke('greet')`, `invoke('plugin:fs|read_file')`,
//! and calls of what it imports from Tauri's packages (`readTextFile(…)`,
//! `getCurrentWindow().minimize()`), which reach commands through the packages' own
//! code (mapped elsewhere, per package version).
//!
//! Every way a file reaches Tauri is read from its parse (oxc): `invoke` imported from
//! `@tauri-apps/api/core` (named, renamed, as a namespace's member, through
//! `@tauri-apps/api`'s `core`), the global `window.__TAURI__.<namespace>` and
//! `window.__TAURI_INTERNALS__.invoke`, and calls and `new` of anything imported from
//! `@tauri-apps/api`, `@tauri-apps/api/*` and `@tauri-apps/plugin-*`, with the member
//! chain from the imported binding, through `const`s bound to them ([`bindings`]).
//! What the file exports and its calls of the app's own code are kept as links
//! ([`ModuleScan`]) that [`super::app_calls`] follows across modules.

mod bindings;
mod finder;
pub mod global;
#[cfg(test)]
mod tests;

use oxc_ast::ast::Program;

use crate::text::TextRange;

/// What a call in the frontend reaches.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum CallTarget {
    /// `invoke('greet')`, `invoke('plugin:fs|read_text_file')`: the command as invoked.
    Invoke(String),
    /// `invoke(name)` with a command not known from the text: it may reach any command.
    DynamicInvoke,
    /// A call of something imported from a Tauri package: `module` as imported
    /// (`@tauri-apps/plugin-fs`, `@tauri-apps/api/window`; a namespace of
    /// `@tauri-apps/api` or of the global `__TAURI__` is named by its own module) and the
    /// member chain from the imported binding: `["readTextFile"]`,
    /// `["getCurrentWindow", "minimize"]` for `getCurrentWindow().minimize()`,
    /// `["Window"]` for `new Window(…)` (the constructor).
    Api { module: String, path: Vec<String> },
    /// `convertFileSrc(…)`: the frontend loads files through the asset protocol.
    ConvertFileSrc,
}

/// One call found in a frontend file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FrontendCall {
    pub target: CallTarget,
    /// The call expression's callee and arguments, in the file.
    pub range: TextRange,
    /// False when the reader had to guess (a wrapper it did not follow, a member chain
    /// through a value of unknown type); claims built on an uncertain call are hedged.
    pub certain: bool,
    /// The top-level function of the file the call is written in, when other code can
    /// call it by name: `saveNote`, or `api.save` for a member of a top-level object.
    pub function: Option<String>,
    /// For a dynamic invoke whose command is a parameter of [`FrontendCall::function`],
    /// the parameter's index: each caller's argument there is the command.
    pub command_param: Option<usize>,
}

/// An argument of a call of the app's own code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Arg {
    /// A string, or a template literal without substitutions.
    Literal(String),
    /// A parameter of the function the call is written in, by index.
    Param(usize),
    Other,
}

/// What a name of the app's modules stands for, to be followed across modules.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Link {
    /// Something of a Tauri package (see [`CallTarget::Api`]).
    Tauri { module: String, path: Vec<String> },
    /// A binding of another module of the app: its export `name` (`None` for the
    /// namespace), then members.
    Import {
        specifier: String,
        name: Option<String>,
        path: Vec<String>,
    },
    /// A function of this module (`saveNote`, `api.save`).
    Function(String),
}

/// A call of the app's own code: a function of this module or a binding imported from
/// another.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ModuleCall {
    pub callee: Link,
    pub range: TextRange,
    pub args: Vec<Arg>,
    /// The top-level function the call is written in (see [`FrontendCall::function`]).
    pub function: Option<String>,
}

/// A name the module exports.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Export {
    pub name: String,
    pub link: Link,
    /// The export's specifier or declaration.
    pub range: TextRange,
}

/// How a module links to the app's other modules.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ModuleScan {
    pub exports: Vec<Export>,
    /// `export * from '…'`: specifiers, with the statement's range.
    pub star_exports: Vec<(String, TextRange)>,
    pub calls: Vec<ModuleCall>,
}

impl ModuleScan {
    /// Whether other modules can reach Tauri through this one.
    pub fn has_exports(&self) -> bool {
        !self.exports.is_empty() || !self.star_exports.is_empty()
    }
}

/// Finds the calls and links of one parsed script whose text starts at `offset` in its
/// file.
pub fn find_calls(
    program: &Program<'_>,
    offset: usize,
    calls: &mut Vec<FrontendCall>,
    module: &mut ModuleScan,
) {
    let mut finder = finder::Finder {
        bindings: bindings::Bindings::of_program(program),
        offset,
        calls,
        module,
        function: None,
    };
    finder.run(program);
}

/// What a call of `path` in the Tauri package `module` reaches, given its first
/// argument (the command, for `invoke`); `None` for a call of a namespace itself.
pub fn target_of(module: String, path: Vec<String>, command: &Arg) -> Option<CallTarget> {
    let (module, path) = bindings::normalize(module, path);
    if path.is_empty() {
        return None;
    }
    if module == "@tauri-apps/api/core" {
        match path.as_slice() {
            [name] if name == "invoke" => {
                return Some(match command {
                    Arg::Literal(command) => CallTarget::Invoke(command.clone()),
                    Arg::Param(_) | Arg::Other => CallTarget::DynamicInvoke,
                });
            }
            [name] if name == "convertFileSrc" => return Some(CallTarget::ConvertFileSrc),
            _ => {}
        }
    }
    Some(CallTarget::Api { module, path })
}
