//! Members' data requests (PIPL 个人信息保护法): her marketing consent and
//! its history (`consent`), everything held about her as one file (`export`),
//! and erasing her identity on request (`erase`).
//!
//! Marketing vs service messages: `may_send_marketing` answers for offers,
//! campaigns, birthday promotions and anything else that sells — no consent,
//! no message. Messages she needs for what she already bought or booked are
//! *service* messages and do not ask it: appointment reminders, her own
//! packages' sessions and expiry, a receipt, a reply to her complaint. A
//! campaign never sends as a "service" message to get round consent.
//!
//! What an erase clears is `salondesk_protocol::privacy` (one rule for the
//! till, the server and every other till).

mod consent;
mod erase;
mod export;

pub(crate) use consent::record_consent;
pub use consent::{ConsentHow, ConsentRecord};
pub(crate) use erase::{apply_erase, is_erased};

use crate::member::Member;

/// Whether a marketing message may go to `member`: she consented and her
/// record is neither archived nor erased (an erase clears consent too).
pub fn may_send_marketing(member: &Member) -> bool {
    member.consent_marketing && !member.archived
}
