//! The engine's own notion of time: seconds since the Unix epoch, UTC.
//!
//! The engine never reads a clock. The caller (the page, from `js_sys::Date::now()`; the
//! CLI, from `--at` or the system clock) passes a [`UnixTime`] to judge at. Leap seconds
//! are ignored, as in X.509 validity and RFC 3339 `Z` times.

use serde::{Deserialize, Serialize};

use crate::civil;

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
        let (days, secs) = civil::split_seconds(self.0);
        let (y, m, d) = civil::civil_from_days(days);
        let (h, mi, s) = (secs / 3600, (secs / 60) % 60, secs % 60);
        format!("{y:04}-{m:02}-{d:02}T{h:02}:{mi:02}:{s:02}Z")
    }

    /// Parses RFC 3339 (`2026-11-27T21:48:04Z`, `...+09:00`, fractional seconds dropped,
    /// lower-case `t`/`z` or a space accepted) or a bare date `2026-11-27` (midnight UTC).
    pub fn parse_rfc3339(s: &str) -> Option<UnixTime> {
        let b = s.trim().as_bytes();
        let num = |from: usize, to: usize| -> Option<i64> {
            let part = b.get(from..to)?;
            if part.is_empty() || !part.iter().all(u8::is_ascii_digit) {
                return None;
            }
            core::str::from_utf8(part).ok()?.parse().ok()
        };
        let at = |i: usize| b.get(i).copied();
        if b.len() < 10 || at(4) != Some(b'-') || at(7) != Some(b'-') {
            return None;
        }
        let (y, mo, d) = (num(0, 4)?, num(5, 7)?, num(8, 10)?);
        if !(1..=12).contains(&mo) || d < 1 || d > civil::days_in_month(y, mo) {
            return None;
        }
        let date = civil::days_from_civil(y, mo, d).checked_mul(86_400)?;
        if b.len() == 10 {
            return Some(UnixTime(date));
        }
        if !matches!(at(10), Some(b'T' | b't' | b' '))
            || b.len() < 19
            || at(13) != Some(b':')
            || at(16) != Some(b':')
        {
            return None;
        }
        let (h, mi, se) = (num(11, 13)?, num(14, 16)?, num(17, 19)?);
        if h > 23 || mi > 59 || se > 60 {
            return None;
        }
        // Bounded: h ≤ 23, mi ≤ 59, se ≤ 59.
        let time_of_day = h
            .checked_mul(3600)?
            .checked_add(mi.checked_mul(60)?)?
            .checked_add(se.min(59))?;
        let t = date.checked_add(time_of_day)?;
        let mut i = 19;
        if at(i) == Some(b'.') {
            i = i.checked_add(1)?;
            let start = i;
            while at(i).is_some_and(|c| c.is_ascii_digit()) {
                i = i.checked_add(1)?;
            }
            if i == start {
                return None;
            }
        }
        match b.get(i..)? {
            [b'Z' | b'z'] => Some(UnixTime(t)),
            [sign @ (b'+' | b'-'), rest @ ..] if rest.len() == 5 && rest.get(2) == Some(&b':') => {
                let oh = num(i.checked_add(1)?, i.checked_add(3)?)?;
                let om = num(i.checked_add(4)?, i.checked_add(6)?)?;
                if oh > 23 || om > 59 {
                    return None;
                }
                let offset = oh.checked_mul(3600)?.checked_add(om.checked_mul(60)?)?;
                let utc = if *sign == b'+' {
                    t.checked_sub(offset)
                } else {
                    t.checked_add(offset)
                };
                utc.map(UnixTime)
            }
            _ => None,
        }
    }
}

/// A validity date written as RFC 5280 fixes it for certificates (4.1.2.5.1, 4.1.2.5.2):
/// `YYMMDDHHMMSSZ` in a UTCTime (a year of 50 to 99 is 19xx, one below 50 is 20xx),
/// `YYYYMMDDHHMMSSZ` in a GeneralizedTime, digits and `Z` alone, nothing more. The parts
/// are as written: each client checks their ranges its own way ([`DateText::in_range`]).
/// x509-parser reads more forms (a UTCTime without its seconds, with a time-zone offset),
/// which none of the clients does.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct DateText {
    pub year: i64,
    pub month: i64,
    pub day: i64,
    pub hours: i64,
    pub minutes: i64,
    pub seconds: i64,
}

impl DateText {
    /// The date in `text`, the content of a UTCTime or, when `generalized`, of a
    /// GeneralizedTime; `None` when it is not in the fixed form.
    pub(crate) fn read(text: &[u8], generalized: bool) -> Option<DateText> {
        let year_digits: usize = if generalized { 4 } else { 2 };
        let (digits, zulu) = text.split_at_checked(year_digits.checked_add(10)?)?;
        if zulu != b"Z" || !digits.iter().all(u8::is_ascii_digit) {
            return None;
        }
        let number = |from: usize, count: usize| -> Option<i64> {
            digits
                .get(from..from.checked_add(count)?)?
                .iter()
                .try_fold(0i64, |acc, d| {
                    acc.checked_mul(10)?
                        .checked_add(i64::from(d.checked_sub(b'0')?))
                })
        };
        let two = |n: usize| number(year_digits.checked_add(n.checked_mul(2)?)?, 2);
        let mut year = number(0, year_digits)?;
        if !generalized {
            year = year.checked_add(if year < 50 { 2000 } else { 1900 })?;
        }
        Some(DateText {
            year,
            month: two(0)?,
            day: two(1)?,
            hours: two(2)?,
            minutes: two(3)?,
            seconds: two(4)?,
        })
    }

    /// Whether the month, the day (February's 29th in a leap year), the hours and the
    /// minutes are in their ranges, and the seconds at most `max_seconds` (60 where a
    /// leap second is taken).
    pub(crate) fn in_range(&self, max_seconds: i64) -> bool {
        (1..=12).contains(&self.month)
            && (1..=civil::days_in_month(self.year, self.month)).contains(&self.day)
            && (0..=23).contains(&self.hours)
            && (0..=59).contains(&self.minutes)
            && (0..=max_seconds).contains(&self.seconds)
    }
}

#[cfg(test)]
#[allow(
    clippy::indexing_slicing,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::arithmetic_side_effects,
    reason = "tests index known fixtures and fail by panicking"
)]
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
