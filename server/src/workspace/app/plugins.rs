//! The plugin half of loading an app: the catalogue built from the locked crates'
//! sources (registry, git and path, their build scripts), the app's inlined plugins,
//! `acl-manifests.json`, the bundled catalogue and the core table, in Tauri's order.

use super::*;

impl Loader<'_> {
    pub(super) fn plugins(&mut self, manifest: Option<&CargoManifest>) {
        let mut catalogue = Catalogue::default();
        // Plugins whose build script could not be read: key → why.
        let mut incomplete: BTreeMap<String, String> = BTreeMap::new();
        // Missing plugins that are a dependency on every platform.
        let mut unrestricted: std::collections::BTreeSet<String> =
            std::collections::BTreeSet::new();
        if let Some(file) = self.app.acl_manifests {
            let manifests = match &self.workspace.file(file).model {
                FileModel::AclManifests(acl) => acl.manifests.clone(),
                _ => BTreeMap::new(),
            };
            for (key, (permission_file, schema)) in manifests {
                let mut plugin = Plugin::new(key.clone(), PluginSource::AclManifests { file });
                plugin.merge(file, &permission_file);
                plugin.global_scope_schema = schema;
                catalogue.plugins.insert(key, plugin);
            }
        }
        let lock_path = self
            .app
            .root
            .ancestors()
            .take(7)
            .map(|dir| dir.join("Cargo.lock"))
            .find(|path| self.fs.is_file(path));
        let lock = lock_path
            .as_ref()
            .and_then(|path| self.read_text(path))
            .and_then(|text| CargoLock::parse(&text));
        if let Some(manifest) = manifest {
            let app_package = lock.as_ref().and_then(|lock| {
                manifest
                    .name
                    .as_deref()
                    .and_then(|name| lock.package(name, manifest.version.as_deref()))
            });
            let mut availability: BTreeMap<String, Option<Vec<Platform>>> = BTreeMap::new();
            let mut from_bundle: BTreeMap<String, (BundledMatch, Option<Vec<Platform>>)> =
                BTreeMap::new();
            let dependencies: Vec<_> = manifest
                .dependencies
                .iter()
                .filter(|dependency| dependency.kind == DependencyKind::Normal)
                .cloned()
                .collect();
            for dependency in dependencies {
                let locked = lock.as_ref().and_then(|lock| {
                    app_package
                        .and_then(|package| lock.dependency_of(package, &dependency.package))
                        .or_else(|| lock.package(&dependency.package, None))
                });
                let platforms = dependency.target.as_ref().map(|target| {
                    Platform::ALL
                        .into_iter()
                        .filter(|platform| cfg::target_matches(target, *platform))
                        .collect::<Vec<_>>()
                });
                let is_plugin_like = dependency.package == "tauri"
                    || dependency.package.starts_with("tauri-plugin-");
                let source = match crate_source::locate(
                    self.fs,
                    &self.app.cargo_homes,
                    &self.app.root,
                    &dependency,
                    locked,
                ) {
                    Ok(source) => source,
                    Err(not_found) => {
                        // The bundled catalogue stands in for an official crate that is
                        // not unpacked, by the version Cargo.lock records (also for
                        // `tauri` from git or a path).
                        let bundled = locked.and_then(|package| {
                            bundled::bundled().lookup(&dependency.package, &package.version)
                        });
                        if let Some(found) = bundled {
                            let entry = from_bundle
                                .entry(found.name.clone())
                                .or_insert((found, Some(Vec::new())));
                            merge_platforms(&mut entry.1, &platforms);
                            continue;
                        }
                        if is_plugin_like {
                            let key = if dependency.package == "tauri" {
                                "core".to_owned()
                            } else {
                                plugin_key(&dependency.package)
                            };
                            let mut message = not_found.message;
                            // A plugin missing on some platforms only, unless another
                            // dependency entry makes it a dependency everywhere.
                            match &platforms {
                                Some(platforms) if !unrestricted.contains(&key) => {
                                    let known =
                                        self.app.missing_platforms.entry(key.clone()).or_default();
                                    known.extend(platforms.iter().copied());
                                    known.sort();
                                    known.dedup();
                                    message = only_on_note(
                                        known,
                                        self.app.acl_manifests.is_some(),
                                        &message,
                                    );
                                }
                                Some(_) => {}
                                None => {
                                    unrestricted.insert(key.clone());
                                    self.app.missing_platforms.remove(&key);
                                }
                            }
                            if !(platforms.is_some() && unrestricted.contains(&key)) {
                                self.app.missing_plugins.insert(key, message);
                            }
                        }
                        continue;
                    }
                };
                let version = source.version.clone().unwrap_or_default();
                if source.name == "tauri" {
                    self.core_plugins(&mut catalogue, &source.dir, &version);
                    continue;
                }
                let Some(links) = source.manifest.links.clone() else {
                    continue;
                };
                let key = plugin_key(&links);
                let plugin_source = match &source.origin {
                    CrateOrigin::Registry => PluginSource::Registry {
                        name: source.name.clone(),
                        version,
                        dir: source.dir.clone(),
                    },
                    CrateOrigin::Git { url } => PluginSource::Git {
                        name: source.name.clone(),
                        version,
                        dir: source.dir.clone(),
                        url: url.clone(),
                    },
                    CrateOrigin::Path => PluginSource::Path {
                        name: source.name.clone(),
                        dir: source.dir.clone(),
                    },
                };
                let entry = availability.entry(key.clone()).or_insert(Some(Vec::new()));
                merge_platforms(entry, &platforms);
                let mut plugin =
                    self.crate_plugin(&key, plugin_source, &source.dir, &mut incomplete);
                // A schema only exists after a build; keep the generated one if there is one.
                plugin.global_scope_schema = catalogue
                    .plugins
                    .get(&key)
                    .and_then(|previous| previous.global_scope_schema.clone());
                plugin.platforms = availability.get(&key).cloned().flatten();
                catalogue.plugins.insert(key, plugin);
            }
            for (found, platforms) in from_bundle.into_values() {
                self.bundled_plugins(&mut catalogue, &found, platforms);
            }
        }
        self.inline_plugins(&mut catalogue, &mut incomplete);
        self.compare_with_generated(&catalogue);
        let app_manifest = self
            .app
            .build_script
            .and_then(|file| Some((file, self.script(file)?.app_manifest.clone()?)));
        if !self.app.app_permission_files.is_empty() || app_manifest.is_some() {
            let dir = self.app.root.join("permissions");
            let mut plugin = Plugin::new(APP_KEY, PluginSource::App { dir });
            if let Some((file, declared)) = &app_manifest {
                // tauri-build reads `permissions/autogenerated/*` first.
                let commands = self.app.generated_app_commands.clone();
                plugin.merge(*file, &generated_permissions(&commands, None));
                plugin.files.clear();
                if let Some(unreadable) = &declared.unreadable {
                    incomplete.insert(
                        APP_KEY.to_owned(),
                        format!(
                            "cannot check the app's own permissions: its build.rs declares commands with `AppManifest::commands`, and {} (tauri-acl reads literal arrays and `const` arrays of the same file)",
                            unreadable.reason
                        ),
                    );
                }
            }
            for file in self.app.app_permission_files.clone() {
                if let Some(permission_file) = self.workspace.file(file).permission_file() {
                    let permission_file = permission_file.clone();
                    plugin.merge(file, &permission_file);
                }
            }
            if let Some((file, _)) = &app_manifest {
                forget_refined(&mut plugin, *file);
            }
            if !plugin.is_empty() {
                catalogue.plugins.insert(APP_KEY.to_owned(), plugin);
            }
        }
        // A plugin whose sources are missing is still known when the generated
        // catalogue has it; only the rest are worth a note.
        for key in catalogue.plugins.keys() {
            self.app.missing_plugins.remove(key);
            self.app.missing_platforms.remove(key);
        }
        self.app.missing_plugins.extend(incomplete);
        for message in self
            .app
            .missing_plugins
            .values()
            .cloned()
            .collect::<Vec<_>>()
        {
            self.issue(Code::MissingPluginSource, message, None);
        }
        self.app.catalogue = catalogue;
    }

    /// A plugin crate's `tauri_plugin::Builder::new(COMMANDS)`: the permissions the
    /// crate's build generates into `permissions/autogenerated/commands/` (git-ignored in
    /// workspace and path plugins, published with registry crates), merged first for the
    /// commands whose file is not there; a file that is there is read as it is.
    fn crate_build_script(
        &mut self,
        plugin: &mut Plugin,
        dir: &Path,
        files: &[FileId],
        incomplete: &mut BTreeMap<String, String>,
    ) {
        let path = dir.join("build.rs");
        if !self.fs.is_file(&path) {
            return;
        }
        let Some(file) = self.read(&path, FileKind::BuildScript) else {
            return;
        };
        // A plugin crate inside the app's `src/` was already read as Rust source.
        let declared = match self.script(file) {
            Some(script) => script.plugin_builder.clone(),
            None => {
                crate::workspace::build_script::scan(&self.workspace.file(file).text).plugin_builder
            }
        };
        let Some(declared) = declared else {
            return;
        };
        let generated_dir = dir
            .join("permissions")
            .join("autogenerated")
            .join("commands");
        let commands = not_yet_generated(self.workspace, files, &generated_dir, &declared.commands);
        plugin.merge(file, &generated_permissions(&commands, None));
        plugin.files.retain(|merged| *merged != file);
        // A crate from the registry or a git checkout is the published text, generated
        // files included (its build wrote them before it was packaged or committed):
        // with any of them on disk, a list the scan cannot read is already written out.
        // A path crate may have changed since its last build.
        let published = !matches!(plugin.source, PluginSource::Path { .. })
            && files.iter().any(|file| {
                self.workspace.file(*file).path.parent() == Some(generated_dir.as_path())
            });
        if let (Some(unreadable), false) = (&declared.unreadable, published) {
            incomplete.insert(
                plugin.key.clone(),
                format!(
                    "cannot check every `{}:` identifier: {} declares its commands with `tauri_plugin::Builder::new`, and {} (tauri-acl reads literal arrays and `const` arrays of the same file)",
                    plugin.key,
                    path.display(),
                    unreadable.reason
                ),
            );
        }
    }

    /// `Attributes::plugin(name, InlinedPlugin)` in the app's `build.rs` (tauri-build
    /// `inline_plugins`): the generated permissions and default, then the files of the
    /// plugin's pattern, else of `permissions/<name>/**/*`.
    fn inline_plugins(
        &mut self,
        catalogue: &mut Catalogue,
        incomplete: &mut BTreeMap<String, String>,
    ) {
        let Some(file) = self.app.build_script else {
            return;
        };
        let Some(script) = self.script(file).cloned() else {
            return;
        };
        if let Some(unreadable) = script.unreadable_plugins.first() {
            let message = format!(
                "cannot check plugin names the app does not depend on: its build.rs registers an inlined plugin tauri-acl cannot read ({}), so any name may be that plugin",
                unreadable.reason
            );
            self.issue(Code::MissingPluginSource, message.clone(), None);
            self.app.unreadable_plugin = Some(message);
        }
        for inline in &script.inline_plugins {
            let key = inline.name.value.clone();
            let mut plugin = Plugin::new(
                key.clone(),
                PluginSource::Inline {
                    file,
                    name: key.clone(),
                },
            );
            plugin.merge(
                file,
                &generated_permissions(&inline.declared.commands, inline.default.as_ref()),
            );
            plugin.files.clear();
            let files = match &inline.declared.permissions_path_pattern {
                Some(pattern) => self.pattern_files(&pattern.value),
                None => self.permission_files(&self.app.root.join("permissions").join(&key)),
            };
            for permission in files {
                if let Some(permission_file) = self.workspace.file(permission).permission_file() {
                    let permission_file = permission_file.clone();
                    plugin.merge(permission, &permission_file);
                }
            }
            forget_refined(&mut plugin, file);
            if let Some(unreadable) = &inline.declared.unreadable {
                incomplete.insert(
                    key.clone(),
                    format!(
                        "cannot check every `{key}:` identifier: the app's build.rs declares the inlined plugin `{key}`, and {} (tauri-acl reads literal arrays and `const` arrays of the same file)",
                        unreadable.reason
                    ),
                );
            }
            // Tauri registers an inlined plugin even when it defines nothing.
            catalogue.plugins.insert(key, plugin);
        }
    }

    /// Notes plugins whose sources define other identifiers than the generated catalogue
    /// lists: `acl-manifests.json` is then from an older build. (Comparing file dates
    /// would not do: tauri-build only rewrites the file when its content changes.)
    fn compare_with_generated(&mut self, catalogue: &Catalogue) {
        let Some(acl) = self.app.acl_manifests else {
            return;
        };
        let FileModel::AclManifests(generated) = &self.workspace.file(acl).model else {
            return;
        };
        let mut notes = Vec::new();
        for (key, plugin) in &catalogue.plugins {
            if matches!(plugin.source, PluginSource::AclManifests { .. }) {
                continue;
            }
            let Some((old, _)) = generated.manifests.get(key) else {
                continue;
            };
            let mut listed = Plugin::new(key.clone(), PluginSource::AclManifests { file: acl });
            listed.merge(acl, old);
            let now: std::collections::BTreeSet<String> =
                plugin.identifiers().into_iter().collect();
            let then: std::collections::BTreeSet<String> =
                listed.identifiers().into_iter().collect();
            if now == then {
                continue;
            }
            let sample = |ids: Vec<&String>| {
                let shown: Vec<String> = ids.iter().take(3).map(|id| format!("`{id}`")).collect();
                let more = ids.len().saturating_sub(3);
                if more > 0 {
                    format!("{} and {more} more", shown.join(", "))
                } else {
                    shown.join(", ")
                }
            };
            let added: Vec<&String> = now.difference(&then).collect();
            let removed: Vec<&String> = then.difference(&now).collect();
            let mut parts = Vec::new();
            if !added.is_empty() {
                parts.push(format!(
                    "{} defines {} that it does not list",
                    plugin.source.describe(),
                    sample(added)
                ));
            }
            if !removed.is_empty() {
                parts.push(format!(
                    "it lists {} that {} no longer defines",
                    sample(removed),
                    plugin.source.describe()
                ));
            }
            notes.push(format!(
                "gen/schemas/acl-manifests.json is older than the sources of `{key}`: {}; the sources win, and the next build regenerates the file",
                parts.join(", and ")
            ));
        }
        for note in notes {
            self.issue(Code::StaleCatalogue, note, Some(acl));
        }
    }

    /// A plugin crate's manifests: `permissions/**/*` as tauri-plugin's build collects
    /// them.
    pub(super) fn crate_plugin(
        &mut self,
        key: &str,
        source: PluginSource,
        dir: &Path,
        incomplete: &mut BTreeMap<String, String>,
    ) -> Plugin {
        let files = self.permission_files(&dir.join("permissions"));
        let mut plugin = Plugin::new(key, source);
        self.crate_build_script(&mut plugin, dir, &files, incomplete);
        for file in files {
            if let Some(permission_file) = self.workspace.file(file).permission_file() {
                let permission_file = permission_file.clone();
                plugin.merge(file, &permission_file);
            }
        }
        if let Some(build) = self
            .app
            .files
            .iter()
            .copied()
            .find(|file| self.workspace.file(*file).path == dir.join("build.rs"))
        {
            forget_refined(&mut plugin, build);
        }
        plugin
    }

    /// Adds one crate version's plugins from the bundled catalogue, where nothing more
    /// exact defines them: sources in a cargo home always win, and
    /// `acl-manifests.json` wins when it defines what the locked version defines (it
    /// was built from it, and it also holds descriptions and scope schemas) or when
    /// only an older release of the minor is bundled.
    fn bundled_plugins(
        &mut self,
        catalogue: &mut Catalogue,
        found: &BundledMatch,
        platforms: Option<Vec<Platform>>,
    ) {
        let Some(file) = self.bundled_file(found) else {
            return;
        };
        let manifests = match &self.workspace.file(file).model {
            FileModel::AclManifests(acl) => acl.manifests.clone(),
            _ => return,
        };
        let is_core = found.name == "tauri";
        for (key, (permission_file, schema)) in manifests {
            let mut plugin = Plugin::new(
                key.clone(),
                PluginSource::Bundled {
                    name: found.name.clone(),
                    version: found.version.clone(),
                    locked: found.locked.clone(),
                    file,
                },
            );
            plugin.merge(file, &permission_file);
            plugin.global_scope_schema = schema;
            if !is_core {
                plugin.platforms = platforms.clone();
            }
            if let Some(existing) = catalogue.plugins.get(&key) {
                let PluginSource::AclManifests { .. } = existing.source else {
                    continue;
                };
                if !found.is_exact() || same_facts(existing, &plugin) {
                    continue;
                }
            }
            // Keep a schema only the generated file has (the bundled data has one
            // only when the crate's sources do).
            if plugin.global_scope_schema.is_none() {
                plugin.global_scope_schema = catalogue
                    .plugins
                    .get(&key)
                    .and_then(|previous| previous.global_scope_schema.clone());
            }
            catalogue.plugins.insert(key, plugin);
        }
    }

    /// The virtual file holding a bundled crate version's manifests, named after that
    /// version and shared by every app that uses it.
    fn bundled_file(&mut self, found: &BundledMatch) -> Option<FileId> {
        let path = PathBuf::from(format!(
            "{BUNDLED_ROOT}/{}-{}/acl-manifests.json",
            found.name, found.version
        ));
        let id = match self.workspace.file_id(&path) {
            Some(id) => id,
            None => {
                let text = bundled::bundled().manifests_text(&found.entry)?;
                self.workspace.insert(crate::workspace::SourceFile::new(
                    path,
                    FileKind::Bundled,
                    text.as_bytes(),
                ))
            }
        };
        if !self.app.files.contains(&id) {
            self.app.files.push(id);
        }
        Some(id)
    }

    pub(super) fn core_plugins(&mut self, catalogue: &mut Catalogue, dir: &Path, version: &str) {
        let Some(file) = self.read(&dir.join("build.rs"), FileKind::CoreBuildScript) else {
            return;
        };
        let table = match &self.workspace.file(file).model {
            FileModel::Core(Some(table)) => table.clone(),
            _ => {
                self.issue(
                    Code::MissingPluginSource,
                    format!(
                        "tauri {version}'s build.rs holds no `PLUGINS` command table, so core permissions are unknown"
                    ),
                    Some(file),
                );
                return;
            }
        };
        for (key, permission_file) in core_table::core_manifests(&table) {
            let mut plugin = Plugin::new(
                key.clone(),
                PluginSource::CoreTable {
                    version: version.to_owned(),
                    file,
                },
            );
            plugin.merge(file, &permission_file);
            plugin.files.clear();
            catalogue.plugins.insert(key, plugin);
        }
    }
}

/// A hand-written permission with the identifier of a generated one replaces it, as
/// in Tauri (which reads its own generated files twice, so replacing is its normal
/// case): a refinement of a generated permission is not a duplicate worth a warning.
fn forget_refined(plugin: &mut Plugin, build_script: FileId) {
    plugin
        .shadowed
        .retain(|shadowed| shadowed.earlier.0 != build_script);
}

/// The `commands` whose generated `<dir>/<cmd>.toml` is not among `files`.
pub(super) fn not_yet_generated(
    workspace: &Workspace,
    files: &[FileId],
    dir: &Path,
    commands: &[Spanned<String>],
) -> Vec<Spanned<String>> {
    let present: std::collections::HashSet<PathBuf> = files
        .iter()
        .map(|file| workspace.file(*file).path.clone())
        .filter(|path| path.parent() == Some(dir))
        .collect();
    commands
        .iter()
        .filter(|command| !present.contains(&dir.join(format!("{}.toml", command.value))))
        .cloned()
        .collect()
}

/// The message for a plugin the app depends on only on some platforms: a desktop build's
/// `acl-manifests.json` leaves a mobile-only plugin out, so it cannot be checked there.
fn only_on_note(platforms: &[Platform], has_acl_manifests: bool, message: &str) -> String {
    let names: Vec<&str> = platforms.iter().map(|platform| platform.name()).collect();
    let generated = if has_acl_manifests && platforms.iter().all(|platform| platform.is_mobile()) {
        " (gen/schemas/acl-manifests.json comes from a desktop build, which leaves it out)"
    } else {
        ""
    };
    format!(
        "cannot check on {}, the only platforms Cargo.toml depends on it for{generated}: {message}",
        names.join(", ")
    )
}

/// Whether two catalogues of one plugin define the same things (descriptions and
/// scope schemas aside).
fn same_facts(a: &Plugin, b: &Plugin) -> bool {
    let facts = |plugin: &Plugin| {
        let mut value = bundled::encode_plugin(plugin);
        if let Some(object) = value.as_object_mut() {
            object.remove("global_scope_schema");
        }
        value
    };
    facts(a) == facts(b)
}

/// Widens a plugin's availability by one dependency's platforms (`None`: all).
fn merge_platforms(entry: &mut Option<Vec<Platform>>, platforms: &Option<Vec<Platform>>) {
    match (platforms, entry.as_mut()) {
        (None, _) => *entry = None,
        (Some(list), Some(existing)) => {
            existing.extend(list.iter().copied());
            existing.sort();
            existing.dedup();
        }
        (Some(_), None) => {}
    }
}

/// The plugins one unpacked crate defines (`tauri`'s core modules, or a plugin keyed
/// by its `links`), read exactly as the loader reads a dependency's sources; for the
/// bundled catalogue's generator and its tests. Problems go to the returned issues.
pub fn read_crate(
    fs: &dyn Fs,
    workspace: &mut Workspace,
    dir: &Path,
    name: &str,
) -> (Vec<Plugin>, Vec<WorkspaceIssue>) {
    let options = LoadOptions::default();
    let mut loader = Loader {
        fs,
        workspace,
        options: &options,
        app: App {
            root: dir.to_path_buf(),
            ..App::default()
        },
    };
    let Some(source) = crate_source::read_crate(fs, dir, name, CrateOrigin::Registry) else {
        loader.issue(
            Code::MissingPluginSource,
            format!("`{}` holds no Cargo.toml for `{name}`", dir.display()),
            None,
        );
        return (Vec::new(), loader.app.issues);
    };
    let version = source.version.clone().unwrap_or_default();
    let mut catalogue = Catalogue::default();
    if name == "tauri" {
        loader.core_plugins(&mut catalogue, dir, &version);
    } else if let Some(links) = &source.manifest.links {
        let key = plugin_key(links);
        let plugin_source = PluginSource::Registry {
            name: name.to_owned(),
            version,
            dir: dir.to_path_buf(),
        };
        let mut incomplete = BTreeMap::new();
        let plugin = loader.crate_plugin(&key, plugin_source, dir, &mut incomplete);
        for message in incomplete.into_values() {
            loader.issue(Code::MissingPluginSource, message, None);
        }
        catalogue.plugins.insert(key, plugin);
    }
    (catalogue.plugins.into_values().collect(), loader.app.issues)
}
