//! Policy decides, in one place: no product code outside the policy names a role, so every
//! "who may" lives in `service::policy` and reaches the pages as abilities and per-record
//! permissions. The role's own module, the user form (which assigns roles) and the demo seed
//! (which creates users of each role) are the only other places allowed to.

use std::path::{Path, PathBuf};

/// Files (or folders) where naming a role variant is the point.
const ALLOWED: &[&str] = &[
    "crates/domain/src/role.rs",
    "crates/service/src/policy/",
    "crates/service/src/seed/",
    "crates/app/src/pages/users.rs",
];

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The places in `text` that name a role variant (`Role::Pk`, …; not `Role::ALL`).
fn role_variants(text: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let mut rest = line;
        while let Some(at) = rest.find("Role::") {
            // `MemberRole::Ketua` and the like are other enums.
            let own_word = rest[..at].chars().next_back().is_none_or(|c| !c.is_alphanumeric() && c != '_');
            let after = &rest[at + "Role::".len()..];
            let word: String = after.chars().take_while(|c| c.is_ascii_alphanumeric()).collect();
            let mut chars = word.chars();
            let variant = chars.next().is_some_and(|c| c.is_ascii_uppercase())
                && chars.next().is_some_and(|c| c.is_ascii_lowercase());
            if variant && own_word {
                out.push((n + 1, line.trim().to_owned()));
            }
            rest = after;
        }
    }
    out
}

#[test]
fn no_role_is_named_outside_the_policy() {
    let root = workspace();
    let mut files = Vec::new();
    for krate in ["domain", "entity", "migration", "service", "app", "frontend", "server"] {
        rust_files(&root.join("crates").join(krate).join("src"), &mut files);
    }
    assert!(files.len() > 100, "the sources were not found under {}", root.display());
    let mut found = Vec::new();
    for file in files {
        let relative = file.strip_prefix(&root).unwrap_or(&file).to_string_lossy().replace('\\', "/");
        if ALLOWED.iter().any(|a| relative.starts_with(a)) {
            continue;
        }
        let text = std::fs::read_to_string(&file).unwrap_or_default();
        for (line, code) in role_variants(&text) {
            found.push(format!("{relative}:{line}: {code}"));
        }
    }
    assert!(found.is_empty(), "ask the policy instead of naming a role:\n{}", found.join("\n"));
}

#[test]
fn the_check_sees_a_role_match() {
    assert_eq!(role_variants("if actor.role == Role::Kabapas {").len(), 1);
    assert_eq!(role_variants("matches!(r, Role::Pk | Role::Mitra)").len(), 2);
    assert!(role_variants("for role in Role::ALL {").is_empty());
    assert!(role_variants("let r = Role::parse(raw);").is_empty());
    assert!(role_variants("MemberRole::Ketua => 1,").is_empty());
    assert_eq!(role_variants("pamong_domain::Role::Admin").len(), 1);
}
