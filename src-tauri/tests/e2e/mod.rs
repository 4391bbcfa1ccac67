//! End-to-end tests of the real window ([`harness`] starts it; [`coordinator`] drives it;
//! [`calendars`] connects a real CalDAV server;
//! [`desktop`] checks what the desktop asks of it: one window per folder, About).
pub mod calendars;
pub mod coordinator;
pub mod desktop;
pub mod harness;

pub use harness::*;
