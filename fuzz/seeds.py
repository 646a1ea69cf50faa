#!/usr/bin/env python3
"""Writes the hand-made seed corpora in fuzz/seeds/ (committed; rerun after changing this).

The certificate targets also read tests/fixtures/cert and static/samples directly (see
fuzz/run.sh); the seeds here add what the fixtures lack: several files at
once, keys and broken blocks, the worker's framed messages, hosts, routes and protocol
scripts. Run from anywhere: python3 fuzz/seeds.py
"""

import base64
import pathlib
import shutil

ROOT = pathlib.Path(__file__).resolve().parent.parent
SEEDS = ROOT / "fuzz" / "seeds"
FIX = ROOT / "tests" / "fixtures" / "cert"
SAMPLES = ROOT / "static" / "samples"
SPLIT = b"\x1e\x1e\x1e"  # several files (SPLIT in fuzz/drivers/cert.rs)


def read(path):
    return (ROOT / path).read_bytes()


def write(target, name, data):
    d = SEEDS / target
    d.mkdir(parents=True, exist_ok=True)
    (d / name).write_bytes(data if isinstance(data, bytes) else data.encode())


# --- certificates ------------------------------------------------------------------------
SELF_SIGNED = (SAMPLES / "badssl" / "wildcard-self-signed.pem").read_bytes()
LEAF_768 = (FIX / "openssl" / "leaf-rsa-768.pem").read_bytes()
P7C = (FIX / "openssl" / "chain.p7c").read_bytes()
ED25519 = (FIX / "x509-parser-assets" / "ed25519.der").read_bytes()


def pem_body(pem):
    return b"\n".join(l for l in pem.splitlines() if not l.startswith(b"-----")) + b"\n"


def cert_seeds():
    write("cert", "two-files", SELF_SIGNED + SPLIT + P7C)
    write("cert", "three-files-der", ED25519 + SPLIT + LEAF_768 + SPLIT + b"junk")
    write("cert", "bare-base64", pem_body(LEAF_768))
    write("cert", "prose-around",
          b"Here is the chain you asked for:\r\n\r\n  " + SELF_SIGNED.replace(b"\n", b"\r\n  ")
          + b"\r\nThanks!\r\n")
    write("cert", "private-key",
          SELF_SIGNED + b"-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\n"
          b"DEK-Info: AES-128-CBC,00\n\nc2VjcmV0\n-----END RSA PRIVATE KEY-----\n")
    write("cert", "jwk", b'{"kty":"EC","crv":"P-256","x":"AAAA","y":"AAAA","d":"c2VjcmV0"}')
    write("cert", "putty",
          b"PuTTY-User-Key-File-3: ssh-ed25519\nEncryption: none\nPublic-Lines: 1\nAAAA\n"
          b"Private-Lines: 1\nc2VjcmV0\nPrivate-MAC: 00\n")
    write("cert", "broken-blocks",
          b"-----BEGIN CERTIFICATE-----\nMIIB\n-----BEGIN CERTIFICATE-----\nA*AA\n"
          b"-----END CERTIFICATE-----\n-----BEGIN X509 CRL-----\nAAAA\n-----END X509 CRL-----\n"
          b"-----BEGIN CERTIFICATE-----\nMIIB\n-----END X509 CERTIFICATE-----\n")
    trusted = SELF_SIGNED.replace(b"CERTIFICATE", b"TRUSTED CERTIFICATE")
    write("cert", "trusted-certificate", trusted)
    write("cert", "pkcs7-pem",
          b"-----BEGIN PKCS7-----\n" + base64.encodebytes(P7C) + b"-----END PKCS7-----\n")
    # cert_judge takes a host from the last line.
    write("cert", "host-last-line", SELF_SIGNED + b"www.badssl.com")
    write("cert", "host-unicode", SELF_SIGNED + "日本語。JP".encode())
    write("cert", "host-ip", SELF_SIGNED + b"[2001:db8::1]")


# --- the worker's messages (postcard, framed by a u16 length) -----------------------------
def varint(n):
    out = bytearray()
    while True:
        b = n & 0x7F
        n >>= 7
        if n:
            out.append(b | 0x80)
        else:
            out.append(b)
            return bytes(out)


def zigzag(n):
    return varint((n << 1) ^ (n >> 63))


def judging(at, host, trusted):
    out = zigzag(at)
    if host is None:
        out += b"\x00"
    else:
        h = host.encode()
        out += b"\x01" + varint(len(h)) + h
    out += varint(len(trusted)) + b"".join(varint(t) for t in trusted)
    return out


def parse(id_, inputs, j):
    return (varint(0) + varint(id_) + varint(len(inputs))
            + b"".join(varint(len(i)) + i for i in inputs) + j)


def judge(id_, j):
    return varint(1) + varint(id_) + j


def framed(*messages):
    return b"".join(len(m).to_bytes(2, "little") + m for m in messages)


def session_seeds():
    now = 1_795_816_084
    write("cert_session", "parse-then-judge", framed(
        parse(1, [SELF_SIGNED], judging(now, "self-signed.badssl.com", [])),
        judge(2, judging(now, "self-signed.badssl.com", [0])),
        judge(3, judging(978_307_200, None, [])),
    ))
    write("cert_session", "pkcs7-and-files", framed(
        parse(7, [P7C, LEAF_768], judging(now, "example.com", [1, 5])),
        judge(8, judging(-(2**62), "日本語.jp", [0, 1, 2])),
    ))
    # A trust anchor (DigiCert Global Root G2, by subject and key) whose signature fails:
    # answered at once as self-signed, then corrected (Session::follow_up).
    pem = (SAMPLES / "real-chains" / "amazon.com.pem").read_text()
    root = base64.b64decode("".join(pem.split("-----BEGIN CERTIFICATE-----")[3]
                                    .split("-----END CERTIFICATE-----")[0].split()))
    broken = root[:-1] + bytes([root[-1] ^ 1])
    write("cert_session", "anchor-not-self-signed", framed(
        parse(5, [broken], judging(now, None, [])),
        judge(6, judging(now, "www.amazon.com", [0])),
    ))
    # A chain long enough for the driver's small parts (1 + the input's length % 4096
    # bytes of DER, fuzz/drivers/cert_session.rs): its answer comes in parts.
    chain = framed(parse(9, [pem.encode()], judging(now, "www.amazon.com", [])))
    der = sum(len(base64.b64decode("".join(b.split("-----END")[0].split())))
              for b in pem.split("-----BEGIN CERTIFICATE-----")[1:-1])
    assert der >= 1 + len(chain) % 4096, (der, len(chain))
    write("cert_session", "parse-in-parts", chain)
    write("cert_session", "judge-before-parse", framed(judge(4, judging(now, None, []))))
    write("cert_session", "garbage", framed(b"\xff\xff\xff\xff\xff", b"\x00\x05\xff\xff\xff\xff\x0f"))


# --- hosts ---------------------------------------------------------------------------------
def host_seeds():
    hosts = [
        "www.cloudflare.com", "ns.cloudflare.com", "a.ns.cloudflare.com", "cloudflare.com.",
        "WWW.CloudFlare.COM", "日本語.jp", "日本語。ＪＰ", "xn--wgv71a119e.jp",
        "shop.co.jp", "www.city.kawasaki.jp", "192.0.2.1", "[2001:db8::1]", "::ffff:1.2.3.4",
        "他们为什么不说中文", "ihqwcrb4cv8a8dqg056pqjye", "3B-ww4c5e180e575a65lsy2b",
        "-with-SUPER-MONKEYS-pc58ag80a8qai00g7n9n", "Hello-Another-Way--fc4qua05auwb3674vfr0b",
        "xn--", "xn--a", "a..b", "*.example.com", "under_score.example",
    ]
    for i, h in enumerate(hosts):
        write("hostname", f"host-{i:02}", h)


# --- routes --------------------------------------------------------------------------------
def route_seeds():
    routes = [
        "#/mail?lang=ja&scenario=own_case&step=3", "#/cert?host=%E6%97%A5%E6%9C%AC.jp&lang=en",
        "#/cert?host=a+b&at=2026-11-27", "#/?lang=ja&lang=en", "#main", "",
        "#/mail/?embed=1&lang=ja&step=4", "#/nowhere/deeper/", "#/cert?x=%&y=%zz&z=%e3%81",
        "/check/panic", "#/glossary?=empty&&a=1&a=2", "#/%6Dail?%6C%61ng=ja",
    ]
    for i, r in enumerate(routes):
        write("route", f"route-{i:02}", r)


# --- mail sessions -------------------------------------------------------------------------
# First byte: flavour = b % 5, policy = (b % 120 // 5) % 4, service = (b % 120 // 20) % 3,
# any local part when b % 120 >= 60 (fuzz_targets/mail_session.rs).
def setup(flavour, policy, service, any_local=False):
    return bytes([flavour + 5 * policy + 20 * service + (60 if any_local else 0)])


POP, SMTP, SUBMISSION = 0, 1, 2
OPEN, PBS, AUTH, BOTH = 0, 1, 2, 3


def script(*lines):
    return b"\n".join(l.encode() if isinstance(l, str) else l for l in lines) + b"\n"


def reconnect(service, other_ip=False):
    return bytes([3, service + (128 if other_ip else 0)])


def mail_seeds():
    pop = script("CAPA", "USER hanako", "PASS s3cret", "STAT", "LIST", "UIDL 1", "TOP 1 0",
                 "RETR 2", "DELE 1", "RSET", "DELE 2", "NOOP", "QUIT")
    smtp = script("EHLO client.example", "MAIL FROM:<hanako@example.net> SIZE=100",
                  "RCPT TO:<friend@example.org>", "RCPT TO:<hanako@example.net>", "DATA",
                  "Subject: hi", "", "..dot", "body", ".", "RSET", "VRFY hanako", "QUIT")
    auth = script("EHLO x", "STARTTLS", "EHLO x", "AUTH PLAIN AGhhbmFrbwBzM2NyZXQ=",
                  "AUTH LOGIN", "aGFuYWtv", "czNjcmV0", "MAIL FROM:<>",
                  "RCPT TO:<a@b.example>", "BDAT 10 LAST", "QUIT")
    for flavour in range(5):
        write("mail_session", f"pop3-{flavour}", setup(flavour, PBS, POP) + pop)
        write("mail_session", f"smtp-{flavour}", setup(flavour, OPEN, SMTP) + smtp)
        write("mail_session", f"submission-{flavour}", setup(flavour, AUTH, SUBMISSION) + auth)
    # POP before SMTP: log in, then send from the same address; then the window closes.
    write("mail_session", "pop-before-smtp", setup(1, PBS, POP) + script(
        "USER hanako", "PASS s3cret", "QUIT", reconnect(SMTP), "HELO me",
        "MAIL FROM:<hanako@example.net>", "RCPT TO:<friend@example.org>", "DATA", "x", ".",
        bytes([1, 130]), "RCPT TO:<friend@example.org>", reconnect(SMTP, True), "HELO nat",
        "MAIL FROM:<x@y>", "RCPT TO:<z@w.example>", "QUIT"))
    write("mail_session", "apop-and-errors", setup(3, BOTH, POP) + script(
        "APOP hanako 0123456789abcdef0123456789abcdef", "USER", "PASS", "USER nobody",
        "PASS wrong", "AUTH", "AUTH PLAIN", "=", "*", "LIST 99999999999999999999", "RETR -1",
        "TOP 1 -5", "\xff\xfe", "QUIT"))
    # mail-lab with TLS (a setup byte of 128 or more, same choice modulo 120): STARTTLS on
    # port 25, STLS, and reconnects over implicit TLS (0x40 in the service byte).
    tls = lambda flavour, policy, service: bytes([setup(flavour, policy, service)[0] + 120])
    write("mail_session", "tls-smtp-and-pop3", tls(0, AUTH, SMTP) + script(
        "EHLO x", "STARTTLS", "STARTTLS", "EHLO x", "AUTH PLAIN AGhhbmFrbwBzM2NyZXQ=",
        reconnect(POP), "CAPA", "STLS", "STLS", "CAPA", "USER hanako", "PASS s3cret",
        bytes([3, SUBMISSION + 0x40]), "EHLO x", "STARTTLS", "AUTH PLAIN AGhhbmFrbwBzM2NyZXQ=",
        bytes([3, POP + 0x40]), "STLS", "QUIT"))
    write("mail_session", "timeouts", setup(0, BOTH, SMTP, True) + script(
        "EHLO x", "MAIL FROM:<a@b>", "RCPT TO:<anyone@example.net>", b"\x02", reconnect(POP),
        b"\x04", "USER anyone", bytes([1, 255]), "PASS x"))


# Certificates written as no tool writes them (an extension Chrome's parsers refuse, a
# frame Chrome does not read: strict-*, frame-*), put together byte by byte and signed
# again when they were added (as tests/support's with_extension and with_signed_fields
# make them); committed as they are, and kept when this script runs again.
KEPT = ("strict-", "frame-")


if __name__ == "__main__":
    for d in ["cert", "cert_session", "hostname", "route", "mail_session"]:
        if d == "cert" and (SEEDS / d).exists():
            for f in (SEEDS / d).iterdir():
                if not f.name.startswith(KEPT):
                    f.unlink()
        else:
            shutil.rmtree(SEEDS / d, ignore_errors=True)
    cert_seeds()
    session_seeds()
    host_seeds()
    route_seeds()
    mail_seeds()
