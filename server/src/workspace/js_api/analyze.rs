//! Which IPC commands each export of a package reaches, from its lowered modules
//! ([`super::lower`]): a small abstract interpreter over values that matter to IPC
//! (functions, classes and their instances, namespaces, core's `invoke`, the global
//! `__TAURI_INTERNALS__`), and nothing else.
//!
//! A function reaches what its body invokes with a literal command (also a template
//! whose parts are literals or the literal arguments it was called with, as core's
//! `checkPermissions('notification')` builds `plugin:notification|check_permissions`),
//! plus what the functions, constructors and methods it calls reach, plus what the
//! functions written inside it reach (a callback it registers may run later). A method
//! called on `this` is looked up on the class the method runs for (its own methods, its
//! superclass chain, then the classes mixed into it). A value's class comes from `new`,
//! from what a called function returns (through `await`, `.then(cb)` and `.map(cb)`)
//! and from a local variable's assignments, without regard to order. A call whose
//! receiver is unknown reaches nothing: the analysis claims only what it can follow.
//! A call under an `if` test the text decides for the call being analysed
//! (`list.includes(event)` with `event` a literal argument, and its negation; what
//! follows an `if` that returns counts as its `else`) is left out when the test rules
//! it out; every other branch counts.
//!
//! Work is bounded: each function is analysed once per receiver class and literal
//! arguments, and a step budget turns a pathological package into "unreadable".

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use super::facts::{Callable, Class as ClassFacts, Item, PackageFacts};
use super::lower::{Binding, Export, Expr, Key, ModuleIr, Part, lower_module};
use super::package::PackageFiles;

/// The package whose `core` module's `invoke` is the IPC primitive.
pub const API_PACKAGE: &str = "@tauri-apps/api";

/// Evaluation steps allowed per package (the largest official package needs well under
/// a hundredth of this).
const BUDGET: usize = 2_000_000;
const MAX_DEPTH: usize = 96;

type ModuleId = usize;
type ClassRef = (ModuleId, Key);

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum This {
    None,
    Class(ClassRef),
    Instance(ClassRef),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Value {
    Function {
        module: ModuleId,
        key: Key,
        this: This,
    },
    Class(ClassRef),
    Instance(ClassRef),
    Namespace(ModuleId),
    /// `invoke` of `@tauri-apps/api/core`, or `__TAURI_INTERNALS__.invoke`.
    Invoke,
    /// `window`, `globalThis`, `self`.
    Global,
    /// A property path under the global object (`window.Notification`), by its index
    /// in [`Analyzer::global_paths`].
    GlobalPath(usize),
    /// A global known only from facts (a plugin's injected `Notification`), and one of
    /// its static members: indexes into [`Analyzer::known_globals`].
    KnownGlobal(usize),
    KnownGlobalStatic(usize, usize),
    Internals,
}

#[derive(Debug, Clone, Default)]
struct Reach {
    commands: BTreeSet<String>,
    dynamic: bool,
}

/// Where an expression is evaluated.
#[derive(Clone)]
struct Ctx {
    module: ModuleId,
    /// The function whose body (or a function nested in it) holds the expression.
    function: Option<Key>,
    this: This,
    /// The function that was called, and its literal arguments.
    called: Option<Key>,
    args: Vec<Option<String>>,
}

struct Module {
    package: usize,
    path: String,
    ir: ModuleIr,
}

struct Analyzer<'p> {
    packages: &'p [PackageFiles],
    modules: Vec<Module>,
    index: HashMap<(usize, String), ModuleId>,
    reach_memo: HashMap<(Value, Vec<Option<String>>), Reach>,
    returns_memo: HashMap<Value, Vec<Value>>,
    visiting: HashSet<(ModuleId, Option<Key>, String)>,
    global_paths: Vec<Vec<String>>,
    /// Globals an injected script defines, as facts: name, constructor, statics.
    known_globals: Vec<KnownGlobal>,
    steps: usize,
    depth: usize,
}

/// A global known from facts: its name, constructor and statics.
type KnownGlobal = (String, Callable, Vec<(String, Callable)>);

/// The module under which the facts list the globals a plugin's injected script
/// defines (`new Notification(…)`, `alert(…)`).
pub const GLOBALS: &str = "globalThis";

/// The facts of `packages[main]`; the other packages are what its modules may import
/// (a plugin imports `@tauri-apps/api/core`) and the scripts its crate injects (a
/// package named [`GLOBALS`], whose `window.X = …` assignments the facts list as
/// globals). `known_globals` are globals known from facts already (the bundled map's,
/// when the injected script is not at hand). `None` when the work budget runs out or a
/// module has syntax errors.
pub fn analyze(
    packages: &[PackageFiles],
    main: usize,
    known_globals: &BTreeMap<String, Item>,
    known_classes: &BTreeMap<String, ClassFacts>,
) -> Option<PackageFacts> {
    let known_globals = known_globals
        .iter()
        .filter_map(|(name, item)| {
            let Item::Class(id) = item else {
                return None;
            };
            let class = known_classes.get(id)?;
            Some((
                name.clone(),
                class.constructor.clone(),
                class
                    .statics
                    .iter()
                    .map(|(name, callable)| (name.clone(), callable.clone()))
                    .collect(),
            ))
        })
        .collect();
    let mut analyzer = Analyzer {
        global_paths: Vec::new(),
        known_globals,
        packages,
        modules: Vec::new(),
        index: HashMap::new(),
        reach_memo: HashMap::new(),
        returns_memo: HashMap::new(),
        visiting: HashSet::new(),
        steps: 0,
        depth: 0,
    };
    let facts = analyzer.facts(main);
    // A module that could not be read in full could hide any call: no facts rather
    // than facts that claim too little.
    let complete = analyzer.modules.iter().all(|module| !module.ir.has_errors);
    (analyzer.steps <= BUDGET && complete).then_some(facts)
}

impl Analyzer<'_> {
    fn facts(&mut self, main: usize) -> PackageFacts {
        let mut facts = PackageFacts::default();
        // The injected scripts first: the package's code reads the globals they define.
        for (index, package) in self.packages.iter().enumerate() {
            if package.name == GLOBALS {
                for path in package.entries.values() {
                    self.module(index, path);
                }
            }
        }
        let mut pending: Vec<(String, ModuleId)> = Vec::new();
        for (specifier, path) in &self.packages[main].entries {
            if let Some(module) = self.module(main, path) {
                pending.push((specifier.clone(), module));
            }
        }
        let mut done = HashSet::new();
        let mut classes: Vec<ClassRef> = Vec::new();
        while let Some((name, module)) = pending.pop() {
            if !done.insert(module) {
                continue;
            }
            let mut exports = BTreeMap::new();
            for export in self.export_names(module, 0) {
                let values = self.export_value(module, &export, 0);
                let item = match values.first() {
                    Some(value @ Value::Function { .. }) => {
                        Item::Function(self.callable(*value, &mut classes))
                    }
                    Some(Value::Invoke) => Item::Function(Callable {
                        dynamic: true,
                        ..Callable::default()
                    }),
                    Some(Value::Class(class)) => {
                        classes.push(*class);
                        Item::Class(self.class_id(*class))
                    }
                    Some(Value::Namespace(target)) => {
                        let key = self.module_key(*target);
                        pending.push((key.clone(), *target));
                        Item::Namespace(key)
                    }
                    _ => continue,
                };
                exports.insert(export, item);
            }
            facts.modules.insert(name, exports);
        }
        let globals = self.injected_globals(&mut classes, &mut facts);
        if !globals.is_empty() {
            facts.modules.insert(GLOBALS.to_owned(), globals);
        }
        while let Some(class) = classes.pop() {
            let id = self.class_id(class);
            if facts.classes.contains_key(&id) {
                continue;
            }
            facts.classes.insert(id.clone(), ClassFacts::default());
            let mut entry = ClassFacts::default();
            if let Some((module, key)) = self.constructor(class, 0) {
                let value = Value::Function {
                    module,
                    key,
                    this: This::Instance(class),
                };
                entry.constructor = self.callable(value, &mut classes);
                entry.constructor.returns.clear();
            }
            for is_static in [true, false] {
                let this = if is_static {
                    This::Class(class)
                } else {
                    This::Instance(class)
                };
                for (name, (module, key)) in self.methods(class, is_static, 0) {
                    let value = Value::Function { module, key, this };
                    let callable = self.callable(value, &mut classes);
                    if is_static {
                        entry.statics.insert(name, callable);
                    } else {
                        entry.methods.insert(name, callable);
                    }
                }
            }
            facts.classes.insert(id, entry);
        }
        facts
    }

    /// The globals the injected scripts define: each `window.X = f` as a class whose
    /// constructor is `f` (called or `new`ed alike) and whose statics are the
    /// `window.X.y = g` assignments.
    fn injected_globals(
        &mut self,
        classes: &mut Vec<ClassRef>,
        facts: &mut PackageFacts,
    ) -> BTreeMap<String, Item> {
        let mut out = BTreeMap::new();
        let Some(package) = self
            .packages
            .iter()
            .position(|package| package.name == GLOBALS)
        else {
            return out;
        };
        let mut defined: BTreeMap<Vec<String>, Vec<Value>> = BTreeMap::new();
        for path in self.packages[package]
            .entries
            .values()
            .cloned()
            .collect::<Vec<_>>()
        {
            let Some(module) = self.module(package, &path) else {
                continue;
            };
            for (path, value, function) in self.modules[module].ir.globals.clone() {
                let ctx = Ctx {
                    module,
                    function,
                    this: This::None,
                    called: None,
                    args: Vec::new(),
                };
                let values = self.eval(&ctx, &value, 0);
                defined.entry(path).or_default().extend(values);
            }
        }
        for (path, values) in &defined {
            let [name] = path.as_slice() else {
                continue;
            };
            let mut class = ClassFacts::default();
            if let Some(value) = values.first() {
                class.constructor = self.callable(*value, classes);
            }
            for (inner, values) in &defined {
                if let [owner, member] = inner.as_slice()
                    && owner == name
                    && let Some(value) = values.first()
                {
                    let callable = self.callable(*value, classes);
                    class.statics.insert(member.clone(), callable);
                }
            }
            let id = format!("{GLOBALS}#{name}");
            facts.classes.insert(id.clone(), class);
            out.insert(name.clone(), Item::Class(id));
        }
        out
    }

    fn callable(&mut self, value: Value, classes: &mut Vec<ClassRef>) -> Callable {
        let reach = self.reach(value, Vec::new());
        let mut returns = BTreeSet::new();
        for returned in self.returns(value) {
            if let Value::Instance(class) = returned {
                classes.push(class);
                returns.insert(self.class_id(class));
            }
        }
        Callable {
            commands: reach.commands.into_iter().collect(),
            dynamic: reach.dynamic,
            returns: returns.into_iter().collect(),
        }
    }

    /// How a module is named in the facts: its import specifier when it has one.
    fn module_key(&self, module: ModuleId) -> String {
        let Module { package, path, .. } = &self.modules[module];
        let package = &self.packages[*package];
        package
            .entries
            .iter()
            .find(|(_, entry)| *entry == path)
            .map(|(specifier, _)| specifier.clone())
            .unwrap_or_else(|| format!("{}/{path}", package.name))
    }

    fn class_id(&self, (module, key): ClassRef) -> String {
        let Module { package, path, ir } = &self.modules[module];
        let name = ir
            .classes
            .get(&key)
            .and_then(|class| class.name.clone())
            .unwrap_or_else(|| format!("class@{}", key.0));
        if *package == 0 || self.packages.len() == 1 {
            format!("{path}#{name}")
        } else {
            format!("{}/{path}#{name}", self.packages[*package].name)
        }
    }

    // Modules.

    fn module(&mut self, package: usize, path: &str) -> Option<ModuleId> {
        if let Some(id) = self.index.get(&(package, path.to_owned())) {
            return Some(*id);
        }
        let text = self.packages[package].files.get(path)?;
        let ir = lower_module(path, text);
        let id = self.modules.len();
        self.modules.push(Module {
            package,
            path: path.to_owned(),
            ir,
        });
        self.index.insert((package, path.to_owned()), id);
        Some(id)
    }

    /// The module `source` names from `from`: a relative path in the same package, or
    /// another package given to the analysis.
    fn resolve(&mut self, from: ModuleId, source: &str) -> Option<ModuleId> {
        let package = self.modules[from].package;
        if source.starts_with("./") || source.starts_with("../") {
            let dir = match self.modules[from].path.rsplit_once('/') {
                Some((dir, _)) => dir.to_owned(),
                None => String::new(),
            };
            let mut parts: Vec<&str> = dir.split('/').filter(|part| !part.is_empty()).collect();
            for part in source.split('/') {
                match part {
                    "." | "" => {}
                    ".." => {
                        parts.pop()?;
                    }
                    part => parts.push(part),
                }
            }
            let mut path = parts.join("/");
            if !self.packages[package].files.contains_key(&path) {
                path.push_str(".js");
            }
            return self.module(package, &path);
        }
        let (index, path) = self
            .packages
            .iter()
            .enumerate()
            .find_map(|(index, package)| {
                package
                    .entries
                    .get(source)
                    .map(|path| (index, path.clone()))
            })?;
        self.module(index, &path)
    }

    fn is_api_core(&self, module: ModuleId) -> bool {
        let Module { package, path, .. } = &self.modules[module];
        self.packages[*package].name == API_PACKAGE && path == "core.js"
    }

    fn binding(&mut self, module: ModuleId, name: &str, depth: usize) -> Vec<Value> {
        let Some(binding) = self.modules[module].ir.bindings.get(name).cloned() else {
            return Vec::new();
        };
        match binding {
            Binding::Function(key) if name == "invoke" && self.is_api_core(module) => {
                let _ = key;
                vec![Value::Invoke]
            }
            Binding::Function(key) => vec![Value::Function {
                module,
                key,
                this: This::None,
            }],
            Binding::Class(key) => vec![Value::Class((module, key))],
            Binding::Var(values) => {
                if !self.visiting.insert((module, None, name.to_owned())) {
                    return Vec::new();
                }
                let ctx = Ctx {
                    module,
                    function: None,
                    this: This::None,
                    called: None,
                    args: Vec::new(),
                };
                let mut out = Vec::new();
                for value in &values {
                    extend(&mut out, self.eval(&ctx, value, depth + 1));
                }
                self.visiting.remove(&(module, None, name.to_owned()));
                out
            }
            Binding::Import { source, name } => {
                if source == "@tauri-apps/api/core" && name == "invoke" {
                    return vec![Value::Invoke];
                }
                match self.resolve(module, &source) {
                    Some(target) => self.export_value(target, &name, depth + 1),
                    None => Vec::new(),
                }
            }
            Binding::Namespace { source } => self
                .resolve(module, &source)
                .map(Value::Namespace)
                .into_iter()
                .collect(),
        }
    }

    fn export_value(&mut self, module: ModuleId, name: &str, depth: usize) -> Vec<Value> {
        if depth > MAX_DEPTH {
            return Vec::new();
        }
        let exports = self.modules[module].ir.exports.clone();
        for export in &exports {
            match export {
                Export::Local { exported, local } if exported == name => {
                    return self.binding(module, local, depth + 1);
                }
                Export::From {
                    exported,
                    source,
                    name: imported,
                } if exported == name => {
                    if source == "@tauri-apps/api/core" && imported == "invoke" {
                        return vec![Value::Invoke];
                    }
                    return match self.resolve(module, source) {
                        Some(target) => self.export_value(target, imported, depth + 1),
                        None => Vec::new(),
                    };
                }
                Export::StarAs { exported, source } if exported == name => {
                    return self
                        .resolve(module, source)
                        .map(Value::Namespace)
                        .into_iter()
                        .collect();
                }
                _ => {}
            }
        }
        if name == "default" {
            return Vec::new();
        }
        for export in &exports {
            if let Export::Star { source } = export
                && let Some(target) = self.resolve(module, source)
            {
                let found = self.export_value(target, name, depth + 1);
                if !found.is_empty() {
                    return found;
                }
            }
        }
        Vec::new()
    }

    fn export_names(&mut self, module: ModuleId, depth: usize) -> BTreeSet<String> {
        let mut names = BTreeSet::new();
        if depth > MAX_DEPTH {
            return names;
        }
        for export in self.modules[module].ir.exports.clone() {
            match export {
                Export::Local { exported, .. }
                | Export::From { exported, .. }
                | Export::StarAs { exported, .. } => {
                    names.insert(exported);
                }
                Export::Star { source } => {
                    if let Some(target) = self.resolve(module, &source) {
                        names.extend(
                            self.export_names(target, depth + 1)
                                .into_iter()
                                .filter(|name| name != "default"),
                        );
                    }
                }
            }
        }
        names
    }

    // Classes.

    fn superclasses(&mut self, (module, key): ClassRef, depth: usize) -> Vec<ClassRef> {
        let Some(superclass) = self.modules[module]
            .ir
            .classes
            .get(&key)
            .and_then(|class| class.superclass.clone())
        else {
            return Vec::new();
        };
        let ctx = Ctx {
            module,
            function: None,
            this: This::None,
            called: None,
            args: Vec::new(),
        };
        self.eval(&ctx, &superclass, depth + 1)
            .into_iter()
            .filter_map(|value| match value {
                Value::Class(class) if class != (module, key) => Some(class),
                _ => None,
            })
            .collect()
    }

    fn mixed_in(&mut self, (module, key): ClassRef, depth: usize) -> Vec<ClassRef> {
        let Some(name) = self.modules[module]
            .ir
            .classes
            .get(&key)
            .and_then(|class| class.name.clone())
        else {
            return Vec::new();
        };
        let sources: Vec<String> = self.modules[module]
            .ir
            .mixins
            .iter()
            .filter(|(target, _)| *target == name)
            .flat_map(|(_, sources)| sources.clone())
            .collect();
        let mut out = Vec::new();
        for source in sources {
            for value in self.binding(module, &source, depth + 1) {
                if let Value::Class(class) = value
                    && class != (module, key)
                {
                    out.push(class);
                }
            }
        }
        out
    }

    /// The constructor that runs for `new Class(…)`: its own or its nearest superclass's.
    fn constructor(&mut self, class: ClassRef, depth: usize) -> Option<(ModuleId, Key)> {
        if depth > MAX_DEPTH {
            return None;
        }
        if let Some(key) = self.modules[class.0]
            .ir
            .classes
            .get(&class.1)
            .and_then(|ir| ir.constructor)
        {
            return Some((class.0, key));
        }
        let superclasses = self.superclasses(class, depth + 1);
        superclasses
            .into_iter()
            .find_map(|superclass| self.constructor(superclass, depth + 1))
    }

    /// Every method of the class, static or not, by name: its own, then its superclass
    /// chain's, then (instance methods) those mixed in that it lacks.
    fn methods(
        &mut self,
        class: ClassRef,
        is_static: bool,
        depth: usize,
    ) -> BTreeMap<String, (ModuleId, Key)> {
        let mut out = BTreeMap::new();
        if depth > MAX_DEPTH {
            return out;
        }
        if let Some(ir) = self.modules[class.0].ir.classes.get(&class.1) {
            for (name, method_static, key) in &ir.methods {
                if *method_static == is_static {
                    out.entry(name.clone()).or_insert((class.0, *key));
                }
            }
        }
        for superclass in self.superclasses(class, depth + 1) {
            for (name, method) in self.methods(superclass, is_static, depth + 1) {
                out.entry(name).or_insert(method);
            }
        }
        if !is_static {
            for source in self.mixed_in(class, depth + 1) {
                for (name, method) in self.methods(source, false, depth + 1) {
                    out.entry(name).or_insert(method);
                }
            }
        }
        out
    }

    fn method(&mut self, class: ClassRef, name: &str, is_static: bool, depth: usize) -> Vec<Value> {
        let this = if is_static {
            This::Class(class)
        } else {
            This::Instance(class)
        };
        match self.methods(class, is_static, depth + 1).remove(name) {
            Some((module, key)) => vec![Value::Function { module, key, this }],
            None => Vec::new(),
        }
    }

    // Values.

    fn member(&mut self, value: Value, name: &str, depth: usize) -> Vec<Value> {
        match value {
            Value::Namespace(module) => self.export_value(module, name, depth + 1),
            Value::Class(class) => self.method(class, name, true, depth),
            Value::Instance(class) => self.method(class, name, false, depth),
            Value::Global if name == "__TAURI_INTERNALS__" => vec![Value::Internals],
            Value::Internals if name == "invoke" => vec![Value::Invoke],
            Value::Global => self.global(Vec::new(), name, depth),
            Value::GlobalPath(index) => self.global(self.global_paths[index].clone(), name, depth),
            Value::KnownGlobal(index) => self.known_globals[index]
                .2
                .iter()
                .position(|(member, _)| member == name)
                .map(|member| Value::KnownGlobalStatic(index, member))
                .into_iter()
                .collect(),
            _ => Vec::new(),
        }
    }

    /// `window.<path>.<name>`: the path itself, what the modules read assign to it, and
    /// a global known from facts.
    fn global(&mut self, mut path: Vec<String>, name: &str, depth: usize) -> Vec<Value> {
        path.push(name.to_owned());
        let mut out = Vec::new();
        if let [only] = path.as_slice()
            && let Some(index) = self
                .known_globals
                .iter()
                .position(|(known, _, _)| known == only)
        {
            out.push(Value::KnownGlobal(index));
        }
        let assigned: Vec<(ModuleId, Expr, Option<Key>)> = (0..self.modules.len())
            .flat_map(|module| {
                self.modules[module]
                    .ir
                    .globals
                    .iter()
                    .filter(|(defined, _, _)| *defined == path)
                    .map(move |(_, value, function)| (module, value.clone(), *function))
                    .collect::<Vec<_>>()
            })
            .collect();
        for (module, value, function) in assigned {
            let ctx = Ctx {
                module,
                function,
                this: This::None,
                called: None,
                args: Vec::new(),
            };
            extend(&mut out, self.eval(&ctx, &value, depth + 1));
        }
        let index = match self.global_paths.iter().position(|known| *known == path) {
            Some(index) => index,
            None => {
                self.global_paths.push(path);
                self.global_paths.len() - 1
            }
        };
        out.push(Value::GlobalPath(index));
        out
    }

    fn eval(&mut self, ctx: &Ctx, expr: &Expr, depth: usize) -> Vec<Value> {
        self.steps += 1;
        if self.steps > BUDGET || depth > MAX_DEPTH {
            return Vec::new();
        }
        let depth = depth + 1;
        match expr {
            Expr::Ident(name) => self.ident(ctx, name, depth),
            Expr::This => match ctx.this {
                This::None => Vec::new(),
                This::Class(class) => vec![Value::Class(class)],
                This::Instance(class) => vec![Value::Instance(class)],
            },
            Expr::Member(object, name) => {
                let mut out = Vec::new();
                for value in self.eval(ctx, object, depth) {
                    extend(&mut out, self.member(value, name, depth));
                }
                out
            }
            Expr::Index(object) => self
                .eval(ctx, object, depth)
                .into_iter()
                .filter(|value| matches!(value, Value::Instance(_)))
                .collect(),
            Expr::Call(callee, args) => self.call_value(ctx, callee, args, depth),
            Expr::New(callee, _) => self
                .eval(ctx, callee, depth)
                .into_iter()
                .filter_map(|value| match value {
                    Value::Class(class) => Some(Value::Instance(class)),
                    _ => None,
                })
                .collect(),
            Expr::Function(key) => {
                let is_arrow = self.modules[ctx.module]
                    .ir
                    .functions
                    .get(key)
                    .is_some_and(|function| function.is_arrow);
                vec![Value::Function {
                    module: ctx.module,
                    key: *key,
                    this: if is_arrow { ctx.this } else { This::None },
                }]
            }
            Expr::Class(key) => vec![Value::Class((ctx.module, *key))],
            Expr::Union(list) => {
                let mut out = Vec::new();
                for expr in list {
                    extend(&mut out, self.eval(ctx, expr, depth));
                }
                out
            }
            Expr::Super
            | Expr::Str(_)
            | Expr::Template(_)
            | Expr::SkipOptions
            | Expr::Not(_)
            | Expr::Unknown => Vec::new(),
        }
    }

    /// What a call evaluates to (not what it reaches).
    fn call_value(&mut self, ctx: &Ctx, callee: &Expr, args: &[Expr], depth: usize) -> Vec<Value> {
        if let Expr::Member(object, method) = callee {
            match method.as_str() {
                "then" | "map" | "flatMap" => {
                    return self.callback_returns(ctx, args.first(), depth);
                }
                "catch" | "finally" => {
                    let mut out = self.eval(ctx, object, depth);
                    extend(&mut out, self.callback_returns(ctx, args.first(), depth));
                    return out;
                }
                "find" | "filter" | "at" | "slice" | "sort" | "reverse" | "concat" | "values"
                | "pop" | "shift" => {
                    return self
                        .eval(ctx, object, depth)
                        .into_iter()
                        .filter(|value| matches!(value, Value::Instance(_)))
                        .collect();
                }
                _ => {}
            }
        }
        let mut out = Vec::new();
        for value in self.eval(ctx, callee, depth) {
            if let Value::Function { .. } = value {
                extend(&mut out, self.returns(value));
            }
        }
        out
    }

    fn callback_returns(&mut self, ctx: &Ctx, callback: Option<&Expr>, depth: usize) -> Vec<Value> {
        let mut out = Vec::new();
        if let Some(callback) = callback {
            for value in self.eval(ctx, callback, depth) {
                if let Value::Function { .. } = value {
                    extend(&mut out, self.returns(value));
                }
            }
        }
        out
    }

    fn ident(&mut self, ctx: &Ctx, name: &str, depth: usize) -> Vec<Value> {
        let mut function = ctx.function;
        while let Some(key) = function {
            let Some(ir) = self.modules[ctx.module].ir.functions.get(&key) else {
                break;
            };
            if let Some(values) = ir.locals.get(name).cloned() {
                let visit = (ctx.module, Some(key), name.to_owned());
                if !self.visiting.insert(visit.clone()) {
                    return Vec::new();
                }
                let inner = Ctx {
                    function: Some(key),
                    ..ctx.clone()
                };
                let mut out = Vec::new();
                for value in &values {
                    extend(&mut out, self.eval(&inner, value, depth));
                }
                self.visiting.remove(&visit);
                return out;
            }
            if ir.params.iter().any(|param| param.as_deref() == Some(name)) {
                return Vec::new();
            }
            function = ir.parent;
        }
        if self.modules[ctx.module].ir.bindings.contains_key(name) {
            return self.binding(ctx.module, name, depth);
        }
        match name {
            "window" | "globalThis" | "self" => vec![Value::Global],
            "__TAURI_INTERNALS__" => vec![Value::Internals],
            _ => Vec::new(),
        }
    }

    /// A string known from the text: a literal, a template of known parts, an argument
    /// of the call being analysed, a variable holding one.
    fn string(&mut self, ctx: &Ctx, expr: &Expr, depth: usize) -> Option<String> {
        if depth > MAX_DEPTH {
            return None;
        }
        match expr {
            Expr::Str(text) => Some(text.clone()),
            Expr::Template(parts) => {
                let mut out = String::new();
                for part in parts {
                    match part {
                        Part::Text(text) => out.push_str(text),
                        Part::Expr(expr) => out.push_str(&self.string(ctx, expr, depth + 1)?),
                    }
                }
                Some(out)
            }
            Expr::Ident(name) => {
                let mut function = ctx.function;
                while let Some(key) = function {
                    let ir = self.modules[ctx.module].ir.functions.get(&key)?;
                    if let Some(values) = ir.locals.get(name) {
                        return match values.as_slice() {
                            [Expr::Str(text)] => Some(text.clone()),
                            _ => None,
                        };
                    }
                    if let Some(index) = ir
                        .params
                        .iter()
                        .position(|param| param.as_deref() == Some(name))
                    {
                        return if ctx.called == Some(key) {
                            ctx.args.get(index).cloned().flatten()
                        } else {
                            None
                        };
                    }
                    function = ir.parent;
                }
                match self.modules[ctx.module].ir.bindings.get(name) {
                    Some(Binding::Var(values)) => match values.as_slice() {
                        [Expr::Str(text)] => Some(text.clone()),
                        _ => None,
                    },
                    _ => None,
                }
            }
            _ => None,
        }
    }

    /// What a function returns.
    fn returns(&mut self, value: Value) -> Vec<Value> {
        let Value::Function { module, key, this } = value else {
            return Vec::new();
        };
        if let Some(known) = self.returns_memo.get(&value) {
            return known.clone();
        }
        self.returns_memo.insert(value, Vec::new());
        let returns = match self.modules[module].ir.functions.get(&key) {
            Some(function) => function.returns.clone(),
            None => Vec::new(),
        };
        let ctx = Ctx {
            module,
            function: Some(key),
            this,
            called: None,
            args: Vec::new(),
        };
        let mut out = Vec::new();
        for expr in &returns {
            extend(&mut out, self.eval(&ctx, expr, self.depth));
        }
        self.returns_memo.insert(value, out.clone());
        out
    }

    /// What calling a function with these literal arguments reaches.
    fn reach(&mut self, value: Value, args: Vec<Option<String>>) -> Reach {
        let Value::Function { module, key, this } = value else {
            return Reach::default();
        };
        let memo = (value, args);
        if let Some(known) = self.reach_memo.get(&memo) {
            return known.clone();
        }
        self.reach_memo.insert(memo.clone(), Reach::default());
        self.depth += 1;
        let mut reach = Reach::default();
        if self.depth <= MAX_DEPTH {
            let ctx = Ctx {
                module,
                function: Some(key),
                this,
                called: Some(key),
                args: memo.1.clone(),
            };
            self.reach_body(&ctx, key, &mut reach);
        }
        self.depth -= 1;
        self.reach_memo.insert(memo, reach.clone());
        reach
    }

    /// The calls written in a function's body and in the functions nested in it.
    fn reach_body(&mut self, ctx: &Ctx, key: Key, reach: &mut Reach) {
        let Some(function) = self.modules[ctx.module].ir.functions.get(&key) else {
            return;
        };
        let calls = function.calls.clone();
        let children = function.children.clone();
        for (call, guards) in &calls {
            if !self.excluded(ctx, guards) {
                self.reach_call(ctx, call, reach);
            }
        }
        for (child, guards) in children {
            if self.excluded(ctx, &guards) {
                continue;
            }
            let is_arrow = self.modules[ctx.module]
                .ir
                .functions
                .get(&child)
                .is_some_and(|function| function.is_arrow);
            let inner = Ctx {
                function: Some(child),
                this: if is_arrow { ctx.this } else { This::None },
                ..ctx.clone()
            };
            self.reach_body(&inner, child, reach);
        }
    }

    /// Whether the tests leading to a call are known not to hold for this call of the
    /// function (`if (localTauriEvents.includes(event)) { …; return; }` with `event`
    /// one of them).
    fn excluded(&mut self, ctx: &Ctx, guards: &[(Expr, bool)]) -> bool {
        guards
            .iter()
            .any(|(test, held)| self.truth(ctx, test, 0) == Some(!held))
    }

    /// A test's value when the text tells it: `!test`, and `list.includes(x)` with a
    /// list of string literals and a known string.
    fn truth(&mut self, ctx: &Ctx, test: &Expr, depth: usize) -> Option<bool> {
        if depth > MAX_DEPTH {
            return None;
        }
        match test {
            Expr::Not(inner) => self.truth(ctx, inner, depth + 1).map(|value| !value),
            Expr::Call(callee, args) => {
                let Expr::Member(list, method) = callee.as_ref() else {
                    return None;
                };
                if method != "includes" || args.len() != 1 {
                    return None;
                }
                let list = self.strings(ctx, list)?;
                let item = self.string(ctx, &args[0], depth + 1)?;
                Some(list.contains(&item))
            }
            _ => None,
        }
    }

    /// An array literal of strings, directly or through a variable holding one.
    fn strings(&mut self, ctx: &Ctx, expr: &Expr) -> Option<Vec<String>> {
        let literal = |expr: &Expr| -> Option<Vec<String>> {
            let Expr::Union(items) = expr else {
                return None;
            };
            items
                .iter()
                .map(|item| match item {
                    Expr::Str(text) => Some(text.clone()),
                    _ => None,
                })
                .collect()
        };
        match expr {
            Expr::Union(_) => literal(expr),
            Expr::Ident(name) => {
                let mut function = ctx.function;
                while let Some(key) = function {
                    let ir = self.modules[ctx.module].ir.functions.get(&key)?;
                    if let Some(values) = ir.locals.get(name) {
                        return match values.as_slice() {
                            [value] => literal(value),
                            _ => None,
                        };
                    }
                    if ir.params.iter().any(|param| param.as_deref() == Some(name)) {
                        return None;
                    }
                    function = ir.parent;
                }
                match self.modules[ctx.module].ir.bindings.get(name) {
                    Some(Binding::Var(values)) => match values.as_slice() {
                        [value] => literal(value),
                        _ => None,
                    },
                    _ => None,
                }
            }
            _ => None,
        }
    }

    fn reach_call(&mut self, ctx: &Ctx, call: &Expr, reach: &mut Reach) {
        let depth = self.depth;
        let (callee, args, is_new) = match call {
            Expr::Call(callee, args) => (callee.as_ref(), args, false),
            Expr::New(callee, args) => (callee.as_ref(), args, true),
            _ => return,
        };
        let literal_args: Vec<Option<String>> = args
            .iter()
            .map(|arg| self.string(ctx, arg, depth))
            .collect();
        let targets: Vec<Value> = match (callee, ctx.this) {
            // `super(…)` in a constructor, `super.method(…)`.
            (Expr::Super, This::Instance(class)) => {
                let superclasses = self.superclasses(class, depth);
                superclasses
                    .into_iter()
                    .filter_map(|superclass| self.constructor(superclass, depth))
                    .map(|(module, key)| Value::Function {
                        module,
                        key,
                        this: ctx.this,
                    })
                    .collect()
            }
            (Expr::Member(object, name), This::Instance(class) | This::Class(class))
                if **object == Expr::Super =>
            {
                let is_static = matches!(ctx.this, This::Class(_));
                let mut out = Vec::new();
                for superclass in self.superclasses(class, depth) {
                    if let Some((module, key)) = self
                        .methods(superclass, is_static, depth)
                        .remove(name.as_str())
                    {
                        out.push(Value::Function {
                            module,
                            key,
                            this: ctx.this,
                        });
                    }
                }
                out
            }
            _ => self.eval(ctx, callee, depth),
        };
        for target in targets {
            match target {
                Value::Invoke if !is_new => match literal_args.first().cloned().flatten() {
                    Some(command) => {
                        reach.commands.insert(command);
                    }
                    None => reach.dynamic = true,
                },
                Value::KnownGlobal(index) => {
                    let known = &self.known_globals[index].1;
                    reach.commands.extend(known.commands.iter().cloned());
                    reach.dynamic |= known.dynamic;
                }
                Value::KnownGlobalStatic(index, member) if !is_new => {
                    let known = &self.known_globals[index].2[member].1;
                    reach.commands.extend(known.commands.iter().cloned());
                    reach.dynamic |= known.dynamic;
                }
                // A function called, or a constructor function `new`ed.
                Value::Function { .. } => {
                    let called = self.reach(target, literal_args.clone());
                    reach.commands.extend(called.commands);
                    reach.dynamic |= called.dynamic;
                }
                // The package wraps an object that exists; its constructor creates none.
                Value::Class(_) if is_new && args.contains(&Expr::SkipOptions) => {}
                Value::Class(class) if is_new => {
                    if let Some((module, key)) = self.constructor(class, depth) {
                        let called = self.reach(
                            Value::Function {
                                module,
                                key,
                                this: This::Instance(class),
                            },
                            literal_args.clone(),
                        );
                        reach.commands.extend(called.commands);
                        reach.dynamic |= called.dynamic;
                    }
                }
                _ => {}
            }
        }
    }
}

fn extend(out: &mut Vec<Value>, values: Vec<Value>) {
    for value in values {
        if !out.contains(&value) {
            out.push(value);
        }
    }
}
