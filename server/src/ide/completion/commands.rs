//! Command names in a permission's `commands.allow` and `commands.deny`.

use super::*;

impl Context<'_> {
    pub(super) fn commands(&self) -> Vec<CompletionItem> {
        let file = self.cursor.file;
        let present = self.present_in_container();
        let plugin = self.app.catalogue.plugin_of_file(file);
        let is_app = plugin.is_none_or(|plugin| plugin.key == APP_KEY);
        let mut found: BTreeMap<String, Vec<String>> = BTreeMap::new();
        if is_app {
            for rust_file in &self.app.rust_files {
                let FileModel::Rust(scan) = &self.workspace.file(*rust_file).model else {
                    continue;
                };
                for command in &scan.commands {
                    let line = self
                        .workspace
                        .file(*rust_file)
                        .line_index
                        .line_col(command.range.start())
                        .line
                        + 1;
                    found
                        .entry(command.name.clone())
                        .or_default()
                        .push(format!("{}:{line}", self.display_path(*rust_file)));
                }
            }
        } else if let Some(plugin) = plugin {
            let editing = self.cursor.token.as_ref().map(|token| token.range);
            for (name, permission) in &plugin.permissions {
                let commands = permission
                    .value
                    .commands_allow
                    .iter()
                    .chain(&permission.value.commands_deny);
                for command in commands {
                    // The command being typed is in the model too.
                    if permission.file == file && Some(command.range) == editing {
                        continue;
                    }
                    let users = found.entry(command.value.clone()).or_default();
                    if !users.contains(name) {
                        users.push(name.clone());
                    }
                }
            }
        }
        let mut items = Vec::new();
        for (command, places) in found {
            if present.contains(&command) {
                continue;
            }
            let mut completion = item(CompletionKind::Command, &command, self.value_edit(&command));
            completion.detail = Some(if is_app {
                format!("#[tauri::command] · {}", places.join(", "))
            } else {
                format!("in {}", short_list(&places))
            });
            items.push(completion);
        }
        items
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::check;

    #[test]
    fn commands_in_plugin_and_app_manifests() {
        insta::assert_snapshot!(check(r#"
//- /plugins/fs/permissions/default.toml plugin:fs
[[permission]]
identifier = "allow-read"
commands.allow = ["read_file", "read_dir"]

[[permission]]
identifier = "deny-read"
commands.deny = ["read_file", "$0"]
"#), @"read_dir  [command] in allow-read  → insert `read_dir`");
        insta::assert_snapshot!(check(r#"
//- /src-tauri/src/lib.rs
#[tauri::command]
fn greet(name: &str) -> String { format!("hi {name}") }

#[tauri::command]
async fn save() {}
//- /src-tauri/permissions/tools.json
{ "permission": [{ "identifier": "allow-greet", "commands": { "allow": ["gr$0"] } }] }
"#), @"
        greet  [command] #[tauri::command] · src/lib.rs:2  → replace `gr` with `greet`
        save  [command] #[tauri::command] · src/lib.rs:5  → replace `gr` with `save`
        ");
    }
}
