//! Tauri commands: thin adapters that take the input, call one core function
//! and map the error. No SQL and no business rule lives here.

pub mod app;
pub mod appointments;
pub mod backups;
pub mod campaigns;
pub mod care;
pub mod catalog;
pub mod chain;
pub mod checkout;
pub mod crypt;
pub mod desk;
pub mod exports;
pub mod feedback;
pub mod import;
pub mod members;
pub mod new_pc;
pub mod perms;
#[cfg(test)]
mod perms_tests;
pub mod plans;
pub mod privacy;
pub mod receipts;
pub mod records;
pub mod reports;
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
