//! End-to-end tests of the real window ([`harness`] starts it; [`coordinator`] drives it).
pub mod coordinator;
pub mod harness;

pub use harness::*;
