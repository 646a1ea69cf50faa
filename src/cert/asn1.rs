//! A certificate's DER as a tree of elements, as `openssl asn1parse` and Lapo Luchini's
//! asn1js show it: each element's tag, where it starts, its header and content lengths,
//! and for a primitive element a short reading of its value (an OID in dotted form with
//! its name, a string, a time, an integer in hexadecimal).
//!
//! Constructed elements are opened; so is an OCTET STRING or BIT STRING whose content is
//! exactly one constructed DER element (an extension's value, an RSA public key), as
//! asn1js does ("encapsulates"). The tree is flat, in document order, each node with its
//! depth, and stops at [`MAX_NODES`] so that a 10,000-name certificate stays cheap to show.
//! Pure and panic-free on any bytes: the page builds it from the DER it already holds.

use super::der::{Tlv, read_tlv};

/// The most nodes one tree holds; [`Tree::cut`] says when there were more.
pub const MAX_NODES: usize = 3_000;

/// How deep the tree goes (real certificates stay under 15).
const MAX_DEPTH: usize = 40;

/// The longest value reading, in characters.
const VALUE_CHARS: usize = 64;

/// One element of the DER.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Node {
    /// Nesting depth, 0 for the outermost element.
    pub depth: usize,
    /// The identifier octet.
    pub tag: u8,
    /// Offset of the identifier octet.
    pub offset: usize,
    /// Identifier and length octets.
    pub header: usize,
    /// Content octets.
    pub length: usize,
    /// A short reading of a primitive value (or of what a string encapsulates: none).
    pub value: Option<String>,
}

impl Node {
    /// The element's whole length (header and content).
    pub fn total(&self) -> usize {
        self.header.saturating_add(self.length)
    }

    /// The tag's name: `SEQUENCE`, `INTEGER`, `[0]`, `[APPLICATION 1]`…
    pub fn tag_name(&self) -> String {
        tag_name(self.tag)
    }
}

/// The elements of a DER buffer.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Tree {
    /// Document order, each after its parent.
    pub nodes: Vec<Node>,
    /// More elements than [`MAX_NODES`] (or nesting past the depth limit) were left out.
    pub cut: bool,
}

/// The name of an identifier octet (X.680 section 8.4, X.690 section 8.1.2).
pub fn tag_name(tag: u8) -> String {
    let number = tag & 0x1f;
    match tag & 0xc0 {
        0x00 => match number {
            1 => "BOOLEAN".to_owned(),
            2 => "INTEGER".to_owned(),
            3 => "BIT STRING".to_owned(),
            4 => "OCTET STRING".to_owned(),
            5 => "NULL".to_owned(),
            6 => "OBJECT IDENTIFIER".to_owned(),
            10 => "ENUMERATED".to_owned(),
            12 => "UTF8String".to_owned(),
            16 => "SEQUENCE".to_owned(),
            17 => "SET".to_owned(),
            19 => "PrintableString".to_owned(),
            20 => "T61String".to_owned(),
            22 => "IA5String".to_owned(),
            23 => "UTCTime".to_owned(),
            24 => "GeneralizedTime".to_owned(),
            26 => "VisibleString".to_owned(),
            28 => "UniversalString".to_owned(),
            30 => "BMPString".to_owned(),
            n => format!("[UNIVERSAL {n}]"),
        },
        0x40 => format!("[APPLICATION {number}]"),
        0x80 => format!("[{number}]"),
        _ => format!("[PRIVATE {number}]"),
    }
}

/// The tree of `der` (several top-level elements are read in turn).
pub fn tree(der: &[u8]) -> Tree {
    let mut out = Tree::default();
    let mut pos = 0;
    while pos < der.len() && !out.cut {
        match read_tlv(der, pos, der.len()) {
            Ok(t) => {
                walk(der, &t, 0, &mut out);
                pos = t.end;
            }
            Err(_) => break,
        }
    }
    out
}

fn walk(der: &[u8], t: &Tlv, depth: usize, out: &mut Tree) {
    if out.nodes.len() >= MAX_NODES || depth > MAX_DEPTH {
        out.cut = true;
        return;
    }
    let content = der.get(t.content..t.end).unwrap_or_default();
    let constructed = t.tag & 0x20 != 0;
    let inner = if constructed {
        Some(t.content)
    } else {
        encapsulated(der, t)
    };
    out.nodes.push(Node {
        depth,
        tag: t.tag,
        offset: t.start,
        header: t.content.saturating_sub(t.start),
        length: content.len(),
        value: if inner.is_some() {
            None
        } else {
            reading(t.tag, content)
        },
    });
    let Some(mut pos) = inner else { return };
    while pos < t.end && !out.cut {
        match read_tlv(der, pos, t.end) {
            Ok(child) => {
                walk(der, &child, depth.saturating_add(1), out);
                pos = child.end;
            }
            Err(_) => break,
        }
    }
}

/// Where the DER inside a string starts, when the string holds exactly one constructed
/// element (OCTET STRING) or does after its unused-bits octet of 0 (BIT STRING).
fn encapsulated(der: &[u8], t: &Tlv) -> Option<usize> {
    let start = match t.tag {
        0x04 => t.content,
        0x03 if der.get(t.content) == Some(&0) => t.content.checked_add(1)?,
        _ => return None,
    };
    let inner = read_tlv(der, start, t.end).ok()?;
    (inner.tag & 0x20 != 0 && inner.end == t.end).then_some(start)
}

/// A short reading of a primitive value.
fn reading(tag: u8, content: &[u8]) -> Option<String> {
    let short = |text: String| {
        if text.chars().count() > VALUE_CHARS {
            let cut: String = text.chars().take(VALUE_CHARS).collect();
            format!("{cut}…")
        } else {
            text
        }
    };
    match tag {
        0x01 => Some(if content.first().is_some_and(|b| *b != 0) {
            "TRUE".to_owned()
        } else {
            "FALSE".to_owned()
        }),
        0x02 | 0x0a | 0x03 | 0x04 | 0x80..=0x9e => {
            (!content.is_empty()).then(|| short(super::fields::hex(content)))
        }
        0x06 => Some(oid_text(content)),
        0x0c | 0x13 | 0x14 | 0x16 | 0x17 | 0x18 | 0x1a => {
            Some(short(String::from_utf8_lossy(content).into_owned()))
        }
        0x1e => {
            let units = content.chunks_exact(2).map(|p| {
                u16::from_be_bytes([
                    p.first().copied().unwrap_or(0),
                    p.get(1).copied().unwrap_or(0),
                ])
            });
            Some(short(
                char::decode_utf16(units)
                    .map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER))
                    .collect(),
            ))
        }
        _ => None,
    }
}

/// An OID's content octets in dotted form (X.690 section 8.19), with its name when the
/// engine knows one (`2.5.4.3 commonName`... as the certificate fields name it).
fn oid_text(content: &[u8]) -> String {
    let mut arcs: Vec<u128> = Vec::new();
    let mut value: u128 = 0;
    for (i, byte) in content.iter().enumerate() {
        value = (value << 7) | u128::from(byte & 0x7f);
        if byte & 0x80 == 0 {
            if arcs.is_empty() {
                let first = value.min(80) / 40;
                arcs.push(first);
                arcs.push(value.saturating_sub(first.saturating_mul(40)));
            } else {
                arcs.push(value);
            }
            value = 0;
        } else if i > 32 {
            break; // an arc this long is not a real OID
        }
    }
    let dotted = arcs
        .iter()
        .map(u128::to_string)
        .collect::<Vec<_>>()
        .join(".");
    match super::oids::name_of(content) {
        Some(name) => format!("{dotted} {name}"),
        None => dotted,
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use super::*;

    #[test]
    fn a_small_structure_reads_as_asn1parse_shows_it() {
        // SEQUENCE { INTEGER 5, OBJECT IDENTIFIER 2.5.4.3, OCTET STRING { SEQUENCE { BOOLEAN TRUE } } }
        let der = [
            0x30, 0x0f, 0x02, 0x01, 0x05, 0x06, 0x03, 0x55, 0x04, 0x03, 0x04, 0x05, 0x30, 0x03,
            0x01, 0x01, 0xff, 0x05, 0x00,
        ];
        let t = tree(&der);
        let seen: Vec<_> = t
            .nodes
            .iter()
            .map(|n| {
                (
                    n.depth,
                    n.tag_name(),
                    n.offset,
                    n.header,
                    n.length,
                    n.value.clone(),
                )
            })
            .collect();
        assert_eq!(
            seen,
            vec![
                (0, "SEQUENCE".to_owned(), 0, 2, 15, None),
                (1, "INTEGER".to_owned(), 2, 2, 1, Some("05".to_owned())),
                (
                    1,
                    "OBJECT IDENTIFIER".to_owned(),
                    5,
                    2,
                    3,
                    Some("2.5.4.3 CN".to_owned())
                ),
                (1, "OCTET STRING".to_owned(), 10, 2, 5, None),
                (2, "SEQUENCE".to_owned(), 12, 2, 3, None),
                (3, "BOOLEAN".to_owned(), 14, 2, 1, Some("TRUE".to_owned())),
                (0, "NULL".to_owned(), 17, 2, 0, None),
            ]
        );
        assert!(!t.cut);
    }

    #[test]
    fn tags_are_named_by_class() {
        assert_eq!(tag_name(0xa0), "[0]");
        assert_eq!(tag_name(0x82), "[2]");
        assert_eq!(tag_name(0x61), "[APPLICATION 1]");
        assert_eq!(tag_name(0xc3), "[PRIVATE 3]");
        assert_eq!(tag_name(0x09), "[UNIVERSAL 9]");
    }

    #[test]
    fn big_and_broken_input_is_bounded() {
        // 5,000 NULLs in a SEQUENCE: cut at MAX_NODES.
        let mut body = Vec::new();
        for _ in 0..5_000 {
            body.extend_from_slice(&[0x05, 0x00]);
        }
        let mut der = vec![0x30, 0x82, 0x27, 0x10];
        der.extend_from_slice(&body);
        let t = tree(&der);
        assert_eq!(t.nodes.len(), MAX_NODES);
        assert!(t.cut);
        // Deep nesting stops at the depth limit.
        let mut deep = Vec::new();
        for i in 0..60u8 {
            deep.extend_from_slice(&[0x30, 2 * (59 - i)]);
        }
        let t = tree(&deep);
        assert!(t.cut && t.nodes.len() <= MAX_DEPTH + 1);
        // Truncated or garbage bytes: what can be read, no panic.
        assert!(tree(&[0x30, 0x05, 0x02]).nodes.is_empty());
        assert!(tree(&[]).nodes.is_empty());
        assert!(tree(&[0xff; 10]).nodes.is_empty());
    }

    #[test]
    fn a_long_oid_arc_and_a_bmp_string_read() {
        // 1.2.840.113549.1.1.11 sha256WithRSAEncryption
        let oid = [0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0b];
        assert_eq!(
            oid_text(&oid),
            "1.2.840.113549.1.1.11 sha256WithRSAEncryption"
        );
        assert_eq!(reading(0x1e, &[0x00, 0x41, 0x30, 0x42]).unwrap(), "Aあ");
    }
}
