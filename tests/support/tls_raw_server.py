"""A TLS server that sends its certificates' bytes as they are, for certificates OpenSSL
cannot load itself (a serial number not in DER, a name's value it does not decode):
tlslite-ng, a TLS library in pure Python, reads only what it needs of them, and a
certificate it does not read either (a key whose bytes it refuses) is sent as it is, the
server's own key standing for the one inside. `make tools` installs it into target/pylib.

Usage: tls_raw_server.py CHAIN.pem KEY.pem PORT  (the site's certificate first in CHAIN.pem)
Prints "listening" once it listens, then serves "ok" over HTTP/1.1 to each connection
until it is stopped.
"""

import socket
import sys
import threading

from tlslite.api import X509, HandshakeSettings, TLSConnection, X509CertChain, parsePEMKey
from tlslite.utils.pem import dePemList

key = parsePEMKey(open(sys.argv[2]).read(), private=True)
chain = X509CertChain()
for der in dePemList(open(sys.argv[1]).read(), "CERTIFICATE"):
    certificate = X509()
    try:
        certificate.parseBinary(der)
    except SyntaxError:
        certificate.bytes = bytearray(der)
        certificate.publicKey = key
        certificate.certAlg = getattr(key, "key_type", "rsa")
    chain.x509List.append(certificate)


def serve(connection):
    try:
        tls = TLSConnection(connection)
        tls.handshakeServer(
            certChain=chain,
            privateKey=key,
            settings=HandshakeSettings(),
            alpn=[bytearray(b"http/1.1")],
        )
        tls.write(b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok")
        tls.close()
    except Exception:
        # A client that refuses the certificate ends the handshake with an alert.
        connection.close()


listener = socket.socket()
listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
listener.bind(("127.0.0.1", int(sys.argv[3])))
listener.listen(8)
print("listening", flush=True)
while True:
    connection, _ = listener.accept()
    # Each connection in a thread of its own: a browser opens connections ahead and may
    # leave one idle, which would hold up a server that serves one at a time.
    connection.settimeout(10)
    threading.Thread(target=serve, args=(connection,), daemon=True).start()
