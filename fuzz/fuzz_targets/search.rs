//! The client search: any text the list accepts becomes SQL for both databases on a
//! quarter of a server worker's stack (what used to overflow it was a query that grew with
//! the text typed).
#![no_main]

use libfuzzer_sys::fuzz_target;
use pamong_domain::page::ListQuery;
use pamong_service::clients::search::statements;

fuzz_target!(|data: &[u8]| {
    let query = ListQuery { q: String::from_utf8_lossy(data).into_owned(), ..ListQuery::default() };
    let Ok(Some(q)) = query.search() else { return };
    let q = q.to_owned();
    let built = std::thread::Builder::new()
        .stack_size(512 * 1024)
        .spawn(move || statements(&q).map(|sql| sql.len()))
        .expect("spawn")
        .join();
    assert!(matches!(built, Ok(lengths) if lengths.iter().all(|l| *l < 64 * 1024)));
});
