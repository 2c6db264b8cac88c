//! Percentiles over measured durations.

use std::time::Duration;

/// Samples of one measurement.
#[derive(Debug, Clone, Default)]
pub struct Samples {
    values: Vec<Duration>,
}

impl Samples {
    pub fn new() -> Samples {
        Samples::default()
    }

    pub fn push(&mut self, value: Duration) {
        self.values.push(value);
    }

    pub fn len(&self) -> usize {
        self.values.len()
    }

    pub fn values(&self) -> &[Duration] {
        &self.values
    }

    pub fn is_empty(&self) -> bool {
        self.values.is_empty()
    }

    /// The `p`-th percentile (0–100) by the nearest-rank method; zero without samples.
    pub fn percentile(&self, p: f64) -> Duration {
        if self.values.is_empty() {
            return Duration::ZERO;
        }
        let mut sorted = self.values.clone();
        sorted.sort();
        let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
        sorted[rank.clamp(1, sorted.len()) - 1]
    }

    pub fn median(&self) -> Duration {
        self.percentile(50.0)
    }

    pub fn min(&self) -> Duration {
        self.values.iter().min().copied().unwrap_or_default()
    }
}

/// Milliseconds with a precision that suits the value.
pub fn ms(value: Duration) -> String {
    let ms = value.as_secs_f64() * 1000.0;
    if ms >= 100.0 {
        format!("{ms:.0} ms")
    } else if ms >= 10.0 {
        format!("{ms:.1} ms")
    } else {
        format!("{ms:.2} ms")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nearest_rank_percentiles() {
        let mut samples = Samples::new();
        for value in 1..=100 {
            samples.push(Duration::from_millis(value));
        }
        assert_eq!(samples.median(), Duration::from_millis(50));
        assert_eq!(samples.percentile(99.0), Duration::from_millis(99));
        assert_eq!(samples.percentile(100.0), Duration::from_millis(100));
        assert_eq!(samples.min(), Duration::from_millis(1));
        assert_eq!(Samples::new().percentile(99.0), Duration::ZERO);
    }

    #[test]
    fn few_unsorted_samples() {
        let mut samples = Samples::new();
        for value in [7, 3, 9, 1, 5, 8, 2, 6] {
            samples.push(Duration::from_millis(value));
        }
        // With eight samples, p99 is the slowest one and the median the fourth.
        assert_eq!(samples.percentile(99.0), Duration::from_millis(9));
        assert_eq!(samples.median(), Duration::from_millis(5));
        assert_eq!(samples.percentile(0.0), Duration::from_millis(1));
        assert_eq!(samples.len(), 8);
        // Asking does not reorder what was recorded.
        assert_eq!(samples.values()[0], Duration::from_millis(7));
    }
}
