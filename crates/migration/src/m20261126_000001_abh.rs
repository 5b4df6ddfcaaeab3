//! Children's cases (ABH): the child flag on clients, the case, its Litmas, diversion per
//! stage and its events; and the office and case number on access-log rows, so that a
//! Kabapas can list the views of their office's children's records.

use sea_orm_migration::{prelude::*, schema::*};

use crate::helpers::{fk, index};

/// The ABH tables.
pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261126_000001_abh"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        use ForeignKeyAction::Cascade;
        // SQLite alters one column per statement.
        manager
            .alter_table(
                Table::alter()
                    .table(Clients::Table)
                    .add_column(boolean(Clients::IsChild).default(false))
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(AccessLog::Table)
                    .add_column(integer_null(AccessLog::BapasId))
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(AccessLog::Table)
                    .add_column(string_len_null(AccessLog::RecordLabel, 40))
                    .to_owned(),
            )
            .await?;
        index(manager, "idx_access_log_bapas_at", AccessLog::Table, &[AccessLog::BapasId, AccessLog::At])
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(AbhCases::Table)
                    .col(pk_auto(AbhCases::Id))
                    .col(uuid_uniq(AbhCases::PublicId))
                    .col(integer_uniq(AbhCases::ClientId))
                    .col(string_len_null(AbhCases::FatherName, 120))
                    .col(string_len_null(AbhCases::MotherName, 120))
                    .col(string_len_null(AbhCases::GuardianName, 120))
                    .col(string_len_null(AbhCases::GuardianRelation, 60))
                    .col(string_len_null(AbhCases::ParentsPhone, 20))
                    .col(date(AbhCases::OffenceDate))
                    .col(string_len(AbhCases::Offence, 300))
                    .col(integer(AbhCases::MaxPenaltyMonths))
                    .col(boolean(AbhCases::RepeatOffence))
                    .col(boolean(AbhCases::VictimIsChild))
                    .col(boolean(AbhCases::WitnessIsChild))
                    .col(string_len_null(AbhCases::Investigator, 120))
                    .col(string_len_null(AbhCases::PoliceUnit, 120))
                    .col(string_len(AbhCases::Stage, 16))
                    .col(date(AbhCases::InvestigationStart))
                    .col(date_null(AbhCases::ProsecutionReceived))
                    .col(date_null(AbhCases::CourtAppointed))
                    .col(date_null(AbhCases::DetainedSince))
                    .col(timestamp_with_time_zone(AbhCases::CreatedAt))
                    .col(timestamp_with_time_zone(AbhCases::UpdatedAt))
                    .foreign_key(&mut fk(
                        "fk_abh_cases_client",
                        AbhCases::Table,
                        AbhCases::ClientId,
                        Clients::Table,
                        Clients::Id,
                        Cascade,
                    ))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(AbhLitmas::Table)
                    .col(pk_auto(AbhLitmas::Id))
                    .col(uuid_uniq(AbhLitmas::PublicId))
                    .col(integer(AbhLitmas::CaseId))
                    .col(string_len(AbhLitmas::Requester, 20))
                    .col(string_len(AbhLitmas::Kind, 20))
                    .col(string_len_null(AbhLitmas::LetterNumber, 80))
                    .col(timestamp_with_time_zone(AbhLitmas::ReceivedAt))
                    .col(timestamp_with_time_zone(AbhLitmas::DueAt))
                    .col(string_len(AbhLitmas::Status, 16))
                    .col(text(AbhLitmas::PersonalFamily))
                    .col(text(AbhLitmas::Background))
                    .col(text(AbhLitmas::VictimCondition))
                    .col(text(AbhLitmas::DiversionRecord))
                    .col(text(AbhLitmas::Recommendation))
                    .col(text_null(AbhLitmas::ReviewNote))
                    .col(integer_null(AbhLitmas::AuthorId))
                    .col(timestamp_with_time_zone_null(AbhLitmas::SubmittedAt))
                    .col(integer_null(AbhLitmas::ApprovedBy))
                    .col(timestamp_with_time_zone_null(AbhLitmas::ApprovedAt))
                    .col(timestamp_with_time_zone_null(AbhLitmas::DeliveredAt))
                    .col(timestamp_with_time_zone(AbhLitmas::CreatedAt))
                    .col(timestamp_with_time_zone(AbhLitmas::UpdatedAt))
                    .foreign_key(&mut fk(
                        "fk_abh_litmas_case",
                        AbhLitmas::Table,
                        AbhLitmas::CaseId,
                        AbhCases::Table,
                        AbhCases::Id,
                        Cascade,
                    ))
                    .to_owned(),
            )
            .await?;
        index(manager, "idx_abh_litmas_case", AbhLitmas::Table, &[AbhLitmas::CaseId]).await?;

        manager
            .create_table(
                Table::create()
                    .table(AbhDiversions::Table)
                    .col(pk_auto(AbhDiversions::Id))
                    .col(integer(AbhDiversions::CaseId))
                    .col(string_len(AbhDiversions::Stage, 16))
                    .col(date(AbhDiversions::StartedOn))
                    .col(date_null(AbhDiversions::FinishedOn))
                    .col(string_len_null(AbhDiversions::Outcome, 16))
                    .col(string_len_null(AbhDiversions::AgreementForms, 200))
                    .col(integer_null(AbhDiversions::AgreementMonths))
                    .col(text_null(AbhDiversions::Notes))
                    .col(timestamp_with_time_zone_null(AbhDiversions::BreachAt))
                    .col(text_null(AbhDiversions::BreachNotes))
                    .col(timestamp_with_time_zone_null(AbhDiversions::ActionAt))
                    .col(text_null(AbhDiversions::ActionNotes))
                    .col(timestamp_with_time_zone(AbhDiversions::CreatedAt))
                    .col(timestamp_with_time_zone(AbhDiversions::UpdatedAt))
                    .foreign_key(&mut fk(
                        "fk_abh_diversions_case",
                        AbhDiversions::Table,
                        AbhDiversions::CaseId,
                        AbhCases::Table,
                        AbhCases::Id,
                        Cascade,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("uq_abh_diversions_case_stage")
                    .table(AbhDiversions::Table)
                    .col(AbhDiversions::CaseId)
                    .col(AbhDiversions::Stage)
                    .unique()
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(AbhEvents::Table)
                    .col(pk_auto(AbhEvents::Id))
                    .col(uuid_uniq(AbhEvents::PublicId))
                    .col(integer(AbhEvents::CaseId))
                    .col(string_len(AbhEvents::Kind, 16))
                    .col(date(AbhEvents::EventDate))
                    .col(string_len(AbhEvents::Stage, 16))
                    .col(string_len_null(AbhEvents::Place, 200))
                    .col(string_len_null(AbhEvents::Parties, 200))
                    .col(string_len_null(AbhEvents::PartnerKind, 16))
                    .col(string_len_null(AbhEvents::PartnerName, 200))
                    .col(text(AbhEvents::Notes))
                    .col(integer_null(AbhEvents::AuthorId))
                    .col(timestamp_with_time_zone(AbhEvents::CreatedAt))
                    .foreign_key(&mut fk(
                        "fk_abh_events_case",
                        AbhEvents::Table,
                        AbhEvents::CaseId,
                        AbhCases::Table,
                        AbhCases::Id,
                        Cascade,
                    ))
                    .to_owned(),
            )
            .await?;
        index(manager, "idx_abh_events_case", AbhEvents::Table, &[AbhEvents::CaseId]).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            AbhEvents::Table.into_iden(),
            AbhDiversions::Table.into_iden(),
            AbhLitmas::Table.into_iden(),
            AbhCases::Table.into_iden(),
        ] {
            manager.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        manager
            .drop_index(Index::drop().name("idx_access_log_bapas_at").table(AccessLog::Table).to_owned())
            .await?;
        for col in [AccessLog::RecordLabel, AccessLog::BapasId] {
            manager.alter_table(Table::alter().table(AccessLog::Table).drop_column(col).to_owned()).await?;
        }
        manager
            .alter_table(Table::alter().table(Clients::Table).drop_column(Clients::IsChild).to_owned())
            .await
    }
}

#[derive(DeriveIden, Clone, Copy)]
enum Clients {
    Table,
    Id,
    IsChild,
}

#[derive(DeriveIden, Clone, Copy)]
enum AccessLog {
    Table,
    At,
    BapasId,
    RecordLabel,
}

#[derive(DeriveIden, Clone, Copy)]
enum AbhCases {
    Table,
    Id,
    PublicId,
    ClientId,
    FatherName,
    MotherName,
    GuardianName,
    GuardianRelation,
    ParentsPhone,
    OffenceDate,
    Offence,
    MaxPenaltyMonths,
    RepeatOffence,
    VictimIsChild,
    WitnessIsChild,
    Investigator,
    PoliceUnit,
    Stage,
    InvestigationStart,
    ProsecutionReceived,
    CourtAppointed,
    DetainedSince,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum AbhLitmas {
    Table,
    Id,
    PublicId,
    CaseId,
    Requester,
    Kind,
    LetterNumber,
    ReceivedAt,
    DueAt,
    Status,
    PersonalFamily,
    Background,
    VictimCondition,
    DiversionRecord,
    Recommendation,
    ReviewNote,
    AuthorId,
    SubmittedAt,
    ApprovedBy,
    ApprovedAt,
    DeliveredAt,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum AbhDiversions {
    Table,
    Id,
    CaseId,
    Stage,
    StartedOn,
    FinishedOn,
    Outcome,
    AgreementForms,
    AgreementMonths,
    Notes,
    BreachAt,
    BreachNotes,
    ActionAt,
    ActionNotes,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum AbhEvents {
    Table,
    Id,
    PublicId,
    CaseId,
    Kind,
    EventDate,
    Stage,
    Place,
    Parties,
    PartnerKind,
    PartnerName,
    Notes,
    AuthorId,
    CreatedAt,
}
