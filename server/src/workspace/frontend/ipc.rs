//! The IPC a frontend file makes: `invoke('greet')`, `invoke('plugin:fs|read_file')`,
//! and calls of what it imports from Tauri's packages (`readTextFile(…)`,
//! `getCurrentWindow().minimize()`), which reach commands through the packages' own
//! code (mapped elsewhere, per package version).
//!
//! This first reader knows `invoke` imported by name from `@tauri-apps/api/core` (under
//! any local name); a call whose command is not a literal is recorded as a dynamic
//! invoke, which may reach any command.

use std::collections::HashSet;

use oxc_ast::ast::{
    Argument, CallExpression, Expression, ImportDeclaration, ImportDeclarationSpecifier, Program,
};
use oxc_ast_visit::{Visit, walk};
use oxc_span::GetSpan;

use crate::text::{TextRange, range};

/// What a call in the frontend reaches.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum CallTarget {
    /// `invoke('greet')`, `invoke('plugin:fs|read_text_file')`: the command as invoked.
    Invoke(String),
    /// `invoke(name)` with a command not known from the text: it may reach any command.
    DynamicInvoke,
    /// A call of something imported from a Tauri package: `module` as imported
    /// (`@tauri-apps/plugin-fs`, `@tauri-apps/api/window`, `@tauri-apps/api`) and the
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
}

/// Finds the calls of one parsed script whose text starts at `offset` in its file.
pub fn find_calls(program: &Program<'_>, offset: usize, acc: &mut Vec<FrontendCall>) {
    let mut imports = Imports::default();
    imports.visit_program(program);
    let mut finder = Finder {
        imports,
        offset,
        acc,
    };
    finder.visit_program(program);
}

/// The local names under which the file imports `invoke`.
#[derive(Default)]
struct Imports {
    invoke: HashSet<String>,
}

impl<'a> Visit<'a> for Imports {
    fn visit_import_declaration(&mut self, it: &ImportDeclaration<'a>) {
        if it.source.value.as_str() != "@tauri-apps/api/core" {
            return;
        }
        for specifier in it.specifiers.iter().flatten() {
            if let ImportDeclarationSpecifier::ImportSpecifier(specifier) = specifier
                && specifier.imported.name().as_str() == "invoke"
            {
                self.invoke.insert(specifier.local.name.to_string());
            }
        }
    }
}

struct Finder<'b> {
    imports: Imports,
    offset: usize,
    acc: &'b mut Vec<FrontendCall>,
}

impl<'a> Visit<'a> for Finder<'_> {
    fn visit_call_expression(&mut self, it: &CallExpression<'a>) {
        if let Expression::Identifier(callee) = it.callee.get_inner_expression()
            && self.imports.invoke.contains(callee.name.as_str())
        {
            let target = match it.arguments.first().and_then(Argument::as_expression) {
                Some(Expression::StringLiteral(command)) => {
                    CallTarget::Invoke(command.value.to_string())
                }
                _ => CallTarget::DynamicInvoke,
            };
            let span = it.span();
            self.acc.push(FrontendCall {
                target,
                range: range(
                    self.offset + span.start as usize,
                    self.offset + span.end as usize,
                ),
                certain: true,
            });
        }
        walk::walk_call_expression(self, it);
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::CallTarget;

    fn calls(path: &str, text: &str) -> Vec<(CallTarget, String)> {
        let scan = super::super::scan(Path::new(path), text);
        scan.calls
            .into_iter()
            .map(|call| (call.target, text[call.range].to_owned()))
            .collect()
    }

    #[test]
    fn literal_invokes_under_any_local_name() {
        let found = calls(
            "src/main.ts",
            r#"import { invoke as call } from "@tauri-apps/api/core";
await call("greet", { name });
await call<string>('plugin:fs|read_text_file');
"#,
        );
        assert_eq!(
            found,
            vec![
                (
                    CallTarget::Invoke("greet".into()),
                    r#"call("greet", { name })"#.into()
                ),
                (
                    CallTarget::Invoke("plugin:fs|read_text_file".into()),
                    "call<string>('plugin:fs|read_text_file')".into()
                ),
            ]
        );
    }

    #[test]
    fn a_command_that_is_not_a_literal_is_a_dynamic_invoke() {
        let found = calls(
            "src/api.ts",
            "import { invoke } from '@tauri-apps/api/core';\nexport const run = (cmd: string) => invoke(cmd);\n",
        );
        assert_eq!(
            found,
            vec![(CallTarget::DynamicInvoke, "invoke(cmd)".into())]
        );
    }

    #[test]
    fn an_invoke_not_imported_from_tauri_is_not_a_call() {
        let found = calls(
            "src/rpc.ts",
            "import { invoke } from './rpc';\n// @tauri-apps/api\ninvoke('greet');\n",
        );
        assert_eq!(found, vec![]);
    }
}
