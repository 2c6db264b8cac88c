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

/// One line per call: the target, then the call's text.
fn shown(path: &str, text: &str) -> String {
    let scan = crate::workspace::frontend::scan(std::path::Path::new(path), text);
    let mut out = String::new();
    for call in &scan.calls {
        let target = match &call.target {
            CallTarget::Invoke(command) => format!("invoke {command}"),
            CallTarget::DynamicInvoke => match call.command_param {
                Some(param) => format!("dynamic invoke (parameter {param})"),
                None => "dynamic invoke".to_owned(),
            },
            CallTarget::Api { module, path } => format!("{module} {}", path.join(".")),
            CallTarget::ConvertFileSrc => "convertFileSrc".to_owned(),
        };
        out += &format!("{target}  `{}`\n", &text[call.range]);
    }
    out
}

#[test]
fn invoke_through_every_import_and_global() {
    let text = r#"import { invoke } from '@tauri-apps/api/core';
import * as tauri from '@tauri-apps/api/core';
import { core } from '@tauri-apps/api';
import * as api from '@tauri-apps/api';
const { invoke: globalInvoke } = window.__TAURI__.core;
invoke(`plain`);
invoke(`with_${x}`);
tauri.invoke('namespaced');
core.invoke('from_index');
api.core.invoke('from_index_namespace');
window.__TAURI__.core.invoke('global');
__TAURI__.core.invoke('bare_global');
globalInvoke('destructured');
window.__TAURI_INTERNALS__.invoke('internals');
__TAURI_INTERNALS__.invoke('bare_internals');
invoke('answer').then((answer) => show(answer));
"#;
    insta::assert_snapshot!(shown("/src/a.ts", text), @r"
    invoke plain  `invoke(`plain`)`
    dynamic invoke  `invoke(`with_${x}`)`
    invoke namespaced  `tauri.invoke('namespaced')`
    invoke from_index  `core.invoke('from_index')`
    invoke from_index_namespace  `api.core.invoke('from_index_namespace')`
    invoke global  `window.__TAURI__.core.invoke('global')`
    invoke bare_global  `__TAURI__.core.invoke('bare_global')`
    invoke destructured  `globalInvoke('destructured')`
    invoke internals  `window.__TAURI_INTERNALS__.invoke('internals')`
    invoke bare_internals  `__TAURI_INTERNALS__.invoke('bare_internals')`
    invoke answer  `invoke('answer')`
    ");
}

#[test]
fn api_calls_with_their_member_chains() {
    let text = r#"import { getCurrentWindow, Window } from '@tauri-apps/api/window';
import { readTextFile as read } from '@tauri-apps/plugin-fs';
import * as win from '@tauri-apps/api/window';
import dialog from '@tauri-apps/plugin-dialog';
import type { Theme } from '@tauri-apps/api/window';
import { type Event, listen } from '@tauri-apps/api/event';

getCurrentWindow().minimize();
win.getCurrentWindow().close();
await read('a.txt');
await dialog.open();
const other = await Window.getByLabel('other');
other?.show();
new Window('x');
listen('ready', () => {});

export async function hide() {
  const current = getCurrentWindow();
  await current.hide();
}
window.__TAURI__.fs.readTextFile('b.txt');
__TAURI__.clipboardManager.writeText('c');
const { platform } = window.__TAURI__.os;
platform();
const fs = await import('@tauri-apps/plugin-fs');
fs.exists('d');
"#;
    insta::assert_snapshot!(shown("/src/a.ts", text), @r#"
        @tauri-apps/api/window getCurrentWindow.minimize  `getCurrentWindow().minimize()`
        @tauri-apps/api/window getCurrentWindow  `getCurrentWindow()`
        @tauri-apps/api/window getCurrentWindow.close  `win.getCurrentWindow().close()`
        @tauri-apps/api/window getCurrentWindow  `win.getCurrentWindow()`
        @tauri-apps/plugin-fs readTextFile  `read('a.txt')`
        @tauri-apps/plugin-dialog open  `dialog.open()`
        @tauri-apps/api/window Window.getByLabel  `Window.getByLabel('other')`
        @tauri-apps/api/window Window.getByLabel.show  `other?.show()`
        @tauri-apps/api/window Window  `new Window('x')`
        @tauri-apps/api/event listen  `listen('ready', () => {})`
        @tauri-apps/api/window getCurrentWindow  `getCurrentWindow()`
        @tauri-apps/api/window getCurrentWindow.hide  `current.hide()`
        @tauri-apps/plugin-fs readTextFile  `window.__TAURI__.fs.readTextFile('b.txt')`
        @tauri-apps/plugin-clipboard-manager writeText  `__TAURI__.clipboardManager.writeText('c')`
        @tauri-apps/plugin-os platform  `platform()`
        @tauri-apps/plugin-fs exists  `fs.exists('d')`
        "#);
}

#[test]
fn convert_file_src_and_wrapper_parameters() {
    let text = r#"import { convertFileSrc, invoke } from '@tauri-apps/api/core';
const url = convertFileSrc(path);
window.__TAURI__.core.convertFileSrc(path);
export const call = (command: string, args?: unknown) => invoke(command, args);
export function run(args: unknown, command: string) {
  return invoke(command, args);
}
export const api = {
  save: (name: string) => invoke('save', { name }),
  load(name: string) { return invoke(name); },
};
"#;
    insta::assert_snapshot!(shown("/src/a.ts", text), @r"
    convertFileSrc  `convertFileSrc(path)`
    convertFileSrc  `window.__TAURI__.core.convertFileSrc(path)`
    dynamic invoke (parameter 0)  `invoke(command, args)`
    dynamic invoke (parameter 1)  `invoke(command, args)`
    invoke save  `invoke('save', { name })`
    dynamic invoke (parameter 0)  `invoke(name)`
    ");
}

#[test]
fn a_name_bound_twice_is_not_guessed() {
    let text = r#"import { getCurrentWindow } from '@tauri-apps/api/window';
function a() { const w = getCurrentWindow(); w.close(); }
function b() { const w = document.body; w.close(); }
"#;
    insta::assert_snapshot!(shown("/src/a.ts", text), @"@tauri-apps/api/window getCurrentWindow  `getCurrentWindow()`");
}

#[test]
fn exports_and_calls_of_the_apps_own_modules() {
    use super::{Arg, Link};
    let text = r#"import { invoke } from '@tauri-apps/api/core';
import { helper } from './helper';
import * as store from '../store';
export { open as pickFile } from '@tauri-apps/plugin-dialog';
export * from './more';
export * as dialogs from '@tauri-apps/plugin-dialog';
export { helper };
export const myInvoke = invoke;
export function save(key: string) { helper(key, 'x'); store.put.value(); }
export default save;
"#;
    let scan = crate::workspace::frontend::scan(std::path::Path::new("/src/a.ts"), text);
    let exports: Vec<String> = scan
        .module
        .exports
        .iter()
        .map(|export| format!("{} = {:?}", export.name, export.link))
        .collect();
    insta::assert_snapshot!(exports.join("\n"), @r#"
    pickFile = Tauri { module: "@tauri-apps/plugin-dialog", path: ["open"] }
    dialogs = Tauri { module: "@tauri-apps/plugin-dialog", path: [] }
    helper = Import { specifier: "./helper", name: Some("helper"), path: [] }
    myInvoke = Tauri { module: "@tauri-apps/api/core", path: ["invoke"] }
    save = Function("save")
    default = Function("save")
    "#);
    assert_eq!(
        scan.module
            .star_exports
            .iter()
            .map(|(specifier, _)| specifier.as_str())
            .collect::<Vec<_>>(),
        ["./more"]
    );
    let calls: Vec<(Link, Vec<Arg>, Option<String>)> = scan
        .module
        .calls
        .into_iter()
        .map(|call| (call.callee, call.args, call.function))
        .collect();
    assert_eq!(
        calls,
        [
            (
                Link::Import {
                    specifier: "./helper".into(),
                    name: Some("helper".into()),
                    path: vec![],
                },
                vec![Arg::Param(0), Arg::Literal("x".into())],
                Some("save".into()),
            ),
            (
                Link::Import {
                    specifier: "../store".into(),
                    name: None,
                    path: vec!["put".into(), "value".into()],
                },
                vec![],
                Some("save".into()),
            ),
        ]
    );
}
