//! Signature checks in pure Rust (RustCrypto), so the same code runs in the browser.
//!
//! Supported: RSA PKCS#1 v1.5 with SHA-1/224/256/384/512, RSA-PSS (MGF1 with the same
//! hash), ECDSA on P-256 and P-384 with SHA-1/224/256/384/512, Ed25519. Anything else
//! (MD5, DSA, P-521, GOST...) is [`SignatureStatus::Unsupported`], never valid.

use serde::{Deserialize, Serialize};
use sha1::Sha1;
use sha2::{Digest, Sha224, Sha256, Sha384, Sha512};

use super::der::{self, read_tlv};

/// The result of checking one signature.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SignatureStatus {
    /// It verifies with the key.
    Valid,
    /// It does not.
    Invalid,
    /// The algorithm cannot be checked here (never counted as valid).
    Unsupported,
    /// Not checked: the input asked for more signature work than one analysis does
    /// ([`MAX_SIGNATURE_WORK`]). Never counted as valid.
    NotChecked,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, std::hash::Hash)]
pub(crate) enum Hash {
    Md2,
    Md5,
    Sha1,
    Sha224,
    Sha256,
    Sha384,
    Sha512,
}

impl Hash {
    pub(crate) fn is_weak(self) -> bool {
        matches!(self, Hash::Md2 | Hash::Md5 | Hash::Sha1)
    }

    pub(crate) fn digest(self, msg: &[u8]) -> Option<Vec<u8>> {
        Some(match self {
            Hash::Sha1 => Sha1::digest(msg).to_vec(),
            Hash::Sha224 => Sha224::digest(msg).to_vec(),
            Hash::Sha256 => Sha256::digest(msg).to_vec(),
            Hash::Sha384 => Sha384::digest(msg).to_vec(),
            Hash::Sha512 => Sha512::digest(msg).to_vec(),
            Hash::Md2 | Hash::Md5 => return None,
        })
    }
}

/// A signature algorithm as far as verification needs it.
#[derive(Clone, Debug, PartialEq, Eq, std::hash::Hash)]
pub(crate) enum SigAlg {
    RsaPkcs1(Hash),
    RsaPss {
        hash: Hash,
        mgf_hash: Option<Hash>,
        salt: usize,
    },
    Ecdsa(Hash),
    Ed25519,
    Other,
}

impl SigAlg {
    pub(crate) fn hash(&self) -> Option<Hash> {
        match self {
            SigAlg::RsaPkcs1(h) | SigAlg::Ecdsa(h) | SigAlg::RsaPss { hash: h, .. } => Some(*h),
            _ => None,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, std::hash::Hash)]
pub(crate) enum Curve {
    P256,
    P384,
    Other,
}

/// A public key as far as verification needs it (owned).
#[derive(Clone, Debug, PartialEq, Eq, std::hash::Hash)]
pub(crate) enum KeyMaterial {
    /// An RSA key; `pss` when its SubjectPublicKeyInfo names id-RSASSA-PSS (RFC 4055 1.2:
    /// the key is for RSA-PSS signatures only) rather than rsaEncryption.
    Rsa {
        n: Vec<u8>,
        e: Vec<u8>,
        pss: bool,
    },
    Ec {
        curve: Curve,
        point: Vec<u8>,
    },
    Ed25519(Vec<u8>),
    Other,
}

/// Verifies `sig` over `msg` with `key`. Never panics.
pub(crate) fn verify(alg: &SigAlg, key: &KeyMaterial, msg: &[u8], sig: &[u8]) -> SignatureStatus {
    use SignatureStatus::*;
    match (alg, key) {
        (SigAlg::RsaPkcs1(h), KeyMaterial::Rsa { .. })
        | (SigAlg::Ecdsa(h), KeyMaterial::Ec { .. }) => match h.digest(msg) {
            Some(digest) => verify_digest(alg, key, &digest, sig),
            None => Unsupported,
        },
        _ => verify_message(alg, key, msg, sig),
    }
}

/// [`verify`], given the message's SHA-256 (the memo's key, [`Budget`]): an algorithm
/// that signs a SHA-256 digest, as most certificates' do, uses it instead of hashing the
/// message a second time (a 277 KB TBSCertificate took 1.5 ms of the worker to hash).
fn verify_knowing_sha256(
    alg: &SigAlg,
    key: &KeyMaterial,
    msg: &[u8],
    sig: &[u8],
    message_sha256: &[u8; 32],
) -> SignatureStatus {
    match (alg, key) {
        (SigAlg::RsaPkcs1(Hash::Sha256), KeyMaterial::Rsa { .. })
        | (SigAlg::Ecdsa(Hash::Sha256), KeyMaterial::Ec { .. }) => {
            verify_digest(alg, key, message_sha256, sig)
        }
        _ => verify(alg, key, msg, sig),
    }
}

/// Verifies `sig` over a message whose hash (by `alg`'s hash) is `digest`, for the
/// algorithms that sign a digest: RSA PKCS#1 v1.5 and ECDSA. Anything else is
/// [`SignatureStatus::Unsupported`] here. Never panics.
pub(crate) fn verify_digest(
    alg: &SigAlg,
    key: &KeyMaterial,
    digest: &[u8],
    sig: &[u8],
) -> SignatureStatus {
    use SignatureStatus::*;
    match (alg, key) {
        (SigAlg::RsaPkcs1(h), KeyMaterial::Rsa { n, e, .. }) => {
            if rsa_too_large(n) {
                return Unsupported;
            }
            let Some(pk) = rsa_key(n, e) else {
                return Invalid;
            };
            let scheme = match h {
                Hash::Sha1 => rsa::Pkcs1v15Sign::new::<Sha1>(),
                Hash::Sha224 => rsa::Pkcs1v15Sign::new::<Sha224>(),
                Hash::Sha256 => rsa::Pkcs1v15Sign::new::<Sha256>(),
                Hash::Sha384 => rsa::Pkcs1v15Sign::new::<Sha384>(),
                Hash::Sha512 => rsa::Pkcs1v15Sign::new::<Sha512>(),
                Hash::Md2 | Hash::Md5 => return Unsupported,
            };
            ok(pk.verify(scheme, digest, sig).is_ok())
        }
        (SigAlg::Ecdsa(_), KeyMaterial::Ec { curve, point }) => match curve {
            Curve::P256 => {
                use p256::ecdsa::signature::hazmat::PrehashVerifier;
                let Ok(vk) = p256::ecdsa::VerifyingKey::from_sec1_bytes(point) else {
                    return Invalid;
                };
                let Some(raw) = ecdsa_raw(sig, 32) else {
                    return Invalid;
                };
                let Ok(s) = p256::ecdsa::Signature::from_slice(&raw) else {
                    return Invalid;
                };
                ok(vk.verify_prehash(digest, &s).is_ok())
            }
            Curve::P384 => {
                use p384::ecdsa::signature::hazmat::PrehashVerifier;
                let Ok(vk) = p384::ecdsa::VerifyingKey::from_sec1_bytes(point) else {
                    return Invalid;
                };
                let Some(raw) = ecdsa_raw(sig, 48) else {
                    return Invalid;
                };
                let Ok(s) = p384::ecdsa::Signature::from_slice(&raw) else {
                    return Invalid;
                };
                ok(vk.verify_prehash(digest, &s).is_ok())
            }
            Curve::Other => Unsupported,
        },
        (SigAlg::RsaPkcs1(_) | SigAlg::Ecdsa(_), _) => verify_message(alg, key, &[], sig),
        _ => Unsupported,
    }
}

/// The algorithms that take the whole message (RSA-PSS, Ed25519), and the answers that
/// need no arithmetic: an algorithm or key not supported here, or one that does not fit
/// the key.
fn verify_message(alg: &SigAlg, key: &KeyMaterial, msg: &[u8], sig: &[u8]) -> SignatureStatus {
    use SignatureStatus::*;
    match (alg, key) {
        (
            SigAlg::RsaPss {
                hash,
                mgf_hash,
                salt,
            },
            KeyMaterial::Rsa { n, e, .. },
        ) => {
            if *mgf_hash != Some(*hash) {
                return Unsupported;
            }
            let Some(digest) = hash.digest(msg) else {
                return Unsupported;
            };
            if rsa_too_large(n) {
                return Unsupported;
            }
            let Some(pk) = rsa_key(n, e) else {
                return Invalid;
            };
            let salt = *salt;
            let res = match hash {
                Hash::Sha1 => pk.verify(rsa::pss::Pss::<Sha1>::new_with_salt(salt), &digest, sig),
                Hash::Sha224 => {
                    pk.verify(rsa::pss::Pss::<Sha224>::new_with_salt(salt), &digest, sig)
                }
                Hash::Sha256 => {
                    pk.verify(rsa::pss::Pss::<Sha256>::new_with_salt(salt), &digest, sig)
                }
                Hash::Sha384 => {
                    pk.verify(rsa::pss::Pss::<Sha384>::new_with_salt(salt), &digest, sig)
                }
                Hash::Sha512 => {
                    pk.verify(rsa::pss::Pss::<Sha512>::new_with_salt(salt), &digest, sig)
                }
                Hash::Md2 | Hash::Md5 => return Unsupported,
            };
            ok(res.is_ok())
        }
        (SigAlg::Ed25519, KeyMaterial::Ed25519(k)) => {
            let Ok(bytes) = <[u8; 32]>::try_from(k.as_slice()) else {
                return Invalid;
            };
            let Ok(vk) = ed25519_dalek::VerifyingKey::from_bytes(&bytes) else {
                return Invalid;
            };
            let Ok(s) = ed25519_dalek::Signature::from_slice(sig) else {
                return Invalid;
            };
            ok(vk.verify_strict(msg, &s).is_ok())
        }
        (SigAlg::Other, _) | (_, KeyMaterial::Other) => Unsupported,
        (
            _,
            KeyMaterial::Ec {
                curve: Curve::Other,
                ..
            },
        ) => Unsupported,
        // The algorithm does not fit the key type (e.g. an ECDSA signature, RSA key).
        _ => Invalid,
    }
}

/// Whether a modulus is larger than [`MAX_RSA_BITS`].
pub(crate) fn rsa_too_large(n: &[u8]) -> bool {
    strip_zeros(n).len() > MAX_RSA_BITS / 8
}

fn ok(b: bool) -> SignatureStatus {
    if b {
        SignatureStatus::Valid
    } else {
        SignatureStatus::Invalid
    }
}

/// The largest RSA modulus whose signatures are checked here, in bits: webpki's limit.
/// Chromium accepts up to 16384, but one check of such a key takes far longer than all
/// the rest of an analysis; a signature by a larger key is "not checked here", never a
/// verdict.
pub const MAX_RSA_BITS: usize = 8192;

/// The most signature work one analysis does, in units of one RSA-2048 check over a short
/// message (see `Budget`). An honest paste needs a few hundred (Debian's 144-root bundle:
/// about 300); a crafted one (2,000 certificates naming each other as issuers, with 8192-bit
/// keys) could otherwise ask for tens of thousands of checks, minutes of a worker's time.
pub const MAX_SIGNATURE_WORK: u32 = 8_000;

/// What is left of [`MAX_SIGNATURE_WORK`] for one analysis (or one judgement's extra
/// anchors). A check costs `(bits / 2048)²` for RSA (verification time grows with the square
/// of the modulus), 2 for the elliptic-curve algorithms, plus one per 64 KiB hashed; a check
/// that no longer fits is [`SignatureStatus::NotChecked`].
///
/// A check asked twice is done once (a root pasted twice, a certificate tried as the issuer
/// of two copies of one child): the answers are kept by algorithm, key, signature and the
/// message's SHA-256, so a repeat costs a lookup and no budget. A check may also be charged
/// now and done later ([`Budget::charge`]), so that leaving it for later changes nothing
/// else the budget decides; its message is kept as it is and hashed only when the check is
/// done (the SHA-256 of every self-issued certificate's TBSCertificate, taken only to
/// remember that its check was charged, was 7 % of the worker's first answer to Debian's
/// root bundle in V8's sampling profiler).
#[derive(Clone, Debug)]
pub(crate) struct Budget {
    left: u32,
    /// Checks refused for want of budget.
    pub(crate) refused: usize,
    /// Answers, by signature, then by the message's SHA-256.
    done: std::collections::HashMap<Signed, Vec<([u8; 32], SignatureStatus)>>,
    /// Checks paid for by [`Budget::charge`] and not done yet: their messages, by signature.
    charged: std::collections::HashMap<Signed, Vec<Vec<u8>>>,
}

/// A signature, as [`Budget`] remembers checks by it: its algorithm, the key it is checked
/// with and its bytes; the message comes second.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Signed {
    alg: SigAlg,
    key: KeyMaterial,
    sig: Vec<u8>,
}

/// Hashed by the signature alone, which equal checks share (equality still compares every
/// field): hashing the key as well was half of a kilobyte of SipHash per lookup for a
/// 4096-bit RSA root, again for every entry each time the memo grew. The whole signature,
/// not a prefix: a paste chooses its signatures' bytes, and a prefix it chose could put
/// every check in one bucket.
impl std::hash::Hash for Signed {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.sig.hash(state);
    }
}

impl Signed {
    fn of(alg: &SigAlg, key: &KeyMaterial, sig: &[u8]) -> Signed {
        Signed {
            alg: alg.clone(),
            key: key.clone(),
            sig: sig.to_vec(),
        }
    }
}

fn sha256(msg: &[u8]) -> [u8; 32] {
    use sha2::Digest;
    sha2::Sha256::digest(msg).into()
}

impl Budget {
    pub(crate) fn new() -> Budget {
        Budget {
            left: MAX_SIGNATURE_WORK,
            refused: 0,
            done: std::collections::HashMap::new(),
            charged: std::collections::HashMap::new(),
        }
    }

    /// A budget with nothing left: every check that costs anything is refused (one that
    /// costs nothing, with a key no check is made for, stays `Unsupported`), for
    /// `Analysis::read` without signatures (the parser's fuzz target).
    pub(crate) fn spent() -> Budget {
        Budget {
            left: 0,
            ..Budget::new()
        }
    }

    /// Takes what [`Budget::verify`] would take for this check, without doing it (a
    /// self-issued certificate's own signature, checked after the answer: `Analysis::read`),
    /// so that every later check is allowed or refused as if it had been done. `false`, and
    /// nothing taken, when `verify` would refuse it.
    pub(crate) fn charge(
        &mut self,
        alg: &SigAlg,
        key: &KeyMaterial,
        msg: &[u8],
        sig: &[u8],
    ) -> bool {
        let signed = Signed::of(alg, key, sig);
        let charged = |msgs: &Vec<Vec<u8>>| msgs.iter().any(|m| m == msg);
        if self.charged.get(&signed).is_some_and(charged) {
            return true;
        }
        // Hashed only when this signature was checked before (over this message or not).
        if let Some(answers) = self.done.get(&signed) {
            let digest = sha256(msg);
            if answers.iter().any(|(d, _)| *d == digest) {
                return true;
            }
        }
        match self.left.checked_sub(work(key, msg.len())) {
            Some(left) => {
                self.left = left;
                self.charged.entry(signed).or_default().push(msg.to_vec());
                true
            }
            None => false,
        }
    }

    /// [`verify`], if the budget allows it (or its answer, if it was asked before).
    pub(crate) fn verify(
        &mut self,
        alg: &SigAlg,
        key: &KeyMaterial,
        msg: &[u8],
        sig: &[u8],
    ) -> SignatureStatus {
        let signed = Signed::of(alg, key, sig);
        let digest = sha256(msg);
        let known = self.done.get(&signed).and_then(|answers| {
            answers
                .iter()
                .find(|(d, _)| *d == digest)
                .map(|&(_, status)| status)
        });
        if let Some(status) = known {
            return status;
        }
        let paid = self.charged.get_mut(&signed).is_some_and(|msgs| {
            msgs.iter()
                .position(|m| m == msg)
                .map(|i| msgs.swap_remove(i))
                .is_some()
        });
        if !paid {
            match self.left.checked_sub(work(key, msg.len())) {
                Some(left) => self.left = left,
                None => {
                    self.refused = self.refused.saturating_add(1);
                    return SignatureStatus::NotChecked;
                }
            }
        }
        let status = verify_knowing_sha256(alg, key, msg, sig, &digest);
        self.done.entry(signed).or_default().push((digest, status));
        status
    }
}

impl Budget {
    /// [`verify_digest`] over a `len`-byte message the caller hashed, charged as
    /// [`Budget::verify`] would charge it, without remembering the answer: for a
    /// signature over a message made once (an SCT's, over its certificate), which no
    /// later check repeats, so hashing the message again for the memo would be waste.
    pub(crate) fn verify_digest(
        &mut self,
        alg: &SigAlg,
        key: &KeyMaterial,
        digest: &[u8],
        len: usize,
        sig: &[u8],
    ) -> SignatureStatus {
        if self.spend(key, len) {
            verify_digest(alg, key, digest, sig)
        } else {
            SignatureStatus::NotChecked
        }
    }

    /// Charges one check over a `len`-byte message as [`Budget::verify_digest`] does:
    /// `false` (and counted as refused) when the budget cannot pay for it. For a check
    /// left for later, so that every other check is allowed or refused as if it had been
    /// done now.
    pub(crate) fn spend(&mut self, key: &KeyMaterial, len: usize) -> bool {
        match self.left.checked_sub(work(key, len)) {
            Some(left) => {
                self.left = left;
                true
            }
            None => {
                self.refused = self.refused.saturating_add(1);
                false
            }
        }
    }
}

/// The cost of one check over a `len`-byte message in [`Budget`] units.
fn work(key: &KeyMaterial, len: usize) -> u32 {
    let key_cost = match key {
        KeyMaterial::Rsa { n, .. } => {
            let blocks = strip_zeros(n).len().div_ceil(256).max(1);
            blocks.saturating_mul(blocks)
        }
        KeyMaterial::Ec { .. } | KeyMaterial::Ed25519(_) => 2,
        KeyMaterial::Other => 0,
    };
    u32::try_from(key_cost.saturating_add(len / 65_536)).unwrap_or(u32::MAX)
}

fn rsa_key(n: &[u8], e: &[u8]) -> Option<rsa::PublicKey> {
    let n = strip_zeros(n);
    let e = strip_zeros(e);
    if n.is_empty() || e.is_empty() || n.len() > 2048 || e.len() > 8 {
        return None;
    }
    rsa::PublicKey::new_with_size_limits(
        rsa::BoxedUint::from_be_slice_vartime(n),
        rsa::BoxedUint::from_be_slice_vartime(e),
        256..=16384,
    )
    .ok()
}

fn strip_zeros(b: &[u8]) -> &[u8] {
    let skip = b.iter().take_while(|x| **x == 0).count();
    b.get(skip..).unwrap_or_default()
}

/// Converts a DER `SEQUENCE { r INTEGER, s INTEGER }` into fixed-width `r || s`.
fn ecdsa_raw(sig: &[u8], width: usize) -> Option<Vec<u8>> {
    let seq = read_tlv(sig, 0, sig.len())
        .ok()
        .filter(|t| t.tag == 0x30 && t.end == sig.len())?;
    let kids = der::children(sig, &seq);
    if kids.len() != 2 || kids.iter().any(|k| k.tag != 0x02) {
        return None;
    }
    let mut out = Vec::with_capacity(width.saturating_mul(2));
    for k in kids {
        let v = strip_zeros(sig.get(k.content..k.end)?);
        let pad = width.checked_sub(v.len())?;
        out.extend(std::iter::repeat_n(0u8, pad));
        out.extend_from_slice(v);
    }
    Some(out)
}

#[cfg(test)]
#[allow(
    clippy::indexing_slicing,
    clippy::unwrap_used,
    reason = "tests index known fixtures and fail by panicking"
)]
mod tests {
    use x509_parser::parse_x509_certificate;

    use super::*;

    #[test]
    fn a_budgeted_check_reuses_the_memos_sha256_and_answers_as_a_fresh_check_does() {
        let chains = [
            include_str!("../../tests/fixtures/cert/real-chains/amazon.com.pem"),
            include_str!("../../tests/fixtures/cert/real-chains/apple.com.pem"),
            include_str!("../../tests/fixtures/cert/real-chains/google.com.pem"),
            include_str!("../../tests/fixtures/cert/real-chains/cloudflare.com.pem"),
        ];
        let mut algorithms = std::collections::HashSet::new();
        for pem in chains {
            let certs = super::super::test_support::ders(pem);
            for pair in certs.windows(2) {
                let (_, child) = parse_x509_certificate(&pair[0]).unwrap();
                let (_, issuer) = parse_x509_certificate(&pair[1]).unwrap();
                let (alg, _) = super::super::fields::algorithm(&child.signature_algorithm);
                let (key, _) =
                    super::super::fields::public_key(&issuer.tbs_certificate.subject_pki);
                let msg = child.tbs_certificate.as_ref();
                let sig = &child.signature_value.data;
                algorithms.insert(alg.clone());

                assert_eq!(verify(&alg, &key, msg, sig), SignatureStatus::Valid);
                let mut budget = Budget::new();
                assert_eq!(budget.verify(&alg, &key, msg, sig), SignatureStatus::Valid);
                // Asked again: the memo's answer.
                assert_eq!(budget.verify(&alg, &key, msg, sig), SignatureStatus::Valid);
                // Charged first, done later: the same answer.
                let mut budget = Budget::new();
                assert!(budget.charge(&alg, &key, msg, sig));
                assert_eq!(budget.verify(&alg, &key, msg, sig), SignatureStatus::Valid);

                // One byte of the message changed: its SHA-256 changes with it, so the
                // digest reused is the changed message's, and the signature fails.
                let mut changed = msg.to_vec();
                let last = changed.len() - 1;
                changed[last] ^= 1;
                assert_eq!(verify(&alg, &key, &changed, sig), SignatureStatus::Invalid);
                let mut budget = Budget::new();
                assert_eq!(
                    budget.verify(&alg, &key, &changed, sig),
                    SignatureStatus::Invalid
                );
            }
        }
        // Both kinds that reuse the digest, and one that hashes with its own function.
        assert!(algorithms.contains(&SigAlg::RsaPkcs1(Hash::Sha256)));
        assert!(algorithms.contains(&SigAlg::Ecdsa(Hash::Sha256)));
        assert!(algorithms.contains(&SigAlg::Ecdsa(Hash::Sha384)));
    }

    #[test]
    fn a_check_is_paid_for_once_whether_charged_or_done_and_only_over_its_own_message() {
        let pem = include_str!("../../tests/fixtures/cert/real-chains/amazon.com.pem");
        let certs = super::super::test_support::ders(pem);
        let (_, child) = parse_x509_certificate(&certs[0]).unwrap();
        let (_, issuer) = parse_x509_certificate(&certs[1]).unwrap();
        let (alg, _) = super::super::fields::algorithm(&child.signature_algorithm);
        let (key, _) = super::super::fields::public_key(&issuer.tbs_certificate.subject_pki);
        let msg = child.tbs_certificate.as_ref();
        let sig = &child.signature_value.data;
        let cost = work(&key, msg.len());
        let mut other = msg.to_vec();
        other[10] ^= 1;

        // Charged twice, then done: paid for once.
        let mut budget = Budget::new();
        assert!(budget.charge(&alg, &key, msg, sig));
        assert!(budget.charge(&alg, &key, msg, sig));
        assert_eq!(budget.left, MAX_SIGNATURE_WORK - cost);
        assert_eq!(budget.verify(&alg, &key, msg, sig), SignatureStatus::Valid);
        assert_eq!(budget.left, MAX_SIGNATURE_WORK - cost);
        // Done, then charged and asked again: nothing more to pay.
        assert!(budget.charge(&alg, &key, msg, sig));
        assert_eq!(budget.verify(&alg, &key, msg, sig), SignatureStatus::Valid);
        assert_eq!(budget.left, MAX_SIGNATURE_WORK - cost);
        // The same signature over another message is another check, paid for apart.
        assert!(budget.charge(&alg, &key, &other, sig));
        assert_eq!(budget.left, MAX_SIGNATURE_WORK - 2 * cost);
        assert_eq!(
            budget.verify(&alg, &key, &other, sig),
            SignatureStatus::Invalid
        );
        assert_eq!(budget.left, MAX_SIGNATURE_WORK - 2 * cost);
        // A charge is redeemed only by its own message: charged over one, done over the
        // other, both are paid for.
        let mut budget = Budget::new();
        assert!(budget.charge(&alg, &key, &other, sig));
        assert_eq!(budget.verify(&alg, &key, msg, sig), SignatureStatus::Valid);
        assert_eq!(budget.left, MAX_SIGNATURE_WORK - 2 * cost);
    }
}
