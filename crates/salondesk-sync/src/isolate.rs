//! Finding the one operation that makes whole pushes fail, so it can be set
//! aside and the rest of the outbox can go on.
//!
//! A push is answered per operation, and an operation the server refuses
//! comes back `rejected`: kept and shown, the rest goes on. But a push can
//! also fail as a whole because of one operation in it: a 4xx that names it
//! (`ErrorBody::op_id`), a 4xx that does not, or a server that fails on it
//! (500) every time. Retried as it was, such a batch would hold up everything
//! behind it for ever. So:
//! - a refusal that names an operation of the batch sets that one aside;
//! - otherwise the batch is halved, and halved again (batches that get
//!   through let it grow back), until one operation alone fails;
//! - that one is set aside only once the server has shown it takes the
//!   operation right after it (a probe of that one alone): a server that
//!   refuses or fails on everything (a version mismatch, a broken database)
//!   sets nothing aside, it is only waited for. A 500 must also come back
//!   `STRIKES` times, a round of backoff apart (a fault of the moment is not
//!   the operation's).
//!
//! What is not about the operations is never a reason: no network, 401, 408,
//! 409 (`out_of_order`: pushed again), 413 (the batch halves for size, see
//! `batch`), 429, and the 502–504 of proxies and a database that is down.

use crate::error::SyncError;
use salondesk_protocol::{OpResult, OpStatus};
use uuid::Uuid;

/// Times one operation alone must fail with a 500 before it is set aside.
pub const STRIKES: u32 = 3;

/// What a failed push says about the operations it carried.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Failure {
    /// Not about the operations: wait and try the same again.
    Transient,
    /// The server names this operation of the batch as the cause.
    Names(Uuid),
    /// The batch was refused (a 4xx naming none of its operations).
    Refused,
    /// The server failed on the batch (500).
    Failed,
}

/// Sorts a push's failure. `batch`: the op ids it carried.
pub fn classify(e: &SyncError, batch: &[Uuid]) -> Failure {
    let SyncError::Server {
        status,
        code,
        op_id,
        ..
    } = e
    else {
        return Failure::Transient;
    };
    // A page that is not the server's own answer (a proxy's, a wrong
    // address's) says nothing about the operations.
    let servers_own = !code.starts_with("http_");
    match *status {
        400..=499 if matches!(status, 401 | 404 | 405 | 408 | 409 | 413 | 429) => {
            Failure::Transient
        }
        400..=499 if servers_own => match op_id {
            Some(op) if batch.contains(op) => Failure::Names(*op),
            _ => Failure::Refused,
        },
        500 => Failure::Failed,
        _ => Failure::Transient,
    }
}

/// The result that sets `op_id` aside for the reason `e` gives.
pub fn set_aside(op_id: Uuid, e: &SyncError) -> OpResult {
    let (code, message) = match e {
        SyncError::Server { status: 500, .. } => (
            "push_failed".to_owned(),
            "the server failed every time this operation was sent".to_owned(),
        ),
        SyncError::Server { code, message, .. } => (code.clone(), message.clone()),
        other => (other.code().to_owned(), other.to_string()),
    };
    OpResult {
        op_id,
        status: OpStatus::Rejected,
        code: Some(code),
        message: Some(message),
        data: None,
    }
}

/// The operation that failed alone, and how often in a row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Suspect {
    pub op: Option<Uuid>,
    pub strikes: u32,
}

impl Suspect {
    /// `op` failed alone once more; answers how many times in a row.
    pub fn strike(&mut self, op: Uuid) -> u32 {
        if self.op != Some(op) {
            *self = Suspect {
                op: Some(op),
                strikes: 0,
            };
        }
        self.strikes += 1;
        self.strikes
    }

    pub fn clear(&mut self) {
        *self = Suspect::default();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn server(status: u16, code: &str, op_id: Option<Uuid>) -> SyncError {
        SyncError::Server {
            status,
            code: code.into(),
            message: "m".into(),
            op_id,
        }
    }

    #[test]
    fn only_the_servers_own_refusals_and_failures_point_at_operations() {
        let (a, b) = (Uuid::now_v7(), Uuid::now_v7());
        let batch = [a, b];
        assert_eq!(
            classify(&server(400, "bad_request", Some(b)), &batch),
            Failure::Names(b)
        );
        assert_eq!(
            classify(&server(422, "bad_field", Some(Uuid::now_v7())), &batch),
            Failure::Refused,
            "an operation not in the batch is not blamed"
        );
        assert_eq!(
            classify(&server(400, "bad_request", None), &batch),
            Failure::Refused
        );
        assert_eq!(
            classify(&server(500, "internal", None), &batch),
            Failure::Failed
        );
        for transient in [
            server(400, "http_400", None),
            server(404, "not_found", None),
            server(409, "out_of_order", None),
            server(503, "unavailable", None),
            server(502, "http_502", None),
            SyncError::Offline("cut".into()),
            SyncError::TooLarge,
            SyncError::Unauthorized,
            SyncError::RateLimited { retry_after: None },
            SyncError::Protocol("html".into()),
        ] {
            assert_eq!(
                classify(&transient, &batch),
                Failure::Transient,
                "{transient:?} says nothing about the operations"
            );
        }
    }

    #[test]
    fn strikes_count_one_operation_in_a_row_and_start_over_for_another() {
        let (a, b) = (Uuid::now_v7(), Uuid::now_v7());
        let mut s = Suspect::default();
        assert_eq!(s.strike(a), 1);
        assert_eq!(s.strike(a), 2);
        assert_eq!(s.strike(b), 1, "another operation starts its own count");
        s.clear();
        assert_eq!(s.strike(b), 1);
    }

    #[test]
    fn a_set_aside_operation_keeps_the_servers_reason_or_says_it_kept_failing() {
        let op = Uuid::now_v7();
        let r = set_aside(op, &server(400, "bad_field", None));
        assert_eq!(
            (r.status, r.code.as_deref()),
            (OpStatus::Rejected, Some("bad_field"))
        );
        let r = set_aside(op, &server(500, "internal", None));
        assert_eq!(r.code.as_deref(), Some("push_failed"));
    }
}
