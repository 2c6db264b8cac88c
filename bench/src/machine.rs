//! A description of the machine a run happened on, for the report: numbers from a busy
//! laptop and a quiet server are not comparable, so each table carries this.

use std::process::Command;

fn first_line(text: &str) -> String {
    text.lines().next().unwrap_or("").trim().to_owned()
}

fn command_version(program: &str) -> String {
    Command::new(program)
        .arg("--version")
        .output()
        .ok()
        .filter(|output| output.status.success())
        .map(|output| first_line(&String::from_utf8_lossy(&output.stdout)))
        .unwrap_or_else(|| "not found".to_owned())
}

/// Lines of `key: value` describing this machine right now.
pub fn describe() -> Vec<(String, String)> {
    let cpuinfo = std::fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
    let cpu = cpuinfo
        .lines()
        .find(|line| line.starts_with("model name"))
        .and_then(|line| line.split_once(':'))
        .map_or("unknown".to_owned(), |(_, name)| name.trim().to_owned());
    let cores = std::thread::available_parallelism().map_or(0, usize::from);
    let memory = std::fs::read_to_string("/proc/meminfo")
        .unwrap_or_default()
        .lines()
        .find(|line| line.starts_with("MemTotal:"))
        .and_then(|line| line.split_whitespace().nth(1))
        .and_then(|kib| kib.parse::<u64>().ok())
        .map_or("unknown".to_owned(), |kib| {
            format!("{:.1} GiB", kib as f64 / 1024.0 / 1024.0)
        });
    let os = std::fs::read_to_string("/etc/os-release")
        .unwrap_or_default()
        .lines()
        .find_map(|line| line.strip_prefix("PRETTY_NAME="))
        .map_or("unknown".to_owned(), |name| {
            name.trim_matches('"').to_owned()
        });
    let kernel =
        first_line(&std::fs::read_to_string("/proc/sys/kernel/osrelease").unwrap_or_default());
    let load = std::fs::read_to_string("/proc/loadavg")
        .unwrap_or_default()
        .split_whitespace()
        .take(3)
        .collect::<Vec<_>>()
        .join(" ");
    vec![
        ("CPU".to_owned(), cpu),
        ("cores".to_owned(), cores.to_string()),
        ("memory".to_owned(), memory),
        ("OS".to_owned(), format!("{os}, Linux {kernel}")),
        ("rustc".to_owned(), command_version("rustc")),
        ("node".to_owned(), command_version("node")),
        ("load average (1, 5, 15 min)".to_owned(), load),
    ]
}

/// The 1-minute load average.
pub fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .unwrap_or_default()
        .split_whitespace()
        .next()
        .unwrap_or("?")
        .to_owned()
}
