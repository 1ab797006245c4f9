//! Types that can only hold valid values, and the pure rules of the product.

pub mod account;
pub mod api_token;
pub mod calendar;
pub mod change;
pub mod comment;
pub mod communication;
pub mod digest;
pub mod drift;
pub mod feedback;
pub mod glossary;
pub mod golive;
pub mod item;
pub mod lang;
pub mod notification;
pub mod phase;
pub mod plan;
pub mod plan_file;
pub mod risk;
pub mod role;
pub mod schedule;
pub mod screen;
pub mod trash;
pub mod verdict;
pub mod webhook;
