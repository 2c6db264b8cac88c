use std::path::Path;

use super::CallTarget;

fn calls(path: &str, text: &str) -> Vec<(CallTarget, String)> {
    let scan = crate::workspace::frontend::scan(Path::new(path), text);
    scan.calls
        .into_iter()
        .map(|call| (call.target, text[call.range].to_owned()))
        .collect()
}

#[test]
fn literal_invokes_under_any_local_name() {
    let found = calls(
        "src/main.ts",
        r#"import { invoke as call } from "@tauri-apps/api/core";
await call("greet", { name });
await call<string>('plugin:fs|read_text_file');
"#,
    );
    assert_eq!(
        found,
        vec![
            (
                CallTarget::Invoke("greet".into()),
                r#"call("greet", { name })"#.into()
            ),
            (
                CallTarget::Invoke("plugin:fs|read_text_file".into()),
                "call<string>('plugin:fs|read_text_file')".into()
            ),
        ]
    );
}

#[test]
fn a_command_that_is_not_a_literal_is_a_dynamic_invoke() {
    let found = calls(
        "src/api.ts",
        "import { invoke } from '@tauri-apps/api/core';\nexport const run = (cmd: string) => invoke(cmd);\n",
    );
    assert_eq!(
        found,
        vec![(CallTarget::DynamicInvoke, "invoke(cmd)".into())]
    );
}

#[test]
fn an_invoke_not_imported_from_tauri_is_not_a_call() {
    let found = calls(
        "src/rpc.ts",
        "import { invoke } from './rpc';\n// @tauri-apps/api\ninvoke('greet');\n",
    );
    assert_eq!(found, vec![]);
}
