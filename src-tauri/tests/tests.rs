//! The shell's tests, one binary: command-level tests without a window (`commands`,
//! `window`) and end-to-end tests of the real window (`e2e`).
mod commands;
mod e2e;
mod window;
