"""The duplicate review queue: finding likely duplicates, and staff deciding on them."""

from __future__ import annotations

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from caseweave.access import gate
from caseweave.access.types import Action, Actor, Category, PersonId
from caseweave.audit import recorder
from caseweave.people import events
from caseweave.people.actions.merge import person_merge
from caseweave.people.choices import ReviewStatus
from caseweave.people.errors import PeopleError
from caseweave.people.matching.resolve import find_duplicates
from caseweave.people.models import DuplicateCandidate
from caseweave.people.records import person_records
from caseweave.people.scoring import registry_model, save_fitted_model

REASON = "duplicate detection"
DEFAULT_AUTO_LINK = 0.999


def auto_link_threshold() -> float:
    """Pairs at or above it are marked auto-linked (never merged); a setting, as agencies
    tune it to their own tolerance for false links."""
    return float(getattr(settings, "CASEWEAVE_PEOPLE_AUTO_LINK_THRESHOLD", DEFAULT_AUTO_LINK))


@transaction.atomic
def duplicates_find(*, actor: Actor, threshold: float | None = None) -> int:
    """Score the whole registry and queue new likely duplicate pairs for review.

    Run by the nightly task and ``caseweave people find-duplicates`` as a system actor.
    The model is fitted on the registry itself; when that fit is not trusted (see
    ``scoring.save_fitted_model``: too few duplicates to learn from), pairs are scored with
    the model registration uses (the last trusted fit, else the shipped default with the
    common names' frequencies of the fit just saved) and none is marked auto-linked. Pairs
    already queued or decided are left as they are. Audits one ``duplicate.found`` event
    with the number queued. Returns that number.
    """
    records = person_records(REASON)
    if len(records) < 2:
        return 0
    resolution = find_duplicates(records, threshold=threshold)
    fitted = save_fitted_model(resolution.model)  # registration ranks with it if trusted
    trusted = fitted.parameters["check"]["trusted"]
    if not trusted:  # score with the last trusted fit or the shipped default instead
        # with its stored frequencies, not the data's: those hold every rare name, whose
        # count is mostly one person's own records (``MatchModel.with_frequencies``)
        model = registry_model()
        resolution = find_duplicates(records, model=model, threshold=threshold, tf_from_data=False)
    by_id = {record.record_id: record for record in records}
    pairs = DuplicateCandidate.objects.for_system(REASON).values_list("person_id", "other_id")
    known = {(str(first), str(second)) for first, second in pairs}
    auto = auto_link_threshold()
    rows: list[DuplicateCandidate] = []
    for left, right, probability in resolution.id_pairs():
        first, second = sorted((left, right))
        if (first, second) in known:
            continue
        known.add((first, second))
        result = resolution.model.score(by_id[first], by_id[second])
        rows.append(
            DuplicateCandidate(
                person_id=first,
                other_id=second,
                score=result.weight,
                probability=probability,
                reasons=[reason.text for reason in result.reasons],
                status=(
                    ReviewStatus.AUTO_LINKED
                    if trusted and probability >= auto
                    else ReviewStatus.PENDING
                ),
            )
        )
    DuplicateCandidate.objects.bulk_create(rows, batch_size=1000)
    recorder.record(
        actor,
        events.DUPLICATE_FOUND,
        action="create",
        object_type="duplicate_candidate",
        payload={"queued": len(rows), "compared": resolution.candidates},
    )
    return len(rows)


@transaction.atomic
def duplicate_decide(*, actor: Actor, candidate_id: int, same_person: bool) -> DuplicateCandidate:
    """Confirm (merge the newer record into the older) or reject a queued pair.

    Needs ``people.review_duplicates`` (view) and UPDATE on both people (``NotFound``
    otherwise). Confirming runs ``person_merge`` and so may raise ``MergeRefused``.
    Audits ``duplicate.decided``.
    """
    candidate: DuplicateCandidate = (
        DuplicateCandidate.objects.for_system(REASON)
        .select_for_update()
        .select_related("person", "other")
        .get(pk=candidate_id)
    )
    if candidate.status not in {ReviewStatus.PENDING, ReviewStatus.AUTO_LINKED}:
        raise PeopleError("this pair has already been decided")
    for person_id in (candidate.person_id, candidate.other_id):
        gate.require(actor, PersonId(person_id), Category.IDENTITY, Action.UPDATE)
    if same_person:
        older, newer = sorted([candidate.person, candidate.other], key=lambda p: p.created_at)
        person_merge(actor=actor, survivor_id=PersonId(older.id), merged_id=PersonId(newer.id))
    candidate.status = ReviewStatus.CONFIRMED if same_person else ReviewStatus.REJECTED
    candidate.decided_by_id = actor.membership_id
    candidate.decided_at = timezone.now()
    candidate.save(update_fields=["status", "decided_by", "decided_at"])
    recorder.record(
        actor,
        events.DUPLICATE_DECIDED,
        action="update",
        person_ids=[candidate.person_id, candidate.other_id],
        categories=[Category.IDENTITY],
        object_type="duplicate_candidate",
        object_id=candidate.pk,
        payload={"status": candidate.status},
    )
    return candidate
