//! Writing an import's good rows, inside the caller's transaction: a chunk of clients per
//! statement (ids reserved first, so each goes in numbered), then their first status rows,
//! names' words and audit rows, each also one statement per chunk. A hundred thousand rows are a few thousand statements,
//! not a million.

use pamong_entity::{audit_log, client, client_status_change};
use sea_orm::{ConnectionTrait, EntityTrait, Set};
use time::OffsetDateTime;
use uuid::Uuid;

use super::check::GoodRow;
use crate::actor::Actor;
use crate::audit::{self, Changes};
use crate::clients::{registry, searchable_name, vocabulary};
use crate::error::ServiceResult;
use crate::ids::BapasId;

/// Clients per statement: a client row has under 40 columns, so a chunk stays well inside
/// SQLite's 32,766 variables and PostgreSQL's 65,535.
const CHUNK: usize = 400;

/// Where an import writes: the office (its id and code), who imports, and when.
pub(crate) struct Target<'a> {
    pub office: BapasId,
    pub office_code: &'a str,
    pub actor: &'a Actor,
    pub import_id: Uuid,
    pub now: OffsetDateTime,
}

/// Writes `rows` and returns each row's number with the register number it got. `done` is
/// told how many rows are written after each chunk.
pub(crate) async fn write<C: ConnectionTrait>(
    txn: &C,
    target: &Target<'_>,
    rows: &[GoodRow],
    mut done: impl FnMut(usize),
) -> ServiceResult<Vec<(u32, String)>> {
    let mut written = Vec::with_capacity(rows.len());
    for chunk in rows.chunks(CHUNK) {
        written.extend(write_chunk(txn, target, chunk).await?);
        done(written.len());
    }
    Ok(written)
}

async fn write_chunk<C: ConnectionTrait>(
    txn: &C,
    target: &Target<'_>,
    chunk: &[GoodRow],
) -> ServiceResult<Vec<(u32, String)>> {
    // Each row goes in with its id and register number (`registry::insert` numbers a client
    // after inserting it; for a hundred thousand rows that second write of every row, and of
    // each of its indexes, was a fifth of the import on PostgreSQL).
    let ids = registry::reserve_ids(txn, chunk.len()).await?;
    let mut models = Vec::with_capacity(chunk.len());
    let mut names = Vec::with_capacity(chunk.len());
    let mut written = Vec::with_capacity(chunk.len());
    let mut status_rows = Vec::with_capacity(chunk.len());
    let mut audit_rows: Vec<audit_log::ActiveModel> = Vec::with_capacity(chunk.len());
    for (good, id) in chunk.iter().zip(ids) {
        let mut model = registry::new_client(&good.draft, target.office, good.pk, false, target.now);
        let number = registry::register_number(target.office_code, &good.draft, id);
        let public_id = Uuid::now_v7();
        model.id = Set(id);
        model.public_id = Set(public_id);
        model.register_number = Set(number.clone());
        names.push(searchable_name(&good.draft.full_name, &good.draft.aliases));
        status_rows.push(registry::first_status(id, good.draft.supervision_start, target.actor, target.now));
        let changes = Changes::of_new_client(target.office.get(), id)
            .set("import", &target.import_id)
            .set("row", &good.row)
            .set("register_number", &number);
        audit_rows.push(audit::row(
            target.actor,
            target.now,
            "import",
            "client",
            &public_id.to_string(),
            &changes,
        ));
        written.push((good.row, number));
        models.push(model);
    }
    client::Entity::insert_many(models).exec(txn).await?;
    vocabulary::learn(txn, names.iter().map(String::as_str)).await?;
    client_status_change::Entity::insert_many(status_rows).exec(txn).await?;
    audit_log::Entity::insert_many(audit_rows).exec(txn).await?;
    Ok(written)
}
