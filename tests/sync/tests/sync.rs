//! Sync tests (being written).
