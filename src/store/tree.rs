//! The trees of a database, named once: [`Tree`] says which one, `Trees` holds them
//! open. Code above this module picks a tree by its variant, never by a string, so a
//! misspelt or forgotten tree is a compile error (every `match` on [`Tree`] is whole).

/// One sled tree of a schema-3 database. What each holds, and how its keys and values
/// are encoded, is in [`super::codec`] and DESIGN.md.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Tree {
    /// Counters, the schema version and the instance tag (keys in [`super`]).
    Meta,
    /// Interviewers by id.
    Interviewers,
    /// Candidates by id.
    Candidates,
    /// Plans by id.
    Plans,
    /// Bookings by id.
    Bookings,
    /// Index: every booking by start instant, then id.
    BookingsByStart,
    /// Index: the live bookings of each interviewer by UTC day.
    InterviewerDays,
    /// Index: the live bookings of each candidate.
    CandidateBookings,
    /// The latest proposal of each candidate, by candidate id.
    Proposals,
    /// Which version of each booking's invites was written, and where, by booking id.
    InvitesSent,
    /// Connected calendar accounts (no passwords), by account name.
    CalendarAccounts,
    /// The calendars linked to each interviewer, by interviewer id.
    CalendarLinks,
    /// What each linked calendar said when last read (events, sync token), by
    /// account and calendar address.
    CalendarCopies,
    /// When each linked calendar was last read and why its last read failed, by the
    /// key of its copy: a read that finds nothing new writes this, not the copy.
    CalendarReads,
    /// Whether each booking reached the team's interview calendar, by booking id.
    Published,
    /// E-mails queued to be sent and what became of them, by Message-ID.
    Outbox,
    /// What each invitee answered, and proposed times, by booking id.
    Answers,
    /// The training path of each pool, by pool.
    TrainingPaths,
    /// Each interviewer's training (pools, interviews marked held, sign-off), by
    /// interviewer id.
    Trainees,
    /// Times offered to candidates and held on their panels, by candidate id.
    Offers,
}

impl Tree {
    /// Every tree, in the order the store opens them.
    pub const ALL: [Tree; 20] = [
        Tree::Meta,
        Tree::Interviewers,
        Tree::Candidates,
        Tree::Plans,
        Tree::Bookings,
        Tree::BookingsByStart,
        Tree::InterviewerDays,
        Tree::CandidateBookings,
        Tree::Proposals,
        Tree::InvitesSent,
        Tree::CalendarAccounts,
        Tree::CalendarLinks,
        Tree::CalendarCopies,
        Tree::CalendarReads,
        Tree::Published,
        Tree::Outbox,
        Tree::Answers,
        Tree::TrainingPaths,
        Tree::Trainees,
        Tree::Offers,
    ];

    /// The tree's name on disk (also its name in error messages).
    pub const fn name(self) -> &'static str {
        match self {
            Tree::Meta => "meta",
            Tree::Interviewers => "interviewers",
            Tree::Candidates => "candidates",
            Tree::Plans => "plans",
            Tree::Bookings => "bookings",
            Tree::BookingsByStart => "bookings_by_start",
            Tree::InterviewerDays => "interviewer_days",
            Tree::CandidateBookings => "candidate_bookings",
            Tree::Proposals => "proposals",
            Tree::InvitesSent => "invites_sent",
            Tree::CalendarAccounts => "calendar_accounts",
            Tree::CalendarLinks => "calendar_links",
            Tree::CalendarCopies => "calendar_copies",
            Tree::CalendarReads => "calendar_reads",
            Tree::Published => "published",
            Tree::Outbox => "outbox",
            Tree::Answers => "answers",
            Tree::TrainingPaths => "training_paths",
            Tree::Trainees => "trainees",
            Tree::Offers => "offers",
        }
    }
}

impl std::fmt::Display for Tree {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// Every tree of one database, open.
#[derive(Clone)]
pub(crate) struct Trees {
    meta: sled::Tree,
    interviewers: sled::Tree,
    candidates: sled::Tree,
    plans: sled::Tree,
    bookings: sled::Tree,
    by_start: sled::Tree,
    days: sled::Tree,
    by_candidate: sled::Tree,
    proposals: sled::Tree,
    invites_sent: sled::Tree,
    calendar_accounts: sled::Tree,
    calendar_links: sled::Tree,
    calendar_copies: sled::Tree,
    calendar_reads: sled::Tree,
    published: sled::Tree,
    outbox: sled::Tree,
    answers: sled::Tree,
    training_paths: sled::Tree,
    trainees: sled::Tree,
    offers: sled::Tree,
}

impl Trees {
    /// Opens (creating when missing) every tree of `db`.
    pub(crate) fn open(db: &sled::Db) -> sled::Result<Trees> {
        let open = |t: Tree| db.open_tree(t.name());
        Ok(Trees {
            meta: open(Tree::Meta)?,
            interviewers: open(Tree::Interviewers)?,
            candidates: open(Tree::Candidates)?,
            plans: open(Tree::Plans)?,
            bookings: open(Tree::Bookings)?,
            by_start: open(Tree::BookingsByStart)?,
            days: open(Tree::InterviewerDays)?,
            by_candidate: open(Tree::CandidateBookings)?,
            proposals: open(Tree::Proposals)?,
            invites_sent: open(Tree::InvitesSent)?,
            calendar_accounts: open(Tree::CalendarAccounts)?,
            calendar_links: open(Tree::CalendarLinks)?,
            calendar_copies: open(Tree::CalendarCopies)?,
            calendar_reads: open(Tree::CalendarReads)?,
            published: open(Tree::Published)?,
            outbox: open(Tree::Outbox)?,
            answers: open(Tree::Answers)?,
            training_paths: open(Tree::TrainingPaths)?,
            trainees: open(Tree::Trainees)?,
            offers: open(Tree::Offers)?,
        })
    }
}

impl std::ops::Index<Tree> for Trees {
    type Output = sled::Tree;

    fn index(&self, t: Tree) -> &sled::Tree {
        match t {
            Tree::Meta => &self.meta,
            Tree::Interviewers => &self.interviewers,
            Tree::Candidates => &self.candidates,
            Tree::Plans => &self.plans,
            Tree::Bookings => &self.bookings,
            Tree::BookingsByStart => &self.by_start,
            Tree::InterviewerDays => &self.days,
            Tree::CandidateBookings => &self.by_candidate,
            Tree::Proposals => &self.proposals,
            Tree::InvitesSent => &self.invites_sent,
            Tree::CalendarAccounts => &self.calendar_accounts,
            Tree::CalendarLinks => &self.calendar_links,
            Tree::CalendarCopies => &self.calendar_copies,
            Tree::CalendarReads => &self.calendar_reads,
            Tree::Published => &self.published,
            Tree::Outbox => &self.outbox,
            Tree::Answers => &self.answers,
            Tree::TrainingPaths => &self.training_paths,
            Tree::Trainees => &self.trainees,
            Tree::Offers => &self.offers,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Tree;

    #[test]
    fn every_tree_has_its_own_name() {
        let mut names: Vec<&str> = Tree::ALL.iter().map(|t| t.name()).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(
            names.len(),
            Tree::ALL.len(),
            "names are distinct: {names:?}"
        );
    }
}
