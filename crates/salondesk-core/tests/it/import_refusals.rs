//! One test per reason a member row is refused: each file has a good row and
//! the bad one, and the dry run names the bad row's number, reason and field.

use crate::import_fixture::{csv, dry_run, shop, temp, PLAN};
use salondesk_core::import::{Field, Reason, Refusal};

const HEADER: &str =
    "姓名,手机,会员卡号,性别,生日,等级,储值余额,赠送余额,积分,次卡,剩余次数,到期,备注";
const GOOD: &str = "王丽,13800138000,VIP0001,女,1990-05-20,金卡,1000,200,300,,,,";

/// The refusals of a file holding the good row (row 2) and `bad` (row 3).
fn refused(bad: &str) -> Vec<Refusal> {
    let s = shop();
    let dir = temp();
    let sheet = csv(dir.path(), &format!("{HEADER}\n{GOOD}\n{bad}\n"));
    let report = dry_run(&s.t.store, &s.owner, &sheet);
    assert_eq!(
        report.added, 1,
        "the good row is to be added whatever the bad one holds"
    );
    report.refused
}

fn one(bad: &str, reason: Reason, field: Field) {
    assert_eq!(
        refused(bad),
        vec![Refusal {
            row: 3,
            reason,
            field
        }],
        "row 3 ({bad}) is refused for {} on {}",
        reason.as_str(),
        field.as_str()
    );
}

#[test]
fn a_row_without_a_name_is_refused_as_missing_name() {
    one(",13900139000,,,,,,,,,,,", Reason::MissingName, Field::Name);
}

#[test]
fn a_row_without_a_phone_is_refused_as_missing_phone() {
    one("李娜,,,,,,,,,,,,", Reason::MissingPhone, Field::Phone);
}

#[test]
fn a_phone_the_register_form_refuses_is_refused_as_bad_phone() {
    one("李娜,1390013900,,,,,,,,,,,", Reason::BadPhone, Field::Phone);
}

#[test]
fn a_phone_twice_in_the_file_is_refused_on_its_second_row() {
    one(
        "李娜,138 0013 8000,,,,,,,,,,,",
        Reason::DuplicateInFile,
        Field::Phone,
    );
}

#[test]
fn a_card_number_twice_in_the_file_is_refused_on_its_second_row() {
    one(
        "李娜,13900139000,vip0001,,,,,,,,,,",
        Reason::DuplicateInFile,
        Field::MemberNo,
    );
}

#[test]
fn a_card_number_of_the_wrong_shape_is_refused_as_bad_member_no() {
    one(
        "李娜,13900139000,A-1,,,,,,,,,,",
        Reason::BadMemberNo,
        Field::MemberNo,
    );
}

#[test]
fn a_birthday_on_february_30_is_refused_as_bad_date() {
    one(
        "李娜,13900139000,,,1990-02-30,,,,,,,,",
        Reason::BadDate,
        Field::Birthday,
    );
}

#[test]
fn a_birthday_in_the_future_is_refused_as_bad_date() {
    one(
        "李娜,13900139000,,,2099-01-01,,,,,,,,",
        Reason::BadDate,
        Field::Birthday,
    );
}

#[test]
fn an_unknown_gender_word_is_refused_as_bad_value() {
    one(
        "李娜,13900139000,,未说,,,,,,,,,",
        Reason::BadValue,
        Field::Gender,
    );
}

#[test]
fn a_tier_the_store_does_not_have_is_refused_as_unknown_tier() {
    one(
        "李娜,13900139000,,,,钻石卡,,,,,,,",
        Reason::UnknownTier,
        Field::Tier,
    );
}

#[test]
fn a_negative_stored_value_is_refused_as_negative_balance() {
    one(
        "李娜,13900139000,,,,,-50,,,,,,",
        Reason::NegativeBalance,
        Field::StoredValue,
    );
}

#[test]
fn negative_points_are_refused_as_negative_balance() {
    one(
        "李娜,13900139000,,,,,,,-1,,,,",
        Reason::NegativeBalance,
        Field::Points,
    );
}

#[test]
fn an_amount_with_three_decimals_is_refused_as_bad_amount() {
    one(
        "李娜,13900139000,,,,,12.345,,,,,,",
        Reason::BadAmount,
        Field::StoredValue,
    );
}

#[test]
fn a_bonus_that_is_not_a_number_is_refused_as_bad_amount() {
    one(
        "李娜,13900139000,,,,,,很多,,,,,",
        Reason::BadAmount,
        Field::Bonus,
    );
}

#[test]
fn a_package_no_plan_is_called_is_refused_as_unknown_plan() {
    one(
        "李娜,13900139000,,,,,,,,美白10次卡,5,,",
        Reason::UnknownPlan,
        Field::Package,
    );
}

#[test]
fn sessions_without_a_package_are_refused_as_bad_sessions() {
    one(
        "李娜,13900139000,,,,,,,,,5,,",
        Reason::BadSessions,
        Field::Sessions,
    );
}

#[test]
fn a_package_expiry_that_is_no_date_is_refused_as_bad_date() {
    one(
        &format!("李娜,13900139000,,,,,,,,{PLAN},5,2027-13-01,"),
        Reason::BadDate,
        Field::PackageExpiry,
    );
}

#[test]
fn notes_past_the_forms_length_are_refused_as_too_long() {
    one(
        &format!("李娜,13900139000,,,,,,,,,,,{}", "很".repeat(2001)),
        Reason::TooLong,
        Field::Notes,
    );
}

#[test]
fn a_phone_of_one_member_and_a_card_of_another_is_refused_as_matching_two_members() {
    let mut s = shop();
    let dir = temp();
    let owner = s.owner.clone();
    let first = csv(
        dir.path(),
        &format!("{HEADER}\n{GOOD}\n李娜,13900139000,VIP0002,,,,,,,,,,\n"),
    );
    crate::import_fixture::run(&mut s.t.store, &owner, &first);
    let sheet = csv(
        dir.path(),
        &format!("{HEADER}\n王丽,13800138000,VIP0002,,,,,,,,,,\n"),
    );
    assert_eq!(
        dry_run(&s.t.store, &owner, &sheet).refused,
        vec![Refusal { row: 2, reason: Reason::MatchesTwoMembers, field: Field::MemberNo }],
        "13800138000 is 王丽's and VIP0002 is 李娜's: which one the row means is for a person to say"
    );
}

#[test]
fn a_different_opening_balance_for_a_member_who_has_one_is_refused_not_credited() {
    let mut s = shop();
    let dir = temp();
    let owner = s.owner.clone();
    let first = csv(dir.path(), &format!("{HEADER}\n{GOOD}\n"));
    crate::import_fixture::run(&mut s.t.store, &owner, &first);
    let sheet = csv(
        dir.path(),
        &format!("{HEADER}\n王丽,13800138000,VIP0001,女,1990-05-20,金卡,1500,200,300,,,,\n"),
    );
    let report = crate::import_fixture::run(&mut s.t.store, &owner, &sheet);
    assert_eq!(
        report.refused,
        vec![Refusal {
            row: 2,
            reason: Reason::OpeningDiffers,
            field: Field::StoredValue
        }],
        "her opening stored value was 1000 yuan; a file saying 1500 is no top-up"
    );
    let id = s.t.store.member_by_no("VIP0001").unwrap().unwrap().id;
    assert_eq!(
        salondesk_core::ledger::stored_value(s.t.store.conn(), id)
            .unwrap()
            .fen(),
        120_000,
        "her balance is still the first file's 1000 + 200 bonus"
    );
}
