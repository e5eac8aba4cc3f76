//! Which backups are kept (7 daily, 4 weekly, 12 monthly, with dates), this
//! till's backup settings, the last backup's age and when one is due.

use crate::checkout_fixture::salon;
use chrono::{Duration, NaiveDate, NaiveDateTime, TimeZone, Utc};
use salondesk_core::backup::{self, retention::to_keep, BackupSettings};
use salondesk_core::CoreError;

fn at(y: i32, m: u32, d: u32, h: u32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(y, m, d)
        .unwrap()
        .and_hms_opt(h, 0, 0)
        .unwrap()
}

fn kept(taken: &[NaiveDateTime]) -> Vec<NaiveDateTime> {
    to_keep(taken).into_iter().map(|i| taken[i]).collect()
}

#[test]
fn a_year_of_daily_backups_keeps_seven_days_four_weeks_and_twelve_months() {
    // One backup every evening from 2026-01-01 to 2026-12-06 (a Sunday).
    let first = at(2026, 1, 1, 21);
    let taken: Vec<NaiveDateTime> = (0..340).map(|d| first + Duration::days(d)).collect();
    let keep = kept(&taken);
    let days: Vec<String> = keep.iter().map(|t| t.date().to_string()).collect();
    // Daily: 11-30 … 12-06. Weekly (ISO weeks end on Sunday): 12-06 (that
    // day's), 11-29, 11-22, 11-15. Monthly: the last of each month
    // 01-31 … 11-30, and 12-06.
    let mut expected: Vec<String> = (0..7)
        .map(|d| {
            (at(2026, 11, 30, 21) + Duration::days(d))
                .date()
                .to_string()
        })
        .collect();
    expected.extend(["2026-11-29", "2026-11-22", "2026-11-15"].map(String::from));
    expected.extend(
        [
            "2026-01-31",
            "2026-02-28",
            "2026-03-31",
            "2026-04-30",
            "2026-05-31",
            "2026-06-30",
            "2026-07-31",
            "2026-08-31",
            "2026-09-30",
            "2026-10-31",
        ]
        .map(String::from),
    );
    expected.sort();
    let mut got = days.clone();
    got.sort();
    got.dedup();
    assert_eq!(
        got, expected,
        "7 daily + 3 more weekly + 10 more monthly, the rest go"
    );
    assert_eq!(
        keep.len(),
        20,
        "each kept backup counted once, though kept for several reasons"
    );
}

#[test]
fn several_backups_in_one_day_keep_only_that_days_newest() {
    let taken = [at(2026, 12, 6, 9), at(2026, 12, 6, 21), at(2026, 12, 6, 13)];
    assert_eq!(
        kept(&taken),
        vec![at(2026, 12, 6, 21)],
        "the evening's backup (after closing the day) stands for the day"
    );
}

#[test]
fn days_without_a_backup_do_not_use_up_the_seven_daily_places() {
    // A store closed for the first half of the month: backups on 7 scattered days.
    let taken: Vec<NaiveDateTime> = [1, 3, 5, 20, 22, 24, 26, 28]
        .iter()
        .map(|&d| at(2026, 6, d, 21))
        .collect();
    let keep = kept(&taken);
    assert!(
        !keep.contains(&at(2026, 6, 1, 21)),
        "the eighth most recent day goes (it is not the newest of its week or month)"
    );
    assert_eq!(keep.len(), 7, "the 7 most recent days with a backup stay");
    assert!(kept(&[]).is_empty(), "nothing to keep in an empty folder");
}

#[test]
fn pruning_removes_only_this_tills_backups_that_retention_lets_go() {
    let folder = tempfile::tempdir().unwrap();
    let write = |tag: &str, day: u32| {
        let at = Utc.with_ymd_and_hms(2026, 12, day, 13, 0, 0).unwrap();
        std::fs::write(folder.path().join(backup::file_name(tag, at)), b"x").unwrap();
    };
    for day in 1..=6 {
        write("S01-001", day);
        write("S01-002", day);
    }
    for h in 0..3 {
        let at = Utc.with_ymd_and_hms(2026, 12, 6, h, 0, 0).unwrap();
        std::fs::write(folder.path().join(backup::file_name("S01-001", at)), b"x").unwrap();
    }
    let removed = backup::prune(folder.path(), "S01-001", 480);
    assert_eq!(
        removed.len(),
        3,
        "the three older copies of the 6th go: {removed:?}"
    );
    let left = backup::list_backups(folder.path(), "S01-001");
    assert_eq!(
        left.iter().filter(|b| !b.own).count(),
        6,
        "another till's backups in the shared folder are never touched"
    );
}

#[test]
fn backup_settings_are_this_tills_and_a_folder_must_take_a_file() {
    let mut s = salon();
    let status = s.t.store.backup_status().unwrap();
    assert_eq!(
        status.warning,
        Some("no_folder"),
        "a new till is warned: no folder"
    );
    assert!(
        status.settings.enabled,
        "scheduled backups are on by default"
    );

    let missing = BackupSettings {
        folder: "/nowhere/usb".into(),
        enabled: true,
        daily_at: "21:30".into(),
    };
    let refused = s.t.store.save_backup_settings(&s.owner, &missing);
    assert!(
        matches!(&refused, Err(e @ CoreError::BackupFailed { .. }) if e.field() == Some("folder")),
        "a folder that is not there is refused on the folder field: {refused:?}"
    );
    let outbox = |s: &crate::checkout_fixture::Salon| -> i64 {
        s.t.store
            .conn()
            .query_row("SELECT count(*) FROM outbox", [], |r| r.get(0))
            .unwrap()
    };
    let ops = outbox(&s);
    let dir = tempfile::tempdir().unwrap();
    let good = BackupSettings {
        folder: dir.path().to_string_lossy().into_owned(),
        ..missing
    };
    let cashier = s.cashier.clone();
    assert!(
        s.t.store.save_backup_settings(&cashier, &good).is_err(),
        "a cashier does not manage backups"
    );
    s.t.store
        .save_backup_settings(&s.manager.clone(), &good)
        .unwrap();
    assert_eq!(s.t.store.backup_settings().unwrap(), good, "saved as given");
    assert_eq!(
        outbox(&s),
        ops,
        "a path on this PC never syncs to other tills"
    );
    assert_eq!(
        s.t.store.backup_status().unwrap().warning,
        Some("never"),
        "a folder but no backup yet is still a warning"
    );
}

#[test]
fn the_last_good_backup_ages_into_a_warning_after_two_days_and_the_daily_one_falls_due() {
    let mut s = salon();
    let dir = tempfile::tempdir().unwrap();
    // 2026-11-23 02:00 UTC is 10:00 in the store (UTC+8); daily at 21:30.
    let settings = BackupSettings {
        folder: dir.path().to_string_lossy().into_owned(),
        enabled: true,
        daily_at: "21:30".into(),
    };
    s.t.store
        .save_backup_settings(&s.owner.clone(), &settings)
        .unwrap();
    assert!(
        s.t.store.backup_due().unwrap(),
        "never backed up: due now (yesterday's 21:30 passed without one)"
    );
    let source = s.t.store.backup_source();
    let done = backup::back_up(&source, dir.path(), s.t.store.now(), 480, &mut |_| {});
    s.t.store.record_backup(&done).unwrap();
    let status = s.t.store.backup_status().unwrap();
    assert_eq!(
        status.warning, None,
        "a fresh backup: nothing to warn about"
    );
    assert_eq!(status.age_hours, Some(0));
    assert!(
        !s.t.store.backup_due().unwrap(),
        "not due again before 21:30"
    );

    s.t.clock.advance(Duration::hours(12)); // 22:00 in the store
    assert!(s.t.store.backup_due().unwrap(), "21:30 passed: due");
    s.t.clock.advance(Duration::hours(37));
    let status = s.t.store.backup_status().unwrap();
    assert_eq!(status.age_hours, Some(49));
    assert_eq!(status.warning, Some("old"), "over two days old: warned");

    // The USB drive is unplugged: the failure is kept, and tried again an hour later.
    let gone = dir.path().join("unplugged");
    let failed = backup::back_up(&source, &gone, s.t.store.now(), 480, &mut |_| {});
    s.t.store.record_backup(&failed).unwrap();
    assert_eq!(s.t.store.backup_status().unwrap().warning, Some("failed"));
    assert!(
        !s.t.store.backup_due().unwrap(),
        "not retried on every ten-minute check"
    );
    s.t.clock.advance(Duration::minutes(61));
    assert!(s.t.store.backup_due().unwrap(), "tried again after an hour");

    let mut off = settings.clone();
    off.enabled = false;
    s.t.store
        .save_backup_settings(&s.owner.clone(), &off)
        .unwrap();
    assert!(!s.t.store.backup_due().unwrap(), "switched off: never due");
}
