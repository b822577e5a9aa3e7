"""Products of the catalogue on CSRs (tests/profiles.rs), quotes, catalogue files, and the
rule and product listings."""

from __future__ import annotations

import pytest

import sceau
from conftest import CSR, TODAY, error_codes

CH_VILLE = """
[[product]]
id = "ssl-serveur"
name = "IGC-Santé SSL_SERVEUR"
issuer = "IGC-Santé"
source = "003_a88f77ecd5bd515e.txt"
usage = "tls-server"
names = { wildcard = "forbidden", authorized_domains = ["*ch-ville.fr"] }
validity_years = [3]
"""


def check(profile: str, csr: str, **options) -> sceau.Report:
    return sceau.check_csr(CSR / csr, profile, time=TODAY, **options)


ACCEPTED = [
    ("standard", "rsa2048-san.csr"),
    ("standard", "p256.csr"),
    ("wildcard", "wildcard.csr"),
    ("ev", "profile/ev-gouv.csr"),
    ("uc", "profile/uc-three.csr"),
    ("uc", "rsa2048-san.csr"),
    ("code-signing", "profile/code-signing.csr"),
    ("entreprise", "email-subject.csr"),
    ("org-auth-cli", "profile/gap-client.csr"),
    ("org-auth-cli", "service-name.csr"),
    ("certigna-ssl", "rsa2048-san.csr"),
    ("ca", "profile/ca-rsa3072.csr"),
]

WILDCARD_NOT_ALLOWED = ["name.dns.wildcard_not_allowed", "name.dns.wildcard_not_allowed"]

REFUSED = [
    ("standard", "profile/uc-three.csr", ["profile.names.too_many"]),
    ("standard", "wildcard.csr", WILDCARD_NOT_ALLOWED),
    ("wildcard", "rsa2048-nosan.csr", ["profile.names.wildcard_missing"]),
    ("wildcard", "profile/wildcard-two.csr", ["profile.names.too_many", "profile.names.wildcard_count"]),
    ("wildcard", "profile/wildcard-public-suffix.csr", ["profile.names.wildcard_public_suffix"]),
    ("ev", "rsa2048-san.csr", ["profile.names.outside_suffix", "profile.names.outside_suffix"]),
    ("ev", "profile/ev-wildcard.csr", WILDCARD_NOT_ALLOWED),
    ("uc", "wildcard.csr", WILDCARD_NOT_ALLOWED),
    ("code-signing", "profile/code-signing-rsa2048.csr", ["key.rsa.too_small"]),
    ("code-signing", "profile/code-signing-dns.csr", ["profile.names.dns_not_allowed"]),
    (
        "code-signing",
        "usages.csr",
        [
            "key.rsa.too_small",
            "profile.names.dns_not_allowed",
            "profile.usage.eku_not_allowed",
            "profile.usage.eku_not_allowed",
        ],
    ),
    ("entreprise", "rsa2048-san.csr", ["profile.names.dns_not_allowed"]),
    ("ssl-serveur", "profile/gap-serveur.csr", ["profile.names.authorized_domains_unset"]),
    ("org-auth-cli", "profile/gap-client-server-eku.csr", ["profile.usage.eku_not_allowed"]),
    ("certigna-ssl", "rsa3072-sha384.csr", ["key.rsa.size_not_allowed"]),
    ("certigna-ssl", "p256.csr", ["key.algorithm_not_allowed"]),
    ("ca", "requests-ca.csr", ["key.rsa.too_small"]),
    ("ca", "profile/code-signing.csr", ["profile.usage.eku_not_allowed"]),
]


@pytest.mark.parametrize("profile,csr", ACCEPTED)
def test_products_accept_their_requests(profile, csr):
    report = check(profile, csr)
    assert report.verdict == "accepted", report.codes
    assert report.profile == profile


@pytest.mark.parametrize("profile,csr,expected", REFUSED)
def test_products_refuse_with_their_codes(profile, csr, expected):
    report = check(profile, csr)
    assert report.verdict == "rejected"
    assert error_codes(report) == expected


def test_code_signing_says_the_size_it_needs():
    assert check("code-signing", "profile/code-signing-rsa2048.csr").findings[0].arg("min") == "3072"


def test_a_catalogue_as_text_as_a_path_and_as_bytes(tmp_path):
    file = tmp_path / "ch-ville.toml"
    file.write_text(CH_VILLE, encoding="utf-8")
    for catalog in (CH_VILLE, CH_VILLE.encode(), file, str(file)):
        ok = check("ssl-serveur", "profile/gap-serveur.csr", catalog=catalog)
        assert ok.verdict == "accepted", (catalog, ok.codes)
        outside = check("ssl-serveur", "profile/gap-serveur-autre-domaine.csr", catalog=catalog)
        assert error_codes(outside) == ["profile.names.not_authorized"]
        assert outside.findings[0].arg("name") == "gap.autrech-ville.fr"


def test_an_override_names_only_what_it_changes():
    override = "[[product]]\nid = 'ssl-serveur'\nnames = { authorized_domains = ['*ch-ville.fr'] }\n"
    assert check("ssl-serveur", "profile/gap-serveur.csr", catalog=override).verdict == "accepted"


def test_authorized_domains_replace_the_products():
    ok = check("ssl-serveur", "profile/gap-serveur.csr", authorized_domains=["*ch-ville.fr"])
    assert ok.verdict == "accepted", ok.codes
    with pytest.raises(sceau.UsageError) as caught:
        check("baseline", "rsa2048-san.csr", authorized_domains=["*ch-ville.fr"])
    assert caught.value.argument == "authorized-domain"


def test_a_bad_catalogue_is_a_usage_error(tmp_path):
    with pytest.raises(sceau.UsageError) as caught:
        check("standard", "rsa2048-san.csr", catalog="[[product]]\nid = 'x'\n")
    assert caught.value.argument == "catalog"
    with pytest.raises(sceau.UsageError):
        check("standard", "rsa2048-san.csr", catalog=tmp_path / "absent.toml")
    with pytest.raises(sceau.UsageError):
        check("standard", "rsa2048-san.csr", catalog="absent.toml")
    with pytest.raises(sceau.UsageError):
        check("standard", "rsa2048-san.csr", catalog=b"\xff\xfe")
    with pytest.raises(TypeError):
        check("standard", "rsa2048-san.csr", catalog=42)


def test_an_unknown_profile_is_a_usage_error_listing_the_known_ones():
    with pytest.raises(sceau.UsageError) as caught:
        check("nope", "rsa2048-san.csr")
    error = caught.value
    assert error.kind == "unknown_profile"
    assert error.found == "nope"
    assert "baseline" in error.known and "standard" in error.known and "tls-br" in error.known
    assert "unknown profile 'nope'" in str(error)
    assert not isinstance(error, sceau.InputError)


def quoted(profile, years, names=None, replacement=False):
    return sceau.quote(profile, years, names, replacement)


def test_quotes_show_every_line():
    uc = quoted("uc", 3, 12)
    assert uc.verdict == "accepted"
    assert uc.subject == "quote"
    facts = uc.facts
    assert facts["currency"] == "CAD"
    assert [(line["item"], line["amount_cents"]) for line in facts["lines"]] == [
        ("base", 78_000),
        ("extra_names", 135_000),
    ]
    assert facts["lines"][1]["quantity"] == 30
    assert facts["total_cents"] == 213_000
    assert uc.has("quote.tls_subscription")


@pytest.mark.parametrize(
    "profile,years,replacement,total",
    [
        ("standard", 1, False, 26_000),
        ("wildcard", 2, False, 230_000),
        ("ev", 1, False, 31_700),
        ("code-signing", 2, False, 74_400),
        ("entreprise", 3, False, 33_900),
        ("standard", 2, True, 15_000),
    ],
)
def test_quote_totals(profile, years, replacement, total):
    assert quoted(profile, years, replacement=replacement).facts["total_cents"] == total


@pytest.mark.parametrize(
    "args,code",
    [
        (("uc", 1, 251), "quote.too_many_names"),
        (("standard", 1, 3), "quote.too_many_names"),
        (("code-signing", 1, None, True), "quote.no_replacement"),
        (("entreprise", 1, None, True), "quote.no_replacement"),
        (("standard", 0), "quote.duration_not_offered"),
        (("ssl-serveur", 3), "quote.no_tariff"),
    ],
)
def test_quotes_refuse_what_the_catalogue_forbids(args, code):
    report = quoted(*args)
    assert report.verdict == "rejected"
    assert error_codes(report) == [code]
    assert report.facts["total_cents"] is None


def test_quote_arguments():
    with pytest.raises(sceau.UsageError):
        sceau.quote("nope", 1)
    with pytest.raises(sceau.UsageError):
        sceau.quote("standard", -1)
    with pytest.raises(TypeError):
        sceau.quote("standard", "1")
    assert sceau.quote("standard", 1, catalog=CH_VILLE).facts["total_cents"] == 26_000


def test_rules_list_every_rule_with_french_templates():
    rules = sceau.rules()
    codes = [r["code"] for r in rules]
    assert len(codes) == len(set(codes)) > 100
    assert "key.rsa.too_small" in codes
    rule = next(r for r in rules if r["code"] == "key.rsa.too_small")
    assert set(rule) == {"code", "severity", "source", "effective_from", "effective_until", "message", "declared_in"}
    assert rule["severity"] == "error"
    french = next(r for r in sceau.rules("fr") if r["code"] == "key.rsa.too_small")
    assert french["message"] != rule["message"]
    assert "key.rsa.too_small" in sceau.rules_text()
    assert "erreur" in sceau.rules_text("fr")


def test_profiles_list_the_catalogue():
    ids = [p["id"] for p in sceau.profiles()]
    for id in ["standard", "wildcard", "ev", "uc", "code-signing", "entreprise", "ssl-serveur", "org-auth-cli", "certigna-ssl", "ca"]:
        assert id in ids
    extended = sceau.profiles(catalog=CH_VILLE)
    serveur = next(p for p in extended if p["id"] == "ssl-serveur")
    assert serveur["names"]["authorized_domains"] == ["*ch-ville.fr"]
    assert "certigna-ssl" in sceau.profiles_text()
    assert sceau.profiles_text(lang="fr") != sceau.profiles_text()
