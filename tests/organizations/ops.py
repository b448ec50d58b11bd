"""The history operations as the tests of their rules call them: for no person, which
they say by name (`skip_permission_checks=True`), and with the `Change` spelled out as
keywords (`date=`, `decision=`, `note=`). Everything else is `organizations.workflow`
itself; tests of who may act call `organizations.workflow` with an actor.
"""

from functools import wraps

from organizations import workflow

OPERATIONS = ("establish", "rename", "upgrade", "move", "merge", "dissolve")


def _for_no_one(operation):
    @wraps(operation)
    def call(*, date, decision=workflow.NO_DECISION, note="", **arguments):
        change = workflow.Change(date=date, decision=decision, note=note)
        return operation(change=change, skip_permission_checks=True, **arguments)

    return call


def __getattr__(name):
    if name in OPERATIONS:
        return _for_no_one(getattr(workflow, name))
    return getattr(workflow, name)
