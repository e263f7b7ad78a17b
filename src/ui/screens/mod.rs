//! One file per screen: its view model, how it is refreshed, and how it is drawn.
pub mod appeals;
pub mod card;
pub mod control;
pub mod login;
pub mod officials;
pub mod operators;
pub mod reception;
pub mod register;
pub mod reports;
pub mod settings;
pub mod step;
pub mod survey;
pub mod today;
