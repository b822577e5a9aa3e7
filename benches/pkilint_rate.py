"""pkilint's rate on the certificate benches/cert_check.rs measures sceau on.

Run: python3 benches/pkilint_rate.py [SECONDS]   (pip install pkilint==0.13.3)
Lints benches/data/tls-rsa2048.pem as a DV final certificate, in one process, repeatedly,
and prints certificates per second (startup excluded)."""
import sys
import time
from pathlib import Path

from pkilint import loader
from pkilint.cabf import serverauth
from pkilint.cabf.serverauth import serverauth_constants
from pkilint.pkix import certificate

seconds = float(sys.argv[1]) if len(sys.argv) > 1 else 5.0
pem = (Path(__file__).parent / "data" / "tls-rsa2048.pem").read_text()
kind = serverauth_constants.CertificateType.DV_FINAL_CERTIFICATE
doc_validator = certificate.create_pkix_certificate_validator_container(
    serverauth.create_decoding_validators(), serverauth.create_validators(kind)
)
cert_loader = loader.RFC5280CertificateDocumentLoader()
count, start = 0, time.perf_counter()
while time.perf_counter() - start < seconds:
    document = cert_loader.load_pem_document(pem, "bench")
    results = doc_validator.validate(document.root)
    count += 1
elapsed = time.perf_counter() - start
print(f"pkilint {count / elapsed:.1f} certificates/s ({count} in {elapsed:.2f} s)")
