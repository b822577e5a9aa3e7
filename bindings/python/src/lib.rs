//! `sceau._sceau`: the extension module under the Python package `sceau`.
//!
//! A thin front end over the public API of the `sceau` crate (layer 7 of
//! `docs/ARCHITECTURE.md`): it turns Python arguments into the crate's policies and options,
//! calls the crate's checks with the interpreter detached, and hands back the crate's
//! [`sceau::Report`] wrapped, rendered only on demand by the crate's own renderers. It holds
//! no check of its own. Paths, `datetime`s and defaults are resolved by the pure-Python layer
//! (`python/sceau/__init__.py`); this module takes bytes, Unix seconds and plain strings.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use pyo3::prelude::*;
use pyo3::pybacked::PyBackedBytes;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyBytes, PyDict, PyList, PyType};
use rustls_pki_types::UnixTime;

use sceau::{
    render, AssuranceOptions, AssuranceRequest, Batch, BatchCheck, Catalog, Error, Finding,
    IssuancePolicy, Lang, Limit, ObjectKind, QuoteRequest, Report, RevocationPolicy, Subject,
    Usage, Verifier, VerifyOptions,
};

// ---------------------------------------------------------------------------------------------
// Errors: the crate's `Error` as the package's exceptions (defined in `sceau/_errors.py`).

static ERROR: PyOnceLock<Py<PyType>> = PyOnceLock::new();
static INPUT_ERROR: PyOnceLock<Py<PyType>> = PyOnceLock::new();
static USAGE_ERROR: PyOnceLock<Py<PyType>> = PyOnceLock::new();

fn exception_class<'py>(
    py: Python<'py>,
    cell: &'static PyOnceLock<Py<PyType>>,
    name: &str,
) -> PyResult<&'py Bound<'py, PyType>> {
    cell.import(py, "sceau._errors", name)
}

/// The short name of an object kind, as `InputError.expected` gives it.
fn kind_id(kind: ObjectKind) -> &'static str {
    match kind {
        ObjectKind::Csr => "csr",
        ObjectKind::Certificate => "certificate",
        ObjectKind::Crl => "crl",
        ObjectKind::OcspResponse => "ocsp_response",
        ObjectKind::PrivateKey => "private_key",
        ObjectKind::PublicKey => "public_key",
        ObjectKind::SignedData => "signed_data",
    }
}

/// The object kind named `text` (`certificate`, `csr`, …).
fn kind_named(text: &str) -> PyResult<ObjectKind> {
    Ok(match text {
        "certificate" | "cert" => ObjectKind::Certificate,
        "csr" => ObjectKind::Csr,
        "crl" => ObjectKind::Crl,
        "ocsp_response" | "ocsp" => ObjectKind::OcspResponse,
        "private_key" | "key" => ObjectKind::PrivateKey,
        "public_key" => ObjectKind::PublicKey,
        "signed_data" | "cms" => ObjectKind::SignedData,
        other => {
            return Err(usage_error(
                "kind",
                format!(
                    "unknown object kind '{other}': expected certificate, csr, crl, \
                     ocsp_response, private_key, public_key or signed_data"
                ),
            ))
        }
    })
}

/// The exception object (not raised) that stands for `error`: `InputError` for input that is
/// not the object asked for, `UsageError` for a wrong call, `Error` for anything else.
fn exception_object<'py>(py: Python<'py>, error: &Error) -> PyResult<Bound<'py, PyAny>> {
    let kwargs = PyDict::new(py);
    let (cell, name) = match error {
        Error::UnknownProfile { found, known } => {
            kwargs.set_item("kind", "unknown_profile")?;
            kwargs.set_item("argument", "profile")?;
            kwargs.set_item("found", found)?;
            let known: Vec<&str> = known.split(", ").filter(|k| !k.is_empty()).collect();
            kwargs.set_item("known", known)?;
            (&USAGE_ERROR, "UsageError")
        }
        Error::InvalidArgument { name, detail } => {
            kwargs.set_item("kind", "invalid_argument")?;
            kwargs.set_item("argument", name)?;
            kwargs.set_item("detail", detail)?;
            (&USAGE_ERROR, "UsageError")
        }
        Error::TooMany {
            what,
            limit,
            limit_name,
        } => {
            kwargs.set_item("kind", "too_many")?;
            kwargs.set_item("detail", format!("more than {limit} {what}"))?;
            kwargs.set_item("limit", limit_name)?;
            (&INPUT_ERROR, "InputError")
        }
        other => {
            let (kind, found, expected, detail): (&str, Option<String>, Option<ObjectKind>, _) =
                match other {
                    Error::EmptyInput { expected } => ("empty_input", None, Some(*expected), None),
                    Error::WrongKind { found, expected } => {
                        ("wrong_kind", Some(found.clone()), Some(*expected), None)
                    }
                    Error::BadPem { detail, expected } => {
                        ("bad_pem", None, Some(*expected), Some(detail.clone()))
                    }
                    Error::BadBase64 { label, detail } => (
                        "bad_base64",
                        Some(label.clone()),
                        None,
                        Some(detail.clone()),
                    ),
                    Error::NotPemOrDer { detail, expected } => (
                        "not_pem_or_der",
                        None,
                        Some(*expected),
                        Some(detail.clone()),
                    ),
                    Error::Ambiguous { count, expected } => (
                        "ambiguous",
                        Some(format!("{count} objects")),
                        Some(*expected),
                        None,
                    ),
                    Error::Truncated { detail, expected } => {
                        ("truncated", None, Some(*expected), Some(detail.clone()))
                    }
                    Error::TrailingData { count, expected } => (
                        "trailing_data",
                        Some(format!("{count} bytes after the object")),
                        Some(*expected),
                        None,
                    ),
                    Error::BadDer { detail, expected } => {
                        ("bad_der", None, Some(*expected), Some(detail.clone()))
                    }
                    Error::Unsupported { detail, expected } => {
                        ("unsupported", None, Some(*expected), Some(detail.clone()))
                    }
                    // A kind of error this binding does not know yet: the base class.
                    _ => {
                        let class = exception_class(py, &ERROR, "Error")?;
                        return class.call1((error.to_string(),));
                    }
                };
            kwargs.set_item("kind", kind)?;
            kwargs.set_item("found", found)?;
            kwargs.set_item("expected", expected.map(kind_id))?;
            kwargs.set_item("detail", detail)?;
            (&INPUT_ERROR, "InputError")
        }
    };
    let class = exception_class(py, cell, name)?;
    class.call((error.to_string(),), Some(&kwargs))
}

/// `error` as a Python exception to raise.
fn to_pyerr(error: Error) -> PyErr {
    Python::attach(|py| match exception_object(py, &error) {
        Ok(object) => PyErr::from_value(object),
        Err(failure) => failure,
    })
}

/// A `UsageError` about argument `argument`.
fn usage_error(argument: &'static str, detail: String) -> PyErr {
    to_pyerr(Error::InvalidArgument {
        name: argument,
        detail,
    })
}

/// `UsageError`s for the argument parsers of the crate that answer with a plain message.
fn usage(argument: &'static str) -> impl Fn(String) -> PyErr {
    move |detail| usage_error(argument, detail)
}

trait OrRaise<T> {
    fn or_raise(self) -> PyResult<T>;
}

impl<T> OrRaise<T> for Result<T, Error> {
    fn or_raise(self) -> PyResult<T> {
        self.map_err(to_pyerr)
    }
}

// ---------------------------------------------------------------------------------------------
// Arguments: languages, times, catalogues and policies.

fn lang(text: &str) -> PyResult<Lang> {
    Lang::parse(text).ok_or_else(|| {
        usage_error(
            "lang",
            format!("unknown language '{text}': expected en or fr"),
        )
    })
}

fn unix_time(seconds: Option<u64>) -> UnixTime {
    match seconds {
        Some(s) => UnixTime::since_unix_epoch(Duration::from_secs(s)),
        None => UnixTime::now(),
    }
}

fn date(text: &str, argument: &'static str) -> PyResult<time::Date> {
    let format = time::macros::format_description!("[year]-[month]-[day]");
    time::Date::parse(text, &format).map_err(|_| {
        usage_error(
            argument,
            format!("'{text}': expected a date such as 2026-03-15"),
        )
    })
}

/// The catalogues read so far, by their text (a program gives the same few again and again).
static CATALOGS: Mutex<Option<HashMap<String, Arc<Catalog>>>> = Mutex::new(None);

/// The embedded catalogue with the overrides of `text`, read once per distinct text.
fn catalog(text: Option<&str>) -> PyResult<Arc<Catalog>> {
    static EMBEDDED: std::sync::OnceLock<Arc<Catalog>> = std::sync::OnceLock::new();
    let Some(text) = text else {
        return Ok(Arc::clone(
            EMBEDDED.get_or_init(|| Arc::new(Catalog::embedded())),
        ));
    };
    let mut cache = CATALOGS.lock().unwrap_or_else(|e| e.into_inner());
    let cache = cache.get_or_insert_with(HashMap::new);
    if let Some(found) = cache.get(text) {
        return Ok(Arc::clone(found));
    }
    let read = Arc::new(Catalog::embedded().with_overrides(text).or_raise()?);
    if cache.len() >= 16 {
        cache.clear();
    }
    cache.insert(text.to_string(), Arc::clone(&read));
    Ok(read)
}

/// What names a policy: the profile, the catalogue's text, the authorised domains, the day
/// of the rules.
#[derive(Clone, PartialEq, Eq, Hash)]
struct PolicyKey {
    profile: String,
    catalog: Option<String>,
    domains: Vec<String>,
    rules_at: Option<String>,
}

/// The policies made so far: the profile is read once, not on every check.
static POLICIES: Mutex<Option<HashMap<String, Arc<IssuancePolicy>>>> = Mutex::new(None);
static CUSTOM_POLICIES: Mutex<Option<HashMap<PolicyKey, Arc<IssuancePolicy>>>> = Mutex::new(None);

fn make_policy(key: &PolicyKey) -> PyResult<IssuancePolicy> {
    let catalog = catalog(key.catalog.as_deref())?;
    let mut policy = IssuancePolicy::from_catalog(&catalog, &key.profile).or_raise()?;
    if !key.domains.is_empty() {
        policy = policy
            .with_authorized_domains(key.domains.clone())
            .or_raise()?;
    }
    if let Some(text) = &key.rules_at {
        policy.rules_at = Some(date(text, "rules_at")?);
    }
    Ok(policy)
}

/// The issuance policy of `profile` in the catalogue, with the authorised domains and the
/// rules' day when given; made once and kept.
fn policy(
    profile: &str,
    catalog: Option<&str>,
    domains: Vec<String>,
    rules_at: Option<&str>,
) -> PyResult<Arc<IssuancePolicy>> {
    if catalog.is_none() && domains.is_empty() && rules_at.is_none() {
        let mut cache = POLICIES.lock().unwrap_or_else(|e| e.into_inner());
        let cache = cache.get_or_insert_with(HashMap::new);
        if let Some(found) = cache.get(profile) {
            return Ok(Arc::clone(found));
        }
        let key = PolicyKey {
            profile: profile.to_string(),
            catalog: None,
            domains,
            rules_at: None,
        };
        let made = Arc::new(make_policy(&key)?);
        cache.insert(key.profile, Arc::clone(&made));
        return Ok(made);
    }
    let key = PolicyKey {
        profile: profile.to_string(),
        catalog: catalog.map(str::to_string),
        domains,
        rules_at: rules_at.map(str::to_string),
    };
    let mut cache = CUSTOM_POLICIES.lock().unwrap_or_else(|e| e.into_inner());
    let cache = cache.get_or_insert_with(HashMap::new);
    if let Some(found) = cache.get(&key) {
        return Ok(Arc::clone(found));
    }
    let made = Arc::new(make_policy(&key)?);
    if cache.len() >= 64 {
        cache.clear();
    }
    cache.insert(key, Arc::clone(&made));
    Ok(made)
}

// ---------------------------------------------------------------------------------------------
// Reports and findings.

/// `json.loads`, to hand JSON to Python as dicts and lists in the renderer's key order.
fn json_loads<'py>(py: Python<'py>, text: &str) -> PyResult<Bound<'py, PyAny>> {
    static LOADS: PyOnceLock<Py<PyAny>> = PyOnceLock::new();
    let loads = LOADS.get_or_try_init(py, || {
        py.import("json")?.getattr("loads").map(Bound::unbind)
    })?;
    loads.bind(py).call1((text,))
}

fn subject_name(subject: Subject) -> &'static str {
    match subject {
        Subject::Csr => "csr",
        Subject::Quote => "quote",
        Subject::Certificate => "certificate",
        Subject::Match => "match",
        Subject::Expiry => "expiry",
        Subject::Chain => "chain",
        Subject::Signature => "signature",
    }
}

/// The outcome of one check: the crate's `Report`, rendered only when asked.
#[pyclass(frozen, module = "sceau", name = "Report")]
pub struct PyReport {
    inner: Report,
}

impl PyReport {
    fn rendered_json(&self, lang: Lang) -> String {
        serde_json::to_string(&self.inner.render(lang)).unwrap_or_default()
    }

    fn findings_of(&self, lang: Lang) -> Vec<PyFinding> {
        self.inner
            .findings()
            .iter()
            .map(|f| PyFinding {
                inner: f.clone(),
                lang,
            })
            .collect()
    }
}

#[pymethods]
impl PyReport {
    /// `"accepted"` or `"rejected"` (rejected when any finding is an error).
    #[getter]
    fn verdict(&self) -> &'static str {
        self.inner.verdict().as_str()
    }

    /// Whether the verdict is `"accepted"`.
    #[getter]
    fn accepted(&self) -> bool {
        self.inner.verdict() == sceau::Verdict::Accepted
    }

    /// What was checked: csr, certificate, match, expiry, quote, chain or signature.
    #[getter]
    fn subject(&self) -> &'static str {
        subject_name(self.inner.subject())
    }

    /// The profile the object was checked against (for `auto`, the one chosen).
    #[getter]
    fn profile(&self) -> &str {
        self.inner.profile()
    }

    /// Every finding, messages in English, in the order the checks produced them.
    #[getter]
    fn findings(&self) -> Vec<PyFinding> {
        self.findings_of(Lang::En)
    }

    /// Every finding, messages in `lang` (`"en"` or `"fr"`).
    fn findings_in(&self, lang: &str) -> PyResult<Vec<PyFinding>> {
        Ok(self.findings_of(self::lang(lang)?))
    }

    /// The codes of the findings, in order.
    #[getter]
    fn codes(&self) -> Vec<&'static str> {
        self.inner.findings().iter().map(Finding::code).collect()
    }

    /// Whether some finding has this code.
    fn has(&self, code: &str) -> bool {
        self.inner.has(code)
    }

    /// The facts of the checked object: the `facts` of the JSON report, texts in English.
    #[getter]
    fn facts<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        self.facts_in(py, "en")
    }

    /// The facts with their texts in `lang`.
    fn facts_in<'py>(&self, py: Python<'py>, lang: &str) -> PyResult<Bound<'py, PyAny>> {
        let whole = self.to_dict(py, lang)?;
        whole.get_item("facts")
    }

    /// The whole JSON report (schema `sceau.report/1`) as a dict.
    #[pyo3(signature = (lang = "en"))]
    fn to_dict<'py>(&self, py: Python<'py>, lang: &str) -> PyResult<Bound<'py, PyAny>> {
        let lang = self::lang(lang)?;
        json_loads(py, &self.rendered_json(lang))
    }

    /// The JSON report, as `sceau … --format json` prints it.
    #[pyo3(signature = (lang = "en"))]
    fn to_json(&self, lang: &str) -> PyResult<String> {
        Ok(self.inner.to_json(self::lang(lang)?))
    }

    /// One line of JSON with `input` first, as `sceau … --format jsonl` prints it.
    #[pyo3(signature = (input, lang = "en"))]
    fn to_json_line(&self, input: &str, lang: &str) -> PyResult<String> {
        Ok(render::json_line(&self.inner, input, self::lang(lang)?))
    }

    /// The text for a person, as `sceau … --format text` prints it.
    #[pyo3(signature = (lang = "en"))]
    fn text(&self, lang: &str) -> PyResult<String> {
        Ok(self.inner.to_text(self::lang(lang)?))
    }

    /// The one line `sceau expiry` prints for an expiry report; `None` for other reports.
    #[pyo3(signature = (lang = "en"))]
    fn expiry_line(&self, lang: &str) -> PyResult<Option<String>> {
        let lang = self::lang(lang)?;
        Ok(self
            .inner
            .expiry_facts()
            .map(|facts| render::expiry_line(facts, lang)))
    }

    /// Always `None`: a report is never an error (see `InputError` in batches).
    #[getter]
    fn error(&self) -> Option<()> {
        None
    }

    fn __repr__(&self) -> String {
        format!(
            "<sceau.Report {} {} {}: {} finding{}>",
            subject_name(self.inner.subject()),
            self.inner.profile(),
            self.inner.verdict().as_str(),
            self.inner.findings().len(),
            if self.inner.findings().len() == 1 {
                ""
            } else {
                "s"
            }
        )
    }
}

/// One finding of a rule on one field, its message in one language.
#[pyclass(frozen, module = "sceau", name = "Finding")]
pub struct PyFinding {
    inner: Finding,
    lang: Lang,
}

#[pymethods]
impl PyFinding {
    /// The rule's stable dotted code (`key.rsa.too_small`).
    #[getter]
    fn code(&self) -> &'static str {
        self.inner.code()
    }

    /// `"error"`, `"warning"` or `"notice"`.
    #[getter]
    fn severity(&self) -> &'static str {
        self.inner.severity().as_str()
    }

    /// The field of the object concerned (`subject.CN`, `san[2]`, `chain[0]`).
    #[getter]
    fn field(&self) -> &str {
        self.inner.field()
    }

    /// The message, in the language the finding was asked in.
    #[getter]
    fn message(&self) -> String {
        self.inner.message(self.lang)
    }

    /// The rule's citation (the standard and clause, or the seed document).
    #[getter]
    fn source(&self) -> &'static str {
        self.inner.rule().source
    }

    /// The language of `message`.
    #[getter]
    fn lang(&self) -> &'static str {
        self.lang.code()
    }

    /// The value given for the message's placeholder `name` (`bits`, `reason`), if any;
    /// text written in both languages reads as English.
    fn arg(&self, name: &str) -> Option<&str> {
        self.inner.arg_value(name)
    }

    /// The finding with its message in `lang`.
    fn in_lang(&self, lang: &str) -> PyResult<PyFinding> {
        Ok(PyFinding {
            inner: self.inner.clone(),
            lang: self::lang(lang)?,
        })
    }

    /// `{code, severity, field, message, source}`, as in the JSON report.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let dict = PyDict::new(py);
        dict.set_item("code", self.code())?;
        dict.set_item("severity", self.severity())?;
        dict.set_item("field", self.field())?;
        dict.set_item("message", self.message())?;
        dict.set_item("source", self.source())?;
        Ok(dict)
    }

    fn __eq__(&self, other: &Bound<'_, PyAny>) -> bool {
        match other.cast::<PyFinding>() {
            Ok(other) => {
                let other = other.get();
                self.inner == other.inner && self.lang == other.lang
            }
            Err(_) => false,
        }
    }

    fn __hash__(&self) -> u64 {
        use std::hash::{Hash, Hasher};
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        self.inner.code().hash(&mut hasher);
        self.inner.field().hash(&mut hasher);
        self.message().hash(&mut hasher);
        hasher.finish()
    }

    fn __repr__(&self) -> String {
        format!(
            "<sceau.Finding {} {} {}: {}>",
            self.severity(),
            self.code(),
            self.field(),
            self.message()
        )
    }
}

fn report(py: Python<'_>, inner: Report) -> PyResult<Py<PyReport>> {
    Py::new(py, PyReport { inner })
}

// ---------------------------------------------------------------------------------------------
// The checks.

/// `check_csr` of the crate; see `sceau.check_csr`.
#[pyfunction]
#[pyo3(signature = (data, profile, catalog, time, authorized_domains))]
fn check_csr(
    py: Python<'_>,
    data: PyBackedBytes,
    profile: &str,
    catalog: Option<&str>,
    time: Option<u64>,
    authorized_domains: Vec<String>,
) -> PyResult<Py<PyReport>> {
    let policy = policy(profile, catalog, authorized_domains, None)?;
    let now = unix_time(time);
    let checked = py.detach(|| sceau::check_csr(&data, &policy, now));
    report(py, checked.or_raise()?)
}

/// `check_certificate` of the crate; see `sceau.check_cert`.
#[pyfunction]
#[pyo3(signature = (data, profile, catalog, authorized_domains, rules_at))]
fn check_cert(
    py: Python<'_>,
    data: PyBackedBytes,
    profile: &str,
    catalog: Option<&str>,
    authorized_domains: Vec<String>,
    rules_at: Option<&str>,
) -> PyResult<Py<PyReport>> {
    let policy = policy(profile, catalog, authorized_domains, rules_at)?;
    let checked = py.detach(|| sceau::check_certificate(&data, &policy));
    report(py, checked.or_raise()?)
}

/// `match_certificate` of the crate; see `sceau.match_cert`.
#[pyfunction]
#[pyo3(signature = (cert, csr, key))]
fn match_cert(
    py: Python<'_>,
    cert: PyBackedBytes,
    csr: Option<PyBackedBytes>,
    key: Option<PyBackedBytes>,
) -> PyResult<Py<PyReport>> {
    let checked = py.detach(|| sceau::match_certificate(&cert, csr.as_deref(), key.as_deref()));
    report(py, checked.or_raise()?)
}

/// `quote` of the crate; see `sceau.quote`.
#[pyfunction]
#[pyo3(signature = (profile, years, names, replacement, catalog))]
fn quote(
    py: Python<'_>,
    profile: &str,
    years: u32,
    names: Option<u32>,
    replacement: bool,
    catalog: Option<&str>,
) -> PyResult<Py<PyReport>> {
    let catalog = self::catalog(catalog)?;
    let product = catalog.product(profile).or_raise()?;
    let request = QuoteRequest {
        years,
        names,
        replacement,
    };
    report(py, sceau::quote(product, request))
}

/// `expiry` of the crate; see `sceau.expiry`.
#[pyfunction]
#[pyo3(signature = (data, profile, now, catalog))]
fn expiry(
    py: Python<'_>,
    data: PyBackedBytes,
    profile: &str,
    now: Option<u64>,
    catalog: Option<&str>,
) -> PyResult<Py<PyReport>> {
    let catalog = self::catalog(catalog)?;
    let product = catalog.product(profile).or_raise()?;
    let now = unix_time(now);
    let checked = py.detach(|| sceau::expiry(&data, product, &catalog.holidays, now));
    report(py, checked.or_raise()?)
}

// ---------------------------------------------------------------------------------------------
// Chains.

/// One piece of material given to a verifier: the name errors give it (a path, `roots[0]`)
/// and its bytes.
type Material = Vec<(String, PyBackedBytes)>;

/// `error` about the piece of material `name` (a path, `roots[0]`): the message starts with it.
fn named_error(error: &Error, name: &str) -> PyErr {
    Python::attach(|py| {
        match exception_object(py, error).and_then(|object| object.call_method1("_at", (name,))) {
            Ok(object) => PyErr::from_value(object),
            Err(failure) => failure,
        }
    })
}

/// Adds each piece with `add`; an error names the piece.
fn add_all(
    verifier: &mut Verifier,
    material: &Material,
    add: fn(&mut Verifier, &[u8]) -> sceau::Result<usize>,
) -> PyResult<()> {
    for (name, bytes) in material {
        add(verifier, bytes).map_err(|error| named_error(&error, name))?;
    }
    Ok(())
}

fn revocation(text: &str) -> PyResult<RevocationPolicy> {
    text.parse().map_err(usage("revocation"))
}

fn usage_named(text: &str) -> PyResult<Usage> {
    text.parse().map_err(usage("usage"))
}

/// Trust anchors, intermediates, CRLs and OCSP responses with the options of a verification:
/// the crate's `Verifier`. `sceau.Verifier` wraps it.
#[pyclass(frozen, module = "sceau._sceau", name = "_Verifier")]
pub struct PyVerifier {
    inner: Verifier,
}

#[pymethods]
impl PyVerifier {
    #[new]
    #[pyo3(signature = (
        roots, intermediates, crls, ocsp, *, usage = None, name = None, time = None,
        revocation = None, cn_fallback = false, max_depth = None, max_age = None,
        limits = Vec::new(), preset = None, profile = "verify"
    ))]
    #[allow(clippy::too_many_arguments)]
    fn new(
        py: Python<'_>,
        roots: Material,
        intermediates: Material,
        crls: Material,
        ocsp: Material,
        usage: Option<&str>,
        name: Option<String>,
        time: Option<u64>,
        revocation: Option<&str>,
        cn_fallback: bool,
        max_depth: Option<usize>,
        max_age: Option<u64>,
        limits: Vec<(String, usize)>,
        preset: Option<&str>,
        profile: &str,
    ) -> PyResult<Self> {
        let time = unix_time(time);
        let mut verifier = match preset {
            None => Verifier::new(profile, VerifyOptions::new(Usage::TlsServer, time)),
            Some("diapason-client") => sceau::diapason::client_verifier(time),
            Some("diapason-server") => {
                let fqdn = name.as_deref().ok_or_else(|| {
                    usage_error(
                        "name",
                        "the diapason-server preset needs name, the FQDN the terminals are \
                         configured with"
                            .into(),
                    )
                })?;
                sceau::diapason::server_verifier(time, fqdn)
            }
            Some(other) => {
                return Err(usage_error(
                    "preset",
                    format!(
                        "unknown preset '{other}': expected diapason-client or diapason-server"
                    ),
                ))
            }
        };
        // Explicit options override the preset's, as on the command line.
        let options = &mut verifier.options;
        if let Some(usage) = usage {
            options.usage = usage_named(usage)?;
        }
        if let Some(revocation) = revocation {
            options.revocation = self::revocation(revocation)?;
        }
        if name.is_some() {
            options.name = name;
        }
        options.cn_fallback |= cn_fallback;
        if let Some(depth) = max_depth {
            options.max_depth = depth;
        }
        if let Some(max_age) = max_age {
            options.freshness.max_age = Some(max_age);
        }
        for (limit_name, value) in &limits {
            let limit = Limit::from_name(limit_name).ok_or_else(|| {
                let all: Vec<&str> = Limit::ALL.iter().map(|l| l.name()).collect();
                usage_error(
                    "limits",
                    format!(
                        "unknown limit '{limit_name}'; the limits are {}",
                        all.join(", ")
                    ),
                )
            })?;
            options.limits.set(limit, *value);
        }
        py.detach(|| -> PyResult<()> {
            add_all(&mut verifier, &roots, Verifier::add_anchors)?;
            add_all(&mut verifier, &intermediates, Verifier::add_intermediates)?;
            add_all(&mut verifier, &crls, Verifier::add_crls)?;
            add_all(&mut verifier, &ocsp, Verifier::add_ocsp)?;
            Ok(())
        })?;
        Ok(PyVerifier { inner: verifier })
    }

    /// Verifies a chain (leaf first); `time` and `name` replace the verifier's for this call.
    #[pyo3(signature = (chain, time = None, name = None))]
    fn verify(
        &self,
        py: Python<'_>,
        chain: PyBackedBytes,
        time: Option<u64>,
        name: Option<String>,
    ) -> PyResult<Py<PyReport>> {
        let checked = py.detach(|| {
            if time.is_none() && name.is_none() {
                return self.inner.verify(&chain);
            }
            // The crate verifies a chain file only at the verifier's own time and name: a
            // verifier with these options changed does it (the anchors are copied).
            let mut changed = self.inner.clone();
            if let Some(time) = time {
                changed.options.time = unix_time(Some(time));
            }
            if name.is_some() {
                changed.options.name = name;
            }
            changed.verify(&chain)
        });
        report(py, checked.or_raise()?)
    }

    #[getter]
    fn usage(&self) -> &'static str {
        self.inner.options.usage.as_str()
    }

    #[getter]
    fn name(&self) -> Option<&str> {
        self.inner.options.name.as_deref()
    }

    #[getter]
    fn time(&self) -> u64 {
        self.inner.options.time.as_secs()
    }

    #[getter]
    fn revocation(&self) -> &'static str {
        match self.inner.options.revocation {
            RevocationPolicy::Required => "required",
            RevocationPolicy::BestEffort => "best-effort",
            RevocationPolicy::Off => "off",
        }
    }

    #[getter]
    fn cn_fallback(&self) -> bool {
        self.inner.options.cn_fallback
    }

    #[getter]
    fn cn_must_equal_name(&self) -> bool {
        self.inner.options.cn_must_equal_name
    }

    #[getter]
    fn max_depth(&self) -> usize {
        self.inner.options.max_depth
    }

    #[getter]
    fn max_age(&self) -> Option<u64> {
        self.inner.options.freshness.max_age
    }

    #[getter]
    fn limits(&self) -> Vec<(&'static str, usize)> {
        Limit::ALL
            .iter()
            .map(|&l| (l.name(), self.inner.options.limits.get(l)))
            .collect()
    }

    #[getter]
    fn profile(&self) -> &str {
        self.inner.profile()
    }

    #[getter]
    fn anchor_count(&self) -> usize {
        self.inner.anchor_count()
    }
}

/// `assurance` of the crate; see `sceau.assurance`.
#[pyfunction]
#[pyo3(signature = (
    signature, data, timestamps, verifier, time, recognised_cas, algorithm_policy,
    auth_factors, device, identity_loa, target_loa, target_eidas
))]
#[allow(clippy::too_many_arguments)]
fn assurance(
    py: Python<'_>,
    signature: PyBackedBytes,
    data: Option<PyBackedBytes>,
    timestamps: Vec<PyBackedBytes>,
    verifier: &PyVerifier,
    time: Option<u64>,
    recognised_cas: Option<Material>,
    algorithm_policy: &str,
    auth_factors: Option<u8>,
    device: Option<&str>,
    identity_loa: Option<u8>,
    target_loa: Option<u8>,
    target_eidas: Option<&str>,
) -> PyResult<Py<PyReport>> {
    let time = match time {
        Some(_) => unix_time(time),
        None => verifier.inner.options.time,
    };
    let mut options = AssuranceOptions::new(time);
    options
        .set_algorithm_policy(algorithm_policy)
        .map_err(usage("algorithm_policy"))?;
    options.context.auth_factors = auth_factors;
    options
        .set_identity_loa(identity_loa)
        .map_err(usage("identity_loa"))?;
    options.set_device(device).map_err(usage("device"))?;
    options
        .set_target_loa(target_loa)
        .map_err(usage("target_loa"))?;
    options
        .set_target_eidas(target_eidas)
        .map_err(usage("target_eidas"))?;
    if let Some(cas) = &recognised_cas {
        if cas.is_empty() {
            // A list given empty: recognised CAs given, none of them.
            options.recognised_cas = Some(Vec::new());
        }
        for (name, bytes) in cas {
            options
                .add_recognised_cas(bytes)
                .map_err(|error| named_error(&error, name))?;
        }
    }
    let request = AssuranceRequest {
        signature: &signature,
        data: data.as_deref(),
        timestamps: timestamps.iter().map(|t| &t[..]).collect(),
    };
    let checked = py.detach(|| sceau::assurance(&verifier.inner, &request, &options));
    report(py, checked.or_raise()?)
}

// ---------------------------------------------------------------------------------------------
// Batches.

/// A thread pool that checks chunk after chunk against one policy: the crate's `Batch`, the
/// profile read once.
#[pyclass(frozen, module = "sceau._sceau", name = "_Batch")]
pub struct PyBatch {
    batch: Batch,
}

#[pymethods]
impl PyBatch {
    #[new]
    #[pyo3(signature = (kind, profile, catalog, authorized_domains, rules_at, time, jobs))]
    fn new(
        kind: &str,
        profile: &str,
        catalog: Option<&str>,
        authorized_domains: Vec<String>,
        rules_at: Option<&str>,
        time: Option<u64>,
        jobs: Option<usize>,
    ) -> PyResult<Self> {
        let check = match kind_named(kind)? {
            ObjectKind::Certificate => BatchCheck::Certificates(
                policy(profile, catalog, authorized_domains, rules_at)?
                    .as_ref()
                    .clone(),
            ),
            ObjectKind::Csr => BatchCheck::Csrs(
                policy(profile, catalog, authorized_domains, None)?
                    .as_ref()
                    .clone(),
                unix_time(time),
            ),
            _ => {
                return Err(usage_error(
                    "kind",
                    format!("a batch checks certificates or CSRs, not '{kind}'"),
                ))
            }
        };
        Ok(PyBatch {
            batch: Batch::new(check, jobs).or_raise()?,
        })
    }

    /// The number of threads checking.
    #[getter]
    fn jobs(&self) -> usize {
        self.batch.jobs()
    }

    /// Checks every input with the interpreter detached, on every thread of the pool: one
    /// `Report` or one `InputError` (not raised) per input, in input order.
    fn run<'py>(
        &self,
        py: Python<'py>,
        inputs: Vec<PyBackedBytes>,
    ) -> PyResult<Bound<'py, PyList>> {
        let results = py.detach(|| self.batch.run(&inputs));
        drop(inputs);
        let list = PyList::empty(py);
        for result in results {
            match result {
                Ok(inner) => list.append(Py::new(py, PyReport { inner })?)?,
                Err(error) => list.append(exception_object(py, &error)?)?,
            }
        }
        Ok(list)
    }
}

// ---------------------------------------------------------------------------------------------
// Listings and renderers.

/// The objects of kind `kind` in `data`, each as the bytes of its PEM block, in order
/// (`sceau::split_objects`): the pieces a batch checks one by one. Input with no complete
/// block of that kind (DER, bare base64, broken PEM) is one piece, the whole of it.
#[pyfunction]
#[pyo3(signature = (data, kind = "certificate"))]
fn split_objects<'py>(
    py: Python<'py>,
    data: PyBackedBytes,
    kind: &str,
) -> PyResult<Vec<Bound<'py, PyBytes>>> {
    let kind = kind_named(kind)?;
    Ok(sceau::split_objects(&data, kind)
        .into_iter()
        .map(|piece| PyBytes::new(py, piece))
        .collect())
}

/// The JSON line of an input that could not be read (`{"input": …, "error": …}`).
#[pyfunction]
fn json_error_line(input: &str, error: &str) -> String {
    render::json_error_line(input, error)
}

/// Every rule as JSON (`sceau rules --format json`).
#[pyfunction]
#[pyo3(signature = (lang = "en"))]
fn rules_json(lang: &str) -> PyResult<String> {
    Ok(render::rules_json(self::lang(lang)?))
}

/// Every rule as text (`sceau rules`).
#[pyfunction]
#[pyo3(signature = (lang = "en"))]
fn rules_text(lang: &str) -> PyResult<String> {
    Ok(render::rules_text(self::lang(lang)?))
}

/// The catalogue's products as JSON (`sceau profiles --format json`).
#[pyfunction]
#[pyo3(signature = (catalog = None))]
fn profiles_json(catalog: Option<&str>) -> PyResult<String> {
    Ok(render::profiles_json(&*self::catalog(catalog)?))
}

/// The catalogue's products as text (`sceau profiles`).
#[pyfunction]
#[pyo3(signature = (catalog = None, lang = "en"))]
fn profiles_text(catalog: Option<&str>, lang: &str) -> PyResult<String> {
    Ok(render::profiles_text(
        &*self::catalog(catalog)?,
        self::lang(lang)?,
    ))
}

// ---------------------------------------------------------------------------------------------
// For benches only.

/// For benches only: checks `data` against `profile` `n` times in a loop in Rust (the policy
/// made once), and returns the seconds it took. Not part of the API.
#[pyfunction]
fn _bench_rust_check_cert(
    py: Python<'_>,
    data: PyBackedBytes,
    profile: &str,
    n: usize,
) -> PyResult<f64> {
    let policy = IssuancePolicy::by_id(profile).or_raise()?;
    Ok(py.detach(|| {
        let start = Instant::now();
        for _ in 0..n {
            let report = sceau::check_certificate(&data, &policy);
            std::hint::black_box(&report);
        }
        start.elapsed().as_secs_f64()
    }))
}

/// For benches only: checks every input as certificates against `profile` with a `Batch` of
/// `jobs` threads in Rust, and returns the seconds the run took, the reports dropped (the pool
/// made before). Not part of the API.
#[pyfunction]
#[pyo3(signature = (inputs, profile, jobs = None))]
fn _bench_rust_batch(
    py: Python<'_>,
    inputs: Vec<PyBackedBytes>,
    profile: &str,
    jobs: Option<usize>,
) -> PyResult<f64> {
    let policy = IssuancePolicy::by_id(profile).or_raise()?;
    let batch = Batch::new(BatchCheck::Certificates(policy), jobs).or_raise()?;
    Ok(py.detach(|| {
        let start = Instant::now();
        let reports = batch.run(&inputs);
        std::hint::black_box(&reports);
        // A caller keeps the reports, then lets them go: dropping them is part of the cost.
        drop(reports);
        start.elapsed().as_secs_f64()
    }))
}

/// The extension module `sceau._sceau`.
#[pymodule]
fn _sceau(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add("SCHEMA", sceau::SCHEMA)?;
    m.add_class::<PyReport>()?;
    m.add_class::<PyFinding>()?;
    m.add_class::<PyVerifier>()?;
    m.add_class::<PyBatch>()?;
    m.add_function(wrap_pyfunction!(check_csr, m)?)?;
    m.add_function(wrap_pyfunction!(check_cert, m)?)?;
    m.add_function(wrap_pyfunction!(match_cert, m)?)?;
    m.add_function(wrap_pyfunction!(quote, m)?)?;
    m.add_function(wrap_pyfunction!(expiry, m)?)?;
    m.add_function(wrap_pyfunction!(assurance, m)?)?;
    m.add_function(wrap_pyfunction!(split_objects, m)?)?;
    m.add_function(wrap_pyfunction!(json_error_line, m)?)?;
    m.add_function(wrap_pyfunction!(rules_json, m)?)?;
    m.add_function(wrap_pyfunction!(rules_text, m)?)?;
    m.add_function(wrap_pyfunction!(profiles_json, m)?)?;
    m.add_function(wrap_pyfunction!(profiles_text, m)?)?;
    m.add_function(wrap_pyfunction!(_bench_rust_check_cert, m)?)?;
    m.add_function(wrap_pyfunction!(_bench_rust_batch, m)?)?;
    Ok(())
}
