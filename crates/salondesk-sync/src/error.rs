//! What can go wrong while syncing, sorted by what the device should do next:
//! wait and try again (offline, rate limited, a server hiccup), stop and ask
//! for a new enrolment (the credential was refused), or send less at once (413).
//! Messages never carry the server URL (it may hold a token) or personal data.

use std::time::Duration;
use thiserror::Error;

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum SyncError {
    /// The server could not be reached or did not answer in time: the network
    /// or the server is down. Tried again with backoff.
    #[error("the sync server could not be reached ({0})")]
    Offline(String),
    /// 401: the device credential (or, when enrolling, the code) was refused.
    #[error("the sync server refused this device's credential: enrol the device again")]
    Unauthorized,
    /// 413: the batch was too large; the engine sends fewer operations at once.
    #[error("the request was too large for the sync server")]
    TooLarge,
    /// 429: too many requests; wait at least `retry_after` if the server said.
    #[error("the sync server asked this device to slow down")]
    RateLimited { retry_after: Option<Duration> },
    /// Any other error reply, with the server's `{code, message}`, and the
    /// operation of a push that caused it when the server names one.
    #[error("the sync server answered {status}: {message} ({code})")]
    Server {
        status: u16,
        code: String,
        message: String,
        op_id: Option<uuid::Uuid>,
    },
    /// A reply that does not parse or does not add up (a proxy's page, an
    /// answer missing results): nothing is recorded from it.
    #[error("the sync server's reply was not understood: {0}")]
    Protocol(String),
    /// The device has no enrolment (or it was removed): nothing to sync with.
    #[error("this device is not enrolled with a sync server")]
    NotEnrolled,
    /// The server URL typed in Settings is not usable.
    #[error("{0}")]
    BadUrl(String),
    /// The local database failed (or could not be opened).
    #[error("local database: {0}")]
    Local(String),
}

impl SyncError {
    /// A stable code for the UI and logs (`offline`, `unauthorized`, …).
    pub fn code(&self) -> &'static str {
        match self {
            SyncError::Offline(_) => "offline",
            SyncError::Unauthorized => "unauthorized",
            SyncError::TooLarge => "too_large",
            SyncError::RateLimited { .. } => "rate_limited",
            SyncError::Server { .. } => "server",
            SyncError::Protocol(_) => "protocol",
            SyncError::NotEnrolled => "not_enrolled",
            SyncError::BadUrl(_) => "bad_url",
            SyncError::Local(_) => "local",
        }
    }

    /// Whether waiting and trying again can help. A refused credential and a
    /// missing enrolment need a person; everything else is retried with backoff
    /// (a server that answers 400 to a whole batch is also retried, slowly, so a
    /// fixed server picks the batch up without anyone restarting the desk).
    pub fn retryable(&self) -> bool {
        !matches!(
            self,
            SyncError::Unauthorized | SyncError::NotEnrolled | SyncError::BadUrl(_)
        )
    }

    /// Whether the server answered at all (so the device is online).
    pub fn server_answered(&self) -> bool {
        matches!(
            self,
            SyncError::Unauthorized
                | SyncError::TooLarge
                | SyncError::RateLimited { .. }
                | SyncError::Server { .. }
        )
    }
}

impl From<salondesk_core::CoreError> for SyncError {
    fn from(e: salondesk_core::CoreError) -> Self {
        SyncError::Local(e.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_refused_credential_or_missing_enrolment_stops_retrying() {
        assert!(SyncError::Offline("timed out".into()).retryable());
        assert!(SyncError::RateLimited { retry_after: None }.retryable());
        assert!(SyncError::Server {
            status: 503,
            code: "internal".into(),
            message: "restarting".into(),
            op_id: None,
        }
        .retryable());
        assert!(SyncError::Local("disk I/O error".into()).retryable());
        assert!(!SyncError::Unauthorized.retryable());
        assert!(!SyncError::NotEnrolled.retryable());
    }

    #[test]
    fn an_answer_means_online_and_a_network_failure_does_not() {
        assert!(!SyncError::Offline("refused".into()).server_answered());
        assert!(!SyncError::Protocol("html".into()).server_answered());
        assert!(SyncError::Unauthorized.server_answered());
        assert!(SyncError::TooLarge.server_answered());
    }
}
