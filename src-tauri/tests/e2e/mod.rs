//! End-to-end tests of the real window ([`harness`] starts it; [`coordinator`] drives it;
//! [`desktop`] checks what the desktop asks of it: one window per folder, About;
//! [`mail`] sends invites to a real SMTP server and handles an answer).
pub mod coordinator;
pub mod desktop;
pub mod harness;
pub mod mail;

pub use harness::*;
