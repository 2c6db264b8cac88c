//! The json5 parser on any bytes: it never panics, never recurses on the input, and
//! every range it reports lies inside the text on char boundaries.
#![no_main]

mod support;

use libfuzzer_sys::fuzz_target;
use tauri_acl::syntax::SourceFormat;

fuzz_target!(|bytes: &[u8]| {
    support::check_parse(bytes, SourceFormat::Json5);
});
