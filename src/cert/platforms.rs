//! What each family of clients does with the same chain, where they disagree: the most
//! common real fault, a server that forgets its intermediate, works in Chrome and fails in
//! curl. One row per family, each from its own source:
//!
//! - **Chrome and Edge** (Chromium's verifier): a missing issuer is fetched from the
//!   `http://` "CA Issuers" addresses among the first five, each tried (the row names the
//!   first; net/cert/internal/
//!   cert_issuer_source_aia.cc: `CertIssuerSourceAia`, `kMaxFetchesPerCert` 5, every
//!   valid address counting; services/cert_verifier/cert_net_url_loader/
//!   cert_net_fetcher_url_loader.cc `CanFetchUrl`: http only). Edge uses the same verifier
//!   on Windows and macOS since Edge 112.
//! - **Safari** (Apple's trustd): fetches too, from `http://` addresses only, the first three
//!   at most, and none at all when a certificate lists ten or more (Security/trust/trustd/
//!   SecCAIssuerRequest.m `CA_ISSUERS_REQUEST_THRESHOLD`, TrustURLSessionDelegate.m
//!   `MAX_TASKS`). Every browser on iPhone and iPad verifies this way.
//! - **Firefox** fetches nothing (bug 399324) but knows every intermediate certificate the
//!   authorities of Mozilla's root programme disclosed to the CCADB (intermediate
//!   preloading, security/manager/ssl/RemoteSecuritySettings.sys.mjs, since Firefox 75) and
//!   those met on earlier visits (security/certverifier/NSSCertDBTrustDomain.cpp
//!   `SaveIntermediateCerts`). Which intermediates those are is not published as a
//!   package, so the row says what Firefox does, not whether this one is among them.
//! - **Windows programs** (CryptoAPI, `CertGetCertificateChain`): fetch by default
//!   (`CERT_CHAIN_DISABLE_AIA` turns it off); otherwise `CERT_E_CHAINING` or, for a root
//!   it does not trust, `CERT_E_UNTRUSTEDROOT` (wincrypt.h).
//! - **Java** (OpenJDK): fetches nothing unless `com.sun.security.enableAIAcaIssuers` is
//!   set (sun/security/provider/certpath/Builder.java `USE_AIA`, off by default); any
//!   chain it cannot complete to a trusted root gives the same words
//!   (sun/security/validator/PKIXValidator.java `doBuild`, SunCertPathBuilder.java).
//! - **Android apps** (Conscrypt's TrustManagerImpl): no fetching; the words of
//!   `checkTrustedRecursive`.
//!
//! The OpenSSL family (`openssl verify`, curl, Python) has its own rows, in [`super::openssl`].
//! Windows, Java and Android are listed only where the chain does not reach a trusted root:
//! that is where they differ from the browsers; their words for other faults are not
//! modelled.

use serde::{Deserialize, Serialize};

use super::findings::Code;
use super::{CertificateReport, ChromiumError, Report};

/// A family of clients that decide alike.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Family {
    /// Chrome and Edge: Chromium's verifier.
    Chromium,
    /// Safari, and every browser on iPhone and iPad: Apple's verifier.
    Safari,
    /// Firefox: mozilla::pkix with preloaded intermediates.
    Firefox,
    /// Programs on Windows that use CryptoAPI.
    Windows,
    /// Java programs (OpenJDK's PKIX).
    Java,
    /// Android apps (Conscrypt).
    Android,
}

/// What a family does with the chain.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "outcome")]
pub enum Outcome {
    /// It connects without complaint.
    Connects,
    /// It refuses (or warns) with these words.
    Says {
        /// The error as the client shows it.
        words: String,
    },
    /// It fetches the missing issuer from `url` and decides on what it finds there (this
    /// page never fetches it): where that certificate leads to a trusted root, the site
    /// works; `then` is what it still says about the rest of the chain, if anything.
    Fetches {
        /// The address it fetches from.
        url: String,
        /// What it says even after the fetch, where the rest of the chain has a fault
        /// (Chromium's error; `None` for families whose words are not modelled).
        then: Option<String>,
    },
    /// Firefox: it uses its own copy of the missing intermediate where it has one
    /// (preloaded, or kept from an earlier visit); otherwise these words.
    Preloaded {
        /// What it says without a copy.
        otherwise: String,
    },
}

/// One family's row.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Row {
    /// Who.
    pub family: Family,
    /// What it does.
    #[serde(flatten)]
    pub outcome: Outcome,
}

/// Java's words for any chain it cannot complete to a trusted root: PKIXValidator.java
/// `doBuild` ("PKIX path building failed: " + the exception) around SunCertPathBuilder.java
/// `build`'s exception.
pub const JAVA_NO_PATH: &str = "PKIX path building failed: sun.security.provider.certpath.SunCertPathBuilderException: unable to find valid certification path to requested target";

/// Android's words (conscrypt common/src/main/java/org/conscrypt/TrustManagerImpl.java,
/// `checkTrustedRecursive`).
pub const ANDROID_NO_ANCHOR: &str =
    "java.security.cert.CertPathValidatorException: Trust anchor for certification path not found.";

/// CryptoAPI: no chain to a trusted root could be built (winerror.h `CERT_E_CHAINING`).
pub const WINDOWS_CHAINING: &str = "CERT_E_CHAINING (0x800B010A)";

/// CryptoAPI: the chain ends at a root Windows does not trust (`CERT_E_UNTRUSTEDROOT`).
pub const WINDOWS_UNTRUSTED_ROOT: &str = "CERT_E_UNTRUSTEDROOT (0x800B0109)";

/// Where the chain stops short of a trusted root, and how.
enum Gap<'a> {
    /// The issuer of a certificate is missing; its "CA Issuers" addresses.
    Missing(&'a [String]),
    /// The chain ends at a self-signed certificate no store trusts.
    UntrustedRoot,
    /// Any other reason (a bad signature, a constraint broken on the way).
    Other,
}

/// The first `http://` address among the first `considered` (the others use up a slot).
fn http_among(urls: &[String], considered: usize) -> Option<&String> {
    urls.iter().take(considered).find(|u| {
        u.get(..7)
            .is_some_and(|s| s.eq_ignore_ascii_case("http://"))
    })
}

/// One row per family for this judgement (`certificates` as the analysis has them).
#[must_use]
pub fn rows(certificates: &[CertificateReport], report: &Report) -> Vec<Row> {
    if report.chain.is_empty() {
        return Vec::new();
    }
    let codes = || report.findings.iter().map(super::Finding::code);
    let gap = if let Some(m) = &report.missing_issuer {
        Some(Gap::Missing(
            certificates
                .get(m.child)
                .map_or(&[][..], |c| c.ca_issuers_urls.as_slice()),
        ))
    } else if codes().any(|c| matches!(c, Code::UntrustedRoot | Code::SelfSignedLeaf)) {
        Some(Gap::UntrustedRoot)
    } else if report.trust.trusted {
        None
    } else {
        Some(Gap::Other)
    };
    let says = |words: &str| Outcome::Says {
        words: words.to_owned(),
    };
    let mut rows = Vec::new();
    let mut push = |family, outcome| rows.push(Row { family, outcome });

    // Chromium: after a fetch, what the rest of the chain still earns.
    // A handshake that fails comes before any fetch or certificate check.
    let chromium = match (&gap, report.primary_error) {
        (_, Some(e)) if e.ends_the_handshake() => says(&e.as_shown()),
        (Some(Gap::Missing(urls)), _) if http_among(urls, 5).is_some() => {
            let mut rest: Vec<ChromiumError> = report
                .errors
                .iter()
                .copied()
                .filter(|e| *e != ChromiumError::AuthorityInvalid)
                .collect();
            // With the chain complete, Chromium inspects and reads what it did not on a
            // chain that reached no root: the signature algorithms and authorities' keys
            // named without an error (judge::signature_algorithms, judge::keys,
            // judge::settle_path_rules).
            let leaf = report.chain.first().copied();
            let pending = report.findings.iter().any(|f| {
                f.error.is_none()
                    && match f.code() {
                        Code::WeakSignatureAlgorithm
                        | Code::SignatureAlgorithmRefused
                        | Code::SignatureAlgorithmMismatch
                        | Code::SignatureAlgorithmParameters
                        | Code::AuthorityKeyRefused => true,
                        Code::ExplicitCurve => f.certificate != leaf,
                        Code::KeyEncoding => {
                            f.certificate != leaf
                                && matches!(
                                    f.kind,
                                    crate::cert::FindingKind::KeyEncoding { fault, .. }
                                        if fault.chrome_refuses()
                                )
                        }
                        _ => false,
                    }
            });
            if pending {
                rest.push(ChromiumError::Invalid);
            }
            Outcome::Fetches {
                url: http_among(urls, 5).cloned().unwrap_or_default(),
                then: ChromiumError::primary(&rest).map(ChromiumError::as_shown),
            }
        }
        (_, Some(e)) => says(&e.as_shown()),
        (_, None) => Outcome::Connects,
    };
    push(Family::Chromium, chromium);

    let firefox = match (&gap, report.firefox_error) {
        (_, Some(e)) if e.ends_the_handshake() => says(e.name()),
        (Some(Gap::Missing(_)), Some(e)) => Outcome::Preloaded {
            otherwise: e.name().to_owned(),
        },
        (_, Some(e)) => says(e.name()),
        (_, None) => Outcome::Connects,
    };
    push(Family::Firefox, firefox);

    if let Some(Gap::Missing(urls)) = &gap
        && urls.len() < 10
        && let Some(url) = http_among(urls, 3)
    {
        push(
            Family::Safari,
            Outcome::Fetches {
                url: url.clone(),
                then: None,
            },
        );
    }
    match &gap {
        Some(Gap::Missing(urls)) => match http_among(urls, urls.len()) {
            Some(url) => push(
                Family::Windows,
                Outcome::Fetches {
                    url: url.clone(),
                    then: None,
                },
            ),
            None => push(Family::Windows, says(WINDOWS_CHAINING)),
        },
        Some(Gap::UntrustedRoot) => push(Family::Windows, says(WINDOWS_UNTRUSTED_ROOT)),
        Some(Gap::Other) | None => {}
    }
    if gap.is_some() {
        push(Family::Java, says(JAVA_NO_PATH));
        push(Family::Android, says(ANDROID_NO_ANCHOR));
    }
    rows
}
