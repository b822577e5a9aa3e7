"""Validates CMS signatures with pyHanko's ETSI EN 319 102-1 implementation (ades_with_time_validation),
the second AdES validator sceau's outcomes are compared with (tests/assurance_pyhanko.rs).

Usage: pyhanko_ades.py TIME ROOT CRL... -- SIG[:DATA] ...
Prints one JSON object per signature: {"signature", "indication", "sub_indication", "best_signature_time",
"failure"}. Revocation evidence is required for every certificate (pyHanko's REQUIRE_REVINFO), the CRLs are
known locally, nothing is fetched.
"""

import asyncio
import datetime
import hashlib
import json
import logging
import sys

from asn1crypto import cms, crl, pem, x509
from pyhanko.sign.ades.report import AdESFailure, AdESIndeterminate, AdESPassed
from pyhanko.sign.validation import ades
from pyhanko.sign.validation.policy_decl import LocalKnowledge, SignatureValidationSpec
from pyhanko_certvalidator import policy_decl
from pyhanko_certvalidator.context import CertValidationPolicySpec
from pyhanko_certvalidator.ltv.types import ValidationTimingInfo
from pyhanko_certvalidator.registry import SimpleTrustManager
from pyhanko_certvalidator.revinfo.archival import CRLContainer


def der_blocks(path):
    data = open(path, "rb").read()
    if pem.detect(data):
        return [der for _, _, der in pem.unarmor(data, multiple=True)]
    return [data]


def indication(subindic):
    if isinstance(subindic, AdESPassed):
        return "TOTAL-PASSED", None
    if isinstance(subindic, AdESFailure):
        return "TOTAL-FAILED", subindic.name
    if isinstance(subindic, AdESIndeterminate):
        return "INDETERMINATE", subindic.name
    return "UNKNOWN", str(subindic)


async def validate(spec, time, signature, data):
    info = cms.ContentInfo.load(der_blocks(signature)[0])
    signed = info["content"]
    raw_digest = None
    if data is not None:
        algorithm = signed["signer_infos"][0]["digest_algorithm"]["algorithm"].native
        raw_digest = hashlib.new(algorithm, open(data, "rb").read()).digest()
    timing = ValidationTimingInfo(
        validation_time=time, best_signature_time=time, point_in_time_validation=False
    )
    unsigned = signed["signer_infos"][0]["unsigned_attrs"]
    stamped = unsigned.native is not None and any(
        attr["type"].native == "signature_time_stamp_token" for attr in unsigned
    )
    # A signature without a signature time-stamp is a basic signature (§5.3); with one, §5.5.
    validation = ades.ades_with_time_validation if stamped else ades.ades_basic_validation
    try:
        result = await validation(
            signed, validation_spec=spec, timing_info=timing, raw_digest=raw_digest
        )
    except Exception as error:  # pyHanko raises on some malformed inputs; that is its answer
        return {"indication": "ERROR", "sub_indication": None, "failure": repr(error)}
    name, sub = indication(result.ades_subindic)
    best = getattr(result, "best_signature_time", None)
    return {
        "indication": name,
        "sub_indication": sub,
        "best_signature_time": best.isoformat() if best else None,
        "failure": result.failure_msg,
    }


def main(argv):
    logging.disable(logging.CRITICAL)  # pyHanko logs every refusal with its traceback
    time = datetime.datetime.fromisoformat(argv[0].replace("Z", "+00:00"))
    split = argv.index("--")
    root, crls, signatures = argv[1], argv[2:split], argv[split + 1 :]
    roots = [x509.Certificate.load(der) for der in der_blocks(root)]
    known = [CRLContainer(crl.CertificateList.load(der)) for path in crls for der in der_blocks(path)]
    revinfo = policy_decl.CertRevTrustPolicy(
        revocation_checking_policy=policy_decl.REQUIRE_REVINFO,
        freshness_req_type=policy_decl.FreshnessReqType.DEFAULT,
    )
    policy = CertValidationPolicySpec(
        trust_manager=SimpleTrustManager.build(roots), revinfo_policy=revinfo
    )
    spec = SignatureValidationSpec(
        cert_validation_policy=policy,
        ts_cert_validation_policy=policy,
        local_knowledge=LocalKnowledge(known_crls=known),
    )
    for item in signatures:
        signature, _, data = item.partition(":")
        outcome = asyncio.run(validate(spec, time, signature, data or None))
        print(json.dumps({"signature": signature, **outcome}))


if __name__ == "__main__":
    main(sys.argv[1:])
