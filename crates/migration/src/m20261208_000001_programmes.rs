//! Reintegration programmes: each Bapas's catalogue (with the partner and the PKS it runs
//! under, who it suits, the needs it serves), the clients enrolled (a transit house's residents
//! with their check-out), the sessions and who attended them.

use sea_orm_migration::{prelude::*, schema::*};

use crate::helpers::{fk, index};

/// The programme tables.
pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261208_000001_programmes"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        use ForeignKeyAction::{Cascade, Restrict, SetNull};
        use Programmes as P;
        manager
            .create_table(
                Table::create()
                    .table(P::Table)
                    .col(pk_auto(P::Id))
                    .col(uuid_uniq(P::PublicId))
                    .col(integer(P::BapasId))
                    .col(integer_null(P::PartnerId))
                    .col(integer_null(P::AgreementId))
                    .col(string_len(P::Name, 200))
                    .col(string_len(P::Kind, 24))
                    .col(string_len(P::Place, 200))
                    .col(string_len_null(P::Schedule, 200))
                    .col(date(P::StartsOn))
                    .col(date_null(P::EndsOn))
                    .col(integer(P::Capacity))
                    .col(string_len(P::Bands, 100))
                    .col(string_len(P::Bases, 200))
                    .col(string_len_null(P::Sex, 1))
                    .col(integer_null(P::MinAge))
                    .col(integer_null(P::MaxAge))
                    .col(string_len(P::Needs, 200))
                    .col(string_len(P::WorkUnits, 1000))
                    .col(boolean(P::Active))
                    .col(timestamp_with_time_zone(P::CreatedAt))
                    .col(timestamp_with_time_zone(P::UpdatedAt))
                    .foreign_key(&mut fk(
                        "fk_programmes_bapas",
                        P::Table,
                        P::BapasId,
                        Bapas::Table,
                        Bapas::Id,
                        Restrict,
                    ))
                    .foreign_key(&mut fk(
                        "fk_programmes_partner",
                        P::Table,
                        P::PartnerId,
                        Partners::Table,
                        Partners::Id,
                        Restrict,
                    ))
                    .foreign_key(&mut fk(
                        "fk_programmes_agreement",
                        P::Table,
                        P::AgreementId,
                        Agreements::Table,
                        Agreements::Id,
                        SetNull,
                    ))
                    .to_owned(),
            )
            .await?;
        index(manager, "idx_programmes_bapas", P::Table, &[P::BapasId]).await?;
        use ProgrammeEnrolments as E;
        manager
            .create_table(
                Table::create()
                    .table(E::Table)
                    .col(pk_auto(E::Id))
                    .col(uuid_uniq(E::PublicId))
                    .col(integer(E::ProgrammeId))
                    .col(integer(E::ClientId))
                    .col(string_len(E::Status, 16))
                    .col(date(E::EnrolledOn))
                    .col(date_null(E::CheckOut))
                    .col(string_len_null(E::WorkUnit, 200))
                    .col(date_null(E::EndedOn))
                    .col(string_len_null(E::Reason, 500))
                    .col(boolean(E::Certificate))
                    .col(boolean(E::JobFound))
                    .col(boolean(E::BusinessStarted))
                    .col(integer_null(E::EnrolledBy))
                    .col(timestamp_with_time_zone(E::CreatedAt))
                    .col(timestamp_with_time_zone(E::UpdatedAt))
                    .foreign_key(&mut fk(
                        "fk_programme_enrolments_programme",
                        E::Table,
                        E::ProgrammeId,
                        P::Table,
                        P::Id,
                        Cascade,
                    ))
                    .foreign_key(&mut fk(
                        "fk_programme_enrolments_client",
                        E::Table,
                        E::ClientId,
                        Clients::Table,
                        Clients::Id,
                        Cascade,
                    ))
                    .to_owned(),
            )
            .await?;
        index(manager, "idx_programme_enrolments_programme", E::Table, &[E::ProgrammeId, E::Status]).await?;
        index(manager, "idx_programme_enrolments_client", E::Table, &[E::ClientId]).await?;
        use ProgrammeSessions as S;
        manager
            .create_table(
                Table::create()
                    .table(S::Table)
                    .col(pk_auto(S::Id))
                    .col(uuid_uniq(S::PublicId))
                    .col(integer(S::ProgrammeId))
                    .col(date(S::HeldOn))
                    .col(string_len(S::Topic, 200))
                    .col(timestamp_with_time_zone_null(S::RecordedAt))
                    .col(integer_null(S::RecordedBy))
                    .col(integer_null(S::CreatedBy))
                    .col(timestamp_with_time_zone(S::CreatedAt))
                    .foreign_key(&mut fk(
                        "fk_programme_sessions_programme",
                        S::Table,
                        S::ProgrammeId,
                        P::Table,
                        P::Id,
                        Cascade,
                    ))
                    .to_owned(),
            )
            .await?;
        index(manager, "idx_programme_sessions_programme", S::Table, &[S::ProgrammeId, S::HeldOn]).await?;
        index(manager, "idx_programme_sessions_held_on", S::Table, &[S::HeldOn]).await?;
        use ProgrammeAttendance as A;
        manager
            .create_table(
                Table::create()
                    .table(A::Table)
                    .col(pk_auto(A::Id))
                    .col(integer(A::SessionId))
                    .col(integer(A::EnrolmentId))
                    .col(boolean(A::Present))
                    .foreign_key(&mut fk(
                        "fk_programme_attendance_session",
                        A::Table,
                        A::SessionId,
                        S::Table,
                        S::Id,
                        Cascade,
                    ))
                    .foreign_key(&mut fk(
                        "fk_programme_attendance_enrolment",
                        A::Table,
                        A::EnrolmentId,
                        E::Table,
                        E::Id,
                        Cascade,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_programme_attendance_once")
                    .table(A::Table)
                    .col(A::SessionId)
                    .col(A::EnrolmentId)
                    .unique()
                    .to_owned(),
            )
            .await?;
        index(manager, "idx_programme_attendance_enrolment", A::Table, &[A::EnrolmentId]).await?;
        // A checklist change made by an enrolment names it, as one made by a referral does.
        // No foreign key: SQLite cannot add one to an existing table, and the service only
        // reads it to name the programme.
        manager
            .alter_table(
                Table::alter()
                    .table(ClientNeeds::Table)
                    .add_column(integer_null(ClientNeeds::EnrolmentId))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter().table(ClientNeeds::Table).drop_column(ClientNeeds::EnrolmentId).to_owned(),
            )
            .await?;
        manager.drop_table(Table::drop().table(ProgrammeAttendance::Table).to_owned()).await?;
        manager.drop_table(Table::drop().table(ProgrammeSessions::Table).to_owned()).await?;
        manager.drop_table(Table::drop().table(ProgrammeEnrolments::Table).to_owned()).await?;
        manager.drop_table(Table::drop().table(Programmes::Table).to_owned()).await
    }
}

#[derive(DeriveIden, Clone, Copy)]
enum Bapas {
    Table,
    Id,
}

#[derive(DeriveIden, Clone, Copy)]
enum Partners {
    Table,
    Id,
}

#[derive(DeriveIden, Clone, Copy)]
enum Agreements {
    Table,
    Id,
}

#[derive(DeriveIden, Clone, Copy)]
enum Clients {
    Table,
    Id,
}

#[derive(DeriveIden, Clone, Copy)]
enum ClientNeeds {
    Table,
    EnrolmentId,
}

#[derive(DeriveIden, Clone, Copy)]
enum Programmes {
    Table,
    Id,
    PublicId,
    BapasId,
    PartnerId,
    AgreementId,
    Name,
    Kind,
    Place,
    Schedule,
    StartsOn,
    EndsOn,
    Capacity,
    Bands,
    Bases,
    Sex,
    MinAge,
    MaxAge,
    Needs,
    WorkUnits,
    Active,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum ProgrammeEnrolments {
    Table,
    Id,
    PublicId,
    ProgrammeId,
    ClientId,
    Status,
    EnrolledOn,
    CheckOut,
    WorkUnit,
    EndedOn,
    Reason,
    Certificate,
    JobFound,
    BusinessStarted,
    EnrolledBy,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum ProgrammeSessions {
    Table,
    Id,
    PublicId,
    ProgrammeId,
    HeldOn,
    Topic,
    RecordedAt,
    RecordedBy,
    CreatedBy,
    CreatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum ProgrammeAttendance {
    Table,
    Id,
    SessionId,
    EnrolmentId,
    Present,
}
