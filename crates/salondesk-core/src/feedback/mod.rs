//! Feedback (满意度评价) and complaints (投诉), issue 17.
//!
//! `grade`: the one mapping from a 1–5 score to 优秀/良好/一般/较差.
//! `visit`: a visit's rating, one per sale (its id is the sale's; a later
//! entry replaces the earlier one's fields, and on sync the fields merge
//! last-writer-wins by HLC, as a member's profile does: the newest word of the
//! member is what counts, and no history is kept beyond the audit of who
//! wrote it last). `complaints`: a complaint, its status moves (only
//! open → in_progress → resolved / closed), its appended action notes and its
//! handling time; `complaint_list`: the back office's list and a member's
//! open ones. `staff_ratings`: whom a visit's rating counts for in the staff
//! report (this store's visits and, on a head office, the others').

mod complaint_list;
mod complaints;
mod grade;
pub(crate) mod staff_ratings;
mod visit;

pub use complaint_list::{ComplaintDetail, ComplaintRow};
pub use complaints::{
    may_move, ComplaintAction, ComplaintInput, ComplaintKind, ComplaintMove, ComplaintStatus,
};
pub use grade::{grade, Grade};
pub use staff_ratings::staff_ratings;
pub use visit::{FeedbackForm, FeedbackInput, FeedbackSource, RatedStaff, VisitFeedback};

use crate::{CoreError, Result};

/// A 1–5 score, refused on `field` otherwise.
fn check_score(score: u8, field: &'static str) -> Result<u8> {
    if (1..=5).contains(&score) {
        Ok(score)
    } else {
        Err(CoreError::validation(field, "a score is 1 to 5"))
    }
}

/// Free text of at most `max` characters, trimmed; refused on `field`.
pub(crate) fn check_text(text: &str, max: usize, field: &'static str) -> Result<String> {
    let text = text.trim();
    if text.chars().count() > max {
        return Err(CoreError::validation(
            field,
            format!("at most {max} characters"),
        ));
    }
    salondesk_protocol::limits::check_text(text, max, true)
        .map_err(|m| CoreError::validation(field, m))?;
    Ok(text.to_string())
}
