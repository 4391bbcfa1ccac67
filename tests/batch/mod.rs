//! Tests of hiring days (`rondo::batch`) and of `rondo solve-batch`.
//!
//! - [`bench_set`]: every public instance of `shared/bench/batch/` through the real
//!   `rondo solve-batch`, judged by the independent checker `validate.py --expected`.
//! - [`cli`]: refusals naming the field, and the `--pretty` day.
//! - [`moves`]: a round moved by hand, re-checked against the whole day.
//! - [`props`]: a batch of one agrees with `rondo solve`, determinism, an added
//!   interviewer never lowers the weight, tiny batches agree with brute force.

mod bench_set;
mod cli;
mod moves;
mod props;
