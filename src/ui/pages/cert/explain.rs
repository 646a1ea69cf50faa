//! Words for what the engine reports: one place that turns every typed finding, browser
//! error and chain check into a sentence of the locale files, and the built-in samples.
//! Pure, tested natively; the components (and `inspect`, in English) only call here.

use crate::cert::fields::{Field, ValidationLevel};
use crate::cert::findings::{
    ChromeRule, Constrainer, Issuer, OtherDer, Pkcs7Problem, RootChange, RootHistory, Unchecked,
    Unreadable,
};
use crate::cert::openssl::DecodeFault;
use crate::cert::rules::{Document, Rule, Scope};
use crate::cert::{
    CertificateReport, CheckName, CheckResult, ChromiumError, Code, Finding, FindingKind,
    IntegerFault, KeyFault, Report,
};
use crate::ui::i18n::{Key, Lang, fill, k, text};

/// The main sentence of each code. Exhaustive: a new engine code does not compile until
/// it has words in both languages.
pub fn code_key(code: Code) -> Key {
    use k::cert_codes as c;
    match code {
        Code::NoCertificate => c::no_certificate,
        Code::InputNotRecognised => c::input_not_recognised,
        Code::PrivateKeyPasted => c::private_key_pasted,
        Code::OtherPemBlock => c::other_pem_block,
        Code::PemHeadersMissing => c::pem_headers_missing,
        Code::PemMissingEnd => c::pem_missing_end,
        Code::PemLabelMismatch => c::pem_label_mismatch,
        Code::PemBadBase64 => c::pem_bad_base64,
        Code::DocumentRead => c::document_read,
        Code::DocumentUnreadable => c::document_unreadable,
        Code::CertificateUnparsable => c::certificate_unparsable,
        Code::TrailingData => c::trailing_data,
        Code::Pkcs7Unparsable => c::pkcs7_unparsable,
        Code::Pkcs7Bundle => c::pkcs7_bundle,
        Code::MissingIntermediate => c::missing_intermediate,
        Code::UntrustedRoot => c::untrusted_root,
        Code::RootRemovedFromMozilla => c::root_removed_from_mozilla,
        Code::RootNotEmbedded => c::root_not_embedded,
        Code::AuthorityAlone => c::authority_alone,
        Code::SelfSignedLeaf => c::self_signed_leaf,
        Code::ReverseOrder => c::reverse_order,
        Code::OutOfOrder => c::out_of_order,
        Code::DuplicateCertificate => c::duplicate_certificate,
        Code::UnrelatedCertificate => c::unrelated_certificate,
        Code::CrossSignedAlternative => c::cross_signed_alternative,
        Code::LeafChosen => c::leaf_chosen,
        Code::SignatureInvalid => c::signature_invalid,
        Code::SignatureUnsupported => c::signature_unsupported,
        Code::SignatureWorkCapped => c::signature_work_capped,
        Code::ReadingStopped => c::reading_stopped,
        Code::MoreOfTheSame => c::more_of_the_same,
        Code::NameMismatch => c::name_mismatch,
        Code::KeyIdMismatch => c::key_id_mismatch,
        Code::IssuerNotCa => c::issuer_not_ca,
        Code::PathLenExceeded => c::path_len_exceeded,
        Code::IssuerCannotSign => c::issuer_cannot_sign,
        Code::NameConstraintViolation => c::name_constraint_violation,
        Code::Expired => c::expired,
        Code::NotYetValid => c::not_yet_valid,
        Code::DatesRefusedByFirefox => c::dates_refused_by_firefox,
        Code::AnchorCertificateOutOfDate => c::anchor_certificate_out_of_date,
        Code::ValidityTooLong => c::validity_too_long,
        Code::WeakSignatureAlgorithm => c::weak_signature_algorithm,
        Code::SignatureAlgorithmRefused => c::signature_algorithm_refused,
        Code::SignatureAlgorithmMismatch => c::signature_algorithm_mismatch,
        Code::SignatureAlgorithmWrittenApart => c::signature_algorithm_written_apart,
        Code::SignatureAlgorithmParameters => c::signature_algorithm_parameters,
        Code::WeakKey => c::weak_key,
        Code::AuthorityKeyRefused => c::authority_key_refused,
        Code::ExplicitCurve => c::explicit_curve,
        Code::LeafKeyNotNegotiable => c::leaf_key_not_negotiable,
        Code::LeafKeyUsageNotForSigning => c::leaf_key_usage_not_for_signing,
        Code::LeafKeyUsageUnreadable => c::leaf_key_usage_unreadable,
        Code::HostMismatch => c::host_mismatch,
        Code::HostMatchesOnlyCommonName => c::host_matches_only_common_name,
        Code::WildcardUnderPublicSuffix => c::wildcard_under_public_suffix,
        Code::HostInternationalised => c::host_internationalised,
        Code::HostNotChecked => c::host_not_checked,
        Code::NoSubjectAltName => c::no_subject_alt_name,
        Code::HostInvalid => c::host_invalid,
        Code::UnsupportedCriticalExtension => c::unsupported_critical_extension,
        Code::LeafNotForServers => c::leaf_not_for_servers,
        Code::TrustedByCustomAnchor => c::trusted_by_custom_anchor,
        Code::RevocationNotChecked => c::revocation_not_checked,
        Code::CtNotChecked => c::ct_not_checked,
        Code::NoEmbeddedScts => c::no_embedded_scts,
        Code::TooFewScts => c::too_few_scts,
        Code::SctSignatureInvalid => c::sct_signature_invalid,
        Code::ExtensionUnparsable => c::extension_unparsable,
        Code::CertificateFrameInvalid => c::certificate_frame_invalid,
        Code::ChainTooLargeForHandshake => c::chain_too_large_for_handshake,
        Code::TooLargeForFirefox => c::too_large_for_firefox,
        Code::PathLenBeyondFirefox => c::path_len_beyond_firefox,
        Code::SerialNotDer => c::serial_not_der,
        Code::NameUndecodableToOpenSsl => c::name_undecodable_to_openssl,
        Code::KeyEncoding => c::key_encoding,
        Code::RuleBroken => c::rule_broken,
    }
}

/// What Chrome's stricter parser refuses in an extension that decodes here.
fn chrome_rule(rule: ChromeRule) -> Key {
    use k::cert_codes as c;
    match rule {
        ChromeRule::NotDer => c::chrome_rule_not_der,
        ChromeRule::Trailing => c::chrome_rule_trailing,
        ChromeRule::Empty => c::chrome_rule_empty,
        ChromeRule::OutOfRange => c::chrome_rule_out_of_range,
        ChromeRule::NameNotAscii => c::chrome_rule_name_not_ascii,
        ChromeRule::NameKind => c::chrome_rule_name_kind,
        ChromeRule::IpAddress => c::chrome_rule_ip_address,
        ChromeRule::SubtreeBounds => c::chrome_rule_subtree_bounds,
        ChromeRule::DuplicatePolicy => c::chrome_rule_duplicate_policy,
        ChromeRule::PolicyQualifier => c::chrome_rule_policy_qualifier,
        ChromeRule::AkiIssuerSerial => c::chrome_rule_aki_issuer_serial,
        ChromeRule::SanNotCritical => c::chrome_rule_san_not_critical,
        ChromeRule::DuplicateExtension => c::chrome_rule_duplicate_extension,
        ChromeRule::CriticalFlag => c::chrome_rule_critical_flag,
        ChromeRule::VersionWrittenOut => c::chrome_rule_version_written_out,
        ChromeRule::VersionUnknown => c::chrome_rule_version_unknown,
        ChromeRule::UniqueIdInVersion1 => c::chrome_rule_unique_id_in_version_1,
        ChromeRule::ExtensionsBeforeVersion3 => c::chrome_rule_extensions_before_version_3,
        ChromeRule::TimeForm => c::chrome_rule_time_form,
        ChromeRule::NameValue => c::chrome_rule_name_value,
    }
}

/// `certificate 2 (R3)`: how a sentence names certificate `index` of the input.
pub fn cert_ref(lang: Lang, certs: &[CertificateReport], index: usize) -> String {
    let n = index.saturating_add(1).to_string();
    let name = certs.get(index).map_or("", CertificateReport::short_name);
    fill(
        lang,
        k::cert::verdict::cert_ref,
        &[("n", &n), ("name", name)],
    )
}

fn issuer_ref(lang: Lang, certs: &[CertificateReport], issuer: &Issuer) -> String {
    match issuer {
        Issuer::Certificate(i) => cert_ref(lang, certs, *i),
        Issuer::Anchor { name } => name.clone(),
    }
}

fn refs(lang: Lang, certs: &[CertificateReport], indices: &[usize]) -> String {
    indices
        .iter()
        .map(|i| cert_ref(lang, certs, *i))
        .collect::<Vec<_>>()
        .join(text(lang, k::punct::list))
}

/// `a.example, b.example and 7 more`: the names a finding lists, and how many it left out.
fn names_list(lang: Lang, names: &[String], total: usize) -> String {
    let listed = names.join(text(lang, k::punct::list));
    match total.checked_sub(names.len()) {
        Some(more) if more > 0 => fill(
            lang,
            k::cert_codes::list::more,
            &[("names", &listed), ("n", &more.to_string())],
        ),
        _ => listed,
    }
}

/// What an unreadable certificate's problem is, as a clause.
fn unreadable(lang: Lang, why: &Unreadable) -> String {
    use k::cert_codes::why as w;
    let n = crate::ui::i18n::count;
    match why {
        Unreadable::TooMany { limit } => fill(lang, w::too_many, &[("limit", &n(*limit))]),
        Unreadable::NoDerAt { offset } => fill(lang, w::no_der_at, &[("offset", &n(*offset))]),
        Unreadable::Empty => text(lang, w::empty).to_owned(),
        Unreadable::Truncated {
            declared: Some(declared),
            present,
        } => fill(
            lang,
            w::truncated_declared,
            &[("declared", &n(*declared)), ("present", &n(*present))],
        ),
        Unreadable::Truncated {
            declared: None,
            present,
        } => fill(lang, w::truncated, &[("present", &n(*present))]),
        Unreadable::IndefiniteLength => text(lang, w::indefinite_length).to_owned(),
        Unreadable::BadLength => text(lang, w::bad_length).to_owned(),
        Unreadable::NotASequence { tag } => {
            fill(lang, w::not_a_sequence, &[("tag", &format!("{tag:02x}"))])
        }
        Unreadable::WrongParts { parts } => fill(lang, w::wrong_parts, &[("parts", &n(*parts))]),
        Unreadable::TooFewFields { fields, needed } => fill(
            lang,
            w::too_few_fields,
            &[("fields", &n(*fields)), ("needed", &n(*needed))],
        ),
        Unreadable::Refused => text(lang, w::refused).to_owned(),
    }
}

/// What a PEM label names, when it is not a certificate.
fn other_pem_kind(label: &str) -> Key {
    use k::cert_codes::other as o;
    match label {
        "CERTIFICATE REQUEST" | "NEW CERTIFICATE REQUEST" => o::csr,
        "X509 CRL" => o::crl,
        "PUBLIC KEY" | "RSA PUBLIC KEY" => o::public_key,
        "EC PARAMETERS" | "DH PARAMETERS" => o::parameters,
        "OPENSSH PUBLIC KEY" | "SSH2 PUBLIC KEY" => o::ssh,
        "PGP PUBLIC KEY BLOCK" | "PGP MESSAGE" | "PGP SIGNATURE" => o::pgp,
        _ => o::unknown,
    }
}

/// What became of a root, in a sentence or two.
fn root_history(lang: Lang, root: &RootHistory) -> String {
    use k::cert_codes::root as r;
    let key = match root.change {
        RootChange::Removed => r::removed,
        RootChange::ServerTrustOff => r::trust_off,
        RootChange::Distrusted => r::distrusted,
        RootChange::StillInNss => r::not_embedded,
    };
    let mut out = fill(
        lang,
        key,
        &[
            ("name", &root.name),
            ("first", &root.first_trusted),
            ("date", &root.removed),
            ("version", &root.nss_version),
            ("reason", &root.reason),
            ("nss_date", crate::cert::nss::NSS_COMMIT_DATE),
        ],
    );
    if let Some(date) = &root.distrust_after {
        out.push_str(lang.sentence_gap());
        out.push_str(&fill(lang, r::distrust_after, &[("date", date)]));
    }
    out
}

/// A key named by its kind, as the findings about keys say it: "an ECDSA key on P-521",
/// "a key of type Ed25519".
fn key_kind(lang: Lang, algorithm: &str, curve: Option<&str>) -> String {
    use k::cert_codes::key as kk;
    match curve {
        Some(curve) => fill(lang, kk::ecdsa_on, &[("curve", curve)]),
        None => fill(lang, kk::of_kind, &[("algorithm", algorithm)]),
    }
}

/// The sentence for one finding, in `lang`, naming the certificates of `certs` it is
/// about. The page shows it; `inspect` prints it in English.
pub fn finding_text(lang: Lang, finding: &Finding, certs: &[CertificateReport]) -> String {
    use FindingKind as F;
    let key = code_key(finding.code());
    let n = crate::ui::i18n::count;
    let cert = |i: usize| cert_ref(lang, certs, i);
    let extension_name = |i: usize| {
        finding
            .certificate
            .and_then(|c| certs.get(c))
            .and_then(|c| c.extensions.get(i))
            .map_or_else(|| n(i), |e| e.name.clone())
    };
    let with = |values: &[(&str, &str)]| fill(lang, key, values);
    let other = |key: Key, values: &[(&str, &str)]| fill(lang, key, values);
    // The finding's own sentence with one value, then a sentence of its own.
    let with_then = |value: (&str, &str), then: Key| {
        [with(&[value]), other(then, &[])].join(lang.sentence_gap())
    };
    match &finding.kind {
        F::RuleBroken { rule } => {
            let source = rule.source();
            let document = match source.document {
                Document::Rfc5280 => k::cert_codes::rule::rfc5280,
                Document::BaselineRequirements => k::cert_codes::rule::baseline_requirements,
                Document::EvGuidelines => k::cert_codes::rule::ev_guidelines,
                Document::MozillaRootStorePolicy => k::cert_codes::rule::mozilla_root_store_policy,
            };
            let (scope, since, until) = match source.scope {
                Scope::IssuedFrom(t) => (k::cert_codes::rule::issued_from, t, None),
                Scope::ValidOn(t) => (k::cert_codes::rule::valid_on, t, None),
                Scope::ExpiringAfter(t) => (k::cert_codes::rule::expiring_after, t, None),
                Scope::IssuedBetween(from, until) => {
                    (k::cert_codes::rule::issued_between, from, Some(until))
                }
            };
            let day = |t| {
                let date = utc_text(t);
                date.split(' ').next().unwrap_or(&date).to_owned()
            };
            let until = until.map(day).unwrap_or_default();
            with(&[
                ("what", text(lang, rule_key(*rule))),
                ("source", &other(document, &[("section", source.section)])),
                (
                    "scope",
                    &other(scope, &[("date", &day(since)), ("until", &until)]),
                ),
            ])
        }
        F::InputNotRecognised { binary: true } => {
            text(lang, k::cert_codes::input_not_recognised_binary).to_owned()
        }
        F::PrivateKeyPasted { label } => with(&[("label", label)]),
        F::OtherPemBlock { label } => with(&[
            ("label", label),
            ("what", text(lang, other_pem_kind(label))),
        ]),
        F::PemMissingEnd { label, line } => with(&[("label", label), ("line", &n(*line))]),
        F::PemLabelMismatch { begin, end } => with(&[("begin", begin), ("end", end)]),
        F::PemBadBase64 { at } => with(&[("at", &n(*at))]),
        F::DocumentRead { kind } | F::DocumentUnreadable { kind } => {
            let what = match kind {
                OtherDer::Crl => k::cert_codes::other::crl,
                OtherDer::Csr => k::cert_codes::other::csr,
            };
            with(&[("what", text(lang, what))])
        }
        F::CertificateUnparsable { why } => with(&[("why", &unreadable(lang, why))]),
        F::TrailingData { extra } => with(&[("extra", &n(*extra))]),
        F::Pkcs7Unparsable { problem } => {
            use k::cert_codes::pkcs7 as p;
            let why = match problem {
                Pkcs7Problem::Truncated => p::truncated,
                Pkcs7Problem::NoContent => p::no_content,
                Pkcs7Problem::SignedDataTruncated => p::signed_data_truncated,
                Pkcs7Problem::NoCertificates => p::no_certificates,
            };
            with(&[("why", text(lang, why))])
        }
        F::Pkcs7Bundle { count } => with(&[("count", &n(*count))]),
        F::MissingIntermediate { issuer, .. } => with(&[("issuer", issuer)]),
        F::RootRemovedFromMozilla { root } | F::RootNotEmbedded { root } => {
            with(&[("root", &root_history(lang, root))])
        }
        F::AuthorityAlone { in_root_set, root } => {
            use k::cert_codes::authority as a;
            let what = match (in_root_set, root) {
                (true, _) => a::root_in_set,
                (false, true) => a::root,
                (false, false) => a::intermediate,
            };
            with(&[("what", text(lang, what))])
        }
        F::DuplicateCertificate { first } => with(&[("first", &cert(*first))]),
        F::CrossSignedAlternative { used, alternatives } => with(&[
            ("used", &cert(*used)),
            ("alternatives", &refs(lang, certs, alternatives)),
        ]),
        F::LeafChosen { candidates } => {
            let chosen = finding.certificate.map(cert).unwrap_or_default();
            with(&[("count", &n(candidates.len())), ("chosen", &chosen)])
        }
        F::SignatureInvalid { issuer } => with(&[("issuer", &issuer_ref(lang, certs, issuer))]),
        F::SignatureUnsupported {
            why: Unchecked::RsaKeyOverLimit { bits },
            ..
        } => other(
            k::cert_codes::signature_unsupported_large_key,
            &[("bits", &bits.to_string())],
        ),
        F::SignatureUnsupported {
            why: Unchecked::WorkOverLimit,
            ..
        } => other(k::cert_codes::signature_unsupported_work, &[]),
        F::SignatureUnsupported {
            why: Unchecked::ExplicitCurve,
            ..
        } => other(k::cert_codes::signature_unsupported_explicit_curve, &[]),
        F::SignatureUnsupported { algorithm, .. } => with(&[("algorithm", algorithm)]),
        F::SignatureWorkCapped { unchecked } => with(&[("count", &n(*unchecked))]),
        F::ReadingStopped {
            blocks,
            certificates,
        } => with(&[("blocks", &n(*blocks)), ("certificates", &n(*certificates))]),
        F::MoreOfTheSame { count, .. } => with(&[("count", &n(*count))]),
        F::NameMismatch { issuer }
        | F::KeyIdMismatch { issuer }
        | F::IssuerCannotSign {
            issuer,
            unreadable: false,
        }
        | F::IssuerNotCa {
            issuer,
            no_basic_constraints: false,
        } => with(&[("issuer", &cert(*issuer))]),
        F::IssuerCannotSign {
            issuer,
            unreadable: true,
        } => other(
            k::cert_codes::issuer_key_usage_unreadable,
            &[("issuer", &cert(*issuer))],
        ),
        F::IssuerNotCa {
            issuer,
            no_basic_constraints: true,
        } => other(
            k::cert_codes::issuer_not_ca_no_constraints,
            &[("issuer", &cert(*issuer))],
        ),
        F::PathLenExceeded {
            issuer,
            limit,
            below,
        } => with(&[
            ("issuer", &cert(*issuer)),
            ("limit", &limit.to_string()),
            ("below", &below.to_string()),
        ]),
        F::NameConstraintViolation { by, names, total } => {
            let by = match by {
                Constrainer::Certificate(i) => cert(*i),
                Constrainer::Anchor => text(lang, k::cert::verdict::anchor_ref).to_owned(),
            };
            let listed = names_list(lang, names, *total);
            with(&[("count", &n(*total)), ("by", &by), ("names", &listed)])
        }
        F::Expired { not_after } => with(&[("date", &utc_text(*not_after))]),
        F::NotYetValid { not_before } => with(&[("date", &utc_text(*not_before))]),
        F::DatesRefusedByFirefox { backwards: true } => other(k::cert_codes::dates_backwards, &[]),
        F::AnchorCertificateOutOfDate { expired, date } => {
            let key = if *expired {
                key
            } else {
                k::cert_codes::anchor_certificate_not_yet_valid
            };
            other(key, &[("date", &utc_text(*date))])
        }
        F::ValidityTooLong { days, limit } => {
            with(&[("days", &days.to_string()), ("limit", &limit.to_string())])
        }
        F::WeakSignatureAlgorithm { algorithm }
        | F::SignatureAlgorithmRefused { algorithm }
        | F::SignatureAlgorithmWrittenApart { algorithm }
        | F::SignatureAlgorithmParameters { algorithm } => with(&[("algorithm", algorithm)]),
        F::SignatureAlgorithmMismatch { outer, inner } => {
            with(&[("outer", outer), ("inner", inner)])
        }
        F::WeakKey { bits, .. } => {
            let bits = bits.map_or_else(|| "?".to_owned(), |b| b.to_string());
            with(&[("bits", &bits)])
        }
        F::AuthorityKeyRefused { algorithm, curve } => {
            with(&[("what", &key_kind(lang, algorithm, curve.as_deref()))])
        }
        F::LeafKeyNotNegotiable {
            algorithm,
            curve,
            firefox_offers,
        } => {
            let what = key_kind(lang, algorithm, curve.as_deref());
            if *firefox_offers {
                other(k::cert_codes::leaf_key_chrome_only, &[("what", &what)])
            } else {
                with(&[("what", &what)])
            }
        }
        F::LeafKeyUsageNotForSigning {
            key_usage,
            no_tls_use,
        } => {
            let uses = key_usage
                .iter()
                .map(|name| {
                    let label = usage_key(name).map_or(name.as_str(), |key| text(lang, key));
                    fill(
                        lang,
                        k::cert_codes::key::usage,
                        &[("label", label), ("name", name)],
                    )
                })
                .collect::<Vec<_>>()
                .join(text(lang, k::punct::list));
            if key_usage.is_empty() {
                other(k::cert_codes::leaf_key_usage_empty, &[])
            } else if *no_tls_use {
                other(k::cert_codes::leaf_key_usage_no_tls_use, &[("uses", &uses)])
            } else {
                with(&[("uses", &uses)])
            }
        }
        F::HostMismatch { expected } => with(&[("host", expected)]),
        F::HostMatchesOnlyCommonName { common_name } => with(&[("name", common_name)]),
        F::WildcardUnderPublicSuffix { wildcard, suffix } => {
            with(&[("wildcard", wildcard), ("suffix", suffix)])
        }
        F::HostInternationalised { unicode, ascii } => {
            with(&[("unicode", unicode), ("ascii", ascii)])
        }
        F::HostInvalid { host } => with(&[("host", host)]),
        F::UnsupportedCriticalExtension { extension } => {
            with(&[("extension", &extension_name(*extension))])
        }
        F::ExtensionUnparsable {
            extension,
            refused_by,
            site,
            strict,
            handshake,
        } => {
            let name = extension_name(*extension);
            if !refused_by.any() && !handshake {
                return with(&[("extension", &name)]);
            }
            use k::cert_codes as c;
            let chrome = match (refused_by.chrome, *site) {
                _ if *handshake => c::certificate_frame_chrome_handshake,
                (true, true) => c::extension_unreadable_chrome_site,
                (true, false) => c::extension_unreadable_chrome_authority,
                (false, _) => c::extension_unreadable_chrome_ignores,
            };
            let mut parts = match strict {
                Some(rule) => vec![
                    other(c::extension_unreadable_strict, &[("extension", &name)]),
                    other(chrome_rule(*rule), &[]),
                ],
                None => vec![other(c::extension_unreadable, &[("extension", &name)])],
            };
            parts.push(other(chrome, &[]));
            if refused_by.firefox {
                parts.push(other(
                    if *site {
                        c::extension_unreadable_firefox
                    } else {
                        c::extension_unreadable_firefox_authority
                    },
                    &[],
                ));
            }
            if refused_by.openssl {
                parts.push(other(c::extension_unreadable_openssl, &[]));
            }
            if strict.is_some() {
                parts.push(other(c::extension_reissue, &[]));
            }
            parts.join(lang.sentence_gap())
        }
        F::CertificateFrameInvalid {
            site,
            rule,
            dates_unreadable,
            firefox_refuses,
            firefox_not_der,
            openssl_strict,
            handshake,
            verifier_only,
            ..
        } => {
            use k::cert_codes as c;
            // A date no client reads is against the standard, not Chrome's rule alone.
            let opening = if *rule == ChromeRule::TimeForm {
                c::certificate_frame_invalid_standard
            } else {
                c::certificate_frame_invalid
            };
            let chrome = match (*site, *verifier_only) {
                _ if *handshake => c::certificate_frame_chrome_handshake,
                (true, true) => c::extension_unreadable_chrome_site,
                (true, false) => c::certificate_frame_chrome_site,
                (false, _) => c::extension_unreadable_chrome_authority,
            };
            let others = if *dates_unreadable {
                c::certificate_frame_invalid_others_time
            } else if *firefox_refuses {
                c::certificate_frame_invalid_others_version
            } else if *firefox_not_der {
                c::certificate_frame_invalid_others_der
            } else if *openssl_strict {
                c::certificate_frame_invalid_others_strict
            } else {
                c::certificate_frame_invalid_others
            };
            [
                opening,
                chrome_rule(*rule),
                chrome,
                others,
                c::extension_reissue,
            ]
            .map(|key| other(key, &[]))
            .join(lang.sentence_gap())
        }
        F::ChainTooLargeForHandshake {
            bytes,
            limit,
            certificates,
            firefox_too,
        } => {
            use k::cert_codes as c;
            let firefox = if *firefox_too {
                c::chain_too_large_firefox
            } else {
                c::chain_too_large_firefox_reads
            };
            [
                with(&[
                    ("bytes", &n(*bytes)),
                    ("limit", &n(*limit)),
                    ("count", &n(*certificates)),
                ]),
                other(firefox, &[]),
                other(c::chain_too_large_fix, &[]),
            ]
            .join(lang.sentence_gap())
        }
        F::PathLenBeyondFirefox { path_len, site } => with_then(
            ("value", &n(*path_len as usize)),
            if *site {
                k::cert_codes::path_len_beyond_firefox_site
            } else {
                k::cert_codes::path_len_beyond_firefox_authority
            },
        ),
        F::SerialNotDer { fault, site } => {
            let how = text(
                lang,
                match fault {
                    IntegerFault::Padded => k::cert_codes::serial_not_der_padded,
                    IntegerFault::Empty => k::cert_codes::serial_not_der_empty,
                },
            );
            let then = if *site {
                let code = fault.firefox_error().name();
                other(k::cert_codes::serial_not_der_site, &[("code", code)])
            } else {
                other(k::cert_codes::too_large_for_firefox_authority, &[])
            };
            [with(&[("how", how)]), then].join(lang.sentence_gap())
        }
        F::KeyEncoding {
            fault,
            site,
            nss_cannot_extract,
        } => {
            use k::cert_codes as c;
            let how = match fault {
                KeyFault::RsaParametersNotNull => c::key_encoding_parameters,
                KeyFault::RsaIntegerNegative { exponent: false } => c::key_encoding_negative,
                KeyFault::RsaIntegerNegative { exponent: true } => {
                    c::key_encoding_negative_exponent
                }
                KeyFault::RsaIntegerPadded { exponent: false } => c::key_encoding_padded,
                KeyFault::RsaIntegerPadded { exponent: true } => c::key_encoding_padded_exponent,
                KeyFault::RsaTrailing => c::key_encoding_trailing,
                KeyFault::EcPointCompressed => c::key_encoding_compressed,
            };
            let chrome = match (fault.chrome_refuses(), *site) {
                (true, true) => c::key_encoding_chrome_site,
                (true, false) => c::key_encoding_chrome_authority,
                (false, _) => c::key_encoding_chrome_reads,
            };
            let firefox = if *nss_cannot_extract {
                other(c::key_encoding_firefox_handshake, &[])
            } else {
                other(
                    c::key_encoding_firefox,
                    &[("code", fault.firefox_error().name())],
                )
            };
            [
                with(&[("how", text(lang, how))]),
                other(chrome, &[]),
                firefox,
                other(
                    if *fault == KeyFault::EcPointCompressed {
                        c::key_encoding_openssl_compressed
                    } else {
                        c::key_encoding_openssl
                    },
                    &[],
                ),
            ]
            .join(lang.sentence_gap())
        }
        F::NameUndecodableToOpenSsl { fault } => {
            use k::cert_codes as c;
            let why = match fault {
                DecodeFault::MstringWrongTag => c::name_undecodable_wrong_tag,
                DecodeFault::MstringNotUniversal => c::name_undecodable_not_universal,
                DecodeFault::BmpstringIsWrongLength => c::name_undecodable_bmp_length,
                DecodeFault::UniversalstringIsWrongLength => c::name_undecodable_universal_length,
                DecodeFault::InvalidUtf8string => c::name_undecodable_utf8,
                DecodeFault::InvalidObjectEncoding => c::name_undecodable_object,
                DecodeFault::TypeNotConstructed => c::name_undecodable_not_constructed,
                DecodeFault::StringTooShort | DecodeFault::InvalidBitStringBitsLeft => {
                    c::name_undecodable_bit_string
                }
                // (The serial number's faults have a finding of their own.)
                DecodeFault::IllegalCharacters
                | DecodeFault::IllegalPadding
                | DecodeFault::IllegalZeroContent => c::name_undecodable_characters,
            };
            with(&[("why", text(lang, why))])
        }
        F::TooLargeForFirefox { bytes, site } => with_then(
            ("bytes", &n(*bytes)),
            if *site {
                k::cert_codes::extension_unreadable_firefox
            } else {
                k::cert_codes::too_large_for_firefox_authority
            },
        ),
        F::TrustedByCustomAnchor { anchor } => with(&[("anchor", anchor)]),
        F::CtNotChecked { scts } => with(&[("count", &n(*scts))]),
        F::TooFewScts { embedded, required } => {
            with(&[("embedded", &n(*embedded)), ("required", &n(*required))])
        }
        F::SctSignatureInvalid { invalid, embedded } => {
            with(&[("invalid", &n(*invalid)), ("embedded", &n(*embedded))])
        }
        F::NoCertificate
        | F::DatesRefusedByFirefox { backwards: false }
        | F::InputNotRecognised { binary: false }
        | F::PemHeadersMissing
        | F::UntrustedRoot
        | F::SelfSignedLeaf
        | F::ReverseOrder
        | F::OutOfOrder
        | F::UnrelatedCertificate
        | F::HostNotChecked
        | F::NoSubjectAltName
        | F::LeafNotForServers
        | F::ExplicitCurve
        | F::LeafKeyUsageUnreadable
        | F::RevocationNotChecked { .. }
        | F::NoEmbeddedScts => text(lang, key).to_owned(),
    }
}

/// What a certificate does that breaks `rule`.
pub fn rule_key(rule: Rule) -> Key {
    use k::cert_codes::rule as r;
    match rule {
        Rule::SerialNotPositive => r::serial_not_positive,
        Rule::SerialTooLong => r::serial_too_long,
        Rule::SerialTooShort => r::serial_too_short,
        Rule::UnderscoreInDnsName => r::underscore_in_dns_name,
        Rule::DnsNameSyntax => r::dns_name_syntax,
        Rule::DnsNameReservedLabel => r::dns_name_reserved_label,
        Rule::CommonNameNotInSan => r::common_name_not_in_san,
        Rule::RsaKeyUnder2048 => r::rsa_key_under_2048,
        Rule::ReservedIpAddress => r::reserved_ip_address,
        Rule::InternalName => r::internal_name,
        Rule::LifetimeTooLong => r::lifetime_too_long,
        Rule::ExtKeyUsageMissing => r::ext_key_usage_missing,
        Rule::AnyExtendedKeyUsage => r::any_extended_key_usage,
        Rule::CaKeyUsageMissing => r::ca_key_usage_missing,
        Rule::CaBasicConstraintsNotCritical => r::ca_basic_constraints_not_critical,
        Rule::CaKeyUsageIncomplete => r::ca_key_usage_incomplete,
        Rule::SubCaExtKeyUsageMissing => r::sub_ca_ext_key_usage_missing,
        Rule::SubCaAnyExtendedKeyUsage => r::sub_ca_any_extended_key_usage,
        Rule::SubCaExtKeyUsageMixed => r::sub_ca_ext_key_usage_mixed,
        Rule::RevocationInformationMissing => r::revocation_information_missing,
        Rule::WildcardMisplaced => r::wildcard_misplaced,
        Rule::WildcardOverRegistrySuffix => r::wildcard_over_registry_suffix,
        Rule::OcspAddressMissing => r::ocsp_address_missing,
        Rule::AuthorityInfoAccessMissing => r::authority_info_access_missing,
        Rule::CertificatePoliciesMissing => r::certificate_policies_missing,
        Rule::AuthorityKeyIdMissing => r::authority_key_id_missing,
        Rule::KeyUsageProhibited => r::key_usage_prohibited,
        Rule::ExtensionCriticality => r::extension_criticality,
        Rule::OrganizationalUnitPresent => r::organizational_unit_present,
        Rule::DomainValidatedSubject => r::domain_validated_subject,
        Rule::IdentitySubjectIncomplete => r::identity_subject_incomplete,
        Rule::ExtendedValidationSubject => r::extended_validation_subject,
        Rule::SubjectAttributeOrder => r::subject_attribute_order,
        Rule::MultiValuedRdn => r::multi_valued_rdn,
        Rule::OrganizationIdentifierFormat => r::organization_identifier_format,
        Rule::DuplicateSubjectAttribute => r::duplicate_subject_attribute,
        Rule::SubjectAttributeEncoding => r::subject_attribute_encoding,
    }
}

/// What a browser would do (`says`) and what the reader can do (`todo`) for an error.
pub fn error_keys(error: ChromiumError) -> (Key, Key) {
    use k::cert::error as e;
    match error {
        ChromiumError::SslProtocolError => (e::ssl_protocol_error_says, e::ssl_protocol_error_todo),
        ChromiumError::VersionOrCipherMismatch => (
            e::version_or_cipher_mismatch_says,
            e::version_or_cipher_mismatch_todo,
        ),
        ChromiumError::KeyUsageIncompatible => (
            e::key_usage_incompatible_says,
            e::key_usage_incompatible_todo,
        ),
        ChromiumError::ServerCertBadFormat => (
            e::server_cert_bad_format_says,
            e::server_cert_bad_format_todo,
        ),
        ChromiumError::Invalid => (e::invalid_says, e::invalid_todo),
        ChromiumError::AuthorityInvalid => (e::authority_invalid_says, e::authority_invalid_todo),
        ChromiumError::CommonNameInvalid => {
            (e::common_name_invalid_says, e::common_name_invalid_todo)
        }
        ChromiumError::NameConstraintViolation => (
            e::name_constraint_violation_says,
            e::name_constraint_violation_todo,
        ),
        ChromiumError::WeakKey => (e::weak_key_says, e::weak_key_todo),
        ChromiumError::DateInvalid => (e::date_invalid_says, e::date_invalid_todo),
        ChromiumError::ValidityTooLong => (e::validity_too_long_says, e::validity_too_long_todo),
    }
}

/// The words for the verdict line of `report`, whose first error is `error`: as
/// [`error_keys`], except where one error has more than one cause (Chrome's protocol error
/// for a message too long, a part of the certificate not in DER or a keyUsage it cannot
/// read, rather than for a key it cannot read).
pub fn verdict_keys(report: &Report, error: ChromiumError) -> (Key, Key) {
    if error == ChromiumError::SslProtocolError {
        use k::cert::error as e;
        // BoringSSL reads the whole Certificate message first (ssl/s3_both.cc), then the
        // certificate up to its key, the key, then on to keyUsage (ssl/ssl_cert.cc): the
        // first of these that fails is the cause.
        let any =
            |pick: &dyn Fn(&FindingKind) -> bool| report.findings.iter().any(|f| pick(&f.kind));
        if any(&|k| matches!(k, FindingKind::ChainTooLargeForHandshake { .. })) {
            return (
                e::ssl_protocol_error_size_says,
                e::ssl_protocol_error_size_todo,
            );
        }
        let key = report.findings.iter().any(|f| {
            matches!(
                f.kind,
                FindingKind::ExplicitCurve | FindingKind::KeyEncoding { .. }
            ) && f.error == Some(error)
        });
        // A fault of the frame up to the key comes before the key; one after it, after.
        if any(&|k| {
            matches!(
                k,
                FindingKind::CertificateFrameInvalid {
                    handshake: true,
                    after_key,
                    ..
                } if !after_key || !key
            )
        }) {
            return (
                e::ssl_protocol_error_der_says,
                e::ssl_protocol_error_der_todo,
            );
        }
        if !key
            && any(&|k| {
                matches!(
                    k,
                    FindingKind::ExtensionUnparsable {
                        handshake: true,
                        ..
                    }
                )
            })
        {
            return (
                e::ssl_protocol_error_der_says,
                e::ssl_protocol_error_der_todo,
            );
        }
        if !key && any(&|k| matches!(k, FindingKind::LeafKeyUsageUnreadable)) {
            return (
                e::ssl_protocol_error_key_usage_says,
                e::ssl_protocol_error_key_usage_todo,
            );
        }
    }
    // A site certificate Chrome's verifier cannot read is refused before anything else is
    // looked at: that is the one cause.
    let site_unreadable = report
        .findings
        .iter()
        .any(|f| f.kind.site_unreadable_to_chrome());
    if error == ChromiumError::Invalid && site_unreadable {
        use k::cert::error as e;
        return (e::invalid_unreadable_says, e::invalid_unreadable_todo);
    }
    error_keys(error)
}

/// The words for one check of a chain link.
pub fn check_key(check: CheckName) -> Key {
    use k::cert::chain as c;
    match check {
        CheckName::NamesMatch => c::check_names_match,
        CheckName::KeyIdsMatch => c::check_key_ids_match,
        CheckName::IssuerIsCa => c::check_issuer_is_ca,
        CheckName::IssuerMaySign => c::check_issuer_may_sign,
        CheckName::Signature => c::check_signature,
        CheckName::Validity => c::check_validity,
    }
}

/// The words for a check's result, and a symbol so the result is not told by colour alone.
pub fn result_key(result: CheckResult) -> (Key, &'static str) {
    use k::cert::chain as c;
    match result {
        CheckResult::Pass => (c::result_pass, "✓"),
        CheckResult::Fail => (c::result_fail, "✗"),
        CheckResult::NotApplicable => (c::result_not_applicable, "–"),
        CheckResult::Unsupported => (c::result_unsupported, "?"),
    }
}

/// A field of the details view: its name, its one-line explanation, and where its bytes
/// are (a part of the DER, or the extension with this name).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FieldInfo {
    pub id: &'static str,
    pub name: Key,
    pub explain: Key,
    pub bytes: Bytes,
}

/// Where a field's bytes are in the certificate.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Bytes {
    /// A part the engine gives a range for.
    Range(Field),
    /// The extension with this name (as the engine names it, after RFC 5280).
    Extension(&'static str),
    /// The whole certificate (fingerprints are digests of all of it).
    Whole,
}

macro_rules! fields {
    ($($id:ident => $bytes:expr,)*) => {
        /// Every field the details view shows, in order.
        pub const FIELDS: &[FieldInfo] = &[$(FieldInfo {
            id: stringify!($id),
            name: k::cert::field::$id,
            explain: k::cert::field_explain::$id,
            bytes: $bytes,
        },)*];
    };
}

fields! {
    subject => Bytes::Range(Field::Subject),
    issuer => Bytes::Range(Field::Issuer),
    validity => Bytes::Range(Field::Validity),
    san => Bytes::Extension("subjectAltName"),
    public_key => Bytes::Range(Field::SubjectPublicKeyInfo),
    signature_algorithm => Bytes::Range(Field::SignatureAlgorithm),
    basic_constraints => Bytes::Extension("basicConstraints"),
    key_usage => Bytes::Extension("keyUsage"),
    ext_key_usage => Bytes::Extension("extKeyUsage"),
    policies => Bytes::Extension("certificatePolicies"),
    aia => Bytes::Extension("authorityInfoAccess"),
    crl => Bytes::Extension("cRLDistributionPoints"),
    scts => Bytes::Extension("ctEmbeddedScts"),
    key_ids => Bytes::Extension("subjectKeyIdentifier"),
    name_constraints => Bytes::Extension("nameConstraints"),
    serial => Bytes::Range(Field::Serial),
    version => Bytes::Range(Field::Version),
    extensions => Bytes::Range(Field::Extensions),
    sha256 => Bytes::Whole,
    sha1 => Bytes::Whole,
}

/// The field `id`.
pub fn field(id: &str) -> Option<&'static FieldInfo> {
    FIELDS.iter().find(|f| f.id == id)
}

/// The words for a validation level from the policies.
pub fn validation_key(level: ValidationLevel) -> Key {
    use k::cert::details as d;
    match level {
        ValidationLevel::Dv => d::validation_dv,
        ValidationLevel::Ov => d::validation_ov,
        ValidationLevel::Iv => d::validation_iv,
        ValidationLevel::Ev => d::validation_ev,
    }
}

/// The words for a keyUsage bit or an extKeyUsage purpose as the engine names it (after
/// RFC 5280 4.2.1.3 and 4.2.1.12, `digitalSignature`, `serverAuth`); `None` for a purpose
/// it names by OID.
pub fn usage_key(rfc_name: &str) -> Option<Key> {
    use k::cert::details::{ext_key_usage as e, key_usage as u};
    Some(match rfc_name {
        "digitalSignature" => u::digital_signature,
        "nonRepudiation" => u::non_repudiation,
        "keyEncipherment" => u::key_encipherment,
        "dataEncipherment" => u::data_encipherment,
        "keyAgreement" => u::key_agreement,
        "keyCertSign" => u::key_cert_sign,
        "cRLSign" => u::crl_sign,
        "encipherOnly" => u::encipher_only,
        "decipherOnly" => u::decipher_only,
        "serverAuth" => e::server_auth,
        "clientAuth" => e::client_auth,
        "codeSigning" => e::code_signing,
        "emailProtection" => e::email_protection,
        "timeStamping" => e::time_stamping,
        "OCSPSigning" => e::ocsp_signing,
        "anyExtendedKeyUsage" => e::any,
        "msSGC" => e::ms_sgc,
        "nsSGC" => e::ns_sgc,
        _ => return None,
    })
}

/// A usage in the reader's language with its RFC name beside it
/// (`デジタル署名（digitalSignature）`); an OID stays as it is.
pub fn usage_text(lang: Lang, rfc_name: &str) -> String {
    match usage_key(rfc_name) {
        Some(key) => fill(
            lang,
            k::cert::details::usage_named,
            &[("name", text(lang, key)), ("rfc", rfc_name)],
        ),
        None => rfc_name.to_owned(),
    }
}

/// A public key as the details show it: its algorithm, size and curve (`RSA, 2048 bits`).
pub fn public_key_text(lang: Lang, key: &crate::cert::fields::PublicKeyReport) -> String {
    use k::cert::details as d;
    let algorithm = key.algorithm.as_str();
    if key.explicit_curve {
        return fill(
            lang,
            d::public_key_explicit_curve,
            &[("algorithm", algorithm)],
        );
    }
    match (key.bits, &key.curve) {
        (Some(bits), Some(curve)) => fill(
            lang,
            d::public_key_bits_curve,
            &[
                ("algorithm", algorithm),
                ("bits", &bits.to_string()),
                ("curve", curve),
            ],
        ),
        (Some(bits), None) => fill(
            lang,
            d::public_key_bits,
            &[("algorithm", algorithm), ("bits", &bits.to_string())],
        ),
        (None, Some(curve)) => fill(
            lang,
            d::public_key_curve,
            &[("algorithm", algorithm), ("curve", curve)],
        ),
        (None, None) => algorithm.to_owned(),
    }
}

/// A built-in sample: a file under `samples/` with the host and date that tell its story.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Sample {
    /// The id in the URL (`#/cert?sample=expired`).
    pub id: &'static str,
    /// Path under the site's `samples/` folder.
    pub file: &'static str,
    pub host: &'static str,
    /// The "as of" date (`YYYY-MM-DD`) the sample is judged at. Every sample has one, so
    /// what it shows never depends on the day the page is opened (the page shows it).
    pub at: &'static str,
    pub label: Key,
}

/// The samples, in the order the page offers them.
pub const SAMPLES: &[Sample] = &[
    Sample {
        id: "self-signed",
        file: "badssl/wildcard-self-signed.pem",
        host: "self-signed.badssl.com",
        at: "2016-09-08",
        label: k::cert::sample::self_signed,
    },
    Sample {
        id: "valid",
        file: "real-chains/amazon.com.pem",
        host: "amazon.com",
        at: "2026-06-01",
        label: k::cert::sample::valid,
    },
    Sample {
        id: "expired",
        file: "badssl/wildcard-expired.pem",
        host: "expired.badssl.com",
        at: "2015-05-01",
        label: k::cert::sample::expired,
    },
    Sample {
        id: "wrong-host",
        file: "real-chains/docs.python.org.pem",
        host: "docs-python.org",
        at: "2026-06-01",
        label: k::cert::sample::wrong_host,
    },
    Sample {
        id: "incomplete",
        file: "badssl/wildcard-incomplete-chain.pem",
        host: "incomplete-chain.badssl.com",
        at: "2020-04-22",
        label: k::cert::sample::incomplete,
    },
    Sample {
        id: "sha1",
        file: "badssl/wildcard-sha1-intermediate.pem",
        host: "sha1-intermediate.badssl.com",
        at: "2017-05-13",
        label: k::cert::sample::sha1,
    },
    Sample {
        id: "superfish",
        file: "badssl/subdomain-superfish.pem",
        host: "superfish.badssl.com",
        at: "2018-06-15",
        label: k::cert::sample::superfish,
    },
    Sample {
        id: "ev",
        file: "real-chains/apple.com.pem",
        host: "apple.com",
        at: "2026-04-12",
        label: k::cert::sample::ev,
    },
    Sample {
        id: "many-names",
        file: "badssl/subdomain-10000-sans.pem",
        host: "10000-sans.badssl.com",
        at: "2018-06-01",
        label: k::cert::sample::many_names,
    },
];

/// The sample with this URL id.
pub fn sample(id: &str) -> Option<&'static Sample> {
    SAMPLES.iter().find(|s| s.id == id)
}

/// Seconds since the epoch at 00:00 UTC of `YYYY-MM-DD` (the URL's `at`), or of a full
/// RFC 3339 time.
pub fn parse_at(text: &str) -> Option<i64> {
    let full = if text.len() == 10 {
        format!("{text}T00:00:00Z")
    } else {
        text.to_owned()
    };
    crate::cert::UnixTime::parse_rfc3339(&full).map(|t| t.seconds())
}

/// `YYYY-MM-DD` (UTC) of a time.
pub fn date_of(seconds: i64) -> String {
    crate::cert::UnixTime(seconds)
        .to_rfc3339()
        .chars()
        .take(10)
        .collect()
}

/// `2026-11-27 22:25`-style text (UTC) of a time from the engine.
pub fn utc_text(time: crate::cert::UnixTime) -> String {
    let t = time.to_rfc3339().replacen('T', " ", 1);
    t.get(..16).unwrap_or(&t).to_owned()
}

/// Whole days from `from` to `to` (negative when `to` is earlier), rounded toward zero.
pub fn days_between(from: i64, to: i64) -> i64 {
    (to - from) / 86_400
}

/// Bytes as spaced hexadecimal pairs, split into the part before `range`, the range and
/// the part after (for highlighting one field).
pub fn hex_parts(der: &[u8], range: Option<(usize, usize)>) -> (String, String, String) {
    fn hex(bytes: &[u8]) -> String {
        let mut s = String::with_capacity(bytes.len() * 3);
        for b in bytes {
            s.push_str(&format!("{b:02x} "));
        }
        s
    }
    match range {
        Some((offset, len)) if offset <= der.len() => {
            let end = (offset + len).min(der.len());
            (
                hex(&der[..offset]),
                hex(&der[offset..end]),
                hex(&der[end..]),
            )
        }
        _ => (hex(der), String::new(), String::new()),
    }
}

/// A fingerprint as colon-separated upper-case pairs, as browsers show it.
pub fn fingerprint_text(hex: &str) -> String {
    hex.as_bytes()
        .chunks(2)
        .map(|p| String::from_utf8_lossy(p).to_ascii_uppercase())
        .collect::<Vec<_>>()
        .join(":")
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::cert::findings::Refusers;

    /// The site's certificate with a length not in DER, which BoringSSL's handshake and
    /// mozilla::pkix refuse.
    fn frame_refused_in_handshake() -> FindingKind {
        FindingKind::CertificateFrameInvalid {
            site: true,
            rule: ChromeRule::NotDer,
            dates_unreadable: false,
            firefox_refuses: false,
            firefox_not_der: true,
            openssl_strict: false,
            handshake: true,
            after_key: false,
            verifier_only: false,
        }
    }

    #[test]
    fn every_code_has_words_in_both_languages() {
        let mut seen = std::collections::HashSet::new();
        for code in Code::ALL {
            let key = code_key(*code);
            assert!(
                seen.insert(key),
                "{} shares its words with another code",
                code.key()
            );
            // The locale key is named after the engine's stable key.
            assert_eq!(key.name(), format!("cert_codes.{}", code.key()));
            for lang in Lang::ALL {
                assert!(!text(lang, key).trim().is_empty());
            }
        }
    }

    #[test]
    fn every_browser_error_has_words() {
        for e in ChromiumError::ALL {
            let (says, todo) = error_keys(e);
            assert_ne!(says, todo);
            for lang in Lang::ALL {
                assert!(!text(lang, says).is_empty() && !text(lang, todo).is_empty());
            }
        }
        // A protocol error for a keyUsage Chrome cannot read has words of its own.
        let empty = crate::cert::Analysis::parse(b"")
            .judge(&crate::cert::Options::at(crate::cert::UnixTime(0)));
        let mut report = empty.clone();
        report.findings.push(crate::cert::Finding::error(
            FindingKind::LeafKeyUsageUnreadable,
            ChromiumError::SslProtocolError,
        ));
        let own = verdict_keys(&report, ChromiumError::SslProtocolError);
        assert_ne!(own, error_keys(ChromiumError::SslProtocolError));
        for lang in Lang::ALL {
            assert!(!text(lang, own.0).is_empty() && !text(lang, own.1).is_empty());
        }
        assert_eq!(
            verdict_keys(&empty, ChromiumError::SslProtocolError),
            error_keys(ChromiumError::SslProtocolError)
        );
        // A key BoringSSL cannot read is found first (ssl/tls13_both.cc).
        report.findings.push(crate::cert::Finding::error(
            FindingKind::ExplicitCurve,
            ChromiumError::SslProtocolError,
        ));
        assert_eq!(
            verdict_keys(&report, ChromiumError::SslProtocolError),
            error_keys(ChromiumError::SslProtocolError)
        );
        // Before the key: the certificate's elements up to it, and before them the size of
        // the whole message (ssl/s3_both.cc, ssl/ssl_cert.cc).
        use k::cert::error as e;
        report.findings.push(crate::cert::Finding::error(
            frame_refused_in_handshake(),
            ChromiumError::SslProtocolError,
        ));
        assert_eq!(
            verdict_keys(&report, ChromiumError::SslProtocolError),
            (
                e::ssl_protocol_error_der_says,
                e::ssl_protocol_error_der_todo
            )
        );
        report.findings.push(crate::cert::Finding::error(
            FindingKind::ChainTooLargeForHandshake {
                bytes: 200_000,
                limit: 102_400,
                certificates: 2,
                firefox_too: true,
            },
            ChromiumError::SslProtocolError,
        ));
        assert_eq!(
            verdict_keys(&report, ChromiumError::SslProtocolError),
            (
                e::ssl_protocol_error_size_says,
                e::ssl_protocol_error_size_todo
            )
        );
        // An extension's frame, or the certificate's past its key (a unique identifier, the
        // extension list): the key comes first.
        let frame_after_key = FindingKind::CertificateFrameInvalid {
            site: true,
            rule: ChromeRule::NotDer,
            dates_unreadable: false,
            firefox_refuses: false,
            firefox_not_der: true,
            openssl_strict: false,
            handshake: true,
            after_key: true,
            verifier_only: false,
        };
        for past_the_key in [
            FindingKind::ExtensionUnparsable {
                extension: 0,
                refused_by: Refusers::default(),
                site: true,
                strict: Some(ChromeRule::NotDer),
                handshake: true,
            },
            frame_after_key,
        ] {
            let mut after_key = empty.clone();
            for kind in [past_the_key, FindingKind::ExplicitCurve] {
                after_key.findings.push(crate::cert::Finding::error(
                    kind,
                    ChromiumError::SslProtocolError,
                ));
                let expected = match after_key.findings.len() {
                    1 => (
                        e::ssl_protocol_error_der_says,
                        e::ssl_protocol_error_der_todo,
                    ),
                    _ => error_keys(ChromiumError::SslProtocolError),
                };
                assert_eq!(
                    verdict_keys(&after_key, ChromiumError::SslProtocolError),
                    expected
                );
            }
        }
        // A site certificate Chrome's verifier cannot read has words of its own; an
        // authority's, or an extension Chrome does not read, keeps the general ones.
        let unreadable = |chrome: bool, site: bool| {
            let mut report = empty.clone();
            report.findings.push(crate::cert::Finding::error(
                FindingKind::ExtensionUnparsable {
                    extension: 0,
                    refused_by: Refusers {
                        chrome,
                        ..Refusers::default()
                    },
                    site,
                    strict: None,
                    handshake: false,
                },
                ChromiumError::Invalid,
            ));
            verdict_keys(&report, ChromiumError::Invalid)
        };
        let own = unreadable(true, true);
        assert_ne!(own, error_keys(ChromiumError::Invalid));
        for lang in Lang::ALL {
            assert!(!text(lang, own.0).is_empty() && !text(lang, own.1).is_empty());
        }
        assert_eq!(unreadable(true, false), error_keys(ChromiumError::Invalid));
        assert_eq!(unreadable(false, true), error_keys(ChromiumError::Invalid));
    }

    /// One finding of every kind, with data in every field.
    fn one_of_each() -> Vec<FindingKind> {
        use crate::cert::UnixTime;
        use crate::cert::findings::RootHistory;
        use FindingKind as F;
        let root = |change| RootHistory {
            name: "Old Root".into(),
            first_trusted: "2005-01-01".into(),
            removed: "2025-04-16".into(),
            nss_version: "3.111".into(),
            distrust_after: Some("2024-11-30".into()),
            bug: "1957685".into(),
            reason: "Remove Old Root".into(),
            change,
        };
        vec![
            F::NoCertificate,
            F::InputNotRecognised { binary: false },
            F::InputNotRecognised { binary: true },
            F::PrivateKeyPasted {
                label: "PRIVATE KEY".into(),
            },
            F::OtherPemBlock {
                label: "X509 CRL".into(),
            },
            F::PemHeadersMissing,
            F::PemMissingEnd {
                label: "CERTIFICATE".into(),
                line: 3,
            },
            F::PemLabelMismatch {
                begin: "CERTIFICATE".into(),
                end: "X509 CRL".into(),
            },
            F::PemBadBase64 { at: 7 },
            F::DocumentRead {
                kind: OtherDer::Csr,
            },
            F::DocumentUnreadable {
                kind: OtherDer::Crl,
            },
            F::CertificateUnparsable {
                why: Unreadable::Truncated {
                    declared: Some(9),
                    present: 4,
                },
            },
            F::CertificateUnparsable {
                why: Unreadable::NotASequence { tag: 0x31 },
            },
            F::TrailingData { extra: 3 },
            F::Pkcs7Unparsable {
                problem: Pkcs7Problem::NoContent,
            },
            F::Pkcs7Bundle { count: 3 },
            F::MissingIntermediate {
                issuer: "CN=R3".into(),
                urls: vec![],
            },
            F::UntrustedRoot,
            F::RootRemovedFromMozilla {
                root: root(RootChange::Removed),
            },
            F::RootRemovedFromMozilla {
                root: root(RootChange::ServerTrustOff),
            },
            F::RootRemovedFromMozilla {
                root: root(RootChange::Distrusted),
            },
            F::RootNotEmbedded {
                root: root(RootChange::StillInNss),
            },
            F::AuthorityAlone {
                in_root_set: true,
                root: true,
            },
            F::AuthorityAlone {
                in_root_set: false,
                root: false,
            },
            F::SelfSignedLeaf,
            F::ReverseOrder,
            F::OutOfOrder,
            F::DuplicateCertificate { first: 0 },
            F::UnrelatedCertificate,
            F::CrossSignedAlternative {
                used: 1,
                alternatives: vec![2, 3],
            },
            F::LeafChosen {
                candidates: vec![0, 1],
            },
            F::SignatureInvalid {
                issuer: Issuer::Certificate(1),
            },
            F::SignatureInvalid {
                issuer: Issuer::Anchor {
                    name: "CN=Root".into(),
                },
            },
            F::SignatureUnsupported {
                algorithm: "ecdsa-with-SHA512".into(),
                why: Unchecked::Algorithm,
            },
            F::SignatureUnsupported {
                algorithm: "sha256WithRSAEncryption".into(),
                why: Unchecked::RsaKeyOverLimit { bits: 16384 },
            },
            F::SignatureUnsupported {
                algorithm: "sha256WithRSAEncryption".into(),
                why: Unchecked::WorkOverLimit,
            },
            F::SignatureUnsupported {
                algorithm: "ecdsa-with-SHA256".into(),
                why: Unchecked::ExplicitCurve,
            },
            F::SignatureWorkCapped { unchecked: 31_000 },
            F::ReadingStopped {
                blocks: 10_000,
                certificates: 12,
            },
            F::MoreOfTheSame {
                code: Code::CertificateUnparsable,
                count: 9_980,
            },
            F::NameMismatch { issuer: 1 },
            F::KeyIdMismatch { issuer: 1 },
            F::IssuerNotCa {
                issuer: 1,
                no_basic_constraints: false,
            },
            F::IssuerNotCa {
                issuer: 1,
                no_basic_constraints: true,
            },
            F::PathLenExceeded {
                issuer: 1,
                limit: 0,
                below: 1,
            },
            F::IssuerCannotSign {
                issuer: 1,
                unreadable: false,
            },
            F::IssuerCannotSign {
                issuer: 1,
                unreadable: true,
            },
            F::NameConstraintViolation {
                by: Constrainer::Certificate(1),
                names: vec!["a.example".into()],
                total: 9,
            },
            F::NameConstraintViolation {
                by: Constrainer::Anchor,
                names: vec!["b.example".into()],
                total: 1,
            },
            F::Expired {
                not_after: UnixTime(0),
            },
            F::NotYetValid {
                not_before: UnixTime(0),
            },
            F::AnchorCertificateOutOfDate {
                expired: true,
                date: UnixTime(0),
            },
            F::AnchorCertificateOutOfDate {
                expired: false,
                date: UnixTime(0),
            },
            F::ValidityTooLong {
                days: 400,
                limit: 398,
            },
            F::WeakSignatureAlgorithm {
                algorithm: "sha1WithRSAEncryption".into(),
            },
            F::WeakKey {
                algorithm: "RSA".into(),
                bits: Some(512),
                curve: None,
            },
            F::AuthorityKeyRefused {
                algorithm: "EC".into(),
                curve: Some("secp256k1".into()),
            },
            F::AuthorityKeyRefused {
                algorithm: "Ed25519".into(),
                curve: None,
            },
            F::SignatureAlgorithmRefused {
                algorithm: "Ed25519".into(),
            },
            F::SignatureAlgorithmMismatch {
                outer: "ecdsa-with-SHA256".into(),
                inner: "ecdsa-with-SHA384".into(),
            },
            F::SignatureAlgorithmWrittenApart {
                algorithm: "sha256WithRSAEncryption".into(),
            },
            F::SignatureAlgorithmParameters {
                algorithm: "ecdsa-with-SHA256".into(),
            },
            F::HostMismatch {
                expected: "example.org".into(),
            },
            F::HostMatchesOnlyCommonName {
                common_name: "example.org".into(),
            },
            F::WildcardUnderPublicSuffix {
                wildcard: "*.co.jp".into(),
                suffix: "co.jp".into(),
            },
            F::HostInternationalised {
                unicode: "日本語.jp".into(),
                ascii: "xn--wgv71a119e.jp".into(),
            },
            F::HostNotChecked,
            F::NoSubjectAltName,
            F::HostInvalid {
                host: "a..b".into(),
            },
            F::UnsupportedCriticalExtension { extension: 0 },
            F::LeafNotForServers,
            F::ExplicitCurve,
            F::LeafKeyNotNegotiable {
                algorithm: "EC".into(),
                curve: Some("P-521".into()),
                firefox_offers: true,
            },
            F::LeafKeyNotNegotiable {
                algorithm: "Ed25519".into(),
                curve: None,
                firefox_offers: false,
            },
            F::LeafKeyUsageNotForSigning {
                key_usage: vec!["keyEncipherment".into()],
                no_tls_use: false,
            },
            F::LeafKeyUsageNotForSigning {
                key_usage: vec![],
                no_tls_use: true,
            },
            F::LeafKeyUsageUnreadable,
            F::TrustedByCustomAnchor {
                anchor: "CN=My Root".into(),
            },
            F::RevocationNotChecked { ocsp: vec![] },
            F::CtNotChecked { scts: 2 },
            F::NoEmbeddedScts,
            F::TooFewScts {
                embedded: 1,
                required: 3,
            },
            F::SctSignatureInvalid {
                invalid: 1,
                embedded: 3,
            },
            F::RuleBroken {
                rule: Rule::SerialNotPositive,
            },
            F::RuleBroken {
                rule: Rule::SerialTooLong,
            },
            F::RuleBroken {
                rule: Rule::SerialTooShort,
            },
            F::RuleBroken {
                rule: Rule::UnderscoreInDnsName,
            },
            F::RuleBroken {
                rule: Rule::CommonNameNotInSan,
            },
            F::RuleBroken {
                rule: Rule::RsaKeyUnder2048,
            },
            F::RuleBroken {
                rule: Rule::ReservedIpAddress,
            },
            F::RuleBroken {
                rule: Rule::LifetimeTooLong,
            },
            F::ExtensionUnparsable {
                extension: 0,
                refused_by: Refusers::default(),
                site: true,
                strict: None,
                handshake: false,
            },
            F::ExtensionUnparsable {
                extension: 0,
                refused_by: Refusers {
                    chrome: true,
                    firefox: true,
                    openssl: true,
                },
                site: true,
                strict: None,
                handshake: false,
            },
            F::ExtensionUnparsable {
                extension: 0,
                refused_by: Refusers {
                    chrome: true,
                    firefox: true,
                    openssl: true,
                },
                site: false,
                strict: None,
                handshake: false,
            },
            F::ExtensionUnparsable {
                extension: 0,
                refused_by: Refusers {
                    chrome: false,
                    firefox: false,
                    openssl: true,
                },
                site: true,
                strict: None,
                handshake: false,
            },
        ]
        .into_iter()
        .chain([
            F::DatesRefusedByFirefox { backwards: false },
            F::DatesRefusedByFirefox { backwards: true },
        ])
        .chain(ChromeRule::ALL.map(|rule| F::CertificateFrameInvalid {
            site: true,
            rule,
            dates_unreadable: false,
            firefox_refuses: false,
            firefox_not_der: false,
            openssl_strict: false,
            handshake: false,
            after_key: false,
            verifier_only: false,
        }))
        .chain([
            F::CertificateFrameInvalid {
                site: false,
                rule: ChromeRule::VersionWrittenOut,
                dates_unreadable: true,
                firefox_refuses: false,
                firefox_not_der: false,
                openssl_strict: false,
                handshake: false,
                after_key: false,
                verifier_only: false,
            },
            F::CertificateFrameInvalid {
                site: true,
                rule: ChromeRule::VersionUnknown,
                dates_unreadable: false,
                firefox_refuses: true,
                firefox_not_der: false,
                openssl_strict: false,
                handshake: false,
                after_key: false,
                verifier_only: false,
            },
            F::CertificateFrameInvalid {
                site: true,
                rule: ChromeRule::ExtensionsBeforeVersion3,
                dates_unreadable: false,
                firefox_refuses: false,
                firefox_not_der: false,
                openssl_strict: true,
                handshake: false,
                after_key: false,
                verifier_only: false,
            },
            frame_refused_in_handshake(),
        ])
        .chain(ChromeRule::ALL.map(|rule| F::ExtensionUnparsable {
            extension: 0,
            refused_by: Refusers {
                chrome: true,
                ..Refusers::default()
            },
            site: true,
            strict: Some(rule),
            handshake: false,
        }))
        .chain([
            F::ExtensionUnparsable {
                extension: 0,
                refused_by: Refusers {
                    chrome: true,
                    ..Refusers::default()
                },
                site: true,
                strict: Some(ChromeRule::NotDer),
                handshake: true,
            },
            F::TooLargeForFirefox {
                bytes: 70_000,
                site: true,
            },
            F::PathLenBeyondFirefox {
                path_len: 200,
                site: true,
            },
            F::PathLenBeyondFirefox {
                path_len: 200,
                site: false,
            },
            F::SerialNotDer {
                fault: IntegerFault::Padded,
                site: true,
            },
            F::SerialNotDer {
                fault: IntegerFault::Empty,
                site: false,
            },
            F::NameUndecodableToOpenSsl {
                fault: DecodeFault::MstringWrongTag,
            },
            F::KeyEncoding {
                fault: KeyFault::RsaIntegerPadded { exponent: true },
                site: true,
                nss_cannot_extract: true,
            },
            F::KeyEncoding {
                fault: KeyFault::EcPointCompressed,
                site: false,
                nss_cannot_extract: false,
            },
            F::KeyEncoding {
                fault: KeyFault::RsaParametersNotNull,
                site: true,
                nss_cannot_extract: false,
            },
            F::KeyEncoding {
                fault: KeyFault::RsaIntegerNegative { exponent: false },
                site: false,
                nss_cannot_extract: false,
            },
            F::NameUndecodableToOpenSsl {
                fault: DecodeFault::InvalidUtf8string,
            },
            F::TooLargeForFirefox {
                bytes: 70_000,
                site: false,
            },
            F::ChainTooLargeForHandshake {
                bytes: 200_000,
                limit: 102_400,
                certificates: 2,
                firefox_too: true,
            },
            F::ChainTooLargeForHandshake {
                bytes: 110_000,
                limit: 102_400,
                certificates: 1,
                firefox_too: false,
            },
        ])
        .collect()
    }

    #[test]
    fn every_finding_reads_whole_in_both_languages() {
        let kinds = one_of_each();
        for code in Code::ALL {
            assert!(
                kinds.iter().any(|k| k.code() == *code),
                "no example of {code:?}"
            );
        }
        for kind in kinds {
            let finding = Finding {
                kind: kind.clone(),
                severity: crate::cert::Severity::Warning,
                error: None,
                certificate: Some(0),
                block: None,
            };
            for lang in Lang::ALL {
                let words = finding_text(lang, &finding, &[]);
                assert!(!words.trim().is_empty(), "{kind:?}");
                assert!(
                    !words.contains('{') && !words.contains('}'),
                    "{lang:?} {kind:?}: {words}"
                );
            }
        }
    }

    #[test]
    fn usages_read_in_the_readers_language_with_the_rfc_name_beside() {
        const RFC_NAMES: [&str; 18] = [
            "digitalSignature",
            "nonRepudiation",
            "keyEncipherment",
            "dataEncipherment",
            "keyAgreement",
            "keyCertSign",
            "cRLSign",
            "encipherOnly",
            "decipherOnly",
            "serverAuth",
            "clientAuth",
            "codeSigning",
            "emailProtection",
            "timeStamping",
            "OCSPSigning",
            "anyExtendedKeyUsage",
            "msSGC",
            "nsSGC",
        ];
        let mut seen = std::collections::HashSet::new();
        for name in RFC_NAMES {
            let key = usage_key(name).unwrap_or_else(|| panic!("{name} has no words"));
            assert!(seen.insert(key), "{name} shares its words");
            for lang in Lang::ALL {
                let words = usage_text(lang, name);
                assert!(
                    words.contains(name) && words.contains(text(lang, key)),
                    "{words}"
                );
            }
        }
        assert_eq!(
            usage_text(Lang::Ja, "keyCertSign"),
            "証明書への署名（keyCertSign）"
        );
        assert_eq!(usage_text(Lang::En, "1.2.3.4"), "1.2.3.4");
    }

    #[test]
    fn lists_and_keys_use_each_languages_punctuation() {
        let names = vec!["a.example".to_owned(), "b.example".to_owned()];
        assert_eq!(names_list(Lang::En, &names, 2), "a.example, b.example");
        assert_eq!(
            names_list(Lang::En, &names, 9),
            "a.example, b.example and 7 more"
        );
        assert_eq!(
            names_list(Lang::Ja, &names, 9),
            "a.example、b.exampleほか7個"
        );
        let key = crate::cert::fields::PublicKeyReport {
            algorithm: "EC".into(),
            bits: Some(256),
            curve: Some("P-256".into()),
            explicit_curve: false,
            exponent: None,
        };
        assert_eq!(public_key_text(Lang::En, &key), "EC, 256 bits, P-256");
        assert_eq!(public_key_text(Lang::Ja, &key), "EC（256ビット、P-256）");
        let written_out = crate::cert::fields::PublicKeyReport {
            bits: None,
            curve: None,
            explicit_curve: true,
            ..key
        };
        assert_eq!(
            public_key_text(Lang::En, &written_out),
            "EC, its curve not named but written out in full"
        );
    }

    #[test]
    fn fields_are_unique_and_named() {
        let mut ids: Vec<&str> = FIELDS.iter().map(|f| f.id).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), FIELDS.len());
        assert!(field("subject").is_some());
        assert!(field("nonsense").is_none());
    }

    #[test]
    fn samples_have_unique_ids_and_valid_dates() {
        let mut ids: Vec<&str> = SAMPLES.iter().map(|s| s.id).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), SAMPLES.len());
        for s in SAMPLES {
            assert!(parse_at(s.at).is_some(), "{}", s.id);
            let path = format!("{}/static/samples/{}", env!("CARGO_MANIFEST_DIR"), s.file);
            assert!(std::path::Path::new(&path).exists(), "{path}");
        }
    }

    #[test]
    fn dates_and_hex() {
        let t = parse_at("2026-11-27").expect("date");
        assert_eq!(date_of(t), "2026-11-27");
        assert_eq!(date_of(t + 86_399), "2026-11-27");
        assert_eq!(parse_at("not a date"), None);
        assert_eq!(days_between(t, t + 3 * 86_400 + 5), 3);
        assert_eq!(
            utc_text(crate::cert::UnixTime::parse_rfc3339("2027-01-23T23:59:59Z").expect("time")),
            "2027-01-23 23:59"
        );
        let (a, b, c) = hex_parts(&[0x30, 0x82, 0x01, 0xff], Some((1, 2)));
        assert_eq!(
            (a.as_str(), b.as_str(), c.as_str()),
            ("30 ", "82 01 ", "ff ")
        );
        assert_eq!(fingerprint_text("ab01"), "AB:01");
    }
}
