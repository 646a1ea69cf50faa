//! What a publicly trusted CA may not issue, as a dated table: each rule with the document
//! and section that states it and the date it took effect. A certificate issued (notBefore)
//! before that date is not held to the rule. These findings say what the CA did wrong;
//! they change no browser's verdict (the browser rules are in `judge.rs`). The lifetime
//! limits are one table here for both: the Baseline Requirements' steps, and Chromium's
//! check, which applies the steps from 2020-09-01 on ([`chromium_max_days`]).
//!
//! Each rule is also one of zlint's (github.com/zmap/zlint, `v3/lints/`), named beside it,
//! with the effective date zlint uses (`v3/util/time.go`), so the two can be compared; the
//! revocation rule, newer, is named after pkilint's validator instead. tests/cert_pkilint.rs
//! holds them all to pkilint on the fixtures.

use serde::{Deserialize, Serialize};

use super::fields::ValidationLevel;
use super::time::UnixTime;

/// A rule a certificate breaks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Rule {
    /// The serial number is zero or negative (RFC 5280 4.1.2.2: "The serial number MUST be
    /// a positive integer"). zlint `e_serial_number_not_positive`.
    SerialNotPositive,
    /// The serial number is longer than 20 octets (RFC 5280 4.1.2.2: "Conforming CAs MUST
    /// NOT use serialNumber values longer than 20 octets"). zlint
    /// `e_serial_number_longer_than_20_octets`.
    SerialTooLong,
    /// The serial number is shorter than 8 octets, so it cannot hold the 64 random bits
    /// the Baseline Requirements ask for (section 7.1, in force from 2016-09-30). zlint
    /// `w_serial_number_low_entropy` had the same test (fewer than 8 octets) until zlint
    /// lowered it to a notice in 2024.
    SerialTooShort,
    /// A DNS name contains an underscore (Baseline Requirements 7.1.4.2.1, ballot SC12,
    /// BR 1.6.2: not allowed from 2019-04-01). zlint
    /// `e_underscore_not_permissible_in_dnsname`.
    UnderscoreInDnsName,
    /// A DNS name not in the preferred name syntax (RFC 5280 4.2.1.6, which takes RFC 1034
    /// 3.5 as RFC 1123 2.1 relaxed it; Baseline Requirements 7.1.4.2.1, and 7.1.2.7.12
    /// since 2.0.0): a label that is empty (`a..example.com`, a final dot), longer than 63
    /// characters, holds a character other than letters, digits and hyphens, or begins or
    /// ends with a hyphen. A leading `*.` is a wildcard's; underscores and misplaced
    /// wildcards have their own rules ([`Rule::UnderscoreInDnsName`],
    /// [`Rule::WildcardMisplaced`]). zlint `e_dnsname_bad_character_in_label`,
    /// `e_dnsname_label_too_long`, `e_dnsname_empty_label`; pkilint
    /// `cabf.serverauth.invalid_dnsname_syntax`.
    DnsNameSyntax,
    /// A DNS name with a reserved label (`ab--cd`: hyphens as its third and fourth
    /// characters) that is not a P-label, `xn--` followed by what RFC 3492's Punycode
    /// decodes (Baseline Requirements 7.1.4.2.1 and 7.1.2.7.12: "FQDNs MUST consist solely
    /// of Domain Labels that are P-Labels or Non-Reserved LDH Labels", from 2021-10-01,
    /// ballot SC-048). zlint `e_dnsname_contains_prohibited_reserved_label`
    /// (`NoReservedDomainLabelsDate`); pkilint
    /// `cabf.serverauth.dnsname_contains_prohibited_reserved_label` and
    /// `cabf.serverauth.invalid_plabel_encoding`.
    DnsNameReservedLabel,
    /// The subject common name is not one of the subjectAltName entries (Baseline
    /// Requirements 7.1.4.2.2, in force since the first version, 2012-07-01; 7.1.4.3 since
    /// 2.0.0: "If present, this attribute MUST contain exactly one entry that is one of the
    /// values contained in the Certificate's subjectAltName extension"). zlint
    /// `e_subject_common_name_not_from_san`.
    CommonNameNotInSan,
    /// An RSA key under 2048 bits in a certificate still valid on 2014-01-01 (Baseline
    /// Requirements 6.1.5). zlint `e_rsa_mod_less_than_2048_bits` (applies when notAfter is
    /// on or after `NoRSA1024Date`).
    #[serde(rename = "rsa_key_under_2048")]
    RsaKeyUnder2048,
    /// A subjectAltName IP address from a reserved range (private, loopback, link-local,
    /// documentation, …: IANA's special-purpose registries) in a certificate expiring after
    /// 2015-11-01 (Baseline Requirements 7.1.4.2.1). zlint `e_ext_san_contains_reserved_ip`
    /// (`NoReservedIP`; its ranges are in `v3/util/ip.go`).
    ReservedIpAddress,
    /// A subjectAltName DNS name that is an internal name (Baseline Requirements 1.1.6 and
    /// 7.1.4.2.1: a name that "does not end with a Top Level Domain registered in IANA's Root
    /// Zone Database") in a certificate expiring after 2015-11-01, as for reserved
    /// addresses. Recognised without a copy of the root zone: a name of one label
    /// (`intranet`), or one under a name set aside so that it is never delegated
    /// ([`INTERNAL_SUFFIXES`]). zlint checks the root zone itself (`e_dnsname_not_valid_tld`).
    InternalName,
    /// Valid for longer than the Baseline Requirements allow for its issue date (section
    /// 6.3.2: 39 months, then 825 days, 398 days, and under ballot SC-081 200, 100 and 47
    /// days; [`LIFETIMES`]). zlint `e_sub_cert_valid_time_longer_than_39_months`,
    /// `…_825_days`, `e_tls_server_cert_valid_time_longer_than_398_days` and SC-081's.
    LifetimeTooLong,
    /// No extKeyUsage extension (Baseline Requirements 7.1.2.3: "extKeyUsage (required)";
    /// since the first version). zlint `e_sub_cert_eku_missing`.
    ExtKeyUsageMissing,
    /// anyExtendedKeyUsage in a subscriber certificate (Baseline Requirements 7.1.2.3:
    /// "The value anyExtendedKeyUsage MUST NOT be present"). zlint
    /// `w_sub_cert_eku_extra_values` (any value but serverAuth, clientAuth and
    /// emailProtection).
    AnyExtendedKeyUsage,
    /// A CA certificate in the chain without a keyUsage extension (RFC 5280 4.2.1.3:
    /// "Conforming CAs MUST include this extension in certificates that contain public
    /// keys that are used to validate digital signatures on other public key certificates
    /// or CRLs"; Baseline Requirements 7.1.2.1). zlint `e_ca_key_usage_missing`. Held to
    /// the chain's authorities, not the leaf ([`Rule::for_authorities`]).
    CaKeyUsageMissing,
    /// A CA certificate in the chain whose basicConstraints extension is not marked
    /// critical (RFC 5280 4.2.1.9: "Conforming CAs MUST include this extension in all CA
    /// certificates that contain public keys used to validate digital signatures on
    /// certificates and MUST mark the extension as critical in such certificates"; RFC
    /// 2459 4.2.1.10 already said so). Browsers accept it; a client that skips non-critical
    /// extensions it does not know would not see that the key may sign certificates at
    /// all. zlint `e_basic_constraints_not_critical` (from RFC 2459, 1999-01-01); pkilint
    /// `cabf.serverauth.ca.non_critical_basic_constraints_extension`. Held to the chain's
    /// authorities.
    CaBasicConstraintsNotCritical,
    /// A CA certificate in the chain whose keyUsage is not marked critical, or lacks
    /// keyCertSign or cRLSign (Baseline Requirements 7.1.2.1 b for roots and 7.1.2.2 e
    /// for subordinate CAs before 2.0.0, 7.1.2.10.7 and 7.1.2.6 since: "This extension
    /// MUST be present and MUST be marked critical. Bit positions for keyCertSign and
    /// cRLSign MUST be set"; since the first version, 2012-07-01). Without cRLSign the CA
    /// cannot sign the revocation list for the certificates it issues. zlint
    /// `e_ca_key_usage_not_critical`, `e_ca_key_cert_sign_not_set` and
    /// `e_ca_crl_sign_not_set`. Held to the chain's authorities (when keyUsage is missing
    /// altogether, [`Rule::CaKeyUsageMissing`] says so instead).
    CaKeyUsageIncomplete,
    /// A subordinate CA's certificate in the chain without an extKeyUsage extension
    /// (Mozilla Root Store Policy 5.3, since version 2.6: "Intermediate certificates created
    /// after January 1, 2019, with the exception of cross-certificates that share a private
    /// key with a corresponding root certificate: MUST contain an EKU extension"; the
    /// Baseline Requirements say so too from 2.0.0, sections 7.1.2.6.1 and 7.1.2.10.6).
    /// Without one the CA's key may sign certificates for any purpose, so the root program
    /// cannot tell a website CA from an e-mail or code-signing one. zlint
    /// `n_sub_ca_eku_missing` (a notice only); pkilint
    /// `cabf.serverauth.ca.extended_key_usage_extension_absent`. Held to the chain's
    /// authorities that are not self-issued and do not share their key with a root
    /// (`Authority::cross_certificate`).
    SubCaExtKeyUsageMissing,
    /// A subordinate CA's certificate in the chain whose extKeyUsage holds
    /// anyExtendedKeyUsage (Mozilla Root Store Policy 5.3, as for
    /// [`Rule::SubCaExtKeyUsageMissing`]: "MUST NOT include the anyExtendedKeyUsage
    /// KeyPurposeId", cross-certificates that share a root's key excepted). pkilint
    /// `cabf.serverauth.ca.anyeku_eku_present`; zlint `e_ca_invalid_eku`
    /// (anyExtendedKeyUsage beside another value).
    SubCaAnyExtendedKeyUsage,
    /// A subordinate CA's certificate in the chain that may issue for websites
    /// (serverAuth in its extKeyUsage) and also for e-mail, code or time stamps
    /// (emailProtection, codeSigning, timeStamping: Baseline Requirements 1.7.1 section
    /// 7.1.2.2 g, "MUST NOT be present", from 2020-08-20; the Mozilla Root Store Policy
    /// asked the same of emailProtection from 2019), and, in certificates issued from
    /// 2023-09-15, OCSP signing or precertificate signing (the table of section 7.1.2.10.6,
    /// Baseline Requirements 2.0.0). zlint `e_ca_invalid_eku`; pkilint
    /// `cabf.serverauth.ca.*_eku_present`. Held to the chain's authorities that are not
    /// self-issued.
    SubCaExtKeyUsageMixed,
    /// Neither CRL distribution points nor an OCSP address in the authority information
    /// access, in a certificate that is not short-lived (Baseline Requirements 2.0.0,
    /// ballot SC-062, section 7.1.2.11.2: "The CRL Distribution Points extension MUST be
    /// present in ... Subscriber Certificates that 1) do not qualify as Short-lived
    /// Subscriber Certificates and 2) do not include an Authority Information Access
    /// extension with an id-ad-ocsp accessMethod"; in force for certificates issued from
    /// 2023-09-15). Short-lived (section 1.6.1): at most 10 days when issued from
    /// 2024-03-15, at most 7 days from 2026-03-15. pkilint
    /// `SubscriberRevocationInformationPresenceValidator`
    /// (`cabf.serverauth.subscriber.revocation_information_absent`). Since ballot SC-063
    /// the OCSP address is optional, so a CRL address alone is enough.
    RevocationInformationMissing,
    /// A DNS name (a subjectAltName dNSName or the subject's common name) with `*` anywhere
    /// but as the whole left-most label: `f*.example.com`, `www.*.example.com`, `*` alone.
    /// The Baseline Requirements (section 1.6.1) allow only a Wildcard Domain Name, "a
    /// string starting with "*." (U+002A ASTERISK, U+002E FULL STOP) immediately followed
    /// by a Fully-Qualified Domain Name"; browsers match nothing else (RFC 6125 6.4.3,
    /// Chromium's `X509Certificate::VerifyHostname`). zlint
    /// `e_dnsname_wildcard_only_in_left_label` and `e_dnsname_left_label_wildcard_correct`
    /// (both from 2012-07-01, names and common name alike); pkilint
    /// `cabf.serverauth.invalid_dnsname_syntax` (section 7.1.2.7.12).
    WildcardMisplaced,
    /// A wildcard right over a registry-controlled suffix (the Public Suffix List's ICANN
    /// section): `*.co.jp`, `*.com`. Section 3.2.2.6: the CA "MUST refuse issuance unless
    /// the Applicant proves its rightful control of the entire Domain Namespace", so zlint
    /// only notes it (`n_dnsname_wildcard_left_of_public_suffix`, a notice since 2020, a
    /// warning before; from 2012-07-01, names and common name alike). Chromium never matches such a name
    /// ([`super::hostname`]).
    WildcardOverRegistrySuffix,
    /// No `http://` OCSP address in the authority information access, in a certificate
    /// issued before the Baseline Requirements 2.0.0: until then section 7.1.2.3 said of
    /// authorityInformationAccess "This extension MUST be present. It MUST NOT be marked
    /// critical, and it MUST contain the HTTP URL of the Issuing CA's OCSP responder".
    /// zlint `e_sub_cert_aia_does_not_contain_ocsp_url` (from 2012-07-01 until
    /// `CABFBRs_2_0_0_Date`, 2023-09-15). From then on [`Rule::RevocationInformationMissing`]
    /// holds instead, and ballot SC-063 made OCSP optional.
    OcspAddressMissing,
    /// No authorityInformationAccess extension at all (Baseline Requirements 7.1.2.3
    /// before 2.0.0, 7.1.2.7.7 since: "This extension MUST be present"), so a client that
    /// fetches a missing intermediate has no address to fetch it from. zlint
    /// `e_sub_cert_aia_missing` (from 2012-07-01); pkilint
    /// `cabf.serverauth.subscriber.authority_info_access_extension_absent`.
    AuthorityInfoAccessMissing,
    /// No certificatePolicies extension (Baseline Requirements 7.1.2.3 before 2.0.0,
    /// 7.1.2.7.9 since: "This extension MUST be present"), so the certificate does not say
    /// under which policy (domain, organisation or extended validation) it was issued.
    /// zlint `e_sub_cert_certificate_policies_missing` (from 2012-07-01); pkilint
    /// `cabf.serverauth.subscriber.certificate_policies_extension_absent`.
    CertificatePoliciesMissing,
    /// No authorityKeyIdentifier extension in a certificate that is not self-signed (RFC
    /// 5280 4.2.1.1: "The keyIdentifier field of the authorityKeyIdentifier extension MUST
    /// be included in all certificates generated by conforming CAs to facilitate
    /// certification path construction", self-signed certificates excepted). zlint
    /// `e_ext_authority_key_identifier_missing` (from RFC 2459, 1999-01-01); pkilint
    /// `cabf.serverauth.subscriber.authority_key_identifier_extension_absent`.
    AuthorityKeyIdMissing,
    /// keyUsage bits a site certificate may not have. keyCertSign or cRLSign, which only a
    /// CA's key needs (Baseline Requirements 7.1.2.3 before 2.0.0: "bit positions for
    /// keyCertSign and cRLSign MUST NOT be set"; zlint `e_sub_cert_key_usage_cert_sign_bit_set`
    /// and `e_sub_cert_key_usage_crl_sign_bit_set`, from 2012-07-01); and, for certificates
    /// issued from the Baseline Requirements 2.0.0 on (section 7.1.2.7.11), any bit outside
    /// the table for the key: digitalSignature, keyEncipherment or dataEncipherment for RSA,
    /// digitalSignature or keyAgreement for an elliptic-curve key. pkilint
    /// `cabf.serverauth.subscriber_prohibited_ku_present` (`SubscriberKeyUsageValidator`).
    KeyUsageProhibited,
    /// An extension marked critical where the Baseline Requirements 2.0.0 say it must not
    /// be, or not marked where they say it must (section 7.1.2.7.6, the table of subscriber
    /// certificate extensions: [`SUBSCRIBER_CRITICALITY`]), for certificates issued from
    /// 2023-09-15. A client that does not know a critical extension must refuse the
    /// certificate (RFC 5280 4.2), so a wrongly critical one can lock clients out. pkilint
    /// `cabf.serverauth.subscriber.non_critical_*_extension` and `critical_*_extension`
    /// (`SubscriberExtensionCriticalityValidator`, serverauth_subscriber.py).
    ExtensionCriticality,
    /// An organizationalUnitName (OU) in the subject, in a certificate issued from
    /// 2022-09-01 (Baseline Requirements 7.1.4.2.2 i, ballot SC47v2; since 2.0.0 the subject
    /// tables of 7.1.2.7.2 to 7.1.2.7.4 leave it out for every kind of validation). The CA
    /// verified nothing in that field, yet a reader could take it for checked. zlint
    /// `e_organizational_unit_name_prohibited` (from `CABFBRs_OU_Prohibited_Date`); pkilint
    /// `cabf.serverauth.ov.organizational_unit_name_attribute_present` and its `iv` twin.
    OrganizationalUnitPresent,
    /// A domain-validated certificate whose subject holds more than a country and a common
    /// name, issued from 2023-09-15: the Baseline Requirements 2.0.0's subject table for
    /// domain validation (7.1.2.7.2) allows countryName (MAY) and commonName (NOT
    /// RECOMMENDED) and nothing else, since the CA checked only control of the domain. A
    /// certificate whose policies claim no organisation, individual or extended validation
    /// is held to that table, as pkilint holds it (`_determine_subscriber_certificate_type`:
    /// "unknown certificate types are considered to be DV Subscriber certs"). pkilint
    /// `cabf.serverauth.dv.unknown_attribute_present`
    /// (`DvSubcriberAttributeAllowanceValidator`, serverauth_subscriber.py).
    DomainValidatedSubject,
    /// The same attribute twice in the subject, in a certificate issued from 2023-09-15
    /// (Baseline Requirements 2.0.0, 7.1.4.1: "Each Name MUST NOT contain more than one
    /// instance of a given AttributeTypeAndValue across all RelativeDistinguishedNames
    /// unless explicitly allowed"). The subject tables allow several streetAddress
    /// attributes except under domain validation (7.1.2.7.3, 7.1.2.7.4), and several
    /// domainComponent attributes under organisation validation (7.1.2.7.4). pkilint
    /// `cabf.serverauth.prohibited_duplicate_attribute_type`
    /// (`ServerauthDuplicateAttributeTypeValidator`, serverauth_name.py).
    DuplicateSubjectAttribute,
    /// A subject attribute written in a string type other than UTF8String or
    /// PrintableString (a countryName other than PrintableString), in a certificate issued
    /// from 2023-09-15 (Baseline Requirements 2.0.0, 7.1.4.2, the encoding column of its
    /// table). RFC 5280 4.1.2.4 already asked for the two ("CAs conforming to this profile
    /// MUST use either the PrintableString or UTF8String encoding of DirectoryString"), but
    /// let a CA keep the TeletexString, BMPString or UniversalString it had used before.
    /// A client may show such a value wrongly: TeletexString's character set is read as
    /// Latin-1 by most. pkilint `cabf.serverauth.attribute_value_invalid_encoding_type`
    /// (`AttributeValueDirectoryStringValidator`, serverauth_name.py, [`DIRECTORY_STRINGS`]);
    /// the countryName case is the BR table's alone (pkilint reports such a country as a
    /// value it cannot decode).
    SubjectAttributeEncoding,
    /// A certificate whose policies claim organisation or individual validation, issued
    /// from 2023-09-15, whose subject lacks what the Baseline Requirements 2.0.0's table for
    /// it asks (MUST): for an organisation (7.1.2.7.4) countryName and organizationName, and
    /// no givenName or surname; for an individual (7.1.2.7.3) countryName, givenName and
    /// surname; for both, stateOrProvinceName or localityName. What the CA validated is
    /// then not in the certificate for a reader to see. Extended validation has its own
    /// table in the EV Guidelines (9.2): [`Rule::ExtendedValidationSubject`]. pkilint
    /// `OvSubscriberAttributeAllowanceValidator`, `IvSubscriberAttributeAllowanceValidator`
    /// and `IdentityCertificateStateProvinceAndLocalityPresenceValidator`
    /// (serverauth_subscriber.py).
    IdentitySubjectIncomplete,
    /// A certificate whose policies claim extended validation, issued from 2023-09-15,
    /// whose subject is not what the EV Guidelines' section 9.2 asks (as ballot SC-062
    /// wrote it into the EV Guidelines 1.8.0 beside the Baseline Requirements 2.0.0): it
    /// lacks one of countryName, organizationName, businessCategory, serialNumber (the
    /// registration number) or jurisdictionCountryName (9.2.1 to 9.2.5), names neither a
    /// state nor a locality (9.2.6), names a jurisdiction locality without its state or
    /// province (9.2.4), or carries an attribute the section does not list (an
    /// organizational unit, a person's name…; [`EV_SUBJECT`]). The EV indicator promised
    /// the reader exactly these facts about the organisation. pkilint
    /// `EvSubscriberAttributeAllowanceValidator` (`cabf.ev_guidelines.*`),
    /// `EvSubscriberJurisdictionPresenceValidator` and
    /// `IdentityCertificateStateProvinceAndLocalityPresenceValidator`
    /// (serverauth_subscriber.py).
    ExtendedValidationSubject,
    /// Subject attributes out of the order the Baseline Requirements 2.0.0 fix (7.1.4.1:
    /// "Each RelativeDistinguishedName, if present, is encoded within the RDNSequence in
    /// the order that it appears in Section 7.1.4.2": [`SUBJECT_ORDER`], domainComponent
    /// and country first, common name last), in a certificate issued from 2023-09-15.
    /// Software that shows a subject as written shows a scrambled name. pkilint
    /// `cabf.serverauth.invalid_rdn_order` (`AttributeOrderEncodingValidator`,
    /// serverauth_name.py), which reads each RDN's first attribute; this rule reads them
    /// all, which differs only for an RDN of several, which [`Rule::MultiValuedRdn`]
    /// names.
    SubjectAttributeOrder,
    /// A RelativeDistinguishedName of the subject holding more than one attribute (a
    /// multi-valued RDN, `CN=a+O=b`), in a certificate issued from 2023-09-15 (Baseline
    /// Requirements 2.0.0, 7.1.4.1: "Each RelativeDistinguishedName MUST contain exactly
    /// one AttributeTypeAndValue"). The order inside such an RDN is the encoder's (a SET),
    /// so two programs can show the same name differently. pkilint
    /// `cabf.serverauth.rdn_contains_multiple_atvs`
    /// (`ServerauthRelativeDistinguishedNameContainsOneElementValidator`).
    MultiValuedRdn,
    /// A subject organizationIdentifier (2.5.4.97) not written as the EV Guidelines'
    /// section 9.2.8 asks, in force from 2020-01-31 (zlint `CABFEV_Sec9_2_8_Date`): a
    /// registration scheme (`NTR` a national trade register, `VAT` a VAT number, `PSD` a
    /// payment service licence), the registering country's ISO 3166-1 code (for VAT also
    /// `EL` and `XI`), for NTR optionally `+` and a two-letter state or province, then `-`
    /// and the registration reference: `NTRJP-0110-01-012345`. In a UTF8String or
    /// PrintableString. pkilint `cabf.invalid_subject_organization_identifier_format` and
    /// its neighbours (`cabf/cabf_name.py`, which holds every TLS certificate to it).
    OrganizationIdentifierFormat,
}

/// The subject attributes the rules name (RFC 5280 appendix A, X.520, RFC 4519).
const COMMON_NAME: &str = "2.5.4.3";
const SURNAME: &str = "2.5.4.4";
const COUNTRY: &str = "2.5.4.6";
const LOCALITY: &str = "2.5.4.7";
const STATE_OR_PROVINCE: &str = "2.5.4.8";
const STREET_ADDRESS: &str = "2.5.4.9";
const ORGANIZATION: &str = "2.5.4.10";
const ORGANIZATIONAL_UNIT: &str = "2.5.4.11";
const GIVEN_NAME: &str = "2.5.4.42";
const DOMAIN_COMPONENT: &str = "0.9.2342.19200300.100.1.25";
const SERIAL_NUMBER: &str = "2.5.4.5";
const BUSINESS_CATEGORY: &str = "2.5.4.15";
/// The EV Guidelines' jurisdiction attributes (9.2.4; Microsoft's arc, 1.3.6.1.4.1.311.60).
const JURISDICTION_LOCALITY: &str = "1.3.6.1.4.1.311.60.2.1.1";
const JURISDICTION_STATE_OR_PROVINCE: &str = "1.3.6.1.4.1.311.60.2.1.2";
const JURISDICTION_COUNTRY: &str = "1.3.6.1.4.1.311.60.2.1.3";

/// The order the Baseline Requirements 2.0.0 (7.1.4.2, as 7.1.4.1 requires) fix for the
/// subject attributes it lists, as pkilint reads the table
/// (`AttributeOrderEncodingValidator._ENFORCED_ATTRIBUTE_TYPE_OIDS`): domainComponent,
/// country, state, locality, postal code, street address, organisation, surname, given
/// name, organisational unit, common name. Others may stand anywhere.
pub const SUBJECT_ORDER: [&str; 11] = [
    DOMAIN_COMPONENT,
    COUNTRY,
    STATE_OR_PROVINCE,
    LOCALITY,
    "2.5.4.17",
    STREET_ADDRESS,
    ORGANIZATION,
    SURNAME,
    GIVEN_NAME,
    ORGANIZATIONAL_UNIT,
    COMMON_NAME,
];

/// The subject attributes an extended-validation certificate may carry (EV Guidelines
/// 9.2, the table pkilint holds: `EvSubscriberAttributeAllowanceValidator`); the first
/// five it must ([`Rule::ExtendedValidationSubject`]).
pub const EV_SUBJECT: [&str; 13] = [
    COUNTRY,
    ORGANIZATION,
    BUSINESS_CATEGORY,
    SERIAL_NUMBER,
    JURISDICTION_COUNTRY,
    STATE_OR_PROVINCE,
    LOCALITY,
    "2.5.4.97",
    "2.5.4.17",
    STREET_ADDRESS,
    JURISDICTION_STATE_OR_PROVINCE,
    JURISDICTION_LOCALITY,
    COMMON_NAME,
];

/// The subject attributes whose value the Baseline Requirements 2.0.0 (7.1.4.2) let a CA
/// write only as a UTF8String or a PrintableString: the list pkilint checks
/// (serverauth_name.py, `AttributeValueDirectoryStringValidator`). stateOrProvinceName,
/// localityName, postalCode, streetAddress, organizationName, surname, givenName,
/// organizationalUnitName, commonName, businessCategory, the EV Guidelines' jurisdiction
/// state and locality (9.2.4), organizationIdentifier.
pub const DIRECTORY_STRINGS: [&str; 13] = [
    STATE_OR_PROVINCE,
    LOCALITY,
    "2.5.4.17",
    STREET_ADDRESS,
    ORGANIZATION,
    SURNAME,
    GIVEN_NAME,
    ORGANIZATIONAL_UNIT,
    COMMON_NAME,
    BUSINESS_CATEGORY,
    JURISDICTION_STATE_OR_PROVINCE,
    JURISDICTION_LOCALITY,
    ORGANIZATION_IDENTIFIER,
];

/// The subject's organizationIdentifier attribute (X.520, 2.5.4.97).
pub(crate) const ORGANIZATION_IDENTIFIER: &str = "2.5.4.97";

/// ASN.1 universal tags of the two string types [`Rule::SubjectAttributeEncoding`] allows
/// (X.680 8.4).
const UTF8_STRING: u32 = 12;
const PRINTABLE_STRING: u32 = 19;

/// The extensions the rules name, by dotted OID (RFC 5280 4.2, RFC 6962 3.3).
pub(crate) const KEY_USAGE: &str = "2.5.29.15";
pub(crate) const BASIC_CONSTRAINTS: &str = "2.5.29.19";
pub(crate) const AUTHORITY_INFO_ACCESS: &str = "1.3.6.1.5.5.7.1.1";
pub(crate) const AUTHORITY_KEY_IDENTIFIER: &str = "2.5.29.35";
pub(crate) const CERTIFICATE_POLICIES: &str = "2.5.29.32";
pub(crate) const EXT_KEY_USAGE: &str = "2.5.29.37";
pub(crate) const CRL_DISTRIBUTION_POINTS: &str = "2.5.29.31";
pub(crate) const SCT_LIST: &str = "1.3.6.1.4.1.11129.2.4.2";
pub(crate) const SUBJECT_KEY_IDENTIFIER: &str = "2.5.29.14";

/// Which extensions of a subscriber certificate are critical (true) and which are not
/// (Baseline Requirements 2.0.0, section 7.1.2.7.6), by OID: keyUsage and basicConstraints
/// critical; authorityInformationAccess, authorityKeyIdentifier, certificatePolicies,
/// extKeyUsage, cRLDistributionPoints, the SCT list and subjectKeyIdentifier not. The table
/// pkilint checks (serverauth_subscriber.py, `_CRITICALITY_MAPPING`); subjectAltName's
/// criticality depends on the subject, and is left out as pkilint leaves it.
pub const SUBSCRIBER_CRITICALITY: [(&str, bool); 9] = [
    (KEY_USAGE, true),
    (BASIC_CONSTRAINTS, true),
    (AUTHORITY_INFO_ACCESS, false),
    (AUTHORITY_KEY_IDENTIFIER, false),
    (CERTIFICATE_POLICIES, false),
    (EXT_KEY_USAGE, false),
    (CRL_DISTRIBUTION_POINTS, false),
    (SCT_LIST, false),
    (SUBJECT_KEY_IDENTIFIER, false),
];

/// The longest a subscriber certificate may be valid.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lifetime {
    /// Whole days.
    Days(u32),
    /// Calendar months from the day it is issued.
    Months(u32),
}

/// The Baseline Requirements' lifetime limits (section 6.3.2), newest first: certificates
/// issued (notBefore) on or after each date may be valid at most this long. The dates are
/// zlint's (`v3/util/time.go`: `CABF_SC081_*_MILESTONE`, `AppleReducedLifetimeDate`,
/// `SubCert825Days`, `SubCert39Month`).
pub const LIFETIMES: [(UnixTime, Lifetime); 6] = [
    (UnixTime(1_868_227_200), Lifetime::Days(47)), // 2029-03-15
    (UnixTime(1_805_068_800), Lifetime::Days(100)), // 2027-03-15
    (UnixTime(1_773_532_800), Lifetime::Days(200)), // 2026-03-15
    (CHROMIUM_FROM, Lifetime::Days(398)),          // 2020-09-01
    (UnixTime(1_519_948_800), Lifetime::Days(825)), // 2018-03-02
    (UnixTime(1_467_417_600), Lifetime::Months(39)), // 2016-07-02
];

/// 2020-09-01: from here on Chromium holds publicly trusted leaves to the table; anything
/// issued earlier to 398 days.
const CHROMIUM_FROM: UnixTime = UnixTime(1_598_918_400);

/// Chromium's `HasTooLongValidity` (net/cert/cert_verify_proc.cc), for a leaf issued at
/// `not_before`: the longest lifetime in days. The steps after 398 days follow ballot
/// SC-081 and are in Chromium's own check since 2026 (chromium/src commit 961e2179;
/// mitmproxy shortened its certificates to 199 days for it, mitmproxy PR #8142).
#[must_use]
pub fn chromium_max_days(not_before: i64) -> u32 {
    LIFETIMES
        .iter()
        .filter(|(from, _)| from.0 >= CHROMIUM_FROM.0)
        .find(|(from, _)| not_before >= from.0)
        .and_then(|(_, limit)| match limit {
            Lifetime::Days(days) => Some(*days),
            Lifetime::Months(_) => None,
        })
        .unwrap_or(398)
}

/// Chromium's limit in days when a leaf valid from `not_before` to `not_after` outlives it
/// (`HasTooLongValidity` compares the whole lifetime with the limit in seconds).
#[must_use]
pub fn chromium_too_long(not_before: i64, not_after: i64) -> Option<u32> {
    let limit = chromium_max_days(not_before);
    let lifetime = not_after.saturating_sub(not_before);
    (lifetime > i64::from(limit).saturating_mul(86_400)).then_some(limit)
}

/// Whether a certificate valid from `not_before` to `not_after` outlives what the Baseline
/// Requirements allowed on its issue date. A limit in days counts the validity period as
/// the BR define it, "from notBefore through notAfter, inclusive" (section 1.6.1, after
/// RFC 5280 4.1.2.5), and "any amount of time greater than [a day] … shall represent an
/// additional day" (6.3.2): notAfter exactly 398 days after notBefore is 398 days and one
/// second, one day too many (pkilint's `SubscriberValidityPeriodValidator` adds the second,
/// `inclusive_second=True`, and zlint's 398-day lints too: `certValidity :=
/// c.NotAfter.Add(1 * time.Second).Sub(c.NotBefore)`). zlint's 39-month
/// lint compares the dates alone (`c.NotBefore.AddDate(0, 39, 0).Before(c.NotAfter)`), and
/// so does this for months; its 825-day lint does too (`AddDate(0, 0, 825)`), so at
/// exactly 825 days this and pkilint flag what zlint lets pass.
fn lifetime_too_long(not_before: i64, not_after: i64) -> bool {
    let Some((_, limit)) = LIFETIMES.iter().find(|(from, _)| not_before >= from.0) else {
        return false;
    };
    match limit {
        Lifetime::Days(days) => {
            let period = not_after.saturating_sub(not_before).saturating_add(1);
            period > i64::from(*days).saturating_mul(86_400)
        }
        Lifetime::Months(months) => not_after > add_months(not_before, *months),
    }
}

/// `t` plus `months` calendar months, the day of the month kept (or the month's last day).
fn add_months(t: i64, months: u32) -> i64 {
    use crate::civil::{civil_from_days, days_from_civil, days_in_month, split_seconds};
    let (days, seconds) = split_seconds(t);
    let (year, month, day) = civil_from_days(days);
    let index = month.saturating_sub(1).saturating_add(i64::from(months));
    let (year, month) = (
        year.saturating_add(index.div_euclid(12)),
        index.rem_euclid(12).saturating_add(1),
    );
    let day = day.min(days_in_month(year, month));
    days_from_civil(year, month, day)
        .saturating_mul(86_400)
        .saturating_add(seconds)
}

/// Which certificates a rule holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    /// Those issued (notBefore) on or after the date.
    IssuedFrom(UnixTime),
    /// Those still valid (notAfter) on or after the date, whenever issued.
    ValidOn(UnixTime),
    /// Those expiring (notAfter) after the date.
    ExpiringAfter(UnixTime),
    /// Those issued (notBefore) on or after the first date and before the second.
    IssuedBetween(UnixTime, UnixTime),
}

/// Where a rule is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Document {
    /// RFC 5280, the Internet X.509 profile (which the Baseline Requirements adopt).
    Rfc5280,
    /// The CA/Browser Forum's Baseline Requirements for TLS server certificates.
    BaselineRequirements,
    /// The CA/Browser Forum's Guidelines for the Issuance and Management of Extended
    /// Validation Certificates (the EV Guidelines).
    EvGuidelines,
    /// Mozilla's Root Store Policy, which every CA in Firefox's root set must follow
    /// (github.com/mozilla/pkipolicy, `rootstore/policy.md`).
    MozillaRootStorePolicy,
}

/// A rule's source: document, section, and the date it applies from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Source {
    /// The document.
    pub document: Document,
    /// Its section. Where the Baseline Requirements 2.0.0 (2023-09-15) renumbered a rule
    /// that holds on both sides of that date, both numbers: before / since.
    pub section: &'static str,
    /// The certificates held to it.
    pub scope: Scope,
}

/// 1999-01-01: RFC 2459, the first Internet X.509 profile (zlint's `RFC2459Date`).
const RFC2459: UnixTime = UnixTime(915_148_800);
/// 2002-04-01: RFC 3280, whose 20-octet and positive-serial rules RFC 5280 kept (zlint's
/// `RFC3280Date`).
const RFC3280: UnixTime = UnixTime(1_017_619_200);
/// 2012-07-01: the Baseline Requirements take effect (zlint `CABEffectiveDate`).
const BR_EFFECTIVE: UnixTime = UnixTime(1_341_100_800);
/// 2016-09-30: 64 bits of CSPRNG output in serial numbers (ballot 164; zlint
/// `CABSerialNumberEntropyDate`).
const SERIAL_ENTROPY: UnixTime = UnixTime(1_475_193_600);
/// 2019-04-01: underscores no longer allowed in dNSName entries (ballot SC12; zlint
/// `CABFBRs_1_6_2_UnderscorePermissibilitySunsetDate`).
const NO_UNDERSCORE: UnixTime = UnixTime(1_554_076_800);
/// 2014-01-01: no RSA key under 2048 bits in a certificate valid from then (zlint
/// `NoRSA1024Date`).
const NO_RSA_1024: UnixTime = UnixTime(1_388_534_400);
/// 2022-09-01: no organizationalUnitName in a subscriber certificate's subject (ballot
/// SC47v2; zlint `CABFBRs_OU_Prohibited_Date`).
const NO_OU: UnixTime = UnixTime(1_661_990_400);
/// 2019-01-01: the Mozilla Root Store Policy 2.6 asks every new intermediate for an
/// extKeyUsage without anyExtendedKeyUsage (section 5.3).
const MOZILLA_SUB_CA_EKU: UnixTime = UnixTime(1_546_300_800);
/// 2020-08-20: the Baseline Requirements 1.7.1 (ballot SC31), whose section 7.1.2.2 g
/// lists what a subordinate CA for websites may not also be for (zlint
/// `CABFBRs_1_7_1_Date`).
const BR_1_7_1: UnixTime = UnixTime(1_597_881_600);
/// 2020-01-31: the EV Guidelines' section 9.2.8 (the organizationIdentifier's form) in
/// force (zlint `CABFEV_Sec9_2_8_Date`).
const EV_9_2_8: UnixTime = UnixTime(1_580_428_800);
/// 2021-10-01: only P-labels among reserved labels (ballot SC-048; zlint
/// `NoReservedDomainLabelsDate`).
const NO_RESERVED_LABELS: UnixTime = UnixTime(1_633_046_400);
/// 2023-09-15: the Baseline Requirements 2.0.0 (ballot SC-062, the certificate profiles)
/// take effect.
const BR_2_0: UnixTime = UnixTime(1_694_736_000);
/// 2024-03-15 and 2026-03-15: a certificate valid at most 10, then 7 days is short-lived
/// (Baseline Requirements 1.6.1) and needs no revocation information.
const SHORT_LIVED_10_DAYS: UnixTime = UnixTime(1_710_460_800);
const SHORT_LIVED_7_DAYS: UnixTime = UnixTime(1_773_532_800);
/// 2015-11-01: no reserved IP address or internal name in a certificate expiring later
/// (zlint `NoReservedIP`).
const NO_RESERVED_IP: UnixTime = UnixTime(1_446_336_000);
/// Names that are never delegated in the public DNS, so a name under one is internal:
/// RFC 6761 6.2–6.5 (`test`, `localhost`, `invalid`, `example`), RFC 6762 (`local`, mDNS),
/// RFC 8375 (`home.arpa`), ICANN's board resolutions 2018.02.04.12 (`corp`, `home`, `mail`
/// are not to be delegated) and 2024.07.29.06 (`internal`, for private use).
pub const INTERNAL_SUFFIXES: [&str; 10] = [
    "test",
    "localhost",
    "invalid",
    "example",
    "local",
    "home.arpa",
    "corp",
    "home",
    "mail",
    "internal",
];

/// Whether the DNS name `name` is an internal name as far as this module can tell: one
/// label, or under one of [`INTERNAL_SUFFIXES`] (a wildcard's `*.` and a final dot aside).
#[must_use]
pub fn is_internal_name(name: &str) -> bool {
    let name = name.trim_end_matches('.');
    let name = name.strip_prefix("*.").unwrap_or(name).as_bytes();
    if !name.contains(&b'.') {
        return true;
    }
    // Compared as bytes, ignoring ASCII case (without a lowercase copy per name: a
    // certificate may carry 10,000 of them).
    INTERNAL_SUFFIXES.iter().any(|suffix| {
        let Some(start) = name.len().checked_sub(suffix.len()) else {
            return false;
        };
        name.get(start..)
            .is_some_and(|end| end.eq_ignore_ascii_case(suffix.as_bytes()))
            && (start == 0 || name.get(start.wrapping_sub(1)) == Some(&b'.'))
    })
}

/// 2022-04-15: Chrome's Certificate Transparency policy counts by lifetime in days, not
/// months (googlechrome.github.io/CertificateTransparency/ct_policy.html;
/// components/certificate_transparency/chrome_ct_policy_enforcer.cc).
const CT_BY_DAYS: UnixTime = UnixTime(1_649_980_800);

/// How many embedded SCTs Chrome's CT policy asks of a publicly trusted certificate valid
/// from `not_before` to `not_after`: from 2022-04-15, 2 up to 180 days and 3 beyond;
/// before, by months: 2 under 15, 3 up to 27, 4 up to 39, 5 beyond. (SCTs may also come in
/// the TLS handshake or a stapled OCSP response, which a pasted chain does not show.)
#[must_use]
pub fn required_scts(not_before: i64, not_after: i64) -> usize {
    let days = not_after.saturating_sub(not_before) / 86_400;
    if not_before >= CT_BY_DAYS.0 {
        return if days <= 180 { 2 } else { 3 };
    }
    let months = |n: u32| not_after > add_months(not_before, n);
    match () {
        () if !months(15) => 2,
        () if !months(27) => 3,
        () if !months(39) => 4,
        () => 5,
    }
}

impl Rule {
    /// Every rule, in the order findings list them.
    pub const ALL: [Rule; 37] = [
        Rule::LifetimeTooLong,
        Rule::SerialNotPositive,
        Rule::SerialTooLong,
        Rule::SerialTooShort,
        Rule::RsaKeyUnder2048,
        Rule::UnderscoreInDnsName,
        Rule::DnsNameSyntax,
        Rule::DnsNameReservedLabel,
        Rule::WildcardMisplaced,
        Rule::WildcardOverRegistrySuffix,
        Rule::ReservedIpAddress,
        Rule::InternalName,
        Rule::CommonNameNotInSan,
        Rule::OrganizationalUnitPresent,
        Rule::DomainValidatedSubject,
        Rule::IdentitySubjectIncomplete,
        Rule::ExtendedValidationSubject,
        Rule::DuplicateSubjectAttribute,
        Rule::MultiValuedRdn,
        Rule::SubjectAttributeOrder,
        Rule::OrganizationIdentifierFormat,
        Rule::SubjectAttributeEncoding,
        Rule::KeyUsageProhibited,
        Rule::ExtKeyUsageMissing,
        Rule::AnyExtendedKeyUsage,
        Rule::CaKeyUsageMissing,
        Rule::CaBasicConstraintsNotCritical,
        Rule::CaKeyUsageIncomplete,
        Rule::SubCaExtKeyUsageMissing,
        Rule::SubCaAnyExtendedKeyUsage,
        Rule::SubCaExtKeyUsageMixed,
        Rule::OcspAddressMissing,
        Rule::RevocationInformationMissing,
        Rule::AuthorityInfoAccessMissing,
        Rule::CertificatePoliciesMissing,
        Rule::AuthorityKeyIdMissing,
        Rule::ExtensionCriticality,
    ];

    /// Whether the rule holds the chain's authorities rather than the leaf.
    #[must_use]
    pub fn for_authorities(self) -> bool {
        matches!(
            self,
            Rule::CaKeyUsageMissing
                | Rule::CaBasicConstraintsNotCritical
                | Rule::CaKeyUsageIncomplete
                | Rule::SubCaExtKeyUsageMissing
                | Rule::SubCaAnyExtendedKeyUsage
                | Rule::SubCaExtKeyUsageMixed
        )
    }

    /// Where the rule is written and when it took effect.
    #[must_use]
    pub fn source(self) -> Source {
        use Document::{BaselineRequirements as Br, EvGuidelines, MozillaRootStorePolicy, Rfc5280};
        use Scope::{ExpiringAfter, IssuedBetween, IssuedFrom, ValidOn};
        let (document, section, scope) = match self {
            Rule::SerialNotPositive | Rule::SerialTooLong => {
                (Rfc5280, "4.1.2.2", IssuedFrom(RFC3280))
            }
            Rule::SerialTooShort => (Br, "7.1", IssuedFrom(SERIAL_ENTROPY)),
            Rule::RsaKeyUnder2048 => (Br, "6.1.5", ValidOn(NO_RSA_1024)),
            Rule::UnderscoreInDnsName => (Br, "7.1.4.2.1", IssuedFrom(NO_UNDERSCORE)),
            Rule::DnsNameSyntax => (Br, "7.1.4.2.1 / 7.1.2.7.12", IssuedFrom(BR_EFFECTIVE)),
            Rule::DnsNameReservedLabel => {
                (Br, "7.1.4.2.1 / 7.1.2.7.12", IssuedFrom(NO_RESERVED_LABELS))
            }
            Rule::ReservedIpAddress | Rule::InternalName => {
                (Br, "7.1.4.2.1 / 7.1.2.7.12", ExpiringAfter(NO_RESERVED_IP))
            }
            Rule::LifetimeTooLong => (Br, "6.3.2", IssuedFrom(LIFETIMES[5].0)),
            Rule::CommonNameNotInSan => (Br, "7.1.4.2.2 / 7.1.4.3", IssuedFrom(BR_EFFECTIVE)),
            Rule::WildcardMisplaced => (Br, "1.6.1", IssuedFrom(BR_EFFECTIVE)),
            Rule::WildcardOverRegistrySuffix => (Br, "3.2.2.6", IssuedFrom(BR_EFFECTIVE)),
            Rule::ExtKeyUsageMissing | Rule::AnyExtendedKeyUsage => {
                (Br, "7.1.2.3 / 7.1.2.7.10", IssuedFrom(BR_EFFECTIVE))
            }
            Rule::CaKeyUsageMissing => (Rfc5280, "4.2.1.3", IssuedFrom(RFC3280)),
            Rule::CaBasicConstraintsNotCritical => (Rfc5280, "4.2.1.9", IssuedFrom(RFC2459)),
            Rule::CaKeyUsageIncomplete => (Br, "7.1.2.2 / 7.1.2.10.7", IssuedFrom(BR_EFFECTIVE)),
            Rule::SubCaExtKeyUsageMissing | Rule::SubCaAnyExtendedKeyUsage => (
                MozillaRootStorePolicy,
                "5.3",
                IssuedFrom(MOZILLA_SUB_CA_EKU),
            ),
            Rule::SubCaExtKeyUsageMixed => (Br, "7.1.2.2 / 7.1.2.10.6", IssuedFrom(BR_1_7_1)),
            Rule::RevocationInformationMissing => (Br, "7.1.2.11.2", IssuedFrom(BR_2_0)),
            Rule::OcspAddressMissing => (Br, "7.1.2.3", IssuedBetween(BR_EFFECTIVE, BR_2_0)),
            Rule::AuthorityInfoAccessMissing => {
                (Br, "7.1.2.3 / 7.1.2.7.7", IssuedFrom(BR_EFFECTIVE))
            }
            Rule::CertificatePoliciesMissing => {
                (Br, "7.1.2.3 / 7.1.2.7.9", IssuedFrom(BR_EFFECTIVE))
            }
            Rule::KeyUsageProhibited => (Br, "7.1.2.3 / 7.1.2.7.11", IssuedFrom(BR_EFFECTIVE)),
            Rule::AuthorityKeyIdMissing => (Rfc5280, "4.2.1.1", IssuedFrom(RFC2459)),
            Rule::ExtensionCriticality => (Br, "7.1.2.7.6", IssuedFrom(BR_2_0)),
            Rule::OrganizationalUnitPresent => (Br, "7.1.4.2.2 / 7.1.2.7.4", IssuedFrom(NO_OU)),
            Rule::DomainValidatedSubject => (Br, "7.1.2.7.2", IssuedFrom(BR_2_0)),
            Rule::DuplicateSubjectAttribute => (Br, "7.1.4.1", IssuedFrom(BR_2_0)),
            Rule::SubjectAttributeEncoding => (Br, "7.1.4.2", IssuedFrom(BR_2_0)),
            Rule::IdentitySubjectIncomplete => (Br, "7.1.2.7.3 / 7.1.2.7.4", IssuedFrom(BR_2_0)),
            Rule::ExtendedValidationSubject => (EvGuidelines, "9.2", IssuedFrom(BR_2_0)),
            Rule::OrganizationIdentifierFormat => (EvGuidelines, "9.2.8", IssuedFrom(EV_9_2_8)),
            Rule::SubjectAttributeOrder | Rule::MultiValuedRdn => {
                (Br, "7.1.4.1", IssuedFrom(BR_2_0))
            }
        };
        Source {
            document,
            section,
            scope,
        }
    }

    /// A stable name, for `inspect` and the locale files.
    #[must_use]
    pub fn code(self) -> &'static str {
        match self {
            Rule::SerialNotPositive => "serial_not_positive",
            Rule::SerialTooLong => "serial_too_long",
            Rule::SerialTooShort => "serial_too_short",
            Rule::UnderscoreInDnsName => "underscore_in_dns_name",
            Rule::DnsNameSyntax => "dns_name_syntax",
            Rule::DnsNameReservedLabel => "dns_name_reserved_label",
            Rule::CommonNameNotInSan => "common_name_not_in_san",
            Rule::RsaKeyUnder2048 => "rsa_key_under_2048",
            Rule::ReservedIpAddress => "reserved_ip_address",
            Rule::InternalName => "internal_name",
            Rule::LifetimeTooLong => "lifetime_too_long",
            Rule::ExtKeyUsageMissing => "ext_key_usage_missing",
            Rule::AnyExtendedKeyUsage => "any_extended_key_usage",
            Rule::CaKeyUsageMissing => "ca_key_usage_missing",
            Rule::CaBasicConstraintsNotCritical => "ca_basic_constraints_not_critical",
            Rule::CaKeyUsageIncomplete => "ca_key_usage_incomplete",
            Rule::SubCaExtKeyUsageMissing => "sub_ca_ext_key_usage_missing",
            Rule::SubCaAnyExtendedKeyUsage => "sub_ca_any_extended_key_usage",
            Rule::SubCaExtKeyUsageMixed => "sub_ca_ext_key_usage_mixed",
            Rule::RevocationInformationMissing => "revocation_information_missing",
            Rule::WildcardMisplaced => "wildcard_misplaced",
            Rule::WildcardOverRegistrySuffix => "wildcard_over_registry_suffix",
            Rule::OcspAddressMissing => "ocsp_address_missing",
            Rule::AuthorityInfoAccessMissing => "authority_info_access_missing",
            Rule::CertificatePoliciesMissing => "certificate_policies_missing",
            Rule::AuthorityKeyIdMissing => "authority_key_id_missing",
            Rule::KeyUsageProhibited => "key_usage_prohibited",
            Rule::ExtensionCriticality => "extension_criticality",
            Rule::OrganizationalUnitPresent => "organizational_unit_present",
            Rule::DomainValidatedSubject => "domain_validated_subject",
            Rule::DuplicateSubjectAttribute => "duplicate_subject_attribute",
            Rule::SubjectAttributeEncoding => "subject_attribute_encoding",
            Rule::IdentitySubjectIncomplete => "identity_subject_incomplete",
            Rule::ExtendedValidationSubject => "extended_validation_subject",
            Rule::SubjectAttributeOrder => "subject_attribute_order",
            Rule::MultiValuedRdn => "multi_valued_rdn",
            Rule::OrganizationIdentifierFormat => "organization_identifier_format",
        }
    }
}

/// What the rules need of a leaf certificate.
pub(crate) struct Leaf<'a> {
    /// The serial number's content octets, as encoded (a leading 0x00 kept).
    pub serial: &'a [u8],
    /// notBefore, seconds.
    pub not_before: i64,
    /// notAfter, seconds.
    pub not_after: i64,
    /// The RSA modulus's bits, for an RSA key.
    pub rsa_bits: Option<u32>,
    /// subjectAltName dNSName entries.
    pub san_dns: &'a [String],
    /// subjectAltName iPAddress entries, as octets.
    pub san_ip: &'a [Vec<u8>],
    /// The subject's common names.
    pub common_names: &'a [String],
    /// The subject's attributes in order: OID (dotted) and the value's ASN.1 tag.
    pub subject_attributes: &'a [(&'a str, u32)],
    /// Whether one of the subject's RelativeDistinguishedNames holds several attributes.
    pub multi_valued_rdn: bool,
    /// The subject's organizationIdentifier values, each with its string type's tag.
    pub organization_identifiers: &'a [(&'a str, u32)],
    /// The validation the certificate's policies claim; domain validation when they claim
    /// none, as pkilint reads them (`_determine_subscriber_certificate_type`: "unknown
    /// certificate types are considered to be DV Subscriber certs").
    pub validation: ValidationLevel,
    /// An extKeyUsage extension is present.
    pub has_eku: bool,
    /// extKeyUsage lists anyExtendedKeyUsage.
    pub any_eku: bool,
    /// A cRLDistributionPoints extension is present.
    pub has_crl_distribution_points: bool,
    /// The authority information access names an OCSP responder.
    pub has_ocsp: bool,
    /// One of those OCSP addresses is an `http://` URL.
    pub has_http_ocsp: bool,
    /// An authorityInformationAccess extension is present.
    pub has_aia: bool,
    /// A certificatePolicies extension is present.
    pub has_policies: bool,
    /// An authorityKeyIdentifier extension is present.
    pub has_authority_key_id: bool,
    /// The certificate is signed with its own key.
    pub self_signed: bool,
    /// The keyUsage bits set, by their RFC 5280 names (none when the extension is absent).
    pub key_usage: &'a [String],
    /// The key's algorithm as the report names it (`RSA`, `EC`, …).
    pub key_algorithm: &'a str,
    /// Each extension's OID (dotted) and whether it is marked critical.
    pub extensions: &'a [(&'a str, bool)],
}

/// Whether a certificate is short-lived (Baseline Requirements 1.6.1): its validity period,
/// notBefore to notAfter inclusive, at most 10 days when issued from 2024-03-15, at most 7
/// days from 2026-03-15; none issued earlier is.
fn short_lived(not_before: i64, not_after: i64) -> bool {
    let period = not_after.saturating_sub(not_before).saturating_add(1);
    let limit = if not_before >= SHORT_LIVED_7_DAYS.0 {
        7 * 86_400
    } else if not_before >= SHORT_LIVED_10_DAYS.0 {
        10 * 86_400
    } else {
        return false;
    };
    period <= limit
}

/// The rules `leaf` breaks, each once, in [`Rule::ALL`]'s order.
pub(crate) fn broken(leaf: &Leaf<'_>) -> Vec<Rule> {
    Rule::ALL
        .into_iter()
        .filter(|rule| {
            let held = match rule.source().scope {
                Scope::IssuedFrom(t) => leaf.not_before >= t.0,
                Scope::ValidOn(t) => leaf.not_after >= t.0,
                Scope::ExpiringAfter(t) => leaf.not_after > t.0,
                Scope::IssuedBetween(from, until) => {
                    leaf.not_before >= from.0 && leaf.not_before < until.0
                }
            };
            held && breaks(*rule, leaf)
        })
        .collect()
}

fn breaks(rule: Rule, leaf: &Leaf<'_>) -> bool {
    // The value's octets without the sign octet a positive number may carry.
    let magnitude = leaf.serial.iter().skip_while(|b| **b == 0).count();
    match rule {
        Rule::SerialNotPositive => {
            leaf.serial.first().is_none_or(|b| b & 0x80 != 0) || magnitude == 0
        }
        Rule::SerialTooLong => leaf.serial.len() > 20,
        Rule::SerialTooShort => magnitude < 8,
        Rule::RsaKeyUnder2048 => leaf.rsa_bits.is_some_and(|bits| bits < 2048),
        Rule::UnderscoreInDnsName => leaf.san_dns.iter().any(|n| n.contains('_')),
        Rule::DnsNameSyntax => leaf.san_dns.iter().any(|n| !preferred_name_syntax(n)),
        Rule::DnsNameReservedLabel => leaf.san_dns.iter().any(|n| has_reserved_label(n)),
        Rule::ReservedIpAddress => leaf.san_ip.iter().any(|octets| reserved(octets)),
        Rule::InternalName => leaf.san_dns.iter().any(|name| is_internal_name(name)),
        Rule::WildcardMisplaced => host_names(leaf).any(wildcard_misplaced),
        Rule::WildcardOverRegistrySuffix => host_names(leaf).any(wildcard_over_registry_suffix),
        Rule::LifetimeTooLong => lifetime_too_long(leaf.not_before, leaf.not_after),
        Rule::ExtKeyUsageMissing => !leaf.has_eku,
        Rule::AnyExtendedKeyUsage => leaf.any_eku,
        // Held to authorities, by `authority_broken`.
        Rule::CaKeyUsageMissing
        | Rule::CaBasicConstraintsNotCritical
        | Rule::CaKeyUsageIncomplete
        | Rule::SubCaExtKeyUsageMissing
        | Rule::SubCaAnyExtendedKeyUsage
        | Rule::SubCaExtKeyUsageMixed => false,
        Rule::OcspAddressMissing => !leaf.has_http_ocsp,
        Rule::AuthorityInfoAccessMissing => !leaf.has_aia,
        Rule::CertificatePoliciesMissing => !leaf.has_policies,
        Rule::AuthorityKeyIdMissing => !leaf.has_authority_key_id && !leaf.self_signed,
        Rule::KeyUsageProhibited => key_usage_prohibited(leaf),
        Rule::OrganizationalUnitPresent => subject_oids(leaf).any(|oid| oid == ORGANIZATIONAL_UNIT),
        Rule::DomainValidatedSubject => {
            leaf.validation == ValidationLevel::Dv
                && subject_oids(leaf).any(|oid| oid != COUNTRY && oid != COMMON_NAME)
        }
        Rule::DuplicateSubjectAttribute => duplicate_subject_attribute(leaf),
        Rule::IdentitySubjectIncomplete => identity_subject_incomplete(leaf),
        Rule::ExtendedValidationSubject => ev_subject_nonconforming(leaf),
        Rule::SubjectAttributeOrder => {
            let ranks: Vec<usize> = subject_oids(leaf)
                .filter_map(|oid| SUBJECT_ORDER.iter().position(|o| *o == oid))
                .collect();
            ranks.windows(2).any(|w| matches!(w, [a, b] if b < a))
        }
        Rule::MultiValuedRdn => leaf.multi_valued_rdn,
        Rule::OrganizationIdentifierFormat => {
            leaf.organization_identifiers.iter().any(|(value, tag)| {
                (*tag != UTF8_STRING && *tag != PRINTABLE_STRING)
                    || !organization_identifier_well_formed(value)
            })
        }
        Rule::SubjectAttributeEncoding => leaf.subject_attributes.iter().any(|(oid, tag)| {
            if *oid == COUNTRY {
                *tag != PRINTABLE_STRING
            } else {
                DIRECTORY_STRINGS.contains(oid) && *tag != UTF8_STRING && *tag != PRINTABLE_STRING
            }
        }),
        Rule::ExtensionCriticality => leaf.extensions.iter().any(|(oid, critical)| {
            SUBSCRIBER_CRITICALITY
                .iter()
                .any(|(o, must)| o == oid && must != critical)
        }),
        Rule::RevocationInformationMissing => {
            !leaf.has_crl_distribution_points
                && !leaf.has_ocsp
                && !short_lived(leaf.not_before, leaf.not_after)
        }
        Rule::CommonNameNotInSan => leaf.common_names.iter().any(|cn| {
            let in_dns = leaf.san_dns.iter().any(|n| n.eq_ignore_ascii_case(cn));
            let in_ip = cn
                .parse::<core::net::IpAddr>()
                .is_ok_and(|ip| leaf.san_ip.contains(&super::fields::ip_octets(ip)));
            !in_dns && !in_ip
        }),
    }
}

/// The OIDs of the leaf's subject attributes, in order.
fn subject_oids<'a>(leaf: &'a Leaf<'_>) -> impl Iterator<Item = &'a str> {
    leaf.subject_attributes.iter().map(|(oid, _)| *oid)
}

/// Whether an organisation- or individual-validated leaf's subject lacks what its table
/// asks ([`Rule::IdentitySubjectIncomplete`]).
fn identity_subject_incomplete(leaf: &Leaf<'_>) -> bool {
    let has = |oid: &str| subject_oids(leaf).any(|o| o == oid);
    let place = has(STATE_OR_PROVINCE) || has(LOCALITY);
    match leaf.validation {
        ValidationLevel::Ov => {
            !has(COUNTRY) || !has(ORGANIZATION) || !place || has(GIVEN_NAME) || has(SURNAME)
        }
        ValidationLevel::Iv => !has(COUNTRY) || !has(GIVEN_NAME) || !has(SURNAME) || !place,
        ValidationLevel::Ev | ValidationLevel::Dv => false,
    }
}

/// Whether an extended-validation leaf's subject is not what the EV Guidelines' table
/// asks ([`Rule::ExtendedValidationSubject`]).
fn ev_subject_nonconforming(leaf: &Leaf<'_>) -> bool {
    if leaf.validation != ValidationLevel::Ev {
        return false;
    }
    let has = |oid: &str| subject_oids(leaf).any(|o| o == oid);
    let (required, _) = EV_SUBJECT.split_at(5);
    required.iter().any(|oid| !has(oid))
        || !(has(STATE_OR_PROVINCE) || has(LOCALITY))
        || (has(JURISDICTION_LOCALITY) && !has(JURISDICTION_STATE_OR_PROVINCE))
        || subject_oids(leaf).any(|oid| !EV_SUBJECT.contains(&oid))
}

/// Whether an attribute type appears twice in the leaf's subject where the subject table
/// for its validation does not allow it ([`Rule::DuplicateSubjectAttribute`]).
fn duplicate_subject_attribute(leaf: &Leaf<'_>) -> bool {
    let may_repeat = |oid: &str| match oid {
        STREET_ADDRESS => leaf.validation != ValidationLevel::Dv,
        DOMAIN_COMPONENT => leaf.validation == ValidationLevel::Ov,
        _ => false,
    };
    let oids: Vec<&str> = subject_oids(leaf).collect();
    oids.iter()
        .enumerate()
        .any(|(i, oid)| !may_repeat(oid) && oids.iter().take(i).any(|o| o == oid))
}

/// ISO 3166-1 alpha-2 country codes, two letters each, sorted: as the `iso3166` Python
/// package 3.0.0 (pkilint's) lists them, Kosovo's user-assigned `XK` included.
const ISO_3166_1: &str = "ADAEAFAGAIALAMAOAQARASATAUAWAXAZBABBBDBEBFBGBHBIBJBLBMBNBOBQBRBSBTBVBWBYBZCACCCDCFCGCHCICKCLCMCNCOCRCUCVCWCXCYCZDEDJDKDMDODZECEEEGEHERESETFIFJFKFMFOFRGAGBGDGEGFGGGHGIGLGMGNGPGQGRGSGTGUGWGYHKHMHNHRHTHUIDIEILIMINIOIQIRISITJEJMJOJPKEKGKHKIKMKNKPKRKWKYKZLALBLCLILKLRLSLTLULVLYMAMCMDMEMFMGMHMKMLMMMNMOMPMQMRMSMTMUMVMWMXMYMZNANCNENFNGNINLNONPNRNUNZOMPAPEPFPGPHPKPLPMPNPRPSPTPWPYQARERORSRURWSASBSCSDSESGSHSISJSKSLSMSNSOSRSSSTSVSXSYSZTCTDTFTGTHTJTKTLTMTNTOTRTTTVTWTZUAUGUMUSUYUZVAVCVEVGVIVNVUWFWSXKYEYTZAZMZW";

/// Whether `code` is one of [`ISO_3166_1`].
fn iso_3166_country(code: &str) -> bool {
    ISO_3166_1
        .as_bytes()
        .chunks_exact(2)
        .any(|c| c == code.as_bytes())
}

/// Whether an organizationIdentifier value has the form of the EV Guidelines' section
/// 9.2.8 ([`Rule::OrganizationIdentifierFormat`]), read as pkilint reads it
/// (`common/organization_id.py`, `cabf/cabf_name.py`).
#[must_use]
pub fn organization_identifier_well_formed(value: &str) -> bool {
    let (Some(scheme), Some(country), Some(rest)) =
        (value.get(..3), value.get(3..5), value.get(5..))
    else {
        return false;
    };
    let (state, reference) = match rest.strip_prefix('+') {
        Some(after) => match after.split_once('-') {
            Some((state, reference)) => (Some(state), reference),
            None => return false,
        },
        None => match rest.strip_prefix('-') {
            Some(reference) => (None, reference),
            None => return false,
        },
    };
    let country_known =
        iso_3166_country(country) || (scheme == "VAT" && matches!(country, "EL" | "XI"));
    let state_allowed = match state {
        None => true,
        Some(s) => scheme == "NTR" && s.len() == 2 && s.bytes().all(|b| b.is_ascii_alphabetic()),
    };
    matches!(scheme, "NTR" | "VAT" | "PSD")
        && country_known
        && state_allowed
        && !reference.is_empty()
}

/// Whether the leaf's keyUsage has a bit [`Rule::KeyUsageProhibited`] names.
fn key_usage_prohibited(leaf: &Leaf<'_>) -> bool {
    let has = |bit: &str| leaf.key_usage.iter().any(|b| b == bit);
    if has("keyCertSign") || has("cRLSign") {
        return true;
    }
    // The table of section 7.1.2.7.11, as pkilint reads it (other key types: not tabled).
    let allowed: &[&str] = match leaf.key_algorithm {
        "RSA" => &["digitalSignature", "keyEncipherment", "dataEncipherment"],
        "EC" => &["digitalSignature", "keyAgreement"],
        _ => return false,
    };
    leaf.not_before >= BR_2_0.0
        && leaf
            .key_usage
            .iter()
            .any(|b| !allowed.contains(&b.as_str()))
}

/// The names the wildcard rules read, as zlint does: the subjectAltName dNSNames and the
/// subject's common names.
fn host_names<'a>(leaf: &'a Leaf<'_>) -> impl Iterator<Item = &'a str> {
    leaf.san_dns
        .iter()
        .chain(leaf.common_names)
        .map(String::as_str)
}

/// Whether the DNS name `name` is in the preferred name syntax ([`Rule::DnsNameSyntax`]),
/// a leading `*.` aside, and leaving underscores and wildcards to their own rules.
#[must_use]
pub fn preferred_name_syntax(name: &str) -> bool {
    let name = name.strip_prefix("*.").unwrap_or(name);
    name.split('.').all(|label| {
        let other = |b: u8| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'*');
        !label.is_empty()
            && label.len() <= 63
            && label.bytes().all(other)
            && !label.starts_with('-')
            && !label.ends_with('-')
    })
}

/// Whether the DNS name `name` has a reserved label that is not a P-label
/// ([`Rule::DnsNameReservedLabel`]).
#[must_use]
pub fn has_reserved_label(name: &str) -> bool {
    name.split('.').any(|label| {
        let (Some(tag), Some(hyphens), Some(rest)) =
            (label.get(..2), label.get(2..4), label.get(4..))
        else {
            return false;
        };
        hyphens == "--"
            && !(tag.eq_ignore_ascii_case("xn") && super::hostname::punycode_decode(rest).is_some())
    })
}

/// Whether `name` has a `*` that is not the whole left-most label of a Wildcard Domain Name
/// (`*.` and at least one more label).
#[must_use]
pub fn wildcard_misplaced(name: &str) -> bool {
    let rest = name.strip_prefix("*.").unwrap_or(name);
    rest.contains('*') || (name.starts_with("*.") && rest.trim_end_matches('.').is_empty())
}

/// Whether `name` is `*.` right over a registry-controlled suffix (`*.co.jp`, `*.com`).
#[must_use]
pub fn wildcard_over_registry_suffix(name: &str) -> bool {
    let Some(rest) = name.strip_prefix("*.") else {
        return false;
    };
    let rest = rest.trim_end_matches('.').to_ascii_lowercase();
    !rest.is_empty() && !rest.contains('*') && super::hostname::registry_suffix(&rest) == rest
}

/// What the rules need of an authority's certificate in the chain.
pub(crate) struct Authority<'a> {
    /// notBefore, seconds.
    pub not_before: i64,
    /// Whether basicConstraints is present, and if so marked critical.
    pub basic_constraints_critical: Option<bool>,
    /// Whether keyUsage is present, and if so marked critical.
    pub key_usage_critical: Option<bool>,
    /// The keyUsage bits set, by RFC 5280's names (`keyCertSign`, `cRLSign`, …).
    pub key_usage: &'a [String],
    /// The extKeyUsage purposes (RFC 5280's names, `precertificateSigning`, or the OID),
    /// `None` without the extension.
    pub ext_key_usage: Option<&'a [String]>,
    /// Whether it signs itself as it names itself (a root, or a root's new certificate):
    /// the subordinate CA rules do not hold it.
    pub self_issued: bool,
    /// Whether it shares its key with a root certificate (Mozilla's, or a self-issued one
    /// in the input): a cross-certificate, which the Mozilla Root Store Policy excepts
    /// from its extKeyUsage rules (section 5.3).
    pub cross_certificate: bool,
}

/// The rules an authority's certificate breaks ([`Rule::for_authorities`]), in
/// [`Rule::ALL`]'s order.
pub(crate) fn authority_broken(ca: &Authority<'_>) -> Vec<Rule> {
    let from = |date: UnixTime| ca.not_before >= date.0;
    let has = |bit: &str| ca.key_usage.iter().any(|b| b == bit);
    let mut out = Vec::new();
    match ca.key_usage_critical {
        None if from(RFC3280) => out.push(Rule::CaKeyUsageMissing),
        Some(critical)
            if from(BR_EFFECTIVE) && !(critical && has("keyCertSign") && has("cRLSign")) =>
        {
            out.push(Rule::CaKeyUsageIncomplete);
        }
        _ => {}
    }
    if ca.basic_constraints_critical == Some(false) && from(RFC2459) {
        out.push(Rule::CaBasicConstraintsNotCritical);
    }
    if !ca.self_issued {
        let purposes = ca.ext_key_usage.unwrap_or_default();
        let names = |purpose: &str| purposes.iter().any(|p| p == purpose);
        if !ca.cross_certificate && from(MOZILLA_SUB_CA_EKU) {
            if ca.ext_key_usage.is_none() {
                out.push(Rule::SubCaExtKeyUsageMissing);
            }
            if names("anyExtendedKeyUsage") {
                out.push(Rule::SubCaAnyExtendedKeyUsage);
            }
        }
        // anyExtendedKeyUsage is the rule above's (and allowed in a cross-certificate).
        let not_beside_server_auth: &[&str] = if from(BR_2_0) {
            &[
                "emailProtection",
                "codeSigning",
                "timeStamping",
                "OCSPSigning",
                "precertificateSigning",
            ]
        } else {
            &["emailProtection", "codeSigning", "timeStamping"]
        };
        if from(BR_1_7_1) && names("serverAuth") && not_beside_server_auth.iter().any(|p| names(p))
        {
            out.push(Rule::SubCaExtKeyUsageMixed);
        }
    }
    out.sort_by_key(|r| Rule::ALL.iter().position(|a| a == r));
    out
}

/// IPv4 blocks of IANA's IPv4 Special-Purpose Address Registry, multicast and the
/// reserved 240/4 (as zlint's `v3/util/ip.go` lists them): (prefix, length).
const RESERVED_V4: [(u32, u32); 18] = [
    (0x0000_0000, 8),  // 0.0.0.0/8 "this network"
    (0x0a00_0000, 8),  // 10.0.0.0/8 private use
    (0x6440_0000, 10), // 100.64.0.0/10 shared address space
    (0x7f00_0000, 8),  // 127.0.0.0/8 loopback
    (0xa9fe_0000, 16), // 169.254.0.0/16 link local
    (0xac10_0000, 12), // 172.16.0.0/12 private use
    (0xc000_0000, 24), // 192.0.0.0/24 protocol assignments
    (0xc000_0200, 24), // 192.0.2.0/24 documentation
    (0xc01f_c400, 24), // 192.31.196.0/24 AS112
    (0xc034_c100, 24), // 192.52.193.0/24 AMT
    (0xc058_6300, 24), // 192.88.99.0/24 6to4 relay anycast (deprecated)
    (0xc0a8_0000, 16), // 192.168.0.0/16 private use
    (0xc0af_3000, 24), // 192.175.48.0/24 AS112 (direct delegation)
    (0xc612_0000, 15), // 198.18.0.0/15 benchmarking
    (0xc633_6400, 24), // 198.51.100.0/24 documentation
    (0xcb00_7100, 24), // 203.0.113.0/24 documentation
    (0xe000_0000, 4),  // 224.0.0.0/4 multicast
    (0xf000_0000, 4),  // 240.0.0.0/4 reserved, with 255.255.255.255 limited broadcast
];

/// IPv6 blocks inside 2000::/3 (global unicast) that IANA's IPv6 Special-Purpose Address
/// Registry sets aside; everything outside 2000::/3 is reserved, unique-local, link-local
/// or multicast.
const RESERVED_V6: [(u128, u32); 4] = [
    (0x2001_0000 << 96, 23), // 2001::/23 protocol assignments (Teredo, benchmarking, …)
    (0x2001_0db8 << 96, 32), // 2001:db8::/32 documentation
    (0x2002_0000 << 96, 16), // 2002::/16 6to4
    (0x2620_004f_8000 << 80, 48), // 2620:4f:8000::/48 AS112
];

fn in_block(value: u128, bits: u32, prefix: u128, length: u32) -> bool {
    let shift = bits.saturating_sub(length);
    value.checked_shr(shift) == prefix.checked_shr(shift)
}

/// Whether an iPAddress entry's octets name a reserved address (an entry of another length
/// is not an address at all and is left to the parser's findings).
fn reserved(octets: &[u8]) -> bool {
    if let Ok(v4) = <[u8; 4]>::try_from(octets) {
        let value = u128::from(u32::from_be_bytes(v4));
        return RESERVED_V4
            .iter()
            .any(|(prefix, length)| in_block(value, 32, u128::from(*prefix), *length));
    }
    if let Ok(v6) = <[u8; 16]>::try_from(octets) {
        let value = u128::from_be_bytes(v6);
        let global_unicast = in_block(value, 128, 0x2000 << 112, 3);
        return !global_unicast
            || RESERVED_V6
                .iter()
                .any(|(prefix, length)| in_block(value, 128, *prefix, *length));
    }
    false
}

#[cfg(all(test, not(target_arch = "wasm32")))]
#[allow(
    clippy::unwrap_used,
    clippy::arithmetic_side_effects,
    reason = "a test may panic: that is how it fails"
)]
mod tests {
    use super::*;
    use crate::civil::days_from_civil;

    fn day(y: i64, m: i64, d: i64) -> i64 {
        days_from_civil(y, m, d) * 86_400
    }

    fn leaf<'a>(serial: &'a [u8], dns: &'a [String], cn: &'a [String]) -> Leaf<'a> {
        Leaf {
            serial,
            not_before: day(2026, 1, 1),
            not_after: day(2026, 6, 1),
            rsa_bits: None,
            san_dns: dns,
            san_ip: &[],
            common_names: cn,
            // Extended validation, with a subject its table allows (apple.com's), so that
            // each test brings the subject rules it is about.
            subject_attributes: &EV_COMPLETE,
            multi_valued_rdn: false,
            organization_identifiers: &[],
            validation: ValidationLevel::Ev,
            has_eku: true,
            any_eku: false,
            has_crl_distribution_points: true,
            has_ocsp: false,
            // An OCSP address the revocation rules' tests take away: what an older
            // certificate needed (`Rule::OcspAddressMissing`).
            has_http_ocsp: true,
            has_aia: true,
            has_policies: true,
            has_authority_key_id: true,
            self_signed: false,
            key_usage: &[],
            key_algorithm: "EC",
            extensions: &[],
        }
    }

    #[test]
    fn no_organizational_unit_from_september_2022() {
        let (serial, none) = ([0x11; 9], Vec::new());
        let mut l = leaf(&serial, &none, &none);
        l.subject_attributes = &[(COUNTRY, P), (ORGANIZATIONAL_UNIT, P), (COMMON_NAME, P)];
        assert_eq!(besides_ev_subject(&l), [Rule::OrganizationalUnitPresent]);
        (l.not_before, l.not_after) = (day(2022, 8, 31), day(2023, 8, 31));
        l.has_http_ocsp = true;
        assert_eq!(besides_ev_subject(&l), []);
    }

    #[test]
    fn a_domain_validated_subject_holds_a_country_and_a_name_at_most() {
        let (serial, none) = ([0x11; 9], Vec::new());
        let mut l = leaf(&serial, &none, &none);
        l.validation = ValidationLevel::Dv;
        for fine in [
            &[][..],
            &[(COMMON_NAME, U)],
            &[(COUNTRY, P), (COMMON_NAME, U)],
        ] {
            l.subject_attributes = fine;
            assert_eq!(broken(&l), [], "{fine:?}");
        }
        // An organisation name (2.5.4.10): checked by no one in domain validation.
        l.subject_attributes = &[(COUNTRY, P), (ORGANIZATION, U), (COMMON_NAME, U)];
        assert_eq!(broken(&l), [Rule::DomainValidatedSubject]);
        // The organisation is what organisation validation names (with a place).
        let shop = [
            (COUNTRY, P),
            (LOCALITY, U),
            (ORGANIZATION, U),
            (COMMON_NAME, U),
        ];
        l.subject_attributes = &shop;
        l.validation = ValidationLevel::Ov;
        assert_eq!(broken(&l), []);
        l.subject_attributes = &[(COUNTRY, P), (ORGANIZATION, U), (COMMON_NAME, U)];
        // And was allowed before the Baseline Requirements 2.0.0.
        l.validation = ValidationLevel::Dv;
        (l.not_before, l.not_after) = (day(2023, 9, 14), day(2024, 9, 1));
        assert_eq!(broken(&l), []);
    }

    const P: u32 = PRINTABLE_STRING;
    const U: u32 = UTF8_STRING;

    /// apple.com's subject (2026), which the EV Guidelines' table allows.
    const EV_COMPLETE: [(&str, u32); 9] = [
        (BUSINESS_CATEGORY, U),
        (JURISDICTION_COUNTRY, P),
        (JURISDICTION_STATE_OR_PROVINCE, U),
        (SERIAL_NUMBER, P),
        (COUNTRY, P),
        (STATE_OR_PROVINCE, U),
        (LOCALITY, U),
        (ORGANIZATION, U),
        (COMMON_NAME, U),
    ];

    /// The rules broken besides the EV subject table, for tests of other subject rules
    /// on the helper's extended-validation leaf.
    fn besides_ev_subject(l: &Leaf<'_>) -> Vec<Rule> {
        let mut rules = broken(l);
        rules.retain(|r| *r != Rule::ExtendedValidationSubject);
        rules
    }

    #[test]
    fn an_identity_certificate_names_whom_the_ca_checked() {
        let (serial, none) = ([0x11; 9], Vec::new());
        let mut l = leaf(&serial, &none, &none);
        l.validation = ValidationLevel::Ov;
        let shop = [
            (COUNTRY, P),
            (STATE_OR_PROVINCE, U),
            (ORGANIZATION, U),
            (COMMON_NAME, U),
        ];
        l.subject_attributes = &shop;
        assert_eq!(broken(&l), []);
        let person = [(COUNTRY, P), (LOCALITY, U), (SURNAME, U), (GIVEN_NAME, U)];
        l.subject_attributes = &person;
        // A person's name in an organisation's certificate.
        assert_eq!(broken(&l), [Rule::IdentitySubjectIncomplete]);
        l.validation = ValidationLevel::Iv;
        assert_eq!(broken(&l), []);
        // An individual's certificate naming only an organisation, as badssl's of 2019–2022.
        l.subject_attributes = &shop;
        assert_eq!(broken(&l), [Rule::IdentitySubjectIncomplete]);
        // Neither a state nor a city; no country.
        l.validation = ValidationLevel::Ov;
        for lacking in [
            &[(COUNTRY, P), (ORGANIZATION, U)][..],
            &[(STATE_OR_PROVINCE, P), (ORGANIZATION, U)],
            &[(COUNTRY, P), (LOCALITY, U), (COMMON_NAME, U)],
        ] {
            l.subject_attributes = lacking;
            assert_eq!(broken(&l), [Rule::IdentitySubjectIncomplete], "{lacking:?}");
        }
        // Extended validation: the EV Guidelines' table, its own rule.
        l.validation = ValidationLevel::Ev;
        assert_eq!(broken(&l), [Rule::ExtendedValidationSubject]);
        // Before the Baseline Requirements 2.0.0, not held.
        l.validation = ValidationLevel::Iv;
        l.subject_attributes = &shop;
        (l.not_before, l.not_after) = (day(2023, 9, 14), day(2024, 9, 1));
        assert_eq!(broken(&l), []);
    }

    #[test]
    fn an_authority_marks_its_constraints_and_key_usage_critical_with_both_signing_bits() {
        fn ca(bc: Option<bool>, ku: Option<bool>, bits: &[String], year: i64) -> Vec<Rule> {
            let server_auth = ["serverAuth".to_owned()];
            authority_broken(&Authority {
                not_before: day(year, 1, 1),
                basic_constraints_critical: bc,
                key_usage_critical: ku,
                key_usage: bits,
                ext_key_usage: Some(&server_auth),
                self_issued: false,
                cross_certificate: false,
            })
        }
        let both = &["keyCertSign".to_owned(), "cRLSign".to_owned()];
        let sign_only = &["keyCertSign".to_owned()];
        assert_eq!(ca(Some(true), Some(true), both, 2020), []);
        assert_eq!(
            ca(Some(true), Some(true), sign_only, 2020),
            [Rule::CaKeyUsageIncomplete]
        );
        assert_eq!(
            ca(Some(true), Some(false), both, 2020),
            [Rule::CaKeyUsageIncomplete]
        );
        assert_eq!(ca(Some(true), None, &[], 2020), [Rule::CaKeyUsageMissing]);
        assert_eq!(
            ca(Some(false), None, &[], 2020),
            [Rule::CaKeyUsageMissing, Rule::CaBasicConstraintsNotCritical]
        );
        // Dated: the Baseline Requirements' key usage from 2012-07-01, RFC 3280's from
        // 2002, RFC 2459's basic constraints from 1999.
        assert_eq!(ca(Some(true), Some(false), sign_only, 2011), []);
        assert_eq!(ca(Some(true), None, &[], 2001), []);
        assert_eq!(
            ca(Some(false), Some(true), both, 2001),
            [Rule::CaBasicConstraintsNotCritical]
        );
        assert_eq!(ca(Some(false), Some(true), both, 1998), []);
        // No basicConstraints at all is not this rule's: browsers then refuse the chain.
        assert_eq!(ca(None, Some(true), both, 2020), []);
        assert!(Rule::CaKeyUsageIncomplete.for_authorities());
        assert!(Rule::CaBasicConstraintsNotCritical.for_authorities());
    }

    #[test]
    fn a_dns_name_is_in_the_preferred_name_syntax() {
        for good in [
            "www.example.com",
            "*.example.com",
            "xn--eckwd4c7c.xn--zckzah",
            "a-b.example.com",
            "0.example.com",
            "www.Example.COM",
            // Underscores and misplaced wildcards are other rules'.
            "_dmarc.example.com",
            "www.*.example.com",
        ] {
            assert!(preferred_name_syntax(good), "{good}");
        }
        let long = format!("{}.example.com", "a".repeat(64));
        for bad in [
            "a..example.com",
            "example.com.",
            ".example.com",
            "",
            "-a.example.com",
            "a-.example.com",
            "bad name.example.com",
            "caf\u{e9}.example.com",
            "a@b.example.com",
            long.as_str(),
        ] {
            assert!(!preferred_name_syntax(bad), "{bad:?}");
        }
        assert!(preferred_name_syntax(&format!(
            "{}.example.com",
            "a".repeat(63)
        )));
        let (serial, cn) = ([0x11; 9], Vec::new());
        let names = ["www.example.com".to_owned(), "-www.example.com".to_owned()];
        let l = leaf(&serial, &names, &cn);
        assert_eq!(broken(&l), [Rule::DnsNameSyntax]);
    }

    #[test]
    fn a_reserved_label_is_a_p_label_or_nothing() {
        for good in [
            "www.example.com",
            "xn--eckwd4c7c.xn--zckzah",
            "XN--ECKWD4C7C.jp",
            "a-b--c.example.com",
            "xn--ls8h.la",
        ] {
            assert!(!has_reserved_label(good), "{good}");
        }
        for bad in [
            "ab--cd.example.com",
            "xn--zz.example.com",
            "www.xn--999999999.jp",
            "XY--a.example.com",
        ] {
            assert!(has_reserved_label(bad), "{bad}");
        }
        let (serial, cn) = ([0x11; 9], Vec::new());
        let names = ["ab--shop.example.com".to_owned()];
        let mut l = leaf(&serial, &names, &cn);
        assert_eq!(broken(&l), [Rule::DnsNameReservedLabel]);
        // Dated: from 2021-10-01.
        (l.not_before, l.not_after) = (day(2021, 9, 30), day(2021, 12, 1));
        assert_eq!(broken(&l), []);
    }

    #[test]
    fn an_organization_identifier_is_written_as_the_ev_guidelines_ask() {
        for good in [
            "NTRJP-0110-01-012345",
            "NTRUS+CA-C1234567",
            "VATDE-123456789",
            "VATEL-094014201",
            "VATXI-123456789",
            "PSDBE-NBB-0123456789",
        ] {
            assert!(organization_identifier_well_formed(good), "{good}");
        }
        for bad in [
            "",
            "NTR",
            "NTRJP",
            "NTRJP-",
            "NTRJP0110",
            "XYZJP-0110",
            "JP:-123",
            "NTRjp-0110",
            "NTRQQ-0110",
            "NTREL-0110",
            "VATDE+BY-123",
            "NTRUS+C-123",
            "NTRUS+CA1-123",
            "NTRUS+CA",
            "ＮＴＲJP-1",
        ] {
            assert!(!organization_identifier_well_formed(bad), "{bad:?}");
        }
        let (serial, none) = ([0x11; 9], Vec::new());
        let mut l = leaf(&serial, &none, &none);
        let ids = [("NTRJP-0110-01-012345", UTF8_STRING)];
        l.organization_identifiers = &ids;
        assert_eq!(broken(&l), []);
        let bmp = [("NTRJP-0110-01-012345", 30)];
        l.organization_identifiers = &bmp;
        assert_eq!(broken(&l), [Rule::OrganizationIdentifierFormat]);
        let loose = [("JP-0110-01-012345", PRINTABLE_STRING)];
        l.organization_identifiers = &loose;
        assert_eq!(broken(&l), [Rule::OrganizationIdentifierFormat]);
        // Dated: section 9.2.8 from 2020-01-31.
        (l.not_before, l.not_after) = (day(2020, 1, 30), day(2020, 6, 1));
        assert_eq!(broken(&l), []);
        assert_eq!(ISO_3166_1.len(), 500);
        assert!(ISO_3166_1.as_bytes().chunks_exact(2).is_sorted());
    }

    #[test]
    fn a_subordinate_ca_says_what_it_issues_for_and_keeps_websites_apart() {
        fn sub_ca(
            purposes: Option<&[&str]>,
            not_before: i64,
            self_issued: bool,
            cross: bool,
        ) -> Vec<Rule> {
            let purposes: Option<Vec<String>> =
                purposes.map(|p| p.iter().map(|s| (*s).to_owned()).collect());
            let both = ["keyCertSign".to_owned(), "cRLSign".to_owned()];
            authority_broken(&Authority {
                not_before,
                basic_constraints_critical: Some(true),
                key_usage_critical: Some(true),
                key_usage: &both,
                ext_key_usage: purposes.as_deref(),
                self_issued,
                cross_certificate: cross,
            })
        }
        let now = day(2026, 1, 1);
        assert_eq!(
            sub_ca(Some(&["serverAuth", "clientAuth"]), now, false, false),
            []
        );
        assert_eq!(sub_ca(Some(&["clientAuth"]), now, false, false), []);
        assert_eq!(
            sub_ca(None, now, false, false),
            [Rule::SubCaExtKeyUsageMissing]
        );
        assert_eq!(
            sub_ca(Some(&["anyExtendedKeyUsage"]), now, false, false),
            [Rule::SubCaAnyExtendedKeyUsage]
        );
        for other in [
            "emailProtection",
            "codeSigning",
            "timeStamping",
            "OCSPSigning",
            "precertificateSigning",
        ] {
            assert_eq!(
                sub_ca(Some(&["serverAuth", other]), now, false, false),
                [Rule::SubCaExtKeyUsageMixed],
                "{other}"
            );
            // Without serverAuth it is a CA for something else, which these rules leave alone.
            assert_eq!(
                sub_ca(Some(&["clientAuth", other]), now, false, false),
                [],
                "{other}"
            );
        }
        // A root (self-issued) is not held to them; a cross-certificate sharing a root's key
        // may go without extKeyUsage or carry anyExtendedKeyUsage, but not mix purposes.
        assert_eq!(sub_ca(None, now, true, false), []);
        assert_eq!(
            sub_ca(Some(&["serverAuth", "codeSigning"]), now, true, false),
            []
        );
        assert_eq!(sub_ca(None, now, false, true), []);
        assert_eq!(sub_ca(Some(&["anyExtendedKeyUsage"]), now, false, true), []);
        assert_eq!(
            sub_ca(Some(&["serverAuth", "emailProtection"]), now, false, true),
            [Rule::SubCaExtKeyUsageMixed]
        );
        // Dated: Mozilla's rules from 2019-01-01, the Baseline Requirements' list from
        // 2020-08-20 (BR 1.7.1), OCSP and precertificate signing from 2023-09-15 (BR 2.0.0).
        let code_signing: Option<&[&str]> = Some(&["serverAuth", "codeSigning"]);
        let ocsp_signing: Option<&[&str]> = Some(&["serverAuth", "OCSPSigning"]);
        let (missing, mixed) = (
            &[Rule::SubCaExtKeyUsageMissing][..],
            &[Rule::SubCaExtKeyUsageMixed][..],
        );
        for (purposes, (y, m, d), expected) in [
            (None, (2018, 12, 31), &[][..]),
            (None, (2019, 1, 1), missing),
            (code_signing, (2020, 8, 19), &[]),
            (code_signing, (2020, 8, 20), mixed),
            (ocsp_signing, (2023, 9, 14), &[]),
            (ocsp_signing, (2023, 9, 15), mixed),
        ] {
            assert_eq!(
                sub_ca(purposes, day(y, m, d), false, false),
                expected,
                "{purposes:?} {y}-{m}-{d}"
            );
        }
        assert!(Rule::SubCaExtKeyUsageMissing.for_authorities());
        assert_eq!(
            Rule::SubCaAnyExtendedKeyUsage.source().document,
            Document::MozillaRootStorePolicy
        );
    }

    #[test]
    fn an_extended_validation_certificate_names_the_organisation_as_the_guidelines_ask() {
        let (serial, none) = ([0x11; 9], Vec::new());
        let mut l = leaf(&serial, &none, &none);
        l.validation = ValidationLevel::Ev;
        let apple = EV_COMPLETE;
        l.subject_attributes = &apple;
        assert_eq!(broken(&l), []);
        // Each required attribute left out in turn.
        for gone in [
            BUSINESS_CATEGORY,
            JURISDICTION_COUNTRY,
            SERIAL_NUMBER,
            COUNTRY,
            ORGANIZATION,
        ] {
            let fewer: Vec<(&str, u32)> =
                apple.iter().copied().filter(|(o, _)| *o != gone).collect();
            let mut m = leaf(&serial, &none, &none);
            m.validation = ValidationLevel::Ev;
            m.subject_attributes = &fewer;
            assert_eq!(broken(&m), [Rule::ExtendedValidationSubject], "{gone}");
        }
        // Neither state nor city.
        let placeless: Vec<(&str, u32)> = apple
            .iter()
            .copied()
            .filter(|(o, _)| *o != STATE_OR_PROVINCE && *o != LOCALITY)
            .collect();
        l.subject_attributes = &placeless;
        assert_eq!(broken(&l), [Rule::ExtendedValidationSubject]);
        // A jurisdiction locality without its state (EV Guidelines 9.2.4).
        let mut city_only = apple.to_vec();
        city_only.retain(|(o, _)| *o != JURISDICTION_STATE_OR_PROVINCE);
        city_only.push((JURISDICTION_LOCALITY, U));
        l.subject_attributes = &city_only;
        assert_eq!(broken(&l), [Rule::ExtendedValidationSubject]);
        // The optional ones are fine (postal code and street before the organisation, as
        // the order table has them); anything off the list is not.
        let mut more = apple.to_vec();
        more.insert(7, ("2.5.4.17", U));
        more.insert(8, (STREET_ADDRESS, U));
        more.push(("2.5.4.97", U));
        l.subject_attributes = &more;
        assert_eq!(broken(&l), []);
        let mut person = apple.to_vec();
        person.insert(8, (GIVEN_NAME, U));
        l.subject_attributes = &person;
        assert_eq!(broken(&l), [Rule::ExtendedValidationSubject]);
        // Not extended validation, or before 2023-09-15: not held.
        l.subject_attributes = &placeless;
        l.validation = ValidationLevel::Ov;
        assert!(!broken(&l).contains(&Rule::ExtendedValidationSubject));
        l.validation = ValidationLevel::Ev;
        (l.not_before, l.not_after) = (day(2023, 9, 14), day(2024, 9, 1));
        assert_eq!(broken(&l), []);
    }

    #[test]
    fn subject_attributes_stand_in_the_tables_order_one_per_rdn() {
        let (serial, none) = ([0x11; 9], Vec::new());
        let mut l = leaf(&serial, &none, &none);
        l.validation = ValidationLevel::Ov;
        // Country, place, organisation, common name: in order; attributes the table does
        // not list (a serial number) may stand anywhere.
        let in_order = [
            (SERIAL_NUMBER, P),
            (COUNTRY, P),
            (LOCALITY, U),
            (ORGANIZATION, U),
            (SERIAL_NUMBER, P),
            (COMMON_NAME, U),
        ];
        l.subject_attributes = &in_order;
        assert_eq!(besides_ev_subject(&l), [Rule::DuplicateSubjectAttribute]);
        // The common name first, as many older certificates write it (CN=…, O=…, C=…).
        let reversed = [
            (COMMON_NAME, U),
            (ORGANIZATION, U),
            (LOCALITY, U),
            (COUNTRY, P),
        ];
        l.subject_attributes = &reversed;
        assert_eq!(besides_ev_subject(&l), [Rule::SubjectAttributeOrder]);
        // The locality before the state.
        let swapped = [
            (COUNTRY, P),
            (LOCALITY, U),
            (STATE_OR_PROVINCE, U),
            (ORGANIZATION, U),
        ];
        l.subject_attributes = &swapped;
        assert_eq!(besides_ev_subject(&l), [Rule::SubjectAttributeOrder]);
        // Several attributes in one RDN.
        l.subject_attributes = &in_order[1..4];
        l.multi_valued_rdn = true;
        assert_eq!(besides_ev_subject(&l), [Rule::MultiValuedRdn]);
        // Both held from the Baseline Requirements 2.0.0 on.
        l.subject_attributes = &reversed;
        (l.not_before, l.not_after) = (day(2023, 9, 14), day(2024, 9, 1));
        assert_eq!(besides_ev_subject(&l), []);
    }

    #[test]
    fn an_attribute_appears_once_unless_its_table_allows_more() {
        let (serial, none) = ([0x11; 9], Vec::new());
        let mut l = leaf(&serial, &none, &none);
        let two_names = [(COUNTRY, P), (COMMON_NAME, U), (COMMON_NAME, U)];
        l.subject_attributes = &two_names;
        assert_eq!(besides_ev_subject(&l), [Rule::DuplicateSubjectAttribute]);
        // Several street addresses: allowed but under domain validation, where the
        // subject table has no address at all.
        let streets = [(COUNTRY, P), (STREET_ADDRESS, U), (STREET_ADDRESS, U)];
        l.subject_attributes = &streets;
        assert_eq!(besides_ev_subject(&l), []);
        l.validation = ValidationLevel::Dv;
        assert_eq!(
            besides_ev_subject(&l),
            [
                Rule::DomainValidatedSubject,
                Rule::DuplicateSubjectAttribute
            ]
        );
        // Several domain components: organisation validation only.
        let components = [
            (DOMAIN_COMPONENT, 22),
            (DOMAIN_COMPONENT, 22),
            (COUNTRY, P),
            (LOCALITY, U),
            (ORGANIZATION, U),
        ];
        l.subject_attributes = &components;
        l.validation = ValidationLevel::Ov;
        assert_eq!(besides_ev_subject(&l), []);
        l.validation = ValidationLevel::Ev;
        assert_eq!(besides_ev_subject(&l), [Rule::DuplicateSubjectAttribute]);
        // Before the Baseline Requirements 2.0.0, no such rule.
        l.subject_attributes = &two_names;
        (l.not_before, l.not_after) = (day(2023, 9, 14), day(2024, 9, 1));
        assert_eq!(besides_ev_subject(&l), []);
    }

    #[test]
    fn subject_strings_are_utf8_or_printable() {
        let (serial, none) = ([0x11; 9], Vec::new());
        let mut l = leaf(&serial, &none, &none);
        let fine = [(COUNTRY, P), (ORGANIZATION, U), (COMMON_NAME, P)];
        l.subject_attributes = &fine;
        assert_eq!(besides_ev_subject(&l), []);
        // A TeletexString (20) common name, as Comodo wrote them in 2015; a BMPString
        // (30) organisation; a country in UTF8String.
        let wrongs = [
            [(COUNTRY, P), (ORGANIZATION, U), (COMMON_NAME, 20)],
            [(COUNTRY, P), (ORGANIZATION, 30), (COMMON_NAME, U)],
            [(COUNTRY, U), (ORGANIZATION, U), (COMMON_NAME, U)],
        ];
        for wrong in &wrongs {
            l.subject_attributes = wrong;
            assert_eq!(
                besides_ev_subject(&l),
                [Rule::SubjectAttributeEncoding],
                "{wrong:?}"
            );
        }
        // An attribute outside the table (a domain component, IA5String by definition).
        let component = [(DOMAIN_COMPONENT, 22), (COMMON_NAME, U)];
        l.subject_attributes = &component;
        assert_eq!(besides_ev_subject(&l), []);
        // RFC 5280 let a CA keep its older string types: not held before BR 2.0.0.
        let teletex = [(COMMON_NAME, 20)];
        l.subject_attributes = &teletex;
        (l.not_before, l.not_after) = (day(2023, 9, 14), day(2024, 9, 1));
        assert_eq!(besides_ev_subject(&l), []);
    }

    #[test]
    fn extensions_are_critical_as_br_2_0_tables_them() {
        let (serial, none) = ([0x11; 9], Vec::new());
        let right = [
            ("2.5.29.19", true),
            ("2.5.29.15", true),
            ("2.5.29.37", false),
        ];
        let mut l = leaf(&serial, &none, &none);
        l.extensions = &right;
        assert_eq!(broken(&l), []);
        // basicConstraints not critical; certificate policies critical; an extension the
        // table does not name (subjectAltName), either way, is not this rule's business.
        let wrongs = [
            [("2.5.29.19", false), ("2.5.29.17", true)],
            [("2.5.29.32", true), ("2.5.29.17", false)],
        ];
        for wrong in &wrongs {
            l.extensions = wrong;
            assert_eq!(broken(&l), [Rule::ExtensionCriticality]);
            // Not asked before 2.0.0 took effect.
            let mut old = leaf(&serial, &none, &none);
            old.extensions = wrong;
            (old.not_before, old.not_after) = (day(2023, 9, 14), day(2024, 9, 1));
            assert_eq!(broken(&old), []);
        }
    }

    #[test]
    fn an_ocsp_address_was_asked_of_certificates_issued_before_br_2_0() {
        let (serial, none) = ([0x11; 9], Vec::new());
        let mut old = leaf(&serial, &none, &none);
        (old.not_before, old.not_after) = (day(2023, 9, 14), day(2024, 9, 1));
        old.has_http_ocsp = false;
        assert_eq!(broken(&old), [Rule::OcspAddressMissing]);
        old.has_ocsp = true;
        assert_eq!(broken(&old), [Rule::OcspAddressMissing], "not http://");
        old.has_http_ocsp = true;
        assert_eq!(broken(&old), []);
        // From the Baseline Requirements 2.0.0 on, a CRL address alone is enough.
        let mut new = leaf(&serial, &none, &none);
        (new.not_before, new.not_after) = (day(2023, 9, 15), day(2024, 9, 1));
        new.has_http_ocsp = false;
        assert_eq!(broken(&new), []);
        // Before the Baseline Requirements, nothing was asked.
        (old.not_before, old.not_after, old.has_http_ocsp) =
            (day(2012, 6, 30), day(2013, 6, 1), false);
        assert_eq!(broken(&old), []);
    }

    #[test]
    fn key_usage_bits_of_a_site_certificate() {
        let (serial, none) = ([0x11; 9], Vec::new());
        let bits = |names: &[&str]| names.iter().map(|n| (*n).to_owned()).collect::<Vec<_>>();
        let ca = bits(&["digitalSignature", "keyCertSign"]);
        let mut l = leaf(&serial, &none, &none);
        l.key_usage = &ca;
        assert_eq!(broken(&l), [Rule::KeyUsageProhibited]);
        // keyEncipherment with an EC key: outside the table from BR 2.0.0 on, not before.
        let ec = bits(&["digitalSignature", "keyEncipherment"]);
        l.key_usage = &ec;
        assert_eq!(broken(&l), [Rule::KeyUsageProhibited]);
        (l.not_before, l.not_after) = (day(2023, 1, 1), day(2023, 6, 1));
        assert_eq!(broken(&l), []);
        l.key_usage = &ca;
        assert_eq!(broken(&l), [Rule::KeyUsageProhibited]);
        // The same bits are the table's for RSA.
        let (mut r, rsa) = (leaf(&serial, &none, &none), ec.clone());
        r.key_algorithm = "RSA";
        r.key_usage = &rsa;
        assert_eq!(broken(&r), []);
    }

    #[test]
    fn revocation_information_is_asked_of_certificates_issued_from_br_2_0() {
        let (serial, none) = ([0x11; 9], Vec::new());
        let mut bare = leaf(&serial, &none, &none);
        bare.has_crl_distribution_points = false;
        assert_eq!(broken(&bare), [Rule::RevocationInformationMissing]);
        // An OCSP address alone is enough, as a CRL address alone is.
        bare.has_ocsp = true;
        assert_eq!(broken(&bare), []);
        bare.has_ocsp = false;
        // Issued the day before BR 2.0.0: not held to it.
        bare.not_before = day(2023, 9, 14);
        bare.not_after = day(2024, 6, 1);
        assert_eq!(broken(&bare), []);
        bare.not_before = day(2023, 9, 15);
        assert_eq!(broken(&bare), [Rule::RevocationInformationMissing]);
        // Short-lived: 10 days from 2024-03-15 (not before), 7 from 2026-03-15.
        let ten_days = 10 * 86_400 - 1;
        bare.not_before = day(2024, 3, 14);
        bare.not_after = bare.not_before + ten_days;
        assert_eq!(broken(&bare), [Rule::RevocationInformationMissing]);
        bare.not_before = day(2024, 3, 15);
        bare.not_after = bare.not_before + ten_days;
        assert_eq!(broken(&bare), []);
        bare.not_after += 1;
        assert_eq!(broken(&bare), [Rule::RevocationInformationMissing]);
        bare.not_before = day(2026, 3, 15);
        bare.not_after = bare.not_before + ten_days;
        assert_eq!(broken(&bare), [Rule::RevocationInformationMissing]);
        bare.not_after = bare.not_before + 7 * 86_400 - 1;
        assert_eq!(broken(&bare), []);
    }

    #[test]
    fn the_dates_are_the_ones_the_sources_give() {
        assert_eq!(RFC3280.0, day(2002, 4, 1));
        assert_eq!(BR_EFFECTIVE.0, day(2012, 7, 1));
        assert_eq!(SERIAL_ENTROPY.0, day(2016, 9, 30));
        assert_eq!(NO_UNDERSCORE.0, day(2019, 4, 1));
        assert_eq!(NO_RSA_1024.0, day(2014, 1, 1));
        assert_eq!(NO_RESERVED_IP.0, day(2015, 11, 1));
        assert_eq!(NO_OU.0, day(2022, 9, 1));
        assert_eq!(BR_2_0.0, day(2023, 9, 15));
        let steps: Vec<i64> = LIFETIMES.iter().map(|(t, _)| t.0).collect();
        assert_eq!(
            steps,
            [
                day(2029, 3, 15),
                day(2027, 3, 15),
                day(2026, 3, 15),
                day(2020, 9, 1),
                day(2018, 3, 2),
                day(2016, 7, 2)
            ]
        );
        let codes: Vec<&str> = Rule::ALL.iter().map(|r| r.code()).collect();
        // inspect's JSON names a rule as its code does.
        for rule in Rule::ALL {
            assert_eq!(
                serde_json::to_string(&rule).unwrap(),
                format!("\"{}\"", rule.code())
            );
        }
        let mut unique = codes.clone();
        unique.dedup();
        assert_eq!(codes, unique);
    }

    #[test]
    fn chrome_ct_policy_counts_by_days_from_april_2022_and_by_months_before() {
        assert_eq!(CT_BY_DAYS.0, day(2022, 4, 15));
        let from = day(2026, 1, 1);
        assert_eq!(required_scts(from, from + 180 * 86_400), 2);
        assert_eq!(required_scts(from, from + 181 * 86_400), 3);
        assert_eq!(required_scts(from, day(2030, 1, 1)), 3);
        let old = day(2019, 1, 15);
        assert_eq!(required_scts(old, day(2020, 4, 15)), 2); // 15 months
        assert_eq!(required_scts(old, day(2020, 4, 16)), 3);
        assert_eq!(required_scts(old, day(2021, 4, 15)), 3); // 27 months
        assert_eq!(required_scts(old, day(2022, 4, 15)), 4); // 39 months
        assert_eq!(required_scts(old, day(2022, 4, 16)), 5);
    }

    #[test]
    fn serial_numbers() {
        let good = [0x5a; 16];
        let none: [String; 0] = [];
        assert_eq!(broken(&leaf(&good, &none, &none)), []);
        assert_eq!(
            broken(&leaf(&[0x80, 1, 2, 3, 4, 5, 6, 7, 8], &none, &none)),
            [Rule::SerialNotPositive]
        );
        assert_eq!(
            broken(&leaf(&[0], &none, &none)),
            [Rule::SerialNotPositive, Rule::SerialTooShort]
        );
        // A leading 0x00 keeps a number positive; it is not one of the 64 bits.
        let padded = [0x00, 0x80, 1, 2, 3, 4, 5, 6];
        assert_eq!(broken(&leaf(&padded, &none, &none)), [Rule::SerialTooShort]);
        assert_eq!(
            broken(&leaf(&[0x11; 21], &none, &none)),
            [Rule::SerialTooLong]
        );
        // Issued before 2016-09-30: a short serial number was allowed.
        let mut old = leaf(&[1, 2, 3], &none, &none);
        old.not_before = day(2016, 9, 29);
        old.not_after = day(2016, 12, 29);
        assert_eq!(broken(&old), []);
    }

    #[test]
    fn rsa_keys_by_the_date_they_are_valid_until() {
        let serial = [0x5a; 16];
        let none: [String; 0] = [];
        let mut small = leaf(&serial, &none, &none);
        small.rsa_bits = Some(1024);
        assert_eq!(broken(&small), [Rule::RsaKeyUnder2048]);
        // Issued in 2011, expired at the end of 2013: allowed; one day longer: not.
        small.not_before = day(2011, 1, 1);
        small.not_after = day(2013, 12, 31);
        assert_eq!(broken(&small), []);
        small.not_after = day(2014, 1, 1);
        assert_eq!(broken(&small), [Rule::RsaKeyUnder2048]);
        small.rsa_bits = Some(2048);
        assert_eq!(broken(&small), []);
    }

    #[test]
    fn reserved_addresses_are_the_registries_ranges() {
        let v4 = |s: &str| s.parse::<core::net::Ipv4Addr>().unwrap().octets().to_vec();
        let v6 = |s: &str| s.parse::<core::net::Ipv6Addr>().unwrap().octets().to_vec();
        for r in [
            "10.1.2.3",
            "172.31.255.255",
            "192.168.0.1",
            "127.0.0.1",
            "169.254.1.1",
            "100.64.0.1",
            "192.0.2.10",
            "198.51.100.7",
            "203.0.113.7",
            "198.19.0.1",
            "0.1.2.3",
            "224.0.0.1",
            "255.255.255.255",
            "192.0.0.9",
        ] {
            assert!(reserved(&v4(r)), "{r}");
        }
        for ok in [
            "8.8.8.8",
            "172.32.0.1",
            "192.169.0.1",
            "100.128.0.1",
            "198.20.0.1",
        ] {
            assert!(!reserved(&v4(ok)), "{ok}");
        }
        for r in [
            "::1",
            "::",
            "fc00::1",
            "fe80::1",
            "ff02::1",
            "2001:db8::1",
            "2002::1",
            "::ffff:8.8.8.8",
        ] {
            assert!(reserved(&v6(r)), "{r}");
        }
        for ok in ["2606:4700::1111", "2a00:1450::1"] {
            assert!(!reserved(&v6(ok)), "{ok}");
        }
        assert!(!reserved(&[1, 2, 3]));
        let serial = [0x5a; 16];
        let none: [String; 0] = [];
        let private = [v4("192.168.1.1")];
        let mut old = leaf(&serial, &none, &none);
        old.san_ip = &private;
        assert_eq!(broken(&old), [Rule::ReservedIpAddress]);
        // Expiring on 2015-11-01 exactly was still allowed.
        old.not_before = day(2014, 11, 1);
        old.not_after = day(2015, 11, 1);
        assert_eq!(broken(&old), []);
    }

    #[test]
    fn lifetimes_by_issue_date_and_chromiums_share_of_them() {
        // Chromium: 398 days before SC-081's first step (whatever the BR allowed then).
        assert_eq!(chromium_max_days(day(2017, 1, 1)), 398);
        assert_eq!(chromium_max_days(day(2026, 3, 14)), 398);
        assert_eq!(chromium_max_days(day(2026, 3, 15)), 200);
        assert_eq!(chromium_max_days(day(2027, 3, 15)), 100);
        assert_eq!(chromium_max_days(day(2030, 1, 1)), 47);
        // The BR: 39 calendar months from 2016-07-02.
        let from = day(2017, 1, 31);
        assert!(!lifetime_too_long(from, day(2020, 4, 30)));
        assert!(lifetime_too_long(from, day(2020, 4, 30) + 1));
        assert_eq!(add_months(day(2016, 11, 30), 3), day(2017, 2, 28));
        // 825 days from 2018-03-02, 398 from 2020-09-01, 200 from 2026-03-15, each period
        // counted inclusively: notAfter one second short of the limit is the limit exactly.
        for (from, days) in [
            (day(2019, 1, 1), 825),
            (day(2021, 1, 1), 398),
            (day(2026, 6, 1), 200),
        ] {
            let end = from + days * 86_400;
            assert!(!lifetime_too_long(from, end - 1), "{days}");
            assert!(lifetime_too_long(from, end), "{days}");
        }
        // Chromium's own check counts the plain difference (`HasTooLongValidity`).
        assert_eq!(
            chromium_too_long(day(2021, 1, 1), day(2021, 1, 1) + 398 * 86_400),
            None
        );
        assert_eq!(
            chromium_too_long(day(2021, 1, 1), day(2021, 1, 1) + 398 * 86_400 + 1),
            Some(398)
        );
        // Before 2016-07-02 the table says nothing.
        assert!(!lifetime_too_long(day(2014, 1, 1), day(2019, 1, 1)));
    }

    #[test]
    fn a_wildcard_is_the_whole_left_most_label_over_a_name_someone_registered() {
        for name in [
            "f*.example.com",
            "www.*.example.com",
            "*",
            "*.",
            "**.example.com",
        ] {
            assert!(wildcard_misplaced(name), "{name}");
        }
        for name in ["*.example.com", "www.example.com", "*.example.com."] {
            assert!(!wildcard_misplaced(name), "{name}");
        }
        for name in [
            "*.co.jp",
            "*.com",
            "*.CO.JP",
            "*.co.jp.",
            "*.foo.kawasaki.jp",
        ] {
            assert!(wildcard_over_registry_suffix(name), "{name}");
        }
        // city.kawasaki.jp is the Public Suffix List's exception; appspot.com is in its
        // private section, which Chromium's rule leaves out.
        for name in [
            "*.example.co.jp",
            "*.city.kawasaki.jp",
            "*.appspot.com",
            "co.jp",
        ] {
            assert!(!wildcard_over_registry_suffix(name), "{name}");
        }
        let serial = [0x11; 9];
        let (partial, none) = (vec!["f*.example.com".to_owned()], Vec::new());
        assert_eq!(
            broken(&leaf(&serial, &partial, &none)),
            [Rule::WildcardMisplaced]
        );
        // The common name is read as well, as zlint reads it.
        let (registry, cn) = (vec!["*.co.jp".to_owned()], vec!["*.co.jp".to_owned()]);
        assert_eq!(
            broken(&leaf(&serial, &registry, &cn)),
            [Rule::WildcardOverRegistrySuffix]
        );
        assert_eq!(
            broken(&leaf(&serial, &none, &partial)),
            [Rule::WildcardMisplaced, Rule::CommonNameNotInSan]
        );
    }

    #[test]
    fn internal_names_are_one_label_or_under_a_name_never_delegated() {
        for name in [
            "intranet",
            "localhost",
            "mail.example",
            "printer.local",
            "nas.home.arpa",
            "*.corp",
            "wiki.internal.",
            "SERVER.TEST",
            "Mail.Example",
        ] {
            assert!(is_internal_name(name), "{name}");
        }
        for name in [
            "example.com",
            "www.example.com",
            "mail.example.com",
            "testing.jp",
            "home.example.org",
            "*.co.jp",
            "local.example.com",
            // A suffix of the last label is not the label.
            "foo.mytest",
            "shop.nonlocal",
        ] {
            assert!(!is_internal_name(name), "{name}");
        }
        // Held to certificates expiring after 2015-11-01, like reserved addresses.
        let serial = [0x5a; 16];
        let dns = ["intranet".to_owned(), "intranet.corp".to_owned()];
        let cn: [String; 0] = [];
        assert_eq!(broken(&leaf(&serial, &dns, &cn)), [Rule::InternalName]);
        let mut old = leaf(&serial, &dns, &cn);
        old.not_before = day(2013, 1, 1);
        old.not_after = day(2015, 11, 1);
        assert!(!broken(&old).contains(&Rule::InternalName));
    }

    #[test]
    fn names() {
        let serial = [0x5a; 16];
        let dns = ["_acme.example.com".to_owned(), "www.example.com".to_owned()];
        let cn = ["WWW.example.com".to_owned()];
        assert_eq!(
            broken(&leaf(&serial, &dns, &cn)),
            [Rule::UnderscoreInDnsName]
        );
        let other = ["shop.example.com".to_owned()];
        assert_eq!(
            broken(&leaf(&serial, &dns[1..], &other)),
            [Rule::CommonNameNotInSan]
        );
        // An IP address as the common name matches an iPAddress entry (a public one: a
        // documentation address would break the reserved-address rule).
        let ip = ["8.8.8.8".to_owned()];
        let mut by_ip = leaf(&serial, &dns[1..], &ip);
        let octets = [vec![8, 8, 8, 8]];
        by_ip.san_ip = &octets;
        assert_eq!(broken(&by_ip), []);
        // Before the sunset an underscore was tolerated.
        let mut old = leaf(&serial, &dns, &cn);
        old.not_before = day(2019, 3, 31);
        old.not_after = day(2019, 6, 30);
        assert_eq!(broken(&old), []);
    }
}
