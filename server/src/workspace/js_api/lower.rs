//! One JavaScript module of a package, parsed with oxc and lowered to the little the
//! analysis needs: its top-level bindings, imports and exports, and per function (each
//! function, method and arrow, wherever it is written) the calls it makes, what it
//! returns and what its local variables are assigned. Values are kept as small owned
//! expression trees ([`Expr`]) so the analysis holds no parser memory.
//!
//! Functions and classes are named by their span in the module ([`Key`]), which is
//! unique and stable within one text.

use std::collections::HashMap;
use std::path::Path;

use oxc_allocator::Allocator;
use oxc_ast::ast::{
    Argument, ArrayExpressionElement, ArrowFunctionExpression, AssignmentExpression,
    AssignmentTarget, BlockStatement, CallExpression, ChainElement, Class, ClassElement,
    Declaration, Expression, ForOfStatement, ForStatementLeft, FormalParameters, Function,
    IfStatement, ImportDeclarationSpecifier, MethodDefinitionKind, NewExpression,
    ObjectPropertyKind, ReturnStatement, Statement, UnaryOperator, VariableDeclarator,
};
use oxc_ast_visit::{Visit, walk};
use oxc_parser::Parser;
use oxc_span::{SourceType, Span};
use oxc_syntax::scope::ScopeFlags;

use crate::workspace::frontend::script;

/// A function or class: its span in the module.
pub type Key = (u32, u32);

fn key(span: Span) -> Key {
    (span.start, span.end)
}

/// The `if` tests a statement is reached under: each test and whether it held. A
/// statement after `if (test) { …; return; }` is under the test not holding.
pub type Guards = Vec<(Expr, bool)>;

/// How deep an expression is lowered; deeper parts are [`Expr::Unknown`].
const MAX_DEPTH: usize = 48;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Expr {
    Ident(String),
    This,
    Super,
    Member(Box<Expr>, String),
    /// `!a`.
    Not(Box<Expr>),
    /// `a[i]`: an element of an array (arrays are not told apart from their elements).
    Index(Box<Expr>),
    Call(Box<Expr>, Vec<Expr>),
    New(Box<Expr>, Vec<Expr>),
    Function(Key),
    Class(Key),
    Str(String),
    Template(Vec<Part>),
    /// Any of these (a conditional, `a || b`, an array literal).
    Union(Vec<Expr>),
    /// An object literal with `skip: true`: the options `@tauri-apps/api` passes to
    /// `new Window(label, { skip: true })` to wrap a window that exists, which makes the
    /// constructor skip its `create` command (window.ts, webview.ts, webviewWindow.ts).
    SkipOptions,
    Unknown,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Part {
    Text(String),
    Expr(Expr),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Binding {
    Function(Key),
    Class(Key),
    /// A top-level variable: every value assigned to it.
    Var(Vec<Expr>),
    Import {
        source: String,
        name: String,
    },
    Namespace {
        source: String,
    },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Export {
    Local {
        exported: String,
        local: String,
    },
    From {
        exported: String,
        source: String,
        name: String,
    },
    Star {
        source: String,
    },
    StarAs {
        exported: String,
        source: String,
    },
}

#[derive(Debug, Clone, Default)]
pub struct FunctionIr {
    /// Parameter names by position (`None` for a destructuring pattern).
    pub params: Vec<Option<String>>,
    /// The function it is written in.
    pub parent: Option<Key>,
    /// An arrow takes `this` from where it is written.
    pub is_arrow: bool,
    /// Calls and `new` expressions in its own body (not in nested functions), each with
    /// the `if` tests that lead to it.
    pub calls: Vec<(Expr, Guards)>,
    /// Functions written inside it, with the tests that lead to them: what they call
    /// counts as what it calls.
    pub children: Vec<(Key, Guards)>,
    pub returns: Vec<Expr>,
    /// Local name → every value assigned to it (a `for … of` variable: the iterated value).
    pub locals: HashMap<String, Vec<Expr>>,
}

#[derive(Debug, Clone, Default)]
pub struct ClassIr {
    pub name: Option<String>,
    pub superclass: Option<Expr>,
    pub constructor: Option<Key>,
    /// Name, static, function.
    pub methods: Vec<(String, bool, Key)>,
}

#[derive(Debug, Default)]
pub struct ModuleIr {
    pub bindings: HashMap<String, Binding>,
    pub exports: Vec<Export>,
    pub functions: HashMap<Key, FunctionIr>,
    pub classes: HashMap<Key, ClassIr>,
    /// `f(Target, [A, B])` at the top level with classes of the module: `Target` takes
    /// the methods of `A` and `B` it lacks (`@tauri-apps/api`'s `applyMixins`).
    pub mixins: Vec<(String, Vec<String>)>,
    /// `window.Notification = function (…) {…}`, wherever it is written (a plugin's
    /// injected script defines globals inside an IIFE): the property path under the
    /// global object, the value, and the function the assignment is written in.
    pub globals: Vec<(Vec<String>, Expr, Option<Key>)>,
    pub has_errors: bool,
}

/// Parses and lowers one module. A module nested deeper than the frontend scan's limit
/// is not parsed (oxc's parser recurses on the input): it yields nothing.
pub fn lower_module(path: &str, text: &str) -> ModuleIr {
    if script::nesting_depth(text) > script::MAX_NESTING {
        return ModuleIr {
            has_errors: true,
            ..ModuleIr::default()
        };
    }
    let allocator = Allocator::default();
    let source_type = SourceType::from_path(Path::new(path)).unwrap_or_else(|_| SourceType::mjs());
    let parsed = Parser::new(&allocator, text, source_type).parse();
    let mut module = ModuleIr {
        has_errors: parsed.panicked || !parsed.diagnostics.is_empty(),
        ..ModuleIr::default()
    };
    for statement in &parsed.program.body {
        top_level(statement, &mut module);
    }
    let mut lowerer = Lowerer {
        module: &mut module,
        stack: Vec::new(),
        guards: Vec::new(),
    };
    lowerer.visit_program(&parsed.program);
    module
}

fn top_level(statement: &Statement<'_>, module: &mut ModuleIr) {
    match statement {
        Statement::ImportDeclaration(import) => {
            let source = import.source.value.to_string();
            for specifier in import.specifiers.iter().flatten() {
                let (local, binding) = match specifier {
                    ImportDeclarationSpecifier::ImportSpecifier(it) => (
                        it.local.name.to_string(),
                        Binding::Import {
                            source: source.clone(),
                            name: it.imported.name().to_string(),
                        },
                    ),
                    ImportDeclarationSpecifier::ImportDefaultSpecifier(it) => (
                        it.local.name.to_string(),
                        Binding::Import {
                            source: source.clone(),
                            name: "default".to_owned(),
                        },
                    ),
                    ImportDeclarationSpecifier::ImportNamespaceSpecifier(it) => (
                        it.local.name.to_string(),
                        Binding::Namespace {
                            source: source.clone(),
                        },
                    ),
                };
                module.bindings.insert(local, binding);
            }
        }
        Statement::ExportNamedDeclaration(export) => {
            for specifier in &export.specifiers {
                module.exports.push(Export::Local {
                    exported: specifier.exported.name().to_string(),
                    local: specifier.local.name().to_string(),
                });
            }
        }
        Statement::ExportFromDeclaration(export) => {
            for specifier in &export.specifiers {
                module.exports.push(Export::From {
                    exported: specifier.exported.name().to_string(),
                    source: export.source.value.to_string(),
                    name: specifier.local.name().to_string(),
                });
            }
        }
        Statement::ExportAllDeclaration(export) => {
            let source = export.source.value.to_string();
            module.exports.push(match &export.exported {
                Some(exported) => Export::StarAs {
                    exported: exported.name().to_string(),
                    source,
                },
                None => Export::Star { source },
            });
        }
        Statement::ExportDeclaration(export) => {
            for name in declare(&export.declaration, module) {
                module.exports.push(Export::Local {
                    exported: name.clone(),
                    local: name,
                });
            }
        }
        Statement::ExpressionStatement(statement) => {
            if let Some(mixin) = mixin(&statement.expression) {
                module.mixins.push(mixin);
            }
        }
        _ => {
            if let Some(declaration) = statement.as_declaration() {
                declare(declaration, module);
            }
        }
    }
}

/// Binds a top-level declaration; the names it declares.
fn declare(declaration: &Declaration<'_>, module: &mut ModuleIr) -> Vec<String> {
    match declaration {
        Declaration::FunctionDeclaration(function) => function
            .id
            .as_ref()
            .map(|id| {
                let name = id.name.to_string();
                module
                    .bindings
                    .insert(name.clone(), Binding::Function(key(function.span)));
                vec![name]
            })
            .unwrap_or_default(),
        Declaration::ClassDeclaration(class) => class
            .id
            .as_ref()
            .map(|id| {
                let name = id.name.to_string();
                module
                    .bindings
                    .insert(name.clone(), Binding::Class(key(class.span)));
                vec![name]
            })
            .unwrap_or_default(),
        Declaration::VariableDeclaration(declaration) => {
            let mut names = Vec::new();
            for declarator in &declaration.declarations {
                if let Some(name) = declarator.id.get_identifier_name() {
                    let init = declarator.init.as_ref().map(|init| lower(init, 0));
                    module
                        .bindings
                        .insert(name.to_string(), Binding::Var(init.into_iter().collect()));
                    names.push(name.to_string());
                }
            }
            names
        }
        _ => Vec::new(),
    }
}

/// `f(Target, [A, B])`: a call whose arguments are a name and an array of names.
fn mixin(expression: &Expression<'_>) -> Option<(String, Vec<String>)> {
    let Expression::CallExpression(call) = expression.get_inner_expression() else {
        return None;
    };
    let [
        Argument::Identifier(target),
        Argument::ArrayExpression(sources),
    ] = call.arguments.as_slice()
    else {
        return None;
    };
    let sources = sources
        .elements
        .iter()
        .map(|element| match element {
            ArrayExpressionElement::Identifier(name) => Some(name.name.to_string()),
            _ => None,
        })
        .collect::<Option<Vec<_>>>()?;
    Some((target.name.to_string(), sources))
}

fn params(params: &FormalParameters<'_>) -> Vec<Option<String>> {
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

/// Lowers an expression.
pub fn lower(expression: &Expression<'_>, depth: usize) -> Expr {
    if depth > MAX_DEPTH {
        return Expr::Unknown;
    }
    let lower = |expression: &Expression<'_>| lower(expression, depth + 1);
    match expression.get_inner_expression() {
        Expression::Identifier(it) => Expr::Ident(it.name.to_string()),
        Expression::ThisExpression(_) => Expr::This,
        Expression::Super(_) => Expr::Super,
        Expression::StringLiteral(it) => Expr::Str(it.value.to_string()),
        Expression::TemplateLiteral(it) => {
            let mut parts = Vec::new();
            for (index, quasi) in it.quasis.iter().enumerate() {
                match &quasi.value.cooked {
                    Some(text) => parts.push(Part::Text(text.to_string())),
                    None => parts.push(Part::Expr(Expr::Unknown)),
                }
                if let Some(expression) = it.expressions.get(index) {
                    parts.push(Part::Expr(lower(expression)));
                }
            }
            Expr::Template(parts)
        }
        Expression::StaticMemberExpression(it) => {
            Expr::Member(Box::new(lower(&it.object)), it.property.name.to_string())
        }
        Expression::ComputedMemberExpression(it) => match &it.expression {
            Expression::StringLiteral(name) => {
                Expr::Member(Box::new(lower(&it.object)), name.value.to_string())
            }
            _ => Expr::Index(Box::new(lower(&it.object))),
        },
        Expression::ChainExpression(chain) => match &chain.expression {
            ChainElement::CallExpression(call) => lower_call(call, depth + 1),
            ChainElement::StaticMemberExpression(it) => {
                Expr::Member(Box::new(lower(&it.object)), it.property.name.to_string())
            }
            _ => Expr::Unknown,
        },
        Expression::CallExpression(call) => lower_call(call, depth + 1),
        Expression::NewExpression(new) => lower_new(new, depth + 1),
        Expression::AwaitExpression(it) => lower(&it.argument),
        Expression::UnaryExpression(it) if it.operator == UnaryOperator::LogicalNot => {
            Expr::Not(Box::new(lower(&it.argument)))
        }
        Expression::ConditionalExpression(it) => {
            Expr::Union(vec![lower(&it.consequent), lower(&it.alternate)])
        }
        Expression::LogicalExpression(it) => Expr::Union(vec![lower(&it.left), lower(&it.right)]),
        Expression::AssignmentExpression(it) => lower(&it.right),
        Expression::SequenceExpression(it) => it
            .expressions
            .last()
            .map(lower)
            .unwrap_or(Expr::Unknown),
        Expression::ArrayExpression(it) => Expr::Union(
            it.elements
                .iter()
                .filter_map(|element| element.as_expression().map(lower))
                .collect(),
        ),
        Expression::ArrowFunctionExpression(it) => Expr::Function(key(it.span)),
        Expression::FunctionExpression(it) => Expr::Function(key(it.span)),
        Expression::ClassExpression(it) => Expr::Class(key(it.span)),
        Expression::ObjectExpression(it) if it.properties.iter().any(|property| {
            matches!(property, ObjectPropertyKind::ObjectProperty(property)
                if property.key.static_name().as_deref() == Some("skip")
                    && matches!(property.value, Expression::BooleanLiteral(ref value) if value.value))
        }) =>
        {
            Expr::SkipOptions
        }
        _ => Expr::Unknown,
    }
}

/// Whether a statement always returns or throws.
fn always_leaves(statement: &Statement<'_>) -> bool {
    match statement {
        Statement::ReturnStatement(_) | Statement::ThrowStatement(_) => true,
        Statement::BlockStatement(block) => block.body.last().is_some_and(always_leaves),
        _ => false,
    }
}

/// `window`, `window.Notification`: the path under the global object.
fn global_path(expr: &Expr) -> Option<Vec<String>> {
    match expr {
        Expr::Ident(name) if matches!(name.as_str(), "window" | "globalThis" | "self") => {
            Some(Vec::new())
        }
        Expr::Member(object, name) => {
            let mut path = global_path(object)?;
            path.push(name.clone());
            Some(path)
        }
        _ => None,
    }
}

fn arguments(arguments: &[Argument<'_>], depth: usize) -> Vec<Expr> {
    arguments
        .iter()
        .map(|argument| match argument.as_expression() {
            Some(expression) => lower(expression, depth),
            None => Expr::Unknown,
        })
        .collect()
}

fn lower_call(call: &CallExpression<'_>, depth: usize) -> Expr {
    Expr::Call(
        Box::new(lower(&call.callee, depth)),
        arguments(&call.arguments, depth),
    )
}

fn lower_new(new: &NewExpression<'_>, depth: usize) -> Expr {
    Expr::New(
        Box::new(lower(&new.callee, depth)),
        arguments(&new.arguments, depth),
    )
}

/// Walks the whole module, giving each function its calls, returns and locals.
struct Lowerer<'m> {
    module: &'m mut ModuleIr,
    stack: Vec<Key>,
    /// The tests leading to the statement being walked, in the current function.
    guards: Guards,
}

impl Lowerer<'_> {
    fn current(&mut self) -> Option<&mut FunctionIr> {
        let key = *self.stack.last()?;
        self.module.functions.get_mut(&key)
    }

    /// Starts a function: it is a child of the current one, under the current tests;
    /// its body starts with none. Returns the tests to restore when it ends.
    fn enter(&mut self, key: Key, params: Vec<Option<String>>, is_arrow: bool) -> Guards {
        let parent = self.stack.last().copied();
        let guards = std::mem::take(&mut self.guards);
        if let Some(parent) = self.current() {
            parent.children.push((key, guards.clone()));
        }
        self.module.functions.insert(
            key,
            FunctionIr {
                params,
                parent,
                is_arrow,
                ..FunctionIr::default()
            },
        );
        self.stack.push(key);
        guards
    }

    fn leave(&mut self, guards: Guards) {
        self.stack.pop();
        self.guards = guards;
    }

    fn assign(&mut self, name: &str, value: Expr) {
        match self.current() {
            Some(function) => function
                .locals
                .entry(name.to_owned())
                .or_default()
                .push(value),
            None => {
                if let Some(Binding::Var(values)) = self.module.bindings.get_mut(name) {
                    values.push(value);
                }
            }
        }
    }
}

impl<'a> Visit<'a> for Lowerer<'_> {
    fn visit_function(&mut self, it: &Function<'a>, flags: ScopeFlags) {
        // A function declared inside another is one of its locals.
        if it.is_declaration()
            && !self.stack.is_empty()
            && let Some(id) = &it.id
        {
            self.assign(id.name.as_str(), Expr::Function(key(it.span)));
        }
        let guards = self.enter(key(it.span), params(&it.params), false);
        walk::walk_function(self, it, flags);
        self.leave(guards);
    }

    fn visit_arrow_function_expression(&mut self, it: &ArrowFunctionExpression<'a>) {
        let guards = self.enter(key(it.span), params(&it.params), true);
        if let Some(body) = it.get_expression() {
            let value = lower(body, 0);
            if let Some(function) = self.current() {
                function.returns.push(value);
            }
        }
        walk::walk_arrow_function_expression(self, it);
        self.leave(guards);
    }

    fn visit_class(&mut self, it: &Class<'a>) {
        let mut class = ClassIr {
            name: it.id.as_ref().map(|id| id.name.to_string()),
            superclass: it
                .heritage
                .as_ref()
                .map(|heritage| lower(&heritage.expression, 0)),
            ..ClassIr::default()
        };
        for element in &it.body.body {
            let ClassElement::MethodDefinition(method) = element else {
                continue;
            };
            let function = key(method.value.span);
            if method.kind == MethodDefinitionKind::Constructor {
                class.constructor = Some(function);
            } else if let Some(name) = method.key.static_name() {
                class
                    .methods
                    .push((name.to_string(), method.r#static, function));
            }
        }
        self.module.classes.insert(key(it.span), class);
        walk::walk_class(self, it);
    }

    fn visit_call_expression(&mut self, it: &CallExpression<'a>) {
        let call = (lower_call(it, 0), self.guards.clone());
        if let Some(function) = self.current() {
            function.calls.push(call);
        }
        walk::walk_call_expression(self, it);
    }

    fn visit_new_expression(&mut self, it: &NewExpression<'a>) {
        let new = (lower_new(it, 0), self.guards.clone());
        if let Some(function) = self.current() {
            function.calls.push(new);
        }
        walk::walk_new_expression(self, it);
    }

    fn visit_if_statement(&mut self, it: &IfStatement<'a>) {
        self.visit_expression(&it.test);
        let test = lower(&it.test, 0);
        self.guards.push((test.clone(), true));
        self.visit_statement(&it.consequent);
        self.guards.pop();
        match &it.alternate {
            Some(alternate) => {
                self.guards.push((test, false));
                self.visit_statement(alternate);
                self.guards.pop();
            }
            // What follows `if (test) { …; return; }` in the block runs only when the
            // test does not hold.
            None if always_leaves(&it.consequent) => self.guards.push((test, false)),
            None => {}
        }
    }

    fn visit_block_statement(&mut self, it: &BlockStatement<'a>) {
        let depth = self.guards.len();
        walk::walk_block_statement(self, it);
        self.guards.truncate(depth);
    }

    fn visit_return_statement(&mut self, it: &ReturnStatement<'a>) {
        if let Some(argument) = &it.argument {
            let value = lower(argument, 0);
            if let Some(function) = self.current() {
                function.returns.push(value);
            }
        }
        walk::walk_return_statement(self, it);
    }

    fn visit_variable_declarator(&mut self, it: &VariableDeclarator<'a>) {
        if !self.stack.is_empty()
            && let (Some(name), Some(init)) = (it.id.get_identifier_name(), &it.init)
        {
            self.assign(name.as_str(), lower(init, 0));
        }
        walk::walk_variable_declarator(self, it);
    }

    fn visit_assignment_expression(&mut self, it: &AssignmentExpression<'a>) {
        if let AssignmentTarget::AssignmentTargetIdentifier(name) = &it.left {
            self.assign(name.name.as_str(), lower(&it.right, 0));
        } else if let Some(member) = it.left.as_member_expression()
            && let Some(object) = member.object().get_inner_expression().into()
            && let Some(property) = member.static_property_name()
            && let Some(mut path) = global_path(&lower(object, 0))
        {
            path.push(property.to_string());
            let function = self.stack.last().copied();
            self.module
                .globals
                .push((path, lower(&it.right, 0), function));
        }
        walk::walk_assignment_expression(self, it);
    }

    fn visit_for_of_statement(&mut self, it: &ForOfStatement<'a>) {
        if let ForStatementLeft::VariableDeclaration(declaration) = &it.left {
            for declarator in &declaration.declarations {
                if let Some(name) = declarator.id.get_identifier_name() {
                    self.assign(name.as_str(), Expr::Index(Box::new(lower(&it.right, 0))));
                }
            }
        }
        walk::walk_for_of_statement(self, it);
    }
}
