//! The `cert_judge` target: see fuzz/drivers/cert.rs (tests/fuzz_regressions.rs replays
//! what it found through the same driver).

#![no_main]

#[path = "../drivers/cert.rs"]
#[allow(dead_code, reason = "a driver file may serve several targets")]
mod cert;

libfuzzer_sys::fuzz_target!(|data: &[u8]| cert::judge(data));
