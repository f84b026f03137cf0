//! Parses arbitrary UTF-8 as an account with every platform hint and checks the
//! invariants the rest of flagwatch relies on: no panic, and every key survives
//! storage (`from_key`) and its own canonical URL.
#![no_main]

use flagwatch_domain::account::{AccountKey, Platform};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(input) = std::str::from_utf8(data) else { return };
    for hint in std::iter::once(None).chain(Platform::ALL.map(Some)) {
        match AccountKey::parse(input, hint, Platform::X) {
            Ok(key) => {
                assert_eq!(AccountKey::from_key(&key.to_string()).as_ref(), Ok(&key));
                assert_eq!(AccountKey::parse(&key.canonical_url(), None, Platform::X).as_ref(), Ok(&key));
            }
            Err(error) => assert!(!error.to_string().contains('\n')),
        }
    }
});
