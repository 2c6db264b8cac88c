//! Window and webview labels a frontend creates or looks up through Tauri's JavaScript
//! API: `new WebviewWindow('about', …)`, `new Window('tray')`, `new Webview(window,
//! 'panel', …)` and `WebviewWindow.getByLabel('main')` (`Window.getByLabel`,
//! `Webview.getByLabel`).
//!
//! A class counts only when the file binds it from `@tauri-apps/api` (a named import
//! under any local name, a namespace import, `@tauri-apps/api`'s `webviewWindow`,
//! `window` and `webview` namespaces) or reaches it through the global `__TAURI__`,
//! since the browser has a `Window` of its own. A label is a string literal, a template
//! literal (`` `reader-${id}` `` is the pattern `reader-*`) or a `const` of the same file
//! holding either, wherever it is declared (a function's local `const label` counts);
//! any other label of a creation is recorded as made at run time.
//! Mirrors `@tauri-apps/api`'s `webviewWindow.ts`, `window.ts` and `webview.ts`.

use std::collections::HashMap;

use oxc_ast::ast::{
    Argument, CallExpression, Expression, ImportDeclaration, ImportDeclarationSpecifier,
    NewExpression, Program, VariableDeclaration, VariableDeclarationKind,
};
use oxc_ast_visit::{Visit, walk};
use oxc_span::GetSpan;

use crate::text::range;
use crate::workspace::rust_scan::{FoundLabel, LabelKind};

/// A module of `@tauri-apps/api` that holds a class with labels, or the package itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Module {
    Api,
    WebviewWindow,
    Window,
    Webview,
}

impl Module {
    fn from_specifier(specifier: &str) -> Option<Module> {
        match specifier {
            "@tauri-apps/api" => Some(Module::Api),
            "@tauri-apps/api/webviewWindow" => Some(Module::WebviewWindow),
            "@tauri-apps/api/window" => Some(Module::Window),
            "@tauri-apps/api/webview" => Some(Module::Webview),
            _ => None,
        }
    }

    /// What `module.name` is.
    fn member(self, name: &str) -> Option<Binding> {
        match (self, name) {
            (Module::Api, "webviewWindow") => Some(Binding::Module(Module::WebviewWindow)),
            (Module::Api, "window") => Some(Binding::Module(Module::Window)),
            (Module::Api, "webview") => Some(Binding::Module(Module::Webview)),
            (Module::WebviewWindow, "WebviewWindow") => {
                Some(Binding::Class(LabelKind::WebviewWindow))
            }
            (Module::Window, "Window") => Some(Binding::Class(LabelKind::Window)),
            (Module::Webview, "Webview") => Some(Binding::Class(LabelKind::Webview)),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Binding {
    Module(Module),
    Class(LabelKind),
}

/// Finds the labels of one parsed script whose text starts at `offset` in its file.
pub fn find_labels(program: &Program<'_>, offset: usize, acc: &mut Vec<FoundLabel>) {
    let mut bindings = Bindings::default();
    bindings.visit_program(program);
    let mut finder = Finder {
        bindings,
        offset,
        acc,
    };
    finder.visit_program(program);
}

/// The file's imports from `@tauri-apps/api` and its string constants, wherever they
/// are declared (a shadowing inner binding is rare enough to be ignored).
#[derive(Default)]
struct Bindings {
    imports: HashMap<String, Binding>,
    /// `None` when one name holds two different labels.
    constants: HashMap<String, Option<Label>>,
}

impl<'a> Visit<'a> for Bindings {
    fn visit_import_declaration(&mut self, it: &ImportDeclaration<'a>) {
        let Some(module) = Module::from_specifier(it.source.value.as_str()) else {
            return;
        };
        for specifier in it.specifiers.iter().flatten() {
            let (local, binding) = match specifier {
                ImportDeclarationSpecifier::ImportSpecifier(specifier) => {
                    let Some(binding) = module.member(specifier.imported.name().as_str()) else {
                        continue;
                    };
                    (specifier.local.name.as_str(), binding)
                }
                ImportDeclarationSpecifier::ImportNamespaceSpecifier(specifier) => {
                    (specifier.local.name.as_str(), Binding::Module(module))
                }
                ImportDeclarationSpecifier::ImportDefaultSpecifier(_) => continue,
            };
            self.imports.insert(local.to_owned(), binding);
        }
    }

    fn visit_variable_declaration(&mut self, it: &VariableDeclaration<'a>) {
        if it.kind == VariableDeclarationKind::Const {
            for declarator in &it.declarations {
                let (Some(name), Some(init)) =
                    (declarator.id.get_identifier_name(), &declarator.init)
                else {
                    continue;
                };
                if let Some(label) = label_of(init.get_inner_expression()) {
                    self.constants
                        .entry(name.as_str().to_owned())
                        .and_modify(|known| {
                            if known.as_ref() != Some(&label) {
                                *known = None;
                            }
                        })
                        .or_insert(Some(label));
                }
            }
        }
        walk::walk_variable_declaration(self, it);
    }
}

struct Finder<'b> {
    bindings: Bindings,
    offset: usize,
    acc: &'b mut Vec<FoundLabel>,
}

impl Finder<'_> {
    fn binding(&self, expression: &Expression<'_>) -> Option<Binding> {
        match expression.get_inner_expression() {
            Expression::Identifier(identifier) => {
                let name = identifier.name.as_str();
                self.bindings
                    .imports
                    .get(name)
                    .copied()
                    .or_else(|| (name == "__TAURI__").then_some(Binding::Module(Module::Api)))
            }
            Expression::StaticMemberExpression(member) => {
                let name = member.property.name.as_str();
                if name == "__TAURI__" {
                    return Some(Binding::Module(Module::Api));
                }
                match self.binding(&member.object)? {
                    Binding::Module(module) => module.member(name),
                    Binding::Class(_) => None,
                }
            }
            _ => None,
        }
    }

    fn class(&self, expression: &Expression<'_>) -> Option<LabelKind> {
        match self.binding(expression)? {
            Binding::Class(kind) => Some(kind),
            Binding::Module(_) => None,
        }
    }

    fn record(&mut self, kind: LabelKind, argument: Option<&Argument<'_>>, is_lookup: bool) {
        let Some(expression) = argument.and_then(Argument::as_expression) else {
            return;
        };
        let span = expression.span();
        let found_range = range(
            self.offset + span.start as usize,
            self.offset + span.end as usize,
        );
        let label = match label_of(expression.get_inner_expression()) {
            Some(label) => Some(label),
            None => match expression.get_inner_expression() {
                Expression::Identifier(identifier) => self
                    .bindings
                    .constants
                    .get(identifier.name.as_str())
                    .cloned()
                    .flatten(),
                _ => None,
            },
        };
        if label.is_none() && is_lookup {
            return;
        }
        let (label, is_pattern) = match label {
            Some(Label::Literal(value)) => (Some(value), false),
            Some(Label::Pattern(pattern)) => (Some(pattern), true),
            None => (None, false),
        };
        self.acc.push(FoundLabel {
            kind,
            label,
            range: found_range,
            is_lookup,
            is_pattern,
            constant: None,
        });
    }
}

impl<'a> Visit<'a> for Finder<'_> {
    fn visit_new_expression(&mut self, it: &NewExpression<'a>) {
        if let Some(kind) = self.class(&it.callee) {
            // `new Webview(window, label, options)`; the others take the label first.
            let index = usize::from(kind == LabelKind::Webview);
            self.record(kind, it.arguments.get(index), false);
        }
        walk::walk_new_expression(self, it);
    }

    fn visit_call_expression(&mut self, it: &CallExpression<'a>) {
        if let Expression::StaticMemberExpression(member) = it.callee.get_inner_expression()
            && member.property.name.as_str() == "getByLabel"
            && let Some(kind) = self.class(&member.object)
        {
            self.record(kind, it.arguments.first(), true);
        }
        walk::walk_call_expression(self, it);
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Label {
    Literal(String),
    Pattern(String),
}

/// A label written in place: a string, or a template literal (a pattern when it has
/// substitutions, unless they are all it has or its text holds glob characters).
fn label_of(expression: &Expression<'_>) -> Option<Label> {
    match expression {
        Expression::StringLiteral(literal) => Some(Label::Literal(literal.value.to_string())),
        Expression::TemplateLiteral(template) => {
            let mut parts = Vec::new();
            for quasi in &template.quasis {
                parts.push(quasi.value.cooked.as_ref()?.as_str());
            }
            if template.expressions.is_empty() {
                return Some(Label::Literal(parts.concat()));
            }
            if parts.iter().any(|part| part.contains(['*', '?', '[', ']'])) {
                return None;
            }
            let pattern = parts.join("*");
            (pattern.chars().any(|c| c != '*')).then_some(Label::Pattern(pattern))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    fn labels(path: &str, text: &str) -> Vec<String> {
        let scan = super::super::scan(Path::new(path), text);
        scan.labels
            .iter()
            .map(|found| {
                format!(
                    "{:?} {:?} {}{}{}",
                    found.kind,
                    found.label,
                    crate::text::slice(text, found.range),
                    if found.is_lookup { " (lookup)" } else { "" },
                    if found.is_pattern { " (pattern)" } else { "" },
                )
            })
            .collect()
    }

    #[test]
    fn labels_created_and_looked_up_in_typescript() {
        let text = r#"
import { WebviewWindow } from '@tauri-apps/api/webviewWindow';
import { Window as TauriWindow } from "@tauri-apps/api/window";
import * as webview from '@tauri-apps/api/webview';
import { webviewWindow as ww } from '@tauri-apps/api';
const SETTINGS = 'settings';

function openReader(id: string) {
  const label = `main-${id}`
  return new WebviewWindow(label)
}

export async function open(id: number) {
  new WebviewWindow('about', { url: '/about' });
  new TauriWindow(`tray`);
  new webview.Webview(host, 'panel', {});
  new ww.WebviewWindow(SETTINGS);
  new WebviewWindow(`reader-${id}`, {} as any);
  new WebviewWindow(makeLabel());
  const main = await WebviewWindow.getByLabel('main');
  await TauriWindow.getByLabel(someLabel);
  new Window('not-tauri');
  new window.__TAURI__.webviewWindow.WebviewWindow('global');
}
"#;
        assert_eq!(
            labels("/src/windows.ts", text),
            [
                r#"WebviewWindow Some("main-*") label (pattern)"#,
                r#"WebviewWindow Some("about") 'about'"#,
                r#"Window Some("tray") `tray`"#,
                r#"Webview Some("panel") 'panel'"#,
                r#"WebviewWindow Some("settings") SETTINGS"#,
                r#"WebviewWindow Some("reader-*") `reader-${id}` (pattern)"#,
                r#"WebviewWindow None makeLabel()"#,
                r#"WebviewWindow Some("main") 'main' (lookup)"#,
                r#"WebviewWindow Some("global") 'global'"#,
            ]
        );
    }

    #[test]
    fn labels_in_component_scripts_are_placed_in_the_file() {
        let text = "<template><button @click=\"open\">x</button></template>\n<script setup lang=\"ts\">\nimport { WebviewWindow } from '@tauri-apps/api/webviewWindow'\nconst open = () => new WebviewWindow('about')\n</script>\n";
        assert_eq!(
            labels("/src/App.vue", text),
            [r#"WebviewWindow Some("about") 'about'"#]
        );
        let svelte = "<script>\nimport { Window } from '@tauri-apps/api/window';\nnew Window('x', {});\n</script>";
        assert_eq!(labels("/src/A.svelte", svelte), [r#"Window Some("x") 'x'"#]);
    }

    #[test]
    fn broken_scripts_keep_what_can_be_read() {
        let text = "import { WebviewWindow } from '@tauri-apps/api/webviewWindow'\nnew WebviewWindow('a')\nlet = = (\n";
        let scan = super::super::scan(Path::new("/src/a.js"), text);
        assert!(scan.has_parse_errors);
        // oxc recovers where it can; whatever it keeps is used, and nothing panics.
        assert!(scan.labels.len() <= 1);
    }
}
