//! The engine's own notion of time: seconds since the Unix epoch, UTC.
//!
//! The engine never reads a clock. The caller (the page, from `js_sys::Date::now()`; the
//! CLI, from `--at` or the system clock) passes a [`UnixTime`] to judge at. Leap seconds
//! are ignored, as in X.509 validity and RFC 3339 `Z` times.

use serde::{Deserialize, Serialize};

/// A point in time: whole seconds since 1970-01-01T00:00:00Z (negative before it).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct UnixTime(pub i64);

impl UnixTime {
    /// Seconds since the epoch.
    pub fn seconds(self) -> i64 {
        self.0
    }

    /// Formats as RFC 3339 in UTC, e.g. `2026-11-27T21:48:04Z`.
    pub fn to_rfc3339(self) -> String {
        let days = self.0.div_euclid(86_400);
        let secs = self.0.rem_euclid(86_400);
        let (y, m, d) = civil_from_days(days);
        format!(
            "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z",
            y,
            m,
            d,
            secs / 3600,
            (secs / 60) % 60,
            secs % 60
        )
    }

    /// Parses RFC 3339 (`2026-11-27T21:48:04Z`, `...+09:00`, fractional seconds dropped,
    /// lower-case `t`/`z` or a space accepted) or a bare date `2026-11-27` (midnight UTC).
    pub fn parse_rfc3339(s: &str) -> Option<UnixTime> {
        let s = s.trim();
        let b = s.as_bytes();
        let num = |r: core::ops::Range<usize>| -> Option<i64> {
            let part = b.get(r)?;
            if part.is_empty() || !part.iter().all(u8::is_ascii_digit) {
                return None;
            }
            core::str::from_utf8(part).ok()?.parse().ok()
        };
        if b.len() < 10 || b[4] != b'-' || b[7] != b'-' {
            return None;
        }
        let (y, mo, d) = (num(0..4)?, num(5..7)?, num(8..10)?);
        if !(1..=12).contains(&mo) || d < 1 || d > days_in_month(y, mo) {
            return None;
        }
        let mut t = days_from_civil(y, mo, d) * 86_400;
        if b.len() == 10 {
            return Some(UnixTime(t));
        }
        if !matches!(b[10], b'T' | b't' | b' ') || b.len() < 19 || b[13] != b':' || b[16] != b':' {
            return None;
        }
        let (h, mi, se) = (num(11..13)?, num(14..16)?, num(17..19)?);
        if h > 23 || mi > 59 || se > 60 {
            return None;
        }
        t += h * 3600 + mi * 60 + se.min(59);
        let mut i = 19;
        if b.get(i) == Some(&b'.') {
            i += 1;
            let start = i;
            while b.get(i).is_some_and(u8::is_ascii_digit) {
                i += 1;
            }
            if i == start {
                return None;
            }
        }
        match b.get(i..)? {
            [b'Z' | b'z'] => Some(UnixTime(t)),
            [sign @ (b'+' | b'-'), rest @ ..] if rest.len() == 5 && rest[2] == b':' => {
                let oh = num(i + 1..i + 3)?;
                let om = num(i + 4..i + 6)?;
                if oh > 23 || om > 59 {
                    return None;
                }
                let off = oh * 3600 + om * 60;
                Some(UnixTime(if *sign == b'+' { t - off } else { t + off }))
            }
            _ => None,
        }
    }
}

fn is_leap(y: i64) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

fn days_in_month(y: i64, m: i64) -> i64 {
    match m {
        2 if is_leap(y) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 for a proleptic Gregorian date (H. Hinnant's algorithm).
pub(crate) fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (if m <= 2 { y + 1 } else { y }, m, d)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn round_trips() {
        for (s, t) in [
            ("1970-01-01T00:00:00Z", 0),
            ("2026-11-27T21:48:04Z", 1_795_816_084),
            ("2000-02-29T12:00:00Z", 951_825_600),
            ("1950-01-01T00:00:00Z", -631_152_000),
        ] {
            assert_eq!(UnixTime::parse_rfc3339(s), Some(UnixTime(t)), "{s}");
            assert_eq!(UnixTime(t).to_rfc3339(), s);
        }
    }

    #[test]
    fn offsets_dates_and_garbage() {
        assert_eq!(
            UnixTime::parse_rfc3339("2026-11-28T06:48:04.123+09:00"),
            UnixTime::parse_rfc3339("2026-11-27T21:48:04Z")
        );
        assert_eq!(
            UnixTime::parse_rfc3339("2026-11-27"),
            UnixTime::parse_rfc3339("2026-11-27T00:00:00Z")
        );
        for bad in [
            "",
            "2026-13-01",
            "2026-02-30T00:00:00Z",
            "2026-01-01T00:00:00",
            "x",
        ] {
            assert_eq!(UnixTime::parse_rfc3339(bad), None, "{bad}");
        }
    }
}
