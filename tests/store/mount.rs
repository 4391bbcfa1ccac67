//! Small tmpfs mounts for the full-disk and read-only tests (root only; otherwise the
//! tests say SKIPPED plainly, under CI too: CI may not run as root).

use std::path::PathBuf;
use std::process::Command;

/// A tmpfs mounted on a fresh temporary folder, unmounted on drop.
pub struct TmpMount {
    dir: tempfile::TempDir,
}

impl TmpMount {
    /// Mounts a tmpfs of `size` (e.g. `"2m"`) with extra `options` (e.g. `"ro"`), or
    /// prints why it cannot and returns `None`.
    pub fn new(test: &str, size: &str, options: &str) -> Option<TmpMount> {
        // SAFETY: geteuid has no preconditions and cannot fail.
        if unsafe { libc::geteuid() } != 0 {
            crate::support::skipped(test, "mounting a small tmpfs needs root");
            return None;
        }
        let dir = tempfile::tempdir().ok()?;
        let mut opts = format!("size={size}");
        if !options.is_empty() {
            opts.push(',');
            opts.push_str(options);
        }
        let ok = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &opts, "tmpfs"])
            .arg(dir.path())
            .status()
            .is_ok_and(|s| s.success());
        if !ok {
            crate::support::skipped(
                test,
                "cannot mount a tmpfs here (no CAP_SYS_ADMIN in this container?)",
            );
            return None;
        }
        Some(TmpMount { dir })
    }

    /// Changes the mount's options in place (e.g. `"remount,size=16m"`).
    pub fn remount(&self, options: &str) -> bool {
        Command::new("mount")
            .args(["-o", options])
            .arg(self.dir.path())
            .status()
            .is_ok_and(|s| s.success())
    }

    /// A path inside the mount.
    pub fn join(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }
}

impl Drop for TmpMount {
    fn drop(&mut self) {
        let _ = Command::new("umount")
            .arg("-l")
            .arg(self.dir.path())
            .status();
    }
}
