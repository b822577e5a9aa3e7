//! The CRL index on a large list: every entry found, every other serial absent, and the memory
//! held under twice the DER (the speed is in benches/crl_index.rs).

#[path = "common/big_crl.rs"]
mod big_crl;

#[test]
fn a_large_crl_is_indexed_in_under_twice_its_size() {
    let der = big_crl::build(100_000);
    let size = der.len();
    let crl = sceau::Crl::from_der(der).unwrap();
    assert_eq!(crl.len(), 100_000);
    assert!(
        crl.memory_size() < 2 * size,
        "{} held for {size}",
        crl.memory_size()
    );
    for i in [0u32, 1, 4, 99_999, 54_321] {
        let hit = crl.lookup(&big_crl::serial(i * 2)).expect("listed");
        assert_eq!(hit.revoked_at, 1_772_323_200);
        assert_eq!(hit.reason, (i % 4 == 0).then_some("keyCompromise"));
        assert!(crl.lookup(&big_crl::serial(i * 2 + 1)).is_none());
    }
    assert!(crl.lookup(&[0x01]).is_none());
    assert!(crl.lookup(&[]).is_none());
}

/// The index orders serials by their length and last 8 octets, and reads the octets before
/// those only on a tie: serials that end alike must still be told apart, and so must serials of
/// one length that differ in their first octets only.
#[test]
fn serials_that_end_alike_are_told_apart() {
    let tail = [0x5a; 8];
    let serial = |head: &[u8]| [head, &tail[..]].concat();
    let (a, b, c) = (
        serial(&[0x11, 0x01]),
        serial(&[0x11, 0x02]),
        serial(&[0x11, 0x03]),
    );
    let short = serial(&[0x11]);
    // a (entry 0, with a reasonCode), b and the 9-octet one are listed; c is not.
    let listed = [a.clone(), b.clone(), short.clone()];
    let crl = sceau::Crl::from_der(big_crl::build_listing(listed.into_iter())).unwrap();
    assert_eq!(
        crl.lookup(&a).expect("a is listed").reason,
        Some("keyCompromise")
    );
    assert_eq!(crl.lookup(&b).expect("b is listed").reason, None);
    assert!(crl.lookup(&short).is_some());
    assert!(
        crl.lookup(&c).is_none(),
        "c ends like a and b but is not listed"
    );
    assert!(
        crl.lookup(&serial(&[0x12])).is_none(),
        "9 octets, ends alike"
    );
    assert!(
        crl.lookup(&tail).is_none(),
        "the 8 octets alone are another serial"
    );
    // Short serials are compared whole: 1 and 0x0101 differ in length, not in their tail.
    let crl = sceau::Crl::from_der(big_crl::build_listing([vec![0x01]].into_iter())).unwrap();
    assert!(crl.lookup(&[0x01]).is_some());
    assert!(crl.lookup(&[0x01, 0x01]).is_none());
    assert!(crl.lookup(&[0x02]).is_none());
}
