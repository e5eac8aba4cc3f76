//! Splitting an amount across parts in proportion to their weights, to the fen,
//! so the parts always add up to the whole (largest remainder first).

pub fn allocate(total: i64, weights: &[i64]) -> Vec<i64> {
    let sum: i64 = weights.iter().map(|w| (*w).max(0)).sum();
    if sum == 0 || total == 0 {
        return vec![0; weights.len()];
    }
    let mut parts: Vec<i64> = Vec::with_capacity(weights.len());
    let mut remainders: Vec<(i128, usize)> = Vec::with_capacity(weights.len());
    for (i, w) in weights.iter().enumerate() {
        let exact = i128::from(total) * i128::from((*w).max(0));
        parts.push((exact / i128::from(sum)) as i64);
        remainders.push((exact % i128::from(sum), i));
    }
    let mut left = total - parts.iter().sum::<i64>();
    remainders.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    for (_, i) in remainders {
        if left == 0 {
            break;
        }
        if weights[i] > 0 {
            parts[i] += left.signum();
            left -= left.signum();
        }
    }
    parts
}

#[cfg(test)]
mod tests {
    use super::allocate;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn parts_always_add_up_and_stay_proportional(total in 0i64..10_000_000, weights in prop::collection::vec(0i64..1_000_000, 1..8)) {
            let parts = allocate(total, &weights);
            let sum: i64 = weights.iter().sum();
            if sum > 0 {
                prop_assert_eq!(parts.iter().sum::<i64>(), total, "parts must add up to the whole");
            }
            for (p, w) in parts.iter().zip(&weights) {
                if sum > 0 {
                    let exact = total as f64 * *w as f64 / sum as f64;
                    prop_assert!((*p as f64 - exact).abs() < 1.0 + 1e-9, "each part within a fen of its share");
                }
                if *w == 0 { prop_assert_eq!(*p, 0, "nothing to a zero weight"); }
            }
        }
    }
}
