//! The weak-key tests CAs run before issuing (Let's Encrypt's Boulder, goodkey): a small prime
//! factor of an RSA modulus, and primes close enough for Fermat's method to split it.

use std::sync::OnceLock;

use dashu_int::ops::SquareRootRem;
use dashu_int::UBig;

/// Primes below 752, as Boulder's goodkey checks.
const SMALL_PRIMES: [u32; 133] = small_primes();

const fn small_primes() -> [u32; 133] {
    let mut out = [0u32; 133];
    let mut n = 2u32;
    let mut found = 0;
    while n < 752 {
        let mut d = 2;
        let mut prime = true;
        while d * d <= n {
            if n % d == 0 {
                prime = false;
                break;
            }
            d += 1;
        }
        if prime {
            out[found] = n;
            found += 1;
        }
        n += 1;
    }
    out
}

/// Products of consecutive small primes, each below 2^64, with the powers 2^(64k) mod each
/// product: the modulus is reduced by multiply-adds instead of one division per word, and each
/// prime is then tested on the residue by multiplying with its inverse (Granlund–Montgomery).
struct SmallPrimeGroups {
    /// (divisor, first prime index, last prime index exclusive)
    groups: Vec<(Divisor, usize, usize)>,
    /// powers[g][k] = 2^(64k) mod the product of group g
    powers: Vec<Vec<u64>>,
    /// For each prime p: (p⁻¹ mod 2^64, ⌊(2^64 − 1) / p⌋); x is divisible by odd p iff
    /// x·p⁻¹ mod 2^64 ≤ ⌊(2^64 − 1) / p⌋.
    divisibility: Vec<(u64, u64)>,
}

/// A 64-bit divisor with its precomputed reciprocal, so that a remainder costs two
/// multiplications instead of a 128-bit division (Möller & Granlund, "Improved division by
/// invariant integers", 2011, algorithm 4).
struct Divisor {
    value: u64,
    shift: u32,
    normalized: u64,
    reciprocal: u64,
}

impl Divisor {
    fn new(value: u64) -> Divisor {
        let shift = value.leading_zeros();
        let normalized = value << shift;
        let reciprocal = (u128::MAX / u128::from(normalized) - (1u128 << 64)) as u64;
        Divisor {
            value,
            shift,
            normalized,
            reciprocal,
        }
    }

    /// x mod value, for any x: the high word is reduced first, so that each step divides a
    /// two-word number whose high word is below the divisor.
    fn rem(&self, x: u128) -> u64 {
        let high = self.rem_two_words(x >> 64);
        self.rem_two_words((u128::from(high) << 64) | (x & u128::from(u64::MAX)))
    }

    /// x mod value, for x < value · 2^64.
    fn rem_two_words(&self, x: u128) -> u64 {
        let x = x << self.shift;
        let (hi, lo) = ((x >> 64) as u64, x as u64);
        let d = self.normalized;
        let q = u128::from(self.reciprocal) * u128::from(hi) + x;
        let q1 = ((q >> 64) as u64).wrapping_add(1);
        let q0 = q as u64;
        let mut r = lo.wrapping_sub(q1.wrapping_mul(d));
        if r > q0 {
            r = r.wrapping_add(d);
        }
        if r >= d {
            r -= d;
        }
        r >> self.shift
    }
}

/// Moduli up to this many 64-bit words use the precomputed powers (16384 bits).
const MAX_WORDS: usize = 256;

fn small_prime_groups() -> &'static SmallPrimeGroups {
    static GROUPS: OnceLock<SmallPrimeGroups> = OnceLock::new();
    GROUPS.get_or_init(|| {
        let mut groups = Vec::new();
        let mut start = 0;
        while start < SMALL_PRIMES.len() {
            let mut product = 1u64;
            let mut end = start;
            while end < SMALL_PRIMES.len() {
                match product.checked_mul(u64::from(SMALL_PRIMES[end])) {
                    Some(p) if p < GROUP_BOUND => product = p,
                    _ => break,
                }
                end += 1;
            }
            groups.push((Divisor::new(product), start, end));
            start = end;
        }
        let powers = groups
            .iter()
            .map(|(m, _, _)| powers_of_2_64(m.value))
            .collect();
        let divisibility = SMALL_PRIMES
            .iter()
            .map(|p| {
                let p = u64::from(*p);
                // Newton's iteration for the inverse of an odd p modulo 2^64 (p = 2 is special-cased).
                let mut inv = p;
                for _ in 0..6 {
                    inv = inv.wrapping_mul(2u64.wrapping_sub(p.wrapping_mul(inv)));
                }
                (inv, u64::MAX / p)
            })
            .collect();
        SmallPrimeGroups {
            groups,
            powers,
            divisibility,
        }
    })
}

/// 2^(64k) mod m for k < MAX_WORDS.
fn powers_of_2_64(m: u64) -> Vec<u64> {
    let mut powers = Vec::with_capacity(MAX_WORDS);
    let mut acc = 1 % m;
    for _ in 0..MAX_WORDS {
        powers.push(acc);
        acc = ((u128::from(acc) << 64) % u128::from(m)) as u64;
    }
    powers
}

/// Big-endian bytes as 64-bit words, least significant first, written into `out`.
fn words_le<'a>(bytes: &[u8], out: &'a mut [u64; MAX_WORDS]) -> &'a [u64] {
    let mut count = 0;
    for (slot, chunk) in out.iter_mut().zip(bytes.rchunks(8)) {
        *slot = match <[u8; 8]>::try_from(chunk) {
            Ok(whole) => u64::from_be_bytes(whole),
            Err(_) => chunk.iter().fold(0u64, |acc, b| (acc << 8) | u64::from(*b)),
        };
        count += 1;
    }
    &out[..count]
}

/// Group products stay below 2^55, so a word times a power is below 2^119 and 256 such terms
/// sum below 2^127: one 128-bit accumulator never overflows.
const GROUP_BOUND: u64 = 1 << 55;

/// Σ words[k]·powers[k] mod m (m < [`GROUP_BOUND`]). Even and odd terms go to two sums so
/// that the additions form two independent chains.
fn reduce(words: &[u64], powers: &[u64], m: &Divisor) -> u64 {
    let mut even = 0u128;
    let mut odd = 0u128;
    let mut pairs_w = words.chunks_exact(2);
    let mut pairs_p = powers.chunks_exact(2);
    for (w, p) in (&mut pairs_w).zip(&mut pairs_p) {
        even += u128::from(w[0]) * u128::from(p[0]);
        odd += u128::from(w[1]) * u128::from(p[1]);
    }
    if let ([w], Some(p)) = (pairs_w.remainder(), pairs_p.next()) {
        even += u128::from(*w) * u128::from(p[0]);
    }
    // Each half holds at most 128 terms below 2^119: the two together stay below 2^127.
    m.rem(even + odd)
}

/// The smallest prime below 752 that divides `modulus`, if any.
pub fn small_factor(modulus: &[u8]) -> Option<u32> {
    if modulus.last().is_some_and(|b| b & 1 == 0) {
        return Some(2);
    }
    if modulus.len().div_ceil(8) > MAX_WORDS {
        let n = UBig::from_be_bytes(modulus);
        return SMALL_PRIMES.iter().copied().find(|p| {
            let r: u32 = &n % *p;
            r == 0
        });
    }
    let tables = small_prime_groups();
    let mut buffer = [0u64; MAX_WORDS];
    let words = words_le(modulus, &mut buffer);
    for (g, (m, start, end)) in tables.groups.iter().enumerate() {
        let residue = reduce(words, &tables.powers[g], m);
        // 2 was ruled out above (the modulus is odd). Test the group's primes without a branch
        // each, and look for which one only when one divides.
        let first = (*start).max(1);
        let tests = &tables.divisibility[first..*end];
        let divides = |(inv, limit): &(u64, u64)| residue.wrapping_mul(*inv) <= *limit;
        if tests.iter().fold(false, |any, t| any | divides(t)) {
            return tests
                .iter()
                .position(divides)
                .map(|i| SMALL_PRIMES[first + i]);
        }
    }
    None
}

/// [`SQUARE_FILTER`] as a divisor, with its powers 2^(64k).
fn square_filter() -> &'static (Divisor, Vec<u64>) {
    static FILTER: OnceLock<(Divisor, Vec<u64>)> = OnceLock::new();
    FILTER.get_or_init(|| (Divisor::new(SQUARE_FILTER), powers_of_2_64(SQUARE_FILTER)))
}

fn mod_square_filter(words: &[u64]) -> u64 {
    let (divisor, powers) = square_filter();
    reduce(words, powers, divisor)
}

/// If Fermat's method factors `modulus` within `rounds` steps, the step (1-based) it succeeds
/// at. Moduli whose primes differ by less than about 2·n^(1/4) fall at the first step.
pub fn fermat_factor_round(modulus: &[u8], rounds: u32) -> Option<u32> {
    if modulus.len() < 2 || modulus.len().div_ceil(8) > MAX_WORDS {
        return None;
    }
    let n = UBig::from_be_bytes(modulus);
    // a = ⌈√n⌉; dashu's sqrt_rem is the Karatsuba square root (Zimmermann), several times faster
    // on 2048-bit moduli than a Newton iteration with full-size divisions.
    let (root, rest) = n.sqrt_rem();
    let a = if rest.is_zero() { root } else { root + 1u8 };
    // b² = (a + k)² − n must be a perfect square. Most candidates are ruled out by quadratic
    // residues modulo small numbers, tracked in machine words; only survivors pay a square root.
    let mut buffer = [0u64; MAX_WORDS];
    let n_mod = mod_square_filter(words_le(modulus, &mut buffer));
    let a_mod = mod_square_filter(words_le(&a.to_be_bytes(), &mut buffer));
    // Which residues x of a + k modulo 64 leave x² − n a square modulo 64: one bit test rules
    // out four candidates in five before the other moduli are tried.
    let n64 = n_mod & 63;
    let mut allowed_mod_64 = 0u64;
    for x in 0..64u64 {
        if could_be_square_mod_64((x * x + 64 - n64) & 63) {
            allowed_mod_64 |= 1 << x;
        }
    }
    for step in 0..rounds {
        if allowed_mod_64 & (1 << ((a_mod + u64::from(step)) & 63)) == 0 {
            continue;
        }
        let a_k = (a_mod + u64::from(step)) % SQUARE_FILTER;
        let b2_mod = (a_k * a_k + SQUARE_FILTER - n_mod) % SQUARE_FILTER;
        if !could_be_square(b2_mod) {
            continue;
        }
        let a_big = &a + UBig::from(step);
        let b2 = a_big.sqr() - &n;
        let (b, rest) = b2.sqrt_rem();
        // p = a − b must be a proper factor (b = a − 1 gives the trivial 1 × n).
        if rest.is_zero() && &a_big - &b > UBig::ONE && &a_big - &b < n {
            return Some(step + 1);
        }
    }
    None
}

/// 64·63·65·11·17·19: squares mod each factor are few, so about 1 in 430 candidates survives;
/// below 2^32, so a residue squared stays in a u64.
const SQUARE_FILTER: u64 = 64 * 63 * 65 * 11 * 17 * 19;

fn could_be_square_mod_64(x: u64) -> bool {
    // Squares modulo 64: 0, 1, 4, 9, 16, 17, 25, 33, 36, 41, 49, 57.
    const SQUARES: u64 = (1 << 0)
        | (1 << 1)
        | (1 << 4)
        | (1 << 9)
        | (1 << 16)
        | (1 << 17)
        | (1 << 25)
        | (1 << 33)
        | (1 << 36)
        | (1 << 41)
        | (1 << 49)
        | (1 << 57);
    SQUARES & (1 << (x & 63)) != 0
}

/// Whether x (reduced mod [`SQUARE_FILTER`]) can be a perfect square.
fn could_be_square(x: u64) -> bool {
    fn residue_table(m: u64) -> Vec<bool> {
        let mut table = vec![false; m as usize];
        for i in 0..m {
            table[(i * i % m) as usize] = true;
        }
        table
    }
    // Most selective first: only 12 of 64 residues mod 64 are squares.
    static TABLES: OnceLock<[Vec<bool>; 6]> = OnceLock::new();
    let t = TABLES.get_or_init(|| [64, 63, 65, 11, 17, 19].map(residue_table));
    t[0][(x & 63) as usize]
        && t[1][(x % 63) as usize]
        && t[2][(x % 65) as usize]
        && t[3][(x % 11) as usize]
        && t[4][(x % 17) as usize]
        && t[5][(x % 19) as usize]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn small_primes_are_the_132_primes_below_752() {
        assert_eq!(SMALL_PRIMES[0], 2);
        assert_eq!(SMALL_PRIMES[132], 751);
        assert!(SMALL_PRIMES.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn small_factor_finds_each_prime_and_only_real_factors() {
        // 2^127 − 1 is prime: no small factor.
        let m127 = (UBig::ONE << 127) - 1u32;
        assert_eq!(small_factor(&m127.to_be_bytes()), None);
        for p in SMALL_PRIMES {
            let n = &m127 * UBig::from(p);
            assert_eq!(small_factor(&n.to_be_bytes()), Some(p), "prime {p}");
        }
    }

    #[test]
    fn fermat_factors_close_primes_and_not_products_of_distant_ones() {
        // Two Mersenne primes far apart: Fermat cannot factor the product quickly.
        let m89 = (UBig::ONE << 89) - 1u32;
        let m127 = (UBig::ONE << 127) - 1u32;
        assert_eq!(
            fermat_factor_round(&(&m89 * &m127).to_be_bytes(), 100),
            None
        );
        // 1000003 and 1000033 are primes 30 apart: found at the first step.
        let close = UBig::from(1_000_003u64 * 1_000_033u64);
        assert_eq!(fermat_factor_round(&close.to_be_bytes(), 100), Some(1));
    }

    #[test]
    fn remainders_by_reciprocal_match_division() {
        let mut x = 0x0123_4567_89ab_cdefu128;
        for m in [
            3u64,
            743,
            0xffff_ffff,
            0xffff_ffff_ffff_ffc5,
            1 << 40,
            2_882_880 * 17 * 19,
        ] {
            let d = Divisor::new(m);
            for _ in 0..1000 {
                // An LCG walk over values below 2^105.
                x = (x
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407))
                    >> 23;
                assert_eq!(d.rem(x), (x % u128::from(m)) as u64, "{x} mod {m}");
            }
            assert_eq!(d.rem(0), 0);
            assert_eq!(d.rem(u128::from(m)), 0);
            assert_eq!(d.rem(u128::from(m) - 1), m - 1);
        }
    }

    #[test]
    fn the_squares_mod_64_are_the_twelve_listed() {
        for x in 0..64u64 {
            assert_eq!(
                could_be_square_mod_64(x),
                (0..64u64).any(|r| r * r % 64 == x),
                "{x}"
            );
        }
    }
}
