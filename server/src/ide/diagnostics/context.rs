//! [`AppContext`]: what the checks of one app share, built once per app and run.

use std::collections::{BTreeSet, HashMap};
use std::sync::Arc;

use crate::resolver::cache::ResolutionCache;
use crate::resolver::{self, CapabilityRef, Resolution, platforms_for};
use crate::workspace::{App, FileId, PluginSource, Workspace};

/// What the checks of one app share.
pub(crate) struct AppContext<'w> {
    pub workspace: &'w Workspace,
    pub app: &'w App,
    /// Every capability the app defines.
    pub capabilities: Vec<CapabilityRef>,
    /// Each capability's resolution on each platform it is checked for.
    pub resolutions: HashMap<CapabilityRef, Vec<Arc<Resolution>>>,
    /// Permission files the user owns (the app's and path plugins').
    pub owned_manifests: BTreeSet<FileId>,
    /// The files whose findings the caller wants, sorted; `None` for every file.
    focus: Option<Vec<FileId>>,
}

impl<'w> AppContext<'w> {
    /// The context for checking `app`; with a `focus`, checks may leave out findings in
    /// other files (see [`AppContext::wants`]).
    pub fn new(
        workspace: &'w Workspace,
        app: &'w App,
        cache: &ResolutionCache,
        focus: Option<&[FileId]>,
    ) -> AppContext<'w> {
        let capabilities = resolver::all_capabilities(workspace, app);
        let mut resolutions = HashMap::new();
        for reference in &capabilities {
            let Some(capability) = resolver::capability(workspace, *reference) else {
                continue;
            };
            let platforms = platforms_for(app, capability);
            let list = platforms
                .into_iter()
                .filter_map(|platform| cache.resolve(workspace, app, *reference, platform))
                .collect();
            resolutions.insert(*reference, list);
        }
        let mut owned_manifests: BTreeSet<FileId> =
            app.app_permission_files.iter().copied().collect();
        for plugin in app.catalogue.plugins.values() {
            if matches!(
                plugin.source,
                PluginSource::Path { .. } | PluginSource::Inline { .. }
            ) {
                owned_manifests.extend(plugin.files.iter().copied());
            }
        }
        AppContext {
            workspace,
            app,
            capabilities,
            resolutions,
            owned_manifests,
            focus: focus.map(|files| {
                let mut files = files.to_vec();
                files.sort();
                files.dedup();
                files
            }),
        }
    }

    /// Whether findings in `file` are wanted. A check whose findings about one
    /// capability (or one scope value) all lie in that capability's own file may skip
    /// the ones in files nobody asked for: an editor asks for its open documents after
    /// each keystroke, and most of an app's files are not open. Checks that relate
    /// several files, or report in a file other than the one they read, run whole.
    pub fn wants(&self, file: FileId) -> bool {
        self.focus
            .as_ref()
            .is_none_or(|focus| focus.binary_search(&file).is_ok())
    }

    /// The capabilities whose own file is wanted, in order.
    pub fn wanted_capabilities(&self) -> impl Iterator<Item = &CapabilityRef> + '_ {
        self.capabilities
            .iter()
            .filter(|reference| self.wants(reference.file))
    }

    pub fn capability(&self, reference: CapabilityRef) -> Option<&'w crate::model::Capability> {
        resolver::capability(self.workspace, reference)
    }

    /// Each wanted capability with its resolution on the first platform it is checked
    /// for, for checks whose answer does not depend on the platform and whose findings
    /// lie in the capability's own file.
    pub fn first_resolutions(
        &self,
    ) -> impl Iterator<Item = (CapabilityRef, &'w crate::model::Capability, &Resolution)> + '_ {
        self.wanted_capabilities().filter_map(|reference| {
            let capability = self.capability(*reference)?;
            let resolution = self.resolutions.get(reference)?.first()?;
            Some((*reference, capability, resolution.as_ref()))
        })
    }

    /// Files whose text the user edits: capabilities, configs and owned manifests.
    pub fn user_files(&self) -> Vec<FileId> {
        let mut files: Vec<FileId> = self.app.capability_files.clone();
        files.extend(self.app.config);
        files.extend(self.app.overlays.iter().map(|(_, file)| *file));
        files.extend(self.owned_manifests.iter().copied());
        files.sort();
        files.dedup();
        files
    }
}
