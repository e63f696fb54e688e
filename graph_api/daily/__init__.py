"""The daily puzzle: one pair of well-known players per date, the same for everyone.

- ``rule``: the pure rule (which pair a date gets, which dates have a puzzle, difficulty).
- ``puzzles``: draws the pair over the graph and pins it in Redis for the day.
- ``store``: the day's attempts and statistics in Redis (atomic Lua scripts, TTL per day).
- ``attempts``: checks a chain hop by hop with the battles' chain rules and records it.
- ``game``: the two services as the composition root builds them (``graph_api/services.py``).

The rule, the limits and the Redis keys are told in the README's "The daily puzzle".
"""
