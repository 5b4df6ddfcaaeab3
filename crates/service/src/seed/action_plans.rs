//! Demo action plans: each demo office's plan for the half year around today — identity
//! cards any way, work through its skills course, health insurance (through Dinas Sosial in
//! Jakarta Barat) — half done: each target is set to twice what the seeded checklist history
//! has already met, so the page shows real counts against a real target.

use pamong_domain::calendar::CalendarMonth;
use pamong_domain::reintegration::action_plan::{ObjectiveForm, PlanForm};
use pamong_entity::{action_objective, bapas, programme};
use sea_orm::{ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, Set};
use time::OffsetDateTime;

use super::partners::DemoPartner;
use crate::actor::Actor;
use crate::error::ServiceResult;
use crate::reintegration::action_plans;

/// Adds the demo plans.
pub async fn generate(
    db: &DatabaseConnection,
    dinsos: Option<&DemoPartner>,
    now: OffsetDateTime,
) -> ServiceResult<()> {
    let today = super::demo_today(now);
    let months = CalendarMonth::of(today).last(3);
    let (start, end) = (months[0].first_day(), add_months_end(months[2], 3));
    for office in bapas::Entity::find().order_by_asc(bapas::Column::Id).all(db).await? {
        let head = super::programmes::head_of(db, &office).await?;
        let title = format!("Rencana aksi {} – {}", months[0], CalendarMonth::of(end));
        let form = PlanForm { title, starts_on: start.to_string(), ends_on: end.to_string() };
        let plan = action_plans::create(db, &head, &form, now).await?;
        let course = programme::Entity::find()
            .filter(programme::Column::BapasId.eq(office.id))
            .filter(programme::Column::Kind.eq("kemandirian"))
            .one(db)
            .await?;
        let dinsos = dinsos.filter(|_| office.code == "JAKBAR");
        let objectives = [
            ("Klien memiliki KTP-el", "ktp", String::new(), String::new()),
            (
                "Klien bekerja setelah pelatihan",
                "pekerjaan",
                String::new(),
                course.map(|c| c.public_id.to_string()).unwrap_or_default(),
            ),
            (
                "Klien terdaftar BPJS",
                "bpjs",
                dinsos.map(|d| d.id.to_string()).unwrap_or_default(),
                String::new(),
            ),
        ];
        // The Kabapas answers for each (an office without a Kabapas account: nobody named).
        let owner = if head.user_id.is_some() { head.public_id.to_string() } else { String::new() };
        for (title, item, partner_id, programme_id) in objectives {
            let form = ObjectiveForm {
                title: title.into(),
                item: item.into(),
                target: "1".into(),
                partner_id,
                programme_id,
                owner_id: owner.clone(),
                due_on: end.to_string(),
            };
            action_plans::add_objective(db, &head, plan, &form, now).await?;
        }
        half_done(db, &head, today).await?;
    }
    Ok(())
}

/// The last day of the month `count` months after `m`.
fn add_months_end(m: CalendarMonth, count: usize) -> time::Date {
    let mut out = m;
    for _ in 0..count {
        out = CalendarMonth::of(out.last_day().next_day().unwrap_or(out.last_day()));
    }
    out.last_day()
}

/// Sets each objective's target to twice what it has met so far (at least 4).
async fn half_done(db: &DatabaseConnection, head: &Actor, today: time::Date) -> ServiceResult<()> {
    let plans = action_plans::of_office(db, head, None, today).await?;
    for plan in plans.plans {
        for o in plan.objectives {
            let Some(row) = action_objective::Entity::find()
                .filter(action_objective::Column::PublicId.eq(o.id))
                .one(db)
                .await?
            else {
                continue;
            };
            let target = (o.progress.met * 2).max(4);
            let mut model = action_objective::ActiveModel::from(row);
            model.target = Set(i32::try_from(target).unwrap_or(i32::MAX));
            model.update(db).await?;
        }
    }
    Ok(())
}
