//! Stable names for the enums that are stored, exported and typed in commands: one macro
//! gives each its list of values, its name, `Display` and a forgiving `FromStr`, so no
//! enum spells its own mapping.

/// A name that is none of an enum's values: user input or a corrupted row.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("\"{value}\" is not a {what}: use one of {accepted}")]
pub struct UnknownName {
    what: &'static str,
    value: String,
    accepted: String,
}

impl UnknownName {
    /// What was given (cut to 40 characters), for a message in another language.
    pub fn value(&self) -> &str {
        &self.value
    }

    /// The accepted names, comma-separated.
    pub fn accepted(&self) -> &str {
        &self.accepted
    }
}

/// The value of `all` named `input`, read forgivingly (case, spaces and dashes ignored).
pub fn parse<T: Copy>(
    input: &str,
    all: &[T],
    name: fn(T) -> &'static str,
    what: &'static str,
) -> Result<T, UnknownName> {
    let wanted = input.trim().to_ascii_lowercase().replace([' ', '-'], "_");
    all.iter()
        .copied()
        .find(|&v| name(v) == wanted)
        .ok_or_else(|| UnknownName {
            what,
            value: input.chars().take(40).collect(),
            accepted: all.iter().map(|&v| name(v)).collect::<Vec<_>>().join(", "),
        })
}

/// `named!(Type, "what it is", { Variant => "name", … })` gives `Type::ALL`,
/// `Type::as_str`, `Display` (the name) and `FromStr` (failing with [`UnknownName`]).
#[macro_export]
macro_rules! named {
    ($ty:ident, $what:literal, { $($variant:ident => $name:literal),+ $(,)? }) => {
        impl $ty {
            /// Every value, in declaration order.
            pub const ALL: [$ty; [$($name),+].len()] = [$($ty::$variant),+];

            /// The stable name used in storage, exports and commands.
            pub fn as_str(self) -> &'static str {
                match self {
                    $($ty::$variant => $name),+
                }
            }
        }

        impl ::std::fmt::Display for $ty {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl ::std::str::FromStr for $ty {
            type Err = $crate::names::UnknownName;

            fn from_str(s: &str) -> Result<Self, Self::Err> {
                $crate::names::parse(s, &$ty::ALL, $ty::as_str, $what)
            }
        }
    };
}
