//! Replies as typed data: the code a server line carries, beside its text.
//!
//! A [`Flavour`](super::Flavour) words every reply, and it hands back more than text: an
//! SMTP [`Reply`] knows its code (RFC 5321) and its enhanced status code when the server
//! puts one in the RFC 2034 position; a POP3 [`PopReply`] knows whether it is `+OK` or
//! `-ERR` and its RFC 2449 response code. Sessions attach that to every protocol line as a
//! [`ReplyInfo`], so nobody downstream (the mail program in `client.rs`, the view) reads a
//! code back out of a string.

use core::fmt;

use serde::{Deserialize, Serialize};

use super::policy::RelayRefusal;

/// An RFC 3463 enhanced status code, `class.subject.detail` (`5.7.1`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct EnhancedCode {
    /// 2 (success), 4 (persistent transient failure) or 5 (permanent failure).
    pub class: u8,
    /// The subject (`7`: security or policy status).
    pub subject: u16,
    /// The detail within the subject.
    pub detail: u16,
}

impl EnhancedCode {
    /// `class.subject.detail`.
    #[must_use]
    pub const fn new(class: u8, subject: u16, detail: u16) -> EnhancedCode {
        EnhancedCode {
            class,
            subject,
            detail,
        }
    }
}

impl fmt::Display for EnhancedCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}.{}", self.class, self.subject, self.detail)
    }
}

/// An SMTP reply exactly as a server sends it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Reply {
    /// The three-digit reply code (RFC 5321 section 4.2).
    pub code: u16,
    /// The enhanced status code after the reply code (RFC 2034), if the server sends one
    /// there. qmail writes its `(#5.7.1)` at the end of the text instead: that stays text.
    pub enhanced: Option<EnhancedCode>,
    /// The lines on the wire, without CRLF: `250-…` for all but the last, `250 …` last.
    pub lines: Vec<String>,
}

impl Reply {
    /// A reply of one or more lines of `texts` after `code` (and `enhanced`, which then
    /// starts every line, as RFC 2034 asks).
    #[must_use]
    pub fn lines(code: u16, enhanced: Option<EnhancedCode>, texts: &[String]) -> Reply {
        let count = texts.len();
        let lines = texts
            .iter()
            .enumerate()
            .map(|(i, text)| {
                let separator = if i.saturating_add(1) == count {
                    ' '
                } else {
                    '-'
                };
                match enhanced {
                    Some(e) => format!("{code}{separator}{e} {text}"),
                    None => format!("{code}{separator}{text}"),
                }
            })
            .collect();
        Reply {
            code,
            enhanced,
            lines,
        }
    }

    /// One line, `code text`, without an enhanced code.
    #[must_use]
    pub fn plain(code: u16, text: impl Into<String>) -> Reply {
        Reply::lines(code, None, &[text.into()])
    }

    /// One line, `code class.subject.detail text`.
    #[must_use]
    pub fn enhanced(code: u16, enhanced: (u8, u16, u16), text: impl Into<String>) -> Reply {
        let (class, subject, detail) = enhanced;
        Reply::lines(
            code,
            Some(EnhancedCode::new(class, subject, detail)),
            &[text.into()],
        )
    }
}

/// An RFC 2449 extended response code in a POP3 reply (`-ERR [AUTH] …`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum RespCode {
    /// `[AUTH]` (RFC 3206): a problem with the user's credentials.
    Auth,
    /// `[SYS/TEMP]` (RFC 3206): a temporary problem on the server.
    SysTemp,
    /// `[IN-USE]` (RFC 2449): the maildrop or the allowance is in use.
    InUse,
}

impl RespCode {
    /// As it appears on the wire, in brackets.
    #[must_use]
    pub fn bracketed(self) -> &'static str {
        match self {
            RespCode::Auth => "[AUTH]",
            RespCode::SysTemp => "[SYS/TEMP]",
            RespCode::InUse => "[IN-USE]",
        }
    }
}

/// A POP3 status line exactly as a server sends it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PopReply {
    /// `+OK`, `-ERR` (with its response code) or a SASL continuation.
    pub code: ReplyCode,
    /// The line on the wire, without CRLF.
    pub line: String,
}

impl PopReply {
    /// `+OK` followed by `text` (`text` may be empty; qmail sends `+OK ` with a space).
    #[must_use]
    pub fn ok(text: &str) -> PopReply {
        PopReply {
            code: ReplyCode::PopOk,
            line: format!("+OK{text}"),
        }
    }

    /// `-ERR` followed by `text` (which starts with its own space).
    #[must_use]
    pub fn err(text: &str) -> PopReply {
        PopReply {
            code: ReplyCode::PopErr(None),
            line: format!("-ERR{text}"),
        }
    }

    /// `-ERR [CODE]` followed by `text` (which starts with its own space).
    #[must_use]
    pub fn err_coded(code: RespCode, text: &str) -> PopReply {
        PopReply {
            code: ReplyCode::PopErr(Some(code)),
            line: format!("-ERR {}{text}", code.bracketed()),
        }
    }

    /// A SASL continuation, `+ ` followed by base64 (RFC 5034).
    #[must_use]
    pub fn continuation(base64: &str) -> PopReply {
        PopReply {
            code: ReplyCode::PopContinue,
            line: format!("+ {base64}"),
        }
    }

    /// Whether the line is `+OK`.
    #[must_use]
    pub fn is_ok(&self) -> bool {
        self.code == ReplyCode::PopOk
    }
}

/// What a server line means, as data.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ReplyCode {
    /// An SMTP reply code, with its enhanced code if it has one in the RFC 2034 position.
    Smtp {
        /// The three-digit code.
        code: u16,
        /// The enhanced status code.
        enhanced: Option<EnhancedCode>,
    },
    /// A POP3 `+OK` line.
    PopOk,
    /// A POP3 `-ERR` line, with its extended response code.
    PopErr(Option<RespCode>),
    /// A POP3 SASL continuation (`+ …`, RFC 5034).
    PopContinue,
}

impl ReplyCode {
    /// Whether the reply says yes: SMTP 2xx, POP3 `+OK`.
    #[must_use]
    pub fn is_positive(self) -> bool {
        match self {
            ReplyCode::Smtp { code, .. } => (200..300).contains(&code),
            ReplyCode::PopOk => true,
            ReplyCode::PopErr(_) | ReplyCode::PopContinue => false,
        }
    }

    /// Whether the reply asks for more: SMTP 3xx (354, 334), POP3 `+ `.
    #[must_use]
    pub fn is_intermediate(self) -> bool {
        match self {
            ReplyCode::Smtp { code, .. } => (300..400).contains(&code),
            ReplyCode::PopContinue => true,
            ReplyCode::PopOk | ReplyCode::PopErr(_) => false,
        }
    }

    /// Whether the reply refuses: SMTP 4xx/5xx, POP3 `-ERR`.
    #[must_use]
    pub fn is_negative(self) -> bool {
        !self.is_positive() && !self.is_intermediate()
    }
}

/// What a server's protocol line carries besides its text (see
/// [`ProtocolLine::reply`](super::ProtocolLine::reply)).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct ReplyInfo {
    /// The reply code.
    pub code: ReplyCode,
    /// Whether this is the last line of its reply (a client acts on that one; an SMTP
    /// multi-line reply has it only on the line with a space after the code).
    pub last: bool,
    /// Set on the line that refused a relay (the RCPT TO reply, or on the submission
    /// service the reply that refused the unauthenticated client), with the reason.
    pub refusal: Option<RelayRefusal>,
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
    fn lines_carry_the_code_and_the_separator() {
        let r = Reply::lines(
            250,
            None,
            &["mail.example.net".to_owned(), "8BITMIME".to_owned()],
        );
        assert_eq!(r.lines, ["250-mail.example.net", "250 8BITMIME"]);
        let r = Reply::enhanced(554, (5, 7, 1), "<a@b.example>: Relay access denied");
        assert_eq!(r.lines, ["554 5.7.1 <a@b.example>: Relay access denied"]);
        assert_eq!(r.enhanced.map(|e| e.to_string()).as_deref(), Some("5.7.1"));
        assert_eq!(Reply::plain(334, "").lines, ["334 "]);
        assert_eq!(PopReply::ok(" ").line, "+OK ");
        assert_eq!(
            PopReply::err_coded(RespCode::Auth, " Authentication failed.").line,
            "-ERR [AUTH] Authentication failed."
        );
    }

    #[test]
    fn codes_classify() {
        let smtp = |code| ReplyCode::Smtp {
            code,
            enhanced: None,
        };
        assert!(smtp(250).is_positive());
        assert!(smtp(354).is_intermediate());
        assert!(smtp(554).is_negative());
        assert!(ReplyCode::PopOk.is_positive());
        assert!(ReplyCode::PopErr(None).is_negative());
        assert!(ReplyCode::PopContinue.is_intermediate());
    }
}
