//! The judgement of an [`Analysis`]: the path from the leaf to a trust anchor, then one
//! function per rule, each returning its findings, then what Chromium and Firefox make of
//! them.
//!
//! The rules follow Chromium's verifier: the path builder's own errors
//! (`MapPathBuilderErrorsToCertStatus` in net/cert/cert_verify_proc_builtin.cc: no issuer,
//! bad signature, names that do not chain → authority invalid; dates → date invalid;
//! unacceptable keys → weak key; any other broken rule → invalid, when nothing of those
//! applies), then the checks `CertVerifyProc::Verify` (net/cert/cert_verify_proc.cc) adds
//! after path building (signature algorithms, the host name, weak keys, too long a
//! validity). Firefox's name for the outcome follows mozilla::pkix's order of checks.

use super::anchors::{self, Anchor, AnchorSource};
use super::browsers::{ChromiumError as E, FirefoxError};
use super::chain::{self, AnchorMatch, CheckName, CheckReport, CheckResult, Edge, LinkReport};
use super::chrome_der::MozpkixFault;
use super::fields::{self, CertData, Parameters};
use super::findings::{ChromeRule, Constrainer, Finding, FindingKind as K, Issuer, Unchecked};
use super::hostname::{self, HostReport};
use super::openssl::{OpenSslCheck, OpenSslError, OpenSslFailure};
use super::signature::{Curve, Hash, KeyMaterial, SigAlg, SignatureStatus};
use super::{Analysis, MissingIssuer, Options, Report, TrustReport, ValidityStatus, nss};

use super::rules::{
    AUTHORITY_INFO_ACCESS, AUTHORITY_KEY_IDENTIFIER, CERTIFICATE_POLICIES, CRL_DISTRIBUTION_POINTS,
};

/// How many names a name-constraint finding lists (the rest are counted).
const NAMES_LISTED: usize = 5;
/// The longest chain followed from the leaf.
const MAX_DEPTH: usize = 16;

/// Judges `a` as `o` says.
pub(crate) fn judge(analysis: &Analysis, options: &Options) -> Report {
    let anchors = AnchorMatches::new(analysis, options);
    let validity: Vec<ValidityStatus> = analysis
        .data
        .iter()
        .map(|d| validity_at(d, options))
        .collect();
    let path = build_path(analysis, options, &anchors, &validity);
    let links = links(analysis, &validity, &path);
    let trust = trust(options, &path, &links);
    let ctx = Ctx {
        analysis,
        options,
        validity: &validity,
        path: &path,
        links: &links,
        trust: &trust,
    };

    let mut findings: Vec<Finding> = path.findings.clone();
    if anchors.unchecked > 0 {
        findings.push(Finding::warning(K::SignatureWorkCapped {
            unchecked: anchors.unchecked,
        }));
    }
    findings.extend(untrusted_path(&ctx));
    findings.extend(root_history(&ctx));
    findings.extend(custom_anchor(&ctx));
    findings.extend(link_faults(&ctx));
    findings.extend(dates(&ctx));
    findings.extend(validity_length(&ctx));
    findings.extend(signature_algorithms(&ctx));
    findings.extend(keys(&ctx));
    findings.extend(extensions(&ctx));
    findings.extend(leaf_rules(&ctx));
    findings.extend(issuing_rules(&ctx));
    findings.extend(authority_rules(&ctx));
    findings.extend(name_constraints(&ctx));
    let (host, host_findings) = host(&ctx);
    findings.extend(host_findings);
    findings.extend(offline(&ctx));
    findings.extend(order(&ctx));
    findings.extend(unrelated(&ctx));
    settle_path_rules(&mut findings);

    let mut errors: Vec<E> = findings.iter().filter_map(|f| f.error).collect();
    errors.sort();
    errors.dedup();
    // A handshake that fails ends it all: Chrome verifies no certificate and names nothing
    // else (the findings keep what each would cause).
    // Nor does it name more for a site certificate its verifier cannot read:
    // `VerifyInternal` returns `ERR_CERT_INVALID` before any path is built
    // (net/cert/cert_verify_proc_builtin.cc), and the status bits added after it (a name
    // that does not match) do not change the error shown (`MapCertStatusToNetError` puts
    // `CERT_STATUS_INVALID` first).
    let site_unreadable = findings.iter().any(|f| f.kind.site_unreadable_to_chrome());
    if errors.first().is_some_and(|e| e.ends_the_handshake())
        || (site_unreadable && errors.first() == Some(&E::Invalid))
    {
        errors.truncate(1);
    }
    let primary_error = E::primary(&errors);
    let firefox_error = firefox(&ctx, &findings, host.as_ref());
    let openssl = openssl(&ctx, &findings, host.as_ref());
    // OpenSSL's clients read the Certificate message up to the same default size as
    // BoringSSL ([`OpenSslHandshakeError::ExcessiveMessageSize`]), then decode each
    // certificate of it (`OpenSslHandshakeError::Undecodable`).
    use super::openssl::OpenSslHandshakeError as H;
    let too_large = findings
        .iter()
        .any(|f| matches!(f.kind, K::ChainTooLargeForHandshake { .. }));
    let decode = |i: usize| ctx.analysis.data.get(i).and_then(|d| d.openssl_decode);
    let undecodable = || {
        let (depth, fault) = path
            .chain
            .iter()
            .enumerate()
            .find_map(|(depth, &i)| Some((depth, decode(i)?)))?;
        // What `openssl verify` reads from chain.pem: the chain below the site's, but the
        // trusted root given in the input.
        let anchor = path.anchor_position.filter(|_| path.anchor_in_chain);
        let others_read = path
            .chain
            .iter()
            .enumerate()
            .skip(1)
            .any(|(at, &i)| at != depth && Some(at) != anchor && decode(i).is_none());
        Some(H::Undecodable {
            depth,
            fault,
            others_read,
        })
    };
    let openssl_handshake = if too_large {
        Some(H::ExcessiveMessageSize)
    } else {
        undecodable()
    };
    Report {
        at: options.at,
        validity,
        chain: path.chain,
        links,
        missing_issuer: path.missing,
        trust,
        host,
        errors,
        primary_error,
        firefox_error,
        openssl,
        openssl_handshake,
        findings,
    }
}

/// Why a signature was not checked, from its status and the signing key, when it is one of
/// the input's certificates.
fn unchecked(status: SignatureStatus, signer: Option<&super::fields::CertData>) -> Unchecked {
    let limit = u32::try_from(super::signature::MAX_RSA_BITS).unwrap_or(u32::MAX);
    match signer.and_then(|d| d.rsa_bits) {
        _ if status == SignatureStatus::NotChecked => Unchecked::WorkOverLimit,
        Some(bits) if bits > limit => Unchecked::RsaKeyOverLimit { bits },
        _ if signer.is_some_and(|d| d.strict.explicit_curve) => Unchecked::ExplicitCurve,
        _ => Unchecked::Algorithm,
    }
}

fn validity_at(d: &super::fields::CertData, options: &Options) -> ValidityStatus {
    if options.at.0 < d.not_before {
        ValidityStatus::NotYetValid
    } else if options.at.0 > d.not_after {
        ValidityStatus::Expired
    } else {
        ValidityStatus::Valid
    }
}

/// Each certificate's relations to the caller's anchors (the Mozilla ones are computed
/// once, at parse time).
struct AnchorMatches<'a> {
    analysis: &'a Analysis,
    options: &'a Options,
    custom: Vec<Vec<AnchorMatch>>,
    /// Signatures against the caller's anchors left unchecked for want of budget.
    unchecked: usize,
}

impl<'a> AnchorMatches<'a> {
    fn new(analysis: &'a Analysis, options: &'a Options) -> AnchorMatches<'a> {
        let mut budget = super::signature::Budget::new();
        let custom = if options.extra_anchors.is_empty() {
            vec![Vec::new(); analysis.data.len()]
        } else {
            let index = chain::anchor_index(&options.extra_anchors);
            analysis
                .data
                .iter()
                .zip(&analysis.primary)
                .zip(&analysis.self_signature)
                .map(|((d, &primary), &own)| {
                    if primary {
                        chain::anchor_matches(d, &options.extra_anchors, &index, own, &mut budget)
                    } else {
                        Vec::new()
                    }
                })
                .collect()
        };
        AnchorMatches {
            analysis,
            options,
            custom,
            unchecked: budget.refused,
        }
    }

    /// Every relation of certificate `i` to a usable anchor: custom ones first.
    fn of(&self, i: usize) -> impl Iterator<Item = (&'a Anchor, &AnchorMatch)> + '_ {
        let custom = self
            .custom
            .get(i)
            .into_iter()
            .flatten()
            .filter_map(|m| Some((self.options.extra_anchors.get(m.anchor())?, m)));
        let mozilla = self
            .analysis
            .mozilla
            .get(i)
            .into_iter()
            .flatten()
            .filter(|_| self.options.mozilla_roots)
            .filter_map(|m| Some((anchors::mozilla().get(m.anchor())?, m)));
        custom.chain(mozilla)
    }

    /// The anchor this certificate *is* (same subject and key).
    fn is_anchor(&self, i: usize) -> Option<&'a Anchor> {
        self.of(i)
            .find(|(_, m)| matches!(m, AnchorMatch::IsAnchor(_)))
            .map(|(anchor, _)| anchor)
    }

    /// An anchor whose key verifies this certificate's signature.
    fn signed_by_anchor(&self, i: usize) -> Option<&'a Anchor> {
        self.of(i)
            .find(|(_, m)| matches!(m, AnchorMatch::IssuedBy(_, SignatureStatus::Valid)))
            .map(|(anchor, _)| anchor)
    }

    /// An anchor named as this certificate's issuer whose key does not verify it (or whose
    /// signature was not checked), and the signature's status.
    fn names_but_does_not_sign(&self, i: usize) -> Option<(&'a Anchor, SignatureStatus)> {
        self.of(i).find_map(|(anchor, m)| match m {
            AnchorMatch::IssuedBy(_, s) if *s != SignatureStatus::Valid => Some((anchor, *s)),
            _ => None,
        })
    }

    fn leads_to_anchor(&self, i: usize) -> bool {
        self.is_anchor(i).is_some() || self.signed_by_anchor(i).is_some()
    }
}

/// The chosen path.
struct Path<'a> {
    /// Leaf first.
    chain: Vec<usize>,
    /// The anchor reached.
    anchor: Option<&'a Anchor>,
    /// Position in `chain` of the certificate that is the anchor or is signed by it.
    anchor_position: Option<usize>,
    /// That certificate *is* the anchor.
    anchor_in_chain: bool,
    /// The issuer the chain lacks.
    missing: Option<MissingIssuer>,
    /// When the chain lacks an issuer: an anchor named as that issuer whose key does not
    /// verify the certificate (or whose signature was not checked: the status says).
    /// Browsers and OpenSSL look issuers up by name (and key identifier) and check
    /// signatures afterwards: they reach this anchor and find the signature wanting, where
    /// a verifying signature is asked for here.
    named_anchor: Option<(&'a Anchor, SignatureStatus)>,
    /// Certificates that could have issued a link instead of the one used.
    alternatives: Vec<usize>,
    /// What choosing the path found (leaf candidates, cross-signing).
    findings: Vec<Finding>,
}

/// The certificates no other certificate (by a verifying or unchecked signature and a
/// matching name) names as issued by them: leaf candidates. The one for the host, not a
/// CA, not self-signed, first in the input wins.
fn choose_leaf(analysis: &Analysis, options: &Options) -> (Option<usize>, Vec<Finding>) {
    let mut is_parent = vec![false; analysis.data.len()];
    for (child, edges) in analysis.edges.iter().enumerate() {
        for e in edges {
            if e.signature != SignatureStatus::Invalid
                && e.names_match
                && e.parent != child
                && let Some(p) = is_parent.get_mut(e.parent)
            {
                *p = true;
            }
        }
    }
    let primaries: Vec<usize> = (0..analysis.data.len())
        .filter(|&i| analysis.primary.get(i).copied().unwrap_or(false))
        .collect();
    let mut candidates: Vec<usize> = primaries
        .iter()
        .copied()
        .filter(|&i| !is_parent.get(i).copied().unwrap_or(true))
        .collect();
    if candidates.is_empty() {
        candidates = primaries;
    }
    let for_host = |i: usize| -> bool {
        let (Some(host), Some(d)) = (options.host.as_deref(), analysis.data.get(i)) else {
            return false;
        };
        hostname::check(host, &d.san_dns, &d.san_ip, &[])
            .matched_by
            .is_some()
    };
    let best = candidates.iter().copied().min_by_key(|&i| {
        let c = analysis.certs.get(i);
        (
            !for_host(i),
            c.is_some_and(|c| c.is_ca),
            c.is_some_and(|c| c.self_signed),
            i,
        )
    });
    let mut findings = Vec::new();
    if let (Some(best), true) = (best, candidates.len() > 1) {
        findings.push(Finding::info(K::LeafChosen { candidates }).cert(best));
    }
    (best, findings)
}

/// Upward from the leaf: at each step the anchor if this certificate is one or is signed
/// by one, else the best issuer candidate in the input (a verifying signature, matching
/// names and key ids, a path to an anchor, a valid date, a root).
fn build_path<'a>(
    analysis: &Analysis,
    options: &Options,
    anchors: &AnchorMatches<'a>,
    validity: &[ValidityStatus],
) -> Path<'a> {
    let (leaf, mut findings) = choose_leaf(analysis, options);
    let mut path = Path {
        chain: Vec::new(),
        anchor: None,
        anchor_position: None,
        anchor_in_chain: false,
        missing: None,
        named_anchor: None,
        alternatives: Vec::new(),
        findings: Vec::new(),
    };
    let Some(leaf) = leaf else {
        path.findings = findings;
        return path;
    };
    path.chain.push(leaf);
    let mut current = leaf;
    for _ in 0..MAX_DEPTH {
        let here = path.chain.len().saturating_sub(1);
        if let Some(anchor) = anchors.is_anchor(current) {
            path.anchor = Some(anchor);
            path.anchor_position = Some(here);
            path.anchor_in_chain = true;
            break;
        }
        if let Some(anchor) = anchors.signed_by_anchor(current) {
            path.anchor = Some(anchor);
            path.anchor_position = Some(here);
            // Show the anchor's own certificate when it was pasted.
            let pasted = analysis.edges.get(current).into_iter().flatten().find(|e| {
                e.signature == SignatureStatus::Valid
                    && !path.chain.contains(&e.parent)
                    && analysis.data.get(e.parent).is_some_and(|p| {
                        p.spki_raw == anchor.spki_raw && p.subject_raw == anchor.subject_raw
                    })
            });
            if let Some(e) = pasted {
                path.chain.push(e.parent);
                path.anchor_position = Some(here.saturating_add(1));
                path.anchor_in_chain = true;
            }
            break;
        }
        let unsupported_self_signature = matches!(
            analysis.self_signature.get(current),
            Some(Some(
                SignatureStatus::Unsupported | SignatureStatus::NotChecked
            ))
        );
        if analysis.certs.get(current).is_some_and(|c| c.self_signed) || unsupported_self_signature
        {
            break;
        }
        let mut candidates: Vec<&Edge> = analysis
            .edges
            .get(current)
            .into_iter()
            .flatten()
            .filter(|e| !path.chain.contains(&e.parent))
            .collect();
        candidates.sort_by_key(|e| {
            (
                e.signature != SignatureStatus::Valid,
                !(e.names_match && e.key_ids_match != Some(false)),
                !anchors.leads_to_anchor(e.parent),
                validity.get(e.parent) != Some(&ValidityStatus::Valid),
                !analysis.certs.get(e.parent).is_some_and(|c| c.self_signed),
                e.parent,
            )
        });
        let Some((best, others)) = candidates.split_first() else {
            path.missing = Some(MissingIssuer { child: current });
            path.named_anchor = anchors.names_but_does_not_sign(current);
            break;
        };
        let alternatives: Vec<usize> = others
            .iter()
            .filter(|e| {
                e.signature == SignatureStatus::Valid && best.signature == SignatureStatus::Valid
            })
            .map(|e| e.parent)
            .collect();
        if !alternatives.is_empty() {
            path.alternatives.extend(&alternatives);
            findings.push(
                Finding::info(K::CrossSignedAlternative {
                    used: best.parent,
                    alternatives,
                })
                .cert(current),
            );
        }
        path.chain.push(best.parent);
        current = best.parent;
    }
    path.findings = findings;
    path
}

/// One link per issued-by step, and one to the anchor when its certificate was not
/// pasted.
fn links(analysis: &Analysis, validity: &[ValidityStatus], path: &Path<'_>) -> Vec<LinkReport> {
    let mut out = Vec::new();
    for (k, pair) in path.chain.windows(2).enumerate() {
        let [child, parent] = [pair.first().copied(), pair.get(1).copied()];
        let (Some(child), Some(parent)) = (child, parent) else {
            continue;
        };
        let Some(edge) = analysis
            .edges
            .get(child)
            .into_iter()
            .flatten()
            .find(|e| e.parent == parent)
        else {
            continue;
        };
        let to_anchor = path.anchor_in_chain && path.anchor_position == Some(k.saturating_add(1));
        out.push(link(
            analysis,
            validity,
            &path.chain,
            k,
            LinkTo::Certificate(edge),
            to_anchor,
        ));
    }
    if let (Some(anchor), false) = (path.anchor, path.anchor_in_chain) {
        let last = path.chain.len().saturating_sub(1);
        out.push(link(
            analysis,
            validity,
            &path.chain,
            last,
            LinkTo::Anchor(anchor),
            true,
        ));
    }
    out
}

/// What a link goes up to.
enum LinkTo<'e> {
    Certificate(&'e Edge),
    Anchor(&'e Anchor),
}

/// The checks of the step from `chain[k]` up.
fn link(
    analysis: &Analysis,
    validity: &[ValidityStatus],
    chain: &[usize],
    k: usize,
    to: LinkTo<'_>,
    issuer_is_anchor: bool,
) -> LinkReport {
    let child = chain.get(k).copied().unwrap_or_default();
    let data = analysis.data.get(child);
    let check = |check, result| CheckReport { check, result };
    let pass_fail = |ok: bool| {
        if ok {
            CheckResult::Pass
        } else {
            CheckResult::Fail
        }
    };
    let (issuer, signature, names) = match &to {
        LinkTo::Certificate(e) => (Issuer::Certificate(e.parent), e.signature, e.names_match),
        LinkTo::Anchor(anchor) => (
            Issuer::Anchor {
                name: anchor.name.clone(),
            },
            SignatureStatus::Valid,
            data.is_some_and(|c| {
                chain::names_equal(
                    &c.issuer_raw,
                    &c.issuer_norm,
                    &anchor.subject_raw,
                    &anchor.subject_norm,
                )
            }),
        ),
    };
    let mut checks = vec![check(CheckName::NamesMatch, pass_fail(names))];
    let key_ids = match &to {
        LinkTo::Certificate(e) => e.key_ids_match,
        LinkTo::Anchor(_) => None,
    };
    checks.push(check(
        CheckName::KeyIdsMatch,
        key_ids.map_or(CheckResult::NotApplicable, pass_fail),
    ));
    match &to {
        LinkTo::Certificate(e) => {
            let issuer_data = analysis.data.get(e.parent);
            let ca = ca_rule(analysis, chain, k, e.parent, issuer_is_anchor);
            checks.push(check(CheckName::IssuerIsCa, pass_fail(ca.is_none())));
            let may_sign =
                issuer_data.and_then(|p| p.key_usage_allows(fields::KEY_CERT_SIGN)) != Some(false);
            checks.push(check(CheckName::IssuerMaySign, pass_fail(may_sign)));
        }
        LinkTo::Anchor(_) => {
            checks.push(check(CheckName::IssuerIsCa, CheckResult::NotApplicable));
            checks.push(check(CheckName::IssuerMaySign, CheckResult::NotApplicable));
        }
    }
    checks.push(check(
        CheckName::Signature,
        match signature {
            SignatureStatus::Valid => CheckResult::Pass,
            SignatureStatus::Invalid => CheckResult::Fail,
            SignatureStatus::Unsupported | SignatureStatus::NotChecked => CheckResult::Unsupported,
        },
    ));
    checks.push(check(
        CheckName::Validity,
        pass_fail(validity.get(child) == Some(&ValidityStatus::Valid)),
    ));
    LinkReport {
        child,
        issuer,
        issuer_is_anchor,
        signature,
        checks,
    }
}

/// What breaks the CA rule (basicConstraints and its path length, RFC 5280 6.1.4 (k)
/// and (m)) for the issuer of `chain[k]`, if anything.
fn ca_rule(
    analysis: &Analysis,
    chain: &[usize],
    k: usize,
    issuer: usize,
    issuer_is_anchor: bool,
) -> Option<K> {
    let p = analysis.data.get(issuer)?;
    // Intermediates below this issuer in the path, self-issued ones not counted.
    let below = chain
        .get(1..=k)
        .unwrap_or_default()
        .iter()
        .filter(|&&x| !analysis.certs.get(x).is_some_and(|c| c.self_issued))
        .count();
    let below = u32::try_from(below).unwrap_or(u32::MAX);
    match p.basic_ca {
        Some((true, Some(limit))) if below > limit => Some(K::PathLenExceeded {
            issuer,
            limit,
            below,
        }),
        Some((true, _)) => None,
        Some((false, _)) => Some(K::IssuerNotCa {
            issuer,
            no_basic_constraints: false,
        }),
        // An X.509 v1 root has no extensions at all; trust anchors may be v1.
        None if p.version < 3 && issuer_is_anchor => None,
        None => Some(K::IssuerNotCa {
            issuer,
            no_basic_constraints: true,
        }),
    }
}

fn trust(options: &Options, path: &Path<'_>, links: &[LinkReport]) -> TrustReport {
    let anchor = path.anchor;
    TrustReport {
        anchor: anchor.map(|found| found.name.clone()),
        source: anchor.map(|found| found.source),
        anchor_spki_sha256: anchor.map(|found| found.spki_sha256.clone()),
        chain_position: path.anchor_position,
        is_anchor_certificate: path.anchor_in_chain,
        trusted: anchor.is_some() && links.iter().all(|l| l.signature == SignatureStatus::Valid),
        mozilla_roots_used: options.mozilla_roots,
    }
}

/// What the rules look at.
struct Ctx<'c> {
    analysis: &'c Analysis,
    options: &'c Options,
    validity: &'c [ValidityStatus],
    path: &'c Path<'c>,
    links: &'c [LinkReport],
    trust: &'c TrustReport,
}

impl Ctx<'_> {
    fn leaf(&self) -> Option<usize> {
        self.path.chain.first().copied()
    }

    fn top(&self) -> Option<usize> {
        self.path.chain.last().copied()
    }

    /// Where the trust anchor sits in the chain, when its certificate was pasted.
    fn pasted_anchor_position(&self) -> Option<usize> {
        self.path
            .anchor_in_chain
            .then_some(self.path.anchor_position)
            .flatten()
    }

    /// The chain below the anchor: every certificate whose own dates, signature algorithm
    /// and extensions count (an anchor is a name and a key).
    fn below_anchor(&self) -> impl Iterator<Item = (usize, usize)> + '_ {
        let anchor_in_chain = self.pasted_anchor_position();
        self.path
            .chain
            .iter()
            .copied()
            .enumerate()
            .filter(move |(position, _)| Some(*position) != anchor_in_chain)
    }

    fn known_root(&self) -> bool {
        self.trust.source == Some(AnchorSource::Mozilla)
    }

    fn leaf_is_authority(&self) -> bool {
        self.leaf()
            .and_then(|l| self.analysis.certs.get(l))
            .is_some_and(|c| c.is_ca)
    }
}

/// A chain that reaches no anchor: why (Chromium's `kNoIssuersFound`, a bad signature by
/// the anchor named, or a self-signed end), all `ERR_CERT_AUTHORITY_INVALID`.
fn untrusted_path(ctx: &Ctx<'_>) -> Vec<Finding> {
    let Some(top) = ctx.top() else {
        return Vec::new();
    };
    if ctx.path.anchor.is_some() {
        return Vec::new();
    }
    let analysis = ctx.analysis;
    let error = |kind| Finding::error(kind, E::AuthorityInvalid);
    let self_ended = |kind_when_alone: K| {
        if ctx.path.chain.len() == 1 && !ctx.leaf_is_authority() {
            kind_when_alone
        } else {
            K::UntrustedRoot
        }
    };
    if let Some(missing) = ctx.path.missing {
        let child = missing.child;
        if let Some((anchor, _)) = ctx.path.named_anchor {
            return vec![
                error(K::SignatureInvalid {
                    issuer: Issuer::Anchor {
                        name: anchor.name.clone(),
                    },
                })
                .cert(child),
            ];
        }
        let cert = analysis.certs.get(child);
        return vec![
            error(K::MissingIntermediate {
                issuer: cert.map(|c| c.issuer.clone()).unwrap_or_default(),
                urls: cert.map(|c| c.ca_issuers_urls.clone()).unwrap_or_default(),
            })
            .cert(child),
        ];
    }
    let top_cert = analysis.certs.get(top);
    if let Some(Some(status @ (SignatureStatus::Unsupported | SignatureStatus::NotChecked))) =
        analysis.self_signature.get(top)
    {
        return vec![
            error(self_ended(K::SelfSignedLeaf)).cert(top),
            Finding::warning(K::SignatureUnsupported {
                algorithm: top_cert
                    .map(|c| c.signature_algorithm.clone())
                    .unwrap_or_default(),
                why: unchecked(*status, analysis.data.get(top)),
            })
            .cert(top),
        ];
    }
    if top_cert.is_some_and(|c| c.self_signed) {
        return vec![error(self_ended(K::SelfSignedLeaf)).cert(top)];
    }
    let cert = analysis.certs.get(top);
    vec![
        error(K::MissingIntermediate {
            issuer: cert.map(|c| c.issuer.clone()).unwrap_or_default(),
            urls: cert.map(|c| c.ca_issuers_urls.clone()).unwrap_or_default(),
        })
        .cert(top),
    ]
}

/// A chain that ends at, or needs, a root Mozilla once trusted: its history, matched by
/// key (the pasted root's SubjectPublicKeyInfo, or the key id its child names).
fn root_history(ctx: &Ctx<'_>) -> Vec<Finding> {
    if ctx.path.anchor.is_some() {
        return Vec::new();
    }
    let Some(top) = ctx.top() else {
        return Vec::new();
    };
    let analysis = ctx.analysis;
    let (row, about) = match ctx.path.missing {
        Some(MissingIssuer { child }) => {
            let Some(d) = analysis.data.get(child) else {
                return Vec::new();
            };
            (nss::by_issuer(d.aki.as_deref(), &d.issuer_raw), child)
        }
        None => {
            let Some(d) = analysis.data.get(top) else {
                return Vec::new();
            };
            let row = nss::by_key(&d.spki_raw)
                .filter(|_| analysis.certs.get(top).is_some_and(|c| c.self_signed));
            (row, top)
        }
    };
    let Some(row) = row else {
        return Vec::new();
    };
    let kind = match row.change {
        nss::Change::StillInNss => K::RootNotEmbedded {
            root: row.history(),
        },
        _ => K::RootRemovedFromMozilla {
            root: row.history(),
        },
    };
    vec![Finding::warning(kind).cert(about)]
}

fn custom_anchor(ctx: &Ctx<'_>) -> Vec<Finding> {
    match ctx.path.anchor {
        Some(anchor) if anchor.source == AnchorSource::Custom => {
            vec![Finding::info(K::TrustedByCustomAnchor {
                anchor: anchor.name.clone(),
            })]
        }
        _ => Vec::new(),
    }
}

/// A finding for a rule the path builder enforces beyond its own mapped errors: it is
/// `ERR_CERT_INVALID` unless a mapped error applies too (see [`settle_path_rules`]).
fn path_rule(kind: K) -> Finding {
    Finding::error(kind, E::Invalid)
}

/// Each link's signature, names, key ids and CA rules.
fn link_faults(ctx: &Ctx<'_>) -> Vec<Finding> {
    let analysis = ctx.analysis;
    let mut out = Vec::new();
    for (k, l) in ctx.links.iter().enumerate() {
        let child = l.child;
        let failed = |name| {
            l.checks
                .iter()
                .any(|c| c.check == name && c.result == CheckResult::Fail)
        };
        match l.signature {
            SignatureStatus::Invalid => out.push(
                Finding::error(
                    K::SignatureInvalid {
                        issuer: l.issuer.clone(),
                    },
                    E::AuthorityInvalid,
                )
                .cert(child),
            ),
            status @ (SignatureStatus::Unsupported | SignatureStatus::NotChecked) => {
                let signer = match &l.issuer {
                    Issuer::Certificate(i) => analysis.data.get(*i),
                    Issuer::Anchor { .. } => None,
                };
                out.push(
                    Finding::warning(K::SignatureUnsupported {
                        algorithm: analysis
                            .certs
                            .get(child)
                            .map(|c| c.signature_algorithm.clone())
                            .unwrap_or_default(),
                        why: unchecked(status, signer),
                    })
                    .cert(child),
                );
            }
            SignatureStatus::Valid => {}
        }
        let Issuer::Certificate(issuer) = l.issuer else {
            continue;
        };
        if failed(CheckName::NamesMatch) {
            out.push(Finding::error(K::NameMismatch { issuer }, E::AuthorityInvalid).cert(child));
        }
        if failed(CheckName::KeyIdsMatch) {
            out.push(Finding::warning(K::KeyIdMismatch { issuer }).cert(child));
        }
        if let Some(kind) = ca_rule(analysis, &ctx.path.chain, k, issuer, l.issuer_is_anchor) {
            out.push(path_rule(kind).cert(child));
        }
        if failed(CheckName::IssuerMaySign) {
            // Chrome's verifier cannot parse a certificate whose keyUsage is not DER or
            // names no use (`ParseKeyUsage`, pki/parse_certificate.cc, for
            // `ParsedCertificate::Create`), and leaves such a served intermediate out of
            // path building (`AddIntermediatesToIssuerSource`,
            // net/cert/cert_verify_proc_builtin.cc): no issuer for the one below it.
            let unreadable = !l.issuer_is_anchor
                && analysis
                    .data
                    .get(issuer)
                    .is_some_and(|d| !d.key_usage.names_a_use());
            let kind = K::IssuerCannotSign { issuer, unreadable };
            out.push(if unreadable {
                Finding::error(kind, E::AuthorityInvalid).cert(child)
            } else {
                path_rule(kind).cert(child)
            });
        }
    }
    out
}

/// Dates of every certificate below the anchor (`ERR_CERT_DATE_INVALID`); the anchor's
/// own certificate is only a note for Chrome (Chromium enforces an anchor's expiry only for
/// anchors configured so, not for its root store), which Firefox does check ([`firefox`]).
fn dates(ctx: &Ctx<'_>) -> Vec<Finding> {
    let mut out = Vec::new();
    for (position, i) in ctx.path.chain.iter().copied().enumerate() {
        let (Some(status), Some(c)) = (ctx.validity.get(i), ctx.analysis.certs.get(i)) else {
            continue;
        };
        let anchor = ctx.path.anchor_in_chain && ctx.path.anchor_position == Some(position);
        let finding = match (status, anchor) {
            (ValidityStatus::Valid, _) => continue,
            (ValidityStatus::Expired, true) => Finding::info(K::AnchorCertificateOutOfDate {
                expired: true,
                date: c.not_after,
            }),
            (ValidityStatus::NotYetValid, true) => Finding::info(K::AnchorCertificateOutOfDate {
                expired: false,
                date: c.not_before,
            }),
            (ValidityStatus::Expired, false) => Finding::error(
                K::Expired {
                    not_after: c.not_after,
                },
                E::DateInvalid,
            ),
            (ValidityStatus::NotYetValid, false) => Finding::error(
                K::NotYetValid {
                    not_before: c.not_before,
                },
                E::DateInvalid,
            ),
        };
        out.push(finding.cert(i));
    }
    // Dates mozilla::pkix refuses and Chrome reads (one neither reads is the certificate's
    // frame: `CertificateFrameInvalid`).
    for &i in &ctx.path.chain {
        let (Some(d), Some(c)) = (ctx.analysis.data.get(i), ctx.analysis.certs.get(i)) else {
            continue;
        };
        if d.dates.firefox_invalid && d.dates.chrome_reads {
            let backwards = c.not_before > c.not_after;
            out.push(Finding::warning(K::DatesRefusedByFirefox { backwards }).cert(i));
        }
    }
    out
}

/// Chromium's `HasTooLongValidity` (cert_verify_proc.cc), for leaves of publicly trusted
/// chains only; the limits are `rules::LIFETIMES`, shared with the Baseline Requirements.
fn validity_length(ctx: &Ctx<'_>) -> Vec<Finding> {
    let (Some(leaf), true) = (ctx.leaf(), ctx.known_root()) else {
        return Vec::new();
    };
    let Some(c) = ctx.analysis.certs.get(leaf) else {
        return Vec::new();
    };
    let (start, end) = (c.not_before.0, c.not_after.0);
    let Some(limit) = super::rules::chromium_too_long(start, end) else {
        return Vec::new();
    };
    let lifetime = end.saturating_sub(start);
    let days = u32::try_from(lifetime / 86_400).unwrap_or(u32::MAX);
    vec![Finding::error(K::ValidityTooLong { days, limit }, E::ValidityTooLong).cert(leaf)]
}

/// Signature algorithms Chromium does not take: `ERR_CERT_INVALID`, which outranks even an
/// unknown issuer. Chromium takes RSA PKCS#1 v1.5 and ECDSA with SHA-256, -384 or -512, and
/// RSA-PSS only as TLS 1.3 writes it (MGF1 with the same hash, a salt as long as the hash):
/// `ParseSignatureAlgorithm` and `ParseRsaPss` in BoringSSL's pki/signature_algorithm.cc.
/// SHA-1 is refused too (Chromium 156, checked live: a SHA-1 certificate the check below
/// reaches gives `ERR_CERT_INVALID`). Two checks apply it, so where a certificate sits
/// decides whether it counts:
/// - `InspectSignatureAlgorithmsInChain` (net/cert/cert_verify_proc.cc) runs on the chain
///   the verifier hands back, trusted or not: the site's certificate when an issuer was
///   found, and each certificate above it but the last ("presumably the trust anchor").
/// - On a path that reaches a trust anchor, the path verifier checks every signature below
///   it (`kUnacceptableSignatureAlgorithm` in pki/verify_certificate_chain.cc, which
///   `MapPathBuilderErrorsToCertStatus` leaves to `CERT_STATUS_INVALID`).
///
/// The top of an untrusted chain, or a certificate alone, is not inspected: the algorithm is
/// still reported, without an error (it counts once the chain reaches a root).
///
/// Both checks also compare the algorithm the signed part names for itself (TBSCertificate's
/// `signature`) with the outer one, as parsed values, so that NULL parameters or none
/// are the same RSA algorithm: `InspectSignatureAlgorithmForCert` (`*cert_algorithm !=
/// *tbs_algorithm`) and `VerifySignatureAlgorithmsMatch` (`kSignatureAlgorithmMismatch`,
/// pki/verify_certificate_chain.cc). Two algorithms are `ERR_CERT_INVALID` where the
/// certificate is inspected, and so is an algorithm written in either field with parameters
/// `ParseSignatureAlgorithm` does not read ([`chromium_reads_parameters`]; both checked live
/// against Chromium 156).
fn signature_algorithms(ctx: &Ctx<'_>) -> Vec<Finding> {
    let trusted = ctx.path.anchor.is_some();
    let len = ctx.path.chain.len();
    ctx.below_anchor()
        .filter_map(|(position, i)| {
            let d = ctx.analysis.data.get(i)?;
            let algorithm = ctx.analysis.certs.get(i)?.signature_algorithm.clone();
            let (outer_params, inner_params) = d.sig_params;
            let kind = if chromium_takes(&d.sig_alg) {
                let read = chromium_reads_parameters(&d.sig_alg, outer_params)
                    && chromium_reads_parameters(&d.tbs_sig_alg, inner_params);
                if !d.algorithms_agree() {
                    K::SignatureAlgorithmMismatch {
                        outer: algorithm,
                        inner: d.tbs_sig_alg_name.clone(),
                    }
                } else if !read {
                    K::SignatureAlgorithmParameters { algorithm }
                } else {
                    // The same RSA algorithm, written apart (NULL parameters and none):
                    // the browsers take it, OpenSSL's signature check does not. (RSA-PSS
                    // written two ways Firefox may not read: not told here.)
                    let rsa = matches!(d.sig_alg, SigAlg::RsaPkcs1(_));
                    return (rsa && !d.strict.algorithms_agree).then(|| {
                        Finding::warning(K::SignatureAlgorithmWrittenApart { algorithm }).cert(i)
                    });
                }
            } else if d.sig_alg.hash().is_some_and(|h| h.is_weak()) {
                K::WeakSignatureAlgorithm { algorithm }
            } else {
                K::SignatureAlgorithmRefused { algorithm }
            };
            let inspected = trusted || position.saturating_add(1) < len;
            let finding = if inspected {
                Finding::error(kind, E::Invalid)
            } else {
                Finding::warning(kind)
            };
            Some(finding.cert(i))
        })
        .collect()
}

/// Whether Chromium's `ParseSignatureAlgorithm` (BoringSSL's pki/signature_algorithm.cc)
/// reads `alg` written with these parameters: RSA PKCS#1 v1.5 with NULL ones or none
/// (`IsNullOrEmpty`), ECDSA with none ("PARAMS TYPE NULL ARE absent", RFC 5912); RSA-PSS's
/// own parameters are read with the algorithm ([`SigAlg::RsaPss`]).
fn chromium_reads_parameters(alg: &SigAlg, params: Parameters) -> bool {
    match alg {
        SigAlg::RsaPkcs1(_) => params != Parameters::Other,
        SigAlg::Ecdsa(_) => params == Parameters::Absent,
        SigAlg::RsaPss { .. } | SigAlg::Ed25519 | SigAlg::Other => true,
    }
}

/// Whether Chromium's `ParseSignatureAlgorithm` knows `alg` and its verifier takes it (see
/// [`signature_algorithms`]).
fn chromium_takes(alg: &SigAlg) -> bool {
    use super::signature::Hash as H;
    let strong = |h: &H| matches!(h, H::Sha256 | H::Sha384 | H::Sha512);
    match alg {
        SigAlg::RsaPkcs1(h) | SigAlg::Ecdsa(h) => strong(h),
        SigAlg::RsaPss {
            hash,
            mgf_hash,
            salt,
        } => {
            let length = match hash {
                H::Sha256 => 32,
                H::Sha384 => 48,
                H::Sha512 => 64,
                _ => return false,
            };
            *mgf_hash == Some(*hash) && *salt == length
        }
        SigAlg::Ed25519 | SigAlg::Other => false,
    }
}

/// Keys Chromium refuses: RSA under 1024 bits anywhere in the chain, trusted or not
/// (`IsWeakKey` in `ExaminePublicKeys`, net/cert/cert_verify_proc.cc). An authority's key
/// (the trust anchor's included) is read by the path verifier only as RSA (rsaEncryption)
/// or EC on P-256, P-384 or P-521 (`ParsePublicKey` in BoringSSL's
/// pki/verify_signed_data.cc, whose list of key kinds dates from August 2025; ML-DSA joined
/// it in March 2026 and is not modelled here: no certificate on the web uses it); anything
/// else, Ed25519, an RSA-PSS key, another curve, a curve written out, is `kFailedParsingSpki`
/// (`ParseAndCheckPublicKey`, pki/verify_certificate_chain.cc), which
/// `MapPathBuilderErrorsToCertStatus` leaves to the generic `ERR_CERT_INVALID`. Only a path
/// that reaches a trust anchor is verified (`CertPathBuilder::Run`, pki/path_builder.cc:
/// "Partial path, don't attempt to verify"), so on an untrusted chain such a key is
/// reported without an error. On the site's certificate a curve written out ends the
/// handshake (BoringSSL's `eckey_pub_decode`, crypto/evp/p_ec.cc), and so does a key
/// written in a way BoringSSL does not read ([`super::chrome_der::KeyFault`]).
fn keys(ctx: &Ctx<'_>) -> Vec<Finding> {
    ctx.path
        .chain
        .iter()
        .copied()
        .enumerate()
        .filter_map(|(position, i)| {
            let d = ctx.analysis.data.get(i)?;
            let key = &ctx.analysis.certs.get(i)?.public_key;
            // The site's own key must sign in the handshake, with an algorithm the browser
            // offers: Chrome RSA (an rsaEncryption key: neither browser offers the
            // signatures of an RSA-PSS key, rsa_pss_pss_*) and ECDSA on P-256 or P-384
            // only, Firefox also P-521. A curve written out counts as the named curve the
            // server (OpenSSL) reads it as.
            let offered = matches!(key.curve.as_deref(), Some("P-256" | "P-384"));
            let chrome_signs = match &d.key {
                KeyMaterial::Rsa { pss, .. } => !pss,
                KeyMaterial::Ec { curve, .. } => *curve != Curve::Other || offered,
                KeyMaterial::Ed25519(_) | KeyMaterial::Other => false,
            };
            if position == 0 && !chrome_signs {
                return Some(
                    Finding::error(
                        K::LeafKeyNotNegotiable {
                            algorithm: key.algorithm.clone(),
                            curve: key.curve.clone(),
                            firefox_offers: key.curve.as_deref() == Some("P-521"),
                        },
                        E::VersionOrCipherMismatch,
                    )
                    .cert(i),
                );
            }
            // A curve written out the server can sign with: the browser cannot read the
            // key in the handshake (the site's) or in the chain (an authority's).
            if key.explicit_curve {
                let error = if position == 0 {
                    E::SslProtocolError
                } else {
                    E::Invalid
                };
                return Some(Finding::error(K::ExplicitCurve, error).cert(i));
            }
            // A key written in a way the clients read differently: BoringSSL cannot read
            // the site's in the handshake or an authority's in the verifier, which then
            // checks nothing it signed (on a path to a root); a point in compressed form
            // it reads, and Firefox does not.
            if let Some(&fault) = d.key_faults.first() {
                let kind = K::KeyEncoding {
                    fault,
                    site: position == 0,
                    nss_cannot_extract: position == 0
                        && d.key_faults.iter().any(|f| f.nss_cannot_extract()),
                };
                let finding = match (fault.chrome_refuses(), position) {
                    (false, _) => Finding::warning(kind),
                    (true, 0) => Finding::error(kind, E::SslProtocolError),
                    (true, _) if ctx.path.anchor.is_some() => Finding::error(kind, E::Invalid),
                    (true, _) => Finding::warning(kind),
                };
                return Some(finding.cert(i));
            }
            let readable = match &d.key {
                KeyMaterial::Rsa { pss, .. } => !pss,
                KeyMaterial::Ec { curve, .. } => {
                    *curve != Curve::Other || key.curve.as_deref() == Some("P-521")
                }
                KeyMaterial::Ed25519(_) | KeyMaterial::Other => false,
            };
            if position > 0 && !readable {
                let kind = K::AuthorityKeyRefused {
                    algorithm: key.algorithm.clone(),
                    curve: key.curve.clone(),
                };
                let finding = if ctx.path.anchor.is_some() {
                    Finding::error(kind, E::Invalid)
                } else {
                    Finding::warning(kind)
                };
                return Some(finding.cert(i));
            }
            let weak = key.algorithm == "RSA" && d.rsa_bits.is_some_and(|bits| bits < 1024);
            weak.then(|| {
                Finding::error(
                    K::WeakKey {
                        algorithm: key.algorithm.clone(),
                        bits: key.bits,
                        curve: key.curve.clone(),
                    },
                    E::WeakKey,
                )
                .cert(i)
            })
        })
        .collect()
}

/// Critical extensions not understood (a path rule), and extensions that do not decode.
fn extensions(ctx: &Ctx<'_>) -> Vec<Finding> {
    let mut out = Vec::new();
    for (_, i) in ctx.below_anchor() {
        let Some(d) = ctx.analysis.data.get(i) else {
            continue;
        };
        for &extension in &d.unsupported_critical {
            out.push(path_rule(K::UnsupportedCriticalExtension { extension }).cert(i));
        }
        // Chrome's verifier cannot read such a certificate (`UnparsableExtension::chrome`): the
        // site's is refused before any path is built (`ERR_CERT_INVALID`,
        // `VerifyInternal` in net/cert/cert_verify_proc_builtin.cc, which
        // `MapCertStatusToNetError` ranks first), and an authority it was sent is left out
        // of path building (`AddIntermediatesToIssuerSource`), so no issuer is found for
        // the one below it.
        // keyUsage has findings of its own, as each client reads its bytes.
        let site = ctx.leaf() == Some(i);
        // The certificate around the extensions, as `ParseCertificate` and
        // `ParseTbsCertificate` read it: the site's as Chrome takes it out of the handshake
        // (`X509Certificate::ParsedFields::Initialize`, which reads no extension list), an
        // authority's as the verifier reads it (`ParsedCertificate::Create`).
        // Before that, BoringSSL reads the site's certificate in the handshake
        // (`chrome_der::handshake`), as far as its keyUsage: what it cannot read there is
        // also a fault of the frame (an element not in DER) or of an extension's frame,
        // whose finding says so.
        let handshake_stop = d.handshake_stop.filter(|_| site);
        // The values of its names: the site's are read as Chrome takes it out of the
        // handshake and by the verifier, an authority's by the verifier only.
        let names_refused = if site {
            d.chrome_names != super::chrome_der::NameRead::default()
        } else {
            d.chrome_names.normalizing_fails
        };
        let frame = d
            .chrome_frame
            .filter(|&rule| rule != ChromeRule::NameValue || names_refused);
        // Where the handshake stops: in an extension whose own finding follows, or in the
        // frame around the extensions.
        use super::chrome_der::HandshakeStop;
        let extension_finding = |index: usize| {
            d.unparsable_extensions
                .iter()
                .any(|u| u.index == index && !u.key_usage)
        };
        let frame_stops_handshake = match handshake_stop {
            Some(HandshakeStop::Frame | HandshakeStop::FrameAfterKey) => true,
            Some(HandshakeStop::Extension(index)) => !extension_finding(index),
            None => false,
        };
        if let Some(rule) = frame {
            let handshake = frame_stops_handshake;
            let verifier_only = rule == ChromeRule::Empty
                || (rule == ChromeRule::NameValue && !d.chrome_names.principal_fails);
            let kind = K::CertificateFrameInvalid {
                site,
                rule,
                dates_unreadable: !d.dates.chrome_reads,
                firefox_refuses: firefox_refuses_version(d),
                firefox_not_der: d.firefox_reads == Err(MozpkixFault::QuickDer),
                openssl_strict: d.strict.extensions && !d.strict.version3,
                handshake,
                after_key: handshake_stop == Some(HandshakeStop::FrameAfterKey),
                verifier_only,
            };
            let error = match (site, verifier_only) {
                _ if handshake => E::SslProtocolError,
                (true, true) => E::Invalid,
                (true, false) => E::ServerCertBadFormat,
                (false, _) => E::AuthorityInvalid,
            };
            out.push(Finding::error(kind, error).cert(i));
        }
        // What Chrome reads and mozilla::pkix does not: a path length over 127, a
        // certificate too long for it.
        if let Some((_, Some(path_len))) = d.basic_ca.filter(|_| d.firefox_refuses_path_len()) {
            out.push(Finding::warning(K::PathLenBeyondFirefox { path_len, site }).cert(i));
        }
        if d.der.len() > 0xffff {
            let bytes = d.der.len();
            out.push(Finding::warning(K::TooLargeForFirefox { bytes, site }).cert(i));
        }
        // A serial number Chrome reads and mozilla::pkix and OpenSSL do not; a name OpenSSL
        // does not decode.
        if let Some(fault) = d.serial_fault() {
            out.push(Finding::warning(K::SerialNotDer { fault, site }).cert(i));
        }
        if let Some(fault) = d.openssl_decode.filter(|f| f.in_a_name()) {
            out.push(Finding::warning(K::NameUndecodableToOpenSsl { fault }).cert(i));
        }
        for u in d.unparsable_extensions.iter().filter(|u| !u.key_usage) {
            let refused_by = u.refusers(site);
            let handshake = handshake_stop == Some(HandshakeStop::Extension(u.index));
            let kind = K::ExtensionUnparsable {
                extension: u.index,
                refused_by,
                site,
                strict: u.strict,
                handshake,
            };
            out.push(
                match (refused_by.chrome, site) {
                    _ if handshake => Finding::error(kind, E::SslProtocolError),
                    (false, _) => Finding::warning(kind),
                    (true, true) => Finding::error(kind, E::Invalid),
                    (true, false) => Finding::error(kind, E::AuthorityInvalid),
                }
                .cert(i),
            );
        }
    }
    out
}

/// Whether mozilla::pkix refuses the certificate's version as it reads it: it knows
/// versions 1 to 4 (`der::OptionalVersion`, lib/mozpkix/lib/pkixder.cpp: any other is
/// `ERROR_BAD_DER`, from `BackCert::Init`).
fn firefox_refuses_version(d: &CertData) -> bool {
    d.version > 4
}

/// What Firefox meets first as it reads the certificate around its extensions
/// (`chrome_der::mozpkix_reads`: NSS's decoding, then `BackCert::Init`).
fn firefox_frame_error(d: &CertData) -> Option<FirefoxError> {
    match d.firefox_reads {
        Ok(()) => None,
        Err(MozpkixFault::QuickDer | MozpkixFault::BadDer) => Some(FirefoxError::BadDer),
        Err(MozpkixFault::BadSignature) => Some(FirefoxError::BadSignature),
        Err(MozpkixFault::InvalidInteger) => Some(FirefoxError::InvalidIntegerEncoding),
    }
}

/// Whether mozilla::pkix cannot read the certificate around its extensions
/// ([`firefox_frame_error`]).
fn firefox_refuses_frame(d: &CertData) -> bool {
    firefox_frame_error(d).is_some()
}

/// The leaf: an authority pasted as if it were a site, or a site certificate not meant
/// for TLS servers (extKeyUsage, a path rule).
fn leaf_rules(ctx: &Ctx<'_>) -> Vec<Finding> {
    let Some(leaf) = ctx.leaf() else {
        return Vec::new();
    };
    let mut out = Vec::new();
    if ctx.leaf_is_authority() {
        let root = ctx.analysis.certs.get(leaf).is_some_and(|c| c.self_signed);
        let in_root_set = ctx.path.anchor_in_chain
            && ctx.path.anchor_position == Some(0)
            && ctx.trust.source == Some(AnchorSource::Mozilla);
        out.push(Finding::warning(K::AuthorityAlone { in_root_set, root }).cert(leaf));
    }
    if ctx.analysis.data.get(leaf).and_then(|d| d.eku_server) == Some(false) {
        out.push(path_rule(K::LeafNotForServers).cert(leaf));
    }
    // keyUsage without digitalSignature: in TLS 1.3 the site's key signs the handshake,
    // and Chrome refuses the certificate as it reads it ([`E::KeyUsageIncompatible`]); a
    // keyUsage it cannot read ends the handshake as a malformed message
    // (`SSL_R_CANNOT_PARSE_LEAF_CERT` in `ssl_cert_check_key_usage`, ssl/ssl_cert.cc, which
    // `MapOpenSSLErrorSSL` leaves as [`E::SslProtocolError`]). Chromium 156 against a TLS 1.3
    // server, keyUsage written as an OCTET STRING, with a byte after its BIT STRING, with 8
    // unused bits, with 7 unused bits and no octet, with a padding bit set: that error for each.
    // The chain as one TLS 1.3 Certificate message (RFC 8446, 4.4.2): a 1-byte request
    // context and a 3-byte list length, then each certificate with a 3-byte length and a
    // 2-byte extension list (empty: what a server staples is not known here). BoringSSL
    // refuses a message longer than `max_cert_list` while it reads the handshake
    // (`ssl_max_handshake_message_len`, ssl/handshake.cc; `tls_get_message`, ssl/s3_both.cc:
    // `SSL_R_EXCESSIVE_MESSAGE_SIZE`), 102,400 bytes unless the program sets another
    // (`SSL_MAX_CERT_LIST_DEFAULT`, include/openssl/ssl.h; Chromium sets none). Chromium
    // 156 against a TLS 1.3 server: a certificate of 69,375 bytes connects, one of 138,375
    // ends the handshake with `ERR_SSL_PROTOCOL_ERROR` (tests/e2e/cert_handshake.spec.ts).
    // NSS reads messages up to 131,071 bytes (`MAX_HANDSHAKE_MSG_LEN` in
    // `ssl3_HandleHandshake`, lib/ssl/ssl3con.c).
    const MESSAGE_LIMIT: usize = 102_400;
    const NSS_MESSAGE_LIMIT: usize = 131_071;
    let message = ctx.path.chain.iter().fold(4usize, |sum, &i| {
        let length = ctx.analysis.certs.get(i).map_or(0, |c| c.der_length);
        sum.saturating_add(length).saturating_add(5)
    });
    if message > MESSAGE_LIMIT {
        let kind = K::ChainTooLargeForHandshake {
            bytes: message,
            limit: MESSAGE_LIMIT,
            certificates: ctx.path.chain.len(),
            firefox_too: message > NSS_MESSAGE_LIMIT,
        };
        out.push(Finding::error(kind, E::SslProtocolError).cert(leaf));
    }
    let leaf_data = ctx.analysis.data.get(leaf);
    if let Some(d) = leaf_data
        && d.key_usage == fields::KeyUsageRead::Unreadable
    {
        out.push(Finding::error(K::LeafKeyUsageUnreadable, E::SslProtocolError).cert(leaf));
    } else if let Some(d) = leaf_data
        && d.key_usage_allows(fields::DIGITAL_SIGNATURE) == Some(false)
    {
        let kind = K::LeafKeyUsageNotForSigning {
            key_usage: ctx
                .analysis
                .certs
                .get(leaf)
                .map(|c| c.key_usage.clone())
                .unwrap_or_default(),
            no_tls_use: !leaf_key_usage_fits_tls(d),
        };
        out.push(Finding::error(kind, E::KeyUsageIncompatible).cert(leaf));
    }
    out
}

/// Whether a site certificate's keyUsage, if any, allows one of the uses a TLS server's
/// key has (digitalSignature, keyEncipherment, keyAgreement): Firefox tries the three in
/// turn (`BuildCertChainForOneKeyUsage` in `CertVerifier::VerifyCert`,
/// security/certverifier/CertVerifier.cpp), OpenSSL's `sslserver` purpose asks for one of
/// them (`check_purpose_ssl_server`, `KU_TLS`, crypto/x509/v3_purp.c).
fn leaf_key_usage_fits_tls(d: &CertData) -> bool {
    d.key_usage_allows(fields::DIGITAL_SIGNATURE | fields::KEY_ENCIPHERMENT | fields::KEY_AGREEMENT)
        != Some(false)
}

/// The rules a CA had to follow when it issued the leaf (`rules.rs`): warnings about the
/// CA's work, not part of any browser's verdict. Held to the leaf only, since an
/// authority pasted alone is judged as an authority.
fn issuing_rules(ctx: &Ctx<'_>) -> Vec<Finding> {
    let Some(leaf) = ctx.leaf().filter(|_| !ctx.leaf_is_authority()) else {
        return Vec::new();
    };
    let Some(d) = ctx.analysis.data.get(leaf) else {
        return Vec::new();
    };
    let cert = ctx.analysis.certs.get(leaf);
    let has = |oid: &str| cert.is_some_and(|c| c.extensions.iter().any(|e| e.oid == oid));
    let ocsp_urls = cert.map_or(&[][..], |c| c.ocsp_urls.as_slice());
    let extensions: Vec<(&str, bool)> = cert
        .map(|c| {
            c.extensions
                .iter()
                .map(|e| (e.oid.as_str(), e.critical))
                .collect()
        })
        .unwrap_or_default();
    let subject_attributes: Vec<(&str, u32)> = cert
        .map(|c| {
            c.subject_attributes
                .iter()
                .map(|a| (a.oid.as_str(), a.tag))
                .collect()
        })
        .unwrap_or_default();
    let organization_identifiers: Vec<(&str, u32)> = cert
        .map(|c| {
            c.subject_attributes
                .iter()
                .filter(|a| a.oid == super::rules::ORGANIZATION_IDENTIFIER)
                .map(|a| (a.value.as_str(), a.tag))
                .collect()
        })
        .unwrap_or_default();
    let facts = super::rules::Leaf {
        serial: &d.serial_raw,
        not_before: d.not_before,
        not_after: d.not_after,
        rsa_bits: d.rsa_bits,
        san_dns: &d.san_dns,
        san_ip: &d.san_ip,
        common_names: &d.common_names,
        subject_attributes: &subject_attributes,
        multi_valued_rdn: d.multi_valued_rdn,
        organization_identifiers: &organization_identifiers,
        validation: cert
            .and_then(|c| c.validation_level)
            .unwrap_or(super::fields::ValidationLevel::Dv),
        // There, whether or not it decodes (one that does not is a finding of its own).
        has_eku: has(super::rules::EXT_KEY_USAGE),
        any_eku: cert.is_some_and(|c| c.ext_key_usage.iter().any(|e| e == "anyExtendedKeyUsage")),
        has_crl_distribution_points: has(CRL_DISTRIBUTION_POINTS),
        has_ocsp: !ocsp_urls.is_empty(),
        has_http_ocsp: ocsp_urls.iter().any(|u| {
            u.get(..7)
                .is_some_and(|s| s.eq_ignore_ascii_case("http://"))
        }),
        has_aia: has(AUTHORITY_INFO_ACCESS),
        has_policies: has(CERTIFICATE_POLICIES),
        has_authority_key_id: has(AUTHORITY_KEY_IDENTIFIER),
        self_signed: cert.is_some_and(|c| c.self_signed),
        key_usage: cert.map_or(&[][..], |c| c.key_usage.as_slice()),
        key_algorithm: cert.map_or("", |c| c.public_key.algorithm.as_str()),
        extensions: &extensions,
    };
    // Where Chromium's own lifetime check already speaks (an error, publicly trusted
    // leaves), the same fact is not said twice.
    let chromium_says =
        ctx.known_root() && super::rules::chromium_too_long(d.not_before, d.not_after).is_some();
    // The Baseline Requirements bind publicly trusted CAs: a self-signed site certificate
    // was issued by no CA, so only RFC 5280's rules are held to it.
    let self_signed = facts.self_signed;
    super::rules::broken(&facts)
        .into_iter()
        .filter(|rule| !(chromium_says && *rule == super::rules::Rule::LifetimeTooLong))
        .filter(|rule| !(self_signed && rule.source().document != super::rules::Document::Rfc5280))
        .map(|rule| Finding::warning(K::RuleBroken { rule }).cert(leaf))
        .collect()
}

/// The rules a CA had to follow for the authorities' certificates in the chain (above the
/// leaf; the root too where it was pasted): warnings, as for the leaf's.
fn authority_rules(ctx: &Ctx<'_>) -> Vec<Finding> {
    ctx.path
        .chain
        .iter()
        .skip(1)
        .filter_map(|&i| Some((i, ctx.analysis.data.get(i)?, ctx.analysis.certs.get(i)?)))
        .flat_map(|(i, d, c)| {
            let critical = |oid: &str| {
                c.extensions
                    .iter()
                    .find(|e| e.oid == oid)
                    .map(|e| e.critical)
            };
            let shares_key = |spki: &[u8]| spki == d.spki_raw.as_slice();
            let cross_certificate = super::anchors::mozilla()
                .iter()
                .chain(&ctx.options.extra_anchors)
                .any(|a| shares_key(&a.spki_raw))
                || ctx
                    .analysis
                    .certs
                    .iter()
                    .zip(&ctx.analysis.data)
                    .any(|(other, od)| other.self_issued && shares_key(&od.spki_raw));
            let authority = super::rules::Authority {
                not_before: d.not_before,
                basic_constraints_critical: critical(super::rules::BASIC_CONSTRAINTS),
                key_usage_critical: critical(super::rules::KEY_USAGE),
                key_usage: &c.key_usage,
                ext_key_usage: critical(super::rules::EXT_KEY_USAGE)
                    .map(|_| c.ext_key_usage.as_slice()),
                self_issued: c.self_issued,
                cross_certificate,
            };
            super::rules::authority_broken(&authority)
                .into_iter()
                .map(move |rule| Finding::warning(K::RuleBroken { rule }).cert(i))
        })
        .collect()
}

/// Name constraints of every CA in the chain, and of the trust anchor above it, over the
/// DNS names and IP addresses of the certificates below them (self-issued intermediates
/// excepted, as RFC 5280 4.2.1.10 says). A path rule: Chromium's path builder reports
/// `kNotPermittedByNameConstraints`, which becomes `ERR_CERT_INVALID`.
fn name_constraints(ctx: &Ctx<'_>) -> Vec<Finding> {
    let analysis = ctx.analysis;
    let chain = &ctx.path.chain;
    let by_certificates = chain
        .iter()
        .enumerate()
        .skip(1)
        .filter_map(|(position, &ca)| {
            Some((
                position,
                Constrainer::Certificate(ca),
                analysis.data.get(ca)?.name_constraints.as_ref()?,
            ))
        });
    let by_anchor = ctx
        .path
        .anchor
        .filter(|_| !ctx.path.anchor_in_chain)
        .and_then(|anchor| anchor.name_constraints.as_ref())
        .map(|nc| (chain.len(), Constrainer::Anchor, nc));
    let mut out = Vec::new();
    for (position, by, constraints) in by_certificates.chain(by_anchor) {
        for (q, &below) in chain.get(..position).unwrap_or_default().iter().enumerate() {
            if q > 0 && analysis.certs.get(below).is_some_and(|c| c.self_issued) {
                continue;
            }
            let Some(d) = analysis.data.get(below) else {
                continue;
            };
            let mut names = constraints.violations(&d.san_dns, &d.san_ip);
            if names.is_empty() {
                continue;
            }
            let total = names.len();
            names.truncate(NAMES_LISTED);
            out.push(path_rule(K::NameConstraintViolation { by, names, total }).cert(below));
        }
    }
    out
}

/// The host name against the leaf's names (`X509Certificate::VerifyHostname`,
/// net/cert/x509_certificate.cc): subjectAltName only, `ERR_CERT_COMMON_NAME_INVALID`.
fn host(ctx: &Ctx<'_>) -> (Option<HostReport>, Vec<Finding>) {
    let Some(leaf) = ctx.leaf() else {
        return (None, Vec::new());
    };
    let Some(d) = ctx.analysis.data.get(leaf) else {
        return (None, Vec::new());
    };
    let mut out = Vec::new();
    let authority = ctx.leaf_is_authority();
    if !d.has_san && !authority {
        out.push(Finding::warning(K::NoSubjectAltName).cert(leaf));
    }
    let Some(host) = ctx.options.host.as_deref() else {
        if !authority {
            out.push(Finding::info(K::HostNotChecked));
        }
        return (None, out);
    };
    let r = hostname::check(host, &d.san_dns, &d.san_ip, &d.common_names);
    if !r.valid {
        out.push(Finding::error(
            K::HostInvalid {
                host: host.chars().take(hostname::MAX_HOST_LENGTH).collect(),
            },
            E::CommonNameInvalid,
        ));
    } else if r.matched_by.is_none() {
        out.push(
            Finding::error(
                K::HostMismatch {
                    expected: r.ascii.clone(),
                },
                E::CommonNameInvalid,
            )
            .cert(leaf),
        );
        if let Some((wildcard, suffix)) = &r.wildcard_under_public_suffix {
            out.push(
                Finding::warning(K::WildcardUnderPublicSuffix {
                    wildcard: wildcard.clone(),
                    suffix: suffix.clone(),
                })
                .cert(leaf),
            );
        }
        if let Some(common_name) = &r.common_name_would_match {
            out.push(
                Finding::warning(K::HostMatchesOnlyCommonName {
                    common_name: common_name.clone(),
                })
                .cert(leaf),
            );
        }
    }
    if let Some(unicode) = &r.unicode {
        out.push(Finding::info(K::HostInternationalised {
            unicode: unicode.clone(),
            ascii: r.ascii.clone(),
        }));
    }
    (Some(r), out)
}

/// What cannot be known offline: revocation, and whether the SCTs' logs published the
/// certificate. A publicly trusted leaf without embedded SCTs is named: Chrome's CT policy
/// wants SCTs (embedded, or from the TLS handshake or OCSP).
fn offline(ctx: &Ctx<'_>) -> Vec<Finding> {
    let Some(leaf) = ctx.leaf() else {
        return Vec::new();
    };
    let (Some(c), Some(d)) = (ctx.analysis.certs.get(leaf), ctx.analysis.data.get(leaf)) else {
        return Vec::new();
    };
    let mut out = vec![
        Finding::info(K::RevocationNotChecked {
            ocsp: c.ocsp_urls.clone(),
        })
        .cert(leaf),
        Finding::info(K::CtNotChecked { scts: d.sct_count }).cert(leaf),
    ];
    // An SCT whose signature fails counts for nothing in Chromium's policy; one that
    // could not be checked here (a log newer than the embedded list) keeps counting.
    let invalid = c
        .scts
        .iter()
        .filter(|s| s.signature == super::ct::SctSignature::Invalid)
        .count();
    if invalid > 0 {
        out.push(
            Finding::warning(K::SctSignatureInvalid {
                invalid,
                embedded: d.sct_count,
            })
            .cert(leaf),
        );
    }
    let counted = d.sct_count.saturating_sub(invalid);
    let leaf_is_anchor = ctx.path.anchor_in_chain && ctx.path.anchor_position == Some(0);
    if ctx.known_root() && !leaf_is_anchor {
        let required = super::rules::required_scts(d.not_before, d.not_after);
        if d.sct_count == 0 {
            out.push(Finding::warning(K::NoEmbeddedScts).cert(leaf));
        } else if counted < required {
            out.push(
                Finding::warning(K::TooFewScts {
                    embedded: counted,
                    required,
                })
                .cert(leaf),
            );
        }
    }
    out
}

/// The order the chain was pasted in (servers must send the leaf first, RFC 8446 4.4.2).
fn order(ctx: &Ctx<'_>) -> Vec<Finding> {
    let chain = &ctx.path.chain;
    if chain.len() < 2 {
        return Vec::new();
    }
    let ascending = chain.windows(2).all(|w| w.first() < w.get(1));
    let descending = chain.windows(2).all(|w| w.first() > w.get(1));
    if descending {
        vec![Finding::warning(K::ReverseOrder)]
    } else if !ascending {
        vec![Finding::warning(K::OutOfOrder)]
    } else {
        Vec::new()
    }
}

/// Certificates of the input that take no part (neither in the chain nor a cross-signed
/// alternative).
fn unrelated(ctx: &Ctx<'_>) -> Vec<Finding> {
    (0..ctx.analysis.certs.len())
        .filter(|i| {
            ctx.analysis.primary.get(*i).copied().unwrap_or(false)
                && !ctx.path.chain.contains(i)
                && !ctx.path.alternatives.contains(i)
        })
        .map(|i| Finding::warning(K::UnrelatedCertificate).cert(i))
        .collect()
}

/// Path rules become `ERR_CERT_INVALID` only when none of the path builder's mapped
/// errors (authority, date, weak key) applies; otherwise they stay faults without a name
/// of their own (`MapPathBuilderErrorsToCertStatus`).
fn settle_path_rules(findings: &mut [Finding]) {
    let specific = findings
        .iter()
        .filter_map(|f| f.error)
        .any(E::is_path_builder_specific);
    if !specific {
        return;
    }
    for f in findings.iter_mut() {
        let path_rule = matches!(
            f.kind,
            K::IssuerNotCa { .. }
                | K::PathLenExceeded { .. }
                | K::IssuerCannotSign { .. }
                | K::NameConstraintViolation { .. }
                | K::UnsupportedCriticalExtension { .. }
                | K::LeafNotForServers
                | K::ExplicitCurve
                | K::AuthorityKeyRefused { .. }
        );
        if path_rule && f.error == Some(E::Invalid) {
            f.error = None;
        }
    }
}

/// Firefox's error, in mozilla::pkix's order of checks (lib/mozpkix/lib/pkixbuild.cpp,
/// `BuildForward` and `PathBuildingStep::Check`): the leaf's parsing; its own properties
/// at once if it is a trust anchor, otherwise deferred until a chain is found; each
/// issuer from the leaf upward (its parsing, its name constraints over what is below it,
/// its own properties); a missing anchor; each link's signature from the top down; the
/// leaf's deferred fault. Then PSM (security/certverifier/CertVerifier.cpp,
/// `VerifySSLServerCert`): the host name before the leaf's dates, and a self-signed leaf
/// named as such.
fn firefox(ctx: &Ctx<'_>, findings: &[Finding], host: Option<&HostReport>) -> Option<FirefoxError> {
    use FirefoxError as F;
    let error = mozilla_pkix(ctx, findings, host);
    // PSM: when no issuer was found, a signature failed or a key usage (the site's or an
    // issuer's) did not allow the use, and the site's certificate names itself as issuer
    // (the same bytes) and its own key verifies it with an algorithm mozilla::pkix reads
    // (`CertIsSelfSigned`), the reader is told it is self-signed.
    let self_signed_leaf = ctx.leaf().is_some_and(|leaf| {
        ctx.analysis
            .certs
            .get(leaf)
            .is_some_and(|c| c.self_signed && c.self_issued)
            && ctx
                .analysis
                .data
                .get(leaf)
                .is_some_and(|d| firefox_reads(&d.sig_alg, d.sig_params.0).is_some())
    });
    match error {
        Some(F::UnknownIssuer | F::BadSignature | F::InadequateKeyUsage) if self_signed_leaf => {
            Some(F::SelfSignedCert)
        }
        other => other,
    }
}

/// mozilla::pkix's answer for the leaf ([`firefox`]), with PSM's reading of the host name
/// against the leaf's dates.
fn mozilla_pkix(
    ctx: &Ctx<'_>,
    findings: &[Finding],
    host: Option<&HostReport>,
) -> Option<FirefoxError> {
    use FirefoxError as F;
    let leaf = ctx.leaf()?;
    let on = |i: usize| findings.iter().filter(move |f| f.certificate == Some(i));
    let has = |i: usize, pick: &dyn Fn(&K) -> bool| on(i).any(|f| pick(&f.kind));
    // `CheckSubjectPublicKeyInfoContents` (pkixcheck.cpp): the key's kind and curve, its
    // parameters, the modulus and its size, the exponent, what follows. A key written
    // oddly is read from the certificate's data, not from a finding: Chrome's finding may
    // be another (a site key on P-521 it cannot sign with).
    let key_error = |i: usize| {
        let written = ctx.analysis.data.get(i).and_then(|d| {
            let fault = *d.key_faults.first()?;
            let small = d.rsa_bits.is_some_and(|bits| bits < 1024);
            Some(if fault.after_the_modulus() && small {
                F::InadequateKeySize
            } else {
                fault.firefox_error()
            })
        });
        written.or_else(|| {
            on(i).find_map(|f| match &f.kind {
                K::WeakKey { .. } => Some(F::InadequateKeySize),
                K::AuthorityKeyRefused { algorithm, .. } if algorithm == "EC" => {
                    Some(F::UnsupportedEllipticCurve)
                }
                K::AuthorityKeyRefused { .. } => Some(F::UnsupportedKeyalg),
                K::ExplicitCurve => Some(F::BadDer),
                _ => None,
            })
        })
    };
    let algorithm_fields = |i: usize| ctx.analysis.data.get(i).and_then(firefox_algorithm_fields);
    let host_fails = host.is_some_and(|h| h.matched_by.is_none());
    let name_error = |fallback: Option<F>| {
        if host_fails {
            Some(F::BadCertDomain)
        } else {
            fallback
        }
    };

    // The handshake: the server must sign with an algorithm Firefox offers (or it ends the
    // handshake before it sends its certificate); NSS reads the server's Certificate
    // message whole and takes the site's key out of its certificate before mozilla::pkix
    // is asked.
    if has(leaf, &|k| {
        matches!(
            k,
            K::LeafKeyNotNegotiable {
                firefox_offers: false,
                ..
            }
        )
    }) {
        return Some(F::NoCypherOverlap);
    }
    if has(leaf, &|k| {
        matches!(
            k,
            K::ChainTooLargeForHandshake {
                firefox_too: true,
                ..
            }
        )
    }) {
        return Some(F::RxMalformedHandshake);
    }
    // NSS decodes the site's certificate before it takes its key out.
    if ctx
        .analysis
        .data
        .get(leaf)
        .is_some_and(|d| d.firefox_reads == Err(MozpkixFault::QuickDer))
    {
        return Some(F::BadDer);
    }
    let leaf_explicit = ctx
        .analysis
        .certs
        .get(leaf)
        .is_some_and(|c| c.public_key.explicit_curve);
    // NSS takes the key out with its own decoder (`seckey_ExtractPublicKey`,
    // lib/cryptohi/seckey.c): a curve it cannot name, an RSA integer with a leading 00 that
    // says nothing or octets after the key (quickder) end the handshake.
    let leaf_unextractable = ctx
        .analysis
        .data
        .get(leaf)
        .is_some_and(|d| d.key_faults.iter().any(|f| f.nss_cannot_extract()));
    if leaf_explicit || leaf_unextractable {
        return Some(F::ExtractPublicKeyFailure);
    }
    // An extension it keeps, empty or twice (`RememberExtension`), or one its checks read
    // and cannot decode ([`fields::FirefoxStep`]).
    let trips = |i: usize, step: fields::FirefoxStep| {
        ctx.analysis.data.get(i).is_some_and(|d| {
            d.unparsable_extensions
                .iter()
                .any(|u| u.firefox == Some(step))
                || (step == fields::FirefoxStep::BasicConstraints && d.firefox_refuses_path_len())
        })
    };
    // The leaf as `BackCert::Init` reads it (pkixcert.cpp): its extensions in order, the
    // first it cannot take ending the check at once; within one extension, its frame (not
    // in DER), then `RememberExtension` (one it keeps, empty or twice), then whether it
    // is a critical extension it does not know.
    if let Some(d) = ctx.analysis.data.get(leaf) {
        // The certificate's elements, its version and its serial number are the first it
        // reads.
        if let Some(error) = firefox_frame_error(d) {
            return Some(error);
        }
        let unknown = has(leaf, &|k| {
            matches!(k, K::UnsupportedCriticalExtension { .. })
        });
        let critical = d
            .unsupported_critical
            .iter()
            .filter(|_| unknown)
            .map(|&i| ((i, 2), F::UnknownCriticalExtension));
        let refused = d
            .unparsable_extensions
            .iter()
            .filter_map(|u| match u.firefox {
                Some(fields::FirefoxStep::Framing) => Some(((u.index, 0), F::BadDer)),
                Some(fields::FirefoxStep::Parsing) => {
                    Some(((u.index, 1), F::ExtensionValueInvalid))
                }
                _ => None,
            });
        if let Some((_, error)) = critical.chain(refused).min_by_key(|&(at, _)| at) {
            return Some(error);
        }
    }
    let anchor_in_chain = ctx.pasted_anchor_position();
    let leaf_is_anchor = anchor_in_chain == Some(0);
    // The leaf's own properties, in `CheckIssuerIndependentProperties`'s order
    // (pkixcheck.cpp): its dates as written, its signature algorithms (not a trust
    // anchor's), its key, its key
    // usage (one of the three a TLS server's key may have, [`leaf_key_usage_fits_tls`]),
    // its basic constraints, its extended key usage; whether it is valid at the time comes
    // last, below. A trust anchor's
    // fault is reported at once; any other end entity's is deferred until a chain has been
    // found (`deferredEndEntityError` in `BuildForward`, pkixbuild.cpp), so that an unknown
    // issuer or an authority's fault outranks it (lib/mozpkix/include/pkix/pkix.h, "ERROR
    // RANKING").
    // Firefox verifies the site for digitalSignature, then keyEncipherment, then
    // keyAgreement, each try after one that failed for its key usage alone, and turns
    // whatever fails on the third into INADEQUATE_KEY_USAGE (`BuildCertChainForOneKeyUsage`,
    // security/certverifier/CertVerifier.cpp): a site key for keyAgreement (of the three)
    // alone gets that for every fault checked after its key usage.
    let third_try = ctx.analysis.data.get(leaf).is_some_and(|d| {
        d.key_usage_allows(fields::DIGITAL_SIGNATURE | fields::KEY_ENCIPHERMENT) == Some(false)
            && d.key_usage_allows(fields::KEY_AGREEMENT) == Some(true)
    });
    // Its dates are parsed first (`ParseValidity`, right after the trust is looked up), a
    // fault there returned before any other check of its own.
    let dates_invalid = |i: usize| {
        ctx.analysis
            .data
            .get(i)
            .is_some_and(|d| d.dates.firefox_invalid)
    };
    let leaf_own = || {
        // (PSM then checks the name, `CertVerifier::VerifySSLServerCert`, which parses
        // these dates again, `CheckCertHostname`: the same error.)
        if dates_invalid(leaf) {
            return Some(F::InvalidTime);
        }
        let algorithm = if leaf_is_anchor {
            None
        } else {
            algorithm_fields(leaf)
        };
        let key_usage = ctx
            .analysis
            .data
            .get(leaf)
            .is_some_and(|d| !leaf_key_usage_fits_tls(d));
        let after_key_usage = trips(leaf, fields::FirefoxStep::BasicConstraints)
            .then_some(F::ExtensionValueInvalid)
            .or_else(|| ctx.leaf_is_authority().then_some(F::CaCertUsedAsEndEntity))
            .or_else(|| {
                (has(leaf, &|k| matches!(k, K::LeafNotForServers))
                    || trips(leaf, fields::FirefoxStep::ExtendedKeyUsage))
                .then_some(F::InadequateCertType)
            })
            .map(|e| if third_try { F::InadequateKeyUsage } else { e });
        algorithm
            .or_else(|| key_error(leaf))
            .or_else(|| key_usage.then_some(F::InadequateKeyUsage))
            .or(after_key_usage)
    };
    if leaf_is_anchor && let Some(e) = leaf_own() {
        return Some(e);
    }

    // Issuers' own properties, from the leaf upward.
    let untrusted = ctx.path.anchor.is_none();
    // Each issuer from the leaf upward, as `PathBuildingStep::Check` tries it
    // (pkixbuild.cpp): its parsing (`BackCert::Init`), its name constraints over all it
    // stands above, then its own properties in `CheckIssuerIndependentProperties`'s order
    // (pkixcheck.cpp): its dates as written (`ParseValidity`), the signature algorithm
    // fields (not a trust anchor's), the key, key
    // usage, basic constraints (a CA, the path length), the dates (a trust anchor's too).
    // A CA's fault is reported at once, before its own issuer is looked for.
    let constrains = |by: Constrainer| {
        findings
            .iter()
            .any(|f| matches!(f.kind, K::NameConstraintViolation { by: b, .. } if b == by))
    };
    let about = |issuer: usize, pick: &dyn Fn(&K) -> Option<usize>| {
        findings.iter().any(|f| pick(&f.kind) == Some(issuer))
    };
    for (position, &i) in ctx.path.chain.iter().enumerate().skip(1) {
        // PSM reads each certificate the server sent before offering it as an issuer, and
        // leaves out one `BackCert::Init` refuses (`NSSCertDBTrustDomain::FindIssuer`,
        // security/certverifier/NSSCertDBTrustDomain.cpp), as it does a root the reader
        // trusts: then no issuer is found.
        if has(i, &|k| matches!(k, K::UnsupportedCriticalExtension { .. }))
            || trips(i, fields::FirefoxStep::Parsing)
            || trips(i, fields::FirefoxStep::Framing)
            || ctx.analysis.data.get(i).is_some_and(firefox_refuses_frame)
        {
            return Some(F::UnknownIssuer);
        }
        if trips(i, fields::FirefoxStep::NameConstraints) {
            return Some(F::BadDer);
        }
        if constrains(Constrainer::Certificate(i)) {
            return Some(F::CertNotInNameSpace);
        }
        // PSM checks the name first, as for the site's own dates
        // (`CertVerifier::VerifySSLServerCert`).
        if dates_invalid(i) {
            return name_error(Some(F::InvalidTime));
        }
        if Some(position) != anchor_in_chain
            && let Some(e) = algorithm_fields(i)
        {
            return Some(e);
        }
        if let Some(e) = key_error(i) {
            return Some(e);
        }
        if about(i, &|k| match k {
            K::IssuerCannotSign { issuer, .. } => Some(*issuer),
            _ => None,
        }) {
            return Some(F::InadequateKeyUsage);
        }
        if trips(i, fields::FirefoxStep::BasicConstraints) {
            return Some(F::ExtensionValueInvalid);
        }
        if about(i, &|k| match k {
            K::IssuerNotCa { issuer, .. } => Some(*issuer),
            _ => None,
        }) {
            return Some(F::CaCertInvalid);
        }
        if about(i, &|k| match k {
            K::PathLenExceeded { issuer, .. } => Some(*issuer),
            _ => None,
        }) {
            return Some(F::PathLenConstraintInvalid);
        }
        if trips(i, fields::FirefoxStep::ExtendedKeyUsage) {
            return Some(F::InadequateCertType);
        }
        match ctx.validity.get(i) {
            Some(ValidityStatus::Expired) => return Some(F::ExpiredIssuerCertificate),
            Some(ValidityStatus::NotYetValid) => return Some(F::NotYetValidIssuerCertificate),
            _ => {}
        }
    }
    // A trust anchor above the chain (not pasted): the constraints the root set gives it
    // (`additionalNameConstraints`), then its own dates when it came as a certificate
    // (Mozilla's roots here are names and keys; their CA properties are not modelled).
    if constrains(Constrainer::Anchor) {
        return Some(F::CertNotInNameSpace);
    }
    if let Some(anchor) = ctx.path.anchor.filter(|_| !ctx.path.anchor_in_chain)
        && let Some((not_before, not_after)) = anchor.dates
    {
        if ctx.options.at > not_after {
            return Some(F::ExpiredIssuerCertificate);
        }
        if ctx.options.at < not_before {
            return Some(F::NotYetValidIssuerCertificate);
        }
    }
    // mozilla::pkix finds issuers by name: one whose name does not chain is none at all.
    let name_mismatch = findings
        .iter()
        .any(|f| matches!(f.kind, K::NameMismatch { .. }));
    // It checks a signature only once the issuers above it have led to a trust anchor
    // (`VerifySignedData` after `BuildForward` in `PathBuildingStep::Check`): below an
    // issuer nobody trusts none is checked; an anchor named as an issuer whose key does
    // not verify the certificate is a bad signature.
    if untrusted || name_mismatch {
        let broken = ctx
            .path
            .named_anchor
            .is_some_and(|(_, status)| status == SignatureStatus::Invalid);
        return Some(if broken {
            F::BadSignature
        } else {
            F::UnknownIssuer
        });
    }
    // The signatures, from the top down, as the path is unwound (`VerifySignedData` after
    // `BuildForward` returns in `PathBuildingStep::Check`).
    for &i in ctx.path.chain.iter().rev() {
        if has(i, &|k| matches!(k, K::SignatureInvalid { .. })) {
            return Some(F::BadSignature);
        }
    }
    // A chain was found: the site's SCT list is read (`PathBuildingStep::Check`), then the
    // leaf's deferred fault, if any.
    if !leaf_is_anchor && trips(leaf, fields::FirefoxStep::Scts) {
        return Some(F::BadDer);
    }
    if !leaf_is_anchor && let Some(e) = leaf_own() {
        return Some(e);
    }
    // The leaf's deferred dates: the name is checked first, as the graver error (PSM reads
    // the name only for a date error, not for the third try's).
    match ctx.validity.get(leaf) {
        Some(ValidityStatus::Expired | ValidityStatus::NotYetValid) if third_try => {
            Some(F::InadequateKeyUsage)
        }
        Some(ValidityStatus::Expired) => name_error(Some(F::ExpiredCertificate)),
        Some(ValidityStatus::NotYetValid) => name_error(Some(F::NotYetValidCertificate)),
        _ => name_error(None),
    }
}

/// A signature algorithm as mozilla::pkix reads it: the kind of signature and its digest
/// (`SignatureAlgorithmIdentifierValue`, lib/mozpkix/lib/pkixder.cpp): RSA PKCS#1 v1.5 and
/// ECDSA with SHA-1, -256, -384 or -512, with NULL parameters or none (other parameters are
/// `ERROR_BAD_DER`: [`firefox_algorithm_fields`]), RSA-PSS with the three parameter sets the
/// Baseline Requirements allow. Anything else it does not read
/// (`ERROR_CERT_SIGNATURE_ALGORITHM_DISABLED`).
fn firefox_reads(alg: &SigAlg, params: Parameters) -> Option<(&'static str, Hash)> {
    let digest = |h: &Hash| matches!(h, Hash::Sha1 | Hash::Sha256 | Hash::Sha384 | Hash::Sha512);
    if params == Parameters::Other && !matches!(alg, SigAlg::RsaPss { .. }) {
        return None;
    }
    match alg {
        SigAlg::RsaPkcs1(h) if digest(h) => Some(("RSA_PKCS1", *h)),
        SigAlg::Ecdsa(h) if digest(h) => Some(("ECDSA", *h)),
        SigAlg::RsaPss { hash, .. } if *hash != Hash::Sha1 && chromium_takes(alg) => {
            Some(("RSA_PSS", *hash))
        }
        _ => None,
    }
}

/// Firefox's first check of a certificate that is not a trust anchor, of its two algorithm
/// fields (`CheckSignatureAlgorithm`, lib/mozpkix/lib/pkixcheck.cpp): each must be one it
/// reads (`SEC_ERROR_CERT_SIGNATURE_ALGORITHM_DISABLED`), both the same kind and digest
/// (`MOZILLA_PKIX_ERROR_SIGNATURE_ALGORITHM_MISMATCH`), and the digest not SHA-1, which
/// its trust domain refuses for every certificate (`CheckSignatureDigestAlgorithm`,
/// security/certverifier/NSSCertDBTrustDomain.cpp).
fn firefox_algorithm_fields(d: &CertData) -> Option<FirefoxError> {
    use FirefoxError as F;
    let (outer_params, inner_params) = d.sig_params;
    // RSA PKCS#1 v1.5 or ECDSA with parameters other than NULL: `ERROR_BAD_DER`, once the
    // OID is known ("params are NULL or omitted").
    let bad_der = |alg: &SigAlg, params| {
        params == Parameters::Other && matches!(alg, SigAlg::RsaPkcs1(_) | SigAlg::Ecdsa(_))
    };
    let unread = |alg: &SigAlg, params| {
        if bad_der(alg, params) {
            F::BadDer
        } else {
            F::SignatureAlgorithmDisabled
        }
    };
    let Some(outer) = firefox_reads(&d.sig_alg, outer_params) else {
        return Some(unread(&d.sig_alg, outer_params));
    };
    match firefox_reads(&d.tbs_sig_alg, inner_params) {
        None => Some(unread(&d.tbs_sig_alg, inner_params)),
        Some(inner) if inner != outer => Some(F::SignatureAlgorithmMismatch),
        Some(_) if outer.1 == Hash::Sha1 => Some(F::SignatureAlgorithmDisabled),
        Some(_) => None,
    }
}

/// What `build_chain` raises for a chain of `len` that reaches no trusted root, by whether
/// its top certificate is self-signed.
fn untrusted_end(self_signed: bool, len: usize) -> OpenSslError {
    match (self_signed, len) {
        (true, 1) => OpenSslError::DepthZeroSelfSigned,
        (true, _) => OpenSslError::SelfSignedCertInChain,
        (false, _) => OpenSslError::UnableToGetIssuerCertLocally,
    }
}

/// The chain OpenSSL builds from `leaf` through the pasted certificates alone
/// (`build_chain`'s `find_issuer` in the untrusted ones: names and key identifiers, no
/// signature), up to a self-issued one or one whose issuer was not pasted.
fn pasted_chain(ctx: &Ctx<'_>, leaf: usize) -> Vec<usize> {
    let mut chain = vec![leaf];
    while let Some(&last) = chain.last() {
        if chain.len() > MAX_DEPTH || ctx.analysis.certs.get(last).is_some_and(|c| c.self_issued) {
            break;
        }
        let next = ctx.analysis.edges.get(last).and_then(|edges| {
            edges.iter().find(|e| {
                e.names_match && e.key_ids_match != Some(false) && !chain.contains(&e.parent)
            })
        });
        match next {
            Some(edge) => chain.push(edge.parent),
            None => break,
        }
    }
    chain
}

/// Whether the issuer of a trusted certificate is itself one of the judgement's trusted
/// roots (by name), as OpenSSL's `build_chain` looks it up in its store.
fn issuer_is_trusted(ctx: &Ctx<'_>, anchor: &Anchor) -> bool {
    let Some((raw, norm)) = &anchor.issuer else {
        return false;
    };
    let mozilla: &[Anchor] = if ctx.options.mozilla_roots {
        super::anchors::mozilla()
    } else {
        &[]
    };
    ctx.options.extra_anchors.iter().chain(mozilla).any(|root| {
        root.strict.is_none_or(|facts| facts.self_signed)
            && chain::names_equal(&root.subject_raw, &root.subject_norm, raw, norm)
    })
}

/// What OpenSSL 3 raises, in the order `X509_verify_cert` raises it
/// (crypto/x509/x509_vfy.c; see [`super::openssl`]), over the path this judgement built.
/// The security level is OpenSSL's level 2 (Debian's system default, and Python's):
/// RSA keys of at least 2048 bits, no SHA-1 or MD5 signatures (`check_key_level`,
/// `check_sig_level` with crypto/x509/x509_vfy.c `minbits_table`).
fn openssl(ctx: &Ctx<'_>, findings: &[Finding], host: Option<&HostReport>) -> Vec<OpenSslFailure> {
    use OpenSslCheck as C;
    use OpenSslError as O;
    let chain = &ctx.path.chain;
    let mut out = Vec::new();
    let Some(leaf) = ctx.leaf() else {
        return out;
    };
    let at = |error, depth, check| OpenSslFailure {
        error,
        depth,
        check,
    };
    let on = |i: usize| findings.iter().filter(move |f| f.certificate == Some(i));
    let has = |i: usize, pick: &dyn Fn(&K) -> bool| on(i).any(|f| pick(&f.kind));
    let small_rsa = |i: usize| {
        ctx.analysis
            .data
            .get(i)
            .and_then(|d| d.rsa_bits)
            .is_some_and(|bits| bits < 2048)
    };
    // build_chain looks an issuer up by name and key identifier, never by its signature: a
    // chain whose top names a trusted root that did not sign it still reaches that root
    // (`ossl_x509_likely_issued`, crypto/x509/v3_purp.c: the names, the authority key
    // identifier against the root's, the key's kind), and the signature fails afterwards,
    // in internal_verify.
    let unverified_root = ctx
        .path
        .named_anchor
        .and_then(|(root, status)| (status == SignatureStatus::Invalid).then_some(root))
        .filter(|root| {
            ctx.top()
                .and_then(|top| ctx.analysis.data.get(top))
                .is_some_and(|d| {
                    let ids_agree = match (&d.aki, &root.key_id) {
                        (Some(aki), Some(key_id)) => aki == key_id,
                        _ => true,
                    };
                    ids_agree && super::openssl::key_fits(&d.tbs_sig_alg, &root.key) != Some(false)
                })
        });
    let store_root = ctx.path.anchor.or(unverified_root);
    // The root OpenSSL takes from its store when it was not pasted sits above the chain.
    let anchor_outside = store_root.is_some() && !ctx.path.anchor_in_chain;
    let top_depth = chain.len().saturating_sub(1);

    // X509_verify_cert: the leaf's key first.
    if small_rsa(leaf) {
        out.push(at(O::EeKeyTooSmall, 0, C::SecurityLevel));
    }
    // build_chain takes a certificate as another's issuer only if its key is of the kind
    // the other's signed part names (`check_sig_alg_match` in crypto/x509/v3_purp.c, which
    // `ossl_x509_likely_issued` asks, whatever the outer field says): otherwise the chain
    // ends below that issuer, which is then not found.
    let issuer_key = |depth: usize| match chain.get(depth.saturating_add(1)) {
        Some(&parent) => ctx.analysis.data.get(parent).map(|d| &d.key),
        None if anchor_outside => store_root.map(|a| &a.key),
        None => None,
    };
    let pasted_anchor = ctx.pasted_anchor_position();
    // A keyUsage that OpenSSL cannot read or that names no use makes a certificate invalid
    // to it (`ossl_x509v3_cache_extensions`, v3_purp.c: X509V3_R_EMPTY_KEY_USAGE), as does
    // another extension it reads there and cannot decode (`fields::openssl_refuses`);
    // `ossl_x509_likely_issued` then takes no issuer for it, nor it as anyone's issuer.
    let invalid_to_openssl = |i: usize| {
        ctx.analysis.data.get(i).is_some_and(|d| {
            !d.key_usage_openssl.names_a_use() || d.unparsable_extensions.iter().any(|u| u.openssl)
        })
    };
    let unfit = chain.iter().enumerate().find_map(|(depth, &i)| {
        let d = ctx.analysis.data.get(i)?;
        let issuer_invalid = chain
            .get(depth.saturating_add(1))
            .is_some_and(|&parent| invalid_to_openssl(parent));
        let unfit = Some(depth) != pasted_anchor
            && (invalid_to_openssl(i)
                || issuer_invalid
                || issuer_key(depth).is_some_and(|key| {
                    super::openssl::key_fits(&d.tbs_sig_alg, key) == Some(false)
                }));
        unfit.then_some(depth)
    });
    // build_chain: no trusted root.
    if let Some(depth) = unfit {
        out.push(at(O::UnableToGetIssuerCertLocally, depth, C::Chain));
    } else if store_root.is_none() {
        let top = ctx.top().unwrap_or(leaf);
        let self_signed = ctx
            .analysis
            .data
            .get(top)
            .is_some_and(CertData::openssl_self_signed);
        out.push(at(
            untrusted_end(self_signed, chain.len()),
            top_depth,
            C::Chain,
        ));
    }
    // build_chain, for a trusted certificate that is no root (a custom anchor that is not
    // self-signed): only X509_V_FLAG_PARTIAL_CHAIN lets it end the chain. Without it
    // OpenSSL looks on for its issuer among the trusted ones ("unable to get issuer
    // certificate" at its depth, the pasted ones above it unread), and does not take a
    // trusted leaf as trusted at all: it builds on from the pasted certificates and ends
    // where they end, untrusted. (When the trusted certificate's own issuer is a trusted
    // root as well, OpenSSL goes on to that root and nothing is raised here.)
    if let Some(anchor) = store_root
        && anchor.strict.is_some_and(|facts| !facts.self_signed)
        && !issuer_is_trusted(ctx, anchor)
    {
        let depth = if ctx.path.anchor_in_chain {
            ctx.path.anchor_position.unwrap_or(top_depth)
        } else {
            chain.len()
        };
        if depth > 0 {
            out.push(at(O::UnableToGetIssuerCert, depth, C::PartialChain));
        } else {
            let pasted = pasted_chain(ctx, leaf);
            let top = pasted.last().copied().unwrap_or(leaf);
            let self_signed = ctx
                .analysis
                .data
                .get(top)
                .is_some_and(CertData::openssl_self_signed);
            let depth = pasted.len().saturating_sub(1);
            out.push(at(
                untrusted_end(self_signed, pasted.len()),
                depth,
                C::PartialChain,
            ));
        }
    }
    // check_extensions, leaf first: critical extensions, CA (`X509_check_ca`: basicConstraints,
    // and a keyUsage that allows keyCertSign), a curve written out (`check_curve`, in a chain
    // of two or more), what strict mode adds, purpose, path length.
    let openssl_len = chain.len().saturating_add(usize::from(anchor_outside));
    for (depth, &i) in chain.iter().enumerate() {
        if has(i, &|k| matches!(k, K::UnsupportedCriticalExtension { .. })) {
            out.push(at(O::UnhandledCriticalExtension, depth, C::Extensions));
        }
        let invalid_ca = ctx
            .analysis
            .data
            .get(i)
            .is_some_and(|d| d.strict.invalid_issuer(depth, openssl_len));
        if invalid_ca {
            out.push(at(O::InvalidCa, depth, C::Extensions));
        }
        let explicit_curve = ctx
            .analysis
            .data
            .get(i)
            .is_some_and(|d| d.strict.explicit_curve);
        if openssl_len > 1 && explicit_curve {
            out.push(at(O::EcKeyExplicitParams, depth, C::Extensions));
        }
        if let Some(d) = ctx.analysis.data.get(i) {
            for error in d.strict.failures(depth, openssl_len, invalid_ca) {
                out.push(at(error, depth, C::Strict));
            }
        }
        if ctx
            .analysis
            .data
            .get(i)
            .is_some_and(|d| d.strict.refuses_tls_server(depth))
        {
            out.push(at(O::InvalidPurpose, depth, C::Purpose));
        }
        if findings
            .iter()
            .any(|f| matches!(f.kind, K::PathLenExceeded { issuer, .. } if issuer == i))
        {
            out.push(at(O::PathLengthExceeded, depth, C::Extensions));
        }
    }
    // The store's root, when it was not pasted, is read too (its own facts when it came as
    // a certificate; Mozilla's roots are CAs without extKeyUsage, and strict mode's verdict
    // on them is listed): a CA, strict mode, the purpose; then its pathLenConstraint.
    if anchor_outside && let Some(anchor) = store_root {
        let top = chain.len();
        let invalid_ca = anchor
            .strict
            .is_some_and(|facts| facts.invalid_issuer(top, openssl_len));
        if invalid_ca {
            out.push(at(O::InvalidCa, top, C::Extensions));
        }
        if anchor.strict.is_some_and(|facts| facts.explicit_curve) {
            out.push(at(O::EcKeyExplicitParams, top, C::Extensions));
        }
        let strict = match anchor.strict {
            Some(facts) => facts.failures(top, openssl_len, invalid_ca),
            None => super::anchors::mozilla_strict(anchor).to_vec(),
        };
        for error in strict {
            out.push(at(error, top, C::Strict));
        }
        if anchor
            .strict
            .is_some_and(|facts| facts.refuses_tls_server(top))
        {
            out.push(at(O::InvalidPurpose, top, C::Purpose));
        }
    }
    if anchor_outside && let Some(limit) = store_root.and_then(|a| a.path_len) {
        let intermediates = chain
            .iter()
            .skip(1)
            .filter(|&&i| !ctx.analysis.certs.get(i).is_some_and(|c| c.self_issued))
            .count();
        if intermediates > usize::try_from(limit).unwrap_or(usize::MAX) {
            out.push(at(O::PathLengthExceeded, chain.len(), C::Extensions));
        }
    }
    // check_auth_level: issuers' keys, then every signature but the top's own.
    for (depth, &i) in chain.iter().enumerate() {
        if depth > 0 && small_rsa(i) {
            out.push(at(O::CaKeyTooSmall, depth, C::SecurityLevel));
        }
        let signs_itself = depth == top_depth && !anchor_outside;
        if !signs_itself && has(i, &|k| matches!(k, K::WeakSignatureAlgorithm { .. })) {
            out.push(at(O::CaMdTooWeak, depth, C::SecurityLevel));
        }
    }
    // check_id: X509_check_host accepts what Chromium refuses (a CN when the leaf has no
    // DNS name, a wildcard right under a public suffix).
    if let Some(h) = host {
        let leaf_has_dns = ctx
            .analysis
            .data
            .get(leaf)
            .is_some_and(|d| !d.san_dns.is_empty());
        let matched = h.matched_by.is_some()
            || h.wildcard_under_public_suffix.is_some()
            || (!leaf_has_dns && h.common_name_would_match.is_some());
        if h.is_ip {
            // An address is checked as one (X509_check_ip): its iPAddress entries alone.
            if h.matched_by.is_none() {
                out.push(at(O::IpAddressMismatch, 0, C::Host));
            }
        } else if !matched {
            out.push(at(O::HostnameMismatch, 0, C::Host));
        }
    }
    // internal_verify, from the top down: the signature, then the dates.
    // The root is the store's copy ("trusted first", even when one was pasted): its dates
    // are checked when the anchor came as a certificate (Mozilla's set has none).
    let anchor_depth = store_root.map(|_| {
        if ctx.path.anchor_in_chain {
            ctx.path.anchor_position.unwrap_or(top_depth)
        } else {
            chain.len()
        }
    });
    if let (Some(anchor), Some(depth)) = (store_root, anchor_depth)
        && let Some((not_before, not_after)) = anchor.dates
    {
        if ctx.options.at < not_before {
            out.push(at(O::CertNotYetValid, depth, C::Signatures));
        } else if ctx.options.at > not_after {
            out.push(at(O::CertHasExpired, depth, C::Signatures));
        }
    }
    for depth in (0..chain.len()).rev() {
        let Some(&i) = chain.get(depth) else {
            continue;
        };
        if anchor_depth == Some(depth) {
            continue;
        }
        // `X509_verify` (crypto/x509/x_all.c) first asks whether the two algorithm fields
        // are written the same (`X509_ALGOR_cmp`): if not, the signature fails unchecked.
        let written_apart = ctx
            .analysis
            .data
            .get(i)
            .is_some_and(|d| !d.strict.algorithms_agree);
        let unverified = depth == top_depth && unverified_root.is_some();
        if unverified
            || ctx
                .links
                .iter()
                .any(|l| l.child == i && (l.signature == SignatureStatus::Invalid || written_apart))
        {
            out.push(at(O::CertSignatureFailure, depth, C::Signatures));
        }
        // `x509_check_cert_time`: notBefore, then notAfter; a date `X509_cmp_time` cannot
        // read is a format error in its field, and is not compared.
        let [before_unreadable, after_unreadable] = ctx
            .analysis
            .data
            .get(i)
            .map_or([false; 2], |d| d.dates.openssl_unreadable);
        let validity = ctx.validity.get(i);
        if before_unreadable {
            out.push(at(O::ErrorInCertNotBeforeField, depth, C::Signatures));
        } else if validity == Some(&ValidityStatus::NotYetValid) {
            out.push(at(O::CertNotYetValid, depth, C::Signatures));
        }
        if after_unreadable {
            out.push(at(O::ErrorInCertNotAfterField, depth, C::Signatures));
        } else if validity == Some(&ValidityStatus::Expired) {
            out.push(at(O::CertHasExpired, depth, C::Signatures));
        }
    }
    // check_name_constraints.
    for (depth, &i) in chain.iter().enumerate() {
        if has(i, &|k| matches!(k, K::NameConstraintViolation { .. })) {
            out.push(at(O::PermittedViolation, depth, C::NameConstraints));
        }
    }
    out
}
