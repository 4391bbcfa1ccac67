//! The `rondo-app` binary: opens Rondo's window. `rondo-app --version` prints the version
//! and exits without a window (what a package check or a support call asks first); any
//! other argument is a file to open ([`rondo_app::instance`]).
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    if std::env::args()
        .skip(1)
        .any(|a| a == "--version" || a == "-V")
    {
        println!("Rondo {}", env!("CARGO_PKG_VERSION"));
        return;
    }
    rondo_app::run();
}
