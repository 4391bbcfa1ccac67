//! A weight bound from pairs of candidates who cannot both be placed.
//!
//! The capacity bounds ([`super::bound`], [`super::dates`]) count what people can
//! hold; they cannot see that two candidates free only on Tuesday morning both need the
//! one manager free then. A search for any placement of the two together
//! ([`super::queue::Queue::fits`]) can: when it finishes without one, no valid answer
//! has both. Every candidate the answer leaves out is paired with every other who can
//! be placed; the candidates the answer holds are known to fit together. Any valid
//! answer's candidates are then a set with no such pair in it, so the heaviest such
//! set bounds its weight: a hiring week's four candidates left out who each clash with
//! one heavier candidate, and with each other, were bounded at 26 where 22 is the most.

use super::improve::Improver;
use super::queue::Queue;
use crate::engine::grid::Secs;

/// The most weight of a set of candidates no two of whom were shown to clash, and the
/// least sum of `finish alone - h0` (seconds) of such a set of that weight; `None`
/// when the answer leaves nobody out who could be placed, or too many to try.
/// `fit_work`: the most work the search for one pair may do (a pair it cannot settle
/// is taken to fit). The searches are charged to `imp.work`.
pub(super) fn pair_bound(imp: &mut Improver, q: &mut Queue, fit_work: u64) -> Option<(u64, Secs)> {
    let n = imp.placed.len();
    let possible: Vec<usize> = (0..n).filter(|&c| imp.possible[c]).collect();
    let out: Vec<usize> = possible
        .iter()
        .copied()
        .filter(|&c| imp.placed[c].is_none())
        .collect();
    if out.is_empty() || out.len() > OUT_MOST {
        return None;
    }
    // Per candidate left out (by index in `out`): who they clash with.
    let mut clash: Vec<Vec<usize>> = vec![Vec::new(); out.len()];
    for (k, &a) in out.iter().enumerate() {
        for &c in &possible {
            let earlier_out = out[..k].contains(&c);
            if c == a || earlier_out {
                continue;
            }
            let before = q.work;
            let found = q.fits(&[a, c], fit_work.min(q.left()));
            imp.work += q.work - before;
            if found.is_some_and(|f| f.exhaustive && f.placed.is_none()) {
                clash[k].push(c);
                if let Some(j) = out.iter().position(|&x| x == c) {
                    clash[j].push(a);
                }
            }
        }
    }
    let h0 = imp.pool.grid.h0;
    let mut best: Option<(u64, Secs)> = None;
    for mask in 0u32..1 << out.len() {
        let taken: Vec<usize> = (0..out.len())
            .filter(|&k| mask & (1 << k) != 0)
            .map(|k| out[k])
            .collect();
        let clashes =
            |c: usize| (0..out.len()).any(|k| mask & (1 << k) != 0 && clash[k].contains(&c));
        if taken.iter().any(|&c| clashes(c)) {
            continue;
        }
        // The candidates held stay, but for those clashing with one taken.
        let set = possible
            .iter()
            .copied()
            .filter(|&c| taken.contains(&c) || (imp.placed[c].is_some() && !clashes(c)));
        let (w, sum) = set.fold((0, 0), |(w, s), c| {
            (w + imp.weight_of(c), s + imp.alone_finish[c] - h0)
        });
        best = match best {
            Some((bw, bs)) if bw > w || (bw == w && bs <= sum) => Some((bw, bs)),
            _ => Some((w, sum)),
        };
    }
    best
}

/// Answers leaving out more candidates than this are not tried (each pairs with
/// everyone, and their subsets are counted).
const OUT_MOST: usize = 10;
