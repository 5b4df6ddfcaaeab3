//! UMKM: a client's small businesses, the support each received and where each stood over
//! time.

use sea_orm_migration::{prelude::*, schema::*};

use crate::helpers::{fk, index};

/// The UMKM tables.
pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261210_000001_umkm"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        use ForeignKeyAction::{Cascade, SetNull};
        manager
            .create_table(
                Table::create()
                    .table(Tbl::Businesses)
                    .col(pk_auto(Col::Id))
                    .col(uuid_uniq(Col::PublicId))
                    .col(integer(Col::ClientId))
                    .col(string_len(Col::Name, 120))
                    .col(string_len(Col::Kind, 120))
                    .col(string_len(Col::Status, 16))
                    .col(date(Col::Since))
                    .col(integer_null(Col::CreatedBy))
                    .col(timestamp_with_time_zone(Col::CreatedAt))
                    .col(timestamp_with_time_zone(Col::UpdatedAt))
                    .foreign_key(&mut fk(
                        "fk_client_businesses_client",
                        Tbl::Businesses,
                        Col::ClientId,
                        Tbl::Clients,
                        Col::Id,
                        Cascade,
                    ))
                    .to_owned(),
            )
            .await?;
        index(manager, "idx_client_businesses_client", Tbl::Businesses, &[Col::ClientId]).await?;
        manager
            .create_table(
                Table::create()
                    .table(Tbl::Steps)
                    .col(pk_auto(Col::Id))
                    .col(integer(Col::BusinessId))
                    .col(string_len(Col::Status, 16))
                    .col(date(Col::ChangedOn))
                    .col(string_len_null(Col::Note, 500))
                    .col(integer_null(Col::ChangedBy))
                    .col(timestamp_with_time_zone(Col::ChangedAt))
                    .foreign_key(&mut fk(
                        "fk_business_status_changes_business",
                        Tbl::Steps,
                        Col::BusinessId,
                        Tbl::Businesses,
                        Col::Id,
                        Cascade,
                    ))
                    .to_owned(),
            )
            .await?;
        index(manager, "idx_business_status_changes_business", Tbl::Steps, &[Col::BusinessId]).await?;
        manager
            .create_table(
                Table::create()
                    .table(Tbl::Supports)
                    .col(pk_auto(Col::Id))
                    .col(integer(Col::BusinessId))
                    .col(string_len(Col::Kind, 16))
                    .col(integer_null(Col::PartnerId))
                    .col(date(Col::ReceivedOn))
                    .col(string_len_null(Col::Description, 500))
                    .col(big_integer_null(Col::Amount))
                    .col(integer_null(Col::RecordedBy))
                    .col(timestamp_with_time_zone(Col::CreatedAt))
                    .foreign_key(&mut fk(
                        "fk_business_supports_business",
                        Tbl::Supports,
                        Col::BusinessId,
                        Tbl::Businesses,
                        Col::Id,
                        Cascade,
                    ))
                    .foreign_key(&mut fk(
                        "fk_business_supports_partner",
                        Tbl::Supports,
                        Col::PartnerId,
                        Tbl::Partners,
                        Col::Id,
                        SetNull,
                    ))
                    .to_owned(),
            )
            .await?;
        index(manager, "idx_business_supports_business", Tbl::Supports, &[Col::BusinessId]).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [Tbl::Supports, Tbl::Steps, Tbl::Businesses] {
            manager.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        Ok(())
    }
}

/// The tables this migration creates or points at.
#[derive(DeriveIden, Clone, Copy)]
enum Tbl {
    #[sea_orm(iden = "client_businesses")]
    Businesses,
    #[sea_orm(iden = "business_status_changes")]
    Steps,
    #[sea_orm(iden = "business_supports")]
    Supports,
    #[sea_orm(iden = "clients")]
    Clients,
    #[sea_orm(iden = "partners")]
    Partners,
}

/// Their columns.
#[derive(DeriveIden, Clone, Copy)]
enum Col {
    Id,
    PublicId,
    ClientId,
    Name,
    Kind,
    Status,
    Since,
    CreatedBy,
    CreatedAt,
    UpdatedAt,
    BusinessId,
    ChangedOn,
    Note,
    ChangedBy,
    ChangedAt,
    PartnerId,
    ReceivedOn,
    Description,
    Amount,
    RecordedBy,
}
