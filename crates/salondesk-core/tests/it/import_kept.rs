//! The import after its dry run writes the plan the dry run made, unless
//! something it depends on changed since: then it plans the file afresh.

use crate::import_fixture::{csv, dry_run, run, shop, temp};
use crate::support::{boss, member};
use crate::sync_fixture::count;

const FILE: &str = "姓名,手机号码,会员卡号,储值余额(元)\n\
王丽,13800138000,VIP0001,100\n\
李娜,13900139000,VIP0002,0\n";

#[test]
fn an_import_right_after_its_dry_run_does_what_the_dry_run_said() {
    let mut s = shop();
    let dir = temp();
    let owner = s.owner.clone();
    let sheet = csv(dir.path(), FILE);
    let dry = dry_run(&s.t.store, &owner, &sheet);
    assert_eq!((dry.added, dry.updated), (2, 0), "two new members");
    let done = run(&mut s.t.store, &owner, &sheet);
    assert_eq!(done, dry, "the kept plan, written");
    assert_eq!(
        count(
            &s.t.store,
            "SELECT count(*) FROM members WHERE member_no LIKE 'VIP000%'"
        ),
        2
    );
    let again = run(&mut s.t.store, &owner, &sheet);
    assert_eq!(
        (again.added, again.unchanged),
        (0, 2),
        "the same file again, with no dry run in between: planned afresh, nothing to add"
    );
}

#[test]
fn a_member_registered_between_the_dry_run_and_the_import_is_matched_not_added_twice() {
    let mut s = shop();
    let dir = temp();
    let owner = s.owner.clone();
    let sheet = csv(dir.path(), FILE);
    let dry = dry_run(&s.t.store, &owner, &sheet);
    assert_eq!(dry.added, 2, "both new when the dry run ran");
    // The desk registers 王丽 before the owner presses Import.
    s.t.store
        .register_member(&boss(), &member("王丽", "13800138000"))
        .unwrap();
    let done = run(&mut s.t.store, &owner, &sheet);
    assert_eq!(
        (done.added, done.updated),
        (1, 1),
        "a write since the dry run: the file is planned again and she is matched by her phone"
    );
    assert_eq!(
        count(
            &s.t.store,
            "SELECT count(*) FROM members WHERE phone = '+8613800138000'"
        ),
        1,
        "one 王丽, not two"
    );
}

#[test]
fn a_different_file_after_the_dry_run_is_planned_as_itself() {
    let mut s = shop();
    let dir = temp();
    let owner = s.owner.clone();
    let first = csv(dir.path(), FILE);
    dry_run(&s.t.store, &owner, &first);
    let other = csv(dir.path(), "姓名,手机号码\n赵敏,13700137000\n");
    let done = run(&mut s.t.store, &owner, &other);
    assert_eq!(done.added, 1, "the file imported is the one planned");
    assert_eq!(
        count(
            &s.t.store,
            "SELECT count(*) FROM members WHERE name = '王丽'"
        ),
        0,
        "nothing of the dry run's file"
    );
}
