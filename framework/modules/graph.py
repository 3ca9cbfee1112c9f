"""Dependency order of addons.

`install_order` returns addons so that each comes after everything it
depends on, and names the missing dependency or the cycle otherwise.
"""
from ..exceptions import ModuleError


def dependency_closure(names, manifests):
    """`names` and every addon they depend on, directly or not."""
    result, todo = set(), list(names)
    while todo:
        name = todo.pop()
        if name in result:
            continue
        manifest = manifests.get(name)
        if manifest is None:
            raise ModuleError("Module '%s' is not available in the addons path; check its name "
                              "or add its folder with --addons-path" % name)
        result.add(name)
        for dependency in manifest['depends']:
            if dependency not in manifests:
                raise ModuleError("Module '%s' depends on '%s', which is not available in the "
                                  "addons path" % (name, dependency))
            todo.append(dependency)
    return result


def install_order(names, manifests):
    """`names` sorted so that dependencies come first (ties by name)."""
    names = set(names)
    order, done, visiting = [], set(), []

    def visit(name):
        if name in done:
            return
        if name in visiting:
            cycle = visiting[visiting.index(name):] + [name]
            raise ModuleError('Modules depend on each other in a cycle: %s' % ' -> '.join(cycle))
        visiting.append(name)
        for dependency in sorted(manifests[name]['depends']):
            if dependency in names:
                visit(dependency)
        visiting.pop()
        done.add(name)
        order.append(name)

    for name in sorted(names, key=lambda n: (n != 'base', n)):
        visit(name)
    return order


def dependents(names, installed, manifests):
    """Installed addons that depend (directly or not) on any of `names`."""
    result = set(names)
    changed = True
    while changed:
        changed = False
        for name in installed:
            if name not in result and set(manifests.get(name, {}).get('depends', ())) & result:
                result.add(name)
                changed = True
    return result
