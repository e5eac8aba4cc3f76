//! Every error reply is JSON `{code, message}`: `code` is stable and machine
//! readable (`unauthorized`, `forbidden`, `payload_too_large`, `too_many_ops`,
//! `rate_limited`, `bad_request`, `not_found`, `enrolment_expired`, `internal`),
//! `message` is for a person.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ErrorBody {
    pub code: String,
    pub message: String,
}

impl ErrorBody {
    pub fn new(code: &str, message: impl Into<String>) -> Self {
        ErrorBody {
            code: code.to_owned(),
            message: message.into(),
        }
    }
}
