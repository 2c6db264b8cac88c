//! The outcome of a plugin's scope check, shared by the fs and http rules: a value the
//! plugin cannot read fails the call, a matching deny entry wins over any allow entry,
//! and without a matching allow entry the value is refused.

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    Allowed,
    /// A deny entry matched.
    Denied,
    /// No allow entry matched.
    NotAllowed,
    /// The plugin cannot build the scope or read the value, so the call fails.
    Failed(String),
}

impl Verdict {
    pub fn decide(failure: Option<String>, denied: bool, allowed: bool) -> Verdict {
        match failure {
            Some(failure) => Verdict::Failed(failure),
            None if denied => Verdict::Denied,
            None if allowed => Verdict::Allowed,
            None => Verdict::NotAllowed,
        }
    }
}
