//! Never a panic: arbitrary bytes, mutated certificates and PEM, huge pastes. How long the
//! huge pastes take is measured by the benchmark (`make bench`), not asserted here.
#![cfg(not(target_arch = "wasm32"))]
// A test reports failure by panicking; unwrap is the plain way to say "must be there".
#![allow(clippy::unwrap_used)]

use imasara::cert::{Analysis, Options, UnixTime};

mod support;
use proptest::prelude::*;

fn fixture(path: &str) -> Vec<u8> {
    std::fs::read(format!(
        "{}/tests/fixtures/cert/{path}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .expect("fixture")
}

fn der_of(path: &str, n: usize) -> Vec<u8> {
    let text = String::from_utf8(fixture(path)).unwrap();
    let block = text.split("-----END CERTIFICATE-----").nth(n).unwrap();
    let b64: String = block
        .lines()
        .filter(|l| !l.contains("-----") && !l.trim().is_empty())
        .collect();
    data_encoding::BASE64.decode(b64.as_bytes()).unwrap()
}

fn judge_all(input: &[u8]) {
    let a = Analysis::parse(input);
    for host in [
        None,
        Some("amazon.com"),
        Some("日本語.jp"),
        Some("192.0.2.1"),
        Some(".."),
    ] {
        let mut o = Options::at(UnixTime(1_780_000_000));
        o.host = host.map(str::to_string);
        let _ = a.judge(&o);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        judge_all(&bytes);
    }

    #[test]
    fn arbitrary_der_like(mut bytes in proptest::collection::vec(any::<u8>(), 0..1024)) {
        if !bytes.is_empty() { bytes[0] = 0x30; }
        judge_all(&bytes);
    }

    #[test]
    fn mutated_certificates(cert in 0usize..3, edits in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..8), cut in any::<prop::sample::Index>(), truncate in any::<bool>()) {
        let mut der = der_of("real-chains/amazon.com.pem", cert);
        for (i, v) in edits {
            let at = i.index(der.len());
            der[at] = v;
        }
        if truncate {
            let n = cut.index(der.len());
            der.truncate(n);
        }
        judge_all(&der);
        let mut chain = der.clone();
        chain.extend(der_of("real-chains/amazon.com.pem", (cert + 1) % 3));
        judge_all(&chain);
    }

    #[test]
    fn mutated_pem_text(edits in proptest::collection::vec((any::<prop::sample::Index>(), prop::sample::select(vec![b'-', b'\n', b'\r', b' ', b'A', b'=', b'*', 0xff])), 1..12)) {
        let mut text = fixture("real-chains/docs.python.org.pem");
        for (i, v) in edits {
            let at = i.index(text.len());
            text[at] = v;
        }
        judge_all(&text);
    }
}

#[test]
fn ten_megabyte_paste() {
    let chain = fixture("real-chains/amazon.com.pem");
    let mut big = Vec::with_capacity(10 << 20);
    let mut n = 0u32;
    while big.len() < 10 << 20 {
        big.extend_from_slice(format!("prose line {n} -----BEGIN nothing\r\n").as_bytes());
        big.extend_from_slice(&chain);
        n += 1;
    }
    let a = Analysis::parse(&big);
    let r = a.judge(&Options::at(UnixTime(1_780_000_000)).with_host("amazon.com"));
    assert!(a.certificates().len() >= 1000);
    assert_eq!(r.chain.len(), 3);
}

#[test]
fn ten_megabytes_of_noise_and_broken_blocks() {
    let mut big = Vec::with_capacity(10 << 20);
    let mut x: u32 = 12345;
    while big.len() < 10 << 20 {
        x = x.wrapping_mul(1_103_515_245).wrapping_add(12345);
        match x % 7 {
            0 => big.extend_from_slice(b"-----BEGIN CERTIFICATE-----\n"),
            1 => big.extend_from_slice(b"-----END CERTIFICATE-----\n"),
            2 => big.extend_from_slice(b"MIIB\n"),
            _ => big.extend_from_slice(&x.to_le_bytes()),
        }
    }
    judge_all(&big);
}

/// What a paste may make the engine hold is bounded by its limits, not by its size: a
/// 10 MB paste of empty PEM blocks (about 300,000 of them) is read up to `MAX_BLOCKS`, and
/// the report says where reading stopped.
#[test]
fn blocks_are_read_up_to_the_limit_and_the_stop_is_said() {
    use imasara::cert::input::{MAX_BLOCKS, MAX_FINDINGS_OF_A_KIND};
    use imasara::cert::{Code, FindingKind};
    // Empty revocation lists: each a block, each a "does not read as one" finding.
    let block = b"-----BEGIN X509 CRL-----\n-----END X509 CRL-----\n";
    let big: Vec<u8> = block.iter().copied().cycle().take(10 << 20).collect();
    let a = Analysis::parse(&big);
    assert!(a.blocks().len() <= MAX_BLOCKS, "{}", a.blocks().len());
    // Ten thousand "not a revocation list" findings are listed as twenty and a count.
    let other = a
        .input_findings()
        .iter()
        .filter(|f| f.code() == Code::DocumentUnreadable)
        .count();
    assert_eq!(other, MAX_FINDINGS_OF_A_KIND);
    let counted: Vec<_> = a
        .input_findings()
        .iter()
        .filter_map(|f| match f.kind {
            FindingKind::MoreOfTheSame { code, count } => Some((code, count)),
            _ => None,
        })
        .collect();
    assert_eq!(
        counted,
        [(
            Code::DocumentUnreadable,
            a.blocks().len() - MAX_FINDINGS_OF_A_KIND
        )]
    );
    assert!(a.input_findings().len() <= MAX_FINDINGS_OF_A_KIND + 4);
    let stopped: Vec<_> = a
        .input_findings()
        .iter()
        .filter_map(|f| match f.kind {
            FindingKind::ReadingStopped { blocks, .. } => Some(blocks),
            _ => None,
        })
        .collect();
    assert_eq!(stopped, [MAX_BLOCKS]);
    // A short input never stops.
    let small = Analysis::parse(&fixture("real-chains/amazon.com.pem"));
    assert!(
        !small
            .input_findings()
            .iter()
            .any(|f| f.code() == Code::ReadingStopped)
    );
}

/// A PKCS#7 bundle claiming 100,000 certificates (two bytes each) yields no more than the
/// engine reads, not 100,000 allocations.
#[test]
fn a_bundle_of_tiny_certificates_is_read_up_to_the_limit() {
    use imasara::cert::{Code, MAX_CERTIFICATES};
    use support::wrap as tlv;
    let certificates: Vec<u8> = [0x30, 0x00].repeat(100_000);
    let signed_data = tlv(
        0x30,
        &[
            tlv(0x02, &[1]),
            tlv(0x31, &[]),
            tlv(
                0x30,
                &tlv(
                    0x06,
                    &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x01],
                ),
            ),
            tlv(0xa0, &certificates),
        ]
        .concat(),
    );
    let content_info = tlv(
        0x30,
        &[
            tlv(
                0x06,
                &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x02],
            ),
            tlv(0xa0, &signed_data),
        ]
        .concat(),
    );
    let a = Analysis::parse(&content_info);
    assert!(a.certificates().len() <= MAX_CERTIFICATES);
    let codes: Vec<Code> = a.input_findings().iter().map(|f| f.code()).collect();
    assert!(codes.contains(&Code::ReadingStopped), "{codes:?}");
    assert!(
        codes.len() <= MAX_CERTIFICATES + 4,
        "{} findings",
        codes.len()
    );
}

/// Every fixture and sample file, read without signatures (the `cert_parse` fuzz target's
/// reading, FUZZING.md), is the full reading in everything but what a signature decides: the
/// same blocks, certificates and fields, as many requests and revocation lists; no signature counts
/// as checked, and the input findings differ only by the note that checks were left out.
#[test]
fn a_reading_without_signatures_differs_only_in_signatures() {
    use imasara::cert::FindingKind;
    use imasara::cert::ct::SctSignature;
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    let mut dirs = vec![
        root.join("tests/fixtures/cert"),
        root.join("static/samples"),
    ];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_none_or(|e| e != "md") {
                files.push(path);
            }
        }
    }
    assert!(files.len() > 60, "{} files", files.len());
    let mut with_signatures = 0;
    for path in files {
        let bytes = std::fs::read(&path).unwrap();
        let full = Analysis::parse(&bytes);
        let bare = Analysis::parse_inputs_without_signatures(&[&bytes]);
        let at = path.display();
        assert_eq!(bare.blocks(), full.blocks(), "{at}");
        assert_eq!(bare.requests().len(), full.requests().len(), "{at}");
        assert_eq!(bare.crls().len(), full.crls().len(), "{at}");
        assert_eq!(bare.certificates().len(), full.certificates().len(), "{at}");
        for (b, f) in bare.certificates().iter().zip(full.certificates()) {
            assert!(!b.self_signed, "{at}: {}", b.subject);
            assert!(
                b.scts.iter().all(|s| matches!(
                    s.signature,
                    SctSignature::NotChecked | SctSignature::UnknownLog | SctSignature::NoIssuer
                )),
                "{at}"
            );
            let mut b = b.clone();
            b.self_signed = f.self_signed;
            for (s, full_sct) in b.scts.iter_mut().zip(&f.scts) {
                s.signature = full_sct.signature;
            }
            assert_eq!(&b, f, "{at}");
        }
        let capped = |a: &Analysis| {
            a.input_findings()
                .iter()
                .filter(|f| !matches!(f.kind, FindingKind::SignatureWorkCapped { .. }))
                .cloned()
                .collect::<Vec<_>>()
        };
        let unchecked = bare.input_findings().iter().find_map(|f| match f.kind {
            FindingKind::SignatureWorkCapped { unchecked } => Some(unchecked),
            _ => None,
        });
        if full.certificates().iter().any(|c| c.self_signed) {
            with_signatures += 1;
            assert!(unchecked.is_some_and(|n| n > 0), "{at}");
        }
        assert_eq!(capped(&bare), capped(&full), "{at}");
    }
    assert!(
        with_signatures > 20,
        "{with_signatures} files with a signature checked"
    );
}
