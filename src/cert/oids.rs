//! Every object identifier the engine knows, in one table: the constants of
//! `oid_registry` (which x509-parser re-exports), and the few it lacks declared here with
//! `oid!`. No other module writes an OID.

use x509_parser::asn1_rs::{Oid, oid};
use x509_parser::oid_registry::{
    OID_EC_P256, OID_HASH_SHA1, OID_KEY_TYPE_EC_PUBLIC_KEY, OID_NIST_EC_P384, OID_NIST_EC_P521,
    OID_NIST_HASH_SHA256, OID_NIST_HASH_SHA384, OID_NIST_HASH_SHA512, OID_PKCS1_MD2WITHRSAENC,
    OID_PKCS1_MD5WITHRSAENC, OID_PKCS1_RSAENCRYPTION, OID_PKCS1_RSASSAPSS, OID_PKCS1_SHA1WITHRSA,
    OID_PKCS1_SHA224WITHRSA, OID_PKCS1_SHA256WITHRSA, OID_PKCS1_SHA384WITHRSA,
    OID_PKCS1_SHA512WITHRSA, OID_PKIX_ACCESS_DESCRIPTOR_CA_ISSUERS,
    OID_PKIX_ACCESS_DESCRIPTOR_OCSP, OID_PKIX_AUTHORITY_INFO_ACCESS, OID_PKIX_SUBJECT_INFO_ACCESS,
    OID_SHA1_WITH_RSA, OID_SIG_ECDSA_WITH_SHA224, OID_SIG_ECDSA_WITH_SHA256,
    OID_SIG_ECDSA_WITH_SHA384, OID_SIG_ECDSA_WITH_SHA512, OID_SIG_ED448, OID_SIG_ED25519,
    OID_X509_COMMON_NAME, OID_X509_COUNTRY_NAME, OID_X509_EXT_AUTHORITY_KEY_IDENTIFIER,
    OID_X509_EXT_BASIC_CONSTRAINTS, OID_X509_EXT_CERTIFICATE_POLICIES,
    OID_X509_EXT_CRL_DISTRIBUTION_POINTS, OID_X509_EXT_EXTENDED_KEY_USAGE,
    OID_X509_EXT_INHIBIT_ANY_POLICY, OID_X509_EXT_ISSUER_ALT_NAME, OID_X509_EXT_KEY_USAGE,
    OID_X509_EXT_NAME_CONSTRAINTS, OID_X509_EXT_POLICY_CONSTRAINTS, OID_X509_EXT_POLICY_MAPPINGS,
    OID_X509_EXT_SUBJECT_ALT_NAME, OID_X509_EXT_SUBJECT_KEY_IDENTIFIER, OID_X509_GIVEN_NAME,
    OID_X509_LOCALITY_NAME, OID_X509_ORGANIZATION_NAME, OID_X509_ORGANIZATIONAL_UNIT,
    OID_X509_SERIALNUMBER, OID_X509_STATE_OR_PROVINCE_NAME, OID_X509_SURNAME, OID_X509_TITLE,
};

use super::fields::ValidationLevel;
use super::signature::{Curve, Hash};

/// An OID in dotted form ("2.5.4.3"), written into one string. asn1-rs's `to_id_string`
/// makes a string per arc and joins them, which was a tenth of reading a root bundle; an
/// OID whose arcs do not fit 64 bits is left to it (it prints those bytes in hex).
pub(crate) fn dotted(oid: &Oid) -> String {
    use std::fmt::Write as _;
    let Some(arcs) = oid.iter() else {
        return oid.to_id_string();
    };
    let mut out = String::with_capacity(oid.as_bytes().len().saturating_mul(3));
    for (i, arc) in arcs.enumerate() {
        if i > 0 {
            out.push('.');
        }
        // Writing to a String cannot fail.
        let _ = write!(out, "{arc}");
    }
    out
}

/// Short names of distinguished-name attribute types, as OpenSSL prints them.
const ATTRIBUTES: &[(Oid<'static>, &str)] = &[
    (OID_X509_COMMON_NAME, "CN"),
    (OID_X509_COUNTRY_NAME, "C"),
    (OID_X509_LOCALITY_NAME, "L"),
    (OID_X509_STATE_OR_PROVINCE_NAME, "ST"),
    (oid!(2.5.4.9), "street"),
    (OID_X509_ORGANIZATION_NAME, "O"),
    (OID_X509_ORGANIZATIONAL_UNIT, "OU"),
    (OID_X509_SERIALNUMBER, "serialNumber"),
    (OID_X509_SURNAME, "SN"),
    (OID_X509_GIVEN_NAME, "GN"),
    (OID_X509_TITLE, "title"),
    (oid!(2.5.4.15), "businessCategory"),
    (oid!(2.5.4.17), "postalCode"),
    (oid!(2.5.4.97), "organizationIdentifier"),
    (oid!(2.5.4.46), "dnQualifier"),
    (oid!(1.2.840.113549.1.9.1), "emailAddress"),
    (oid!(0.9.2342.19200300.100.1.25), "DC"),
    (oid!(0.9.2342.19200300.100.1.1), "UID"),
    (oid!(1.3.6.1.4.1.311.60.2.1.1), "jurisdictionL"),
    (oid!(1.3.6.1.4.1.311.60.2.1.2), "jurisdictionST"),
    (oid!(1.3.6.1.4.1.311.60.2.1.3), "jurisdictionC"),
];

/// What a signature algorithm OID means before its parameters are read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum SignatureKind {
    /// RSA PKCS#1 v1.5 with this hash.
    RsaPkcs1(Hash),
    /// RSASSA-PSS (RFC 4055): the hash is in the parameters.
    RsaPss,
    /// ECDSA with this hash.
    Ecdsa(Hash),
    /// Ed25519 (RFC 8410).
    Ed25519,
    /// Known by name, not verified here (DSA, Ed448…).
    Other,
}

/// Signature algorithms: OpenSSL's names, and what each is.
const SIGNATURES: &[(Oid<'static>, &str, SignatureKind)] = &[
    (
        OID_PKCS1_MD2WITHRSAENC,
        "md2WithRSAEncryption",
        SignatureKind::RsaPkcs1(Hash::Md2),
    ),
    (
        OID_PKCS1_MD5WITHRSAENC,
        "md5WithRSAEncryption",
        SignatureKind::RsaPkcs1(Hash::Md5),
    ),
    (
        OID_PKCS1_SHA1WITHRSA,
        "sha1WithRSAEncryption",
        SignatureKind::RsaPkcs1(Hash::Sha1),
    ),
    (
        OID_SHA1_WITH_RSA,
        "sha1WithRSAEncryption",
        SignatureKind::RsaPkcs1(Hash::Sha1),
    ),
    (
        OID_PKCS1_SHA224WITHRSA,
        "sha224WithRSAEncryption",
        SignatureKind::RsaPkcs1(Hash::Sha224),
    ),
    (
        OID_PKCS1_SHA256WITHRSA,
        "sha256WithRSAEncryption",
        SignatureKind::RsaPkcs1(Hash::Sha256),
    ),
    (
        OID_PKCS1_SHA384WITHRSA,
        "sha384WithRSAEncryption",
        SignatureKind::RsaPkcs1(Hash::Sha384),
    ),
    (
        OID_PKCS1_SHA512WITHRSA,
        "sha512WithRSAEncryption",
        SignatureKind::RsaPkcs1(Hash::Sha512),
    ),
    (OID_PKCS1_RSASSAPSS, "rsassaPss", SignatureKind::RsaPss),
    (
        oid!(1.2.840.10045.4.1),
        "ecdsa-with-SHA1",
        SignatureKind::Ecdsa(Hash::Sha1),
    ),
    (
        OID_SIG_ECDSA_WITH_SHA224,
        "ecdsa-with-SHA224",
        SignatureKind::Ecdsa(Hash::Sha224),
    ),
    (
        OID_SIG_ECDSA_WITH_SHA256,
        "ecdsa-with-SHA256",
        SignatureKind::Ecdsa(Hash::Sha256),
    ),
    (
        OID_SIG_ECDSA_WITH_SHA384,
        "ecdsa-with-SHA384",
        SignatureKind::Ecdsa(Hash::Sha384),
    ),
    (
        OID_SIG_ECDSA_WITH_SHA512,
        "ecdsa-with-SHA512",
        SignatureKind::Ecdsa(Hash::Sha512),
    ),
    (OID_SIG_ED25519, "ED25519", SignatureKind::Ed25519),
    (OID_SIG_ED448, "ED448", SignatureKind::Other),
    (oid!(1.2.840.10040.4.3), "dsaWithSHA1", SignatureKind::Other),
    (
        oid!(2.16.840.1.101.3.4.3.2),
        "dsa_with_SHA256",
        SignatureKind::Other,
    ),
];

/// Hash algorithms (as named inside RSA-PSS parameters).
const HASHES: &[(Oid<'static>, Hash)] = &[
    (OID_HASH_SHA1, Hash::Sha1),
    (oid!(2.16.840.1.101.3.4.2.4), Hash::Sha224),
    (OID_NIST_HASH_SHA256, Hash::Sha256),
    (OID_NIST_HASH_SHA384, Hash::Sha384),
    (OID_NIST_HASH_SHA512, Hash::Sha512),
    (oid!(1.2.840.113549.2.5), Hash::Md5),
    (oid!(1.2.840.113549.2.2), Hash::Md2),
];

/// MGF1 (RFC 8017 B.2.1), the only mask generation function RSA-PSS certificates use.
pub(crate) const MGF1: Oid<'static> = oid!(1.2.840.113549.1.1.8);

/// anyPolicy (RFC 5280, 4.2.1.4).
pub(crate) const ANY_POLICY: Oid<'static> = oid!(2.5.29.32.0);
/// id-qt-cps and id-qt-unotice (RFC 5280, 4.2.1.4), the policy qualifiers RFC 5280 defines.
pub(crate) const CPS_POINTER: Oid<'static> = oid!(1.3.6.1.5.5.7.2.1);
pub(crate) const USER_NOTICE: Oid<'static> = oid!(1.3.6.1.5.5.7.2.2);
/// The TLS feature extension (RFC 7633) and qcStatements (RFC 3739), which mozilla::pkix
/// keeps as it reads a certificate.
pub(crate) const TLS_FEATURE: Oid<'static> = oid!(1.3.6.1.5.5.7.1.24);
pub(crate) const QC_STATEMENTS: Oid<'static> = oid!(1.3.6.1.5.5.7.1.3);

/// Extension names as RFC 5280 (and the CT, Microsoft and Netscape documents) write them.
const EXTENSIONS: &[(Oid<'static>, &str)] = &[
    (OID_X509_EXT_SUBJECT_KEY_IDENTIFIER, "subjectKeyIdentifier"),
    (OID_X509_EXT_KEY_USAGE, "keyUsage"),
    (OID_X509_EXT_SUBJECT_ALT_NAME, "subjectAltName"),
    (OID_X509_EXT_ISSUER_ALT_NAME, "issuerAltName"),
    (OID_X509_EXT_BASIC_CONSTRAINTS, "basicConstraints"),
    (OID_X509_EXT_NAME_CONSTRAINTS, "nameConstraints"),
    (
        OID_X509_EXT_CRL_DISTRIBUTION_POINTS,
        "cRLDistributionPoints",
    ),
    (OID_X509_EXT_CERTIFICATE_POLICIES, "certificatePolicies"),
    (OID_X509_EXT_POLICY_MAPPINGS, "policyMappings"),
    (
        OID_X509_EXT_AUTHORITY_KEY_IDENTIFIER,
        "authorityKeyIdentifier",
    ),
    (OID_X509_EXT_POLICY_CONSTRAINTS, "policyConstraints"),
    (OID_X509_EXT_EXTENDED_KEY_USAGE, "extKeyUsage"),
    (OID_X509_EXT_INHIBIT_ANY_POLICY, "inhibitAnyPolicy"),
    (OID_PKIX_AUTHORITY_INFO_ACCESS, "authorityInfoAccess"),
    (OID_PKIX_SUBJECT_INFO_ACCESS, "subjectInfoAccess"),
    (oid!(1.3.6.1.4.1.11129.2.4.2), "ctEmbeddedScts"),
    (oid!(1.3.6.1.4.1.11129.2.4.3), "ctPrecertificatePoison"),
    (oid!(2.16.840.1.113730.1.1), "netscapeCertType"),
    (oid!(2.16.840.1.113730.1.13), "netscapeComment"),
    (TLS_FEATURE, "tlsFeature"),
    (QC_STATEMENTS, "qcStatements"),
    (oid!(1.3.6.1.4.1.311.21.7), "msCertificateTemplate"),
    (oid!(1.3.6.1.4.1.311.21.10), "msApplicationPolicies"),
    (oid!(1.3.6.1.4.1.311.20.2), "msCertificateTemplateName"),
    (oid!(1.3.6.1.4.1.311.21.1), "msCaVersion"),
];

/// Certificate policies: a name, and the validation level the CA/Browser Forum's (or a
/// CA's own) policy OID stands for.
const POLICIES: &[(Oid<'static>, Option<&str>, Option<ValidationLevel>)] = &[
    (
        oid!(2.23.140.1.2.1),
        Some("CA/B Forum domain validated"),
        Some(ValidationLevel::Dv),
    ),
    (
        oid!(2.23.140.1.2.2),
        Some("CA/B Forum organization validated"),
        Some(ValidationLevel::Ov),
    ),
    (
        oid!(2.23.140.1.2.3),
        Some("CA/B Forum individual validated"),
        Some(ValidationLevel::Iv),
    ),
    (
        oid!(2.23.140.1.1),
        Some("CA/B Forum extended validation"),
        Some(ValidationLevel::Ev),
    ),
    (ANY_POLICY, Some("anyPolicy"), None),
    (
        oid!(1.3.6.1.4.1.44947.1.1.1),
        Some("ISRG domain validated"),
        Some(ValidationLevel::Dv),
    ),
    (oid!(2.16.840.1.114412.2.1), None, Some(ValidationLevel::Ev)), // DigiCert EV
    (oid!(2.16.840.1.114412.1.1), None, Some(ValidationLevel::Ov)), // DigiCert OV
    (oid!(1.3.6.1.4.1.4146.1.1), None, Some(ValidationLevel::Ev)),  // GlobalSign EV
    (
        oid!(1.3.6.1.4.1.6449.1.2.1.5.1),
        None,
        Some(ValidationLevel::Ev),
    ), // Sectigo EV
    (
        oid!(2.16.840.1.114028.10.1.2),
        None,
        Some(ValidationLevel::Ev),
    ), // Entrust EV
];

/// Extended key usages beyond those x509-parser names itself.
const KEY_PURPOSES: &[(Oid<'static>, &str)] = &[
    (oid!(1.3.6.1.4.1.311.10.3.3), "msSGC"),
    (oid!(2.16.840.1.113730.4.1), "nsSGC"),
    // RFC 6962 3.1: a CA's key that signs precertificates for Certificate Transparency.
    (oid!(1.3.6.1.4.1.11129.2.4.4), "precertificateSigning"),
];

/// Named elliptic curves: a name, a size, and whether signatures on it are checked here.
const CURVES: &[(Oid<'static>, &str, u32, Curve)] = &[
    (OID_EC_P256, "P-256", 256, Curve::P256),
    (OID_NIST_EC_P384, "P-384", 384, Curve::P384),
    (OID_NIST_EC_P521, "P-521", 521, Curve::Other),
    (oid!(1.3.132.0.10), "secp256k1", 256, Curve::Other),
    (oid!(1.2.840.10045.3.1.1), "P-192", 192, Curve::Other),
    (oid!(1.3.132.0.33), "P-224", 224, Curve::Other),
];

/// Public key algorithms.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum KeyKind {
    /// rsaEncryption.
    Rsa,
    /// id-RSASSA-PSS (an RSA key restricted to PSS).
    RsaPss,
    /// id-ecPublicKey.
    Ec,
    /// Ed25519.
    Ed25519,
    /// Named, not verified with here.
    Other(&'static str),
}

const KEYS: &[(Oid<'static>, KeyKind)] = &[
    (OID_PKCS1_RSAENCRYPTION, KeyKind::Rsa),
    (OID_PKCS1_RSASSAPSS, KeyKind::RsaPss),
    (OID_KEY_TYPE_EC_PUBLIC_KEY, KeyKind::Ec),
    (OID_SIG_ED25519, KeyKind::Ed25519),
    (OID_SIG_ED448, KeyKind::Other("Ed448")),
    (oid!(1.2.840.10040.4.1), KeyKind::Other("DSA")),
];

fn find<'t, T>(table: &'t [(Oid<'static>, T)], oid: &Oid<'_>) -> Option<&'t T> {
    table.iter().find(|(o, _)| o == oid).map(|(_, v)| v)
}

/// Short name of a distinguished-name attribute type.
pub(crate) fn attribute_name(oid: &Oid<'_>) -> Option<&'static str> {
    find(ATTRIBUTES, oid).copied()
}

/// OpenSSL's name for a signature algorithm, and what it is.
pub(crate) fn signature(oid: &Oid<'_>) -> Option<(&'static str, SignatureKind)> {
    SIGNATURES
        .iter()
        .find(|(o, _, _)| o == oid)
        .map(|(_, name, kind)| (*name, *kind))
}

/// A hash algorithm.
pub(crate) fn hash(oid: &Oid<'_>) -> Option<Hash> {
    find(HASHES, oid).copied()
}

/// Name of an extension.
pub(crate) fn extension_name(oid: &Oid<'_>) -> Option<&'static str> {
    find(EXTENSIONS, oid).copied()
}

/// A certificate policy's name and validation level.
pub(crate) fn policy(oid: &Oid<'_>) -> (Option<&'static str>, Option<ValidationLevel>) {
    POLICIES
        .iter()
        .find(|(o, _, _)| o == oid)
        .map_or((None, None), |(_, name, level)| (*name, *level))
}

/// Name of an extended key usage x509-parser does not name itself.
pub(crate) fn key_purpose_name(oid: &Oid<'_>) -> Option<&'static str> {
    find(KEY_PURPOSES, oid).copied()
}

/// A named curve: its name, size and whether signatures on it are checked here.
pub(crate) fn curve(oid: &Oid<'_>) -> Option<(&'static str, u32, Curve)> {
    CURVES
        .iter()
        .find(|(o, _, _, _)| o == oid)
        .map(|(_, name, bits, curve)| (*name, *bits, *curve))
}

/// A public key algorithm.
pub(crate) fn key_kind(oid: &Oid<'_>) -> Option<KeyKind> {
    find(KEYS, oid).copied()
}

/// A name for an OID given by its DER content octets, from the tables above (an
/// attribute's short name, a signature algorithm, an extension, a curve, a key purpose;
/// not the policies, which the certificate's fields name): for the ASN.1 tree, which
/// reads raw DER.
pub(crate) fn name_of(content: &[u8]) -> Option<&'static str> {
    let is = |o: &Oid<'_>| o.as_bytes() == content;
    ATTRIBUTES
        .iter()
        .find(|(o, _)| is(o))
        .map(|(_, n)| *n)
        .or_else(|| {
            SIGNATURES
                .iter()
                .find(|(o, _, _)| is(o))
                .map(|(_, n, _)| *n)
        })
        .or_else(|| EXTENSIONS.iter().find(|(o, _)| is(o)).map(|(_, n)| *n))
        .or_else(|| {
            CURVES
                .iter()
                .find(|(o, _, _, _)| is(o))
                .map(|(_, n, _, _)| *n)
        })
        .or_else(|| KEY_PURPOSES.iter().find(|(o, _)| is(o)).map(|(_, n)| *n))
}

/// Whether an AIA access method is OCSP (RFC 5280 4.2.2.1).
pub(crate) fn is_ocsp(oid: &Oid<'_>) -> bool {
    *oid == OID_PKIX_ACCESS_DESCRIPTOR_OCSP
}

/// Whether an AIA access method is "CA Issuers" (RFC 5280 4.2.2.1).
pub(crate) fn is_ca_issuers(oid: &Oid<'_>) -> bool {
    *oid == OID_PKIX_ACCESS_DESCRIPTOR_CA_ISSUERS
}

#[cfg(test)]
#[allow(
    clippy::indexing_slicing,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::arithmetic_side_effects,
    reason = "tests index known fixtures and fail by panicking"
)]
mod tests {
    use super::*;

    // proptest is a native dev-dependency only.
    #[cfg(not(target_arch = "wasm32"))]
    proptest::proptest! {
        /// `dotted` writes what asn1-rs's `to_id_string` writes, for any content bytes:
        /// arcs of every length, arcs over 64 bits (hex), truncated last arcs.
        #[test]
        fn dotted_writes_what_asn1_rs_writes(bytes in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..24)) {
            let oid = Oid::new(std::borrow::Cow::Borrowed(&bytes));
            proptest::prop_assert_eq!(dotted(&oid), oid.to_id_string());
        }
    }

    #[test]
    fn dotted_names_known_oids() {
        assert_eq!(dotted(&OID_X509_COMMON_NAME), "2.5.4.3");
        assert_eq!(dotted(&OID_PKCS1_SHA256WITHRSA), "1.2.840.113549.1.1.11");
    }

    #[test]
    fn the_tables_name_what_openssl_names() {
        assert_eq!(
            signature(&OID_PKCS1_SHA256WITHRSA),
            Some((
                "sha256WithRSAEncryption",
                SignatureKind::RsaPkcs1(Hash::Sha256)
            ))
        );
        assert_eq!(attribute_name(&OID_X509_COMMON_NAME), Some("CN"));
        assert_eq!(
            extension_name(&OID_X509_EXT_BASIC_CONSTRAINTS),
            Some("basicConstraints")
        );
        assert_eq!(curve(&OID_NIST_EC_P521).map(|c| c.1), Some(521));
        assert_eq!(policy(&oid!(2.23.140.1.1)).1, Some(ValidationLevel::Ev));
        // No OID twice in one table.
        for (i, (a, _)) in EXTENSIONS.iter().enumerate() {
            assert!(!EXTENSIONS.iter().skip(i + 1).any(|(b, _)| a == b), "{a}");
        }
    }
}
