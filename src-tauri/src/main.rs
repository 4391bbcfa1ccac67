//! The `rondo-app` binary: opens Rondo's window.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    rondo_app::run();
}
