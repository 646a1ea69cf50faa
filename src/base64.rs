//! Base64 (RFC 4648 §4, the standard alphabet) and lowercase hex, for both engines: SMTP
//! AUTH's strict base64 (RFC 4954 §4), PEM's lenient one (RFC 7468 §3), fingerprints in hex.
//!
//! Written here rather than taken from `data-encoding`: that crate's general decoder (any
//! alphabet, any bit width, configured at run time) cost about 37 KB in each WebAssembly
//! module, measured with twiggy; these few functions cost well under 1 KB. `data-encoding`
//! stays a dev-dependency, and property tests compare the two on every input.

/// Why base64 text was refused, and where.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Invalid {
    /// The offset of the first character out of place (for a text of a length no base64
    /// can have: the start of its incomplete last group).
    pub at: usize,
}

/// How the text must end.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Padding {
    /// Whole groups of four, `=` filling the last (up to two): what SMTP AUTH sends. The
    /// unused low bits of the last character must be zero.
    Required,
    /// As PEM readers take it: the `=` may be left out, and the unused low bits are ignored
    /// (OpenSSL's `EVP_DecodeUpdate` does not check them either).
    Optional,
}

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// Marks a byte that is not an alphabet character in [`VALUES`].
const NOT_BASE64: u8 = 0xff;

/// Each byte's 6-bit value, [`NOT_BASE64`] for the bytes outside the alphabet: one load a
/// character. Comparing ranges instead branched unpredictably on base64's random letters,
/// digits and signs and was a fifth of reading a root bundle.
const VALUES: [u8; 256] = {
    let mut values = [NOT_BASE64; 256];
    let mut i = 0;
    while i < ALPHABET.len() {
        values[ALPHABET[i] as usize] = i as u8;
        i += 1;
    }
    values
};

/// The 6-bit value of an alphabet character.
fn value(c: u8) -> Option<u32> {
    match VALUES[usize::from(c)] {
        NOT_BASE64 => None,
        v => Some(u32::from(v)),
    }
}

/// Encodes bytes as base64 with `=` padding.
#[must_use]
pub fn encode(input: &[u8]) -> String {
    let mut out = String::with_capacity(input.len().div_ceil(3).saturating_mul(4));
    for chunk in input.chunks(3) {
        let b = |i: usize| u32::from(chunk.get(i).copied().unwrap_or(0));
        let group = (b(0) << 16) | (b(1) << 8) | b(2);
        for i in 0..4 {
            if i <= chunk.len() {
                let index = (group >> (18 - 6 * i)) & 0x3f;
                out.push(char::from(ALPHABET[index as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// Decodes base64 (no whitespace: callers remove the line breaks PEM has).
pub fn decode(input: &[u8], padding: Padding) -> Result<Vec<u8>, Invalid> {
    // Up to two `=` end the data; any other `=` is a character out of place.
    let pad = input
        .iter()
        .rev()
        .take(2)
        .take_while(|&&c| c == b'=')
        .count();
    let data = &input[..input.len() - pad];
    let mut out = Vec::with_capacity(data.len() / 4 * 3 + 2);
    // Whole groups of four characters make three bytes each (a 277 KB paste is about
    // 70,000 of them); the one to three characters after them, bit by bit below.
    let whole = data.len() - data.len() % 4;
    let (groups, rest) = data.split_at(whole);
    for (g, group) in groups.chunks_exact(4).enumerate() {
        let mut word = 0_u32;
        for (i, &c) in group.iter().enumerate() {
            let v = value(c).ok_or(Invalid { at: g * 4 + i })?;
            word = (word << 6) | v;
        }
        let [_, a, b, c] = word.to_be_bytes();
        out.extend_from_slice(&[a, b, c]);
    }
    let (mut acc, mut bits) = (0_u32, 0_u32);
    for (i, &c) in rest.iter().enumerate() {
        let v = value(c).ok_or(Invalid { at: whole + i })?;
        acc = (acc << 6) | v;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    let partial = data.len() % 4;
    // One character alone cannot carry a byte; with padding required, the `=` must fill
    // the last group exactly.
    if partial == 1 || (padding == Padding::Required && !(partial + pad).is_multiple_of(4)) {
        return Err(Invalid {
            at: data.len() - partial,
        });
    }
    // Bits left over after the last byte: zero in canonical base64.
    if padding == Padding::Required && acc != 0 {
        return Err(Invalid {
            at: data.len().saturating_sub(1),
        });
    }
    Ok(out)
}

/// Lowercase hex, two digits a byte.
#[must_use]
pub fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(bytes.len().saturating_mul(2));
    for b in bytes {
        out.push(char::from(DIGITS[usize::from(b >> 4)]));
        out.push(char::from(DIGITS[usize::from(b & 0xf)]));
    }
    out
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn rfc4648_vectors() {
        let cases = [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ];
        for (plain, encoded) in cases {
            assert_eq!(encode(plain.as_bytes()), encoded);
            for padding in [Padding::Required, Padding::Optional] {
                assert_eq!(
                    decode(encoded.as_bytes(), padding).unwrap(),
                    plain.as_bytes()
                );
            }
            let bare = encoded.trim_end_matches('=');
            assert_eq!(
                decode(bare.as_bytes(), Padding::Optional).unwrap(),
                plain.as_bytes()
            );
        }
        assert_eq!(hex(&[0x00, 0x0f, 0xa5, 0xff]), "000fa5ff");
    }

    #[test]
    fn refusals_say_where() {
        let strict = |s: &str| decode(s.as_bytes(), Padding::Required).map_err(|e| e.at);
        let lenient = |s: &str| decode(s.as_bytes(), Padding::Optional).map_err(|e| e.at);
        for bad in [
            "Zg=", "Z===", "Zg==Zg==", "Zm9v!A==", "====", "Zm 9v", "Zh==", "Zm9", "=",
        ] {
            assert!(strict(bad).is_err(), "{bad}");
        }
        assert_eq!(strict("Zm9v!A=="), Err(4));
        assert_eq!(lenient("TW*u"), Err(2));
        assert_eq!(lenient("T"), Err(0));
        assert_eq!(lenient("TWFuT"), Err(4));
        // A third `=` is a character out of place.
        assert_eq!(lenient("TQ==="), Err(2));
        // PEM readers ignore the unused low bits.
        assert_eq!(lenient("Zh=="), Ok(b"f".to_vec()));
        assert_eq!(lenient("TQ").unwrap(), b"M");
    }

    proptest! {
        /// The same answers as `data-encoding` (which the project used before), on any bytes
        /// and on any text.
        #[test]
        fn agrees_with_data_encoding(data in proptest::collection::vec(any::<u8>(), 0..64),
                                     text in "[A-Za-z0-9+/=!]{0,24}") {
            use data_encoding::{BASE64, BASE64_NOPAD, HEXLOWER};
            prop_assert_eq!(encode(&data), BASE64.encode(&data));
            prop_assert_eq!(hex(&data), HEXLOWER.encode(&data));
            prop_assert_eq!(&decode(BASE64.encode(&data).as_bytes(), Padding::Required).unwrap(), &data);
            prop_assert_eq!(decode(BASE64_NOPAD.encode(&data).as_bytes(), Padding::Optional).unwrap(), data);
            // Strict: accepted exactly when data-encoding's BASE64 accepts one block.
            let ours = decode(text.as_bytes(), Padding::Required).ok();
            let theirs = if text.trim_end_matches('=').contains('=') {
                None
            } else {
                BASE64.decode(text.as_bytes()).ok()
            };
            prop_assert_eq!(ours, theirs, "{}", text);
            // Lenient: what data-encoding's NOPAD decoder with unchecked trailing bits takes
            // once up to two `=` are cut off.
            let mut spec = BASE64_NOPAD.specification();
            spec.check_trailing_bits = false;
            let lenient = spec.encoding().unwrap();
            let pad = text.bytes().rev().take(2).take_while(|&c| c == b'=').count();
            let theirs = lenient.decode(&text.as_bytes()[..text.len() - pad]).ok();
            prop_assert_eq!(decode(text.as_bytes(), Padding::Optional).ok(), theirs, "{}", text);
        }
    }
}
