"""Type stubs of the extension module ``sceau._sceau`` (Rust, PyO3).

The public API is ``sceau`` itself (``sceau/__init__.py``), which resolves paths, times and
defaults and calls these; ``Report`` and ``Finding`` are re-exported there.
"""

from typing import Any, Dict, List, Optional, Sequence, Tuple, Union, final

from ._errors import InputError

__version__: str
SCHEMA: str

_Bytes = Union[bytes, bytearray]
_Material = Sequence[Tuple[str, _Bytes]]

@final
class Report:
    """The outcome of one check of one object. Rendered only when asked: ``findings``,
    ``facts`` and the text and JSON forms are computed on access."""

    @property
    def verdict(self) -> str:
        """``"accepted"`` or ``"rejected"`` (rejected when any finding is an error)."""
    @property
    def accepted(self) -> bool: ...
    @property
    def subject(self) -> str:
        """What was checked: ``csr``, ``certificate``, ``match``, ``expiry``, ``quote``,
        ``chain`` or ``signature``."""
    @property
    def profile(self) -> str:
        """The profile checked against (for ``auto``, the profile chosen)."""
    @property
    def findings(self) -> List["Finding"]:
        """Every finding, messages in English, in the order the checks produced them."""
    def findings_in(self, lang: str) -> List["Finding"]:
        """Every finding, messages in ``lang`` (``"en"`` or ``"fr"``)."""
    @property
    def codes(self) -> List[str]:
        """The findings' codes, in order."""
    def has(self, code: str) -> bool: ...
    @property
    def facts(self) -> Dict[str, Any]:
        """The ``facts`` of the JSON report (texts in English)."""
    def facts_in(self, lang: str) -> Dict[str, Any]: ...
    def to_dict(self, lang: str = "en") -> Dict[str, Any]:
        """The whole JSON report (schema ``sceau.report/1``) as a dict."""
    def to_json(self, lang: str = "en") -> str:
        """The JSON report, as ``sceau … --format json`` prints it."""
    def to_json_line(self, input: str, lang: str = "en") -> str:
        """One JSON line with ``input`` first, as ``sceau … --format jsonl`` prints it."""
    def text(self, lang: str = "en") -> str:
        """The text for a person, as the command line prints it."""
    def expiry_line(self, lang: str = "en") -> Optional[str]:
        """The line ``sceau expiry`` prints, for an expiry report."""
    @property
    def error(self) -> None:
        """Always ``None`` (an unreadable input in a batch is an ``InputError``)."""

@final
class Finding:
    """One finding of a rule on one field of the object."""

    @property
    def code(self) -> str: ...
    @property
    def severity(self) -> str:
        """``"error"``, ``"warning"`` or ``"notice"``."""
    @property
    def field(self) -> str: ...
    @property
    def message(self) -> str: ...
    @property
    def source(self) -> str: ...
    @property
    def lang(self) -> str: ...
    def arg(self, name: str) -> Optional[str]:
        """The value of the message's placeholder ``name``, if given."""
    def in_lang(self, lang: str) -> "Finding": ...
    def to_dict(self) -> Dict[str, str]: ...
    def __eq__(self, other: object) -> bool: ...
    def __hash__(self) -> int: ...

@final
class _Verifier:
    def __new__(
        cls,
        roots: _Material,
        intermediates: _Material,
        crls: _Material,
        ocsp: _Material,
        *,
        usage: Optional[str] = None,
        name: Optional[str] = None,
        time: Optional[int] = None,
        revocation: Optional[str] = None,
        cn_fallback: bool = False,
        max_depth: Optional[int] = None,
        max_age: Optional[int] = None,
        limits: Sequence[Tuple[str, int]] = ...,
        preset: Optional[str] = None,
        profile: str = "verify",
    ) -> "_Verifier": ...
    def verify(
        self, chain: _Bytes, time: Optional[int] = None, name: Optional[str] = None
    ) -> Report: ...
    @property
    def usage(self) -> str: ...
    @property
    def name(self) -> Optional[str]: ...
    @property
    def time(self) -> int: ...
    @property
    def revocation(self) -> str: ...
    @property
    def cn_fallback(self) -> bool: ...
    @property
    def cn_must_equal_name(self) -> bool: ...
    @property
    def max_depth(self) -> int: ...
    @property
    def max_age(self) -> Optional[int]: ...
    @property
    def limits(self) -> List[Tuple[str, int]]: ...
    @property
    def profile(self) -> str: ...
    @property
    def anchor_count(self) -> int: ...

@final
class _Batch:
    def __new__(
        cls,
        kind: str,
        profile: str,
        catalog: Optional[str],
        authorized_domains: Sequence[str],
        rules_at: Optional[str],
        time: Optional[int],
        jobs: Optional[int],
    ) -> "_Batch": ...
    @property
    def jobs(self) -> int: ...
    def run(self, inputs: Sequence[_Bytes]) -> List[Union[Report, InputError]]: ...

def check_csr(
    data: _Bytes,
    profile: str,
    catalog: Optional[str],
    time: Optional[int],
    authorized_domains: Sequence[str],
) -> Report: ...
def check_cert(
    data: _Bytes,
    profile: str,
    catalog: Optional[str],
    authorized_domains: Sequence[str],
    rules_at: Optional[str],
) -> Report: ...
def match_cert(cert: _Bytes, csr: Optional[_Bytes], key: Optional[_Bytes]) -> Report: ...
def quote(
    profile: str, years: int, names: Optional[int], replacement: bool, catalog: Optional[str]
) -> Report: ...
def expiry(data: _Bytes, profile: str, now: Optional[int], catalog: Optional[str]) -> Report: ...
def assurance(
    signature: _Bytes,
    data: Optional[_Bytes],
    timestamps: Sequence[_Bytes],
    verifier: _Verifier,
    time: Optional[int],
    recognised_cas: Optional[_Material],
    algorithm_policy: str,
    auth_factors: Optional[int],
    device: Optional[str],
    identity_loa: Optional[int],
    target_loa: Optional[int],
    target_eidas: Optional[str],
) -> Report: ...
def split_objects(data: _Bytes, kind: str = "certificate") -> List[bytes]: ...
def json_error_line(input: str, error: str) -> str: ...
def rules_json(lang: str = "en") -> str: ...
def rules_text(lang: str = "en") -> str: ...
def profiles_json(catalog: Optional[str] = None) -> str: ...
def profiles_text(catalog: Optional[str] = None, lang: str = "en") -> str: ...
def _bench_rust_check_cert(data: _Bytes, profile: str, n: int) -> float:
    """For benches only: ``n`` certificate checks in a Rust loop; the seconds taken."""
def _bench_rust_batch(inputs: Sequence[_Bytes], profile: str, jobs: Optional[int] = None) -> float:
    """For benches only: one Rust batch run over ``inputs`` (reports dropped); seconds."""
