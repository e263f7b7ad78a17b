//! Pure domain types and rules. Nothing here does I/O or reads the clock.
pub mod calendar;
pub mod control;
pub mod dates;
pub mod deadlines;
pub mod fold;
pub mod lifecycle;
pub mod model;
pub mod period;
pub mod permissions;
pub mod privacy;
pub mod profile;
pub mod queue;
pub mod register;
pub mod schedule;
pub mod survey;
pub mod text;
pub mod validate;

pub use model::*;
