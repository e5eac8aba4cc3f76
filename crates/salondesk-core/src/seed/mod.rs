//! demo data
