//! One visit over a parsed script: the calls that reach Tauri directly, the calls of the
//! app's own functions and imports (followed later, across modules, by
//! [`crate::workspace::frontend::app_calls`]), and what the module exports.

use oxc_ast::ast::{
    Argument, CallExpression, Declaration, ExportDefaultDeclarationKind, Expression,
    ModuleExportName, NewExpression, ObjectPropertyKind, Program, Statement,
};
use oxc_ast_visit::{Visit, walk};
use oxc_span::{GetSpan, Span};

use super::bindings::{Bindings, FunctionNode, Ref, Root, top_level_functions};
use super::global::is_tauri_package;
use super::{Arg, CallTarget, Export, FrontendCall, Link, ModuleCall, ModuleScan, target_of};
use crate::text::{TextRange, range};

/// At most this many arguments of a call of the app's own code are kept.
const MAX_ARGS: usize = 8;

pub(super) struct Finder<'b> {
    pub bindings: Bindings,
    pub offset: usize,
    pub calls: &'b mut Vec<FrontendCall>,
    pub module: &'b mut ModuleScan,
    /// The top-level function being visited, with its parameters' names.
    pub function: Option<(String, Vec<Option<String>>)>,
}

impl Finder<'_> {
    pub fn run(&mut self, program: &Program<'_>) {
        for statement in &program.body {
            self.exports(statement);
            let functions = top_level_functions(statement);
            if functions.is_empty() {
                self.visit_statement(statement);
                continue;
            }
            // Function bodies are visited as the named function; anything else of the
            // statement (other declarators' values) is not inside a function.
            for (name, node) in functions {
                self.function = Some((name, node.params()));
                match node {
                    FunctionNode::Function(function) => {
                        if let Some(body) = &function.body {
                            self.visit_function_body(body);
                        }
                    }
                    FunctionNode::Arrow(arrow) => self.visit_arrow_function_body(&arrow.body),
                }
                self.function = None;
            }
            self.rest_of_statement(statement);
        }
    }

    /// The parts of a statement that defines functions that are not those functions.
    fn rest_of_statement(&mut self, statement: &Statement<'_>) {
        let declaration = match statement {
            Statement::VariableDeclaration(declaration) => declaration,
            Statement::ExportDeclaration(export) => match &export.declaration {
                Declaration::VariableDeclaration(declaration) => declaration,
                _ => return,
            },
            _ => return,
        };
        for declarator in &declaration.declarations {
            let Some(init) = &declarator.init else {
                continue;
            };
            match init.get_inner_expression() {
                Expression::ArrowFunctionExpression(_) | Expression::FunctionExpression(_) => {}
                Expression::ObjectExpression(object) => {
                    for property in &object.properties {
                        match property {
                            ObjectPropertyKind::ObjectProperty(property)
                                if matches!(
                                    property.value.get_inner_expression(),
                                    Expression::ArrowFunctionExpression(_)
                                        | Expression::FunctionExpression(_)
                                ) && property.key.static_name().is_some() => {}
                            ObjectPropertyKind::ObjectProperty(property) => {
                                self.visit_expression(&property.value);
                            }
                            ObjectPropertyKind::SpreadProperty(spread) => {
                                self.visit_expression(&spread.argument);
                            }
                        }
                    }
                }
                _ => self.visit_expression(init),
            }
        }
    }

    fn range(&self, span: Span) -> TextRange {
        range(
            self.offset + span.start as usize,
            self.offset + span.end as usize,
        )
    }

    fn arg(&self, argument: Option<&Argument<'_>>) -> Arg {
        let Some(expression) = argument.and_then(Argument::as_expression) else {
            return Arg::Other;
        };
        match expression.get_inner_expression() {
            Expression::StringLiteral(literal) => Arg::Literal(literal.value.to_string()),
            Expression::TemplateLiteral(template) if template.expressions.is_empty() => template
                .quasis
                .first()
                .and_then(|quasi| quasi.value.cooked.as_ref())
                .map_or(Arg::Other, |cooked| Arg::Literal(cooked.to_string())),
            Expression::Identifier(identifier) => self
                .function
                .as_ref()
                .and_then(|(_, params)| {
                    params
                        .iter()
                        .position(|param| param.as_deref() == Some(identifier.name.as_str()))
                })
                .map_or(Arg::Other, Arg::Param),
            _ => Arg::Other,
        }
    }

    fn call(&mut self, callee: Ref, span: Span, arguments: &[Argument<'_>]) {
        let range = self.range(span);
        let function = self.function.as_ref().map(|(name, _)| name.clone());
        if let Some((module, path)) = callee.tauri() {
            let command = self.arg(arguments.first());
            let Some(target) = target_of(module, path, &command) else {
                return;
            };
            let command_param = match (&target, command) {
                (CallTarget::DynamicInvoke, Arg::Param(index)) => Some(index),
                _ => None,
            };
            self.calls.push(FrontendCall {
                target,
                range,
                certain: true,
                function,
                command_param,
            });
            return;
        }
        let link = match callee.root {
            Root::Import { specifier, name } => Link::Import {
                specifier,
                name,
                path: callee.path,
            },
            Root::Function(name) => {
                let mut name = name;
                for member in &callee.path {
                    name.push('.');
                    name.push_str(member);
                }
                Link::Function(name)
            }
            Root::Tauri(_) | Root::Global | Root::Internals => return,
        };
        let args = arguments
            .iter()
            .take(MAX_ARGS)
            .map(|argument| self.arg(Some(argument)))
            .collect();
        self.module.calls.push(ModuleCall {
            callee: link,
            range,
            args,
            function,
        });
    }

    /// What a module exports, as links to follow.
    fn exports(&mut self, statement: &Statement<'_>) {
        match statement {
            Statement::ExportFromDeclaration(export) => {
                if export.export_kind.is_type() {
                    return;
                }
                let specifier = export.source.value.as_str();
                for item in &export.specifiers {
                    if item.export_kind.is_type() {
                        continue;
                    }
                    let link = from_module(specifier, Some(export_name(&item.local)));
                    self.export(export_name(&item.exported), link, item.span);
                }
            }
            Statement::ExportAllDeclaration(export) => {
                if export.export_kind.is_type() {
                    return;
                }
                let specifier = export.source.value.as_str();
                match &export.exported {
                    Some(name) => {
                        self.export(export_name(name), from_module(specifier, None), export.span);
                    }
                    None => {
                        let range = self.range(export.span);
                        self.module.star_exports.push((specifier.to_owned(), range));
                    }
                }
            }
            Statement::ExportNamedDeclaration(export) => {
                if export.export_kind.is_type() {
                    return;
                }
                for item in &export.specifiers {
                    if item.export_kind.is_type() {
                        continue;
                    }
                    if let Some(link) = self.local(&export_name(&item.local)) {
                        self.export(export_name(&item.exported), link, item.span);
                    }
                }
            }
            Statement::ExportDeclaration(export) => {
                let names: Vec<(String, Span)> = match &export.declaration {
                    Declaration::FunctionDeclaration(function) => function
                        .id
                        .iter()
                        .map(|id| (id.name.to_string(), id.span))
                        .collect(),
                    Declaration::VariableDeclaration(declaration) => declaration
                        .declarations
                        .iter()
                        .filter_map(|declarator| {
                            let name = declarator.id.get_identifier_name()?;
                            Some((name.to_string(), declarator.id.span()))
                        })
                        .collect(),
                    _ => Vec::new(),
                };
                for (name, span) in names {
                    if let Some(link) = self.local(&name) {
                        self.export(name, link, span);
                    }
                }
            }
            Statement::ExportDefaultDeclaration(export) => {
                let link = match &export.declaration {
                    ExportDefaultDeclarationKind::FunctionDeclaration(function) => {
                        Some(Link::Function(function.id.as_ref().map_or_else(
                            || "default".to_owned(),
                            |id| id.name.to_string(),
                        )))
                    }
                    ExportDefaultDeclarationKind::ArrowFunctionExpression(_)
                    | ExportDefaultDeclarationKind::FunctionExpression(_)
                    | ExportDefaultDeclarationKind::ObjectExpression(_) => {
                        Some(Link::Function("default".to_owned()))
                    }
                    ExportDefaultDeclarationKind::Identifier(identifier) => {
                        self.local(identifier.name.as_str())
                    }
                    _ => None,
                };
                if let Some(link) = link {
                    self.export("default".to_owned(), link, export.span);
                }
            }
            _ => {}
        }
    }

    fn export(&mut self, name: String, link: Link, span: Span) {
        let range = self.range(span);
        self.module.exports.push(Export { name, link, range });
    }

    /// What a local name exported by the module stands for.
    fn local(&self, name: &str) -> Option<Link> {
        let meaning = self.bindings.resolve_name(name)?;
        if let Some((module, path)) = meaning.tauri() {
            return Some(Link::Tauri { module, path });
        }
        match meaning.root {
            Root::Import { specifier, name } => Some(Link::Import {
                specifier,
                name,
                path: meaning.path,
            }),
            Root::Function(function) => {
                let mut function = function;
                for member in &meaning.path {
                    function.push('.');
                    function.push_str(member);
                }
                Some(Link::Function(function))
            }
            _ => None,
        }
    }
}

/// An exported name as written (`"a-b"` for a string name).
fn export_name(name: &ModuleExportName<'_>) -> String {
    name.name().to_string()
}

/// A re-export of `name` (`None`: the namespace) of the module `specifier`.
fn from_module(specifier: &str, name: Option<String>) -> Link {
    if is_tauri_package(specifier) {
        let (module, path) =
            super::bindings::normalize(specifier.to_owned(), name.into_iter().collect());
        return Link::Tauri { module, path };
    }
    Link::Import {
        specifier: specifier.to_owned(),
        name,
        path: Vec::new(),
    }
}

impl<'a> Visit<'a> for Finder<'_> {
    fn visit_call_expression(&mut self, it: &CallExpression<'a>) {
        if let Some(callee) = self.bindings.resolve(&it.callee) {
            self.call(callee, it.span, &it.arguments);
        }
        walk::walk_call_expression(self, it);
    }

    fn visit_new_expression(&mut self, it: &NewExpression<'a>) {
        if let Some(callee) = self.bindings.resolve(&it.callee) {
            self.call(callee, it.span, &it.arguments);
        }
        walk::walk_new_expression(self, it);
    }
}
