//! Names for the object identifiers the report shows (one table, one place).

/// Short name of a distinguished-name attribute type, as OpenSSL prints it.
pub(crate) fn attribute_name(oid: &str) -> Option<&'static str> {
    Some(match oid {
        "2.5.4.3" => "CN",
        "2.5.4.6" => "C",
        "2.5.4.7" => "L",
        "2.5.4.8" => "ST",
        "2.5.4.9" => "street",
        "2.5.4.10" => "O",
        "2.5.4.11" => "OU",
        "2.5.4.5" => "serialNumber",
        "2.5.4.4" => "SN",
        "2.5.4.42" => "GN",
        "2.5.4.12" => "title",
        "2.5.4.15" => "businessCategory",
        "2.5.4.17" => "postalCode",
        "2.5.4.97" => "organizationIdentifier",
        "2.5.4.46" => "dnQualifier",
        "1.2.840.113549.1.9.1" => "emailAddress",
        "0.9.2342.19200300.100.1.25" => "DC",
        "0.9.2342.19200300.100.1.1" => "UID",
        "1.3.6.1.4.1.311.60.2.1.1" => "jurisdictionL",
        "1.3.6.1.4.1.311.60.2.1.2" => "jurisdictionST",
        "1.3.6.1.4.1.311.60.2.1.3" => "jurisdictionC",
        _ => return None,
    })
}

/// Name of a signature algorithm OID (OpenSSL's long names where it has them).
pub(crate) fn signature_algorithm_name(oid: &str) -> Option<&'static str> {
    Some(match oid {
        "1.2.840.113549.1.1.2" => "md2WithRSAEncryption",
        "1.2.840.113549.1.1.4" => "md5WithRSAEncryption",
        "1.2.840.113549.1.1.5" => "sha1WithRSAEncryption",
        "1.2.840.113549.1.1.14" => "sha224WithRSAEncryption",
        "1.2.840.113549.1.1.11" => "sha256WithRSAEncryption",
        "1.2.840.113549.1.1.12" => "sha384WithRSAEncryption",
        "1.2.840.113549.1.1.13" => "sha512WithRSAEncryption",
        "1.2.840.113549.1.1.10" => "rsassaPss",
        "1.2.840.10045.4.1" => "ecdsa-with-SHA1",
        "1.2.840.10045.4.3.1" => "ecdsa-with-SHA224",
        "1.2.840.10045.4.3.2" => "ecdsa-with-SHA256",
        "1.2.840.10045.4.3.3" => "ecdsa-with-SHA384",
        "1.2.840.10045.4.3.4" => "ecdsa-with-SHA512",
        "1.3.101.112" => "ED25519",
        "1.3.101.113" => "ED448",
        "1.2.840.10040.4.3" => "dsaWithSHA1",
        "2.16.840.1.101.3.4.3.2" => "dsa_with_SHA256",
        _ => return None,
    })
}

/// Name of an extension OID.
pub(crate) fn extension_name(oid: &str) -> Option<&'static str> {
    Some(match oid {
        "2.5.29.14" => "subjectKeyIdentifier",
        "2.5.29.15" => "keyUsage",
        "2.5.29.17" => "subjectAltName",
        "2.5.29.18" => "issuerAltName",
        "2.5.29.19" => "basicConstraints",
        "2.5.29.30" => "nameConstraints",
        "2.5.29.31" => "cRLDistributionPoints",
        "2.5.29.32" => "certificatePolicies",
        "2.5.29.33" => "policyMappings",
        "2.5.29.35" => "authorityKeyIdentifier",
        "2.5.29.36" => "policyConstraints",
        "2.5.29.37" => "extKeyUsage",
        "2.5.29.54" => "inhibitAnyPolicy",
        "1.3.6.1.5.5.7.1.1" => "authorityInfoAccess",
        "1.3.6.1.5.5.7.1.11" => "subjectInfoAccess",
        "1.3.6.1.4.1.11129.2.4.2" => "ctEmbeddedScts",
        "1.3.6.1.4.1.11129.2.4.3" => "ctPrecertificatePoison",
        "2.16.840.1.113730.1.1" => "netscapeCertType",
        "2.16.840.1.113730.1.13" => "netscapeComment",
        "1.3.6.1.5.5.7.1.24" => "tlsFeature",
        "1.3.6.1.5.5.7.1.3" => "qcStatements",
        "1.3.6.1.4.1.311.21.7" => "msCertificateTemplate",
        "1.3.6.1.4.1.311.21.10" => "msApplicationPolicies",
        "1.3.6.1.4.1.311.20.2" => "msCertificateTemplateName",
        "1.3.6.1.4.1.311.21.1" => "msCaVersion",
        _ => return None,
    })
}

/// Validation level named by a certificate policy OID (CA/Browser Forum and common CAs).
pub(crate) fn policy_level(oid: &str) -> Option<&'static str> {
    Some(match oid {
        "2.23.140.1.2.1" => "dv",
        "2.23.140.1.2.2" => "ov",
        "2.23.140.1.2.3" => "iv",
        "2.23.140.1.1" => "ev",
        "1.3.6.1.4.1.44947.1.1.1" => "dv", // ISRG (Let's Encrypt) domain validated
        "2.16.840.1.114412.2.1" => "ev",   // DigiCert EV
        "2.16.840.1.114412.1.1" => "ov",   // DigiCert OV
        "1.3.6.1.4.1.4146.1.1" => "ev",    // GlobalSign EV
        "1.3.6.1.4.1.6449.1.2.1.5.1" => "ev", // Sectigo EV
        "2.16.840.1.114028.10.1.2" => "ev", // Entrust EV
        _ => return None,
    })
}

/// Name of a certificate policy OID.
pub(crate) fn policy_name(oid: &str) -> Option<&'static str> {
    Some(match oid {
        "2.23.140.1.2.1" => "CA/B Forum domain validated",
        "2.23.140.1.2.2" => "CA/B Forum organization validated",
        "2.23.140.1.2.3" => "CA/B Forum individual validated",
        "2.23.140.1.1" => "CA/B Forum extended validation",
        "2.5.29.32.0" => "anyPolicy",
        "1.3.6.1.4.1.44947.1.1.1" => "ISRG domain validated",
        _ => return None,
    })
}

/// Name of an extended key usage OID.
pub(crate) fn eku_name(oid: &str) -> Option<&'static str> {
    Some(match oid {
        "1.3.6.1.5.5.7.3.1" => "serverAuth",
        "1.3.6.1.5.5.7.3.2" => "clientAuth",
        "1.3.6.1.5.5.7.3.3" => "codeSigning",
        "1.3.6.1.5.5.7.3.4" => "emailProtection",
        "1.3.6.1.5.5.7.3.8" => "timeStamping",
        "1.3.6.1.5.5.7.3.9" => "OCSPSigning",
        "2.5.29.37.0" => "anyExtendedKeyUsage",
        "1.3.6.1.4.1.311.10.3.3" => "msSGC",
        "2.16.840.1.113730.4.1" => "nsSGC",
        _ => return None,
    })
}

/// Name of a named elliptic curve OID.
pub(crate) fn curve_name(oid: &str) -> Option<&'static str> {
    Some(match oid {
        "1.2.840.10045.3.1.7" => "P-256",
        "1.3.132.0.34" => "P-384",
        "1.3.132.0.35" => "P-521",
        "1.3.132.0.10" => "secp256k1",
        "1.2.840.10045.3.1.1" => "P-192",
        "1.3.132.0.33" => "P-224",
        _ => return None,
    })
}
