//! Revocation: CRLs and OCSP responses as evidence, judged for each certificate of a validated
//! path under a revocation policy.
//!
//! A source is *evidence* for a certificate only when it is issued for that certificate's issuer,
//! in scope (Issuing Distribution Point vs the certificate's CRL distribution points), signed by
//! a key of the validated path that bears that issuer's name, and readable in every critical
//! part. What a source says then counts: `revoked` always wins, a fresh `good` settles the
//! question, a stale `good` is accepted only under [`RevocationPolicy::BestEffort`].

mod crl;
mod ocsp;

use serde::Serialize;
use x509_parser::prelude::*;

use crate::derwalk::{self, Tlv, Walker};
use crate::report::{rule, Finding, Rule};
use crate::x509::{dn_key, dn_text};

pub use crl::{Crl, IssuingDistributionPoint, RevokedEntry};
pub use ocsp::OcspResponse;

rule!(
    REVOKED,
    "revocation.revoked",
    Error,
    "RFC 5280 §6.3; RFC 6960 §2.2",
    "{subject} (serial {serial}) was revoked on {date} (reason: {reason}), according to {source}.",
    "{subject} (numéro de série {serial}) a été révoqué le {date} (motif : {reason}), selon {source}."
);
rule!(
    MISSING,
    "revocation.missing",
    Error,
    "RFC 5280 §6.3; Diapason annex 1 (client certificates: revocation mandatory)",
    "No usable revocation status for {subject} (serial {serial}), and the policy requires one: {why}.",
    "Aucun statut de révocation utilisable pour {subject} (numéro de série {serial}), alors que la politique en exige un : {why}."
);
rule!(
    UNCHECKED,
    "revocation.unchecked",
    Warning,
    "RFC 5280 §6.3 (best effort)",
    "The revocation status of {subject} (serial {serial}) could not be established: {why}.",
    "Le statut de révocation de {subject} (numéro de série {serial}) n'a pas pu être établi : {why}."
);
rule!(
    STALE,
    "revocation.stale",
    Error,
    "RFC 5280 §5.1.2.5; RFC 6960 §4.2.2.1",
    "The only revocation evidence for {subject} (serial {serial}) is out of date: {why}.",
    "La seule preuve de non-révocation de {subject} (numéro de série {serial}) est périmée : {why}."
);
rule!(
    STALE_ACCEPTED,
    "revocation.stale_accepted",
    Warning,
    "RFC 5280 §5.1.2.5 (best effort)",
    "{subject} (serial {serial}) was judged on out-of-date evidence: {why}.",
    "{subject} (numéro de série {serial}) a été jugé sur une preuve périmée : {why}."
);

/// The rules of revocation checking.
pub fn rules() -> Vec<&'static Rule> {
    vec![&REVOKED, &MISSING, &UNCHECKED, &STALE, &STALE_ACCEPTED]
}

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

/// The names of a distribution point, as comparable keys: `uri:…`, `dns:…`, `dn:` + a
/// normalised distinguished name (a relative name is appended to its issuer's DN first).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DistributionPointNames(Vec<String>);

impl DistributionPointNames {
    /// Reads a DistributionPointName (the element inside its `[0]` wrapper): a `[0]` fullName
    /// or a `[1]` nameRelativeToCRLIssuer, the latter appended to `issuer`. x509-parser skips
    /// a relative name silently, which would widen a CRL's scope, so this is read here.
    pub(crate) fn read(choice: &Tlv<'_>, issuer: &X509Name<'_>) -> Result<Self, String> {
        match choice.tag {
            0xa0 => {
                let mut names = Vec::new();
                let mut w = Walker::new(choice.value);
                while !w.is_empty() {
                    let one = w.any("fullName")?;
                    let raw = &choice.value[one.start..one.end];
                    let (_, name) = GeneralName::from_der(raw)
                        .map_err(|e| format!("fullName: {e}"))?;
                    names.push(general_name_key(&name));
                }
                if names.is_empty() {
                    return Err("fullName: no GeneralName".into());
                }
                Ok(DistributionPointNames(names))
            }
            0xa1 => {
                let mut set = vec![0x31];
                set.extend(der_length(choice.value.len()));
                set.extend_from_slice(choice.value);
                let (_, rdn) = RelativeDistinguishedName::from_der(&set)
                    .map_err(|e| format!("nameRelativeToCRLIssuer: {e}"))?;
                let mut key = format!("dn:{}", dn_key(issuer));
                key.push(',');
                key.push_str(&crate::x509::rdn_key(&rdn));
                Ok(DistributionPointNames(vec![key]))
            }
            tag => Err(format!(
                "DistributionPointName: tag 0x{tag:02x} is neither fullName nor nameRelativeToCRLIssuer"
            )),
        }
    }

    fn intersects(&self, other: &DistributionPointNames) -> bool {
        self.0.iter().any(|n| other.0.contains(n))
    }
}

fn general_name_key(name: &GeneralName<'_>) -> String {
    match name {
        GeneralName::URI(u) => format!("uri:{u}"),
        GeneralName::DNSName(d) => format!("dns:{}", d.to_ascii_lowercase()),
        GeneralName::DirectoryName(dn) => format!("dn:{}", dn_key(dn)),
        other => format!("other:{other:?}"),
    }
}

fn der_length(len: usize) -> Vec<u8> {
    if len < 0x80 {
        return vec![len as u8];
    }
    let bytes: Vec<u8> = len
        .to_be_bytes()
        .into_iter()
        .skip_while(|&b| b == 0)
        .collect();
    let mut out = vec![0x80 | bytes.len() as u8];
    out.extend(bytes);
    out
}

/// One DistributionPoint of a certificate's cRLDistributionPoints.
struct CertDistributionPoint {
    names: Option<DistributionPointNames>,
    crl_issuer: bool,
}

/// The certificate's cRLDistributionPoints, read strictly; an unreadable extension is an error
/// (the CRL's applicability cannot then be decided).
fn cert_distribution_points(
    cert: &X509Certificate<'_>,
) -> Result<Vec<CertDistributionPoint>, String> {
    const OID_CRL_DISTRIBUTION_POINTS: &[u8] = &[0x55, 0x1d, 0x1f];
    let Some(ext) = cert
        .extensions()
        .iter()
        .find(|e| e.oid.as_bytes() == OID_CRL_DISTRIBUTION_POINTS)
    else {
        return Ok(Vec::new());
    };
    let what = "cRLDistributionPoints";
    let mut outer = Walker::new(ext.value);
    let list = outer.expect(derwalk::SEQUENCE, what)?;
    outer.finish(what)?;
    let mut points = Walker::inside(ext.value, &list);
    let mut out = Vec::new();
    while !points.is_empty() {
        let point = points.expect(derwalk::SEQUENCE, "DistributionPoint")?;
        let mut fields = Walker::inside(ext.value, &point);
        let mut names = None;
        let mut crl_issuer = false;
        if let Some(wrapper) = fields.optional(0xa0, "distributionPoint")? {
            let mut inner = Walker::inside(ext.value, &wrapper);
            let choice = inner.any("distributionPoint")?;
            inner.finish("distributionPoint")?;
            names = Some(DistributionPointNames::read(&choice, cert.issuer())?);
        }
        fields.optional(0x81, "reasons")?;
        if fields.optional(0xa2, "cRLIssuer")?.is_some() {
            crl_issuer = true;
        }
        fields.finish("DistributionPoint")?;
        out.push(CertDistributionPoint { names, crl_issuer });
    }
    Ok(out)
}

/// ReasonFlags bits 1 (keyCompromise) to 8 (aACompromise): every reason.
const ALL_REASONS: u16 = 0x1fe;

/// The RFC 5280 name of a CRLReason code.
pub(crate) fn crl_reason_name(code: u8) -> &'static str {
    match code {
        0 => "unspecified",
        1 => "keyCompromise",
        2 => "cACompromise",
        3 => "affiliationChanged",
        4 => "superseded",
        5 => "cessationOfOperation",
        6 => "certificateHold",
        8 => "removeFromCRL",
        9 => "privilegeWithdrawn",
        10 => "aACompromise",
        _ => "unknown reason code",
    }
}

/// The CRLs and OCSP responses a verification may draw on.
#[derive(Clone, Debug, Default)]
pub struct RevocationSources {
    /// Certificate revocation lists.
    pub crls: Vec<Crl>,
    /// OCSP responses.
    pub ocsp: Vec<OcspResponse>,
}

/// How fresh evidence must be.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Freshness {
    /// When set, a CRL or OCSP response whose thisUpdate is older than this many seconds is
    /// stale even if its nextUpdate is later (BoringSSL and Chrome use 7 days).
    pub max_age: Option<u64>,
}

/// What the sources say of one certificate.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum Status {
    /// Not revoked, per fresh evidence.
    Good {
        /// Which source said so.
        source: String,
    },
    /// Not revoked, but the evidence is out of date (or not yet valid).
    Stale {
        /// Which source said so.
        source: String,
        /// Why it is out of date.
        why: String,
    },
    /// Revoked.
    Revoked {
        /// When (RFC 3339).
        date: String,
        /// The CRLReason, when given.
        reason: Option<String>,
        /// Which source said so.
        source: String,
    },
    /// No source could be used.
    Unknown {
        /// Why each candidate source was set aside, or that there was none.
        why: String,
    },
    /// Revocation was not checked (policy `off`, or the trust anchor).
    NotChecked,
}

/// One piece of evidence, before it is weighed against the others.
enum Evidence {
    Good {
        source: String,
        stale: Option<String>,
        /// The reasons the source covers (ReasonFlags bits); `None`: every reason.
        reasons: Option<u16>,
    },
    Revoked {
        entry: RevokedEntry,
        source: String,
    },
}

/// A certificate of a validated path with the certificates above it (its issuer first), as
/// revocation checking needs them.
pub struct PathPosition<'a, 'c> {
    /// The certificate whose status is wanted.
    pub target: &'a X509Certificate<'c>,
    /// The certificates above it in the validated path, nearest first, the anchor last.
    pub above: &'a [&'a X509Certificate<'c>],
    /// Other certificates at hand (given with the chain, not in the path): a CRL may be signed
    /// by one of them, a separate CRL-signing key the same CA certified (RFC 5280 §6.3.3(f)).
    pub pool: &'a [&'a X509Certificate<'c>],
}

impl RevocationSources {
    /// Weighs every source that speaks of `position.target` at `time` (Unix seconds).
    /// `extra_ocsp` are responses given with this one verification (stapled by a TLS server).
    pub fn status(
        &self,
        position: &PathPosition<'_, '_>,
        time: i64,
        freshness: Freshness,
        extra_ocsp: &[OcspResponse],
    ) -> Status {
        let mut rejected: Vec<String> = Vec::new();
        let mut good: Option<(String, Option<String>)> = None;
        // CRLs partitioned by reason (onlySomeReasons) settle the question together once they
        // cover every reason (RFC 5280 §6.3.3, the reasons mask).
        let mut partial = (0u16, Vec::new(), None::<String>);
        let mut consider = |evidence: Result<Evidence, String>| -> Option<Status> {
            match evidence {
                Ok(Evidence::Revoked { entry, source }) => Some(Status::Revoked {
                    date: derwalk::rfc3339(entry.revoked_at),
                    reason: entry.reason.map(str::to_string),
                    source,
                }),
                Ok(Evidence::Good {
                    source,
                    stale,
                    reasons: Some(mask),
                }) => {
                    partial.0 |= mask;
                    partial.1.push(source);
                    partial.2 = partial.2.take().or(stale);
                    None
                }
                Ok(Evidence::Good { source, stale, .. }) => {
                    // A fresh answer replaces a stale one; the first fresh one stands.
                    if good.as_ref().is_none_or(|(_, s)| s.is_some()) {
                        good = Some((source, stale));
                    }
                    None
                }
                Err(why) => {
                    rejected.push(why);
                    None
                }
            }
        };
        for crl in self.crls_issued_for(position.target) {
            if let Some(revoked) = consider(self.crl_evidence(crl, position, time, freshness)) {
                return revoked;
            }
        }
        // A delegated OCSP responder is looked up in the CRLs only: OCSP about the responder
        // would be signed by the responder itself.
        let responder_revoked = |responder: &X509Certificate<'_>| {
            let at = PathPosition {
                target: responder,
                above: position.above,
                pool: &[],
            };
            self.crls_issued_for(responder).find_map(|crl| {
                match self.crl_evidence(crl, &at, time, freshness) {
                    Ok(Evidence::Revoked { entry, .. }) => Some(derwalk::rfc3339(entry.revoked_at)),
                    _ => None,
                }
            })
        };
        if let Some(issuer) = position.above.first() {
            for response in self.ocsp.iter().chain(extra_ocsp) {
                match response.evidence(
                    position.target,
                    issuer,
                    time,
                    freshness,
                    &responder_revoked,
                ) {
                    None => {}
                    Some(evidence) => {
                        if let Some(revoked) = consider(evidence) {
                            return revoked;
                        }
                    }
                }
            }
        }
        if partial.0 & ALL_REASONS == ALL_REASONS
            && good.as_ref().is_none_or(|(_, stale)| stale.is_some())
        {
            good = Some((partial.1.join(" with "), partial.2));
        }
        match good {
            Some((source, None)) => Status::Good { source },
            Some((source, Some(why))) => Status::Stale { source, why },
            None if rejected.is_empty() => Status::Unknown {
                why: format!(
                    "no CRL or OCSP response from its issuer '{}' was given",
                    dn_text(position.target.issuer())
                ),
            },
            None => Status::Unknown {
                why: rejected.join("; "),
            },
        }
    }
}

/// The findings a status gives under `policy` for the certificate `subject`/`serial`.
pub fn findings(
    status: &Status,
    policy: RevocationPolicy,
    subject: &str,
    serial: &str,
    field: &str,
) -> Vec<Finding> {
    let with = |rule: &'static Rule| {
        Finding::new(rule, field)
            .arg("subject", subject)
            .arg("serial", serial)
    };
    match (status, policy) {
        (_, RevocationPolicy::Off) | (Status::Good { .. } | Status::NotChecked, _) => vec![],
        (
            Status::Revoked {
                date,
                reason,
                source,
            },
            _,
        ) => vec![with(&REVOKED)
            .arg("date", date)
            .arg("reason", reason.as_deref().unwrap_or("not given"))
            .arg("source", source)],
        (Status::Stale { why, .. }, RevocationPolicy::Required) => {
            vec![with(&STALE).arg("why", why)]
        }
        (Status::Stale { why, .. }, RevocationPolicy::BestEffort) => {
            vec![with(&STALE_ACCEPTED).arg("why", why)]
        }
        (Status::Unknown { why }, RevocationPolicy::Required) => {
            vec![with(&MISSING).arg("why", why)]
        }
        (Status::Unknown { why }, RevocationPolicy::BestEffort) => {
            vec![with(&UNCHECKED).arg("why", why)]
        }
    }
}

/// Whether the name in `der` is `key` (already normalised) — bytes first, RFC 5280 §7.1
/// comparison (case and white space of strings) when the bytes differ.
fn same_name(der: &[u8], key: &str, raw: &[u8]) -> bool {
    der == raw || X509Name::from_der(der).is_ok_and(|(_, name)| dn_key(&name) == key)
}

impl RevocationSources {
    /// The CRLs issued under the name of `cert`'s issuer (bytes, or RFC 5280 §7.1 comparison;
    /// the normalised name is computed only if some CRL's issuer differs in its bytes).
    fn crls_issued_for<'s>(
        &'s self,
        cert: &'s X509Certificate<'_>,
    ) -> impl Iterator<Item = &'s Crl> {
        let issuer_key = std::cell::OnceCell::new();
        let issuer_raw = cert.issuer().as_raw();
        self.crls.iter().filter(move |crl| {
            crl.issuer_der() == issuer_raw
                || crl.issued_by_name(issuer_raw, issuer_key.get_or_init(|| dn_key(cert.issuer())))
        })
    }

    fn crl_evidence(
        &self,
        crl: &Crl,
        position: &PathPosition<'_, '_>,
        time: i64,
        freshness: Freshness,
    ) -> Result<Evidence, String> {
        let target = position.target;
        let source = format!(
            "the CRL of '{}' of {}",
            crl.issuer_text(),
            derwalk::rfc3339(crl.this_update())
        );
        let refuse = |why: &str| Err(format!("{source}: {why}"));
        if let Some(why) = crl.unsupported() {
            return refuse(why);
        }
        let points = match cert_distribution_points(target) {
            Ok(points) => points,
            Err(why) => return refuse(&format!("the certificate's {why}")),
        };
        if points.iter().any(|p| p.crl_issuer) {
            return refuse(
                "the certificate names a separate CRL issuer (indirect CRLs are not supported)",
            );
        }
        if let Some(idp) = crl.issuing_distribution_point() {
            if idp.indirect {
                return refuse("it is an indirect CRL, which sceau does not support");
            }
            if idp.only_attribute_certs {
                return refuse("it covers attribute certificates only");
            }
            if idp.only_ca_certs && !crate::x509::is_ca(target) {
                return refuse("it covers CA certificates only (onlyContainsCACerts)");
            }
            if idp.only_user_certs
                && (crate::x509::is_ca(target) || target.version() != X509Version::V3)
            {
                return refuse("it covers end-entity certificates only (onlyContainsUserCerts)");
            }
            if let Some(names) = &idp.names {
                let cert_points: Vec<&DistributionPointNames> =
                    points.iter().filter_map(|p| p.names.as_ref()).collect();
                if !cert_points.iter().any(|p| p.intersects(names)) {
                    return refuse("its distribution point is not one the certificate names");
                }
            }
        }

        // The signer: a certificate of the validated path bearing the CRL issuer's name (the
        // issuer itself, or the same CA's other key across a key rollover).
        let scheme = crl.signature_scheme();
        let mut signer = None;
        for candidate in position.above {
            let subject = candidate.subject();
            let named = subject.as_raw() == crl.issuer_der()
                || crl.issued_by_name(subject.as_raw(), &dn_key(subject));
            if !named {
                continue;
            }
            if crl.is_signed_by(candidate) {
                signer = Some(candidate);
                break;
            }
        }
        if signer.is_none() {
            match self.outside_signer(crl, position, time, freshness) {
                Ok(found) => signer = found,
                Err(why) => return refuse(&why),
            }
        }
        let Some(signer) = signer else {
            return refuse(&format!(
                "its signature ({}) does not verify with a key of '{}' in the path",
                scheme.name(),
                dn_text(target.issuer())
            ));
        };
        if let Ok(Some(ku)) = signer.key_usage() {
            if !ku.value.crl_sign() {
                return refuse("its signer's keyUsage lacks cRLSign");
            }
        }

        let reasons = crl
            .issuing_distribution_point()
            .and_then(|idp| idp.only_some_reasons);
        let stale = staleness(crl.this_update(), crl.next_update(), time, freshness, "CRL");
        match crl.lookup(target.raw_serial()) {
            // A revocation dated after the validation time had not happened yet at that time.
            Some(entry) if entry.revoked_at <= time => Ok(Evidence::Revoked { entry, source }),
            _ => match stale {
                Staleness::NotYetValid(why) | Staleness::Expired(why) => Ok(Evidence::Good {
                    source: source.clone(),
                    stale: Some(format!("{source}: {why}")),
                    reasons,
                }),
                Staleness::Fresh => Ok(Evidence::Good {
                    source,
                    stale: None,
                    reasons,
                }),
            },
        }
    }

    /// A CRL signer certified outside the validated path: a certificate at hand bearing the
    /// CRL issuer's name that signs the CRL, itself signed by a CA of the path (so it chains to the
    /// same anchor), valid at `time`, with cRLSign, and itself not revoked per fresh evidence from
    /// the path. `Ok(None)` when there is no such certificate; `Err` when one signs the CRL but
    /// cannot be trusted to.
    fn outside_signer<'a, 'c>(
        &self,
        crl: &Crl,
        position: &PathPosition<'a, 'c>,
        time: i64,
        freshness: Freshness,
    ) -> Result<Option<&'a &'a X509Certificate<'c>>, String> {
        for candidate in position.pool {
            let subject = candidate.subject();
            let named = subject.as_raw() == crl.issuer_der()
                || crl.issued_by_name(subject.as_raw(), &dn_key(subject));
            if !named || !crl.is_signed_by(candidate) {
                continue;
            }
            let who = format!("its signer {} (outside the path)", dn_text(subject));
            let Some(at) = position.above.iter().position(|ca| {
                ca.subject().as_raw() == candidate.issuer().as_raw()
                    && crate::verify::certificate_signed_by(candidate, ca)
            }) else {
                return Err(format!("{who} is not certified by a CA of the path"));
            };
            let validity = candidate.validity();
            if time < validity.not_before.timestamp() || time > validity.not_after.timestamp() {
                return Err(format!("{who} is not valid at the validation time"));
            }
            match self.status(
                &PathPosition {
                    target: candidate,
                    above: &position.above[at..],
                    pool: &[],
                },
                time,
                freshness,
                &[],
            ) {
                Status::Good { .. } => return Ok(Some(candidate)),
                Status::Revoked { date, .. } => return Err(format!("{who} was revoked on {date}")),
                Status::Stale { why, .. } | Status::Unknown { why } => {
                    return Err(format!("{who} has no fresh revocation status ({why})"))
                }
                Status::NotChecked => return Err(format!("{who} has no revocation status")),
            }
        }
        Ok(None)
    }
}

enum Staleness {
    Fresh,
    NotYetValid(String),
    Expired(String),
}

fn staleness(
    this_update: i64,
    next_update: Option<i64>,
    time: i64,
    freshness: Freshness,
    what: &str,
) -> Staleness {
    if this_update > time {
        return Staleness::NotYetValid(format!(
            "its thisUpdate {} is after the validation time {}",
            derwalk::rfc3339(this_update),
            derwalk::rfc3339(time)
        ));
    }
    if let Some(next) = next_update {
        if next < time {
            return Staleness::Expired(format!(
                "this {what} expired at its nextUpdate {}",
                derwalk::rfc3339(next)
            ));
        }
    }
    if let Some(max_age) = freshness.max_age {
        let age = time.saturating_sub(this_update);
        if u64::try_from(age).is_ok_and(|age| age > max_age) {
            return Staleness::Expired(format!(
                "its thisUpdate {} is more than {max_age} s old",
                derwalk::rfc3339(this_update)
            ));
        }
    }
    Staleness::Fresh
}
