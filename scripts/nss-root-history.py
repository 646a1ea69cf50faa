#!/usr/bin/env python3
"""Build a dated history of NSS (Mozilla) server-auth trust anchors.

Walks every revision of NSS's builtin root list (lib/ckfw/builtins/certdata.txt,
formerly security/nss/lib/ckfw/builtins/certdata.txt) in a git mirror of
https://github.com/nss-dev/nss, parses the certificate and trust objects of each
revision, and works out, per SubjectPublicKeyInfo, when it was first trusted for
server authentication (CKA_TRUST_SERVER_AUTH = CK[T]_{NSS,NETSCAPE}_TRUSTED_DELEGATOR)
and when it stopped being trusted.

Outputs (TSV, UTF-8, tab separated, '\\t' and newlines never appear in fields):
  removed_roots.tsv  roots once trusted for server auth whose SPKI is not trusted
                     for server auth by the NSS revision at the end of the walk.
  nss_vs_webpki.tsv  differences between the final NSS server-auth set and a
                     webpki-roots src/lib.rs (optional), plus NSS roots that carry
                     a server distrust-after date.
  debian_check.txt   (optional) cross-check of a PEM bundle such as
                     /etc/ssl/certs/ca-certificates.crt.

SPKI hashing convention: spki_sha256 = SHA-256 over the *complete* DER encoding of
SubjectPublicKeyInfo (SEQUENCE tag + length + contents), i.e. the usual "SPKI
pin" value (`openssl x509 -pubkey | openssl pkey -pubin -outform DER | sha256sum`).
rustls-pki-types' TrustAnchor.subject_public_key_info (as emitted by webpki-roots)
holds only the *contents* of that SEQUENCE, so it is re-wrapped before hashing.

With --rust, it also writes the Rust table the certificate engine embeds
(src/cert/nss_history.rs): every removed root and every root NSS trusts that the
embedded webpki-roots lacks, keyed by an 8-byte prefix of the SPKI hash, of the SHA-256
of the subject's DER and by the subject key identifier, so a chain can be matched by key
even when the root itself was not pasted.

Stdlib only. Usage:
  git clone --bare https://github.com/nss-dev/nss nss.git
  scripts/nss-root-history.py --nss-git nss.git \
      [--rev HEAD] [--webpki-lib path/to/webpki-roots/src/lib.rs | --webpki-git REPO:REV:PATH] \
      [--pem-bundle /etc/ssl/certs/ca-certificates.crt] [--out DIR] [--rust src/cert/nss_history.rs]
"""

import argparse
import base64
import datetime
import hashlib
import os
import re
import subprocess
import sys

PATHS = ("lib/ckfw/builtins/certdata.txt", "security/nss/lib/ckfw/builtins/certdata.txt")

# ----------------------------------------------------------------------------
# DER helpers


def der_read(buf, pos):
    """Return (tag, content_start, content_end, next_pos) of the TLV at pos."""
    tag = buf[pos]
    pos += 1
    if tag & 0x1F == 0x1F:  # high tag number form (not expected in certs)
        while buf[pos] & 0x80:
            pos += 1
        pos += 1
    ln = buf[pos]
    pos += 1
    if ln & 0x80:
        n = ln & 0x7F
        if n == 0:
            raise ValueError("indefinite length")
        ln = int.from_bytes(buf[pos:pos + n], "big")
        pos += n
    if pos + ln > len(buf):
        raise ValueError("truncated DER")
    return tag, pos, pos + ln, pos + ln


def der_children(buf, start, end):
    out = []
    pos = start
    while pos < end:
        hs = pos
        tag, cs, ce, pos = der_read(buf, pos)
        out.append((tag, cs, ce, hs))
    return out


def der_wrap(tag, content):
    n = len(content)
    if n < 0x80:
        ln = bytes([n])
    else:
        b = n.to_bytes((n.bit_length() + 7) // 8, "big")
        ln = bytes([0x80 | len(b)]) + b
    return bytes([tag]) + ln + content


def cert_fields(der):
    """Return dict with full-DER slices of issuer, subject, spki, serial, validity."""
    _, cs, ce, _ = der_read(der, 0)  # Certificate SEQUENCE
    tbs_tag, tcs, tce, _ = der_read(der, cs)  # tbsCertificate
    kids = der_children(der, tcs, tce)
    if kids and kids[0][0] == 0xA0:  # [0] EXPLICIT version
        kids = kids[1:]
    full = kids

    def whole(i):  # exact original bytes, header included
        tag, s, e, hs = full[i]
        return der[hs:e]

    ski = b""
    for tag, s, e, _ in full[6:]:
        if tag != 0xA3:  # [3] extensions
            continue
        _, xs, xe, _ = der_read(der, s)
        for _, es, ee, _ in der_children(der, xs, xe):
            parts = der_children(der, es, ee)
            if parts and der[parts[0][1]:parts[0][2]] == b"\x55\x1d\x0e":  # 2.5.29.14
                octets = der[parts[-1][1]:parts[-1][2]]
                _, ks, ke, _ = der_read(octets, 0)
                ski = octets[ks:ke]
    return {
        "serial": der[full[0][1]:full[0][2]],
        "issuer": whole(2),
        "validity": whole(3),
        "subject": whole(4),
        "spki": whole(5),
        "ski": ski,
    }


OID_NAMES = {
    "2.5.4.3": "CN", "2.5.4.6": "C", "2.5.4.7": "L", "2.5.4.8": "ST", "2.5.4.10": "O",
    "2.5.4.11": "OU", "2.5.4.5": "serialNumber", "2.5.4.9": "street", "2.5.4.17": "postalCode",
    "2.5.4.97": "organizationIdentifier", "2.5.4.4": "SN", "2.5.4.42": "GN",
    "2.5.4.12": "title", "2.5.4.13": "description", "2.5.4.15": "businessCategory",
    "2.5.4.46": "dnQualifier", "2.5.4.65": "pseudonym",
    "1.2.840.113549.1.9.1": "emailAddress", "0.9.2342.19200300.100.1.25": "DC",
    "0.9.2342.19200300.100.1.1": "UID",
}


def oid_str(b):
    vals = []
    v = 0
    for x in b:
        v = (v << 7) | (x & 0x7F)
        if not x & 0x80:
            vals.append(v)
            v = 0
    first = vals[0]
    a = min(first // 40, 2)
    return ".".join(str(x) for x in [a, first - 40 * a] + vals[1:])


def decode_string(tag, raw):
    try:
        if tag == 0x1E:
            return raw.decode("utf-16-be")
        if tag == 0x1C:
            return raw.decode("utf-32-be")
        if tag == 0x14:  # T61String: treat as latin-1 (what NSS/OpenSSL do in practice)
            try:
                return raw.decode("utf-8")
            except UnicodeDecodeError:
                return raw.decode("latin-1")
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("latin-1")


def rfc4514_escape(s):
    out = []
    for i, ch in enumerate(s):
        if ch in ',+"\\<>;' or (i == 0 and ch in "# ") or (i == len(s) - 1 and ch == " "):
            out.append("\\" + ch)
        elif ch in "\t\n\r" or ord(ch) < 0x20:
            out.append("\\%02x" % ord(ch))
        else:
            out.append(ch)
    return "".join(out)


def parse_name(name_der):
    """Return list of RDNs (in DER order), each a list of (short_name, value)."""
    _, cs, ce, _ = der_read(name_der, 0)
    rdns = []
    for tag, s, e, _ in der_children(name_der, cs, ce):  # SET OF
        rdn = []
        for _, as_, ae, _ in der_children(name_der, s, e):  # AttributeTypeAndValue
            (ot, os_, oe, _), (vt, vs, ve, _) = der_children(name_der, as_, ae)[:2]
            oid = oid_str(name_der[os_:oe])
            rdn.append((OID_NAMES.get(oid, oid), decode_string(vt, name_der[vs:ve])))
        rdns.append(rdn)
    return rdns


def name_to_str(rdns):
    return ",".join("+".join("%s=%s" % (k, rfc4514_escape(v)) for k, v in rdn) for rdn in reversed(rdns))


def display_name(rdns):
    """CN if present, else the last OU, else O (mirrors how people name these roots)."""
    flat = [kv for rdn in rdns for kv in rdn]
    for key in ("CN", "OU", "O"):
        vals = [v for k, v in flat if k == key]
        if vals:
            return vals[-1] if key != "CN" else vals[0]
    return name_to_str(rdns)


def clean(s):
    return s.replace("\t", " ").replace("\r", " ").replace("\n", " ")


# ----------------------------------------------------------------------------
# certdata.txt parser

OCTAL_RE = re.compile(rb"\\([0-7]{3})")


def parse_certdata(text):
    """Yield dicts of attributes for each object. MULTILINE_OCTAL -> bytes."""
    objs = []
    cur = None
    lines = text.split(b"\n")
    i = 0
    n = len(lines)
    while i < n:
        line = lines[i].strip()
        i += 1
        if not line or line.startswith(b"#"):
            continue
        if line.startswith(b"BEGINDATA"):
            continue
        parts = line.split(None, 2)
        if not parts[0].startswith(b"CKA_"):
            continue
        attr = parts[0].decode()
        typ = parts[1].decode() if len(parts) > 1 else ""
        if attr == "CKA_CLASS":
            cur = {}
            objs.append(cur)
        if cur is None:
            continue
        if typ == "MULTILINE_OCTAL":
            chunks = []
            while i < n and lines[i].strip() != b"END":
                chunks.append(lines[i].strip())
                i += 1
            i += 1
            data = b"".join(chunks)
            cur[attr] = bytes(int(m, 8) for m in OCTAL_RE.findall(data))
        elif typ == "OCTAL":
            cur[attr] = bytes(int(m, 8) for m in OCTAL_RE.findall(parts[2] if len(parts) > 2 else b""))
        elif typ == "UTF8":
            v = parts[2] if len(parts) > 2 else b'""'
            v = v.strip()
            if v.startswith(b'"') and v.endswith(b'"'):
                v = v[1:-1]
            cur[attr] = v.decode("utf-8", "replace")
        else:
            cur[attr] = parts[2].decode().strip() if len(parts) > 2 else ""
    return objs


UNMATCHED = []  # delegator trust objects without a parsable certificate


def is_delegator(v):
    return bool(v) and v.endswith("_TRUSTED_DELEGATOR")


def analyse_revision(text, certcache):
    """Return (trusted, present, distrusted_spki).

    trusted: spki_hash -> {cert_sha256, subject, label, distrust_after, email}
    present: set of spki hashes of all certificate objects in this revision
    notrust: set of spki hashes whose cert has an explicit server NOT_TRUSTED trust
    """
    objs = parse_certdata(text)
    certs_by_sha1 = {}
    certs_by_is = {}
    present = set()
    for o in objs:
        if o.get("CKA_CLASS") != "CKO_CERTIFICATE" or "CKA_VALUE" not in o:
            continue
        der = o["CKA_VALUE"]
        sha1 = hashlib.sha1(der).digest()
        info = certcache.get(sha1)
        if info is None:
            try:
                f = cert_fields(der)
            except (ValueError, IndexError):
                continue  # placeholder/test objects in the 2000-era file
            rdns = parse_name(f["subject"])
            info = {
                "cert_sha256": hashlib.sha256(der).hexdigest(),
                "spki": hashlib.sha256(f["spki"]).hexdigest(),
                "subject": name_to_str(rdns),
                "subject_sha256": hashlib.sha256(f["subject"]).hexdigest(),
                "ski": f["ski"].hex(),
                "name": display_name(rdns),
                "issuer_der": f["issuer"],
                "serial": f["serial"],
            }
            certcache[sha1] = info
        info = dict(info)
        info["label"] = o.get("CKA_LABEL", "")
        # CKA_NSS_SERVER_DISTRUST_AFTER lives on the certificate object (CK_FALSE or UTCTime)
        da = o.get("CKA_NSS_SERVER_DISTRUST_AFTER")
        info["distrust_after"] = utctime_to_date(da) if isinstance(da, bytes) and da else ""
        certs_by_sha1[sha1] = info
        certs_by_is[(info["issuer_der"], info["serial"])] = info
        present.add(info["spki"])
    trusted = {}
    notrust = set()
    email = set()
    for o in objs:
        if o.get("CKA_CLASS") not in ("CKO_NSS_TRUST", "CKO_NETSCAPE_TRUST"):
            continue
        cert = None
        if "CKA_CERT_SHA1_HASH" in o:
            cert = certs_by_sha1.get(o["CKA_CERT_SHA1_HASH"])
        if cert is None and "CKA_ISSUER" in o and "CKA_SERIAL_NUMBER" in o:
            ser = o["CKA_SERIAL_NUMBER"]
            # CKA_SERIAL_NUMBER is the DER INTEGER (tag+len+value)
            try:
                _, s, e, _ = der_read(ser, 0)
                ser = ser[s:e]
            except Exception:
                pass
            cert = certs_by_is.get((o["CKA_ISSUER"], ser)) or certs_by_is.get((o["CKA_ISSUER"], o["CKA_SERIAL_NUMBER"]))
        if cert is None:
            if is_delegator(o.get("CKA_TRUST_SERVER_AUTH", "")):
                UNMATCHED.append(o.get("CKA_LABEL", "?"))
            continue  # distrust-only entry (no certificate object)
        sa = o.get("CKA_TRUST_SERVER_AUTH", "")
        if is_delegator(o.get("CKA_TRUST_EMAIL_PROTECTION", "")):
            email.add(cert["spki"])
        if is_delegator(sa):
            da = cert["distrust_after"]
            if isinstance(o.get("CKA_NSS_SERVER_DISTRUST_AFTER"), bytes):  # defensive: never seen on trust objects
                da = utctime_to_date(o["CKA_NSS_SERVER_DISTRUST_AFTER"])
            prev = trusted.get(cert["spki"])
            rec = {
                "cert_sha256": cert["cert_sha256"], "subject": cert["subject"],
                "subject_sha256": cert["subject_sha256"], "ski": cert["ski"],
                "name": cert["name"], "label": cert["label"], "distrust_after": da,
                "email": is_delegator(o.get("CKA_TRUST_EMAIL_PROTECTION", "")),
            }
            if prev is None or (prev["distrust_after"] and not da):
                trusted[cert["spki"]] = rec
        elif sa.endswith("_NOT_TRUSTED") or sa.endswith("_UNTRUSTED"):
            notrust.add(cert["spki"])
    return trusted, present, notrust, email


def utctime_to_date(b):
    s = b.decode("ascii", "replace")
    if len(s) == 13:  # YYMMDDHHMMSSZ
        yy = int(s[:2])
        s = ("19" if yy >= 50 else "20") + s
    return "%s-%s-%s" % (s[0:4], s[4:6], s[6:8])


# ----------------------------------------------------------------------------
# git helpers


def git(repo, *args, binary=False):
    out = subprocess.run(["git", "-C", repo] + list(args), check=True, stdout=subprocess.PIPE).stdout
    return out if binary else out.decode("utf-8", "replace")


def list_revisions(repo, rev):
    """Commits touching certdata.txt (following the 2013 move), oldest first."""
    out = git(repo, "log", "--first-parent", "--follow", "--format=%x01%H%x09%cs%x09%s", "--name-only", rev, "--", PATHS[0])
    revs = []
    for block in out.split("\x01")[1:]:
        lines = [l for l in block.split("\n") if l.strip()]
        h, date, subj = lines[0].split("\t", 2)
        path = next((l for l in lines[1:] if l.endswith("certdata.txt")), PATHS[0])
        revs.append((h, date, subj, path))
    revs.reverse()
    return revs


class BlobReader:
    def __init__(self, repo):
        self.p = subprocess.Popen(["git", "-C", repo, "cat-file", "--batch"],
                                  stdin=subprocess.PIPE, stdout=subprocess.PIPE)

    def read(self, spec):
        self.p.stdin.write(spec.encode() + b"\n")
        self.p.stdin.flush()
        header = self.p.stdout.readline().split()
        if len(header) < 3 or header[1] != b"blob":
            return None
        size = int(header[2])
        data = self.p.stdout.read(size)
        self.p.stdout.read(1)
        return data

    def close(self):
        self.p.stdin.close()
        self.p.wait()


def ver_key(tag):
    return [int(x) for x in re.findall(r"\d+", tag)]


def first_release(repo, commit, cache={}):
    if commit in cache:
        return cache[commit]
    tags = git(repo, "tag", "--contains", commit, "--list", "NSS_3_*_RTM").split()
    tags = [t for t in tags if re.fullmatch(r"NSS_3_[0-9_]+_RTM", t)]
    res = min(tags, key=ver_key) if tags else ""
    res = res[len("NSS_"):-len("_RTM")].replace("_", ".") if res else "unreleased"
    cache[commit] = res
    return res


# ----------------------------------------------------------------------------
# other root sets


RUST_ESC = re.compile(r'\\(x[0-9a-fA-F]{2}|n|t|r|0|\\|"|\'|u\{[0-9a-fA-F]+\})')


def rust_bytes(lit):
    out = bytearray()
    pos = 0
    for m in RUST_ESC.finditer(lit):
        out += lit[pos:m.start()].encode("latin-1")
        e = m.group(1)
        if e[0] == "x":
            out.append(int(e[1:], 16))
        else:
            out += {"n": b"\n", "t": b"\t", "r": b"\r", "0": b"\0", "\\": b"\\", '"': b'"', "'": b"'"}[e]
        pos = m.end()
    out += lit[pos:].encode("latin-1")
    return bytes(out)


def parse_webpki(src):
    """Return dict spki_sha256 -> (subject string, name, has_name_constraints)."""
    res = {}
    pat = re.compile(r'TrustAnchor\s*\{\s*subject:\s*Der::from_slice\(b"((?:[^"\\]|\\.)*)"\),\s*'
                     r'subject_public_key_info:\s*Der::from_slice\(b"((?:[^"\\]|\\.)*)"\),\s*'
                     r'name_constraints:\s*(None|Some)', re.S)
    # PEM blocks in the preceding comments give a cross-check
    pems = re.findall(r"-----BEGIN CERTIFICATE-----(.*?)-----END CERTIFICATE-----", src, re.S)
    for m in pat.finditer(src):
        subj = der_wrap(0x30, rust_bytes(m.group(1)))
        spki = der_wrap(0x30, rust_bytes(m.group(2)))
        rdns = parse_name(subj)
        res[hashlib.sha256(spki).hexdigest()] = (name_to_str(rdns), display_name(rdns), m.group(3) == "Some")
    # cross-check against comment PEMs
    pem_spkis = set()
    for p in pems:
        der = base64.b64decode(re.sub(r"[\s*]", "", p))
        pem_spkis.add(hashlib.sha256(cert_fields(der)["spki"]).hexdigest())
    if pems and pem_spkis != set(res):
        print("warning: webpki-roots PEM comments and TrustAnchor SPKIs disagree", file=sys.stderr)
    return res


def parse_pem_bundle(path):
    text = open(path, encoding="ascii", errors="replace").read()
    res = {}
    for p in re.findall(r"-----BEGIN CERTIFICATE-----(.*?)-----END CERTIFICATE-----", text, re.S):
        der = base64.b64decode("".join(p.split()))
        f = cert_fields(der)
        rdns = parse_name(f["subject"])
        res[hashlib.sha256(f["spki"]).hexdigest()] = (name_to_str(rdns), display_name(rdns))
    return res


# ----------------------------------------------------------------------------


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--nss-git", required=True)
    ap.add_argument("--rev", default="HEAD")
    ap.add_argument("--webpki-lib", help="path to webpki-roots src/lib.rs "
                    "(default: ~/.cargo/registry/src/*/webpki-roots-1.0.10/src/lib.rs if present)")
    ap.add_argument("--webpki-git", help="REPO:REV:PATH to read webpki-roots lib.rs from git")
    ap.add_argument("--pem-bundle")
    ap.add_argument("--out", default=".")
    ap.add_argument("--rust", help="write the engine's table (src/cert/nss_history.rs) here")
    args = ap.parse_args()
    repo = args.nss_git

    revs = list_revisions(repo, args.rev)
    reader = BlobReader(repo)
    certcache = {}
    history = {}  # spki -> list of (rev_index) trusted
    last_rec = {}
    states = []
    for idx, (h, date, subj, path) in enumerate(revs):
        blob = reader.read("%s:%s" % (h, path))
        if blob is None:
            # some early CVS-era commits may lack the file at the listed path
            for alt in PATHS:
                blob = reader.read("%s:%s" % (h, alt))
                if blob is not None:
                    break
        if blob is None:
            print("skip %s %s (no blob)" % (h[:10], date), file=sys.stderr)
            states.append(None)
            continue
        trusted, present, notrust, email = analyse_revision(blob, certcache)
        states.append((trusted, present, notrust, email))
        for spki, rec in trusted.items():
            history.setdefault(spki, []).append(idx)
            last_rec[spki] = rec
    reader.close()
    if UNMATCHED:
        print("trust objects (server TRUSTED_DELEGATOR) without a matching certificate: %d, e.g. %s"
              % (len(UNMATCHED), sorted(set(UNMATCHED))[:10]), file=sys.stderr)
    # final state = last readable revision
    final_idx = max(i for i, s in enumerate(states) if s is not None)
    final_trusted, final_present, final_notrust, final_email = states[final_idx]
    head = git(repo, "log", "-1", "--format=%H %cs", args.rev).split()
    print("NSS %s (%s); %d certdata.txt revisions; %d SPKIs ever trusted for server auth; %d now"
          % (head[0][:12], head[1], len(revs), len(history), len(final_trusted)), file=sys.stderr)

    rows = []
    for spki, idxs in history.items():
        if spki in final_trusted:
            continue
        last = idxs[-1]
        # first revision after `last` that could be read
        rm = next(i for i in range(last + 1, len(revs)) if states[i] is not None)
        h, date, subj, _ = revs[rm]
        trusted, present, notrust, _ = states[rm]
        rec = last_rec[spki]
        readded = len(idxs) != (idxs[-1] - idxs[0] + 1)
        if spki in notrust:
            change = "distrusted"
        elif spki in present:
            change = "server-trust-off"
        else:
            change = "removed"
        if readded:
            change += "+gap"  # was untrusted for a while earlier, then re-trusted, then dropped for good
        # what the final NSS revision still has for this key
        if spki in final_email:
            change += ";now=email-only"
        elif spki in final_notrust:
            change += ";now=distrusted"
        elif spki in final_present:
            change += ";now=no-trust"
        if readded:
            gaps = [i for i in range(idxs[0], idxs[-1] + 1) if i not in set(idxs)]
            print("gap %s %s: untrusted at %s" % (spki[:12], rec["name"],
                  ", ".join("%s(%s)" % (revs[i][0][:9], revs[i][1]) for i in gaps)), file=sys.stderr)
        rows.append([
            spki, clean(rec["name"]), clean(rec["subject"]), revs[idxs[0]][1], date,
            first_release(repo, h), rec["distrust_after"], clean(subj), change,
            clean(rec["label"]), rec["subject_sha256"], rec["ski"],
        ])
    rows.sort(key=lambda r: (r[4], r[1].lower()))
    os.makedirs(args.out, exist_ok=True)
    cols = ["spki_sha256_hex", "common_name", "subject", "first_trusted_date", "removed_date",
            "nss_version", "distrust_after", "reason", "change", "nss_label"]
    with open(os.path.join(args.out, "removed_roots.tsv"), "w", encoding="utf-8") as f:
        f.write("\t".join(cols) + "\n")
        for r in rows:
            f.write("\t".join(r[:10]) + "\n")
    print("removed/untrusted roots: %d" % len(rows), file=sys.stderr)

    # ---- webpki-roots comparison
    src = None
    if not args.webpki_lib and not args.webpki_git:
        import glob
        found = sorted(glob.glob(os.path.expanduser(
            "~/.cargo/registry/src/*/webpki-roots-1.0.10/src/lib.rs")))
        if found:
            args.webpki_lib = found[0]
    if args.webpki_lib:
        print("webpki-roots source: %s" % args.webpki_lib, file=sys.stderr)
        src = open(args.webpki_lib, encoding="utf-8").read()
    elif args.webpki_git:
        wrepo, wrev, wpath = args.webpki_git.split(":", 2)
        src = git(wrepo, "show", "%s:%s" % (wrev, wpath))
    webpki = parse_webpki(src) if src is not None else None
    cmp_rows = []
    if webpki is not None:
        print("webpki-roots anchors: %d" % len(webpki), file=sys.stderr)
        for spki, rec in final_trusted.items():
            if spki not in webpki:
                cmp_rows.append(["nss_only", spki, clean(rec["name"]), clean(rec["subject"]), rec["distrust_after"],
                                 clean(rec["label"])])
        removed_by_spki = {r[0]: r for r in rows}
        for spki, (subj, name, nc) in webpki.items():
            if spki not in final_trusted:
                note = "webpki_only"
                if spki in removed_by_spki:
                    note += "(removed from NSS %s)" % removed_by_spki[spki][4]
                cmp_rows.append([note, spki, clean(name), clean(subj), "", ""])
    for spki, rec in final_trusted.items():
        if rec["distrust_after"]:
            inweb = "" if webpki is None else ("in_webpki" if spki in webpki else "not_in_webpki")
            cmp_rows.append(["nss_distrust_after", spki, clean(rec["name"]), clean(rec["subject"]),
                             rec["distrust_after"], clean(rec["label"]) + (" [%s]" % inweb if inweb else "")])
    with open(os.path.join(args.out, "nss_vs_webpki.tsv"), "w", encoding="utf-8") as f:
        f.write("\t".join(["kind", "spki_sha256_hex", "common_name", "subject", "distrust_after", "nss_label"]) + "\n")
        for r in sorted(cmp_rows, key=lambda r: (r[0], r[2].lower())):
            f.write("\t".join(r) + "\n")

    if args.rust:
        write_rust(args.rust, rows, final_trusted, webpki, head, revs)

    # ---- PEM bundle cross-check
    if args.pem_bundle and os.path.exists(args.pem_bundle):
        bundle = parse_pem_bundle(args.pem_bundle)
        removed_by_spki = {r[0]: r for r in rows}
        nss_only = {r[1] for r in cmp_rows if r[0] == "nss_only"}
        lines = ["bundle %s: %d certificates (distinct SPKI)" % (args.pem_bundle, len(bundle))]
        absent = {s: v for s, v in bundle.items() if webpki is not None and s not in webpki}
        lines.append("absent from webpki-roots: %d" % len(absent))
        unexplained = 0
        for s, (subj, name) in sorted(absent.items(), key=lambda kv: kv[1][1].lower()):
            if s in removed_by_spki:
                r = removed_by_spki[s]
                why = "removed_table %s %s (%s)" % (r[4], r[8], r[7])
            elif s in nss_only:
                why = "nss_vs_webpki nss_only"
            elif s in history:
                why = "ever-trusted-but-current?"
            else:
                why = "UNEXPLAINED (never NSS server-auth trusted)"
                unexplained += 1
            lines.append("  %s\t%s\t%s" % (s[:16], name, why))
        lines.append("unexplained: %d" % unexplained)
        with open(os.path.join(args.out, "debian_check.txt"), "w", encoding="utf-8") as f:
            f.write("\n".join(lines) + "\n")
        print("\n".join(lines[:2] + lines[-1:]), file=sys.stderr)


def rust_str(text):
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def prefix(hexstr):
    return "[" + ", ".join("0x" + hexstr[i:i + 2] for i in range(0, 16, 2)) + "]"


def bug_number(reason):
    m = re.search(r"(?:[Bb]ug|[Ff]ix for|[Bb]ug:)\s*(\d{5,7})", reason)
    return m.group(1) if m else ""


def write_rust(path, rows, final_trusted, webpki, head, revs):
    """The engine's table: removed roots and NSS roots the embedded set lacks."""
    out = []
    out.append("// @generated by scripts/nss-root-history.py from nss-dev/nss (lib/ckfw/builtins/certdata.txt)")
    out.append("// at commit %s (%s), %d revisions of certdata.txt from %s. Do not edit by hand." %
               (head[0][:12], head[1], len(revs), revs[0][1]))
    out.append("")
    out.append("use super::{Change, NssRoot};")
    out.append("")
    out.append("/// When the NSS history was read.")
    out.append("pub const NSS_COMMIT_DATE: &str = %s;" % rust_str(head[1]))
    out.append("")
    out.append("/// Every root NSS once trusted for server authentication and no longer does, oldest removal first.")
    out.append("pub static REMOVED: &[NssRoot] = &[")
    for r in rows:
        spki, name, subject, first, removed, version, distrust, reason, change, label, subj_sha, ski = r
        kind = "Change::Distrusted" if change.startswith("distrusted") else (
            "Change::ServerTrustOff" if change.startswith("server-trust-off") else "Change::Removed")
        out.append("    NssRoot {")
        out.append("        spki: %s," % prefix(spki))
        out.append("        subject: %s," % prefix(subj_sha))
        out.append("        ski: &[%s]," % ", ".join("0x" + ski[i:i + 2] for i in range(0, len(ski), 2)))
        out.append("        name: %s," % rust_str(name))
        out.append("        first_trusted: %s," % rust_str(first))
        out.append("        removed: %s," % rust_str(removed))
        out.append("        nss_version: %s," % rust_str(version))
        out.append("        distrust_after: %s," % ("None" if not distrust else "Some(%s)" % rust_str(distrust)))
        out.append("        bug: %s," % rust_str(bug_number(reason)))
        out.append("        reason: %s," % rust_str(reason))
        out.append("        change: %s," % kind)
        out.append("    },")
    out.append("];")
    out.append("")
    out.append("/// Roots NSS trusts for server authentication at that commit that the embedded")
    out.append("/// webpki-roots does not carry (removed from Mozilla's list since, or dropped by")
    out.append("/// webpki-roots after their distrust-after date).")
    out.append("pub static NOT_EMBEDDED: &[NssRoot] = &[")
    for spki, rec in sorted(final_trusted.items(), key=lambda kv: kv[1]["name"].lower()):
        if webpki is None or spki in webpki:
            continue
        out.append("    NssRoot {")
        out.append("        spki: %s," % prefix(spki))
        out.append("        subject: %s," % prefix(rec["subject_sha256"]))
        ski = rec["ski"]
        out.append("        ski: &[%s]," % ", ".join("0x" + ski[i:i + 2] for i in range(0, len(ski), 2)))
        out.append("        name: %s," % rust_str(clean(rec["name"])))
        out.append("        first_trusted: \"\",")
        out.append("        removed: \"\",")
        out.append("        nss_version: \"\",")
        da = rec["distrust_after"]
        out.append("        distrust_after: %s," % ("None" if not da else "Some(%s)" % rust_str(da)))
        out.append("        bug: \"\",")
        out.append("        reason: \"\",")
        out.append("        change: Change::StillInNss,")
        out.append("    },")
    out.append("];")
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(out) + "\n")
    print("wrote %s" % path, file=sys.stderr)


if __name__ == "__main__":
    main()
