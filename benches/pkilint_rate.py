"""pkilint's rate on the certificates the sceau benches measure.

Run: python3 benches/pkilint_rate.py [DIR] [SECONDS]   (pip install pkilint==0.13.3)
Without DIR, lints benches/data/tls-rsa2048.pem (the cert_check bench's certificate) as a DV
final certificate. With DIR (benches/batch.rs writes its 1,001 certificates to
target/bench-batch), lints every *.pem there in turn with pkilint's CA/B TLS linter, the
certificate type detected by pkilint itself (DV final when it cannot tell). In one process,
repeatedly; prints certificates per second (startup excluded)."""
import sys
import time
from pathlib import Path

from pkilint import loader
from pkilint.cabf import serverauth
from pkilint.cabf.serverauth import serverauth_constants
from pkilint.pkix import certificate

args = sys.argv[1:]
directory = Path(args.pop(0)) if args and not args[0].replace(".", "").isdigit() else None
seconds = float(args[0]) if args else 5.0
if directory is None:
    pems = [(Path(__file__).parent / "data" / "tls-rsa2048.pem").read_text()]
else:
    pems = [p.read_text() for p in sorted(directory.glob("*.pem"))]
cert_loader = loader.RFC5280CertificateDocumentLoader()
validators = {}


def validator_for(document):
    try:
        kind = serverauth.determine_certificate_type(document)
    except Exception:  # pkilint cannot tell: lint it as a DV subscriber certificate
        kind = serverauth_constants.CertificateType.DV_FINAL_CERTIFICATE
    if directory is None:
        kind = serverauth_constants.CertificateType.DV_FINAL_CERTIFICATE
    if kind not in validators:
        validators[kind] = certificate.create_pkix_certificate_validator_container(
            serverauth.create_decoding_validators(), serverauth.create_validators(kind)
        )
    return validators[kind]


count, start = 0, time.perf_counter()
while time.perf_counter() - start < seconds:
    pem = pems[count % len(pems)]
    document = cert_loader.load_pem_document(pem, "bench")
    validator_for(document).validate(document.root)
    count += 1
elapsed = time.perf_counter() - start
print(f"pkilint {count / elapsed:.1f} certificates/s ({count} in {elapsed:.2f} s)")
