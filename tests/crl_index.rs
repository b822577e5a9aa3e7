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
