//! End-to-end tests of the real window ([`harness`] starts it; [`coordinator`] drives it;
//! [`desktop`] checks what the desktop asks of it: one window per folder, About;
//! [`hiring_day`] plans and books a superday;
//! [`team`] opens the Team screen on the example team and signs a trainee off;
//! [`mail`] sends invites to a real SMTP server and handles an answer;
//! [`calendars`] connects a real CalDAV server).
pub mod calendars;
pub mod coordinator;
pub mod desktop;
pub mod harness;
pub mod hiring_day;
pub mod mail;
pub mod team;

pub use harness::*;
