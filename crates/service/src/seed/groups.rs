//! The demo Kelayan Binter group: Kecamatan Tamansari at Bapas Jakarta Barat, coordinated by
//! `koordinator.jakbar`, with members, a past meeting and one overdue follow-up.

use pamong_domain::groups::{ActionForm, GroupForm, MeetingForm, MemberForm};
use pamong_entity::user;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter};
use time::{Duration, OffsetDateTime};

use crate::error::ServiceResult;
use crate::{auth, groups};

/// The actor a demo login acts as, when it exists.
pub(super) async fn actor(db: &DatabaseConnection, username: &str) -> ServiceResult<Option<crate::Actor>> {
    match user::Entity::find().filter(user::Column::Username.eq(username)).one(db).await? {
        Some(u) => auth::actor_for(db, u.id).await,
        None => Ok(None),
    }
}

/// Forms the demo group (when the demo's Kabapas and coordinator exist).
pub async fn generate(db: &DatabaseConnection, now: OffsetDateTime) -> ServiceResult<()> {
    let today = super::demo_today(now);
    let (Some(kabapas), Some(coordinator)) =
        (actor(db, "kabapas.jakbar").await?, actor(db, "koordinator.jakbar").await?)
    else {
        return Ok(());
    };
    let form = GroupForm {
        name: "Kelayan Binter Kecamatan Tamansari".into(),
        areas: "Tamansari, Taman Sari".into(),
        coordinator_id: coordinator.public_id.to_string(),
    };
    let group = groups::create(db, &kabapas, &form, now).await?;
    let joined = (today - Duration::days(200)).to_string();
    for (name, institution, role) in [
        ("Drs. Hendra Wijaya", "Kecamatan Tamansari", "ketua"),
        ("Iptu Ahmad Fauzi", "Polsek Tamansari", "anggota"),
        ("Hj. Nurhayati", "Tokoh masyarakat", "sekretaris"),
        ("Bambang Irawan", "Kelurahan Pinangsia", "anggota"),
    ] {
        let member = MemberForm {
            name: name.into(),
            institution: institution.into(),
            role: role.into(),
            joined_on: joined.clone(),
            ..Default::default()
        };
        groups::add_member(db, &coordinator, group, &member, today, now).await?;
    }
    let view = groups::get(db, &coordinator, group, today).await?;
    let present: Vec<String> = view.members.iter().take(3).map(|m| m.id.to_string()).collect();
    let camat = view.members.first().map(|m| m.id.to_string()).unwrap_or_default();
    let meeting = MeetingForm {
        held_on: (today - Duration::days(14)).to_string(),
        place: "Aula Kecamatan Tamansari".into(),
        agenda: "Pemetaan klien integrasi risiko tinggi di Tamansari".into(),
        minutes: "Dibahas tiga klien PB risiko tinggi dan kebutuhan dokumen kependudukan.".into(),
        decisions: "Pendataan KTP klien bersama Dukcapil\nKunjungan rumah bersama Polsek".into(),
        present,
        actions: vec![ActionForm {
            title: "Daftar klien tanpa KTP ke Dukcapil".into(),
            owner: format!("anggota:{camat}"),
            due_on: (today - Duration::days(3)).to_string(),
        }],
    };
    groups::record_meeting(db, &coordinator, group, &meeting, today, now).await?;
    Ok(())
}
