//! Rondo's integration tests, built as one binary (one link, one run).

mod batch;
mod caldav;
mod engine;
mod ical;
mod imports;
mod mail;
mod store;
mod support;
mod team;
