//! An index on who sent each referral: the officer's Today page lists the referrals they
//! sent that were answered lately or are late, and without it every page read the whole
//! country's referrals.

use sea_orm_migration::prelude::*;

use crate::helpers::index;

/// `idx_referrals_referred_by` on `referrals (referred_by, updated_at)`.
pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261222_000001_referrals_by_officer"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        index(manager, INDEX, Referrals::Table, &[Referrals::ReferredBy, Referrals::UpdatedAt]).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_index(Index::drop().name(INDEX).table(Referrals::Table).to_owned()).await
    }
}

const INDEX: &str = "idx_referrals_referred_by";

#[derive(DeriveIden, Clone, Copy)]
enum Referrals {
    Table,
    ReferredBy,
    UpdatedAt,
}
