//! A set of record positions as a bit per record: what the operators of a query each give and
//! combine (and, and not) in a few thousand word operations at a million records.

#[derive(Debug, Clone, PartialEq, Eq, rkyv::Archive, rkyv::Serialize, rkyv::Deserialize)]
pub struct Set {
    bits: Vec<u64>,
    len: usize,
}

impl Set {
    /// No record of `len`.
    pub fn empty(len: usize) -> Set {
        Set {
            bits: vec![0; len.div_ceil(64)],
            len,
        }
    }

    /// Whether this is a set of `n` records, with no bit past them.
    pub fn fits(&self, n: usize) -> bool {
        let mut trimmed = self.clone();
        trimmed.trim();
        self.len == n && self.bits.len() == n.div_ceil(64) && trimmed == *self
    }

    /// Every record of `len`.
    pub fn full(len: usize) -> Set {
        let mut s = Set::empty(len);
        s.bits.iter_mut().for_each(|b| *b = u64::MAX);
        s.trim();
        s
    }

    /// The bits past `len` cleared, so that counting and listing never see them.
    fn trim(&mut self) {
        if let Some(last) = self.bits.last_mut()
            && !self.len.is_multiple_of(64)
        {
            *last &= (1u64 << (self.len % 64)) - 1;
        }
    }

    pub fn insert(&mut self, r: usize) {
        if r < self.len {
            self.bits[r / 64] |= 1 << (r % 64);
        }
    }

    pub fn contains(&self, r: usize) -> bool {
        r < self.len && self.bits[r / 64] & 1 << (r % 64) != 0
    }

    /// Keeps what `other` holds too.
    pub fn and(&mut self, other: &Set) {
        self.bits
            .iter_mut()
            .zip(&other.bits)
            .for_each(|(a, b)| *a &= b);
    }

    /// Keeps what `other` does not hold.
    pub fn and_not(&mut self, other: &Set) {
        self.bits
            .iter_mut()
            .zip(&other.bits)
            .for_each(|(a, b)| *a &= !b);
    }

    pub fn count(&self) -> usize {
        self.bits.iter().map(|b| b.count_ones() as usize).sum()
    }

    /// The positions held, ascending.
    pub fn positions(&self) -> Vec<u32> {
        let mut out = Vec::with_capacity(self.count());
        for (i, &word) in self.bits.iter().enumerate() {
            let mut w = word;
            while w != 0 {
                out.push((i * 64) as u32 + w.trailing_zeros());
                w &= w - 1;
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sets_combine_and_list_ascending() {
        let mut a = Set::full(130);
        assert_eq!(a.count(), 130);
        let mut b = Set::empty(130);
        for r in [0, 64, 129, 500] {
            b.insert(r);
        }
        assert!(!b.contains(500));
        a.and_not(&b);
        assert_eq!(a.count(), 127);
        assert!(!a.contains(64) && a.contains(63));
        b.and(&Set::full(130));
        assert_eq!(b.positions(), [0, 64, 129]);
    }
}
