//! Small pieces of English shared by messages, titles and reports.

/// `1 command`, `3 commands`.
pub fn plural(count: usize, one: &str, many: &str) -> String {
    if count == 1 {
        format!("1 {one}")
    } else {
        format!("{count} {many}")
    }
}

/// `a`, `a and b`, `a, b and c`.
pub fn and_list(items: &[&str]) -> String {
    join_last(items, "and")
}

/// `a`, `a or b`, `a, b or c`.
pub fn or_list(items: &[&str]) -> String {
    join_last(items, "or")
}

fn join_last(items: &[&str], word: &str) -> String {
    match items {
        [] => String::new(),
        [one] => (*one).to_owned(),
        [init @ .., last] => format!("{} {word} {last}", init.join(", ")),
    }
}

/// `window `a``, `windows `a` and `b``; `no window` for none.
pub fn windows<S: AsRef<str>>(labels: impl IntoIterator<Item = S>) -> String {
    let quoted: Vec<String> = labels
        .into_iter()
        .map(|label| format!("`{}`", label.as_ref()))
        .collect();
    let items: Vec<&str> = quoted.iter().map(String::as_str).collect();
    match items.len() {
        0 => "no window".to_owned(),
        1 => format!("window {}", items[0]),
        _ => format!("windows {}", and_list(&items)),
    }
}

/// The text with its first letter in upper case.
pub fn capitalize(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// "on android and iOS" for a subset of the checked platforms; empty when it is all.
pub fn platform_note(on: &[crate::model::Platform], checked: &[crate::model::Platform]) -> String {
    if on.is_empty() || checked.iter().all(|platform| on.contains(platform)) {
        return String::new();
    }
    let names: Vec<&str> = on.iter().map(|platform| platform.name()).collect();
    let list = match names.as_slice() {
        [one] => (*one).to_owned(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
        [] => String::new(),
    };
    format!(" on {list}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_and_counts() {
        assert_eq!(and_list(&["linux", "macOS", "iOS"]), "linux, macOS and iOS");
        assert_eq!(or_list(&["a string", "a list"]), "a string or a list");
        assert_eq!(or_list(&[]), "");
        assert_eq!(plural(1, "command", "commands"), "1 command");
        assert_eq!(plural(0, "command", "commands"), "0 commands");
        assert_eq!(capitalize("a scope"), "A scope");
        assert_eq!(windows(["main"]), "window `main`");
        assert_eq!(windows(["a", "b", "c"]), "windows `a`, `b` and `c`");
        assert_eq!(windows(Vec::<String>::new()), "no window");
    }
}
