//! Times the phases of a cold build, `update({})`, a sweep and a one-file edit on a
//! project, in-process (no N-API): `cargo run --profile fastrel --example profile -- DIR [FILE]`.
//! `PERSIST=1` keeps chunks current (as a persisted session does); `ROUNDS=N` repeats the
//! edit; `SAVE=1` persists the session at the end (the next `PERSIST=1` run restores it). The benchmark harness (`npm run bench`) is the reference; this is for profiling.

use std::path::Path;
use std::time::Instant;

use fizz_core::ChangeSet;
use fizz_core::ResolvedConfig;
use fizz_core::Session;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let root = Path::new(args.get(1).map(String::as_str).unwrap_or("."));
    let config = ResolvedConfig::from_file(&root.join("fizz.config.json"), None).expect("config");
    let persist = std::env::var("PERSIST").is_ok();
    let mut session = Session::new(config, persist).expect("session");
    let t = Instant::now();
    let cold = session.build_initial();
    println!("cold {:.1} ms {:?}", ms(t), cold.stats.phases);
    for _ in 0..3 {
        let t = Instant::now();
        let r = session.update(Some(&ChangeSet::default()));
        println!("update({{}}) {:.3} ms {:?}", ms(t), r.stats.phases);
    }
    let t = Instant::now();
    let sweep = session.update(None);
    println!("sweep {:.2} ms {:?}", ms(t), sweep.stats.phases);
    if let Some(file) = args.get(2) {
        let path = root.join(file);
        let text = std::fs::read_to_string(&path).expect("file");
        let rounds: usize = std::env::var("ROUNDS")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(4);
        for round in 0..rounds {
            let edited = if round % 2 == 0 {
                // Inside the first template (`{ at its start), never the TypeScript around it.
                text.replacen("`{\n", "`{\n    __typename\n", 1)
            } else {
                text.clone()
            };
            std::fs::write(&path, edited).expect("write");
            let t = Instant::now();
            let r = session.update(Some(&ChangeSet {
                updated: vec![file.clone()],
                ..ChangeSet::default()
            }));
            if round < 4 || round + 1 == rounds {
                println!(
                    "edit {:.3} ms {:?} recomposed {}",
                    ms(t),
                    r.stats.phases,
                    r.trace.recomposed.len()
                );
            }
        }
        std::fs::write(&path, &text).expect("restore");
    }
    // `SAVE=1`: write `session.json`, so that the next run with `PERSIST=1` restores it.
    if std::env::var("SAVE").is_ok() {
        session.persist().expect("persist");
    }
}

fn ms(t: Instant) -> f64 {
    t.elapsed().as_secs_f64() * 1000.0
}
