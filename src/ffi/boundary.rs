//! What every exported function goes through, in rustls-ffi's style: one panic boundary, and
//! helper macros for NULL checks, slices, strings and out-parameters, so that no function
//! writes its own preamble.
//!
//! - [`ffi_boundary!`] runs the body and turns a panic into the return type's fail-closed value
//!   ([`PanicOrDefault`]): `SCEAU_RESULT_PANIC` for results, a rejected verdict, 0, nothing.
//! - `try_ref!`, `try_mut!`, `try_slice!`, `try_str!`, `try_out!` read one argument or return
//!   early with the type's NULL value ([`NullParameterOrDefault`]): `SCEAU_RESULT_NULL_PARAMETER`
//!   for results, with the parameter named in the last error.
//! - `try_lib!` turns a library error into its result code and records its message;
//!   `try_result!` returns a result code already recorded.

use crate::ffi::result::{fail_with, sceau_result};

/// What a function returns when its body panicked: unwinding into C is undefined. The verdict
/// type implements it where it is defined.
pub(crate) trait PanicOrDefault {
    fn value() -> Self;
}

impl PanicOrDefault for sceau_result {
    fn value() -> Self {
        fail_with(sceau_result::Panic, "caught at the C boundary")
    }
}

impl PanicOrDefault for usize {
    fn value() -> Self {
        fail_with(sceau_result::Panic, "caught at the C boundary");
        0
    }
}

impl PanicOrDefault for () {
    fn value() -> Self {}
}

/// What a function returns when a required pointer is NULL.
pub(crate) trait NullParameterOrDefault {
    fn value(parameter: &str) -> Self;
}

impl NullParameterOrDefault for sceau_result {
    fn value(parameter: &str) -> Self {
        fail_with(sceau_result::NullParameter, &format!("{parameter} is NULL"))
    }
}

impl NullParameterOrDefault for usize {
    fn value(parameter: &str) -> Self {
        fail_with(sceau_result::NullParameter, &format!("{parameter} is NULL"));
        0
    }
}

impl NullParameterOrDefault for () {
    fn value(_: &str) -> Self {}
}

/// Runs the body; a panic returns the function type's [`PanicOrDefault`] value.
macro_rules! ffi_boundary {
    ($($body:tt)*) => {
        match ::std::panic::catch_unwind(::std::panic::AssertUnwindSafe(|| { $($body)* })) {
            Ok(value) => value,
            Err(_) => $crate::ffi::boundary::PanicOrDefault::value(),
        }
    };
}

/// `&*ptr` (`try_ref!`) or `&mut *ptr` (`try_mut!`), or return the NULL value.
macro_rules! try_deref {
    ($ptr:ident, $as:ident) => {{
        let ptr = $ptr;
        // SAFETY: the caller promises NULL or a live handle, used by no other thread meanwhile
        // when it is changed.
        match unsafe { ptr.$as() } {
            Some(value) => value,
            None => return $crate::ffi::boundary::NullParameterOrDefault::value(stringify!($ptr)),
        }
    }};
}

/// `&*ptr`, or return the NULL value.
macro_rules! try_ref {
    ($ptr:ident) => {
        try_deref!($ptr, as_ref)
    };
}

/// `&mut *ptr`, or return the NULL value.
macro_rules! try_mut {
    ($ptr:ident) => {
        try_deref!($ptr, as_mut)
    };
}

/// Whether `len` elements of `T` can be one object: none is larger than `isize::MAX` bytes,
/// so a longer length (`(size_t)-1` from a failed call, a wrapped multiplication) is a
/// caller's mistake that no buffer can satisfy, and `slice::from_raw_parts` must not see it.
pub(crate) fn possible_len<T>(_: *const T, len: usize) -> bool {
    len <= isize::MAX as usize / std::mem::size_of::<T>().max(1)
}

/// The result for a length no buffer can have, with the parameter named in the last error.
pub(crate) fn impossible_len(parameter: &str, len: usize) -> sceau_result {
    fail_with(
        sceau_result::InvalidArgument,
        &format!(
            "{parameter}: a length of {len} is more than any buffer holds (PTRDIFF_MAX bytes)"
        ),
    )
}

/// The `len` bytes at `ptr`, or return the NULL value (NULL) or
/// `SCEAU_RESULT_INVALID_ARGUMENT` (a length no buffer can have).
macro_rules! try_slice {
    ($ptr:ident, $len:ident) => {{
        let (ptr, len) = ($ptr, $len);
        if ptr.is_null() {
            return $crate::ffi::boundary::NullParameterOrDefault::value(stringify!($ptr));
        }
        if !$crate::ffi::boundary::possible_len(ptr, len) {
            return $crate::ffi::boundary::impossible_len(stringify!($ptr), len);
        }
        // SAFETY: non-NULL, a length some buffer can have, and the caller promises `len`
        // readable elements.
        unsafe { ::std::slice::from_raw_parts(ptr, len) }
    }};
    (optional $ptr:ident, $len:ident) => {{
        let (ptr, len) = ($ptr, $len);
        if !ptr.is_null() && !$crate::ffi::boundary::possible_len(ptr, len) {
            return $crate::ffi::boundary::impossible_len(stringify!($ptr), len);
        }
        // SAFETY: the caller promises NULL or `len` readable bytes; the length is possible.
        (!ptr.is_null()).then(|| unsafe { ::std::slice::from_raw_parts(ptr, len) })
    }};
}

/// A NUL-terminated UTF-8 string (`optional`: NULL is `None`); a string that is not UTF-8
/// returns `SCEAU_RESULT_INVALID_ARGUMENT`.
macro_rules! try_str {
    (optional $ptr:ident) => {{
        let ptr = $ptr;
        // SAFETY: the caller promises NULL or a NUL-terminated string.
        match unsafe { $crate::ffi::result::optional_str(ptr, stringify!($ptr)) } {
            Ok(text) => text,
            Err(result) => return result,
        }
    }};
    ($ptr:ident) => {{
        match try_str!(optional $ptr) {
            Some(text) => text,
            None => {
                return $crate::ffi::boundary::NullParameterOrDefault::value(stringify!($ptr))
            }
        }
    }};
}

/// Where text goes (`buf`, `len`, `out_n`): `*out_n` is set to 0 at once, so that it is 0 on
/// every failure (see `TextOut`).
macro_rules! text_out {
    ($buf:ident, $len:ident, $out_n:ident) => {{
        let (buf, len, out_n) = ($buf, $len, $out_n);
        // SAFETY: the caller promises `len` writable bytes at `buf` (or NULL) and a writable
        // `out_n` (or NULL).
        unsafe { $crate::ffi::result::TextOut::new(buf, len, out_n) }
    }};
}

/// An out-parameter: set to NULL at once, so that it is NULL on every failure; gives the place
/// to write on success. A NULL out-parameter returns the NULL value.
macro_rules! try_out {
    ($ptr:ident) => {{
        let ptr = $ptr;
        // SAFETY: the caller promises NULL or a writable pointer.
        match unsafe { ptr.as_mut() } {
            Some(out) => {
                *out = ::std::ptr::null_mut();
                out
            }
            None => return $crate::ffi::boundary::NullParameterOrDefault::value(stringify!($ptr)),
        }
    }};
}

/// The value of a library result, or return its error's result code (message recorded).
macro_rules! try_lib {
    ($result:expr) => {
        match $result {
            Ok(value) => value,
            Err(error) => return $crate::ffi::result::fail(&error),
        }
    };
}

/// The value of a `Result<_, sceau_result>`, or return the result (already recorded).
macro_rules! try_result {
    ($result:expr) => {
        match $result {
            Ok(value) => value,
            Err(result) => return result,
        }
    };
}
