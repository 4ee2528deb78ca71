import re


def word_counts(text):
    counts = {}
    for w in re.findall(r"[A-Za-z']+", text):
        w = w.lower()
        counts[w] = counts.get(w, 0) + 1
    return counts
