//! The sync protocol between a device and the central server: the wire types
//! of `/v1/…` (enrol, push, pull, admin), their limits, and the schema of what
//! a device may write (which entities, which fields, chain- or store-wide),
//! and the hybrid logical clock both sides stamp operations with (`hlc`).
//!
//! Both sides depend on this crate, so they cannot disagree about the wire.
//! Money on the wire is an integer number of fen, like everywhere else.

pub mod admin;
pub mod chain;
pub mod error;
pub mod hlc;
pub mod limits;
pub mod member_coupons;
pub mod ops;
pub mod privacy;
pub mod schema;

pub use error::ErrorBody;
pub use hlc::{Hlc, HlcError, MAX_DRIFT_MS};
pub use ops::{
    EnrolRequest, EnrolResponse, Op, OpKind, OpResult, OpStatus, OutgoingOp, PullResponse,
    PulledOp, PushRequest, PushResponse, LOG_REWOUND, OUT_OF_ORDER,
};

/// Route prefix: every route is versioned.
pub const API_PREFIX: &str = "/v1";
/// Most operations one push may carry (more: 413).
pub const MAX_PUSH_OPS: usize = 1000;
/// Largest request body the server reads (more: 413).
pub const MAX_BODY_BYTES: usize = 8 * 1024 * 1024;
/// Most operations one pull returns.
pub const MAX_PULL_OPS: usize = 5000;
/// The device id the server signs its own operations (conflicts) with.
pub const SERVER_DEVICE_ID: uuid::Uuid = uuid::Uuid::nil();
