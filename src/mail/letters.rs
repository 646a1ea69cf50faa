//! The scenarios' sample mails, in the language the reader reads the page in, encoded as
//! the mail programs of their era sent them.
//!
//! - English: plain ASCII, as before MIME mattered; the same in 2001 and today.
//! - Japanese in 2001: ISO-2022-JP (RFC 1468), a 7-bit encoding that switches between
//!   ASCII and JIS X 0208 with escape sequences (ESC `$B`, ESC `(B`) and returns to ASCII
//!   at each line end; the Subject is an RFC 2047 encoded word, `=?ISO-2022-JP?B?…?=`.
//! - Japanese today: what Thunderbird sends (comm-central `mailnews/compose/src`):
//!   `MimeEncoder.sys.mjs` leaves a UTF-8 text body unencoded as `8bit` unless
//!   `mail.strictly_mime` is set, with `Content-Type: text/plain; charset=UTF-8;
//!   format=flowed`; jsmime writes the Subject as RFC 2047 `=?UTF-8?B?…?=` (base64, shorter
//!   than Q for Japanese); `SmtpClient.sys.mjs` then declares `BODY=8BITMIME` (and `SIZE=`)
//!   on MAIL FROM when the server offers them (see `mail::client`). It asks for
//!   SMTPUTF8 only for non-ASCII addresses, so the headers stay RFC 2047, not RFC 6532.
//!
//! The page carries no character-set tables: each mail is written here twice, as it goes
//! on the wire and as its reader sees it, and a native test (`tests/mail_letters.rs`)
//! decodes every wire form back with an independent decoder. A protocol line that is one
//! of these wire forms carries its decoding ([`decoded`], put on the line by the session
//! that sends it), so a transcript can show both.

use serde::Serialize;

use super::flavour::Era;

/// The language the people of a scenario write their mail in.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize)]
pub enum Language {
    /// English, plain ASCII.
    #[default]
    English,
    /// Japanese: ISO-2022-JP in 2001, UTF-8 today.
    Japanese,
}

/// Which sample mail.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
pub enum LetterId {
    /// The reader's mail to taro@example.org.
    Lunch,
    /// Taro's reply, waiting in the reader's maildrop.
    MeetingReply,
    /// A newsletter, waiting in the reader's maildrop.
    News,
    /// The spammer's mail (and the password guesser's).
    Prize,
    /// The mail of the neighbour behind the same router.
    Watches,
    /// The mail of the customer who is given the reader's old address.
    Greeting,
}

impl LetterId {
    /// Every sample mail.
    pub const ALL: [LetterId; 6] = [
        LetterId::Lunch,
        LetterId::MeetingReply,
        LetterId::News,
        LetterId::Prize,
        LetterId::Watches,
        LetterId::Greeting,
    ];
}

/// One header or body line, as on the wire and as its reader sees it (the same text when
/// nothing is encoded).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Encoded {
    /// Exactly as sent.
    pub wire: &'static str,
    /// Decoded.
    pub text: &'static str,
}

/// A sample mail: its `Subject:` line, the MIME header lines that say how it is encoded,
/// and its body line.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Letter {
    /// The whole `Subject:` line.
    pub subject: Encoded,
    /// `MIME-Version:`, `Content-Type:`, `Content-Transfer-Encoding:` (none for ASCII).
    pub mime: &'static [&'static str],
    /// The body.
    pub body: Encoded,
}

impl Letter {
    /// The whole message: `From:`, `To:`, `Subject:`, `Message-ID:`, the MIME lines, an
    /// empty line and the body.
    #[must_use]
    pub fn lines(&self, from: &str, to: &str, message_id: &str) -> Vec<String> {
        let mut lines = vec![
            format!("From: {from}"),
            format!("To: {to}"),
            self.subject.wire.to_owned(),
            format!("Message-ID: {message_id}"),
        ];
        lines.extend(self.mime.iter().map(|l| (*l).to_owned()));
        lines.push(String::new());
        lines.push(self.body.wire.to_owned());
        lines
    }
}

const fn plain(text: &'static str) -> Encoded {
    Encoded { wire: text, text }
}

const fn ascii(subject: &'static str, body: &'static str) -> Letter {
    Letter {
        subject: plain(subject),
        mime: &[],
        body: plain(body),
    }
}

/// RFC 1468 with the MIME headers of RFC 2045.
const MIME_ISO_2022_JP: &[&str] = &[
    "MIME-Version: 1.0",
    "Content-Type: text/plain; charset=ISO-2022-JP",
    "Content-Transfer-Encoding: 7bit",
];

/// Thunderbird's plain-text message (module docs).
const MIME_UTF8: &[&str] = &[
    "MIME-Version: 1.0",
    "Content-Type: text/plain; charset=UTF-8; format=flowed",
    "Content-Transfer-Encoding: 8bit",
];

const fn jis(subject: Encoded, body: Encoded) -> Letter {
    Letter {
        subject,
        mime: MIME_ISO_2022_JP,
        body,
    }
}

const fn utf8(subject: Encoded, body: &'static str) -> Letter {
    Letter {
        subject,
        mime: MIME_UTF8,
        body: plain(body),
    }
}

const fn enc(wire: &'static str, text: &'static str) -> Encoded {
    Encoded { wire, text }
}

/// The six mails in one language and encoding.
struct Letters([Letter; 6]);

impl Letters {
    fn get(&self, id: LetterId) -> &Letter {
        let [lunch, reply, news, prize, watches, greeting] = &self.0;
        match id {
            LetterId::Lunch => lunch,
            LetterId::MeetingReply => reply,
            LetterId::News => news,
            LetterId::Prize => prize,
            LetterId::Watches => watches,
            LetterId::Greeting => greeting,
        }
    }
}

const ENGLISH: Letters = Letters([
    ascii("Subject: Lunch on Friday?", "Shall we meet at noon?"),
    ascii("Subject: Re: the meeting", "Hello."),
    ascii("Subject: November news", "Hello."),
    ascii(
        "Subject: You have won!!!",
        "Click here to claim your prize.",
    ),
    ascii("Subject: Cheap watches", "Best prices, today only."),
    ascii("Subject: Hello", "Just saying hello."),
]);

// The texts, once: 金曜日のランチ／お昼に会いませんか。 Re: 打ち合わせの件／こんにちは。
// 11月のお知らせ／こんにちは。 当選のお知らせ／賞品の受け取りはこちらから。
// 腕時計の特売／本日限りの特価です。 ごあいさつ／取り急ぎ、ごあいさつまで。
const HELLO_JIS: Encoded = enc("\x1b$B$3$s$K$A$O!#\x1b(B", "こんにちは。");

const JAPANESE_2001: Letters = Letters([
    jis(
        enc(
            "Subject: =?ISO-2022-JP?B?GyRCNmJNS0Z8JE4laSVzJUEbKEI=?=",
            "Subject: 金曜日のランチ",
        ),
        enc("\x1b$B$*Ck$K2q$$$^$;$s$+!#\x1b(B", "お昼に会いませんか。"),
    ),
    jis(
        enc(
            "Subject: Re: =?ISO-2022-JP?B?GyRCQkckQTlnJG8kOyRON28bKEI=?=",
            "Subject: Re: 打ち合わせの件",
        ),
        HELLO_JIS,
    ),
    jis(
        enc(
            "Subject: =?ISO-2022-JP?B?MTEbJEI3biROJCpDTiRpJDsbKEI=?=",
            "Subject: 11月のお知らせ",
        ),
        HELLO_JIS,
    ),
    jis(
        enc(
            "Subject: =?ISO-2022-JP?B?GyRCRXZBKiROJCpDTiRpJDsbKEI=?=",
            "Subject: 当選のお知らせ",
        ),
        enc(
            "\x1b$B>^IJ$N<u$1<h$j$O$3$A$i$+$i!#\x1b(B",
            "賞品の受け取りはこちらから。",
        ),
    ),
    jis(
        enc(
            "Subject: =?ISO-2022-JP?B?GyRCT1M7fjdXJE5GQ0dkGyhC?=",
            "Subject: 腕時計の特売",
        ),
        enc("\x1b$BK\\F|8B$j$NFC2A$G$9!#\x1b(B", "本日限りの特価です。"),
    ),
    jis(
        enc(
            "Subject: =?ISO-2022-JP?B?GyRCJDQkIiQkJDUkRBsoQg==?=",
            "Subject: ごあいさつ",
        ),
        enc(
            "\x1b$B<h$j5^$.!\"$4$\"$$$5$D$^$G!#\x1b(B",
            "取り急ぎ、ごあいさつまで。",
        ),
    ),
]);

const JAPANESE_TODAY: Letters = Letters([
    utf8(
        enc(
            "Subject: =?UTF-8?B?6YeR5puc5pel44Gu44Op44Oz44OB?=",
            "Subject: 金曜日のランチ",
        ),
        "お昼に会いませんか。",
    ),
    utf8(
        enc(
            "Subject: Re: =?UTF-8?B?5omT44Gh5ZCI44KP44Gb44Gu5Lu2?=",
            "Subject: Re: 打ち合わせの件",
        ),
        "こんにちは。",
    ),
    utf8(
        enc(
            "Subject: =?UTF-8?B?MTHmnIjjga7jgYrnn6XjgonjgZs=?=",
            "Subject: 11月のお知らせ",
        ),
        "こんにちは。",
    ),
    utf8(
        enc(
            "Subject: =?UTF-8?B?5b2T6YG444Gu44GK55+l44KJ44Gb?=",
            "Subject: 当選のお知らせ",
        ),
        "賞品の受け取りはこちらから。",
    ),
    utf8(
        enc(
            "Subject: =?UTF-8?B?6IWV5pmC6KiI44Gu54m55aOy?=",
            "Subject: 腕時計の特売",
        ),
        "本日限りの特価です。",
    ),
    utf8(
        enc(
            "Subject: =?UTF-8?B?44GU44GC44GE44GV44Gk?=",
            "Subject: ごあいさつ",
        ),
        "取り急ぎ、ごあいさつまで。",
    ),
]);

/// Mail `id` written in `language` by a mail program of `era`.
#[must_use]
pub fn letter(id: LetterId, language: Language, era: Era) -> &'static Letter {
    let letters = match (language, era) {
        (Language::English, _) => &ENGLISH,
        (Language::Japanese, Era::Y2001) => &JAPANESE_2001,
        (Language::Japanese, Era::Today) => &JAPANESE_TODAY,
    };
    letters.get(id)
}

/// Every line of every sample mail whose wire form is encoded.
#[must_use]
pub fn encoded_lines() -> Vec<Encoded> {
    [&JAPANESE_2001, &JAPANESE_TODAY]
        .into_iter()
        .flat_map(|letters| letters.0.iter())
        .flat_map(|l| [l.subject, l.body])
        .filter(|e| e.wire != e.text)
        .collect()
}

/// The decoded text of `line` if it is an encoded line of a sample mail.
#[must_use]
pub fn decoded(line: &str) -> Option<&'static str> {
    // Only lines that could be encoded are looked up: an encoded word, or ISO-2022-JP's
    // escape sequences.
    if !(line.contains("=?") || line.contains('\x1b')) {
        return None;
    }
    [&JAPANESE_2001, &JAPANESE_TODAY]
        .into_iter()
        .flat_map(|letters| letters.0.iter())
        .flat_map(|l| [l.subject, l.body])
        .find(|e| e.wire == line && e.wire != e.text)
        .map(|e| e.text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_is_ascii_and_the_same_in_both_eras() {
        for id in LetterId::ALL {
            let then = letter(id, Language::English, Era::Y2001);
            assert_eq!(then, letter(id, Language::English, Era::Today));
            assert!(
                then.lines("a@b.c", "d@e.f", "<1@b.c>")
                    .iter()
                    .all(|l| l.is_ascii())
            );
            assert!(decoded(then.subject.wire).is_none());
            // 2001's Japanese is 7-bit too; today's body is 8-bit UTF-8.
            let jis = letter(id, Language::Japanese, Era::Y2001);
            assert!(
                jis.lines("a@b.c", "d@e.f", "<1@b.c>")
                    .iter()
                    .all(|l| l.is_ascii())
            );
            assert!(
                !letter(id, Language::Japanese, Era::Today)
                    .body
                    .wire
                    .is_ascii()
            );
        }
        assert_eq!(
            decoded("Subject: =?UTF-8?B?44GU44GC44GE44GV44Gk?="),
            Some("Subject: ごあいさつ")
        );
        assert_eq!(decoded("お昼に会いませんか。"), None);
        assert_eq!(encoded_lines().len(), 6 * 2 + 6);
    }
}
