//! The `tauri-acl` binary: parses the command line and hands over to the `cli` module.

fn main() {
    let code = tauri_acl::cli::run(std::env::args_os());
    std::process::exit(code);
}
