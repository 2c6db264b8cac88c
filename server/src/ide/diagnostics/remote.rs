// Diagnostic: invalid-remote-url.
//
//! Remote URLs are URL patterns (the URLPattern standard). Tauri compiles them when it
//! resolves the ACL and panics on one it cannot parse, so each is compiled here the same
//! way first.

use super::{AppContext, Diagnostic};
use crate::diagnostic::Code;
use crate::resolver::pattern::RemoteUrlPattern;

pub(super) fn check(context: &AppContext<'_>, acc: &mut Vec<Diagnostic>) {
    for reference in &context.capabilities {
        let Some(capability) = context.capability(*reference) else {
            continue;
        };
        for url in capability.remote_urls() {
            if let Err(message) = RemoteUrlPattern::parse(&url.value) {
                acc.push(
                    Diagnostic::new(
                        Code::InvalidRemoteUrl,
                        reference.file,
                        url.range,
                        format!("`{}` is not a valid URL pattern ({message}); Tauri panics on it when it builds the app", url.value),
                    )
                    .note("help: write a full URL pattern with a scheme, such as `https://*.example.com` or `https://example.com/app/*`"),
                );
            }
        }
    }
}
