//! The app's JavaScript packages: what each `@tauri-apps/*` function its frontend can
//! call reaches over IPC ([`crate::workspace::js_api`]).

use super::*;

impl Loader<'_> {
    pub(super) fn js_packages(&mut self) {
        let Some(package) = super::super::frontend::find_package(self.fs, &self.app.root) else {
            return;
        };
        self.app.js_api = super::super::js_api::JsApi::load(self.fs, &package);
    }
}
