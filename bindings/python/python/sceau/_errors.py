"""The exceptions of sceau.

``Error`` is the base of every exception the package raises. ``InputError`` (also a
``ValueError``) says that the bytes given are not the object asked for, with what was found and
what was expected; ``UsageError`` says that the call itself is wrong (an unknown profile, an
argument out of range, a path that names no file). A readable object that fails its checks is
never an exception: it is a ``Report`` whose verdict is ``"rejected"``.
"""

from __future__ import annotations

from typing import Any, Dict, Optional, Sequence, Tuple, Type


def _rebuild(cls: Type["Error"], args: Tuple[Any, ...], state: Dict[str, Any]) -> "Error":
    error: Error = cls.__new__(cls, *args)
    Exception.__init__(error, *args)
    error.__dict__.update(state)
    return error


class Error(Exception):
    """The base of every exception sceau raises."""

    kind: str = "error"

    def __reduce__(self) -> Any:
        # Keyword-only attributes survive pickling (Dask, multiprocessing).
        return (_rebuild, (type(self), self.args, dict(self.__dict__)))

    def _at(self, path: str) -> "Error":
        """The same error about the file or argument ``path``: the message starts with it and
        ``path`` says it."""
        message = str(self.args[0]) if self.args else ""
        state = dict(self.__dict__)
        state["path"] = path
        return _rebuild(type(self), (f"{path}: {message}",), state)


class UsageError(Error):
    """A wrong argument: an unknown profile, language, usage or preset, a value out of range,
    a path that names no file, nothing to compare, a verifier without roots.

    ``argument`` names the argument; for an unknown profile ``found`` is the id given and
    ``known`` the ids that exist.
    """

    def __init__(
        self,
        message: str,
        *,
        kind: str = "invalid_argument",
        argument: Optional[str] = None,
        found: Optional[str] = None,
        known: Optional[Sequence[str]] = None,
        detail: Optional[str] = None,
    ) -> None:
        super().__init__(message)
        self.kind = kind
        self.argument = argument
        self.found = found
        self.known = list(known) if known is not None else None
        self.detail = detail


class InputError(Error, ValueError):
    """Input that is not one readable object of the kind asked for.

    ``kind`` says what is wrong (``empty_input``, ``wrong_kind``, ``bad_pem``, ``bad_base64``,
    ``not_pem_or_der``, ``ambiguous``, ``truncated``, ``trailing_data``, ``bad_der``,
    ``unsupported``, ``too_many``); ``found`` what the input holds when that could be told;
    ``expected`` the kind of object asked for (``csr``, ``certificate``, ``crl``,
    ``ocsp_response``, ``private_key``, ``public_key``, ``signed_data``); ``path`` the file it
    was read from, when it came from one (the message then starts with it).

    In a batch (``check_many``) an unreadable input is not raised: its place in the results
    holds the ``InputError``, whose ``to_json_line`` gives the line the command line writes.
    """

    def __init__(
        self,
        message: str,
        *,
        kind: str = "unreadable",
        found: Optional[str] = None,
        expected: Optional[str] = None,
        detail: Optional[str] = None,
        path: Optional[str] = None,
        limit: Optional[str] = None,
    ) -> None:
        super().__init__(message)
        self.kind = kind
        self.found = found
        self.expected = expected
        self.detail = detail
        self.path = path
        self.limit = limit

    @property
    def message(self) -> str:
        """The message, as the command line gives it."""
        return str(self.args[0]) if self.args else ""

    @property
    def error(self) -> str:
        """The message: what a batch entry's ``error`` is (``None`` on a ``Report``)."""
        return self.message

    @property
    def verdict(self) -> None:
        """An unreadable input has no verdict."""
        return None

    def to_json_line(self, input: str, lang: str = "en") -> str:
        """The line ``sceau … --format jsonl`` writes for this input:
        ``{"error": …, "input": …}``."""
        from . import _sceau

        return _sceau.json_error_line(input, self.message)
