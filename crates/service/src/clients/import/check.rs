//! Checking an import's rows: each by the registry form's own parser, then together against
//! the registry (a NIK already under supervision, a region not in the list, a PK not in the
//! office) and against each other (the same person twice). The database is asked once per
//! distinct value or per chunk of values, never once per row.

use std::collections::{HashMap, HashSet};

use pamong_domain::client::{ClientDraft, ClientStatus};
use pamong_domain::import::{Layout, PK_FIELD, RowIssue, RowProblem, row_identity};
use pamong_domain::legal::{LegalBasis, PeriodRules};
use pamong_domain::{FieldError, Problem};
use pamong_entity::{client, user};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect};
use time::Date;
use uuid::Uuid;

use super::read::Sheet;
use crate::clients::registry::{nik_region_known, region_known};
use crate::error::ServiceResult;
use crate::ids::BapasId;
use crate::policy;

/// Most values one `IN` list holds.
const IN_CHUNK: usize = 1_000;

/// A row that passed every check, ready to write.
pub(crate) struct GoodRow {
    /// Its number in the file.
    pub row: u32,
    /// The parsed form.
    pub draft: ClientDraft,
    /// The PK's internal id, when the row names one.
    pub pk: Option<i32>,
}

/// The rows of a file, checked.
pub(crate) struct Checked {
    pub good: Vec<GoodRow>,
    pub problems: Vec<RowProblem>,
}

/// The office's active PKs by username: their internal and public ids.
async fn officers<C: ConnectionTrait>(
    db: &C,
    office: BapasId,
) -> ServiceResult<HashMap<String, (i32, Uuid)>> {
    let rows: Vec<(i32, Uuid, String)> = user::Entity::find()
        .select_only()
        .column(user::Column::Id)
        .column(user::Column::PublicId)
        .column(user::Column::Username)
        .filter(user::Column::BapasId.eq(office))
        .filter(user::Column::Role.eq(policy::CASELOAD_ROLE.as_str()))
        .filter(user::Column::Active.eq(true))
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows.into_iter().map(|(id, public, name)| (name.to_lowercase(), (id, public))).collect())
}

/// The NIKs among `niks` that an active supervision already holds.
async fn niks_taken<C: ConnectionTrait>(db: &C, niks: &[String]) -> ServiceResult<HashSet<String>> {
    let mut taken = HashSet::new();
    for chunk in niks.chunks(IN_CHUNK) {
        let found: Vec<Option<String>> = client::Entity::find()
            .select_only()
            .column(client::Column::Nik)
            .filter(client::Column::Nik.is_in(chunk.iter().map(String::as_str)))
            .filter(client::Column::Status.eq(ClientStatus::Aktif.as_str()))
            .into_tuple()
            .all(db)
            .await?;
        taken.extend(found.into_iter().flatten());
    }
    Ok(taken)
}

/// A row on its way through the checks.
struct Pending {
    row: u32,
    name: String,
    draft: Option<ClientDraft>,
    pk: Option<i32>,
    issues: Vec<RowIssue>,
}

impl Pending {
    fn field(&mut self, field: &str, problem: Problem) {
        self.issues.push(RowIssue::Field(FieldError { field: field.to_owned(), problem }));
    }
}

/// Checks every row of `sheet` laid out by `layout`, for `office`, as of `today`.
pub(crate) async fn check<C: ConnectionTrait>(
    db: &C,
    office: BapasId,
    layout: &Layout,
    sheet: &Sheet,
    today: Date,
) -> ServiceResult<Checked> {
    let officers = officers(db, office).await?;
    let rules = PeriodRules::default();
    let mut first_of: HashMap<String, u32> = HashMap::new();
    let mut pending = Vec::with_capacity(sheet.rows.len());
    for (row, cells) in &sheet.rows {
        let (mut form, pk_name) = layout.row(cells);
        let mut entry =
            Pending { row: *row, name: form.full_name.clone(), draft: None, pk: None, issues: Vec::new() };
        if !pk_name.is_empty() {
            match officers.get(&pk_name.to_lowercase()) {
                Some((id, public)) => {
                    form.pk_id = public.to_string();
                    entry.pk = Some(*id);
                }
                None => entry.field(PK_FIELD, Problem::UnknownReference),
            }
        }
        for key in row_identity(&form) {
            match first_of.get(&key) {
                Some(first) => {
                    let repeat = RowIssue::RepeatOf(*first);
                    if !entry.issues.contains(&repeat) {
                        entry.issues.push(repeat);
                    }
                }
                None => {
                    first_of.insert(key, *row);
                }
            }
        }
        match form.parse(today, &rules) {
            Ok(draft) if draft.legal_basis == LegalBasis::PendampinganAnak => {
                entry.issues.push(RowIssue::Child)
            }
            Ok(draft) => entry.draft = Some(draft),
            Err(kind) => match kind.field_errors() {
                Some(errors) if errors.get("birth_date") == Some(Problem::ChildOnAdultForm) => {
                    entry.issues.push(RowIssue::Child);
                }
                Some(errors) => entry.issues.extend(RowIssue::of_fields(errors.clone())),
                None => entry.field("full_name", Problem::BadFormat),
            },
        }
        pending.push(entry);
    }

    let niks: Vec<String> = pending
        .iter()
        .filter_map(|p| p.draft.as_ref()?.nik.as_ref().map(|n| n.as_str().to_owned()))
        .collect::<HashSet<_>>()
        .into_iter()
        .collect();
    let taken = niks_taken(db, &niks).await?;
    let mut nik_regions: HashMap<String, bool> = HashMap::new();
    let mut villages: HashMap<String, bool> = HashMap::new();
    for entry in &mut pending {
        let Some(draft) = &entry.draft else { continue };
        let (nik, village) = (draft.nik.clone(), draft.region_code.clone());
        if let Some(nik) = nik {
            if taken.contains(nik.as_str()) {
                entry.field("nik", Problem::Taken);
            }
            let prefix = nik.as_str()[..6].to_owned();
            let known = match nik_regions.get(&prefix) {
                Some(known) => *known,
                None => *nik_regions.entry(prefix).or_insert(nik_region_known(db, &nik).await?),
            };
            if !known {
                entry.field("nik", Problem::UnknownRegion);
            }
        }
        if let Some(code) = village {
            let known = match villages.get(code.as_str()) {
                Some(known) => *known,
                None => *villages.entry(code.as_str().to_owned()).or_insert(region_known(db, &code).await?),
            };
            if !known {
                entry.field("region_code", Problem::UnknownRegion);
            }
        }
    }

    let mut checked = Checked { good: Vec::new(), problems: Vec::new() };
    for entry in pending {
        match entry.draft {
            Some(draft) if entry.issues.is_empty() => {
                checked.good.push(GoodRow { row: entry.row, draft, pk: entry.pk });
            }
            _ => checked.problems.push(RowProblem {
                row: entry.row,
                name: entry.name.chars().take(120).collect(),
                issues: entry.issues,
            }),
        }
    }
    Ok(checked)
}
