"""Background tasks through Django's tasks API: the database backend and RQ on real Redis."""

from __future__ import annotations

import uuid
from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from django_tasks import TaskResultStatus, task_backends
from django_tasks_db.models import DBTaskResult

from caseweave.access.actors import actor_for_membership
from caseweave.api import actions
from caseweave.api.models import ApiToken
from caseweave.api.tasks import notify_token_issued, purge_expired_api_tokens
from caseweave.api.tests.factories import ApiClientFactory, token_for
from caseweave.audit.models import AuditEvent
from caseweave.core.choices import Role
from caseweave.core.tests.factories import MembershipFactory

REDIS_URL = "redis://127.0.0.1:6379/15"


@pytest.mark.django_db(transaction=True)
def test_issuing_a_token_queues_the_notification_and_the_worker_sends_it() -> None:
    steward = MembershipFactory(role=Role.DATA_STEWARD)
    client = ApiClientFactory(acting_membership__organisation=steward.organisation)

    issued = actions.token_issue(actor=actor_for_membership(steward), client_id=client.pk)

    queued = DBTaskResult.objects.get()
    assert queued.status == TaskResultStatus.READY
    assert queued.task_path == "caseweave.api.tasks.notify_token_issued"
    assert queued.args_kwargs["args"] == [issued.token.pk]
    assert mail.outbox == []

    call_command("cw_worker", batch=True, verbosity=0)

    queued.refresh_from_db()
    assert queued.status == TaskResultStatus.SUCCESSFUL
    (message,) = mail.outbox
    assert message.to == [client.acting_membership.user.email]
    assert issued.secret not in message.body


@pytest.mark.django_db(transaction=True)
def test_the_worker_runs_the_purge_task_from_the_database_queue() -> None:
    token, _ = token_for(ApiClientFactory(), revoked_at=timezone.now() - timedelta(days=120))
    result = purge_expired_api_tokens.enqueue()

    call_command("cw_worker", batch=True, verbosity=0)

    result.refresh()
    assert result.status == TaskResultStatus.SUCCESSFUL
    assert result.return_value == 1
    assert not ApiToken.objects.filter(pk=token.pk).exists()
    assert AuditEvent.objects.get().payload["system_reason"] == "purge expired API tokens"


@pytest.fixture
def rq_backend(settings):
    import redis

    connection = redis.Redis.from_url(REDIS_URL)
    try:
        connection.ping()
    except redis.ConnectionError:
        pytest.fail(f"Redis is not answering at {REDIS_URL}: start redis-server")
    queue = f"cw-test-{uuid.uuid4().hex[:8]}"
    settings.TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": [queue]}}
    # django-tasks-rq looks results up through the "default" connection.
    settings.RQ_QUEUES = {"default": {"URL": REDIS_URL}, queue: {"URL": REDIS_URL}}
    # In-process worker: the job sees this test's database connection and mail outbox.
    settings.RQ = {"WORKER_CLASS": "rq.worker.SimpleWorker"}
    job_ids: list[str] = []
    yield queue, job_ids
    for key in [
        f"rq:queue:{queue}",
        *(f"rq:{kind}:{job}" for job in job_ids for kind in ("job", "results")),
    ]:
        connection.delete(key)


@pytest.mark.django_db(transaction=True)
def test_the_rq_backend_queues_in_redis_and_the_worker_runs_it(rq_backend) -> None:
    queue, job_ids = rq_backend
    token, _ = token_for(ApiClientFactory())
    assert type(task_backends["default"]).__name__ == "RQBackend"

    result = notify_token_issued.using(queue_name=queue).enqueue(token.pk)
    job_ids.append(result.id)
    assert result.status == TaskResultStatus.READY
    assert mail.outbox == []

    call_command("cw_worker", batch=True, queues=[queue], verbosity=0)

    result.refresh()
    assert result.status == TaskResultStatus.SUCCESSFUL
    assert result.return_value is True
    assert len(mail.outbox) == 1
