//! The certificatePolicies rules of the CA/B profiles (`src/profile/cabf_policies.rs`): each
//! rule refusing a certificate made here with one defect in a hand-built certificatePolicies,
//! and accepting the same certificate without it; by profile (TLS subscriber, root,
//! subordinate, non-TLS and precertificate signing CAs, OCSP responder, S/MIME, code signing)
//! and by date (the profile's effective day, SC72's end of the EV CPS URI, the S/MIME Legacy
//! Generation's end).

use rcgen::{
    BasicConstraints, CertificateParams, CustomExtension, DnType, ExtendedKeyUsagePurpose, IsCa,
    KeyPair, KeyUsagePurpose,
};
use sceau::{check_certificate, IssuancePolicy, Report, Severity, Verdict};

mod common;
use common::{check_as as check, oid, test_ca, tlv, DV, EV, MAILBOX_LEGACY, MAILBOX_STRICT, OV};

const ANY_POLICY: &[u64] = &[2, 5, 29, 32, 0];
const CA_OWN: &[u64] = &[1, 3, 6, 1, 4, 1, 99999, 1];
const SPONSORED_STRICT: &[u64] = &[2, 23, 140, 1, 5, 3, 3];
const CODE_SIGNING: &[u64] = &[2, 23, 140, 1, 4, 1];

const UTF8: u8 = 0x0c;
const IA5: u8 = 0x16;
const VISIBLE: u8 = 0x1a;
const BMP: u8 = 0x1e;

/// A CPS URI qualifier.
fn cps(uri: &str) -> Vec<u8> {
    tlv(
        0x30,
        &[oid(&[1, 3, 6, 1, 5, 5, 7, 2, 1]), tlv(IA5, uri.as_bytes())].concat(),
    )
}

/// A userNotice qualifier, with a noticeRef or not, and an explicitText of the given string
/// type or none.
fn notice(notice_ref: bool, text: Option<(u8, &[u8])>) -> Vec<u8> {
    let mut body = Vec::new();
    if notice_ref {
        body.extend(tlv(
            0x30,
            &[tlv(UTF8, b"Exemple SA"), tlv(0x30, &tlv(0x02, &[1]))].concat(),
        ));
    }
    if let Some((tag, octets)) = text {
        body.extend(tlv(tag, octets));
    }
    tlv(
        0x30,
        &[oid(&[1, 3, 6, 1, 5, 5, 7, 2, 2]), tlv(0x30, &body)].concat(),
    )
}

/// A qualifier of a type RFC 5280 does not define.
fn odd_qualifier() -> Vec<u8> {
    tlv(0x30, &[oid(&[1, 2, 3, 4]), tlv(UTF8, b"?")].concat())
}

/// One PolicyInformation.
fn info(policy: &[u64], qualifiers: &[Vec<u8>]) -> Vec<u8> {
    let mut body = oid(policy);
    if !qualifiers.is_empty() {
        body.extend(tlv(0x30, &qualifiers.concat()));
    }
    tlv(0x30, &body)
}

/// certificatePolicies from PolicyInformations.
fn cp(infos: &[Vec<u8>]) -> CustomExtension {
    CustomExtension::from_oid_content(&[2, 5, 29, 32], tlv(0x30, &infos.concat()))
}

/// certificatePolicies with bare policy OIDs.
fn oids(policies: &[&[u64]]) -> CustomExtension {
    cp(&policies.iter().map(|p| info(p, &[])).collect::<Vec<_>>())
}

/// authorityInfoAccess with a caIssuers URL.
fn aia() -> CustomExtension {
    let mut description = oid(&[1, 3, 6, 1, 5, 5, 7, 48, 2]);
    description.extend(tlv(0x86, b"http://ca.exemple.fr/ca.crt"));
    CustomExtension::from_oid_content(
        &[1, 3, 6, 1, 5, 5, 7, 1, 1],
        tlv(0x30, &tlv(0x30, &description)),
    )
}

fn issue_by(params: CertificateParams, organization: &str) -> Vec<u8> {
    let key = KeyPair::generate().unwrap();
    params
        .signed_by(&key, &test_ca("Exemple AC Racine", Some(organization)))
        .unwrap()
        .der()
        .to_vec()
}

fn issue(params: CertificateParams) -> Vec<u8> {
    issue_by(params, "Exemple SA")
}

/// A TLS subscriber certificate as the BR's table has it, issued 2026-11-01 for 90 days,
/// with `policies`.
fn tls(policies: CustomExtension) -> CertificateParams {
    let mut params = CertificateParams::new(vec!["www.exemple.fr".to_string()]).unwrap();
    params.distinguished_name = rcgen::DistinguishedName::new();
    params
        .distinguished_name
        .push(DnType::CommonName, "www.exemple.fr");
    params.key_usages = vec![KeyUsagePurpose::DigitalSignature];
    params.extended_key_usages = vec![ExtendedKeyUsagePurpose::ServerAuth];
    params.use_authority_key_identifier_extension = true;
    params.custom_extensions = vec![aia(), policies];
    // Without an OCSP location, a subscriber certificate carries a CRL (BR §7.1.2.11.2).
    params.crl_distribution_points = vec![rcgen::CrlDistributionPoint {
        uris: vec!["http://ca.exemple.fr/ca.crl".into()],
    }];
    params.not_before = rcgen::date_time_ymd(2026, 11, 1);
    params.not_after = rcgen::date_time_ymd(2027, 1, 29);
    params
}

/// A subordinate CA certificate of organization `organization` with `ekus` and `policies`.
fn sub_ca(
    organization: &str,
    ekus: Vec<ExtendedKeyUsagePurpose>,
    policies: CustomExtension,
) -> CertificateParams {
    let mut params = CertificateParams::new(Vec::<String>::new()).unwrap();
    params
        .distinguished_name
        .push(DnType::OrganizationName, organization);
    params
        .distinguished_name
        .push(DnType::CommonName, "Exemple AC Serveurs");
    params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    params.key_usages = vec![KeyUsagePurpose::KeyCertSign, KeyUsagePurpose::CrlSign];
    params.extended_key_usages = ekus;
    params.use_authority_key_identifier_extension = true;
    params.crl_distribution_points = vec![rcgen::CrlDistributionPoint {
        uris: vec!["http://ca.exemple.fr/racine.crl".into()],
    }];
    params.custom_extensions = vec![aia(), policies];
    params.not_before = rcgen::date_time_ymd(2026, 11, 1);
    params.not_after = rcgen::date_time_ymd(2031, 11, 1);
    params
}

/// A TLS subordinate CA of the issuer's own organization.
fn tls_ca(policies: CustomExtension) -> CertificateParams {
    sub_ca(
        "Exemple SA",
        vec![ExtendedKeyUsagePurpose::ServerAuth],
        policies,
    )
}

/// An S/MIME mailbox certificate with `policies`, issued 2026-11-01.
fn smime(policies: CustomExtension) -> CertificateParams {
    let mut params = tls(policies);
    params.subject_alt_names = vec![rcgen::SanType::Rfc822Name(
        "agent@exemple.fr".try_into().unwrap(),
    )];
    params.distinguished_name = rcgen::DistinguishedName::new();
    params.extended_key_usages = vec![ExtendedKeyUsagePurpose::EmailProtection];
    params.crl_distribution_points = vec![rcgen::CrlDistributionPoint {
        uris: vec!["http://ca.exemple.fr/ca.crl".into()],
    }];
    params
}

/// The `profile.policy.*` findings of a report, as (code, field).
fn policy_findings(report: &Report) -> Vec<(&'static str, String)> {
    report
        .findings()
        .iter()
        .filter(|f| f.code().starts_with("profile.policy."))
        .map(|f| (f.code(), f.field().to_string()))
        .collect()
}

/// The codes of the `profile.policy.*` findings.
fn policy_codes(report: &Report) -> Vec<&'static str> {
    policy_findings(report)
        .into_iter()
        .map(|(c, _)| c)
        .collect()
}

fn codes_of(params: CertificateParams, profile: &str) -> Vec<&'static str> {
    policy_codes(&check(&issue(params), profile))
}

#[test]
fn a_subscriber_with_its_reserved_identifier_alone_passes() {
    let report = check(&issue(tls(oids(&[DV, CA_OWN]))), "tls-br");
    assert!(
        policy_findings(&report).is_empty(),
        "{:?}",
        policy_findings(&report)
    );
    assert_eq!(report.verdict(), Verdict::Accepted);
}

#[test]
fn the_subscriber_reserved_identifier_rules() {
    // None: an error.
    let report = check(&issue(tls(oids(&[CA_OWN]))), "tls-br");
    assert_eq!(
        policy_findings(&report),
        [(
            "profile.policy.reserved_missing",
            "extensions.certificatePolicies".to_string()
        )]
    );
    assert_eq!(report.verdict(), Verdict::Rejected);
    assert!(report.findings().iter().any(|f| f
        .message(sceau::Lang::Fr)
        .contains("identifiant de politique réservé")));
    // Two: an error, and the order is not judged.
    assert_eq!(
        codes_of(tls(oids(&[CA_OWN, DV, OV])), "tls-br"),
        ["profile.policy.reserved_multiple"]
    );
    // One, not first: a warning only.
    let report = check(&issue(tls(oids(&[CA_OWN, DV]))), "tls-br");
    assert_eq!(policy_codes(&report), ["profile.policy.reserved_not_first"]);
    assert_eq!(report.verdict(), Verdict::Accepted);
    // anyPolicy beside it.
    assert_eq!(
        codes_of(tls(oids(&[DV, ANY_POLICY])), "tls-br"),
        ["profile.policy.any_policy"]
    );
}

#[test]
fn the_tls_qualifier_rules() {
    // A CPS URI: NOT RECOMMENDED, a warning, once for the PolicyInformation.
    let report = check(
        &issue(tls(cp(&[info(
            DV,
            &[cps("http://cps.exemple.fr"), cps("https://cps.exemple.fr")],
        )]))),
        "tls-br",
    );
    assert_eq!(
        policy_findings(&report),
        [(
            "profile.policy.qualifier_not_recommended",
            "extensions.certificatePolicies[0]".to_string()
        )]
    );
    assert_eq!(report.verdict(), Verdict::Accepted);
    // A CPS URI that is not http or https.
    let report = check(
        &issue(tls(cp(&[info(
            DV,
            &[cps("ldap://annuaire.exemple.fr/cps")],
        )]))),
        "tls-br",
    );
    assert_eq!(
        policy_findings(&report),
        [
            (
                "profile.policy.qualifier_not_recommended",
                "extensions.certificatePolicies[0]".to_string()
            ),
            (
                "profile.policy.cps_uri_not_http",
                "extensions.certificatePolicies[0].policyQualifiers[0]".to_string()
            )
        ]
    );
    assert!(report.findings().iter().any(|f| f
        .message(sceau::Lang::En)
        .contains("'ldap://annuaire.exemple.fr/cps' is not an http or https URL")));
    // Without a scheme at all.
    assert!(
        codes_of(tls(cp(&[info(DV, &[cps("cps.exemple.fr")])])), "tls-br")
            .contains(&"profile.policy.cps_uri_not_http")
    );
    // A userNotice, or a qualifier of another type: only id-qt-cps is permitted.
    for qualifier in [notice(false, Some((UTF8, b"Voir la DPC"))), odd_qualifier()] {
        assert_eq!(
            codes_of(tls(cp(&[info(DV, &[qualifier])])), "tls-br"),
            [
                "profile.policy.qualifier_not_recommended",
                "profile.policy.qualifier_forbidden"
            ]
        );
    }
}

#[test]
fn the_ev_cps_uri_was_required_until_sc72() {
    let ev = |qualifiers: &[Vec<u8>], year, month| {
        let mut params = tls(cp(&[info(EV, qualifiers)]));
        params.not_before = rcgen::date_time_ymd(year, month, 10);
        params.not_after = rcgen::date_time_ymd(year, month + 2, 1);
        issue(params)
    };
    // Issued 2024-01-10 without one: an error.
    let report = check(&ev(&[], 2024, 1), "tls-br");
    assert_eq!(policy_codes(&report), ["profile.policy.ev_cps_missing"]);
    // With one, the BR's warning alone.
    assert_eq!(
        policy_codes(&check(
            &ev(&[cps("http://cps.exemple.fr")], 2024, 1),
            "tls-br"
        )),
        ["profile.policy.qualifier_not_recommended"]
    );
    // Issued after SC72 (2024-05-06), or judged by the rules of a later day: no longer.
    assert!(policy_codes(&check(&ev(&[], 2024, 6), "tls-br")).is_empty());
    let mut later = IssuancePolicy::by_id("tls-br").unwrap();
    later.rules_at = Some(time::macros::date!(2025 - 06 - 01));
    let report = check_certificate(&ev(&[], 2024, 1), &later).unwrap();
    assert!(policy_codes(&report).is_empty());
}

#[test]
fn the_rfc_5280_rules_every_profile_shares() {
    // A policy OID twice.
    let report = check(&issue(tls(oids(&[DV, CA_OWN, CA_OWN]))), "tls-br");
    assert_eq!(policy_codes(&report), ["profile.policy.duplicate_oid"]);
    assert!(report.findings()[0..]
        .iter()
        .any(|f| f.message(sceau::Lang::En).contains("appears 2 times")));
    // explicitText: UTF8String passes; IA5String is an error (RFC 6818); VisibleString and
    // BMPString are less preferred; control characters are not recommended.
    let with_text = |tag, text: &[u8]| {
        let params = tls(cp(&[info(DV, &[notice(false, Some((tag, text)))])]));
        codes_of(params, "tls-br")
            .into_iter()
            .filter(|c| {
                ![
                    "profile.policy.qualifier_not_recommended",
                    "profile.policy.qualifier_forbidden",
                ]
                .contains(c)
            })
            .collect::<Vec<_>>()
    };
    assert!(with_text(UTF8, "Voir la DPC".as_bytes()).is_empty());
    assert_eq!(
        with_text(IA5, b"Voir la DPC"),
        ["profile.policy.explicit_text_ia5"]
    );
    assert_eq!(
        with_text(VISIBLE, b"Voir la DPC"),
        ["profile.policy.explicit_text_less_preferred"]
    );
    assert_eq!(
        with_text(BMP, &[0, b'D', 0, b'P', 0, b'C']),
        ["profile.policy.explicit_text_less_preferred"]
    );
    assert_eq!(
        with_text(UTF8, b"Voir\x07la DPC"),
        ["profile.policy.explicit_text_control"]
    );
    assert_eq!(
        with_text(UTF8, "Voir\u{85}la DPC".as_bytes()),
        ["profile.policy.explicit_text_control"]
    );
    let report = check(
        &issue(tls(cp(&[info(
            DV,
            &[notice(false, Some((VISIBLE, b"DPC")))],
        )]))),
        "tls-br",
    );
    assert!(report
        .findings()
        .iter()
        .any(|f| f.message(sceau::Lang::En).contains("is a VisibleString")));
    // noticeRef: a warning outside S/MIME.
    let params = tls(cp(&[info(DV, &[notice(true, Some((UTF8, b"DPC")))])]));
    assert!(codes_of(params, "tls-br").contains(&"profile.policy.notice_ref"));
    let params = tls(cp(&[info(DV, &[notice(false, Some((UTF8, b"DPC")))])]));
    assert!(!codes_of(params, "tls-br").contains(&"profile.policy.notice_ref"));
    // anyPolicy's qualifiers are limited to id-qt-cps and id-qt-unotice.
    let ca = |qualifier| tls_ca(cp(&[info(ANY_POLICY, &[qualifier])]));
    assert!(codes_of(ca(odd_qualifier()), "ca-br").contains(&"profile.policy.any_policy_qualifier"));
    assert!(!codes_of(ca(cps("http://cps.exemple.fr")), "ca-br")
        .contains(&"profile.policy.any_policy_qualifier"));
}

#[test]
fn certificate_policies_that_are_not_der_are_not_judged_further() {
    // An empty policyQualifiers (SIZE (1..MAX)) in the first of two PolicyInformations.
    let broken = cp(&[
        tlv(0x30, &[oid(CA_OWN), tlv(0x30, &[])].concat()),
        info(DV, &[]),
    ]);
    let report = check(&issue(tls(broken)), "tls-br");
    assert_eq!(
        policy_findings(&report),
        [(
            "profile.policy.malformed",
            "extensions.certificatePolicies".to_string()
        )]
    );
    assert!(report.findings().iter().any(|f| f
        .message(sceau::Lang::En)
        .contains("at certificatePolicies[0].policyQualifiers")));
    // A CPS URI that is not an IA5String.
    let utf8_cps = tlv(
        0x30,
        &[
            oid(&[1, 3, 6, 1, 5, 5, 7, 2, 1]),
            tlv(UTF8, b"http://cps.exemple.fr"),
        ]
        .concat(),
    );
    assert_eq!(
        codes_of(tls(cp(&[info(DV, &[utf8_cps])])), "tls-br"),
        ["profile.policy.malformed"]
    );
}

#[test]
fn the_ca_rules() {
    let ekus = || vec![ExtendedKeyUsagePurpose::ServerAuth];
    // A TLS subordinate CA: exactly one reserved identifier, first; or anyPolicy alone.
    assert!(codes_of(tls_ca(oids(&[OV, CA_OWN])), "ca-br").is_empty());
    assert!(codes_of(tls_ca(oids(&[ANY_POLICY])), "ca-br").is_empty());
    assert_eq!(
        codes_of(tls_ca(oids(&[CA_OWN])), "ca-br"),
        ["profile.policy.reserved_missing"]
    );
    assert_eq!(
        codes_of(tls_ca(oids(&[DV, OV])), "ca-br"),
        ["profile.policy.reserved_multiple"]
    );
    assert_eq!(
        codes_of(tls_ca(oids(&[CA_OWN, OV])), "ca-br"),
        ["profile.policy.reserved_not_first"]
    );
    let report = check(&issue(tls_ca(oids(&[ANY_POLICY, DV]))), "ca-br");
    assert_eq!(report.profile(), "tls-br-subordinate-ca");
    assert_eq!(
        policy_codes(&report),
        ["profile.policy.any_policy_not_alone"]
    );
    // anyPolicy for a CA of another organization than the issuer's: a warning.
    let other = sub_ca("Autre SAS", ekus(), oids(&[ANY_POLICY]));
    let report = check(&issue_by(other, "Exemple SA"), "ca-br");
    assert_eq!(
        policy_codes(&report),
        ["profile.policy.any_policy_other_organization"]
    );
    assert!(report.findings().iter().any(|f| f
        .message(sceau::Lang::En)
        .contains("(Autre SAS) is not its issuer's (Exemple SA)")));
    assert!(report
        .findings()
        .iter()
        .filter(|f| f.code().starts_with("profile.policy."))
        .all(|f| f.severity() == Severity::Warning));
    // A root: anyPolicy alone is fine, beside another identifier it is not.
    let key = KeyPair::generate().unwrap();
    let mut root = CertificateParams::new(Vec::<String>::new()).unwrap();
    root.distinguished_name
        .push(DnType::OrganizationName, "Exemple SA");
    root.distinguished_name
        .push(DnType::CommonName, "Exemple Racine");
    root.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    root.key_usages = vec![KeyUsagePurpose::KeyCertSign, KeyUsagePurpose::CrlSign];
    root.not_before = rcgen::date_time_ymd(2026, 11, 1);
    root.not_after = rcgen::date_time_ymd(2036, 11, 1);
    root.custom_extensions = vec![oids(&[ANY_POLICY])];
    let report = check(root.self_signed(&key).unwrap().der(), "ca-br");
    assert_eq!(report.profile(), "tls-br-root");
    assert!(policy_codes(&report).is_empty());
    root.custom_extensions = vec![oids(&[ANY_POLICY, CA_OWN])];
    let report = check(root.self_signed(&key).unwrap().der(), "ca-br");
    assert_eq!(
        policy_codes(&report),
        ["profile.policy.any_policy_not_alone"]
    );
}

#[test]
fn the_non_tls_and_precertificate_signing_ca_rules() {
    let email = || vec![ExtendedKeyUsagePurpose::EmailProtection];
    // A non-TLS CA carries no reserved TLS identifier; S/MIME ones are its business.
    let report = check(
        &issue(sub_ca("Exemple SA", email(), oids(&[CA_OWN, OV]))),
        "ca-br",
    );
    assert_eq!(report.profile(), "ca-non-tls");
    assert_eq!(
        policy_codes(&report),
        ["profile.policy.reserved_in_non_tls_ca"]
    );
    assert!(codes_of(
        sub_ca("Exemple SA", email(), oids(&[CA_OWN, MAILBOX_STRICT])),
        "ca-br"
    )
    .is_empty());
    // Its qualifiers follow BR §7.1.2.3.2 too.
    let params = sub_ca(
        "Exemple SA",
        email(),
        cp(&[info(CA_OWN, &[notice(false, Some((UTF8, b"DPC")))])]),
    );
    assert_eq!(
        codes_of(params, "ca-br"),
        [
            "profile.policy.qualifier_not_recommended",
            "profile.policy.qualifier_forbidden"
        ]
    );
    // A precertificate signing CA is a TLS CA (BR §7.1.2.4): its reserved identifier is due.
    let precert = || {
        vec![ExtendedKeyUsagePurpose::Other(vec![
            1, 3, 6, 1, 4, 1, 11129, 2, 4, 4,
        ])]
    };
    let report = check(
        &issue(sub_ca("Exemple SA", precert(), oids(&[EV]))),
        "ca-br",
    );
    assert_eq!(report.profile(), "ca-non-tls");
    assert!(policy_codes(&report).is_empty());
    assert_eq!(
        codes_of(sub_ca("Exemple SA", precert(), oids(&[CA_OWN])), "ca-br"),
        ["profile.policy.reserved_missing"]
    );
}

#[test]
fn an_ocsp_responder_s_qualifiers_follow_the_br() {
    let mut params = tls(cp(&[info(CA_OWN, &[odd_qualifier()])]));
    params.extended_key_usages = vec![ExtendedKeyUsagePurpose::OcspSigning];
    params.subject_alt_names = vec![];
    let report = check(&issue(params), "tls-br");
    assert_eq!(report.profile(), "tls-br-ocsp-responder");
    assert_eq!(
        policy_codes(&report),
        [
            "profile.policy.qualifier_not_recommended",
            "profile.policy.qualifier_forbidden"
        ]
    );
}

#[test]
fn the_smime_rules() {
    assert!(codes_of(smime(oids(&[MAILBOX_STRICT, CA_OWN])), "smime-br").is_empty());
    // Exactly one reserved identifier, whatever the order; no anyPolicy.
    assert_eq!(
        codes_of(smime(oids(&[CA_OWN])), "smime-br"),
        ["profile.policy.reserved_missing"]
    );
    assert_eq!(
        codes_of(smime(oids(&[MAILBOX_STRICT, SPONSORED_STRICT])), "smime-br"),
        ["profile.policy.reserved_multiple"]
    );
    assert_eq!(
        codes_of(smime(oids(&[MAILBOX_STRICT, ANY_POLICY])), "smime-br"),
        ["profile.policy.any_policy"]
    );
    // A qualifier is worth a notice (RFC 5280); a CPS URI must be http or https.
    let report = check(
        &issue(smime(cp(&[info(
            MAILBOX_STRICT,
            &[cps("http://cps.exemple.fr")],
        )]))),
        "smime-br",
    );
    assert_eq!(policy_codes(&report), ["profile.policy.qualifier_present"]);
    assert!(report
        .findings()
        .iter()
        .filter(|f| f.code().starts_with("profile.policy."))
        .all(|f| f.severity() == Severity::Notice));
    assert!(codes_of(
        smime(cp(&[info(MAILBOX_STRICT, &[cps("ftp://cps.exemple.fr")])])),
        "smime-br"
    )
    .contains(&"profile.policy.cps_uri_not_http"));
    // A userNotice: an explicitText, no noticeRef (an error, not RFC 5280's warning).
    let with_notice = |q| codes_of(smime(cp(&[info(MAILBOX_STRICT, &[q])])), "smime-br");
    assert_eq!(
        with_notice(notice(false, Some((UTF8, b"DPC")))),
        ["profile.policy.qualifier_present"]
    );
    assert_eq!(
        with_notice(notice(true, Some((UTF8, b"DPC")))),
        [
            "profile.policy.qualifier_present",
            "profile.policy.smime_user_notice"
        ]
    );
    assert_eq!(
        with_notice(notice(false, None)),
        [
            "profile.policy.qualifier_present",
            "profile.policy.smime_user_notice"
        ]
    );
    let report = check(
        &issue(smime(cp(&[info(MAILBOX_STRICT, &[notice(false, None)])]))),
        "smime-br",
    );
    assert!(report.findings().iter().any(|f| f
        .message(sceau::Lang::Fr)
        .contains("un userNotice sans explicitText")));
}

#[test]
fn the_smime_legacy_generation_ended_on_2025_07_15() {
    let legacy = |day| {
        let mut params = smime(oids(&[MAILBOX_LEGACY]));
        params.not_before = rcgen::date_time_ymd(2025, 7, day);
        params.not_after = rcgen::date_time_ymd(2026, 7, 1);
        issue(params)
    };
    assert_eq!(
        policy_codes(&check(&legacy(15), "smime-br")),
        ["profile.policy.smime_legacy_retired"]
    );
    assert!(policy_codes(&check(&legacy(14), "smime-br")).is_empty());
    let strict = smime(oids(&[MAILBOX_STRICT]));
    assert!(codes_of(strict, "smime-br").is_empty());
}

#[test]
fn code_signing_wants_an_http_cps_uri_and_recommends_it() {
    let code = |uri: &str| {
        let mut params = tls(cp(&[info(CODE_SIGNING, &[cps(uri)])]));
        params.subject_alt_names = vec![];
        params.extended_key_usages = vec![ExtendedKeyUsagePurpose::CodeSigning];
        params.crl_distribution_points = vec![rcgen::CrlDistributionPoint {
            uris: vec!["http://ca.exemple.fr/ca.crl".into()],
        }];
        codes_of(params, "cs-br")
    };
    assert!(code("http://cps.exemple.fr").is_empty());
    assert_eq!(
        code("ldap://cps.exemple.fr"),
        ["profile.policy.cps_uri_not_http"]
    );
}

#[test]
fn the_br_rules_are_dated_by_the_profile_rfc_5280_s_are_not() {
    // Issued in 2022, before SC-62: a CPS qualifier and no reserved identifier pass, an
    // IA5String explicitText does not.
    let mut params = tls(cp(&[info(
        CA_OWN,
        &[
            notice(false, Some((IA5, b"DPC"))),
            cps("http://cps.exemple.fr"),
        ],
    )]));
    params.not_before = rcgen::date_time_ymd(2022, 6, 1);
    params.not_after = rcgen::date_time_ymd(2022, 8, 30);
    let old = issue(params);
    assert_eq!(
        policy_codes(&check(&old, "tls-br")),
        ["profile.policy.explicit_text_ia5"]
    );
    // Judged by the rules of 2025.
    let mut policy = IssuancePolicy::by_id("tls-br").unwrap();
    policy.rules_at = Some(time::macros::date!(2025 - 01 - 01));
    let report = check_certificate(&old, &policy).unwrap();
    assert_eq!(
        policy_codes(&report),
        [
            "profile.policy.explicit_text_ia5",
            "profile.policy.qualifier_not_recommended",
            "profile.policy.qualifier_forbidden",
            "profile.policy.reserved_missing"
        ]
    );
}
