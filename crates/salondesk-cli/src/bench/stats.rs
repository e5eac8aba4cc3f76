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

/// This process's CPU time so far (user + system, Linux's `/proc/self/stat`
/// in clock ticks of 1/100 s; 0 elsewhere): on a machine shared with other
/// builds, wall time measures the load, CPU time the work.
pub fn cpu_seconds() -> f64 {
    let Ok(stat) = std::fs::read_to_string("/proc/self/stat") else {
        return 0.0;
    };
    // The fields after the command name (which may hold spaces) in parentheses.
    let after = stat.rsplit_once(')').map_or("", |(_, rest)| rest);
    let fields: Vec<&str> = after.split_whitespace().collect();
    let ticks = |i: usize| {
        fields
            .get(i)
            .and_then(|f| f.parse::<f64>().ok())
            .unwrap_or(0.0)
    };
    // utime and stime are the 14th and 15th fields: 12th and 13th after the name.
    (ticks(11) + ticks(12)) / 100.0
}

/// Bytes this process has caused to be written to storage so far (Linux's
/// `/proc/self/io`; 0 elsewhere): the WAL and checkpoint traffic a write
/// path costs, whatever the machine's load.
pub fn written_bytes() -> u64 {
    std::fs::read_to_string("/proc/self/io")
        .ok()
        .and_then(|io| {
            io.lines()
                .find_map(|l| l.strip_prefix("write_bytes:"))
                .and_then(|v| v.trim().parse().ok())
        })
        .unwrap_or(0)
}
