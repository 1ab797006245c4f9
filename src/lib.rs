//! Launch Control: the web dashboard a launch team runs its launch from.

pub mod cluster;
pub mod config;
pub mod domain;
pub mod i18n;
pub mod telemetry;
