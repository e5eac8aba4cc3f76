//! A pushed operation's stamp against the server's wall clock. One stamped
//! more than the drift ahead is refused `clock_ahead` with how many minutes
//! ahead (as data): the till's clock is wrong, and accepting the stamp would
//! drag the chain's clocks (the server's and every till's) ahead with it.
//! The till shows the skew, and sends the operation again, stamped afresh,
//! once its clock is right.

use super::check::Refusal;
use chrono::{DateTime, Utc};
use salondesk_protocol::hlc::{minutes_ahead, HlcError, CLOCK_AHEAD};
use salondesk_protocol::{Hlc, Op};
use serde_json::json;

/// Checks `op`'s stamp (already known well formed) at server time `now`.
pub fn check(op: &Op, now: DateTime<Utc>) -> Result<(), Refusal> {
    match Hlc::parse_at(&op.hlc, now) {
        Ok(_) => Ok(()),
        Err(HlcError::Ahead { ms }) => {
            let minutes = minutes_ahead(ms);
            Err(Refusal {
                code: CLOCK_AHEAD,
                message: format!(
                    "the operation is stamped {minutes} min ahead of the server's clock: \
                     the till's date and time are wrong"
                ),
                data: Some(json!({ "minutesAhead": minutes })),
            })
        }
        Err(e @ HlcError::Malformed) => Err(Refusal::new(
            salondesk_protocol::hlc::BAD_HLC,
            e.to_string(),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{Duration, TimeZone};
    use salondesk_protocol::OpKind;
    use uuid::Uuid;

    fn stamped(at: DateTime<Utc>) -> Op {
        Op {
            op_id: Uuid::now_v7(),
            hlc: Hlc {
                wall_ms: at.timestamp_millis(),
                counter: 0,
            }
            .to_string(),
            device_id: Uuid::now_v7(),
            entity: "member".into(),
            entity_id: Uuid::now_v7().to_string(),
            kind: OpKind::Upsert,
            payload: json!({}),
            created_at: at,
        }
    }

    #[test]
    fn a_stamp_hours_ahead_is_refused_with_the_minutes_as_data() {
        let now = Utc.with_ymd_and_hms(2026, 11, 23, 10, 0, 0).unwrap();
        assert!(
            check(&stamped(now + Duration::minutes(4)), now).is_ok(),
            "4 minutes ahead is within the drift"
        );
        let r = check(&stamped(now + Duration::minutes(192)), now).unwrap_err();
        assert_eq!(r.code, CLOCK_AHEAD, "the till's clock is the problem");
        assert_eq!(
            r.data,
            Some(json!({ "minutesAhead": 192 })),
            "the refusal says how far ahead, as data the till can show"
        );
    }
}
