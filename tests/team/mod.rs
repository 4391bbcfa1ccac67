//! Tests of the team figures (`rondo::team`) that need the engine or a generated team;
//! the pure load and pipeline figures are unit-tested in their modules.
//!
//! - [`capacity`]: the count of loops that fit equals what booking them achieves.
//! - [`report`]: the figures read from a store and printed by `rondo report`.
//! - [`training`]: training paths, trainees' progress and graduation in a store.

mod capacity;
mod report;
mod training;
