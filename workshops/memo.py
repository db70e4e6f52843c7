"""One broadcast's memo: what every tab rendering the same change may share."""


def remembered(shared: dict | None, key, compute):
    """`compute()` once per shared memo (one broadcast), or every time without one."""
    if shared is None:
        return compute()
    if key not in shared:
        shared[key] = compute()
    return shared[key]
