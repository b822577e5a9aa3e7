"""sceau.expiry: where a certificate stands (tests/lifecycle.rs's figures on a committed
certificate, and the command line's line for the same call)."""

from __future__ import annotations

import datetime as dt
import json
import subprocess

import pytest

import sceau
from conftest import CERT

GOOD = CERT / "tls" / "good.pem"
UTC = dt.timezone.utc


def validity():
    facts = sceau.check_cert(GOOD, "standard").facts
    return (
        dt.datetime.fromtimestamp(facts["not_before"], UTC),
        dt.datetime.fromtimestamp(facts["not_after"], UTC),
    )


def test_days_left_and_the_notice():
    _, not_after = validity()
    report = sceau.expiry(GOOD, "standard", not_after - dt.timedelta(days=10))
    assert report.subject == "expiry"
    assert report.verdict == "accepted"
    facts = report.facts
    assert facts["status"] == "valid"
    assert facts["days_left"] == 10
    assert facts["notice_open"] is True
    assert report.has("expiry.notice_due")
    assert "10 days" in report.expiry_line()
    assert "10 jours" in report.expiry_line("fr")


def test_certigna_renewal_and_reissue():
    not_before, _ = validity()
    facts = sceau.expiry(GOOD, "certigna-ssl", not_before + dt.timedelta(days=1)).facts
    assert facts["reissue_possible"] is True
    assert facts["renewal_not_after"] is not None


def test_expired_and_not_yet_valid_certificates_are_refused():
    not_before, not_after = validity()
    expired = sceau.expiry(GOOD, "standard", not_after + dt.timedelta(days=5))
    assert expired.verdict == "rejected"
    assert expired.has("expiry.expired")
    assert expired.facts["status"] == "expired"
    assert expired.facts["days_left"] == -5
    early = sceau.expiry(GOOD, "standard", not_before - dt.timedelta(days=1))
    assert early.has("expiry.not_yet_valid")


def test_a_naive_time_is_utc():
    _, not_after = validity()
    aware = sceau.expiry(GOOD, "standard", not_after - dt.timedelta(days=3))
    naive = sceau.expiry(GOOD, "standard", (not_after - dt.timedelta(days=3)).replace(tzinfo=None))
    other_zone = sceau.expiry(
        GOOD, "standard", (not_after - dt.timedelta(days=3)).astimezone(dt.timezone(dt.timedelta(hours=-5)))
    )
    assert aware.to_json() == naive.to_json() == other_zone.to_json()


@pytest.mark.parametrize("profile", ["standard", "certigna-ssl", "ssl-serveur"])
def test_the_same_as_the_command_line(sceau_cli, profile):
    now = "2027-01-20T00:00:00Z"
    report = sceau.expiry(GOOD, profile, dt.datetime(2027, 1, 20, tzinfo=UTC))
    out = subprocess.run(
        [sceau_cli, "expiry", "--profile", profile, "--now", now, "--format", "json", GOOD],
        capture_output=True,
        check=False,
    )
    assert json.loads(out.stdout) == [report.to_dict()]
    text = subprocess.run(
        [sceau_cli, "expiry", "--profile", profile, "--now", now, "--lang", "fr", GOOD],
        capture_output=True,
        check=False,
    )
    assert text.stdout.decode() == f"{GOOD}: {report.expiry_line('fr')}\n"


def test_expiry_arguments():
    with pytest.raises(sceau.UsageError):
        sceau.expiry(GOOD, "nope")
    with pytest.raises(sceau.UsageError):
        sceau.expiry(GOOD, "standard", dt.datetime(1969, 12, 31, tzinfo=UTC))
    with pytest.raises(TypeError):
        sceau.expiry(GOOD, "standard", "2027-01-01")
    with pytest.raises(sceau.InputError):
        sceau.expiry(b"nope", "standard")
    assert sceau.check_cert(GOOD, "standard").expiry_line() is None
