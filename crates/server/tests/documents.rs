//! Files written from what the pages show, downloaded as the pages' links download them: the
//! printable documents as PDF (the text read back with a PDF text extractor) and the
//! dashboards' tables as spreadsheets; each named for what it holds, refused to whoever may
//! not read it, and written to the export log.

#![allow(clippy::unwrap_used, reason = "a test: a failure fails it")]

mod common;

use axum::http::{StatusCode, header};
use common::{NOW, Reply, TestApp, spawn};
use pamong_domain::logs::{ExportFilter, ExportKind};
use pamong_entity::ks_placement;
use pamong_service::seed::DEMO_PASSWORD;
use pamong_service::{auth, exports};
use sea_orm::EntityTrait;

async fn cookie(t: &TestApp, username: &str) -> String {
    t.login(username, DEMO_PASSWORD, None).await.cookie.unwrap()
}

/// The reply's PDF text, after checking it is a PDF sent as a download.
fn pdf_text(reply: &Reply, stem: &str) -> String {
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    assert_eq!(reply.headers[header::CONTENT_TYPE], "application/pdf");
    let disposition = reply.headers[header::CONTENT_DISPOSITION].to_str().unwrap();
    assert!(disposition.starts_with(&format!("attachment; filename=\"{stem}")), "{disposition}");
    assert!(disposition.ends_with(".pdf\""), "{disposition}");
    assert!(reply.bytes.starts_with(b"%PDF-"));
    pdf_extract::extract_text_from_mem(&reply.bytes).unwrap()
}

async fn printed(t: &TestApp, username: &str) -> Vec<ExportKind> {
    let id = auth::login(&t.db.conn, username, DEMO_PASSWORD, None, NOW).await.unwrap();
    let actor = auth::actor_for(&t.db.conn, id).await.unwrap().unwrap();
    let log = exports::list(&t.db.conn, &actor, &ExportFilter::default()).await.unwrap();
    log.items.iter().map(|r| r.kind).collect()
}

#[tokio::test]
async fn the_hours_statement_downloads_as_a_pdf_on_the_letterhead() {
    let t = spawn().await;
    let pk = cookie(&t, "pk.jakbar").await;
    let kanwil = cookie(&t, "kanwil.dki").await;
    let mut found = None;
    for p in ks_placement::Entity::find().all(&t.db.conn).await.unwrap() {
        let path = format!("/api/kerja-sosial/statement-pdf?id={}", p.public_id);
        let reply = t.get(&path, Some(&pk)).await;
        if reply.status == StatusCode::OK {
            found = Some((path, reply));
            break;
        }
    }
    let (path, reply) = found.expect("a placement of the PK's office");
    let text = pdf_text(&reply, "pernyataan-kerja-sosial-");
    for expected in [
        "KEMENTERIAN IMIGRASI DAN PEMASYARAKATAN",
        "BAPAS KELAS I JAKARTA BARAT",
        "SURAT KETERANGAN PELAKSANAAN PIDANA KERJA SOSIAL",
        "Jam yang telah dilaksanakan",
        "Pembimbing Kemasyarakatan",
        "Halaman 1 dari",
    ] {
        assert!(text.contains(expected), "{expected} missing from:\n{text}");
    }
    assert_eq!(t.get(&path, Some(&kanwil)).await.status, StatusCode::NOT_FOUND, "the Kanwil places no one");
    assert_eq!(t.get(&path, None).await.status, StatusCode::UNAUTHORIZED);
    assert_eq!(printed(&t, "kabapas.jakbar").await, [ExportKind::HoursStatement]);
}

#[tokio::test]
async fn the_monthly_report_downloads_as_a_pdf_and_names_no_one() {
    let t = spawn().await;
    let kabapas = cookie(&t, "kabapas.jakbar").await;
    let reply = t.get("/api/reintegration/monthly-report-pdf?month=2026-10", Some(&kabapas)).await;
    let text = pdf_text(&reply, "laporan-bulanan-bapas-kelas-i-jakarta-barat-2026-10");
    for expected in [
        "LAPORAN BULANAN PEMBIMBINGAN DAN REINTEGRASI KLIEN",
        "Oktober 2026",
        "1. Kebutuhan klien",
        "2. Program pembinaan",
        "5. Rencana aksi",
        "Cara penghitungan",
        "Kepala Bapas Kelas I Jakarta Barat",
    ] {
        assert!(text.contains(expected), "{expected} missing from:\n{text}");
    }
    let bad = t.get("/api/reintegration/monthly-report-pdf?month=oktober", Some(&kabapas)).await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", bad.body);
    let mitra = cookie(&t, "mitra.jakbar").await;
    let refused = t.get("/api/reintegration/monthly-report-pdf", Some(&mitra)).await;
    assert_eq!(refused.status, StatusCode::NOT_FOUND);
    assert_eq!(printed(&t, "kabapas.jakbar").await, [ExportKind::MonthlyReport]);
}

#[tokio::test]
async fn the_dashboard_tables_download_as_spreadsheets_with_the_figures_named() {
    let t = spawn().await;
    let kabapas = cookie(&t, "kabapas.jakbar").await;
    let reply = t.get("/api/oversight/dashboard/export?format=csv-excel", Some(&kabapas)).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    let disposition = reply.headers[header::CONTENT_DISPOSITION].to_str().unwrap();
    assert!(
        disposition.contains("filename=\"dasbor-bapas-kelas-i-jakarta-barat-2026-11-24.csv\""),
        "{disposition}"
    );
    let text = reply.body.trim_start_matches('\u{feff}');
    let mut lines = text.lines();
    assert_eq!(
        lines.next(),
        Some(
            "Angka;PK;Nilai per 24/11/2026;Jumlah per 24/11/2026;Dari (per 24/11/2026);Nilai per 24/10/2026;Jumlah per 24/10/2026;Dari (per 24/10/2026)"
        )
    );
    assert!(text.contains("Klien terlambat lapor;Seluruh kantor;"), "{text}");
    assert!(text.lines().count() > 10, "a figure per officer too");

    let kanwil = cookie(&t, "kanwil.dki").await;
    let reply = t.get("/api/oversight/region/export?format=csv", Some(&kanwil)).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    assert!(reply.body.starts_with("Angka,Kantor atau Kanwil,Klien dalam pengawasan,"), "{}", reply.body);
    assert!(reply.body.contains("Bapas Kelas I Jakarta Barat"), "{}", reply.body);
    let refused = t.get("/api/oversight/region/export?format=csv", Some(&kabapas)).await;
    assert_eq!(refused.status, StatusCode::NOT_FOUND);
    let unknown = t.get("/api/oversight/region/export?format=pdf", Some(&kanwil)).await;
    assert_eq!(unknown.status, StatusCode::NOT_FOUND);
    assert_eq!(printed(&t, "kabapas.jakbar").await, [ExportKind::OfficeVitals]);
}

#[tokio::test]
async fn the_logs_download_as_searched_in_bahasa_indonesia() {
    let t = spawn().await;
    let kabapas = cookie(&t, "kabapas.jakbar").await;
    let reply = t.get("/api/logs/audit/export?jenis=client&format=xlsx", Some(&kabapas)).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    let disposition = reply.headers[header::CONTENT_DISPOSITION].to_str().unwrap();
    assert!(disposition.contains("filename=\"log-audit.xlsx\""), "{disposition}");
    let mut book: calamine::Xlsx<_> =
        calamine::open_workbook_from_rs(std::io::Cursor::new(reply.bytes)).unwrap();
    let sheet = calamine::Reader::worksheet_range(&mut book, "Audit").unwrap();
    let heading: Vec<String> = sheet.rows().next().unwrap().iter().map(ToString::to_string).collect();
    assert_eq!(
        heading,
        ["Waktu", "Pengguna", "Tindakan", "Jenis catatan", "Catatan", "Nomor register klien", "Perubahan"]
    );
    assert!(sheet.height() > 1, "the seeded clients were registered");
    assert!(sheet.rows().skip(1).all(|r| r[3] == "data klien"), "narrowed to clients");

    let reply = t.get("/api/abh/access-log/export?format=csv", Some(&kabapas)).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    assert!(reply.body.starts_with("Waktu,Pengguna,Catatan,Alasan\r\n"), "{}", reply.body);
    let reply = t.get("/api/logs/exports/export?format=csv", Some(&kabapas)).await;
    assert!(
        reply.body.starts_with("Waktu,Pengguna,Jenis ekspor,Yang diminta,Jumlah baris\r\n"),
        "{}",
        reply.body
    );
    assert!(
        reply.body.contains("Log akses data anak"),
        "the access log's download is logged: {}",
        reply.body
    );

    let pk = cookie(&t, "pk.jakbar").await;
    for path in ["/api/logs/audit/export", "/api/abh/access-log/export", "/api/logs/exports/export"] {
        let refused = t.get(&format!("{path}?format=csv"), Some(&pk)).await;
        assert_eq!(refused.status, StatusCode::NOT_FOUND, "{path}");
    }
    assert_eq!(
        printed(&t, "kabapas.jakbar").await,
        [ExportKind::ExportLog, ExportKind::AccessLog, ExportKind::AuditLog]
    );
}

#[tokio::test]
async fn the_users_and_the_partner_directory_download_for_those_who_keep_them() {
    let t = spawn().await;
    let admin = cookie(&t, "admin").await;
    let reply = t.get("/api/users/export?q=jakbar&format=csv", Some(&admin)).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    let mut lines = reply.body.lines();
    assert_eq!(
        lines.next(),
        Some("Nama lengkap,Nama pengguna,NIP,Peran,Kantor,Email,Nomor HP,Status,Terakhir masuk")
    );
    let rows: Vec<&str> = lines.collect();
    assert!(rows.iter().any(|l| l.contains(",kabapas.jakbar,")), "{rows:?}");
    assert!(rows.iter().all(|l| l.contains(".jakbar,")), "as searched: {rows:?}");

    let kabapas = cookie(&t, "kabapas.jakbar").await;
    let reply = t.get("/api/partners/export?format=csv-excel", Some(&kabapas)).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    let text = reply.body.trim_start_matches('\u{feff}');
    assert!(text.starts_with("Nama lembaga;Jenis lembaga;Bapas;"), "{text}");
    assert!(text.lines().count() > 1, "the demo's partners");
    let mitra = cookie(&t, "mitra.jakbar").await;
    assert_eq!(t.get("/api/users/export?format=csv", Some(&mitra)).await.status, StatusCode::NOT_FOUND);
    assert_eq!(printed(&t, "kabapas.jakbar").await, [ExportKind::PartnerList]);
}

#[tokio::test]
async fn the_childrens_cases_download_as_listed_and_each_named_child_is_access_logged() {
    use pamong_entity::access_log;
    use sea_orm::{ColumnTrait, PaginatorTrait, QueryFilter};
    let t = spawn().await;
    let exported = || access_log::Entity::find().filter(access_log::Column::Entity.eq("export"));
    let before = exported().count(&t.db.conn).await.unwrap();
    let kabapas = cookie(&t, "kabapas.jakbar").await;
    let reply = t.get("/api/abh/export?format=csv", Some(&kabapas)).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    let disposition = reply.headers[header::CONTENT_DISPOSITION].to_str().unwrap();
    assert!(disposition.starts_with("attachment; filename=\"perkara-anak"), "{disposition}");
    let mut lines = reply.body.lines();
    assert_eq!(lines.next(), Some("Nomor register klien,Anak,Tahap,Perkara,PK"));
    let rows: Vec<&str> = lines.collect();
    assert!(!rows.is_empty(), "the demo's children");
    // The Kabapas sees every child of the office by name: each one left in the file is logged.
    let logged = exported().count(&t.db.conn).await.unwrap() - before;
    assert_eq!(logged, rows.len() as u64, "{rows:?}");

    let kanwil = cookie(&t, "kanwil.dki").await;
    assert_eq!(t.get("/api/abh/export?format=csv", Some(&kanwil)).await.status, StatusCode::NOT_FOUND);
    assert_eq!(printed(&t, "kabapas.jakbar").await, [ExportKind::AbhCaseList]);
}

#[tokio::test]
async fn the_programme_catalogue_downloads_as_its_page_lists_it() {
    let t = spawn().await;
    let kabapas = cookie(&t, "kabapas.jakbar").await;
    let reply = t.get("/api/programmes/export?format=csv", Some(&kabapas)).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    let mut lines = reply.body.lines();
    assert_eq!(
        lines.next(),
        Some(
            "Nama program,Jenis,Bapas,Mitra,PKS,PKS berlaku,Tempat,Jadwal,Mulai,Selesai,Kapasitas,Terisi,\
             Kebutuhan yang dipenuhi,Status"
        )
    );
    let rows: Vec<&str> = lines.collect();
    assert!(!rows.is_empty(), "the demo's programmes");
    assert!(rows.iter().all(|l| l.contains("Jakarta Barat")), "the office's own: {rows:?}");
    assert_eq!(printed(&t, "kabapas.jakbar").await, [ExportKind::ProgrammeList]);
    let bogus = t.get("/api/programmes/export?format=pdf", Some(&kabapas)).await;
    assert_eq!(bogus.status, StatusCode::NOT_FOUND, "an unknown format");
}

#[tokio::test]
async fn the_kelayan_binter_groups_download_for_those_who_read_them() {
    let t = spawn().await;
    let coordinator = cookie(&t, "koordinator.jakbar").await;
    let reply = t.get("/api/groups/export?format=csv", Some(&coordinator)).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    let mut lines = reply.body.lines();
    assert_eq!(
        lines.next(),
        Some(
            "Nama kelompok,Kecamatan yang dicakup,Koordinator,Anggota,Tindak lanjut terbuka,\
             Tindak lanjut terlambat"
        )
    );
    let rows: Vec<&str> = lines.collect();
    assert!(!rows.is_empty(), "the coordinator's group");
    // The coordinator's download is the office's: its Kabapas reads it in the export log.
    assert_eq!(printed(&t, "kabapas.jakbar").await, [ExportKind::GroupList]);
}

#[tokio::test]
async fn the_work_sites_download_with_their_days_and_supervisors() {
    let t = spawn().await;
    let kabapas = cookie(&t, "kabapas.jakbar").await;
    let reply = t.get("/api/kerja-sosial/sites/export?format=csv", Some(&kabapas)).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    let mut lines = reply.body.lines();
    assert_eq!(
        lines.next(),
        Some(
            "Nama lokasi,Lembaga mitra,PKS,PKS berlaku,Alamat,Wilayah (kecamatan/kabupaten),Jenis pekerjaan,\
             Hari,Jam,Daya tampung,Ditempatkan,Pengawas lokasi,Nomor HP,Status"
        )
    );
    assert!(lines.count() > 0, "the demo's sites");
    assert_eq!(printed(&t, "kabapas.jakbar").await, [ExportKind::WorkSiteList]);
}

#[tokio::test]
async fn the_action_plans_download_one_row_per_objective() {
    let t = spawn().await;
    let kabapas = cookie(&t, "kabapas.jakbar").await;
    let reply = t.get("/api/reintegration/plans/export?format=csv", Some(&kabapas)).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    let mut lines = reply.body.lines();
    assert_eq!(
        lines.next(),
        Some(
            "Judul rencana,Periode,Sasaran,Kebutuhan,Target (klien),Klien tercapai,Sedang diproses,Status,\
             Melalui,Penanggung jawab,Tenggat"
        )
    );
    let rows: Vec<&str> = lines.collect();
    assert_eq!(rows.len(), 3, "the demo plan's three objectives: {rows:?}");
    assert!(rows.iter().any(|l| l.contains("Klien memiliki KTP-el")), "{rows:?}");
    assert_eq!(printed(&t, "kabapas.jakbar").await, [ExportKind::ActionPlanList]);
    let mitra = cookie(&t, "mitra.jakbar").await;
    let refused = t.get("/api/reintegration/plans/export?format=csv", Some(&mitra)).await;
    assert_eq!(refused.status, StatusCode::NOT_FOUND, "a partner reads no office's plans");
}

#[tokio::test]
async fn the_offices_download_as_their_lists_show_them() {
    let t = spawn().await;
    let admin = cookie(&t, "admin").await;
    let reply = t.get("/api/bapas/export?format=csv", Some(&admin)).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    let mut lines = reply.body.lines();
    assert_eq!(
        lines.next(),
        Some(
            "Kode Bapas,Nama Bapas,Kelas,Kanwil,Zona waktu,Alamat,Telepon kantor,\
             Wilayah kerja (kabupaten/kota),Status"
        )
    );
    assert!(lines.any(|l| l.starts_with("JAKBAR,")), "{}", reply.body);
    let searched = t.get("/api/kanwil/export?format=csv&q=jakarta", Some(&admin)).await;
    assert_eq!(searched.status, StatusCode::OK, "{}", searched.body);
    let mut lines = searched.body.lines();
    assert_eq!(lines.next(), Some("Kode provinsi,Nama Kanwil,Jumlah Bapas,Status"));
    let rows: Vec<&str> = lines.collect();
    assert!(!rows.is_empty() && rows.iter().all(|l| l.to_lowercase().contains("jakarta")), "{rows:?}");
    // An officer's list, and so its download, is their own office.
    let pk = cookie(&t, "pk.jakbar").await;
    let own = t.get("/api/bapas/export?format=csv", Some(&pk)).await;
    let rows: Vec<&str> = own.body.lines().skip(1).collect();
    assert_eq!(rows.len(), 1, "{rows:?}");
    assert!(rows[0].starts_with("JAKBAR,"), "{rows:?}");
    assert_eq!(
        printed(&t, "kabapas.jakbar").await,
        [ExportKind::BapasList],
        "the officer's, in the office's log"
    );
}
