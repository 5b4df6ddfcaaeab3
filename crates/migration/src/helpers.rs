//! Small helpers the migrations share.

use sea_orm_migration::prelude::*;

/// Creates a plain (non-unique) index on `cols` of `table`.
pub(crate) async fn index<T, C>(
    manager: &SchemaManager<'_>,
    name: &str,
    table: T,
    cols: &[C],
) -> Result<(), DbErr>
where
    T: IntoIden + Copy + 'static,
    C: IntoIden + Copy + 'static,
{
    let mut stmt = Index::create();
    stmt.name(name).table(table);
    for col in cols {
        stmt.col(*col);
    }
    manager.create_index(stmt.to_owned()).await
}

/// A foreign key from `table.col` to `to.to_col`.
pub(crate) fn fk<
    T: IntoIden + Copy + 'static,
    C: IntoIden + Copy + 'static,
    R: IntoIden + 'static,
    RC: IntoIden + 'static,
>(
    name: &str,
    table: T,
    col: C,
    to: R,
    to_col: RC,
    on_delete: ForeignKeyAction,
) -> ForeignKeyCreateStatement {
    ForeignKey::create().name(name).from(table, col).to(to, to_col).on_delete(on_delete).to_owned()
}
