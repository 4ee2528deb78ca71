"""2-opt local search for the travelling salesman problem."""


def tour_length(tour, dist):
    return sum(dist[tour[i]][tour[(i + 1) % len(tour)]] for i in range(len(tour)))


def two_opt(tour, dist):
    """Reverse segments of the tour while that shortens it; stops at a local optimum."""
    improved = True
    while improved:
        improved = False
        for i in range(1, len(tour) - 1):
            for j in range(i + 1, len(tour)):
                a, b = tour[i - 1], tour[i]
                c, d = tour[j], tour[(j + 1) % len(tour)]
                if dist[a][c] + dist[b][d] < dist[a][b] + dist[c][d]:
                    tour[i:j + 1] = reversed(tour[i:j + 1])
                    improved = True
    return tour
