//! Product catalogues from C: the embedded one (pass NULL) or one extended by TOML text.

use std::cell::RefCell;
use std::ffi::c_char;
use std::rc::Rc;

use crate::ffi::result::{fail, free_handle, optional_str, sceau_result};
use crate::policy::IssuancePolicy;
use crate::profile::catalog::Catalog;

/// A product catalogue. Opaque; free it with `sceau_catalog_free`. Functions that take a
/// `const sceau_catalog *` use the embedded catalogue when given NULL.
pub struct sceau_catalog {
    pub(crate) catalog: Catalog,
}

/// Makes a catalogue: the embedded one, with the products (and holidays) of `toml` (a
/// NUL-terminated TOML text with `[[product]]` tables) replacing or added to it.
///
/// # Safety
/// `toml` must be NUL-terminated; `catalog_out` must be writable.
#[no_mangle]
pub unsafe extern "C" fn sceau_catalog_new_from_toml(
    toml: *const c_char,
    catalog_out: *mut *mut sceau_catalog,
) -> sceau_result {
    ffi_boundary! {
        let out = try_out!(catalog_out);
        let catalog = try_lib!(Catalog::builtin().with_overrides(try_str!(toml)));
        *out = Box::into_raw(Box::new(sceau_catalog { catalog }));
        sceau_result::Ok
    }
}

/// Writes every product of `catalog` (NULL: embedded) with its rules as JSON (what `sceau
/// profiles --format json` prints) into `buf`, with the buffer contract of
/// `sceau_report_json`.
///
/// # Safety
/// `catalog` NULL or a live handle; `buf` must point to `len` writable bytes or be NULL;
/// `out_n` must be NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn sceau_profiles_json(
    catalog: *const sceau_catalog,
    buf: *mut c_char,
    len: usize,
    out_n: *mut usize,
) -> sceau_result {
    ffi_boundary! {
        let out = text_out!(buf, len, out_n);
        // SAFETY: forwarded caller contract.
        out.write(&crate::render::profiles_json(unsafe { catalog_of(catalog) }))
    }
}

/// Frees a catalogue. NULL is ignored.
///
/// # Safety
/// `catalog` must be NULL or a handle from sceau not yet freed.
#[no_mangle]
pub unsafe extern "C" fn sceau_catalog_free(catalog: *mut sceau_catalog) {
    // SAFETY: forwarded caller contract.
    ffi_boundary! { unsafe { free_handle(catalog) } }
}

/// The catalogue `catalog` points to, or the embedded one for NULL.
///
/// # Safety
/// `catalog` must be NULL or a live handle.
pub(crate) unsafe fn catalog_of<'a>(catalog: *const sceau_catalog) -> &'a Catalog {
    // SAFETY: the caller promises NULL or a live handle.
    match unsafe { catalog.as_ref() } {
        Some(c) => &c.catalog,
        None => Catalog::builtin(),
    }
}

/// The policy named `profile` (NULL: `baseline`) in `catalog` (NULL: embedded), or the result
/// code to return. The policies of the embedded catalogue, which never changes, are kept per
/// thread (a C caller names its profile on every call; making it anew would cost a twentieth
/// of a certificate check); those of a caller's catalogue are made each time, since a handle
/// may be freed and its address reused.
///
/// # Safety
/// `profile` must be NULL or NUL-terminated; `catalog` NULL or a live handle.
pub(crate) unsafe fn policy_for(
    profile: *const c_char,
    catalog: *const sceau_catalog,
) -> Result<Rc<IssuancePolicy>, sceau_result> {
    /// Distinct profiles kept per thread; the embedded catalogue has fewer.
    const KEPT: usize = 32;
    thread_local! {
        static EMBEDDED: RefCell<Vec<(Box<str>, Rc<IssuancePolicy>)>> =
            const { RefCell::new(Vec::new()) };
    }
    // SAFETY: forwarded caller contract.
    let profile = unsafe { optional_str(profile, "profile") }?.unwrap_or("baseline");
    let make = |catalog: &Catalog| {
        IssuancePolicy::from_catalog(catalog, profile)
            .map(Rc::new)
            .map_err(|e| fail(&e))
    };
    if !catalog.is_null() {
        // SAFETY: forwarded caller contract.
        return make(unsafe { catalog_of(catalog) });
    }
    EMBEDDED.with(|kept| {
        let mut kept = kept.borrow_mut();
        if let Some((_, policy)) = kept.iter().find(|(name, _)| **name == *profile) {
            return Ok(Rc::clone(policy));
        }
        let policy = make(Catalog::builtin())?;
        if kept.len() < KEPT {
            kept.push((profile.into(), Rc::clone(&policy)));
        }
        Ok(policy)
    })
}
