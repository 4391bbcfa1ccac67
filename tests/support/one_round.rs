//! The smallest problem "Find options" and "Book" work on: plan `one` with one one-hour
//! round ("Technical") that needs one interviewer, and candidate `cat` on that plan,
//! free at the times given. Shared by the core's tests and, through `#[path]`, the
//! window's.

use rondo::domain::{
    Candidate, CandidateId, InterviewerId, Need, Plan, PlanId, RoundId, RoundSpec,
};
use rondo::interval::{Interval, IntervalSet};
use rondo::store::Store;

/// Stores plan `one` (a one-hour round that needs `interviewer`) and candidate `cat`
/// named `name` (UTC), on that plan, free over `free`.
pub fn one_round(store: &Store, interviewer: &InterviewerId, name: &str, free: &[Interval]) {
    let plan = PlanId::new("one").expect("valid id");
    store
        .put(&Plan {
            id: plan.clone(),
            name: "One round".into(),
            job: "Engineer".into(),
            rounds: vec![RoundSpec {
                id: RoundId::new("tech").expect("valid id"),
                name: "Technical".into(),
                duration_minutes: 60,
                needs: vec![Need::Person(interviewer.clone())],
                after: vec![],
                trainee_seats: vec![],
            }],
            same_day: vec![],
        })
        .expect("plan");
    let mut cat = Candidate::new(
        CandidateId::new("cat").expect("valid id"),
        name,
        chrono_tz::UTC,
    );
    cat.available = IntervalSet::from_intervals(free.to_vec());
    cat.plan = Some(plan);
    store.put(&cat).expect("candidate");
}
