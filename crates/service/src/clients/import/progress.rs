//! How far the running imports of this process have got: rows written so far. Held in
//! memory because the import's own transaction holds the rows (and, on SQLite, the write
//! lock) until it commits; another server of the same database does not know it, and its
//! page shows the import as running without a count.

use std::collections::HashMap;
use std::sync::{LazyLock, Mutex};

use uuid::Uuid;

static RUNNING: LazyLock<Mutex<HashMap<Uuid, u32>>> = LazyLock::new(|| Mutex::new(HashMap::new()));

fn with<T>(f: impl FnOnce(&mut HashMap<Uuid, u32>) -> T) -> T {
    // A panic while holding the lock leaves a map of counters, still fine to use.
    let mut map = RUNNING.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    f(&mut map)
}

/// An import begins: nothing written yet.
pub(super) fn begin(id: Uuid) {
    with(|m| m.insert(id, 0));
}

/// `rows` rows are written.
pub(super) fn set(id: Uuid, rows: usize) {
    with(|m| m.insert(id, u32::try_from(rows).unwrap_or(u32::MAX)));
}

/// The import is over (done or failed).
pub(super) fn end(id: Uuid) {
    with(|m| m.remove(&id));
}

/// Rows written so far by an import running in this process.
pub(super) fn of(id: Uuid) -> Option<u32> {
    with(|m| m.get(&id).copied())
}
