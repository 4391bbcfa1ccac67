//! Rondo's integration tests, built as one binary (one link, one run).

mod engine;
mod ical;
mod imports;
mod store;
mod support;
