//! The revocation policy, as data: how much evidence a verification demands.

use serde::Serialize;

/// How much revocation evidence a verification demands.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum RevocationPolicy {
    /// Every certificate but the anchor needs fresh evidence; anything less fails closed.
    #[default]
    Required,
    /// Evidence is used when there is some; its absence or staleness is a warning.
    BestEffort,
    /// Revocation is not looked at.
    Off,
}

impl std::str::FromStr for RevocationPolicy {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            "required" => Ok(RevocationPolicy::Required),
            "best-effort" => Ok(RevocationPolicy::BestEffort),
            "off" => Ok(RevocationPolicy::Off),
            other => Err(format!(
                "unknown revocation policy '{other}': expected required, best-effort or off"
            )),
        }
    }
}
