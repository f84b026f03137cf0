//! STIX 2.1 identifiers and the TAXII collections cases are published in. Identifiers
//! are derived, never random, so a re-export or a second server gives the same ids, and
//! the store can index them (`match[id]`) without the export layer.

use sha2::{Digest, Sha256};
use uuid::Uuid;

use crate::account::{AccountKey, Platform};
use crate::audit::canonical_json;
use crate::case::Decision;

/// STIX 2.1's namespace for deterministic identifiers of cyber observables (SCOs).
const STIX_SCO_NAMESPACE: Uuid = Uuid::from_u128(0x00abedb4_aa42_466c_9c01_fed23315a9b7);

/// An identifier for an object we author (STIX asks for UUIDv4 there): v4-shaped, but
/// derived from `name`.
pub fn stable_v4(name: &str) -> Uuid {
    let digest = Sha256::digest(format!("flagwatch:{name}").as_bytes());
    let mut bytes = [0u8; 16];
    bytes.copy_from_slice(&digest[..16]);
    uuid::Builder::from_random_bytes(bytes).into_uuid()
}

/// The `account_type` of STIX's account-type vocabulary (open: other platforms by name).
pub fn account_type(p: Platform) -> &'static str {
    match p {
        Platform::X => "twitter",
        Platform::Facebook => "facebook",
        Platform::Web => "website",
        other => other.as_str(),
    }
}

/// The `user-account` id: STIX's deterministic UUIDv5 over its contributing properties,
/// so two communities reporting the same account produce the same id.
pub fn user_account_id(key: &AccountKey) -> String {
    let contributing = serde_json::json!({"account_type": account_type(key.platform()), "account_login": key.id()});
    let id = Uuid::new_v5(&STIX_SCO_NAMESPACE, canonical_json(&contributing).as_bytes());
    format!("user-account--{id}")
}

/// The community's `identity`.
pub fn identity_id(guild_id: u64) -> String {
    format!("identity--{}", stable_v4(&format!("identity:{guild_id}")))
}

/// The `report` of a case in an export file.
pub fn export_report_id(guild_id: u64, case_no: i64) -> String {
    format!("report--{}", stable_v4(&format!("report:{guild_id}:{case_no}")))
}

/// A TAXII collection: where cases of one decision are published.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Collection {
    /// Cases decided "report now": what the community asks platforms to take down.
    ReportNow,
    /// Cases handed to agencies; visible only to credentials granted it.
    Held,
}

crate::named!(Collection, "collection", {
    ReportNow => "report_now",
    Held => "held",
});

impl Collection {
    /// The collection a case with `decision` is published in, if any.
    pub fn of(decision: Decision) -> Option<Collection> {
        match decision {
            Decision::ReportNow => Some(Collection::ReportNow),
            Decision::HandOff => Some(Collection::Held),
            Decision::Pending | Decision::Dismissed | Decision::Withdrawn | Decision::Merged => None,
        }
    }

    /// Its title in TAXII (and its path alias): `report-now`, `held`.
    pub fn title(self) -> &'static str {
        match self {
            Collection::ReportNow => "report-now",
            Collection::Held => "held",
        }
    }

    /// The collection's TAXII id in server `guild_id` (a UUID, as clients expect).
    pub fn taxii_id(self, guild_id: u64) -> String {
        stable_v4(&format!("collection:{guild_id}:{}", self.as_str())).to_string()
    }

    /// The `report` of a case's `generation`-th stay in this collection. A revoked STIX
    /// object stays revoked, so a case that comes back gets a new report; the first stay
    /// in `report-now` keeps the export file's id, so agencies can match the two.
    pub fn report_id(self, guild_id: u64, case_no: i64, generation: u32) -> String {
        match (self, generation) {
            (Collection::ReportNow, 1) => export_report_id(guild_id, case_no),
            _ => format!(
                "report--{}",
                stable_v4(&format!("report:{guild_id}:{case_no}:{}:{generation}", self.as_str()))
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn collections_follow_decisions_and_report_ids_differ_per_stay() {
        assert_eq!(Collection::of(Decision::ReportNow), Some(Collection::ReportNow));
        assert_eq!(Collection::of(Decision::HandOff), Some(Collection::Held));
        assert_eq!(Collection::of(Decision::Dismissed), None);
        assert_eq!(Collection::ReportNow.report_id(1, 2, 1), export_report_id(1, 2));
        assert_ne!(Collection::ReportNow.report_id(1, 2, 2), export_report_id(1, 2));
        assert_ne!(
            Collection::Held.report_id(1, 2, 1),
            Collection::ReportNow.report_id(1, 2, 1)
        );
        assert_eq!("report-now".parse::<Collection>(), Ok(Collection::ReportNow));
        assert_ne!(Collection::Held.taxii_id(1), Collection::Held.taxii_id(2));
    }

    #[test]
    fn every_tlp_level_is_found_by_its_marking_id_and_named_as_tlp_2_0_names_it() {
        for tlp in Tlp::ALL {
            assert_eq!(Tlp::of_marking_id(tlp.marking_id()), Some(tlp));
        }
        assert_eq!(Tlp::of_marking_id("marking-definition--unknown"), None);
        assert_eq!(Tlp::AmberStrict.tlp_2_0(), "amber+strict");
        assert_eq!(Tlp::Clear.tlp_2_0(), "clear");
    }
}

/// A TLP 2.0 marking, by its published STIX `marking-definition` id.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tlp {
    Clear,
    Green,
    Amber,
    AmberStrict,
    Red,
}

crate::named!(Tlp, "TLP 2.0 level", {
    Clear => "clear",
    Green => "green",
    Amber => "amber",
    AmberStrict => "amber_strict",
    Red => "red",
});

impl Tlp {
    /// The level whose published `marking-definition` id this is.
    pub fn of_marking_id(id: &str) -> Option<Tlp> {
        Tlp::ALL.into_iter().find(|t| t.marking_id() == id)
    }

    /// The level as the TLP 2.0 extension names it (`tlp_2_0`): "amber+strict", not
    /// the setting's "amber_strict".
    pub fn tlp_2_0(self) -> &'static str {
        match self {
            Tlp::AmberStrict => "amber+strict",
            other => other.as_str(),
        }
    }

    /// The `marking-definition` id FIRST and OASIS publish for this level.
    pub fn marking_id(self) -> &'static str {
        match self {
            Tlp::Clear => "marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487",
            Tlp::Green => "marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb",
            Tlp::Amber => "marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421",
            Tlp::AmberStrict => "marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003",
            Tlp::Red => "marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1",
        }
    }
}
