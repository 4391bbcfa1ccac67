//! Canonical sets of half-open instant intervals.
//!
//! An [`IntervalSet`] is always sorted, disjoint and non-touching (`[a, b)` and `[b, c)`
//! join into `[a, c)`), with no empty interval, so two sets with the same points are
//! equal as values. The invariant is asserted in debug builds after every operation.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// A half-open interval `[start, end)` of instants; `start <= end`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Interval {
    /// Inclusive start.
    pub start: DateTime<Utc>,
    /// Exclusive end.
    pub end: DateTime<Utc>,
}

impl Interval {
    /// `[start, end)`, or `None` if it ends before it starts.
    pub fn new(start: DateTime<Utc>, end: DateTime<Utc>) -> Option<Interval> {
        (start <= end).then_some(Interval { start, end })
    }

    /// True if it holds no instant.
    pub fn is_empty(&self) -> bool {
        self.start >= self.end
    }

    /// True if the two share an instant (an empty interval shares none).
    pub fn overlaps(&self, other: &Interval) -> bool {
        self.start < other.end && other.start < self.end && !self.is_empty() && !other.is_empty()
    }

    /// Length in whole seconds.
    pub fn seconds(&self) -> i64 {
        (self.end - self.start).num_seconds()
    }
}

/// A canonical union of intervals: sorted, disjoint, non-touching, no empty member.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(from = "Vec<Interval>", into = "Vec<Interval>")]
pub struct IntervalSet {
    items: Vec<Interval>,
}

impl From<Vec<Interval>> for IntervalSet {
    fn from(items: Vec<Interval>) -> Self {
        IntervalSet::from_intervals(items)
    }
}

impl From<IntervalSet> for Vec<Interval> {
    fn from(set: IntervalSet) -> Self {
        set.items
    }
}

impl FromIterator<Interval> for IntervalSet {
    fn from_iter<I: IntoIterator<Item = Interval>>(iter: I) -> Self {
        IntervalSet::from_intervals(iter.into_iter().collect())
    }
}

impl IntervalSet {
    /// The empty set.
    pub fn new() -> IntervalSet {
        IntervalSet { items: Vec::new() }
    }

    /// The union of any intervals, in any order (empty ones are dropped).
    pub fn from_intervals(mut items: Vec<Interval>) -> IntervalSet {
        items.retain(|i| !i.is_empty());
        items.sort_unstable();
        let mut out: Vec<Interval> = Vec::with_capacity(items.len());
        for i in items {
            match out.last_mut() {
                Some(last) if i.start <= last.end => last.end = last.end.max(i.end),
                _ => out.push(i),
            }
        }
        let set = IntervalSet { items: out };
        set.debug_check();
        set
    }

    /// The members, sorted and disjoint.
    pub fn intervals(&self) -> &[Interval] {
        &self.items
    }

    /// True if the set holds no instant.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// True if every instant of `i` is in the set (an empty `i` is always contained).
    pub fn contains(&self, i: &Interval) -> bool {
        if i.is_empty() {
            return true;
        }
        let k = self.items.partition_point(|x| x.end < i.end);
        self.items
            .get(k)
            .is_some_and(|x| x.start <= i.start && i.end <= x.end)
    }

    /// True if some instant of `i` is in the set.
    pub fn overlaps(&self, i: &Interval) -> bool {
        let k = self.items.partition_point(|x| x.end <= i.start);
        self.items.get(k).is_some_and(|x| x.overlaps(i))
    }

    /// Instants in either set.
    pub fn union(&self, other: &IntervalSet) -> IntervalSet {
        let mut all = self.items.clone();
        all.extend_from_slice(&other.items);
        IntervalSet::from_intervals(all)
    }

    /// Instants in both sets.
    pub fn intersection(&self, other: &IntervalSet) -> IntervalSet {
        let (mut a, mut b) = (0, 0);
        let mut out = Vec::new();
        while a < self.items.len() && b < other.items.len() {
            let (x, y) = (self.items[a], other.items[b]);
            let start = x.start.max(y.start);
            let end = x.end.min(y.end);
            if start < end {
                out.push(Interval { start, end });
            }
            if x.end < y.end {
                a += 1;
            } else {
                b += 1;
            }
        }
        let set = IntervalSet { items: out };
        set.debug_check();
        set
    }

    /// Instants in `self` but not in `other`.
    pub fn difference(&self, other: &IntervalSet) -> IntervalSet {
        let mut out = Vec::new();
        let mut b = 0;
        for &x in &self.items {
            let mut start = x.start;
            while b < other.items.len() && other.items[b].end <= start {
                b += 1;
            }
            let mut k = b;
            while k < other.items.len() && other.items[k].start < x.end {
                let y = other.items[k];
                if y.start > start {
                    out.push(Interval {
                        start,
                        end: y.start,
                    });
                }
                start = start.max(y.end);
                k += 1;
            }
            if start < x.end {
                out.push(Interval { start, end: x.end });
            }
        }
        let set = IntervalSet { items: out };
        set.debug_check();
        set
    }

    /// Total length in whole seconds.
    pub fn seconds(&self) -> i64 {
        self.items.iter().map(Interval::seconds).sum()
    }

    fn debug_check(&self) {
        debug_assert!(
            self.items.iter().all(|i| i.start < i.end)
                && self.items.windows(2).all(|w| w[0].end < w[1].start),
            "interval set not canonical: {:?}",
            self.items
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn at(m: i64) -> DateTime<Utc> {
        DateTime::<Utc>::from_timestamp(1_772_000_000 + m * 60, 0).expect("in range")
    }

    fn set_strategy() -> impl Strategy<Value = IntervalSet> {
        prop::collection::vec((0i64..200, 0i64..40), 0..8).prop_map(|v| {
            v.into_iter()
                .map(|(s, l)| Interval {
                    start: at(s),
                    end: at(s + l),
                })
                .collect()
        })
    }

    /// Membership of the minute starting at `m`, the unit every test set is made of.
    fn member(s: &IntervalSet, m: i64) -> bool {
        s.contains(&Interval {
            start: at(m),
            end: at(m + 1),
        })
    }

    proptest! {
        #[test]
        fn union_intersection_difference_agree_with_points(a in set_strategy(), b in set_strategy()) {
            let (u, i, d) = (a.union(&b), a.intersection(&b), a.difference(&b));
            for m in -2..245 {
                let (x, y) = (member(&a, m), member(&b, m));
                prop_assert_eq!(member(&u, m), x || y, "union at minute {}", m);
                prop_assert_eq!(member(&i, m), x && y, "intersection at minute {}", m);
                prop_assert_eq!(member(&d, m), x && !y, "difference at minute {}", m);
            }
        }

        #[test]
        fn set_laws(a in set_strategy(), b in set_strategy(), c in set_strategy()) {
            prop_assert_eq!(a.union(&b), b.union(&a), "union commutes");
            prop_assert_eq!(a.intersection(&b), b.intersection(&a), "intersection commutes");
            prop_assert_eq!(a.union(&b).union(&c), a.union(&b.union(&c)), "union associates");
            prop_assert_eq!(
                a.intersection(&b.union(&c)),
                a.intersection(&b).union(&a.intersection(&c)),
                "intersection distributes over union"
            );
            prop_assert_eq!(a.union(&a), a.clone(), "union is idempotent");
            prop_assert_eq!(a.difference(&b).union(&a.intersection(&b)), a.clone(), "a = (a-b) + (a&b)");
            prop_assert!(a.difference(&b).intersection(&b).is_empty(), "a-b misses b");
            prop_assert_eq!(a.seconds() + b.seconds(), a.union(&b).seconds() + a.intersection(&b).seconds(),
                "inclusion-exclusion of lengths");
        }

        #[test]
        fn overlaps_agrees_with_intersection(a in set_strategy(), s in 0i64..240, l in 0i64..30) {
            let i = Interval { start: at(s), end: at(s + l) };
            let single = IntervalSet::from_intervals(vec![i]);
            prop_assert_eq!(a.overlaps(&i), !a.intersection(&single).is_empty(), "overlaps {:?}", i);
        }
    }

    #[test]
    fn touching_intervals_join_and_empty_ones_vanish() {
        let s = IntervalSet::from_intervals(vec![
            Interval {
                start: at(10),
                end: at(20),
            },
            Interval {
                start: at(0),
                end: at(10),
            },
            Interval {
                start: at(30),
                end: at(30),
            },
        ]);
        assert_eq!(
            s.intervals(),
            &[Interval {
                start: at(0),
                end: at(20)
            }],
            "joined, empty dropped"
        );
        assert!(
            s.contains(&Interval {
                start: at(5),
                end: at(15)
            }),
            "spans the former seam"
        );
        assert!(
            !s.contains(&Interval {
                start: at(15),
                end: at(21)
            }),
            "runs past the end"
        );
    }
}
