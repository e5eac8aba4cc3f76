//! Completing a sale: in one transaction through the write path, the sale with
//! its lines, credited staff and tenders, and every ledger it touches — points,
//! stored value, package sessions, stock, cash drawer, commission — then the
//! member's visit and tier.

use super::approval::Authorised;
use super::cart::{Cart, Tender};
use super::ledger_rows::{line_row, tender_row, LedgerRows, PackageRow};
use super::priced_cart::price_cart;
use super::pricing::LineKind;
use super::tenders::{check, TenderRules};
use super::tiers::{counts_as_spend, re_evaluate, redeem_free_service, TierReason};
use super::{settings, SaleOutcome};
use crate::ids::{MemberId, StaffId};
use crate::money::Money;
use crate::staff::{Permission, Staff};
use crate::store::Store;
use crate::write::{OpKind, Writer};
use crate::{CoreError, Result};
use rusqlite::params;
use serde_json::json;

impl Store {
    /// Completes a sale rung up by `cashier`. Nothing is written unless all of it is.
    /// A manual discount and typed prices need `ManualDiscount` and
    /// `PriceOverride`: the cashier's own, or a manager's approval in the cart.
    pub fn complete_sale(
        &mut self,
        cashier: &Staff,
        cart: &Cart,
        tenders: &[Tender],
    ) -> Result<SaleOutcome> {
        cashier.require(Permission::Sell)?;
        let none = Authorised::default();
        let discount = if cart.manual_discount.fen() != 0 {
            self.authorise(cashier, Permission::ManualDiscount, &cart.approvals)?
        } else {
            none
        };
        let typed = if cart.lines.iter().any(|l| l.price_override.is_some()) {
            Some(self.authorise(cashier, Permission::PriceOverride, &cart.approvals)?)
        } else {
            None
        };
        let approver = discount.approver.or(typed.and_then(|t| t.approver));
        let ok = Approved {
            approver,
            typed_prices: typed.is_some(),
        };
        let outcome = self.write(|w| complete(w, cashier, cart, tenders, ok))?;
        self.spend_approval(&discount);
        self.spend_approval(&typed.unwrap_or(none));
        Ok(outcome)
    }
}

/// What `complete_sale` found authorised before writing.
#[derive(Clone, Copy)]
struct Approved {
    /// The manager who approved the discount or the typed prices, if one did.
    approver: Option<StaffId>,
    /// Typed prices are allowed (by the cashier's role or an approval).
    typed_prices: bool,
}

fn complete(
    w: &mut Writer<'_>,
    cashier: &Staff,
    cart: &Cart,
    tenders: &[Tender],
    ok: Approved,
) -> Result<SaleOutcome> {
    let cfg = settings::load(w)?;
    let today = cfg.business_date(w.now());
    let shift_id = super::open_shift_id(w)?;
    let cart_priced = price_cart(w, cart, today, ok.typed_prices)?;
    let (member, total, top_up_total) = (
        &cart_priced.member,
        cart_priced.total,
        cart_priced.top_up_total,
    );
    let priced = &cart_priced.lines;
    // A balance is summed only when a tender draws on it.
    let pays_points = tenders.iter().any(|t| matches!(t, Tender::Points { .. }));
    let pays_stored = tenders
        .iter()
        .any(|t| matches!(t, Tender::StoredValue { .. }));
    let (points_balance, stored_value_balance) = match cart.member_id {
        Some(id) => (
            if pays_points {
                crate::ledger::points(w, id)?
            } else {
                0
            },
            if pays_stored {
                crate::ledger::stored_value(w, id)?
            } else {
                Money::ZERO
            },
        ),
        None => (0, Money::ZERO),
    };
    let paid = check(
        tenders,
        &TenderRules {
            total,
            top_up_total,
            has_member: member.is_some(),
            points_balance,
            stored_value_balance,
            point_value_fen: cfg.point_value_fen,
        },
    )?;
    let points_earned = cart_priced.points_earned(paid.points_value, &cfg, today);

    let sale_id = crate::ids::new_v7(w.now()).to_string();
    let receipt_no = super::next_receipt_no(w)?;
    let now = crate::time::iso(w.now());
    let discount_total: i64 = priced
        .iter()
        .map(|p| {
            p.campaign_discount.fen()
                + p.tier_discount.fen()
                + p.coupon_discount.fen()
                + p.manual_discount.fen()
        })
        .sum();
    let subtotal = total.fen() + discount_total;
    let approver_id = ok.approver;
    let coupon_code = cart_priced.coupon.as_ref().map(|(c, _)| c.code.clone());
    let spend: i64 = priced
        .iter()
        .filter(|p| counts_as_spend(p.line.kind.as_str()))
        .map(|p| p.amount.fen())
        .sum();
    w.prepare_cached(
        "INSERT INTO sales (id, receipt_no, kind, member_id, cashier_id, approver_id, shift_id, coupon_code,
                            subtotal, discount_total, total, change_given, business_date, created_at, spend)
         VALUES (?1, ?2, 'sale', ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
    )?
    .execute(params![
        sale_id,
        receipt_no,
        cart.member_id,
        cashier.id,
        approver_id,
        shift_id,
        coupon_code,
        subtotal,
        discount_total,
        total.fen(),
        paid.change.fen(),
        today.to_string(),
        now,
        spend
    ])?;
    let mut rows = LedgerRows::new(&sale_id, &now);
    for (i, p) in priced.iter().enumerate() {
        let line_id = rows.line(w, &line_row(i, p))?;
        rows.commission(w, &line_id, p, 1)?;
        match p.line.kind {
            LineKind::Product => rows.stock(w, &p.line.item_id, -p.line.qty, "sale")?,
            LineKind::TopUp => {
                let member = member_id(cart)?;
                let bonus: i64 = w
                    .prepare_cached("SELECT bonus FROM top_up_plans WHERE id = ?1")?
                    .query_row([&p.line.item_id], |r| r.get(0))?;
                rows.stored_value(w, member, p.amount.fen(), "top_up")?;
                if bonus > 0 {
                    rows.stored_value(w, member, bonus, "bonus")?;
                }
            }
            LineKind::PackagePurchase => {
                let (service_id, name, sessions, valid_days): (String, String, i64, i64) = w
                    .prepare_cached("SELECT service_id, name, sessions, valid_days FROM package_plans WHERE id = ?1")?
                    .query_row([&p.line.item_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?;
                // A package bought on a sale line takes that line's id: its refund finds it.
                let package_id = line_id.clone();
                rows.package_bought(
                    w,
                    &PackageRow {
                        id: &package_id,
                        member: member_id(cart)?,
                        plan_id: &p.line.item_id,
                        service_id: &service_id,
                        name: &name,
                        expires_on: today + chrono::Duration::days(valid_days),
                        sessions,
                    },
                )?;
                rows.package(w, &package_id, sessions, "purchase")?;
            }
            LineKind::PackageRedemption => rows.package(w, &p.line.item_id, -1, "redeem")?,
            LineKind::Service => {
                if let Some(period) = &p.line.free_period {
                    let m = member_id(cart)?;
                    redeem_free_service(w, &mut rows, m, &p.line.item_id, period, &line_id)?;
                }
            }
        }
    }
    for t in tenders {
        rows.tender(w, &tender_row(t, cfg.point_value_fen))?;
    }
    if let Some(m) = &member {
        if paid.points_used > 0 {
            rows.points(w, m.id, -paid.points_used, "redeem", None)?;
        }
        if paid.stored_value_used.fen() > 0 {
            rows.stored_value(w, m.id, -paid.stored_value_used.fen(), "pay")?;
        }
        if points_earned > 0 {
            let expires = super::points::expiry_date(&cfg, today);
            rows.points(w, m.id, points_earned, "earn", Some(expires))?;
        }
    }
    let drawer = paid.cash_in.fen() - paid.change.fen();
    if drawer != 0 {
        rows.drawer(w, shift_id.as_deref(), drawer, "sale")?;
    }
    if cart.manual_discount.fen() != 0 || priced.iter().any(|p| p.line.overridden) {
        let approver = ok.approver;
        let overrides: Vec<_> = priced
            .iter()
            .filter(|p| p.line.overridden)
            .map(|p| json!({ "item": p.line.name, "price": p.line.unit_price }))
            .collect();
        if cart.manual_discount.fen() != 0 {
            super::audit::record(
                w,
                cashier.id,
                approver,
                "manual_discount",
                Some(&sale_id),
                &json!({ "amount": cart.manual_discount }),
            )?;
        }
        if !overrides.is_empty() {
            super::audit::record(
                w,
                cashier.id,
                approver,
                "price_override",
                Some(&sale_id),
                &json!({ "lines": overrides }),
            )?;
        }
    }
    let payload = json!({ "receiptNo": receipt_no, "kind": "sale", "memberId": cart.member_id, "cashierId": cashier.id,
                 "approverId": approver_id, "shiftId": shift_id, "couponCode": coupon_code,
                 "subtotal": subtotal, "discount": discount_total, "manualDiscount": cart.manual_discount,
                 "total": total, "change": paid.change, "businessDate": today, "createdAt": now,
                 "pointsEarned": points_earned, "lines": rows.lines(), "tenders": rows.tenders(),
                 "packages": rows.packages(), "ledger": rows.entries() });
    w.emit("sale", &sale_id, OpKind::Append, &payload)?;
    crate::reports::summary::record(
        w,
        &crate::reports::summary::own_store_id(w)?,
        &sale_id.to_string(),
        &payload,
    )?;
    crate::campaigns::use_by_sale(w, coupon_code.as_deref(), &sale_id, cart.member_id)?;
    if let Some(m) = &member {
        crate::member::record_visit(w, m.id, &now)?;
        re_evaluate(
            w,
            m.id,
            &today.format("%Y-%m").to_string(),
            TierReason::Sale,
        )?;
    }
    Ok(SaleOutcome {
        sale_id,
        receipt_no,
        total,
        change: paid.change,
        points_earned,
    })
}

fn member_id(cart: &Cart) -> Result<MemberId> {
    cart.member_id
        .ok_or_else(|| CoreError::validation("memberId", "this sale needs a member"))
}
