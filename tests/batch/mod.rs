//! Tests of hiring days (`rondo::batch`) and of `rondo solve-batch`.
//!
//! - [`bench_set`]: every public instance of `shared/bench/batch/` through the real
//!   `rondo solve-batch`, judged by the independent checker `validate.py --expected`.
//! - [`props`]: a batch of one agrees with `rondo solve`, determinism, an added
//!   interviewer never lowers the weight, tiny batches agree with brute force.

mod bench_set;
mod props;
