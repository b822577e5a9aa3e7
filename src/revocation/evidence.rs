//! One piece of revocation evidence before it is weighed against the others, and how fresh
//! evidence must be.

use crate::algorithms::{AlgorithmPolicy, KeyStrength};
use crate::derwalk;
use crate::lang::{localized, Localized};
use crate::public_key::PublicKey;
use crate::revocation::crl::RevokedEntry;
use crate::revocation::policy::RevocationPolicy;
use crate::rule::{day_of, Finding};
use crate::signature::SignatureScheme;
use crate::x509::dn_key;
use x509_parser::prelude::*;

/// How fresh evidence must be.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Freshness {
    /// When set, a CRL or OCSP response whose thisUpdate is older than this many seconds is
    /// stale, whatever its nextUpdate says (BoringSSL and Chrome use 7 days); `sceau verify
    /// --max-age`.
    pub max_age: Option<u64>,
    /// How old evidence without a nextUpdate may be when `max_age` is not set: without it,
    /// such evidence never goes stale. Default [`Freshness::WITHOUT_NEXT_UPDATE`].
    pub max_age_without_next_update: u64,
}

impl Freshness {
    /// Seven days: evidence without nextUpdate is stale one week after its thisUpdate.
    pub const WITHOUT_NEXT_UPDATE: u64 = 7 * 86_400;
}

impl Default for Freshness {
    fn default() -> Self {
        Freshness {
            max_age: None,
            max_age_without_next_update: Freshness::WITHOUT_NEXT_UPDATE,
        }
    }
}

/// What a revocation status is judged under: the time it is wanted for, how fresh evidence
/// must be, how much evidence is demanded, and the algorithm policy its signatures must meet.
#[derive(Clone, Copy, Debug)]
pub struct StatusRules<'p> {
    /// The time the status is wanted for (Unix seconds).
    pub time: i64,
    /// How fresh evidence must be.
    pub freshness: Freshness,
    /// How much evidence is demanded (a delegated OCSP responder counts under `required` only
    /// when known good).
    pub policy: RevocationPolicy,
    /// The policy every signature of the evidence must meet, judged on the day of `time`.
    pub algorithms: &'p AlgorithmPolicy,
    /// Past validation (a signature's status at its proof of existence, ETSI EN 319 102-1
    /// §5.6.2): evidence issued after `time`, up to this time, also tells the status at
    /// `time`. `None`: evidence must be current at `time`.
    pub evidence_until: Option<i64>,
}

impl StatusRules<'_> {
    /// The latest issuance time evidence may have.
    pub(crate) fn latest(&self) -> i64 {
        self.evidence_until.unwrap_or(self.time).max(self.time)
    }
}

/// Why the algorithm policy refuses a signature of evidence made with `scheme` by `signer`'s
/// key, judged on the day of the status's time; `None` when it accepts it.
pub(crate) fn refused_algorithm(
    scheme: &SignatureScheme,
    signer: &X509Certificate<'_>,
    rules: &StatusRules<'_>,
) -> Option<Localized> {
    let key = KeyStrength::of(&PublicKey::from_spki(signer.public_key()));
    let findings = rules
        .algorithms
        .check_signature(scheme, key, day_of(rules.time), "signature");
    let reasons: Vec<Localized> = findings.iter().map(Finding::localized).collect();
    (!reasons.is_empty()).then(|| {
        localized!(
            "the {policy} algorithm policy refuses its signature: {why}",
            "la politique d'algorithmes {policy} refuse sa signature : {why}",
            policy = rules.algorithms.name,
            why = Localized::join(&reasons, "; ", " ; ")
        )
    })
}

/// A number of seconds for people: `7 days`, `12 h`, `90 s`.
pub(crate) fn duration_text(seconds: u64) -> Localized {
    match seconds {
        s if s >= 86_400 && s % 86_400 == 0 => {
            localized!("{n} days", "{n} jours", n = s / 86_400)
        }
        s if s >= 3_600 && s % 3_600 == 0 => Localized::same(format!("{} h", s / 3_600)),
        s => Localized::same(format!("{s} s")),
    }
}

/// What one CRL or OCSP response says of one certificate.
pub(crate) enum Evidence {
    /// Not revoked, per this source.
    Good {
        /// Which source said so.
        source: Localized,
        /// Why the source is out of date, if it is.
        stale: Option<Localized>,
        /// The reasons the source covers (ReasonFlags bits); `None`: every reason.
        reasons: Option<u16>,
        /// A revocation the source records after the time the status is wanted for.
        revoked_later: Option<RevokedEntry>,
    },
    /// Revoked.
    Revoked {
        /// When and why.
        entry: RevokedEntry,
        /// Which source said so.
        source: Localized,
    },
}

/// What the CRLs at hand say of a delegated OCSP responder's own certificate.
pub(crate) enum Standing {
    /// Not revoked, per fresh evidence.
    Good,
    /// Revoked on this date (RFC 3339).
    Revoked(String),
    /// Not known: no fresh evidence, and why.
    Unknown(Localized),
}

/// `source: why`, the way every reason about a piece of evidence is told.
pub(crate) fn about(source: &Localized, why: &Localized) -> Localized {
    localized!(
        "{source}: {why}",
        "{source} : {why}",
        source = source,
        why = why
    )
}

/// Whether evidence issued at `this_update` (valid until `next_update`) is fresh at `time`.
pub(crate) enum Staleness {
    /// Fresh.
    Fresh,
    /// Issued after the validation time.
    NotYetValid(Localized),
    /// Past its nextUpdate, or older than the maximum age.
    Expired(Localized),
}

impl Staleness {
    /// Why the evidence is out of date, if it is.
    pub(crate) fn why(self) -> Option<Localized> {
        match self {
            Staleness::Fresh => None,
            Staleness::NotYetValid(why) | Staleness::Expired(why) => Some(why),
        }
    }
}

/// How fresh evidence issued at `this_update` and valid until `next_update` is at `rules.time`;
/// `what` names it (`the CRL`, `the OCSP response`). In past validation, evidence issued after
/// that time (up to `rules.evidence_until`) is fresh: it tells the status then.
pub(crate) fn staleness(
    this_update: i64,
    next_update: Option<i64>,
    rules: &StatusRules<'_>,
    what: &Localized,
) -> Staleness {
    let (time, freshness) = (rules.time, rules.freshness);
    if this_update > time && this_update <= rules.latest() {
        return Staleness::Fresh;
    }
    if this_update > time {
        return Staleness::NotYetValid(localized!(
            "its thisUpdate {this} is after the validation time {time}",
            "son thisUpdate {this} est postérieur à la date de validation {time}",
            this = derwalk::rfc3339(this_update),
            time = derwalk::rfc3339(time)
        ));
    }
    if let Some(next) = next_update {
        if next < time {
            return Staleness::Expired(localized!(
                "{what} expired at its nextUpdate {next}",
                "{what} a expiré à son nextUpdate {next}",
                what = what,
                next = derwalk::rfc3339(next)
            ));
        }
    }
    let limit = match (freshness.max_age, next_update) {
        (Some(max_age), _) => Some((max_age, false)),
        (None, None) => Some((freshness.max_age_without_next_update, true)),
        (None, Some(_)) => None,
    };
    if let Some((max_age, without_next_update)) = limit {
        let age = time.saturating_sub(this_update);
        if u64::try_from(age).is_ok_and(|age| age > max_age) {
            return Staleness::Expired(if without_next_update {
                localized!(
                    "it has no nextUpdate and its thisUpdate {this} is more than {max} old",
                    "elle n'a pas de nextUpdate et son thisUpdate {this} date de plus de {max}",
                    this = derwalk::rfc3339(this_update),
                    max = duration_text(max_age)
                )
            } else {
                localized!(
                    "its thisUpdate {this} is more than {max} old",
                    "son thisUpdate {this} date de plus de {max}",
                    this = derwalk::rfc3339(this_update),
                    max = duration_text(max_age)
                )
            });
        }
    }
    Staleness::Fresh
}

/// Whether the name in `der` is `key` (already normalised) — bytes first, RFC 5280 §7.1
/// comparison (case and white space of strings) when the bytes differ.
pub(crate) fn same_name(der: &[u8], key: &str, raw: &[u8]) -> bool {
    der == raw || X509Name::from_der(der).is_ok_and(|(_, name)| dn_key(&name) == key)
}
