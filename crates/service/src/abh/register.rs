//! Registering a child's case: the child as a client with the child flag, and the case.

use pamong_domain::abh::case::AbhCaseForm;
use pamong_domain::abh::clock::Stage;
use pamong_domain::client::ClientForm;
use pamong_domain::error::{ErrorKind, FieldErrors};
use pamong_domain::legal::{LegalBasis, PeriodRules};
use pamong_entity::abh_case;
use sea_orm::{ActiveModelTrait, DatabaseConnection, Set};
use time::{Date, OffsetDateTime};
use uuid::Uuid;

use crate::actor::Actor;
use crate::audit::{self, Changes};
use crate::clients::registry;
use crate::db::begin_write;
use crate::error::{ServiceError, ServiceResult};
use crate::policy;

fn errors_of(kind: ErrorKind) -> Result<FieldErrors, ErrorKind> {
    match kind {
        ErrorKind::Invalid(errors) => Ok(errors),
        other => Err(other),
    }
}

/// Registers a child's case in the actor's office; returns the child's client id. The
/// identity is checked as any client's (NIK, duplicates); the case by the SPPA rules (an
/// adult on the day of the offence is refused). Both forms' errors come back together.
pub async fn create(
    db: &DatabaseConnection,
    actor: &Actor,
    child: &ClientForm,
    form: &AbhCaseForm,
    today: Date,
    now: OffsetDateTime,
) -> ServiceResult<Uuid> {
    let Some(bapas_id) = actor.bapas_id.filter(|_| policy::can_register_client(actor)) else {
        return Err(ServiceError::not_found());
    };
    // A case in process has no supervision period: it starts with the investigation.
    let child = ClientForm {
        legal_basis: LegalBasis::PendampinganAnak.as_str().into(),
        supervision_start: form.investigation_start.clone(),
        ..child.clone()
    };
    let identity = child.parse(today, &PeriodRules::default());
    let birth = identity.as_ref().ok().map(|d| d.birth_date);
    let case = form.parse(birth, today);
    let (identity, draft) = match (identity, case) {
        (Ok(identity), Ok(draft)) => (identity, draft),
        (identity, case) => {
            let mut errors = FieldErrors::new();
            for result in [identity.err(), case.err()].into_iter().flatten() {
                for e in errors_of(result)?.0 {
                    // The period fields are not on this form: the investigation start is.
                    let field =
                        if e.field == "supervision_start" { "investigation_start".into() } else { e.field };
                    if errors.get(&field).is_none() {
                        errors.add(&field, e.problem);
                    }
                }
            }
            return Err(ErrorKind::Invalid(errors).into());
        }
    };
    let txn = begin_write(db).await?;
    let row = registry::insert(&txn, actor, &identity, bapas_id, true, now).await?;
    let months = i32::try_from(draft.max_penalty_months).unwrap_or(i32::MAX);
    let case = abh_case::ActiveModel {
        public_id: Set(Uuid::now_v7()),
        client_id: Set(row.id),
        father_name: Set(draft.father_name),
        mother_name: Set(draft.mother_name),
        guardian_name: Set(draft.guardian_name),
        guardian_relation: Set(draft.guardian_relation),
        parents_phone: Set(draft.parents_phone),
        offence_date: Set(draft.offence_date),
        offence: Set(draft.offence),
        max_penalty_months: Set(months),
        repeat_offence: Set(draft.repeat_offence),
        victim_is_child: Set(draft.victim_is_child),
        witness_is_child: Set(draft.witness_is_child),
        investigator: Set(draft.investigator),
        police_unit: Set(draft.police_unit),
        stage: Set(Stage::Penyidikan.as_str().into()),
        investigation_start: Set(draft.investigation_start),
        prosecution_received: Set(None),
        court_appointed: Set(None),
        detained_since: Set(draft.detained_since),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    // Names stay out of the audit log: the child's, and the parents'.
    let changes = Changes::of_client(&row)
        .redacted("full_name")
        .redacted("family")
        .set("register_number", &row.register_number)
        .set("offence_date", &case.offence_date)
        .set("max_penalty_months", &case.max_penalty_months)
        .set("repeat_offence", &case.repeat_offence)
        .set("pk_id", &row.pk_id);
    audit::record(&txn, actor, now, "create", "abh_case", &row.public_id.to_string(), &changes).await?;
    txn.commit().await?;
    Ok(row.public_id)
}
