// The room as this page knows it: a snapshot replaced whole, then events applied in `seq`
// order (docs/battle-protocol.md, version 1). No rendering here.

export const PROTOCOL_VERSION = 1;

export class RoomModel {
  constructor() {
    this.room = null;       // the public room state of the last snapshot, kept up to date
    this.feed = [];         // what happened, newest last: {text, kind}
    this.clockOffset = 0;   // server epoch seconds minus client epoch seconds (estimated)
  }

  seat(number) {
    return this.room ? this.room.seats.find((s) => s.seat === number) : null;
  }

  name(number) {
    const seat = this.seat(number);
    return seat ? seat.name : `Seat ${number}`;
  }

  serverNow() {
    return Date.now() / 1000 + this.clockOffset;
  }

  // Seconds left until a server epoch-seconds deadline (never negative).
  secondsLeft(deadline) {
    return deadline ? Math.max(0, deadline - this.serverNow()) : null;
  }

  snapshot(frame) {
    this.room = frame.room;
    this.room.seq = frame.seq ?? frame.room.seq;
  }

  // Apply one event frame; returns false when it is old (seq not above the snapshot's).
  apply(frame) {
    const room = this.room;
    if (!room) return false;
    if (typeof frame.seq === "number") {
      if (frame.seq <= room.seq) return false;
      room.seq = frame.seq;
    }
    const handler = EVENTS[frame.type];
    if (handler) handler(this, room, frame);
    return true;
  }

  note(text, kind = "") {
    this.feed.push({ text, kind });
    if (this.feed.length > 60) this.feed.shift();
  }
}

const VERDICTS = {
  valid: "correct",
  not_teammates: "never teammates",
  already_named: "already named",
  link_exhausted: "that team-season link is used up",
};
export const verdictText = (v) => VERDICTS[v] || String(v || "").replaceAll("_", " ");

const EVENTS = {
  player_joined(m, room, f) {
    if (!m.seat(f.seat)) {
      room.seats.push({ seat: f.seat, name: f.name, ready: false, connected: false, lives: 0, alive: true, attempts_left: 0, entries: [], finished: false });
    }
    if (room.host === null || room.host === undefined) room.host = f.seat;
    m.note(`${f.name} joined`);
  },
  player_left(m, room, f) {
    const name = m.name(f.seat);
    room.seats = room.seats.filter((s) => s.seat !== f.seat);
    m.note(`${name} left`);
  },
  host_changed(m, room, f) {
    room.host = f.seat;
    m.note(`${m.name(f.seat)} is the host now`);
  },
  presence(m, room, f) {
    const seat = m.seat(f.seat);
    if (!seat) return;
    seat.connected = f.connected;
    seat.grace_deadline = f.connected ? null : f.grace_deadline;
  },
  player_ready(m, room, f) {
    const seat = m.seat(f.seat);
    if (seat) seat.ready = f.ready;
  },
  game_started(m, room, f) {
    room.phase = "playing";
    room.start = f.start;
    if (f.mode === "race") {
      room.target = f.target;
      room.optimal_hops = f.optimal_hops;
      room.ends_at = f.ends_at;
      room.seats.forEach((s) => { s.attempts_left = f.attempts; s.alive = true; s.entries = []; s.finished = false; });
      m.note(`The race is on: ${f.start.name} to ${f.target.name}`);
    } else {
      room.order = f.order;
      room.chain = [{ player: f.start, seat: null, turn: 0, via: [] }];
      room.seats.forEach((s) => { s.lives = f.lives; s.alive = true; });
      m.note(`The game starts from ${f.start.name}`);
    }
  },
  turn(m, room, f) {
    m.clockOffset = f.deadline - f.seconds - Date.now() / 1000;
    room.turn = f.turn;
    room.turn_seat = f.seat;
    room.turn_deadline = f.deadline;
  },
  guess(m, room, f) {
    const seat = m.seat(f.seat);
    if (seat) seat.lives = f.lives;
    if (f.valid) {
      room.chain.push({ player: f.player, seat: f.seat, turn: f.turn, via: f.via || [] });
      m.note(`${m.name(f.seat)} named ${f.player.name}`, "good");
    } else {
      m.note(`${m.name(f.seat)} said ${f.player.name}: ${verdictText(f.verdict)}, lost a life`, "bad");
    }
  },
  timeout(m, room, f) {
    const seat = m.seat(f.seat);
    if (seat) seat.lives = f.lives;
    m.note(`${m.name(f.seat)} ran out of time, lost a life`, "bad");
  },
  eliminated(m, room, f) {
    const seat = m.seat(f.seat);
    if (seat) {
      seat.alive = false;
      seat.out_reason = f.reason;
    }
    m.note(`${m.name(f.seat)} is out`, "bad");
  },
  submission(m, room, f) {
    const seat = m.seat(f.seat);
    if (seat) {
      seat.attempts_left = f.attempts_left;
      seat.entries = [...(seat.entries || []), { chain: f.chain, hop_valid: f.hop_valid, valid: f.valid, reason: f.reason, hops: f.hops, score: f.score }];
      if (f.valid || f.attempts_left <= 0) seat.finished = true;
    }
    if (f.valid) m.note(`${m.name(f.seat)} connected them in ${f.hops} links (${f.score} points)`, "good");
    else m.note(`${m.name(f.seat)}'s chain was not valid${f.reason ? `: ${f.reason}` : ""}`, "bad");
  },
  time_up(m) {
    m.note("Time is up", "bad");
  },
  game_over(m, room, f) {
    room.phase = "finished";
    room.winner = f.winner;
    room.standings = f.standings;
    room.turn_seat = null;
    m.note(f.winner ? `${m.name(f.winner)} wins!` : "Game over", "good");
  },
  result(m, room, f) {
    room.phase = "finished";
    room.winner = f.winner;
    room.standings = f.standings;
    room.analysis = f.analysis;
    room.concluded = true;
  },
};
