//! The CA/B rules of the certificatePolicies extension, per profile: the reserved policy
//! identifiers (BR §7.1.6.1, S/MIME BR §7.1.6.1) and where they go (BR §7.1.2.7.9 for
//! subscribers, §7.1.2.10.5 for CAs, §7.1.2.3.2 for non-TLS CAs, S/MIME BR §7.1.2.3(a)),
//! anyPolicy, the policy qualifiers the BR allow (a CPS URI, http or https) and those they
//! advise against, the EV Guidelines' CPS URI (until SC72), the S/MIME Legacy Generation's end,
//! and the RFC 5280 §4.2.1.4 rules every profile shares: no repeated OID, userNotice without
//! noticeRef, explicitText as a UTF8String without control characters.

use std::collections::HashMap;

use time::macros::date;
use time::Date;

use crate::cert::facts::CertFacts;
use crate::cert::policies::{DisplayTextType, PolicyFacts, QualifierFact, ANY_POLICY};
use crate::host::uri_scheme;
use crate::lang::Localized;
use crate::profile::cabf::{smime_generation, CabProfile, EV_POLICY};
use crate::rule::{rules, Finding, Rule};

/// The TLS reserved policy identifiers (BR §7.1.6.1): DV, OV, IV, EV.
const TLS_RESERVED: &[&str] = &[
    "2.23.140.1.2.1",
    "2.23.140.1.2.2",
    "2.23.140.1.2.3",
    "2.23.140.1.1",
];
const TLS_RESERVED_TEXT: &str = "2.23.140.1.2.1, 2.23.140.1.2.2, 2.23.140.1.2.3, 2.23.140.1.1";
/// The S/MIME reserved policy identifiers are 2.23.140.1.5.{validation}.{generation}, the
/// validation 1 (mailbox) to 4 (individual), the generation 1 (legacy) to 3 (strict).
const SMIME_RESERVED_TEXT: &str = "2.23.140.1.5.[1-4].[1-3]";
/// The field of the findings on the extension as a whole.
const FIELD: &str = "extensions.certificatePolicies";
/// The precertificate signing purpose (RFC 6962): a CA with it is a TLS CA (BR §7.1.2.4).
const PRECERT_SIGNING: &str = "1.3.6.1.4.1.11129.2.4.4";
/// The day SC-62's CA profiles took effect, for the non-TLS CA rules of BR §7.1.2.3.2 (the
/// `ca-non-tls` profile itself is RFC 5280's, in force long before).
const SC62: Date = date!(2023 - 09 - 15);

fn is_smime_reserved(oid: &str) -> bool {
    smime_generation(oid).is_some()
}

/// What kind of certificate the profile judges, for the policy rules.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Subscriber,
    Root,
    SubordinateCa,
    PrecertificateCa,
    NonTlsCa,
    OcspResponder,
    Smime,
    CodeSigning,
}

impl Kind {
    fn of(facts: &CertFacts, profile: &CabProfile) -> Option<Kind> {
        Some(match profile.id {
            "tls-br-subscriber" => Kind::Subscriber,
            "tls-br-root" => Kind::Root,
            "tls-br-subordinate-ca" => Kind::SubordinateCa,
            "ca-non-tls" => {
                let ekus = facts.extended_key_usage.as_deref().unwrap_or_default();
                if ekus.iter().any(|e| e == PRECERT_SIGNING) {
                    Kind::PrecertificateCa
                } else {
                    Kind::NonTlsCa
                }
            }
            "tls-br-ocsp-responder" => Kind::OcspResponder,
            "smime-br" => Kind::Smime,
            "cs-br" => Kind::CodeSigning,
            _ => return None,
        })
    }

    /// The clause that sets this kind's certificatePolicies.
    fn clause(self) -> &'static str {
        match self {
            Kind::Subscriber => "CA/B BR §7.1.2.7.9",
            Kind::Root => "CA/B BR §7.1.2.1.2, §7.1.2.10.5",
            Kind::SubordinateCa => "CA/B BR §7.1.2.10.5, §7.1.2.2.6",
            Kind::PrecertificateCa => "CA/B BR §7.1.2.4, §7.1.2.10.5",
            Kind::NonTlsCa => "CA/B BR §7.1.2.3.2",
            Kind::OcspResponder => "CA/B BR §7.1.2.8.8",
            Kind::Smime => "CA/B S/MIME BR §7.1.2.3(a)",
            Kind::CodeSigning => "CA/B Code Signing BR §7.1.2.3(a)",
        }
    }

    /// Whether the TLS BR's qualifier table applies (only id-qt-cps, NOT RECOMMENDED).
    fn tls(self) -> bool {
        !matches!(self, Kind::Smime | Kind::CodeSigning)
    }

    /// A CA judged by BR §7.1.2.10.5 (a root, a TLS or precertificate signing subordinate).
    fn tls_ca(self) -> bool {
        matches!(
            self,
            Kind::Root | Kind::SubordinateCa | Kind::PrecertificateCa
        )
    }
}

rules! {
    MALFORMED: "profile.policy.malformed", Error,
        "RFC 5280 §4.2.1.4 (CertificatePolicies ::= SEQUENCE SIZE (1..MAX) OF PolicyInformation)",
        "certificatePolicies is not well-formed DER (at {at}); its policies are not judged further",
        "certificatePolicies n'est pas un DER bien formé (à {at}) ; ses politiques ne sont pas jugées plus avant";
    DUPLICATE_OID: "profile.policy.duplicate_oid", Error,
        "RFC 5280 §4.2.1.4 (a policy OID MUST NOT appear more than once)",
        "the policy {oid} appears {count} times in certificatePolicies; an OID may appear once",
        "la politique {oid} figure {count} fois dans certificatePolicies ; un OID ne peut y figurer qu'une fois";
    ANY_POLICY_QUALIFIER: "profile.policy.any_policy_qualifier", Error,
        "RFC 5280 §4.2.1.4 (the qualifiers of anyPolicy are limited to id-qt-cps and id-qt-unotice)",
        "anyPolicy carries the qualifier {qualifier}; with anyPolicy only a CPS URI or a userNotice may appear",
        "anyPolicy porte le qualifiant {qualifier} ; avec anyPolicy seuls une URI de DPC ou un userNotice sont admis";
    NOTICE_REF: "profile.policy.notice_ref", Warning,
        "RFC 5280 §4.2.1.4 (conforming CAs SHOULD NOT use the noticeRef option)",
        "a userNotice with a noticeRef, which RFC 5280 advises CAs against",
        "un userNotice avec un noticeRef, que la RFC 5280 déconseille aux AC";
    EXPLICIT_TEXT_IA5: "profile.policy.explicit_text_ia5", Error,
        "RFC 6818 §3, updating RFC 5280 §4.2.1.4 (conforming CAs MUST NOT encode explicitText as IA5String)",
        "the explicitText is an IA5String, which RFC 6818 forbids; UTF8String is the encoding to use",
        "l'explicitText est une IA5String, que la RFC 6818 interdit ; UTF8String est l'encodage à employer";
    EXPLICIT_TEXT_LESS_PREFERRED: "profile.policy.explicit_text_less_preferred", Warning,
        "RFC 6818 §3 (UTF8String SHOULD be used; VisibleString and BMPString less preferred), RFC 5280 §4.2.1.4 (which forbade them)",
        "the explicitText is a {string_type}: RFC 5280 forbade it, RFC 6818 admits it as less preferred; UTF8String satisfies both",
        "l'explicitText est une {string_type} : la RFC 5280 l'interdisait, la RFC 6818 l'admet sans la préférer ; UTF8String satisfait les deux";
    EXPLICIT_TEXT_CONTROL: "profile.policy.explicit_text_control", Warning,
        "RFC 5280 §4.2.1.4 (explicitText SHOULD NOT include control characters, U+0000 to U+001F and U+007F to U+009F)",
        "the explicitText holds the control character {char}",
        "l'explicitText contient le caractère de commande {char}";
    QUALIFIER_PRESENT: "profile.policy.qualifier_present", Notice,
        "RFC 5280 §4.2.1.4 (policy information terms RECOMMENDED to consist of only an OID)",
        "the policy {oid} carries {count} qualifier(s); RFC 5280 recommends a policy OID alone",
        "la politique {oid} porte {count} qualifiant(s) ; la RFC 5280 recommande l'OID de politique seul";
    QUALIFIER_NOT_RECOMMENDED: "profile.policy.qualifier_not_recommended", Warning,
        "CA/B BR §7.1.2.7.9, §7.1.2.10.5, §7.1.2.2.6, §7.1.2.3.2, §7.1.2.8.8 (policyQualifiers NOT RECOMMENDED)",
        "the policy {oid} carries {count} qualifier(s): policyQualifiers are NOT RECOMMENDED in {profile} certificates ({clause})",
        "la politique {oid} porte {count} qualifiant(s) : policyQualifiers est déconseillé dans les certificats {profile} ({clause})";
    QUALIFIER_FORBIDDEN: "profile.policy.qualifier_forbidden", Error,
        "CA/B BR §7.1.2.7.9, §7.1.2.10.5, §7.1.2.2.6, §7.1.2.3.2, §7.1.2.8.8 (id-qt-cps alone is permitted)",
        "the qualifier {qualifier} MUST NOT appear in {profile} certificates, which permit a CPS URI (id-qt-cps) alone ({clause})",
        "le qualifiant {qualifier} ne doit pas figurer dans les certificats {profile}, qui n'admettent qu'une URI de DPC (id-qt-cps) ({clause})";
    CPS_URI_NOT_HTTP: "profile.policy.cps_uri_not_http", Error,
        "CA/B BR §7.1.2.7.9, §7.1.2.10.5 (the HTTP or HTTPS URL of the CA's policies); S/MIME BR §7.1.2.3(a); Code Signing BR §7.1.2.3(a)",
        "the CPS URI '{uri}' is not an http or https URL ({clause})",
        "l'URI de DPC '{uri}' n'est pas une URL http ou https ({clause})";
    ANY_POLICY_PRESENT: "profile.policy.any_policy", Error,
        "CA/B BR §7.1.2.7.9 (anyPolicy MUST NOT be present); S/MIME BR §7.1.2.3(a), §7.1.6.4",
        "a {profile} certificate with anyPolicy, which it MUST NOT carry ({clause})",
        "un certificat {profile} avec anyPolicy, qu'il ne doit pas porter ({clause})";
    ANY_POLICY_NOT_ALONE: "profile.policy.any_policy_not_alone", Error,
        "CA/B BR §7.1.2.10.5, §7.1.2.2.6, §7.1.2.3.2 (anyPolicy MUST be the only PolicyInformation)",
        "anyPolicy beside {count} other PolicyInformation(s): with anyPolicy, a CA certificate carries no other ({clause})",
        "anyPolicy à côté de {count} autre(s) PolicyInformation : avec anyPolicy, un certificat d'AC n'en porte aucune autre ({clause})";
    ANY_POLICY_OTHER_ORGANIZATION: "profile.policy.any_policy_other_organization", Warning,
        "CA/B BR §7.1.2.10.5, §7.1.2.2.6, §7.1.2.3.2 (anyPolicy only if the subordinate CA is an Affiliate of the issuing CA)",
        "anyPolicy in a CA certificate whose subject organization ({subject}) is not its issuer's ({issuer}): anyPolicy is for a subordinate CA that is an Affiliate of the issuing CA ({clause}), which the certificate cannot show",
        "anyPolicy dans un certificat d'AC dont l'organisation sujet ({subject}) n'est pas celle de l'émetteur ({issuer}) : anyPolicy est réservé à une AC subordonnée affiliée à l'AC émettrice ({clause}), ce que le certificat ne peut montrer";
    RESERVED_MISSING: "profile.policy.reserved_missing", Error,
        "CA/B BR §7.1.2.7.9, §7.1.2.10.5 (exactly one reserved policy identifier of §7.1.6.1); S/MIME BR §7.1.2.3(a), §7.1.6.4",
        "{profile} certificates carry a CA/B reserved policy identifier ({reserved}; {clause}); this one carries none",
        "les certificats {profile} portent un identifiant de politique réservé du CA/B ({reserved} ; {clause}) ; celui-ci aucun";
    RESERVED_MULTIPLE: "profile.policy.reserved_multiple", Error,
        "CA/B BR §7.1.2.7.9, §7.1.2.10.5 (exactly one reserved policy identifier); S/MIME BR §7.1.2.3(a) (exactly one)",
        "{count} CA/B reserved policy identifiers ({oids}); {profile} certificates carry exactly one ({clause})",
        "{count} identifiants de politique réservés du CA/B ({oids}) ; les certificats {profile} en portent exactement un ({clause})";
    RESERVED_NOT_FIRST: "profile.policy.reserved_not_first", Warning,
        "CA/B BR §7.1.2.7.9, §7.1.2.10.5 (the reserved policy identifier RECOMMENDED first)",
        "the first policy is {first}, not the reserved identifier {reserved}, which the BR recommend first: some clients read only the first ({clause})",
        "la première politique est {first}, pas l'identifiant réservé {reserved}, que les BR recommandent en premier : certains clients ne lisent que la première ({clause})";
    RESERVED_IN_NON_TLS_CA: "profile.policy.reserved_in_non_tls_ca", Error,
        "CA/B BR §7.1.2.3.2 (a non-TLS CA MUST NOT carry a reserved TLS policy identifier)",
        "a non-TLS CA certificate with the reserved TLS policy {oid}, which it MUST NOT carry ({clause})",
        "un certificat d'AC non TLS avec la politique TLS réservée {oid}, qu'il ne doit pas porter ({clause})";
    EV_CPS_MISSING: "profile.policy.ev_cps_missing", Error,
        "CA/B EV Guidelines §9.7 (EV subscriber certificates: a CPS URI qualifier required until SC72, 2024-05-06)",
        "an EV certificate (policy 2.23.140.1.1) without a CPS URI qualifier, which the EV Guidelines required until 2024-05-06",
        "un certificat EV (politique 2.23.140.1.1) sans qualifiant d'URI de DPC, que les EV Guidelines exigeaient jusqu'au 2024-05-06",
        until = "2024-05-06";
    SMIME_LEGACY_RETIRED: "profile.policy.smime_legacy_retired", Error,
        "CA/B S/MIME BR §7.1.6.1 (no Legacy Generation subscriber certificate from 2025-07-15)",
        "the Legacy Generation policy {oid}: S/MIME subscriber certificates issued from 2025-07-15 SHALL NOT use the Legacy Generation profiles",
        "la politique de génération Legacy {oid} : les certificats S/MIME d'abonné émis à partir du 2025-07-15 ne doivent plus suivre les profils Legacy",
        from = "2025-07-15";
    SMIME_USER_NOTICE: "profile.policy.smime_user_notice", Error,
        "CA/B S/MIME BR §7.1.2.3(a) (a userNotice SHALL contain explicitText and SHALL NOT contain noticeRef)",
        "a userNotice {defect}; in S/MIME certificates it carries an explicitText and no noticeRef",
        "un userNotice {defect} ; dans les certificats S/MIME il porte un explicitText et pas de noticeRef";
}

/// Applies the certificatePolicies rules of `profile` to `facts`: the CA/B ones from the day
/// the profile took effect, RFC 5280's always, the dated ones by their dates.
pub(crate) fn check(facts: &CertFacts, profile: &CabProfile, day: Date, out: &mut Vec<Finding>) {
    let Some(kind) = Kind::of(facts, profile) else {
        return;
    };
    let policies = &facts.policy_information;
    if !policies.present {
        return;
    }
    if !check_rfc5280(policies, kind != Kind::Smime, out) {
        return;
    }
    let effective = if kind == Kind::NonTlsCa {
        profile.effective.max(SC62)
    } else {
        profile.effective
    };
    let judge = Judge {
        policies,
        profile: profile.id,
        clause: kind.clause(),
    };
    if kind == Kind::Subscriber {
        judge.ev_cps(out);
    }
    if kind == Kind::Smime {
        judge.smime_legacy(out);
    }
    if day < effective {
        return;
    }
    judge.qualifiers(kind, out);
    match kind {
        Kind::Subscriber => {
            judge.reserved(TLS_RESERVED_TEXT, |o| TLS_RESERVED.contains(&o), true, out)
        }
        Kind::Smime => judge.reserved(SMIME_RESERVED_TEXT, is_smime_reserved, false, out),
        k if k.tls_ca() || k == Kind::NonTlsCa => judge.ca(facts, kind, out),
        _ => {}
    }
    if matches!(kind, Kind::Subscriber | Kind::Smime) && policies.oids().any(|o| o == ANY_POLICY) {
        out.push(judge.finding(&ANY_POLICY_PRESENT, FIELD.to_string()));
    }
}

/// The rules of RFC 5280 §4.2.1.4 every profile shares. `notice_ref`: whether a noticeRef is
/// judged here (the S/MIME BR judge it themselves, more strictly). Returns whether the
/// extension is well formed: when it is not, that is the one finding, and nothing else of it
/// is judged (what comes after the fault is unread, what comes before may be misread).
pub(crate) fn check_rfc5280(
    policies: &PolicyFacts,
    notice_ref: bool,
    out: &mut Vec<Finding>,
) -> bool {
    if !policies.present {
        return true;
    }
    if let Some(fault) = &policies.fault {
        let at = fault.split_once(": ").map_or(fault.as_str(), |(at, _)| at);
        out.push(Finding::new(&MALFORMED, FIELD).arg("at", at));
        return false;
    }
    // Counted in one pass (a hostile extension may list many thousand policies), then reported
    // in the order of their first appearance.
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for oid in policies.oids() {
        *counts.entry(oid).or_default() += 1;
    }
    for oid in policies.oids() {
        let Some(count) = counts.remove(oid) else {
            continue;
        };
        if count > 1 {
            out.push(
                Finding::new(&DUPLICATE_OID, FIELD)
                    .arg("oid", oid)
                    .arg("count", count),
            );
        }
    }
    for (i, info) in policies.infos.iter().enumerate() {
        for (j, qualifier) in info.qualifiers.iter().enumerate() {
            let field = format!("{FIELD}[{i}].policyQualifiers[{j}]");
            if info.oid == ANY_POLICY && matches!(qualifier, QualifierFact::Other { .. }) {
                out.push(
                    Finding::new(&ANY_POLICY_QUALIFIER, field.clone())
                        .arg("qualifier", qualifier.type_name()),
                );
            }
            let QualifierFact::UserNotice {
                notice_ref: has_ref,
                explicit_text,
            } = qualifier
            else {
                continue;
            };
            if *has_ref && notice_ref {
                out.push(Finding::new(&NOTICE_REF, field.clone()));
            }
            let Some(text) = explicit_text else {
                continue;
            };
            match text.string_type {
                DisplayTextType::Ia5 => {
                    out.push(Finding::new(&EXPLICIT_TEXT_IA5, field.clone()));
                }
                DisplayTextType::Visible | DisplayTextType::Bmp => out.push(
                    Finding::new(&EXPLICIT_TEXT_LESS_PREFERRED, field.clone())
                        .arg("string_type", text.string_type.name()),
                ),
                DisplayTextType::Utf8 => {}
            }
            if let Some(c) = text
                .text
                .chars()
                .find(|&c| c <= '\u{1f}' || ('\u{7f}'..='\u{9f}').contains(&c))
            {
                out.push(
                    Finding::new(&EXPLICIT_TEXT_CONTROL, field)
                        .arg("char", format!("U+{:04X}", u32::from(c))),
                );
            }
        }
    }
    true
}

/// The CA/B rules over one certificate's policies.
struct Judge<'a> {
    policies: &'a PolicyFacts,
    profile: &'static str,
    clause: &'static str,
}

impl Judge<'_> {
    fn finding(&self, rule: &'static Rule, field: String) -> Finding {
        Finding::new(rule, field)
            .arg("profile", self.profile)
            .arg("clause", self.clause)
    }

    /// The policy qualifiers: the TLS BR's table (a CPS URI alone, NOT RECOMMENDED), RFC
    /// 5280's recommendation for S/MIME, and a CPS URI that is http or https for every CA/B
    /// profile.
    fn qualifiers(&self, kind: Kind, out: &mut Vec<Finding>) {
        for (i, info) in self.policies.infos.iter().enumerate() {
            if !info.qualifiers.is_empty() {
                let rule = match kind {
                    k if k.tls() => Some(&QUALIFIER_NOT_RECOMMENDED),
                    Kind::Smime => Some(&QUALIFIER_PRESENT),
                    // The Code Signing BR recommend the CPS qualifier.
                    _ => None,
                };
                if let Some(rule) = rule {
                    out.push(
                        self.finding(rule, format!("{FIELD}[{i}]"))
                            .arg("oid", &info.oid)
                            .arg("count", info.qualifiers.len()),
                    );
                }
            }
            for (j, qualifier) in info.qualifiers.iter().enumerate() {
                let field = format!("{FIELD}[{i}].policyQualifiers[{j}]");
                match qualifier {
                    QualifierFact::Cps { uri } => {
                        if !matches!(uri_scheme(uri).as_deref(), Some("http" | "https")) {
                            out.push(self.finding(&CPS_URI_NOT_HTTP, field).arg("uri", uri));
                        }
                        continue;
                    }
                    QualifierFact::UserNotice {
                        notice_ref,
                        explicit_text,
                    } if kind == Kind::Smime => {
                        let defect = match (notice_ref, explicit_text.is_some()) {
                            (true, _) => ("with a noticeRef", "avec un noticeRef"),
                            (false, false) => ("without explicitText", "sans explicitText"),
                            (false, true) => continue,
                        };
                        out.push(
                            self.finding(&SMIME_USER_NOTICE, field)
                                .text("defect", Localized::new(defect.0, defect.1)),
                        );
                    }
                    _ if kind.tls() => out.push(
                        self.finding(&QUALIFIER_FORBIDDEN, field)
                            .arg("qualifier", qualifier.type_name()),
                    ),
                    _ => {}
                }
            }
        }
    }

    /// Exactly one reserved identifier, first when `first` (the TLS BR's recommendation).
    fn reserved(
        &self,
        reserved_text: &str,
        is_reserved: impl Fn(&str) -> bool,
        first: bool,
        out: &mut Vec<Finding>,
    ) {
        let mut reserved: Vec<&str> = Vec::new();
        for oid in self.policies.oids().filter(|o| is_reserved(o)) {
            if !reserved.contains(&oid) {
                reserved.push(oid);
            }
        }
        match reserved.as_slice() {
            [] => out.push(
                self.finding(&RESERVED_MISSING, FIELD.into())
                    .arg("reserved", reserved_text),
            ),
            [one] => {
                let head = self.policies.infos.first().map(|i| i.oid.as_str());
                if let (true, Some(head)) = (first, head) {
                    if !is_reserved(head) {
                        out.push(
                            self.finding(&RESERVED_NOT_FIRST, FIELD.into())
                                .arg("first", head)
                                .arg("reserved", one),
                        );
                    }
                }
            }
            many => out.push(
                self.finding(&RESERVED_MULTIPLE, FIELD.into())
                    .arg("count", many.len())
                    .arg("oids", many.join(", ")),
            ),
        }
    }

    /// A CA's policies: anyPolicy alone (and, beside another organization, the affiliation it
    /// supposes), or a reserved identifier — exactly one for a TLS CA, none for a non-TLS CA.
    fn ca(&self, facts: &CertFacts, kind: Kind, out: &mut Vec<Finding>) {
        let infos = &self.policies.infos;
        if infos.iter().any(|i| i.oid == ANY_POLICY) {
            if infos.len() > 1 {
                out.push(
                    self.finding(&ANY_POLICY_NOT_ALONE, FIELD.into())
                        .arg("count", infos.len() - 1),
                );
            } else if kind != Kind::Root {
                self.other_organization(facts, out);
            }
            return;
        }
        if kind == Kind::NonTlsCa {
            for oid in self.policies.oids().filter(|o| TLS_RESERVED.contains(o)) {
                out.push(
                    self.finding(&RESERVED_IN_NON_TLS_CA, FIELD.into())
                        .arg("oid", oid),
                );
            }
            return;
        }
        self.reserved(TLS_RESERVED_TEXT, |o| TLS_RESERVED.contains(&o), true, out);
    }

    /// anyPolicy in a CA certificate whose subject names an organization its issuer does not.
    fn other_organization(&self, facts: &CertFacts, out: &mut Vec<Finding>) {
        let subject: Vec<&str> = facts
            .subject
            .iter()
            .filter(|a| a.name == "O")
            .filter_map(|a| a.value.as_deref())
            .collect();
        // The issuer is kept as text (`C=FR, O=Exemple SA, CN=…`), its attributes in order.
        let issuer: Vec<&str> = facts
            .issuer_dn
            .split(", ")
            .filter_map(|part| part.strip_prefix("O="))
            .collect();
        if subject.is_empty() || issuer.is_empty() || subject.iter().any(|o| issuer.contains(o)) {
            return;
        }
        out.push(
            self.finding(&ANY_POLICY_OTHER_ORGANIZATION, FIELD.into())
                .arg("subject", subject.join(" + "))
                .arg("issuer", issuer.join(" + ")),
        );
    }

    /// EV Guidelines §9.7 before SC72: an EV subscriber certificate carries a CPS URI.
    fn ev_cps(&self, out: &mut Vec<Finding>) {
        let ev = self.policies.oids().any(|o| o == EV_POLICY);
        let cps = self.policies.infos.iter().any(|i| {
            i.qualifiers
                .iter()
                .any(|q| matches!(q, QualifierFact::Cps { .. }))
        });
        if ev && !cps {
            out.push(self.finding(&EV_CPS_MISSING, FIELD.into()));
        }
    }

    /// S/MIME BR §7.1.6.1: no Legacy Generation policy from 2025-07-15 (a dated rule).
    fn smime_legacy(&self, out: &mut Vec<Finding>) {
        for oid in self
            .policies
            .oids()
            .filter(|o| smime_generation(o) == Some(1))
        {
            out.push(
                self.finding(&SMIME_LEGACY_RETIRED, FIELD.into())
                    .arg("oid", oid),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uri_schemes_as_rfc_3986_reads_them() {
        assert_eq!(uri_scheme("HTTP://cps.exemple.fr").as_deref(), Some("http"));
        assert_eq!(
            uri_scheme("https://cps.exemple.fr").as_deref(),
            Some("https")
        );
        assert_eq!(
            uri_scheme("ldap://annuaire.exemple.fr").as_deref(),
            Some("ldap")
        );
        assert_eq!(uri_scheme("cps.exemple.fr"), None);
        assert_eq!(uri_scheme("//cps.exemple.fr:80/cps"), None);
        assert_eq!(uri_scheme("1http://x"), None);
    }

    #[test]
    fn smime_reserved_identifiers() {
        assert!(is_smime_reserved("2.23.140.1.5.1.3"));
        assert!(is_smime_reserved("2.23.140.1.5.4.1"));
        assert!(!is_smime_reserved("2.23.140.1.5.5.1"));
        assert!(!is_smime_reserved("2.23.140.1.5.1.3.1"));
        assert!(!is_smime_reserved("2.23.140.1.2.1"));
    }
}
