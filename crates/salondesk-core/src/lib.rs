//! SalonDesk core: the domain of a salon's front desk and its SQLite store.
//!
//! Layout: `types` (validated values: phone, name, birthday, PIN), `money`,
//! `ids` (UUID v7 newtypes), `clock` and `hlc` (time handed in; hybrid logical
//! clock), `db` (opening, pragmas, embedded migrations), `store` (the open
//! database and device identity), `write` (the one write path: validate,
//! apply, append an outbox operation, in one transaction), then one module per
//! use case: `appointments` (the calendar, bookings, reminders, .ics export),
//! `member` (register, edit, archive, merge, search), `staff` (PIN
//! login with lock-out, the back office's staff list, commission rates),
//! `setup` (a new store's checklist), `catalog` (services, products, stock), `checkout`
//! (sales, refunds, tiers, plans, coupons), `ledger` (balances as sums of the
//! append-only ledgers), `shift` (float, pay-in/out, close, Z report),
//! `receipt` (ESC/POS and plain-text receipts, zh-CN and en), `seed` (demo
//! data), `privacy` (members' data requests: consent history, export, erase),
//! `import` (members with opening balances, services and products from the
//! store's old system's Excel or CSV file), `records` (the audit log and its
//! export, past Z reports, the sales list with filters and totals), `export`
//! (members, sales, ledgers, stock to CSV and .xlsx, masked by role, audited),
//! `sync` (the device side of sync: the outbox for push, applying
//! pulled operations, conflicts, enrolment), `crash` (the kill -9 harness and
//! the checks of what a crash leaves, for the tests and `bench crash`),
//! `backup` (backups to a folder, retention, restore), `care` (follow-ups:
//! the daily care tasks, worked at the desk, their messages and settings),
//! `feedback` (a visit's rating, complaints and their handling), `points` (a
//! member's points history, points by hand, the exchange list).

pub mod appointments;
pub mod backup;
pub mod campaigns;
pub mod care;
pub mod catalog;
pub mod chain;
pub mod checkout;
pub mod clock;
pub mod crash;
pub mod crypt;
pub mod db;
mod error;
pub mod export;
pub mod feedback;
/// The hybrid logical clock, shared with the server.
pub use salondesk_protocol::hlc;
pub mod ids;
pub mod import;
pub mod jobs;
pub mod ledger;
pub mod member;
pub mod money;
pub mod points;
pub mod privacy;
pub mod receipt;
pub mod records;
pub mod reports;
pub mod seed;
pub mod segments;
pub mod setup;
pub mod shift;
pub mod staff;
pub mod stock;
mod store;
pub mod sync;
pub mod time;
pub mod types;
pub mod updates;
pub mod write;

pub use error::{CoreError, Result};
pub use money::Money;
pub use store::{Device, Store};
