def flatten(items):
    return [x for sub in items for x in sub]
