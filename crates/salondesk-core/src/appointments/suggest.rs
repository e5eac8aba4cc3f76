//! Which beautician to offer a member first: her preferred beautician (指定美容师),
//! or else the one who served her most in her recent appointments.

use crate::ids::{MemberId, StaffId};
use crate::store::Store;
use crate::Result;
use rusqlite::OptionalExtension;

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum SuggestionReason {
    /// Her profile names this beautician.
    Preferred,
    /// This beautician served her most among her last appointments.
    MostServed,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suggestion {
    pub staff_id: StaffId,
    pub staff_name: String,
    pub reason: SuggestionReason,
}

impl Store {
    pub fn suggest_beautician(&self, member: MemberId) -> Result<Option<Suggestion>> {
        let m = self.member(member)?;
        if let Some(id) = m.preferred_staff_id {
            let name: Option<String> = self
                .conn
                .prepare_cached("SELECT name FROM staff WHERE id = ?1 AND active = 1")?
                .query_row([id], |r| r.get(0))
                .optional()?;
            if let Some(staff_name) = name {
                return Ok(Some(Suggestion {
                    staff_id: id,
                    staff_name,
                    reason: SuggestionReason::Preferred,
                }));
            }
        }
        let most: Option<(StaffId, String)> = self
            .conn
            .prepare_cached(
                "SELECT a.staff_id, s.name FROM
                   (SELECT staff_id FROM appointments
                    WHERE member_id = ?1 AND status IN ('arrived', 'in_service', 'completed')
                    ORDER BY start_at DESC LIMIT 20) a
                 JOIN staff s ON s.id = a.staff_id AND s.active = 1
                 GROUP BY a.staff_id ORDER BY count(*) DESC, s.name LIMIT 1",
            )?
            .query_row([member], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?;
        Ok(most.map(|(staff_id, staff_name)| Suggestion {
            staff_id,
            staff_name,
            reason: SuggestionReason::MostServed,
        }))
    }
}
