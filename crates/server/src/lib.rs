//! The Pamong server: configuration, the command line, HTTP routing, sessions and start-up.

#![recursion_limit = "256"]

pub mod api_v1;
pub mod assets;
pub mod cli;
pub mod commands;
pub mod config;
pub mod form_post;
pub mod guard;
pub mod health;
pub mod import_upload;
pub mod login_form;
pub mod metrics;
pub mod notify;
pub mod regions;
pub mod second_factor_qr;
pub mod startup;
pub mod telemetry;
pub mod worker;

pub use config::Settings;
pub use startup::Application;
