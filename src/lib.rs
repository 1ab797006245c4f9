//! Launch Control: the web dashboard a launch team runs its launch from.

pub mod api;
pub mod app;
pub mod auth;
pub mod cli;
pub mod cluster;
pub mod config;
pub mod connections;
pub mod db;
pub mod domain;
pub mod error;
pub mod fan_out;
pub mod i18n;
pub mod live;
pub mod mail;
pub mod plan_cache;
pub mod plan_document;
pub mod plan_files;
pub mod public_url;
pub mod reminders;
pub mod seed;
pub mod server;
pub mod snapshot_cache;
pub mod state;
pub mod telemetry;
pub mod web;
pub mod webhooks;
