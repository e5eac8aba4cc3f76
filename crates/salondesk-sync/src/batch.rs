//! How many outbox operations go in one push.
//!
//! A push starts at the protocol's limit. A 413 (too many bytes: a sale with
//! many lines, a long note) halves the batch and the same operations go again,
//! fewer at a time; a batch that got through lets the size grow back, doubling,
//! so one large operation does not slow every push after it. A single
//! operation that is still too large can never be sent: it is refused locally,
//! like an operation the server rejected, and shown, never retried forever.

use salondesk_protocol::MAX_PUSH_OPS;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TooLarge {
    /// Send again with at most this many.
    Retry(usize),
    /// The one operation sent is too large on its own.
    Refuse,
}

#[derive(Debug, Clone)]
pub struct BatchSize {
    current: usize,
    max: usize,
}

impl Default for BatchSize {
    fn default() -> Self {
        BatchSize::new(MAX_PUSH_OPS)
    }
}

impl BatchSize {
    pub fn new(max: usize) -> Self {
        let max = max.clamp(1, MAX_PUSH_OPS);
        BatchSize { current: max, max }
    }

    /// Starts at `n` (an operation to send alone first), free to grow back
    /// to the protocol's limit.
    pub fn starting_at(n: usize) -> Self {
        BatchSize {
            current: n.clamp(1, MAX_PUSH_OPS),
            max: MAX_PUSH_OPS,
        }
    }

    /// How many operations the next push may carry.
    pub fn current(&self) -> usize {
        self.current
    }

    /// A batch was answered (whatever each operation's result).
    pub fn on_success(&mut self) {
        self.current = self.current.saturating_mul(2).min(self.max);
    }

    /// A batch of `sent` operations got 413.
    pub fn on_too_large(&mut self, sent: usize) -> TooLarge {
        if sent <= 1 {
            return TooLarge::Refuse;
        }
        self.current = (sent / 2).max(1);
        TooLarge::Retry(self.current)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn starts_at_the_protocol_limit_and_never_exceeds_it() {
        assert_eq!(BatchSize::default().current(), MAX_PUSH_OPS);
        assert_eq!(BatchSize::new(5000).current(), MAX_PUSH_OPS);
        assert_eq!(BatchSize::new(0).current(), 1);
    }

    #[test]
    fn halves_on_413_down_to_a_single_operation_then_refuses_it() {
        let mut b = BatchSize::default();
        let mut sizes = vec![b.current()];
        while let TooLarge::Retry(n) = b.on_too_large(b.current()) {
            assert_eq!(n, b.current());
            sizes.push(n);
        }
        assert_eq!(sizes, [1000, 500, 250, 125, 62, 31, 15, 7, 3, 1]);
        assert_eq!(b.on_too_large(1), TooLarge::Refuse);
    }

    #[test]
    fn halves_what_was_actually_sent_not_the_limit() {
        // Only 40 were waiting; a 413 on them retries with 20, not 500.
        let mut b = BatchSize::default();
        assert_eq!(b.on_too_large(40), TooLarge::Retry(20));
    }

    #[test]
    fn grows_back_after_batches_get_through() {
        let mut b = BatchSize::default();
        b.on_too_large(1000);
        b.on_too_large(500);
        assert_eq!(b.current(), 250);
        b.on_success();
        assert_eq!(b.current(), 500);
        b.on_success();
        b.on_success();
        assert_eq!(b.current(), MAX_PUSH_OPS);
    }
}
