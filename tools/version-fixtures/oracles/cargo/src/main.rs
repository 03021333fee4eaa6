// Oracle: semver::Version::parse + Ord (crates.io / cargo order). stdin a<TAB>b -> a<TAB>b<TAB>R.
use std::io::{self, BufRead, Write};

fn main() {
    let stdin = io::stdin();
    let mut out = io::BufWriter::new(io::stdout());
    for line in stdin.lock().lines() {
        let line = line.expect("stdin");
        let (a, b) = line.split_once('\t').expect("a<TAB>b");
        let r = match (semver::Version::parse(a), semver::Version::parse(b)) {
            (Ok(x), Ok(y)) => (x.cmp(&y) as i8).to_string(),
            _ => "invalid".to_string(),
        };
        writeln!(out, "{}\t{}\t{}", a, b, r).expect("stdout");
    }
}
