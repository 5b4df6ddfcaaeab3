//! `text_enum!`: an enum stored and sent in a stable text form, with `ALL`, `as_str` and
//! `parse`, so that each such enum is written once as its variants and their texts.

/// Declares `pub enum $name` with the given variants (each `Variant => "text"`), deriving the
/// usual traits (add more with a `#[derive(...)]` before the name), and `ALL` (in the order
/// written), `as_str` and `parse`.
macro_rules! text_enum {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident => $text:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
        pub enum $name { $($(#[$vmeta])* $variant),+ }

        impl $name {
            /// Every value, in display order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// Stable text form.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }

            /// Parses the text form.
            pub fn parse(raw: &str) -> Option<$name> {
                Self::ALL.iter().copied().find(|v| v.as_str() == raw.trim())
            }
        }
    };
}
