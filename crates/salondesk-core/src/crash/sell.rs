//! The store the crash harness sells in, and the selling child's loop.

use crate::catalog::{ProductInput, ServiceInput};
use crate::checkout::{Cart, CartLine, LineItem, Tender};
use crate::clock::SystemClock;
use crate::db::Vfs;
use crate::ids::{MemberId, ProductId, ServiceId, StaffId};
use crate::member::MemberInput;
use crate::staff::{Role, Staff};
use crate::{CoreError, Money, Result, Store};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use std::io::Write;
use std::path::Path;
use std::sync::Arc;

/// The line the child prints once a sale's commit has returned.
pub const SOLD: &str = "SOLD ";

const MEMBERS: usize = 8;
const CHILD_CHECKPOINT_PAGES: i64 = 1000;
/// What each top-up pays in (no bonus: the check adds bonus rows anyway).
const TOP_UP_YUAN: i64 = 2000;

/// Makes a fresh store to sell in: staff, a service, two products with
/// plenty of stock, a top-up plan, members with stored value, an open shift.
pub fn prepare(db: &Path, vfs: Vfs) -> Result<()> {
    prepare_keyed(db, vfs, None)
}

/// `prepare` for an encrypted file (`key`; `None`: plain).
pub fn prepare_keyed(db: &Path, vfs: Vfs, key: Option<crate::db::DbKey>) -> Result<()> {
    let mut store = Store::open_keyed(db, Arc::new(SystemClock), vfs, key)?;
    let owner = store.create_owner("Crash Owner", "927461")?;
    let cashier = store.add_staff("Crash Cashier", Role::Cashier, "3333")?;
    store.add_staff("Crash Beautician", Role::Beautician, "4444")?;
    store.add_service(&ServiceInput {
        category: "面部护理".into(),
        name: "深层清洁".into(),
        duration_min: 60,
        price: Money::yuan(268),
        ..ServiceInput::default()
    })?;
    for (sku, name, price) in [("CR-1", "精华", 368), ("CR-2", "面膜", 45)] {
        store.add_product(&ProductInput {
            sku: sku.into(),
            barcode: None,
            name: name.into(),
            price: Money::yuan(price),
            cost: Money::yuan(price / 3),
            opening_stock: 10_000_000,
            ..ProductInput::default()
        })?;
    }
    store.add_top_up_plan("充2000", Money::yuan(TOP_UP_YUAN), Money::ZERO)?;
    for i in 0..MEMBERS {
        store.register_member(
            &owner,
            &MemberInput {
                name: format!("会员{i}"),
                phone: Some(format!("1391234{:04}", 1000 + i)),
                ..MemberInput::default()
            },
        )?;
    }
    store.open_shift(&cashier, Money::yuan(500))?;
    Ok(())
}

/// What a sale is made of, read back from the prepared store.
struct Shop {
    cashier: Staff,
    beautician: StaffId,
    service: ServiceId,
    products: Vec<ProductId>,
    members: Vec<MemberId>,
    top_up: String,
}

impl Shop {
    fn load(store: &Store) -> Result<Shop> {
        let staff = store.list_staff()?;
        let role = |r: Role| {
            staff
                .iter()
                .find(|s| s.role == r)
                .cloned()
                .ok_or_else(|| CoreError::Internal("the crash store is not prepared".into()))
        };
        Ok(Shop {
            cashier: role(Role::Cashier)?,
            beautician: role(Role::Beautician)?.id,
            service: first(column(store, "SELECT id FROM services")?)?,
            products: column(store, "SELECT id FROM products ORDER BY sku")?,
            members: column(store, "SELECT id FROM members ORDER BY phone")?,
            top_up: first(column(store, "SELECT id FROM top_up_plans")?)?,
        })
    }
}

fn column<T: rusqlite::types::FromSql>(store: &Store, sql: &str) -> Result<Vec<T>> {
    Ok(store
        .conn()
        .prepare(sql)?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?)
}

fn first<T>(v: Vec<T>) -> Result<T> {
    v.into_iter()
        .next()
        .ok_or_else(|| CoreError::Internal("the crash store is not prepared".into()))
}

/// An open store completing the harness's sales.
pub struct Seller {
    store: Store,
    shop: Shop,
    rng: StdRng,
}

impl Seller {
    /// Opens the prepared store at `db` through `vfs`.
    pub fn open(db: &Path, vfs: Vfs, seed: u64) -> Result<Seller> {
        Seller::open_keyed(db, vfs, seed, None)
    }

    /// `open` for an encrypted file (`key`; `None`: plain).
    pub fn open_keyed(
        db: &Path,
        vfs: Vfs,
        seed: u64,
        key: Option<crate::db::DbKey>,
    ) -> Result<Seller> {
        let store = Store::open_keyed(db, Arc::new(SystemClock), vfs, key)?;
        let shop = Shop::load(&store)?;
        Ok(Seller {
            store,
            shop,
            rng: StdRng::seed_from_u64(seed),
        })
    }

    pub fn store(&mut self) -> &mut Store {
        &mut self.store
    }

    /// Completes one sale and returns its receipt number once committed: a
    /// member buying a service and two products, paying with stored value,
    /// her points and cash — or, when her stored value runs low, topping up.
    pub fn sell_one(&mut self) -> Result<String> {
        let (shop, rng) = (&self.shop, &mut self.rng);
        let member = shop.members[rng.gen_range(0..shop.members.len())];
        let balances = crate::ledger::balances(self.store.conn(), member)?;
        if balances.stored_value < Money::yuan(300) {
            let cart = Cart {
                member_id: Some(member),
                lines: vec![CartLine::new(LineItem::TopUp {
                    plan_id: shop.top_up.clone(),
                })],
                ..Cart::default()
            };
            let tenders = [Tender::Cash {
                amount: Money::yuan(TOP_UP_YUAN),
            }];
            let sale = self.store.complete_sale(&shop.cashier, &cart, &tenders)?;
            return Ok(sale.receipt_no);
        }
        let mut lines = vec![CartLine::new(LineItem::Service {
            service_id: shop.service,
            qty: 1,
        })
        .by(shop.beautician)];
        for p in &shop.products {
            lines.push(CartLine::new(LineItem::Product {
                product_id: *p,
                qty: rng.gen_range(1..3),
            }));
        }
        let mut tenders = vec![Tender::StoredValue {
            amount: Money::yuan(rng.gen_range(10..200)),
        }];
        let points = balances.points.clamp(0, 300);
        if points > 0 {
            tenders.push(Tender::Points { points });
        }
        // Cash well over the lines: the rest comes back as change.
        tenders.push(Tender::Cash {
            amount: Money::yuan(5000),
        });
        let cart = Cart {
            member_id: Some(member),
            lines,
            ..Cart::default()
        };
        let sale = self.store.complete_sale(&shop.cashier, &cart, &tenders)?;
        Ok(sale.receipt_no)
    }
}

/// The child: opens the store as the app does (the VFS from
/// `SALONDESK_PLAIN_VFS`, checkpoints in the background) and completes sales
/// until it is killed, writing `SOLD <receipt no>` to `out` after each commit
/// returns. `key`: an encrypted store's (`None`: plain).
pub fn sell_until_killed(
    db: &Path,
    seed: u64,
    key: Option<crate::db::DbKey>,
    out: &mut dyn Write,
) -> Result<()> {
    let mut seller = Seller::open_keyed(db, Vfs::from_env(), seed, key)?;
    seller.store.checkpoint_in_background()?;
    // A child lives tens of milliseconds, so the background timer seldom
    // fires: the writer's own checkpoint, at SQLite's default mark instead of
    // the app's high one, keeps the WAL small (each check and each child
    // recovers all of it) and puts checkpoints and log restarts in the way
    // of the kills too.
    seller
        .store
        .conn()
        .pragma_update(None, "wal_autocheckpoint", CHILD_CHECKPOINT_PAGES)?;
    loop {
        let receipt = seller.sell_one()?;
        writeln!(out, "{SOLD}{receipt}")
            .and_then(|_| out.flush())
            .map_err(|e| CoreError::Internal(format!("cannot print: {e}")))?;
    }
}
