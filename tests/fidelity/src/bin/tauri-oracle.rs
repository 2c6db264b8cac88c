//! Tauri's resolver as a process: one JSON request per line on stdin, one JSON answer per
//! resolution on stdout (see `tauri_acl_fidelity::oracle`). A set cycle makes
//! tauri-utils overflow its stack, which ends this process, and only it.

fn main() {
    let stdin = std::io::stdin().lock();
    let stdout = std::io::stdout().lock();
    if let Err(error) = tauri_acl_fidelity::oracle::serve(stdin, stdout) {
        eprintln!("tauri-oracle: {error}");
        std::process::exit(2);
    }
}
