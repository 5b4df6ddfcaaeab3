//! Children in conflict with the law (Anak Berhadapan dengan Hukum) under UU 11/2012 SPPA:
//! the age route and the diversion and detention rules ([`rules`]), the statutory clocks
//! ([`clock`]), the case ([`case`]), its Litmas ([`litmas`]) and what follows
//! ([`process`]).

pub mod case;
pub mod clock;
pub mod litmas;
pub mod process;
pub mod rules;
