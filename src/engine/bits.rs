//! A fixed-size bit set over slot indices: the engine's representation of "the starts
//! at which X is possible", so that combining constraints is a few word operations.

/// A set of slot indices `0..len`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Bits {
    words: Vec<u64>,
    len: usize,
}

impl Bits {
    /// The empty set over `0..len`.
    pub fn new(len: usize) -> Bits {
        Bits {
            words: vec![0; len.div_ceil(64)],
            len,
        }
    }

    /// The full set over `0..len`.
    pub fn full(len: usize) -> Bits {
        let mut b = Bits::new(len);
        b.set_range(0, len);
        b
    }

    /// How many slots the set ranges over (`0..len`), not how many it holds.
    pub fn len(&self) -> usize {
        self.len
    }

    /// Adds every index of `[a, b)` (clamped to the set's range).
    pub fn set_range(&mut self, a: usize, b: usize) {
        self.update_range(a, b, |w, m| *w |= m);
    }

    /// Removes every index of `[a, b)` (clamped to the set's range).
    pub fn clear_range(&mut self, a: usize, b: usize) {
        self.update_range(a, b, |w, m| *w &= !m);
    }

    /// Applies `f(word, mask)` to each word that `[a, b)` touches, with the mask of the
    /// range's bits in that word.
    fn update_range(&mut self, a: usize, b: usize, f: impl Fn(&mut u64, u64)) {
        let b = b.min(self.len);
        if a >= b {
            return;
        }
        let (wa, wb) = (a / 64, (b - 1) / 64);
        let lo = !0u64 << (a % 64);
        let hi = !0u64 >> (63 - (b - 1) % 64);
        if wa == wb {
            f(&mut self.words[wa], lo & hi);
        } else {
            f(&mut self.words[wa], lo);
            for w in &mut self.words[wa + 1..wb] {
                f(w, !0);
            }
            f(&mut self.words[wb], hi);
        }
    }

    /// Removes one index.
    pub fn remove(&mut self, k: usize) {
        self.words[k / 64] &= !(1 << (k % 64));
    }

    /// True if `k` is in the set.
    pub fn contains(&self, k: usize) -> bool {
        k < self.len && self.words[k / 64] >> (k % 64) & 1 == 1
    }

    /// Keeps only indices also in `other`.
    pub fn and_with(&mut self, other: &Bits) {
        for (a, b) in self.words.iter_mut().zip(&other.words) {
            *a &= b;
        }
    }

    /// True if some index of `[lo, hi)` is in both sets (same length).
    pub fn meets_within(&self, other: &Bits, lo: usize, hi: usize) -> bool {
        let hi = hi.min(self.len);
        if lo >= hi {
            return false;
        }
        let (wa, wb) = (lo / 64, (hi - 1) / 64);
        for w in wa..=wb {
            let mut x = self.words[w] & other.words[w];
            if w == wa {
                x &= !0u64 << (lo % 64);
            }
            if w == wb {
                x &= !0u64 >> (63 - (hi - 1) % 64);
            }
            if x != 0 {
                return true;
            }
        }
        false
    }

    /// The smallest index `>= from` in the set.
    pub fn next_at_or_after(&self, from: usize) -> Option<usize> {
        if from >= self.len {
            return None;
        }
        let mut w = from / 64;
        let mut word = self.words[w] & (!0u64 << (from % 64));
        loop {
            if word != 0 {
                let k = w * 64 + word.trailing_zeros() as usize;
                return (k < self.len).then_some(k);
            }
            w += 1;
            if w >= self.words.len() {
                return None;
            }
            word = self.words[w];
        }
    }

    /// The largest index `<= upto` in the set.
    pub fn prev_at_or_before(&self, upto: usize) -> Option<usize> {
        let upto = upto.min(self.len.checked_sub(1)?);
        let mut w = upto / 64;
        let mut word = self.words[w] & (!0u64 >> (63 - upto % 64));
        loop {
            if word != 0 {
                return Some(w * 64 + 63 - word.leading_zeros() as usize);
            }
            if w == 0 {
                return None;
            }
            w -= 1;
            word = self.words[w];
        }
    }

    /// True if the set holds no index.
    pub fn is_empty(&self) -> bool {
        self.words.iter().all(|&w| w == 0)
    }

    /// Number of indices in the set (the property tests check the set with it).
    #[cfg(test)]
    pub fn count(&self) -> usize {
        self.words.iter().map(|w| w.count_ones() as usize).sum()
    }

    /// The indices in increasing order.
    pub fn iter(&self) -> impl Iterator<Item = usize> + '_ {
        let mut next = self.next_at_or_after(0);
        std::iter::from_fn(move || {
            let k = next?;
            next = self.next_at_or_after(k + 1);
            Some(k)
        })
    }

    /// Keeps only the indices for which `keep` holds; true if any was removed.
    pub fn retain(&mut self, mut keep: impl FnMut(usize) -> bool) -> bool {
        let mut changed = false;
        for w in 0..self.words.len() {
            let mut rest = self.words[w];
            while rest != 0 {
                let bit = rest.trailing_zeros() as usize;
                rest &= rest - 1;
                if !keep(w * 64 + bit) {
                    self.words[w] &= !(1u64 << bit);
                    changed = true;
                }
            }
        }
        changed
    }

    /// The first index of the set, if any.
    pub fn first(&self) -> Option<usize> {
        self.next_at_or_after(0)
    }

    /// The last index of the set, if any.
    pub fn last(&self) -> Option<usize> {
        self.len
            .checked_sub(1)
            .and_then(|k| self.prev_at_or_before(k))
    }

    /// Raw words, for word-parallel counting.
    pub fn words(&self) -> &[u64] {
        &self.words
    }

    /// Builds a set from raw words over `0..len`.
    pub fn from_words(words: Vec<u64>, len: usize) -> Bits {
        debug_assert_eq!(words.len(), len.div_ceil(64));
        let mut b = Bits { words, len };
        b.clear_range(len, b.words.len() * 64);
        b
    }
}

#[cfg(test)]
mod tests {
    use super::Bits;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn ranges_and_queries_agree_with_a_vec_of_bools(
            len in 1usize..300,
            ops in prop::collection::vec((any::<bool>(), 0usize..300, 0usize..300), 0..12),
            probe in 0usize..320,
        ) {
            let mut b = Bits::new(len);
            let mut v = vec![false; len];
            for (set, x, y) in ops {
                let (a, e) = (x.min(y), x.max(y));
                if set { b.set_range(a, e) } else { b.clear_range(a, e) }
                for slot in v.iter_mut().take(e.min(len)).skip(a) { *slot = set; }
            }
            prop_assert_eq!(b.count(), v.iter().filter(|&&x| x).count(), "count");
            let next = (probe..len).find(|&k| v[k]);
            prop_assert_eq!(b.next_at_or_after(probe), next, "next from {}", probe);
            let prev = (0..=probe.min(len - 1)).rev().find(|&k| v[k]);
            prop_assert_eq!(b.prev_at_or_before(probe), prev, "prev from {}", probe);
            prop_assert_eq!(b.iter().collect::<Vec<_>>(), (0..len).filter(|&k| v[k]).collect::<Vec<_>>(), "iter");
            let mut other = Bits::new(len);
            other.set_range(probe.min(len) / 2, probe.min(len));
            let (lo, hi) = (probe / 3, probe);
            let meets = (lo..hi.min(len)).any(|k| v[k] && other.contains(k));
            prop_assert_eq!(b.meets_within(&other, lo, hi), meets, "meets within {}..{}", lo, hi);
        }
    }
}
