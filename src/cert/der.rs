//! A minimal DER reader: tag, length and value positions, never panicking.
//!
//! Used where the engine needs byte offsets (the page highlights fields in the DER) and
//! for the PKCS#7 wrapper, which x509-parser does not parse. Only definite lengths are
//! accepted, as DER requires (a BER indefinite length is reported as such).

use super::findings::Unreadable;

/// One TLV element located inside a buffer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Tlv {
    /// The identifier octet (only low-tag-number form is supported).
    pub tag: u8,
    /// Offset of the identifier octet in the buffer that was read.
    pub start: usize,
    /// Offset of the first content octet.
    pub content: usize,
    /// Offset just past the last content octet.
    pub end: usize,
}

/// Why an element could not be read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum DerError {
    Truncated,
    IndefiniteLength,
    HighTagNumber,
    LengthTooLong,
}

/// Reads the element starting at `pos` within `buf[..limit]`.
pub(crate) fn read_tlv(buf: &[u8], pos: usize, limit: usize) -> Result<Tlv, DerError> {
    let limit = limit.min(buf.len());
    let window = buf.get(..limit).ok_or(DerError::Truncated)?;
    let byte = |at: usize| window.get(at).copied().ok_or(DerError::Truncated);
    let tag = byte(pos)?;
    if tag & 0x1f == 0x1f {
        return Err(DerError::HighTagNumber);
    }
    let after_tag = pos.checked_add(1).ok_or(DerError::Truncated)?;
    let first = byte(after_tag)?;
    let length_start = after_tag.checked_add(1).ok_or(DerError::Truncated)?;
    let (len, content) = if first < 0x80 {
        (usize::from(first), length_start)
    } else if first == 0x80 {
        return Err(DerError::IndefiniteLength);
    } else {
        let n = usize::from(first & 0x7f);
        if n > 4 {
            return Err(DerError::LengthTooLong);
        }
        let length_end = length_start.checked_add(n).ok_or(DerError::Truncated)?;
        let octets = window
            .get(length_start..length_end)
            .ok_or(DerError::Truncated)?;
        let len = octets
            .iter()
            .fold(0usize, |acc, b| (acc << 8) | usize::from(*b));
        (len, length_end)
    };
    let end = content.checked_add(len).ok_or(DerError::LengthTooLong)?;
    if end > limit {
        return Err(DerError::Truncated);
    }
    Ok(Tlv {
        tag,
        start: pos,
        content,
        end,
    })
}

/// The children of a constructed element, in order; stops at the first unreadable one.
pub(crate) fn children(buf: &[u8], parent: &Tlv) -> Vec<Tlv> {
    let mut out = Vec::new();
    let mut pos = parent.content;
    while pos < parent.end {
        match read_tlv(buf, pos, parent.end) {
            Ok(t) => {
                pos = t.end;
                out.push(t);
            }
            Err(_) => break,
        }
    }
    out
}

/// Why bytes are not a well-formed certificate structure, when the outer layers show it
/// (truncation, wrong tag, missing parts).
pub(crate) fn diagnose_certificate(d: &[u8]) -> Option<Unreadable> {
    match read_tlv(d, 0, d.len()) {
        Err(DerError::Truncated) => Some(Unreadable::Truncated {
            declared: declared_end(d),
            present: d.len(),
        }),
        Err(DerError::IndefiniteLength) => Some(Unreadable::IndefiniteLength),
        Err(_) => Some(Unreadable::BadLength),
        Ok(t) if t.tag != 0x30 => Some(Unreadable::NotASequence { tag: t.tag }),
        Ok(t) => {
            let parts = children(d, &t);
            let Some(tbs) = parts.first().filter(|_| parts.len() == 3) else {
                return Some(Unreadable::WrongParts { parts: parts.len() });
            };
            let fields = children(d, tbs);
            let needed = if fields.first().is_some_and(|x| x.tag == 0xa0) {
                7
            } else {
                6
            };
            (fields.len() < needed).then_some(Unreadable::TooFewFields {
                fields: fields.len(),
                needed,
            })
        }
    }
}

/// The end offset the first element's header declares, even when the bytes stop early.
fn declared_end(d: &[u8]) -> Option<usize> {
    let first = *d.get(1)?;
    if first < 0x80 {
        return 2usize.checked_add(usize::from(first));
    }
    let n = usize::from(first & 0x7f);
    if n == 0 || n > 4 {
        return None;
    }
    let header = n.checked_add(2)?;
    let len = d
        .get(2..header)?
        .iter()
        .fold(0usize, |acc, b| (acc << 8) | usize::from(*b));
    header.checked_add(len)
}

/// Encodes a DER header for `tag` and `len` (used to re-wrap webpki-roots' bare contents).
pub(crate) fn header(tag: u8, len: usize) -> Vec<u8> {
    let mut out = vec![tag];
    match u8::try_from(len) {
        Ok(short) if short < 0x80 => out.push(short),
        _ => {
            let bytes = len.to_be_bytes();
            let significant: Vec<u8> = bytes.iter().copied().skip_while(|b| *b == 0).collect();
            let count = u8::try_from(significant.len()).unwrap_or(0);
            out.push(0x80 | count);
            out.extend_from_slice(&significant);
        }
    }
    out
}

/// `tag || length || content`.
pub(crate) fn wrap(tag: u8, content: &[u8]) -> Vec<u8> {
    let mut out = header(tag, content.len());
    out.extend_from_slice(content);
    out
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

    #[test]
    fn reads_short_and_long_forms() {
        let buf = [0x30, 0x03, 0x02, 0x01, 0x05];
        let t = read_tlv(&buf, 0, buf.len()).unwrap();
        assert_eq!((t.tag, t.content, t.end), (0x30, 2, 5));
        assert_eq!(children(&buf, &t).len(), 1);
        let long = wrap(0x04, &[7u8; 300]);
        assert_eq!(&long[..4], &[0x04, 0x82, 0x01, 0x2c]);
        let t = read_tlv(&long, 0, long.len()).unwrap();
        assert_eq!(t.end, 304);
    }

    #[test]
    fn diagnoses_broken_certificates() {
        let full = wrap(
            0x30,
            &[wrap(0x30, &[0u8; 10]), wrap(0x30, &[]), wrap(0x03, &[0])].concat(),
        );
        assert_eq!(
            diagnose_certificate(&full[..10]),
            Some(Unreadable::Truncated {
                declared: Some(19),
                present: 10
            })
        );
        assert_eq!(
            diagnose_certificate(&[0x31, 0]),
            Some(Unreadable::NotASequence { tag: 0x31 })
        );
        assert_eq!(
            diagnose_certificate(&wrap(0x30, &wrap(0x02, &[1]))),
            Some(Unreadable::WrongParts { parts: 1 })
        );
        assert_eq!(
            diagnose_certificate(&full),
            Some(Unreadable::TooFewFields {
                fields: 5,
                needed: 6
            })
        );
    }

    #[test]
    fn rejects_bad_lengths() {
        assert_eq!(read_tlv(&[0x30, 0x05, 1], 0, 3), Err(DerError::Truncated));
        assert_eq!(
            read_tlv(&[0x30, 0x80], 0, 2),
            Err(DerError::IndefiniteLength)
        );
        assert_eq!(read_tlv(&[], 0, 0), Err(DerError::Truncated));
        assert_eq!(
            read_tlv(&[0x30, 0x89, 1, 2, 3, 4, 5, 6, 7, 8, 9], 0, 11),
            Err(DerError::LengthTooLong)
        );
    }
}
