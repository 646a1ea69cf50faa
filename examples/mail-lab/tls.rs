//! The lab's TLS: its own small CA and server certificate (or the teacher's), and the
//! socket that turns into TLS after STARTTLS/STLS or from the first byte (ports 465/995).
//!
//! rustls with the ring provider, here in the native example only: the engine has no
//! cryptography (it answers STARTTLS and says `TlsStarted`; [`Wire::start_tls`] runs the
//! handshake), and nothing of this reaches the wasm build.
//!
//! The CA is made once and kept in the TLS directory (`lab-ca.pem`, `lab-ca-key.pem`), so
//! a mail program told to trust it goes on trusting it; the server certificate is made at
//! every start, for the names and addresses the lab listens on that day. The server sends
//! its certificate alone, as a server whose root the client must already have: a client
//! that does not trust the CA says "unable to get local issuer certificate" (OpenSSL's
//! error 20), the words the padlock page explains. `lab-chain.pem` holds the certificate
//! and the CA together, for pasting into the padlock page.
#![cfg(not(target_arch = "wasm32"))]

use std::io::{Read, Write};
use std::net::{IpAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use rcgen::{
    BasicConstraints, CertificateParams, DistinguishedName, DnType, ExtendedKeyUsagePurpose, IsCa,
    Issuer, KeyPair, KeyUsagePurpose, SanType, SerialNumber,
};
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};
use rustls::{ServerConfig, ServerConnection, StreamOwned};
use sha2::{Digest, Sha256};

/// How long the lab's own certificates are valid. The CA: long enough for a school year
/// or two of lessons. The server certificate: 90 days (it is made again at every start).
const CA_DAYS: i64 = 2 * 365;
const SERVER_DAYS: i64 = 90;

/// What the lab serves TLS with, and what it tells the teacher about it.
pub struct Tls {
    pub config: Arc<ServerConfig>,
    /// Lines for the start-up report: the files and the CA's fingerprint.
    pub report: Vec<String>,
}

/// The file names in the TLS directory.
pub struct Files {
    pub ca: PathBuf,
    pub ca_key: PathBuf,
    pub server: PathBuf,
    pub server_key: PathBuf,
    pub chain: PathBuf,
}

impl Files {
    pub fn in_dir(dir: &Path) -> Files {
        Files {
            ca: dir.join("lab-ca.pem"),
            ca_key: dir.join("lab-ca-key.pem"),
            server: dir.join("lab-server.pem"),
            server_key: dir.join("lab-server-key.pem"),
            chain: dir.join("lab-chain.pem"),
        }
    }
}

/// `AB:CD:…`, as `openssl x509 -fingerprint -sha256` prints it.
pub fn fingerprint(der: &[u8]) -> String {
    Sha256::digest(der)
        .iter()
        .map(|b| format!("{b:02X}"))
        .collect::<Vec<_>>()
        .join(":")
}

/// The CA's name. Fixed, so a CA kept from an earlier start signs with the same name.
fn ca_params() -> CertificateParams {
    let mut params = CertificateParams::default();
    let mut name = DistinguishedName::new();
    name.push(
        DnType::OrganizationName,
        "imasara mail-lab (for teaching only)",
    );
    name.push(DnType::CommonName, "mail-lab teaching CA");
    params.distinguished_name = name;
    params.is_ca = IsCa::Ca(BasicConstraints::Constrained(0));
    params.key_usages = vec![KeyUsagePurpose::KeyCertSign, KeyUsagePurpose::CrlSign];
    params
}

/// A serial number of 16 random-looking octets (BR 7.1 wants 64 bits of entropy; the
/// padlock page checks its length), positive.
fn serial(seed: &[u8]) -> SerialNumber {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    let mut hasher = Sha256::new();
    hasher.update(now.to_be_bytes());
    hasher.update(std::process::id().to_be_bytes());
    hasher.update(seed);
    let mut bytes = hasher.finalize()[..16].to_vec();
    bytes[0] &= 0x7f;
    bytes[0] |= 0x40;
    SerialNumber::from_slice(&bytes)
}

fn dates(params: &mut CertificateParams, days: i64) {
    let now = time::OffsetDateTime::now_utc();
    // An hour back, for clients whose clocks run a little behind.
    params.not_before = now - time::Duration::hours(1);
    params.not_after = now + time::Duration::days(days);
}

fn write(path: &Path, text: &str) -> Result<(), String> {
    std::fs::write(path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))
}

fn read(path: &Path) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))
}

/// The lab's own CA and a server certificate for `dns_names` and `ips`, written to `dir`.
pub fn make(dir: &Path, dns_names: &[String], ips: &[IpAddr]) -> Result<Tls, String> {
    std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    let files = Files::in_dir(dir);
    let mut report = Vec::new();
    // The CA: kept if both files are there, made otherwise.
    let (ca_key, ca_pem) = if files.ca.exists() && files.ca_key.exists() {
        let key = KeyPair::from_pem(&read(&files.ca_key)?)
            .map_err(|e| format!("{}: not a key rcgen reads: {e}", files.ca_key.display()))?;
        report.push(format!(
            "CA kept from an earlier start: {}",
            files.ca.display()
        ));
        (key, read(&files.ca)?)
    } else {
        let key = KeyPair::generate().map_err(|e| format!("cannot make a key: {e}"))?;
        let mut params = ca_params();
        dates(&mut params, CA_DAYS);
        params.serial_number = Some(serial(b"ca"));
        let cert = params
            .self_signed(&key)
            .map_err(|e| format!("cannot make the CA certificate: {e}"))?;
        write(&files.ca_key, &key.serialize_pem())?;
        write(&files.ca, &cert.pem())?;
        report.push(format!("CA made: {}", files.ca.display()));
        (key, cert.pem())
    };
    let ca_der = CertificateDer::from_pem_slice(ca_pem.as_bytes())
        .map_err(|e| format!("{}: no certificate in it: {e}", files.ca.display()))?;
    let issuer = Issuer::new(ca_params(), ca_key);

    let server_key = KeyPair::generate().map_err(|e| format!("cannot make a key: {e}"))?;
    let mut params = CertificateParams::default();
    let mut name = DistinguishedName::new();
    name.push(
        DnType::CommonName,
        dns_names
            .first()
            .cloned()
            .unwrap_or_else(|| "localhost".to_owned()),
    );
    params.distinguished_name = name;
    params.subject_alt_names = dns_names
        .iter()
        .filter_map(|n| n.clone().try_into().ok().map(SanType::DnsName))
        .chain(ips.iter().map(|ip| SanType::IpAddress(*ip)))
        .collect();
    params.key_usages = vec![KeyUsagePurpose::DigitalSignature];
    params.extended_key_usages = vec![ExtendedKeyUsagePurpose::ServerAuth];
    params.use_authority_key_identifier_extension = true;
    dates(&mut params, SERVER_DAYS);
    params.serial_number = Some(serial(b"server"));
    let server = params
        .signed_by(&server_key, &issuer)
        .map_err(|e| format!("cannot make the server certificate: {e}"))?;
    write(&files.server, &server.pem())?;
    write(&files.server_key, &server_key.serialize_pem())?;
    write(&files.chain, &format!("{}{}", server.pem(), ca_pem))?;
    report.push(format!(
        "CA fingerprint (SHA-256): {}",
        fingerprint(ca_der.as_ref())
    ));
    report.push(format!(
        "server certificate for {}: {} (with the CA: {})",
        dns_names
            .iter()
            .cloned()
            .chain(ips.iter().map(ToString::to_string))
            .collect::<Vec<_>>()
            .join(", "),
        files.server.display(),
        files.chain.display()
    ));
    report.push(format!(
        "a mail program trusts the lab once told to trust {}",
        files.ca.display()
    ));
    let key = PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(server_key.serialize_der()));
    Ok(Tls {
        config: server_config(vec![server.der().clone()], key)?,
        report,
    })
}

/// The teacher's own certificate chain and key (`--cert`, `--key`), as PEM files.
pub fn load(cert: &Path, key: &Path) -> Result<Tls, String> {
    let chain = CertificateDer::pem_file_iter(cert)
        .and_then(Iterator::collect::<Result<Vec<_>, _>>)
        .map_err(|e| format!("{}: {e}", cert.display()))?;
    if chain.is_empty() {
        return Err(format!("{}: no certificate in it", cert.display()));
    }
    let private =
        PrivateKeyDer::from_pem_file(key).map_err(|e| format!("{}: {e}", key.display()))?;
    let report = vec![format!(
        "serving {} ({} certificate(s); the first's SHA-256 fingerprint {})",
        cert.display(),
        chain.len(),
        fingerprint(chain[0].as_ref())
    )];
    Ok(Tls {
        config: server_config(chain, private)?,
        report,
    })
}

fn server_config(
    chain: Vec<CertificateDer<'static>>,
    key: PrivateKeyDer<'static>,
) -> Result<Arc<ServerConfig>, String> {
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| format!("TLS set-up: {e}"))?
        .with_no_client_auth()
        .with_single_cert(chain, key)
        .map(Arc::new)
        .map_err(|e| format!("the certificate and key do not go together: {e}"))
}

/// The names the server certificate carries for a lab listening on `bound`: `localhost`,
/// `mail.<domain>`, and every address it can be reached at (all local addresses for
/// `0.0.0.0` or `::`).
pub fn names_for(hostname: &str, bound: &[IpAddr]) -> (Vec<String>, Vec<IpAddr>) {
    let dns = vec![hostname.to_owned(), "localhost".to_owned()];
    let mut ips: Vec<IpAddr> = vec![
        IpAddr::from([127, 0, 0, 1]),
        IpAddr::from(std::net::Ipv6Addr::LOCALHOST),
    ];
    for ip in bound {
        if ip.is_unspecified() {
            for interface in if_addrs::get_if_addrs().unwrap_or_default() {
                ips.push(interface.ip());
            }
        } else {
            ips.push(ip.to_canonical());
        }
    }
    let mut unique = Vec::new();
    for ip in ips {
        if !unique.contains(&ip) {
            unique.push(ip);
        }
    }
    (dns, unique)
}

/// A client connection: plain TCP, or TLS over it.
pub enum Wire {
    Plain(TcpStream),
    Tls(Box<StreamOwned<ServerConnection, TcpStream>>),
    /// Between the two, or after a failed handshake: reads end, writes fail.
    Gone,
}

impl Wire {
    pub fn tcp(&self) -> Option<&TcpStream> {
        match self {
            Wire::Plain(tcp) => Some(tcp),
            Wire::Tls(tls) => Some(tls.get_ref()),
            Wire::Gone => None,
        }
    }

    /// The TLS handshake over the plain socket, before `deadline`. On failure the wire is
    /// gone and the reason is returned in words (rustls's, e.g. the client's alert
    /// "received fatal alert: UnknownCA" when it does not trust the certificate).
    pub fn start_tls(
        &mut self,
        config: &Arc<ServerConfig>,
        deadline: Instant,
    ) -> Result<(), String> {
        let Wire::Plain(mut tcp) = std::mem::replace(self, Wire::Gone) else {
            return Err("not a plain connection".to_owned());
        };
        let mut conn = ServerConnection::new(Arc::clone(config)).map_err(|e| e.to_string())?;
        while conn.is_handshaking() {
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                return Err("the client did not finish the handshake in time".to_owned());
            }
            let _ = tcp.set_read_timeout(Some(left.max(Duration::from_millis(1))));
            match conn.complete_io(&mut tcp) {
                Ok((0, 0)) if conn.wants_read() => {
                    return Err("the client closed the connection".to_owned());
                }
                Ok(_) => {}
                Err(e) => {
                    // Tell the client why, where rustls has an alert queued.
                    let _ = conn.write_tls(&mut tcp);
                    return Err(e.to_string());
                }
            }
        }
        *self = Wire::Tls(Box::new(StreamOwned::new(conn, tcp)));
        Ok(())
    }

    pub fn shutdown(&mut self) {
        if let Wire::Tls(tls) = self {
            tls.conn.send_close_notify();
            let _ = tls.conn.complete_io(&mut tls.sock);
        }
        if let Some(tcp) = self.tcp() {
            let _ = tcp.shutdown(std::net::Shutdown::Both);
        }
    }
}

impl Read for Wire {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        match self {
            Wire::Plain(tcp) => tcp.read(buf),
            Wire::Tls(tls) => tls.read(buf),
            Wire::Gone => Ok(0),
        }
    }
}

impl Write for Wire {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        match self {
            Wire::Plain(tcp) => tcp.write(buf),
            Wire::Tls(tls) => tls.write(buf),
            Wire::Gone => Err(std::io::ErrorKind::NotConnected.into()),
        }
    }

    fn flush(&mut self) -> std::io::Result<()> {
        match self {
            Wire::Plain(tcp) => tcp.flush(),
            Wire::Tls(tls) => tls.flush(),
            Wire::Gone => Ok(()),
        }
    }
}
