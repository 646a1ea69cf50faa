//! The padlock page's ASN.1 structure view (`imasara::cert::asn1`) against
//! `openssl asn1parse`: every element OpenSSL lists is in the tree at the same offset, depth,
//! header length and length (the tree also opens strings that encapsulate DER, which
//! asn1parse leaves closed unless asked).
#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::unwrap_used)]

use imasara::cert::Analysis;
use imasara::cert::asn1::{MAX_NODES, tree};

fn asn1parse(der: &[u8]) -> Vec<(usize, usize, usize, usize)> {
    let path = std::env::temp_dir().join(format!("imasara-asn1-{}.der", std::process::id()));
    std::fs::write(&path, der).unwrap();
    let out = std::process::Command::new("openssl")
        .args(["asn1parse", "-inform", "DER", "-in"])
        .arg(&path)
        .output()
        .unwrap_or_else(|e| panic!("openssl: {e}; install openssl (make tools does)"));
    std::fs::remove_file(&path).unwrap();
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|line| {
            // "   13:d=2  hl=2 l=  16 prim: INTEGER ..."
            let (offset, rest) = line.split_once(":d=").unwrap();
            let depth: String = rest.chars().take_while(char::is_ascii_digit).collect();
            let hl = rest.split("hl=").nth(1).unwrap();
            let hl: String = hl.chars().take_while(char::is_ascii_digit).collect();
            let l = rest.split(" l=").nth(1).unwrap().trim_start();
            let l: String = l.chars().take_while(char::is_ascii_digit).collect();
            (
                offset.trim().parse().unwrap(),
                depth.parse().unwrap(),
                hl.parse().unwrap(),
                l.parse().unwrap(),
            )
        })
        .collect()
}

#[test]
fn the_tree_holds_every_element_openssl_lists() {
    for path in [
        "real-chains/amazon.com.pem",
        "badssl/wildcard-rsa2048.pem",
        "x509-parser-assets/IGC_A.pem",
    ] {
        let text = std::fs::read(format!("tests/fixtures/cert/{path}")).unwrap();
        let analysis = Analysis::parse(&text);
        for i in 0..analysis.certificates().len() {
            let der = analysis.der(i).unwrap();
            let ours: std::collections::HashSet<_> = tree(der)
                .nodes
                .iter()
                .map(|n| (n.offset, n.depth, n.header, n.length))
                .collect();
            let theirs = asn1parse(der);
            assert!(theirs.len() > 20, "{path}: {theirs:?}");
            // Depths differ below an opened string: compare what OpenSSL lists at depths
            // no opened string can shift (everything, since OpenSSL opens none, is at the
            // same depth as ours unless it sits inside one, which OpenSSL never shows).
            for element in &theirs {
                assert!(ours.contains(element), "{path} #{i}: {element:?} missing");
            }
        }
    }
}

#[test]
fn the_ten_thousand_name_certificate_is_cut_and_said() {
    let text = std::fs::read("tests/fixtures/cert/badssl/subdomain-10000-sans.pem").unwrap();
    let analysis = Analysis::parse(&text);
    let t = tree(analysis.der(0).unwrap());
    assert_eq!(t.nodes.len(), MAX_NODES);
    assert!(t.cut);
}
