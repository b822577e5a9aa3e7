//! The named algorithm policies against DOMAIN.md's table: each row judged on the days around
//! its dates, with the rule each refusal cites.

use sceau::{AlgorithmPolicy, HashAlg, KeyStrength, PssParams, SignatureScheme};
use time::macros::date;
use time::Date;

fn codes(policy: &str, scheme: &SignatureScheme, bits: u32, day: Date) -> Vec<&'static str> {
    AlgorithmPolicy::named(policy)
        .unwrap()
        .check_signature(scheme, Some(KeyStrength(bits)), day, "signature")
        .iter()
        .map(|f| f.code())
        .collect()
}

fn pkcs1(hash: HashAlg) -> SignatureScheme {
    SignatureScheme::RsaPkcs1 { hash }
}

fn pss() -> SignatureScheme {
    SignatureScheme::RsaPss(PssParams {
        hash: HashAlg::Sha256,
        mgf1_hash: HashAlg::Sha256,
        salt_len: 32,
    })
}

const NONE: [&str; 0] = [];

#[test]
fn rsa_pkcs1_signs_until_2029_under_etsi_and_through_2030_under_rgs_and_cse() {
    let s = pkcs1(HashAlg::Sha256);
    assert_eq!(codes("etsi", &s, 2048, date!(2028 - 12 - 31)), NONE);
    assert_eq!(
        codes("etsi", &s, 3072, date!(2029 - 01 - 01)),
        ["algorithm.signature.scheme_expired"]
    );
    assert_eq!(
        codes("etsi", &s, 1024, date!(2026 - 12 - 01)),
        ["algorithm.signature.key_too_small"]
    );
    for policy in ["rgs", "cse"] {
        assert_eq!(
            codes(policy, &s, 2048, date!(2030 - 12 - 31)),
            NONE,
            "{policy}"
        );
        assert_eq!(
            codes(policy, &s, 2048, date!(2031 - 01 - 01)),
            ["algorithm.signature.key_too_small"],
            "{policy}"
        );
        assert_eq!(
            codes(policy, &s, 3072, date!(2031 - 01 - 01)),
            NONE,
            "{policy}"
        );
    }
}

#[test]
fn rsa_pss_needs_3072_bits_from_2029_under_etsi() {
    assert_eq!(codes("etsi", &pss(), 2048, date!(2028 - 12 - 31)), NONE);
    assert_eq!(
        codes("etsi", &pss(), 2048, date!(2029 - 01 - 01)),
        ["algorithm.signature.key_too_small"]
    );
    assert_eq!(codes("etsi", &pss(), 3072, date!(2040 - 01 - 01)), NONE);
}

#[test]
fn ecdsa_needs_p256_or_stronger_and_digests_follow_their_dates() {
    let ecdsa = |hash| SignatureScheme::Ecdsa { hash };
    for policy in ["etsi", "rgs", "cse"] {
        assert_eq!(
            codes(policy, &ecdsa(HashAlg::Sha384), 384, date!(2040 - 01 - 01)),
            NONE
        );
        assert_eq!(
            codes(policy, &ecdsa(HashAlg::Sha256), 192, date!(2026 - 01 - 01)),
            ["algorithm.signature.key_too_small"]
        );
        assert_eq!(
            codes(policy, &pkcs1(HashAlg::Sha1), 3072, date!(2026 - 01 - 01)),
            ["algorithm.signature.retired"]
        );
        assert_eq!(
            codes(policy, &pkcs1(HashAlg::Md5), 3072, date!(2026 - 01 - 01)),
            ["algorithm.signature.retired"]
        );
    }
    let sha224 = ecdsa(HashAlg::Sha224);
    assert_eq!(codes("etsi", &sha224, 256, date!(2028 - 12 - 31)), NONE);
    assert_eq!(
        codes("etsi", &sha224, 256, date!(2029 - 01 - 01)),
        ["algorithm.signature.expired"]
    );
    assert_eq!(
        codes("rgs", &sha224, 256, date!(2021 - 01 - 01)),
        ["algorithm.signature.expired"]
    );
    assert_eq!(codes("cse", &sha224, 256, date!(2030 - 12 - 31)), NONE);
    // Ed25519: ETSI admits EdDSA; the RGS and CSE tables do not name it.
    assert_eq!(
        codes(
            "etsi",
            &SignatureScheme::Ed25519,
            256,
            date!(2030 - 01 - 01)
        ),
        NONE
    );
    assert!(
        codes("rgs", &SignatureScheme::Ed25519, 256, date!(2030 - 01 - 01))
            .contains(&"algorithm.signature.not_allowed")
    );
    assert!(AlgorithmPolicy::named("nist").is_none());
    assert_eq!(AlgorithmPolicy::NAMES, ["etsi", "rgs", "cse"]);
}

#[test]
fn the_default_policy_leaves_key_sizes_to_the_key_policy() {
    let default = AlgorithmPolicy::default();
    let judged = default.check_signature(
        &pkcs1(HashAlg::Sha256),
        Some(KeyStrength(1024)),
        date!(2035 - 01 - 01),
        "signature",
    );
    assert!(judged.is_empty());
}
