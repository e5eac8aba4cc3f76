//! The back office's coupons: create, edit, end (never deleted: sales name
//! them), each with how often it was used. The code is the coupon's key
//! across the chain, so it is set once and never changed.

use super::plans::{coupon, coupons, Coupon, CouponKind};
use crate::catalog::WithUse;
use crate::staff::Staff;
use crate::store::Store;
use crate::write::{OpKind, Writer};
use crate::{CoreError, Result};
use rusqlite::params;

impl Coupon {
    /// The coupon as stored: its code upper-cased, its tiers without repeats.
    fn normalized(&self) -> Coupon {
        let mut c = self.clone();
        c.code = c.code.trim().to_ascii_uppercase();
        c.tiers.sort();
        c.tiers.dedup();
        c
    }

    fn validate(&self) -> Result<()> {
        let ok_code = (3..=20).contains(&self.code.len())
            && self.code.bytes().all(|b| b.is_ascii_alphanumeric());
        if !ok_code {
            return Err(CoreError::validation(
                "code",
                "a coupon code is 3 to 20 letters or digits",
            ));
        }
        match self.kind {
            CouponKind::Fixed if self.value <= 0 => {
                return Err(CoreError::validation(
                    "value",
                    "an amount off must be above zero",
                ))
            }
            CouponKind::Fixed if self.value > salondesk_protocol::limits::MAX_MONEY => {
                return Err(CoreError::AmountTooLarge { field: "value" })
            }
            CouponKind::Percent if !(1..=10_000).contains(&self.value) => {
                return Err(CoreError::validation(
                    "value",
                    "a percent off is above 0% and at most 100%",
                ))
            }
            _ => {}
        }
        if self.min_spend.is_negative() {
            return Err(CoreError::validation(
                "minSpend",
                "a minimum spend cannot be negative",
            ));
        }
        if self.min_spend.fen() > salondesk_protocol::limits::MAX_MONEY {
            return Err(CoreError::AmountTooLarge { field: "minSpend" });
        }
        if self.valid_to < self.valid_from {
            return Err(CoreError::validation(
                "validTo",
                "the end is before the start",
            ));
        }
        if self
            .max_uses
            .is_some_and(|n| !(1..=100_000_000).contains(&n))
        {
            return Err(CoreError::validation(
                "maxUses",
                "a limit on uses is at least 1",
            ));
        }
        if self
            .per_member
            .is_some_and(|n| !(1..=100_000_000).contains(&n))
        {
            return Err(CoreError::validation(
                "perMember",
                "a limit per member is at least 1",
            ));
        }
        Ok(())
    }
}

/// Writes every field of the coupon (insert or update) and emits them.
fn save(w: &mut Writer<'_>, c: &Coupon) -> Result<()> {
    w.execute(
        "INSERT INTO coupons (code, kind, value, min_spend, valid_from, valid_to, max_uses,
                              per_member, tiers, active, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)
         ON CONFLICT (code) DO UPDATE SET kind = excluded.kind, value = excluded.value,
             min_spend = excluded.min_spend, valid_from = excluded.valid_from,
             valid_to = excluded.valid_to, max_uses = excluded.max_uses,
             per_member = excluded.per_member, tiers = excluded.tiers, active = excluded.active",
        params![
            c.code,
            if c.kind == CouponKind::Fixed {
                "fixed"
            } else {
                "percent"
            },
            c.value,
            c.min_spend.fen(),
            c.valid_from.to_string(),
            c.valid_to.to_string(),
            c.max_uses,
            c.per_member,
            serde_json::to_string(&c.tiers)?,
            c.active,
            crate::time::iso(w.now())
        ],
    )?;
    w.emit("coupon", &c.code, OpKind::Upsert, c)?;
    Ok(())
}

fn exists(w: &Writer<'_>, code: &str) -> Result<bool> {
    Ok(w.query_row(
        "SELECT EXISTS (SELECT 1 FROM coupons WHERE code = ?1)",
        [code],
        |r| r.get(0),
    )?)
}

impl Store {
    /// Adds a coupon without asking who (the demo data and test fixtures).
    pub fn add_coupon(&mut self, c: &Coupon) -> Result<()> {
        let c = c.normalized();
        c.validate()?;
        self.write(|w| save(w, &c))
    }

    pub fn create_coupon(&mut self, actor: &Staff, c: &Coupon) -> Result<Coupon> {
        self.may_edit_catalog(actor)?;
        let c = Coupon {
            active: true,
            ..c.normalized()
        };
        c.validate()?;
        self.write(|w| {
            if exists(w, &c.code)? {
                return Err(CoreError::validation(
                    "code",
                    "this code is already a coupon",
                ));
            }
            save(w, &c)?;
            crate::catalog::audit::saved(w, actor, "coupon", &c.code, &c.code, None, true)
        })?;
        self.coupon(&c.code)
    }

    /// Changes everything but the code (and whether it has ended).
    pub fn edit_coupon(&mut self, actor: &Staff, c: &Coupon) -> Result<Coupon> {
        self.may_edit_catalog(actor)?;
        let mut c = c.normalized();
        c.validate()?;
        c.active = self.coupon(&c.code)?.active;
        self.write(|w| {
            save(w, &c)?;
            crate::catalog::audit::saved(w, actor, "coupon", &c.code, &c.code, None, false)
        })?;
        self.coupon(&c.code)
    }

    /// Ends (false) or brings back (true) a coupon.
    pub fn set_coupon_active(&mut self, actor: &Staff, code: &str, active: bool) -> Result<Coupon> {
        self.may_edit_catalog(actor)?;
        let c = Coupon {
            active,
            ..self.coupon(code)?
        };
        self.write(|w| {
            save(w, &c)?;
            crate::catalog::audit::activity(w, actor, "coupon", &c.code, active)
        })?;
        self.coupon(&c.code)
    }

    pub fn coupon(&self, code: &str) -> Result<Coupon> {
        Ok(coupon(&self.conn, code, None)?
            .ok_or(CoreError::NotFound { entity: "coupon" })?
            .0)
    }

    /// Every coupon, ended ones too, with how often it was used.
    pub fn coupons_with_use(&self) -> Result<Vec<WithUse<Coupon>>> {
        Ok(coupons(&self.conn)?
            .into_iter()
            .map(|(item, used)| WithUse { item, used })
            .collect())
    }
}
