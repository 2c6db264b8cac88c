//! The frontend IPC scan on a generated 2,000-file frontend, with divan:
//! `cargo bench -p tauri-acl-bench --bench frontend`. `cargo test -p tauri-acl-bench
//! --benches` runs each once on 200 files.
//!
//! The frontend is a Vite-style package beside `src-tauri`: a quarter of its files call
//! Tauri directly (imports of the api and plugins, `invoke`, window chains), a quarter
//! call the app's own wrapper module (`./lib/ipc`), the rest are plain components and
//! helpers that the loader reads and drops; a tenth are `.vue` and `.svelte` files.
//! Nothing is committed: the files are written under the bench's target folder.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use divan::Bencher;
use tauri_acl::workspace::fs::RealFs;
use tauri_acl::workspace::{FileModel, LoadOptions, Workspace};

fn main() {
    divan::main();
}

/// Some ordinary frontend code, about 2 KB, so plain files weigh what real ones do.
fn filler(index: usize) -> String {
    let mut text = String::new();
    for line in 0..40 {
        let _ = writeln!(
            text,
            "export function helper{index}_{line}(items: Array<{{ id: number; name: string }}>) {{ return items.filter((item) => item.id > {line}).map((item) => item.name); }}"
        );
    }
    text
}

fn source(index: usize) -> (String, String) {
    let folder = format!("src/feature{}", index / 100);
    let (extension, wrap): (&str, fn(&str) -> String) = match index % 10 {
        0 => ("vue", |script| {
            format!(
                "<template><div>x</div></template>\n<script setup lang=\"ts\">\n{script}</script>\n"
            )
        }),
        5 => ("svelte", |script| {
            format!("<script lang=\"ts\">\n{script}</script>\n<p>x</p>\n")
        }),
        _ => ("ts", |script| script.to_owned()),
    };
    let script = match index % 4 {
        0 => format!(
            "import {{ invoke }} from '@tauri-apps/api/core';\n\
             import {{ getCurrentWindow }} from '@tauri-apps/api/window';\n\
             import {{ readTextFile }} from '@tauri-apps/plugin-fs';\n\
             export async function run{index}() {{\n\
             const w = getCurrentWindow();\n\
             await w.setTitle('x');\n\
             await invoke('command_{index}', {{ id: {index} }});\n\
             return readTextFile('notes/{index}.md');\n\
             }}\n{}",
            filler(index)
        ),
        1 => format!(
            "import {{ call, save }} from '../lib/ipc';\n\
             export async function use{index}() {{ await call('wrapped_{index}'); await save('{index}'); }}\n{}",
            filler(index)
        ),
        _ => format!(
            "import {{ ref }} from 'vue';\nexport const state{index} = ref(0);\n{}",
            filler(index)
        ),
    };
    (format!("{folder}/file{index}.{extension}"), wrap(&script))
}

fn write_app(root: &Path, files: usize) -> std::io::Result<()> {
    if root.exists() {
        std::fs::remove_dir_all(root)?;
    }
    std::fs::create_dir_all(root.join("src-tauri"))?;
    std::fs::create_dir_all(root.join("src/lib"))?;
    std::fs::write(
        root.join("package.json"),
        "{ \"name\": \"bench-frontend\" }\n",
    )?;
    std::fs::write(
        root.join("src-tauri/tauri.conf.json"),
        "{ \"identifier\": \"bench.frontend\", \"app\": { \"windows\": [{ \"label\": \"main\" }] } }\n",
    )?;
    std::fs::write(
        root.join("src/lib/ipc.ts"),
        "import { invoke } from '@tauri-apps/api/core';\n\
         import { writeTextFile } from '@tauri-apps/plugin-fs';\n\
         export const call = (command: string) => invoke(command);\n\
         export async function save(name: string) { await writeTextFile(name, ''); }\n",
    )?;
    for index in 0..files - 1 {
        let (path, text) = source(index);
        let path = root.join(path);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::write(path, text)?;
    }
    Ok(())
}

fn app() -> &'static PathBuf {
    static APP: OnceLock<PathBuf> = OnceLock::new();
    APP.get_or_init(|| {
        let testing = std::env::args().any(|arg| arg == "--test");
        let files = if testing { 200 } else { 2000 };
        let root = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("frontend-{files}"));
        write_app(&root, files)
            .unwrap_or_else(|error| panic!("writing {}: {error}", root.display()));
        root
    })
}

fn load(root: &Path) -> Workspace {
    Workspace::load(&RealFs, &[root.to_path_buf()], &LoadOptions::default())
}

/// Loading the app from disk, its frontend scanned cold, and every call linked.
#[divan::bench]
fn frontend_cold(bencher: Bencher) {
    let root = app();
    bencher.bench(|| {
        let workspace = load(root);
        let calls = workspace.apps[0].frontend_calls(&workspace);
        assert!(!calls.calls.is_empty());
        calls
    });
}

/// Linking the calls of an already scanned frontend.
#[divan::bench]
fn frontend_link(bencher: Bencher) {
    let workspace = load(app());
    bencher.bench(|| workspace.apps[0].frontend_calls(&workspace));
}

/// One edited frontend file: a new snapshot with that file scanned again, and the
/// calls linked again.
#[divan::bench]
fn frontend_edit(bencher: Bencher) {
    let workspace = load(app());
    let app = &workspace.apps[0];
    let file = *app
        .frontend_files
        .iter()
        .find(|file| matches!(workspace.file(**file).model, FileModel::Frontend(_)))
        .expect("a frontend file");
    let text = format!("{}\n// edited\n", workspace.file(file).text);
    bencher.bench(|| {
        let next = workspace.with_text(file, &text);
        next.apps[0].frontend_calls(&next)
    });
}
