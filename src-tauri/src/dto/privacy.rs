//! Members' data requests: her consent history and the erase's confirmation.

use salondesk_core::privacy::{ConsentHow, ConsentRecord};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// One line of her consent history (newest first).
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ConsentRecordView {
    pub consent: bool,
    /// A `ConsentHow` word; a newer till's unknown word is shown as it is.
    pub how: String,
    pub staff_name: Option<String>,
    pub device_id: String,
    pub at: String,
}

impl From<ConsentRecord> for ConsentRecordView {
    fn from(r: ConsentRecord) -> Self {
        ConsentRecordView {
            consent: r.consent,
            how: r.how,
            staff_name: r.staff_name,
            device_id: r.device_id,
            at: salondesk_core::time::iso(r.at),
        }
    }
}

/// Consent set on her profile, saying how she gave or withdrew it.
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ConsentInput {
    pub consent: bool,
    pub how: ConsentHow,
}
