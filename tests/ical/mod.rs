//! Tests of `rondo::ical`: import rules, the CLI, agreement with real parsers on the
//! corpus, exported invites checked by every checker, and malformed input.

mod agreement;
mod cli;
mod corpus;
pub mod export;
mod import;
mod robust;
