//! Reusable pieces of the screens.
pub mod form;
pub mod reception_figures;
pub mod table;
