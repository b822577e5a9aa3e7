//! Lifecycle: what is left of a certificate at a given time, whether its product's expiry notice
//! is due, and what renewal and re-issuance allow (CSPQ 50 business days, Certigna 90 days with
//! days carried over, IGC-Santé one month).

use rustls_pki_types::UnixTime;
use serde::Serialize;
use time::{Date, Duration, OffsetDateTime, Weekday};

use crate::cert::facts::read_certificate;
use crate::error::Result;
use crate::lang::{localized, Localized};
use crate::profile::catalog::{add_months, Notice, Product};
use crate::rule::{day_of, rules, Checked, Finding};

/// Where a certificate stands at a given time.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ExpiryFacts {
    /// Subject DN.
    pub subject_dn: String,
    /// Serial in hex.
    pub serial: String,
    /// notBefore, RFC 3339.
    pub not_before: String,
    /// notAfter, RFC 3339.
    pub not_after: String,
    /// `valid`, `expired` or `not_yet_valid`.
    pub status: &'static str,
    /// Whole days from now to notAfter (negative once expired).
    pub days_left: i64,
    /// Business days (Monday to Friday, holidays excluded) after today up to the expiry day.
    pub business_days_left: i64,
    /// The product's notice rule, as written in the catalogue.
    pub notice: Option<Localized>,
    /// Whether the notice period has begun.
    pub notice_open: Option<bool>,
    /// notAfter of a renewal made now that keeps the days left (RFC 3339).
    pub renewal_not_after: Option<String>,
    /// Last day a re-issuance with a new key is possible.
    pub reissue_until: Option<String>,
    /// Whether re-issuance with a new key is still possible.
    pub reissue_possible: Option<bool>,
    /// First day a new order can be placed.
    pub order_again_from: Option<String>,
}

fn at(seconds: i64) -> OffsetDateTime {
    OffsetDateTime::from_unix_timestamp(seconds).unwrap_or(OffsetDateTime::UNIX_EPOCH)
}

fn rfc3339(t: OffsetDateTime) -> String {
    t.format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_else(|_| t.unix_timestamp().to_string())
}

/// Business days in (from, to]: the days still to be worked before and on the expiry day.
/// Whole weeks count five each, so a certificate valid until 9999 costs no more than one.
fn business_days_between(from: Date, to: Date, holidays: &[Date]) -> i64 {
    if to <= from {
        return 0;
    }
    let days = (to - from).whole_days();
    let weeks = days / 7;
    let mut count = weeks * 5;
    let mut day = from + Duration::weeks(weeks);
    while day < to {
        day = day.next_day().unwrap_or(to);
        if !matches!(day.weekday(), Weekday::Saturday | Weekday::Sunday) {
            count += 1;
        }
    }
    // The holidays that fall on a weekday in the range, each once: linear in the list (a
    // catalogue's are sorted and unique already; a caller's may not be).
    let mut off: Vec<Date> = holidays
        .iter()
        .copied()
        .filter(|h| *h > from && *h <= to)
        .filter(|h| !matches!(h.weekday(), Weekday::Saturday | Weekday::Sunday))
        .collect();
    off.sort_unstable();
    off.dedup();
    count - i64::try_from(off.len()).unwrap_or(i64::MAX)
}

/// Where the certificate in `input` stands at `now` under `product`'s terms.
pub(crate) fn check(
    input: &[u8],
    product: &Product,
    holidays: &[Date],
    now: UnixTime,
) -> Result<Checked<ExpiryFacts>> {
    let cert = read_certificate(input)?;
    let now_s = i64::try_from(now.as_secs()).unwrap_or(i64::MAX);
    let (not_before, not_after, now_t) = (at(cert.not_before), at(cert.not_after), at(now_s));
    let status = if now_s < cert.not_before {
        "not_yet_valid"
    } else if now_s > cert.not_after {
        "expired"
    } else {
        "valid"
    };
    let days_left = (cert.not_after - now_s).div_euclid(86_400);
    let business_days_left = if now_t.date() < not_after.date() {
        business_days_between(now_t.date(), not_after.date(), holidays)
    } else {
        -business_days_between(not_after.date(), now_t.date(), holidays)
    };
    let (notice, notice_open) = match &product.notice {
        None => (None, None),
        Some(Notice::BusinessDays(n)) => (
            Some(localized!(
                "{n} business days",
                "{n} jours ouvrables",
                n = n
            )),
            Some(business_days_left <= i64::from(*n)),
        ),
        Some(Notice::Days(n)) => (
            Some(localized!("{n} days", "{n} jours", n = n)),
            Some(days_left <= i64::from(*n)),
        ),
        Some(Notice::Months(n)) => {
            let opens = add_months(not_after.date(), -i32::try_from(*n).unwrap_or(0));
            (
                Some(localized!("{n} month(s)", "{n} mois", n = n)),
                Some(now_t.date() >= opens),
            )
        }
    };
    let terms = product.lifecycle.clone().unwrap_or_default();
    // The new certificate ends one period after the old one: no day is lost (002). A date past
    // the calendar's end (a 9999 certificate) has no renewal date.
    let renewal_not_after = (terms.carry_over && status != "expired")
        .then(|| not_after.checked_add(Duration::seconds(cert.not_after - cert.not_before)))
        .flatten()
        .map(rfc3339);
    let reissue_until = terms
        .reissue_months
        .map(|m| add_months(not_before.date(), i32::try_from(m).unwrap_or(0)));
    let order_again_from = terms
        .order_again_months
        .map(|m| add_months(not_after.date(), -i32::try_from(m).unwrap_or(0)));
    let facts = ExpiryFacts {
        subject_dn: cert.subject_dn.clone(),
        serial: cert.serial.clone(),
        not_before: rfc3339(not_before),
        not_after: rfc3339(not_after),
        status,
        days_left,
        business_days_left,
        notice: notice.clone(),
        notice_open,
        renewal_not_after,
        reissue_until: reissue_until.map(|d| d.to_string()),
        reissue_possible: reissue_until.map(|d| now_t.date() <= d),
        order_again_from: order_again_from.map(|d| d.to_string()),
    };
    let mut findings = Vec::new();
    match status {
        "expired" => {
            findings.push(Finding::new(&EXPIRY_EXPIRED, "validity").arg("date", &facts.not_after))
        }
        "not_yet_valid" => findings
            .push(Finding::new(&EXPIRY_NOT_YET_VALID, "validity").arg("date", &facts.not_before)),
        _ => {
            if notice_open == Some(true) {
                findings.push(
                    Finding::new(&EXPIRY_NOTICE, "validity")
                        .arg("days", days_left)
                        .arg("business", business_days_left)
                        .arg("product", &product.name)
                        .text("notice", notice.unwrap_or_default()),
                );
            }
        }
    }
    Ok(Checked::on(day_of(now_s), facts, findings))
}

rules! {
    EXPIRY_EXPIRED: "expiry.expired", Error,
        "RFC 5280 §4.1.2.5",
        "the certificate expired on {date}",
        "le certificat a expiré le {date}";
    EXPIRY_NOT_YET_VALID: "expiry.not_yet_valid", Error,
        "RFC 5280 §4.1.2.5",
        "the certificate is not valid before {date}",
        "le certificat n'est pas valide avant le {date}";
    EXPIRY_NOTICE: "expiry.notice_due", Warning,
        "000_45f25a1ea33b9316.txt (50 business days); 002_65d782b1359c0f60.txt (90 days); 003_a88f77ecd5bd515e.txt (one month)",
        "{days} days ({business} business days) left: within the {notice} notice of {product}; renew now",
        "{days} jours ({business} jours ouvrables) restants : dans le préavis de {notice} de {product} ; renouvelez maintenant";
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn months_clamp_to_the_end_of_the_month() {
        assert_eq!(add_months(date!(2026 - 01 - 31), 1), date!(2026 - 02 - 28));
        assert_eq!(add_months(date!(2026 - 03 - 15), -3), date!(2025 - 12 - 15));
        assert_eq!(add_months(date!(2027 - 12 - 01), 1), date!(2028 - 01 - 01));
    }

    #[test]
    fn the_end_of_the_calendar_is_not_a_panic() {
        let key = rcgen::KeyPair::generate().unwrap();
        let mut params = rcgen::CertificateParams::new(vec!["a.exemple.fr".to_string()]).unwrap();
        params.not_before = rcgen::date_time_ymd(1950, 1, 1);
        params.not_after = rcgen::date_time_ymd(9999, 12, 31);
        let pem = params.self_signed(&key).unwrap().pem();
        let catalog = crate::profile::catalog::Catalog::embedded();
        let now = UnixTime::since_unix_epoch(std::time::Duration::from_secs(1_795_219_200));
        let checked = check(
            pem.as_bytes(),
            catalog.product("certigna-ssl").unwrap(),
            &catalog.holidays,
            now,
        )
        .unwrap();
        let facts = &checked.facts;
        assert_eq!(facts.renewal_not_after, None);
        assert!(facts.days_left > 2_900_000);
    }

    #[test]
    fn business_days_skip_weekends_and_holidays() {
        // Friday 2026-12-18 to Friday 2026-12-25 (Christmas): 19-20 weekend, 21-24 worked, 25 off.
        assert_eq!(
            business_days_between(
                date!(2026 - 12 - 18),
                date!(2026 - 12 - 25),
                &[date!(2026 - 12 - 25)]
            ),
            4
        );
        assert_eq!(
            business_days_between(date!(2026 - 12 - 18), date!(2026 - 12 - 25), &[]),
            5
        );
        assert_eq!(
            business_days_between(date!(2026 - 12 - 18), date!(2026 - 12 - 18), &[]),
            0
        );
    }
}
