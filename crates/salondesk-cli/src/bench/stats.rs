//! Percentiles of measured durations.

use std::time::Duration;

pub struct Percentiles {
    pub p50_ms: f64,
    pub p99_ms: f64,
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
        p99_ms: at(0.99),
    }
}

pub fn print(name: &str, samples: &mut [Duration]) {
    let p = percentiles(samples);
    println!("BENCH {name} p50_ms={:.3} p99_ms={:.3}", p.p50_ms, p.p99_ms);
}
