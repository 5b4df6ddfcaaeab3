//! Pidana kerja sosial (KUHP art. 85): the work sites partners offer, the placements of the
//! people sentenced to community service, and the ledger of their sessions.

use sea_orm_migration::{prelude::*, schema::*};

use crate::helpers::{fk, index};

/// The kerja sosial tables.
pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261206_000001_kerja_sosial"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        use ForeignKeyAction::{Cascade, Restrict};
        manager
            .create_table(
                Table::create()
                    .table(WorkSites::Table)
                    .col(pk_auto(WorkSites::Id))
                    .col(uuid_uniq(WorkSites::PublicId))
                    .col(integer(WorkSites::BapasId))
                    .col(integer(WorkSites::PartnerId))
                    .col(integer_null(WorkSites::AgreementId))
                    .col(string_len(WorkSites::Name, 200))
                    .col(string_len(WorkSites::Address, 500))
                    .col(string_len_null(WorkSites::Area, 200))
                    .col(string_len(WorkSites::WorkKind, 300))
                    .col(string_len(WorkSites::Days, 16))
                    .col(time(WorkSites::Opens))
                    .col(time(WorkSites::Closes))
                    .col(integer(WorkSites::Capacity))
                    .col(integer_null(WorkSites::SupervisorId))
                    .col(string_len_null(WorkSites::SupervisorName, 200))
                    .col(string_len_null(WorkSites::SupervisorPhone, 40))
                    .col(boolean(WorkSites::SuitsWomen))
                    .col(boolean(WorkSites::SuitsChildren))
                    .col(boolean(WorkSites::Active))
                    .col(timestamp_with_time_zone(WorkSites::CreatedAt))
                    .col(timestamp_with_time_zone(WorkSites::UpdatedAt))
                    .foreign_key(&mut fk(
                        "fk_work_sites_partner",
                        WorkSites::Table,
                        WorkSites::PartnerId,
                        Partners::Table,
                        Partners::Id,
                        Restrict,
                    ))
                    .to_owned(),
            )
            .await?;
        index(manager, "idx_work_sites_bapas", WorkSites::Table, &[WorkSites::BapasId]).await?;
        index(manager, "idx_work_sites_supervisor", WorkSites::Table, &[WorkSites::SupervisorId]).await?;
        manager
            .create_table(
                Table::create()
                    .table(KsPlacements::Table)
                    .col(pk_auto(KsPlacements::Id))
                    .col(uuid_uniq(KsPlacements::PublicId))
                    .col(integer(KsPlacements::ClientId))
                    .col(integer(KsPlacements::SiteId))
                    .col(string_len(KsPlacements::Court, 200))
                    .col(string_len(KsPlacements::DecisionNumber, 100))
                    .col(integer(KsPlacements::Hours))
                    .col(date(KsPlacements::StartOn))
                    .col(date(KsPlacements::Deadline))
                    .col(string_len(KsPlacements::Schedule, 300))
                    .col(string_len(KsPlacements::Status, 16))
                    .col(integer_null(KsPlacements::PlacedBy))
                    .col(timestamp_with_time_zone(KsPlacements::CreatedAt))
                    .col(timestamp_with_time_zone(KsPlacements::UpdatedAt))
                    .foreign_key(&mut fk(
                        "fk_ks_placements_client",
                        KsPlacements::Table,
                        KsPlacements::ClientId,
                        Clients::Table,
                        Clients::Id,
                        Cascade,
                    ))
                    .foreign_key(&mut fk(
                        "fk_ks_placements_site",
                        KsPlacements::Table,
                        KsPlacements::SiteId,
                        WorkSites::Table,
                        WorkSites::Id,
                        Restrict,
                    ))
                    .to_owned(),
            )
            .await?;
        index(manager, "idx_ks_placements_client", KsPlacements::Table, &[KsPlacements::ClientId]).await?;
        index(
            manager,
            "idx_ks_placements_site",
            KsPlacements::Table,
            &[KsPlacements::SiteId, KsPlacements::Status],
        )
        .await?;
        manager
            .create_table(
                Table::create()
                    .table(KsSessions::Table)
                    .col(pk_auto(KsSessions::Id))
                    .col(uuid_uniq(KsSessions::PublicId))
                    .col(integer(KsSessions::PlacementId))
                    .col(integer(KsSessions::SiteId))
                    .col(date(KsSessions::HeldOn))
                    .col(time_null(KsSessions::Arrival))
                    .col(time_null(KsSessions::Departure))
                    .col(integer(KsSessions::BreakMinutes))
                    .col(integer(KsSessions::Minutes))
                    .col(string_len_null(KsSessions::WorkDone, 1000))
                    .col(small_integer_null(KsSessions::Attendance))
                    .col(small_integer_null(KsSessions::Effort))
                    .col(small_integer_null(KsSessions::Behaviour))
                    .col(boolean(KsSessions::Absent))
                    .col(string_len_null(KsSessions::AbsenceReason, 500))
                    .col(boolean_null(KsSessions::AbsenceAccepted))
                    .col(integer_null(KsSessions::RecordedBy))
                    .col(boolean(KsSessions::ByOfficer))
                    .col(integer_null(KsSessions::SignedOffBy))
                    .col(timestamp_with_time_zone_null(KsSessions::SignedOffAt))
                    .col(string_len_null(KsSessions::Correction, 1000))
                    .col(timestamp_with_time_zone(KsSessions::CreatedAt))
                    .col(timestamp_with_time_zone(KsSessions::UpdatedAt))
                    .foreign_key(&mut fk(
                        "fk_ks_sessions_placement",
                        KsSessions::Table,
                        KsSessions::PlacementId,
                        KsPlacements::Table,
                        KsPlacements::Id,
                        Cascade,
                    ))
                    .to_owned(),
            )
            .await?;
        index(
            manager,
            "idx_ks_sessions_placement",
            KsSessions::Table,
            &[KsSessions::PlacementId, KsSessions::HeldOn],
        )
        .await?;
        index(manager, "idx_ks_sessions_site", KsSessions::Table, &[KsSessions::SiteId, KsSessions::HeldOn])
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(KsSessions::Table).to_owned()).await?;
        manager.drop_table(Table::drop().table(KsPlacements::Table).to_owned()).await?;
        manager.drop_table(Table::drop().table(WorkSites::Table).to_owned()).await
    }
}

#[derive(DeriveIden, Clone, Copy)]
enum Clients {
    Table,
    Id,
}

#[derive(DeriveIden, Clone, Copy)]
enum Partners {
    Table,
    Id,
}

#[derive(DeriveIden, Clone, Copy)]
enum WorkSites {
    Table,
    Id,
    PublicId,
    BapasId,
    PartnerId,
    AgreementId,
    Name,
    Address,
    Area,
    WorkKind,
    Days,
    Opens,
    Closes,
    Capacity,
    SupervisorId,
    SupervisorName,
    SupervisorPhone,
    SuitsWomen,
    SuitsChildren,
    Active,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum KsPlacements {
    Table,
    Id,
    PublicId,
    ClientId,
    SiteId,
    Court,
    DecisionNumber,
    Hours,
    StartOn,
    Deadline,
    Schedule,
    Status,
    PlacedBy,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum KsSessions {
    Table,
    Id,
    PublicId,
    PlacementId,
    SiteId,
    HeldOn,
    Arrival,
    Departure,
    BreakMinutes,
    Minutes,
    WorkDone,
    Attendance,
    Effort,
    Behaviour,
    Absent,
    AbsenceReason,
    AbsenceAccepted,
    RecordedBy,
    ByOfficer,
    SignedOffBy,
    SignedOffAt,
    Correction,
    CreatedAt,
    UpdatedAt,
}
