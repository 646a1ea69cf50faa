//! A recording opened on the mail page (`src/mail/recording.rs`), as the `mail_recording`
//! target runs it: any file is read without panicking; one that reads gives back the same
//! recording when written and read again (what free play saves, the page opens), and its
//! timeline is one the player can step through: steps in time order and numbered in order,
//! a session step per client connection, each allowlist naming an address once.
//!
//! The bytes are tried twice: as the file (so foreign files, other versions and damaged
//! headers are met), and after the magic line (so the fuzzer spends its time in the
//! header and the events).

use imasara::mail::recording::{MAGIC, Recording};
use imasara::mail::scenario::StepKind;
use imasara::mail::{ConnKind, EventKind};

pub fn run(data: &[u8]) {
    check(data);
    let mut file = MAGIC.to_vec();
    file.extend_from_slice(data);
    check(&file);
}

fn check(file: &[u8]) {
    let Ok(recording) = Recording::read(file) else {
        return;
    };
    // Written and read again: the same header and events (a cut-short file's rest is gone).
    let again = Recording::read(&recording.to_bytes()).expect("a written recording reads");
    assert_eq!(again.header, recording.header);
    assert_eq!(again.events, recording.events);
    assert!(!again.cut_short);

    let timeline = recording.timeline();
    assert!(timeline.steps.windows(2).all(|w| w[0].at <= w[1].at));
    assert!(timeline.steps.iter().enumerate().all(|(i, s)| s.index == i));
    let client_connections = recording
        .events
        .iter()
        .filter(|e| {
            matches!(
                e.kind,
                EventKind::ConnectionOpened {
                    kind: ConnKind::ClientPop3 | ConnKind::ClientSmtp | ConnKind::ClientSubmission,
                    ..
                }
            )
        })
        .count();
    let sessions = timeline
        .steps
        .iter()
        .filter(|s| matches!(s.what, StepKind::Session(_)))
        .count();
    assert_eq!(sessions, client_connections);
    for step in &timeline.steps {
        let mut ips: Vec<_> = step.allowlist.iter().map(|e| e.ip).collect();
        ips.sort_unstable();
        ips.dedup();
        assert_eq!(ips.len(), step.allowlist.len());
    }
}
