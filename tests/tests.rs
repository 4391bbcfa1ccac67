//! Rondo's integration tests, built as one binary (one link, one run).

mod ical;
mod support;
