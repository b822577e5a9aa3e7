"""sceau: decides whether X.509 material can be trusted for what it claims.

A certificate request before issuance (``check_csr``), an issued certificate against the
product sold or a CA/B profile (``check_cert``, ``check_many``), a certificate against its
request and key (``match_cert``), where a certificate stands in its lifecycle (``expiry``),
the price of an order (``quote``), a chain and its revocation (``Verifier``), and the level an
electronic signature reaches (``assurance``). Every check gives one ``Report``.

Conventions:

- **Inputs** are ``bytes`` (also ``bytearray`` or ``memoryview``): PEM, bare base64 or DER,
  exactly as the command line reads them. A ``str`` or an ``os.PathLike`` is the *path* of a
  file to read; a ``str`` that names no existing file is a ``UsageError``, never read as PEM
  text (give ``text.encode()`` for that).
- **Times** are ``datetime.datetime``; a naive datetime is taken as UTC. ``None`` is now.
  Times before 1970 are a ``UsageError``.
- **Languages** are ``"en"`` (the default) or ``"fr"``.
- **Errors**: ``sceau.Error`` is the base; ``InputError`` (also a ``ValueError``) is input that
  is not one readable object of the kind asked for; ``UsageError`` is a wrong argument. A
  readable object that fails its checks is a ``Report`` with verdict ``"rejected"``, never an
  exception. Wrong argument *types* are ``TypeError``.
- **Catalogue** (``catalog=``): the embedded catalogue extended by a TOML catalogue (the
  ``[[product]]`` tables of ``sceau --catalog``): ``bytes`` or a ``str`` holding a newline or an
  ``=`` are the TOML text; an ``os.PathLike``, or any other ``str``, is the path of the file.

Everything is done by the Rust crate ``sceau`` (the extension module ``sceau._sceau``); this
layer only resolves paths, times and defaults.
"""

from __future__ import annotations

import datetime as _dt
import itertools as _itertools
import json as _json
import os as _os
from typing import (
    Any,
    Dict,
    Iterable,
    Iterator,
    List,
    Mapping,
    Optional,
    Sequence,
    Tuple,
    Union,
)

from ._errors import Error, InputError, UsageError
from . import _sceau
from ._sceau import SCHEMA, Finding, Report, __version__

__all__ = [
    "Error",
    "InputError",
    "UsageError",
    "Report",
    "Finding",
    "Verifier",
    "SCHEMA",
    "check_csr",
    "check_cert",
    "match_cert",
    "quote",
    "expiry",
    "assurance",
    "check_many",
    "iter_check_many",
    "split_objects",
    "json_error_line",
    "rules",
    "rules_text",
    "profiles",
    "profiles_text",
    "__version__",
]

#: What an input may be: its bytes, or the path of a file holding them.
Data = Union[bytes, bytearray, memoryview, str, "_os.PathLike[str]"]
#: Several inputs: one, or an iterable of them.
Materials = Union[Data, Iterable[Data]]
#: A catalogue: TOML text, or the path of a TOML file.
CatalogArg = Union[str, bytes, "_os.PathLike[str]", None]

_UTC = _dt.timezone.utc
#: The certificate files of a directory of roots, as the command line takes them.
_CERT_SUFFIXES = (".pem", ".crt", ".cer", ".der")


# --------------------------------------------------------------------------------------------
# Arguments.


def _path_error(path: str, argument: str) -> UsageError:
    if "-----BEGIN" in path or "\n" in path:
        hint = "; a str is a path: give the PEM text as bytes (text.encode())"
    else:
        hint = ""
    shown = path if len(path) <= 80 else path[:77] + "..."
    if _os.path.isdir(path):
        what = f"{argument}: {shown!r} is a directory, not a file"
    else:
        what = f"{argument}: {shown!r} is not the path of an existing file{hint}"
    return UsageError(what, kind="not_a_file", argument=argument, found=path)


_Raw = Union[bytes, bytearray]


def _read(value: Any, argument: str) -> Tuple[_Raw, Optional[str]]:
    """The bytes of an input and the path they were read from (``None`` for bytes)."""
    if isinstance(value, (bytes, bytearray)):
        return value, None
    if isinstance(value, memoryview):
        return value.tobytes(), None
    if isinstance(value, (str, _os.PathLike)):
        path = _os.fspath(value)
        if isinstance(path, bytes):
            path = _os.fsdecode(path)
        if not _os.path.isfile(path):
            raise _path_error(path, argument)
        with open(path, "rb") as file:
            return file.read(), path
    raise TypeError(
        f"{argument}: expected bytes or a path (str or os.PathLike), "
        f"not {type(value).__name__}"
    )


def _optional(value: Any, argument: str) -> Tuple[Optional[_Raw], Optional[str]]:
    if value is None:
        return None, None
    return _read(value, argument)


def _seconds(value: Any, argument: str) -> Optional[int]:
    """Unix seconds of a datetime (naive = UTC); ``None`` stays ``None`` (now)."""
    if value is None:
        return None
    if isinstance(value, _dt.datetime):
        if value.tzinfo is None or value.utcoffset() is None:
            value = value.replace(tzinfo=_UTC)
        seconds = value.timestamp()
    elif isinstance(value, _dt.date):
        seconds = _dt.datetime(value.year, value.month, value.day, tzinfo=_UTC).timestamp()
    else:
        raise TypeError(
            f"{argument}: expected a datetime.datetime, not {type(value).__name__}"
        )
    if seconds < 0:
        raise UsageError(
            f"{argument}: {value.isoformat()} is before 1970", argument=argument
        )
    return int(seconds // 1)


def _day(value: Any, argument: str) -> Optional[str]:
    """A day as ``YYYY-MM-DD``: a date, a datetime (its UTC day) or such a string."""
    if value is None:
        return None
    if isinstance(value, _dt.datetime):
        moment: _dt.datetime = value
        if moment.tzinfo is not None and moment.utcoffset() is not None:
            moment = moment.astimezone(_UTC)
        return moment.date().isoformat()
    if isinstance(value, _dt.date):
        day: _dt.date = value
        return day.isoformat()
    if isinstance(value, str):
        return str(value)
    raise TypeError(f"{argument}: expected a datetime.date, not {type(value).__name__}")


def _catalog(catalog: CatalogArg) -> Optional[str]:
    """The TOML text of a catalogue argument."""
    if catalog is None:
        return None
    if isinstance(catalog, (bytes, bytearray)):
        try:
            return bytes(catalog).decode("utf-8")
        except UnicodeDecodeError:
            raise UsageError(
                "catalog: a catalogue is UTF-8 text", argument="catalog"
            ) from None
    if isinstance(catalog, str) and ("\n" in catalog or "=" in catalog):
        return catalog
    if isinstance(catalog, (str, _os.PathLike)):
        data, path = _read(catalog, "catalog")
        try:
            return bytes(data).decode("utf-8")
        except UnicodeDecodeError:
            raise UsageError(
                f"{path}: a catalogue is UTF-8 text", argument="catalog"
            ) from None
    raise TypeError(
        f"catalog: expected TOML text or a path, not {type(catalog).__name__}"
    )


def _strings(values: Any, argument: str) -> List[str]:
    if values is None:
        return []
    if isinstance(values, str):
        return [values]
    result = list(values)
    for value in result:
        if not isinstance(value, str):
            raise TypeError(f"{argument}: expected str, not {type(value).__name__}")
    return result


def _count(value: Any, argument: str, most: int = 0xFFFF_FFFF) -> int:
    """An int the Rust side can take (u32 unless `most` says otherwise); what the value
    means is the library's to judge."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{argument}: expected an int, not {type(value).__name__}")
    if not 0 <= value <= most:
        raise UsageError(f"{argument}: {value} is out of range (0 to {most})", argument=argument)
    return value


def _optional_count(value: Any, argument: str) -> Optional[int]:
    return None if value is None else _count(value, argument)


def _at(path: Optional[str], error: InputError) -> Error:
    return error._at(path) if path is not None else error


# --------------------------------------------------------------------------------------------
# The checks.


def check_csr(
    data: Data,
    profile: str = "baseline",
    *,
    catalog: CatalogArg = None,
    time: Optional[_dt.datetime] = None,
    authorized_domains: Sequence[str] = (),
) -> Report:
    """Checks a certificate signing request (PEM, bare base64 or DER) against ``profile``
    (``baseline``, a CA/B profile such as ``tls-br``, or a product of the catalogue such as
    ``standard`` or ``certigna-ssl``) at ``time`` (default now): proof of possession,
    algorithm and key policy, subject, requested names and extensions, the product's rules.

    ``authorized_domains`` replaces the product's authorised domains (IGC-Santé's
    ``*ch-ville.fr``). Raises ``InputError`` when the bytes are not one readable CSR.
    """
    raw, path = _read(data, "data")
    try:
        return _sceau.check_csr(
            raw,
            profile,
            _catalog(catalog),
            _seconds(time, "time"),
            _strings(authorized_domains, "authorized_domains"),
        )
    except InputError as error:
        raise _at(path, error) from None


def check_cert(
    data: Data,
    profile: str = "auto",
    *,
    catalog: CatalogArg = None,
    authorized_domains: Sequence[str] = (),
    rules_at: Union[_dt.date, str, None] = None,
) -> Report:
    """Checks an issued certificate (PEM, bare base64 or DER) against ``profile``: ``auto``
    (the CA/B profile the certificate calls for, named in ``report.profile``), ``tls-br``,
    ``smime-br``, ``cs-br``, ``ca-br``, ``rfc5280``, ``baseline`` or a catalogue product.

    A certificate is judged by the rules in force at its notBefore; ``rules_at`` (a date)
    judges it by a later day's rules. Raises ``InputError`` when the bytes are not one
    readable certificate.
    """
    raw: _Raw
    if type(data) is bytes:
        raw, path = data, None
    else:
        raw, path = _read(data, "data")
    try:
        return _sceau.check_cert(
            raw,
            profile,
            None if catalog is None else _catalog(catalog),
            _strings(authorized_domains, "authorized_domains") if authorized_domains else [],
            None if rules_at is None else _day(rules_at, "rules_at"),
        )
    except InputError as error:
        raise _at(path, error) from None


def match_cert(cert: Data, csr: Optional[Data] = None, key: Optional[Data] = None) -> Report:
    """Whether a certificate carries a request's key, CN and names (``csr``), and whether a
    private key (PKCS#8, PKCS#1 or SEC1, not encrypted) belongs to it and holds together
    (``key``). At least one of ``csr`` and ``key`` must be given (``UsageError`` otherwise).
    """
    cert_raw, cert_path = _read(cert, "cert")
    csr_raw, csr_path = _optional(csr, "csr")
    key_raw, key_path = _optional(key, "key")
    try:
        return _sceau.match_cert(cert_raw, csr_raw, key_raw)
    except InputError as error:
        path = {"certificate": cert_path, "csr": csr_path, "private_key": key_path}.get(
            error.expected or ""
        )
        raise _at(path, error) from None


def quote(
    profile: str,
    years: int,
    names: Optional[int] = None,
    replacement: bool = False,
    *,
    catalog: CatalogArg = None,
) -> Report:
    """Prices an order of ``profile`` (a catalogue product) for ``years`` with ``names`` DNS
    names, or a ``replacement`` for the residual period: every line in ``facts["lines"]``,
    amounts in cents; refusals (too many names, a duration not offered) are findings.
    """
    return _sceau.quote(
        profile,
        _count(years, "years"),
        _optional_count(names, "names"),
        bool(replacement),
        _catalog(catalog),
    )


def expiry(
    data: Data,
    profile: str,
    now: Optional[_dt.datetime] = None,
    *,
    catalog: CatalogArg = None,
) -> Report:
    """Where the certificate stands at ``now`` (default now) under the terms of ``profile``
    (a catalogue product): days and business days left (the catalogue's holidays excluded),
    whether the notice has begun, renewal and re-issuance. ``report.expiry_line()`` is the
    line ``sceau expiry`` prints.
    """
    raw, path = _read(data, "data")
    try:
        return _sceau.expiry(raw, profile, _seconds(now, "now"), _catalog(catalog))
    except InputError as error:
        raise _at(path, error) from None


# --------------------------------------------------------------------------------------------
# Chains.

_REVOCATION = {
    "required": "required",
    "best-effort": "best-effort",
    "best_effort": "best-effort",
    "optional": "best-effort",
    "off": "off",
    "none": "off",
}


def _revocation(value: Optional[str]) -> Optional[str]:
    if value is None:
        return None
    if not isinstance(value, str):
        raise TypeError(f"revocation: expected str, not {type(value).__name__}")
    return _REVOCATION.get(value, value)


def _usage(value: Optional[str]) -> Optional[str]:
    if value is None:
        return None
    if not isinstance(value, str):
        raise TypeError(f"usage: expected str, not {type(value).__name__}")
    return value.replace("_", "-")


def _max_age(value: Any) -> Optional[int]:
    if value is None:
        return None
    if isinstance(value, _dt.timedelta):
        value = value.total_seconds()
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise TypeError(
            f"max_age: expected seconds or a datetime.timedelta, not {type(value).__name__}"
        )
    if value < 0:
        raise UsageError(f"max_age: {value} is negative", argument="max_age")
    return int(value)


def _limits(limits: Optional[Mapping[str, int]]) -> List[Tuple[str, int]]:
    if not limits:
        return []
    out = []
    for name, value in limits.items():
        # The limits are usize on the Rust side.
        out.append((name.replace("_", "-"), _count(value, f"limits[{name!r}]", 2**64 - 1)))
    return out


def _material(
    value: Any, argument: str, *, directories: bool = False
) -> List[Tuple[str, _Raw]]:
    """Every piece of material given as ``argument``: one input or an iterable of them, each
    named for errors by its path or ``argument[i]``. For roots a directory stands for its
    certificate files (``.pem``, ``.crt``, ``.cer``, ``.der``), sorted, as on the command line.
    """
    if value is None:
        return []
    if isinstance(value, (bytes, bytearray, memoryview, str, _os.PathLike)):
        items = [value]
    else:
        items = list(value)
    pieces: List[Tuple[str, _Raw]] = []
    for i, item in enumerate(items):
        if directories and isinstance(item, (str, _os.PathLike)):
            path = _os.fspath(item)
            if isinstance(path, bytes):
                path = _os.fsdecode(path)
            if _os.path.isdir(path):
                files = sorted(
                    entry.path
                    for entry in _os.scandir(path)
                    if entry.is_file() and entry.name.lower().endswith(_CERT_SUFFIXES)
                )
                if not files:
                    raise UsageError(
                        f"{path}: no .pem, .crt, .cer or .der file in this directory",
                        kind="not_a_file",
                        argument=argument,
                        found=path,
                    )
                for file in files:
                    data, _ = _read(file, argument)
                    pieces.append((file, data))
                continue
        data, path = _read(item, argument)
        pieces.append((path if path is not None else f"{argument}[{i}]", data))
    return pieces


def _datetime(seconds: int) -> _dt.datetime:
    return _dt.datetime.fromtimestamp(seconds, tz=_UTC)


class Verifier:
    """Trust anchors, intermediates and revocation evidence, with the options of a chain
    verification (the Rust ``sceau::Verifier``), made once and used for many chains.

    - ``roots``: the trust anchors: PEM bundles, DER certificates, or (paths) directories of
      ``.pem``/``.crt``/``.cer``/``.der`` files; one or an iterable of them. At least one
      anchor is needed to verify.
    - ``intermediates``, ``crls``, ``ocsp``: further certificates paths may use, CRLs (PEM or
      DER) and OCSP responses (DER or PEM); one or an iterable of them.
    - ``usage``: what the leaf must be good for: ``"server"`` (``"tls-server"``, the default),
      ``"client"``, ``"client-email"``, ``"code-signing"``, ``"email"``, ``"ca"`` or ``"any"``.
    - ``name``: the DNS name or IP address the leaf must carry.
    - ``time``: the validation time (default: when the verifier is made).
    - ``revocation``: ``"required"`` (the default: missing or stale evidence fails closed),
      ``"best-effort"`` (also ``"optional"``: a warning) or ``"off"`` (also ``"none"``).
    - ``cn_fallback``: let the subject CN stand in for a missing DNS subjectAltName.
    - ``max_depth``: the most intermediates a path may have (default 6).
    - ``max_age``: how old revocation evidence may be, whatever its nextUpdate says (seconds
      or a ``timedelta``).
    - ``limits``: bounds on the work of a verification, by name: ``chain-certificates`` (64),
      ``intermediates`` (10000), ``anchors`` (10000), ``crls`` (1000), ``ocsp-responses``
      (10000), ``path-attempts`` (32).
    - ``preset``: ``"diapason-client"`` or ``"diapason-server"`` (see the class methods);
      options given explicitly override the preset's.

    Unreadable material raises ``InputError`` naming the file (or ``roots[i]``).
    """

    __slots__ = ("_core",)

    def __init__(
        self,
        roots: Materials,
        intermediates: Materials = (),
        crls: Materials = (),
        ocsp: Materials = (),
        *,
        usage: Optional[str] = None,
        name: Optional[str] = None,
        time: Optional[_dt.datetime] = None,
        revocation: Optional[str] = None,
        cn_fallback: bool = False,
        max_depth: Optional[int] = None,
        max_age: Union[int, float, _dt.timedelta, None] = None,
        limits: Optional[Mapping[str, int]] = None,
        preset: Optional[str] = None,
    ) -> None:
        self._core = _sceau._Verifier(
            _material(roots, "roots", directories=True),
            _material(intermediates, "intermediates"),
            _material(crls, "crls"),
            _material(ocsp, "ocsp"),
            usage=_usage(usage),
            name=name,
            time=_seconds(time, "time"),
            revocation=_revocation(revocation),
            cn_fallback=bool(cn_fallback),
            max_depth=_optional_count(max_depth, "max_depth"),
            max_age=_max_age(max_age),
            limits=_limits(limits),
            preset=preset,
        )

    @classmethod
    def diapason_client(
        cls,
        roots: Materials,
        intermediates: Materials = (),
        crls: Materials = (),
        ocsp: Materials = (),
        *,
        time: Optional[_dt.datetime] = None,
        **options: Any,
    ) -> "Verifier":
        """The Diapason gateway's verifier for terminals and the PSP authenticating as TLS
        clients: usage client, revocation required (``sceau::diapason::client_verifier``)."""
        return cls(
            roots, intermediates, crls, ocsp, time=time, preset="diapason-client", **options
        )

    @classmethod
    def diapason_server(
        cls,
        roots: Materials,
        name: str,
        intermediates: Materials = (),
        crls: Materials = (),
        ocsp: Materials = (),
        *,
        time: Optional[_dt.datetime] = None,
        **options: Any,
    ) -> "Verifier":
        """The verifier for a server the gateway or a terminal connects to: usage server,
        revocation best effort, ``name`` (the FQDN) in a SAN or the CN, and the CN equal to
        it (``sceau::diapason::server_verifier``)."""
        return cls(
            roots,
            intermediates,
            crls,
            ocsp,
            name=name,
            time=time,
            preset="diapason-server",
            **options,
        )

    def verify(
        self,
        chain: Data,
        *,
        time: Optional[_dt.datetime] = None,
        name: Optional[str] = None,
    ) -> Report:
        """Verifies a chain (PEM, leaf first, then intermediates; or one DER certificate).
        ``time`` and ``name`` replace the verifier's for this call. A chain that does not
        validate is a rejected report; input that is not certificates raises ``InputError``,
        a verifier without roots ``UsageError``."""
        raw, path = _read(chain, "chain")
        try:
            return self._core.verify(raw, _seconds(time, "time"), name)
        except InputError as error:
            raise _at(path, error) from None

    @property
    def usage(self) -> str:
        """The usage verified (``tls-server``, ``client``, …)."""
        return self._core.usage

    @property
    def name(self) -> Optional[str]:
        return self._core.name

    @property
    def time(self) -> _dt.datetime:
        """The validation time, timezone-aware (UTC)."""
        return _datetime(self._core.time)

    @property
    def revocation(self) -> str:
        """``required``, ``best-effort`` or ``off``."""
        return self._core.revocation

    @property
    def cn_fallback(self) -> bool:
        return self._core.cn_fallback

    @property
    def cn_must_equal_name(self) -> bool:
        """Whether the CN must equal the name (the diapason-server preset)."""
        return self._core.cn_must_equal_name

    @property
    def max_depth(self) -> int:
        return self._core.max_depth

    @property
    def max_age(self) -> Optional[_dt.timedelta]:
        seconds = self._core.max_age
        return None if seconds is None else _dt.timedelta(seconds=seconds)

    @property
    def limits(self) -> Dict[str, int]:
        return dict(self._core.limits)

    @property
    def profile(self) -> str:
        """The name reports give this verifier: ``verify``, ``diapason-client``, …"""
        return self._core.profile

    @property
    def anchor_count(self) -> int:
        return self._core.anchor_count

    def __repr__(self) -> str:
        return (
            f"<sceau.Verifier {self.profile}: {self.anchor_count} anchor(s), usage "
            f"{self.usage}, revocation {self.revocation}, at {self.time.isoformat()}>"
        )


def assurance(
    signature: Data,
    data: Optional[Data] = None,
    *,
    verifier: Optional[Verifier] = None,
    roots: Materials = (),
    intermediates: Materials = (),
    crls: Materials = (),
    ocsp: Materials = (),
    timestamps: Materials = (),
    recognised_cas: Optional[Materials] = None,
    algorithm_policy: str = "etsi",
    auth_factors: Optional[int] = None,
    device: Optional[str] = None,
    identity_loa: Optional[int] = None,
    target_loa: Optional[int] = None,
    target_eidas: Optional[str] = None,
    time: Optional[_dt.datetime] = None,
    revocation: Optional[str] = None,
) -> Report:
    """What an electronic signature (CMS/CAdES, PEM or DER) is worth: the ETSI EN 319 102-1
    outcome and the eIDAS, Government of Canada and RGS levels (``report.facts``).

    ``data`` is the signed file of a detached signature; ``timestamps`` RFC 3161 tokens given
    beside it. The trust material is a ``verifier``, or ``roots``/``intermediates``/``crls``/
    ``ocsp`` (a verifier for any usage is then made, revocation ``required`` unless said).
    ``recognised_cas`` are the CAs of a trusted list; ``algorithm_policy`` is ``etsi``,
    ``rgs`` or ``cse``; ``auth_factors``, ``device`` (``software``, ``smartcard``, ``hsm``) and
    ``identity_loa`` (1-4) are what the caller declares; ``target_loa`` (1-4) and
    ``target_eidas`` (``ades``, ``ades-qc``, ``qes``) are the levels wanted. ``time`` is the
    validation time (default: the verifier's, else now).
    """
    signature_raw, signature_path = _read(signature, "signature")
    data_raw, _ = _optional(data, "data")
    stamps = [piece for _, piece in _material(timestamps, "timestamps")]
    cas = None if recognised_cas is None else _material(recognised_cas, "recognised_cas")
    seconds = _seconds(time, "time")
    if verifier is None:
        core = _sceau._Verifier(
            _material(roots, "roots", directories=True),
            _material(intermediates, "intermediates"),
            _material(crls, "crls"),
            _material(ocsp, "ocsp"),
            usage="any",
            time=seconds,
            revocation=_revocation(revocation),
            profile="assurance",
        )
    else:
        if not isinstance(verifier, Verifier):
            raise TypeError(
                f"verifier: expected a sceau.Verifier, not {type(verifier).__name__}"
            )
        if any(m not in ((), None) for m in (roots, intermediates, crls, ocsp)) or revocation:
            raise UsageError(
                "assurance: give either a verifier or its material (roots, intermediates, "
                "crls, ocsp, revocation), not both",
                argument="verifier",
            )
        core = verifier._core
    try:
        return _sceau.assurance(
            signature_raw,
            data_raw,
            stamps,
            core,
            seconds,
            cas,
            algorithm_policy,
            _optional_count(auth_factors, "auth_factors"),
            device,
            _optional_count(identity_loa, "identity_loa"),
            _optional_count(target_loa, "target_loa"),
            target_eidas,
        )
    except InputError as error:
        path = signature_path if error.expected == "signed_data" else None
        raise _at(path, error) from None


# --------------------------------------------------------------------------------------------
# Batches.

#: Inputs read ahead and checked together per thread, as on the command line.
CHUNK_PER_JOB = 512

#: The thread pools of recent batches, by their arguments (and the process they belong to):
#: a program that calls check_many chunk after chunk does not start threads each time.
_BATCHES: Dict[Any, Any] = {}
_MAX_BATCHES = 8


def _batch(
    profile: str,
    kind: str,
    jobs: Optional[int],
    catalog: CatalogArg,
    time: Optional[_dt.datetime],
    authorized_domains: Sequence[str],
    rules_at: Union[_dt.date, str, None],
) -> Any:
    if jobs is not None:
        # A conversion to usize only: the library refuses 0 itself, with its own message.
        _count(jobs, "jobs", 2**64 - 1)
    key = (
        kind,
        profile,
        _catalog(catalog),
        tuple(_strings(authorized_domains, "authorized_domains")),
        _day(rules_at, "rules_at"),
        _seconds(time, "time"),
        jobs,
    )
    # A batch of CSRs judged "now" is made anew: its time is the time it is made.
    cacheable = kind != "csr" or key[5] is not None
    pid = _os.getpid()
    if _BATCHES.get("pid") != pid:
        # A forked child has none of its parent's threads: never reuse the parent's pools.
        _BATCHES.clear()
        _BATCHES["pid"] = pid
    if cacheable and key in _BATCHES:
        return _BATCHES[key]
    batch = _sceau._Batch(key[0], key[1], key[2], list(key[3]), key[4], key[5], key[6])
    if cacheable:
        if len(_BATCHES) > _MAX_BATCHES:
            _BATCHES.clear()
            _BATCHES["pid"] = pid
        _BATCHES[key] = batch
    return batch


def _bytes_of(item: Any) -> Any:
    if type(item) is bytes:
        return item
    return _read(item, "input")[0]


def iter_check_many(
    inputs: Iterable[Data],
    profile: str = "auto",
    *,
    kind: str = "certificate",
    jobs: Optional[int] = None,
    chunk_size: Optional[int] = None,
    catalog: CatalogArg = None,
    time: Optional[_dt.datetime] = None,
    authorized_domains: Sequence[str] = (),
    rules_at: Union[_dt.date, str, None] = None,
) -> Iterator[Union[Report, InputError]]:
    """Checks every input of ``inputs`` (any iterable, endless ones included) and yields one
    result per input, in input order: a ``Report``, or for an input that is not one readable
    object the ``InputError`` it would raise alone (yielded, not raised).

    The inputs are taken ``chunk_size`` at a time (default 512 per thread), each chunk checked
    by the Rust batch (``sceau::Batch``) on ``jobs`` threads (default: one per core) with the
    interpreter released, so memory holds one chunk whatever the length of the stream. The
    profile is read once. ``kind`` is ``"certificate"`` (``check_cert``) or ``"csr"``
    (``check_csr`` at ``time``). Arguments are checked when this is called, before the first
    input is taken. Items may also be paths (``str`` or ``os.PathLike``); one that names no
    file raises ``UsageError`` when its chunk is taken.
    """
    batch = _batch(profile, kind, jobs, catalog, time, authorized_domains, rules_at)
    if chunk_size is None:
        size = CHUNK_PER_JOB * batch.jobs
    else:
        size = _count(chunk_size, "chunk_size")
        if size == 0:
            raise UsageError("chunk_size: expected at least 1", argument="chunk_size")

    def results() -> Iterator[Union[Report, InputError]]:
        source = iter(inputs)
        while True:
            chunk = [_bytes_of(item) for item in _itertools.islice(source, size)]
            if not chunk:
                return
            yield from batch.run(chunk)

    return results()


def check_many(
    inputs: Iterable[Data],
    profile: str = "auto",
    *,
    kind: str = "certificate",
    jobs: Optional[int] = None,
    chunk_size: Optional[int] = None,
    catalog: CatalogArg = None,
    time: Optional[_dt.datetime] = None,
    authorized_domains: Sequence[str] = (),
    rules_at: Union[_dt.date, str, None] = None,
) -> List[Union[Report, InputError]]:
    """``iter_check_many`` as a list: one ``Report`` or ``InputError`` per input, in input
    order, the same as checking each alone. A list or tuple of ``bytes`` is checked in one
    call to the Rust batch; any other iterable chunk by chunk (use ``iter_check_many`` for a
    stream whose results should not all be held)."""
    if isinstance(inputs, (list, tuple)) and chunk_size is None:
        batch = _batch(profile, kind, jobs, catalog, time, authorized_domains, rules_at)
        items = inputs
        if not all(type(item) is bytes for item in items):
            items = [_bytes_of(item) for item in items]
        results: List[Union[Report, InputError]] = batch.run(items)
        return results
    return list(
        iter_check_many(
            inputs,
            profile,
            kind=kind,
            jobs=jobs,
            chunk_size=chunk_size,
            catalog=catalog,
            time=time,
            authorized_domains=authorized_domains,
            rules_at=rules_at,
        )
    )


def split_objects(data: Data, kind: str = "certificate") -> List[bytes]:
    """The objects of ``kind`` in ``data``, each as the bytes of its PEM block, in order: how
    the command line splits a file into the inputs of a batch (``path#1``, ``path#2`` when
    there are several). Input with no complete block of that kind (DER, bare base64, broken
    PEM) is one piece, the whole of it."""
    raw, _ = _read(data, "data")
    return _sceau.split_objects(raw, kind)


def json_error_line(input: str, error: str) -> str:
    """The line ``sceau … --format jsonl`` writes for an input it could not take (a file it
    could not read, an object it could not decode): ``{"error": …, "input": …}``."""
    return _sceau.json_error_line(input, error)


# --------------------------------------------------------------------------------------------
# Listings.


def rules(lang: str = "en") -> List[Dict[str, Any]]:
    """Every rule (``sceau rules --format json``): ``code``, ``severity``, ``source``,
    ``effective_from``, ``effective_until`` (``YYYY-MM-DD`` or ``None``), ``message`` (the
    template in ``lang``) and ``declared_in``."""
    listing: List[Dict[str, Any]] = _json.loads(_sceau.rules_json(lang))
    return listing


def rules_text(lang: str = "en") -> str:
    """Every rule as text, as ``sceau rules`` prints it."""
    return _sceau.rules_text(lang)


def profiles(catalog: CatalogArg = None) -> List[Dict[str, Any]]:
    """The catalogue's products (``sceau profiles --format json``), each a dict as a
    catalogue file writes it (``id``, ``name``, ``usage``, ``key``, ``names``, …). The checks
    also take ``baseline``, ``auto``, ``rfc5280`` and the CA/B profiles ``tls-br``,
    ``smime-br``, ``cs-br`` and ``ca-br``, which are no products."""
    listing: List[Dict[str, Any]] = _json.loads(_sceau.profiles_json(_catalog(catalog)))
    return listing


def profiles_text(catalog: CatalogArg = None, lang: str = "en") -> str:
    """The catalogue's products as text, as ``sceau profiles`` prints them."""
    return _sceau.profiles_text(_catalog(catalog), lang)
