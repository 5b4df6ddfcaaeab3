//! Action plans: an office's plan for a period and its objectives — an item of the needs
//! checklist, a target, the partner or programme that serves it, an owner and a due date.
//! Progress is counted from the checklist, never stored.

use sea_orm_migration::{prelude::*, schema::*};

use crate::helpers::{fk, index};

/// The action plan tables.
pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261211_000001_action_plans"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        use ForeignKeyAction::{Cascade, Restrict, SetNull};
        manager
            .create_table(
                Table::create()
                    .table(Tbl::Plans)
                    .col(pk_auto(Col::Id))
                    .col(uuid_uniq(Col::PublicId))
                    .col(integer(Col::BapasId))
                    .col(string_len(Col::Title, 200))
                    .col(date(Col::StartsOn))
                    .col(date(Col::EndsOn))
                    .col(integer_null(Col::CreatedBy))
                    .col(timestamp_with_time_zone(Col::CreatedAt))
                    .col(timestamp_with_time_zone(Col::UpdatedAt))
                    .foreign_key(&mut fk(
                        "fk_action_plans_bapas",
                        Tbl::Plans,
                        Col::BapasId,
                        Tbl::Bapas,
                        Col::Id,
                        Restrict,
                    ))
                    .to_owned(),
            )
            .await?;
        index(manager, "idx_action_plans_bapas", Tbl::Plans, &[Col::BapasId, Col::StartsOn]).await?;
        manager
            .create_table(
                Table::create()
                    .table(Tbl::Objectives)
                    .col(pk_auto(Col::Id))
                    .col(uuid_uniq(Col::PublicId))
                    .col(integer(Col::PlanId))
                    .col(string_len(Col::Title, 200))
                    .col(string_len(Col::Item, 24))
                    .col(integer(Col::Target))
                    .col(integer_null(Col::PartnerId))
                    .col(integer_null(Col::ProgrammeId))
                    .col(integer_null(Col::OwnerId))
                    .col(date(Col::DueOn))
                    .col(timestamp_with_time_zone(Col::CreatedAt))
                    .col(timestamp_with_time_zone(Col::UpdatedAt))
                    .foreign_key(&mut fk(
                        "fk_action_objectives_plan",
                        Tbl::Objectives,
                        Col::PlanId,
                        Tbl::Plans,
                        Col::Id,
                        Cascade,
                    ))
                    .foreign_key(&mut fk(
                        "fk_action_objectives_partner",
                        Tbl::Objectives,
                        Col::PartnerId,
                        Tbl::Partners,
                        Col::Id,
                        SetNull,
                    ))
                    .foreign_key(&mut fk(
                        "fk_action_objectives_programme",
                        Tbl::Objectives,
                        Col::ProgrammeId,
                        Tbl::Programmes,
                        Col::Id,
                        SetNull,
                    ))
                    .to_owned(),
            )
            .await?;
        index(manager, "idx_action_objectives_plan", Tbl::Objectives, &[Col::PlanId]).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(Tbl::Objectives).to_owned()).await?;
        manager.drop_table(Table::drop().table(Tbl::Plans).to_owned()).await
    }
}

/// The tables this migration creates or points at.
#[derive(DeriveIden, Clone, Copy)]
enum Tbl {
    #[sea_orm(iden = "action_plans")]
    Plans,
    #[sea_orm(iden = "action_objectives")]
    Objectives,
    #[sea_orm(iden = "bapas")]
    Bapas,
    #[sea_orm(iden = "partners")]
    Partners,
    #[sea_orm(iden = "programmes")]
    Programmes,
}

/// Their columns.
#[derive(DeriveIden, Clone, Copy)]
enum Col {
    Id,
    PublicId,
    BapasId,
    Title,
    StartsOn,
    EndsOn,
    CreatedBy,
    CreatedAt,
    UpdatedAt,
    PlanId,
    Item,
    Target,
    PartnerId,
    ProgrammeId,
    OwnerId,
    DueOn,
}
