//! The core's one error type. Each variant maps to a stable `code` the UI and
//! tests branch on; messages are for people.

use thiserror::Error;

/// What went wrong, in terms a caller can act on.
#[derive(Debug, Error)]
pub enum CoreError {
    /// Input that does not meet a rule; `field` names the offending input.
    #[error("{message}")]
    Validation {
        field: &'static str,
        message: String,
    },
    /// One phone, one member: the phone belongs to another member.
    #[error("phone {phone_masked} already belongs to member {member_name} ({member_no})")]
    DuplicatePhone {
        phone_masked: String,
        member_id: crate::ids::MemberId,
        member_name: String,
        member_no: String,
    },
    #[error("member number {member_no} is already in use")]
    DuplicateMemberNo { member_no: String },
    #[error("{entity} not found")]
    NotFound { entity: &'static str },
    #[error("wrong PIN ({attempts_left} attempts left before lock-out)")]
    WrongPin { attempts_left: u32 },
    #[error("too many wrong PINs: locked for {minutes_left} more minute(s)")]
    LockedOut { minutes_left: i64 },
    /// An owner's or a manager's PIN needs at least `min_digits` digits.
    #[error("an owner's or a manager's PIN has at least {min_digits} digits")]
    PinTooShort { min_digits: usize },
    /// The PIN was right but is shorter than her role now needs: she sets a
    /// new one (`Store::change_pin`) before she is let in.
    /// `reset`: a manager reset her PIN to a temporary one, which she now
    /// replaces with her own (at least `min_digits` digits).
    #[error("{}", if *reset { format!("this PIN was reset: set your own of at least {min_digits} digits") } else { format!("this PIN is too short for an owner or a manager: set a new one of at least {min_digits} digits") })]
    PinChangeRequired { min_digits: usize, reset: bool },
    /// Demo data goes only onto a till that is not enrolled and has sold
    /// nothing: `reason` is `enrolled` or `has_sales`.
    #[error(
        "demo data is only for a till that has not joined a chain and has no sales ({reason})"
    )]
    DemoRefused { reason: &'static str },
    /// This till may not join a chain (`demo_data`: it holds demo data, which
    /// must never reach a real chain's stores).
    #[error("this till cannot join a chain ({reason}): start from a fresh database")]
    EnrolmentRefused { reason: &'static str },
    /// A coupon that does not apply to this sale; `reason` is one of
    /// `checkout::coupon_reason` (`expired`, `used_up`, `tier_not_allowed` …).
    #[error("coupon {code} cannot be used here ({reason})")]
    CouponRefused { code: String, reason: &'static str },
    /// A free service (免费护理) refused at checkout: `reason` is
    /// `not_in_tier` (her tier does not give it) or `used_up` (this period's
    /// are used; it comes round again next period).
    #[error("no free session of this service left for her ({reason})")]
    FreeServiceRefused { reason: &'static str },
    #[error("{0}")]
    Forbidden(String),
    /// A sale is open (`reason`: `cart_open`, a cart with `lines` lines, or `paying`, a
    /// payment running): updates wait until it is paid or emptied (`updates::SaleGate`).
    #[error("a sale is open ({reason}, {lines} line(s)): the update waits until it is finished")]
    SaleOpen { reason: &'static str, lines: u32 },
    /// A rule of running the staff refuses the change: `reason` is
    /// `last_owner` (the store would have no active owner), `own_record`
    /// (nobody deactivates, resets or re-rates herself, nor changes her own
    /// role), `duplicate_name` (another active staff member has that name) or
    /// `has_appointments` (she is booked from now on: move those first).
    #[error("{message}")]
    StaffRefused {
        reason: &'static str,
        message: String,
    },
    /// Chain-wide records (catalog, prices, tiers, coupons, plans, settings)
    /// are written only on a head-office device of the chain.
    #[error("only a head-office device of the chain may change this; ask head office")]
    HeadOfficeOnly,
    /// The chain owner's console refused (`reason`: `not_enrolled`,
    /// `not_head_office`, `no_owner_key`, `key_refused`, `other_chain`,
    /// `own_till`, `store_code_taken`, `not_found`).
    #[error("the chain console cannot do that here ({reason})")]
    ChainRefused { reason: &'static str },
    #[error("{0}")]
    Conflict(String),
    /// A booking outside the beautician's working hours or on her day off: the
    /// desk may confirm and retry with `allow_outside_hours`.
    #[error("{0}")]
    OutsideHours(String),
    /// The database was written by a newer SalonDesk; it is left untouched.
    #[error(
        "this database was written by a newer version of SalonDesk (schema {found}, this build knows up to {supported}); \
         update SalonDesk to open it — the file has not been changed"
    )]
    DatabaseNewer { found: i64, supported: i64 },
    /// Another SalonDesk (a second window, the CLI) has this database open:
    /// two writers would each number receipts and stamp clocks on their own.
    #[error(
        "this database is already open in another SalonDesk window or program ({path}); \
         close that one first"
    )]
    DatabaseInUse { path: String },
    /// The key given does not open the database file: a wrong key, a key for
    /// a plain file, or no key for an encrypted one (`encrypted`: a key was given).
    #[error("the database cannot be opened with this key")]
    WrongKey { encrypted: bool },
    /// The owner's passphrase does not unwrap the database's key.
    #[error("wrong passphrase")]
    WrongPassphrase,
    /// The database is encrypted (or is to be) and its key is not at hand:
    /// `reason` is `needs_passphrase` (the OS credential store has no key for
    /// it: the owner's passphrase opens it), `needs_encryption` (a plain
    /// database from before encryption: the owner sets a passphrase and it is
    /// encrypted in place) or `key_lost` (neither the credential store nor a
    /// passphrase holds its key).
    #[error("the database is locked ({reason})")]
    DatabaseLocked { reason: &'static str },
    /// A pay-out above the store's limit without a manager's approval.
    #[error("paying out more than {limit} needs a manager's approval")]
    ApprovalRequired { limit: crate::Money },
    /// A manager's approval that cannot be used: `reason` is `unknown` (never
    /// given, or already spent), `expired`, or `other_action` (given for
    /// another permission).
    #[error("this approval cannot be used ({reason}): ask the manager again")]
    ApprovalInvalid { reason: &'static str },
    /// A sum or product of money beyond what the ledgers can hold: refused,
    /// never wrapped (`field` names the input it came from).
    #[error("{field}: the amount is too large")]
    AmountTooLarge { field: &'static str },
    /// An export file could not be written where it was to go (`path`).
    #[error("could not write {path}: {reason}")]
    ExportFailed { path: String, reason: String },
    /// A backup could not be made (`reason`: `no_folder`, `folder_missing`,
    /// `not_writable`, `integrity`, `io`); the store itself is untouched.
    #[error("the backup failed ({reason}): {detail}")]
    BackupFailed {
        reason: &'static str,
        detail: String,
    },
    /// A file cannot be restored (`reason`: `not_a_backup`, `integrity`,
    /// `newer`, `io`); nothing was replaced.
    #[error("this backup cannot be restored ({reason}): {detail}")]
    RestoreRefused {
        reason: &'static str,
        detail: String,
    },
    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("data error: {0}")]
    Json(#[from] serde_json::Error),
    #[error("{0}")]
    Internal(String),
}

impl CoreError {
    pub fn validation(field: &'static str, message: impl Into<String>) -> Self {
        CoreError::Validation {
            field,
            message: message.into(),
        }
    }

    /// The stable code shown to the UI (`ApiError.code`).
    pub fn code(&self) -> &'static str {
        match self {
            CoreError::Validation { .. } => "validation",
            CoreError::DuplicatePhone { .. } => "duplicate_phone",
            CoreError::DuplicateMemberNo { .. } => "duplicate_member_no",
            CoreError::NotFound { .. } => "not_found",
            CoreError::WrongPin { .. } => "wrong_pin",
            CoreError::LockedOut { .. } => "locked_out",
            CoreError::PinTooShort { .. } => "pin_too_short",
            CoreError::PinChangeRequired { .. } => "pin_change_required",
            CoreError::DemoRefused { .. } => "demo_refused",
            CoreError::EnrolmentRefused { .. } => "enrolment_refused",
            CoreError::CouponRefused { .. } => "coupon_refused",
            CoreError::FreeServiceRefused { .. } => "free_service_refused",
            CoreError::Forbidden(_) => "forbidden",
            CoreError::SaleOpen { .. } => "sale_open",
            CoreError::StaffRefused { .. } => "staff_refused",
            CoreError::HeadOfficeOnly => "head_office_only",
            CoreError::ChainRefused { .. } => "chain_refused",
            CoreError::Conflict(_) => "conflict",
            CoreError::OutsideHours(_) => "outside_hours",
            CoreError::DatabaseNewer { .. } => "database_newer",
            CoreError::DatabaseInUse { .. } => "database_in_use",
            CoreError::WrongKey { .. } => "wrong_key",
            CoreError::WrongPassphrase => "wrong_passphrase",
            CoreError::DatabaseLocked { .. } => "database_locked",
            CoreError::ApprovalRequired { .. } => "approval_required",
            CoreError::ApprovalInvalid { .. } => "approval_invalid",
            CoreError::AmountTooLarge { .. } => "amount_too_large",
            CoreError::ExportFailed { .. } => "export_failed",
            CoreError::BackupFailed { .. } => "backup_failed",
            CoreError::RestoreRefused { .. } => "restore_refused",
            CoreError::Sqlite(_) | CoreError::Json(_) | CoreError::Internal(_) => "internal",
        }
    }

    /// The input field an error is about, if any.
    pub fn field(&self) -> Option<&'static str> {
        match self {
            CoreError::Validation { field, .. } => Some(field),
            CoreError::DuplicatePhone { .. } => Some("phone"),
            CoreError::DuplicateMemberNo { .. } => Some("memberNo"),
            CoreError::ApprovalRequired { .. } | CoreError::ApprovalInvalid { .. } => {
                Some("approval")
            }
            CoreError::AmountTooLarge { field } => Some(field),
            CoreError::PinTooShort { .. } => Some("pin"),
            CoreError::BackupFailed {
                reason: "no_folder" | "folder_missing" | "not_writable",
                ..
            } => Some("folder"),
            CoreError::WrongPassphrase => Some("passphrase"),
            CoreError::CouponRefused { .. } => Some("coupon"),
            CoreError::FreeServiceRefused { .. } => Some("lines"),
            CoreError::StaffRefused {
                reason: "duplicate_name",
                ..
            } => Some("name"),
            _ => None,
        }
    }
}

pub type Result<T, E = CoreError> = std::result::Result<T, E>;
