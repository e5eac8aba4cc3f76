//! Errors as the UI sees them: `{ code, message, field, memberId }`. The UI
//! branches on `code`; `message` is for people; nothing is stringified early.

use salondesk_core::CoreError;
use serde::Serialize;
use ts_rs::TS;

/// What kind of failure; the UI branches on this, never on the message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    Validation,
    DuplicatePhone,
    DuplicateMemberNo,
    NotFound,
    WrongPin,
    LockedOut,
    /// An owner's or a manager's PIN has at least `minDigits` digits.
    PinTooShort,
    /// Her PIN was right but is too short for her role: she sets a new one
    /// (`change_pin`) before she is let in.
    PinChangeRequired,
    /// Demo data only on a till not enrolled and without sales (`reason`:
    /// `enrolled` or `has_sales`).
    DemoRefused,
    NotLoggedIn,
    /// A free service (免费护理) refused at checkout (`reason`: `not_in_tier`
    /// or `used_up` this period).
    FreeServiceRefused,
    Forbidden,
    /// A sale is open (`reason`: `cart_open` or `paying`): the update waits until it is
    /// paid or emptied.
    SaleOpen,
    /// A coupon that does not apply to this sale (`reason`: `expired`,
    /// `used_up`, `used_up_by_member`, `tier_not_allowed`, `min_spend` …).
    CouponRefused,
    /// A rule of running the staff (`reason`: `last_owner`, `own_record`,
    /// `duplicate_name` — on the field `name` —, `has_appointments`).
    StaffRefused,
    Conflict,
    /// Outside the beautician's working hours or on her day off: ask, then
    /// retry with `allowOutsideHours`.
    OutsideHours,
    DatabaseNewer,
    /// Another SalonDesk window or program has this database open.
    DatabaseInUse,
    /// The database's key does not open it (a wrong key, or a plain file given one).
    WrongKey,
    /// The owner's passphrase does not unwrap the database's key (`field`: passphrase).
    WrongPassphrase,
    /// The database's key is not at hand (`reason`: `needs_passphrase`,
    /// `needs_encryption`, `key_lost`): the unlock or encryption screen.
    DatabaseLocked,
    /// The action needs a manager's PIN (a pay-out above the store's limit).
    ApprovalRequired,
    /// A manager's approval that cannot be used: spent, expired, or given for
    /// another action (`field`: approval). Ask again.
    ApprovalInvalid,
    /// Chain-wide records are changed only on a head-office device.
    HeadOfficeOnly,
    /// The chain owner's console refused (`reason`: `not_enrolled`,
    /// `not_head_office`, `no_owner_key`, `key_refused`, `other_chain`,
    /// `own_till`, `store_code_taken`, `not_found`; `field` when one is at fault).
    ChainRefused,
    /// A sum of money too large to hold: refused, never wrapped.
    AmountTooLarge,
    /// An export file could not be written (disk full, no permission).
    ExportFailed,
    /// A backup could not be made (`reason`: `no_folder`, `folder_missing`,
    /// `not_writable`, `integrity`, `io`; `field`: folder for the first three).
    BackupFailed,
    /// A file cannot be restored (`reason`: `not_a_backup`, `integrity`,
    /// `newer`, `io`); nothing was replaced.
    RestoreRefused,
    /// Enrolling: no sync server answered at that address (or it is not one).
    SyncUnreachable,
    /// Enrolling: the server refused the code (mistyped, used or expired).
    EnrolmentRefused,
    Internal,
}

impl From<&CoreError> for ErrorCode {
    fn from(e: &CoreError) -> Self {
        match e {
            CoreError::Validation { .. } => ErrorCode::Validation,
            CoreError::DuplicatePhone { .. } => ErrorCode::DuplicatePhone,
            CoreError::DuplicateMemberNo { .. } => ErrorCode::DuplicateMemberNo,
            CoreError::NotFound { .. } => ErrorCode::NotFound,
            CoreError::WrongPin { .. } => ErrorCode::WrongPin,
            CoreError::LockedOut { .. } => ErrorCode::LockedOut,
            CoreError::PinTooShort { .. } => ErrorCode::PinTooShort,
            CoreError::PinChangeRequired { .. } => ErrorCode::PinChangeRequired,
            CoreError::DemoRefused { .. } => ErrorCode::DemoRefused,
            CoreError::EnrolmentRefused { .. } => ErrorCode::EnrolmentRefused,
            CoreError::CouponRefused { .. } => ErrorCode::CouponRefused,
            CoreError::FreeServiceRefused { .. } => ErrorCode::FreeServiceRefused,
            CoreError::Forbidden(_) => ErrorCode::Forbidden,
            CoreError::SaleOpen { .. } => ErrorCode::SaleOpen,
            CoreError::StaffRefused { .. } => ErrorCode::StaffRefused,
            CoreError::Conflict(_) => ErrorCode::Conflict,
            CoreError::OutsideHours(_) => ErrorCode::OutsideHours,
            CoreError::DatabaseNewer { .. } => ErrorCode::DatabaseNewer,
            CoreError::DatabaseInUse { .. } => ErrorCode::DatabaseInUse,
            CoreError::WrongKey { .. } => ErrorCode::WrongKey,
            CoreError::WrongPassphrase => ErrorCode::WrongPassphrase,
            CoreError::DatabaseLocked { .. } => ErrorCode::DatabaseLocked,
            CoreError::ApprovalRequired { .. } => ErrorCode::ApprovalRequired,
            CoreError::ApprovalInvalid { .. } => ErrorCode::ApprovalInvalid,
            CoreError::HeadOfficeOnly => ErrorCode::HeadOfficeOnly,
            CoreError::ChainRefused { .. } => ErrorCode::ChainRefused,
            CoreError::AmountTooLarge { .. } => ErrorCode::AmountTooLarge,
            CoreError::ExportFailed { .. } => ErrorCode::ExportFailed,
            CoreError::BackupFailed { .. } => ErrorCode::BackupFailed,
            CoreError::RestoreRefused { .. } => ErrorCode::RestoreRefused,
            CoreError::Sqlite(_) | CoreError::Json(_) | CoreError::Internal(_) => {
                ErrorCode::Internal
            }
        }
    }
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ApiError {
    pub code: ErrorCode,
    pub message: String,
    /// The input field the error is about (camelCase), for validation errors.
    pub field: Option<String>,
    /// The member who already has the phone, for `duplicate_phone`.
    pub member_id: Option<String>,
    /// Why, in a word the UI translates (`demo_refused`: `enrolled`, `has_sales`;
    /// `staff_refused`: `last_owner`, `own_record`, `duplicate_name`, `has_appointments`;
    /// `pin_change_required`: `pin_reset` after a manager reset her PIN).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub reason: Option<String>,
    /// The fewest digits a PIN needs (`pin_too_short`, `pin_change_required`).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub min_digits: Option<u32>,
    /// Minutes, as data the UI words itself (`locked_out`: minutes left in the lock-out).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub minutes: Option<u32>,
}

impl ApiError {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        ApiError {
            code,
            message: message.into(),
            field: None,
            member_id: None,
            reason: None,
            min_digits: None,
            minutes: None,
        }
    }

    pub fn not_logged_in() -> Self {
        ApiError::new(ErrorCode::NotLoggedIn, "please log in with your PIN")
    }
}

impl From<CoreError> for ApiError {
    fn from(e: CoreError) -> Self {
        let member_id = match &e {
            CoreError::DuplicatePhone { member_id, .. } => Some(member_id.to_string()),
            _ => None,
        };
        let reason = match &e {
            CoreError::DemoRefused { reason }
            | CoreError::EnrolmentRefused { reason }
            | CoreError::CouponRefused { reason, .. }
            | CoreError::FreeServiceRefused { reason }
            | CoreError::StaffRefused { reason, .. }
            | CoreError::BackupFailed { reason, .. }
            | CoreError::RestoreRefused { reason, .. }
            | CoreError::DatabaseLocked { reason }
            | CoreError::ChainRefused { reason }
            | CoreError::SaleOpen { reason, .. } => Some((*reason).to_owned()),
            // The login screen says why she must set a new PIN.
            CoreError::PinChangeRequired { reset: true, .. } => Some("pin_reset".to_owned()),
            _ => None,
        };
        let min_digits = match &e {
            CoreError::PinTooShort { min_digits }
            | CoreError::PinChangeRequired { min_digits, .. } => Some(*min_digits as u32),
            _ => None,
        };
        let minutes = match &e {
            CoreError::LockedOut { minutes_left } => u32::try_from(*minutes_left).ok(),
            _ => None,
        };
        // Internal errors keep their cause in the message but never personal data:
        // SQLite errors name tables and constraints, not values.
        ApiError {
            code: ErrorCode::from(&e),
            field: e.field().map(str::to_owned),
            message: e.to_string(),
            member_id,
            reason,
            min_digits,
            minutes,
        }
    }
}

pub type ApiResult<T> = Result<T, ApiError>;
