//! Who may do what (roles of the desk) and how personal data is masked for those
//! who may not see it. Pure: the UI asks [`allows`] before showing an action, the
//! CLI asks it before running one.
use super::model::Role;

/// An action or a kind of data access that a role may or may not have.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Permission {
    /// Register a new appeal (form, import).
    RegisterAppeal,
    /// Edit a registered appeal and its applicant.
    EditAppeal,
    /// Run the day's queue: enqueue, call, hold, finish.
    ManageQueue,
    /// Write the protocol of a reception.
    RecordProtocol,
    /// Read protocols (without writing them).
    ViewProtocol,
    /// Take instructions off control, record answers.
    ManageControl,
    /// Reports and statistics.
    ViewReports,
    /// Export files (XLSX, CSV) and print documents with personal data.
    Export,
    /// Create, deactivate operators, reset passwords.
    ManageOperators,
    /// Edit the working-day calendar.
    ManageCalendar,
    /// Edit the regulation profile and office settings.
    ManageProfile,
    /// See IIN, phone and address unmasked.
    ViewFullPersonalData,
    /// Back up, restore, check, purge the database.
    ManageDatabase,
    /// Withdraw an applicant's consent, depersonalise.
    ManagePersonalData,
}

impl Permission {
    pub const ALL: &'static [Permission] = &[
        Permission::RegisterAppeal,
        Permission::EditAppeal,
        Permission::ManageQueue,
        Permission::RecordProtocol,
        Permission::ViewProtocol,
        Permission::ManageControl,
        Permission::ViewReports,
        Permission::Export,
        Permission::ManageOperators,
        Permission::ManageCalendar,
        Permission::ManageProfile,
        Permission::ViewFullPersonalData,
        Permission::ManageDatabase,
        Permission::ManagePersonalData,
    ];
}

/// Whether `role` has permission `p`.
///
/// - admin: everything;
/// - clerk: registers and edits appeals, runs the queue, writes protocols, sees IIN
///   and phone, prints and exports what the desk hands out;
/// - control officer: control of instructions, reports, reads protocols, sees
///   personal data (answers go to applicants), exports reports;
/// - viewer: reads lists and reports only, IIN and phone masked.
pub fn allows(role: Role, p: Permission) -> bool {
    use Permission::*;
    match role {
        Role::Admin => true,
        Role::Clerk => matches!(
            p,
            RegisterAppeal
                | EditAppeal
                | ManageQueue
                | RecordProtocol
                | ViewProtocol
                | ViewFullPersonalData
                | Export
        ),
        Role::Control => matches!(
            p,
            ManageControl | ViewReports | ViewProtocol | ViewFullPersonalData | Export
        ),
        Role::Viewer => matches!(p, ViewReports | ViewProtocol),
    }
}

/// Keeps the first `head` and last `tail` characters, replacing the rest with `*`
/// (digits and letters only; separators stay so the shape is recognisable).
fn mask_middle(s: &str, head: usize, tail: usize) -> String {
    let significant = s.chars().filter(|c| c.is_alphanumeric()).count();
    if significant == 0 {
        return s.to_string();
    }
    let (head, tail) = if significant <= head + tail {
        // Too short to show anything safely: mask it all.
        (0, 0)
    } else {
        (head, tail)
    };
    let mut seen = 0;
    s.chars()
        .map(|c| {
            if c.is_alphanumeric() {
                seen += 1;
                if seen <= head || seen > significant - tail {
                    c
                } else {
                    '*'
                }
            } else {
                c
            }
        })
        .collect()
}

/// An IIN for someone who may not see it: `900515400123` -> `9005******23`
/// (birth year and month and the last two digits remain for telling people apart).
pub fn mask_iin(iin: &str) -> String {
    mask_middle(iin.trim(), 4, 2)
}

/// A phone for someone who may not see it: `+7 701 234 56 78` -> `+7 7** *** ** 78`.
pub fn mask_phone(phone: &str) -> String {
    // The country code `+7` stays as it is; it tells nothing about the person.
    let p = phone.trim();
    match p.strip_prefix("+7") {
        Some(rest) => format!("+7{}", mask_middle(rest, 1, 2)),
        None => mask_middle(p, 1, 2),
    }
}

/// The IIN as `role` may see it.
pub fn iin_for(role: Role, iin: &str) -> String {
    if allows(role, Permission::ViewFullPersonalData) {
        iin.to_string()
    } else {
        mask_iin(iin)
    }
}

/// The phone as `role` may see it.
pub fn phone_for(role: Role, phone: &str) -> String {
    if allows(role, Permission::ViewFullPersonalData) {
        phone.to_string()
    } else {
        mask_phone(phone)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn admin_has_everything_viewer_reads_only() {
        for p in Permission::ALL {
            assert!(allows(Role::Admin, *p), "{p:?}");
        }
        let viewer: Vec<_> = Permission::ALL
            .iter()
            .filter(|p| allows(Role::Viewer, **p))
            .collect();
        assert_eq!(
            viewer,
            vec![&Permission::ViewProtocol, &Permission::ViewReports]
        );
    }

    #[test]
    fn clerk_and_control_split_the_work() {
        use Permission::*;
        for p in [
            RegisterAppeal,
            ManageQueue,
            RecordProtocol,
            ViewFullPersonalData,
        ] {
            assert!(allows(Role::Clerk, p), "clerk {p:?}");
        }
        for p in [
            ManageControl,
            ManageOperators,
            ManageDatabase,
            ManageCalendar,
        ] {
            assert!(!allows(Role::Clerk, p), "clerk {p:?}");
        }
        for p in [
            ManageControl,
            ViewReports,
            ViewProtocol,
            ViewFullPersonalData,
        ] {
            assert!(allows(Role::Control, p), "control {p:?}");
        }
        for p in [RegisterAppeal, RecordProtocol, ManageQueue, ManageOperators] {
            assert!(!allows(Role::Control, p), "control {p:?}");
        }
        for role in [Role::Clerk, Role::Control, Role::Viewer] {
            assert!(!allows(role, ManageOperators));
            assert!(!allows(role, ManagePersonalData));
        }
    }

    #[test]
    fn masks() {
        assert_eq!(mask_iin("900515400123"), "9005******23");
        assert_eq!(mask_iin(""), "");
        assert_eq!(mask_iin("123"), "***");
        assert_eq!(mask_phone("+7 701 234 56 78"), "+7 7** *** ** 78");
        assert_eq!(mask_phone("87012345678"), "8********78");
        assert_eq!(iin_for(Role::Viewer, "900515400123"), "9005******23");
        assert_eq!(iin_for(Role::Clerk, "900515400123"), "900515400123");
        assert_eq!(
            phone_for(Role::Viewer, "+7 701 234 56 78"),
            "+7 7** *** ** 78"
        );
        assert_eq!(
            phone_for(Role::Control, "+7 701 234 56 78"),
            "+7 701 234 56 78"
        );
    }
}
