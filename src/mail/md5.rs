//! MD5 (RFC 1321), for APOP (RFC 1939): the client proves it knows the password by sending
//! MD5(timestamp + password). The digest is RustCrypto's `md-5`; this module gives it the
//! shape APOP uses. (MD5 is broken for signatures; here it only mirrors the old protocol.)

use ::md5::{Digest as _, Md5};

/// The 16-byte MD5 digest of `input`.
#[must_use]
pub fn digest(input: &[u8]) -> [u8; 16] {
    Md5::digest(input).into()
}

/// The digest as 32 lowercase hex digits, the form APOP sends.
#[must_use]
pub fn hex_digest(input: &[u8]) -> String {
    use core::fmt::Write as _;
    digest(input)
        .iter()
        .fold(String::with_capacity(32), |mut s, b| {
            let _ = write!(s, "{b:02x}");
            s
        })
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
    use super::hex_digest;

    #[test]
    fn rfc1321_test_suite() {
        let cases = [
            ("", "d41d8cd98f00b204e9800998ecf8427e"),
            ("a", "0cc175b9c0f1b6a831c399e269772661"),
            ("abc", "900150983cd24fb0d6963f7d28e17f72"),
            ("message digest", "f96b697d7cb7938d525a2f31aaf161d0"),
            (
                "abcdefghijklmnopqrstuvwxyz",
                "c3fcd3d76192e4007dfb496cca67e13b",
            ),
            (
                "12345678901234567890123456789012345678901234567890123456789012345678901234567890",
                "57edf4a22be3c955ac49da2e2107b67a",
            ),
        ];
        for (input, want) in cases {
            assert_eq!(hex_digest(input.as_bytes()), want, "{input}");
        }
    }

    #[test]
    fn rfc1939_apop_example() {
        assert_eq!(
            hex_digest(b"<1896.697170952@dbc.mtview.ca.us>tanstaaf"),
            "c4c9334bac560ecc979e58001b3e22fb"
        );
    }
}
