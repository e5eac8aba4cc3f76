//! What the owner sets for the whole store: the checkout settings (points,
//! receipts' header and footer). The tier rules are in `dto::tiers`.

use salondesk_core::checkout::CheckoutSettings;

/// The checkout settings cross as the core's own type (exported with the
/// `ts` feature): every field is the owner's to see and set.
pub type CheckoutSettingsView = CheckoutSettings;
