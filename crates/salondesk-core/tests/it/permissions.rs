//! The permission matrix, enforced in the core: every permission × every
//! role, through the real core function, allowed or refused; a refusal
//! writes nothing (no outbox operation, no audit row).

use crate::checkout_fixture::{salon, Salon};
use crate::support::{boss, member};
use salondesk_core::appointments::ResourceKind;
use salondesk_core::catalog::ServiceInput;
use salondesk_core::checkout::{Cart, CartLine, LineItem, RefundRequest, Tender};
use salondesk_core::member::MemberInput;
use salondesk_core::staff::{Permission, Role, Staff};
use salondesk_core::{CoreError, Money, Result};

/// Everything a write leaves behind: outbox operations and audit rows.
pub fn footprint(s: &Salon) -> (i64, i64) {
    let conn = s.t.store.conn();
    let count = |sql: &str| conn.query_row(sql, [], |r| r.get::<_, i64>(0)).unwrap();
    (
        count("SELECT count(*) FROM outbox"),
        count("SELECT count(*) FROM audit_log"),
    )
}

fn cash(yuan: i64) -> Vec<Tender> {
    vec![Tender::Cash {
        amount: Money::yuan(yuan),
    }]
}

fn serum_line(s: &Salon) -> CartLine {
    CartLine::new(LineItem::Product {
        product_id: s.serum,
        qty: 1,
    })
}

/// A sale made by the manager, for someone else to refund or void.
fn a_sale(s: &mut Salon) -> String {
    let cart = Cart {
        lines: vec![serum_line(s)],
        ..Cart::default()
    };
    let manager = s.manager.clone();
    s.t.store
        .complete_sale(&manager, &cart, &cash(368))
        .expect("the manager sells")
        .sale_id
}

fn hidden(seen: bool) -> Result<()> {
    if seen {
        Ok(())
    } else {
        Err(CoreError::Forbidden("withheld".into()))
    }
}

/// Makes what `p`'s action needs (unless `n` is 0) and does it as `who`.
/// `n` numbers the attempt, so names and phones stay unique.
fn act(s: &mut Salon, p: Permission, who: &Staff, n: usize) -> Result<()> {
    use Permission::*;
    match p {
        Sell => {
            let cart = Cart {
                lines: vec![serum_line(s)],
                ..Cart::default()
            };
            s.t.store.complete_sale(who, &cart, &cash(368)).map(drop)
        }
        RegisterMember => {
            s.t.store
                .register_member(
                    who,
                    &member(&format!("新会员{n}"), &format!("1390000{n:04}")),
                )
                .map(drop)
        }
        EditMember => {
            let mut input = MemberInput::editing(&s.t.store.member(s.member)?);
            input.region = format!("静安{n}");
            s.t.store.update_member(who, s.member, &input).map(drop)
        }
        Refund | Void => {
            let sale = a_sale(s);
            let before = footprint(s);
            let req = RefundRequest {
                original_sale_id: sale,
                line_ids: None,
                void: p == Void,
            };
            let done = s.t.store.refund(who, None, &req).map(drop);
            if done.is_err() {
                assert_eq!(footprint(s), before, "a refused {p:?} writes nothing");
            }
            done
        }
        ManualDiscount => {
            let cart = Cart {
                lines: vec![serum_line(s)],
                manual_discount: Money::yuan(10),
                ..Cart::default()
            };
            s.t.store.complete_sale(who, &cart, &cash(358)).map(drop)
        }
        PriceOverride => {
            let mut line = serum_line(s);
            line.price_override = Some(Money::yuan(300));
            let cart = Cart {
                lines: vec![line],
                ..Cart::default()
            };
            s.t.store.complete_sale(who, &cart, &cash(300)).map(drop)
        }
        PayOut => {
            let limit = s.t.store.checkout_settings()?.pay_out_approval_fen;
            s.t.store
                .pay_in_out(who, Money(-limit - 1), "供应商货款", None)
        }
        SeeFullPhone => hidden(s.t.store.member_for(who, s.member)?.full_phone),
        SeeSensitiveNotes => hidden(!s.t.store.member_for(who, s.member)?.sensitive_hidden),
        ArchiveMember => {
            let m =
                s.t.store
                    .register_member(&boss(), &member("待归档", &format!("1370000{n:04}")))?;
            let before = footprint(s);
            let done = s.t.store.archive_member(who, m.id);
            if done.is_err() {
                assert_eq!(footprint(s), before, "a refused archive writes nothing");
            }
            done
        }
        MergeMembers => {
            let a =
                s.t.store
                    .register_member(&boss(), &member("甲", &format!("1360000{n:04}")))?;
            let b =
                s.t.store
                    .register_member(&boss(), &member("乙", &format!("1350000{n:04}")))?;
            let before = footprint(s);
            let done = s.t.store.merge_members(who, a.id, b.id).map(drop);
            if done.is_err() {
                assert_eq!(footprint(s), before, "a refused merge writes nothing");
            }
            done
        }
        Export => {
            // Export data (issue 15): a refusal writes no file and no audit entry.
            let req = salondesk_core::export::ExportRequest {
                dataset: salondesk_core::export::Dataset::Members,
                format: salondesk_core::export::Format::Csv,
                period: salondesk_core::records::Period::default(),
                lang: salondesk_core::records::CsvLang::ZhCn,
            };
            let dir = s.t.store.path().with_file_name(format!("exports-{n}"));
            let before = footprint(s);
            let exported = s.t.store.export_data(who, &req, &dir, &mut |_, _| {});
            if exported.is_err() {
                assert_eq!(footprint(s), before, "a refused export writes nothing");
                assert!(!dir.exists(), "a refused export leaves no file");
            }
            let day = s.t.store.business_date()?;
            let other = s.beautician2.id;
            let ics = s.t.store.ics_for_staff(who, other, day, day).map(drop);
            assert_eq!(
                exported.is_ok(),
                ics.is_ok(),
                "data and calendar exports are allowed to the same roles"
            );
            ics
        }
        // The records (audit log, sales lists, past Z reports) are the
        // records screen's: its core functions call `require(ViewRecords)`.
        ViewRecords => {
            let day = s.t.store.business_date()?;
            let period = salondesk_core::records::Period::days(day, day);
            s.t.store.closed_shifts(who, &period, None, 10).map(drop)
        }
        EditCatalog => {
            s.t.store
                .create_service(
                    who,
                    &ServiceInput {
                        category: "面部护理".into(),
                        name: format!("新项目{n}"),
                        duration_min: 60,
                        price: Money::yuan(198),
                        ..Default::default()
                    },
                )
                .map(drop)
        }
        ManageStock => s.t.store.receive_stock(who, s.serum, 5).map(drop),
        ManageSchedule => {
            s.t.store
                .add_room(who, &format!("{n}号床"), ResourceKind::Bed, 1)
                .map(drop)
        }
        EditTierRules => {
            let rules = s.t.store.tier_rules()?;
            s.t.store.save_tier_rules(who, &rules).map(drop)
        }
        ManageStaff => {
            s.t.store
                .add_staff_by(who, &format!("新员工{n}"), Role::Cashier, "5555")
                .map(drop)
        }
        EditStoreSettings => {
            let settings = s.t.store.checkout_settings()?;
            s.t.store.save_checkout_settings(who, &settings)
        }
        LoadDemoData => s.t.store.may_seed_demo(who),
        EnrolTill => s.t.store.may_enrol_as(who),
        // No set-aside operation exists: one allowed gets `not_found`.
        ResolveConflicts => match s.t.store.discard_set_aside(who, uuid::Uuid::now_v7()) {
            Err(CoreError::NotFound { .. }) => Ok(()),
            other => other,
        },
        // The import itself, of a one-member file: refused, it writes no member.
        ImportData => {
            use salondesk_core::import::{self, ImportKind};
            let sheet = import::read("姓名,手机\n许晴,13600136000\n".as_bytes())?;
            let mapping = import::guess(ImportKind::Members, &sheet.headers);
            s.t.store
                .import_run(who, ImportKind::Members, &sheet, &mapping, &mut |_, _| {})
                .map(drop)
        }
        MemberDataRequests => {
            let dir = s.t._dir.path().join("exports");
            let id = s.member;
            s.t.store.export_member_data(who, id, &dir).map(drop)
        }
        ManageBackups => {
            let dir = tempfile::tempdir().expect("a folder");
            let settings = salondesk_core::backup::BackupSettings {
                folder: dir.path().to_string_lossy().into_owned(),
                enabled: true,
                daily_at: "21:00".into(),
            };
            let before = s.t.store.backup_settings()?;
            let done = s.t.store.save_backup_settings(who, &settings);
            if done.is_err() {
                assert_eq!(
                    s.t.store.backup_settings()?,
                    before,
                    "refused backup settings change nothing"
                );
            }
            done
        }
        // SKELETON (issue 17): each part replaces its arm with a call to its
        // real core function (refused: it writes nothing).
        // Today's care list (every role works it).
        WorkCareTasks => {
            s.t.store
                .care_list(who, &salondesk_core::care::CareFilter::default(), None, 10)
                .map(drop)
        }
        ManageCare => {
            s.t.store
                .save_care_settings(who, &salondesk_core::care::CareSettings::default())
        }
        RecordFeedback => {
            s.t.store
                .record_complaint(
                    who,
                    &salondesk_core::feedback::ComplaintInput {
                        member: s.member,
                        kind: salondesk_core::feedback::ComplaintKind::Waiting,
                        sale_id: None,
                        staff_id: None,
                        description: format!("等了很久 {n}"),
                    },
                )
                .map(drop)
        }
        HandleComplaints => {
            let complaint = if n == 0 {
                let owner = s.owner.clone();
                s.t.store.record_complaint(
                    &owner,
                    &salondesk_core::feedback::ComplaintInput {
                        member: s.member,
                        kind: salondesk_core::feedback::ComplaintKind::Hygiene,
                        sale_id: None,
                        staff_id: None,
                        description: "毛巾不干净".into(),
                    },
                )?
            } else {
                s.t.store.complaints(None, 1)?[0].id.clone()
            };
            s.t.store.handle_complaint(
                who,
                &complaint,
                &salondesk_core::feedback::ComplaintMove::Note,
                &format!("已处理 {n}"),
            )
        }
        AdjustPoints => {
            s.t.store
                .adjust_points(who, s.member, 10, &format!("补偿 {n}"))
                .map(drop)
        }
        // Setting up a campaign and issuing it (a points offer: nothing to prepare).
        ManageCampaigns => {
            let input = salondesk_core::campaigns::CampaignInput {
                offer: salondesk_core::campaigns::Offer::Points { points: 10 },
                ..crate::campaigns_fixture::campaign_input(vec![])
            };
            let c = s.t.store.create_campaign(who, &input)?;
            s.t.store
                .issue_campaign(who, &c.id, &mut |_, _| {})
                .map(drop)
        }
        // Reading a report: refused before anything is read.
        ViewReports => {
            let day = chrono::NaiveDate::from_ymd_opt(2026, 12, 1).expect("a date");
            let q = salondesk_core::reports::ReportQuery {
                from: day,
                to: day,
                store_id: None,
                chain: false,
                granularity: salondesk_core::reports::Granularity::Day,
            };
            s.t.store
                .report(who, salondesk_core::reports::ReportName::Sales, &q)
                .map(drop)
        }
        // The console's first check: an owner then hears this till has not
        // joined a chain; anyone else is refused before that.
        ManageChain => match s.t.store.chain_scope(who) {
            Err(CoreError::ChainRefused {
                reason: "not_enrolled",
            }) => Ok(()),
            other => other.map(drop),
        },
        // The preview is the first step of a restore: refused, nothing is read.
        Restore => {
            let dir = tempfile::tempdir().expect("a folder");
            let file = salondesk_core::backup::make_backup(
                &s.t.store.backup_source(),
                dir.path(),
                s.t.store.now(),
                &mut |_| {},
            )?;
            s.t.store.restore_preview(who, &file.path).map(drop)
        }
    }
}

#[test]
fn every_permission_is_allowed_or_refused_for_every_role_by_the_core() {
    for &p in Permission::ALL {
        let mut s = salon();
        let people = [
            s.owner.clone(),
            s.manager.clone(),
            s.cashier.clone(),
            s.beautician.clone(),
        ];
        for (n, who) in people.iter().enumerate() {
            let before = footprint(&s);
            let done = act(&mut s, p, who, n);
            if who.role.may(p) {
                assert!(
                    done.is_ok(),
                    "a {} may {p:?}, but the core refused: {done:?}",
                    who.role.as_str()
                );
            } else {
                let e = done.expect_err(&format!("a {} may not {p:?}", who.role.as_str()));
                assert!(
                    matches!(e.code(), "forbidden" | "approval_required"),
                    "{p:?} by a {} is refused as not allowed, not for another reason: {e:?}",
                    who.role.as_str()
                );
                if !matches!(p, Permission::Refund | Permission::Void)
                    && !matches!(p, Permission::ArchiveMember | Permission::MergeMembers)
                {
                    assert_eq!(
                        footprint(&s),
                        before,
                        "a refused {p:?} by a {} writes nothing",
                        who.role.as_str()
                    );
                }
            }
        }
    }
}

/// The matrix as the salon agreed it; a change to `Role::may` must change
/// this table too (and the Settings screen shows the new one).
#[test]
fn the_matrix_is_what_the_salon_agreed() {
    use Permission::*;
    // (permission, owner, manager, cashier, beautician)
    let want: &[(Permission, [bool; 4])] = &[
        (Sell, [true, true, true, true]),
        (RegisterMember, [true, true, true, true]),
        (EditMember, [true, true, true, true]),
        (Refund, [true, true, false, false]),
        (Void, [true, true, false, false]),
        (ManualDiscount, [true, true, false, false]),
        (PriceOverride, [true, true, false, false]),
        (PayOut, [true, true, false, false]),
        (SeeFullPhone, [true, true, false, false]),
        (SeeSensitiveNotes, [true, true, false, false]),
        (ArchiveMember, [true, true, false, false]),
        (MergeMembers, [true, true, false, false]),
        (Export, [true, true, false, false]),
        (ViewRecords, [true, true, false, false]),
        (EditCatalog, [true, true, false, false]),
        (ManageStock, [true, true, false, false]),
        (ManageSchedule, [true, true, false, false]),
        (EditTierRules, [true, false, false, false]),
        (ManageStaff, [true, true, false, false]),
        (EditStoreSettings, [true, true, false, false]),
        (LoadDemoData, [true, true, false, false]),
        (EnrolTill, [true, false, false, false]),
        (ResolveConflicts, [true, true, false, false]),
        (ImportData, [true, false, false, false]),
        (ManageBackups, [true, true, false, false]),
        (Restore, [true, false, false, false]),
        (MemberDataRequests, [true, true, false, false]),
        (WorkCareTasks, [true, true, true, true]),
        (ManageCare, [true, true, false, false]),
        (RecordFeedback, [true, true, true, true]),
        (HandleComplaints, [true, true, false, false]),
        (ManageCampaigns, [true, true, false, false]),
        (AdjustPoints, [true, true, false, false]),
        (ViewReports, [true, true, false, false]),
        (ManageChain, [true, false, false, false]),
    ];
    assert_eq!(
        want.len(),
        Permission::ALL.len(),
        "every permission has its row"
    );
    for (p, roles) in want {
        for (i, role) in Role::ALL.iter().enumerate() {
            assert_eq!(role.may(*p), roles[i], "{p:?} for a {}", role.as_str());
        }
    }
}

#[test]
fn a_till_of_a_chain_that_is_not_head_office_refuses_catalog_edits_with_head_office_only() {
    let mut s = salon();
    crate::sync_fixture::enrol(&mut s.t, crate::sync_fixture::STORE_A, "A1", "01");
    let owner = s.owner.clone();
    let before = footprint(&s);
    let e =
        s.t.store
            .create_top_up_plan(
                &owner,
                &salondesk_core::checkout::TopUpPlanInput {
                    name: "充300".into(),
                    pay: Money::yuan(300),
                    bonus: Money::ZERO,
                },
            )
            .expect_err("an ordinary till of a chain");
    assert_eq!(e.code(), "head_office_only", "the reason says what to do");
    let rules = s.t.store.tier_rules().unwrap();
    assert_eq!(
        s.t.store
            .save_tier_rules(&owner, &rules)
            .unwrap_err()
            .code(),
        "head_office_only",
        "tier rules bind every store too"
    );
    assert_eq!(footprint(&s), before, "nothing was written");
    assert!(
        s.t.store.receive_stock(&owner, s.serum, 1).is_ok(),
        "its own stock is the store's, not the chain's"
    );
}
