//! Resolutions kept from one snapshot to the next.
//!
//! In the language server a keystroke replaces one capability file and shares everything
//! else with the previous snapshot: the `App` (its catalogue is only rebuilt by a reload)
//! and every other file. Resolving the unchanged capabilities again on every platform
//! was half of what a keystroke's diagnostics cost (BENCHMARKS.md). A resolution depends
//! on nothing but the capability's file, the app and the platform, so it is reused for as
//! long as the file and the app are the same allocations. Entries hold weak pointers:
//! they keep an allocation's address from being reused by a new file or app while an
//! entry names it, without keeping the old texts alive.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError, Weak};

use super::{CapabilityRef, Resolution, resolve};
use crate::model::Platform;
use crate::workspace::{App, SourceFile, Workspace};

/// Resolutions by app, capability and platform. Cheap to share between snapshots.
#[derive(Default)]
pub struct ResolutionCache {
    entries: Mutex<Entries>,
}

#[derive(Default)]
struct Entries {
    map: HashMap<Key, Entry>,
    /// The size at which entries for dropped files and apps are swept out next.
    sweep_at: usize,
}

/// The app's address, the capability and the platform. The address is only compared:
/// the entry's `Weak` is what says whether it still names a live app.
type Key = (usize, CapabilityRef, Platform);

struct Entry {
    app: Weak<App>,
    file: Weak<SourceFile>,
    resolution: Arc<Resolution>,
}

impl std::fmt::Debug for ResolutionCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let size = self.lock().map.len();
        f.debug_struct("ResolutionCache")
            .field("entries", &size)
            .finish()
    }
}

impl ResolutionCache {
    /// [`resolve`], answered from the cache when the capability's file and the app are
    /// the ones it was computed for.
    pub fn resolve(
        &self,
        workspace: &Workspace,
        app: &App,
        reference: CapabilityRef,
        platform: Platform,
    ) -> Option<Arc<Resolution>> {
        let (Some(app_arc), Some(file_arc)) = (
            workspace
                .apps
                .iter()
                .find(|candidate| std::ptr::eq(candidate.as_ref(), app)),
            workspace.shared_file(reference.file),
        ) else {
            return resolve(workspace, app, reference, platform).map(Arc::new);
        };
        let key = (Arc::as_ptr(app_arc) as usize, reference, platform);
        if let Some(entry) = self.lock().map.get(&key)
            && std::ptr::eq(entry.app.as_ptr(), Arc::as_ptr(app_arc))
            && std::ptr::eq(entry.file.as_ptr(), Arc::as_ptr(file_arc))
        {
            return Some(entry.resolution.clone());
        }
        // Computed without the lock, so snapshots checked at the same time do not wait on
        // each other; the later insert wins, and both are correct for their snapshot.
        let mut resolution = resolve(workspace, app, reference, platform)?;
        let mut entries = self.lock();
        // The same grants on another platform (the usual case between desktop
        // platforms) are kept once.
        let same = Platform::ALL
            .iter()
            .filter(|other| **other != platform)
            .filter_map(|other| entries.map.get(&(key.0, reference, *other)))
            .filter(|entry| {
                std::ptr::eq(entry.app.as_ptr(), Arc::as_ptr(app_arc))
                    && std::ptr::eq(entry.file.as_ptr(), Arc::as_ptr(file_arc))
            })
            .find(|entry| entry.resolution.granted == resolution.granted);
        if let Some(entry) = same {
            resolution.granted = entry.resolution.granted.clone();
        }
        let resolution = Arc::new(resolution);
        if entries.map.len() >= entries.sweep_at {
            entries
                .map
                .retain(|_, entry| entry.app.strong_count() > 0 && entry.file.strong_count() > 0);
            entries.sweep_at = (entries.map.len() * 2).max(1024);
        }
        entries.map.insert(
            key,
            Entry {
                app: Arc::downgrade(app_arc),
                file: Arc::downgrade(file_arc),
                resolution: resolution.clone(),
            },
        );
        Some(resolution)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Entries> {
        // A panic elsewhere cannot leave an entry half-written: inserts are single calls.
        self.entries.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ide::fixture;
    use crate::resolver::all_capabilities;

    const APP: &str = r#"
//- /app/src-tauri/tauri.conf.json
{ "app": { "windows": [{ "label": "main" }] } }
//- /app/src-tauri/permissions/greet.toml
[[permission]]
identifier = "allow-greet"
commands.allow = ["greet"]
[[permission]]
identifier = "allow-wave"
commands.allow = ["wave"]
//- /app/src-tauri/capabilities/edited.json
{ "identifier": "edited", "windows": ["main"], "permissions": ["allow-greet"] }
//- /app/src-tauri/capabilities/other.json
{ "identifier": "other", "windows": ["main"], "permissions": ["allow-wave"] }
"#;

    fn commands(resolution: &Resolution) -> Vec<&str> {
        resolution
            .grants()
            .map(|grant| grant.item.command.as_str())
            .collect()
    }

    #[test]
    fn reused_until_the_capability_file_changes() {
        let world = fixture::world(APP);
        let cache = ResolutionCache::default();
        let workspace = world.workspace.as_ref();
        let app = &workspace.apps[0];
        let refs = all_capabilities(workspace, app);
        let (edited, other) = (refs[0], refs[1]);
        let first = cache
            .resolve(workspace, app, edited, Platform::Linux)
            .unwrap();
        let again = cache
            .resolve(workspace, app, edited, Platform::Linux)
            .unwrap();
        assert!(Arc::ptr_eq(&first, &again));
        let other_before = cache
            .resolve(workspace, app, other, Platform::Linux)
            .unwrap();
        // Another platform is another resolution.
        let macos = cache
            .resolve(workspace, app, edited, Platform::MacOS)
            .unwrap();
        assert!(!Arc::ptr_eq(&first, &macos));
        // ... granting the same, which is kept once.
        assert_eq!(macos.platform, Platform::MacOS);
        assert!(Arc::ptr_eq(&first.granted, &macos.granted));

        // A keystroke: the edited file is new, the app and the other file are shared.
        let next = workspace.with_text(
            edited.file,
            r#"{ "identifier": "edited", "windows": ["main"], "permissions": ["allow-wave"] }"#,
        );
        let app = &next.apps[0];
        let after = cache.resolve(&next, app, edited, Platform::Linux).unwrap();
        assert!(!Arc::ptr_eq(&first, &after));
        assert_eq!(commands(&first), ["greet"]);
        assert_eq!(commands(&after), ["wave"]);
        let other_after = cache.resolve(&next, app, other, Platform::Linux).unwrap();
        assert!(Arc::ptr_eq(&other_before, &other_after));
        // The answer is the one resolving afresh gives.
        assert_eq!(
            *after,
            resolve(&next, app, edited, Platform::Linux).unwrap()
        );
    }

    #[test]
    fn platforms_that_grant_differently_keep_their_own() {
        let world = fixture::world(
            r#"
//- /app/src-tauri/tauri.conf.json
{ "app": { "windows": [{ "label": "main" }] } }
//- /app/src-tauri/permissions/greet.toml
[[permission]]
identifier = "allow-greet"
commands.allow = ["greet"]
[[permission]]
identifier = "allow-vibrate"
platforms = ["android", "iOS"]
commands.allow = ["vibrate"]
//- /app/src-tauri/capabilities/main.json
{ "identifier": "main", "windows": ["main"], "permissions": ["allow-greet", "allow-vibrate"] }
"#,
        );
        let cache = ResolutionCache::default();
        let workspace = world.workspace.as_ref();
        let app = &workspace.apps[0];
        let reference = all_capabilities(workspace, app)[0];
        let resolved: Vec<Arc<Resolution>> = Platform::ALL
            .iter()
            .map(|platform| cache.resolve(workspace, app, reference, *platform).unwrap())
            .collect();
        for (resolution, platform) in resolved.iter().zip(Platform::ALL) {
            assert_eq!(resolution.platform, platform);
            assert_eq!(
                **resolution,
                resolve(workspace, app, reference, platform).unwrap()
            );
        }
        let [linux, macos, windows, android, ios] = &resolved[..] else {
            panic!("five platforms");
        };
        assert_eq!(commands(linux), ["greet"]);
        assert_eq!(commands(android), ["greet", "vibrate"]);
        assert!(Arc::ptr_eq(&linux.granted, &macos.granted));
        assert!(Arc::ptr_eq(&linux.granted, &windows.granted));
        assert!(Arc::ptr_eq(&android.granted, &ios.granted));
        assert!(!Arc::ptr_eq(&linux.granted, &android.granted));
    }

    #[test]
    fn a_reloaded_app_is_resolved_again() {
        let cache = ResolutionCache::default();
        let first_world = fixture::world(APP);
        let workspace = first_world.workspace.as_ref();
        let reference = all_capabilities(workspace, &workspace.apps[0])[0];
        let first = cache
            .resolve(workspace, &workspace.apps[0], reference, Platform::Linux)
            .unwrap();
        let reloaded = fixture::world(APP);
        let workspace = reloaded.workspace.as_ref();
        let second = cache
            .resolve(workspace, &workspace.apps[0], reference, Platform::Linux)
            .unwrap();
        assert!(!Arc::ptr_eq(&first, &second));
        assert_eq!(*first, *second);
    }
}
