//! Adding, editing, deleting and listing interviewers, candidates and plans. Every value
//! is validated before it is stored, and a delete that would leave a booking or a plan
//! pointing at nothing is refused with what still uses the record.

use super::UseCaseError;
use crate::domain::{Booking, Candidate, Interviewer, Need, Plan};
use crate::store::{Store, StoreError};

/// Stores a new interviewer ([`StoreError::Exists`] if the id is taken).
pub fn add_interviewer(store: &Store, i: &Interviewer) -> Result<(), UseCaseError> {
    i.validate()?;
    Ok(store.insert_new(i)?)
}

/// Replaces a stored interviewer ([`StoreError::NotFound`] if there is none).
pub fn edit_interviewer(store: &Store, i: &Interviewer) -> Result<(), UseCaseError> {
    i.validate()?;
    store.need::<Interviewer>(i.id.as_str())?;
    Ok(store.put(i)?)
}

/// Deletes an interviewer no live booking and no plan names.
pub fn delete_interviewer(
    store: &Store,
    id: &crate::domain::InterviewerId,
) -> Result<(), UseCaseError> {
    store.need::<Interviewer>(id.as_str())?;
    if let Some(b) = store
        .all::<Booking>()?
        .into_iter()
        .find(|b| b.status.is_live() && b.interviewers.contains(id))
    {
        return Err(in_use(
            "interviewer",
            id.as_str(),
            format!("booking {} (cancel it first)", b.id),
        ));
    }
    if let Some(p) = store.all::<Plan>()?.into_iter().find(|p| {
        p.rounds.iter().any(|r| {
            r.needs
                .iter()
                .any(|n| matches!(n, Need::Person(x) if x == id))
        })
    }) {
        return Err(in_use("interviewer", id.as_str(), format!("plan {}", p.id)));
    }
    Ok(store.remove::<Interviewer>(id.as_str())?)
}

/// Stores a new candidate; their plan, if any, must exist.
pub fn add_candidate(store: &Store, c: &Candidate) -> Result<(), UseCaseError> {
    c.validate()?;
    if let Some(p) = &c.plan {
        store.need::<Plan>(p.as_str())?;
    }
    Ok(store.insert_new(c)?)
}

/// Replaces a stored candidate; their plan, if any, must exist.
pub fn edit_candidate(store: &Store, c: &Candidate) -> Result<(), UseCaseError> {
    c.validate()?;
    store.need::<Candidate>(c.id.as_str())?;
    if let Some(p) = &c.plan {
        store.need::<Plan>(p.as_str())?;
    }
    Ok(store.put(c)?)
}

/// Deletes a candidate with no live booking (their kept proposal goes too).
pub fn delete_candidate(
    store: &Store,
    id: &crate::domain::CandidateId,
) -> Result<(), UseCaseError> {
    store.need::<Candidate>(id.as_str())?;
    if let Some(b) = store
        .all::<Booking>()?
        .into_iter()
        .find(|b| b.status.is_live() && &b.candidate == id)
    {
        return Err(in_use(
            "candidate",
            id.as_str(),
            format!("booking {} (cancel it first)", b.id),
        ));
    }
    match store.remove::<crate::domain::Proposal>(id.as_str()) {
        Ok(()) | Err(StoreError::NotFound { .. }) => {}
        Err(e) => return Err(e.into()),
    }
    Ok(store.remove::<Candidate>(id.as_str())?)
}

/// Stores a new plan; named persons must be stored interviewers.
pub fn add_plan(store: &Store, p: &Plan) -> Result<(), UseCaseError> {
    check_plan(store, p)?;
    Ok(store.insert_new(p)?)
}

/// Replaces a stored plan; named persons must be stored interviewers.
pub fn edit_plan(store: &Store, p: &Plan) -> Result<(), UseCaseError> {
    check_plan(store, p)?;
    store.need::<Plan>(p.id.as_str())?;
    Ok(store.put(p)?)
}

/// Deletes a plan no candidate is in and no live booking belongs to.
pub fn delete_plan(store: &Store, id: &crate::domain::PlanId) -> Result<(), UseCaseError> {
    store.need::<Plan>(id.as_str())?;
    if let Some(c) = store
        .all::<Candidate>()?
        .into_iter()
        .find(|c| c.plan.as_ref() == Some(id))
    {
        return Err(in_use("plan", id.as_str(), format!("candidate {}", c.id)));
    }
    if let Some(b) = store
        .all::<Booking>()?
        .into_iter()
        .find(|b| b.status.is_live() && &b.plan == id)
    {
        return Err(in_use(
            "plan",
            id.as_str(),
            format!("booking {} (cancel it first)", b.id),
        ));
    }
    Ok(store.remove::<Plan>(id.as_str())?)
}

fn check_plan(store: &Store, p: &Plan) -> Result<(), UseCaseError> {
    p.validate()?;
    for r in &p.rounds {
        for n in &r.needs {
            match n {
                Need::Person(who) => {
                    store.need::<Interviewer>(who.as_str())?;
                }
                Need::Pool { .. } => {}
            }
        }
    }
    Ok(())
}

/// How many records of each kind are stored.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct Counts {
    /// Interviewers.
    pub interviewers: usize,
    /// Candidates.
    pub candidates: usize,
    /// Plans.
    pub plans: usize,
    /// Bookings (cancelled ones included).
    pub bookings: usize,
}

/// How many records of each kind are stored.
pub fn counts(store: &Store) -> Counts {
    Counts {
        interviewers: store.count::<Interviewer>(),
        candidates: store.count::<Candidate>(),
        plans: store.count::<Plan>(),
        bookings: store.count::<Booking>(),
    }
}

/// An id made from `name` that no stored record of kind `R` has yet
/// ([`crate::domain::id_from_name`]): how the window and the command line name new
/// interviewers, candidates and plans.
pub fn free_id<R: crate::store::Record>(store: &Store, name: &str, fallback: &str) -> String {
    crate::domain::id_from_name(
        name,
        |id| store.get::<R>(id).ok().flatten().is_some(),
        fallback,
    )
}

fn in_use(kind: &'static str, id: &str, user: String) -> UseCaseError {
    UseCaseError::Store(StoreError::InUse {
        kind,
        id: id.to_string(),
        user,
    })
}
