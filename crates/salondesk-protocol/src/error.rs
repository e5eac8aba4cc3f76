//! Every error reply is JSON `{code, message}`: `code` is stable and machine
//! readable (`unauthorized`, `forbidden`, `payload_too_large`, `too_many_ops`,
//! `rate_limited`, `bad_request`, `not_found`, `enrolment_expired`, `internal`),
//! `message` is for a person. A refusal caused by one operation of a push
//! names it (`opId`, and `field` when one field is at fault): the device sets
//! that operation aside and sends the rest.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ErrorBody {
    pub code: String,
    pub message: String,
    /// The operation of the push that caused the refusal, if one did.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub op_id: Option<uuid::Uuid>,
    /// The field of that operation at fault, if one is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
}

impl ErrorBody {
    pub fn new(code: &str, message: impl Into<String>) -> Self {
        ErrorBody {
            code: code.to_owned(),
            message: message.into(),
            op_id: None,
            field: None,
        }
    }
}
