//! The `mail_session` target: see fuzz/drivers/mail_session.rs (tests/fuzz_regressions.rs replays
//! what it found through the same driver).

#![no_main]

#[path = "../drivers/mail_session.rs"]
#[allow(dead_code, reason = "a driver file may serve several targets")]
mod mail_session;

libfuzzer_sys::fuzz_target!(|data: &[u8]| mail_session::run(data));
