//! A recording mail-lab made of real clients (tests/fixtures/recordings), read as the page
//! reads it: the format stays readable, sessions are named, passwords stay masked.
#![cfg(not(target_arch = "wasm32"))]

use imasara::mail::recording::{Recording, Source};
use imasara::mail::scenario::StepKind;
use imasara::mail::{ConnKind, EventKind, RelayRefusal};

const LESSON: &[u8] = include_bytes!("fixtures/recordings/python-lesson.mailrec");

#[test]
fn the_committed_lab_recording_still_reads() {
    let recording = Recording::read(LESSON).expect("readable: bump MAGIC's version if not");
    assert_eq!(recording.header.source, Source::MailLab);
    assert!(recording.header.passwords_masked);
    assert!(!recording.cut_short);
    assert!(!String::from_utf8_lossy(LESSON).contains("s3cret"));

    let timeline = recording.timeline();
    let what: Vec<String> = timeline
        .steps
        .iter()
        .map(|s| match &s.what {
            StepKind::Session(s) if s.kind == ConnKind::ClientPop3 => "pop3".to_owned(),
            StepKind::Session(s) => format!(
                "smtp {} {}",
                s.helo.as_deref().unwrap_or("-"),
                s.agent.as_deref().unwrap_or("-")
            ),
            StepKind::Expiry => "expiry".to_owned(),
            StepKind::Scripted(id) => format!("{id:?}"),
        })
        .collect();
    let smtp = "smtp pc.example Python smtplib";
    assert_eq!(what, ["pop3", smtp, "expiry", smtp, "pop3", smtp]);
    let refusals: Vec<(usize, RelayRefusal)> = timeline
        .steps
        .iter()
        .flat_map(|s| {
            s.events.iter().filter_map(move |e| match e.kind {
                EventKind::RelayRefused { refusal, .. } => Some((s.index, refusal)),
                _ => None,
            })
        })
        .collect();
    assert_eq!(refusals, [(3, RelayRefusal::AllowlistExpired)]);
    assert_eq!(timeline.steps[0].allowlist.len(), 1);
    assert!(timeline.steps[3].allowlist.is_empty());
    assert_eq!(timeline.steps[4].allowlist.len(), 1);
}
