//! The `hostname` target: see fuzz/drivers/hostname.rs (tests/fuzz_regressions.rs replays
//! what it found through the same driver).

#![no_main]

#[path = "../drivers/hostname.rs"]
#[allow(dead_code, reason = "a driver file may serve several targets")]
mod hostname;

libfuzzer_sys::fuzz_target!(|data: &[u8]| hostname::run(data));
