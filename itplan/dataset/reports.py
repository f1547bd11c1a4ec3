"""A project's progress reports on its latest quarters, in every workflow state."""

import datetime
import random

from projects.models import Project, StatusUpdate

from .context import _Province, _quarter_end, _quarters
from .material import (
    AS_OF,
    CURRENT_YEAR,
    DIFFICULTIES,
    LAST_QUARTER,
    PROPOSALS,
    REPORT_COUNTS,
    RESULTS,
    RETURN_REASONS,
    STATUS,
    TZ,
)


def _moment(rng: random.Random, day: datetime.date, days: tuple[int, int]) -> datetime.datetime:
    """A working-hours moment some ``days`` after ``day``, not after ``AS_OF``."""
    moment = datetime.datetime.combine(
        day + datetime.timedelta(days=rng.randint(*days)),
        datetime.time(rng.randint(7, 16), rng.randint(0, 59)),
        tzinfo=TZ,
    )
    return min(moment, datetime.datetime.combine(AS_OF, datetime.time(17), tzinfo=TZ))


State = StatusUpdate.State


STATES = [State.APPROVED, State.SUBMITTED, State.DRAFT, State.RETURNED]


def _reports(ctx: _Province, project: Project, status: str, final: int) -> list[StatusUpdate]:
    """Reports on the project's latest quarters, % complete rising to ``final``; sets the
    project's status, % complete and version as approving them would have."""
    rng = ctx.rng
    ongoing = status not in (STATUS.COMPLETED, STATUS.CANCELLED)  # still reported when late
    quarters = _quarters(project.start_year, CURRENT_YEAR if ongoing else project.end_year)
    n = min(len(quarters), rng.choice(REPORT_COUNTS[status]))
    reports, percent = [], 0
    for i, (year, quarter) in enumerate(quarters[len(quarters) - n :]):
        last = i == n - 1
        if last:
            percent = final
            weights = (55, 20, 13, 12) if (year, quarter) == LAST_QUARTER else (94, 2, 2, 2)
        else:
            percent = max(percent, min(final, round(final * (i + 1) / n * rng.uniform(0.8, 1))))
            weights = (97, 1, 0, 2)
        state = rng.choices(STATES, weights=weights)[0]
        if last or status in (STATUS.NOT_STARTED, STATUS.PREPARING):
            report_status = status
        else:
            report_status = STATUS.IN_PROGRESS if percent else STATUS.PREPARING
        created = _moment(rng, _quarter_end(year, quarter), (1, 20))
        submitted = reviewed = None
        if state != State.DRAFT:
            submitted = max(created, _moment(rng, created.date(), (0, 4)))
        if state in (State.APPROVED, State.RETURNED):
            reviewed = max(submitted, _moment(rng, submitted.date(), (1, 8)))
        reports.append(
            StatusUpdate(
                project=project,
                year=year,
                quarter=quarter,
                status=report_status,
                percent_complete=percent,
                results=_results(rng, percent),
                difficulties=rng.choice(DIFFICULTIES),
                proposals=rng.choice(PROPOSALS),
                state=state,
                author=ctx.staff,
                created_at=created,
                submitted_at=submitted,
                reviewer=ctx.leader if reviewed else None,
                reviewed_at=reviewed,
                return_reason=rng.choice(RETURN_REASONS) if state == State.RETURNED else "",
                # one save to create, one to submit, one to approve or return
                version={State.DRAFT: 0, State.SUBMITTED: 1}.get(state, 2),
            )
        )
    approved = [r for r in reports if r.state == State.APPROVED]
    project.version = len(approved)  # each approval saves the project once
    if approved:
        project.status = approved[-1].status
        project.percent_complete = approved[-1].percent_complete
    else:  # as the appendix states it
        project.status = status
        project.percent_complete = None if status == STATUS.NOT_STARTED else final
    return reports


def _results(rng: random.Random, percent: int) -> str:
    """What a report at ``percent`` says it achieved: a survey early, acceptance at the end."""
    if not percent:
        return ""
    step = min(len(RESULTS) - 1, percent * len(RESULTS) // 100 + rng.choice((-1, 0, 0)))
    return RESULTS[max(0, step)].format(n=rng.randint(2, 30))
