//! The `route` target: see fuzz/drivers/route.rs (tests/fuzz_regressions.rs replays
//! what it found through the same driver).

#![no_main]

#[path = "../drivers/route.rs"]
#[allow(dead_code, reason = "a driver file may serve several targets")]
mod route;

libfuzzer_sys::fuzz_target!(|data: &[u8]| route::run(data));
