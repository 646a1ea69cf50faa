//! The scenarios' sample mails (src/mail/letters.rs) are written out ahead of time, as
//! on the wire and as read, so the page needs no character-set tables. Here an
//! independent implementation (encoding_rs, the WHATWG Encoding Standard's decoders and
//! encoders, as in Firefox) checks both ways that each wire form is that text, and the
//! transcripts show what real mail of the era looked like.

#![cfg(not(target_arch = "wasm32"))]

use data_encoding::BASE64;
use encoding_rs::{Encoding, ISO_2022_JP, UTF_8};
use imasara::mail::letters::{self, Encoded, Language, LetterId};
use imasara::mail::scenario::{Scenario, ScenarioId, StepId};
use imasara::mail::{Era, Speaker, Timeline};

const IDS: [LetterId; 6] = LetterId::ALL;

/// An unstructured header value with RFC 2047 encoded words decoded (B encoding only:
/// that is what the letters use); whitespace between two encoded words is dropped.
fn decode_rfc2047(value: &str) -> String {
    let mut out = String::new();
    let mut rest = value;
    while let Some(start) = rest.find("=?") {
        out.push_str(&rest[..start]);
        let word = &rest[start + 2..];
        let mut parts = word.splitn(3, '?');
        let charset = parts.next().expect("charset");
        let method = parts.next().expect("B or Q");
        let tail = parts.next().expect("text");
        let end = tail.find("?=").expect("end of the encoded word");
        assert!(method.eq_ignore_ascii_case("B"), "{value}");
        let bytes = BASE64.decode(&tail.as_bytes()[..end]).expect("base64");
        let encoding = Encoding::for_label(charset.as_bytes()).expect("known charset");
        let (text, malformed) = encoding.decode_without_bom_handling(&bytes);
        assert!(!malformed, "{value}");
        out.push_str(&text);
        rest = &tail[end + 2..];
    }
    out.push_str(rest);
    out
}

fn check_subject(line: &Encoded, charset: &str) {
    let wire = line
        .wire
        .strip_prefix("Subject: ")
        .expect("a Subject: line");
    let text = line
        .text
        .strip_prefix("Subject: ")
        .expect("a Subject: line");
    assert!(wire.contains(&format!("=?{charset}?B?")), "{wire}");
    assert_eq!(decode_rfc2047(wire), text);
    // RFC 2047 section 2: an encoded word is at most 75 characters; RFC 5322: lines of
    // at most 78.
    assert!(line.wire.len() <= 78, "{}", line.wire);
}

#[test]
fn iso_2022_jp_mails_of_2001_decode_to_their_text_and_encode_back() {
    for id in IDS {
        let letter = letters::letter(id, Language::Japanese, Era::Y2001);
        check_subject(&letter.subject, "ISO-2022-JP");
        // The encoded word holds exactly what an ISO-2022-JP encoder writes.
        let text = letter.subject.text.trim_start_matches("Subject: ");
        let encoded_part = text.trim_start_matches("Re: ");
        let (bytes, _, unmappable) = ISO_2022_JP.encode(encoded_part);
        assert!(!unmappable);
        assert!(
            letter.subject.wire.contains(&BASE64.encode(&bytes)),
            "{id:?}"
        );
        // The body: 7-bit, ends back in ASCII (RFC 1468), and is the encoder's output.
        let body = letter.body;
        assert!(body.wire.is_ascii());
        assert!(body.wire.ends_with("\x1b(B"));
        let (decoded, malformed) = ISO_2022_JP.decode_without_bom_handling(body.wire.as_bytes());
        assert!(!malformed);
        assert_eq!(decoded, body.text);
        let (bytes, _, unmappable) = ISO_2022_JP.encode(body.text);
        assert!(!unmappable);
        assert_eq!(bytes, body.wire.as_bytes());
        assert_eq!(
            letter.mime,
            [
                "MIME-Version: 1.0",
                "Content-Type: text/plain; charset=ISO-2022-JP",
                "Content-Transfer-Encoding: 7bit",
            ]
        );
        assert_eq!(letters::decoded(body.wire), Some(body.text));
        assert_eq!(
            letters::decoded(letter.subject.wire),
            Some(letter.subject.text)
        );
    }
}

#[test]
fn utf8_mails_of_today_decode_to_their_text() {
    for id in IDS {
        let letter = letters::letter(id, Language::Japanese, Era::Today);
        check_subject(&letter.subject, "UTF-8");
        let text = letter.subject.text.trim_start_matches("Subject: ");
        let (bytes, _, _) = UTF_8.encode(text.trim_start_matches("Re: "));
        assert!(
            letter.subject.wire.contains(&BASE64.encode(&bytes)),
            "{id:?}"
        );
        // 8bit: the body goes as it is, so there is nothing to decode.
        assert_eq!(letter.body.wire, letter.body.text);
        assert!(!letter.body.wire.is_ascii());
        assert_eq!(letters::decoded(letter.body.wire), None);
        assert_eq!(
            letter.mime[1],
            "Content-Type: text/plain; charset=UTF-8; format=flowed"
        );
        assert_eq!(letter.mime[2], "Content-Transfer-Encoding: 8bit");
        // The same words as in 2001.
        let then = letters::letter(id, Language::Japanese, Era::Y2001);
        assert_eq!(letter.subject.text, then.subject.text);
        assert_eq!(letter.body.text, then.body.text);
    }
    assert_eq!(letters::encoded_lines().len(), 18);
}

/// The lines of one step, with their decodings.
fn lines(timeline: &Timeline, id: StepId) -> Vec<(Speaker, String, Option<&'static str>)> {
    let step = timeline
        .steps
        .iter()
        .find(|s| s.id() == Some(id))
        .expect("step");
    step.events
        .iter()
        .filter_map(|e| e.line())
        .map(|l| (l.speaker, l.text.clone(), l.decoded))
        .collect()
}

#[test]
fn japanese_scenarios_carry_the_encoded_mails_with_their_decodings() {
    let timeline = Scenario::get(ScenarioId::OwnCase)
        .in_language(Language::Japanese)
        .run();
    // The waiting mail, as Qpopper hands it out: the Subject in ISO-2022-JP.
    let received = lines(&timeline, StepId::OwnCaseReceiveOnStart);
    let subject = received
        .iter()
        .find(|(s, t, _)| *s == Speaker::Server && t.starts_with("Subject: Re: "))
        .expect("taro's reply");
    assert_eq!(
        subject.1,
        "Subject: Re: =?ISO-2022-JP?B?GyRCQkckQTlnJG8kOyRON28bKEI=?="
    );
    assert_eq!(subject.2, Some("Subject: Re: 打ち合わせの件"));
    assert!(
        received
            .iter()
            .any(|(_, t, _)| t == "Content-Type: text/plain; charset=ISO-2022-JP")
    );
    // The reader's own mail, sent in DATA and passed on to the recipient's server as it is.
    let sent = lines(&timeline, StepId::OwnCaseSendOk);
    let body: Vec<_> = sent
        .iter()
        .filter(|(_, _, d)| *d == Some("お昼に会いませんか。"))
        .collect();
    assert_eq!(body.len(), 2, "to our server, then onward");
    assert!(
        body.iter()
            .all(|(s, t, _)| *s == Speaker::Client && t.starts_with('\x1b'))
    );
    // The replies do not change with the language.
    let english = Scenario::get(ScenarioId::OwnCase).run();
    let replies = |t: &Timeline, id| {
        lines(t, id)
            .into_iter()
            .filter(|(s, t, _)| {
                *s == Speaker::Server && t.starts_with(|c: char| c.is_ascii_digit())
            })
            .map(|(_, t, _)| t.split_whitespace().next().unwrap_or_default().to_owned())
            .collect::<Vec<_>>()
    };
    for id in [StepId::OwnCaseSendOk, StepId::OwnCaseSendRefused] {
        assert_eq!(replies(&english, id), replies(&timeline, id));
    }
    // English mail is ASCII with nothing to decode.
    assert!(
        english
            .steps
            .iter()
            .flat_map(|s| &s.events)
            .filter_map(|e| e.line())
            .all(|l| l.decoded.is_none() && l.text.is_ascii())
    );
}

#[test]
fn today_thunderbird_declares_8bit_and_the_size() {
    for language in [Language::English, Language::Japanese] {
        let timeline = Scenario::get(ScenarioId::SubmissionToday)
            .in_language(language)
            .run();
        let sent = lines(&timeline, StepId::SubmissionTodaySubmitWithStarttlsAndAuth);
        let mail_from = sent
            .iter()
            .find(|(_, t, _)| t.starts_with("MAIL FROM:"))
            .expect("MAIL FROM")
            .1
            .clone();
        let size: usize = mail_from
            .strip_prefix("MAIL FROM:<hanako@example.net> BODY=8BITMIME SIZE=")
            .expect(&mail_from)
            .parse()
            .expect("a size");
        // The size is the message's, with CR LF line ends, before dot-stuffing.
        let data = sent.iter().position(|(_, t, _)| t == "DATA").expect("DATA");
        let message: usize = sent[data + 2..]
            .iter()
            .take_while(|(s, t, _)| !(*s == Speaker::Client && t == "."))
            .map(|(_, t, _)| t.len() + 2)
            .sum();
        assert_eq!(size, message, "{language:?}");
        assert!(
            sent.iter()
                .any(|(_, t, _)| t.starts_with("250 2.0.0 Ok: queued as "))
        );
        if language == Language::Japanese {
            let subject = sent
                .iter()
                .find(|(_, t, _)| t.starts_with("Subject: "))
                .expect("Subject");
            assert_eq!(subject.2, Some("Subject: 金曜日のランチ"));
            assert!(sent.iter().any(|(_, t, _)| t == "お昼に会いませんか。"));
        }
    }
    // Programs of 2001 declare nothing.
    let then = Scenario::get(ScenarioId::OwnCase)
        .in_language(Language::Japanese)
        .run();
    assert!(
        lines(&then, StepId::OwnCaseSendOk)
            .iter()
            .any(|(_, t, _)| t == "MAIL FROM:<hanako@example.net>")
    );
}
