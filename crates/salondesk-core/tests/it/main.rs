//! The core's integration tests, on real SQLite files: one test binary.

mod appointments;
mod appointments_checkout;
mod appointments_fixture;
mod appointments_ics;
mod appointments_property;
mod appointments_reminders;
mod appointments_seed;
mod appointments_views;
mod catalog;
mod checkout;
mod checkout_fixture;
mod checkout_property;
mod members;
mod migrations;
mod points;
mod receipts;
mod search;
mod staff;
mod support;
mod sync;
mod sync_apply;
mod sync_fixture;
mod sync_schema;
mod tiers;
mod wal;
mod write_path;
