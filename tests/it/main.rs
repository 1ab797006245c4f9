//! Integration tests: one binary, so the throwaway PostgreSQL starts once.

mod accounts;
mod anonymous;
mod attention;
mod browser;
mod cli;
mod communications;
mod feedback;
mod golive;
mod health;
mod helpers;
mod inputs;
mod item_moves;
mod items;
mod launch;
mod live;
mod login;
mod ops;
mod pages;
mod permissions;
mod queries;
mod risks;
mod seed;
mod work;
