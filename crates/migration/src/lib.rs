//! Pamong's database migrations: one set, written with sea-orm's schema helpers, that runs on
//! SQLite and PostgreSQL alike. Each migration has a real `down()`.

pub use sea_orm_migration::prelude::*;

mod helpers;
mod m20261123_000001_foundation;
mod m20261124_000001_regions;
mod m20261125_000001_clients;
mod m20261126_000001_abh;
mod m20261127_000001_partners;
mod m20261128_000001_groups;
mod m20261129_000001_referrals;
mod m20261130_000001_pokmas;
mod m20261202_000001_hardening;
mod m20261203_000001_export_log;
mod m20261204_000001_access_once;
mod m20261205_000001_request_keys;
mod m20261206_000001_kerja_sosial;
mod m20261207_000001_reintegration;
mod m20261208_000001_programmes;
mod m20261209_000001_peduli;
mod m20261210_000001_umkm;
mod m20261211_000001_action_plans;
mod m20261212_000001_referral_answers;
mod m20261213_000001_audit_subjects;
mod m20261214_000001_nik_reentry;
mod m20261215_000001_vital_snapshots;
mod m20261216_000001_name_index;
mod m20261217_000001_name_words;
mod m20261218_000001_client_imports;
mod m20261219_000001_api_tokens;
mod m20261220_000001_notifications;
mod m20261221_000001_second_factor;
mod m20261222_000001_referrals_by_officer;

/// Runs Pamong's migrations in order.
pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261123_000001_foundation::Migration),
            Box::new(m20261124_000001_regions::Migration),
            Box::new(m20261125_000001_clients::Migration),
            Box::new(m20261126_000001_abh::Migration),
            Box::new(m20261127_000001_partners::Migration),
            Box::new(m20261128_000001_groups::Migration),
            Box::new(m20261129_000001_referrals::Migration),
            Box::new(m20261130_000001_pokmas::Migration),
            Box::new(m20261202_000001_hardening::Migration),
            Box::new(m20261203_000001_export_log::Migration),
            Box::new(m20261204_000001_access_once::Migration),
            Box::new(m20261205_000001_request_keys::Migration),
            Box::new(m20261206_000001_kerja_sosial::Migration),
            Box::new(m20261207_000001_reintegration::Migration),
            Box::new(m20261208_000001_programmes::Migration),
            Box::new(m20261209_000001_peduli::Migration),
            Box::new(m20261210_000001_umkm::Migration),
            Box::new(m20261211_000001_action_plans::Migration),
            Box::new(m20261212_000001_referral_answers::Migration),
            Box::new(m20261213_000001_audit_subjects::Migration),
            Box::new(m20261214_000001_nik_reentry::Migration),
            Box::new(m20261215_000001_vital_snapshots::Migration),
            Box::new(m20261216_000001_name_index::Migration),
            Box::new(m20261217_000001_name_words::Migration),
            Box::new(m20261218_000001_client_imports::Migration),
            Box::new(m20261219_000001_api_tokens::Migration),
            Box::new(m20261220_000001_notifications::Migration),
            Box::new(m20261221_000001_second_factor::Migration),
            Box::new(m20261222_000001_referrals_by_officer::Migration),
        ]
    }
}
