// A small core command table in the form of the `tauri` crate's build script.
const PLUGINS: &[(&str, &[(&str, bool)])] = &[
  ("core:window", &[("close", false), ("title", true), ("set_title", false)]),
  ("core:app", &[("version", true), ("app_hide", false)]),
  // ("core:channel", &[("fetch", true)]),
];

fn main() {}
