//! This device's clock against the server's, and the operations the server
//! refused for their stamp alone (`bad_hlc`, `clock_ahead`).
//!
//! Every push and pull answer carries the server's time; the device keeps how
//! far its own wall clock is from it (`SKEW`), and its sync status shows that
//! when it is more than the drift (`MAX_DRIFT_MS`): the PC's date or time is
//! wrong, and only a person can fix it.
//!
//! An operation refused for its stamp is not wrong itself: once the device's
//! clock is right again it gets a fresh stamp and waits to be sent again, in
//! its place in the outbox (the push watermark goes back before it; what the
//! server already has in between is acknowledged as duplicate). Its fields'
//! clocks here follow the new stamp, so this till judges its own write as the
//! server and the other tills will. Fresh stamps come after everything this
//! device stamped before, so the re-sent operations should be re-stamped
//! before anything newer is written: that is why a clock found past the bound
//! re-stamps them in the same transaction as the write that found it
//! (`clock_set_back`), and why the sync engine re-sends before it pushes.

use super::outbox::{pushed_through, PUSHED_THROUGH};
use crate::hlc::{Hlc, BAD_HLC, CLOCK_AHEAD, MAX_DRIFT_MS};
use crate::store::{meta_get, Store};
use crate::write::Writer;
use crate::Result;
use chrono::{DateTime, Utc};
use rusqlite::params;

/// Meta key: this device's wall clock minus the server's, in milliseconds, as
/// last measured (positive: this device is ahead).
const SKEW: &str = "sync.server_skew_ms";

/// Keeps how far this device's clock (at `w.now()`) is from the server's
/// `server_time`, measured as an answer arrives.
pub(crate) fn note_server_time(w: &Writer<'_>, server_time: DateTime<Utc>) -> Result<()> {
    let skew = (w.now() - server_time).num_milliseconds();
    w.set_meta(SKEW, &skew.to_string())
}

/// Where this device's clock stands for its next stamp at wall time `now`,
/// given its skew from the server (`None`: never measured). A clock more than
/// the drift ahead of both this device's wall clock and the server's (as
/// measured) restarts at the wall clock: its wall clock was set back (a PC's
/// wrong date fixed), or it adopted a far-future stamp, and every stamp it
/// made would be refused. Ahead of only one of them it stays (monotonic): a
/// wall clock set back wrongly, or running behind the server, is no reason to
/// go back, and without the server's word nothing says which clock is right.
pub(crate) fn sane(hlc: Hlc, now: DateTime<Utc>, skew_ms: Option<i64>) -> Hlc {
    let Some(skew) = skew_ms else {
        return hlc;
    };
    let server_now = now - chrono::Duration::milliseconds(skew);
    if hlc.is_past_bound(now.max(server_now)) {
        hlc.within_bound(now)
    } else {
        hlc
    }
}

/// The write path found this device's clock more than the drift ahead of its
/// wall clock. If the server's clock says so too (see [`sane`]), the clock
/// restarts at the wall clock and what waits in the outbox with a stamp past
/// the bound, or was refused for its stamp, is stamped afresh first, before
/// the write that found it stamps anything.
pub(crate) fn clock_set_back(w: &mut Writer<'_>) -> Result<usize> {
    let skew = meta_get(w, SKEW)?.and_then(|v| v.parse().ok());
    if sane(w.hlc(), w.now(), skew) == w.hlc() {
        return Ok(0);
    }
    w.bring_hlc_within_bound();
    restamp(w)
}

/// Gives a fresh stamp, in outbox order, to every operation refused for its
/// stamp and every one still waiting with a stamp past the bound, and puts
/// them back in line to be sent. Returns how many.
fn restamp(w: &mut Writer<'_>) -> Result<usize> {
    let through = pushed_through(w)?;
    let bound = Hlc::bound(w.now());
    let bound_text = format!("{:015}-{:06}", bound.wall_ms, crate::hlc::MAX_COUNTER);
    let todo: Vec<(i64, String, String, String)> = w
        .prepare_cached(
            "SELECT seq, hlc, entity, entity_id FROM outbox
             WHERE rejected_at IS NOT NULL AND reject_code IN (?1, ?2)
             UNION ALL
             SELECT seq, hlc, entity, entity_id FROM outbox
             WHERE rejected_at IS NULL AND seq > ?3 AND hlc > ?4
             ORDER BY seq",
        )?
        .query_map(params![BAD_HLC, CLOCK_AHEAD, through, bound_text], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })?
        .collect::<rusqlite::Result<_>>()?;
    let Some(first) = todo.first().map(|t| t.0) else {
        return Ok(0);
    };
    let me = w.device().id.to_string();
    for (seq, old, entity, entity_id) in &todo {
        let fresh = w.fresh_hlc().to_string();
        w.prepare_cached(
            "UPDATE outbox SET hlc = ?2, rejected_at = NULL, reject_code = NULL,
                               reject_message = NULL
             WHERE seq = ?1",
        )?
        .execute(params![seq, fresh])?;
        w.prepare_cached(
            "UPDATE field_clocks SET hlc = ?4
             WHERE entity = ?1 AND entity_id = ?2 AND hlc = ?3 AND device_id = ?5",
        )?
        .execute(params![entity, entity_id, old, fresh, me])?;
    }
    if through >= first {
        w.set_meta(PUSHED_THROUGH, &(first - 1).to_string())?;
    }
    Ok(todo.len())
}

impl Store {
    /// Notes the server's time from an answer (push or pull) that arrived now.
    /// (A skew within a second of the one kept is not written again: every
    /// push batch says the time, and a write is a disk flush.)
    pub fn record_server_time(&mut self, server_time: DateTime<Utc>) -> Result<()> {
        let skew = (self.clock.now() - server_time).num_milliseconds();
        if self
            .clock_skew_ms()?
            .is_some_and(|kept| (kept - skew).abs() < 1_000)
        {
            return Ok(());
        }
        self.write(|w| note_server_time(w, server_time))
    }

    /// This device's wall clock minus the server's, in milliseconds, as last
    /// measured; `None` before any server said its time.
    pub fn clock_skew_ms(&self) -> Result<Option<i64>> {
        Ok(meta_get(&self.conn, SKEW)?.and_then(|v| v.parse().ok()))
    }

    /// Re-stamps and puts back in line the operations refused for their stamp,
    /// if this device's clock is now within the drift of the server's (as last
    /// measured; taken as right if never measured). Returns how many.
    pub fn resend_clock_refused(&mut self) -> Result<usize> {
        let refused: i64 = self
            .conn
            .prepare_cached(
                "SELECT count(*) FROM outbox
                 WHERE rejected_at IS NOT NULL AND reject_code IN (?1, ?2)",
            )?
            .query_row(params![BAD_HLC, CLOCK_AHEAD], |r| r.get(0))?;
        if refused == 0 {
            return Ok(0);
        }
        let now = self.clock.now();
        let server_now = now - chrono::Duration::milliseconds(self.clock_skew_ms()?.unwrap_or(0));
        // The stamp the first of them would get, as the server would judge it.
        let next = sane(self.hlc, now, self.clock_skew_ms()?).tick(now);
        if next.ahead_of(server_now) > MAX_DRIFT_MS {
            return Ok(0);
        }
        let resent = self.write(restamp)?;
        if resent > 0 {
            if let Some(hook) = &self.outbox_hook {
                hook();
            }
        }
        Ok(resent)
    }
}
