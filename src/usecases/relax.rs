//! Accepting a relaxation the engine suggested for an impossible request, as a change
//! of what is stored (or of the search window), so that proposing again finds options and
//! booking one re-checks it against the same, relaxed, rules.
//!
//! The engine tests each relaxation on a copy of the validated request; here the same
//! change is made where the request comes from: the horizon of the [`ProposeRequest`] (a later end), the
//! candidate (a higher daily limit), the plan (a same-day group dropped, a gap widened or
//! shortened, fewer people from a pool) or the interviewers (caps lifted, no buffers).

use super::propose::ProposeRequest;
use super::UseCaseError;
use crate::domain::{Candidate, Interviewer, Need, Plan, PlanId, RoundId};
use crate::interval::Interval;
use crate::solution::RelaxationKind;
use crate::store::Store;

/// What accepting a relaxation changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Accepted {
    /// The request to propose again (its horizon may be longer).
    pub request: ProposeRequest,
    /// The change in words, naming the record changed ("plan loop-platform: ...").
    pub changed: String,
}

fn stale(what: String) -> UseCaseError {
    UseCaseError::Conflict {
        reasons: vec![format!(
            "the suggestion names {what}, which is no longer stored"
        )],
    }
}

/// Makes the change `kind` describes for proposing `req`, in the store where it is a
/// lasting rule (the plan of `req`, the candidate, interviewers), and returns the request
/// to propose again. `plan` is the plan the request used (the candidate's own when `req`
/// names none).
pub fn accept(
    store: &Store,
    req: &ProposeRequest,
    plan: &PlanId,
    kind: &RelaxationKind,
) -> Result<Accepted, UseCaseError> {
    let mut request = req.clone();
    let edit_plan = |change: &dyn Fn(&mut Plan) -> Result<String, UseCaseError>| {
        let mut p: Plan = store.need(plan.as_str())?;
        let said = change(&mut p)?;
        super::records::edit_plan(store, &p)?;
        Ok::<_, UseCaseError>(format!("plan {}: {said}", p.name))
    };
    let rid = |r: &str| RoundId::new(r.to_string()).map_err(UseCaseError::from);
    let changed = match kind {
        RelaxationKind::ExtendHorizon { end } => {
            request.horizon = Interval {
                start: req.horizon.start,
                end: (*end).max(req.horizon.end),
            };
            "the search window ends later".to_string()
        }
        RelaxationKind::RaiseCandidateDailyMinutes { minutes } => {
            let c = store.update(req.candidate.as_str(), |mut c: Candidate| {
                c.max_minutes_per_day = Some(*minutes);
                Ok::<_, UseCaseError>(c)
            })?;
            format!(
                "candidate {}: up to {minutes} interview minutes a day",
                c.name
            )
        }
        RelaxationKind::DropSameDay { rounds } => edit_plan(&|p: &mut Plan| {
            let mut wanted = rounds.clone();
            wanted.sort();
            let before = p.same_day.len();
            p.same_day.retain(|g| {
                let mut ids: Vec<String> = g.iter().map(|r| r.to_string()).collect();
                ids.sort();
                ids != wanted
            });
            if p.same_day.len() == before {
                return Err(stale(format!("the same-day group {}", rounds.join(", "))));
            }
            Ok(format!("{} may be on different days", rounds.join(" and ")))
        })?,
        RelaxationKind::WidenMaxGap {
            round,
            after,
            minutes,
        } => edit_plan(&|p: &mut Plan| {
            let (r, a) = (rid(round)?, rid(after)?);
            let rule = gap(p, &r, &a)?;
            rule.max_gap_minutes = minutes.map(|m| u32::try_from(m.max(0)).unwrap_or(u32::MAX));
            Ok(format!("a longer gap between {after} and {round}"))
        })?,
        RelaxationKind::ShortenMinGap {
            round,
            after,
            minutes,
        } => edit_plan(&|p: &mut Plan| {
            let (r, a) = (rid(round)?, rid(after)?);
            let rule = gap(p, &r, &a)?;
            rule.min_gap_minutes = u32::try_from((*minutes).max(0)).unwrap_or(0);
            Ok(format!("a shorter gap between {after} and {round}"))
        })?,
        RelaxationKind::FewerFromPool { round, pool, count } => edit_plan(&|p: &mut Plan| {
            let r = rid(round)?;
            let spec = p
                .rounds
                .iter_mut()
                .find(|x| x.id == r)
                .ok_or_else(|| stale(format!("round {round}")))?;
            let need = spec
                .needs
                .iter_mut()
                .find_map(|n| match n {
                    Need::Pool { pool: p, count } if p == pool => Some(count),
                    Need::Pool { .. } | Need::Person(_) => None,
                })
                .ok_or_else(|| stale(format!("pool {pool} in round {round}")))?;
            *need = *count;
            Ok(format!("{} needs {count} from {pool}", spec.name))
        })?,
        RelaxationKind::LiftCaps { interviewer } => {
            let i = store.update(interviewer, |mut i: Interviewer| {
                i.max_per_day = None;
                i.max_per_week = None;
                Ok::<_, UseCaseError>(i)
            })?;
            format!("interviewer {}: no daily or weekly cap", i.name)
        }
        RelaxationKind::NoBuffers => {
            let p: Plan = store.need(plan.as_str())?;
            let pools = super::propose::plan_pools(&p);
            let named = super::propose::named_people(&p);
            let mut n = 0;
            for i in store.all::<Interviewer>()? {
                let concerned =
                    named.contains(&i.id) || i.pools.iter().any(|x| pools.contains(&x.as_str()));
                if concerned && i.buffer_minutes > 0 {
                    store.update(i.id.as_str(), |mut i: Interviewer| {
                        i.buffer_minutes = 0;
                        Ok::<_, UseCaseError>(i)
                    })?;
                    n += 1;
                }
            }
            format!("{n} interviewers of plan {} keep no buffer", p.name)
        }
    };
    Ok(Accepted { request, changed })
}

fn gap<'a>(
    p: &'a mut Plan,
    round: &RoundId,
    after: &RoundId,
) -> Result<&'a mut crate::domain::AfterRule, UseCaseError> {
    p.rounds
        .iter_mut()
        .find(|r| &r.id == round)
        .and_then(|r| r.after.iter_mut().find(|a| &a.round == after))
        .ok_or_else(|| stale(format!("the order rule {after} before {round}")))
}
