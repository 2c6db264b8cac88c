//! The scripts of a frontend file, parsed with oxc: the whole file for `.js`, `.ts` and
//! their kin, the `<script>` blocks of `.vue`, `.svelte` and `.astro` files, and an
//! Astro file's `---` frontmatter.
//!
//! Offsets in a parsed program are relative to its block; [`Parsed::offset`] maps them
//! back to the file. oxc's parser recurses on the input, so a file nested deeper than
//! [`MAX_NESTING`] brackets is not parsed at all rather than risking the stack.

use std::path::Path;

use oxc_allocator::Allocator;
use oxc_ast::ast::Program;
use oxc_parser::Parser;
use oxc_span::SourceType;

/// Brackets nested deeper than this, counted naively over the whole text, make a file
/// be skipped: no hand-written frontend code comes near it.
pub const MAX_NESTING: usize = 256;

/// One parsed script.
pub struct Parsed<'p, 'a> {
    pub program: &'p Program<'a>,
    /// Where the script starts in the file.
    pub offset: usize,
    /// Whether the parser reported errors (it still returns what it could read).
    pub has_errors: bool,
}

/// A script block of a file: its text, where it starts and how to parse it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Block<'t> {
    pub text: &'t str,
    pub offset: usize,
    pub source_type: SourceType,
}

/// The script blocks of a file, by its extension; none for other files.
pub fn blocks<'t>(path: &Path, text: &'t str) -> Vec<Block<'t>> {
    let extension = path
        .extension()
        .and_then(|extension| extension.to_str())
        .unwrap_or_default();
    match extension {
        "vue" | "svelte" | "astro" => {
            let mut blocks = Vec::new();
            if extension == "astro" {
                blocks.extend(frontmatter(text));
            }
            blocks.extend(script_elements(text));
            blocks
        }
        _ => SourceType::from_path(path)
            .map(|source_type| {
                vec![Block {
                    text,
                    offset: 0,
                    source_type,
                }]
            })
            .unwrap_or_default(),
    }
}

/// Parses each script block of a file and hands it to `visit`; false when the file is
/// nested too deeply to be parsed at all.
pub fn parse_scripts(path: &Path, text: &str, mut visit: impl FnMut(Parsed<'_, '_>)) -> bool {
    if nesting_depth(text) > MAX_NESTING {
        return false;
    }
    let mut allocator = Allocator::default();
    for block in blocks(path, text) {
        let parsed = Parser::new(&allocator, block.text, block.source_type).parse();
        visit(Parsed {
            program: &parsed.program,
            offset: block.offset,
            has_errors: !parsed.diagnostics.is_empty() || parsed.panicked,
        });
        drop(parsed);
        allocator.reset();
    }
    true
}

/// The deepest nesting of `(`, `[` and `{`, counted over the raw text.
pub fn nesting_depth(text: &str) -> usize {
    let mut depth = 0usize;
    let mut deepest = 0usize;
    for byte in text.bytes() {
        match byte {
            b'(' | b'[' | b'{' => {
                depth += 1;
                deepest = deepest.max(depth);
            }
            b')' | b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    deepest
}

/// An Astro component's frontmatter: TypeScript between a first line `---` and the
/// next line `---`.
fn frontmatter(text: &str) -> Option<Block<'_>> {
    let trimmed = text.trim_start();
    let start = text.len() - trimmed.len();
    let after = trimmed.strip_prefix("---")?;
    let body_start = start + 3 + after.find('\n')? + 1;
    let body = text.get(body_start..)?;
    let mut offset = 0;
    for line in body.split_inclusive('\n') {
        if line.trim_end() == "---" {
            return Some(Block {
                text: &body[..offset],
                offset: body_start,
                source_type: SourceType::ts(),
            });
        }
        offset += line.len();
    }
    None
}

/// The `<script …>…</script>` elements of a component file, with the source type their
/// `lang` attribute gives (`ts`, `tsx`, `jsx`; JavaScript otherwise). Scripts with a
/// `src` or a non-JavaScript `type` (JSON, templates) are skipped.
fn script_elements(text: &str) -> Vec<Block<'_>> {
    let mut blocks = Vec::new();
    let mut from = 0;
    while let Some(found) = text.get(from..).and_then(|rest| rest.find("<script")) {
        let tag_start = from + found;
        let after_name = tag_start + "<script".len();
        // `<scripts>` or `<script-x>` is another element.
        if !text[after_name..].starts_with(|c: char| c == '>' || c.is_whitespace()) {
            from = after_name;
            continue;
        }
        let Some(tag_end) = text[after_name..].find('>').map(|end| after_name + end) else {
            break;
        };
        let attributes = &text[after_name..tag_end];
        let body_start = tag_end + 1;
        let Some(body_end) = text[body_start..]
            .find("</script")
            .map(|end| body_start + end)
        else {
            break;
        };
        from = body_end;
        if attributes.ends_with('/') || attribute(attributes, "src").is_some() {
            continue;
        }
        if let Some(kind) = attribute(attributes, "type")
            && !matches!(
                kind,
                "module" | "text/javascript" | "application/javascript"
            )
        {
            continue;
        }
        let source_type = match attribute(attributes, "lang") {
            Some("ts") => SourceType::ts(),
            Some("tsx") => SourceType::tsx(),
            Some("jsx") => SourceType::jsx(),
            _ => SourceType::mjs(),
        };
        blocks.push(Block {
            text: &text[body_start..body_end],
            offset: body_start,
            source_type,
        });
    }
    blocks
}

/// The value of `name="…"` or `name='…'` among a tag's attributes.
fn attribute<'t>(attributes: &'t str, name: &str) -> Option<&'t str> {
    let mut rest = attributes;
    while let Some(index) = rest.find(name) {
        let before_ok = index == 0
            || rest[..index]
                .chars()
                .next_back()
                .is_some_and(char::is_whitespace);
        let after = rest[index + name.len()..].trim_start();
        if before_ok {
            if let Some(value) = after.strip_prefix('=') {
                let value = value.trim_start();
                let quote = value.chars().next()?;
                if quote == '"' || quote == '\'' {
                    let value = &value[1..];
                    return value.find(quote).map(|end| &value[..end]);
                }
                let end = value
                    .find(|c: char| c.is_whitespace() || c == '/')
                    .unwrap_or(value.len());
                return Some(&value[..end]);
            } else if after.is_empty() || after.starts_with(char::is_whitespace) {
                return Some("");
            }
        }
        rest = &rest[index + name.len()..];
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(path: &str, text: &str) -> Vec<String> {
        blocks(Path::new(path), text)
            .iter()
            .map(|block| {
                format!(
                    "{}@{} ts={}",
                    block.text.trim(),
                    block.offset,
                    block.source_type.is_typescript()
                )
            })
            .collect()
    }

    #[test]
    fn script_blocks_of_component_files() {
        let vue = "<template><p>x</p></template>\n<script setup lang=\"ts\">\nlet a = 1\n</script>\n<script>\nexport default {}\n</script>";
        assert_eq!(
            shown("/a.vue", vue),
            ["let a = 1@54 ts=true", "export default {}@83 ts=false"]
        );
        let svelte = "<script context=\"module\" src=\"./x.js\"></script><script type=\"application/json\">{}</script><script lang='ts'>let b</script>";
        assert_eq!(shown("/a.svelte", svelte), ["let b@108 ts=true"]);
        let astro = "---\nconst c = 1;\n---\n<div/>\n<script>let d</script>";
        assert_eq!(
            shown("/a.astro", astro),
            ["const c = 1;@4 ts=true", "let d@36 ts=false"]
        );
        assert_eq!(shown("/a.mts", "x"), ["x@0 ts=true"]);
        assert!(shown("/a.css", "x").is_empty());
        // Unclosed and odd tags end the search instead of panicking.
        assert!(shown("/a.vue", "<script lang=").is_empty());
        assert!(shown("/a.vue", "<scripts>x</scripts><script").is_empty());
    }

    #[test]
    fn deep_nesting_is_not_parsed() {
        let text = "[".repeat(100_000);
        let mut parsed = 0;
        parse_scripts(Path::new("/a.js"), &text, |_| parsed += 1);
        assert_eq!(parsed, 0);
        parse_scripts(Path::new("/a.js"), "let a = [[1]]", |_| parsed += 1);
        assert_eq!(parsed, 1);
    }
}
