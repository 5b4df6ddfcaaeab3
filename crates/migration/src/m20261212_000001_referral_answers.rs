//! When a partner answered a referral (accepted or declined it), so that the dashboard can
//! count the referrals answered by their due day. `updated_at` moves again when the outcome
//! is reported, so it cannot say.

use sea_orm_migration::{prelude::*, schema::*};

use crate::helpers::index;

/// The referral's answer time.
pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261212_000001_referral_answers"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Referrals::Table)
                    .add_column(timestamp_with_time_zone_null(Referrals::AnsweredAt))
                    .to_owned(),
            )
            .await?;
        // Referrals answered before this column: their last change is the nearest record of
        // the answer (exact for one accepted or declined; for one completed since, the
        // completion — so such a referral may read as answered later than it was).
        manager
            .exec_stmt(
                Query::update()
                    .table(Referrals::Table)
                    .value(Referrals::AnsweredAt, Expr::col(Referrals::UpdatedAt))
                    .and_where(Expr::col(Referrals::Status).ne("dikirim"))
                    .to_owned(),
            )
            .await?;
        index(manager, "idx_referrals_due", Referrals::Table, &[Referrals::DueOn]).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(Index::drop().name("idx_referrals_due").table(Referrals::Table).to_owned())
            .await?;
        manager
            .alter_table(Table::alter().table(Referrals::Table).drop_column(Referrals::AnsweredAt).to_owned())
            .await
    }
}

#[derive(DeriveIden, Clone, Copy)]
enum Referrals {
    Table,
    AnsweredAt,
    UpdatedAt,
    Status,
    DueOn,
}
