//! Integration tests: one binary, so the throwaway PostgreSQL starts once.

mod accounts;
mod browser;
mod cli;
mod health;
mod helpers;
mod items;
mod login;
mod ops;
mod pages;
mod permissions;
mod seed;
