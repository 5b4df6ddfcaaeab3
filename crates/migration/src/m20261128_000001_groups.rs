//! Kelayan Binter groups: the group (with its coordinator), members, meetings with
//! attendance, action items, and the clients under the group's attention.

use sea_orm_migration::{prelude::*, schema::*};

use crate::helpers::{fk, index};

/// The group tables (`kb_`: Kelayan Binter, and clear of SQL's GROUPS keyword).
pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261128_000001_groups"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        use ForeignKeyAction::{Cascade, Restrict, SetNull};
        manager
            .create_table(
                Table::create()
                    .table(KbGroups::Table)
                    .col(pk_auto(KbGroups::Id))
                    .col(uuid_uniq(KbGroups::PublicId))
                    .col(integer(KbGroups::BapasId))
                    .col(string_len(KbGroups::Name, 200))
                    .col(string_len(KbGroups::Areas, 1000))
                    .col(integer_null(KbGroups::CoordinatorId))
                    .col(boolean(KbGroups::Active))
                    .col(timestamp_with_time_zone(KbGroups::CreatedAt))
                    .col(timestamp_with_time_zone(KbGroups::UpdatedAt))
                    .foreign_key(&mut fk(
                        "fk_kb_groups_bapas",
                        KbGroups::Table,
                        KbGroups::BapasId,
                        Bapas::Table,
                        Bapas::Id,
                        Restrict,
                    ))
                    .foreign_key(&mut fk(
                        "fk_kb_groups_coordinator",
                        KbGroups::Table,
                        KbGroups::CoordinatorId,
                        Users::Table,
                        Users::Id,
                        SetNull,
                    ))
                    .to_owned(),
            )
            .await?;
        index(manager, "idx_kb_groups_bapas", KbGroups::Table, &[KbGroups::BapasId]).await?;
        index(manager, "idx_kb_groups_coordinator", KbGroups::Table, &[KbGroups::CoordinatorId]).await?;
        manager
            .create_table(
                Table::create()
                    .table(KbMembers::Table)
                    .col(pk_auto(KbMembers::Id))
                    .col(uuid_uniq(KbMembers::PublicId))
                    .col(integer(KbMembers::GroupId))
                    .col(string_len(KbMembers::Name, 120))
                    .col(string_len_null(KbMembers::Institution, 200))
                    .col(string_len(KbMembers::Role, 16))
                    .col(string_len_null(KbMembers::Phone, 20))
                    .col(string_len_null(KbMembers::Email, 200))
                    .col(date(KbMembers::JoinedOn))
                    .col(date_null(KbMembers::LeftOn))
                    .foreign_key(&mut fk(
                        "fk_kb_members_group",
                        KbMembers::Table,
                        KbMembers::GroupId,
                        KbGroups::Table,
                        KbGroups::Id,
                        Cascade,
                    ))
                    .to_owned(),
            )
            .await?;
        index(manager, "idx_kb_members_group", KbMembers::Table, &[KbMembers::GroupId]).await?;
        manager
            .create_table(
                Table::create()
                    .table(KbMeetings::Table)
                    .col(pk_auto(KbMeetings::Id))
                    .col(uuid_uniq(KbMeetings::PublicId))
                    .col(integer(KbMeetings::GroupId))
                    .col(date(KbMeetings::HeldOn))
                    .col(string_len_null(KbMeetings::Place, 200))
                    .col(text(KbMeetings::Agenda))
                    .col(text_null(KbMeetings::Minutes))
                    .col(text_null(KbMeetings::Decisions))
                    .col(integer_null(KbMeetings::RecordedBy))
                    .col(timestamp_with_time_zone(KbMeetings::CreatedAt))
                    .foreign_key(&mut fk(
                        "fk_kb_meetings_group",
                        KbMeetings::Table,
                        KbMeetings::GroupId,
                        KbGroups::Table,
                        KbGroups::Id,
                        Cascade,
                    ))
                    .to_owned(),
            )
            .await?;
        index(manager, "idx_kb_meetings_group", KbMeetings::Table, &[KbMeetings::GroupId]).await?;
        manager
            .create_table(
                Table::create()
                    .table(KbAttendance::Table)
                    .col(pk_auto(KbAttendance::Id))
                    .col(integer(KbAttendance::MeetingId))
                    .col(integer(KbAttendance::MemberId))
                    .foreign_key(&mut fk(
                        "fk_kb_attendance_meeting",
                        KbAttendance::Table,
                        KbAttendance::MeetingId,
                        KbMeetings::Table,
                        KbMeetings::Id,
                        Cascade,
                    ))
                    .foreign_key(&mut fk(
                        "fk_kb_attendance_member",
                        KbAttendance::Table,
                        KbAttendance::MemberId,
                        KbMembers::Table,
                        KbMembers::Id,
                        Cascade,
                    ))
                    .to_owned(),
            )
            .await?;
        index(manager, "idx_kb_attendance_meeting", KbAttendance::Table, &[KbAttendance::MeetingId]).await?;
        manager
            .create_table(
                Table::create()
                    .table(KbActions::Table)
                    .col(pk_auto(KbActions::Id))
                    .col(uuid_uniq(KbActions::PublicId))
                    .col(integer(KbActions::GroupId))
                    .col(integer_null(KbActions::MeetingId))
                    .col(string_len(KbActions::Title, 300))
                    .col(integer_null(KbActions::OwnerMemberId))
                    .col(integer_null(KbActions::OwnerUserId))
                    .col(date(KbActions::DueOn))
                    .col(date_null(KbActions::DoneOn))
                    .col(timestamp_with_time_zone(KbActions::CreatedAt))
                    .foreign_key(&mut fk(
                        "fk_kb_actions_group",
                        KbActions::Table,
                        KbActions::GroupId,
                        KbGroups::Table,
                        KbGroups::Id,
                        Cascade,
                    ))
                    .foreign_key(&mut fk(
                        "fk_kb_actions_meeting",
                        KbActions::Table,
                        KbActions::MeetingId,
                        KbMeetings::Table,
                        KbMeetings::Id,
                        SetNull,
                    ))
                    .to_owned(),
            )
            .await?;
        index(manager, "idx_kb_actions_group_due", KbActions::Table, &[KbActions::GroupId, KbActions::DueOn])
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(KbClients::Table)
                    .col(pk_auto(KbClients::Id))
                    .col(integer(KbClients::GroupId))
                    .col(integer(KbClients::ClientId))
                    .col(string_len(KbClients::Reason, 500))
                    .col(integer_null(KbClients::AddedBy))
                    .col(date(KbClients::AddedOn))
                    .col(date_null(KbClients::RemovedOn))
                    .foreign_key(&mut fk(
                        "fk_kb_clients_group",
                        KbClients::Table,
                        KbClients::GroupId,
                        KbGroups::Table,
                        KbGroups::Id,
                        Cascade,
                    ))
                    .foreign_key(&mut fk(
                        "fk_kb_clients_client",
                        KbClients::Table,
                        KbClients::ClientId,
                        Clients::Table,
                        Clients::Id,
                        Cascade,
                    ))
                    .to_owned(),
            )
            .await?;
        index(manager, "idx_kb_clients_group", KbClients::Table, &[KbClients::GroupId]).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            KbClients::Table.into_iden(),
            KbActions::Table.into_iden(),
            KbAttendance::Table.into_iden(),
            KbMeetings::Table.into_iden(),
            KbMembers::Table.into_iden(),
            KbGroups::Table.into_iden(),
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
}

#[derive(DeriveIden, Clone, Copy)]
enum KbGroups {
    Table,
    Id,
    PublicId,
    BapasId,
    Name,
    Areas,
    CoordinatorId,
    Active,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum KbMembers {
    Table,
    Id,
    PublicId,
    GroupId,
    Name,
    Institution,
    Role,
    Phone,
    Email,
    JoinedOn,
    LeftOn,
}

#[derive(DeriveIden, Clone, Copy)]
enum KbMeetings {
    Table,
    Id,
    PublicId,
    GroupId,
    HeldOn,
    Place,
    Agenda,
    Minutes,
    Decisions,
    RecordedBy,
    CreatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum KbAttendance {
    Table,
    Id,
    MeetingId,
    MemberId,
}

#[derive(DeriveIden, Clone, Copy)]
enum KbActions {
    Table,
    Id,
    PublicId,
    GroupId,
    MeetingId,
    Title,
    OwnerMemberId,
    OwnerUserId,
    DueOn,
    DoneOn,
    CreatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum KbClients {
    Table,
    Id,
    GroupId,
    ClientId,
    Reason,
    AddedBy,
    AddedOn,
    RemovedOn,
}
