//! The daily job: a day's care tasks for this store. The store's rows are
//! read once (members, two years of service visits, packages and points
//! falling due) and each day not yet done on this device is asked of the pure
//! rules in `rules`, oldest first: a `CarePlan`. The plan is then written a
//! chunk of tasks per transaction. A task already there (made here before, or
//! by another till of the store and pulled) is left as it is: its id is made
//! from its content.
//!
//! Why a plan apart from its writing: reading two years of visits takes a
//! couple of seconds at 200,000 members. The app's jobs thread reads on a
//! connection of its own (`CareJob::plan`, WAL lets it read beside the till)
//! and takes the store's lock only for a chunk of writes at a time
//! (`Store::write_care_step`), so a sale waits for one chunk at most.

use super::rules::{birthday_due, cadence_period, cycle_due, lapsed_due};
use super::settings::{self, CareSettings};
use super::{task_id, CareKind};
use crate::checkout::CheckoutSettings;
use crate::db::{apply_key, DbKey};
use crate::member::Tier;
use crate::store::{meta_get, Store};
use crate::time::{iso, parse_iso};
use crate::write::{OpKind, Writer};
use crate::Result;
use chrono::{Duration, NaiveDate};
use rusqlite::{params, Connection, OpenFlags};
use serde_json::{json, Value};
use std::collections::HashMap;
use std::path::PathBuf;

const DONE: &str = "jobs.care";
/// A till switched off for longer catches up on at most this many days.
const MAX_DAYS: i64 = 14;
/// How far back visits are read to learn her habits.
const HISTORY_DAYS: i64 = 730;

/// What one run of the job did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DailyRun {
    pub days: Vec<NaiveDate>,
    pub created: usize,
}

struct MemberRow {
    id: String,
    registered: NaiveDate,
    birthday: Option<NaiveDate>,
    tier: Tier,
    last_visit: Option<NaiveDate>,
}

struct Visit {
    sale_id: String,
    member: String,
    service_id: String,
    date: NaiveDate,
    name: String,
}

/// The store's rows the rules need, read once for the days to do.
struct Facts {
    members: Vec<MemberRow>,
    visits: Vec<Visit>,
    services: HashMap<String, String>,
}

struct NewTask {
    kind: CareKind,
    member: String,
    period: String,
    detail: Value,
}

fn date(s: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(s.get(..10)?, "%Y-%m-%d").ok()
}

fn tier(s: &str) -> Tier {
    match s {
        "silver" => Tier::Silver,
        "gold" => Tier::Gold,
        "platinum" => Tier::Platinum,
        _ => Tier::Standard,
    }
}

fn load_facts(
    conn: &Connection,
    cfg: &CheckoutSettings,
    first: NaiveDate,
    last: NaiveDate,
) -> Result<Facts> {
    let local = |s: &str| parse_iso(s).map(|t| cfg.business_date(t));
    let mut members = Vec::new();
    let mut stmt = conn.prepare(
        "SELECT id, registered_at, birthday, tier, last_visit_at FROM members
         WHERE archived_at IS NULL AND merged_into IS NULL AND erased_at IS NULL",
    )?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let registered: String = r.get(1)?;
        let Some(registered) = local(&registered) else {
            continue;
        };
        let birthday: Option<String> = r.get(2)?;
        let last: Option<String> = r.get(4)?;
        members.push(MemberRow {
            id: r.get(0)?,
            registered,
            birthday: birthday.as_deref().and_then(date),
            tier: tier(&r.get::<_, String>(3)?),
            last_visit: last.as_deref().and_then(local),
        });
    }
    let services = conn
        .prepare("SELECT id, name FROM services")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<HashMap<String, String>>>()?;
    // Service visits: a service line, or a package session of a service.
    // A refunded or voided sale is no visit.
    let mut stmt = conn.prepare(
        "SELECT s.id, s.member_id, CASE WHEN l.kind = 'service' THEN l.item_id ELSE p.service_id END,
                s.business_date, l.name
         FROM sales s JOIN sale_lines l ON l.sale_id = s.id
         LEFT JOIN packages p ON l.kind = 'package_redemption' AND p.id = l.item_id
         WHERE s.business_date >= ?1 AND s.business_date <= ?2 AND s.kind = 'sale'
           AND s.member_id IS NOT NULL AND l.kind IN ('service', 'package_redemption')
           AND NOT EXISTS (SELECT 1 FROM sales r WHERE r.original_sale_id = s.id)",
    )?;
    let from = first - Duration::days(HISTORY_DAYS);
    let mut rows = stmt.query(params![from.to_string(), last.to_string()])?;
    let mut visits = Vec::new();
    while let Some(r) = rows.next()? {
        let service_id: Option<String> = r.get(2)?;
        let Some(day) = date(&r.get::<_, String>(3)?) else {
            continue;
        };
        visits.push(Visit {
            sale_id: r.get(0)?,
            member: r.get(1)?,
            service_id: service_id.unwrap_or_default(),
            date: day,
            name: r.get(4)?,
        });
    }
    Ok(Facts {
        members,
        visits,
        services,
    })
}

fn task(kind: CareKind, member: &str, period: impl Into<String>, detail: Value) -> NewTask {
    NewTask {
        kind,
        member: member.to_owned(),
        period: period.into(),
        detail,
    }
}

/// The tasks the member-based rules make for `day`.
fn member_tasks(f: &Facts, s: &CareSettings, day: NaiveDate, out: &mut Vec<NewTask>) {
    let cadence = s.kind(CareKind::Cadence).map(|k| k.days);
    let birthday = s.kind(CareKind::Birthday).map(|k| k.days);
    let lapsed = s.kind(CareKind::Lapsed).is_some();
    for m in &f.members {
        if let Some(first) = cadence {
            if let Some(p) = cadence_period(m.registered, day, first) {
                let detail = json!({ "registeredOn": m.registered, "period": p });
                out.push(task(CareKind::Cadence, &m.id, p, detail));
            }
        }
        if let (Some(before), Some(b)) = (birthday, m.birthday) {
            if let Some(on) = birthday_due(b, day, before) {
                out.push(task(
                    CareKind::Birthday,
                    &m.id,
                    on.to_string(),
                    json!({ "birthdayOn": on }),
                ));
            }
        }
        if let (true, Some(last)) = (lapsed, m.last_visit) {
            let days = s.lapsed_days_for(m.tier);
            if lapsed_due(last, day, days) {
                let detail = json!({ "lastVisitOn": last, "days": days });
                out.push(task(CareKind::Lapsed, &m.id, last.to_string(), detail));
            }
        }
    }
}

/// The tasks the visit-based rules make for `day`: post-visit and cycle.
fn visit_tasks(f: &Facts, s: &CareSettings, day: NaiveDate, out: &mut Vec<NewTask>) {
    if let Some(k) = s.kind(CareKind::PostVisit) {
        let visit_day = day - Duration::days(i64::from(k.days));
        let mut seen = std::collections::HashSet::new();
        for v in f.visits.iter().filter(|v| v.date == visit_day) {
            if seen.insert(&v.sale_id) {
                // The visit's sale: the follow-up call rates that visit.
                let detail = json!({ "service": v.name, "visitOn": v.date, "days": k.days,
                                     "saleId": v.sale_id });
                out.push(task(
                    CareKind::PostVisit,
                    &v.member,
                    v.sale_id.clone(),
                    detail,
                ));
            }
        }
    }
    if let Some(k) = s.kind(CareKind::Cycle) {
        let mut history: HashMap<(&str, &str), Vec<NaiveDate>> = HashMap::new();
        for v in f
            .visits
            .iter()
            .filter(|v| v.date < day && !v.service_id.is_empty())
        {
            history
                .entry((&v.member, &v.service_id))
                .or_default()
                .push(v.date);
        }
        // Read in table order (a sort of two years of visits costs more
        // than sorting each member's few dates here).
        let mut keys: Vec<_> = history.keys().copied().collect();
        keys.sort_unstable();
        for key in keys {
            let (member, service) = key;
            let mut dates = history[&key].clone();
            dates.sort_unstable();
            if let Some((last, interval)) = cycle_due(&dates, day, k.days) {
                let name = f.services.get(service).cloned().unwrap_or_default();
                let detail = json!({ "service": name, "serviceId": service, "lastVisitOn": last,
                                     "usualDays": interval });
                out.push(task(
                    CareKind::Cycle,
                    member,
                    format!("{service}/{last}"),
                    detail,
                ));
            }
        }
    }
}

/// Packages with sessions left and points, falling due `days` after `day`.
fn balance_tasks(
    conn: &Connection,
    s: &CareSettings,
    day: NaiveDate,
    out: &mut Vec<NewTask>,
) -> Result<()> {
    if let Some(k) = s.kind(CareKind::PackageExpiry) {
        let on = day + Duration::days(i64::from(k.days));
        let mut stmt = conn.prepare_cached(
            "SELECT p.id, p.member_id, p.name,
                    (SELECT coalesce(sum(delta), 0) FROM package_ledger l WHERE l.package_id = p.id)
             FROM packages p JOIN members m ON m.id = p.member_id
             WHERE p.expires_on = ?1 AND m.archived_at IS NULL AND m.erased_at IS NULL",
        )?;
        let rows = stmt.query_map([on.to_string()], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, i64>(3)?,
            ))
        })?;
        for row in rows {
            let (id, member, name, left) = row?;
            if left > 0 {
                let detail = json!({ "package": name, "sessions": left, "expiresOn": on });
                out.push(task(CareKind::PackageExpiry, &member, id, detail));
            }
        }
    }
    if let Some(k) = s.kind(CareKind::PointsExpiry) {
        let on = day + Duration::days(i64::from(k.days));
        let members: Vec<String> = conn
            .prepare_cached(
                "SELECT DISTINCT l.member_id FROM points_ledger l JOIN members m ON m.id = l.member_id
                 WHERE l.expires_on = ?1 AND m.archived_at IS NULL AND m.erased_at IS NULL",
            )?
            .query_map([on.to_string()], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        for member in members {
            let id: crate::ids::MemberId = member.parse().map_err(|_| {
                crate::CoreError::Internal("a points row with a bad member id".into())
            })?;
            let points = crate::ledger::points_expiring(conn, id, on)?;
            if points > 0 {
                let detail = json!({ "points": points, "expiresOn": on });
                out.push(task(
                    CareKind::PointsExpiry,
                    &member,
                    on.to_string(),
                    detail,
                ));
            }
        }
    }
    Ok(())
}

/// This store's name in task ids: the chain's id for it, or before
/// enrolment this till's store code.
fn store_key(conn: &Connection, fallback: &str) -> Result<String> {
    Ok(meta_get(conn, "sync.store_id")?.unwrap_or_else(|| fallback.to_owned()))
}

fn insert(
    w: &mut Writer<'_>,
    store: &str,
    day: NaiveDate,
    t: &NewTask,
    s: &CareSettings,
) -> Result<bool> {
    let id = task_id(store, t.kind, &t.member, &t.period).to_string();
    let there: bool = w
        .prepare_cached("SELECT count(*) > 0 FROM care_tasks WHERE id = ?1")?
        .query_row([&id], |r| r.get(0))?;
    if there {
        return Ok(false);
    }
    let mut detail = t.detail.clone();
    if t.kind == CareKind::Birthday {
        let benefit =
            super::send::give_birthday_benefit(w, &t.member, day, &t.period, &s.birthday_benefit)?;
        if !benefit.is_null() {
            detail["benefit"] = benefit;
        }
    }
    let at = iso(w.now());
    w.prepare_cached(
        "INSERT INTO care_tasks (id, kind, member_id, due_on, detail, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)",
    )?
    .execute(params![
        id,
        t.kind.as_str(),
        t.member,
        day.to_string(),
        detail.to_string(),
        at
    ])?;
    // No status: a till that generates a task another has already worked
    // must not reopen it (its later stamp would win the field).
    w.emit(
        "care_task",
        &id,
        OpKind::Upsert,
        &json!({ "kind": t.kind, "memberId": t.member, "dueOn": day, "detail": detail }),
    )?;
    Ok(true)
}

/// The tasks due on each day of a run, worked out from one snapshot of the
/// store; written by `Store::write_care_step`.
pub struct CarePlan {
    days: Vec<(NaiveDate, Vec<NewTask>)>,
    store: String,
    care: CareSettings,
}

impl CarePlan {
    /// The days planned, oldest first.
    pub fn days(&self) -> Vec<NaiveDate> {
        self.days.iter().map(|(d, _)| *d).collect()
    }

    /// Tasks planned in all (some may be there already and add nothing).
    pub fn len(&self) -> usize {
        self.days.iter().map(|(_, t)| t.len()).sum()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// Where a chunked write of a plan stands: the day, and the task within it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PlanAt {
    day: usize,
    task: usize,
}

/// What planning a care run needs, taken under the store's lock and used
/// without it (`plan` reads on a connection of its own).
pub struct CareJob {
    db: PathBuf,
    key: Option<DbKey>,
    cfg: CheckoutSettings,
    care: CareSettings,
    store: String,
    days: Vec<NaiveDate>,
}

impl CareJob {
    /// The plan, read in one snapshot on a read-only connection of its own.
    pub fn plan(&self) -> Result<CarePlan> {
        let conn = Connection::open_with_flags(
            &self.db,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        apply_key(&conn, self.key.as_ref())?;
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        conn.pragma_update(None, "cache_size", crate::db::CACHE_SIZE)?;
        let snapshot = conn.unchecked_transaction()?;
        let plan = plan_on(&snapshot, &self.cfg, &self.care, &self.store, &self.days)?;
        drop(snapshot);
        Ok(plan)
    }
}

/// The tasks of `days` as the store reads on `conn`.
fn plan_on(
    conn: &Connection,
    cfg: &CheckoutSettings,
    care: &CareSettings,
    store: &str,
    days: &[NaiveDate],
) -> Result<CarePlan> {
    let mut plan = CarePlan {
        days: Vec::with_capacity(days.len()),
        store: store.to_owned(),
        care: care.clone(),
    };
    let (Some(first), Some(last)) = (days.iter().min(), days.iter().max()) else {
        return Ok(plan);
    };
    let facts = load_facts(conn, cfg, *first, *last)?;
    for &day in days {
        let mut due = Vec::new();
        member_tasks(&facts, care, day, &mut due);
        visit_tasks(&facts, care, day, &mut due);
        balance_tasks(conn, care, day, &mut due)?;
        plan.days.push((day, due));
    }
    Ok(plan)
}

impl Store {
    /// Days the care job has not yet done on this device, oldest first: today
    /// on the first run; after a till was off, the days missed (at most 14).
    pub fn care_days_due(&self) -> Result<Vec<NaiveDate>> {
        let today = self.business_date()?;
        let done = meta_get(&self.conn, DONE)?.as_deref().and_then(date);
        let first = match done {
            None => today,
            Some(d) => (d + Duration::days(1)).max(today - Duration::days(MAX_DAYS - 1)),
        };
        Ok(first.iter_days().take_while(|d| *d <= today).collect())
    }

    /// A care run for `days`, to plan off the store's lock (`CareJob::plan`)
    /// and write a chunk at a time (`write_care_step`).
    pub fn care_job(&self, days: &[NaiveDate]) -> Result<CareJob> {
        Ok(CareJob {
            db: self.path().to_path_buf(),
            key: self.db_key().cloned(),
            cfg: self.checkout_settings()?,
            care: settings::load(&self.conn)?,
            store: store_key(&self.conn, &self.device.store_code)?,
            days: days.to_vec(),
        })
    }

    /// Writes up to `max` tasks of `plan` from `at`, in one transaction that
    /// never spans two days; the transaction that writes a day's last task
    /// (or finds the day has none) marks the day done on this device.
    /// Returns the tasks added and where to go on (`None`: all written).
    pub fn write_care_step(
        &mut self,
        plan: &CarePlan,
        at: PlanAt,
        max: usize,
    ) -> Result<(usize, Option<PlanAt>)> {
        let Some((day, due)) = plan.days.get(at.day) else {
            return Ok((0, None));
        };
        let (day, end) = (*day, (at.task + max.max(1)).min(due.len()));
        let made = self.write(|w| {
            let mut made = 0;
            for t in &due[at.task.min(end)..end] {
                made += usize::from(insert(w, &plan.store, day, t, &plan.care)?);
            }
            if end == due.len() {
                let done = meta_get(w, DONE)?.as_deref().and_then(date);
                if done.is_none_or(|d| d < day) {
                    w.set_meta(DONE, &day.to_string())?;
                }
            }
            Ok(made)
        })?;
        let next = if end < due.len() {
            PlanAt {
                day: at.day,
                task: end,
            }
        } else {
            PlanAt {
                day: at.day + 1,
                task: 0,
            }
        };
        Ok((made, (next.day < plan.days.len()).then_some(next)))
    }

    /// Writes the care tasks falling due on `days` (the job's days, or a
    /// test's), planned on the store's own connection: one transaction per
    /// day, each marked done on this device. Running it again for a day adds
    /// nothing.
    pub fn generate_care_tasks(&mut self, days: &[NaiveDate]) -> Result<DailyRun> {
        let cfg = self.checkout_settings()?;
        let care = settings::load(&self.conn)?;
        let store = store_key(&self.conn, &self.device.store_code)?;
        let plan = plan_on(&self.conn, &cfg, &care, &store, days)?;
        self.write_care_plan(&plan, usize::MAX)
    }

    /// Writes all of `plan`, `max` tasks per transaction.
    pub fn write_care_plan(&mut self, plan: &CarePlan, max: usize) -> Result<DailyRun> {
        let mut run = DailyRun {
            days: plan.days(),
            created: 0,
        };
        let mut at = (!plan.days.is_empty()).then_some(PlanAt::default());
        while let Some(c) = at {
            let (made, next) = self.write_care_step(plan, c, max)?;
            run.created += made;
            at = next;
        }
        Ok(run)
    }

    /// The daily job: the days due on this device, generated.
    pub fn run_care_daily(&mut self) -> Result<DailyRun> {
        let days = self.care_days_due()?;
        self.generate_care_tasks(&days)
    }
}
