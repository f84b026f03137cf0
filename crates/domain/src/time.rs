//! Time as the core sees it: unix milliseconds, always passed in, never read here.

use std::time::Duration;

use serde::{Deserialize, Serialize};

/// A point in time in unix milliseconds — the one representation shared by the core and
/// both databases (which store it as BIGINT).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Millis(pub i64);

impl Millis {
    /// `self` moved forward by `d`, saturating instead of overflowing.
    pub fn plus(self, d: Duration) -> Millis {
        let ms = i64::try_from(d.as_millis()).unwrap_or(i64::MAX);
        Millis(self.0.saturating_add(ms))
    }

    /// `self` moved back by `d` (the start of a window that ends now), saturating.
    pub fn minus(self, d: Duration) -> Millis {
        let ms = i64::try_from(d.as_millis()).unwrap_or(i64::MAX);
        Millis(self.0.saturating_sub(ms))
    }

    /// RFC 3339 with millisecond precision and a `Z` suffix (what STIX and humans read).
    pub fn to_rfc3339(self) -> String {
        chrono::DateTime::from_timestamp_millis(self.0)
            .unwrap_or_default()
            .to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
    }
}

/// A whole number of days, as a `Duration`.
pub fn days(n: u32) -> Duration {
    Duration::from_secs(u64::from(n) * 86_400)
}

/// A day of the week: the weekly digest's day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Weekday {
    Monday,
    Tuesday,
    Wednesday,
    Thursday,
    Friday,
    Saturday,
    Sunday,
}

crate::named!(Weekday, "weekday", {
    Monday => "monday",
    Tuesday => "tuesday",
    Wednesday => "wednesday",
    Thursday => "thursday",
    Friday => "friday",
    Saturday => "saturday",
    Sunday => "sunday",
});

impl Weekday {
    /// The weekday of UTC day number `day` (days since 1970-01-01, a Thursday).
    pub fn of_day(day: i64) -> Weekday {
        let from_monday = (day.rem_euclid(7) + 3) % 7;
        Weekday::ALL[usize::try_from(from_monday).unwrap_or(0)]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weekdays_of_days() {
        assert_eq!(Weekday::of_day(0), Weekday::Thursday);
        assert_eq!(Weekday::of_day(4), Weekday::Monday);
        assert_eq!(Weekday::of_day(-1), Weekday::Wednesday);
        // 2026-12-02 is a Wednesday.
        assert_eq!(Weekday::of_day(1_796_169_600 / 86_400), Weekday::Wednesday);
        assert_eq!("sunday".parse(), Ok(Weekday::Sunday));
    }

    #[test]
    fn plus_adds_milliseconds_and_saturates() {
        assert_eq!(Millis(1_000).plus(Duration::from_secs(2)), Millis(3_000));
        assert_eq!(Millis(i64::MAX - 1).plus(days(1)), Millis(i64::MAX));
        assert_eq!(Millis(3_000).minus(Duration::from_secs(2)), Millis(1_000));
        assert_eq!(Millis(i64::MIN + 1).minus(days(1)), Millis(i64::MIN));
    }

    #[test]
    fn rfc3339_has_milliseconds_and_utc_suffix() {
        assert_eq!(Millis(0).to_rfc3339(), "1970-01-01T00:00:00.000Z");
        assert_eq!(Millis(1_700_000_000_123).to_rfc3339(), "2023-11-14T22:13:20.123Z");
    }
}
