//! Base64 (RFC 4648, standard alphabet with padding), as SMTP AUTH uses it (RFC 4954).
//!
//! The lesson needs it in both directions: the engine decodes every AUTH line so the view
//! can show that base64 hides nothing. The work is done by [`crate::base64`], which the
//! certificate engine shares.

use crate::base64::Padding;

/// Encode bytes as base64 with `=` padding.
#[must_use]
pub fn encode(input: &[u8]) -> String {
    crate::base64::encode(input)
}

/// Decode strict base64 (padding required and only at the end, no whitespace, unused bits
/// zero). `None` for anything invalid.
#[must_use]
pub fn decode(input: &str) -> Option<Vec<u8>> {
    crate::base64::decode(input.as_bytes(), Padding::Required).ok()
}

#[cfg(test)]
#[allow(
    clippy::expect_used,
    clippy::unwrap_used,
    clippy::indexing_slicing,
    clippy::arithmetic_side_effects,
    reason = "a test may panic: that is how it fails"
)]
mod tests {
    use super::*;

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
            assert_eq!(decode(encoded).as_deref(), Some(plain.as_bytes()));
        }
    }

    #[test]
    fn auth_examples_and_rejects() {
        assert_eq!(encode(b"\0hanako\0s3cret"), "AGhhbmFrbwBzM2NyZXQ=");
        assert_eq!(decode("VXNlcm5hbWU6").as_deref(), Some(&b"Username:"[..]));
        for bad in ["Zg=", "Z===", "Zg==Zg==", "Zm9v!A==", "====", "Zm 9v"] {
            assert_eq!(decode(bad), None, "{bad}");
        }
    }
}
