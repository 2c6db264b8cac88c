//! The format-independent spanned tree that JSON, JSON5 and TOML all parse into.
//!
//! Nodes live in one arena and refer to their children by [`NodeId`], so a tree of any
//! depth is built, walked and dropped without recursion. Every key and every value keeps
//! the byte range it came from. The tree knows nothing about Tauri.

use crate::text::TextRange;

/// The nesting depth past which [`Tree::to_json`] stops, the same limit as `serde_json`'s.
pub const MAX_JSON_DEPTH: usize = 128;

/// The index of a node in its [`Tree`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct NodeId(u32);

/// A parsed document: an arena of nodes and the root value, if any value was found.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Tree {
    nodes: Vec<Node>,
    root: Option<NodeId>,
}

/// One value and the range of its text (for a string, the quotes included).
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub kind: NodeKind,
    pub range: TextRange,
}

#[derive(Debug, Clone, PartialEq)]
pub enum NodeKind {
    Object(Vec<Member>),
    Array(Vec<NodeId>),
    String(StringValue),
    Number(Number),
    Bool(bool),
    Null,
    /// A TOML date or time, kept as its text.
    Datetime(String),
    /// Text where a value was expected and none could be read.
    Error,
}

/// A key and its value inside an object or table.
#[derive(Debug, Clone, PartialEq)]
pub struct Member {
    pub key: String,
    pub key_range: TextRange,
    pub value: NodeId,
}

/// The decoded value of a string literal.
#[derive(Debug, Clone, PartialEq)]
pub struct StringValue {
    pub value: String,
    /// False for a string that runs into the end of its line without its closing quote,
    /// as while the user is still typing it.
    pub terminated: bool,
}

/// A number with its source text.
#[derive(Debug, Clone, PartialEq)]
pub struct Number {
    pub text: String,
    pub value: NumberValue,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum NumberValue {
    Int(i64),
    Float(f64),
}

impl Tree {
    pub fn root(&self) -> Option<NodeId> {
        self.root
    }

    pub fn set_root(&mut self, root: NodeId) {
        self.root = Some(root);
    }

    pub fn alloc(&mut self, kind: NodeKind, range: TextRange) -> NodeId {
        let id = NodeId(u32::try_from(self.nodes.len()).unwrap_or(u32::MAX));
        self.nodes.push(Node { kind, range });
        id
    }

    pub fn node(&self, id: NodeId) -> &Node {
        &self.nodes[id.0 as usize]
    }

    pub fn node_mut(&mut self, id: NodeId) -> &mut Node {
        &mut self.nodes[id.0 as usize]
    }

    pub fn len(&self) -> usize {
        self.nodes.len()
    }

    pub fn is_empty(&self) -> bool {
        self.nodes.is_empty()
    }

    pub fn range(&self, id: NodeId) -> TextRange {
        self.node(id).range
    }

    pub fn kind(&self, id: NodeId) -> &NodeKind {
        &self.node(id).kind
    }

    /// The members of an object node, or `None` for any other kind.
    pub fn object(&self, id: NodeId) -> Option<&[Member]> {
        match self.kind(id) {
            NodeKind::Object(members) => Some(members),
            _ => None,
        }
    }

    /// The items of an array node, or `None` for any other kind.
    pub fn array(&self, id: NodeId) -> Option<&[NodeId]> {
        match self.kind(id) {
            NodeKind::Array(items) => Some(items),
            _ => None,
        }
    }

    pub fn string(&self, id: NodeId) -> Option<&str> {
        match self.kind(id) {
            NodeKind::String(string) => Some(&string.value),
            _ => None,
        }
    }

    pub fn bool(&self, id: NodeId) -> Option<bool> {
        match self.kind(id) {
            NodeKind::Bool(value) => Some(*value),
            _ => None,
        }
    }

    /// The last member named `key` of an object, the one a JSON deserializer keeps.
    pub fn member(&self, object: NodeId, key: &str) -> Option<&Member> {
        self.object(object)?
            .iter()
            .rev()
            .find(|member| member.key == key)
    }

    /// The value of the last member named `key` of an object.
    pub fn get(&self, object: NodeId, key: &str) -> Option<NodeId> {
        self.member(object, key).map(|member| member.value)
    }

    /// Follows a path of keys from `node`.
    pub fn path(&self, node: NodeId, keys: &[&str]) -> Option<NodeId> {
        keys.iter().try_fold(node, |node, key| self.get(node, key))
    }

    /// The innermost nodes whose range holds `offset`, outermost first.
    ///
    /// A range holds its end offset too, so a cursor right after a token still finds it.
    pub fn ancestors_at(&self, offset: crate::text::TextSize) -> Vec<NodeId> {
        let mut path = Vec::new();
        let mut current = match self.root {
            Some(root) if self.range(root).contains_inclusive(offset) => root,
            _ => return path,
        };
        loop {
            path.push(current);
            let next = match self.kind(current) {
                NodeKind::Object(members) => members
                    .iter()
                    .map(|member| member.value)
                    .find(|child| self.range(*child).contains_inclusive(offset)),
                NodeKind::Array(items) => items
                    .iter()
                    .copied()
                    .find(|child| self.range(*child).contains_inclusive(offset)),
                _ => None,
            };
            match next {
                Some(next) => current = next,
                None => return path,
            }
        }
    }

    /// A short name for a node's kind, as used in messages ("a string", "an array").
    pub fn describe(&self, id: NodeId) -> &'static str {
        self.kind(id).describe()
    }

    /// Converts a subtree to a `serde_json::Value`, as Tauri's own deserializer would see it.
    ///
    /// Works with an explicit stack. Values nested deeper than [`MAX_JSON_DEPTH`] become
    /// `null`: Tauri's reader stops at that depth anyway, and a deeper `serde_json::Value`
    /// would overflow the stack when dropped. `Error` nodes become `null`; a TOML datetime
    /// becomes the one-key map the toml crate hands serde (`{"$__toml_private_datetime":
    /// text}`), which is what Tauri's scope values hold.
    pub fn to_json(&self, id: NodeId) -> serde_json::Value {
        enum Frame {
            Visit(NodeId, usize),
            Array(usize),
            Object(Vec<String>),
        }
        let mut stack = vec![Frame::Visit(id, 0)];
        let mut values: Vec<serde_json::Value> = Vec::new();
        while let Some(frame) = stack.pop() {
            match frame {
                Frame::Visit(_, depth) if depth > MAX_JSON_DEPTH => {
                    values.push(serde_json::Value::Null)
                }
                Frame::Visit(id, depth) => match self.kind(id) {
                    NodeKind::Object(members) => {
                        stack.push(Frame::Object(
                            members.iter().map(|member| member.key.clone()).collect(),
                        ));
                        for member in members.iter().rev() {
                            stack.push(Frame::Visit(member.value, depth + 1));
                        }
                    }
                    NodeKind::Array(items) => {
                        stack.push(Frame::Array(items.len()));
                        for item in items.iter().rev() {
                            stack.push(Frame::Visit(*item, depth + 1));
                        }
                    }
                    scalar => values.push(scalar_to_json(scalar)),
                },
                Frame::Array(len) => {
                    let items = values.split_off(values.len() - len);
                    values.push(serde_json::Value::Array(items));
                }
                Frame::Object(keys) => {
                    let items = values.split_off(values.len() - keys.len());
                    let map = keys.into_iter().zip(items).collect();
                    values.push(serde_json::Value::Object(map));
                }
            }
        }
        values.pop().unwrap_or(serde_json::Value::Null)
    }
}

fn scalar_to_json(kind: &NodeKind) -> serde_json::Value {
    match kind {
        NodeKind::String(string) => serde_json::Value::String(string.value.clone()),
        NodeKind::Number(number) => match number.value {
            NumberValue::Int(value) => value.into(),
            NumberValue::Float(value) => serde_json::Number::from_f64(value)
                .map(serde_json::Value::Number)
                .unwrap_or(serde_json::Value::Null),
        },
        NodeKind::Bool(value) => serde_json::Value::Bool(*value),
        NodeKind::Datetime(text) => serde_json::json!({ "$__toml_private_datetime": text }),
        NodeKind::Null | NodeKind::Error | NodeKind::Object(_) | NodeKind::Array(_) => {
            serde_json::Value::Null
        }
    }
}

impl NodeKind {
    pub fn describe(&self) -> &'static str {
        match self {
            NodeKind::Object(_) => "an object",
            NodeKind::Array(_) => "an array",
            NodeKind::String(_) => "a string",
            NodeKind::Number(_) => "a number",
            NodeKind::Bool(_) => "a boolean",
            NodeKind::Null => "null",
            NodeKind::Datetime(_) => "a date-time",
            NodeKind::Error => "an invalid value",
        }
    }
}

/// Writes an indented outline of a tree, one node per line, for test snapshots.
#[cfg(test)]
pub(crate) fn render_outline(tree: &Tree, out: &mut String) {
    use std::fmt::Write;
    let Some(root) = tree.root() else { return };
    let mut stack = vec![(root, 0usize, None::<&Member>)];
    while let Some((id, depth, member)) = stack.pop() {
        let node = tree.node(id);
        let indent = "  ".repeat(depth);
        let prefix = match member {
            Some(member) => format!("{:?} {:?}: ", member.key, member.key_range),
            None => String::new(),
        };
        let detail = match &node.kind {
            NodeKind::Object(_) => "object".to_owned(),
            NodeKind::Array(_) => "array".to_owned(),
            NodeKind::String(string) => format!(
                "string {:?} {:?}{}",
                node.range,
                string.value,
                if string.terminated {
                    ""
                } else {
                    " (unterminated)"
                }
            ),
            NodeKind::Number(number) => format!("number {:?} {}", node.range, number.text),
            NodeKind::Bool(value) => format!("bool {:?} {value}", node.range),
            NodeKind::Null => format!("null {:?}", node.range),
            NodeKind::Datetime(text) => format!("datetime {:?} {text}", node.range),
            NodeKind::Error => format!("error {:?}", node.range),
        };
        let detail = match &node.kind {
            NodeKind::Object(_) | NodeKind::Array(_) => format!("{detail} {:?}", node.range),
            _ => detail,
        };
        let _ = writeln!(out, "{indent}{prefix}{detail}");
        match &node.kind {
            NodeKind::Object(members) => {
                for member in members.iter().rev() {
                    stack.push((member.value, depth + 1, Some(member)));
                }
            }
            NodeKind::Array(items) => {
                for item in items.iter().rev() {
                    stack.push((*item, depth + 1, None));
                }
            }
            _ => {}
        }
    }
}
