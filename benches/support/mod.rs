//! What the benches share: the median of runs, milliseconds as text, and the scale
//! asked for in `RONDO_BENCH_SCALE`.

use std::time::Duration;

/// The middle run of `v` (runs are noisy on a shared machine; the median is not
/// pulled by one slow run).
pub fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

/// `d` in milliseconds with one decimal.
pub fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}

/// `RONDO_BENCH_SCALE=10` runs a tenth of the set, for quick comparisons (1 when unset
/// or not a positive number).
pub fn scale() -> usize {
    std::env::var("RONDO_BENCH_SCALE")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1)
        .max(1)
}
