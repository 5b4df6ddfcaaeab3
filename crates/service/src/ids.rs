//! Typed internal keys. The database's integer keys stay inside this crate (the pages see
//! public UUIDs); here each table's key is its own type, so that a user id passed where an
//! office id belongs, or two swapped arguments of the policy, do not compile.
//!
//! Each converts into a query value, so `column.eq(id)` works without unwrapping; entities
//! keep plain `i32` columns and rows are read into these types where the policy needs them.

use sea_orm::DeriveValueType;

macro_rules! internal_id {
    ($(#[$doc:meta] $name:ident),+ $(,)?) => {$(
        #[$doc]
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, DeriveValueType)]
        pub struct $name(pub i32);

        impl $name {
            /// The key as the database stores it.
            pub fn get(self) -> i32 {
                self.0
            }
        }

        impl From<$name> for i32 {
            fn from(id: $name) -> i32 {
                id.0
            }
        }
    )+};
}

internal_id! {
    /// The internal key of a user.
    UserId,
    /// The internal key of a Bapas (a probation office).
    BapasId,
    /// The internal key of a Kanwil (a regional office).
    KanwilId,
    /// The internal key of a client.
    ClientId,
    /// The internal key of a partner institution.
    PartnerId,
}
