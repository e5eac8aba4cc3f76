//! A staff PIN: 4 to 8 digits, at least 6 for an owner or a manager. Never
//! stored, logged or displayed; only its argon2 hash is kept.
//!
//! Why 6 for those who approve refunds, discounts and staff: a hash copied
//! off a till is tried offline, without a lock-out. 10^4 PINs take minutes
//! even at a quarter of a second each; 10^6 take days on a core.

use crate::staff::Role;
use crate::{CoreError, Result};

/// The fewest digits of an owner's or a manager's PIN.
pub const MIN_MANAGER_PIN_DIGITS: usize = 6;
/// The fewest digits any PIN has.
pub const MIN_PIN_DIGITS: usize = 4;

pub struct Pin(String);

impl Pin {
    pub fn parse(input: &str) -> Result<Pin> {
        let ok = (MIN_PIN_DIGITS..=8).contains(&input.len())
            && input.bytes().all(|b| b.is_ascii_digit());
        if !ok {
            return Err(CoreError::validation("pin", "a PIN is 4 to 8 digits"));
        }
        Ok(Pin(input.to_owned()))
    }

    /// A PIN that `role` may have: an owner's or a manager's is at least
    /// [`MIN_MANAGER_PIN_DIGITS`] digits (`pin_too_short`).
    pub fn parse_for(role: Role, input: &str) -> Result<Pin> {
        let pin = Pin::parse(input)?;
        if !pin.long_enough_for(role) {
            return Err(CoreError::PinTooShort {
                min_digits: MIN_MANAGER_PIN_DIGITS,
            });
        }
        Ok(pin)
    }

    /// Long enough for `role` (a PIN set before the rule may not be).
    pub fn long_enough_for(&self, role: Role) -> bool {
        !matches!(role, Role::Owner | Role::Manager) || self.0.len() >= MIN_MANAGER_PIN_DIGITS
    }

    pub(crate) fn as_str(&self) -> &str {
        &self.0
    }

    pub(crate) fn expose(&self) -> &[u8] {
        self.0.as_bytes()
    }
}

impl std::fmt::Debug for Pin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Pin(****)")
    }
}
