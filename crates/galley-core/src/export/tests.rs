//! Export files on disk.

use std::os::unix::fs::PermissionsExt;

use super::testdata::annotated_store;
use super::{to_file, Format, Request};

fn mode(path: &std::path::Path) -> u32 {
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

#[test]
fn a_new_export_is_private_and_a_replaced_one_keeps_its_mode() {
    let store = annotated_store();
    let dir = tempfile::tempdir().unwrap();
    let new = dir.path().join("new.json");
    to_file(&store, &Request::new(Format::Json), &new, &mut |_, _| {}).unwrap();
    assert_eq!(mode(&new), 0o600);
    let shared = dir.path().join("shared.md");
    std::fs::write(&shared, "old").unwrap();
    std::fs::set_permissions(&shared, std::fs::Permissions::from_mode(0o640)).unwrap();
    to_file(
        &store,
        &Request::new(Format::Markdown),
        &shared,
        &mut |_, _| {},
    )
    .unwrap();
    assert_eq!(mode(&shared), 0o640);
    assert_ne!(std::fs::read_to_string(&shared).unwrap(), "old");
}
