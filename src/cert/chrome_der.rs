//! The extensions as Chrome's certificate verifier reads them: strict DER, one parser per
//! extension, transcribed from BoringSSL's `pki/` (which Chromium's verifier is).
//!
//! `ParsedCertificate::Create` (pki/parsed_certificate.cc) parses basicConstraints,
//! keyUsage, extKeyUsage, subjectAltName, nameConstraints, authorityInfoAccess,
//! certificatePolicies, policyConstraints, policyMappings, inhibitAnyPolicy and the two key
//! identifiers whenever it reads a certificate, critical or not, and a certificate one of
//! them does not parse is not read at all: the site's is refused (`ERR_CERT_INVALID`), a
//! served authority's left out of path building. x509-parser is more lenient than these
//! parsers (it drops bytes after a value, reads a BOOLEAN or an INTEGER as BER, takes an
//! empty list, keeps a name it cannot read as `GeneralName::Invalid`), and in one place
//! stricter (an accessLocation that is not context-specific), so the engine asks this
//! module, not x509-parser, whether Chrome can read an extension. keyUsage has its own
//! reader ([`super::fields::KeyUsageRead`]).
//!
//! Each function below is its BoringSSL namesake, line for line; the DER layer is
//! `der::Parser` (pki/parser.cc) over `CBS` (crypto/bytestring/cbs.cc,
//! `cbs_get_any_asn1_element` without BER). The certificate around the extensions is read
//! here too ([`certificate`]: the version, unique identifiers, validity dates, the
//! extension list as a whole), each extension's frame ([`frame`]: its critical flag); no
//! two extensions with one OID is asked in [`super::fields`] (`ParseExtensions`,
//! pki/parse_certificate.cc).

use super::findings::ChromeRule;
use super::oids;
use super::openssl::DecodeFault;
use super::time::DateText;
use serde::{Deserialize, Serialize};
use x509_parser::asn1_rs::Oid;

/// A tag as `CBS` compares it: class and constructed bit in the top three bits, the number
/// below (`CBS_ASN1_TAG`, include/openssl/bytestring.h).
type Tag = u32;

/// The tag of a low-number identifier octet.
const fn tag(octet: u8) -> Tag {
    ((octet as u32 & 0xe0) << 24) | (octet as u32 & 0x1f)
}

const BOOLEAN: Tag = tag(0x01);
const INTEGER: Tag = tag(0x02);
const OCTET_STRING: Tag = tag(0x04);
const OBJECT: Tag = tag(0x06);
const SEQUENCE: Tag = tag(0x30);
const BIT_STRING: Tag = tag(0x03);
const UTC_TIME: Tag = tag(0x17);
const GENERALIZED_TIME: Tag = tag(0x18);
/// `[n]`, primitive and constructed.
const fn context(n: u8) -> Tag {
    tag(0x80 | n)
}
const fn context_constructed(n: u8) -> Tag {
    tag(0xa0 | n)
}

/// One element off the front of `input`: its tag, its content and what follows
/// (`cbs_get_any_asn1_element` with `ber_ok` false and `parse_asn1_tag`): a length in its
/// shortest form of one to four octets, a high tag number only from 31 and in its shortest
/// form, never tag `[UNIVERSAL 0]`.
fn element(input: &[u8]) -> Option<(Tag, &[u8], &[u8])> {
    let (tag, rest) = identifier(input)?;
    let (&length_octet, rest) = rest.split_first()?;
    let (length, rest) = if length_octet & 0x80 == 0 {
        (usize::from(length_octet), rest)
    } else {
        let count = usize::from(length_octet & 0x7f);
        if count == 0 || count > 4 {
            return None;
        }
        let (octets, rest) = rest.split_at_checked(count)?;
        if octets.first() == Some(&0) {
            return None;
        }
        let length = octets
            .iter()
            .fold(0usize, |acc, &octet| (acc << 8) | usize::from(octet));
        if length < 0x80 {
            return None;
        }
        (length, rest)
    };
    let (content, rest) = rest.split_at_checked(length)?;
    Some((tag, content, rest))
}

/// The tag off the front of `input` and what follows (`parse_asn1_tag`, which
/// `CBS_peek_asn1_tag` also reads).
fn identifier(input: &[u8]) -> Option<(Tag, &[u8])> {
    let (&first, mut rest) = input.split_first()?;
    let mut number = u32::from(first & 0x1f);
    if number == 0x1f {
        let mut value: u64 = 0;
        loop {
            let (&octet, after) = rest.split_first()?;
            rest = after;
            if value >> 57 != 0 || (value == 0 && octet == 0x80) {
                return None;
            }
            value = (value << 7) | u64::from(octet & 0x7f);
            if octet & 0x80 == 0 {
                break;
            }
        }
        if !(0x1f..=0x1fff_ffff).contains(&value) {
            return None;
        }
        number = u32::try_from(value).ok()?;
    }
    let tag = ((u32::from(first) & 0xe0) << 24) | number;
    if tag & !0x2000_0000 == 0 {
        return None;
    }
    Some((tag, rest))
}

/// `der::Parser`: elements read one after another, each failure a refusal.
struct Parser<'a> {
    rest: &'a [u8],
    /// The length it started with.
    length: usize,
}

/// A refusal for a malformed element or one of another type.
const NOT_DER: ChromeRule = ChromeRule::NotDer;

impl<'a> Parser<'a> {
    fn new(input: &'a [u8]) -> Self {
        Parser {
            rest: input,
            length: input.len(),
        }
    }

    /// `HasMore`.
    fn has_more(&self) -> bool {
        !self.rest.is_empty()
    }

    /// `ReadTagAndValue` (and `ReadRawTLV`): the next element, whatever its tag.
    fn read_any(&mut self) -> Result<(Tag, &'a [u8]), ChromeRule> {
        let (tag, content, rest) = element(self.rest).ok_or(NOT_DER)?;
        self.rest = rest;
        Ok((tag, content))
    }

    /// `ReadTag`: the next element, which must have this tag.
    fn read(&mut self, expected: Tag) -> Result<&'a [u8], ChromeRule> {
        let (tag, content, rest) = element(self.rest).ok_or(NOT_DER)?;
        if tag != expected {
            return Err(NOT_DER);
        }
        self.rest = rest;
        Ok(content)
    }

    /// `ReadOptionalTag`: the next element if it has this tag; a malformed next element is a
    /// refusal whatever its tag.
    fn read_optional(&mut self, expected: Tag) -> Result<Option<&'a [u8]>, ChromeRule> {
        if !self.has_more() {
            return Ok(None);
        }
        let (tag, content, rest) = element(self.rest).ok_or(NOT_DER)?;
        if tag != expected {
            return Ok(None);
        }
        self.rest = rest;
        Ok(Some(content))
    }

    /// `ReadSequence`: a parser over the next element, a SEQUENCE.
    fn sequence(&mut self) -> Result<Parser<'a>, ChromeRule> {
        self.read(SEQUENCE).map(Parser::new)
    }

    /// Refuses bytes left over: after what was read, or, where nothing was (none of the
    /// optional fields a SEQUENCE may hold is there), an element of another type.
    fn end(&self) -> Result<(), ChromeRule> {
        if !self.has_more() {
            Ok(())
        } else if self.rest.len() == self.length {
            Err(NOT_DER)
        } else {
            Err(ChromeRule::Trailing)
        }
    }

    /// Refuses a list with nothing in it.
    fn not_empty(&self) -> Result<(), ChromeRule> {
        if self.has_more() {
            Ok(())
        } else {
            Err(ChromeRule::Empty)
        }
    }
}

/// `ParseBool` (pki/parse_values.cc): one octet, 00 or FF.
fn boolean(content: &[u8]) -> Result<bool, ChromeRule> {
    match content {
        [0x00] => Ok(false),
        [0xff] => Ok(true),
        _ => Err(NOT_DER),
    }
}

/// `ParseUint8` (pki/parse_values.cc, over `CBS_is_valid_asn1_integer`): an INTEGER in
/// its shortest form, not negative, at most 255.
fn uint8(content: &[u8]) -> Result<u8, ChromeRule> {
    let (&first, after) = content.split_first().ok_or(NOT_DER)?;
    if let Some(&second) = after.first()
        && ((first == 0x00 && second & 0x80 == 0) || (first == 0xff && second & 0x80 != 0))
    {
        return Err(NOT_DER);
    }
    if first & 0x80 != 0 {
        return Err(ChromeRule::OutOfRange);
    }
    match content {
        [value] | [0x00, value] => Ok(*value),
        _ => Err(ChromeRule::OutOfRange),
    }
}

/// `ParseExtension` (pki/parse_certificate.cc): one extension, the whole element, as
/// `SEQUENCE { extnID OBJECT IDENTIFIER, critical BOOLEAN DEFAULT FALSE, extnValue OCTET
/// STRING }`. The critical flag, when written, must be TRUE as DER writes it (FF): DER
/// leaves a default value out, so a FALSE written out is refused, as is a BOOLEAN other
/// than 00 or FF.
pub(crate) fn frame(extension: &[u8]) -> Result<(), ChromeRule> {
    let mut parser = Parser::new(extension);
    let mut fields = parser.sequence()?;
    fields.read(OBJECT)?;
    if let Some(critical) = fields.read_optional(BOOLEAN)?
        && !boolean(critical)?
    {
        return Err(ChromeRule::CriticalFlag);
    }
    fields.read(OCTET_STRING)?;
    fields.end()?;
    parser.end()
}

/// Whether Chrome's verifier can read the certificate around its extensions: the frame
/// `ParseCertificate` and `ParseTbsCertificate` read (pki/parse_certificate.cc), with the
/// options Chrome verifies with (`DefaultParseCertificateOptions`, net/cert/x509_util.cc:
/// any serial number), and the extension list as `ParseExtensions` reads it as a whole
/// (each extension's own frame is [`frame`], its value [`extension`], a second copy
/// `super::fields`). `der` is the certificate's whole element.
///
/// What x509-parser takes and this refuses: a version written out as 1 (DER leaves the
/// default out), unique identifiers in a version 1 certificate, extensions in one of
/// version 1 or 2, an empty extension list, a validity date not in the one form RFC 5280
/// fixes (`YYMMDDHHMMSSZ`, `YYYYMMDDHHMMSSZ`), lengths not in their shortest form.
pub(crate) fn certificate(der: &[u8]) -> Result<(), ChromeRule> {
    let mut outer = Parser::new(der);
    //   Certificate  ::=  SEQUENCE  {
    let mut certificate = outer.sequence()?;
    //        tbsCertificate       TBSCertificate,
    let tbs = certificate.read(SEQUENCE)?;
    //        signatureAlgorithm   AlgorithmIdentifier,
    certificate.read(SEQUENCE)?;
    //        signatureValue       BIT STRING  }
    bit_string(certificate.read(BIT_STRING)?)?;
    certificate.end()?;
    outer.end()?;
    tbs_certificate(tbs)
}

/// `ParseTbsCertificate` (pki/parse_certificate.cc) over the TBSCertificate's content, then
/// `ParseExtensions` over its extension list.
fn tbs_certificate(tbs: &[u8]) -> Result<(), ChromeRule> {
    let mut fields = Parser::new(tbs);
    //        version         [0]  EXPLICIT Version DEFAULT v1,
    let version = match fields.read_optional(context_constructed(0))? {
        None => 0,
        Some(written) => match version(written)? {
            0 => return Err(ChromeRule::VersionWrittenOut),
            version => version,
        },
    };
    //        serialNumber         CertificateSerialNumber (any, with Chrome's options),
    fields.read(INTEGER)?;
    //        signature            AlgorithmIdentifier,
    fields.read(SEQUENCE)?;
    //        issuer               Name,
    fields.read(SEQUENCE)?;
    //        validity             Validity,
    let (tag, validity) = fields.read_any()?;
    if tag != SEQUENCE {
        return Err(NOT_DER);
    }
    self::validity(validity)?;
    //        subject              Name,
    fields.read(SEQUENCE)?;
    //        subjectPublicKeyInfo SubjectPublicKeyInfo,
    fields.read(SEQUENCE)?;
    //        issuerUniqueID  [1]  IMPLICIT UniqueIdentifier OPTIONAL,
    //        subjectUniqueID [2]  IMPLICIT UniqueIdentifier OPTIONAL,
    //                             -- If present, version MUST be v2 or v3
    for number in [1, 2] {
        if let Some(id) = fields.read_optional(context(number))? {
            bit_string(id)?;
            if version == 0 {
                return Err(ChromeRule::UniqueIdInVersion1);
            }
        }
    }
    //        extensions      [3]  EXPLICIT Extensions OPTIONAL
    //                             -- If present, version MUST be v3
    let extensions = fields.read_optional(context_constructed(3))?;
    if let Some(list) = extensions {
        // `IsSequenceTLV`: one SEQUENCE and nothing else.
        let mut one = Parser::new(list);
        one.sequence()?;
        one.end()?;
        if version != 2 {
            return Err(ChromeRule::ExtensionsBeforeVersion3);
        }
    }
    fields.end()?;
    // `ParseExtensions`: Extensions ::= SEQUENCE SIZE (1..MAX) OF Extension.
    if let Some(list) = extensions {
        let mut outer = Parser::new(list);
        let mut each = outer.sequence()?;
        each.not_empty()?;
        while each.has_more() {
            each.read_any()?;
        }
        outer.end()?;
    }
    Ok(())
}

/// Whether Chrome can read the values of a certificate's name (the subject's or the
/// issuer's), in its two readings.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct NameRead {
    /// `CertPrincipal::ParseDistinguishedName` (net/cert/x509_cert_types.cc), as Chrome
    /// takes the site's certificate out of the handshake
    /// (`X509Certificate::ParsedFields::Initialize`): it fails.
    pub principal_fails: bool,
    /// `NormalizeName` (pki/verify_name_match.cc), as the verifier reads every certificate
    /// (`ParsedCertificate::Create`): it fails.
    pub normalizing_fails: bool,
}

/// A Name (`name`, its whole element) as Chrome reads its values. `ParseName` and
/// `ReadRdn` (pki/parse_name.cc) read the structure, which x509-parser reads as strictly.
/// `CertPrincipal::ParseDistinguishedName` then reads the first common name, locality,
/// state and country (each until one is not empty) and every organisation and unit with
/// `X509NameAttribute::ValueAsString`: a PrintableString of its character set only
/// (`ParsePrintableString`, pki/parse_values.cc: letters, digits, space and `'()*+,-./:=?`,
/// the asterisk included for real certificates), an IA5String of octets up to 127, a
/// BMPString or UniversalString that decodes, a TeletexString (as Latin-1) or UTF8String
/// of any octets, and no other string type. `NormalizeName` reads every value of a type
/// it compares by its text (`IsNormalizableDirectoryString`: PrintableString, UTF8String,
/// IA5String, UniversalString, BMPString) with the same character sets
/// (`NormalizeDirectoryString`), and compares any other type by its octets. Chromium 156
/// against a site certificate whose organisation is a PrintableString with `&`, `_` or `@`:
/// `ERR_SSL_SERVER_CERT_BAD_FORMAT`; with `*`: accepted (tests/e2e/cert_handshake.spec.ts).
pub(crate) fn name(name: &[u8]) -> NameRead {
    const BOTH: NameRead = NameRead {
        principal_fails: true,
        normalizing_fails: true,
    };
    const PRINTABLE: Tag = tag(0x13);
    const TELETEX: Tag = tag(0x14);
    const IA5: Tag = tag(0x16);
    const UTF8: Tag = tag(0x0c);
    const UNIVERSAL: Tag = tag(0x1c);
    const BMP: Tag = tag(0x1e);
    const SET: Tag = tag(0x31);
    /// `ValueAsString` (with `kDefault`): whether the value reads, and whether as empty.
    fn as_string(tag: Tag, value: &[u8]) -> Option<bool> {
        let reads = match tag {
            PRINTABLE => value.iter().all(|&c| printable(c)),
            IA5 => value.iter().all(u8::is_ascii),
            TELETEX | UTF8 => true,
            // Each character in four octets, or two, a code point `is_valid_code_point`
            // takes (crypto/bytestring/unicode.cc, under `CBS_get_utf32_be`,
            // `CBS_get_ucs2_be` and `CBB_add_utf8`).
            UNIVERSAL => {
                value.len().is_multiple_of(4)
                    && value.chunks_exact(4).all(|c| {
                        <[u8; 4]>::try_from(c).is_ok_and(|c| code_point(u32::from_be_bytes(c)))
                    })
            }
            BMP => {
                value.len().is_multiple_of(2)
                    && value.chunks_exact(2).all(|c| {
                        <[u8; 2]>::try_from(c)
                            .is_ok_and(|c| code_point(u32::from(u16::from_be_bytes(c))))
                    })
            }
            _ => false,
        };
        reads.then_some(value.is_empty())
    }
    /// `is_valid_code_point`: a Unicode scalar value that is no noncharacter (U+FDD0 to
    /// U+FDEF, and the last two of each plane).
    fn code_point(c: u32) -> bool {
        char::from_u32(c).is_some() && !(0xfdd0..=0xfdef).contains(&c) && c & 0xfffe != 0xfffe
    }
    /// `ParsePrintableString`'s set, which `NormalizeDirectoryString` also enforces.
    fn printable(c: u8) -> bool {
        c.is_ascii_alphabetic()
            || c == b' '
            || (b'\''..=b':').contains(&c)
            || c == b'='
            || c == b'?'
    }
    // The attribute types `CertPrincipal` reads: the first of each (until one is not
    // empty), then every organisation and unit.
    const FIRST_ONLY: [&[u8]; 4] = [&[0x55, 4, 3], &[0x55, 4, 7], &[0x55, 4, 8], &[0x55, 4, 6]];
    const EVERY: [&[u8]; 2] = [&[0x55, 4, 10], &[0x55, 4, 11]];
    let mut out = NameRead::default();
    let mut found = [false; 4];
    let mut outer = Parser::new(name);
    let Ok(mut sequence) = outer.sequence() else {
        return BOTH;
    };
    while sequence.has_more() {
        let Ok(set) = sequence.read(SET) else {
            return BOTH;
        };
        let mut rdn = Parser::new(set);
        if !rdn.has_more() {
            return BOTH;
        }
        while rdn.has_more() {
            let Ok(mut attribute) = rdn.sequence() else {
                return BOTH;
            };
            let (Ok(oid), Ok((value_tag, value))) = (attribute.read(OBJECT), attribute.read_any())
            else {
                return BOTH;
            };
            if attribute.has_more() {
                return BOTH;
            }
            let read = as_string(value_tag, value);
            if let Some(at) = FIRST_ONLY.iter().position(|&t| t == oid) {
                if let Some(done) = found.get_mut(at).filter(|done| !**done) {
                    match read {
                        None => out.principal_fails = true,
                        Some(empty) => *done = !empty,
                    }
                }
            } else if EVERY.contains(&oid) && read.is_none() {
                out.principal_fails = true;
            }
            let compared_as_text = matches!(value_tag, PRINTABLE | UTF8 | IA5 | UNIVERSAL | BMP);
            if compared_as_text && read.is_none() {
                out.normalizing_fails = true;
            }
        }
    }
    if outer.end().is_err() {
        return BOTH;
    }
    out
}

/// What OpenSSL meets first as it decodes a Name (`name`, its whole element) into an
/// `X509_NAME` ([`DecodeFault`]): each attribute's type and value as it decodes them, then
/// each value as it turns it into UTF-8 (`x509_name_canon`). `None` when it reads it, or
/// when the structure itself does not read (x509-parser then refuses the certificate). A
/// string written in constructed form (BER), which OpenSSL joins first, is not judged.
pub(crate) fn openssl_name_fault(name: &[u8]) -> Option<DecodeFault> {
    const BIT_STRING_NUMBER: u32 = 3;
    const UTF8: u32 = 12;
    const SEQUENCE_NUMBER: u32 = 16;
    const UNIVERSAL: u32 = 28;
    const BMP: u32 = 30;
    const CONSTRUCTED: u32 = 0x2000_0000;
    const SET: Tag = tag(0x31);
    /// The universal tag numbers `ASN1_tag2bit` maps into `B_ASN1_PRINTABLE` (its
    /// `B_ASN1_UNKNOWN` among them), OpenSSL 3.0 (crypto/asn1/tasn_dec.c).
    const TAKEN: [u32; 17] = [
        3, 7, 8, 9, 11, 12, 13, 14, 15, 16, 18, 19, 20, 22, 28, 29, 30,
    ];
    /// `c2i_ASN1_OBJECT`: at least one octet, the last ending a subidentifier, none
    /// starting with 0x80.
    fn object_encoded(oid: &[u8]) -> bool {
        let mut within = false;
        for &octet in oid {
            if octet == 0x80 && !within {
                return false;
            }
            within = octet & 0x80 != 0;
        }
        !oid.is_empty() && !within
    }
    let mut attributes = Vec::new();
    let mut outer = Parser::new(name);
    let mut sequence = outer.sequence().ok()?;
    while sequence.has_more() {
        let mut rdn = Parser::new(sequence.read(SET).ok()?);
        while rdn.has_more() {
            let mut attribute = rdn.sequence().ok()?;
            let oid = attribute.read(OBJECT).ok()?;
            attributes.push((oid, attribute.read_any().ok()?));
        }
    }
    let decoded = attributes.iter().find_map(|&(oid, (value_tag, value))| {
        let number = value_tag & 0x1fff_ffff;
        let constructed = value_tag & CONSTRUCTED != 0;
        if !object_encoded(oid) {
            Some(DecodeFault::InvalidObjectEncoding)
        } else if value_tag >> 30 != 0 {
            Some(DecodeFault::MstringNotUniversal)
        } else if !TAKEN.contains(&number) {
            Some(DecodeFault::MstringWrongTag)
        } else if number == SEQUENCE_NUMBER {
            (!constructed).then_some(DecodeFault::TypeNotConstructed)
        } else if constructed {
            None
        } else if number == BIT_STRING_NUMBER {
            match value.first() {
                None => Some(DecodeFault::StringTooShort),
                Some(&unused) if unused > 7 => Some(DecodeFault::InvalidBitStringBitsLeft),
                Some(_) => None,
            }
        } else if number == BMP && !value.len().is_multiple_of(2) {
            Some(DecodeFault::BmpstringIsWrongLength)
        } else if number == UNIVERSAL && !value.len().is_multiple_of(4) {
            Some(DecodeFault::UniversalstringIsWrongLength)
        } else {
            None
        }
    });
    decoded.or_else(|| {
        attributes.iter().find_map(|&(_, (value_tag, value))| {
            let characters = |width: usize| {
                value.chunks_exact(width).all(|c| {
                    char::from_u32(c.iter().fold(0u32, |acc, &b| (acc << 8) | u32::from(b)))
                        .is_some()
                })
            };
            // (A tag in constructed form, not judged, matches none of these primitives.)
            match value_tag {
                UTF8 if std::str::from_utf8(value).is_err() => Some(DecodeFault::InvalidUtf8string),
                BMP if !characters(2) => Some(DecodeFault::IllegalCharacters),
                UNIVERSAL if !characters(4) => Some(DecodeFault::IllegalCharacters),
                _ => None,
            }
        })
    })
}

/// Where BoringSSL stops reading the site's certificate in the TLS handshake.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum HandshakeStop {
    /// In the certificate around its extensions, up to and in its key.
    Frame,
    /// In the certificate around its extensions, after its key (the unique identifiers, the
    /// extension list): `ssl_cert_parse_pubkey` has read the key by then.
    FrameAfterKey,
    /// In the frame of the extension at this index of the list.
    Extension(usize),
}

/// The site's certificate as BoringSSL reads it in the TLS handshake, before Chrome's
/// verifier is given it (ssl/ssl_cert.cc): `ssl_cert_skip_to_spki` and
/// `ssl_cert_parse_pubkey` take out the key, reading each element up to it with
/// `CBS_get_asn1` (a length in its shortest form, the expected tag, nothing after the
/// certificate); in TLS 1.3 `ssl_cert_check_key_usage` then reads on past the unique
/// identifiers to the extensions, and each extension's frame (`SEQUENCE { OBJECT
/// IDENTIFIER, BOOLEAN of any content, OCTET STRING }`, nothing after) up to keyUsage, whose
/// value is [`super::fields::KeyUsageRead::der`]. An optional element is looked for by its
/// tag alone (`CBS_get_optional_asn1` peeks), and nothing after the extensions is read.
/// A failure is `SSL_R_CANNOT_PARSE_LEAF_CERT`: the handshake ends, and Chrome says
/// `ERR_SSL_PROTOCOL_ERROR` (Chromium 156 against a TLS 1.3 server, a length not in its
/// shortest form in the serial number, the issuer, the validity, the subject, the key, the
/// extension list and an extension's value: tests/e2e/cert_handshake.spec.ts).
pub(crate) fn handshake(der: &[u8]) -> Result<(), HandshakeStop> {
    use HandshakeStop::{Extension, Frame, FrameAfterKey};
    /// keyUsage's OID, 2.5.29.15, as `kKeyUsageOID` writes it.
    const KEY_USAGE: [u8; 3] = [0x55, 0x1d, 0x0f];
    let (certificate, after) = cbs_get(der, SEQUENCE).ok_or(Frame)?;
    if !after.is_empty() {
        return Err(Frame);
    }
    let (mut tbs, _) = cbs_get(certificate, SEQUENCE).ok_or(Frame)?;
    (_, tbs) = cbs_get_optional(tbs, context_constructed(0)).ok_or(Frame)?;
    // The serial number, the signature algorithm, issuer, validity, subject and the key.
    for expected in [INTEGER, SEQUENCE, SEQUENCE, SEQUENCE, SEQUENCE, SEQUENCE] {
        (_, tbs) = cbs_get(tbs, expected).ok_or(Frame)?;
    }
    for number in [1, 2] {
        (_, tbs) = cbs_get_optional(tbs, context(number)).ok_or(FrameAfterKey)?;
    }
    let (extensions, _) = cbs_get_optional(tbs, context_constructed(3)).ok_or(FrameAfterKey)?;
    let Some(outer) = extensions else {
        return Ok(());
    };
    let (mut list, _) = cbs_get(outer, SEQUENCE).ok_or(FrameAfterKey)?;
    let mut index = 0usize;
    while !list.is_empty() {
        let stop = Extension(index);
        let (extension, rest) = cbs_get(list, SEQUENCE).ok_or(stop)?;
        list = rest;
        let (oid, mut fields) = cbs_get(extension, OBJECT).ok_or(stop)?;
        if identifier(fields).is_some_and(|(tag, _)| tag == BOOLEAN) {
            (_, fields) = cbs_get(fields, BOOLEAN).ok_or(stop)?;
        }
        let (_, fields) = cbs_get(fields, OCTET_STRING).ok_or(stop)?;
        if !fields.is_empty() {
            return Err(stop);
        }
        if oid == KEY_USAGE {
            return Ok(());
        }
        index = index.saturating_add(1);
    }
    Ok(())
}

/// `CBS_get_asn1`: the content of the element off the front of `input` and what follows,
/// when it is well formed and has this tag.
fn cbs_get(input: &[u8], expected: Tag) -> Option<(&[u8], &[u8])> {
    let (tag, content, rest) = element(input)?;
    (tag == expected).then_some((content, rest))
}

/// `CBS_get_optional_asn1`: that element when the next tag is this one (a malformed element
/// then fails), none otherwise.
fn cbs_get_optional(input: &[u8], expected: Tag) -> Option<(Option<&[u8]>, &[u8])> {
    if identifier(input).is_some_and(|(tag, _)| tag == expected) {
        let (content, rest) = cbs_get(input, expected)?;
        Some((Some(content), rest))
    } else {
        Some((None, input))
    }
}

/// What Firefox meets first as it reads a certificate's elements ([`mozpkix_reads`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum MozpkixFault {
    /// NSS decodes the certificate the server sends before anything else is done with it
    /// (`CERT_DecodeDERCertificate`, lib/certdb/certdb.c, through quickder,
    /// lib/util/quickder.c: DER lengths, the expected tags, a content octet in an INTEGER,
    /// a BIT STRING's count of unused bits): `SEC_ERROR_BAD_DER`, before the site's key is
    /// taken out of it.
    QuickDer,
    /// mozilla::pkix's own `ERROR_BAD_DER`: a certificate of 65,536 bytes or more, a version
    /// it does not know.
    BadDer,
    /// The signature's BIT STRING with unused bits (`der::SignedData`:
    /// `ERROR_BAD_SIGNATURE`).
    BadSignature,
    /// The version or the serial number not an INTEGER as DER writes one, or a version
    /// over 127 (`der::internal::IntegralBytes`, `IntegralValue`):
    /// `ERROR_INVALID_INTEGER_ENCODING`.
    InvalidInteger,
}

/// Why an INTEGER's content is not in DER, as mozilla::pkix (`der::internal::IntegralBytes`,
/// lib/mozpkix/lib/pkixder.cpp) and OpenSSL (`c2i_ibuf`, crypto/asn1/a_int.c) both read it;
/// BoringSSL's verifier reads one the same way (`der::IsValidInteger`, pki/parse_values.cc),
/// but Chrome takes any serial number (`allow_invalid_serial_numbers`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum IntegerFault {
    /// No octet at all (OpenSSL: `ASN1_R_ILLEGAL_ZERO_CONTENT`).
    Empty,
    /// A leading 00 or FF octet that says nothing, the next octet's top bit being the same
    /// (OpenSSL: `ASN1_R_ILLEGAL_PADDING`).
    Padded,
}

impl IntegerFault {
    /// What Firefox says of a site certificate whose serial number has this fault
    /// (`mozpkix_reads`): NSS's decoding refuses an empty INTEGER, mozilla::pkix a padded
    /// one.
    pub fn firefox_error(self) -> super::FirefoxError {
        match self {
            IntegerFault::Empty => super::FirefoxError::BadDer,
            IntegerFault::Padded => super::FirefoxError::InvalidIntegerEncoding,
        }
    }
}

/// Whether `content`, an INTEGER's octets, is in DER ([`IntegerFault`]).
pub(crate) fn integer_fault(content: &[u8]) -> Option<IntegerFault> {
    match content {
        [] => Some(IntegerFault::Empty),
        [first @ (0x00 | 0xff), second, ..] if first & 0x80 == second & 0x80 => {
            Some(IntegerFault::Padded)
        }
        _ => None,
    }
}

/// A fault in how a certificate's key is written that leaves the key itself as it is: a
/// server with its private key still signs in the handshake, and the clients part ways.
/// Chrome reads the key with BoringSSL's `EVP_PKEY_from_subject_public_key_info`
/// (crypto/evp/evp_asn1.cc), in the handshake for the site's certificate
/// (`ssl_parse_peer_subject_public_key_info`, ssl/ssl_privkey.cc) and in the verifier for
/// an authority's (`ParsePublicKey`, pki/verify_signed_data.cc); mozilla::pkix with
/// `CheckSubjectPublicKeyInfoContents` (lib/mozpkix/lib/pkixcheck.cpp), for every
/// certificate; NSS takes the site's key out in the handshake first
/// (`seckey_ExtractPublicKey`, lib/cryptohi/seckey.c); OpenSSL reads each of these as it is
/// (`key_faults`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum KeyFault {
    /// An rsaEncryption key whose parameters are not NULL: left out, or something else
    /// (RFC 3279, 2.3.1: they "MUST have ASN.1 type NULL"). BoringSSL (`rsa_pub_decode`,
    /// crypto/evp/p_rsa.cc) and mozilla::pkix (`ExpectTagAndEmptyValue`: `ERROR_BAD_DER`)
    /// refuse it; NSS's extraction and OpenSSL (`ossl_rsa_param_decode`,
    /// crypto/rsa/rsa_backend.c) do not look at them.
    RsaParametersNotNull,
    /// The modulus or the exponent negative as written: its first octet's top bit set,
    /// the 00 octet before it left out. BoringSSL refuses it (`BN_parse_asn1_unsigned`,
    /// crypto/bn/bn_asn1.cc), mozilla::pkix too (`der::PositiveInteger`:
    /// `ERROR_INVALID_INTEGER_ENCODING`); NSS's extraction and OpenSSL (`BN_bin2bn`) read the
    /// octets as an unsigned number, the key's own.
    RsaIntegerNegative {
        /// The exponent rather than the modulus.
        exponent: bool,
    },
    /// The modulus or the exponent with a leading 00 octet that says nothing. BoringSSL and
    /// mozilla::pkix refuse it (as above), and so does NSS's extraction (quickder: the
    /// site's key is not taken out); OpenSSL reads the same number.
    RsaIntegerPadded {
        /// The exponent rather than the modulus.
        exponent: bool,
    },
    /// Octets after the RSA key's SEQUENCE in the BIT STRING. BoringSSL refuses them
    /// (`RSA_public_key_from_bytes`, crypto/rsa/rsa_asn1.cc), mozilla::pkix too
    /// (`der::End`: `ERROR_BAD_DER`), and NSS's extraction (`SEC_ERROR_EXTRA_INPUT`);
    /// OpenSSL reads the key and leaves them (`rsa_pub_decode`, crypto/rsa/rsa_ameth.c).
    RsaTrailing,
    /// An elliptic curve point in compressed form (02 or 03 and the x coordinate alone),
    /// which RFC 5480 (2.2) allows a certificate and asks no client to read. BoringSSL reads
    /// it (`ec_GFp_simple_oct2point`, crypto/fipsmodule/ec/oct.cc.inc), and so do NSS's
    /// extraction and OpenSSL; mozilla::pkix reads only the uncompressed form
    /// (`ERROR_UNSUPPORTED_EC_POINT_FORM`).
    EcPointCompressed,
}

impl KeyFault {
    /// Whether Chrome refuses the key: the site's ends the handshake, an authority's cannot
    /// check what it signed.
    pub fn chrome_refuses(self) -> bool {
        self != KeyFault::EcPointCompressed
    }

    /// Whether NSS cannot take the site's key out of its certificate in the handshake
    /// (`SSL_ERROR_EXTRACT_PUBLIC_KEY_FAILURE`, before mozilla::pkix is asked).
    pub fn nss_cannot_extract(self) -> bool {
        matches!(
            self,
            KeyFault::RsaIntegerPadded { .. } | KeyFault::RsaTrailing
        )
    }

    /// Whether mozilla::pkix meets it after the modulus, whose size it checks as soon as it
    /// has read it (`CheckRSAPublicKeyModulusSizeInBits`): a key too small is refused for
    /// that first.
    pub fn after_the_modulus(self) -> bool {
        matches!(
            self,
            KeyFault::RsaIntegerNegative { exponent: true }
                | KeyFault::RsaIntegerPadded { exponent: true }
                | KeyFault::RsaTrailing
        )
    }

    /// What mozilla::pkix says of a certificate with this key.
    pub fn firefox_error(self) -> super::FirefoxError {
        use super::FirefoxError as F;
        match self {
            KeyFault::RsaParametersNotNull | KeyFault::RsaTrailing => F::BadDer,
            KeyFault::RsaIntegerNegative { .. } | KeyFault::RsaIntegerPadded { .. } => {
                F::InvalidIntegerEncoding
            }
            KeyFault::EcPointCompressed => F::UnsupportedEcPointForm,
        }
    }
}

/// The modulus and the exponent of an RSA key (the content of its BIT STRING), each
/// without the 00 octets before it, read as OpenSSL reads them (`BN_bin2bn`: the octets as
/// an unsigned number, whatever their first bit or leading zeros; octets after the key
/// left): the key of a certificate whose key has a [`KeyFault`].
pub(crate) fn rsa_numbers(key: &[u8]) -> Option<(Vec<u8>, Vec<u8>)> {
    let (numbers, _) = cbs_get(key, SEQUENCE)?;
    let (modulus, numbers) = cbs_get(numbers, INTEGER)?;
    let (exponent, []) = cbs_get(numbers, INTEGER)? else {
        return None;
    };
    let unsigned = |octets: &[u8]| -> Vec<u8> {
        let first = octets.iter().position(|&o| o != 0).unwrap_or(octets.len());
        octets.get(first..).unwrap_or_default().to_vec()
    };
    Some((unsigned(modulus), unsigned(exponent)))
}

/// The [`KeyFault`]s of a SubjectPublicKeyInfo, in the order every client meets them (the
/// parameters, the modulus, the exponent, what follows; the point): none when the key is
/// written as all of them read it, or when something else is wrong with it that these
/// faults do not cover (the frame not in DER, a BIT STRING with unused bits, NULL
/// parameters with content, a second parameter, an RSA key of other than two INTEGERs,
/// an empty INTEGER, one padded with FF: OpenSSL does not decode those either, or decodes
/// another key).
pub(crate) fn key_faults(spki: &[u8]) -> Vec<KeyFault> {
    /// rsaEncryption, 1.2.840.113549.1.1.1, and id-ecPublicKey, 1.2.840.10045.2.1.
    const RSA: [u8; 9] = [0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01];
    const EC: [u8; 7] = [0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01];
    /// The named curves and the octets of a coordinate on each (RFC 5480, 2.1.1.1).
    const CURVES: [(&[u8], usize); 3] = [
        (&[0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07], 32),
        (&[0x2b, 0x81, 0x04, 0x00, 0x22], 48),
        (&[0x2b, 0x81, 0x04, 0x00, 0x23], 66),
    ];
    const NULL: Tag = tag(0x05);
    let read = || -> Option<Vec<KeyFault>> {
        let (content, after) = cbs_get(spki, SEQUENCE)?;
        let (algorithm, content) = cbs_get(content, SEQUENCE)?;
        let (bits, rest) = cbs_get(content, BIT_STRING)?;
        let (&0, key) = bits.split_first()? else {
            return None;
        };
        if !after.is_empty() || !rest.is_empty() {
            return None;
        }
        let (oid, parameters) = cbs_get(algorithm, OBJECT)?;
        let mut faults = Vec::new();
        if oid == RSA {
            match element(parameters) {
                None if parameters.is_empty() => faults.push(KeyFault::RsaParametersNotNull),
                Some((NULL, [], [])) => {}
                Some((tag, _, [])) if tag != NULL => faults.push(KeyFault::RsaParametersNotNull),
                _ => return None,
            }
            let (numbers, trailing) = cbs_get(key, SEQUENCE)?;
            let (modulus, numbers) = cbs_get(numbers, INTEGER)?;
            let (exponent, numbers) = cbs_get(numbers, INTEGER)?;
            if !numbers.is_empty() {
                return None;
            }
            for (integer, exponent) in [(modulus, false), (exponent, true)] {
                match integer {
                    // Padded with FF, it is another number to NSS and OpenSSL (they take
                    // the octets unsigned): not the key's own value.
                    [] | [0xff, ..] => return None,
                    [first, ..] if first & 0x80 != 0 => {
                        faults.push(KeyFault::RsaIntegerNegative { exponent });
                    }
                    [0, second, ..] if second & 0x80 == 0 => {
                        faults.push(KeyFault::RsaIntegerPadded { exponent });
                    }
                    _ => {}
                }
            }
            if !trailing.is_empty() {
                faults.push(KeyFault::RsaTrailing);
            }
        } else if oid == EC {
            let (named, []) = cbs_get(parameters, OBJECT)? else {
                return None;
            };
            let &(_, octets) = CURVES.iter().find(|(curve, _)| *curve == named)?;
            if matches!(key.first(), Some(0x02 | 0x03)) && key.len().checked_sub(1) == Some(octets)
            {
                faults.push(KeyFault::EcPointCompressed);
            }
        }
        Some(faults)
    };
    read().unwrap_or_default()
}

/// What Firefox meets first as it reads the certificate's elements: NSS's decoding
/// ([`MozpkixFault::QuickDer`]: each element with a length in its shortest form and the
/// expected tag, an INTEGER with a content octet, a BIT STRING with no more than seven
/// unused bits and an octet after any), then `BackCert::Init`
/// (lib/mozpkix/lib/pkixcert.cpp) with `der::ReadTagAndGetValue`
/// (lib/mozpkix/lib/pkixder.cpp): no element, and no certificate, of 65,536 bytes or more
/// (`Input::Init`), the signature's BIT STRING with no unused bits (`der::SignedData`), the
/// version (`der::OptionalVersion`: 0 to 3, as an INTEGER in DER), then the serial number
/// (`der::CertificateSerialNumber`). An optional field is looked for by its tag alone
/// (`Reader::Peek`). Each extension's own frame
/// (`super::fields::UnparsableExtension::framed`) is asked apart.
pub(crate) fn mozpkix_reads(der: &[u8]) -> Result<(), MozpkixFault> {
    use MozpkixFault::{BadDer, BadSignature, InvalidInteger, QuickDer};
    fn get(input: &[u8], expected: Tag) -> Result<(&[u8], &[u8]), MozpkixFault> {
        cbs_get(input, expected).ok_or(QuickDer)
    }
    /// `Peek`, then that.
    fn optional(input: &[u8], expected: Tag) -> Result<(Option<&[u8]>, &[u8]), MozpkixFault> {
        if input.first().is_some_and(|&octet| tag(octet) == expected) {
            let (content, rest) = get(input, expected)?;
            Ok((Some(content), rest))
        } else {
            Ok((None, input))
        }
    }
    let at_end = |rest: &[u8]| {
        if rest.is_empty() {
            Ok(())
        } else {
            Err(QuickDer)
        }
    };
    // The elements, as NSS decodes them.
    let (certificate, after) = get(der, SEQUENCE)?;
    at_end(after)?;
    let (mut tbs, rest) = get(certificate, SEQUENCE)?;
    let (_, rest) = get(rest, SEQUENCE)?;
    let (signature, rest) = get(rest, BIT_STRING)?;
    at_end(rest)?;
    match signature {
        [] => return Err(QuickDer),
        [unused, ..] if *unused > 7 => return Err(QuickDer),
        [unused] if *unused > 0 => return Err(QuickDer),
        _ => {}
    }
    let version;
    (version, tbs) = optional(tbs, context_constructed(0))?;
    let version = match version {
        Some(explicit) => {
            let (integer, rest) = get(explicit, INTEGER)?;
            at_end(rest)?;
            Some(integer)
        }
        None => None,
    };
    let serial;
    (serial, tbs) = get(tbs, INTEGER)?;
    if version.is_some_and(<[u8]>::is_empty) || serial.is_empty() {
        return Err(QuickDer);
    }
    for expected in [SEQUENCE, SEQUENCE, SEQUENCE, SEQUENCE, SEQUENCE] {
        (_, tbs) = get(tbs, expected)?;
    }
    for number in [1, 2] {
        (_, tbs) = optional(tbs, context(number))?;
    }
    let (extensions, rest) = optional(tbs, context_constructed(3))?;
    at_end(rest)?;
    if let Some(tagged) = extensions {
        let (mut list, rest) = get(tagged, SEQUENCE)?;
        at_end(rest)?;
        while !list.is_empty() {
            (_, list) = get(list, SEQUENCE)?;
        }
    }
    // Then as mozilla::pkix reads them, in `BackCert::Init`'s order.
    if der.len() > 0xffff {
        return Err(BadDer);
    }
    if signature.first() != Some(&0) {
        return Err(BadSignature);
    }
    if let Some(version) = version {
        match version {
            _ if integer_fault(version).is_some() => return Err(InvalidInteger),
            [value] if *value <= 3 => {}
            [value] if *value <= 127 => return Err(BadDer),
            _ => return Err(InvalidInteger),
        }
    }
    if integer_fault(serial).is_some() {
        return Err(InvalidInteger);
    }
    Ok(())
}

/// `ParseVersion` (pki/parse_certificate.cc): an INTEGER `ReadUint64` takes (DER, not
/// negative, at most eight octets) that is 0, 1 or 2, and nothing after it.
fn version(written: &[u8]) -> Result<u64, ChromeRule> {
    let mut parser = Parser::new(written);
    let content = parser.read(INTEGER)?;
    let (&first, after) = content.split_first().ok_or(NOT_DER)?;
    if let Some(&second) = after.first()
        && ((first == 0x00 && second & 0x80 == 0) || (first == 0xff && second & 0x80 != 0))
    {
        return Err(NOT_DER);
    }
    let magnitude = content.strip_prefix(&[0x00]).unwrap_or(content);
    if first & 0x80 != 0 || magnitude.len() > 8 {
        return Err(ChromeRule::VersionUnknown);
    }
    parser.end()?;
    let value = magnitude
        .iter()
        .fold(0u64, |acc, &octet| (acc << 8) | u64::from(octet));
    if value > 2 {
        return Err(ChromeRule::VersionUnknown);
    }
    Ok(value)
}

/// `ParseBitString` (pki/parse_values.cc): the count of unused bits first, at most 7, none
/// without an octet, and the unused bits zero.
fn bit_string(content: &[u8]) -> Result<(), ChromeRule> {
    let (&unused, bytes) = content.split_first().ok_or(NOT_DER)?;
    if unused > 7 {
        return Err(NOT_DER);
    }
    if unused > 0 {
        let last = bytes.last().ok_or(NOT_DER)?;
        let padding = 0xffu8
            .checked_shr(8u32.saturating_sub(u32::from(unused)))
            .unwrap_or(0);
        if last & padding != 0 {
            return Err(NOT_DER);
        }
    }
    Ok(())
}

/// `ParseValidity` (pki/parse_certificate.cc): `SEQUENCE { notBefore Time, notAfter Time
/// }`, each as `ReadUTCOrGeneralizedTime` reads it, nothing after: `ParseUTCTime` and
/// `ParseGeneralizedTime` (pki/parse_values.cc) take the one form RFC 5280 fixes
/// ([`DateText`]), each part in its range (`ValidateGeneralizedTime`: a leap second
/// allowed). Unlike mozilla::pkix, Chrome does not mind a notBefore after the notAfter.
fn validity(content: &[u8]) -> Result<(), ChromeRule> {
    let mut times = Parser::new(content);
    for _ in 0..2 {
        let (tag, text) = times.read_any()?;
        let generalized = match tag {
            UTC_TIME => false,
            GENERALIZED_TIME => true,
            _ => return Err(NOT_DER),
        };
        DateText::read(text, generalized)
            .filter(takes_date)
            .ok_or(ChromeRule::TimeForm)?;
    }
    times.end()
}

/// Whether Chrome takes a date written in the fixed form: each part in its range
/// (`ValidateGeneralizedTime`, pki/parse_values.cc), a leap second allowed.
pub(crate) fn takes_date(date: &DateText) -> bool {
    date.in_range(60)
}

/// Whether Chrome's verifier can read the extension with this OID, critical flag and value;
/// `None` for an extension it does not read while it reads a certificate (keyUsage
/// included: [`super::fields::KeyUsageRead`]). `subject_empty`: the certificate's subject
/// is an empty name.
pub(crate) fn extension(
    oid: &Oid<'_>,
    critical: bool,
    value: &[u8],
    subject_empty: bool,
) -> Option<Result<(), ChromeRule>> {
    use x509_parser::oid_registry as o;
    let read: fn(&[u8]) -> Result<(), ChromeRule> = if *oid == o::OID_X509_EXT_BASIC_CONSTRAINTS {
        basic_constraints
    } else if *oid == o::OID_X509_EXT_EXTENDED_KEY_USAGE {
        ext_key_usage
    } else if *oid == o::OID_X509_EXT_SUBJECT_ALT_NAME {
        // `ParsedCertificate::Create`: a certificate with an empty subject names its
        // subject in subjectAltName alone, which must then be critical (RFC 5280, 4.2.1.6).
        let names = general_names(value);
        return Some(if names.is_ok() && subject_empty && !critical {
            Err(ChromeRule::SanNotCritical)
        } else {
            names
        });
    } else if *oid == o::OID_X509_EXT_NAME_CONSTRAINTS {
        name_constraints
    } else if *oid == o::OID_PKIX_AUTHORITY_INFO_ACCESS {
        authority_info_access
    } else if *oid == o::OID_X509_EXT_CERTIFICATE_POLICIES {
        certificate_policies
    } else if *oid == o::OID_X509_EXT_POLICY_CONSTRAINTS {
        policy_constraints
    } else if *oid == o::OID_X509_EXT_POLICY_MAPPINGS {
        policy_mappings
    } else if *oid == o::OID_X509_EXT_INHIBIT_ANY_POLICY {
        inhibit_any_policy
    } else if *oid == o::OID_X509_EXT_SUBJECT_KEY_IDENTIFIER {
        subject_key_identifier
    } else if *oid == o::OID_X509_EXT_AUTHORITY_KEY_IDENTIFIER {
        authority_key_identifier
    } else {
        return None;
    };
    Some(read(value))
}

/// `ParseBasicConstraints` (pki/parse_certificate.cc): `SEQUENCE { cA BOOLEAN OPTIONAL,
/// pathLenConstraint INTEGER (0..255) OPTIONAL }`. cA written out as FALSE is accepted
/// (against DER, for the many certificates that do it).
fn basic_constraints(value: &[u8]) -> Result<(), ChromeRule> {
    let mut parser = Parser::new(value);
    let mut sequence = parser.sequence()?;
    if let Some(ca) = sequence.read_optional(BOOLEAN)? {
        boolean(ca)?;
    }
    if let Some(path_length) = sequence.read_optional(INTEGER)? {
        uint8(path_length)?;
    }
    sequence.end()?;
    parser.end()
}

/// `ParseEKUExtension` (pki/extended_key_usage.cc): a SEQUENCE of at least one OBJECT
/// IDENTIFIER (whose content is not checked).
fn ext_key_usage(value: &[u8]) -> Result<(), ChromeRule> {
    let mut parser = Parser::new(value);
    let mut sequence = parser.sequence()?;
    sequence.not_empty()?;
    while sequence.has_more() {
        sequence.read(OBJECT)?;
    }
    parser.end()
}

/// How an iPAddress is written: an address (subjectAltName) or an address and its mask
/// (nameConstraints).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Ip {
    Address,
    Range,
}

/// `GeneralNames::Create` (pki/general_names.cc): a SEQUENCE of at least one name.
fn general_names(value: &[u8]) -> Result<(), ChromeRule> {
    let mut parser = Parser::new(value);
    let mut sequence = parser.sequence()?;
    parser.end()?;
    sequence.not_empty()?;
    while sequence.has_more() {
        let (tag, content) = sequence.read_any()?;
        general_name(tag, content, Ip::Address)?;
    }
    Ok(())
}

/// `ParseGeneralName` (pki/general_names.cc): each kind of name by its whole tag; the
/// names read as text must be ASCII; an iPAddress of 4 or 16 octets (8 or 32, a valid
/// mask, in a name constraint); a directoryName a Name. The contents of otherName,
/// x400Address, ediPartyName and registeredID are not read.
fn general_name(tag: Tag, content: &[u8], ip: Ip) -> Result<(), ChromeRule> {
    const ADDRESS: [usize; 2] = [4, 16];
    const RANGE: [usize; 2] = [8, 32];
    if [context(1), context(2), context(6)].contains(&tag) {
        if content.is_ascii() {
            Ok(())
        } else {
            Err(ChromeRule::NameNotAscii)
        }
    } else if tag == context_constructed(4) {
        // One Name; what follows it is not looked at (the check after it asks the parser
        // of the whole GeneralName, which has nothing left).
        Parser::new(content)
            .read(SEQUENCE)
            .map(|_| ())
            .map_err(|_| ChromeRule::NameKind)
    } else if tag == context(7) {
        match ip {
            Ip::Address if ADDRESS.contains(&content.len()) => Ok(()),
            Ip::Range if RANGE.contains(&content.len()) => {
                let mask = content.get(content.len() / 2..).unwrap_or_default();
                if netmask(mask) {
                    Ok(())
                } else {
                    Err(ChromeRule::IpAddress)
                }
            }
            _ => Err(ChromeRule::IpAddress),
        }
    } else if [
        context_constructed(0),
        context_constructed(3),
        context_constructed(5),
        context(8),
    ]
    .contains(&tag)
    {
        Ok(())
    } else {
        Err(ChromeRule::NameKind)
    }
}

/// `IsValidNetmask` (pki/ip_util.cc): ones, then zeros.
fn netmask(mask: &[u8]) -> bool {
    let mut zeros = false;
    mask.iter().all(|&octet| {
        let fits = if zeros {
            octet == 0
        } else {
            // All ones followed by all zeros: the inverse plus one is a power of two.
            (!octet & (!octet).wrapping_add(1)) == 0
        };
        zeros |= octet != 0xff;
        fits
    })
}

/// `NameConstraints::Parse` and `ParseGeneralSubtrees` (pki/name_constraints.cc):
/// `SEQUENCE { permittedSubtrees [0] OPTIONAL, excludedSubtrees [1] OPTIONAL }`, at least
/// one of them, each a list of at least one `SEQUENCE { base GeneralName }`: Chrome refuses
/// a minimum or a maximum written out, even the default 0 (RFC 5280, 4.2.1.10: the minimum
/// MUST be zero, the maximum MUST be absent).
fn name_constraints(value: &[u8]) -> Result<(), ChromeRule> {
    let mut parser = Parser::new(value);
    let mut sequence = parser.sequence()?;
    parser.end()?;
    let permitted = sequence.read_optional(context_constructed(0))?;
    if let Some(subtrees) = permitted {
        general_subtrees(subtrees)?;
    }
    let excluded = sequence.read_optional(context_constructed(1))?;
    if let Some(subtrees) = excluded {
        general_subtrees(subtrees)?;
    }
    sequence.end()?;
    if permitted.is_none() && excluded.is_none() {
        return Err(ChromeRule::Empty);
    }
    Ok(())
}

/// `ParseGeneralSubtrees`.
fn general_subtrees(content: &[u8]) -> Result<(), ChromeRule> {
    let mut subtrees = Parser::new(content);
    subtrees.not_empty()?;
    while subtrees.has_more() {
        let mut subtree = subtrees.sequence()?;
        let (tag, name) = subtree.read_any()?;
        general_name(tag, name, Ip::Range)?;
        if subtree.has_more() {
            return Err(ChromeRule::SubtreeBounds);
        }
    }
    Ok(())
}

/// `ParseAuthorityInfoAccess` and `ParseAuthorityInfoAccessURIs`
/// (pki/parse_certificate.cc): a SEQUENCE of at least one `SEQUENCE { accessMethod OBJECT
/// IDENTIFIER, accessLocation }`. Only a location that is a URI (`[6]`) is read, and must
/// be ASCII; any other is skipped. Bytes after the SEQUENCE are not looked at.
fn authority_info_access(value: &[u8]) -> Result<(), ChromeRule> {
    let mut sequence = Parser::new(value).sequence()?;
    sequence.not_empty()?;
    while sequence.has_more() {
        let mut description = sequence.sequence()?;
        description.read(OBJECT)?;
        let (tag, location) = description.read_any()?;
        description.end()?;
        if tag == context(6) && !location.is_ascii() {
            return Err(ChromeRule::NameNotAscii);
        }
    }
    Ok(())
}

/// `ParseCertificatePoliciesExtensionImpl` and `ParsePolicyQualifiers`
/// (pki/certificate_policies.cc), as `ParsedCertificate::Create` calls it (qualifiers of
/// any kind, except under anyPolicy): a SEQUENCE of at least one `SEQUENCE { policy OBJECT
/// IDENTIFIER, qualifiers SEQUENCE OF SEQUENCE { OBJECT IDENTIFIER, ANY } OPTIONAL }`, no
/// policy twice, no empty list of qualifiers, no qualifier without its value.
fn certificate_policies(value: &[u8]) -> Result<(), ChromeRule> {
    let mut parser = Parser::new(value);
    let mut policies = parser.sequence()?;
    parser.end()?;
    policies.not_empty()?;
    // Every policy is read before any is compared (a malformed one after a duplicate is
    // what Chrome reports).
    let mut seen = std::collections::HashSet::new();
    let mut duplicate = false;
    while policies.has_more() {
        let mut information = policies.sequence()?;
        let policy = information.read(OBJECT)?;
        duplicate |= !seen.insert(policy);
        if !information.has_more() {
            continue;
        }
        let mut qualifiers = information.sequence()?;
        information.end()?;
        if !qualifiers.has_more() {
            return Err(ChromeRule::PolicyQualifier);
        }
        while qualifiers.has_more() {
            let mut qualifier = qualifiers.sequence()?;
            let id = qualifier.read(OBJECT)?;
            // Under anyPolicy, only the qualifiers RFC 5280 defines.
            if policy == oids::ANY_POLICY.as_bytes()
                && id != oids::CPS_POINTER.as_bytes()
                && id != oids::USER_NOTICE.as_bytes()
            {
                return Err(ChromeRule::PolicyQualifier);
            }
            if !qualifier.has_more() {
                return Err(ChromeRule::PolicyQualifier);
            }
            qualifier.read_any()?;
            qualifier.end()?;
        }
    }
    if duplicate {
        return Err(ChromeRule::DuplicatePolicy);
    }
    Ok(())
}

/// `ParsePolicyConstraints` (pki/certificate_policies.cc): `SEQUENCE {
/// requireExplicitPolicy [0] INTEGER (0..255) OPTIONAL, inhibitPolicyMapping [1] … }`, not
/// empty.
fn policy_constraints(value: &[u8]) -> Result<(), ChromeRule> {
    let mut parser = Parser::new(value);
    let mut sequence = parser.sequence()?;
    sequence.not_empty()?;
    for field in [context(0), context(1)] {
        if let Some(skip) = sequence.read_optional(field)? {
            uint8(skip)?;
        }
    }
    sequence.end()?;
    parser.end()
}

/// `ParsePolicyMappings` (pki/certificate_policies.cc): a SEQUENCE of at least one
/// `SEQUENCE { issuerDomainPolicy, subjectDomainPolicy }`.
fn policy_mappings(value: &[u8]) -> Result<(), ChromeRule> {
    let mut parser = Parser::new(value);
    let mut mappings = parser.sequence()?;
    mappings.not_empty()?;
    while mappings.has_more() {
        let mut mapping = mappings.sequence()?;
        mapping.read(OBJECT)?;
        mapping.read(OBJECT)?;
        mapping.end()?;
    }
    parser.end()
}

/// `ParseInhibitAnyPolicy` (pki/certificate_policies.cc): an INTEGER (0..255).
fn inhibit_any_policy(value: &[u8]) -> Result<(), ChromeRule> {
    let mut parser = Parser::new(value);
    uint8(parser.read(INTEGER)?)?;
    parser.end()
}

/// `ParseSubjectKeyIdentifier` (pki/parse_certificate.cc): an OCTET STRING, of any length.
fn subject_key_identifier(value: &[u8]) -> Result<(), ChromeRule> {
    let mut parser = Parser::new(value);
    parser.read(OCTET_STRING)?;
    parser.end()
}

/// `ParseAuthorityKeyIdentifier` (pki/parse_certificate.cc): `SEQUENCE { keyIdentifier
/// [0], authorityCertIssuer [1], authorityCertSerialNumber [2] }`, each optional but the
/// last two together (RFC 5280, 4.2.1.1); their contents are not read.
fn authority_key_identifier(value: &[u8]) -> Result<(), ChromeRule> {
    let mut parser = Parser::new(value);
    let mut sequence = parser.sequence()?;
    parser.end()?;
    sequence.read_optional(context(0))?;
    let issuer = sequence.read_optional(context_constructed(1))?;
    let serial = sequence.read_optional(context(2))?;
    if issuer.is_some() != serial.is_some() {
        return Err(ChromeRule::AkiIssuerSerial);
    }
    sequence.end()
}

#[cfg(test)]
#[allow(
    clippy::unwrap_used,
    clippy::indexing_slicing,
    clippy::arithmetic_side_effects
)]
mod tests {
    use super::*;
    use ChromeRule as R;
    use x509_parser::oid_registry as o;

    fn hex(text: &str) -> Vec<u8> {
        let digits: String = text.chars().filter(char::is_ascii_hexdigit).collect();
        (0..digits.len())
            .step_by(2)
            .map(|i| u8::from_str_radix(&digits[i..i + 2], 16).unwrap())
            .collect()
    }

    /// Every row: the extension, its value, and what Chrome makes of it (BoringSSL's
    /// parsers, read line by line; that x509-parser decodes such forms, and what each
    /// client then says, is in tests/cert_codes.rs,
    /// `an_extension_chromes_stricter_parsers_refuse_is_refused_where_it_is_read`).
    #[test]
    fn each_extension_is_read_as_chromes_parser_reads_it() {
        let bc = &o::OID_X509_EXT_BASIC_CONSTRAINTS;
        let eku = &o::OID_X509_EXT_EXTENDED_KEY_USAGE;
        let san = &o::OID_X509_EXT_SUBJECT_ALT_NAME;
        let nc = &o::OID_X509_EXT_NAME_CONSTRAINTS;
        let aia = &o::OID_PKIX_AUTHORITY_INFO_ACCESS;
        let cp = &o::OID_X509_EXT_CERTIFICATE_POLICIES;
        let pc = &o::OID_X509_EXT_POLICY_CONSTRAINTS;
        let pm = &o::OID_X509_EXT_POLICY_MAPPINGS;
        let iap = &o::OID_X509_EXT_INHIBIT_ANY_POLICY;
        let ski = &o::OID_X509_EXT_SUBJECT_KEY_IDENTIFIER;
        let aki = &o::OID_X509_EXT_AUTHORITY_KEY_IDENTIFIER;
        let cases: &[(&Oid<'_>, &str, Option<ChromeRule>)] = &[
            // basicConstraints
            (bc, "30 00", None),
            (bc, "30 03 01 01 ff", None),
            (bc, "30 03 01 01 00", None),
            (bc, "30 06 01 01 ff 02 01 00", None),
            (bc, "30 07 01 01 ff 02 02 00 80", None),
            (bc, "30 03 02 01 05", None),
            (bc, "30 03 01 01 01", Some(R::NotDer)),
            (bc, "30 07 01 01 ff 02 02 01 00", Some(R::OutOfRange)),
            (bc, "30 06 01 01 ff 02 01 ff", Some(R::OutOfRange)),
            (bc, "30 07 01 01 ff 02 02 00 05", Some(R::NotDer)),
            (bc, "30 00 05 00", Some(R::Trailing)),
            (bc, "30 81 03 01 01 ff", Some(R::NotDer)),
            (bc, "30 06 02 01 05 01 01 ff", Some(R::Trailing)),
            (bc, "05 00", Some(R::NotDer)),
            (bc, "", Some(R::NotDer)),
            // extKeyUsage
            (eku, "30 0a 06 08 2b 06 01 05 05 07 03 01", None),
            (eku, "30 02 06 00", None),
            (eku, "30 00", Some(R::Empty)),
            (
                eku,
                "30 0c 06 08 2b 06 01 05 05 07 03 01 05 00",
                Some(R::NotDer),
            ),
            (
                eku,
                "30 0a 06 08 2b 06 01 05 05 07 03 01 05 00",
                Some(R::Trailing),
            ),
            // subjectAltName
            (san, "30 0b 82 09 6c 6f 63 61 6c 68 6f 73 74", None),
            (san, "30 06 87 04 7f 00 00 01", None),
            (san, "30 04 a0 02 ff ff", None),
            (san, "30 02 88 00", None),
            (san, "30 00", Some(R::Empty)),
            (
                san,
                "30 0f 82 0d 62 c3 bc 2e 6c 6f 63 61 6c 68 6f 73 74",
                Some(R::NameNotAscii),
            ),
            (san, "30 05 87 03 7f 00 01", Some(R::IpAddress)),
            (
                san,
                "30 0d 82 09 6c 6f 63 61 6c 68 6f 73 74 89 00",
                Some(R::NameKind),
            ),
            (
                san,
                "30 0b a2 09 6c 6f 63 61 6c 68 6f 73 74",
                Some(R::NameKind),
            ),
            (
                san,
                "30 0d 82 09 6c 6f 63 61 6c 68 6f 73 74 84 00",
                Some(R::NameKind),
            ),
            (
                san,
                "30 11 82 09 6c 6f 63 61 6c 68 6f 73 74 a4 04 30 00 30 00",
                None,
            ),
            (
                san,
                "30 0f 82 09 6c 6f 63 61 6c 68 6f 73 74 a4 02 05 00",
                Some(R::NameKind),
            ),
            (
                san,
                "30 0b 82 09 6c 6f 63 61 6c 68 6f 73 74 05 00",
                Some(R::Trailing),
            ),
            (
                san,
                "30 81 0b 82 09 6c 6f 63 61 6c 68 6f 73 74",
                Some(R::NotDer),
            ),
            (san, "30 05 16 03 61 2e 62", Some(R::NameKind)),
            // nameConstraints
            (nc, "30 0b a0 09 30 07 82 05 2e 74 65 73 74", None),
            (nc, "30 0e a1 0c 30 0a 87 08 0a 00 00 00 ff 00 00 00", None),
            (nc, "30 00", Some(R::Empty)),
            (nc, "30 02 05 00", Some(R::NotDer)),
            (nc, "30 0b a1 09 30 07 82 05 2e 74 65 73 74", None),
            (
                nc,
                "30 0e a0 0c 30 0a 82 05 2e 74 65 73 74 80 01 00",
                Some(R::SubtreeBounds),
            ),
            (
                nc,
                "30 0a a0 08 30 06 87 04 0a 00 00 00",
                Some(R::IpAddress),
            ),
            (
                nc,
                "30 0e a0 0c 30 0a 87 08 0a 00 00 00 ff 00 ff 00",
                Some(R::IpAddress),
            ),
            (nc, "30 02 a0 00", Some(R::Empty)),
            (nc, "30 04 a0 02 30 00", Some(R::NotDer)),
            // authorityInfoAccess
            (
                aia,
                "30 16 30 14 06 08 2b 06 01 05 05 07 30 01 86 08 68 74 74 70 3a 2f 2f 61",
                None,
            ),
            (
                aia,
                "30 16 30 14 06 08 2b 06 01 05 05 07 30 01 86 08 68 74 74 70 3a 2f 2f 61 05 00",
                None,
            ),
            (
                aia,
                "30 16 30 14 06 08 2b 06 01 05 05 07 30 01 16 08 68 74 74 70 3a 2f 2f 61",
                None,
            ),
            (
                aia,
                "30 0f 30 0d 06 08 2b 06 01 05 05 07 30 01 9f 1f 00",
                None,
            ),
            (aia, "30 00", Some(R::Empty)),
            (
                aia,
                "30 18 30 16 06 08 2b 06 01 05 05 07 30 01 86 08 68 74 74 70 3a 2f 2f 61 05 00",
                Some(R::Trailing),
            ),
            (
                aia,
                "30 17 30 15 06 08 2b 06 01 05 05 07 30 01 86 09 68 74 74 70 3a 2f 2f c3 bc",
                Some(R::NameNotAscii),
            ),
            (
                aia,
                "30 16 30 14 04 08 2b 06 01 05 05 07 30 01 86 08 68 74 74 70 3a 2f 2f 61",
                Some(R::NotDer),
            ),
            (
                aia,
                "30 0f 30 0d 06 08 2b 06 01 05 05 07 30 01 1f 02 00",
                Some(R::NotDer),
            ),
            // certificatePolicies
            (
                cp,
                "30 16 30 14 06 06 67 81 0c 01 02 01 30 0a 30 08 06 03 2a 03 04 16 01 61",
                None,
            ),
            (cp, "30 08 30 06 06 04 55 1d 20 00", None),
            (cp, "30 00", Some(R::Empty)),
            (
                cp,
                "30 14 30 08 06 06 67 81 0c 01 02 01 30 08 06 06 67 81 0c 01 02 01",
                Some(R::DuplicatePolicy),
            ),
            (
                cp,
                "30 18 30 08 06 06 67 81 0c 01 02 01 30 08 06 06 67 81 0c 01 02 01 30 02 05 00",
                Some(R::NotDer),
            ),
            (
                cp,
                "30 16 30 14 06 06 67 81 0c 01 02 01 30 0a 30 08 06 06 2b 06 01 05 05 07",
                Some(R::PolicyQualifier),
            ),
            (
                cp,
                "30 0c 30 0a 06 06 67 81 0c 01 02 01 30 00",
                Some(R::PolicyQualifier),
            ),
            (
                cp,
                "30 14 30 12 06 04 55 1d 20 00 30 0a 30 08 06 03 2a 03 04 16 01 61",
                Some(R::PolicyQualifier),
            ),
            (
                cp,
                "30 1d 30 1b 06 04 55 1d 20 00 30 13 30 11 06 08 2b 06 01 05 05 07 02 01 16 05 68 74 74 70 3a",
                None,
            ),
            // policyConstraints
            (pc, "30 03 80 01 00", None),
            (pc, "30 06 80 01 00 81 01 02", None),
            (pc, "30 00", Some(R::Empty)),
            (pc, "30 04 80 02 01 00", Some(R::OutOfRange)),
            (pc, "30 03 a0 01 00", Some(R::NotDer)),
            (pc, "30 06 81 01 00 80 01 00", Some(R::Trailing)),
            // policyMappings
            (
                pm,
                "30 12 30 10 06 06 67 81 0c 01 02 01 06 06 67 81 0c 01 02 01",
                None,
            ),
            (pm, "30 00", Some(R::Empty)),
            (
                pm,
                "30 14 30 12 06 06 67 81 0c 01 02 01 06 06 67 81 0c 01 02 01 05 00",
                Some(R::Trailing),
            ),
            // inhibitAnyPolicy
            (iap, "02 01 00", None),
            (iap, "02 02 01 00", Some(R::OutOfRange)),
            (iap, "02 02 00 80", None),
            (iap, "02 01 00 05 00", Some(R::Trailing)),
            // the key identifiers
            (ski, "04 00", None),
            (ski, "04 02 01 02", None),
            (ski, "04 02 01 02 05 00", Some(R::Trailing)),
            (ski, "02 01 01", Some(R::NotDer)),
            (aki, "30 00", None),
            (aki, "30 05 80 03 01 02 03", None),
            (aki, "30 09 80 03 01 02 03 a1 00 82 00", None),
            (
                aki,
                "30 0b 80 03 01 02 03 a1 04 a4 02 30 00",
                Some(R::AkiIssuerSerial),
            ),
            (aki, "30 08 80 03 01 02 03 04 01 00", Some(R::Trailing)),
            (aki, "30 05 a0 03 01 02 03", Some(R::NotDer)),
        ];
        for (oid, value, expected) in cases {
            let got = extension(oid, false, &hex(value), false).unwrap();
            assert_eq!(got.err(), *expected, "{oid} {value}");
        }
        // Extensions Chrome does not read while reading a certificate.
        for oid in [
            &o::OID_X509_EXT_CRL_DISTRIBUTION_POINTS,
            &o::OID_CT_LIST_SCT,
            &o::OID_X509_EXT_KEY_USAGE,
        ] {
            assert_eq!(extension(oid, false, &[0x05, 0x00], false), None);
        }
    }

    /// No real certificate the project carries (the samples, the fixtures from real sites and
    /// badssl.com's) is one Chrome's stricter parsers refuse where x509-parser read it. Of
    /// x509-parser's own test certificates, one is: its policyConstraints asks for an
    /// explicit policy within 5,000 certificates, a number Chrome does not read.
    #[test]
    fn no_real_certificate_is_refused_by_the_stricter_reading() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut seen = 0;
        for dir in [
            "static/samples/badssl",
            "static/samples/real-chains",
            "tests/fixtures/cert/badssl",
            "tests/fixtures/cert/real-chains",
            "tests/fixtures/cert/x509-parser-assets",
            "tests/fixtures/cert/bundle",
        ] {
            for entry in std::fs::read_dir(root.join(dir)).unwrap() {
                let path = entry.unwrap().path();
                let bytes = std::fs::read(&path).unwrap();
                let analysis = crate::cert::Analysis::parse(&bytes);
                for data in &analysis.data {
                    seen += 1;
                    let strict: Vec<_> = data
                        .unparsable_extensions
                        .iter()
                        .filter(|u| u.strict.is_some())
                        .collect();
                    let rules: Vec<_> = strict.iter().map(|u| u.strict).collect();
                    if path.ends_with("extension2.der") {
                        assert_eq!(rules, [Some(R::OutOfRange)]);
                    } else {
                        assert!(strict.is_empty(), "{}: {strict:?}", path.display());
                    }
                    assert_eq!(data.chrome_frame, None, "{}", path.display());
                    assert_eq!(data.handshake_stop, None, "{}", path.display());
                    // badssl's certificate with 10,000 names is 200,604 bytes long.
                    let long = data.der.len() > 0xffff;
                    let read = if long {
                        Err(MozpkixFault::BadDer)
                    } else {
                        Ok(())
                    };
                    assert_eq!(data.firefox_reads, read, "{}", path.display());
                }
            }
        }
        assert!(seen > 100, "{seen} certificates");
    }

    /// `tag || length || content`, the length in its shortest form.
    fn wrap(tag: u8, content: &[u8]) -> Vec<u8> {
        let mut out = vec![tag];
        let length = content.len();
        if length < 0x80 {
            out.push(length as u8);
        } else {
            let octets: Vec<u8> = length
                .to_be_bytes()
                .into_iter()
                .skip_while(|&o| o == 0)
                .collect();
            out.push(0x80 | octets.len() as u8);
            out.extend(octets);
        }
        out.extend_from_slice(content);
        out
    }

    /// A certificate whose TBSCertificate holds `version` (the [0] field's content, hex;
    /// empty: left out), two validity dates, `after_key` (hex: the unique identifiers and
    /// the extensions) and, last, `signature` (the BIT STRING's content, hex). The
    /// algorithms, names and key are empty SEQUENCEs, which this reading does not open.
    fn certificate_of(
        version: &str,
        dates: [(u8, &str); 2],
        after_key: &str,
        signature: &str,
    ) -> Vec<u8> {
        let mut tbs = Vec::new();
        if !version.is_empty() {
            tbs.extend(wrap(0xa0, &hex(version)));
        }
        tbs.extend(hex("02 01 01 30 00 30 00"));
        let times: Vec<u8> = dates
            .iter()
            .flat_map(|(tag, text)| wrap(*tag, text.as_bytes()))
            .collect();
        tbs.extend(wrap(0x30, &times));
        tbs.extend(hex("30 00 30 00"));
        tbs.extend(hex(after_key));
        let mut body = wrap(0x30, &tbs);
        body.extend(hex("30 00"));
        body.extend(wrap(0x03, &hex(signature)));
        wrap(0x30, &body)
    }

    /// A name's values as `CertPrincipal` and `NormalizeName` read them.
    #[test]
    fn a_names_values_are_read_as_chrome_reads_them() {
        // A Name with one attribute (its OID's last octet under 2.5.4, its value's tag and
        // octets) before a common name of localhost, as a UTF8String.
        let with = |attribute: u8, tag: u8, value: &[u8]| {
            let rdn = |attribute: u8, tag: u8, value: &[u8]| {
                let mut pair = wrap(0x06, &[0x55, 0x04, attribute]);
                pair.extend(wrap(tag, value));
                wrap(0x31, &wrap(0x30, &pair))
            };
            let mut rdns = rdn(attribute, tag, value);
            rdns.extend(rdn(3, 0x0c, b"localhost"));
            name(&wrap(0x30, &rdns))
        };
        let read = |principal_fails, normalizing_fails| NameRead {
            principal_fails,
            normalizing_fails,
        };
        const O: u8 = 10;
        const CN: u8 = 3;
        const SERIAL: u8 = 5;
        assert_eq!(with(O, 0x13, b"AT*T (Tokyo) 1-2, =?"), read(false, false));
        assert_eq!(with(O, 0x13, b"AT&T"), read(true, true));
        assert_eq!(with(O, 0x13, b"a_b"), read(true, true));
        assert_eq!(with(SERIAL, 0x13, b"x@y"), read(false, true));
        assert_eq!(with(O, 0x16, &[0x78, 0xe9]), read(true, true));
        assert_eq!(with(O, 0x14, &[0x78, 0xe9]), read(false, false));
        assert_eq!(with(O, 0x0c, &[0xff, 0xfe]), read(false, false));
        assert_eq!(with(O, 0x1e, &[0x00, 0x41]), read(false, false));
        assert_eq!(with(O, 0x1e, &[0x00, 0x41, 0x00]), read(true, true));
        assert_eq!(with(O, 0x1e, &[0xd8, 0x00]), read(true, true));
        assert_eq!(with(O, 0x1e, &[0xff, 0xfe]), read(true, true));
        assert_eq!(with(O, 0x1e, &[0xfd, 0xd0]), read(true, true));
        assert_eq!(with(O, 0x1c, &[0x00, 0x01, 0xff, 0xff]), read(true, true));
        assert_eq!(with(O, 0x1c, &[0x00, 0x01, 0xf6, 0x00]), read(false, false));
        assert_eq!(with(O, 0x1c, &[0x00, 0x11, 0x00, 0x00]), read(true, true));
        // A type CertPrincipal does not read, where it reads; elsewhere compared by octets.
        assert_eq!(with(CN, 0x12, b"12345"), read(true, false));
        assert_eq!(with(SERIAL, 0x12, b"12345"), read(false, false));
        // The first common name only, until one is not empty.
        assert_eq!(with(CN, 0x0c, b""), read(false, false));
        let two = {
            let rdn = |tag: u8, value: &[u8]| {
                let mut pair = wrap(0x06, &[0x55, 0x04, CN]);
                pair.extend(wrap(tag, value));
                wrap(0x31, &wrap(0x30, &pair))
            };
            let mut rdns = rdn(0x0c, b"localhost");
            rdns.extend(rdn(0x12, b"12345"));
            name(&wrap(0x30, &rdns))
        };
        assert_eq!(two, read(false, false));
        assert_eq!(name(&hex("30 00")), read(false, false));
        assert_eq!(name(&hex("30 02 31 00")), read(true, true));
    }

    /// The site's certificate as BoringSSL reads it in the handshake (ssl/ssl_cert.cc), and
    /// its elements as mozilla::pkix reads them (`BackCert::Init`).
    #[test]
    fn the_site_certificate_is_read_in_the_handshake_as_boringssl_reads_it() {
        use HandshakeStop as S;
        // A certificate from its signed part's fields (hex), as `certificate_of` writes one.
        let made = |fields: &[&str]| {
            let tbs: Vec<u8> = fields.iter().flat_map(|f| hex(f)).collect();
            let mut body = wrap(0x30, &tbs);
            body.extend(hex("30 00 03 02 00 01"));
            wrap(0x30, &body)
        };
        let frame = [
            "a0 03 02 01 02",
            "02 01 01",
            "30 00",
            "30 00",
            "30 00",
            "30 00",
            "30 00",
        ];
        fn with(
            frame: &[&str],
            at: usize,
            field: &str,
            made: impl Fn(&[&str]) -> Vec<u8>,
        ) -> Vec<u8> {
            let mut fields = frame.to_vec();
            fields[at] = field;
            made(&fields)
        }
        let with = |at: usize, field: &str| with(&frame, at, field, made);
        // NSS's decoding refuses what is not in DER before mozilla::pkix reads anything.
        const BAD_DER: MozpkixFault = MozpkixFault::QuickDer;
        let read = |der: &[u8]| (handshake(der), mozpkix_reads(der));
        assert_eq!(read(&made(&frame)), (Ok(()), Ok(())));
        // A length in a longer form than it needs, in the serial number, the issuer, the key.
        assert_eq!(read(&with(1, "02 81 01 01")), (Err(S::Frame), Err(BAD_DER)));
        assert_eq!(read(&with(3, "30 82 00 00")), (Err(S::Frame), Err(BAD_DER)));
        assert_eq!(read(&with(6, "30 81 00")), (Err(S::Frame), Err(BAD_DER)));
        // The signature's BIT STRING, which mozilla::pkix reads with no unused bits
        // (`ERROR_BAD_SIGNATURE`), after the signed part's frame.
        let signed = |signature: &str| {
            let tbs: Vec<u8> = frame.iter().flat_map(|f| hex(f)).collect();
            let mut body = wrap(0x30, &tbs);
            body.extend(hex("30 00"));
            body.extend(hex(signature));
            wrap(0x30, &body)
        };
        assert_eq!(
            mozpkix_reads(&signed("03 02 01 00")),
            Err(MozpkixFault::BadSignature)
        );
        // NSS's decoding refuses the others first: no octet, more than seven unused bits,
        // unused bits with no octet, a longer length, another tag.
        for signature in [
            "03 00",
            "03 02 08 00",
            "03 01 01",
            "03 81 02 00 01",
            "04 02 00 01",
        ] {
            assert_eq!(
                mozpkix_reads(&signed(signature)),
                Err(BAD_DER),
                "{signature}"
            );
        }
        assert_eq!(mozpkix_reads(&signed("03 02 00 01")), Ok(()));
        // Past the key: a unique identifier, the extension list (its tag, then its
        // SEQUENCE), with a longer length.
        for element in ["81 81 01 00", "a3 81 02 30 00", "a3 04 30 82 00 00"] {
            let mut fields = frame.to_vec();
            fields.push(element);
            assert_eq!(read(&made(&fields)).0, Err(S::FrameAfterKey), "{element}");
        }
        // Bytes after the certificate.
        let mut after = made(&frame);
        after.push(0);
        assert_eq!(read(&after), (Err(S::Frame), Err(BAD_DER)));
        // The extensions: each one's frame up to keyUsage. A critical flag written as 01 is
        // a BOOLEAN to `CBS_get_asn1` (and to mozilla::pkix's frame reading, which is
        // `UnparsableExtension::framed`); an extnValue whose length is in a longer form
        // stops it at that extension, unless keyUsage came before.
        let extensions = |list: &str| {
            let list = wrap(0x30, &hex(list));
            let mut fields: Vec<String> = frame.iter().map(|f| f.to_string()).collect();
            fields.push(
                wrap(0xa3, &list)
                    .iter()
                    .map(|b| format!("{b:02x}"))
                    .collect(),
            );
            made(&fields.iter().map(String::as_str).collect::<Vec<_>>())
        };
        const KEY_USAGE: &str = "30 0b 06 03 55 1d 0f 04 04 03 02 07 80";
        const CRITICAL_01: &str = "30 0c 06 03 55 1d 13 01 01 01 04 02 30 00";
        const VALUE_LONGER: &str = "30 0a 06 03 55 1d 13 04 81 02 30 00";
        assert_eq!(read(&extensions(CRITICAL_01)), (Ok(()), Ok(())));
        assert_eq!(
            read(&extensions(&format!("{CRITICAL_01} {VALUE_LONGER}"))),
            (Err(S::Extension(1)), Ok(()))
        );
        assert_eq!(
            read(&extensions(&format!("{KEY_USAGE} {VALUE_LONGER}"))),
            (Ok(()), Ok(()))
        );
        // An element mozilla::pkix does not read: 65,536 bytes or more.
        let long = "ab".repeat(70_000);
        let big = with(3, &format!("30 83 01 11 70 {long}"));
        assert_eq!(read(&big), (Ok(()), Err(MozpkixFault::BadDer)));
        // A serial number not in DER: BoringSSL's handshake reads any INTEGER, mozilla::pkix
        // none but DER's (after the version; an element it cannot read before it comes
        // first, as does the serial number's own length).
        let invalid = Err(MozpkixFault::InvalidInteger);
        assert_eq!(read(&with(1, "02 00")), (Ok(()), Err(BAD_DER)), "no octet");
        for serial in ["02 02 00 01", "02 02 ff 80", "02 03 00 00 80"] {
            assert_eq!(read(&with(1, serial)), (Ok(()), invalid), "{serial}");
        }
        for serial in ["02 01 00", "02 02 00 80", "02 02 ff 7f", "02 03 ff 00 00"] {
            assert_eq!(read(&with(1, serial)), (Ok(()), Ok(())), "{serial}");
        }
        assert_eq!(
            read(&with(1, "02 81 02 00 01")),
            (Err(S::Frame), Err(BAD_DER))
        );
        let mut both = frame;
        both[1] = "02 02 00 01";
        both[3] = "30 82 00 00";
        let both = made(&both);
        assert_eq!(read(&both).1, Err(BAD_DER), "NSS's decoding comes first");
        // The version: 0 to 3 in DER, a number up to 127 it does not know, more.
        for (version, read_as) in [
            ("a0 03 02 01 03", Ok(())),
            ("a0 03 02 01 04", Err(MozpkixFault::BadDer)),
            ("a0 03 02 01 7f", Err(MozpkixFault::BadDer)),
            ("a0 04 02 02 00 80", invalid),
            ("a0 04 02 02 00 02", invalid),
            ("a0 03 02 01 ff", invalid),
            ("a0 02 02 00", Err(BAD_DER)),
        ] {
            assert_eq!(read(&with(0, version)).1, read_as, "{version}");
        }
    }

    /// The certificate around its extensions, as `ParseCertificate`, `ParseTbsCertificate`
    /// and `ParseExtensions` read it (pki/parse_certificate.cc).
    #[test]
    fn the_certificate_around_the_extensions_is_read_as_chrome_reads_it() {
        const UTC: u8 = 0x17;
        const GENERALIZED: u8 = 0x18;
        let dates = [(UTC, "260101000000Z"), (UTC, "270101000000Z")];
        let v3 = "02 01 02";
        let list = "a3 04 30 02 30 00";
        let read = |version: &str, after_key: &str| {
            certificate(&certificate_of(version, dates, after_key, "00 01")).err()
        };
        // The versions, and what each may carry.
        assert_eq!(read(v3, list), None);
        assert_eq!(read("", ""), None);
        assert_eq!(read("02 01 01", ""), None);
        assert_eq!(read("", list), Some(R::ExtensionsBeforeVersion3));
        assert_eq!(read("02 01 01", list), Some(R::ExtensionsBeforeVersion3));
        assert_eq!(read("02 01 00", ""), Some(R::VersionWrittenOut));
        assert_eq!(read("02 01 03", list), Some(R::VersionUnknown));
        assert_eq!(read("02 01 ff", list), Some(R::VersionUnknown));
        assert_eq!(
            read("02 09 01 00 00 00 00 00 00 00 02", list),
            Some(R::VersionUnknown)
        );
        assert_eq!(read("02 02 00 02", list), Some(R::NotDer));
        assert_eq!(read("02 01 02 05 00", list), Some(R::Trailing));
        // Unique identifiers: BIT STRINGs, from version 2 on.
        assert_eq!(read("", "81 02 00 ff"), Some(R::UniqueIdInVersion1));
        assert_eq!(read("", "82 02 00 ff"), Some(R::UniqueIdInVersion1));
        assert_eq!(read("02 01 01", "81 02 00 ff 82 02 00 ff"), None);
        assert_eq!(read(v3, "81 02 01 ff a3 04 30 02 30 00"), Some(R::NotDer));
        assert_eq!(read(v3, "81 02 01 fe a3 04 30 02 30 00"), None);
        // The extension list: one SEQUENCE, not empty, nothing after it.
        assert_eq!(read(v3, "a3 02 30 00"), Some(R::Empty));
        assert_eq!(read(v3, "a3 04 30 00 30 00"), Some(R::Trailing));
        assert_eq!(read(v3, "a3 02 05 00"), Some(R::NotDer));
        assert_eq!(read(v3, "a3 04 30 02 30 00 30 00"), Some(R::Trailing));
        assert_eq!(read(v3, "a3 05 30 03 30 81 00"), Some(R::NotDer));
        // The dates: exactly YYMMDDHHMMSSZ or YYYYMMDDHHMMSSZ, each part in its range.
        let dated = |before: (u8, &str)| {
            certificate(&certificate_of(v3, [before, dates[1]], list, "00 01")).err()
        };
        for good in [
            (UTC, "991231235960Z"),
            (UTC, "000229000000Z"),
            (UTC, "490101000000Z"),
            (GENERALIZED, "20260101000000Z"),
            (GENERALIZED, "20000229120000Z"),
        ] {
            assert_eq!(dated(good), None, "{good:?}");
        }
        for bad in [
            (UTC, "2601010000Z"),
            (UTC, "260101000000+0000"),
            (UTC, "260101000000"),
            (UTC, "260230000000Z"),
            (UTC, "261301000000Z"),
            (UTC, "260101240000Z"),
            (UTC, "260101006000Z"),
            (UTC, "260101000061Z"),
            (UTC, "26010100000aZ"),
            (UTC, "510229000000Z"),
            (GENERALIZED, "20260101000000.5Z"),
            (GENERALIZED, "21000229000000Z"),
            (GENERALIZED, "260101000000Z"),
        ] {
            assert_eq!(dated(bad), Some(R::TimeForm), "{bad:?}");
        }
        assert_eq!(dated((0x13, "260101000000Z")), Some(R::NotDer));
        // The signature's BIT STRING, and nothing after the certificate.
        let signed =
            |signature: &str| certificate(&certificate_of(v3, dates, list, signature)).err();
        assert_eq!(signed("00"), None);
        assert_eq!(signed("01 fe"), None);
        assert_eq!(signed("08 00"), Some(R::NotDer));
        assert_eq!(signed("01 01"), Some(R::NotDer));
        assert_eq!(signed("01"), Some(R::NotDer));
        assert_eq!(signed(""), Some(R::NotDer));
        let mut longer = certificate_of(v3, dates, list, "00");
        longer.extend([0x00, 0x00]);
        assert_eq!(certificate(&longer).err(), Some(R::Trailing));
    }

    #[test]
    fn an_extensions_critical_flag_is_ff_or_left_out() {
        let frame = |text: &str| frame(&hex(text)).err();
        assert_eq!(frame("30 0b 06 03 55 1d 0f 04 04 03 02 07 80"), None);
        assert_eq!(
            frame("30 0e 06 03 55 1d 0f 01 01 ff 04 04 03 02 07 80"),
            None
        );
        assert_eq!(
            frame("30 0e 06 03 55 1d 0f 01 01 00 04 04 03 02 07 80"),
            Some(R::CriticalFlag)
        );
        assert_eq!(
            frame("30 0e 06 03 55 1d 0f 01 01 01 04 04 03 02 07 80"),
            Some(R::NotDer)
        );
        assert_eq!(
            frame("30 0f 06 03 55 1d 0f 01 02 ff ff 04 04 03 02 07 80"),
            Some(R::NotDer)
        );
        assert_eq!(
            frame("30 0d 06 03 55 1d 0f 04 04 03 02 07 80 05 00"),
            Some(R::Trailing)
        );
        assert_eq!(
            frame("30 0c 06 03 55 1d 0f 04 81 04 03 02 07 80"),
            Some(R::NotDer)
        );
    }

    #[test]
    fn an_empty_subject_needs_a_critical_subject_alt_name() {
        let san = &o::OID_X509_EXT_SUBJECT_ALT_NAME;
        let value = hex("30 0b 82 09 6c 6f 63 61 6c 68 6f 73 74");
        assert_eq!(extension(san, true, &value, true), Some(Ok(())));
        assert_eq!(extension(san, false, &value, false), Some(Ok(())));
        assert_eq!(
            extension(san, false, &value, true),
            Some(Err(R::SanNotCritical))
        );
    }

    /// The DER header for `length` content octets, in its shortest form or padded with a
    /// leading zero octet.
    #[cfg(not(target_arch = "wasm32"))]
    fn header(tag: u8, length: usize, padded: bool) -> Vec<u8> {
        let octets: Vec<u8> = length
            .to_be_bytes()
            .into_iter()
            .skip_while(|&b| b == 0)
            .collect();
        match (length < 0x80, padded) {
            (true, false) => vec![tag, length as u8],
            (short, _) => {
                let mut octets = octets;
                if padded || short && octets.is_empty() {
                    octets.insert(0, 0);
                }
                [vec![tag, 0x80 | octets.len() as u8], octets].concat()
            }
        }
    }

    // proptest is a native dev-dependency only.
    #[cfg(not(target_arch = "wasm32"))]
    proptest::proptest! {
        /// An element in its shortest form reads back as written, whatever follows it; the
        /// same with its length padded does not read at all.
        #[test]
        fn elements_read_back_and_padded_lengths_do_not(
            tag_octet in 1u8..=0xfe,
            content in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..300),
            after in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..4),
        ) {
            proptest::prop_assume!(tag_octet & 0x1f != 0x1f && tag_octet != 0x20);
            let written = [header(tag_octet, content.len(), false), content.clone(), after.clone()].concat();
            let read = element(&written);
            proptest::prop_assert_eq!(read, Some((tag(tag_octet), &content[..], &after[..])));
            let padded = [header(tag_octet, content.len(), true), content].concat();
            proptest::prop_assert_eq!(element(&padded), None);
        }

        /// Any bytes as the value of any extension Chrome reads: an answer, never a panic.
        #[test]
        fn any_value_gets_an_answer(
            which in 0usize..11,
            critical in proptest::prelude::any::<bool>(),
            subject_empty in proptest::prelude::any::<bool>(),
            value in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..64),
        ) {
            let oids = [
                &o::OID_X509_EXT_BASIC_CONSTRAINTS,
                &o::OID_X509_EXT_EXTENDED_KEY_USAGE,
                &o::OID_X509_EXT_SUBJECT_ALT_NAME,
                &o::OID_X509_EXT_NAME_CONSTRAINTS,
                &o::OID_PKIX_AUTHORITY_INFO_ACCESS,
                &o::OID_X509_EXT_CERTIFICATE_POLICIES,
                &o::OID_X509_EXT_POLICY_CONSTRAINTS,
                &o::OID_X509_EXT_POLICY_MAPPINGS,
                &o::OID_X509_EXT_INHIBIT_ANY_POLICY,
                &o::OID_X509_EXT_SUBJECT_KEY_IDENTIFIER,
                &o::OID_X509_EXT_AUTHORITY_KEY_IDENTIFIER,
            ];
            proptest::prop_assert!(extension(oids[which], critical, &value, subject_empty).is_some());
        }

        /// Any bytes as a certificate, and any date in a certificate Chrome would read
        /// otherwise: an answer, never a panic; a date in the fixed form of valid parts is
        /// read, and one with a character changed to a letter is not.
        #[test]
        fn any_certificate_and_any_date_get_an_answer(
            bytes in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..256),
            text in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..20),
            generalized in proptest::prelude::any::<bool>(),
            (year, month, day, hours, minutes, seconds) in (1950u32..2050, 1u32..=12, 1u32..=28, 0u32..24, 0u32..60, 0u32..60),
            spoiled in 0usize..13,
        ) {
            let _ = certificate(&bytes);
            let tag = if generalized { 0x18 } else { 0x17 };
            let v3 = "02 01 02";
            let _ = certificate(&certificate_of(v3, [(tag, std::str::from_utf8(&text).unwrap_or("")), (0x17, "300101000000Z")], "", "00"));
            let written = if generalized {
                format!("{year:04}{month:02}{day:02}{hours:02}{minutes:02}{seconds:02}Z")
            } else {
                format!("{:02}{month:02}{day:02}{hours:02}{minutes:02}{seconds:02}Z", year % 100)
            };
            let read = |text: &str| {
                certificate(&certificate_of(v3, [(tag, text), (0x17, "300101000000Z")], "", "00")).err()
            };
            proptest::prop_assert_eq!(read(&written), None);
            let mut bad = written.into_bytes();
            let at = spoiled % (bad.len() - 1);
            bad[at] = b'x';
            proptest::prop_assert_eq!(read(std::str::from_utf8(&bad).unwrap()), Some(R::TimeForm));
        }
    }

    /// The DER layer, `cbs_get_any_asn1_element` without BER.
    #[test]
    fn elements_are_read_as_cbs_reads_them() {
        let ok = |text: &str| {
            element(&hex(text)).map(|(tag, content, rest)| (tag, content.len(), rest.len()))
        };
        assert_eq!(ok("04 01 00"), Some((tag(0x04), 1, 0)));
        assert_eq!(ok("04 00 05 00"), Some((tag(0x04), 0, 2)));
        // A length in its long form must need it, without a leading zero, in 1 to 4 octets.
        assert_eq!(ok("04 81 05 00 00 00 00 00"), None);
        assert_eq!(ok("04 82 00 85"), None);
        assert_eq!(ok("30 80 00 00"), None);
        assert_eq!(ok("04 85 00 00 00 00 80"), None);
        let long = [&[0x04, 0x81, 0x80][..], &[0u8; 128]].concat();
        assert_eq!(element(&long).map(|(_, c, _)| c.len()), Some(128));
        // Too short for its length.
        assert_eq!(ok("30 05 02 01"), None);
        assert_eq!(ok(""), None);
        assert_eq!(ok("30"), None);
        // [UNIVERSAL 0] is reserved, primitive or constructed.
        assert_eq!(ok("00 00"), None);
        assert_eq!(ok("20 00"), None);
        // A high tag number only from 31, in its shortest form.
        assert_eq!(ok("9f 1f 00"), Some((0x8000_0000 | 31, 0, 0)));
        assert_eq!(ok("9f 81 00 00"), Some((0x8000_0000 | 128, 0, 0)));
        assert_eq!(ok("1f 02 01 00"), None);
        assert_eq!(ok("9f 80 1f 00"), None);
        assert_eq!(ok("9f ff ff ff ff 7f 00"), None);
        // Whole tags: class, constructed bit and number.
        assert_ne!(tag(0x24), tag(0x04));
        assert_ne!(tag(0xa2), tag(0x82));
        assert_ne!(tag(0x10), SEQUENCE);
    }

    #[test]
    fn integers_and_booleans_are_read_as_der() {
        assert_eq!(uint8(&[0x00]), Ok(0));
        assert_eq!(uint8(&[0x7f]), Ok(127));
        assert_eq!(uint8(&[0x00, 0x80]), Ok(128));
        assert_eq!(uint8(&[0x00, 0xff]), Ok(255));
        assert_eq!(uint8(&[]), Err(R::NotDer));
        assert_eq!(uint8(&[0x00, 0x05]), Err(R::NotDer));
        assert_eq!(uint8(&[0xff, 0x80]), Err(R::NotDer));
        assert_eq!(uint8(&[0xff]), Err(R::OutOfRange));
        assert_eq!(uint8(&[0x01, 0x00]), Err(R::OutOfRange));
        assert_eq!(boolean(&[0xff]), Ok(true));
        assert_eq!(boolean(&[0x00]), Ok(false));
        assert_eq!(boolean(&[0x01]), Err(R::NotDer));
        assert_eq!(boolean(&[0xff, 0xff]), Err(R::NotDer));
        assert!(netmask(&[0xff, 0xff, 0xff, 0x00]) && netmask(&[0xff, 0xf0, 0, 0]));
        assert!(netmask(&[0; 4]) && netmask(&[0xff; 16]));
        assert!(!netmask(&[0xff, 0, 0xff, 0]) && !netmask(&[0xf1, 0, 0, 0]));
    }
}
