//! Result codes, the last error of each thread, and the conversions every exported function
//! shares: strings and times in, text out, handles freed. The functions that hand these to C
//! are in `library.rs`.

use std::cell::RefCell;
use std::ffi::{c_char, CStr};

use rustls_pki_types::UnixTime;

use crate::error::Error;

/// The outcome of a call. `SCEAU_RESULT_OK` is 7000; every other value is an error, and
/// `sceau_result_message` describes it.
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum sceau_result {
    /// Success.
    Ok = 7000,
    /// A required pointer argument was NULL.
    NullParameter = 7001,
    /// sceau panicked; this is a bug. No output was produced.
    Panic = 7002,
    /// An argument is out of range or not valid UTF-8.
    InvalidArgument = 7003,
    /// The profile id is unknown.
    UnknownProfile = 7004,
    /// The output buffer is too small; the needed size was written.
    InsufficientSize = 7005,
    /// More objects than a limit allows (`sceau_verifier_set_limit` changes it).
    LimitExceeded = 7006,
    /// The input is empty.
    InputEmpty = 7100,
    /// The input holds another kind of object.
    InputWrongKind = 7101,
    /// A PEM block is malformed.
    InputBadPem = 7102,
    /// Base64 is broken.
    InputBadBase64 = 7103,
    /// The input is neither PEM, base64 nor DER.
    InputNotPemOrDer = 7104,
    /// Several objects where one was expected.
    InputAmbiguous = 7105,
    /// The DER is truncated.
    InputTruncated = 7106,
    /// Bytes follow the DER object.
    InputTrailingData = 7107,
    /// The DER is not a valid encoding of the object.
    InputBadDer = 7108,
    /// The object is well formed but of a form sceau does not handle (e.g. an encrypted key).
    InputUnsupported = 7109,
}

impl sceau_result {
    /// Every result, for reading one back from a plain integer.
    const ALL: [sceau_result; 17] = [
        sceau_result::Ok,
        sceau_result::NullParameter,
        sceau_result::Panic,
        sceau_result::InvalidArgument,
        sceau_result::UnknownProfile,
        sceau_result::InsufficientSize,
        sceau_result::LimitExceeded,
        sceau_result::InputEmpty,
        sceau_result::InputWrongKind,
        sceau_result::InputBadPem,
        sceau_result::InputBadBase64,
        sceau_result::InputNotPemOrDer,
        sceau_result::InputAmbiguous,
        sceau_result::InputTruncated,
        sceau_result::InputTrailingData,
        sceau_result::InputBadDer,
        sceau_result::InputUnsupported,
    ];

    /// The result a C integer holds, if it holds one: C may pass any value, and a Rust enum
    /// outside its variants is undefined behaviour, so results come in as integers.
    pub(crate) fn from_code(code: u32) -> Option<sceau_result> {
        Self::ALL.into_iter().find(|result| *result as u32 == code)
    }

    pub(crate) fn describe(self) -> &'static str {
        match self {
            sceau_result::Ok => "OK",
            sceau_result::NullParameter => "a required pointer argument was NULL",
            sceau_result::Panic => "internal error (panic); please report it",
            sceau_result::InvalidArgument => "invalid argument",
            sceau_result::UnknownProfile => "unknown profile",
            sceau_result::InsufficientSize => "output buffer too small",
            sceau_result::LimitExceeded => "a limit was exceeded",
            sceau_result::InputEmpty => "empty input",
            sceau_result::InputWrongKind => "the input holds another kind of object",
            sceau_result::InputBadPem => "malformed PEM",
            sceau_result::InputBadBase64 => "broken base64",
            sceau_result::InputNotPemOrDer => "not PEM, base64 or DER",
            sceau_result::InputAmbiguous => "several objects where one was expected",
            sceau_result::InputTruncated => "truncated DER",
            sceau_result::InputTrailingData => "trailing data after the DER object",
            sceau_result::InputBadDer => "invalid DER",
            sceau_result::InputUnsupported => "unsupported form of the object",
        }
    }
}

impl From<&Error> for sceau_result {
    fn from(error: &Error) -> Self {
        match error {
            Error::EmptyInput { .. } => sceau_result::InputEmpty,
            Error::WrongKind { .. } => sceau_result::InputWrongKind,
            Error::BadPem { .. } => sceau_result::InputBadPem,
            Error::BadBase64 { .. } => sceau_result::InputBadBase64,
            Error::NotPemOrDer { .. } => sceau_result::InputNotPemOrDer,
            Error::Ambiguous { .. } => sceau_result::InputAmbiguous,
            Error::Truncated { .. } => sceau_result::InputTruncated,
            Error::TrailingData { .. } => sceau_result::InputTrailingData,
            Error::BadDer { .. } => sceau_result::InputBadDer,
            Error::Unsupported { .. } => sceau_result::InputUnsupported,
            Error::UnknownProfile { .. } => sceau_result::UnknownProfile,
            Error::InvalidArgument { .. } => sceau_result::InvalidArgument,
            Error::TooMany { .. } => sceau_result::LimitExceeded,
        }
    }
}

thread_local! {
    /// The detailed message of the last error on this thread (what was found, what was expected).
    pub(crate) static LAST_ERROR: RefCell<String> = const { RefCell::new(String::new()) };
}

pub(crate) fn set_last_error(message: String) {
    LAST_ERROR.with(|last| *last.borrow_mut() = message);
}

/// Records `error` as this thread's last error and returns its result code.
pub(crate) fn fail(error: &Error) -> sceau_result {
    set_last_error(error.to_string());
    sceau_result::from(error)
}

/// Records a plain result as this thread's last error.
pub(crate) fn fail_with(result: sceau_result, detail: &str) -> sceau_result {
    set_last_error(format!("{}: {detail}", result.describe()));
    result
}

/// A time given from C, in seconds since 1970-01-01 UTC.
pub(crate) fn time_of(unix: u64) -> UnixTime {
    UnixTime::since_unix_epoch(std::time::Duration::from_secs(unix))
}

/// Frees a handle made by `Box::into_raw`; NULL is ignored.
///
/// # Safety
/// `handle` must be NULL or a handle from sceau not yet freed.
pub(crate) unsafe fn free_handle<T>(handle: *mut T) {
    if !handle.is_null() {
        // SAFETY: the handle came from Box::into_raw in sceau and is freed once.
        drop(unsafe { Box::from_raw(handle) });
    }
}

/// Where a function writes text: `buf` of `len` bytes, and the length to `out_n`. Made first
/// in every function that writes text, it sets `*out_n` to 0 at once, so that the length is 0
/// on every failure but one: a buffer too small gets the length it needs.
pub(crate) struct TextOut {
    buf: *mut c_char,
    len: usize,
    out_n: *mut usize,
}

impl TextOut {
    /// # Safety
    /// `buf` must point to `len` writable bytes (or be NULL); `out_n` must be NULL or point to
    /// a writable `size_t`.
    pub(crate) unsafe fn new(buf: *mut c_char, len: usize, out_n: *mut usize) -> TextOut {
        if !out_n.is_null() {
            // SAFETY: checked non-NULL; the caller promises it is writable.
            unsafe { *out_n = 0 };
        }
        TextOut { buf, len, out_n }
    }

    /// Copies `text` and a terminating NUL into the buffer and its length (without the NUL)
    /// to `out_n`. When the buffer is too small (or NULL), writes nothing to it, gives the
    /// needed length in `out_n` and returns `SCEAU_RESULT_INSUFFICIENT_SIZE`.
    ///
    /// A NUL inside `text` (a certificate's name may hold any character, and reports and
    /// messages quote names) is written `\u{0}`, as the text report writes every control
    /// character (`render::one_line`): C reads a string up to its first NUL, so the
    /// rest of the text (the rest of a name, every finding after it) would be lost, and
    /// `out_n` would not be the string's length.
    pub(crate) fn write(self, text: &str) -> sceau_result {
        let escaped;
        let text = if memchr::memchr(0, text.as_bytes()).is_some() {
            escaped = text.replace('\0', "\\u{0}");
            escaped.as_str()
        } else {
            text
        };
        if self.buf.is_null() || self.len < text.len() + 1 {
            if !self.out_n.is_null() {
                // SAFETY: checked non-NULL; writable per `new`'s contract.
                unsafe { *self.out_n = text.len() };
            }
            return fail_with(
                sceau_result::InsufficientSize,
                &format!(
                    "{} bytes and a NUL are needed, {} given",
                    text.len(),
                    if self.buf.is_null() { 0 } else { self.len }
                ),
            );
        }
        // SAFETY: `buf` holds at least text.len() + 1 bytes, checked above; the regions cannot
        // overlap because `text` is Rust-owned.
        unsafe {
            std::ptr::copy_nonoverlapping(text.as_ptr(), self.buf.cast::<u8>(), text.len());
            *self.buf.add(text.len()) = 0;
        }
        if !self.out_n.is_null() {
            // SAFETY: checked non-NULL; writable per `new`'s contract.
            unsafe { *self.out_n = text.len() };
        }
        sceau_result::Ok
    }
}

/// Reads an optional NUL-terminated UTF-8 string.
///
/// # Safety
/// `text` must be NULL or point to a NUL-terminated string.
pub(crate) unsafe fn optional_str<'a>(
    text: *const c_char,
    name: &str,
) -> std::result::Result<Option<&'a str>, sceau_result> {
    if text.is_null() {
        return Ok(None);
    }
    // SAFETY: non-NULL and NUL-terminated per the caller's contract.
    let c = unsafe { CStr::from_ptr(text) };
    c.to_str().map(Some).map_err(|_| {
        fail_with(
            sceau_result::InvalidArgument,
            &format!("{name} is not UTF-8"),
        )
    })
}
