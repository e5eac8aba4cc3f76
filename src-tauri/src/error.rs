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
    NotLoggedIn,
    Forbidden,
    Conflict,
    /// Outside the beautician's working hours or on her day off: ask, then
    /// retry with `allowOutsideHours`.
    OutsideHours,
    DatabaseNewer,
    /// Another SalonDesk window or program has this database open.
    DatabaseInUse,
    /// The action needs a manager's PIN (a pay-out above the store's limit).
    ApprovalRequired,
    /// A sum of money too large to hold: refused, never wrapped.
    AmountTooLarge,
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
            CoreError::Forbidden(_) => ErrorCode::Forbidden,
            CoreError::Conflict(_) => ErrorCode::Conflict,
            CoreError::OutsideHours(_) => ErrorCode::OutsideHours,
            CoreError::DatabaseNewer { .. } => ErrorCode::DatabaseNewer,
            CoreError::DatabaseInUse { .. } => ErrorCode::DatabaseInUse,
            CoreError::ApprovalRequired { .. } => ErrorCode::ApprovalRequired,
            CoreError::AmountTooLarge { .. } => ErrorCode::AmountTooLarge,
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
}

impl ApiError {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        ApiError {
            code,
            message: message.into(),
            field: None,
            member_id: None,
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
        // Internal errors keep their cause in the message but never personal data:
        // SQLite errors name tables and constraints, not values.
        ApiError {
            code: ErrorCode::from(&e),
            field: e.field().map(str::to_owned),
            message: e.to_string(),
            member_id,
        }
    }
}

pub type ApiResult<T> = Result<T, ApiError>;
