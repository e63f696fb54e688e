"""The Lua scripts of the Redis room store. Each runs atomically inside Redis.

Keys (named in :mod:`redis_keys`): the room is a hash {state, version}; the timer set is a
sorted set of room codes scored by their next deadline (epoch seconds); a room's events are
published on its channel. On a Redis Cluster all three share one hash slot.
"""

from __future__ import annotations

# KEYS: room, timers. ARGV: state, ttl seconds, deadline ('' = none), code.
CREATE = """
if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
redis.call('HSET', KEYS[1], 'state', ARGV[1], 'version', 1)
redis.call('EXPIRE', KEYS[1], ARGV[2])
if ARGV[3] ~= '' then redis.call('ZADD', KEYS[2], ARGV[3], ARGV[4]) end
return 1
"""

# KEYS: room, timers. ARGV: expected version, state, ttl seconds, deadline ('' = none), code,
# channel, payload ('' = nothing to publish), PUBLISH or SPUBLISH (sharded, on a cluster).
# Returns the new version, 0 on a version conflict, -1 when the room is gone.
SAVE = """
local version = redis.call('HGET', KEYS[1], 'version')
if not version then return -1 end
if version ~= ARGV[1] then return 0 end
local next_version = tonumber(version) + 1
redis.call('HSET', KEYS[1], 'state', ARGV[2], 'version', next_version)
redis.call('EXPIRE', KEYS[1], ARGV[3])
if ARGV[4] == '' then
  redis.call('ZREM', KEYS[2], ARGV[5])
else
  redis.call('ZADD', KEYS[2], ARGV[4], ARGV[5])
end
if ARGV[7] ~= '' then redis.call(ARGV[8], ARGV[6], ARGV[7]) end
return next_version
"""

# KEYS: room, timers. ARGV: expected version, deadline ('' = none), code.
RESCHEDULE = """
local version = redis.call('HGET', KEYS[1], 'version')
if not version then
  redis.call('ZREM', KEYS[2], ARGV[3])
  return -1
end
if version ~= ARGV[1] then return 0 end
if ARGV[2] == '' then
  redis.call('ZREM', KEYS[2], ARGV[3])
else
  redis.call('ZADD', KEYS[2], ARGV[2], ARGV[3])
end
return 1
"""

# KEYS: timers. ARGV: now, lease deadline, limit. Claims due rooms by pushing them to the lease.
CLAIM_DUE = """
local due = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, ARGV[3])
for _, code in ipairs(due) do redis.call('ZADD', KEYS[1], ARGV[2], code) end
return due
"""

ALL = (CREATE, SAVE, RESCHEDULE, CLAIM_DUE)
