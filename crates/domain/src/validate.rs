//! Small text parsers shared by the domain's input types.

use crate::error::{FieldErrors, Problem};

/// Trims `raw` and checks it is present and at most `max` characters; records a problem for
/// `field` otherwise. Returns the trimmed text (possibly empty on error).
pub fn required_text(errors: &mut FieldErrors, field: &str, raw: &str, max: u16) -> String {
    let value = collapse_spaces(raw);
    if value.is_empty() {
        errors.add(field, Problem::Required);
    } else if value.chars().count() > usize::from(max) {
        errors.add(field, Problem::TooLong { max });
    }
    value
}

/// Like [`required_text`] but an empty value is fine and becomes `None`.
pub fn optional_text(errors: &mut FieldErrors, field: &str, raw: &str, max: u16) -> Option<String> {
    let value = collapse_spaces(raw);
    if value.is_empty() {
        return None;
    }
    if value.chars().count() > usize::from(max) {
        errors.add(field, Problem::TooLong { max });
    }
    Some(value)
}

/// Trims and folds runs of white space into one space, so "  Bapas   Jember " and
/// "Bapas Jember" are the same name.
pub fn collapse_spaces(raw: &str) -> String {
    raw.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// An optional phone number: digits with an optional leading `+`, spaces and dashes allowed
/// and removed; 8 to 15 digits.
pub fn optional_phone(errors: &mut FieldErrors, field: &str, raw: &str) -> Option<String> {
    let trimmed = raw.trim();
    if trimmed.is_empty() {
        return None;
    }
    let (plus, rest) = match trimmed.strip_prefix('+') {
        Some(rest) => ("+", rest),
        None => ("", trimmed),
    };
    let digits: String = rest.chars().filter(|c| !matches!(c, ' ' | '-')).collect();
    if !digits.chars().all(|c| c.is_ascii_digit()) || !(8..=15).contains(&digits.len()) {
        errors.add(field, Problem::BadFormat);
    }
    Some(format!("{plus}{digits}"))
}

/// An optional e-mail address: one `@` with text on both sides and a dot in the domain.
pub fn optional_email(errors: &mut FieldErrors, field: &str, raw: &str) -> Option<String> {
    let value = raw.trim().to_lowercase();
    if value.is_empty() {
        return None;
    }
    let ok = match value.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !value.contains(char::is_whitespace)
                && !domain.contains('@')
        }
        None => false,
    };
    if !ok {
        errors.add(field, Problem::BadFormat);
    }
    if value.chars().count() > 254 {
        errors.add(field, Problem::TooLong { max: 254 });
    }
    Some(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn required_text_trims_and_folds() {
        let mut e = FieldErrors::new();
        assert_eq!(required_text(&mut e, "n", "  Bapas   Jember ", 50), "Bapas Jember");
        assert!(e.is_empty());
    }

    #[test]
    fn required_text_reports_empty_and_long() {
        let mut e = FieldErrors::new();
        required_text(&mut e, "a", "   ", 5);
        required_text(&mut e, "b", "abcdef", 5);
        required_text(&mut e, "c", "abcde", 5);
        assert_eq!(e.get("a"), Some(Problem::Required));
        assert_eq!(e.get("b"), Some(Problem::TooLong { max: 5 }));
        assert_eq!(e.get("c"), None);
    }

    #[test]
    fn phone_accepts_indonesian_forms() {
        let mut e = FieldErrors::new();
        assert_eq!(optional_phone(&mut e, "p", "0812-3456-7890").as_deref(), Some("081234567890"));
        assert_eq!(optional_phone(&mut e, "p", "+62 812 3456 7890").as_deref(), Some("+6281234567890"));
        assert_eq!(optional_phone(&mut e, "p", " "), None);
        assert!(e.is_empty());
        optional_phone(&mut e, "q", "12ab5678");
        optional_phone(&mut e, "r", "1234567");
        assert_eq!(e.get("q"), Some(Problem::BadFormat));
        assert_eq!(e.get("r"), Some(Problem::BadFormat));
    }

    #[test]
    fn email_shape() {
        let mut e = FieldErrors::new();
        assert_eq!(optional_email(&mut e, "e", " Ana@Bapas.go.id ").as_deref(), Some("ana@bapas.go.id"));
        assert!(e.is_empty());
        for (i, bad) in ["ana", "ana@", "@x.id", "ana@x", "a b@x.id", "a@.id"].iter().enumerate() {
            let f = format!("f{i}");
            optional_email(&mut e, &f, bad);
            assert_eq!(e.get(&f), Some(Problem::BadFormat), "{bad}");
        }
    }
}
