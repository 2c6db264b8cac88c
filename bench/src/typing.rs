//! A replayable typing session: someone adds permissions to capability files one key
//! at a time, with the odd typo corrected by backspace, and the positions completion
//! and hover are asked at.
//!
//! Each new entry starts with Enter (a line break plus the indentation the editor
//! inserts) right after the `permissions` array opens, then its characters one by one,
//! so most intermediate texts are broken (an unterminated string, a missing comma) the
//! way a file being typed is. Edits rotate over the documents. Positions are UTF-16
//! line/character pairs; the texts are ASCII.

use fastrand::Rng;

/// One `didChange` content change against the document's text at that point.
#[derive(Debug, Clone)]
pub struct Edit {
    pub document: usize,
    pub start: (u32, u32),
    pub end: (u32, u32),
    pub text: String,
}

/// The line and character of a byte offset in ASCII text.
pub fn position(text: &str, offset: usize) -> (u32, u32) {
    let before = &text.as_bytes()[..offset.min(text.len())];
    let line = before.iter().filter(|byte| **byte == b'\n').count();
    let start = before
        .iter()
        .rposition(|byte| *byte == b'\n')
        .map_or(0, |index| index + 1);
    (line as u32, (offset.min(text.len()) - start) as u32)
}

/// Where typing starts: the end of the line where the `permissions` array opens.
fn anchor(text: &str) -> Option<usize> {
    let key = text.find("permissions")?;
    let bracket = key + text[key..].find('[')?;
    Some(bracket + text[bracket..].find('\n').unwrap_or(text.len() - bracket))
}

struct Cursor {
    text: String,
    offset: usize,
    indent: &'static str,
}

/// Plans `count` edits over `texts` (their formats given by `indents`: the indentation
/// of an entry), typing identifiers from `words`.
pub fn session(
    texts: &[String],
    indents: &[&'static str],
    words: &[String],
    count: usize,
    rng: &mut Rng,
) -> Vec<Edit> {
    let mut cursors: Vec<Cursor> = texts
        .iter()
        .zip(indents)
        .filter_map(|(text, indent)| {
            Some(Cursor {
                offset: anchor(text)?,
                text: text.clone(),
                indent,
            })
        })
        .collect();
    let mut edits = Vec::new();
    if cursors.is_empty() || words.is_empty() {
        return edits;
    }
    let mut word_index = 0;
    while edits.len() < count {
        let document = word_index % cursors.len();
        let word = &words[word_index % words.len()];
        word_index += 1;
        let cursor = &mut cursors[document];
        let insert = |cursor: &mut Cursor, text: &str, edits: &mut Vec<Edit>| {
            let at = position(&cursor.text, cursor.offset);
            cursor.text.insert_str(cursor.offset, text);
            cursor.offset += text.len();
            edits.push(Edit {
                document,
                start: at,
                end: at,
                text: text.to_owned(),
            });
        };
        insert(cursor, &format!("\n{}", cursor.indent), &mut edits);
        let typed = format!("\"{word}\",");
        let typo_at = (rng.u32(..100) < 25).then(|| rng.usize(2..typed.len() - 2));
        for (index, character) in typed.char_indices() {
            if edits.len() >= count {
                break;
            }
            if typo_at == Some(index) {
                let wrong = (b'a' + rng.u8(..26)) as char;
                insert(cursor, &wrong.to_string(), &mut edits);
                let end = position(&cursor.text, cursor.offset);
                cursor.offset -= 1;
                cursor.text.remove(cursor.offset);
                let start = position(&cursor.text, cursor.offset);
                edits.push(Edit {
                    document,
                    start,
                    end,
                    text: String::new(),
                });
            }
            insert(cursor, &character.to_string(), &mut edits);
        }
    }
    edits.truncate(count);
    edits
}

/// Where completion and hover are asked: bare `"plugin:name"` entries of a JSON
/// capability. Completion sits right after the last `:` (the plugin typed, the name not
/// yet); hover sits in the middle of the name.
pub fn request_positions(text: &str) -> Vec<((u32, u32), (u32, u32))> {
    let mut positions = Vec::new();
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim();
        let quote = line.find('"');
        if let (Some(quote), true) = (quote, trimmed.starts_with('"') && trimmed.contains(':')) {
            let literal = &line[quote + 1..];
            if let Some(end) = literal.find('"') {
                let identifier = &literal[..end];
                if let Some(colon) = identifier.rfind(':') {
                    let name_start = offset + quote + 1 + colon + 1;
                    let name_middle = name_start + (end - colon - 1) / 2;
                    positions.push((position(text, name_start), position(text, name_middle)));
                }
            }
        }
        offset += line.len();
    }
    positions
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaying_the_edits_types_the_words_after_the_array() {
        let text = "{\n  \"permissions\": [\n    \"core:default\"\n  ]\n}\n".to_owned();
        let words = vec!["fs:default".to_owned(), "app-basics".to_owned()];
        let mut rng = Rng::with_seed(1);
        let edits = session(
            std::slice::from_ref(&text),
            &["    "],
            &words,
            200,
            &mut rng,
        );
        assert_eq!(edits.len(), 200);
        // Apply the edits the way the server does, by line and character.
        let mut replayed = text;
        for edit in &edits {
            let offset = |(line, character): (u32, u32), text: &str| {
                text.split_inclusive('\n')
                    .take(line as usize)
                    .map(str::len)
                    .sum::<usize>()
                    + character as usize
            };
            let start = offset(edit.start, &replayed);
            let end = offset(edit.end, &replayed);
            replayed.replace_range(start..end, &edit.text);
        }
        let expected_start = "{\n  \"permissions\": [\n    \"fs:default\",\n    \"app-basics\",\n";
        assert!(
            replayed.starts_with(expected_start),
            "after replay:\n{replayed}"
        );
        assert!(replayed.ends_with("    \"core:default\"\n  ]\n}\n"));
    }

    #[test]
    fn positions_sit_after_the_prefix_and_inside_the_name() {
        let text = "[\n    \"core:window:allow-close\",\n    \"fs:default\"\n]\n";
        assert_eq!(
            request_positions(text),
            vec![((1, 17), (1, 22)), ((2, 8), (2, 11))]
        );
    }
}
