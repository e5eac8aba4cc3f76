//! Whether the till may look for a new version of the app, or install one, right now: never in
//! the middle of a sale (README "Updates"). The cart lives in the desk's window until it is
//! paid, so the checkout tells the gate what it holds (`cart_changed`) and the payment marks
//! itself while it runs (`paying`); the gate decides, so no screen can get the rule wrong.
//!
//! In memory only: after a restart no cart is open and no payment runs, which is the truth.

use crate::error::{CoreError, Result};
use std::sync::{Mutex, MutexGuard};

/// Why an update must wait (`CoreError::SaleOpen`'s `reason`).
pub const CART_OPEN: &str = "cart_open";
pub const PAYING: &str = "paying";

/// The desk's sale state as the update check sees it. One per running app.
#[derive(Debug, Default)]
pub struct SaleGate {
    state: Mutex<GateState>,
}

#[derive(Debug, Default, Clone, Copy)]
struct GateState {
    /// Lines in the cashier's cart (a parked cart counts: she comes back to it).
    cart_lines: u32,
    /// Payments being completed now (more than one only if two windows pay at once).
    paying: u32,
}

impl SaleGate {
    fn lock(&self) -> MutexGuard<'_, GateState> {
        // A panic elsewhere while holding it leaves two plain counters: still meaningful.
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// The checkout's cart now holds `lines` lines (0: emptied, paid, or abandoned).
    pub fn cart_changed(&self, lines: u32) {
        self.lock().cart_lines = lines;
    }

    /// Marks a payment as running until the returned guard is dropped (also on an error or a
    /// panic), so a check never starts between the tenders and the receipt.
    pub fn paying(&self) -> Paying<'_> {
        self.lock().paying += 1;
        Paying(self)
    }

    /// Ok when no sale is open: no cart with lines, no payment running. Otherwise
    /// `CoreError::SaleOpen` with `reason` `paying` or `cart_open` (`lines` in the message).
    pub fn may_update(&self) -> Result<()> {
        let s = *self.lock();
        if s.paying > 0 {
            return Err(CoreError::SaleOpen {
                reason: PAYING,
                lines: s.cart_lines,
            });
        }
        if s.cart_lines > 0 {
            return Err(CoreError::SaleOpen {
                reason: CART_OPEN,
                lines: s.cart_lines,
            });
        }
        Ok(())
    }
}

/// A payment in progress (`SaleGate::paying`).
#[must_use = "the payment counts as running only while this guard lives"]
pub struct Paying<'a>(&'a SaleGate);

impl Drop for Paying<'_> {
    fn drop(&mut self) {
        let mut s = self.0.lock();
        s.paying = s.paying.saturating_sub(1);
    }
}
