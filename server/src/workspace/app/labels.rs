//! The window and webview labels an app knows: from the Tauri config, the Rust sources
//! (literals, `const`s, `format!` patterns) and the frontend's `new WebviewWindow(…)` calls.

use super::*;

impl Loader<'_> {
    pub(super) fn labels(&mut self) {
        let mut labels = Vec::new();
        let overridden: Vec<Platform> = self
            .app
            .overlays
            .iter()
            .filter(|(_, file)| {
                self.workspace
                    .file(*file)
                    .config()
                    .is_some_and(|config| config.windows.is_some())
            })
            .map(|(platform, _)| *platform)
            .collect();
        let base_platforms = (!overridden.is_empty()).then(|| {
            Platform::ALL
                .into_iter()
                .filter(|platform| !overridden.contains(platform))
                .collect::<Vec<_>>()
        });
        let mut configs: Vec<(FileId, Option<Vec<Platform>>)> = Vec::new();
        if let Some(file) = self.app.config {
            configs.push((file, base_platforms));
        }
        for (platform, file) in &self.app.overlays {
            configs.push((*file, Some(vec![*platform])));
        }
        for (file, platforms) in configs {
            let Some(config) = self.workspace.file(file).config() else {
                continue;
            };
            for window in config.windows.iter().flat_map(|windows| &windows.value) {
                labels.push(LabelSource {
                    label: window.label.value.clone(),
                    kind: LabelKind::WebviewWindow,
                    file,
                    range: window.label.range,
                    from_config: true,
                    is_lookup: false,
                    is_pattern: false,
                    platforms: platforms.clone(),
                });
            }
        }
        // A label named by a constant takes the constant's value when exactly one string
        // constant of the app's sources has that name; two different values could be
        // either, so the label stays unknown (made at run time) as before.
        let mut constants: BTreeMap<&str, Option<&str>> = BTreeMap::new();
        for file in &self.app.rust_files {
            let FileModel::Rust(scan) = &self.workspace.file(*file).model else {
                continue;
            };
            for constant in &scan.constants {
                constants
                    .entry(constant.name.as_str())
                    .and_modify(|value| {
                        if *value != Some(constant.value.as_str()) {
                            *value = None;
                        }
                    })
                    .or_insert(Some(constant.value.as_str()));
            }
        }
        let mut dynamic_labels = Vec::new();
        for file in &self.app.rust_files {
            let FileModel::Rust(scan) = &self.workspace.file(*file).model else {
                continue;
            };
            for found in &scan.labels {
                let label = found.label.as_deref().or_else(|| {
                    let name = found.constant.as_deref()?;
                    constants.get(name).copied().flatten()
                });
                match label {
                    Some(label) => labels.push(LabelSource {
                        label: label.to_owned(),
                        kind: found.kind,
                        file: *file,
                        range: found.range,
                        from_config: false,
                        is_lookup: found.is_lookup,
                        is_pattern: found.is_pattern,
                        platforms: None,
                    }),
                    None if !found.is_lookup => dynamic_labels.push((*file, found.range)),
                    None => {}
                }
            }
        }
        for file in &self.app.frontend_files {
            let FileModel::Frontend(scan) = &self.workspace.file(*file).model else {
                continue;
            };
            for found in &scan.labels {
                match &found.label {
                    Some(label) => labels.push(LabelSource {
                        label: label.clone(),
                        kind: found.kind,
                        file: *file,
                        range: found.range,
                        from_config: false,
                        is_lookup: found.is_lookup,
                        is_pattern: found.is_pattern,
                        platforms: None,
                    }),
                    None if !found.is_lookup => dynamic_labels.push((*file, found.range)),
                    None => {}
                }
            }
        }
        self.app.dynamic_labels.extend(dynamic_labels);
        self.app.labels = labels;
    }
}
