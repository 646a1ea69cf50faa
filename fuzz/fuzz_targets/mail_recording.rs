//! The `mail_recording` target: see fuzz/drivers/mail_recording.rs (tests/fuzz_regressions.rs
//! replays what it found through the same driver).

#![no_main]

#[path = "../drivers/mail_recording.rs"]
mod mail_recording;

libfuzzer_sys::fuzz_target!(|data: &[u8]| mail_recording::run(data));
