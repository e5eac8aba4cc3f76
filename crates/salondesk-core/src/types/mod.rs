//! Validated types: once you hold one, it is valid.

mod birthday;
mod name;
mod phone;
mod pin;

pub use birthday::Birthday;
pub use name::PersonName;
pub use phone::Phone;
pub use pin::{Pin, MIN_MANAGER_PIN_DIGITS, MIN_PIN_DIGITS};
