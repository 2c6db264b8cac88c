//! Document links: the `$schema` of capability files, permission manifests and Tauri
//! configs, when it names a local file.
//!
//! Tauri's generated schemas live next to the app (`../gen/schemas/desktop-schema.json`),
//! so a relative `$schema` is resolved against the directory of the file holding it, the
//! way an editor's JSON support would. URLs (`https://schema.tauri.app/...`) are left to
//! the client, which links them itself. The `$schema` is read at the top of the file and
//! in each capability object (the list shapes allow one per capability). The target is
//! not checked for existence. Invariant: paths only, no URIs and no IO.

use std::path::{Component, Path, PathBuf};

use super::World;
use crate::syntax::Tree;
use crate::text::TextRange;
use crate::workspace::{FileId, FileKind, SourceFile};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentLink {
    /// The text of the path, inside the quotes.
    pub range: TextRange,
    pub target: PathBuf,
}

/// The links of `file`, in document order.
pub fn document_links(world: &World, file: FileId) -> Vec<DocumentLink> {
    let source = world.workspace.file(file);
    let Some(parse) = &source.parse else {
        return Vec::new();
    };
    let tree = &parse.tree;
    let mut objects = Vec::new();
    match source.kind {
        FileKind::Capability => {
            objects.extend(tree.root());
            if let Some(capabilities) = source.capability_file() {
                objects.extend(
                    capabilities
                        .capabilities
                        .iter()
                        .map(|capability| capability.node),
                );
            }
        }
        FileKind::Permission | FileKind::TauriConfig { .. } => objects.extend(tree.root()),
        _ => return Vec::new(),
    }
    let mut links: Vec<DocumentLink> = objects
        .into_iter()
        .filter_map(|object| schema_link(source, tree, tree.get(object, "$schema")?))
        .collect();
    links.sort_by_key(|link| link.range.start());
    links.dedup();
    links
}

fn schema_link(
    source: &SourceFile,
    tree: &Tree,
    value: crate::syntax::NodeId,
) -> Option<DocumentLink> {
    let schema = tree.string(value)?;
    let path = local_path(schema)?;
    let range = crate::syntax::literal::exact_content(&source.text, tree.range(value), schema)
        .unwrap_or_else(|| tree.range(value));
    let directory = source.path.parent()?;
    Some(DocumentLink {
        range,
        target: normalize(&directory.join(path)),
    })
}

/// The path part of a `$schema` that names a local file; `None` for URLs and fragments.
fn local_path(schema: &str) -> Option<&str> {
    let path = schema.split(['#', '?']).next()?.trim();
    let has_scheme = path.split_once(':').is_some_and(|(scheme, _)| {
        scheme.len() > 1
            && scheme
                .chars()
                .all(|ch| ch.is_ascii_alphanumeric() || "+-.".contains(ch))
    });
    (!path.is_empty() && !has_scheme).then_some(path)
}

/// Removes `.` and resolves `..` without touching the file system.
fn normalize(path: &Path) -> PathBuf {
    let mut normalized = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                if !normalized.pop() {
                    normalized.push("..");
                }
            }
            other => normalized.push(other),
        }
    }
    normalized
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ide::fixture;
    use crate::text::slice;

    /// Lists each link as its quoted text and target.
    #[track_caller]
    fn check(fixture_text: &str, path: &str) -> String {
        let (world, file) = fixture::file(fixture_text, path);
        let text = &world.workspace.file(file).text;
        document_links(&world, file)
            .iter()
            .map(|link| {
                format!(
                    "{:?} -> {}\n",
                    slice(text, link.range),
                    fixture::display_path(&link.target)
                )
            })
            .collect()
    }

    #[test]
    fn relative_schemas_in_json_json5_and_toml() {
        let json = r#"//- /src-tauri/capabilities/default.json
{ "$schema": "../gen/schemas/desktop-schema.json", "identifier": "a", "permissions": [] }
"#;
        insta::assert_snapshot!(check(json, "/src-tauri/capabilities/default.json"), @r#""../gen/schemas/desktop-schema.json" -> /src-tauri/gen/schemas/desktop-schema.json"#);
        let json5 = r#"//- /src-tauri/capabilities/nested/list.json5
{ '$schema': './../../gen/schemas/mobile-schema.json#/definitions', capabilities: [{ "$schema": "../x.json", identifier: 'a', permissions: [] }] }
"#;
        insta::assert_snapshot!(check(json5, "/src-tauri/capabilities/nested/list.json5"), @r#"
        "./../../gen/schemas/mobile-schema.json#/definitions" -> /src-tauri/gen/schemas/mobile-schema.json
        "../x.json" -> /src-tauri/capabilities/x.json
        "#);
        let toml = r#"//- /src-tauri/permissions/greet.toml
"$schema" = "schemas/schema.json"

[[permission]]
identifier = "allow-greet"
commands.allow = ["greet"]
"#;
        insta::assert_snapshot!(check(toml, "/src-tauri/permissions/greet.toml"), @r#""schemas/schema.json" -> /src-tauri/permissions/schemas/schema.json"#);
    }

    #[test]
    fn urls_are_left_to_the_client_and_configs_link_too() {
        let fixture_text = r#"//- /src-tauri/tauri.conf.json
{ "$schema": "https://schema.tauri.app/config/2", "app": { "windows": [] } }
//- /src-tauri/tauri.linux.conf.json
{ "$schema": "../node_modules/@tauri-apps/cli/config.schema.json" }
//- /src-tauri/capabilities/default.json
[{ "$schema": "file:///schema.json", "identifier": "a", "permissions": [] }, { "$schema": "", "identifier": "b", "permissions": [] }]
"#;
        insta::assert_snapshot!(check(fixture_text, "/src-tauri/tauri.conf.json"), @"");
        insta::assert_snapshot!(check(fixture_text, "/src-tauri/capabilities/default.json"), @"");
        insta::assert_snapshot!(check(fixture_text, "/src-tauri/tauri.linux.conf.json"), @r#""../node_modules/@tauri-apps/cli/config.schema.json" -> /node_modules/@tauri-apps/cli/config.schema.json"#);
    }
}
