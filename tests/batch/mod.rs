//! Tests of hiring days (`rondo::batch`) and of `rondo solve-batch`.
//!
//! - [`bench_set`]: every public instance of `shared/bench/batch/` through the real
//!   `rondo solve-batch`, judged by the independent checker `validate.py --expected`.
