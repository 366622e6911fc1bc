def coverage(*a, **k): pass
def near_copies(*a, **k): pass
def unique_passages(*a, **k): pass
