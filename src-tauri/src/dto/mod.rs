//! Wire types: what crosses to the UI, camelCase, separate from the domain
//! types so either side can change without breaking the other. TypeScript
//! declarations are generated from these (see `bindings.rs`).

pub mod app;
pub mod appointment;
pub mod backups;
pub mod campaigns;
pub mod catalog;
pub mod chain;
pub mod checkout;
pub mod conflict_refund;
pub mod crypt;
pub mod desk;
pub mod exports;
pub mod feedback;
pub mod import;
pub mod member;
pub mod perms;
pub mod privacy;
pub mod records;
pub mod reports;
pub mod sale;
pub mod schedule;
pub mod segments;
pub mod shift;
pub mod staff;
pub mod staff_admin;
pub mod stock;
pub mod store_settings;
pub mod sync;
pub mod tiers;
pub mod updates;
