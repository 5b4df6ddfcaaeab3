//! Clients and their supervision: the registry, reports (wajib lapor and home visits),
//! guidance, violations, RRI assessments, status history and transfers between offices.

use sea_orm_migration::{prelude::*, schema::*};

use crate::helpers::{fk, index};

/// The client tables.
pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261125_000001_clients"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        use ForeignKeyAction::{Cascade, Restrict, SetNull};
        manager
            .create_table(
                Table::create()
                    .table(Clients::Table)
                    .col(pk_auto(Clients::Id))
                    .col(uuid_uniq(Clients::PublicId))
                    .col(string_len_uniq(Clients::RegisterNumber, 40))
                    .col(integer(Clients::BapasId))
                    .col(integer_null(Clients::PkId))
                    .col(string_len_null(Clients::Nik, 16))
                    .col(string_len(Clients::FullName, 120))
                    .col(string_len(Clients::NameFolded, 600))
                    .col(string_len_null(Clients::Aliases, 500))
                    .col(string_len(Clients::Sex, 1))
                    .col(string_len_null(Clients::BirthPlace, 120))
                    .col(date(Clients::BirthDate))
                    .col(string_len_null(Clients::Religion, 40))
                    .col(string_len_null(Clients::Education, 60))
                    .col(string_len_null(Clients::Occupation, 120))
                    .col(string_len_null(Clients::Address, 300))
                    .col(string_len_null(Clients::RegionCode, 13))
                    .col(string_len_null(Clients::Phone, 20))
                    .col(string_len_null(Clients::GuarantorName, 120))
                    .col(string_len_null(Clients::GuarantorRelation, 60))
                    .col(string_len_null(Clients::GuarantorPhone, 20))
                    .col(string_len_null(Clients::Court, 120))
                    .col(string_len_null(Clients::DecisionNumber, 80))
                    .col(string_len_null(Clients::OffenceArticles, 300))
                    .col(string_len(Clients::LegalBasis, 20))
                    .col(date(Clients::SupervisionStart))
                    .col(integer_null(Clients::RemainingMonths))
                    .col(integer_null(Clients::RemainingDays))
                    .col(integer_null(Clients::RemissionMonths))
                    .col(integer_null(Clients::RemissionDays))
                    .col(integer_null(Clients::TermMonths))
                    .col(integer_null(Clients::TermDays))
                    .col(date_null(Clients::ComputedEnd))
                    .col(date_null(Clients::SupervisionEnd))
                    .col(string_len_null(Clients::EndOverrideReason, 300))
                    .col(string_len(Clients::Status, 16))
                    .col(date_null(Clients::StatusDate))
                    .col(string_len_null(Clients::StatusReason, 500))
                    .col(string_len_null(Clients::RiskBand, 16))
                    .col(integer_null(Clients::RiskScore))
                    .col(date_null(Clients::AssessedOn))
                    .col(timestamp_with_time_zone(Clients::CreatedAt))
                    .col(timestamp_with_time_zone(Clients::UpdatedAt))
                    .foreign_key(&mut fk(
                        "fk_clients_bapas",
                        Clients::Table,
                        Clients::BapasId,
                        Bapas::Table,
                        Bapas::Id,
                        Restrict,
                    ))
                    .foreign_key(&mut fk(
                        "fk_clients_pk",
                        Clients::Table,
                        Clients::PkId,
                        Users::Table,
                        Users::Id,
                        SetNull,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("uq_clients_nik")
                    .table(Clients::Table)
                    .col(Clients::Nik)
                    .unique()
                    .to_owned(),
            )
            .await?;
        // Lists filter by office and status and sort by folded name: with the name in the index
        // a search scans only the index, and a page stops after its rows.
        index(
            manager,
            "idx_clients_bapas_status_name",
            Clients::Table,
            &[Clients::BapasId, Clients::Status, Clients::NameFolded],
        )
        .await?;
        index(manager, "idx_clients_pk", Clients::Table, &[Clients::PkId]).await?;
        index(manager, "idx_clients_birth_date", Clients::Table, &[Clients::BirthDate]).await?;

        manager
            .create_table(
                Table::create()
                    .table(ClientReports::Table)
                    .col(pk_auto(ClientReports::Id))
                    .col(uuid_uniq(ClientReports::PublicId))
                    .col(integer(ClientReports::ClientId))
                    .col(string_len(ClientReports::Kind, 16))
                    .col(date(ClientReports::ReportDate))
                    .col(time(ClientReports::ReportTime))
                    .col(boolean(ClientReports::Attended))
                    .col(text_null(ClientReports::Notes))
                    .col(double_null(ClientReports::Latitude))
                    .col(double_null(ClientReports::Longitude))
                    .col(integer_null(ClientReports::OfficerId))
                    .col(timestamp_with_time_zone(ClientReports::CreatedAt))
                    .foreign_key(&mut fk(
                        "fk_reports_client",
                        ClientReports::Table,
                        ClientReports::ClientId,
                        Clients::Table,
                        Clients::Id,
                        Cascade,
                    ))
                    .foreign_key(&mut fk(
                        "fk_reports_officer",
                        ClientReports::Table,
                        ClientReports::OfficerId,
                        Users::Table,
                        Users::Id,
                        SetNull,
                    ))
                    .to_owned(),
            )
            .await?;
        index(
            manager,
            "idx_reports_client_date",
            ClientReports::Table,
            &[ClientReports::ClientId, ClientReports::ReportDate],
        )
        .await?;

        manager
            .create_table(
                Table::create()
                    .table(ClientGuidance::Table)
                    .col(pk_auto(ClientGuidance::Id))
                    .col(uuid_uniq(ClientGuidance::PublicId))
                    .col(integer(ClientGuidance::ClientId))
                    .col(string_len(ClientGuidance::Kind, 16))
                    .col(string_len(ClientGuidance::Topic, 200))
                    .col(date(ClientGuidance::HeldOn))
                    .col(boolean(ClientGuidance::Attended))
                    .col(text_null(ClientGuidance::Notes))
                    .col(integer_null(ClientGuidance::OfficerId))
                    .col(timestamp_with_time_zone(ClientGuidance::CreatedAt))
                    .foreign_key(&mut fk(
                        "fk_guidance_client",
                        ClientGuidance::Table,
                        ClientGuidance::ClientId,
                        Clients::Table,
                        Clients::Id,
                        Cascade,
                    ))
                    .foreign_key(&mut fk(
                        "fk_guidance_officer",
                        ClientGuidance::Table,
                        ClientGuidance::OfficerId,
                        Users::Table,
                        Users::Id,
                        SetNull,
                    ))
                    .to_owned(),
            )
            .await?;
        index(manager, "idx_guidance_client", ClientGuidance::Table, &[ClientGuidance::ClientId]).await?;

        manager
            .create_table(
                Table::create()
                    .table(ClientViolations::Table)
                    .col(pk_auto(ClientViolations::Id))
                    .col(uuid_uniq(ClientViolations::PublicId))
                    .col(integer(ClientViolations::ClientId))
                    .col(string_len(ClientViolations::Kind, 24))
                    .col(date(ClientViolations::OccurredOn))
                    .col(text(ClientViolations::Description))
                    .col(string_len(ClientViolations::Action, 24))
                    .col(string_len(ClientViolations::ActionStatus, 16))
                    .col(integer_null(ClientViolations::OfficerId))
                    .col(timestamp_with_time_zone(ClientViolations::CreatedAt))
                    .col(timestamp_with_time_zone(ClientViolations::UpdatedAt))
                    .foreign_key(&mut fk(
                        "fk_violations_client",
                        ClientViolations::Table,
                        ClientViolations::ClientId,
                        Clients::Table,
                        Clients::Id,
                        Cascade,
                    ))
                    .foreign_key(&mut fk(
                        "fk_violations_officer",
                        ClientViolations::Table,
                        ClientViolations::OfficerId,
                        Users::Table,
                        Users::Id,
                        SetNull,
                    ))
                    .to_owned(),
            )
            .await?;
        index(manager, "idx_violations_client", ClientViolations::Table, &[ClientViolations::ClientId])
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(ClientAssessments::Table)
                    .col(pk_auto(ClientAssessments::Id))
                    .col(uuid_uniq(ClientAssessments::PublicId))
                    .col(integer(ClientAssessments::ClientId))
                    .col(string_len(ClientAssessments::InstrumentVersion, 40))
                    .col(text(ClientAssessments::Answers))
                    .col(text(ClientAssessments::Needs))
                    .col(integer(ClientAssessments::Score))
                    .col(string_len(ClientAssessments::Band, 16))
                    .col(date(ClientAssessments::AssessedOn))
                    .col(text_null(ClientAssessments::Notes))
                    .col(integer_null(ClientAssessments::OfficerId))
                    .col(timestamp_with_time_zone(ClientAssessments::CreatedAt))
                    .foreign_key(&mut fk(
                        "fk_assessments_client",
                        ClientAssessments::Table,
                        ClientAssessments::ClientId,
                        Clients::Table,
                        Clients::Id,
                        Cascade,
                    ))
                    .foreign_key(&mut fk(
                        "fk_assessments_officer",
                        ClientAssessments::Table,
                        ClientAssessments::OfficerId,
                        Users::Table,
                        Users::Id,
                        SetNull,
                    ))
                    .to_owned(),
            )
            .await?;
        index(manager, "idx_assessments_client", ClientAssessments::Table, &[ClientAssessments::ClientId])
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(ClientStatusChanges::Table)
                    .col(pk_auto(ClientStatusChanges::Id))
                    .col(integer(ClientStatusChanges::ClientId))
                    .col(string_len(ClientStatusChanges::Status, 16))
                    .col(date(ClientStatusChanges::ChangedOn))
                    .col(string_len_null(ClientStatusChanges::Reason, 500))
                    .col(integer_null(ClientStatusChanges::OfficerId))
                    .col(timestamp_with_time_zone(ClientStatusChanges::CreatedAt))
                    .foreign_key(&mut fk(
                        "fk_status_client",
                        ClientStatusChanges::Table,
                        ClientStatusChanges::ClientId,
                        Clients::Table,
                        Clients::Id,
                        Cascade,
                    ))
                    .foreign_key(&mut fk(
                        "fk_status_officer",
                        ClientStatusChanges::Table,
                        ClientStatusChanges::OfficerId,
                        Users::Table,
                        Users::Id,
                        SetNull,
                    ))
                    .to_owned(),
            )
            .await?;
        index(manager, "idx_status_client", ClientStatusChanges::Table, &[ClientStatusChanges::ClientId])
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(ClientTransfers::Table)
                    .col(pk_auto(ClientTransfers::Id))
                    .col(uuid_uniq(ClientTransfers::PublicId))
                    .col(integer(ClientTransfers::ClientId))
                    .col(integer(ClientTransfers::FromBapasId))
                    .col(integer(ClientTransfers::ToBapasId))
                    .col(string_len(ClientTransfers::Reason, 500))
                    .col(string_len(ClientTransfers::Status, 16))
                    .col(integer_null(ClientTransfers::RequestedBy))
                    .col(timestamp_with_time_zone(ClientTransfers::RequestedAt))
                    .col(integer_null(ClientTransfers::DecidedBy))
                    .col(timestamp_with_time_zone_null(ClientTransfers::DecidedAt))
                    .col(string_len_null(ClientTransfers::DecisionNote, 500))
                    .foreign_key(&mut fk(
                        "fk_transfers_client",
                        ClientTransfers::Table,
                        ClientTransfers::ClientId,
                        Clients::Table,
                        Clients::Id,
                        Cascade,
                    ))
                    .foreign_key(&mut fk(
                        "fk_transfers_from",
                        ClientTransfers::Table,
                        ClientTransfers::FromBapasId,
                        Bapas::Table,
                        Bapas::Id,
                        Restrict,
                    ))
                    .foreign_key(&mut fk(
                        "fk_transfers_to",
                        ClientTransfers::Table,
                        ClientTransfers::ToBapasId,
                        Bapas::Table,
                        Bapas::Id,
                        Restrict,
                    ))
                    .foreign_key(&mut fk(
                        "fk_transfers_requested_by",
                        ClientTransfers::Table,
                        ClientTransfers::RequestedBy,
                        Users::Table,
                        Users::Id,
                        SetNull,
                    ))
                    .foreign_key(&mut fk(
                        "fk_transfers_decided_by",
                        ClientTransfers::Table,
                        ClientTransfers::DecidedBy,
                        Users::Table,
                        Users::Id,
                        SetNull,
                    ))
                    .to_owned(),
            )
            .await?;
        index(
            manager,
            "idx_transfers_to_status",
            ClientTransfers::Table,
            &[ClientTransfers::ToBapasId, ClientTransfers::Status],
        )
        .await?;
        index(manager, "idx_transfers_client", ClientTransfers::Table, &[ClientTransfers::ClientId]).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            ClientTransfers::Table.into_iden(),
            ClientStatusChanges::Table.into_iden(),
            ClientAssessments::Table.into_iden(),
            ClientViolations::Table.into_iden(),
            ClientGuidance::Table.into_iden(),
            ClientReports::Table.into_iden(),
            Clients::Table.into_iden(),
        ] {
            manager.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden, Clone, Copy)]
enum Bapas {
    Table,
    Id,
}

#[derive(DeriveIden, Clone, Copy)]
enum Users {
    Table,
    Id,
}

#[derive(DeriveIden, Clone, Copy)]
enum Clients {
    Table,
    Id,
    PublicId,
    RegisterNumber,
    BapasId,
    PkId,
    Nik,
    FullName,
    NameFolded,
    Aliases,
    Sex,
    BirthPlace,
    BirthDate,
    Religion,
    Education,
    Occupation,
    Address,
    RegionCode,
    Phone,
    GuarantorName,
    GuarantorRelation,
    GuarantorPhone,
    Court,
    DecisionNumber,
    OffenceArticles,
    LegalBasis,
    SupervisionStart,
    RemainingMonths,
    RemainingDays,
    RemissionMonths,
    RemissionDays,
    TermMonths,
    TermDays,
    ComputedEnd,
    SupervisionEnd,
    EndOverrideReason,
    Status,
    StatusDate,
    StatusReason,
    RiskBand,
    RiskScore,
    AssessedOn,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum ClientReports {
    Table,
    Id,
    PublicId,
    ClientId,
    Kind,
    ReportDate,
    ReportTime,
    Attended,
    Notes,
    Latitude,
    Longitude,
    OfficerId,
    CreatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum ClientGuidance {
    Table,
    Id,
    PublicId,
    ClientId,
    Kind,
    Topic,
    HeldOn,
    Attended,
    Notes,
    OfficerId,
    CreatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum ClientViolations {
    Table,
    Id,
    PublicId,
    ClientId,
    Kind,
    OccurredOn,
    Description,
    Action,
    ActionStatus,
    OfficerId,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum ClientAssessments {
    Table,
    Id,
    PublicId,
    ClientId,
    InstrumentVersion,
    Answers,
    Needs,
    Score,
    Band,
    AssessedOn,
    Notes,
    OfficerId,
    CreatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum ClientStatusChanges {
    Table,
    Id,
    ClientId,
    Status,
    ChangedOn,
    Reason,
    OfficerId,
    CreatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum ClientTransfers {
    Table,
    Id,
    PublicId,
    ClientId,
    FromBapasId,
    ToBapasId,
    Reason,
    Status,
    RequestedBy,
    RequestedAt,
    DecidedBy,
    DecidedAt,
    DecisionNote,
}
