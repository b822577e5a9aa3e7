#!/usr/bin/env python3
"""DER surgery for the assurance-edges fixtures, on top of ../assurance/cms_tool.py.

    tool.py set-sigalg SIG.der OID KEY.pem DIGEST OUT
        the first SignerInfo's signatureAlgorithm set to OID (parameters absent) and the signed
        attributes signed again with `openssl dgst -DIGEST` (digestAlgorithm left as it was)
    tool.py add-value SIG.der OID VALUE.der KEY.pem DIGEST OUT
        a second value appended to the signed attribute OID's SET OF values (sorted, DER), then
        the signed attributes signed again
    tool.py prepend-cert SIG.der CERT.der OUT
        CERT put first among the SignedData's certificates (an unsigned part)
"""
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "assurance"))
import cms_tool as c  # noqa: E402


def main():
    cmd = sys.argv[1]
    tree = c.parse(c.read(sys.argv[2]))
    sd = c.signed_data(tree)
    signer = c.first_signer(sd)
    if cmd == "set-sigalg":
        new_oid, key, digest, out = sys.argv[3:7]
        attrs_at = next(i for i, n in enumerate(signer.children) if n.tag == 0xA0)
        alg = signer.children[attrs_at + 1]
        alg.children = [c.parse(c.oid(new_oid))[0]]
        to_sign = c.Node(0x31, children=signer.children[attrs_at].children).encode()
        with tempfile.NamedTemporaryFile() as f:
            f.write(to_sign)
            f.flush()
            sig = subprocess.run(["openssl", "dgst", "-" + digest, "-sign", key, f.name],
                                 check=True, capture_output=True).stdout
        next(n for n in signer.children if n.tag == 0x04).content = sig
        c.write(out, tree[0].encode())
        return
    if cmd == "add-value":
        wanted, value, key, digest, out = sys.argv[3:8]
        attrs = next(n for n in signer.children if n.tag == 0xA0)
        target = c.parse(c.oid(wanted))[0].encode()
        attr = next(a for a in attrs.children if a.children[0].encode() == target)
        values = attr.children[1]
        values.children.append(c.parse(c.read(value))[0])
        values.children.sort(key=lambda n: n.encode())
        attrs.children.sort(key=lambda n: n.encode())
        to_sign = c.Node(0x31, children=attrs.children).encode()
        with tempfile.NamedTemporaryFile() as f:
            f.write(to_sign)
            f.flush()
            sig = subprocess.run(["openssl", "dgst", "-" + digest, "-sign", key, f.name],
                                 check=True, capture_output=True).stdout
        next(n for n in signer.children if n.tag == 0x04).content = sig
        c.write(out, tree[0].encode())
        return
    if cmd == "prepend-cert":
        cert, out = sys.argv[3:5]
        certs = next(n for n in sd.children if n.tag == 0xA0)
        certs.children.insert(0, c.parse(c.read(cert))[0])
        c.write(out, tree[0].encode())
        return
    raise SystemExit("unknown command " + cmd)


if __name__ == "__main__":
    main()
