//! The subject of S/MIME certificates by type and generation (src/profile/cabf_smime_subject.rs,
//! S/MIME BR §7.1.4.2): each rule accepting a certificate made here and refusing one defect at
//! a time, in the subject and in a subjectAltName directoryName; the type from the first
//! reserved policy OID, or guessed without one; odd names (empty, repeated, undecodable
//! values, a malformed SmtpUTF8Mailbox) judged without a panic.

use rcgen::{CertificateParams, CustomExtension, DnType, ExtendedKeyUsagePurpose, KeyPair};
use sceau::{Lang, Report};

mod common;
use common::{aia, check_as, oid, policies, test_ca, tlv, MAILBOX_LEGACY, MAILBOX_STRICT};

const MAILBOX_MULTIPURPOSE: &[u64] = &[2, 23, 140, 1, 5, 1, 2];
const ORGANIZATION_LEGACY: &[u64] = &[2, 23, 140, 1, 5, 2, 1];
const ORGANIZATION_MULTIPURPOSE: &[u64] = &[2, 23, 140, 1, 5, 2, 2];
const ORGANIZATION_STRICT: &[u64] = &[2, 23, 140, 1, 5, 2, 3];
const SPONSOR_LEGACY: &[u64] = &[2, 23, 140, 1, 5, 3, 1];
const SPONSOR_STRICT: &[u64] = &[2, 23, 140, 1, 5, 3, 3];
const INDIVIDUAL_LEGACY: &[u64] = &[2, 23, 140, 1, 5, 4, 1];
const INDIVIDUAL_MULTIPURPOSE: &[u64] = &[2, 23, 140, 1, 5, 4, 2];
const INDIVIDUAL_STRICT: &[u64] = &[2, 23, 140, 1, 5, 4, 3];

const CN: &[u64] = &[2, 5, 4, 3];
const C: &[u64] = &[2, 5, 4, 6];
const L: &[u64] = &[2, 5, 4, 7];
const ST: &[u64] = &[2, 5, 4, 8];
const STREET: &[u64] = &[2, 5, 4, 9];
const O: &[u64] = &[2, 5, 4, 10];
const OU: &[u64] = &[2, 5, 4, 11];
const DESCRIPTION: &[u64] = &[2, 5, 4, 13];
const POSTAL_CODE: &[u64] = &[2, 5, 4, 17];
const SN: &[u64] = &[2, 5, 4, 4];
const GN: &[u64] = &[2, 5, 4, 42];
const PSEUDONYM: &[u64] = &[2, 5, 4, 65];
const ORGID: &[u64] = &[2, 5, 4, 97];
const EMAIL: &[u64] = &[1, 2, 840, 113549, 1, 9, 1];

const ADDRESS: &str = "alice@exemple.fr";

/// An rfc822Name.
fn rfc822(address: &str) -> Vec<u8> {
    tlv(0x81, address.as_bytes())
}

/// An otherName of type SmtpUTF8Mailbox (RFC 9598).
fn smtp_utf8(address: &str) -> Vec<u8> {
    let mut content = oid(&[1, 3, 6, 1, 5, 5, 7, 8, 9]);
    content.extend(tlv(0xa0, &tlv(0x0c, address.as_bytes())));
    tlv(0xa0, &content)
}

/// A directoryName of the attributes given, each in its own RDN, as UTF8Strings.
fn directory_name(attributes: &[(&[u64], &[u8])]) -> Vec<u8> {
    let rdns: Vec<u8> = attributes
        .iter()
        .flat_map(|(arcs, value)| {
            let mut atv = oid(arcs);
            atv.extend(tlv(0x0c, value));
            tlv(0x31, &tlv(0x30, &atv))
        })
        .collect();
    tlv(0xa4, &tlv(0x30, &rdns))
}

/// The subjectAltName of the GeneralNames given.
fn san(names: &[Vec<u8>]) -> CustomExtension {
    CustomExtension::from_oid_content(&[2, 5, 29, 17], tlv(0x30, &names.concat()))
}

fn dn_type(arcs: &[u64]) -> DnType {
    match arcs {
        [2, 5, 4, 3] => DnType::CommonName,
        [2, 5, 4, 6] => DnType::CountryName,
        [2, 5, 4, 7] => DnType::LocalityName,
        [2, 5, 4, 8] => DnType::StateOrProvinceName,
        [2, 5, 4, 10] => DnType::OrganizationName,
        [2, 5, 4, 11] => DnType::OrganizationalUnitName,
        _ => DnType::CustomDnType(arcs.to_vec()),
    }
}

/// An S/MIME certificate under the policy OIDs given, with that subject and the SAN names
/// given, issued 2026-11-01 for 90 days.
fn issue(policy: &[&[u64]], subject: &[(&[u64], &str)], names: &[Vec<u8>]) -> Vec<u8> {
    let mut params = CertificateParams::new(Vec::<String>::new()).unwrap();
    params.distinguished_name = rcgen::DistinguishedName::new();
    for (arcs, value) in subject {
        params.distinguished_name.push(dn_type(arcs), *value);
    }
    params.key_usages = vec![rcgen::KeyUsagePurpose::DigitalSignature];
    params.extended_key_usages = vec![ExtendedKeyUsagePurpose::EmailProtection];
    params.use_authority_key_identifier_extension = true;
    params.crl_distribution_points = vec![rcgen::CrlDistributionPoint {
        uris: vec!["http://ca.exemple.fr/ca.crl".into()],
    }];
    params.custom_extensions = vec![aia(), policies(policy), san(names)];
    params.not_before = rcgen::date_time_ymd(2026, 11, 1);
    params.not_after = rcgen::date_time_ymd(2027, 1, 29);
    let key = KeyPair::generate().unwrap();
    params
        .signed_by(&key, &test_ca("Exemple AC S/MIME", None))
        .unwrap()
        .der()
        .to_vec()
}

/// A certificate of one reserved OID whose SAN is `ADDRESS` alone.
fn smime(policy: &'static [u64], subject: &[(&[u64], &str)]) -> Vec<u8> {
    issue(&[policy], subject, &[rfc822(ADDRESS)])
}

fn report(der: &[u8]) -> Report {
    check_as(der, "smime-br")
}

/// The `profile.smime.subject.*` findings, as (code, field).
fn findings(der: &[u8]) -> Vec<(&'static str, String)> {
    report(der)
        .findings()
        .iter()
        .filter(|f| f.code().starts_with("profile.smime.subject."))
        .map(|f| (f.code(), f.field().to_string()))
        .collect()
}

fn pairs(expected: &[(&'static str, &str)]) -> Vec<(&'static str, String)> {
    expected.iter().map(|(c, f)| (*c, f.to_string())).collect()
}

/// A valid organization subject (C, O, organizationIdentifier) and more.
fn organization(more: &[(&'static [u64], &'static str)]) -> Vec<(&'static [u64], &'static str)> {
    let mut subject: Vec<(&[u64], &str)> =
        vec![(C, "FR"), (O, "Exemple SA"), (ORGID, "NTRFR-123456789")];
    subject.extend_from_slice(more);
    subject
}

#[test]
fn the_table_by_type_and_generation() {
    // Organization-validated: streetAddress and postalCode MAY but in the strict generation.
    let address: &[(&[u64], &str)] = &[
        (STREET, "1 rue de la Paix"),
        (L, "Paris"),
        (POSTAL_CODE, "75001"),
    ];
    assert!(findings(&smime(ORGANIZATION_MULTIPURPOSE, &organization(address))).is_empty());
    assert_eq!(
        findings(&smime(ORGANIZATION_STRICT, &organization(address))),
        pairs(&[
            (
                "profile.smime.subject.attribute_forbidden",
                "subject.street"
            ),
            (
                "profile.smime.subject.attribute_forbidden",
                "subject.postalCode"
            ),
        ])
    );
    // organizationName and organizationIdentifier SHALL.
    assert_eq!(
        findings(&smime(ORGANIZATION_STRICT, &[(C, "FR"), (CN, ADDRESS)])),
        pairs(&[
            ("profile.smime.subject.attribute_missing", "subject.O"),
            (
                "profile.smime.subject.attribute_missing",
                "subject.organizationIdentifier"
            ),
        ])
    );
    // Mailbox-validated: a commonName, a serialNumber, an emailAddress, nothing else.
    let mailbox: &[(&[u64], &str)] = &[(CN, ADDRESS), (&[2, 5, 4, 5], "42"), (EMAIL, ADDRESS)];
    assert!(findings(&smime(MAILBOX_STRICT, mailbox)).is_empty());
    assert_eq!(
        findings(&smime(
            MAILBOX_LEGACY,
            &[(C, "FR"), (O, "Exemple SA"), (CN, ADDRESS)]
        )),
        pairs(&[
            ("profile.smime.subject.attribute_forbidden", "subject.O"),
            ("profile.smime.subject.attribute_forbidden", "subject.C"),
        ])
    );
    // Any other attribute: MAY in legacy organization-, sponsor- and individual-validated
    // certificates, SHALL NOT elsewhere (named once, however often it appears).
    let described = organization(&[(DESCRIPTION, "Factures")]);
    assert!(findings(&smime(ORGANIZATION_LEGACY, &described)).is_empty());
    assert_eq!(
        findings(&smime(ORGANIZATION_MULTIPURPOSE, &described)),
        pairs(&[(
            "profile.smime.subject.other_attribute_forbidden",
            "subject.2.5.4.13"
        )])
    );
    let twice = directory_name(&[
        (O, b"Exemple SA"),
        (ORGID, b"NTRFR-123456789"),
        (DESCRIPTION, b"Factures"),
        (DESCRIPTION, b"Relances"),
    ]);
    assert_eq!(
        findings(&issue(
            &[ORGANIZATION_MULTIPURPOSE],
            &organization(&[]),
            &[rfc822(ADDRESS), twice]
        )),
        pairs(&[(
            "profile.smime.subject.other_attribute_forbidden",
            "san[1].2.5.4.13"
        )])
    );
    assert_eq!(
        findings(&smime(MAILBOX_LEGACY, &[(DESCRIPTION, "Factures")])),
        pairs(&[(
            "profile.smime.subject.other_attribute_forbidden",
            "subject.2.5.4.13"
        )])
    );
    // Individual-validated: no organization; a title MAY.
    assert_eq!(
        findings(&smime(
            INDIVIDUAL_STRICT,
            &[
                (GN, "Alice"),
                (SN, "Martin"),
                (OU, "Ventes"),
                (&[2, 5, 4, 12], "Gérante")
            ]
        )),
        pairs(&[("profile.smime.subject.attribute_forbidden", "subject.OU")])
    );
    // The table is the S/MIME profile's: a TLS certificate is not judged by it.
    let tls = smime(MAILBOX_LEGACY, &[(C, "FR"), (O, "Exemple SA")]);
    assert!(check_as(&tls, "tls-br")
        .findings()
        .iter()
        .all(|f| !f.code().starts_with("profile.smime.subject.")));
}

#[test]
fn the_personal_name_of_sponsored_and_individual_certificates() {
    const MISSING: &str = "profile.smime.subject.personal_name_missing";
    let named: &[(&[u64], &str)] = &[(GN, "Alice"), (SN, "Martin"), (CN, "Alice Martin")];
    assert!(findings(&smime(INDIVIDUAL_STRICT, named)).is_empty());
    assert!(findings(&smime(INDIVIDUAL_MULTIPURPOSE, &[(PSEUDONYM, "Zorro")])).is_empty());
    // Legacy: a commonName alone will do (Note 1); not in the later generations (Note 2).
    let cn_only: &[(&[u64], &str)] = &[(CN, "Alice Martin")];
    assert!(findings(&smime(INDIVIDUAL_LEGACY, cn_only)).is_empty());
    assert_eq!(
        findings(&smime(INDIVIDUAL_MULTIPURPOSE, cn_only)),
        pairs(&[
            (MISSING, "subject"),
            (
                "profile.smime.subject.common_name_unknown_source",
                "subject.CN"
            ),
        ])
    );
    assert_eq!(
        findings(&smime(INDIVIDUAL_LEGACY, &[(EMAIL, ADDRESS)])),
        pairs(&[(MISSING, "subject")])
    );
    let sponsored = organization(&[(CN, ADDRESS)]);
    assert_eq!(
        findings(&smime(SPONSOR_STRICT, &sponsored)),
        pairs(&[(MISSING, "subject")])
    );
    // Organization-validated certificates carry no Personal Name.
    assert!(findings(&smime(ORGANIZATION_STRICT, &sponsored)).is_empty());
}

#[test]
fn no_pseudonym_beside_a_given_name_or_surname() {
    const MIXED: &str = "profile.smime.subject.pseudonym_with_name";
    assert!(findings(&smime(
        INDIVIDUAL_STRICT,
        &[(PSEUDONYM, "Zorro"), (CN, "Zorro")]
    ))
    .is_empty());
    assert_eq!(
        findings(&smime(
            INDIVIDUAL_STRICT,
            &[(PSEUDONYM, "Zorro"), (GN, "Alice"), (SN, "Martin")]
        )),
        pairs(&[(MIXED, "subject.pseudonym"), (MIXED, "subject.pseudonym")])
    );
}

#[test]
fn address_parts_need_the_parts_they_depend_on() {
    const DEPENDENT: &str = "profile.smime.subject.dependent_attribute_missing";
    let without_country = |more: &[(&'static [u64], &'static str)]| {
        let mut subject: Vec<(&[u64], &str)> = vec![(O, "Exemple SA"), (ORGID, "NTRFR-123456789")];
        subject.extend_from_slice(more);
        smime(ORGANIZATION_MULTIPURPOSE, &subject)
    };
    assert!(findings(&smime(
        ORGANIZATION_MULTIPURPOSE,
        &organization(&[(ST, "Île-de-France"), (STREET, "1 rue de la Paix")])
    ))
    .is_empty());
    assert_eq!(
        findings(&without_country(&[(ST, "Île-de-France")])),
        pairs(&[(DEPENDENT, "subject.ST")])
    );
    assert_eq!(
        findings(&without_country(&[(L, "Paris"), (POSTAL_CODE, "75001")])),
        pairs(&[(DEPENDENT, "subject.L"), (DEPENDENT, "subject.postalCode")])
    );
    assert_eq!(
        findings(&smime(
            ORGANIZATION_MULTIPURPOSE,
            &organization(&[(STREET, "1 rue de la Paix")])
        )),
        pairs(&[(DEPENDENT, "subject.street")])
    );
}

#[test]
fn the_common_name_comes_from_where_the_type_says() {
    const UNKNOWN: &str = "profile.smime.subject.common_name_unknown_source";
    // Mailbox-validated: a Mailbox Address of the SAN, an rfc822Name or an SmtpUTF8Mailbox.
    assert!(findings(&smime(MAILBOX_STRICT, &[(CN, ADDRESS)])).is_empty());
    let utf8 = "élodie@exemple.fr";
    let with_utf8 = issue(&[MAILBOX_MULTIPURPOSE], &[(CN, utf8)], &[smtp_utf8(utf8)]);
    assert!(findings(&with_utf8).is_empty());
    assert_eq!(
        findings(&smime(MAILBOX_STRICT, &[(CN, "Alice Martin")])),
        pairs(&[(UNKNOWN, "subject.CN")])
    );
    // Organization-validated: the organizationName, exactly.
    assert!(findings(&smime(
        ORGANIZATION_STRICT,
        &organization(&[(CN, "Exemple SA")])
    ))
    .is_empty());
    assert_eq!(
        findings(&smime(
            ORGANIZATION_STRICT,
            &organization(&[(CN, "EXEMPLE SA")])
        )),
        pairs(&[(UNKNOWN, "subject.CN")])
    );
    // Sponsor- and individual-validated: the pseudonym, or a Personal Name beside a givenName
    // or surname; in the legacy generation any name when there is no pseudonym.
    let pseudonymous = organization(&[(PSEUDONYM, "Zorro"), (CN, "Zorro")]);
    assert!(findings(&smime(SPONSOR_STRICT, &pseudonymous)).is_empty());
    assert_eq!(
        findings(&smime(
            SPONSOR_LEGACY,
            &organization(&[(PSEUDONYM, "Zorro"), (CN, "Alice Martin")])
        )),
        pairs(&[(UNKNOWN, "subject.CN")])
    );
    assert!(findings(&smime(
        SPONSOR_LEGACY,
        &organization(&[(CN, "Alice Martin")])
    ))
    .is_empty());
}

#[test]
fn every_mailbox_address_is_repeated_in_the_subject_alt_name() {
    const NOT_IN_SAN: &str = "profile.smime.subject.mailbox_not_in_san";
    let subject = |surname| vec![(GN, "Alice"), (SN, surname)];
    assert!(findings(&smime(INDIVIDUAL_STRICT, &subject(ADDRESS))).is_empty());
    assert_eq!(
        findings(&smime(INDIVIDUAL_STRICT, &subject("bob@exemple.fr"))),
        pairs(&[(NOT_IN_SAN, "subject.SN")])
    );
    // A mailbox commonName that is not in the SAN is both an unknown source and unrepeated.
    assert_eq!(
        findings(&smime(MAILBOX_STRICT, &[(CN, "bob@exemple.fr")])),
        pairs(&[
            (
                "profile.smime.subject.common_name_unknown_source",
                "subject.CN"
            ),
            (NOT_IN_SAN, "subject.CN"),
        ])
    );
    // The emailAddress is RFC 5280's rule, not this one.
    let email = report(&smime(MAILBOX_STRICT, &[(EMAIL, "bob@exemple.fr")]));
    let codes: Vec<&str> = email.findings().iter().map(|f| f.code()).collect();
    assert!(
        codes.contains(&"rfc5280.subject.email_not_in_san"),
        "{codes:?}"
    );
    assert!(!codes.contains(&NOT_IN_SAN), "{codes:?}");
}

#[test]
fn no_attribute_of_metadata_only() {
    const METADATA: &str = "profile.smime.subject.metadata_only";
    let named = |ou| organization(&[(OU, ou)]);
    assert!(findings(&smime(ORGANIZATION_STRICT, &named("R&D"))).is_empty());
    assert_eq!(
        findings(&smime(ORGANIZATION_STRICT, &named("-"))),
        pairs(&[(METADATA, "subject.OU")])
    );
    assert_eq!(
        findings(&smime(ORGANIZATION_STRICT, &named(" . "))),
        pairs(&[(METADATA, "subject.OU")])
    );
}

#[test]
fn a_directory_name_of_the_subject_alt_name_is_judged_as_the_subject() {
    let subject: &[(&[u64], &str)] = &[(GN, "Alice"), (SN, "Martin")];
    let with = |dn: &[(&[u64], &[u8])]| {
        issue(
            &[INDIVIDUAL_STRICT],
            subject,
            &[rfc822(ADDRESS), directory_name(dn)],
        )
    };
    assert!(findings(&with(&[(GN, b"Alice"), (SN, b"Martin")])).is_empty());
    assert_eq!(
        findings(&with(&[(O, b"Exemple SA"), (SN, b"bob@exemple.fr")])),
        pairs(&[
            ("profile.smime.subject.attribute_forbidden", "san[1].O"),
            ("profile.smime.subject.mailbox_not_in_san", "san[1].SN"),
        ])
    );
    assert_eq!(
        findings(&with(&[(CN, b"Alice Martin")])),
        pairs(&[
            ("profile.smime.subject.personal_name_missing", "san[1]"),
            (
                "profile.smime.subject.common_name_unknown_source",
                "san[1].CN"
            ),
        ])
    );
}

#[test]
fn without_a_reserved_oid_the_type_is_guessed_and_the_first_oid_wins() {
    // An organizationName beside a personal commonName: Sponsor-validated Legacy.
    let guessed = issue(
        &[&[1, 3, 6, 1, 4, 1, 99999, 1]],
        &[(O, "Exemple SA"), (CN, "Alice Martin")],
        &[rfc822(ADDRESS)],
    );
    assert_eq!(
        findings(&guessed),
        pairs(&[(
            "profile.smime.subject.attribute_missing",
            "subject.organizationIdentifier"
        )])
    );
    let report = report(&guessed);
    let missing = report
        .findings()
        .iter()
        .find(|f| f.code() == "profile.smime.subject.attribute_missing")
        .unwrap();
    assert!(missing
        .message(Lang::En)
        .contains("Sponsor-validated Legacy (guessed: no reserved policy OID)"));
    assert!(missing.message(Lang::Fr).contains("supposé"));
    // Nothing of a person or an organization: Mailbox-validated.
    let mailbox = issue(&[], &[(CN, ADDRESS), (L, "Paris")], &[rfc822(ADDRESS)]);
    assert_eq!(
        findings(&mailbox),
        pairs(&[
            ("profile.smime.subject.attribute_forbidden", "subject.L"),
            (
                "profile.smime.subject.dependent_attribute_missing",
                "subject.L"
            ),
        ])
    );
    // Several reserved OIDs: the first is the type.
    let both = issue(
        &[ORGANIZATION_STRICT, MAILBOX_STRICT],
        &organization(&[]),
        &[rfc822(ADDRESS)],
    );
    assert!(findings(&both).is_empty());
}

#[test]
fn odd_names_are_judged_without_a_panic() {
    // Repeated and empty values, an undecodable directoryName value, a malformed
    // SmtpUTF8Mailbox (an INTEGER, not a UTF8String) and one that is not UTF-8.
    let mut bad_mailbox = oid(&[1, 3, 6, 1, 5, 5, 7, 8, 9]);
    bad_mailbox.extend(tlv(0xa0, &tlv(0x02, &[1])));
    let mut not_utf8 = oid(&[1, 3, 6, 1, 5, 5, 7, 8, 9]);
    not_utf8.extend(tlv(0xa0, &tlv(0x0c, &[0xff, 0xfe])));
    // (rcgen writes each subject attribute once: the odd names are directoryNames.)
    let der = issue(
        &[INDIVIDUAL_STRICT],
        &[(CN, "Alice Martin"), (SN, "Martin")],
        &[
            rfc822(ADDRESS),
            tlv(0xa0, &bad_mailbox),
            tlv(0xa0, &not_utf8),
            directory_name(&[
                (SN, &[0xff, 0xc0]),
                (CN, b""),
                (SN, b"Martin"),
                (SN, b"Martin"),
                (PSEUDONYM, &[0xc3]),
            ]),
            tlv(0xa4, &tlv(0x30, &[])),
        ],
    );
    let found = findings(&der);
    assert_eq!(
        found,
        pairs(&[
            (
                "profile.smime.subject.pseudonym_with_name",
                "san[3].pseudonym"
            ),
            ("profile.smime.subject.metadata_only", "san[3].CN"),
            ("profile.smime.subject.personal_name_missing", "san[4]"),
        ]),
        "{found:?}"
    );
    // The malformed SmtpUTF8Mailbox entries are no Mailbox Addresses.
    let facts = sceau::read_certificate(&der).unwrap();
    assert!(facts.smtp_utf8_mailboxes.is_empty());
    assert_eq!(facts.san_directory_names.len(), 2);
    // Every message renders in both languages.
    for finding in report(&der).findings() {
        assert!(!finding.message(Lang::En).contains('{'));
        assert!(!finding.message(Lang::Fr).contains('{'));
    }
}
