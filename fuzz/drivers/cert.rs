//! Certificate input, as the `cert_parse` and `cert_judge` targets run it (and
//! tests/fuzz_regressions.rs replays it): what every input must survive, and the engine's
//! promise that reports hold indices into the analysis, never dangling ones (src/cert/mod.rs,
//! Contract).

use imasara::cert::documents::MAX_CRL_ENTRIES_KEPT;
use imasara::cert::input::MAX_BLOCKS;
use imasara::cert::{Analysis, MAX_CERTIFICATES, Options, Report, UnixTime};

/// Dates every judgement runs at: before most certificates, today, after most.
pub const DATES: [UnixTime; 3] = [
    UnixTime(978_307_200),   // 2001-01-01T00:00:00Z
    UnixTime(1_795_816_084), // 2026-11-27
    UnixTime(2_524_608_000), // 2050-01-01T00:00:00Z
];

/// Where an input is cut into several files for `parse_inputs`: three ASCII record
/// separators, a sequence no fixture holds, so a single input (a fixture) stays one file.
pub const SPLIT: &[u8] = b"\x1e\x1e\x1e";

/// The files `data` stands for.
pub fn split(data: &[u8]) -> Vec<&[u8]> {
    let mut parts = Vec::new();
    let mut rest = data;
    while let Some(at) = rest.windows(SPLIT.len()).position(|w| w == SPLIT) {
        parts.push(&rest[..at]);
        rest = &rest[at + SPLIT.len()..];
    }
    parts.push(rest);
    parts
}

/// `cert_parse`: any bytes as a paste or a file (PEM, DER, PKCS#7, prose, keys), read by
/// the parser alone (`Analysis::parse_inputs_without_signatures`: everything is read as
/// always, and every signature is "not checked here", as past the signature budget); bytes
/// holding [`SPLIT`] are also read as several files. The readings that check signatures
/// are `cert_judge`'s (every one) and `cert_session`'s (the worker's first answer, then its
/// follow-up). (Until 2026-12-05 this target read with every signature checked, until
/// 2026-12-06 as the worker's first answer: on both, inputs of self-signed P-256
/// certificates spent most of its time in elliptic-curve arithmetic, not in the parser;
/// FUZZING.md.)
pub fn parse(data: &[u8]) {
    let analysis = Analysis::parse_inputs_without_signatures(&[data]);
    check_analysis(&analysis);
    let parts = split(data);
    if parts.len() > 1 {
        let analysis = Analysis::parse_inputs_without_signatures(&parts);
        check_analysis(&analysis);
    }
}

/// `cert_judge`: parse (the files [`split`] finds), then judge as the page does: at
/// [`DATES`], without a host, with the leaf's own first DNS name and a sibling of it
/// (wildcards, the public-suffix rule), with a host taken from the input's last line; then
/// with the last certificate trusted as a custom root and Mozilla's roots off.
pub fn judge(data: &[u8]) {
    let parts = split(data);
    let analysis = Analysis::parse_inputs(&parts);
    check_analysis(&analysis);

    let mut hosts: Vec<Option<String>> = vec![None];
    if let Some(name) = analysis
        .certificates()
        .first()
        .and_then(|c| c.san_dns.first())
    {
        hosts.push(Some(name.clone()));
        hosts.push(Some(format!("x.{}", name.trim_start_matches("*."))));
    }
    // The last line of the input, as a reader would type a host (Unicode, IPs, junk).
    let last_line = data.rsplit(|b| *b == b'\n').next().unwrap_or_default();
    if !last_line.is_empty() && last_line.len() <= 300 {
        hosts.push(Some(String::from_utf8_lossy(last_line).into_owned()));
    }

    for at in DATES {
        for host in &hosts {
            let options = Options {
                host: host.clone(),
                ..Options::at(at)
            };
            check_report(&analysis, &analysis.judge(&options));
        }
    }
    let last = analysis.certificates().len().checked_sub(1);
    if let Some(root) = last.and_then(|last| analysis.anchor(last)) {
        let options = Options {
            host: hosts.get(1).cloned().flatten(),
            extra_anchors: vec![root],
            mozilla_roots: false,
            ..Options::at(DATES[1])
        };
        check_report(&analysis, &analysis.judge(&options));
    }
}

/// Every index in the analysis points at something that exists; reading stopped at the
/// engine's caps (src/cert/input.rs `MAX_BLOCKS`, src/cert/mod.rs `MAX_CERTIFICATES`).
pub fn check_analysis(analysis: &Analysis) {
    let certs = analysis.certificates();
    let blocks = analysis.blocks();
    assert!(certs.len() <= MAX_CERTIFICATES);
    assert!(blocks.len() <= MAX_BLOCKS, "{} blocks", blocks.len());
    for (i, cert) in certs.iter().enumerate() {
        assert_eq!(cert.index, i);
        assert!(
            cert.block < blocks.len(),
            "certificate {i}: block {}",
            cert.block
        );
        assert!(analysis.der(i).is_some());
        assert!(blocks[cert.block].certificates.contains(&i));
        // The page's ASN.1 view of it: bounded, and every element within the bytes.
        let der = analysis.der(i).unwrap_or_default();
        let tree = imasara::cert::asn1::tree(der);
        assert!(tree.nodes.len() <= imasara::cert::asn1::MAX_NODES);
        assert!(
            tree.nodes
                .iter()
                .all(|n| n.offset.saturating_add(n.total()) <= der.len())
        );
    }
    for block in blocks {
        assert!(block.certificates.iter().all(|&c| c < certs.len()));
    }
    // Requests and revocation lists: their blocks exist, a list's issuer and the
    // certificates it revokes are input certificates, and its entries stay within the cap.
    assert!(analysis.requests().len() + analysis.crls().len() <= MAX_CERTIFICATES + 1);
    for request in analysis.requests() {
        assert!(request.block < blocks.len());
    }
    for list in analysis.crls() {
        assert!(list.block < blocks.len());
        assert!(
            list.signature
                .is_none_or(|(issuer, _)| issuer < certs.len())
        );
        assert!(list.entries.len() <= MAX_CRL_ENTRIES_KEPT.min(list.entry_count));
        assert!(list.revokes.iter().all(|r| r.certificate < certs.len()));
        assert!(list.revokes.len() <= list.looked_up);
    }
    for finding in analysis.input_findings() {
        assert!(
            finding.certificate.is_none_or(|c| c < certs.len()),
            "{finding:?}"
        );
        assert!(
            finding.block.is_none_or(|b| b < blocks.len()),
            "{finding:?}"
        );
    }
}

/// Every index in the report points into the analysis; the displayed error is the first.
pub fn check_report(analysis: &Analysis, report: &Report) {
    let n = analysis.certificates().len();
    assert_eq!(report.validity.len(), n);
    assert!(report.chain.iter().all(|&c| c < n), "{:?}", report.chain);
    for link in &report.links {
        assert!(link.child < n);
    }
    if let Some(missing) = report.missing_issuer {
        assert!(missing.child < n);
    }
    if let Some(position) = report.trust.chain_position {
        assert!(position < report.chain.len());
    }
    assert_eq!(report.primary_error, report.errors.iter().copied().min());
    for finding in &report.findings {
        assert!(finding.certificate.is_none_or(|c| c < n), "{finding:?}");
    }
}
