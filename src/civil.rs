//! Civil dates (the proleptic Gregorian calendar) from day counts and back, for both
//! engines: the certificate engine's RFC 3339 times and the mail engine's RFC 5322 dates.
//!
//! Howard Hinnant's `days_from_civil` / `civil_from_days` ("chrono-Compatible Low-Level
//! Date Algorithms"). Day counts are clamped to ±[`MAX_DAYS`] first, so the arithmetic
//! below stays millions of times away from `i64`'s limits whatever the input.
#![allow(
    clippy::arithmetic_side_effects,
    reason = "every input is clamped to ±MAX_DAYS days (or a year of ±MAX_DAYS/365) first"
)]

/// The farthest day from 1970-01-01 (either way) the functions work with: about 2.7
/// million years, far beyond any date a certificate or a mail server can write.
pub const MAX_DAYS: i64 = 1_000_000_000;

/// Whether `year` has a 29 February.
pub fn is_leap(year: i64) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

/// The days of `month` (1–12) of `year`; 0 for a month out of range.
pub fn days_in_month(year: i64, month: i64) -> i64 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        _ => 0,
    }
}

/// Days since 1970-01-01 of `year-month-day` (month 1–12, day 1–31, not checked further).
pub fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let year = year.clamp(-MAX_DAYS / 366, MAX_DAYS / 366);
    let (month, day) = (month.clamp(1, 12), day.clamp(1, 31));
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let year_of_era = y - era * 400;
    let month_from_march = (month + 9) % 12;
    let day_of_year = (153 * month_from_march + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

/// `(year, month 1–12, day 1–31)` of the day `days` after 1970-01-01.
pub fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days.clamp(-MAX_DAYS, MAX_DAYS) + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z - era * 146_097;
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_from_march = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * month_from_march + 2) / 5 + 1;
    let month = if month_from_march < 10 {
        month_from_march + 3
    } else {
        month_from_march - 9
    };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

/// Day of the week of the day `days` after 1970-01-01 (a Thursday): 0 = Monday … 6 = Sunday.
pub fn weekday(days: i64) -> i64 {
    (days.clamp(-MAX_DAYS, MAX_DAYS) + 3).rem_euclid(7)
}

/// Splits seconds since the epoch into whole days and the seconds into that day.
pub fn split_seconds(seconds: i64) -> (i64, i64) {
    (seconds.div_euclid(86_400), seconds.rem_euclid(86_400))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_known_days() {
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(days_from_civil(2000, 2, 29), 11_016);
        assert_eq!(civil_from_days(11_016), (2000, 2, 29));
        assert_eq!(weekday(0), 3, "1970-01-01 was a Thursday");
        for days in [-800_000, -1, 0, 59, 60, 20_000, 2_932_896] {
            let (y, m, d) = civil_from_days(days);
            assert_eq!(days_from_civil(y, m, d), days);
        }
        assert_eq!(days_in_month(2100, 2), 28);
        assert_eq!(days_in_month(2000, 2), 29);
        // Extreme inputs are clamped, never overflow.
        let _ = civil_from_days(i64::MIN);
        let _ = days_from_civil(i64::MAX, 12, 31);
    }
}
