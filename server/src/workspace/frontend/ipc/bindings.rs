//! What the names of one file stand for, as far as IPC is concerned: imports from
//! Tauri's packages and from the app's own modules, the global `__TAURI__` and
//! `__TAURI_INTERNALS__`, the file's top-level functions, and `const`/`let` names bound
//! to any of those (`const w = getCurrentWindow()`, `const { invoke } =
//! window.__TAURI__.core`, `export const myInvoke = invoke`).
//!
//! Names are read without scopes: a name declared twice with different meanings means
//! nothing (both uses are left out rather than guessed), and a parameter that shadows
//! an import is not noticed, which hand-written frontends rarely do.

use std::collections::HashMap;

use oxc_ast::ast::{
    BindingPattern, ChainElement, Declaration, ExportDefaultDeclarationKind, Expression,
    ImportDeclaration, ImportDeclarationSpecifier, ObjectPropertyKind, Program, Statement,
    VariableDeclaration,
};
use oxc_ast_visit::{Visit, walk};

use super::global::{is_tauri_package, package_of_namespace};

/// Where a name's meaning starts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Root {
    /// A Tauri package, as imported (`@tauri-apps/plugin-fs`, `@tauri-apps/api`).
    Tauri(String),
    /// `window.__TAURI__`: the next member names a package.
    Global,
    /// `window.__TAURI_INTERNALS__`.
    Internals,
    /// A binding imported from another module of the app; `name` is `None` for a
    /// namespace import.
    Import {
        specifier: String,
        name: Option<String>,
    },
    /// A top-level function of this file, or a top-level `const` object of functions.
    Function(String),
}

/// A name's meaning: a root and the member chain from it (`getCurrentWindow().minimize`
/// is the root of `getCurrentWindow` and the path `["getCurrentWindow", "minimize"]`;
/// calls along the chain are passed through).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Ref {
    pub root: Root,
    pub path: Vec<String>,
}

impl Ref {
    fn member(mut self, name: &str) -> Ref {
        self.path.push(name.to_owned());
        self
    }

    /// The Tauri package and member path this stands for, with `__TAURI__` namespaces
    /// and `@tauri-apps/api`'s module namespaces (`core.invoke`) made explicit.
    pub fn tauri(&self) -> Option<(String, Vec<String>)> {
        let (module, path) = match &self.root {
            Root::Tauri(module) => (module.clone(), self.path.clone()),
            Root::Global => {
                let (namespace, rest) = self.path.split_first()?;
                (package_of_namespace(namespace)?, rest.to_vec())
            }
            Root::Internals => match self.path.first().map(String::as_str) {
                Some("invoke" | "convertFileSrc") => {
                    ("@tauri-apps/api/core".to_owned(), self.path.clone())
                }
                _ => return None,
            },
            Root::Import { .. } | Root::Function(_) => return None,
        };
        Some(normalize(module, path))
    }
}

/// `@tauri-apps/api` + `["core", "invoke"]` is `@tauri-apps/api/core` + `["invoke"]`.
pub(super) fn normalize(module: String, path: Vec<String>) -> (String, Vec<String>) {
    if module == "@tauri-apps/api"
        && let Some(first) = path.first()
        && super::global::API_MODULES.contains(&first.as_str())
    {
        return (format!("{module}/{first}"), path[1..].to_vec());
    }
    (module, path)
}

/// The names of one file.
#[derive(Debug, Default)]
pub(super) struct Bindings {
    /// `None` for a name declared with two meanings.
    names: HashMap<String, Option<Ref>>,
}

impl Bindings {
    /// Reads the imports, the top-level functions and the bound names of a program.
    pub fn of_program(program: &Program<'_>) -> Bindings {
        let mut bindings = Bindings::default();
        for statement in &program.body {
            match statement {
                Statement::ImportDeclaration(import) => bindings.import(import),
                _ => {
                    for (name, _) in top_level_functions(statement) {
                        // An object's members are found through the object's name.
                        let name = name.split('.').next().unwrap_or_default().to_owned();
                        bindings.names.insert(
                            name.clone(),
                            Some(Ref {
                                root: Root::Function(name),
                                path: Vec::new(),
                            }),
                        );
                    }
                }
            }
        }
        let mut declarations = Declarations {
            bindings: &mut bindings,
        };
        declarations.visit_program(program);
        bindings
    }

    fn import(&mut self, it: &ImportDeclaration<'_>) {
        if it.import_kind.is_type() {
            return;
        }
        let specifier = it.source.value.as_str();
        for specifier_node in it.specifiers.iter().flatten() {
            let (local, name) = match specifier_node {
                ImportDeclarationSpecifier::ImportSpecifier(named) => {
                    if named.import_kind.is_type() {
                        continue;
                    }
                    (
                        named.local.name.as_str(),
                        Some(named.imported.name().to_string()),
                    )
                }
                // A default import of a Tauri package is its namespace once a bundler's
                // interop is applied; of an app module, its `default` export.
                ImportDeclarationSpecifier::ImportDefaultSpecifier(default) => (
                    default.local.name.as_str(),
                    (!is_tauri_package(specifier)).then(|| "default".to_owned()),
                ),
                ImportDeclarationSpecifier::ImportNamespaceSpecifier(namespace) => {
                    (namespace.local.name.as_str(), None)
                }
            };
            let binding = if is_tauri_package(specifier) {
                Ref {
                    root: Root::Tauri(specifier.to_owned()),
                    path: name.into_iter().collect(),
                }
            } else {
                Ref {
                    root: Root::Import {
                        specifier: specifier.to_owned(),
                        name,
                    },
                    path: Vec::new(),
                }
            };
            self.names.insert(local.to_owned(), Some(binding));
        }
    }

    /// What an expression stands for, following members, calls, `new`, `await` and
    /// TypeScript's wrappers; `None` for anything not reaching a known name.
    pub fn resolve(&self, expression: &Expression<'_>) -> Option<Ref> {
        match expression.get_inner_expression() {
            Expression::Identifier(identifier) => match identifier.name.as_str() {
                "__TAURI__" => Some(Ref {
                    root: Root::Global,
                    path: Vec::new(),
                }),
                "__TAURI_INTERNALS__" => Some(Ref {
                    root: Root::Internals,
                    path: Vec::new(),
                }),
                name => self.names.get(name).cloned().flatten(),
            },
            Expression::StaticMemberExpression(member) => {
                self.member(&member.object, member.property.name.as_str())
            }
            Expression::ComputedMemberExpression(member) => match &member.expression {
                Expression::StringLiteral(name) => self.member(&member.object, name.value.as_str()),
                _ => None,
            },
            Expression::CallExpression(call) => self.call_result(self.resolve(&call.callee)?),
            Expression::NewExpression(new) => self.resolve(&new.callee),
            Expression::AwaitExpression(awaited) => self.resolve(&awaited.argument),
            Expression::ChainExpression(chain) => match &chain.expression {
                ChainElement::CallExpression(call) => self.call_result(self.resolve(&call.callee)?),
                ChainElement::StaticMemberExpression(member) => {
                    self.member(&member.object, member.property.name.as_str())
                }
                _ => None,
            },
            Expression::ImportExpression(import) => match &import.source {
                Expression::StringLiteral(source) if is_tauri_package(source.value.as_str()) => {
                    Some(Ref {
                        root: Root::Tauri(source.value.to_string()),
                        path: Vec::new(),
                    })
                }
                _ => None,
            },
            _ => None,
        }
    }

    /// What a name of the file stands for.
    pub fn resolve_name(&self, name: &str) -> Option<Ref> {
        self.names.get(name).cloned().flatten()
    }

    fn member(&self, object: &Expression<'_>, name: &str) -> Option<Ref> {
        if let Expression::Identifier(global) = object.get_inner_expression()
            && matches!(global.name.as_str(), "window" | "globalThis" | "self")
        {
            match name {
                "__TAURI__" => {
                    return Some(Ref {
                        root: Root::Global,
                        path: Vec::new(),
                    });
                }
                "__TAURI_INTERNALS__" => {
                    return Some(Ref {
                        root: Root::Internals,
                        path: Vec::new(),
                    });
                }
                _ => {}
            }
        }
        // A promise's own methods are not the API's.
        if matches!(name, "then" | "catch" | "finally") {
            return None;
        }
        Some(self.resolve(object)?.member(name))
    }

    /// What a call's result stands for: the chain goes on through API objects
    /// (`getCurrentWindow().minimize`), but a command's answer is data.
    fn call_result(&self, callee: Ref) -> Option<Ref> {
        match callee.tauri() {
            Some((module, path))
                if module == "@tauri-apps/api/core"
                    && matches!(
                        path.as_slice(),
                        [name] if name == "invoke" || name == "convertFileSrc"
                    ) =>
            {
                None
            }
            _ => Some(callee),
        }
    }

    fn bind(&mut self, name: &str, meaning: Option<Ref>) {
        match (self.names.get_mut(name), meaning) {
            (Some(known), Some(meaning)) => {
                if known.as_ref() != Some(&meaning) {
                    *known = None;
                }
            }
            (None, Some(meaning)) => {
                self.names.insert(name.to_owned(), Some(meaning));
            }
            // A name also bound to something else means nothing certain, unless it is
            // a function or object of this file (declared once, read above).
            (Some(known), None) => {
                if !matches!(
                    known,
                    Some(Ref {
                        root: Root::Function(_),
                        ..
                    })
                ) {
                    *known = None;
                }
            }
            (None, None) => {}
        }
    }
}

/// Binds the names of variable declarations, in source order, so that a name can use
/// one declared before it.
struct Declarations<'b> {
    bindings: &'b mut Bindings,
}

impl<'a> Visit<'a> for Declarations<'_> {
    fn visit_variable_declaration(&mut self, it: &VariableDeclaration<'a>) {
        for declarator in &it.declarations {
            let meaning = declarator
                .init
                .as_ref()
                .and_then(|init| self.bindings.resolve(init));
            match &declarator.id {
                BindingPattern::BindingIdentifier(identifier) => {
                    if declarator
                        .init
                        .as_ref()
                        .is_some_and(|init| is_function_like(init.get_inner_expression()))
                    {
                        continue;
                    }
                    self.bindings.bind(identifier.name.as_str(), meaning);
                }
                BindingPattern::ObjectPattern(pattern) => {
                    for property in &pattern.properties {
                        let (Some(key), Some(local)) = (
                            property.key.static_name(),
                            property.value.get_identifier_name(),
                        ) else {
                            continue;
                        };
                        let member = meaning.clone().map(|meaning| meaning.member(&key));
                        self.bindings.bind(local.as_str(), member);
                    }
                }
                _ => {}
            }
        }
        walk::walk_variable_declaration(self, it);
    }
}

fn is_function_like(expression: &Expression<'_>) -> bool {
    matches!(
        expression,
        Expression::ArrowFunctionExpression(_) | Expression::FunctionExpression(_)
    )
}

/// A function of a top-level statement that other code can call by name, with its
/// node: `function f`, `const f = () => …`, `const api = { f() {…}, g: () => … }` (as
/// `api.f`, `api.g`), their `export`ed forms and `export default`'s (named `default`
/// when anonymous).
pub(super) enum FunctionNode<'s, 'a> {
    Function(&'s oxc_ast::ast::Function<'a>),
    Arrow(&'s oxc_ast::ast::ArrowFunctionExpression<'a>),
}

impl<'a> FunctionNode<'_, 'a> {
    /// The names of the parameters, `None` for a destructured one.
    pub fn params(&self) -> Vec<Option<String>> {
        let params = match self {
            FunctionNode::Function(function) => &function.params,
            FunctionNode::Arrow(arrow) => &arrow.params,
        };
        params
            .items
            .iter()
            .map(|param| {
                param
                    .pattern
                    .get_identifier_name()
                    .map(|name| name.to_string())
            })
            .collect()
    }
}

/// The callable functions a top-level statement defines (see [`FunctionNode`]).
pub(super) fn top_level_functions<'s, 'a>(
    statement: &'s Statement<'a>,
) -> Vec<(String, FunctionNode<'s, 'a>)> {
    let mut acc = Vec::new();
    match statement {
        Statement::FunctionDeclaration(function) => {
            if let Some(id) = &function.id {
                acc.push((id.name.to_string(), FunctionNode::Function(function)));
            }
        }
        Statement::VariableDeclaration(declaration) => variables(declaration, &mut acc),
        Statement::ExportNamedDeclaration(_) | Statement::ExportAllDeclaration(_) => {}
        Statement::ExportDeclaration(export) => match &export.declaration {
            Declaration::FunctionDeclaration(function) => {
                if let Some(id) = &function.id {
                    acc.push((id.name.to_string(), FunctionNode::Function(function)));
                }
            }
            Declaration::VariableDeclaration(declaration) => variables(declaration, &mut acc),
            _ => {}
        },
        Statement::ExportDefaultDeclaration(export) => match &export.declaration {
            ExportDefaultDeclarationKind::FunctionDeclaration(function) => {
                let name = function
                    .id
                    .as_ref()
                    .map_or_else(|| "default".to_owned(), |id| id.name.to_string());
                acc.push((name, FunctionNode::Function(function)));
            }
            ExportDefaultDeclarationKind::ArrowFunctionExpression(arrow) => {
                acc.push(("default".to_owned(), FunctionNode::Arrow(arrow)));
            }
            ExportDefaultDeclarationKind::FunctionExpression(function) => {
                acc.push(("default".to_owned(), FunctionNode::Function(function)));
            }
            ExportDefaultDeclarationKind::ObjectExpression(object) => {
                members("default", &object.properties, &mut acc);
            }
            _ => {}
        },
        _ => {}
    }
    acc
}

fn variables<'s, 'a>(
    declaration: &'s VariableDeclaration<'a>,
    acc: &mut Vec<(String, FunctionNode<'s, 'a>)>,
) {
    for declarator in &declaration.declarations {
        let (Some(name), Some(init)) = (declarator.id.get_identifier_name(), &declarator.init)
        else {
            continue;
        };
        match init.get_inner_expression() {
            Expression::ArrowFunctionExpression(arrow) => {
                acc.push((name.to_string(), FunctionNode::Arrow(arrow)));
            }
            Expression::FunctionExpression(function) => {
                acc.push((name.to_string(), FunctionNode::Function(function)));
            }
            Expression::ObjectExpression(object) => {
                members(name.as_str(), &object.properties, acc);
            }
            _ => {}
        }
    }
}

fn members<'s, 'a>(
    object: &str,
    properties: &'s [ObjectPropertyKind<'a>],
    acc: &mut Vec<(String, FunctionNode<'s, 'a>)>,
) {
    for property in properties {
        let ObjectPropertyKind::ObjectProperty(property) = property else {
            continue;
        };
        let Some(key) = property.key.static_name() else {
            continue;
        };
        match property.value.get_inner_expression() {
            Expression::ArrowFunctionExpression(arrow) => {
                acc.push((format!("{object}.{key}"), FunctionNode::Arrow(arrow)));
            }
            Expression::FunctionExpression(function) => {
                acc.push((format!("{object}.{key}"), FunctionNode::Function(function)));
            }
            _ => {}
        }
    }
}
