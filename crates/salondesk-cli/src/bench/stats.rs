//! Percentiles of measured durations.

use std::time::Duration;

pub struct Percentiles {
    pub p50_ms: f64,
    pub p90_ms: f64,
    pub p99_ms: f64,
    pub p999_ms: f64,
    pub max_ms: f64,
}

pub fn percentiles(samples: &mut [Duration]) -> Percentiles {
    samples.sort();
    let at = |q: f64| {
        if samples.is_empty() {
            return 0.0;
        }
        let i = ((samples.len() as f64 - 1.0) * q).round() as usize;
        samples[i].as_secs_f64() * 1000.0
    };
    Percentiles {
        p50_ms: at(0.50),
        p90_ms: at(0.90),
        p99_ms: at(0.99),
        p999_ms: at(0.999),
        max_ms: at(1.0),
    }
}

pub fn print(name: &str, samples: &mut [Duration]) {
    let p = percentiles(samples);
    println!("BENCH {name} p50_ms={:.3} p99_ms={:.3}", p.p50_ms, p.p99_ms);
}

/// Like `print`, with the tail spelled out (p90, p99.9, max) and the count.
pub fn print_tail(name: &str, samples: &mut [Duration]) -> Percentiles {
    let n = samples.len();
    let p = percentiles(samples);
    println!(
        "BENCH {name} p50_ms={:.3} p90_ms={:.3} p99_ms={:.3} p999_ms={:.3} max_ms={:.3} n={n}",
        p.p50_ms, p.p90_ms, p.p99_ms, p.p999_ms, p.max_ms
    );
    p
}
