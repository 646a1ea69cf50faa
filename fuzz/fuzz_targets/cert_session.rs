//! The `cert_session` target: see fuzz/drivers/cert_session.rs (tests/fuzz_regressions.rs replays
//! what it found through the same driver).

#![no_main]

#[path = "../drivers/cert_session.rs"]
#[allow(dead_code, reason = "a driver file may serve several targets")]
mod cert_session;

libfuzzer_sys::fuzz_target!(|data: &[u8]| cert_session::run(data));
