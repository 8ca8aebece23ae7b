//! The accuracy ratchet: every validation suite in ../shared/validation is
//! scored with `dyad eval`, and no score may fall below the value recorded
//! in `tests/ratchet.toml`. Raising a recorded value is part of any change
//! that improves it.

use std::path::{Path, PathBuf};
use std::process::Command;

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

#[test]
fn no_suite_score_drops_below_the_recorded_value() {
    let validation = repo().join("../shared/validation");
    assert!(
        validation.is_dir(),
        "required shared data missing: {} (the ratchet needs ../shared beside the checkout)",
        validation.display()
    );
    let dicts = validation.join("petrarch2/dictionaries");
    let table: toml::Value =
        toml::from_str(&std::fs::read_to_string(repo().join("tests/ratchet.toml")).unwrap())
            .unwrap();
    let suites = table["suite"].as_array().unwrap();
    assert!(suites.len() >= 6, "the ratchet must cover every suite");
    let mut failures = Vec::new();
    let mut measured: Vec<[f64; 3]> = Vec::new();
    println!(
        "{:<72} {:>8} {:>8} {:>8} {:>8}",
        "suite", "records", "exact", "F1", "ctry F1"
    );
    for s in suites {
        let name = s["name"].as_str().unwrap();
        let rel = s["file"].as_str().unwrap();
        let in_repo = s.get("in_repo").and_then(|v| v.as_bool()).unwrap_or(false);
        let file = if in_repo {
            repo().join(rel)
        } else {
            validation.join(rel)
        };
        assert!(file.is_file(), "suite file missing: {}", file.display());
        let flags: Vec<String> = s["flags"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f.as_str().unwrap().replace("$D", &dicts.to_string_lossy()))
            .collect();
        let out = Command::new(env!("CARGO_BIN_EXE_dyad"))
            .arg("eval")
            .arg("--json")
            .args(&flags)
            .arg(&file)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "dyad eval failed on {name}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let v: serde_json::Value = serde_json::from_slice(&out.stdout)
            .unwrap_or_else(|e| panic!("{name}: bad JSON ({e})"));
        let got = |k: &str| v[k].as_f64().unwrap_or(0.0);
        let exact = got("exact_rate");
        let f1 = got("f1");
        let cf1 = v["country_root"]["f1"].as_f64().unwrap_or(0.0);
        println!(
            "{name:<72} {:>8} {:>8.4} {:>8.4} {:>8.4}",
            v["records"], exact, f1, cf1
        );
        measured.push([exact, f1, cf1]);
        for (key, value) in [("exact_rate", exact), ("f1", f1), ("country_root_f1", cf1)] {
            let floor = s[key].as_float().unwrap();
            if value + 1e-9 < floor {
                failures.push(format!(
                    "{name}: {key} fell to {value:.4}, below the recorded {floor:.4}"
                ));
            } else if value > floor + 0.005 {
                println!("    note: {key} is {value:.4}, above the recorded {floor:.4}; raise it in tests/ratchet.toml");
            }
        }
        // No record may be skipped silently: skipped records carry reasons.
        let skipped = v["skipped"].as_u64().unwrap_or(0) as usize;
        let reasons = v["skip_reasons"].as_array().map(|a| a.len()).unwrap_or(0);
        assert!(
            skipped == 0 || reasons > 0,
            "{name}: {skipped} records skipped without reasons"
        );
    }
    if std::env::var_os("DYAD_RATCHET_UPDATE").is_some() && failures.is_empty() {
        raise_recorded_values(&measured);
    }
    assert!(
        failures.is_empty(),
        "accuracy ratchet:\n{}",
        failures.join("\n")
    );
}

/// `DYAD_RATCHET_UPDATE=1 cargo test --release -p dyad --test ratchet`
/// raises the recorded values to the measured ones (rounded down), keeping
/// the file's comments and layout.
fn raise_recorded_values(measured: &[[f64; 3]]) {
    let path = repo().join("tests/ratchet.toml");
    let text = std::fs::read_to_string(&path).unwrap();
    let mut out = String::new();
    let mut suite: Option<usize> = None;
    for line in text.lines() {
        if line.trim() == "[[suite]]" {
            suite = Some(suite.map_or(0, |i| i + 1));
        }
        let key = line.split('=').next().unwrap_or("").trim();
        let col = ["exact_rate", "f1", "country_root_f1"]
            .iter()
            .position(|k| *k == key);
        match (suite, col) {
            (Some(i), Some(c)) => out.push_str(&format!(
                "{key} = {:.4}\n",
                (measured[i][c] * 10_000.0).floor() / 10_000.0
            )),
            _ => {
                out.push_str(line);
                out.push('\n');
            }
        }
    }
    std::fs::write(&path, out).unwrap();
}
