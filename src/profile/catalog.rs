//! The product catalogue, as data: which names, keys, subject fields and usages each product
//! allows, what it costs and when its holder must be told of expiry. The embedded default
//! (`catalog.toml`, from the seed documents) can be replaced or extended by a TOML file.

use serde::{Deserialize, Serialize};

use time::{Date, Month, OffsetDateTime};

use crate::error::{Error, Result};
use crate::keys::KeyPolicy;
use crate::lang::{localized, Localized};
use crate::usage::Usage;

impl Product {
    /// Whether the product's certificates name hosts (TLS servers whose CN is a host name):
    /// then the CN and every DNS name must be host names, and there must be one at least.
    pub fn names_hosts(&self) -> bool {
        self.usage == Usage::TlsServer && self.names.cn_is_host && self.names.dns
    }

    /// The most years a validity, a renewal or a notice may span.
    const MAX_YEARS: u32 = 100;

    /// Why this product cannot be applied, if it cannot.
    fn problems(&self) -> Option<String> {
        let years = Self::MAX_YEARS;
        if self.id.trim().is_empty() {
            return Some("the id is empty".into());
        }
        if let Some(problem) = self.key.rsa.as_ref().and_then(|rsa| rsa.problems()) {
            return Some(format!("key.rsa: {problem}"));
        }
        if self.names.max == Some(0) && self.names.dns {
            return Some(
                "names.max is 0 while DNS names are allowed: no request could pass".into(),
            );
        }
        let periods = self.validity_years.iter().chain(&self.max_validity_years);
        if let Some(bad) = periods.copied().find(|&y| y == 0 || y > years) {
            return Some(format!("a validity of {bad} years is outside 1 to {years}"));
        }
        let months = self
            .lifecycle
            .iter()
            .flat_map(|l| [l.reissue_months, l.order_again_months]);
        if let Some(bad) = months.flatten().find(|&m| m > years * 12) {
            return Some(format!(
                "lifecycle: {bad} months is more than {years} years"
            ));
        }
        let notice_days = match self.notice {
            Some(Notice::BusinessDays(n) | Notice::Days(n)) => n,
            Some(Notice::Months(n)) => n.saturating_mul(31),
            None => 0,
        };
        if notice_days > years * 366 {
            return Some(format!(
                "the expiry notice is more than {years} years ahead"
            ));
        }
        if let Some(tariff) = &self.tariff {
            let iso_4217 = tariff.currency.len() == 3
                && tariff.currency.bytes().all(|b| b.is_ascii_uppercase());
            if !iso_4217 {
                return Some(format!(
                    "tariff.currency '{}' is not an ISO 4217 code (three capital letters)",
                    tariff.currency
                ));
            }
        }
        if let Some(bad) = self.policies.iter().find(|oid| !is_dotted_oid(oid)) {
            return Some(format!(
                "policies: '{bad}' is not a dotted OID (2.23.140.1.1)"
            ));
        }
        let domains = self
            .names
            .suffixes
            .iter()
            .chain(&self.names.authorized_domains);
        if let Some(problem) = domains.into_iter().find_map(|d| domain_pattern_problem(d)) {
            return Some(format!("names: {problem}"));
        }
        None
    }
}

/// Merges override product tables into the base list: an id already there is merged field by
/// field, a new one must read as a whole product. The error names the product.
fn merge_products(
    base: &mut Vec<toml::Value>,
    overrides: Vec<toml::Value>,
) -> std::result::Result<(), String> {
    let id_of = |table: &toml::Value| table.get("id").and_then(|id| id.as_str()).map(String::from);
    let mut seen = std::collections::HashSet::new();
    for product in overrides {
        let Some(id) = id_of(&product) else {
            return Err("a [[product]] override without an id".into());
        };
        if !seen.insert(id.clone()) {
            return Err(format!("product '{id}': appears twice"));
        }
        match base
            .iter_mut()
            .find(|p| id_of(p).as_deref() == Some(id.as_str()))
        {
            Some(existing) => merge_table(existing, product),
            None => {
                Product::deserialize(product.clone())
                    .map_err(|e| format!("product '{id}' is new, so it must be whole: {e}"))?;
                base.push(product);
            }
        }
    }
    Ok(())
}

/// Merges `value` into `into`: tables key by key, anything else replaced. An expiry notice is
/// one choice among several (`business_days`, `days`, `months`), so it is replaced whole.
fn merge_table(into: &mut toml::Value, value: toml::Value) {
    match (into, value) {
        (toml::Value::Table(into), toml::Value::Table(value)) => {
            for (key, value) in value {
                match into.get_mut(&key) {
                    Some(existing) if key != "notice" => merge_table(existing, value),
                    _ => {
                        into.insert(key, value);
                    }
                }
            }
        }
        (into, value) => *into = value,
    }
}

/// Why a domain pattern (`*ch-ville.fr`, `.gouv.qc.ca`, `exemple.fr`) cannot be used, if so.
pub(crate) fn domain_pattern_problem(pattern: &str) -> Option<String> {
    pattern
        .trim_matches(['*', '.'])
        .is_empty()
        .then(|| format!("'{pattern}' names no domain"))
}

/// `2.23.140.1.1`: at least two arcs of digits, the first 0, 1 or 2.
fn is_dotted_oid(text: &str) -> bool {
    let arcs: Vec<&str> = text.split('.').collect();
    arcs.len() >= 2
        && matches!(arcs[0], "0" | "1" | "2")
        && arcs
            .iter()
            .all(|a| !a.is_empty() && a.len() <= 20 && a.bytes().all(|b| b.is_ascii_digit()))
}

impl Wildcard {
    /// The name used in catalogues.
    pub fn as_str(self) -> &'static str {
        match self {
            Wildcard::Forbidden => "forbidden",
            Wildcard::Allowed => "allowed",
            Wildcard::Required => "required",
        }
    }
}

/// Whether a product takes wildcard names.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Wildcard {
    /// No `*` name.
    #[default]
    Forbidden,
    /// Wildcard names allowed, not required.
    Allowed,
    /// Exactly one wildcard name, the product's reason to exist.
    Required,
}

fn yes() -> bool {
    true
}

/// The names a product certifies.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NameRules {
    /// Most DNS names (CN included) one certificate may carry.
    #[serde(default)]
    pub max: Option<u32>,
    /// Wildcard names.
    #[serde(default)]
    pub wildcard: Wildcard,
    /// Whether DNS names may be requested at all.
    #[serde(default = "yes")]
    pub dns: bool,
    /// Whether the CN names a host (and so must be a valid FQDN and count as a name).
    #[serde(default = "yes")]
    pub cn_is_host: bool,
    /// When not empty, every DNS name must be one of these domains or under one.
    #[serde(default)]
    pub suffixes: Vec<String>,
    /// Domains the requester is authorised for, written as IGC-Santé does (`*ch-ville.fr`).
    #[serde(default)]
    pub authorized_domains: Vec<String>,
    /// Whether the product cannot be judged without authorised domains (IGC-Santé servers).
    #[serde(default)]
    pub authorized_domains_required: bool,
}

/// Subject attributes a product requires.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SubjectRules {
    /// Required in the request.
    #[serde(default)]
    pub request: Vec<String>,
    /// Required in the issued certificate (the CA may add vetted fields itself).
    #[serde(default)]
    pub certificate: Vec<String>,
}

/// What a product costs.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Tariff {
    /// ISO 4217 currency of every amount.
    pub currency: String,
    /// Price of one year, in cents.
    pub annual_cents: u64,
    /// Names covered by the base price (None: all the product allows).
    #[serde(default)]
    pub included_names: Option<u32>,
    /// Price of each name beyond `included_names`, per year, in cents.
    #[serde(default)]
    pub extra_name_cents: Option<u64>,
    /// Price of a replacement for the residual period; None when the product has none.
    #[serde(default)]
    pub replacement_cents: Option<u64>,
}

/// When the holder is told that a certificate will expire.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Notice {
    /// This many business days (Monday to Friday, holidays excluded) ahead.
    BusinessDays(u32),
    /// This many calendar days ahead.
    Days(u32),
    /// This many months ahead.
    Months(u32),
}

/// One product of the catalogue.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Product {
    /// Short id, as given to `--profile`.
    pub id: String,
    /// Commercial name.
    pub name: String,
    /// Who sells or issues it.
    pub issuer: String,
    /// Seed document(s) or standard(s) its rules come from.
    pub source: String,
    /// What its certificates are for.
    pub usage: Usage,
    /// Name rules.
    #[serde(default)]
    pub names: NameRules,
    /// Key policy (default: the CA/B Forum baseline).
    #[serde(default)]
    pub key: KeyPolicy,
    /// Required subject attributes.
    #[serde(default)]
    pub subject: SubjectRules,
    /// Prices, when the catalogue has them.
    #[serde(default)]
    pub tariff: Option<Tariff>,
    /// Validity periods offered, in years (empty: any).
    #[serde(default)]
    pub validity_years: Vec<u32>,
    /// Longest validity of a certificate of this product, in years.
    #[serde(default)]
    pub max_validity_years: Option<u32>,
    /// The dated validity caps its certificates follow, if any.
    #[serde(default)]
    pub validity_caps: Option<CapSchedule>,
    /// Certificate policy OIDs its certificates must carry (EV: 2.23.140.1.1).
    #[serde(default)]
    pub policies: Vec<String>,
    /// Renewal and re-issuance terms, when the issuer states them.
    #[serde(default)]
    pub lifecycle: Option<LifecycleTerms>,
    /// Expiry notice.
    #[serde(default)]
    pub notice: Option<Notice>,
}

/// Renewal and re-issuance terms (Certigna, 002).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LifecycleTerms {
    /// A renewal keeps the days left: the new certificate ends one period after the old one.
    #[serde(default)]
    pub carry_over: bool,
    /// Months after issuance during which the certificate can be re-issued with a new key.
    #[serde(default)]
    pub reissue_months: Option<u32>,
    /// Months before expiry from which a new order can be placed.
    #[serde(default)]
    pub order_again_months: Option<u32>,
}

/// A schedule of maximum validity periods that depends on the issuance date.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum CapSchedule {
    /// CA/B Forum TLS Baseline Requirements §6.3.2 (and BR 1.0 §9.4 before it).
    CabTls,
    /// CA/B Forum EV Guidelines §9.4 (27 months), then the TLS caps.
    CabEv,
    /// CA/B Forum Code Signing Baseline Requirements §6.3.2, code signing certificates.
    CabCodeSigning,
    /// CA/B Forum Code Signing Baseline Requirements §6.3.2, Timestamp Certificates.
    CabTimestamp,
}

/// How long a cap lets a certificate live.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CapLength {
    /// This many days of 86,400 s, notBefore to notAfter inclusive (CA/B BR §6.3.2's measure).
    Days(u32),
    /// This many calendar months after notBefore.
    Months(u32),
}

impl CapLength {
    /// The number and its unit: `398` and `days`, `39` and `months`.
    pub fn amount(self) -> (u32, Localized) {
        match self {
            CapLength::Days(n) => (n, localized!("days", "jours")),
            CapLength::Months(n) => (n, localized!("months", "mois")),
        }
    }

    /// Whether a certificate valid from `not_before` to `not_after` (Unix seconds) lives
    /// longer than this.
    pub fn exceeded_by(self, not_before: i64, not_after: i64) -> bool {
        match self {
            CapLength::Days(n) => not_after - not_before + 1 > i64::from(n) * 86_400,
            CapLength::Months(n) => {
                let Ok(start) = OffsetDateTime::from_unix_timestamp(not_before) else {
                    return true;
                };
                let months = i32::try_from(n).unwrap_or(i32::MAX);
                let end = start.replace_date(add_months(start.date(), months));
                not_after > end.unix_timestamp()
            }
        }
    }
}

/// `date` moved by `months` (negative: back), the day clamped to the month's length.
pub(crate) fn add_months(date: Date, months: i32) -> Date {
    let index = date.year() * 12 + i32::from(u8::from(date.month())) - 1 + months;
    let (year, month0) = (index.div_euclid(12), index.rem_euclid(12));
    let month = Month::try_from(u8::try_from(month0 + 1).unwrap_or(1)).unwrap_or(Month::January);
    let last = time::util::days_in_month(month, year);
    Date::from_calendar_date(year, month, date.day().min(last)).unwrap_or(date)
}

/// One step of a cap schedule: certificates issued on or after `from` live at most `max`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ValidityCap {
    /// First issuance day (ISO 8601) the cap applies to.
    pub from: &'static str,
    /// notBefore of that day, in seconds since the epoch.
    pub from_unix: i64,
    /// Longest validity.
    pub max: CapLength,
    /// Whether the clause also recommends (SHOULD NOT exceed) a day less, a margin for clock
    /// skew (the TLS Baseline Requirements do).
    pub day_of_margin: bool,
    /// The clause that sets it.
    pub source: &'static str,
}

impl CapSchedule {
    /// The steps, oldest first.
    pub fn steps(self) -> &'static [ValidityCap] {
        const TLS: &str = "CA/B BR §6.3.2 (ballot SC-081)";
        const fn tls(from: &'static str, from_unix: i64, days: u32) -> ValidityCap {
            ValidityCap {
                from,
                from_unix,
                max: CapLength::Days(days),
                day_of_margin: true,
                source: TLS,
            }
        }
        const fn before_sc081(
            from: &'static str,
            from_unix: i64,
            max: CapLength,
            source: &'static str,
        ) -> ValidityCap {
            ValidityCap {
                from,
                from_unix,
                max,
                day_of_margin: false,
                source,
            }
        }
        const TLS_STEPS: [ValidityCap; 7] = [
            before_sc081(
                "2012-07-01",
                1_341_100_800,
                CapLength::Months(60),
                "CA/B BR 1.0 §9.4 (60 months)",
            ),
            before_sc081(
                "2015-04-01",
                1_427_846_400,
                CapLength::Months(39),
                "CA/B BR §6.3.2 (39 months, from 2015-04-01)",
            ),
            before_sc081(
                "2018-03-01",
                1_519_862_400,
                CapLength::Days(825),
                "CA/B BR §6.3.2 (825 days, ballot 193)",
            ),
            tls("2020-09-01", 1_598_918_400, 398),
            tls("2026-03-15", 1_773_532_800, 200),
            tls("2027-03-15", 1_805_068_800, 100),
            tls("2029-03-15", 1_868_227_200, 47),
        ];
        // EV Guidelines §9.4: 27 months, until the BR's 825 days applied to EV too.
        const EV_STEPS: [ValidityCap; 5] = [
            before_sc081(
                "2007-06-12",
                1_181_606_400,
                CapLength::Months(27),
                "CA/B EV Guidelines §9.4 (27 months)",
            ),
            TLS_STEPS[3],
            TLS_STEPS[4],
            TLS_STEPS[5],
            TLS_STEPS[6],
        ];
        match self {
            CapSchedule::CabTls => &TLS_STEPS,
            CapSchedule::CabEv => &EV_STEPS,
            CapSchedule::CabCodeSigning => &[
                ValidityCap {
                    from: "2017-02-01",
                    from_unix: 1_485_907_200,
                    max: CapLength::Months(39),
                    day_of_margin: false,
                    source: "CA/B Code Signing BR §6.3.2 (39 months, before v3.10)",
                },
                ValidityCap {
                    from: "2026-03-01",
                    from_unix: 1_772_323_200,
                    max: CapLength::Days(460),
                    day_of_margin: false,
                    source: "CA/B Code Signing BR §6.3.2 v3.10 (ballot CSC-31)",
                },
            ],
            // 135 months (the EV Code Signing Guidelines since ballot 132, 2014; the Code
            // Signing requirements since their first version, unchanged through v3.10), from
            // the first day of the code signing caps.
            CapSchedule::CabTimestamp => &[ValidityCap {
                from: "2017-02-01",
                from_unix: 1_485_907_200,
                max: CapLength::Months(135),
                day_of_margin: false,
                source: "CA/B Code Signing BR §6.3.2 (Timestamp Certificates: 135 months)",
            }],
        }
    }

    /// The cap in force for a certificate whose notBefore is `not_before` (unix seconds).
    pub fn cap_at(self, not_before: i64) -> Option<&'static ValidityCap> {
        self.steps()
            .iter()
            .rev()
            .find(|step| not_before >= step.from_unix)
    }
}

/// A list of products.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Catalog {
    /// The products, in listing order.
    #[serde(rename = "product", default)]
    pub products: Vec<Product>,
    /// Days that are not business days besides Saturdays and Sundays.
    #[serde(default)]
    pub holidays: Vec<time::Date>,
}

const EMBEDDED: &str = include_str!("catalog.toml");

impl Catalog {
    /// The catalogue built from the seed documents, parsed once.
    pub fn builtin() -> &'static Catalog {
        static BUILTIN: std::sync::OnceLock<Catalog> = std::sync::OnceLock::new();
        BUILTIN.get_or_init(|| {
            // The embedded text is tested to parse; an empty catalogue would fail closed anyway.
            Catalog::from_toml(EMBEDDED).unwrap_or(Catalog {
                products: Vec::new(),
                holidays: Vec::new(),
            })
        })
    }

    /// An owned copy of [`Catalog::builtin`], to extend.
    pub fn embedded() -> Catalog {
        Catalog::builtin().clone()
    }

    /// Parses a catalogue written in TOML (`[[product]]` tables).
    pub fn from_toml(text: &str) -> Result<Catalog> {
        let catalog: Catalog = toml::from_str(text).map_err(|e| Error::InvalidArgument {
            name: "catalog",
            detail: e.to_string(),
        })?;
        catalog.validated()
    }

    /// The catalogue, once every value is one sceau can apply: product ids unique, key sizes
    /// and periods within their bounds, policy OIDs and currencies well formed; holidays
    /// sorted, each once. The first problem is the error, naming the product and the field.
    fn validated(mut self) -> Result<Catalog> {
        let mut ids = std::collections::HashSet::new();
        for product in &self.products {
            let problem = if !ids.insert(product.id.as_str()) {
                Some("appears twice".to_string())
            } else {
                product.problems()
            };
            if let Some(problem) = problem {
                return Err(Error::InvalidArgument {
                    name: "catalog",
                    detail: format!("product '{}': {problem}", product.id),
                });
            }
        }
        self.holidays.sort_unstable();
        self.holidays.dedup();
        Ok(self)
    }

    /// This catalogue with the overrides written in `text` (TOML: `[[product]]` tables and
    /// `holidays`). A product whose id is here already changes only the fields the override
    /// names — tables such as `names` or `key.rsa` field by field, values and lists whole — so
    /// giving IGC-Santé's authorised domains takes three lines, not the whole product; a new id
    /// must be a whole product. `holidays`, when given, replace these. The result is validated
    /// as [`Catalog::from_toml`] validates.
    pub fn with_overrides(&self, text: &str) -> Result<Catalog> {
        let invalid = |detail: String| Error::InvalidArgument {
            name: "catalog",
            detail,
        };
        let overrides: toml::Table = toml::from_str(text).map_err(|e| invalid(e.to_string()))?;
        let mut merged = match toml::Value::try_from(self) {
            Ok(toml::Value::Table(table)) => table,
            _ => return Err(invalid("the catalogue cannot be written as TOML".into())),
        };
        for (key, value) in overrides {
            match (key.as_str(), value) {
                ("holidays", holidays) => {
                    merged.insert(key, holidays);
                }
                ("product", toml::Value::Array(products)) => {
                    let base = match merged.get_mut("product") {
                        Some(toml::Value::Array(base)) => base,
                        _ => return Err(invalid("the catalogue has no product list".into())),
                    };
                    merge_products(base, products).map_err(invalid)?;
                }
                ("product", _) => {
                    return Err(invalid(
                        "product must be a list of [[product]] tables".into(),
                    ))
                }
                (other, _) => {
                    return Err(invalid(format!(
                        "unknown field `{other}`, expected `product` or `holidays`"
                    )))
                }
            }
        }
        let catalog: Catalog = toml::Value::Table(merged)
            .try_into()
            .map_err(|e: toml::de::Error| invalid(e.to_string()))?;
        catalog.validated()
    }

    /// This catalogue with `other`'s products (same id replaces, new ids are added) and, when
    /// `other` lists holidays, its holidays instead of these.
    pub fn extended_with(mut self, other: Catalog) -> Catalog {
        if !other.holidays.is_empty() {
            self.holidays = other.holidays;
        }
        for product in other.products {
            match self.products.iter_mut().find(|p| p.id == product.id) {
                Some(existing) => *existing = product,
                None => self.products.push(product),
            }
        }
        self
    }

    /// The product with this id.
    pub fn product(&self, id: &str) -> Result<&Product> {
        self.products
            .iter()
            .find(|p| p.id == id)
            .ok_or_else(|| Error::UnknownProfile {
                found: id.to_string(),
                known: self
                    .products
                    .iter()
                    .map(|p| p.id.as_str())
                    .collect::<Vec<_>>()
                    .join(", "),
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_catalogue_parses_and_holds_the_products_of_the_seeds() {
        let catalog = Catalog::from_toml(EMBEDDED).unwrap();
        for id in [
            "standard",
            "wildcard",
            "ev",
            "uc",
            "code-signing",
            "entreprise",
            "ssl-serveur",
            "org-auth-cli",
            "certigna-ssl",
            "ca",
        ] {
            assert!(catalog.product(id).is_ok(), "{id}");
        }
        let uc = catalog.product("uc").unwrap();
        assert_eq!(uc.names.max, Some(250));
        assert_eq!(uc.tariff.as_ref().unwrap().extra_name_cents, Some(4500));
        assert_eq!(
            catalog
                .product("code-signing")
                .unwrap()
                .key
                .rsa
                .as_ref()
                .unwrap()
                .min_bits,
            3072
        );
        assert_eq!(
            catalog.product("certigna-ssl").unwrap().key,
            KeyPolicy::rsa_only(&[2048])
        );
        assert!(matches!(
            catalog.product("nope"),
            Err(Error::UnknownProfile { .. })
        ));
    }

    #[test]
    fn an_override_replaces_by_id_and_adds_new_products() {
        let extra = Catalog::from_toml(
            r#"
            [[product]]
            id = "ssl-serveur"
            name = "IGC-Santé SSL_SERVEUR (CH Ville)"
            issuer = "IGC-Santé"
            source = "003_a88f77ecd5bd515e.txt"
            usage = "tls-server"
            names = { authorized_domains = ["*ch-ville.fr"] }

            [[product]]
            id = "maison"
            name = "Produit maison"
            issuer = "Exemple"
            source = "local"
            usage = "client"
            "#,
        )
        .unwrap();
        let catalog = Catalog::embedded().extended_with(extra);
        assert_eq!(
            catalog
                .product("ssl-serveur")
                .unwrap()
                .names
                .authorized_domains,
            ["*ch-ville.fr"]
        );
        assert!(catalog.product("maison").is_ok());
        assert_eq!(
            catalog.products.len(),
            Catalog::embedded().products.len() + 1
        );
    }

    #[test]
    fn an_override_of_an_existing_id_changes_only_the_fields_it_names() {
        let embedded = Catalog::embedded();
        assert_eq!(embedded.with_overrides("").unwrap(), embedded);
        let catalog = embedded
            .with_overrides(
                "[[product]]\nid = 'ssl-serveur'\nnames = { authorized_domains = ['*ch-ville.fr'] }\n\
                 [[product]]\nid = 'code-signing'\nkey = { rsa = { min_bits = 4096 } }\n",
            )
            .unwrap();
        let server = catalog.product("ssl-serveur").unwrap();
        let before = embedded.product("ssl-serveur").unwrap();
        assert_eq!(server.names.authorized_domains, ["*ch-ville.fr"]);
        assert_eq!(server.names.max, before.names.max);
        assert_eq!(server.name, before.name);
        assert!(server.names.authorized_domains_required);
        let rsa_of = |c: &Catalog| c.product("code-signing").unwrap().key.rsa.clone().unwrap();
        let (rsa, rsa_before) = (rsa_of(&catalog), rsa_of(&embedded));
        assert_eq!((rsa.min_bits, rsa.max_bits), (4096, rsa_before.max_bits));
        // A new id must be whole; a bad value is refused like in a whole catalogue.
        let partial = embedded.with_overrides("[[product]]\nid = 'maison'\nusage = 'client'\n");
        assert!(partial
            .unwrap_err()
            .to_string()
            .contains("product 'maison' is new, so it must be whole: missing field `name`"));
        let bad =
            embedded.with_overrides("[[product]]\nid = 'uc'\nkey = { rsa = { sizes = [17] } }\n");
        assert!(bad
            .unwrap_err()
            .to_string()
            .contains("product 'uc': key.rsa"));
        let unknown = embedded.with_overrides("[[product]]\nid = 'uc'\ncolour = 'red'\n");
        assert!(unknown.unwrap_err().to_string().contains("colour"));
    }

    #[test]
    fn cap_steps_start_at_the_midnight_of_their_date() {
        for schedule in [
            CapSchedule::CabTls,
            CapSchedule::CabCodeSigning,
            CapSchedule::CabTimestamp,
        ] {
            for step in schedule.steps() {
                let format = time::macros::format_description!("[year]-[month]-[day]");
                let date = time::Date::parse(step.from, &format).unwrap();
                assert_eq!(
                    date.midnight().assume_utc().unix_timestamp(),
                    step.from_unix,
                    "{}",
                    step.from
                );
            }
        }
        assert_eq!(
            CapSchedule::CabTls.cap_at(1_773_532_799).unwrap().max,
            CapLength::Days(398)
        );
        assert_eq!(
            CapSchedule::CabTls.cap_at(1_773_532_800).unwrap().max,
            CapLength::Days(200)
        );
        assert_eq!(CapSchedule::CabTls.cap_at(0), None);
    }

    #[test]
    fn malformed_catalogues_are_refused_with_the_reason() {
        let err = Catalog::from_toml("[[product]]\nid = 3")
            .unwrap_err()
            .to_string();
        assert!(err.contains("catalog"), "{err}");
        let twice = "[[product]]\nid='a'\nname='a'\nissuer='a'\nsource='a'\nusage='ca'\n".repeat(2);
        assert!(Catalog::from_toml(&twice)
            .unwrap_err()
            .to_string()
            .contains("twice"));
        let unknown =
            "[[product]]\nid='a'\nname='a'\nissuer='a'\nsource='a'\nusage='ca'\ncolour='red'\n";
        assert!(Catalog::from_toml(unknown).is_err());
    }
}
