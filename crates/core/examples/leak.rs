//! Builds the same project cold several times in one process and prints time and resident
//! memory after each: memory must not grow from one dropped session to the next.

use std::path::Path;
use std::time::Instant;

use fizz_core::config::ResolvedConfig;
use fizz_core::session::Session;

fn main() {
    let root = std::env::args().nth(1).unwrap_or_else(|| ".".into());
    for _ in 0..8 {
        let config = ResolvedConfig::from_file(&Path::new(&root).join("fizz.config.json"), None)
            .expect("config");
        let mut session = Session::new(config, false).expect("session");
        let t = Instant::now();
        session.build_initial();
        let ms = t.elapsed().as_secs_f64() * 1000.0;
        drop(session);
        let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
        let rss = status
            .lines()
            .find(|l| l.starts_with("VmRSS"))
            .unwrap_or("")
            .to_string();
        println!("{ms:.0} ms {rss}");
    }
}
