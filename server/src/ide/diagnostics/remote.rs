// Diagnostic: invalid-remote-url.
//
//! Remote URLs are URL patterns (the URLPattern standard). Tauri compiles them when it
//! resolves the ACL and panics on one it cannot parse, so each is compiled here the same
//! way first.

use super::{AppContext, Diagnostic};
use crate::diagnostic::Code;
use crate::resolver::pattern::RemoteUrlPattern;

pub(super) fn check(context: &AppContext<'_>, acc: &mut Vec<Diagnostic>) {
    for reference in context.wanted_capabilities() {
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

#[cfg(test)]
mod tests {
    use crate::ide::diagnostics::render_fixture;

    #[test]
    fn invalid_remote_url_patterns() {
        insta::assert_snapshot!(render_fixture(r#"{
  "identifier": "remote",
  "windows": ["main"],
  "remote": { "urls": ["https://*.example.com", "example.com/app", "https://example.com/("] },
  "permissions": []
}"#), @r#"
        error[invalid-remote-url]: `example.com/app` is not a valid URL pattern (a relative input without a base URL is not valid); Tauri panics on it when it builds the app
         --> /src-tauri/capabilities/default.json:4:49
          |
        4 |   "remote": { "urls": ["https://*.example.com", "example.com/app", "https://example.com/("] },
          |                                                 ^^^^^^^^^^^^^^^^^
          |
          = help: write a full URL pattern with a scheme, such as `https://*.example.com` or `https://example.com/app/*`
        error[invalid-remote-url]: `https://example.com/(` is not a valid URL pattern (tokenizer error: invalid regex: missing closing ) (at char 1)); Tauri panics on it when it builds the app
         --> /src-tauri/capabilities/default.json:4:68
          |
        4 |   "remote": { "urls": ["https://*.example.com", "example.com/app", "https://example.com/("] },
          |                                                                    ^^^^^^^^^^^^^^^^^^^^^^^
          |
          = help: write a full URL pattern with a scheme, such as `https://*.example.com` or `https://example.com/app/*`
        "#);
    }
}
