//! Calendar interop: reading interviewers' `.ics` calendars into busy time
//! ([`import`]) and writing interview invites ([`export`]).
//!
//! The pieces below them: [`content`] reads content lines into components leniently,
//! [`values`] types DATE/DATE-TIME/DURATION values, [`zones`] resolves TZIDs (IANA,
//! Windows, Outlook, VTIMEZONE rules) with RFC 5545 DST rules, and [`recur`] expands
//! RRULEs on wall-clock times.

pub mod content;
pub mod export;
pub mod import;
pub mod itip;
pub mod recur;
pub mod values;
pub mod zones;
