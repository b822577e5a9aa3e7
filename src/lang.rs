//! Languages, and text in both of them. A rule carries its own English and French message
//! templates; any other text a report shows (why evidence was set aside, what an algorithm is,
//! why a key is unusable) is a [`Localized`], written in both languages where it is made, with
//! [`localized!`].

use std::borrow::Cow;
use std::cell::Cell;
use std::fmt;

use serde::Serialize;

/// A language for messages.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// English.
    #[default]
    En,
    /// French.
    Fr,
}

impl Lang {
    /// Parses `en` or `fr` (case-insensitive).
    pub fn parse(text: &str) -> Option<Lang> {
        match text.to_ascii_lowercase().as_str() {
            "en" => Some(Lang::En),
            "fr" => Some(Lang::Fr),
            _ => None,
        }
    }

    /// The two-letter code.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Fr => "fr",
        }
    }

    /// Picks the English or French text.
    pub fn pick<'a>(self, en: &'a str, fr: &'a str) -> &'a str {
        match self {
            Lang::En => en,
            Lang::Fr => fr,
        }
    }
}

/// A text in English and in French. Where no language is chosen (`Display`, `Deref`, a
/// finding's [`arg_value`](crate::rule::Finding::arg_value)) it reads as English; serialised,
/// it is written in the language of the report being rendered.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Localized {
    en: String,
    fr: String,
}

impl Localized {
    /// A text given in both languages.
    pub fn new(en: impl Into<String>, fr: impl Into<String>) -> Localized {
        Localized {
            en: en.into(),
            fr: fr.into(),
        }
    }

    /// A text that reads the same in both languages: a name, a number, an identifier.
    pub fn same(text: impl Into<String>) -> Localized {
        let en = text.into();
        Localized { fr: en.clone(), en }
    }

    /// The text in `lang`.
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::En => &self.en,
            Lang::Fr => &self.fr,
        }
    }

    /// `parts` joined, each language with its own separator.
    pub fn join(parts: &[Localized], en: &str, fr: &str) -> Localized {
        let side = |lang: Lang, separator: &str| {
            parts
                .iter()
                .map(|p| p.get(lang))
                .collect::<Vec<_>>()
                .join(separator)
        };
        Localized {
            en: side(Lang::En, en),
            fr: side(Lang::Fr, fr),
        }
    }
}

impl std::ops::Deref for Localized {
    type Target = str;
    fn deref(&self) -> &str {
        &self.en
    }
}

impl fmt::Display for Localized {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.en)
    }
}

thread_local! {
    /// The language [`Localized`] values serialise in; set only while [`serialize_in`] runs.
    static SERIALIZE_IN: Cell<Lang> = const { Cell::new(Lang::En) };
}

/// Runs `body` with every [`Localized`] serialising in `lang` (English otherwise): how a
/// report's facts are written in the report's language. The previous language comes back when
/// `body` returns or unwinds.
pub fn serialize_in<T>(lang: Lang, body: impl FnOnce() -> T) -> T {
    struct Restore(Lang);
    impl Drop for Restore {
        fn drop(&mut self) {
            SERIALIZE_IN.with(|current| current.set(self.0));
        }
    }
    let _restore = Restore(SERIALIZE_IN.with(|current| current.replace(lang)));
    body()
}

impl Serialize for Localized {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.get(SERIALIZE_IN.with(Cell::get)))
    }
}

/// A value that fills a placeholder of a [`localized!`] text: plain values read the same in
/// both languages, a [`Localized`] gives the text of the language being written.
pub trait InLang {
    /// The value as text in `lang`.
    fn in_lang(&self, lang: Lang) -> Cow<'_, str>;
}

impl InLang for Localized {
    fn in_lang(&self, lang: Lang) -> Cow<'_, str> {
        Cow::Borrowed(self.get(lang))
    }
}

impl InLang for str {
    fn in_lang(&self, _: Lang) -> Cow<'_, str> {
        Cow::Borrowed(self)
    }
}

impl InLang for String {
    fn in_lang(&self, _: Lang) -> Cow<'_, str> {
        Cow::Borrowed(self)
    }
}

impl<T: InLang + ?Sized> InLang for &T {
    fn in_lang(&self, lang: Lang) -> Cow<'_, str> {
        (**self).in_lang(lang)
    }
}

macro_rules! plain_in_lang {
    ($($t:ty),*) => {
        $(impl InLang for $t {
            fn in_lang(&self, _: Lang) -> Cow<'_, str> {
                Cow::Owned(self.to_string())
            }
        })*
    };
}
plain_in_lang!(u8, u16, u32, u64, usize, i32, i64, char, time::Date);

/// `localized!("English {x}", "français {x}", x = value, …)`: a [`Localized`] whose
/// placeholders are filled in each language, a [`Localized`] value in its own language and a
/// plain value as it is. Each value is evaluated once.
macro_rules! localized {
    ($en:literal, $fr:literal $(,)?) => {
        $crate::lang::Localized::new($en, $fr)
    };
    ($en:literal, $fr:literal, $($name:ident = $value:expr),+ $(,)?) => {{
        $( let $name = &$value; )+
        $crate::lang::Localized::new(
            format!($en, $($name = $crate::lang::InLang::in_lang($name, $crate::lang::Lang::En)),+),
            format!($fr, $($name = $crate::lang::InLang::in_lang($name, $crate::lang::Lang::Fr)),+),
        )
    }};
}
pub(crate) use localized;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_take_each_language_of_a_localized_value() {
        let what = localized!("the CRL", "la LCR");
        let text = localized!("{what} of {n}", "{what} de {n}", what = what, n = 3);
        assert_eq!(text.get(Lang::En), "the CRL of 3");
        assert_eq!(text.get(Lang::Fr), "la LCR de 3");
        assert_eq!(&*text, "the CRL of 3");
        let joined = Localized::join(&[text.clone(), what], " with ", " avec ");
        assert_eq!(joined.get(Lang::Fr), "la LCR de 3 avec la LCR");
    }

    #[test]
    fn serialisation_follows_the_scoped_language_and_restores_it() {
        let text = localized!("yes", "oui");
        assert_eq!(serde_json::to_string(&text).unwrap(), "\"yes\"");
        let inside = serialize_in(Lang::Fr, || serde_json::to_string(&text).unwrap());
        assert_eq!(inside, "\"oui\"");
        assert_eq!(serde_json::to_string(&text).unwrap(), "\"yes\"");
    }
}
