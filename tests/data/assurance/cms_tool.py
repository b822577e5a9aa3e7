#!/usr/bin/env python3
"""DER surgery on CMS SignedData for the assurance fixtures: what the openssl CLI cannot do
(unsigned attributes, a signed attribute added after signing, CRLs inside the SignedData) done
on the exact bytes openssl wrote, and QcStatements encoded for an openssl config.

    cms_tool.py sigvalue SIG.der OUT            the first SignerInfo's signature value
    cms_tool.py add-unsigned SIG.der OID VALUE.der OUT
    cms_tool.py add-signed SIG.der OID VALUE.der KEY.pem DIGEST OUT   (re-signs with openssl)
    cms_tool.py remove-signed SIG.der OID KEY.pem DIGEST OUT          (re-signs with openssl)
    cms_tool.py add-signed-unsorted SIG.der OID VALUE.der KEY.pem DIGEST OUT
                                                the attribute appended last, out of DER order
    cms_tool.py signed-attrs SIG.der OUT        the signed attributes as signed (SET OF tag)
    cms_tool.py add-crl SIG.der CRL.der OUT
    cms_tool.py flip-signature SIG.der OUT      one bit of the signature value changed
    cms_tool.py qc STATEMENT...                 hex DER of QcStatements (compliance, sscd,
                                                type-esign, type-eseal, type-web, pds, cc-XX)
"""
import subprocess
import sys
import tempfile


def encode_length(n):
    if n < 0x80:
        return bytes([n])
    out = n.to_bytes((n.bit_length() + 7) // 8, "big")
    return bytes([0x80 | len(out)]) + out


def tlv(tag, content):
    return bytes([tag]) + encode_length(len(content)) + content


def oid(text):
    arcs = [int(a) for a in text.split(".")]
    body = bytes([arcs[0] * 40 + arcs[1]])
    for arc in arcs[2:]:
        chunk = [arc & 0x7F]
        arc >>= 7
        while arc:
            chunk.append(0x80 | (arc & 0x7F))
            arc >>= 7
        body += bytes(reversed(chunk))
    return tlv(0x06, body)


class Node:
    """One TLV: `children` for constructed tags, `content` for primitive ones."""

    def __init__(self, tag, content=None, children=None):
        self.tag, self.content, self.children = tag, content, children

    def encode(self):
        if self.children is None:
            return tlv(self.tag, self.content)
        return tlv(self.tag, b"".join(c.encode() for c in self.children))


def parse(data, at=0, end=None, depth_limit=None):
    """Every TLV in data[at:end]; constructed ones parsed into children."""
    end = len(data) if end is None else end
    nodes = []
    while at < end:
        tag = data[at]
        if tag & 0x1F == 0x1F:
            raise SystemExit("multi-byte tags are not used here")
        length = data[at + 1]
        head = 2
        if length & 0x80:
            count = length & 0x7F
            length = int.from_bytes(data[at + 2 : at + 2 + count], "big")
            head += count
        body = data[at + head : at + head + length]
        if tag & 0x20:
            nodes.append(Node(tag, children=parse(body)))
        else:
            nodes.append(Node(tag, content=body))
        at += head + length
    return nodes


def signed_data(tree):
    """ContentInfo → the SignedData SEQUENCE node."""
    content_info = tree[0]
    explicit = content_info.children[1]
    return explicit.children[0]


def first_signer(sd):
    return sd.children[-1].children[0]


def read(path):
    with open(path, "rb") as f:
        return f.read()


def write(path, data):
    with open(path, "wb") as f:
        f.write(data)


def attribute(oid_text, value_der):
    return Node(0x30, children=[parse(oid(oid_text))[0], Node(0x31, children=parse(value_der))])


def main():
    cmd = sys.argv[1]
    if cmd == "qc":
        statements = []
        for name in sys.argv[2:]:
            if name == "compliance":
                statements.append(tlv(0x30, oid("0.4.0.1862.1.1")))
            elif name == "sscd":
                statements.append(tlv(0x30, oid("0.4.0.1862.1.4")))
            elif name.startswith("type-"):
                kind = {"esign": "1", "eseal": "2", "web": "3"}[name[5:]]
                statements.append(
                    tlv(0x30, oid("0.4.0.1862.1.6") + tlv(0x30, oid("0.4.0.1862.1.6." + kind)))
                )
            elif name == "pds":
                location = tlv(0x30, tlv(0x16, b"https://sceau.test/pds-en.pdf") + tlv(0x13, b"en"))
                statements.append(tlv(0x30, oid("0.4.0.1862.1.5") + tlv(0x30, location)))
            elif name.startswith("cc-"):
                statements.append(
                    tlv(0x30, oid("0.4.0.1862.1.7") + tlv(0x30, tlv(0x13, name[3:].encode())))
                )
            elif name == "retention":
                statements.append(tlv(0x30, oid("0.4.0.1862.1.3") + tlv(0x02, bytes([15]))))
            else:
                raise SystemExit("unknown statement " + name)
        print(tlv(0x30, b"".join(statements)).hex())
        return
    tree = parse(read(sys.argv[2]))
    sd = signed_data(tree)
    signer = first_signer(sd)
    if cmd == "sigvalue":
        value = next(c for c in signer.children if c.tag == 0x04)
        write(sys.argv[3], value.content)
        return
    if cmd == "flip-signature":
        value = next(c for c in signer.children if c.tag == 0x04)
        flipped = bytearray(value.content)
        flipped[len(flipped) // 2] ^= 0x01
        value.content = bytes(flipped)
        write(sys.argv[3], tree[0].encode())
        return
    if cmd == "add-unsigned":
        attr = attribute(sys.argv[3], read(sys.argv[4]))
        if signer.children[-1].tag == 0xA1:
            signer.children[-1].children.append(attr)
        else:
            signer.children.append(Node(0xA1, children=[attr]))
        write(sys.argv[5], tree[0].encode())
        return
    if cmd == "add-crl":
        crl = parse(read(sys.argv[3]))[0]
        at = next(i for i, c in enumerate(sd.children) if c.tag == 0x31 and i > 2 and c is sd.children[-1])
        if sd.children[at - 1].tag == 0xA1:
            sd.children[at - 1].children.append(crl)
        else:
            sd.children.insert(at, Node(0xA1, children=[crl]))
        write(sys.argv[4], tree[0].encode())
        return
    if cmd == "signed-attrs":
        attrs = next(c for c in signer.children if c.tag == 0xA0)
        write(sys.argv[3], Node(0x31, children=attrs.children).encode())
        return
    if cmd in ("add-signed", "add-signed-unsorted", "remove-signed"):
        attrs = next(c for c in signer.children if c.tag == 0xA0)
        if cmd in ("add-signed", "add-signed-unsorted"):
            attrs.children.append(attribute(sys.argv[3], read(sys.argv[4])))
            key, digest, out = sys.argv[5], sys.argv[6], sys.argv[7]
        else:
            unwanted = parse(oid(sys.argv[3]))[0].encode()
            attrs.children = [a for a in attrs.children if a.children[0].encode() != unwanted]
            key, digest, out = sys.argv[4], sys.argv[5], sys.argv[6]
        # DER: a SET OF is sorted by the encodings of its elements (unless unsorted is wanted).
        if cmd != "add-signed-unsorted":
            attrs.children.sort(key=lambda n: n.encode())
        to_sign = Node(0x31, children=attrs.children).encode()
        with tempfile.NamedTemporaryFile() as f:
            f.write(to_sign)
            f.flush()
            signature = subprocess.run(
                ["openssl", "dgst", "-" + digest, "-sign", key, f.name],
                check=True,
                capture_output=True,
            ).stdout
        value = next(c for c in signer.children if c.tag == 0x04)
        value.content = signature
        write(out, tree[0].encode())
        return
    raise SystemExit("unknown command " + cmd)


if __name__ == "__main__":
    main()
