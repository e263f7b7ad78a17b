//! Whether a database path lies on a network share.
//!
//! SQLite's file locking is unreliable over network file systems (SMB/CIFS, NFS):
//! two desks writing through a share can corrupt the database. Qabyldau refuses to
//! open a database there; several desks instead run on the PC that holds the
//! database (over SSH), see README "Several desks".
//!
//! - Windows: a UNC path (`\\server\share\...`, also `\\?\UNC\...`) or a mapped
//!   network drive (its canonical path is the share's UNC path).
//! - Linux: the file system type of the mount holding the path, read from
//!   `/proc/mounts` (nfs, cifs, smb3, sshfs, ...). No `unsafe`, no `statfs`.
//! - Elsewhere: not detected (`None`).
use std::path::{Path, PathBuf};

/// File system types (as `/proc/mounts` names them) that are network file systems.
const NETWORK_FS: &[&str] = &[
    "nfs",
    "nfs4",
    "cifs",
    "smb",
    "smb2",
    "smb3",
    "smbfs",
    "ncpfs",
    "afs",
    "9p",
    "ceph",
    "glusterfs",
    "lustre",
    "fuse.sshfs",
    "sshfs",
    "fuse.rclone",
    "davfs",
    "fuse.davfs2",
];

/// Whether a file system type from `/proc/mounts` is a network one.
pub fn is_network_fs(fstype: &str) -> bool {
    NETWORK_FS.contains(&fstype)
}

/// Decodes the octal escapes `/proc/mounts` uses for spaces and tabs (`\040`).
fn unescape_mount(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        let oct = b.get(i + 1..i + 4);
        if b[i] == b'\\' {
            if let Some(o) = oct.filter(|o| o.iter().all(|c| (b'0'..=b'7').contains(c))) {
                let v = o.iter().fold(0u32, |acc, c| acc * 8 + u32::from(c - b'0'));
                out.push(v as u8);
                i += 4;
                continue;
            }
        }
        out.push(b[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The file system type of the mount holding `path` (absolute), from the text of
/// `/proc/mounts`: the longest mount point that is a prefix of the path.
pub fn fs_type_in_mounts(mounts: &str, path: &Path) -> Option<String> {
    let mut best: Option<(usize, String)> = None;
    for line in mounts.lines() {
        let mut f = line.split_whitespace();
        let (Some(_dev), Some(mnt), Some(fstype)) = (f.next(), f.next(), f.next()) else {
            continue;
        };
        let mnt = unescape_mount(mnt);
        let mp = Path::new(&mnt);
        if path.starts_with(mp) {
            let depth = mp.components().count();
            if best.as_ref().is_none_or(|(d, _)| depth >= *d) {
                best = Some((depth, fstype.to_string()));
            }
        }
    }
    best.map(|(_, t)| t)
}

/// The nearest existing ancestor of `path` (the path itself if it exists), made
/// absolute with symbolic links resolved: a new database's folder decides.
fn existing_ancestor(path: &Path) -> Option<PathBuf> {
    let abs = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir().ok()?.join(path)
    };
    let mut p: &Path = &abs;
    loop {
        if let Ok(c) = std::fs::canonicalize(p) {
            return Some(c);
        }
        p = p.parent()?;
    }
}

/// Whether a Windows path string is a UNC path (`\\server\share`, `//server/share`,
/// `\\?\UNC\server\share`); `\\?\C:\...` and `\\.\...` are local.
pub fn is_unc(s: &str) -> bool {
    let norm = s.replace('/', "\\");
    if let Some(rest) = norm.strip_prefix("\\\\?\\") {
        return rest.len() >= 4 && rest[..4].eq_ignore_ascii_case("UNC\\");
    }
    if norm.starts_with("\\\\.\\") {
        return false;
    }
    norm.starts_with("\\\\") && norm.len() > 2
}

/// If `path` is on a network share, a short description of it (the file system type
/// on Linux, "UNC" or "network drive X:" on Windows); `None` when local or unknown.
pub fn network_location(path: &Path) -> Option<String> {
    let s = path.to_string_lossy();
    // `\\server\share` is UNC everywhere (no one names a local file so); the
    // `//server/share` spelling only on Windows: on Unix `//home` is `/home`.
    if (s.starts_with("\\\\") || cfg!(windows)) && is_unc(&s) {
        return Some("UNC".into());
    }
    platform::network_location(path)
}

#[cfg(target_os = "linux")]
mod platform {
    use std::path::Path;

    pub fn network_location(path: &Path) -> Option<String> {
        let at = super::existing_ancestor(path)?;
        let mounts = std::fs::read_to_string("/proc/mounts").ok()?;
        let t = super::fs_type_in_mounts(&mounts, &at)?;
        super::is_network_fs(&t).then_some(t)
    }
}

#[cfg(windows)]
mod platform {
    use std::path::{Component, Path, Prefix};

    /// `canonicalize` asks Windows for the file's final path
    /// (`GetFinalPathNameByHandleW`), which names a mapped network drive by its
    /// share: `Z:\q.sqlite` comes back as `\\?\UNC\server\share\q.sqlite`. So
    /// UNC paths and mapped drives are both caught without calling the Win32 API
    /// directly (the crate forbids `unsafe`).
    pub fn network_location(path: &Path) -> Option<String> {
        let at = super::existing_ancestor(path)?;
        match at.components().next()? {
            Component::Prefix(p) => match p.kind() {
                Prefix::UNC(..) | Prefix::VerbatimUNC(..) => Some(match path.components().next() {
                    Some(Component::Prefix(q)) => match q.kind() {
                        Prefix::Disk(l) | Prefix::VerbatimDisk(l) => {
                            format!("network drive {}:", l as char)
                        }
                        _ => "UNC".into(),
                    },
                    _ => "UNC".into(),
                }),
                _ => None,
            },
            _ => None,
        }
    }
}

#[cfg(not(any(target_os = "linux", windows)))]
mod platform {
    use std::path::Path;

    /// macOS and the BSDs: not detected (`statfs` would need `unsafe` and libc).
    pub fn network_location(_path: &Path) -> Option<String> {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MOUNTS: &str = "\
overlay / overlay rw,relatime 0 0
proc /proc proc rw,nosuid 0 0
tmpfs /tmp tmpfs rw 0 0
//nas/office /mnt/office cifs rw,vers=3.0 0 0
server:/export /srv/nfs nfs4 rw 0 0
/dev/sda1 /srv/nfs/local ext4 rw 0 0
//nas/with\\040space /mnt/my\\040share smb3 rw 0 0
";

    #[test]
    fn mount_of_a_path_is_the_longest_prefix() {
        let t = |p: &str| fs_type_in_mounts(MOUNTS, Path::new(p));
        assert_eq!(t("/mnt/office/db/q.sqlite").as_deref(), Some("cifs"));
        assert_eq!(t("/srv/nfs/a.sqlite").as_deref(), Some("nfs4"));
        assert_eq!(t("/srv/nfs/local/a.sqlite").as_deref(), Some("ext4"));
        assert_eq!(t("/tmp/x.sqlite").as_deref(), Some("tmpfs"));
        assert_eq!(t("/home/u/x.sqlite").as_deref(), Some("overlay"));
        // A mount point is a whole path component, not a string prefix.
        assert_eq!(t("/mnt/officer/x").as_deref(), Some("overlay"));
        assert_eq!(t("/mnt/my share/q.sqlite").as_deref(), Some("smb3"));
    }

    #[test]
    fn network_types() {
        for t in ["nfs", "nfs4", "cifs", "smb3", "fuse.sshfs"] {
            assert!(is_network_fs(t), "{t}");
        }
        for t in ["ext4", "xfs", "btrfs", "tmpfs", "overlay", "ntfs3", "vfat"] {
            assert!(!is_network_fs(t), "{t}");
        }
    }

    #[test]
    fn unc_paths() {
        assert!(is_unc(r"\\server\share\q.sqlite"));
        assert!(is_unc("//server/share/q.sqlite"));
        assert!(is_unc(r"\\?\UNC\server\share\q.sqlite"));
        assert!(is_unc(r"\\?\unc\server\share"));
        assert!(!is_unc(r"\\?\C:\data\q.sqlite"));
        assert!(!is_unc(r"\\.\pipe\x"));
        assert!(!is_unc(r"C:\data\q.sqlite"));
        assert!(!is_unc("/home/u/q.sqlite"));
        assert!(network_location(Path::new(r"\\server\share\q.sqlite")).is_some());
        #[cfg(unix)]
        assert!(network_location(Path::new("//tmp/q.sqlite")).is_none());
    }

    #[test]
    fn a_local_temp_folder_is_not_a_share() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(network_location(&dir.path().join("new/q.sqlite")), None);
    }
}
