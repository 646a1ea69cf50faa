//! Simulated time, and the dates servers print. The engine never reads a clock: every
//! call takes `now`.
//!
//! [`SimTime`] counts milliseconds from an arbitrary origin (a scenario's start, or the
//! moment the lab server started). Durations are plain milliseconds ([`Millis`]) so the view
//! can show them without conversion helpers. A server's wall clock is `clock_origin` (Unix
//! seconds) plus `SimTime`; [`postfix_date`], [`sendmail_date`] and [`qmail_date`] print it
//! the way each server does in its greeting and `Received:` headers.

use serde::{Deserialize, Serialize};

/// A duration in milliseconds.
pub type Millis = u64;

/// One second, one minute: the units windows and scenarios are written in.
pub const SECOND: Millis = 1_000;
/// One minute in milliseconds.
pub const MINUTE: Millis = 60 * SECOND;

/// A point in simulated time, in milliseconds since an origin chosen by the caller.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
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
/// wall-clock moment that [`SimTime::ZERO`] stands for in the old-days scenarios.
pub const SEED_ERA_UNIX: u64 = 1_006_862_400;

/// Unix time of 2026-11-27 12:00:00 UTC (21:00 in Japan): "today" for the scenarios set
/// now (a fixed date, so transcripts do not change from day to day).
pub const TODAY_UNIX: u64 = 1_795_780_800;

/// A moment on the civil calendar.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Civil {
    /// The year.
    pub year: i64,
    /// 1 to 12.
    pub month: u8,
    /// 1 to 31.
    pub day: u8,
    /// 0 to 23.
    pub hour: u8,
    /// 0 to 59.
    pub minute: u8,
    /// 0 to 59.
    pub second: u8,
    /// 0 = Sunday.
    pub weekday: u8,
}

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];
const WEEKDAYS: [&str; 7] = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];

fn small(n: i64) -> u8 {
    u8::try_from(n).unwrap_or(0)
}

/// Unix time `unix` on the calendar, shifted by `offset_minutes` (the day arithmetic is
/// [`crate::civil`]'s, shared with the certificate engine).
#[must_use]
pub fn civil(unix: u64, offset_minutes: i32) -> Civil {
    let unix = i64::try_from(unix).unwrap_or(i64::MAX / 4);
    let local = unix.saturating_add(i64::from(offset_minutes).saturating_mul(60));
    let (days, secs) = crate::civil::split_seconds(local);
    let (year, month, day) = crate::civil::civil_from_days(days);
    Civil {
        year,
        month: small(month),
        day: small(day),
        hour: small(secs / 3600),
        minute: small(secs / 60 % 60),
        second: small(secs % 60),
        // `crate::civil::weekday` counts from Monday; servers print from Sunday.
        weekday: small(crate::civil::weekday(days).saturating_add(1) % 7),
    }
}

impl Civil {
    fn month_name(self) -> &'static str {
        MONTHS
            .get(usize::from(self.month).saturating_sub(1))
            .copied()
            .unwrap_or("Jan")
    }

    fn weekday_name(self) -> &'static str {
        WEEKDAYS
            .get(usize::from(self.weekday))
            .copied()
            .unwrap_or("Sun")
    }

    fn clock(self) -> String {
        format!("{:02}:{:02}:{:02}", self.hour, self.minute, self.second)
    }
}

/// `+0900`.
fn numeric_offset(offset_minutes: i32) -> String {
    let sign = if offset_minutes < 0 { '-' } else { '+' };
    let off = offset_minutes.unsigned_abs();
    format!("{sign}{:02}{:02}", off / 60, off % 60)
}

/// The zone abbreviation a Unix system prints for the offsets used here (`JST`, `UTC`);
/// otherwise the numeric form glibc prints for a bare offset.
fn zone_name(offset_minutes: i32) -> String {
    match offset_minutes {
        540 => "JST".to_owned(),
        0 => "UTC".to_owned(),
        other => numeric_offset(other),
    }
}

/// Postfix's `mail_date()` (global/mail_date.c): `%a, %e %b %Y %H:%M:%S`, the numeric
/// offset and the zone name in parentheses: `Tue, 27 Nov 2001 21:00:00 +0900 (JST)`, the
/// day padded with a space (` 4`).
#[must_use]
pub fn postfix_date(unix: u64, offset_minutes: i32) -> String {
    let t = civil(unix, offset_minutes);
    format!(
        "{}, {:>2} {} {} {} {} ({})",
        t.weekday_name(),
        t.day,
        t.month_name(),
        t.year,
        t.clock(),
        numeric_offset(offset_minutes),
        zone_name(offset_minutes)
    )
}

/// sendmail's `arpadate()` (arpadate.c): `Tue, 27 Nov 2001 21:00:00 +0900 (JST)`, the day
/// without padding, and plain `GMT` when the offset is zero.
#[must_use]
pub fn sendmail_date(unix: u64, offset_minutes: i32) -> String {
    let t = civil(unix, offset_minutes);
    let zone = if offset_minutes == 0 {
        "GMT".to_owned()
    } else {
        format!(
            "{} ({})",
            numeric_offset(offset_minutes),
            zone_name(offset_minutes)
        )
    };
    format!(
        "{}, {} {} {} {} {zone}",
        t.weekday_name(),
        t.day,
        t.month_name(),
        t.year,
        t.clock()
    )
}

/// qmail's `date822fmt()` (date822fmt.c): always UTC, no weekday, `-0000`:
/// `27 Nov 2001 12:00:00 -0000`.
#[must_use]
pub fn qmail_date(unix: u64) -> String {
    let t = civil(unix, 0);
    format!(
        "{} {} {} {} -0000",
        t.day,
        t.month_name(),
        t.year,
        t.clock()
    )
}

#[cfg(test)]
#[allow(
    clippy::expect_used,
    clippy::unwrap_used,
    clippy::indexing_slicing,
    clippy::arithmetic_side_effects,
    reason = "a test may panic: that is how it fails"
)]
mod tests {
    use super::*;

    #[test]
    fn dates_as_each_server_prints_them() {
        assert_eq!(
            postfix_date(SEED_ERA_UNIX, 540),
            "Tue, 27 Nov 2001 21:00:00 +0900 (JST)"
        );
        assert_eq!(
            postfix_date(1_007_424_000, 540),
            "Tue,  4 Dec 2001 09:00:00 +0900 (JST)"
        );
        assert_eq!(
            postfix_date(TODAY_UNIX, 0),
            "Fri, 27 Nov 2026 12:00:00 +0000 (UTC)"
        );
        assert_eq!(
            sendmail_date(SEED_ERA_UNIX, 540),
            "Tue, 27 Nov 2001 21:00:00 +0900 (JST)"
        );
        assert_eq!(sendmail_date(0, 0), "Thu, 1 Jan 1970 00:00:00 GMT");
        assert_eq!(qmail_date(SEED_ERA_UNIX), "27 Nov 2001 12:00:00 -0000");
        assert_eq!(
            postfix_date(951_782_400, -300),
            "Mon, 28 Feb 2000 19:00:00 -0500 (-0500)"
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
