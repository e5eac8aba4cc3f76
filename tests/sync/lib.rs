//! Nothing here: the tests live in tests/sync.rs (one binary, with modules).
