#!/usr/bin/env python3
"""Writes the table of benches/README.md from the outputs benches/run.sh collected.

    python3 benches/table.py RESULTS_DIR OUT.md

RESULTS_DIR holds what run.sh captured: ``bench-NAME.txt`` and ``bench-NAME.rc`` for each
divan bench, ``pkilint.txt``, ``python.txt``, ``process.json`` (benches/process.py) with their
``.rc`` files, and ``meta.json`` (date, machine, elapsed time, mode). Standard library only.
A bench that failed or printed no figure gives a row that says so, never a missing row.
"""

from __future__ import annotations

import json
import re
import statistics
import sys
from pathlib import Path

UNITS = {"ns": 1e-9, "µs": 1e-6, "us": 1e-6, "ms": 1e-3, "s": 1.0}


def parse_divan(text: str) -> dict[str, float]:
    """Medians (seconds) by path (`bench/arg`) from divan's tree table."""
    out: dict[str, float] = {}
    stack: list[str] = []
    for line in text.splitlines():
        m = re.match(r"^(?P<prefix>(?:│  |   )*)(?:├─|╰─) (?P<name>\S+)\s*(?P<rest>.*)$", line)
        if not m:
            continue
        depth = len(m.group("prefix")) // 3
        del stack[depth:]
        stack.append(m.group("name"))
        columns = [c.strip() for c in m.group("rest").split("│")]
        if len(columns) < 3 or not columns[2]:
            continue  # a parent: its children carry the figures
        value = re.match(r"^([\d.]+)\s*(ns|µs|us|ms|s)$", columns[2])
        if value:
            out["/".join(stack)] = float(value.group(1)) * UNITS[value.group(2)]
    return out


def three(x: float) -> str:
    """Three significant digits, trailing zeros kept (1.00, 12.0, 123)."""
    return f"{x:.2f}" if x < 10 else f"{x:.1f}" if x < 100 else f"{x:.0f}"


def human_time(seconds: float) -> str:
    for unit, scale in (("s", 1.0), ("ms", 1e-3), ("µs", 1e-6), ("ns", 1e-9)):
        if seconds >= scale:
            return f"{three(seconds / scale)} {unit}"
    return f"{seconds * 1e9:.3g} ns"


def read(path: Path) -> str:
    try:
        return path.read_text(errors="replace")
    except OSError:
        return ""


def status(results: Path, name: str) -> str | None:
    """None when the step ran and exited 0; otherwise why not."""
    rc = read(results / f"{name}.rc").strip()
    if rc == "":
        return "not run"
    if rc == "skipped":
        return "skipped: " + read(results / f"{name}.why").strip()
    if rc != "0":
        return f"failed (exit {rc}; see {name}.txt)"
    return None


class Table:
    def __init__(self, meta):
        self.rows = []
        self.meta = meta

    def add(self, measure, value, peer, peer_value, ratio, goal, met, note=""):
        self.rows.append((measure, value, peer, peer_value, ratio, goal, met, note))

    def failed(self, measure, peer, goal, why, note=""):
        self.add(measure, f"not measured: {why}", peer, "—", "—", goal, "no (not measured)", note)

    def compare(self, measure, value, peer, peer_value, goal, *, at_most=None, at_least=None,
                speedup=False, fmt=human_time, why=None, note="", digits=2):
        """value and peer_value in the same unit (seconds unless fmt says otherwise), each a
        number or a list of one figure per round (None where a round has none). With speedup,
        the ratio is peer/value ("times faster"); otherwise value/peer. With rounds, the round
        whose ratio is the median is shown (lower middle for an even count); without a peer,
        the median of the rounds' values."""
        if isinstance(value, list):
            peers = peer_value if isinstance(peer_value, list) else [peer_value] * len(value)
            both = [(v, p) for v, p in zip(value, peers) if v is not None and p is not None]
            if both:
                # The round whose ratio is the median: its two figures are shown, so that
                # value, peer value and ratio agree.
                both.sort(key=lambda vp: vp[1] / vp[0] if speedup else vp[0] / vp[1])
                value, peer_value = both[(len(both) - 1) // 2]
            else:
                value, peer_value = middle(value), middle(peers)
        if value is None:
            self.failed(measure, peer or "—", goal, why or "no figure in the output", note)
            return
        if peer is not None and peer_value is None:
            self.add(measure, fmt(value), peer, f"not measured: {why or 'no figure in the output'}",
                     "—", goal, "—" if goal == "—" else "no (peer not measured)", note)
            return
        if peer_value is None:
            ratio = None
        else:
            ratio = peer_value / value if speedup else value / peer_value
        if ratio is None:
            met = "—"
            limit = at_most if at_most is not None else at_least
            if limit is not None:  # a bar on the value itself
                ok = value <= at_most if at_most is not None else value >= at_least
                met = "yes" if ok else "**no**"
        elif at_most is not None:
            met = "yes" if ratio <= at_most else f"**no** ({ratio / at_most:.{digits}f}× the bar)"
        elif at_least is not None:
            met = "yes" if ratio >= at_least else f"**no** ({ratio / at_least:.{digits}f}× the bar)"
        else:
            met = "—"
        ratio_text = "—" if ratio is None else (f"{ratio:,.0f}×" if ratio >= 100 else f"{ratio:.{digits}f}×")
        self.add(measure, fmt(value), peer or "—", "—" if peer_value is None else fmt(peer_value),
                 ratio_text, goal, met, note)

    def markdown(self) -> str:
        date, machine = self.meta.get("date", "?"), self.meta.get("machine", "?")
        head = "| measure | value | peer | peer value | ratio | goal | met? | date | machine |"
        lines = [head, "|" + "---|" * 9]
        notes = []
        for measure, value, peer, peer_value, ratio, goal, met, note in self.rows:
            if note:
                if note not in notes:
                    notes.append(note)
                measure = f"{measure} [{notes.index(note) + 1}]"
            cells = [measure, value, peer, peer_value, ratio, goal, met, date, machine]
            lines.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
        lines.append("")
        for i, note in enumerate(notes, 1):
            lines.append(f"{i}. {note}")
        return "\n".join(lines)


def middle(figures):
    """The median of the figures present, or None."""
    present = [f for f in figures if f is not None]
    return statistics.median(present) if present else None


def per_second(x: float) -> str:
    return f"{x:,.0f}/s"


def main() -> int:
    results, out = Path(sys.argv[1]), Path(sys.argv[2])
    meta = json.loads(read(results / "meta.json") or "{}")
    t = Table(meta)

    rounds = int(meta.get("rounds", 1))

    def step_rounds(name):
        """(text of each round, why none is usable or None) of step `name`."""
        texts, whys = [], []
        for r in range(1, rounds + 1):
            whys.append(status(results, f"{name}.r{r}"))
            texts.append(read(results / f"{name}.r{r}.txt") if whys[-1] is None else "")
        return texts, (None if any(w is None for w in whys) else whys[0])

    benches = {}
    for name in ("csr_check", "cert_check", "chain_verify", "chain_openssl", "crl_index",
                 "assurance", "c_abi", "batch", "many_names", "many_holidays"):
        texts, failed = step_rounds(f"bench-{name}")
        benches[name] = ([parse_divan(text) for text in texts], failed, texts)

    def med(bench, path):
        """The median of `path` in each round (divan nests `mod m` as `m/...`)."""
        out = []
        for figures in benches[bench][0]:
            # The exact path first: `m/x` must not make the top-level `x` ambiguous.
            found = [v for k, v in figures.items() if k == path] or [
                v for k, v in figures.items() if k.endswith("/" + path)]
            out.append(found[0] if len(found) == 1 else None)
        return out

    def why(bench):
        return benches[bench][1]

    # CSR check against the bare verification it contains.
    for form in ("pem", "der"):
        t.compare(f"CSR check, RSA-2048 from {form.upper()} (cargo bench csr_check)",
                  med("csr_check", f"sceau_csr_check_{form}"), "ring verify of its signature",
                  med("csr_check", "bare_rsa2048_verify"), "≤ 1.30×", at_most=1.3, why=why("csr_check"))

    # Certificate check against pkilint, in-process, on the same certificate.
    pk_texts, pk_why = step_rounds("pkilint")
    pk_rates = [re.search(r"pkilint ([\d.]+) certificates/s", text) for text in pk_texts]
    pk_times = [1 / float(m.group(1)) if m else None for m in pk_rates]
    pk_why = pk_why or (None if any(pk_times) else "no rate in pkilint.r*.txt")
    auto = med("cert_check", "cert_check_rsa2048_der_auto")
    t.compare("certificate check, RSA-2048 DV, `--profile auto` (CA/B TLS), one core", auto,
              "pkilint 0.13.3 CA/B TLS linter (DV), same certificate, in-process",
              pk_times, "≥ 1,000× faster", at_least=1000,
              speedup=True, why=why("cert_check") or pk_why,
              note="pkilint_rate.py lints benches/data/tls-rsa2048.pem in one Python process "
                   "(startup excluded) as a DV final certificate; sceau checks the same DER "
                   "under `auto`, which picks the CA/B TLS BR subscriber profile. Times per "
                   "certificate; the ratio is how many times faster sceau is.")
    lines = [re.search(r"sceau --profile auto (\d+) certificates/s on one thread; pkilint ([\d.]+) certificates/s", text)
             for text in benches["batch"][2]]
    t.compare("certificate check, 1,001 mixed certificates, `--profile auto`, one thread (cargo bench batch)",
              [1 / int(m.group(1)) if m else None for m in lines],
              "pkilint CA/B TLS linter on the same 1,001, type detected by pkilint",
              [1 / float(m.group(2)) if m else None for m in lines], "≥ 1,000× faster", at_least=1000, speedup=True,
              why=why("batch") or "no pkilint line in the batch output (pkilint missing?)")
    for path, label in (("cert_check_rsa2048_der", "RSA-2048"), ("cert_check_p256_der", "P-256")):
        std = med("cert_check", path)
        t.compare(f"certificate check, {label} DER, product `standard` (no CA/B profile), one core",
                  [None if x is None else 1 / x for x in std], None, None, "—", fmt=per_second, why=why("cert_check"))

    # Chain verification against webpki alone and against OpenSSL.
    warm_note = ("a verifier kept from one verification to the next, as a service keeps it: sceau "
                 "remembers that a CRL's signature verified with a key, and every certificate "
                 "signature that verified (its algorithm, key, message and signature kept byte for byte, "
                 "found by the signature: the answer cannot change); webpki and OpenSSL verify every signature "
                 "on every verification. `a new terminal each time`: 1,100 terminals made by the "
                 "bench under one RSA-2048 CA, each verified once, so sceau verifies each terminal's "
                 "signature and remembers only the CA's (a service's usual case); `the same terminal "
                 "again`: every signature remembered (a terminal reconnecting). `cold`: a new "
                 "verifier for each verification (made outside the timing, its anchor's key judged when "
                 "the anchor was added, as webpki and OpenSSL read their anchors beforehand), every "
                 "signature verified: the like-for-like figure; sceau's work then also includes its "
                 "key policy on the CA's and the terminal's RSA keys (small-factor and Fermat tests) and "
                 "x509-parser reading each certificate for its rules, which webpki and OpenSSL do "
                 "not do.")
    t.compare("chain verification, 3 certificates, both CRLs, revocation required, warm, a new terminal each time (cargo bench chain_verify)",
              med("chain_verify", "new_terminal_each_time/sceau_with_both_crls_required"),
              "rustls-webpki alone, both CRLs, whole chain's status required, the same terminals",
              med("chain_verify", "new_terminal_each_time/webpki_alone_with_both_crls"), "≤ 1.00×", at_most=1.0,
              why=why("chain_verify"), note=warm_note)
    t.compare("chain verification, 3 certificates, both CRLs, revocation required, warm, the same terminal again",
              med("chain_verify", "sceau_with_both_crls_required"),
              "rustls-webpki alone, both CRLs, whole chain's status required",
              med("chain_verify", "webpki_alone_with_both_crls"), "≤ 1.00×", at_most=1.0, why=why("chain_verify"))
    t.compare("chain verification, 3 certificates, both CRLs, revocation required, cold",
              med("chain_verify", "sceau_with_both_crls_required_cold"),
              "rustls-webpki alone, both CRLs, whole chain's status required",
              med("chain_verify", "webpki_alone_with_both_crls"), "≤ 1.00×", at_most=1.0, why=why("chain_verify"))
    floor_note = ("ring alone verifying the four RSA-2048 signatures that every cold verification with "
                  "both CRLs contains (the terminal and the CA's CRL under the CA's key, the CA and the "
                  "root's CRL under the root's), keys parsed outside the timing: the floor under the "
                  "cold figures. ring rebuilds each key's Montgomery constants on every verification "
                  "and has no API to keep them.")
    for who, path in (("rustls-webpki alone", "webpki_alone_with_both_crls"),
                      ("sceau", "sceau_with_both_crls_required_cold")):
        t.compare(f"chain verification, both CRLs, cold: {who} vs the four signature verifications it contains",
                  med("chain_verify", path), "ring verifying the same four signatures",
                  med("chain_verify", "ring_alone_four_verifications_of_a_cold_verification"), "—",
                  why=why("chain_verify"), note=floor_note if who == "sceau" else "")
    t.compare("chain verification, the CA's CRL, best effort, warm, the same terminal again",
              med("chain_verify", "sceau_with_crl"), "rustls-webpki alone, the CA's CRL for the end entity",
              med("chain_verify", "webpki_alone_with_crl"), "≤ 1.00×", at_most=1.0, why=why("chain_verify"),
              note="sceau also looks for the CA's own status (finds none: best effort); webpki is asked "
                   "for the end entity's only. The pairs with both CRLs demand the same of both.")
    t.compare("chain verification, revocation off, warm, the same terminal again",
              med("chain_verify", "sceau_no_revocation"), "rustls-webpki alone, no revocation",
              med("chain_verify", "webpki_alone_no_revocation"), "≤ 1.00×", at_most=1.0, why=why("chain_verify"),
              note="without CRLs only the policy layer (key and algorithm policy on every certificate, "
                   "x509-parser reading the three certificates) and the report are added to webpki's work.")
    ossl_note = ("OpenSSL 3 `X509_verify_cert`: an X509_STORE with the root and both CRLs, flags "
                 "CRL_CHECK | CRL_CHECK_ALL, purpose sslclient, X509_VERIFY_PARAM_set_time(2027-06-01); "
                 "sceau's Verifier with the same anchor, CRLs, use and time, revocation required. "
                 "`from DER` decodes the terminal and the CA on every verification, as sceau and webpki "
                 "are handed DER (OpenSSL 3.0's d2i_X509 is most of its time); `pre-decoded` reuses "
                 "X509 objects decoded once, and with them their RSA keys, which keep their Montgomery "
                 "constants: BN_MONT_CTX_set runs at each key's first use only (perf uprobes on libcrypto, "
                 "its function and PLT entry: 10 hits in 203 verifications pre-decoded, 408 from DER, "
                 "where the CA's key is decoded anew each time). ring, under sceau and webpki, recomputes them on "
                 "every verification.")
    t.compare("chain verification vs OpenSSL, from DER, sceau cold (cargo bench --features bench-openssl chain_openssl)",
              med("chain_openssl", "sceau_with_both_crls_required_cold"), "OpenSSL X509_verify_cert, from DER",
              med("chain_openssl", "openssl_from_der"), "< 1.00× (faster)", at_most=1.0,
              why=why("chain_openssl"), note=ossl_note)
    t.compare("chain verification vs OpenSSL, pre-decoded for OpenSSL, sceau cold",
              med("chain_openssl", "sceau_with_both_crls_required_cold"), "OpenSSL X509_verify_cert, pre-decoded X509",
              med("chain_openssl", "openssl_preparsed"), "< 1.00× (faster)", at_most=1.0,
              why=why("chain_openssl"))
    t.compare("chain verification vs OpenSSL, from DER, sceau warm",
              med("chain_openssl", "sceau_with_both_crls_required"), "OpenSSL X509_verify_cert, from DER",
              med("chain_openssl", "openssl_from_der"), "< 1.00× (faster)", at_most=1.0,
              why=why("chain_openssl"))

    # CRL index.
    crl_text = "\n".join(benches["crl_index"][2])
    for n in ("10000", "100000", "1000000"):
        label = f"{int(n):,}"
        memory = re.search(rf"^{n}-entry CRL: (\d+) bytes of DER, (\d+) bytes held once indexed \(([\d.]+)×", crl_text, re.M)
        held = f"; held in {memory.group(3)}× its {int(memory.group(1)) / 1e6:.2f} MB" if memory else ""
        has_peer = middle(med("crl_index", f"openssl_parse_and_index/{n}")) is not None
        peer_why = why("crl_index") or ("built without bench-openssl" if not has_peer else None)
        t.compare(f"CRL parse and index, {label} entries{held}", med("crl_index", f"parse_and_index/{n}"),
                  "OpenSSL d2i_X509_CRL + first lookup (sorts)", med("crl_index", f"openssl_parse_and_index/{n}"),
                  "—", why=peer_why)
        for kind in ("hit", "miss"):
            t.compare(f"CRL lookup ({kind}), {label} entries", med("crl_index", f"lookup_{kind}/{n}"),
                      "OpenSSL X509_CRL_get0_by_serial", med("crl_index", f"openssl_lookup_{kind}/{n}"),
                      "—", why=peer_why)

    # Assurance.
    for variant, label in (("sceau_cold", "a new verifier"), ("sceau_warm", "a verifier reused")):
        t.compare(f"assurance, CAdES-T qes-t.p7s, {label} (cargo bench assurance)", med("assurance", variant),
                  "the 7 bare ring verifications it contains", med("assurance", "bare_ring_verifications"),
                  "—", why=why("assurance"))

    # C ABI.
    for kind in ("rsa2048", "p256"):
        t.compare(f"certificate check through the C ABI, policy handle, {kind} (cargo bench c_abi)",
                  med("c_abi", f"c_with_policy/{kind}"), "the Rust call", med("c_abi", f"rust/{kind}"),
                  "≤ 1.05×", at_most=1.05, why=why("c_abi"))
        t.compare(f"certificate check through the C ABI, profile by name, {kind}",
                  med("c_abi", f"c_by_name/{kind}"), "the Rust call", med("c_abi", f"rust/{kind}"), "—",
                  why=why("c_abi"))

    # Python.
    py = read(results / "python.txt")
    py_why = status(results, "python")
    for label, pattern, goal, bar in (
        ("one at a time, tls/good.pem", r"one at a time, tls/good\.pem: Python ([\d.]+) us, Rust ([\d.]+) us per certificate: ratio ([\d.]+)", "≤ 1.50×", 1.5),
        ("one at a time, pkilint corpus #1", r"one at a time, pkilint corpus #1: Python ([\d.]+) us, Rust ([\d.]+) us per certificate: ratio ([\d.]+)", "≤ 1.50×", 1.5),
        ("check_many", r"check_many, \d+ certificates on \d+ threads: Python ([\d.]+) us, Rust batch ([\d.]+) us per certificate: ratio ([\d.]+)", "≤ 1.10×", 1.1),
    ):
        m = re.search(pattern, py)
        measure = f"Python `sceau`, {label}, `--profile auto` (bindings/python/benches/bench.py)"
        if not m:
            t.failed(measure, "the Rust call", goal, py_why or "no figure in python.txt")
            continue
        ratio = float(m.group(3))
        t.add(measure, f"{m.group(1)} µs", "the Rust call" if "one" in label else "Rust `Batch`, same threads",
              f"{m.group(2)} µs", f"{ratio:.2f}×", goal,
              "yes" if ratio <= bar else f"**no** ({ratio / bar:.2f}× the bar)",
              "" if "one" in label else "Python's ratio is the median of the per-round ratios (rounds "
              "alternate Python and Rust); the values are the best round of each.")

    # Batch.
    for bench, label in (("chunked_verdicts", "in chunks of 1,024 as the command line runs"),
                         ("check_many", "`check_many`, all reports kept")):
        one, two = med("batch", f"{bench}/1"), med("batch", f"{bench}/2")
        t.compare(f"batch, 100,000 certificates, 2 jobs vs 1, {label} (cargo bench batch)", two,
                  "the same on 1 job", one, "≥ 1.80× faster", at_least=1.8, speedup=True, why=why("batch"))
    one = med("batch", "chunked_verdicts/1")
    others = [read(results / f"bench-batch.r{r}.others").strip() for r in range(1, rounds + 1)]
    others = ", ".join(o for o in others if o)
    if others:
        t.rows[-2] = t.rows[-2][:7] + (
            f"while the batch bench ran (each round), other work on the machine kept {others} of its "
            f"{meta.get('cores', '?')} cores busy on average (all busy time less the bench's own, "
            "/proc/stat): a second job only gains what that work leaves of the second core.",)
    t.compare("batch, one thread, certificates a second", [None if x is None else 100_000 / x for x in one], None, None,
              "≥ 100,000/s", at_least=100_000, fmt=per_second, why=why("batch"))

    # Many names, many holidays (issue 9: linear work; 50,000 names well under 0.5 s).
    for bench, path, label in (("many_names", "csr_check_uc/50000", "`csr check`, 50,000 names"),
                               ("many_names", "cert_check_uc/50000", "`cert check`, 50,000 names"),
                               ("many_names", "cert_match/50000", "`cert match`, 50,000 names")):
        value = med(bench, path)
        t.compare(f"{label} (cargo bench many_names)", value, None, None, "< 0.5 s", at_most=0.5,
                  why=why(bench))
    t.compare("`expiry` with 100,000 holidays (cargo bench many_holidays)",
              med("many_holidays", "expiry_with_holidays/100000"), None, None, "—", why=why("many_holidays"))

    # Whole processes.
    process = json.loads(read(results / "process.json") or "{}")
    proc_why = status(results, "process")
    pairs = {p["name"]: p for p in process.get("pairs", [])}
    for name, label in (("csr check rsa2048-san.csr", "`sceau csr check` RSA-2048"),
                        ("csr check p256.csr", "`sceau csr check` P-256"),
                        ("verify tpe-good-chain.pem", "`sceau verify`, 3 certificates, 2 CRLs"),
                        ("assurance qes-t.p7s", "`sceau assurance` CAdES-T")):
        p = pairs.get(name, {})
        peer = {"csr": "`openssl req -verify`", "ver": "`openssl verify -crl_check_all`",
                "ass": "`openssl cms -verify -crl_check_all`"}[name[:3]]
        err = p.get("error") or (proc_why if not p else None)
        note = p.get("note", "")
        if "error" in p or "sceau_wall_s" not in p:
            t.failed(f"whole process, {label}, median wall time", peer, "≤ 1.00×", err or "no figure")
            t.failed(f"whole process, {label}, peak RSS", peer, "≤ 1.00×", err or "no figure")
            continue
        t.compare(f"whole process, {label}, median wall time ({process.get('runs')} runs)", p["sceau_wall_s"],
                  peer, p["openssl_wall_s"], "≤ 1.00×", at_most=1.0,
                  note=f"{note}." if note else "")
        t.compare(f"whole process, {label}, peak RSS (/usr/bin/time -v, median of {process.get('rss_runs')})",
                  p["sceau_rss_kib"], peer, p["openssl_rss_kib"], "≤ 1.00×", at_most=1.0,
                  fmt=lambda k: f"{k:,.0f} KiB", digits=3)

    # The cores other work kept busy over the whole run, weighted by each step's wall time.
    others_all = "?"
    walls, shares = {}, {}
    for f in results.glob("*.time"):
        fields = read(f).split()
        share = read(f.with_suffix(".others")).strip()
        try:
            walls[f.stem], shares[f.stem] = float(fields[-3]), float(share)
        except (IndexError, ValueError):
            continue
    if sum(walls.values()):
        others_all = f"{sum(shares[k] * walls[k] for k in walls) / sum(walls.values()):.2f}"
    missed = [r for r in t.rows if r[6].startswith("**no") or r[6].startswith("no (")]
    missed_list = "\n".join(f"- {r[0]}: {r[4]} against {r[5]} ({r[6].replace('**', '')})" for r in missed) or "- none"
    elapsed = meta.get("elapsed_s")
    doc = f"""# Benchmarks

Each figure is measured next to its peer in the same run of one command, on the same inputs.
The divan benches run in {rounds} rounds; in each, a pair is measured one after the other in
the same process and its ratio is that of divan's medians; the table gives the round whose
ratio is the median of the rounds' (its two medians and its ratio; for a figure without a
peer, the median over the rounds). The machine is shared and noisy (medians move by up to
20 % between runs), so only ratios within one run mean anything. The whole table, this file
included, is written by

    bash benches/run.sh

(`bash benches/run.sh --quick`: fewer samples, a check that every bench runs; it writes its
table to target/bench-results/README.md and leaves this file alone). The script installs what
is missing (libssl-dev, pkg-config, time with apt-get; pkilint 0.13.3 with pip; maturin in
its own venv, target/bench-venv, for the Python package), builds the release binary, runs
every divan bench (`cargo bench --features bench-openssl --bench NAME`; divan's median
column), `benches/pkilint_rate.py`, `bindings/python/benches/bench.py`, and
`benches/process.py` (whole processes, `/usr/bin/time -v` for peak memory), and keeps every
raw output in target/bench-results/. `bench-openssl` only adds the `openssl` crate to the
benches; the library builds without it and without libssl-dev. (`benches/assurance_process.sh`
is the older mean-of-runs form of the assurance pair; `benches/process.py` is what the table
uses.)

The ratio is value ÷ peer value, except for goals written "× faster", where it is peer ÷
value (how many times faster sceau is). Rows without a peer or goal are given for reference.

Latest {meta.get('mode', 'full')} run: {meta.get('date', '?')}, {meta.get('machine', '?')}, commit
{meta.get('commit', '?')}, {meta.get('openssl', 'openssl ?')}; the whole run took
{f"{elapsed / 60:.1f} min" if elapsed else "?"}; other work kept {others_all} cores busy on average
meanwhile (the machine is shared); spawning `/bin/true` took {process.get('spawn_floor_s', 0) * 1e3:.2f} ms, a floor included in every
whole-process time. Goals met: {len([r for r in t.rows if r[6] == 'yes'])};
missed or not measured: {len(missed)}.

{t.markdown()}

Missed or not measured in this run:

{missed_list}
"""
    out.write_text(doc)
    print(doc)
    return 0


if __name__ == "__main__":
    sys.exit(main())
