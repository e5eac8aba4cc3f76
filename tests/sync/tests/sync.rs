//! The sync tests: one binary (CI is a 2-core machine), one module per concern.
//! Each test gets a fresh PostgreSQL database and its own server in-process on
//! a loopback port (see `support`).

mod chain;
mod convergence;
mod faults;
mod flood;
mod head_office;
mod member_coupons;
mod member_price;
mod order;
mod privacy;
mod privacy_elsewhere;
mod refunds;
mod restore;
mod security;
mod support;
mod throughput;
mod tiers;
mod till_restore;
mod updates;
