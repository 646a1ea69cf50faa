//! Simulated time. The engine never reads a clock: every call takes `now`.
//!
//! [`SimTime`] counts milliseconds from an arbitrary origin (a scenario's start, or the
//! moment the lab server started). Durations are plain milliseconds ([`Millis`]) so the view
//! can show them without conversion helpers.

use serde::Serialize;

/// A duration in milliseconds.
pub type Millis = u64;

/// One second, one minute: the units windows and scenarios are written in.
pub const SECOND: Millis = 1_000;
/// One minute in milliseconds.
pub const MINUTE: Millis = 60 * SECOND;

/// A point in simulated time, in milliseconds since an origin chosen by the caller.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct SimTime(pub u64);

impl SimTime {
    /// The origin.
    pub const ZERO: SimTime = SimTime(0);

    /// Milliseconds since the origin.
    #[must_use]
    pub fn as_millis(self) -> u64 {
        self.0
    }

    /// This time plus `ms` (saturating: time never wraps).
    #[must_use]
    pub fn plus(self, ms: Millis) -> SimTime {
        SimTime(self.0.saturating_add(ms))
    }

    /// Milliseconds from `earlier` to `self`, or 0 if `earlier` is later.
    #[must_use]
    pub fn since(self, earlier: SimTime) -> Millis {
        self.0.saturating_sub(earlier.0)
    }

    /// Whole seconds since the origin (used for APOP timestamps and queue ids).
    #[must_use]
    pub fn as_secs(self) -> u64 {
        self.0 / SECOND
    }
}

impl core::fmt::Display for SimTime {
    /// `mm:ss.mmm` (or `h:mm:ss.mmm` past an hour), for logs.
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        let ms = self.0 % 1000;
        let s = (self.0 / 1000) % 60;
        let m = (self.0 / 60_000) % 60;
        let h = self.0 / 3_600_000;
        if h > 0 {
            write!(f, "{h}:{m:02}:{s:02}.{ms:03}")
        } else {
            write!(f, "{m:02}:{s:02}.{ms:03}")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arithmetic_saturates_and_displays() {
        assert_eq!(SimTime(5).plus(u64::MAX), SimTime(u64::MAX));
        assert_eq!(SimTime(5).since(SimTime(9)), 0);
        assert_eq!(SimTime(10 * MINUTE + 1500).to_string(), "10:01.500");
        assert_eq!(SimTime(3_600_000).to_string(), "1:00:00.000");
    }
}
