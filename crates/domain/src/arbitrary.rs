//! Arbitrary input for every parser, shared by the property tests and the fuzz targets
//! (feature `test-support`; never built into the app).
//!
//! A [`Source`] hands out texts and numbers (proptest draws them from strategies, a fuzz
//! target from its bytes). [`fill`] builds any form from it through its own `Deserialize`
//! impl, so a field added to a form is fuzzed without touching this file, and
//! [`parse_form`] runs one form's `parse` against every context it can meet (each stage,
//! zone, legal basis, status).

use serde::de::value::{Error, StrDeserializer};
use serde::de::{self, DeserializeOwned, DeserializeSeed, IntoDeserializer, Visitor};
use time::{Date, OffsetDateTime};

use crate::abh::case::AbhCaseForm;
use crate::abh::clock::Stage;
use crate::abh::litmas::{LitmasContent, LitmasRequestForm};
use crate::abh::process::{BreachForm, DiversionForm, EventForm, StageForm};
use crate::agreements::{AgreementForm, TerminationForm};
use crate::caseload::AssessmentForm;
use crate::client::{ClientForm, ClientStatus};
use crate::groups::{GroupForm, MeetingForm, MemberForm};
use crate::legal::{LegalBasis, PeriodRules};
use crate::office::{BapasForm, KanwilForm, Zone};
use crate::partners::{PartnerForm, PokmasMemberForm, default_kinds, default_services};
use crate::referrals::ReferralForm;
use crate::rri::Instrument;
use crate::supervision::{GuidanceForm, ReportForm, StatusForm, ViolationForm};
use crate::user::UserForm;

/// The most rows a list field gets: above every cap the parsers enforce, so that the caps
/// themselves are exercised.
pub const MAX_ROWS: u64 = 300;

/// Where arbitrary values come from.
pub trait Source {
    /// The next text, of any length and content.
    fn text(&mut self) -> String;
    /// The next number.
    fn number(&mut self) -> u64;
}

/// A value of `T` built from `source`, or `None` when `T` holds something no form holds
/// (a tuple variant, say).
pub fn fill<T: DeserializeOwned>(source: &mut dyn Source) -> Option<T> {
    T::deserialize(Filler(source)).ok()
}

/// How many forms [`parse_form`] knows.
pub const FORM_COUNT: usize = 25;

/// Builds form number `which` (modulo [`FORM_COUNT`]) from `source` and parses it in every
/// context. Panics only if a parser does, which is what the callers look for.
pub fn parse_form(which: usize, source: &mut dyn Source, today: Date, now: OffsetDateTime) {
    // The results are dropped: only a panic or a hang is a finding here; what each parser
    // accepts is checked by its own unit tests.
    fn run<T: DeserializeOwned, R>(source: &mut dyn Source, parse: impl Fn(&T) -> R) {
        if let Some(form) = fill::<T>(source) {
            let _ = parse(&form);
        }
    }
    let (kinds, services) = (default_kinds(), default_services());
    match which % FORM_COUNT {
        0 => run(source, |f: &ClientForm| f.parse(today, &PeriodRules::default())),
        1 => run(source, |f: &ReportForm| f.parse(today)),
        2 => run(source, |f: &GuidanceForm| f.parse(today)),
        3 => run(source, |f: &ViolationForm| LegalBasis::ALL.map(|b| f.parse(today, b))),
        4 => run(source, |f: &StatusForm| ClientStatus::ALL.map(|s| f.parse(today, s))),
        5 => run(source, |f: &AssessmentForm| f.parse(today, &Instrument::part_a_2021())),
        6 => run(source, |f: &AbhCaseForm| (f.parse(None, today), f.parse(Some(today), today))),
        7 => run(source, |f: &StageForm| Stage::ALL.iter().map(|s| f.parse(*s, today)).collect::<Vec<_>>()),
        8 => run(source, |f: &DiversionForm| f.parse(today)),
        9 => run(source, |f: &BreachForm| Zone::ALL.map(|z| f.parse(z, now))),
        10 => run(source, |f: &EventForm| f.parse(today)),
        11 => run(source, |f: &LitmasRequestForm| Zone::ALL.map(|z| f.parse(z, now))),
        12 => run(source, |f: &LitmasContent| (f.check_draft(), f.check_complete())),
        13 => run(source, |f: &AgreementForm| f.parse(&services)),
        14 => run(source, |f: &TerminationForm| f.parse(today, today)),
        15 => run(source, |f: &KanwilForm| f.parse()),
        16 => run(source, |f: &BapasForm| f.parse()),
        17 => run(source, |f: &UserForm| (f.parse(), f.parse_new())),
        18 => run(source, |f: &GroupForm| f.parse()),
        19 => run(source, |f: &MemberForm| f.parse(today)),
        20 => run(source, |f: &MeetingForm| f.parse(today)),
        21 => run(source, |f: &PokmasMemberForm| f.parse()),
        22 => run(source, |f: &PartnerForm| f.parse(&kinds, &services)),
        23 => run(source, |f: &ReferralForm| f.parse(&services, today)),
        _ => {
            let text = source.text();
            let _ = crate::partners::parse_choices("kinds", &text);
        }
    }
}

/// A `serde` deserializer that answers every question from a [`Source`].
struct Filler<'a>(&'a mut dyn Source);

impl Filler<'_> {
    fn count(&mut self) -> u64 {
        self.0.number() % (MAX_ROWS + 1)
    }
}

impl<'de> de::Deserializer<'de> for Filler<'_> {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_string(self.0.text())
    }

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_bool(!self.0.number().is_multiple_of(2))
    }

    fn deserialize_u8<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_u8(u8::try_from(self.0.number() % 256).unwrap_or_default())
    }

    fn deserialize_u16<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_u16(u16::try_from(self.0.number() % 65_536).unwrap_or_default())
    }

    fn deserialize_u32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_u32(u32::try_from(self.0.number() >> 32).unwrap_or_default())
    }

    fn deserialize_u64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_u64(self.0.number())
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        if self.0.number().is_multiple_of(2) { visitor.visit_none() } else { visitor.visit_some(self) }
    }

    fn deserialize_seq<V: Visitor<'de>>(mut self, visitor: V) -> Result<V::Value, Error> {
        let left = self.count();
        visitor.visit_seq(Rows { source: self.0, left })
    }

    fn deserialize_map<V: Visitor<'de>>(mut self, visitor: V) -> Result<V::Value, Error> {
        let left = self.count();
        visitor.visit_map(Rows { source: self.0, left })
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        visitor.visit_map(Fields { source: self.0, fields: fields.iter() })
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        let index = usize::try_from(self.0.number()).unwrap_or_default() % variants.len().max(1);
        let name = variants.get(index).copied().unwrap_or_default();
        visitor.visit_enum(Variant { source: self.0, name })
    }

    serde::forward_to_deserialize_any! {
        i8 i16 i32 i64 i128 u128 f32 f64 char str string bytes byte_buf unit unit_struct
        newtype_struct tuple tuple_struct identifier ignored_any
    }
}

/// The rows of a list or the entries of a map, `left` more to come.
struct Rows<'a> {
    source: &'a mut dyn Source,
    left: u64,
}

impl<'de> de::SeqAccess<'de> for Rows<'_> {
    type Error = Error;

    fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<Option<T::Value>, Error> {
        if self.left == 0 {
            return Ok(None);
        }
        self.left -= 1;
        seed.deserialize(Filler(&mut *self.source)).map(Some)
    }
}

impl<'de> de::MapAccess<'de> for Rows<'_> {
    type Error = Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>, Error> {
        de::SeqAccess::next_element_seed(self, seed)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Error> {
        seed.deserialize(Filler(&mut *self.source))
    }
}

/// A struct's fields, each named once, in order.
struct Fields<'a> {
    source: &'a mut dyn Source,
    fields: std::slice::Iter<'static, &'static str>,
}

impl<'de> de::MapAccess<'de> for Fields<'_> {
    type Error = Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>, Error> {
        match self.fields.next() {
            Some(name) => seed.deserialize(IntoDeserializer::<Error>::into_deserializer(*name)).map(Some),
            None => Ok(None),
        }
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Error> {
        seed.deserialize(Filler(&mut *self.source))
    }
}

/// One variant of an enum, by name.
struct Variant<'a> {
    source: &'a mut dyn Source,
    name: &'static str,
}

impl<'de, 'a> de::EnumAccess<'de> for Variant<'a> {
    type Error = Error;
    type Variant = Filler<'a>;

    fn variant_seed<V: DeserializeSeed<'de>>(self, seed: V) -> Result<(V::Value, Filler<'a>), Error> {
        let name: StrDeserializer<'_, Error> = self.name.into_deserializer();
        Ok((seed.deserialize(name)?, Filler(self.source)))
    }
}

impl<'de> de::VariantAccess<'de> for Filler<'_> {
    type Error = Error;

    fn unit_variant(self) -> Result<(), Error> {
        Ok(())
    }

    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Result<T::Value, Error> {
        seed.deserialize(self)
    }

    fn tuple_variant<V: Visitor<'de>>(self, _len: usize, _visitor: V) -> Result<V::Value, Error> {
        Err(de::Error::custom("no form holds a tuple variant"))
    }

    fn struct_variant<V: Visitor<'de>>(
        self,
        _fields: &'static [&'static str],
        _visitor: V,
    ) -> Result<V::Value, Error> {
        Err(de::Error::custom("no form holds a struct variant"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Hands out the same text and counts up.
    struct Counting(u64);

    impl Source for Counting {
        fn text(&mut self) -> String {
            format!("t{}", self.0)
        }

        fn number(&mut self) -> u64 {
            self.0 += 1;
            self.0
        }
    }

    #[test]
    fn fills_every_field_of_a_form() {
        let form: ClientForm = fill(&mut Counting(0)).expect("a client form");
        assert!(form.full_name.starts_with('t'), "{form:?}");
        assert!(form.nik.starts_with('t'));
        let meeting: MeetingForm = fill(&mut Counting(0)).expect("a meeting");
        assert!(!meeting.present.is_empty() || !meeting.actions.is_empty(), "{meeting:?}");
        let assessment: AssessmentForm = fill(&mut Counting(0)).expect("an assessment");
        assert!(!assessment.answers.is_empty() && !assessment.needs.is_empty());
    }

    #[test]
    fn every_form_index_runs() {
        let (today, now) =
            (time::macros::date!(2026 - 06 - 01), time::macros::datetime!(2026-06-01 10:00 UTC));
        for which in 0..FORM_COUNT {
            parse_form(which, &mut Counting(0), today, now);
        }
    }
}
