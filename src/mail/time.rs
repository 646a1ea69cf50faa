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

/// Unix time of 2001-11-27 12:00:00 UTC (21:00 in Japan), the seed article's era: the
/// default wall-clock moment that [`SimTime::ZERO`] stands for in server texts.
pub const SEED_ERA_UNIX: u64 = 1_006_862_400;

/// An RFC 5322 date (`Tue, 27 Nov 2001 21:00:00 +0900`) for Unix time `unix` shown at a UTC
/// offset of `offset_minutes`. Used only for the wall-clock texts real servers print.
#[must_use]
pub fn rfc5322_date(unix: u64, offset_minutes: i32) -> String {
    let local = i64::try_from(unix).unwrap_or(i64::MAX / 2) + i64::from(offset_minutes) * 60;
    let days = local.div_euclid(86_400);
    let secs = local.rem_euclid(86_400);
    // Howard Hinnant's civil_from_days.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    const WEEKDAYS: [&str; 7] = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"];
    let sign = if offset_minutes < 0 { '-' } else { '+' };
    let off = offset_minutes.unsigned_abs();
    format!(
        "{}, {day} {} {year} {:02}:{:02}:{:02} {sign}{:02}{:02}",
        WEEKDAYS[usize::try_from(days.rem_euclid(7)).unwrap_or(0)],
        MONTHS[usize::try_from(month - 1).unwrap_or(0)],
        secs / 3600,
        secs / 60 % 60,
        secs % 60,
        off / 60,
        off % 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_as_mail_servers_print_them() {
        assert_eq!(
            rfc5322_date(SEED_ERA_UNIX, 540),
            "Tue, 27 Nov 2001 21:00:00 +0900"
        );
        assert_eq!(rfc5322_date(0, 0), "Thu, 1 Jan 1970 00:00:00 +0000");
        assert_eq!(
            rfc5322_date(951_782_400, -300),
            "Mon, 28 Feb 2000 19:00:00 -0500"
        );
        assert_eq!(
            rfc5322_date(1_795_737_600, 0),
            "Fri, 27 Nov 2026 00:00:00 +0000"
        );
    }

    #[test]
    fn arithmetic_saturates_and_displays() {
        assert_eq!(SimTime(5).plus(u64::MAX), SimTime(u64::MAX));
        assert_eq!(SimTime(5).since(SimTime(9)), 0);
        assert_eq!(SimTime(10 * MINUTE + 1500).to_string(), "10:01.500");
        assert_eq!(SimTime(3_600_000).to_string(), "1:00:00.000");
    }
}
