"""The history operations as the tests of their rules call them: for no person, which
they say by name (`skip_permission_checks=True`). Everything else is `organizations.workflow`
itself; tests of who may act call `organizations.workflow` with an actor.
"""

from functools import partial

from organizations import workflow

OPERATIONS = ("establish", "rename", "upgrade", "move", "merge", "dissolve")


def __getattr__(name):
    if name in OPERATIONS:
        return partial(getattr(workflow, name), skip_permission_checks=True)
    return getattr(workflow, name)
