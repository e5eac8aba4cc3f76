//! iCalendar (RFC 5545) export of one beautician's appointments, for her own
//! calendar app: VEVENTs in UTC, text escaped, lines folded at 75 octets and
//! ended with CRLF. Cancelled and no-show appointments are left out.

use super::local::Offset;
use crate::ids::StaffId;
use crate::store::Store;
use crate::time::iso;
use crate::Result;
use chrono::{DateTime, Duration, NaiveDate, Utc};

/// `20261124T020000Z`.
fn utc(t: DateTime<Utc>) -> String {
    t.format("%Y%m%dT%H%M%SZ").to_string()
}

/// TEXT escaping (RFC 5545 §3.3.11): backslash, semicolon, comma, newline.
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

/// Appends one content line, folded so no physical line exceeds 75 octets
/// (never inside a UTF-8 character), each ending in CRLF.
fn line(out: &mut String, content: &str) {
    let mut used = 0;
    for c in content.chars() {
        let n = c.len_utf8();
        // A continuation line starts with a space, which counts toward its 75.
        if used + n > 75 {
            out.push_str("\r\n ");
            used = 1;
        }
        out.push(c);
        used += n;
    }
    out.push_str("\r\n");
}

impl Store {
    /// The beautician's occupying appointments starting on store dates
    /// `from` through `to` (inclusive), as an .ics file. Her own calendar is
    /// anyone's to take home; another's is an `Export`.
    pub fn ics_for_staff(
        &self,
        actor: &crate::staff::Staff,
        staff: StaffId,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<String> {
        if actor.id != staff {
            actor.require(crate::staff::Permission::Export)?;
        }
        let person = self.staff(staff)?;
        if to < from || (to - from).num_days() > 366 {
            return Err(crate::CoreError::validation(
                "to",
                "export from a date to a later one, at most a year",
            ));
        }
        let offset = Offset::load(&self.conn)?;
        let stamp = utc(self.now());
        let store = self.checkout_settings()?.store_name;
        let mut stmt = self.conn.prepare_cached(&format!(
            "{} WHERE a.staff_id = ?1 AND a.start_at >= ?2 AND a.start_at < ?3
               AND a.status NOT IN ('cancelled', 'no_show')
             ORDER BY a.start_at",
            super::read::SELECT
        ))?;
        let rows = stmt.query_map(
            rusqlite::params![
                staff,
                iso(offset.day_start(from)),
                iso(offset.day_start(to + Duration::days(1)))
            ],
            super::read::from_row,
        )?;
        let mut out = String::new();
        line(&mut out, "BEGIN:VCALENDAR");
        line(&mut out, "VERSION:2.0");
        line(&mut out, "PRODID:-//SalonDesk//Appointments//ZH");
        line(&mut out, "CALSCALE:GREGORIAN");
        line(&mut out, "METHOD:PUBLISH");
        line(
            &mut out,
            &format!(
                "X-WR-CALNAME:{}",
                escape(&format!("{} · {}", person.name, store))
            ),
        );
        for a in rows {
            let a = a?;
            line(&mut out, "BEGIN:VEVENT");
            line(&mut out, &format!("UID:{}@salondesk", a.id));
            line(&mut out, &format!("DTSTAMP:{stamp}"));
            line(&mut out, &format!("DTSTART:{}", utc(a.start)));
            line(&mut out, &format!("DTEND:{}", utc(a.end)));
            line(
                &mut out,
                &format!(
                    "SUMMARY:{}",
                    escape(&format!("{} · {}", a.service_name, a.client_name))
                ),
            );
            if let Some(room) = &a.room_name {
                line(&mut out, &format!("LOCATION:{}", escape(room)));
            }
            // Notes stay out: they may hold health details that have no place
            // in a calendar synced elsewhere.
            let about = format!("{} ({})", a.status.as_str(), store);
            line(&mut out, &format!("DESCRIPTION:{}", escape(&about)));
            line(&mut out, "STATUS:CONFIRMED");
            line(&mut out, "END:VEVENT");
        }
        line(&mut out, "END:VCALENDAR");
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_lines_fold_at_75_octets_without_splitting_characters() {
        let mut out = String::new();
        let summary = format!("SUMMARY:{}", "深层清洁护理".repeat(10));
        line(&mut out, &summary);
        for physical in out.split("\r\n").filter(|l| !l.is_empty()) {
            assert!(
                physical.len() <= 75,
                "{} octets: {physical}",
                physical.len()
            );
        }
        let unfolded = out.trim_end_matches("\r\n").replace("\r\n ", "");
        assert_eq!(unfolded, summary);
    }

    #[test]
    fn text_is_escaped() {
        assert_eq!(escape("a,b;c\\d\ne"), "a\\,b\\;c\\\\d\\ne");
    }
}
