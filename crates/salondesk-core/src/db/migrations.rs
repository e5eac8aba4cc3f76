//! Ordered migrations embedded in the binary. They run in one transaction and
//! stamp `PRAGMA user_version`; a database stamped higher than this build knows
//! is refused, never touched.

use crate::{CoreError, Result};
use rusqlite::{Connection, TransactionBehavior};

const MIGRATIONS: &[(&str, &str)] = &[
    ("0001_init", include_str!("sql/0001_init.sql")),
    ("0002_checkout", include_str!("sql/0002_checkout.sql")),
    (
        "0003_appointments",
        include_str!("sql/0003_appointments.sql"),
    ),
    ("0004_sync", include_str!("sql/0004_sync.sql")),
    (
        "0005_outbox_watermark",
        include_str!("sql/0005_outbox_watermark.sql"),
    ),
    ("0006_check_lists", include_str!("sql/0006_check_lists.sql")),
    (
        "0007_stock_levels",
        include_str!("sql/0007_stock_levels.sql"),
    ),
    (
        "0008_sale_indexes",
        include_str!("sql/0008_sale_indexes.sql"),
    ),
    (
        "0009_pulled_visits",
        include_str!("sql/0009_pulled_visits.sql"),
    ),
    (
        "0010_clustered_ledgers",
        include_str!("sql/0010_clustered_ledgers.sql"),
    ),
    (
        "0011_clock_bounds",
        include_str!("sql/0011_clock_bounds.sql"),
    ),
    (
        "0012_sync_recovery",
        include_str!("sql/0012_sync_recovery.sql"),
    ),
    (
        "0013_pin_attempts",
        include_str!("sql/0013_pin_attempts.sql"),
    ),
    (
        "0014_audit_actions",
        include_str!("sql/0014_audit_actions.sql"),
    ),
    (
        "0015_product_fields",
        include_str!("sql/0015_product_fields.sql"),
    ),
    ("0017_staff_admin", include_str!("sql/0017_staff_admin.sql")),
    (
        "0018_catalog_admin",
        include_str!("sql/0018_catalog_admin.sql"),
    ),
    ("0019_tier_rules", include_str!("sql/0019_tier_rules.sql")),
    ("0020_stock_admin", include_str!("sql/0020_stock_admin.sql")),
    (
        "0021_records_indexes",
        include_str!("sql/0021_records_indexes.sql"),
    ),
    (
        "0022_opening_entries",
        include_str!("sql/0022_opening_entries.sql"),
    ),
    ("0025_privacy", include_str!("sql/0025_privacy.sql")),
    ("0026_care", include_str!("sql/0026_care.sql")),
    ("0027_feedback", include_str!("sql/0027_feedback.sql")),
    ("0028_segments", include_str!("sql/0028_segments.sql")),
    ("0029_campaigns", include_str!("sql/0029_campaigns.sql")),
    (
        "0030_campaign_messages",
        include_str!("sql/0030_campaign_messages.sql"),
    ),
    (
        "0031_member_prices",
        include_str!("sql/0031_member_prices.sql"),
    ),
    (
        "0033_report_summaries",
        include_str!("sql/0033_report_summaries.sql"),
    ),
    (
        "0034_report_backfill",
        include_str!("sql/0034_report_backfill.sql"),
    ),
    (
        "0035_report_members",
        include_str!("sql/0035_report_members.sql"),
    ),
    ("0037_chain", include_str!("sql/0037_chain.sql")),
    (
        "0038_report_months",
        include_str!("sql/0038_report_months.sql"),
    ),
    (
        "0040_liability_trigger",
        include_str!("sql/0040_liability_trigger.sql"),
    ),
    (
        "0041_other_store_ratings",
        include_str!("sql/0041_other_store_ratings.sql"),
    ),
];

/// The schema version this build writes.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

pub(super) fn refuse_newer(conn: &Connection) -> Result<()> {
    let found = user_version(conn)?;
    if found > SCHEMA_VERSION {
        return Err(CoreError::DatabaseNewer {
            found,
            supported: SCHEMA_VERSION,
        });
    }
    Ok(())
}

fn user_version(conn: &Connection) -> Result<i64> {
    Ok(conn.pragma_query_value(None, "user_version", |r| r.get(0))?)
}

/// Applies every migration the database lacks, all in one transaction.
///
/// Foreign keys are off while they run and checked before the commit: that is
/// SQLite's documented way to rebuild a table to change a constraint (the
/// `PRAGMA` cannot change inside a transaction, and dropping a referenced table
/// with them on would fail).
pub fn migrate(conn: &mut Connection) -> Result<()> {
    migrate_to(conn, SCHEMA_VERSION)
}

/// Applies the migrations up to `version` only: a database as that version of
/// SalonDesk left it. For tests of the later migrations (a real older schema,
/// not today's stamped with an older number: migrations that rebuild tables
/// cannot run twice).
#[doc(hidden)]
pub fn migrate_to(conn: &mut Connection, version: i64) -> Result<()> {
    let version = version.clamp(0, SCHEMA_VERSION);
    let enforced: bool = conn.pragma_query_value(None, "foreign_keys", |r| r.get(0))?;
    if enforced {
        conn.pragma_update(None, "foreign_keys", false)?;
    }
    let out = migrate_in_one_transaction(conn, version);
    if enforced {
        conn.pragma_update(None, "foreign_keys", true)?;
    }
    out
}

fn migrate_in_one_transaction(conn: &mut Connection, version: i64) -> Result<()> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Exclusive)?;
    // Re-read inside the lock: another process may have migrated meanwhile.
    let current = user_version(&tx)?;
    if current > SCHEMA_VERSION {
        return Err(CoreError::DatabaseNewer {
            found: current,
            supported: SCHEMA_VERSION,
        });
    }
    let todo = (version - current).max(0) as usize;
    for (_name, sql) in MIGRATIONS.iter().skip(current as usize).take(todo) {
        tx.execute_batch(sql)?;
    }
    if current < version {
        let broken: Option<String> = tx
            .prepare("PRAGMA foreign_key_check")?
            .query_map([], |r| r.get::<_, String>(0))?
            .next()
            .transpose()?;
        if let Some(table) = broken {
            return Err(CoreError::Internal(format!(
                "a migration left a broken reference in {table}"
            )));
        }
        tx.pragma_update(None, "user_version", version)?;
    }
    tx.commit()?;
    Ok(())
}
