//! When a burst of file events is over: after a quiet period with no event, or at the
//! latest a maximum wait after the burst's first event (so a stream of writes that never
//! pauses still produces updates).
//!
//! The quiet period depends on the burst. A save in an editor touches one file and is
//! what someone waits for, so it ends after a short quiet period. A burst that touches
//! several files (a `git checkout`, a formatter, a code generator) is better built once,
//! complete, than twice with a half-written tree in between; on a busy machine the writer
//! of such a burst can stall for tens of milliseconds, so it ends after a longer one.

use std::time::{Duration, Instant};

/// How events are coalesced.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct WatchOptions {
    /// A batch that touched one file ends when no relevant event arrived for this long.
    pub quiet: Duration,
    /// A batch that touched several files ends when no relevant event arrived for this long.
    pub burst_quiet: Duration,
    /// A batch ends at the latest this long after its first event.
    pub max_wait: Duration,
}

impl Default for WatchOptions {
    /// 50 ms after a one-file change (an editor's save is done within a few ms); 200 ms
    /// after a many-file burst (measured: 1,000 writes by one process on a loaded 2-core
    /// machine pause for up to ~35 ms between writes and take up to ~2 s); 5 s at most.
    fn default() -> Self {
        Self {
            quiet: Duration::from_millis(50),
            burst_quiet: Duration::from_millis(200),
            max_wait: Duration::from_millis(5000),
        }
    }
}

/// The timing of the burst in progress.
#[derive(Clone, Debug)]
pub struct Debouncer {
    options: WatchOptions,
    first: Option<Instant>,
    last: Option<Instant>,
    /// Files touched so far in this burst.
    files: usize,
}

impl Debouncer {
    pub fn new(options: WatchOptions) -> Self {
        Self {
            options,
            first: None,
            last: None,
            files: 0,
        }
    }

    /// A relevant event arrived at `now`; the burst has touched `files` files so far.
    pub fn note(&mut self, now: Instant, files: usize) {
        self.first.get_or_insert(now);
        self.last = Some(now);
        self.files = files;
    }

    /// When the burst in progress ends, if one is in progress.
    pub fn deadline(&self) -> Option<Instant> {
        let (first, last) = (self.first?, self.last?);
        let quiet = if self.files > 1 {
            self.options.burst_quiet
        } else {
            self.options.quiet
        };
        Some((last + quiet).min(first + self.options.max_wait))
    }

    /// Whether the burst in progress is over at `now`.
    #[cfg(test)]
    pub fn is_due(&self, now: Instant) -> bool {
        self.deadline().is_some_and(|d| now >= d)
    }

    /// The batch was delivered: wait for the next burst.
    pub fn reset(&mut self) {
        self.first = None;
        self.last = None;
        self.files = 0;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ms(n: u64) -> Duration {
        Duration::from_millis(n)
    }

    #[test]
    fn a_one_file_change_ends_after_the_short_quiet_period() {
        let t0 = Instant::now();
        let mut d = Debouncer::new(WatchOptions::default());
        assert_eq!(d.deadline(), None);
        for i in 0..4 {
            d.note(t0 + ms(i), 1);
        }
        assert!(!d.is_due(t0 + ms(3 + 49)));
        assert!(d.is_due(t0 + ms(3 + 50)));
        d.reset();
        assert_eq!(d.deadline(), None);
    }

    #[test]
    fn a_many_file_burst_survives_pauses_shorter_than_the_burst_quiet_period() {
        let t0 = Instant::now();
        let mut d = Debouncer::new(WatchOptions::default());
        d.note(t0, 1);
        d.note(t0 + ms(10), 2);
        assert!(
            !d.is_due(t0 + ms(10 + 150)),
            "a 150 ms stall does not end it"
        );
        d.note(t0 + ms(160), 3);
        assert_eq!(d.deadline(), Some(t0 + ms(160 + 200)));
    }

    #[test]
    fn a_stream_that_never_pauses_is_cut_at_the_maximum_wait() {
        let t0 = Instant::now();
        let mut d = Debouncer::new(WatchOptions::default());
        for i in 0..1000 {
            d.note(t0 + ms(i * 10), i as usize + 1);
        }
        assert_eq!(d.deadline(), Some(t0 + ms(5000)));
    }
}
