//! A bound from groups of candidates searched apart.
//!
//! Leaving out every rule between two groups of candidates only relaxes: any valid
//! answer, read group by group, is valid for each group alone, so the least sum of
//! each group alone adds up to a bound on the whole. The bound meets the answer when
//! the groups are chosen well: a candidate who finishes later than alone is grouped
//! with the candidates holding people they could use before their finish (those who
//! may stand in their way), and every other candidate forms a group of one, whose least
//! sum is their finish alone. A hiring week where three candidates queue for one
//! manager and seven for two recruiters is proven by two small joint searches
//! ([`super::joint`]) instead of one over everyone, which could not finish.

use super::improve::Improver;
use crate::engine::grid::Secs;

/// The groups of the answer `imp` holds (of the candidates who can be placed), each
/// of at most `most` candidates; `None` if a group grows past `most`. Looking for the
/// blockers is charged to `imp.work`, a node per candidate looked at.
pub(crate) fn groups(imp: &mut Improver, most: usize) -> Option<Vec<Vec<usize>>> {
    let n = imp.placed.len();
    let mut leader: Vec<usize> = (0..n).collect();
    fn find(leader: &mut [usize], mut x: usize) -> usize {
        while leader[x] != x {
            leader[x] = leader[leader[x]];
            x = leader[x];
        }
        x
    }
    for c in (0..n).filter(|&c| imp.possible[c]) {
        // A candidate left out: whoever holds people they could use at any time.
        let finish = imp.placed[c].as_ref().map_or(Secs::MAX, |pl| pl.finish);
        if finish <= imp.alone_finish[c] {
            continue;
        }
        imp.work += n as u64;
        for o in imp.blockers(c, finish) {
            let (a, b) = (find(&mut leader, c), find(&mut leader, o));
            leader[a.max(b)] = a.min(b);
        }
    }
    let mut groups: Vec<Vec<usize>> = Vec::new();
    let mut at: Vec<Option<usize>> = vec![None; n];
    for c in (0..n).filter(|&c| imp.possible[c]) {
        let l = find(&mut leader, c);
        match at[l] {
            Some(g) => groups[g].push(c),
            None => {
                at[l] = Some(groups.len());
                groups.push(vec![c]);
            }
        }
    }
    groups.iter().all(|g| g.len() <= most).then_some(groups)
}
