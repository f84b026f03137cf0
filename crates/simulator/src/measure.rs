//! Request rates measured from what was recorded: how many message requests one channel
//! received within any span of time, from every process of the bot together.

use std::collections::HashMap;
use std::time::Duration;

use chrono::{DateTime, TimeDelta, Utc};

use super::routes::{self, Op, Route};
use super::state::RecordedRequest;

/// The channel of a request to its message routes (create, edit, delete).
pub(crate) fn message_channel(r: &RecordedRequest) -> Option<u64> {
    match routes::parse(&r.method, &r.path)? {
        Route::CreateMessage { channel }
        | Route::Message {
            channel,
            op: Op::Edit | Op::Delete,
            ..
        } => Some(channel),
        _ => None,
    }
}

/// The most `counted` requests within any `window`.
pub(crate) fn peak(
    requests: &[RecordedRequest],
    window: Duration,
    counted: impl Fn(&RecordedRequest) -> bool,
) -> usize {
    let times: Vec<DateTime<Utc>> = requests.iter().filter(|r| counted(r)).map(|r| r.at).collect();
    most_within(times, window)
}

/// The busiest channel's peak of message requests within any `window`.
pub(crate) fn peak_per_channel(requests: &[RecordedRequest], window: Duration) -> usize {
    let mut by_channel: HashMap<u64, Vec<DateTime<Utc>>> = HashMap::new();
    for r in requests {
        if let Some(channel) = message_channel(r) {
            by_channel.entry(channel).or_default().push(r.at);
        }
    }
    by_channel
        .into_values()
        .map(|times| most_within(times, window))
        .max()
        .unwrap_or(0)
}

/// The most of `times` less than `window` apart from the first of them (a lone one counts).
fn most_within(mut times: Vec<DateTime<Utc>>, window: Duration) -> usize {
    times.sort_unstable();
    let window = TimeDelta::from_std(window).unwrap_or(TimeDelta::MAX);
    let mut start = 0;
    let mut most = 0;
    for end in 0..times.len() {
        while start < end && times[end] - times[start] >= window {
            start += 1;
        }
        most = most.max(end - start + 1);
    }
    most
}
