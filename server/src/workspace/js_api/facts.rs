//! What one version of a Tauri JavaScript package reaches, as facts: for each module a
//! frontend can import (`@tauri-apps/plugin-fs`, `@tauri-apps/api/window`), each export
//! (a function, a class, a namespace), and for each class its constructor, static and
//! instance methods, with the IPC commands each reaches and the classes a function
//! returns, so that `getCurrentWindow().minimize()` can be followed from the facts alone.
//!
//! The same value comes from reading an installed package ([`super::reader`]) and from
//! the bundled map ([`super::bundled`]), which is these facts serialized.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

/// One package version's facts.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PackageFacts {
    /// Module (an import specifier such as `@tauri-apps/api/window`, or a package-internal
    /// module reached as a namespace) → export name → what it is.
    pub modules: BTreeMap<String, BTreeMap<String, Item>>,
    /// Class id (`window.js#Window`) → its members. Inherited and mixed-in methods are
    /// listed on the class that inherits them.
    pub classes: BTreeMap<String, Class>,
}

/// What an export is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Item {
    /// A function (or a value computed by one).
    #[serde(rename = "f")]
    Function(Callable),
    /// A class: its id in [`PackageFacts::classes`].
    #[serde(rename = "c")]
    Class(String),
    /// A namespace (`export * as window`, `import * as window; export { window }`): its
    /// key in [`PackageFacts::modules`].
    #[serde(rename = "n")]
    Namespace(String),
}

/// A function, constructor or method.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Callable {
    /// The commands it reaches, as invoked (`plugin:fs|read_text_file`), sorted.
    #[serde(rename = "i", default, skip_serializing_if = "Vec::is_empty")]
    pub commands: Vec<String>,
    /// Whether it also invokes a command whose name the package computes from something
    /// other than a literal (`invoke(cmd)`, `` `plugin:${this.plugin}|…` ``).
    #[serde(rename = "d", default, skip_serializing_if = "is_false")]
    pub dynamic: bool,
    /// The classes whose instances it returns (directly or through a promise).
    #[serde(rename = "r", default, skip_serializing_if = "Vec::is_empty")]
    pub returns: Vec<String>,
}

/// A class's members.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Class {
    #[serde(rename = "new", default, skip_serializing_if = "is_empty_callable")]
    pub constructor: Callable,
    #[serde(rename = "s", default, skip_serializing_if = "BTreeMap::is_empty")]
    pub statics: BTreeMap<String, Callable>,
    #[serde(rename = "m", default, skip_serializing_if = "BTreeMap::is_empty")]
    pub methods: BTreeMap<String, Callable>,
}

fn is_false(value: &bool) -> bool {
    !value
}

fn is_empty_callable(callable: &Callable) -> bool {
    *callable == Callable::default()
}

/// What a member chain reaches.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Reached {
    pub commands: BTreeSet<String>,
    /// Some step invokes a command computed at run time.
    pub dynamic: bool,
    /// Some step went through a value of unknown class, and the method was matched by
    /// name across the package's classes.
    pub guessed: bool,
}

/// Where a walk down a member chain stands.
enum Step<'f> {
    Item(&'f Item),
    /// The value a call returned: an instance of one of these classes (none known when
    /// empty).
    Returned(&'f [String]),
    /// A value none of the package's classes describes (`fetch(…)`'s `Response`): its
    /// members reach nothing of the package.
    Foreign,
}

impl PackageFacts {
    /// The commands the member chain `path` reaches from `module`'s exports: every call
    /// along the chain counts (`["getCurrentWindow", "minimize"]` is
    /// `getCurrentWindow()` then `minimize()` on the `Window` it returns). A class
    /// followed by a name is its static method, or else its instance method
    /// (`new Window(…).minimize()`; the constructor is its own call). A chain through a
    /// value whose class is unknown matches the name across the package's classes and
    /// is marked [`Reached::guessed`]; a name no class of the package has is a member of
    /// something else (`fetch(…).text()`: the browser's `Response`) and reaches nothing.
    /// `None` when the chain starts with a name the module does not export, names a
    /// missing member of a namespace or class, or ends at a namespace.
    pub fn reach(&self, module: &str, path: &[String]) -> Option<Reached> {
        let (first, rest) = path.split_first()?;
        let mut reached = Reached::default();
        let mut step = Step::Item(self.modules.get(module)?.get(first)?);
        for name in rest {
            step = match step {
                Step::Item(Item::Namespace(namespace)) => {
                    Step::Item(self.modules.get(namespace)?.get(name)?)
                }
                Step::Item(Item::Class(id)) => {
                    let class = self.classes.get(id)?;
                    let method = class
                        .statics
                        .get(name)
                        .or_else(|| class.methods.get(name))?;
                    reached.add(method);
                    Step::Returned(&method.returns)
                }
                Step::Item(Item::Function(function)) => {
                    reached.add(function);
                    self.method(&function.returns, name, &mut reached)?
                }
                Step::Returned(classes) => self.method(classes, name, &mut reached)?,
                Step::Foreign => Step::Foreign,
            };
        }
        match step {
            Step::Item(Item::Function(function)) => reached.add(function),
            Step::Item(Item::Class(id)) => reached.add(&self.classes.get(id)?.constructor),
            Step::Item(Item::Namespace(_)) => return None,
            Step::Returned(_) | Step::Foreign => {}
        }
        Some(reached)
    }

    /// Calls method `name` on an instance of one of `classes`, or of any class of the
    /// package when none is known.
    fn method<'f>(
        &'f self,
        classes: &'f [String],
        name: &str,
        reached: &mut Reached,
    ) -> Option<Step<'f>> {
        let known: Vec<&Callable> = classes
            .iter()
            .filter_map(|id| self.classes.get(id)?.methods.get(name))
            .collect();
        let found = if known.is_empty() {
            let guesses: Vec<&Callable> = self
                .classes
                .values()
                .filter_map(|class| class.methods.get(name))
                .collect();
            if guesses.is_empty() {
                return Some(Step::Foreign);
            }
            reached.guessed = true;
            guesses
        } else {
            known
        };
        let mut returns: Option<&'f [String]> = None;
        for method in found {
            reached.add(method);
            returns = match returns {
                None => Some(&method.returns),
                Some(previous) if previous == method.returns.as_slice() => Some(previous),
                // Methods of the same name that return different classes: what comes
                // next is not known.
                Some(_) => Some(&[]),
            };
        }
        Some(Step::Returned(returns.unwrap_or(&[])))
    }
}

impl Reached {
    fn add(&mut self, callable: &Callable) {
        self.commands.extend(callable.commands.iter().cloned());
        self.dynamic |= callable.dynamic;
    }
}
