//! Records the build date for `plenary --version` and the app's About box: the date of
//! `SOURCE_DATE_EPOCH` when a reproducible build sets it, otherwise today's date (UTC).

fn main() {
    println!("cargo:rerun-if-env-changed=SOURCE_DATE_EPOCH");
    let date = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<i64>().ok())
        .and_then(|secs| chrono::DateTime::from_timestamp(secs, 0))
        .unwrap_or_else(chrono::Utc::now);
    println!(
        "cargo:rustc-env=PLENARY_BUILD_DATE={}",
        date.format("%Y-%m-%d")
    );
}
