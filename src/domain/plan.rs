//! Interview plans: the rounds a job's candidates go through, who sits in each, in what
//! order, with what gaps, and which rounds share a day.

use super::{DomainError, InterviewerId, PlanId, RoundId};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// Longest round: one day.
const MAX_ROUND_MINUTES: u32 = 24 * 60;

/// A job's interview plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Plan {
    /// Stable id (what `propose --plan` names).
    pub id: PlanId,
    /// Display name of the plan.
    pub name: String,
    /// The job it is for (title).
    #[serde(default)]
    pub job: String,
    /// The rounds, in the order the coordinator thinks of them.
    pub rounds: Vec<RoundSpec>,
    /// Groups of rounds that start on one local date of the candidate.
    #[serde(default)]
    pub same_day: Vec<Vec<RoundId>>,
}

/// One round of a plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RoundSpec {
    /// Stable id inside the plan.
    pub id: RoundId,
    /// Display name.
    pub name: String,
    /// Length in minutes.
    pub duration_minutes: u32,
    /// Who must sit in it.
    pub needs: Vec<Need>,
    /// Rounds it must follow, with gaps.
    #[serde(default)]
    pub after: Vec<AfterRule>,
    /// Optional seats for trainees of a pool ("+1 trainee from backend"); absent in
    /// plans that offer none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub trainee_seats: Vec<super::TraineeSeats>,
}

/// Who a round needs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Need {
    /// `count` distinct interviewers from a pool.
    Pool {
        /// The pool.
        pool: String,
        /// How many.
        count: u32,
    },
    /// One named interviewer.
    Person(InterviewerId),
}

/// This round starts at least `min_gap_minutes` (and at most `max_gap_minutes`) after
/// `round` ends.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AfterRule {
    /// The round that comes first.
    pub round: RoundId,
    /// Least gap in minutes.
    #[serde(default)]
    pub min_gap_minutes: u32,
    /// Largest gap in minutes, if any.
    #[serde(default)]
    pub max_gap_minutes: Option<u32>,
}

impl Plan {
    /// The round with id `id`.
    pub fn round(&self, id: &RoundId) -> Option<&RoundSpec> {
        self.rounds.iter().find(|r| &r.id == id)
    }

    /// Checks the plan as a whole: at least one round, distinct round ids, durations of
    /// 1 minute to a day, needs of at least one person, `after` and `same_day` naming
    /// rounds of the plan, gaps in order, and no cycle of `after`.
    pub fn validate(&self) -> Result<(), DomainError> {
        let bad = |message: String| DomainError::BadPlan {
            plan: self.id.to_string(),
            message,
        };
        if self.rounds.is_empty() {
            return Err(bad("it has no rounds; add at least one".into()));
        }
        let mut ids = BTreeSet::new();
        for r in &self.rounds {
            if !ids.insert(&r.id) {
                return Err(bad(format!("round id {} appears twice", r.id)));
            }
        }
        for r in &self.rounds {
            if r.duration_minutes == 0 || r.duration_minutes > MAX_ROUND_MINUTES {
                return Err(bad(format!(
                    "round {} lasts {} minutes; use 1 to 1440",
                    r.id, r.duration_minutes
                )));
            }
            if r.needs.is_empty() {
                return Err(bad(format!(
                    "round {} needs nobody; add a pool or a person",
                    r.id
                )));
            }
            for n in &r.needs {
                match n {
                    Need::Pool { pool, count } => {
                        if pool.trim().is_empty() || *count == 0 {
                            return Err(bad(format!(
                                "round {} needs {count} from pool {pool:?}; name a pool and a count of 1 or more",
                                r.id
                            )));
                        }
                    }
                    Need::Person(_) => {}
                }
            }
            let mut seat_pools = BTreeSet::new();
            for t in &r.trainee_seats {
                if t.pool.trim().is_empty() || t.count == 0 || !seat_pools.insert(&t.pool) {
                    return Err(bad(format!(
                        "round {} offers {} trainee seat(s) from pool {:?}; name each pool once with a count of 1 or more",
                        r.id, t.count, t.pool
                    )));
                }
            }
            for a in &r.after {
                if !ids.contains(&a.round) {
                    return Err(bad(format!(
                        "round {} follows {}, which is not a round of the plan",
                        r.id, a.round
                    )));
                }
                if a.max_gap_minutes.is_some_and(|m| m < a.min_gap_minutes) {
                    return Err(bad(format!(
                        "round {}: the largest gap after {} is below the least gap",
                        r.id, a.round
                    )));
                }
            }
        }
        for group in &self.same_day {
            for id in group {
                if !ids.contains(id) {
                    return Err(bad(format!(
                        "same-day group names {id}, which is not a round of the plan"
                    )));
                }
            }
        }
        if let Some(cycle) = self.after_cycle() {
            return Err(bad(format!(
                "the rounds follow each other in a cycle: {}",
                cycle.join(" -> ")
            )));
        }
        Ok(())
    }

    /// A cycle of `after` rules, if any, as round ids with the first repeated at the end.
    fn after_cycle(&self) -> Option<Vec<String>> {
        let edges: BTreeMap<&RoundId, Vec<&RoundId>> = self
            .rounds
            .iter()
            .map(|r| (&r.id, r.after.iter().map(|a| &a.round).collect()))
            .collect();
        // 0 = unseen, 1 = on the path, 2 = done.
        let mut state: BTreeMap<&RoundId, u8> = BTreeMap::new();
        let mut path: Vec<&RoundId> = Vec::new();
        fn visit<'a>(
            n: &'a RoundId,
            edges: &BTreeMap<&'a RoundId, Vec<&'a RoundId>>,
            state: &mut BTreeMap<&'a RoundId, u8>,
            path: &mut Vec<&'a RoundId>,
        ) -> Option<Vec<String>> {
            match state.get(n).copied().unwrap_or(0) {
                1 => {
                    let from = path.iter().position(|p| *p == n).unwrap_or(0);
                    let mut cycle: Vec<String> =
                        path[from..].iter().map(|r| r.to_string()).collect();
                    cycle.push(n.to_string());
                    return Some(cycle);
                }
                2 => return None,
                _ => {}
            }
            state.insert(n, 1);
            path.push(n);
            for next in edges.get(n).into_iter().flatten() {
                if let Some(c) = visit(next, edges, state, path) {
                    return Some(c);
                }
            }
            path.pop();
            state.insert(n, 2);
            None
        }
        for r in &self.rounds {
            if let Some(c) = visit(&r.id, &edges, &mut state, &mut path) {
                return Some(c);
            }
        }
        None
    }
}

/// The units a gap is written in, longest first: (suffix, minutes, name).
pub const GAP_UNITS: [(&str, u32, &str); 3] =
    [("d", 1440, "days"), ("h", 60, "hours"), ("m", 1, "minutes")];

/// Minutes as the plan editor writes a gap: `45m`, `2h`, `1d`, `1d3h`, `0m`.
pub fn gap_text(minutes: u32) -> String {
    let mut rest = minutes;
    let mut s = String::new();
    for (suffix, size, _) in GAP_UNITS {
        if rest >= size {
            s += &format!("{}{suffix}", rest / size);
            rest %= size;
        }
    }
    if s.is_empty() {
        s = "0m".to_string();
    }
    s
}

impl std::fmt::Display for Need {
    /// The plan editor's text of a need: `2 from backend`, or `@ivr-003` for a person.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Need::Pool { pool, count } => write!(f, "{count} from {pool}"),
            Need::Person(who) => write!(f, "@{who}"),
        }
    }
}

impl std::fmt::Display for AfterRule {
    /// The plan editor's text of a rule: the round and the least gap (`screen 1d`), or
    /// the least and the largest (`technical 15m-4h`).
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} {}", self.round, gap_text(self.min_gap_minutes))?;
        match self.max_gap_minutes {
            Some(max) => write!(f, "-{}", gap_text(max)),
            None => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn round(id: &str, after: &[&str]) -> RoundSpec {
        RoundSpec {
            id: RoundId::new(id).expect("valid id"),
            name: id.into(),
            duration_minutes: 60,
            needs: vec![Need::Pool {
                pool: "eng".into(),
                count: 1,
            }],
            after: after
                .iter()
                .map(|a| AfterRule {
                    round: RoundId::new(*a).expect("valid"),
                    min_gap_minutes: 0,
                    max_gap_minutes: None,
                })
                .collect(),
            trainee_seats: Vec::new(),
        }
    }

    #[test]
    fn plan_validation_names_what_is_wrong() {
        let cases: Vec<(&str, Vec<RoundSpec>, Option<&str>)> = vec![
            ("chain", vec![round("a", &[]), round("b", &["a"])], None),
            ("empty", vec![], Some("no rounds")),
            (
                "twice",
                vec![round("a", &[]), round("a", &[])],
                Some("appears twice"),
            ),
            (
                "unknown after",
                vec![round("a", &["zz"])],
                Some("not a round of the plan"),
            ),
            (
                "cycle",
                vec![round("a", &["c"]), round("b", &["a"]), round("c", &["b"])],
                Some("cycle"),
            ),
            ("self", vec![round("a", &["a"])], Some("cycle: a -> a")),
        ];
        for (name, rounds, want) in cases {
            let plan = Plan {
                id: PlanId::new("p").expect("valid"),
                name: name.into(),
                job: String::new(),
                rounds,
                same_day: vec![],
            };
            match (plan.validate(), want) {
                (Ok(()), None) => {}
                (Err(e), Some(w)) => assert!(
                    e.to_string().contains(w),
                    "case {name}: {e} should mention {w}"
                ),
                (got, want) => {
                    panic!("case {name}: got {got:?}, wanted an error mentioning {want:?}")
                }
            }
        }
    }

    #[test]
    fn needs_and_rules_are_written_as_the_editor_reads_them() {
        for (m, text) in [
            (0, "0m"),
            (45, "45m"),
            (120, "2h"),
            (1440, "1d"),
            (1620, "1d3h"),
            (1501, "1d1h1m"),
        ] {
            assert_eq!(gap_text(m), text, "{m} minutes");
        }
        let pool = Need::Pool {
            pool: "backend".into(),
            count: 2,
        };
        assert_eq!(pool.to_string(), "2 from backend");
        let person = Need::Person(InterviewerId::new("ivr-003").expect("valid"));
        assert_eq!(person.to_string(), "@ivr-003");
        let mut rule = AfterRule {
            round: RoundId::new("technical").expect("valid"),
            min_gap_minutes: 15,
            max_gap_minutes: Some(240),
        };
        assert_eq!(rule.to_string(), "technical 15m-4h");
        rule.max_gap_minutes = None;
        rule.min_gap_minutes = 1440;
        assert_eq!(rule.to_string(), "technical 1d");
    }
}
